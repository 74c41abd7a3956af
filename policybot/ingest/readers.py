"""Which reader reads a source: by `--format`, else by the file's extension; and reading a source file."""
from __future__ import annotations

import codecs
import os
import re
from pathlib import Path
from typing import Callable

from ..errors import IngestError
from .contract import ParsedPolicy

# Format name -> the extensions it is chosen by.
FORMATS: dict[str, tuple[str, ...]] = {
    "text": (".txt", ".text"),
    "markdown": (".md", ".markdown"),
    "html": (".html", ".htm"),
    "csv": (".csv", ".tsv"),
}


def format_of(path: Path, requested: str | None = None) -> str:
    """The reader for `path`: `requested` when given, else by extension. Raises IngestError."""
    if requested:
        if requested not in FORMATS:
            raise IngestError(f"unknown format {requested!r}; expected one of {', '.join(FORMATS)}")
        return requested
    suffix = path.suffix.casefold()
    for name, suffixes in FORMATS.items():
        if suffix in suffixes:
            return name
    raise IngestError(f"{path}: cannot tell the format from the extension {suffix or '(none)'!r}; expected "
                      f"{', '.join(s for group in FORMATS.values() for s in group)}, or give --format")


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")                 # spreadsheets export "Unicode text" so
_DECLARED_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first kilobytes (`<meta charset="windows-1252">`), if known."""
    match = _DECLARED_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii")
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def read_source(source_path: str | os.PathLike) -> tuple[str, bytes]:
    """The file's text and its bytes: UTF-8 (a byte-order mark dropped, any line endings), UTF-16 with a
    byte-order mark, or the charset an HTML page declares. Raises IngestError."""
    path = Path(source_path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise IngestError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise IngestError(f"{path}: is a folder, expected the policy text file") from None
    except OSError as error:
        raise IngestError(f"{path}: cannot be read: {error.strerror or error}") from None
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16"), data
        except UnicodeDecodeError:
            raise IngestError(f"{path}: starts as UTF-16 text but is not valid UTF-16") from None
    if b"\x00" in data:
        offset = data.index(b"\x00")
        raise IngestError(f"{path}: binary data (NUL byte at offset {offset}); expected the policy as UTF-8 text")
    try:
        return data.decode("utf-8"), data
    except UnicodeDecodeError as error:
        declared = _declared_charset(data) if path.suffix.casefold() in FORMATS["html"] else None
        if declared and codecs.lookup(declared).name != "utf-8":
            try:
                return data.decode(declared), data
            except UnicodeDecodeError:
                pass
        line = data.count(b"\n", 0, error.start) + 1
        raise IngestError(f"{path}: line {line}: not UTF-8 text (invalid byte 0x{data[error.start]:02x} "
                          f"at offset {error.start})") from None


def _reader(name: str) -> Callable[[str, str], ParsedPolicy]:
    if name == "text":
        from .text_reader import parse_policy
        return lambda text, _file: parse_policy(text)
    if name == "markdown":
        from .markdown_reader import read_markdown
        return read_markdown
    if name == "html":
        from .html_reader import read_html
        return read_html
    from .table_reader import read_table
    return read_table


def parse_source(path: str | os.PathLike, requested: str | None = None) -> tuple[ParsedPolicy, bytes]:
    """Read and parse one source file: (what its reader found, the file's bytes). Raises IngestError
    naming the file (and the line or row)."""
    path = Path(path)
    text, data = read_source(path)
    name = format_of(path, requested)
    try:
        parsed = _reader(name)(text, path.name)
    except IngestError as error:
        raise IngestError(f"{path}: {error}") from None
    parsed.reader = name
    parsed.warnings = [f"{path.name}: {w}" for w in parsed.warnings]
    return parsed, data
