"""Category labels as policies write them -> the four categories, from language/data/categories.yaml."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from ..knowledge.model import CATEGORIES

CATEGORIES_DATA = Path(__file__).resolve().parent.parent / "language" / "data" / "categories.yaml"
_TRAILING_WORD = re.compile(r"\s+(?:cookies?|traceurs?)$|^(?:les\s+)?cookies?\s+(?:de\s+|d')?", re.IGNORECASE)
_PARTS = re.compile(r"\s*(?:/|&|,|\band\b|\bet\b|\+)\s*", re.IGNORECASE)


def normal_label(label: str) -> str:
    """'Targeting /Advertising' -> 'Targeting/Advertising'; spaces collapsed."""
    return re.sub(r"\s*/\s*", "/", " ".join(label.split()))


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], str]:
    data = yaml.safe_load(CATEGORIES_DATA.read_text(encoding="utf-8"))
    labels = {}
    for code, languages in data["categories"].items():
        if code not in CATEGORIES:
            raise ValueError(f"{CATEGORIES_DATA.name}: unknown category {code!r}")
        for words in languages.values():
            for word in words:
                labels[normal_label(str(word)).casefold()] = code
    unknown = data["unknown_category"]
    if unknown not in CATEGORIES:
        raise ValueError(f"{CATEGORIES_DATA.name}: unknown_category must be one of {CATEGORIES}")
    return labels, unknown


def known_labels() -> list[str]:
    """Every label the data file knows (folded), longest first."""
    return sorted(_table()[0], key=len, reverse=True)


def category_of(label: str) -> tuple[str, bool]:
    """(category code, known?) for a label as written. An unknown label gets the data file's
    `unknown_category` and False."""
    labels, unknown = _table()
    folded = normal_label(label).casefold()
    if folded in labels:
        return labels[folded], True
    trimmed = _TRAILING_WORD.sub("", folded).strip()
    if trimmed in labels:
        return labels[trimmed], True
    for part in _PARTS.split(trimmed):
        if part in labels:
            return labels[part], True
    return unknown, False
