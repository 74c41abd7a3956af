"""Answers, cookies and sections -> terminal text, JSON and CSV.

Pure formatting: every function takes what the library returns (an `Answer`, cookie source
dicts, `Cookie` / `Section` objects) and returns a string. Nothing here looks anything up.

Two modes, chosen by the caller with `Style.for_stream(sys.stdout)`:
- on a terminal: colour (unless NO_COLOR is set), text wrapped to the terminal's width and
  cookie tables laid out in columns, grouped by category the way cookie banners show them;
- piped: plain, stable text: no escape codes, no wrapping, tables as tab-separated values
  with a header line (one row per line, easy to `cut`, `sort` or `awk`).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from ...answer import Answer

# Column order of CSV and of the JSON objects: exactly a cookie source of the JSON contract.
COOKIE_FIELDS = ("type", "name", "website", "purpose", "duration", "duration_days",
                 "session", "category", "category_label")
# Category order of the policy (and of cookie banners: necessary first).
CATEGORY_ORDER = ("essential", "analytics", "functionality", "advertising")
CATEGORY_TITLES = {"essential": "Essential", "analytics": "Analytics",
                   "functionality": "Functionality", "advertising": "Advertising"}
# Columns of the piped (tab-separated) cookie table.
TSV_COLUMNS = ("name", "website", "category", "duration", "purpose")

_CODES = {"bold": "1", "dim": "2", "italic": "3", "red": "31", "green": "32",
          "yellow": "33", "blue": "34", "magenta": "35", "cyan": "36"}


def color_wanted(stream: Any) -> bool:
    """Colour on a terminal only; NO_COLOR (any non-empty value) or TERM=dumb turn it off,
    FORCE_COLOR turns it on even when piped."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    return is_tty(stream)


def is_tty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


@dataclass(frozen=True)
class Style:
    """How to lay text out: `tty` for columns and wrapping, `color` for escape codes,
    `width` the terminal's width (None when piped: no wrapping)."""
    tty: bool = False
    color: bool = False
    width: int | None = None

    @classmethod
    def for_stream(cls, stream: Any) -> "Style":
        tty = is_tty(stream)
        width = None
        if tty:
            import shutil
            width = max(40, shutil.get_terminal_size((100, 24)).columns)
        return cls(tty=tty, color=color_wanted(stream), width=width)

    def paint(self, text: str, *names: str) -> str:
        if not self.color or not text:
            return text
        codes = ";".join(_CODES[n] for n in names)
        return f"\x1b[{codes}m{text}\x1b[0m"

    def bold(self, text: str) -> str:
        return self.paint(text, "bold")

    def dim(self, text: str) -> str:
        return self.paint(text, "dim")

    def wrap(self, text: str, indent: str = "") -> str:
        """Wrap each line to the width (keeping a list item's hanging indent); unchanged when piped."""
        if not self.width:
            return "\n".join(indent + line if line else line for line in text.split("\n"))
        import textwrap
        out = []
        for line in text.split("\n"):
            if not line.strip():
                out.append("")
                continue
            stripped = line.lstrip()
            lead = line[: len(line) - len(stripped)]
            hang = lead
            for bullet in ("- ", "* ", "• "):
                if stripped.startswith(bullet):
                    hang = lead + " " * len(bullet)
                    break
            out.extend(textwrap.wrap(line, width=self.width - len(indent),
                                     initial_indent=indent, subsequent_indent=indent + hang,
                                     break_long_words=False, break_on_hyphens=False)
                       or [indent + line])
        return "\n".join(out)


PLAIN = Style()


# --- answers -----------------------------------------------------------------------------

def answer_json(answer: Answer, *, indent: int | None = None) -> str:
    """The JSON contract of one answer; one line unless `indent` is given."""
    return json.dumps(answer.to_dict(), ensure_ascii=False, indent=indent)


