"""Cookie names that are patterns (`_ga_*`, `_ga_<container-id>`, `name_[id]`, `prefix-*`, `_ga_#`) and their instances.

A pattern's literal parts must appear in order and each wildcard stands for one or more letters, digits, dots,
dashes or underscores. So `_ga_5QXZ1R2K` is an instance of `_ga_*`, but `_ga` is not, and `_hjSessionUser_1`
is an instance of `_hjSessionUser_*`, not of `_hjSession_*` (it only starts with a longer, different word).
A wildcard right after a letter never carries that word on: `_hj*` does not cover `_hjSessionUser_1` either.
"""
from __future__ import annotations

import re
from functools import lru_cache

WILDCARD = re.compile(r"\*|#|<[^<>]*>|\[[^\[\]]*\]|\{[^{}]*\}")
VARIABLE_PART = WILDCARD            # the name the readers use
WILDCARD_MATCH = r"[\w.\-]+"
_AFTER_A_LETTER = r"(?![^\W\d_])"   # a wildcard after a letter starts with a digit or a separator, not a letter


def is_pattern(name: str) -> bool:
    """Whether a cookie name, as written, stands for a family of names."""
    return WILDCARD.search(name) is not None


@lru_cache(maxsize=4096)
def _compiled(pattern: str) -> tuple[re.Pattern, int]:
    literals = WILDCARD.split(pattern)
    regex = ""
    for index, literal in enumerate(literals):
        regex += re.escape(literal)
        if index < len(literals) - 1:
            regex += (_AFTER_A_LETTER if literal[-1:].isalpha() else "") + WILDCARD_MATCH
    return re.compile(rf"^{regex}$", re.IGNORECASE), sum(len(literal) for literal in literals)


def pattern_specificity(pattern: str, name: str) -> int | None:
    """How specific `pattern` is for `name` (its literal characters), or None when `name` is not an instance.

    Among the patterns a name is an instance of, the highest specificity wins.
    """
    if not is_pattern(pattern) or is_pattern(name):
        return None
    regex, literal_chars = _compiled(pattern)
    return literal_chars if regex.match(name.strip()) else None


def best_pattern(patterns: list[str], name: str) -> str | None:
    """The most specific of `patterns` that `name` is an instance of, or None (the first listed on a tie)."""
    best, best_score = None, -1
    for pattern in patterns:
        score = pattern_specificity(pattern, name)
        if score is not None and score > best_score:
            best, best_score = pattern, score
    return best
