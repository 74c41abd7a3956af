"""Cookie declarations as CSV or TSV (consent-platform exports, cookie databases): one row per cookie,
columns recognised by their header words (columns.py), in English or French."""
from __future__ import annotations

import csv
import io
import re

from ..errors import IngestError
from ..knowledge.model import Metadata
from .columns import NAME_HEADER_EXAMPLES, column_roles
from .contract import ParsedPolicy, SourceRow, make_cookies, table_row
from .metadata import clean

_DELIMITERS = ",;\t|"


def _delimiter(header_line: str, suffix: str) -> str:
    if suffix == ".tsv":
        return "\t"
    counts = {d: header_line.count(d) for d in _DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _title(file_name: str) -> str:
    stem = re.sub(r"[-_]+", " ", file_name.rsplit(".", 1)[0]).strip()
    return f"Cookie declaration ({stem})" if stem else "Cookie declaration"


def read_table(text: str, file_name: str = "declaration.csv") -> ParsedPolicy:
    """A CSV/TSV declaration -> a ParsedPolicy with no prose. Raises IngestError when there is no header
    with a cookie-name column or no readable row; rows it cannot read are warnings."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise IngestError("line 1: file is empty; expected a header row with a cookie-name column")
    suffix = "." + file_name.rsplit(".", 1)[-1].casefold() if "." in file_name else ".csv"
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line, suffix))
    warnings: list[str] = []
    header: list[str] | None = None
    header_line = 0
    rows: list[SourceRow] = []
    try:
        for cells in reader:
            line = reader.line_num
            cells = [clean(c) for c in cells]
            if not any(cells):
                continue
            if header is None:
                header, header_line = cells, line
                roles = column_roles(header)
                if "name" not in roles:
                    raise IngestError(f"line {line}: no cookie-name column (expected a header such as "
                                      f"{NAME_HEADER_EXAMPLES}); found {', '.join(h for h in header if h)}")
                continue
            if len(cells) != len(header):
                extra = "extra ignored" if len(cells) > len(header) else "missing ones left empty"
                warnings.append(f"line {line}: {len(cells)} fields, expected {len(header)}; {extra}")
                cells = (cells + [""] * len(header))[:len(header)]

            def cell(role: str) -> str:
                return cells[roles[role]] if role in roles else ""

            if not cell("name"):
                warnings.append(f"line {line}: no cookie name; row skipped")
                continue
            rows += table_row(cell, "line", line, missing_purpose="no purpose in the declaration")
    except csv.Error as error:
        raise IngestError(f"line {reader.line_num}: not readable as CSV: {error}") from None
    if header is None:
        raise IngestError("line 1: no header row; expected one with a cookie-name column")
    if not rows:
        raise IngestError(f"line {header_line}: the declaration has a header but no cookie rows")
    cookies = make_cookies(rows)
    warnings.extend(f"line {c.line} ({c.name}): {note}" for c in cookies for note in c.notes
                    if not note.startswith("one of "))
    metadata = Metadata(title=_title(file_name), status=None, in_effect=None, superseded_on=None, effective_on=None,
                        effective_text=None, last_updated_on=None, last_updated_text=None)
    return ParsedPolicy(metadata=metadata, sections=[], cookies=cookies, warnings=warnings, kind="declaration",
                        reader="csv")
