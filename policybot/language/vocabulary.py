"""The engine's English/French vocabulary (data/en.yaml, data/fr.yaml), read once and validated.

It is package data: every knowledge base is read with it, and a knowledge folder only adds its company's own
words (overlay.yaml). The two files hold the same sections; a concept (a synonym group, a cue, a category) is one
entry whether its words come from one language or both. Cue names are declared here, so a misspelt cue in a
data file is an error, not a silent no-op.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import KnowledgeError

DATA = Path(__file__).parent / "data"
LANGUAGE_FILES = ("en.yaml", "fr.yaml")
CATEGORY_CODES = ("essential", "analytics", "functionality", "advertising")
# What a question can ask for; the engine's reading looks each of these up by name.
CUE_NAMES = (
    "duration", "category", "website", "session", "persistent", "usedfor", "purpose", "list", "definition",
    "effective", "updated", "nowebsite", "exact", "often", "superseded", "edition", "status", "when", "ormore",
    "orless", "more", "less", "between", "pronoun", "negation", "except", "longest", "shortest", "count",
    "in_app", "on_website", "in_declaration",
)
LIST_SECTIONS = ("stopwords", "fillers", "offtopic")
MAPPING_SECTIONS = ("synonyms", "cues", "categories", "browsers", "units", "numbers")
TEXT_SECTIONS = ("spellings", "rewrites")


@dataclass(frozen=True)
class Vocabulary:
    """Both languages merged: each section as the engine reads it (concept -> entries, in file order)."""
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    stopwords: dict[str, tuple[str, ...]] = field(default_factory=dict)     # language -> words
    fillers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    offtopic: dict[str, tuple[str, ...]] = field(default_factory=dict)
    spellings: dict[str, str] = field(default_factory=dict)
    rewrites: dict[str, str] = field(default_factory=dict)
    cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    categories: dict[str, tuple[str, ...]] = field(default_factory=dict)
    browsers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    units: dict[float, tuple[str, ...]] = field(default_factory=dict)
    numbers: dict[float, tuple[str, ...]] = field(default_factory=dict)


def check_vocabulary(documents: dict[str, Any]) -> list[str]:
    """Every problem in the vocabulary files' data ({file name: parsed YAML}), as 'file: section: entry: message'."""
    problems = []
    for name, data in documents.items():
        if not isinstance(data, dict):
            problems.append(f"{name}: expected a mapping of sections")
            continue
        for section, value in data.items():
            if section in LIST_SECTIONS:
                if not _strings(value):
                    problems.append(f"{name}: {section}: expected a list of words")
            elif section in TEXT_SECTIONS:
                if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
                    problems.append(f"{name}: {section}: expected a mapping of text to text")
            elif section in MAPPING_SECTIONS:
                if not isinstance(value, dict):
                    problems.append(f"{name}: {section}: expected a mapping")
                    continue
                for key, entries in value.items():
                    if not _strings(entries):
                        problems.append(f"{name}: {section}: {key}: expected a list of words and phrases")
                    if section == "cues" and key not in CUE_NAMES:
                        problems.append(f"{name}: cues: {key}: not a cue the engine knows "
                                        f"(expected one of {', '.join(CUE_NAMES)})")
                    if section == "categories" and key not in CATEGORY_CODES:
                        problems.append(f"{name}: categories: {key}: expected one of {', '.join(CATEGORY_CODES)}")
                    if section in ("units", "numbers"):
                        try:
                            float(key)
                        except (TypeError, ValueError):
                            problems.append(f"{name}: {section}: {key}: expected a number")
            else:
                problems.append(f"{name}: {section}: unknown section (expected one of "
                                f"{', '.join(LIST_SECTIONS + TEXT_SECTIONS + MAPPING_SECTIONS)})")
    return problems


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def read_files(folder: Path = DATA) -> dict[str, Any]:
    """The parsed vocabulary files, by file name."""
    import yaml
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return {name: yaml.load((folder / name).read_text(encoding="utf-8"), Loader=loader) for name in LANGUAGE_FILES}


def merge(documents: dict[str, Any]) -> Vocabulary:
    """One Vocabulary from the per-language files (language = the file's stem)."""
    merged: dict[str, Any] = {section: {} for section in LIST_SECTIONS + TEXT_SECTIONS + MAPPING_SECTIONS}
    for name, data in documents.items():
        language = name.split(".")[0]
        for section in LIST_SECTIONS:
            merged[section][language] = tuple(data.get(section) or ())
        for section in TEXT_SECTIONS:
            merged[section].update(data.get(section) or {})
        for section in MAPPING_SECTIONS:
            for key, entries in (data.get(section) or {}).items():
                key = float(key) if section in ("units", "numbers") else key
                merged[section][key] = merged[section].get(key, ()) + tuple(entries)
    return Vocabulary(**merged)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The shipped vocabulary; KnowledgeError if its files are broken (a packaging error, named precisely)."""
    documents = read_files()
    problems = check_vocabulary(documents)
    if problems:
        raise KnowledgeError(f"the engine's vocabulary is invalid: {problems[0]}", problems)
    return merge(documents)
