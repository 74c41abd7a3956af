"""Policy text -> metadata, sections, paragraphs and cookie rows; and `build`, which writes the knowledge files.

The text is a web page's extraction: paragraphs separated by blank lines, numbered headings
("5. Comment désactiver les cookies", "6.Cookies…"), and a cookie table whose cells are glued
together with no separator. Rows are split by the shape of the text, never by known names:
a website looks like a domain (or "All Websites"), a duration is a number and a unit (or "Session"),
a category is one of a few labels, and the cookie name ends where the purpose's first word is glued
to it ("LinkedInAdvertising vendor…", "_zendesk_sessionHold session…").
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..language.durations import DURATION_PATTERN, parse_policy_duration
from ..errors import IngestError, KnowledgeError
from ..knowledge import (COOKIES_FILE, POLICY_FILE, Cookie, Metadata, Paragraph, Section, dump_cookies, dump_policy,
                        sha12, validate_knowledge)
from ..language.text import detect_language

# Category labels as policies write them (en/fr), per category code; matched ignoring case and spaces around '/'.
CATEGORY_LABELS: dict[str, tuple[str, ...]] = {
    "essential": ("Essential", "Essentials", "Strictly Necessary", "Necessary", "Essentiel", "Essentiels",
                  "Strictement nécessaire", "Strictement nécessaires", "Nécessaire", "Nécessaires"),
    "analytics": ("Analytics", "Analyses", "Analyse", "Analytique", "Analytiques", "Performance",
                  "Statistics", "Statistiques"),
    "functionality": ("Functionality/Preference", "Functionality/Preferences", "Preference/Functionality",
                      "Functionality", "Preference", "Preferences", "Fonctionnalité/Préférence",
                      "Fonctionnalité", "Fonctionnalités", "Préférence", "Préférences"),
    "advertising": ("Targeting/Advertising", "Advertising/Targeting", "Targeting", "Advertising", "Marketing",
                    "Ciblage/Publicité", "Publicité/Ciblage", "Publicité", "Ciblage"),
}
_LABEL_CODES = {label.casefold(): code for code, labels in CATEGORY_LABELS.items() for label in labels}


def _label_pattern(label: str) -> str:
    return re.escape(label).replace("/", r"\s*/\s*").replace(r"\ ", r"\s+")


_LABEL_ALTERNATION = "|".join(_label_pattern(label) for label in sorted(_LABEL_CODES, key=len, reverse=True))
# The end of one row: duration glued to category, then the end of the line, " & " before the next row,
# a stray comma, or a space before a row glued on after the category.
_ROW_END = re.compile(
    rf"(?P<duration>{DURATION_PATTERN})\t?(?P<category>{_LABEL_ALTERNATION})"
    r"(?P<after>(?P<comma>\s*,)?(?:\s*&\s*|\s*$|\s+))",
    re.IGNORECASE,
)
# A duration at the end of a row that carries an unknown category: for a clear error message.
_UNKNOWN_CATEGORY = re.compile(rf"(?:{DURATION_PATTERN})(?P<rest>[A-Z][^\d]{{0,40}})$")

_TLDS = sorted("""com net org info biz io co ai app dev tech cloud site online me tv ly fm to eu us uk
    fr de es it nl be ch at lu pt ie dk se no fi pl cz ru jp cn kr in au nz ca mx br ar cl sg hk tw""".split(),
               key=len, reverse=True)
_WEBSITE = re.compile(
    r"(?P<all>All [Ww]ebsites|Tous les sites(?: [Ww]eb)?)\s*"
    rf"|(?P<domain>(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:{'|'.join(_TLDS)}))(?![a-z0-9-]*\.[a-z])"
)
_SNAKE_NAME = re.compile(r"[a-z0-9_]*_[a-z0-9_]*(?=[A-Z])")
_NAME_TOKEN = re.compile(r"[A-Z0-9À-Þ][\w.&+'’!()-]*")
_FIRST_NAME_TOKEN = re.compile(r"[a-z_][\w.-]*")
_NAME_CONNECTORS = {"of", "de", "&"}

_HEADER_KEYS = (
    ("website", "site web", "sites web", "site"),
    ("cookie name", "nom du cookie", "name", "nom"),
    ("purpose", "finalité", "objectif", "description"),
    ("duration", "durée", "expiration", "expiry"),
    ("category", "catégorie", "type"),
)
_HEADING = re.compile(r"^(?P<number>[0-9]{1,2})\.[ \t]*(?P<title>[^\W\d_«“\"].*)$")
_HTML_RESIDUE = re.compile(r"^\s*<?a\s+href=[^>]*>\s*|</a>")
_SKIP_LINK = re.compile(r"^(skip to (the )?(main )?content|passer directement au contenu|aller au contenu)", re.I)
_STATUS = re.compile(r"no longer in effect|previous version|archived version|version précédente|"
                     r"n.est plus en vigueur|plus en vigueur", re.I)
_EFFECTIVE = re.compile(r"^(effective (as of|from|on|date)|en vigueur (à compter|depuis|au)|date d.entrée en vigueur|"
                        r"entrée en vigueur)", re.I)
_LAST_UPDATED = re.compile(r"^(dernière mise à jour|derniere mise a jour|mis à jour le|last updated|last modified|"
                           r"updated on)\b", re.I)
_TRADEMARK = re.compile(r"trademark|registered mark|service mark|marques? (déposée|de service|de commerce)|™|®", re.I)
_POLICY_NAME = re.compile(r"\b(Cookies? Policy|Politique (?:relative aux|en matière de|de|des) cookies)\b", re.I)
_DEFINED_TERM = re.compile(r"\(\s*[“\"«]\s*([^”\"»]{1,60}?)\s*[”\"»]\s*\)")
_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
}
_MONTH = "|".join(_MONTHS)
_DATE_MDY = re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<day>[0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>[0-9]{{4}})\b", re.I)
_DATE_DMY = re.compile(rf"\b(?P<day>[0-9]{{1,2}})(?:er|st|nd|rd|th)?\s+(?P<month>{_MONTH})\s+(?P<year>[0-9]{{4}})\b", re.I)

# Words of a purpose that say what kind of cookie it is; checked against the row's category.
_ADVERTISING_WORDS = re.compile(r"\b(advert\w*|ads?|remarketing|re-?targeting|retarget\w*|marketing|conversions?|"
                                r"audiences?|prospecting|publicit\w*|ciblage|campaigns?)\b", re.I)
_ANALYTICS_WORDS = re.compile(r"\b(analytics|analy[sz]\w*|tracking|track|behaviou?r|measurement|heat maps?|"
                              r"statistic\w*|a/b testing|suivi)\b", re.I)
_GLUED_WORDS = re.compile(r"\b[A-Z]?[a-z]{2,}[A-Z][a-z]{2,}\w*")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


@dataclass
class ParsedPolicy:
    """What `parse_policy` found: the document's metadata, its sections, its cookie rows, and warnings."""
    metadata: Metadata
    sections: list[Section]
    cookies: list[Cookie]
    warnings: list[str] = field(default_factory=list)

    @property
    def paragraph_count(self) -> int:
        return sum(len(s.paragraphs) for s in self.sections)