def answer_text(answer: Answer, style: Style = PLAIN) -> str:
    """What a person reads: the answer, where it comes from, and what to try when it abstains."""
    parts = [style.wrap(answer.text.strip())]
    sources = source_lines(answer, style)
    if sources:
        parts.append("\n".join(sources))
    if answer.suggestions:
        questions = all(s.rstrip().endswith("?") for s in answer.suggestions)
        label = "Try asking:" if questions else "Did you mean:" if not answer.answered else "Related:"
        lines = [style.paint(label, "yellow")]
        lines += [f"  - {style.bold(s)}" for s in answer.suggestions]
        parts.append("\n".join(lines))
    if answer.notice:                           # e.g. "This edition of the policy is no longer in effect …"
        parts.append(style.dim(answer.notice))
    return "\n\n".join(p for p in parts if p)


def source_lines(answer: Answer, style: Style = PLAIN) -> list[str]:
    """'Source: ...' lines: one per source, or a count for a list of cookies."""
    sources = answer.sources
    if not sources:
        return []
    cookies = [s for s in sources if s.get("type") == "cookie"]
    if answer.kind == "list" or len(cookies) > 3:
        n = len(cookies)
        line = f"Sources: {n} cookie{'s' if n != 1 else ''} from the policy's cookie table"
        out = [style.dim(line)]
        if answer.see_all is not None:
            out.append(style.dim("See all: ") + style.bold(see_all_command(answer.see_all)))
        others = [s for s in sources if s.get("type") != "cookie"]
        out += [style.dim("Source: " + describe_source(s)) for s in others]
        return out
    out = []
    for s in sources:
        out.append(style.dim("Source: ") + style.dim(describe_source(s)))
        quote = (s.get("excerpt") or "").strip()
        if s.get("type") == "section" and quote and _squash(quote) not in _squash(answer.text):
            out.append(style.wrap(style.paint(f"“{quote}”", "italic"), indent="  "))
    return out


def see_all_command(filters: dict[str, Any]) -> str:
    """An answer's `see_all` filters as the `policybot cookies` command that lists the same rows."""
    command = ["policybot cookies"]
    if filters.get("document"):
        command.append(f"--document {filters['document']}")
    if filters.get("category"):
        command.append(f"--category {filters['category']}")
    if filters.get("site"):
        command.append(f"--site {filters['site']}")
    if filters.get("session") is True:
        command.append("--session")
    elif filters.get("session") is False:
        command.append("--no-session")
    if filters.get("longer_than_days") is not None:
        command.append(f"--longer-than {cli_duration(filters['longer_than_days'])}")
    if filters.get("shorter_than_days") is not None:
        command.append(f"--shorter-than {cli_duration(filters['shorter_than_days'])}")
    return " ".join(command)


# The units of `--longer-than` / `--shorter-than`, largest first.
CLI_UNITS = (("y", 365), ("mo", 30), ("w", 7), ("d", 1), ("h", 1 / 24), ("m", 1 / 1440))


def cli_duration(days: float) -> str:
    """365 -> '1y', 14 -> '2w', 1/24 -> '1h'; a whole number of the largest unit that fits exactly."""
    for unit, size in CLI_UNITS:
        amount = days / size
        if amount >= 1 and abs(amount - round(amount)) < 1e-3:
            return f"{round(amount)}{unit}"
    return f"{days:g}d"


PLACES = {"preamble": "opening lines", "end": "last line", "notes": "end of the policy"}


def describe_source(source: dict[str, Any]) -> str:
    """One line naming a source: '§5.1 Essential Cookies' or 'cookie table: NAME (site; duration; label)'."""
    if source.get("type") == "section":
        number = str(source.get("number") or "")
        if not number[:1].isdigit():            # the document's own lines: its header, last line, notes
            return f"{source.get('title') or ''} ({PLACES.get(number, number)})".strip()
        return f"§{number} {source.get('title') or ''}".strip()
    if source.get("type") == "cookie":
        facts = [source.get("website") or "no website given", source.get("duration") or "",
                 source.get("category_label") or source.get("category") or ""]
        return f"cookie table: {source.get('name')} ({'; '.join(f for f in facts if f)})"
    return str(source)


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


