"""HTML policies (web pages, read by lxml's HTML parser, which closes what authors leave open): headings
open sections; paragraphs, list items and addresses are paragraphs; the <table> whose header names cookies
is the cookie table. Page chrome is left out: scripts, styles, navigation, headers, footers, forms and
cookie banners. Entities are decoded, <br> breaks a cell into lines (a provider above its domain), and a
link's web address is kept after its text when the text does not show it."""
from __future__ import annotations

import re

import lxml.html
from lxml import etree

from ..errors import IngestError
from .assemble import Block, TableRow, assemble
from .contract import ParsedPolicy

_CHROME_TAGS = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "button",
                "svg", "iframe", "head", "select", "dialog"}
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "dialog", "alertdialog", "search"}
_CHROME_NAMES = re.compile(r"(?:^|[\s_-])(?:cookie-?banner|consent-?banner|cookie-?consent|banner|cc-window|"
                           r"skip-?link|breadcrumbs?|site-?nav|navbar|menu)(?:$|[\s_-])", re.IGNORECASE)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_TEXT_BLOCKS = {"p", "li", "dd", "dt", "blockquote", "address", "figcaption", "pre", "summary", "caption"}
_CONTAINERS = {"html", "body", "main", "article", "section", "div", "ul", "ol", "dl", "details", "figure", "center",
               "span", "font"}


def _is_chrome(element) -> bool:
    if element.tag in _CHROME_TAGS or (element.get("role") or "").casefold() in _CHROME_ROLES:
        return True
    names = f"{element.get('id') or ''} {element.get('class') or ''}"
    return bool(_CHROME_NAMES.search(names)) or element.get("hidden") is not None


def _text(element, line_break: str = " ") -> str:
    """The element's visible text: <br> -> `line_break`, links followed by their web address."""
    parts: list[str] = []

    def walk(node) -> None:
        if not isinstance(node.tag, str) or _is_chrome(node):
            if node.tail:
                parts.append(node.tail)
            return
        if node.tag == "br":
            parts.append(line_break)
        elif node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
        if node.tag == "a":
            href = (node.get("href") or "").strip()
            shown = node.text_content()
            if href.startswith(("http://", "https://")) and href not in shown:
                parts.append(f" ({href})")
        if node.tag in _TEXT_BLOCKS or node.tag in _HEADINGS:
            parts.append(" ")
        if node.tail and node is not element:
            parts.append(node.tail)

    walk(element)
    text = "".join(parts)
    if line_break == "\n":
        return "\n".join(" ".join(line.split()) for line in text.split("\n") if line.strip())
    return " ".join(text.split())


def _table(element) -> Block:
    block = Block("table", element.sourceline or 1)
    for row in element.iter("tr"):
        cells = [c for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")]
        values = [_text(c, "\n") for c in cells]
        if not block.headers and cells and all(c.tag == "th" for c in cells):
            block.headers = values
        elif not block.headers:
            block.headers = values            # a table without <th>: its first row is the header
        else:
            block.rows.append(TableRow(row.sourceline or block.line, values, len(values)))
    return block


def _blocks(element, out: list[Block]) -> None:
    loose = (element.text or "").strip()
    if loose:
        out.append(Block("paragraph", element.sourceline or 1, " ".join(loose.split())))
    for child in element:
        if not isinstance(child.tag, str) or _is_chrome(child):
            pass
        elif child.tag in _HEADINGS:
            out.append(Block("heading", child.sourceline or 1, _text(child), level=_HEADINGS[child.tag]))
        elif child.tag == "table":
            out.append(_table(child))
        elif child.tag == "address":
            out.append(Block("paragraph", child.sourceline or 1, _text(child, ", ").replace(" , ", ", ")))
        elif child.tag in _TEXT_BLOCKS and not any(d.tag in ("table", "ul", "ol") or d.tag in _HEADINGS
                                                   for d in child.iterdescendants() if isinstance(d.tag, str)):
            text = _text(child)
            if text:
                out.append(Block("paragraph", child.sourceline or 1, text))
        elif child.tag in _CONTAINERS or child.tag in _TEXT_BLOCKS:
            _blocks(child, out)
        else:
            text = _text(child)
            if text:
                out.append(Block("paragraph", child.sourceline or 1, text))
        tail = (child.tail or "").strip()
        if tail and isinstance(child.tag, str) and child.tag not in ("a", "b", "strong", "em", "i", "code", "span"):
            out.append(Block("paragraph", child.sourceline or 1, " ".join(tail.split())))


def read_html(text: str, file_name: str = "policy.html") -> ParsedPolicy:
    """An HTML page -> a ParsedPolicy. Raises IngestError when it holds no text at all."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise IngestError("line 1: file is empty; expected an HTML page")
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as error:
        raise IngestError(f"line 1: not readable as HTML: {error}") from None
    title_element = root.find(".//title")
    title = " ".join(title_element.text_content().split()) if title_element is not None else ""
    body = root.find(".//main") if root.find(".//main") is not None else root.find(".//article")
    if body is None:
        body = root.find("body") if root.find("body") is not None else root
    blocks: list[Block] = []
    _blocks(body, blocks)
    return assemble(blocks, text, title or file_name.rsplit(".", 1)[0])
