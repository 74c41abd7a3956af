"""The engine's answer: what the CLI, the JSON Lines contract and the Slack app all render."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Kinds of answer, so renderers can lay each out well.
KINDS = ("cookie", "attribute", "list", "prose", "document", "abstain", "error")


@dataclass
class Answer:
    """One answer to one question.

    `sources` are plain dicts, best first, exactly as in the JSON contract:
      cookie:  {"type": "cookie", "name", "website", "purpose", "duration", "duration_days",
                "session", "category", "category_label"}
      section: {"type": "section", "number", "title", "excerpt"}
    `see_all` is the `policybot cookies ...` command that lists every row of a list answer
    (renderers that must shorten a list point to it); None for other kinds.
    """
    question: str
    answered: bool
    text: str
    language: str = "en"
    confidence: float = 0.0
    sources: list[dict[str, Any]] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    kind: str = "abstain"
    see_all: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract: question, answered, text, language, confidence, sources, suggestions (+ kind, see_all)."""
        return {
            "question": self.question,
            "answered": self.answered,
            "text": self.text,
            "language": self.language,
            "confidence": round(float(self.confidence), 3),
            "sources": [dict(s) for s in self.sources],
            "suggestions": list(self.suggestions),
            "kind": self.kind,
            "see_all": self.see_all,
        }
