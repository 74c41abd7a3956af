"""The terminal's question log: `ask` and `chat` record each answer in the store, but only when
POLICYBOT_DATABASE_URL is set (a shared store someone asked for; a laptop keeps no log by default)."""
from __future__ import annotations

import os
import time
import uuid
from typing import Any

from .base import DATABASE_URL_VARIABLE, QuestionRecord

_store: Any = None


def record_terminal_answer(answer: Any) -> None:
    """Log one terminal answer (never raises: the store degrades to memory with a warning)."""
    global _store
    if not (os.environ.get(DATABASE_URL_VARIABLE) or "").strip() or not answer.question.strip():
        return
    if _store is None:
        from . import open_store
        _store = open_store()
    _store.log_question(QuestionRecord(answer_id=uuid.uuid4().hex, asked_at=time.time(), front="terminal",
                                       question=answer.question, answered=bool(answer.answered), kind=answer.kind,
                                       confidence=float(answer.confidence or 0.0), language=answer.language or "en"))
