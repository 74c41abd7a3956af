"""Carrying the hand-kept files over to a new edition: translations whose source text is unchanged
(matched by the source's fingerprint, so renumbered paragraphs keep theirs) and overlay entries."""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..knowledge.model import Cookie, Section, sha12
from ..knowledge.overlay import LEXICON_FILE, OVERLAY_FILE, TRANSLATIONS_FILE

_TRANSLATIONS_HEADER = ("# Hand-kept renderings of each paragraph and title in the other language, keyed by the\n"
                        "# source's id and fingerprint (source_sha). Carried over by `policybot build`.\n")


@dataclass
class Carried:
    """What a build carried over, to report."""
    origin: Path | None = None
    translations: int = 0
    dropped_translations: int = 0
    overlay_entries: int = 0
    dropped_aliases: list[str] = field(default_factory=list)
    untranslated: int = 0
    paragraphs: set[str] = field(default_factory=set)      # ids of the paragraphs that have a rendering


def _load(path: Path) -> dict | None:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def carry_translations(origin: Path, staging: Path, sections: list[Section], carried: Carried,
                       same_folder: bool = False) -> None:
    """Write staging/translations.yaml with every rendering of `origin` whose source is unchanged, under
    the id that text has now. The file is copied byte for byte when nothing moved. In the folder being
    replaced, renderings of changed text stay too (stale: `policybot check` lists them for the translator)."""
    data = _load(origin / TRANSLATIONS_FILE)
    by_sha: dict[str, list[str]] = {}
    for section in sections:
        for paragraph in section.paragraphs:
            by_sha.setdefault(paragraph.sha, []).append(paragraph.id)
    titles: dict[str, list[str]] = {}
    for section in sections:
        if section.document == sections[0].document:          # titles are keyed by number: first document's
            titles.setdefault(sha12(section.title), []).append(section.number)
    carried.untranslated = sum(len(s.paragraphs) for s in sections)
    if data is None:
        return
    kept: dict[str, list[dict]] = {"paragraphs": [], "titles": []}
    unchanged = True
    for kind, key, index in (("paragraphs", "id", by_sha), ("titles", "section", titles)):
        for item in data.get(kind) or []:
            if not isinstance(item, dict):
                continue
            targets = index.get(str(item.get("source_sha")), [])
            if not targets:
                carried.dropped_translations += 1
                if same_folder:
                    kept[kind].append(item)                      # stale: kept for the translator, not used
                else:
                    unchanged = False
                continue
            if item.get(key) not in targets:
                unchanged = False
            target = item.get(key) if item.get(key) in targets else targets[0]
            kept[kind].append({**item, key: target})
            carried.translations += 1
            if kind == "paragraphs":
                carried.paragraphs.add(target)
    if unchanged and (origin / TRANSLATIONS_FILE).resolve() != (staging / TRANSLATIONS_FILE).resolve():
        shutil.copyfile(origin / TRANSLATIONS_FILE, staging / TRANSLATIONS_FILE)
    elif not kept["paragraphs"] and not kept["titles"]:
        (staging / TRANSLATIONS_FILE).unlink(missing_ok=True)     # nothing applies: no file rather than an empty one
    elif not unchanged:
        body = yaml.safe_dump({"version": data.get("version", 1), **kept}, allow_unicode=True, sort_keys=False,
                              width=100)
        (staging / TRANSLATIONS_FILE).write_text(_TRANSLATIONS_HEADER + body, encoding="utf-8")
    carried.untranslated = sum(len(s.paragraphs) for s in sections) - len(carried.paragraphs)


def carry_overlay(origin: Path, staging: Path, cookies: list[Cookie], carried: Carried, same_folder: bool) -> None:
    """Copy lexicon.yaml / overlay.yaml. From the folder being replaced they stay as they are (an alias to a
    removed cookie becomes a `check` warning); from another knowledge base, aliases to cookies this
    edition does not have are left out."""
    names = {c.name for c in cookies}
    for name in (LEXICON_FILE, OVERLAY_FILE):
        source = origin / name
        if not source.is_file():
            continue
        data = _load(source)
        if data is None:
            if same_folder and not (staging / name).exists():
                shutil.copyfile(source, staging / name)
            continue
        aliases = data.get("aliases") or {}
        dangling = [alias for alias, target in aliases.items() if target not in names]
        carried.overlay_entries += sum(len(v) if isinstance(v, (dict, list)) else 1
                                       for k, v in data.items() if k != "version") - len(dangling)
        carried.dropped_aliases += [f"{alias} -> {aliases[alias]}" for alias in dangling]
        if same_folder or not dangling:
            if source.resolve() != (staging / name).resolve():
                shutil.copyfile(source, staging / name)
            continue
        data["aliases"] = {alias: target for alias, target in aliases.items() if target in names}
        if not data["aliases"] and not any(data.get(key) for key in data if key not in ("version", "aliases")):
            continue                                              # nothing of it applies here
        header = f"# carried over by policybot build from {origin}; aliases to cookies no longer listed left out\n"
        (staging / name).write_text(header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100),
                                    encoding="utf-8")
