"""The SQL both database backends share: the schema, its migrations, and every query.

Queries are written with `?` placeholders and `INSERT … ON CONFLICT`, which SQLite (3.24+) and
PostgreSQL both understand; a backend only supplies `_run` (one statement in its own transaction)
and `_migrate_locked` (run the migrations while holding a lock other processes respect).
"""
from __future__ import annotations

import json
import time
from typing import Any, Sequence

from .base import CONVERSATION_TTL, DEDUPE_TTL, GivenUp, QuestionRecord, Store, Vote

PURGE_EVERY = 60.0          # seconds between purges of expired ids and conversations

# Each migration is a list of statements; the schema's version is how many have been applied.
MIGRATIONS: list[list[str]] = [
    [
        "CREATE TABLE IF NOT EXISTS seen_ids (key TEXT PRIMARY KEY, added DOUBLE PRECISION NOT NULL)",
        "CREATE TABLE IF NOT EXISTS conversations (thread TEXT PRIMARY KEY, about TEXT NOT NULL, "
        "updated DOUBLE PRECISION NOT NULL)",
        "CREATE TABLE IF NOT EXISTS questions (answer_id TEXT PRIMARY KEY, asked_at DOUBLE PRECISION NOT NULL, "
        "front TEXT NOT NULL, question TEXT NOT NULL, normalised TEXT NOT NULL, answered INTEGER NOT NULL, "
        "kind TEXT NOT NULL, confidence DOUBLE PRECISION NOT NULL, language TEXT NOT NULL, user_id TEXT)",
        "CREATE INDEX IF NOT EXISTS questions_by_time ON questions (asked_at)",
        "CREATE TABLE IF NOT EXISTS votes (answer_id TEXT NOT NULL, voter TEXT NOT NULL, vote INTEGER NOT NULL, "
        "voted_at DOUBLE PRECISION NOT NULL, PRIMARY KEY (answer_id, voter))",
        "CREATE TABLE IF NOT EXISTS given_up (at DOUBLE PRECISION NOT NULL, what TEXT NOT NULL, "
        "reason TEXT NOT NULL)",
    ],
]
VERSION_TABLE = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"


class SQLStore(Store):
    """Store over a SQL database; subclasses provide the connection handling."""

    def __init__(self) -> None:
        self._last_purge = 0.0

    # --- what a backend provides -------------------------------------------------------------

    def _run(self, sql: str, params: Sequence[Any] = (), *, fetch: bool = False) -> tuple[int, list[tuple]]:
        """Run one statement in its own transaction: (rows changed, rows fetched)."""
        raise NotImplementedError

    # --- the schema -----------------------------------------------------------------------------

    @staticmethod
    def migrate(cursor: Any, placeholder: str = "?") -> int:
        """Bring the schema up to date inside the caller's transaction and lock; the version now."""
        cursor.execute(VERSION_TABLE)
        cursor.execute("SELECT MAX(version) FROM schema_version")
        row = cursor.fetchone()
        version = row[0] if row and row[0] is not None else 0
        for number, statements in enumerate(MIGRATIONS[version:], start=version + 1):
            for statement in statements:
                cursor.execute(statement)
            cursor.execute("DELETE FROM schema_version")
            cursor.execute(f"INSERT INTO schema_version (version) VALUES ({placeholder})", (number,))
        return len(MIGRATIONS)

    # --- deduplication ------------------------------------------------------------------------

    def first_time(self, key: str, ttl: float = DEDUPE_TTL) -> bool:
        now = time.time()
        self._purge_now_and_then(now)
        changed, _ = self._run(
            "INSERT INTO seen_ids (key, added) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
            "SET added = excluded.added WHERE seen_ids.added < ?", (key, now, now - ttl))
        return changed > 0

    def forget(self, key: str) -> None:
        self._run("DELETE FROM seen_ids WHERE key = ?", (key,))

    def _purge_now_and_then(self, now: float) -> None:
        if now - self._last_purge < PURGE_EVERY:
            return
        self._last_purge = now
        self._run("DELETE FROM seen_ids WHERE added < ?", (now - DEDUPE_TTL,))
        self._run("DELETE FROM conversations WHERE updated < ?", (now - CONVERSATION_TTL,))

    # --- conversations --------------------------------------------------------------------------

    def about(self, thread: str, ttl: float = CONVERSATION_TTL) -> list[str]:
        _, rows = self._run("SELECT about FROM conversations WHERE thread = ? AND updated >= ?",
                            (thread, time.time() - ttl), fetch=True)
        return list(json.loads(rows[0][0])) if rows else []

    def remember(self, thread: str, about: list[str]) -> None:
        self._run("INSERT INTO conversations (thread, about, updated) VALUES (?, ?, ?) ON CONFLICT (thread) "
                  "DO UPDATE SET about = excluded.about, updated = excluded.updated",
                  (thread, json.dumps(list(about)), time.time()))

    # --- the question log, votes, what was given up ------------------------------------------

    def log_question(self, record: QuestionRecord) -> None:
        self._run("INSERT INTO questions (answer_id, asked_at, front, question, normalised, answered, kind, "
                  "confidence, language, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                  "ON CONFLICT (answer_id) DO NOTHING",
                  (record.answer_id, record.asked_at, record.front, record.question, record.normalised,
                   int(record.answered), record.kind, float(record.confidence), record.language, record.user_id))

    def vote(self, answer_id: str, voter: str, vote: int, at: float) -> int | None:
        _, rows = self._run("SELECT vote FROM votes WHERE answer_id = ? AND voter = ?", (answer_id, voter),
                            fetch=True)
        self._run("INSERT INTO votes (answer_id, voter, vote, voted_at) VALUES (?, ?, ?, ?) "
                  "ON CONFLICT (answer_id, voter) DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at",
                  (answer_id, voter, vote, at))
        return rows[0][0] if rows else None

    def log_given_up(self, item: GivenUp) -> None:
        self._run("INSERT INTO given_up (at, what, reason) VALUES (?, ?, ?)", (item.at, item.what, item.reason))

    def questions_since(self, since: float) -> list[QuestionRecord]:
        _, rows = self._run("SELECT answer_id, asked_at, front, question, answered, kind, confidence, language, "
                            "user_id FROM questions WHERE asked_at >= ? ORDER BY asked_at", (since,), fetch=True)
        return [QuestionRecord(r[0], r[1], r[2], r[3], bool(r[4]), r[5], r[6], r[7], r[8]) for r in rows]

    def votes_since(self, since: float) -> list[Vote]:
        _, rows = self._run("SELECT answer_id, vote, voted_at FROM votes WHERE voted_at >= ? ORDER BY voted_at",
                            (since,), fetch=True)
        return [Vote(*row) for row in rows]

    def given_up_since(self, since: float) -> list[GivenUp]:
        _, rows = self._run("SELECT at, what, reason FROM given_up WHERE at >= ? ORDER BY at", (since,), fetch=True)
        return [GivenUp(*row) for row in rows]
