"""Cookie names that are patterns (`_ga_*`, `_ga_<container-id>`, `name_[id]`, `prefix-*`, `_ga_#`) and their instances.

A pattern's literal parts must appear in order and each wildcard stands for one or more letters, digits, dots,
dashes or underscores. So `_ga_5QXZ1R2K` is an instance of `_ga_*`, but `_ga` is not, and `_hjSessionUser_1`
is an instance of `_hjSessionUser_*`, not of `_hjSession_*` (it only starts with a longer, different word).
"""
from __future__ import annotations

import re
from functools import lru_cache

WILDCARD = re.compile(r"\*|#|<[^<>]*>|\[[^\[\]]*\]|\{[^{}]*\}")
WILDCARD_MATCH = r"[\w.\-]+"


def is_pattern(name: str) -> bool:
    """Whether a cookie name, as written, stands for a family of names."""
    return WILDCARD.search(name) is not None


@lru_cache(maxsize=4096)
def _compiled(pattern: str) -> tuple[re.Pattern, int]:
    literals = WILDCARD.split(pattern)
    regex = WILDCARD_MATCH.join(re.escape(literal) for literal in literals)
    return re.compile(rf"^{regex}$", re.IGNORECASE), sum(len(literal) for literal in literals)


def pattern_specificity(pattern: str, name: str) -> int | None:
    """How specific `pattern` is for `name` (its literal characters), or None when `name` is not an instance.

    Among the patterns a name is an instance of, the highest specificity wins.
    """
    if not is_pattern(pattern) or is_pattern(name):
        return None
    regex, literal_chars = _compiled(pattern)
    return literal_chars if regex.match(name.strip()) else None
