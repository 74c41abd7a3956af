"""What every reader produces (a ParsedPolicy), and the steps all readers share: cookie rows from table
cells (names split, durations and categories read, data-quality notes) and sections from headings."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import IngestError
from ..knowledge.model import Cookie, Metadata, Paragraph, Section, sha12
from ..knowledge.patterns import is_pattern
from ..language.durations import parse_policy_duration
from ..language.text import detect_language
from .categories import category_of, normal_label
from .metadata import clean

# Words of a purpose that say what kind of cookie it is; checked against the row's category.
_ADVERTISING_WORDS = re.compile(r"\b(advert\w*|ads?|remarketing|re-?targeting|retarget\w*|marketing|conversions?|"
                                r"audiences?|prospecting|publicit\w*|ciblage|campaigns?)\b", re.I)
_ANALYTICS_WORDS = re.compile(r"\b(analytics|analy[sz]\w*|tracking|track|behaviou?r|measurement|heat maps?|"
                              r"statistic\w*|a/b testing|suivi)\b", re.I)
_GLUED_WORDS = re.compile(r"\b[A-Z]?[a-z]{2,}[A-Z][a-z]{2,}\w*")
_NAME_LIST_SEPARATOR = re.compile(r"\s*[,;]\s*")
_DOMAIN = re.compile(r"^\.?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$", re.I)
_ALL_WEBSITES = re.compile(r"^(all websites|tous les sites( web)?)$", re.I)


@dataclass
class SourceRow:
    """One cookie row as a reader found it: cells as written, where it was, notes so far."""
    where: str                    # "line 12", "row 3"
    line: int | None
    name: str
    website: str | None
    purpose: str
    duration: str
    category_label: str
    notes: list[str] = field(default_factory=list)
    provider: str | None = None


@dataclass
class ParsedPolicy:
    """What a reader found in one document: metadata, sections, cookie rows, warnings, and what kind
    of document it is (website, app or declaration)."""
    metadata: Metadata
    sections: list[Section]
    cookies: list[Cookie]
    warnings: list[str] = field(default_factory=list)
    kind: str = "website"
    reader: str = "text"

    @property
    def paragraph_count(self) -> int:
        return sum(len(s.paragraphs) for s in self.sections)


def split_names(cell: str) -> list[str]:
    """'nw_csrf, nw_xsrf' -> ['nw_csrf', 'nw_xsrf']: a cell listing several single-word names; else [cell]."""
    parts = [p for p in _NAME_LIST_SEPARATOR.split(cell.strip()) if p]
    if len(parts) > 1 and all(" " not in p for p in parts):
        return parts
    return [cell.strip()]


def split_website(cell: str) -> tuple[str | None, str | None]:
    """A 'provider / domain' cell -> (website, provider): 'Northwind Cloud\\napp.example.com' -> domain and
    name; a cell with no domain is the provider alone."""
    lines = [clean(part) for part in re.split(r"[\n|]|\s+/\s+|\s+-\s+|,\s+", cell) if clean(part)]
    domains = [part for part in lines if _DOMAIN.match(part) or _ALL_WEBSITES.match(part)]
    others = [part for part in lines if part not in domains]
    website = ", ".join(domains) if domains else None
    provider = " ".join(others) if others else None
    return website, provider


def table_row(cell: Callable[[str], str], where: str, line: int, *, category: str = "",
              missing_purpose: str | None = None) -> list[SourceRow]:
    """One row of a cookie table, `cell(role)` giving its cells by role: a row each name its name cell lists,
    the website cell split into website and provider, purpose and duration on one line, the category cell or
    `category` when it is empty; `missing_purpose` is the note for a row with no purpose, if one is due."""
    name_cell = clean(cell("name"))
    website, provider = split_website(cell("website")) if cell("website") else (None, None)
    purpose, duration = " ".join(cell("purpose").split()), " ".join(cell("duration").split())
    names = split_names(name_cell)
    rows = []
    for name in names:
        notes = [f"one of {len(names)} names listed together in {name_cell!r}"] if len(names) > 1 else []
        if not purpose and missing_purpose:
            notes.append(missing_purpose)
        rows.append(SourceRow(f"{where} {line}", line, name, website, purpose, duration,
                              clean(cell("category")) or category, notes, provider))
    return rows


def _category_note(purpose: str, category: str, label: str) -> str | None:
    """A note when the purpose's words point to another kind of cookie than its category."""
    if _ADVERTISING_WORDS.search(purpose) and category in ("essential", "functionality", "analytics"):
        return f"category {label} but the purpose reads as advertising"
    if _ANALYTICS_WORDS.search(purpose) and category in ("essential", "functionality"):
        return f"category {label} but the purpose reads as analytics/tracking"
    return None