@dataclass
class BuildReport:
    """What `build` wrote, with the counts and warnings to show the user."""
    source: Path
    out_dir: Path
    files: list[Path]
    sections: int
    paragraphs: int
    cookies: int
    warnings: list[str]

    def lines(self) -> list[str]:
        head = (f"built {self.out_dir} from {self.source.name}: {self.sections} sections, "
                f"{self.paragraphs} paragraphs, {self.cookies} cookie rows")
        if not self.warnings:
            return [head, "no warnings"]
        return [head, f"{len(self.warnings)} warnings:"] + [f"  - {w}" for w in self.warnings]


def _clean(text: str) -> str:
    """Non-breaking and narrow spaces become plain spaces; the ends are stripped."""
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace("\t", " ").strip()


def _iso_date(text: str) -> str | None:
    for pattern in (_DATE_MDY, _DATE_DMY):
        match = pattern.search(text)
        if match:
            month = _MONTHS.get(match["month"].casefold())
            if month is None:
                continue
            try:
                return date(int(match["year"]), month, int(match["day"])).isoformat()
            except ValueError:          # "February 30"
                continue
    return None


# ---------------------------------------------------------------------------------------------------
# The cookie table


def _normal_label(label: str) -> str:
    """'Targeting /Advertising' -> 'Targeting/Advertising'."""
    return re.sub(r"\s*/\s*", "/", " ".join(label.split()))


def _category_code(label: str) -> str:
    """The category code of a label as matched (case-insensitively, any spaces around '/')."""
    folded = _normal_label(label).casefold()
    if folded in _LABEL_CODES:
        return _LABEL_CODES[folded]
    return next(code for known, code in _LABEL_CODES.items()
                if re.fullmatch(_label_pattern(known), label.strip(), re.IGNORECASE))


