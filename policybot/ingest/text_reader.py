"""Policy text -> metadata, sections, paragraphs and cookie rows; and `build`, which writes the knowledge files.

The text is a web page's extraction: paragraphs separated by blank lines, numbered headings
("5. Comment désactiver les cookies", "6.Cookies…"), and a cookie table whose cells are glued
together with no separator. Rows are split by the shape of the text, never by known names:
a website looks like a domain (or "All Websites"), a duration is a number and a unit (or "Session"),
a category is one of a few labels, and the cookie name ends where the purpose's first word is glued
to it ("LinkedInAdvertising vendor…", "_zendesk_sessionHold session…").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import IngestError
from ..knowledge.model import Cookie, Paragraph, Section, sha12
from ..knowledge.patterns import VARIABLE_PART
from ..language.durations import DURATION_PATTERN
from ..language.text import detect_language
from .categories import known_labels
from .contract import ParsedPolicy, SourceRow, make_cookies
from .metadata import clean as _clean
from .metadata import document_metadata


def _label_pattern(label: str) -> str:
    return re.escape(label).replace("/", r"\s*/\s*").replace(r"\ ", r"\s+")


_ONE_LABEL = "|".join(_label_pattern(label) for label in known_labels())
_LABEL_ALTERNATION = rf"(?:{_ONE_LABEL})(?:\s*/\s*(?:{_ONE_LABEL}))*"
# The end of one row: duration glued to category, then the end of the line, " & " before the next row,
# a stray comma, or a space before a row glued on after the category.
_ROW_END = re.compile(
    rf"(?P<duration>{DURATION_PATTERN})\t?(?P<category>{_LABEL_ALTERNATION})"
    r"(?P<after>(?P<comma>\s*,)?(?:\s*&\s*|\s*$|\s+))",
    re.IGNORECASE,
)
# A duration at the end of a row that carries an unknown category: for a clear error message.
_UNKNOWN_CATEGORY = re.compile(rf"(?:{DURATION_PATTERN})(?P<rest>[A-Z][^\d]{{0,40}})$")
# A name with a marked variable part glued to its purpose: "_ga_*Used by…", "_ga_<container-id>Stores…".
_PATTERN_NAME = re.compile(rf"^[^\s]*?(?:{VARIABLE_PART.pattern})(?=[A-Z])")

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
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


# ---------------------------------------------------------------------------------------------------
# The cookie table


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
    pattern = _PATTERN_NAME.match(rest)
    if pattern:
        return [pattern.end()]
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


def _read_row_line(raw: str, lineno: int, rows: list[SourceRow], skipped: list[str]) -> None:
    """Add a table line's rows to `rows`; a line that cannot be read goes to `skipped` (a warning)."""
    try:
        rows.extend(_parse_row_line(raw, lineno))
    except IngestError as error:
        skipped.append(str(error))


def _segment_row(segment: str, lineno: int, duration: str, label: str, notes: list[str]) -> SourceRow:
    """A row's text before its duration ('www.zendesk.com_zendesk_sessionHold session…') -> the row."""
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
    return SourceRow(f"line {lineno}", lineno, name, website, purpose, duration, label, notes)


def _parse_row_line(raw: str, lineno: int) -> list[SourceRow]:
    """One line of the table -> its rows (usually one; several when joined by ' & ' or glued)."""
    line = _clean(raw)
    matches = list(_ROW_END.finditer(line))
    if not matches:
        unknown = _UNKNOWN_CATEGORY.search(line)
        if unknown and any(label.startswith(unknown["rest"].strip().casefold()) for label in known_labels()):
            raise IngestError(f"line {lineno}: table row is incomplete (category cut short: "
                              f"{unknown['rest'].strip()!r}): {line[:80]!r}")
        if unknown:             # a label the data file does not know: the row is kept (a warning says so)
            label = unknown["rest"].strip()
            duration = line[unknown.start():unknown.start("rest")].strip()
            return [_segment_row(line[:unknown.start()].strip(), lineno, duration, label, [])]
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
        if match["comma"]:
            notes.append("stray comma after the category")
        rows.append(_segment_row(segment, lineno, match["duration"].strip(), match["category"], notes))
        start = match.end()
    return rows


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
    raw_rows: list[SourceRow] = []
    skipped: list[str] = []                               # table lines that could not be read
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
                    _read_row_line(line, start + offset, raw_rows, skipped)
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
                    _read_row_line(row_line, start + offset, raw_rows, skipped)
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
        raise IngestError(skipped[0] if skipped else f"line {table_lines[0]}: the cookie table has no rows")
    warnings.extend(f"{problem}; row skipped" for problem in skipped)

    metadata = document_metadata(preamble, sections[-1].paragraphs, text, warnings)
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

    cookies = make_cookies(raw_rows, strict_durations=True, glued_cells=True)
    joined_lines: dict[int, list[Cookie]] = {}
    for cookie in cookies:
        if any(n.startswith("split from line") for n in cookie.notes):
            joined_lines.setdefault(cookie.line, []).append(cookie)
    for lineno, split in joined_lines.items():
        warnings.append(f"line {lineno}: {len(split) + 1} rows joined by ' & ' on one line "
                        f"(rows {split[0].row - 1}-{split[-1].row}); split")
    warnings.extend(f"row {c.row} ({c.name}, line {c.line}): {note}"
                    for c in cookies for note in c.notes if not note.startswith("split from line"))
    return ParsedPolicy(metadata=metadata, sections=built, cookies=cookies, warnings=warnings, reader="text")


