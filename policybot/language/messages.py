"""The engine's sentences in English and French (data/messages.yaml): one template per key and language.

Templates use str.format fields; the engine fills them and never writes terminal or Slack syntax.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import KnowledgeError

MESSAGES_FILE = Path(__file__).parent / "data" / "messages.yaml"
LANGUAGES = ("en", "fr")
MONTHS = {"en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                 "October", "November", "December"),
          "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                 "octobre", "novembre", "décembre")}


@lru_cache(maxsize=1)
def templates() -> dict[str, dict[str, str]]:
    """Every template, by key then language; KnowledgeError when a key lacks a language."""
    import yaml
    data = yaml.load(MESSAGES_FILE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    problems = [f"{MESSAGES_FILE.name}: {key}: expected an en: and a fr: text" for key, value in data.items()
                if not isinstance(value, dict) or any(not isinstance(value.get(lang), str) for lang in LANGUAGES)]
    if problems:
        raise KnowledgeError(f"the engine's messages are invalid: {problems[0]}", problems)
    return data


def say(language: str, key: str, **fields: Any) -> str:
    """The sentence `key` in `language` (French or English), with its fields filled."""
    template = (_TEMPLATES or _load_templates())[key]
    text = template.get(language) or template["en"]
    return text.format(**fields) if fields else text.format()


_TEMPLATES: dict[str, dict[str, str]] = {}      # templates(), once read: `say` runs for nearly every answer


def _load_templates() -> dict[str, dict[str, str]]:
    _TEMPLATES.update(templates())
    return _TEMPLATES


def date_words(iso: str | None, language: str) -> str:
    """'2019-01-25' -> 'January 25, 2019' / '25 janvier 2019'."""
    if not iso:
        return ""
    year, month, day = (int(p) for p in str(iso).split("-"))
    if language == "fr":
        return f"{day} {MONTHS['fr'][month - 1]} {year}"
    return f"{MONTHS['en'][month - 1]} {day}, {year}"
