"""Assembling a document from structured markup (Markdown, HTML): headings open numbered sections,
text blocks become paragraphs, the table whose header names cookies becomes the cookie rows."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import IngestError
from .categories import category_of
from .columns import column_roles, is_cookie_table
from .contract import HeadingNumbers, ParsedPolicy, SectionDraft, SourceRow, finish_sections, make_cookies, table_row
from .metadata import clean, document_metadata, is_metadata_line

INTRO_SECTION = "0"      # the text between the title and the first heading, when it is prose


@dataclass
class TableRow:
    line: int
    cells: list[str]
    written_cells: int        # how many cells the source row had (before padding or trimming)


@dataclass
class Block:
    kind: str                 # "heading", "paragraph", "table"
    line: int
    text: str = ""
    level: int = 0
    headers: list[str] = field(default_factory=list)
    rows: list[TableRow] = field(default_factory=list)


def _table_rows(block: Block, warnings: list[str], where: str, heading: str = "") -> list[SourceRow]:
    """A cookie table's rows. With no category column, the rows take the category their section's
    heading names ("Strictly necessary cookies" over a table of them), when it names one."""
    roles = column_roles(block.headers)
    section_label = heading if "category" not in roles and heading and category_of(heading)[1] else ""
    width = len(block.headers)
    rows: list[SourceRow] = []
    for row in block.rows:
        cells = (list(row.cells) + [""] * width)[:width]
        if not any(clean(c) for c in cells):
            warnings.append(f"{where} {row.line}: empty row skipped")
            continue
        if row.written_cells != width:
            extra = "extra ignored" if row.written_cells > width else "missing ones left empty"
            warnings.append(f"{where} {row.line}: {row.written_cells} cells, expected {width}; {extra}")

        def cell(role: str) -> str:
            return cells[roles[role]] if role in roles else ""

        if not clean(cell("name")):
            warnings.append(f"{where} {row.line}: no cookie name; row skipped")
            continue
        rows += table_row(cell, where, row.line, category=section_label)
    return rows


def assemble(blocks: list[Block], text: str, title_fallback: str, where: str = "line") -> ParsedPolicy:
    """Blocks in document order -> a ParsedPolicy. The first h1 is the title when other headings follow.
    Raises IngestError when there is nothing at all."""
    warnings: list[str] = []
    headings = [b for b in blocks if b.kind == "heading"]
    title = None
    if headings and headings[0].level == 1:
        title = clean(headings[0].text)
        if any(h.level > 1 for h in headings[1:]):        # a title over the sections, not a section itself
            blocks = [b for b in blocks if b is not headings[0]]
    numbers = HeadingNumbers()
    drafts: list[SectionDraft] = []
    preamble: list[tuple[int, str]] = []
    intro: list[tuple[int, str]] = []
    source_rows: list[SourceRow] = []
    tables = 0
    for block in blocks:
        if block.kind == "heading":
            number, heading, parent = numbers.number(block.level, clean(block.text))
            drafts.append(SectionDraft(number, heading, parent))
        elif block.kind == "table":
            if is_cookie_table(block.headers):
                tables += 1
                source_rows += _table_rows(block, warnings, where, drafts[-1].title if drafts else "")
                continue
            for row in block.rows:          # another table: its rows are read as sentences
                line_text = " — ".join(clean(c) for c in row.cells if clean(c))
                if line_text:
                    (drafts[-1].paragraphs if drafts else intro).append((row.line, line_text))
        elif not drafts:
            (preamble if is_metadata_line(block.text) else intro).append((block.line, block.text))
        else:
            drafts[-1].paragraphs.append((block.line, block.text))
    if not drafts and not source_rows and not intro:
        raise IngestError(f"{where} 1: no headings, paragraphs or cookie table found")
    if intro:
        if drafts:
            drafts.insert(0, SectionDraft(INTRO_SECTION, title or title_fallback, None, intro))
        else:
            drafts.append(SectionDraft("1", title or title_fallback, None, intro))
    if not headings:
        warnings.append(f"no headings found; the text is one section titled {title or title_fallback!r}")
    if not tables:
        warnings.append("no cookie table found (expected a table with a cookie-name column); indexed as prose only")
    trailing = drafts[-1].paragraphs if drafts else []
    metadata = document_metadata(preamble, trailing, text, warnings, where, title=title or title_fallback)
    cookies = make_cookies(source_rows)
    warnings.extend(f"{where} {c.line} ({c.name}): {note}" for c in cookies for note in c.notes
                    if not note.startswith("one of "))
    return ParsedPolicy(metadata=metadata, sections=finish_sections(drafts), cookies=cookies, warnings=warnings)