def _is_table_header(line: str) -> bool:
    folded = _clean(line).casefold()
    if len(folded) > 200 or len(folded.split()) > 15 or ", " in folded or folded.endswith((".", ":", ";")):
        return False                                     # a sentence about the table, not its header
    if _ROW_END.search(line):
        return False
    return sum(any(key in folded for key in keys) for keys in _HEADER_KEYS) >= 4


def _name_like(name: str) -> bool:
    words = name.split()
    if not 1 <= len(words) <= 6 or name.endswith((".", ",", ":", ";")):
        return False
    return all(
        _NAME_TOKEN.fullmatch(w) or (i == 0 and _FIRST_NAME_TOKEN.fullmatch(w)) or (0 < i < len(words) - 1 and w in _NAME_CONNECTORS)
        for i, w in enumerate(words)
    )


def _plain_first_word(purpose: str) -> bool:
    """'Advertising', 'End-User', 'Re-targeting,', 'SSO', 'A/B' yes; 'TypeDetermines', 'InAdvertising' no."""
    word = re.split(r"[\s,.;:!?()/]", purpose, maxsplit=1)[0]
    if not word:
        return False
    for i, part in enumerate(word.split("-")):
        if not part or not part.isalpha():
            return False
        if part.isupper():                                # an acronym: "SSO", "A"
            continue
        head, tail = part[0], part[1:]
        if not tail.islower() or (i == 0 and not head.isupper()):
            return False
    return True


def _split_points(rest: str) -> list[int]:
    """Where a purpose may start: after a snake_case name, or at a glued lower->Upper (or ACRONym) step."""
    snake = _SNAKE_NAME.match(rest)
    if snake and snake.end() > 0:
        return [snake.end()]
    points = []
    for i in range(1, len(rest)):
        char, before = rest[i], rest[i - 1]
        if not char.isupper():
            continue
        if before.islower() or before.isdigit() or before in ")’'":
            points.append(i)
        elif before.isupper() and i + 1 < len(rest) and rest[i + 1].islower() and i >= 2:
            points.append(i)                              # "AOLAdvertising": the step after an acronym
    return points


def split_name_purpose(rest: str) -> tuple[str, str, bool]:
    """'LinkedInAdvertising vendor…' -> ('LinkedIn', 'Advertising vendor…', True).

    The purpose starts at the first glued step (no space: cells are glued) where what comes before
    reads as a name and what comes after starts with a plain capitalised word. The flag is False
    when no step fits both and the split is a guess. Raises IngestError when there is no step at all.
    """
    points = _split_points(rest)
    for i in points:
        name, purpose = rest[:i].strip(), rest[i:].strip()
        if _name_like(name) and _plain_first_word(purpose):
            return name, purpose, True
    for i in points:
        if _name_like(rest[:i].strip()):
            return rest[:i].strip(), rest[i:].strip(), False
    if points:
        return rest[: points[0]].strip(), rest[points[0]:].strip(), False
    raise IngestError(f"cannot tell the cookie name from its purpose in {rest[:60]!r}")


@dataclass
class _RawRow:
    line: int
    website: str | None
    name: str
    purpose: str
    duration: str
    category_label: str
    notes: list[str]


def _parse_row_line(raw: str, lineno: int) -> list[_RawRow]:
    """One line of the table -> its rows (usually one; several when joined by ' & ' or glued)."""
    line = _clean(raw)
    matches = list(_ROW_END.finditer(line))
    if not matches:
        unknown = _UNKNOWN_CATEGORY.search(line)
        if unknown and any(label.startswith(unknown["rest"].strip().casefold()) for label in _LABEL_CODES):
            raise IngestError(f"line {lineno}: table row is incomplete (category cut short: "
                              f"{unknown['rest'].strip()!r}): {line[:80]!r}")
        if unknown:
            raise IngestError(f"line {lineno}: unknown cookie category {unknown['rest'].strip()!r} in table row {line[:60]!r}…")
        raise IngestError(f"line {lineno}: table row is incomplete (no duration and category at its end): {line[:80]!r}")
    tail = line[matches[-1].end():].strip()
    if tail:
        raise IngestError(f"line {lineno}: table row is incomplete after its last category: {tail[:80]!r}")
    rows, start = [], 0
    joined = sum(1 for m in matches[:-1] if "&" in m["after"])
    for index, match in enumerate(matches):
        segment = line[start:match.start()].strip()
        if not segment:
            raise IngestError(f"line {lineno}: a duration and category with no cookie before them: {match.group(0).strip()!r}")
        notes = []
        previous = matches[index - 1] if index else None
        if previous is not None:
            if "&" in previous["after"]:
                notes.append(f"split from line {lineno}, where {joined + 1} rows are joined by ' & '")
            else:
                notes.append(f"glued to the previous row after its category on line {lineno}; split")
        site = _WEBSITE.match(segment)
        website = None
        if site:
            website = site["all"] or site["domain"]
            segment = segment[site.end():].strip()
        else:
            notes.append("no website in the policy")
        if not segment:
            raise IngestError(f"line {lineno}: a row with a website but no cookie name or purpose")
        try:
            name, purpose, sure = split_name_purpose(segment)
        except IngestError as error:
            raise IngestError(f"line {lineno}: {error}") from None
        if not sure:
            notes.append(f"name and purpose guessed from {segment[:40]!r}")
        label = match["category"]
        if label != _normal_label(label):
            notes.append(f"category written {label!r}; read as {_normal_label(label)}")
        if match["comma"]:
            notes.append("stray comma after the category")
        rows.append(_RawRow(lineno, website, name, purpose, match["duration"].strip(), label, notes))
        start = match.end()
    return rows


