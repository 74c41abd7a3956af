"""A store in this process's memory: for tests, and what the service falls back on when the database fails."""
from __future__ import annotations

import threading
import time
from collections import OrderedDict

from .base import CONVERSATION_TTL, DEDUPE_TTL, GivenUp, QuestionRecord, Store, Vote

MAX_ENTRIES = 100_000          # per table: memory stays bounded whatever the traffic


class MemoryStore(Store):
    description = "memory"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._threads: OrderedDict[str, tuple[list[str], float]] = OrderedDict()
        self._questions: list[QuestionRecord] = []
        self._votes: dict[tuple[str, str], Vote] = {}
        self._given_up: list[GivenUp] = []

    def first_time(self, key: str, ttl: float = DEDUPE_TTL) -> bool:
        now = time.time()
        with self._lock:
            added = self._seen.get(key)
            if added is not None and now - added < ttl:
                return False
            self._seen[key] = now
            self._seen.move_to_end(key)
            while len(self._seen) > MAX_ENTRIES:
                self._seen.popitem(last=False)
            return True

    def forget(self, key: str) -> None:
        with self._lock:
            self._seen.pop(key, None)

    def about(self, thread: str, ttl: float = CONVERSATION_TTL) -> list[str]:
        with self._lock:
            about, updated = self._threads.get(thread, ([], 0.0))
        return list(about) if time.time() - updated < ttl else []

    def remember(self, thread: str, about: list[str]) -> None:
        with self._lock:
            self._threads[thread] = (list(about), time.time())
            self._threads.move_to_end(thread)
            while len(self._threads) > MAX_ENTRIES:
                self._threads.popitem(last=False)

    def log_question(self, record: QuestionRecord) -> None:
        with self._lock:
            self._questions.append(record)
            del self._questions[:-MAX_ENTRIES]

    def vote(self, answer_id: str, voter: str, vote: int, at: float) -> int | None:
        with self._lock:
            before = self._votes.get((answer_id, voter))
            self._votes[(answer_id, voter)] = Vote(answer_id, vote, at)
        return before.vote if before else None

    def log_given_up(self, item: GivenUp) -> None:
        with self._lock:
            self._given_up.append(item)
            del self._given_up[:-MAX_ENTRIES]

    def questions_since(self, since: float) -> list[QuestionRecord]:
        with self._lock:
            return [q for q in self._questions if q.asked_at >= since]

    def votes_since(self, since: float) -> list[Vote]:
        with self._lock:
            return [v for v in self._votes.values() if v.voted_at >= since]

    def given_up_since(self, since: float) -> list[GivenUp]:
        with self._lock:
            return [g for g in self._given_up if g.at >= since]
