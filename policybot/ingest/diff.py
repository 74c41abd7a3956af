"""What changed between two editions of a knowledge base: cookie rows added, removed and changed
(field, old, new), and sections added, removed and changed. `policybot diff` and `build` print it."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from ..knowledge.files import POLICY_FILE, load_knowledge
from ..knowledge.model import Cookie, KnowledgeBase

COMPARED_FIELDS = ("website", "provider", "purpose", "duration", "category", "category_label")


def _pair_rows(old: list[Cookie], new: list[Cookie]) -> tuple[list[tuple[Cookie, Cookie]], list[Cookie], list[Cookie]]:
    """Rows with the same name paired: same website first, then in table order."""
    pairs, old_left, new_left = [], list(old), list(new)
    for row in list(old_left):
        match = next((n for n in new_left if (n.website or "").casefold() == (row.website or "").casefold()), None)
        if match is not None:
            pairs.append((row, match))
            old_left.remove(row)
            new_left.remove(match)
    while old_left and new_left:
        pairs.append((old_left.pop(0), new_left.pop(0)))
    return pairs, old_left, new_left


def diff_knowledge(old: KnowledgeBase, new: KnowledgeBase) -> dict[str, Any]:
    """{"cookies": {"added", "removed", "changed": [{name, field, old, new}]}, "sections": {...}}."""
    def by_name(kb: KnowledgeBase) -> dict[str, list[Cookie]]:
        rows: dict[str, list[Cookie]] = {}
        for cookie in kb.cookies:
            rows.setdefault(cookie.name.casefold(), []).append(cookie)
        return rows

    old_rows, new_rows = by_name(old), by_name(new)
    added, removed, changed = [], [], []
    for key in dict.fromkeys([*old_rows, *new_rows]):
        pairs, gone, came = _pair_rows(old_rows.get(key, []), new_rows.get(key, []))
        removed += [c.name for c in gone]
        added += [c.name for c in came]
        for before, after in pairs:
            for field in COMPARED_FIELDS:
                if getattr(before, field) != getattr(after, field):
                    changed.append({"name": after.name, "field": field, "old": getattr(before, field),
                                    "new": getattr(after, field)})

    def sections(kb: KnowledgeBase) -> dict[tuple[int, str], Any]:
        order = {d.id: i for i, d in enumerate(kb.documents)}
        return {(order.get(s.document, 0), s.number): s for s in kb.sections}

    old_sections, new_sections = sections(old), sections(new)
    section_changes: dict[str, list] = {"added": [], "removed": [], "changed": []}
    for key in dict.fromkeys([*old_sections, *new_sections]):
        before, after = old_sections.get(key), new_sections.get(key)
        if before is None:
            section_changes["added"].append({"number": after.number, "title": after.title})
        elif after is None:
            section_changes["removed"].append({"number": before.number, "title": before.title})
        else:
            if before.title != after.title:
                section_changes["changed"].append({"number": after.number, "field": "title",
                                                   "old": before.title, "new": after.title})
            if [p.text for p in before.paragraphs] != [p.text for p in after.paragraphs]:
                section_changes["changed"].append({"number": after.number, "field": "paragraphs",
                                                   "old": len(before.paragraphs), "new": len(after.paragraphs)})
    return {"cookies": {"added": added, "removed": removed, "changed": changed}, "sections": section_changes}


def diff_folders(old_folder: Path, new: KnowledgeBase) -> dict[str, Any]:
    """The difference from the knowledge base in `old_folder` to `new`. Raises KnowledgeError."""
    return diff_knowledge(load_knowledge(old_folder), new)


def load_edition(path: str | os.PathLike, fmt: str | None = None) -> KnowledgeBase:
    """A knowledge base folder as it is, or a source file built (without carry-over) in a temporary folder."""
    path = Path(path)
    if path.is_dir() and (path / POLICY_FILE).is_file():
        return load_knowledge(path)
    from .build import build
    with tempfile.TemporaryDirectory(prefix="policybot-diff-") as scratch:
        build([path], Path(scratch) / "kb", fmt=fmt)
        return load_knowledge(Path(scratch) / "kb")


def _shown(value: Any) -> str:
    return "(none)" if value is None or value == "" else repr(value) if isinstance(value, str) else str(value)


def diff_text(diff: dict[str, Any]) -> list[str]:
    """The difference as lines for a person."""
    cookies, sections = diff["cookies"], diff["sections"]
    if not any(cookies.values()) and not any(sections.values()):
        return ["no difference from the edition it replaces"]
    lines = [f"difference: {len(cookies['added'])} cookie rows added, {len(cookies['removed'])} removed, "
             f"{len(cookies['changed'])} field changes; {len(sections['added'])} sections added, "
             f"{len(sections['removed'])} removed, {len(sections['changed'])} changed"]
    lines += [f"  + cookie {name}" for name in cookies["added"]]
    lines += [f"  - cookie {name}" for name in cookies["removed"]]
    lines += [f"  ~ cookie {c['name']}: {c['field']}: {_shown(c['old'])} -> {_shown(c['new'])}" for c in cookies["changed"]]
    lines += [f"  + section {s['number']} {s['title']}" for s in sections["added"]]
    lines += [f"  - section {s['number']} {s['title']}" for s in sections["removed"]]
    lines += [f"  ~ section {s['number']}: {s['field']}: {_shown(s['old'])} -> {_shown(s['new'])}" for s in sections["changed"]]
    return lines
