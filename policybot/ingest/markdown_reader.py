"""Markdown policies (CommonMark with GitHub pipe tables, read by markdown-it-py): headings open
sections, paragraphs and list items are paragraphs, the pipe table with a cookie-name column is the
cookie table. Markup (backticks, emphasis, links) is dropped, keeping the text; a link's address is kept
after its text when it is a web address the text does not show."""
from __future__ import annotations

import re

from markdown_it import MarkdownIt

from .assemble import Block, TableRow, assemble
from .contract import ParsedPolicy

_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def _inline_text(token) -> str:
    parts: list[str] = []
    link: str | None = None
    link_text: list[str] = []
    for child in token.children or []:
        kind = child.type
        if kind in ("text", "code_inline"):
            (link_text if link is not None else parts).append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif kind == "image":
            parts.append(child.content)
        elif kind == "link_open":
            link, link_text = child.attrs.get("href", ""), []
        elif kind == "link_close":
            shown = "".join(link_text)
            parts.append(shown)
            if link and link.startswith(("http://", "https://")) and link not in shown:
                parts.append(f" ({link})")
            link = None
    return "".join(parts)


def _written_cells(line: str) -> int:
    """Cells in a pipe-table row as written (leading and trailing pipes optional)."""
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    return len(_UNESCAPED_PIPE.split(body))


def read_markdown(text: str, file_name: str = "policy.md") -> ParsedPolicy:
    """A Markdown policy -> a ParsedPolicy. Raises IngestError when it has no text at all."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    blocks: list[Block] = []
    table: Block | None = None
    row: list[str] | None = None
    row_line = 0
    in_head = False
    for index, token in enumerate(tokens):
        line = token.map[0] + 1 if token.map else (blocks[-1].line if blocks else 1)
        if token.type == "heading_open":
            blocks.append(Block("heading", line, _inline_text(tokens[index + 1]), level=int(token.tag[1])))
        elif token.type == "inline" and table is None and tokens[index - 1].type == "paragraph_open":
            blocks.append(Block("paragraph", line, _inline_text(token)))
        elif token.type == "table_open":
            table = Block("table", line)
        elif token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            row, row_line = [], line
        elif token.type == "inline" and row is not None:
            row.append(_inline_text(token))
        elif token.type == "tr_close" and table is not None and row is not None:
            if in_head:
                table.headers = row
            else:
                written = _written_cells(lines[row_line - 1]) if 0 < row_line <= len(lines) else len(row)
                table.rows.append(TableRow(row_line, row, written))
            row = None
        elif token.type == "table_close" and table is not None:
            blocks.append(table)
            table = None
    title = file_name.rsplit(".", 1)[0]
    return assemble(blocks, text, title)
