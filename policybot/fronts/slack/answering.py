"""Answering in Slack: follow-ups per thread (the terminal chat's `Conversation` rule, kept in the
store so any worker or host can take the next question) and a log line in the store for each question.
"""
from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from typing import Any

from ...answer import Answer
from ...store.base import QuestionRecord, log_user_ids

FOLLOW_UP_KINDS = ("cookie", "attribute")     # answers that make their first cookie the thread's subject
FRONT = "slack"


@dataclass(frozen=True)
class Answered:
    answer: Answer
    answer_id: str            # what the 👍/👎 buttons carry, and the question log's key


def subject_after(answer: Answer, before: list[str]) -> list[str]:
    """What a conversation is about after `answer` (as `policybot.Conversation` decides in the terminal)."""
    names = [s["name"] for s in answer.sources if s.get("type") == "cookie" and s.get("name")]
    return [names[0]] if answer.kind in FOLLOW_UP_KINDS and names else before


def thread_key(channel: str, thread_ts: str | None) -> str:
    """One conversation per thread; a DM outside threads is one conversation."""
    return f"{channel}:{thread_ts or '-'}"


class Answering:
    def __init__(self, engine: Any, store: Any, keep_user_ids: bool | None = None):
        self.engine = engine
        self.store = store
        self.keep_user_ids = log_user_ids() if keep_user_ids is None else keep_user_ids

    def __call__(self, question: str, *, thread: str | None = None, user: str | None = None) -> Answered:
        about = self.store.about(thread) if thread else []
        answer = self.engine.ask(question, about)
        if thread:
            after = subject_after(answer, about)
            if after:                                   # also renews the day a conversation lasts
                self.store.remember(thread, after)
        answer_id = uuid.uuid4().hex
        if answer.kind != "error" or answer.question.strip():
            self.store.log_question(QuestionRecord(
                answer_id=answer_id, asked_at=time.time(), front=FRONT, question=question,
                answered=bool(answer.answered), kind=answer.kind, confidence=float(answer.confidence or 0.0),
                language=answer.language or "en", user_id=user if self.keep_user_ids else None))
        return Answered(answer, answer_id)