def _category_note(purpose: str, category: str, label: str) -> str | None:
    """A note when the purpose's words point to another kind of cookie than its category."""
    if _ADVERTISING_WORDS.search(purpose) and category in ("essential", "functionality", "analytics"):
        return f"category {label} but the purpose reads as advertising"
    if _ANALYTICS_WORDS.search(purpose) and category in ("essential", "functionality"):
        return f"category {label} but the purpose reads as analytics/tracking"
    return None


def _make_cookies(raw_rows: list[_RawRow]) -> list[Cookie]:
    cookies: list[Cookie] = []
    seen: dict[tuple[str, str | None], _RawRow] = {}
    for number, raw in enumerate(raw_rows, start=1):
        notes = list(raw.notes)
        try:
            days, session = parse_policy_duration(raw.duration)
        except IngestError as error:
            raise IngestError(f"line {raw.line}: {error}") from None
        category = _category_code(raw.category_label)
        key = (raw.name.casefold(), (raw.website or "").casefold() or None)
        if key in seen:
            first = seen[key]
            first_row = raw_rows.index(first) + 1
            if first.purpose == raw.purpose:
                notes.append(f"duplicate of row {first_row} (same name, website and purpose)")
            else:
                notes.append(f"same name and website as row {first_row}, different purpose")
        else:
            seen[key] = raw
        glued = _GLUED_WORDS.search(raw.purpose)
        if glued:
            notes.append(f"the purpose has words glued together ({glued.group()!r}): perhaps two cells run together")
        contradiction = _category_note(raw.purpose, category, raw.category_label)
        if contradiction:
            notes.append(contradiction)
        cookies.append(Cookie(
            row=number, name=raw.name, website=raw.website, purpose=raw.purpose, duration=raw.duration,
            duration_days=days, session=session, category=category, category_label=raw.category_label,
            notes=tuple(notes), purpose_language=detect_language(raw.purpose), line=raw.line,
        ))
    return cookies


# ---------------------------------------------------------------------------------------------------
# The document


def _lines(text: str) -> list[str]:
    if not isinstance(text, str):
        raise IngestError("the policy must be text")
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise IngestError(f"line {line}: the text contains binary data (control character {bad.group()!r}); "
                          "expected the policy as plain UTF-8 text")
    if not text.strip():
        raise IngestError("the policy text is empty")
    return text.split("\n")