# --- cookies -----------------------------------------------------------------------------

def cookies_json(sources: Sequence[dict[str, Any]]) -> str:
    """A JSON array of cookie sources (the contract's fields, in its order)."""
    rows = [{k: s.get(k) for k in COOKIE_FIELDS} for s in sources]
    return json.dumps(rows, ensure_ascii=False, indent=2)


def cookies_csv(sources: Sequence[dict[str, Any]]) -> str:
    """CSV with a header line; the same fields as a cookie source; booleans as true/false."""
    import csv
    import io
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COOKIE_FIELDS)
    for s in sources:
        writer.writerow([_csv_value(s.get(k)) for k in COOKIE_FIELDS])
    return buf.getvalue()


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def cookies_table(sources: Sequence[dict[str, Any]], style: Style = PLAIN) -> str:
    """The cookie declaration: grouped by category in columns on a terminal, TSV when piped."""
    if not style.tty:
        lines = ["\t".join(TSV_COLUMNS)]
        for s in sources:
            lines.append("\t".join(_tsv_cell(s.get(c)) for c in TSV_COLUMNS))
        return "\n".join(lines) + "\n"
    if not sources:
        return style.dim("No cookies match.") + "\n"
    blocks = []
    groups: dict[str, list[dict[str, Any]]] = {}
    for s in sources:
        groups.setdefault(s.get("category") or "", []).append(s)
    order = [c for c in CATEGORY_ORDER if c in groups] + [c for c in groups if c not in CATEGORY_ORDER]
    cells = {id(s): [s.get("name") or "", s.get("website") or "—", _duration_cell(s), s.get("purpose") or ""]
             for s in sources}
    header = ["Name", "Website", "Duration", "Purpose"]
    widths = _widths(header, list(cells.values()), style, caps=(32, 26, 22))  # one layout for every group
    for category in order:
        rows = groups[category]
        title = CATEGORY_TITLES.get(category, category.title() or "Uncategorised")
        labels = sorted({r.get("category_label") for r in rows if r.get("category_label")})
        heading = style.paint(f"{title} ({len(rows)})", "bold", "cyan")
        if labels and labels != [title]:
            heading += style.dim(f"  as the policy says: {', '.join(labels)}")
        table = _columns(header, [cells[id(r)] for r in rows], style, widths)
        blocks.append(heading + "\n" + table)
    total = len(sources)
    blocks.append(style.dim(f"{total} cookie{'s' if total != 1 else ''}"))
    return "\n\n".join(blocks) + "\n"


def _tsv_cell(value: Any) -> str:
    return " ".join(_csv_value(value).split())


def _duration_cell(source: dict[str, Any]) -> str:
    written = source.get("duration") or ""
    if source.get("session"):
        return written or "Session"
    days = source.get("duration_days")
    if days is None:
        return written
    from ...language.durations import both_wordings
    return both_wordings(written, days, "en")


_GAP = "  "


def _widths(header: list[str], rows: list[list[str]], style: Style, caps: tuple[int, ...]) -> list[int]:
    """Column widths: every column but the last fits its longest cell up to a cap; the last fills the width."""
    n = len(header)
    widths = []
    for i in range(n - 1):
        longest = max([len(header[i])] + [len(r[i]) for r in rows])
        widths.append(min(longest, caps[i] if i < len(caps) else longest))
    rest = (style.width or 120) - sum(widths) - len(_GAP) * (n - 1)
    return widths + [max(20, rest)]


