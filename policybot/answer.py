"""The engine's answer, as data: what the terminal, the JSON Lines contract and the Slack app all render.

An `Answer` says what kind of answer it is, leads with one plain sentence, and carries its evidence as
items (cookie rows or quoted passages) with a citation for each. Front ends lay those out their own way
(columns, Block Kit); none of them parses `text`, which is the plain rendering kept for the JSON contract
and for scripts. `see_all` is an object of filters (not a command line): the terminal shows it as a
`policybot cookies …` command, Slack as a "Show all" button.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

# Kinds of answer, so front ends can lay each out well.
KINDS = ("cookie", "attribute", "comparison", "extreme", "count", "list", "categories", "prose", "document",
         "abstain", "error")
# The filters a `see_all` object may hold, in the order a command line shows them.
SEE_ALL_FILTERS = ("document", "category", "site", "session", "longer_than_days", "shorter_than_days",
                   "no_website")


class Citation(NamedTuple):
    """Where one piece of an answer comes from: a document, and a section (prose) or a cookie row.
    (A named tuple: list answers cite thousands of rows, and tuples are cheap to make and compare.)"""
    document: str
    section: str | None = None
    title: str | None = None
    cookie: str | None = None
    row: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {key: value for key, value in zip(self._fields, self) if value is not None}


class Quote(NamedTuple):
    """A passage of the policy quoted in an answer (immutable).

    `text` is in the reader's language (a maintained rendering when `translated`); `excerpt` is the
    policy's own words. `section` is a number ("5.1") or one of the document's own places
    ("preamble", "end", "notes"); `title` is the section's title as the policy writes it, `heading` the
    same in the reader's language.
    """
    section: str
    title: str
    heading: str
    text: str
    excerpt: str
    language: str
    original_language: str
    translated: bool = False
    document: str = ""

    def source(self) -> dict[str, Any]:
        """The passage as a source of the JSON contract."""
        return {"type": "section", "number": self.section, "title": self.title, "excerpt": self.excerpt}


@dataclass
class Answer:
    """One answer to one question.

    `sources` are plain dicts, best first, passages before rows, exactly as in the JSON contract:
      cookie:  {"type": "cookie", "name", "website", "purpose", "duration", "duration_days",
                "session", "category", "category_label"}
      section: {"type": "section", "number", "title", "excerpt"}
    `quotes` are the passages quoted (in the reader's language), `citations` name where each piece comes
    from, `see_all` holds the filters that list every row of a list answer, `notice` a line that goes
    with every answer of the knowledge base (e.g. "this edition is no longer in effect").
    """
    question: str
    answered: bool
    text: str
    language: str = "en"
    confidence: float = 0.0
    sources: list[dict[str, Any]] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    kind: str = "abstain"
    see_all: dict[str, Any] | None = None
    lead: str = ""
    quotes: list[Quote] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    notice: str | None = None

    @property
    def rows(self) -> list[dict[str, Any]]:
        """The cookie rows among the sources, in order."""
        return [s for s in self.sources if s.get("type") == "cookie"]

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract: question, answered, text, language, confidence, sources, suggestions, citations,
        see_all, notice (+ kind and lead)."""
        return {
            "question": self.question,
            "answered": self.answered,
            "text": self.text,
            "language": self.language,
            "confidence": round(float(self.confidence), 3),
            "sources": [dict(s) for s in self.sources],
            "suggestions": list(self.suggestions),
            "citations": [c.to_dict() for c in self.citations],
            "see_all": dict(self.see_all) if self.see_all is not None else None,
            "notice": self.notice,
            "kind": self.kind,
            "lead": self.lead,
        }