def make_cookies(rows: list[SourceRow], *, strict_durations: bool = False,
                 glued_cells: bool = False) -> list[Cookie]:
    """Source rows -> Cookie records, numbered from 1. A duration with no leading term and an unknown
    category label are notes on the row (kept; readers report notes as warnings); `strict_durations` makes the
    former an IngestError;
    `glued_cells` notes purposes with words run together (cells glued in a text extraction)."""
    cookies: list[Cookie] = []
    first_row: dict[tuple[str, str | None], tuple[int, str]] = {}
    for raw in rows:
        number = len(cookies) + 1
        notes = list(raw.notes)
        duration = clean(raw.duration)
        try:
            days, session = parse_policy_duration(duration) if duration else (None, False)
        except IngestError as error:
            if strict_durations:
                raise IngestError(f"{raw.where}: {error}") from None
            days, session = None, False
            notes.append(f"duration {duration!r} has no term policybot can read; shown as written")
        if not duration:
            notes.append("no duration in the policy")
        label = normal_label(raw.category_label)
        category, known = category_of(label) if label else category_of("")
        if not label:
            notes.append(f"no category in the policy; counted as {category}")
        elif not known:
            notes.append(f"unknown category label {label!r}; counted as {category}")
        elif raw.category_label != label:
            notes.append(f"category written {raw.category_label!r}; read as {label}")
        key = (raw.name.casefold(), (raw.website or "").casefold() or None)
        if key in first_row:
            first, purpose = first_row[key]
            if purpose == raw.purpose:
                notes.append(f"duplicate of row {first} (same name, website and purpose)")
            else:
                notes.append(f"same name and website as row {first}, different purpose")
        else:
            first_row[key] = (number, raw.purpose)
        glued = _GLUED_WORDS.search(raw.purpose) if glued_cells else None
        if glued and not is_pattern(glued.group()):
            notes.append(f"the purpose has words glued together ({glued.group()!r}): perhaps two cells run together")
        contradiction = _category_note(raw.purpose, category, raw.category_label)
        if contradiction:
            notes.append(contradiction)
        cookies.append(Cookie(
            row=number, name=raw.name, website=raw.website, purpose=raw.purpose, duration=duration,
            duration_days=days, session=session, category=category, category_label=raw.category_label,
            notes=tuple(notes), purpose_language=detect_language(raw.purpose) if raw.purpose else "en",
            line=raw.line, provider=raw.provider,
        ))
    return cookies


@dataclass
class SectionDraft:
    """A section as a reader collects it: number, title, parent, and (line, text) paragraphs."""
    number: str
    title: str
    parent: str | None
    paragraphs: list[tuple[int, str]] = field(default_factory=list)


def finish_sections(drafts: list[SectionDraft]) -> list[Section]:
    """Drafts -> Section records with paragraph ids "5.p1", "5.p2", ... and their languages."""
    sections = []
    for draft in drafts:
        paragraphs = []
        for _line, body in draft.paragraphs:
            body = clean(body)
            if body:
                paragraphs.append(Paragraph(id=f"{draft.number}.p{len(paragraphs) + 1}",
                                            language=detect_language(body), text=body, sha=sha12(body)))
        title = clean(draft.title)
        sections.append(Section(number=draft.number, title=title, title_language=detect_language(title),
                                paragraphs=tuple(paragraphs), parent=draft.parent))
    return sections


_NUMBERED_TITLE = re.compile(r"^(?P<number>[0-9]{1,2}(?:\.[0-9]{1,2})*)\.?\s+(?P<title>\S.*)$")


class HeadingNumbers:
    """Numbers for headings: as written ("3.1 Performance cookies"), else counted by level
    (the shallowest heading level is "1", "2", ...; deeper ones "2.1", "2.2", ...)."""

    def __init__(self) -> None:
        self.top_level: int | None = None
        self.top, self.sub = 0, 0
        self.used: set[str] = set()

    def number(self, level: int, text: str) -> tuple[str, str, str | None]:
        """(number, title, parent) for a heading of `level` (1 = h1) reading `text`."""
        if self.top_level is None:
            self.top_level = level
        written = _NUMBERED_TITLE.match(text)
        if written and written["number"] not in self.used:
            number, title = written["number"], written["title"]
            parts = number.split(".")
            parent = ".".join(parts[:-1]) if len(parts) > 1 and ".".join(parts[:-1]) in self.used else None
            if parent is None:
                number = parts[0] if parts[0] not in self.used else str(self.top + 1)
                self.top, self.sub = int(number), 0
            else:
                self.sub = int(parts[-1]) if len(parts) == 2 and parent == str(self.top) else self.sub
            self.used.add(number)
            return number, title, parent
        if level <= self.top_level or self.top == 0:
            self.top, self.sub = self.top + 1, 0
            while str(self.top) in self.used:
                self.top += 1
            number, parent = str(self.top), None
        else:
            self.sub += 1
            number, parent = f"{self.top}.{self.sub}", str(self.top)
            while number in self.used:
                self.sub += 1
                number = f"{self.top}.{self.sub}"
        self.used.add(number)
        return number, text, parent
