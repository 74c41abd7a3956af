"""The knowledge model: validated, immutable records of one policy (metadata, sections, paragraphs, cookie rows)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

CATEGORIES = ("essential", "analytics", "functionality", "advertising")
LANGUAGES = ("en", "fr")


@dataclass(frozen=True)
class Cookie:
    """One row of the policy's cookie table, in source order (`row` counts from 1)."""
    row: int
    name: str
    website: str | None          # None where the policy gives no website
    purpose: str
    duration: str                # as written: "2 ans", "Session", "1.5 years"
    duration_days: float | None  # None for a session cookie
    session: bool
    category: str                # one of CATEGORIES
    category_label: str          # as written: "Analyses", "Targeting /Advertising"
    notes: tuple[str, ...] = ()  # data-quality notes found while parsing ("no website in the policy", ...)
    purpose_language: str = "en" # "en" or "fr" ("Suivi des conversions")
    line: int | None = None      # the source line the row was read from
    document: str = ""           # the id of the document the row belongs to ("" in a one-document base)
    provider: str | None = None  # who sets it, where the policy says ("Google Analytics", "Intercom")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of prose; `id` is stable across builds of the same text ("5.p2")."""
    id: str
    language: str                # "en" or "fr"
    text: str
    sha: str                     # first 12 hex digits of sha256(text), to detect changed sources


@dataclass(frozen=True)
class Section:
    """A numbered section ("5") or a category subsection ("5.1")."""
    number: str
    title: str
    title_language: str
    paragraphs: tuple[Paragraph, ...]
    parent: str | None = None    # "5" for "5.1"
    document: str = ""           # the id of the document the section belongs to


@dataclass(frozen=True)
class Metadata:
    """What the document says about itself (status line, dates, notes)."""
    title: str
    status: str | None             # "Previous Version, No Longer in Effect as of December 2, 2019"
    in_effect: bool | None         # False when the status says it is no longer in effect
    superseded_on: str | None      # ISO date, "2019-12-02"
    effective_on: str | None       # ISO date, "2019-01-25"
    effective_text: str | None     # the whole "Effective as of ..." paragraph, as written
    last_updated_on: str | None    # ISO date, "2018-11-21"
    last_updated_text: str | None  # "Dernière mise à jour 21 novembre 2018"
    notes: tuple[str, ...] = ()    # trademark notes and other trailing lines


DOCUMENT_KINDS = ("website", "app", "declaration")


@dataclass(frozen=True)
class Document:
    """One source document of the knowledge base: a website policy, an in-product (app) policy or a
    cookie declaration. `source` is {"file": name, "sha256": digest, "format": reader}."""
    id: str
    title: str
    kind: str                      # one of DOCUMENT_KINDS
    metadata: Metadata
    source: dict[str, str] = field(default_factory=dict)

    @property
    def effective_on(self) -> str | None:
        """The ISO date the document took effect (else was last updated), if it says."""
        return self.metadata.effective_on or self.metadata.last_updated_on


@dataclass(frozen=True)
class Lexicon:
    """The company's overlay.yaml: synonym groups (first entry the concept), aliases -> cookie names, and
    stopwords (words of the company's that say nothing about which cookie or passage a question wants)."""
    synonyms: tuple[tuple[str, ...], ...] = ()
    aliases: dict[str, str] = field(default_factory=dict)
    stopwords: tuple[str, ...] = ()


@dataclass
class KnowledgeBase:
    """A loaded, validated knowledge base. `translations` maps "3.p1" / "title:3" -> {"en": "..."}."""
    path: Path
    metadata: Metadata
    sections: list[Section]
    cookies: list[Cookie]
    lexicon: Lexicon = field(default_factory=Lexicon)
    translations: dict[str, dict[str, str]] = field(default_factory=dict)
    source: dict[str, str] = field(default_factory=dict)   # {"file": ..., "sha256": ...}
    warnings: list[str] = field(default_factory=list)      # e.g. stale translations skipped at load
    documents: list[Document] = field(default_factory=list)  # in build order; the first one's metadata is `metadata`

    def __post_init__(self) -> None:
        if not self.documents:
            self.documents = [Document(id=self.document_id, title=self.metadata.title, kind="website",
                                       metadata=self.metadata, source=dict(self.source))]
        self._documents = {d.id: d for d in self.documents}
        first = self.documents[0].id
        self._sections = {}
        self._document_sections: dict[tuple[str, str], Section] = {}
        for section in self.sections:
            self._document_sections[(section.document or first, section.number)] = section
            self._sections.setdefault(section.number, section)      # documents in order: the first one wins
        self._paragraphs = {p.id: p for s in self.sections for p in s.paragraphs}
        self._by_name: dict[str, list[Cookie]] = {}
        for cookie in self.cookies:
            self._by_name.setdefault(cookie.name.casefold(), []).append(cookie)

    @property
    def document_id(self) -> str:
        """The document's id: its source file's name without the extension."""
        if self.documents:
            return self.documents[0].id
        name = self.source.get("file") or self.path.name
        return name.rsplit(".", 1)[0] if "." in name else name

    def section(self, number: str, document: str | None = None) -> Section | None:
        """The section numbered "5" or "5.1" (of `document`, else of the first document that has it), or None."""
        if document is None:
            return self._sections.get(str(number))
        return self._document_sections.get((document, str(number)))

    def document(self, document_id: str) -> Document | None:
        """The document with this id, or None."""
        return self._documents.get(document_id)

    def paragraph(self, paragraph_id: str) -> Paragraph | None:
        """The paragraph "5.p3", or None."""
        return self._paragraphs.get(paragraph_id)

    def paragraphs(self) -> Iterator[tuple[Section, Paragraph]]:
        """Every (section, paragraph), in document order."""
        for section in self.sections:
            for paragraph in section.paragraphs:
                yield section, paragraph

    def cookies_named(self, name: str) -> list[Cookie]:
        """The rows whose name is `name`, ignoring case, in table order."""
        return list(self._by_name.get(name.casefold(), ()))

    def cookies_matching(self, name: str) -> list[Cookie]:
        """The rows named `name`, else the rows of the most specific patterns `name` is an instance of
        (`_ga_5QXZ1R2K` -> the `_ga_*` rows, and `_ga_#` rows of a document that writes it so), else []."""
        exact = self.cookies_named(name)
        if exact:
            return exact
        from .patterns import is_pattern, pattern_specificity
        scores = {key: pattern_specificity(rows[0].name, name.strip())
                  for key, rows in self._by_name.items() if is_pattern(rows[0].name)}
        scores = {key: score for key, score in scores.items() if score is not None}
        if not scores:
            return []
        best = max(scores.values())
        return [c for c in self.cookies if scores.get(c.name.casefold()) == best]


def sha12(text: str) -> str:
    """The first 12 hex digits of sha256(text): the fingerprint of a paragraph or a title."""
    import hashlib                      # only when checking or building: not on a cached start
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