def _blocks(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines, each with the number of its first line (from 1)."""
    blocks: list[tuple[int, list[str]]] = []
    for number, line in enumerate(lines, start=1):
        if not _clean(line):
            continue
        if blocks and blocks[-1][0] + len(blocks[-1][1]) == number:
            blocks[-1][1].append(line)
        else:
            blocks.append((number, [line]))
    return blocks


def _heading(line: str) -> tuple[int, str] | None:
    match = _HEADING.match(_clean(line))
    if not match:
        return None
    title = match["title"].strip()
    if len(title) > 120 or len(title.split()) > 16 or title.endswith((".", ",", ";")) or ". " in title:
        return None
    return int(match["number"]), title


@dataclass
class _OpenSection:
    number: str
    title: str
    parent: str | None
    paragraphs: list[tuple[int, str]] = field(default_factory=list)


def parse_policy(text: str) -> ParsedPolicy:
    """Parse a policy text. Raises IngestError (with the line) when it cannot be read as a policy."""
    lines = _lines(text)
    warnings: list[str] = []
    preamble: list[tuple[int, str]] = []
    sections: list[_OpenSection] = []
    raw_rows: list[_RawRow] = []
    table_lines: list[int] = []
    top, sub = 0, 0
    in_table = False

    def paragraph(lineno: int, text: str) -> None:
        if sections:
            sections[-1].paragraphs.append((lineno, text))
        else:
            preamble.append((lineno, text))

    for start, block in _blocks(lines):
        if in_table:                                     # rows may go on after a blank line
            if all(_ROW_END.search(_clean(l)) and not _heading(l) for l in block):
                for offset, line in enumerate(block):
                    raw_rows.extend(_parse_row_line(line, start + offset))
                continue
            in_table = False
        pending: list[str] = []
        pending_start = start
        index = 0
        while index < len(block):
            line, lineno = block[index], start + index
            if _is_table_header(line):
                if pending:
                    paragraph(pending_start, " ".join(_clean(l) for l in pending))
                    pending = []
                if table_lines:
                    raise IngestError(f"line {lineno}: a second cookie table (the first starts on line {table_lines[0]})")
                table_lines.append(lineno)
                for offset, row_line in enumerate(block[index + 1:], start=index + 1):
                    raw_rows.extend(_parse_row_line(row_line, start + offset))
                in_table = True
                break
            heading = _heading(line) if not pending else None
            if heading:
                number, title = heading
                if top == 0 or number == top + 1 or number > top + 1 and number != sub + 1:
                    if top and number > top + 1:
                        warnings.append(f"line {lineno}: section numbers jump from {top} to {number}")
                    top, sub = number, 0
                    sections.append(_OpenSection(str(number), title, None))
                    index += 1
                    continue
                if number == sub + 1:
                    sub = number
                    sections.append(_OpenSection(f"{top}.{number}", title, str(top)))
                    index += 1
                    continue
                warnings.append(f"line {lineno}: numbered line {line.strip()[:40]!r} is out of sequence; "
                                "kept as a paragraph")
            if not pending:
                pending_start = lineno
            pending.append(line)
            index += 1
        if pending:
            paragraph(pending_start, " ".join(_clean(l) for l in pending))

    if not sections:
        raise IngestError("no numbered sections found (expected headings such as '1. Introduction')")
    if not table_lines:
        raise IngestError("no cookie table found (expected a header line naming the website, cookie name, "
                          "purpose, duration and category columns)")
    if not raw_rows:
        raise IngestError(f"line {table_lines[0]}: the cookie table has no rows")

    metadata = _metadata(preamble, sections, warnings, text)
    built = []
    for open_section in sections:
        paragraphs = []
        for lineno, body in open_section.paragraphs:
            stripped = _HTML_RESIDUE.sub("", body).strip()
            if stripped != body:
                warnings.append(f"line {lineno}: HTML residue removed from a paragraph of section {open_section.number}")
                body = stripped
            if not body:
                continue
            paragraphs.append(Paragraph(id=f"{open_section.number}.p{len(paragraphs) + 1}",
                                        language=detect_language(body), text=body, sha=sha12(body)))
        title = _clean(open_section.title)
        built.append(Section(number=open_section.number, title=title, title_language=detect_language(title),
                             paragraphs=tuple(paragraphs), parent=open_section.parent))

    cookies = _make_cookies(raw_rows)
    joined_lines: dict[int, list[Cookie]] = {}
    for cookie in cookies:
        if any(n.startswith("split from line") for n in cookie.notes):
            joined_lines.setdefault(cookie.line, []).append(cookie)
    for lineno, split in joined_lines.items():
        warnings.append(f"line {lineno}: {len(split) + 1} rows joined by ' & ' on one line "
                        f"(rows {split[0].row - 1}-{split[-1].row}); split")
    warnings.extend(f"row {c.row} ({c.name}, line {c.line}): {note}"
                    for c in cookies for note in c.notes if not note.startswith("split from line"))
    return ParsedPolicy(metadata=metadata, sections=built, cookies=cookies, warnings=warnings)


def _metadata(preamble: list[tuple[int, str]], sections: list[_OpenSection], warnings: list[str], text: str) -> Metadata:
    status = effective = last_updated = None
    notes: list[str] = []
    for lineno, body in preamble:
        body = _clean(body)
        if _SKIP_LINK.match(body):
            continue
        if status is None and _STATUS.search(body) and len(body) < 200:
            status = body
        elif effective is None and _EFFECTIVE.match(body):
            effective = body
        else:
            notes.append(body)
            warnings.append(f"line {lineno}: text before the first section kept as a note: {body[:50]!r}")
    trailing = sections[-1].paragraphs
    while trailing:
        lineno, body = trailing[-1]
        body = _clean(body)
        if last_updated is None and _LAST_UPDATED.match(body) and len(body) < 120:
            last_updated = body
        elif _TRADEMARK.search(body) and len(trailing) > 1:
            notes.insert(0, body)
        else:
            break
        trailing.pop()
    company = None
    if effective:
        defined = _DEFINED_TERM.search(effective)
        company = defined.group(1) if defined else None
    policy_name = _POLICY_NAME.search(_clean(text))
    name = " ".join(policy_name.group(1).split()) if policy_name else "Cookie Policy"
    title = f"{company} {name}" if company and not name.casefold().startswith(company.casefold()) else name
    in_effect = False if status else None       # a status line only ever says the policy is superseded
    return Metadata(
        title=title, status=status, in_effect=in_effect, superseded_on=_iso_date(status) if status else None,
        effective_on=_iso_date(effective) if effective else None, effective_text=effective,
        last_updated_on=_iso_date(last_updated) if last_updated else None, last_updated_text=last_updated,
        notes=tuple(notes),
    )


# ---------------------------------------------------------------------------------------------------
# Building the knowledge files


def read_source(source_path: str | os.PathLike) -> tuple[str, bytes]:
    """The policy file's text (UTF-8, any line endings) and its bytes. Raises IngestError."""
    path = Path(source_path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise IngestError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise IngestError(f"{path}: is a folder, expected the policy text file") from None
    except OSError as error:
        raise IngestError(f"{path}: cannot be read: {error.strerror or error}") from None
    if b"\x00" in data:
        offset = data.index(b"\x00")
        raise IngestError(f"{path}: binary data (NUL byte at offset {offset}); expected the policy as UTF-8 text")
    try:
        return data.decode("utf-8"), data
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise IngestError(f"{path}: line {line}: not UTF-8 text (invalid byte 0x{data[error.start]:02x} "
                          f"at offset {error.start})") from None


def build(source_path: str | os.PathLike, out_dir: str | os.PathLike) -> BuildReport:
    """Parse the policy at `source_path` and write policy.yaml and cookies.yaml into `out_dir`.

    The files are written into a temporary folder beside them, validated by loading, then moved into
    place; on any error the knowledge base in `out_dir` is left as it was. overlay.yaml and
    translations.yaml are never touched. Raises IngestError (or KnowledgeError).
    """
    source, out = Path(source_path), Path(out_dir)
    text, data = read_source(source)
    try:
        parsed = parse_policy(text)
    except IngestError as error:
        raise IngestError(f"{source}: {error}") from None
    info = {"file": source.name, "sha256": hashlib.sha256(data).hexdigest()}
    contents = {POLICY_FILE: dump_policy(parsed.metadata, parsed.sections, info),
                COOKIES_FILE: dump_cookies(parsed.cookies, info)}
    try:
        out.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".build-", dir=out))
    except OSError as error:
        raise IngestError(f"{out}: cannot write the knowledge base there: {error.strerror or error}") from None
    try:
        for name, content in contents.items():
            (staging / name).write_text(content, encoding="utf-8")
        problems = [p for p in validate_knowledge(staging) if p.startswith((POLICY_FILE, COOKIES_FILE))]
        if problems:
            raise KnowledgeError(f"the built knowledge base is invalid: {problems[0]}", problems)
        # Hand-kept files next to the new ones: report what the new edition breaks, but leave them alone.
        for name in ("overlay.yaml", "translations.yaml"):
            if (out / name).is_file():
                shutil.copyfile(out / name, staging / name)
        warnings = list(parsed.warnings) + [
            f"{p} (after this build)" for p in validate_knowledge(staging) if not p.startswith((POLICY_FILE, COOKIES_FILE))
        ]
        for name in (COOKIES_FILE, POLICY_FILE):
            os.replace(staging / name, out / name)
    except OSError as error:
        raise IngestError(f"{out}: cannot write the knowledge base there: {error.strerror or error}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BuildReport(source=source, out_dir=out, files=[out / POLICY_FILE, out / COOKIES_FILE],
                       sections=len(parsed.sections), paragraphs=parsed.paragraph_count,
                       cookies=len(parsed.cookies), warnings=warnings)
