"""The hand-kept files beside the generated ones: overlay.yaml (the company's own words) and translations.yaml."""
from __future__ import annotations

from typing import Any

from .checker import UNREADABLE, Checker, describe
from .model import LANGUAGES, Cookie, KnowledgeBase, Lexicon, Section, sha12

OVERLAY_FILE, TRANSLATIONS_FILE = "overlay.yaml", "translations.yaml"
LEXICON_FILE = "lexicon.yaml"        # the overlay's former name: carried over by `build` while a folder has one
COOKIES_FILE = "cookies.yaml"
HAND_KEPT_FILES = (OVERLAY_FILE, TRANSLATIONS_FILE)


def read_overlay(data: Any, check: Checker, cookies: list[Cookie] | None) -> tuple[Lexicon, list[str]]:
    """The company's own words: aliases (what people call a cookie -> its name), and optionally extra synonyms
    (concept -> words, added to the engine's vocabulary) and stopwords. Returns the overlay and its warnings:
    an alias to a cookie the knowledge base no longer has is a warning (the alias is dropped), not a problem."""
    name = OVERLAY_FILE
    if data is None or data is UNREADABLE:
        return Lexicon(), []
    data = check.mapping(data, name)
    if data.get("version", 1) != 1:
        check.report(name, "version", f"expected 1, got {describe(data.get('version'))}")
    unknown = set(data) - {"version", "aliases", "synonyms", "stopwords"}
    for key in sorted(unknown, key=str):
        check.report(name, str(key), "unknown section (expected aliases, synonyms or stopwords)")
    synonyms = []
    for concept, words in check.mapping(data.get("synonyms") or {}, name, "synonyms").items():
        words = check.strings(words, f"{name}: synonyms", str(concept))
        if words:
            synonyms.append((str(concept),) + words)
    aliases: dict[str, str] = {}
    warnings: list[str] = []
    names = {c.name for c in cookies} if cookies is not None else None
    folded = {c.name.casefold(): c.name for c in cookies or ()}
    for alias, target in check.mapping(data.get("aliases") or {}, name, "aliases").items():
        where = f"{name}: aliases"
        if not isinstance(alias, str) or not alias.strip():
            check.report(where, describe(alias), "expected a non-empty string")
        elif not isinstance(target, str) or not target.strip():
            check.report(where, alias, f"expected a cookie name, got {describe(target)}")
        elif names is not None and target not in names:
            hint = f" (did you mean {folded[target.casefold()]!r}?)" if target.casefold() in folded else ""
            warnings.append(f"{where}: {alias}: no cookie named {target!r} in {COOKIES_FILE}{hint}; alias ignored")
        else:
            aliases[alias] = target
    stopwords = check.strings(data.get("stopwords") or [], name, "stopwords")
    return Lexicon(synonyms=tuple(synonyms), aliases=aliases, stopwords=stopwords), warnings


def read_translations(data: Any, check: Checker, sections: list[Section]) -> tuple[dict[str, dict[str, str]], list[str]]:
    """The renderings whose source is unchanged, and a list of stale ones (problems for `check`)."""
    name = TRANSLATIONS_FILE
    if data is None or data is UNREADABLE:
        return {}, []
    data = check.mapping(data, name)
    if data.get("version", 1) != 1:
        check.report(name, "version", f"expected 1, got {describe(data.get('version'))}")
    current = {p.id: p.sha for s in sections for p in s.paragraphs}
    first = sections[0].document if sections else ""
    titles = {s.number: sha12(s.title) for s in sections if s.document == first}   # keyed by number: first document's
    renderings: dict[str, dict[str, str]] = {}
    stale: list[str] = []
    for kind, key_field, known, prefix in (("paragraphs", "id", current, ""), ("titles", "section", titles, "title:")):
        for index, item in enumerate(check.items(data.get(kind), name, kind), start=1):
            where = f"{name}: {kind}[{index}]"
            item = check.mapping(item, where)
            key = item.get(key_field)
            if not isinstance(key, str) or not key:
                check.report(where, key_field, f"expected a string, got {describe(key)}")
                continue
            where = f"{name}: {'paragraph' if kind == 'paragraphs' else 'title of section'} {key}"
            source_sha = check.text(item, where, "source_sha")
            texts = {}
            for language in LANGUAGES:
                if language in item:
                    value = check.text(item, where, language)
                    if value:
                        texts[language] = value
            if not texts:
                check.report(where, "", "no rendering (expected an en: or fr: text)")
            unknown = set(item) - {key_field, "source_sha", *LANGUAGES}
            if unknown:
                check.report(where, "", f"unknown field(s): {', '.join(map(str, sorted(unknown, key=str)))}")
            if key not in known:
                stale.append(f"{where}: the source {'paragraph' if kind == 'paragraphs' else 'title'} no longer exists")
            elif source_sha is not None and source_sha != known[key]:
                stale.append(f"{where}: source changed since this rendering was written (sha {source_sha}≠{known[key]})")
            elif texts and source_sha is not None:
                renderings.setdefault(prefix + key, {}).update(texts)
    return renderings, stale


def missing_translations(kb: KnowledgeBase) -> list[str]:
    """One warning per paragraph with no current rendering in the other language (one line in all when the
    knowledge base has no translations file)."""
    missing = [f"{TRANSLATIONS_FILE}: paragraph {p.id} ({section.document or kb.document_id} {section.number}): "
               f"no {'French' if p.language == 'en' else 'English'} rendering"
               for section, p in kb.paragraphs() if p.id not in kb.translations]
    if missing and not (kb.path / TRANSLATIONS_FILE).exists():
        return [f"{TRANSLATIONS_FILE}: no translations: {len(missing)} paragraphs are answered only in their own language"]
    return missing