def _columns(header: list[str], rows: list[list[str]], style: Style, widths: list[int]) -> str:
    """Lay rows out in columns, wrapping cells to their widths."""
    import textwrap
    gap = _GAP
    n = len(header)
    out = [gap.join(style.bold(h.ljust(w)) if i < n - 1 else style.bold(h)
                    for i, (h, w) in enumerate(zip(header, widths)))]
    for row in rows:
        cells = [textwrap.wrap(c, width=w, break_long_words=True, break_on_hyphens=False) or [""]
                 for c, w in zip(row, widths)]
        height = max(len(c) for c in cells)
        for line in range(height):
            parts = []
            for i, (cell, w) in enumerate(zip(cells, widths)):
                text = cell[line] if line < len(cell) else ""
                padded = text.ljust(w) if i < n - 1 else text
                if i == 0 and line == 0:
                    padded = style.bold(padded)
                elif i == 1 or (i == 0 and line > 0):
                    padded = style.dim(padded)
                parts.append(padded)
            out.append(gap.join(parts).rstrip())
    return "\n".join(out)


def cookie_detail(cookies: Sequence[Any], style: Style = PLAIN) -> str:
    """Every field of every row with one name, a block per row."""
    from ...language.durations import humanize_days
    blocks = []
    for c in cookies:
        days = getattr(c, "duration_days", None)
        if c.session:
            lasts = "ends with the browser session"
        elif days is not None:
            lasts = f"{humanize_days(days, 'en')} ({_number(days)} days)"
        else:
            lasts = "not stated"
        fields = [
            ("Website", c.website or "not given in the policy"),
            ("Purpose", c.purpose),
            ("Duration", c.duration),
            ("Lasts", lasts),
            ("Session", "yes" if c.session else "no"),
            ("Category", _category(c.category, c.category_label)),
            ("Row", f"{c.row} of the policy's cookie table"),
        ]
        for note in getattr(c, "notes", ()) or ():
            fields.append(("Note", note))
        lines = [style.paint(c.name, "bold", "cyan")]
        label_width = max(len(k) for k, _ in fields) + 1
        for key, value in fields:
            label = f"  {key + ':':<{label_width}} "
            body = style.wrap(str(value), indent=" " * len(label)).lstrip() if style.width else str(value)
            lines.append(style.dim(label) + body)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _category(category: str, label: str) -> str:
    title = CATEGORY_TITLES.get(category, category)
    return title if _squash(label) == _squash(title) else f"{title} (the policy says “{label}”)"


def _number(days: float) -> str:
    return str(int(days)) if float(days).is_integer() else f"{days:g}"


# --- sections ----------------------------------------------------------------------------

def sections_list(sections: Iterable[Any], style: Style = PLAIN) -> str:
    """A table of contents: number and title, subsections indented."""
    lines = []
    for s in sections:
        indent = "  " if getattr(s, "parent", None) else ""
        number = f"{indent}{s.number}"
        lines.append(f"{style.bold(number.ljust(6))} {s.title}")
    return "\n".join(lines) + ("\n" if lines else "")


def section_detail(section: Any, style: Style = PLAIN, children: Sequence[Any] = ()) -> str:
    """A section's title and every paragraph, as written; subsections named at the end."""
    head = style.paint(f"{section.number}. {section.title}", "bold", "cyan")
    paragraphs = [style.wrap(p.text) for p in section.paragraphs]
    parts = [head] + paragraphs
    if children:
        parts.append(style.dim("Subsections: ") + ", ".join(f"{c.number} {c.title}" for c in children))
    return "\n\n".join(parts) + "\n"


def sections_json(sections: Iterable[Any]) -> str:
    """`policybot sections --json`: the table of contents as a JSON array."""
    return json.dumps([{"number": s.number, "title": s.title, "parent": s.parent, "language": s.title_language}
                       for s in sections], ensure_ascii=False, indent=2)


def section_json(section: Any, children: Sequence[Any] = ()) -> str:
    """`policybot section N --json`: one section, its paragraphs as written, and its subsections' titles."""
    return json.dumps({
        "number": section.number, "title": section.title, "parent": section.parent,
        "language": section.title_language,
        "paragraphs": [{"id": p.id, "language": p.language, "text": p.text} for p in section.paragraphs],
        "subsections": [{"number": c.number, "title": c.title} for c in children],
    }, ensure_ascii=False, indent=2)
