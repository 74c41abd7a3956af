"""Answer each Slack event once: remember recent `event_id`s for a while.

Slack redelivers an event (with an `x-slack-retry-num` header) when it thinks our ack timed out or
failed; the redelivery carries the same `event_id`. Two stores of recent ids:
- `RecentIds`, in memory, for one process (`policybot slack`, the tests);
- `SharedIds`, a small SQLite file, for the worker processes of one host (gunicorn): a redelivery
  that lands on another worker is still caught. Across hosts, pass `create_app(seen=...)` any
  object with `.add(key) -> bool` backed by a shared store (e.g. Redis `SET key 1 NX EX ttl`).
"""
from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections import OrderedDict
from typing import Any, Callable

DEFAULT_TTL = 15 * 60          # Slack retries three times within about five minutes
DEFAULT_MAX_ENTRIES = 100_000  # a bound on memory whatever the traffic


class RecentIds:
    """A thread-safe set of ids that forgets each id `ttl` seconds after it was added."""

    def __init__(self, ttl: float = DEFAULT_TTL, max_entries: int = DEFAULT_MAX_ENTRIES,
                 clock: Callable[[], float] = time.monotonic):
        self.ttl = ttl
        self.max_entries = max_entries
        self._clock = clock
        self._ids: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, key: str) -> bool:
        """Remember `key`; True if it is new, False if it was seen within the last `ttl` seconds."""
        now = self._clock()
        with self._lock:
            while self._ids:                                   # oldest first: drop the expired
                oldest, added = next(iter(self._ids.items()))
                if now - added < self.ttl and len(self._ids) < self.max_entries:
                    break
                self._ids.popitem(last=False)
            if key in self._ids:
                return False
            self._ids[key] = now
            return True

    def __len__(self) -> int:
        with self._lock:
            return len(self._ids)


class SharedIds:
    """Like RecentIds, but shared by every process that opens the same SQLite file.

    Each process (and thread) opens its own connection on first use, so it is safe to create
    before gunicorn forks its workers. The file holds only ids and times; rows older than `ttl`
    are purged now and then.
    """

    PURGE_EVERY = 60.0   # seconds between purges of expired ids

    def __init__(self, path: str | os.PathLike, ttl: float = DEFAULT_TTL):
        self.path = os.fspath(path)
        self.ttl = ttl
        self._local = threading.local()
        self._last_purge = 0.0

    def _connection(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None or self._local.pid != os.getpid():
            conn = sqlite3.connect(self.path, timeout=5.0, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=OFF")      # ids of the last minutes: losing them on a crash is fine
            conn.execute("CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY, added REAL NOT NULL)")
            self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    def add(self, key: str) -> bool:
        """Remember `key`; True if it is new (or its memory expired), False if seen within `ttl` seconds."""
        now = time.time()
        conn = self._connection()
        if now - self._last_purge > self.PURGE_EVERY:
            self._last_purge = now
            conn.execute("DELETE FROM seen WHERE added < ?", (now - self.ttl,))
        if conn.execute("INSERT OR IGNORE INTO seen (key, added) VALUES (?, ?)", (key, now)).rowcount:
            return True
        # seen before: new again only if that memory has expired (and we are the one to renew it)
        return bool(conn.execute("UPDATE seen SET added = ? WHERE key = ? AND added < ?",
                                 (now, key, now - self.ttl)).rowcount)

    def __len__(self) -> int:
        return self._connection().execute("SELECT COUNT(*) FROM seen WHERE added >= ?",
                                          (time.time() - self.ttl,)).fetchone()[0]


def default_shared_path() -> str:
    """Where the workers of one host share their ids: $POLICYBOT_SLACK_DEDUPE_DB, else a file in the temp dir."""
    import tempfile
    return os.environ.get("POLICYBOT_SLACK_DEDUPE_DB") or os.path.join(
        tempfile.gettempdir(), f"policybot-slack-events-{os.getuid() if hasattr(os, 'getuid') else 0}.sqlite3")


def event_key(body: dict[str, Any]) -> str | None:
    """What identifies one delivery of an Events API callback (None for commands and actions)."""
    if body.get("type") != "event_callback":
        return None
    event_id = body.get("event_id")
    if event_id:
        return f"{body.get('api_app_id') or ''}:{body.get('team_id') or ''}:{event_id}"
    return None


def make_middleware(seen: Any) -> Callable[..., Any]:
    """A Bolt global middleware: a repeated event is acked with 200 and goes no further."""
    from slack_bolt import BoltResponse

    def ignore_redeliveries(body: dict[str, Any], next: Callable[[], None], logger: Any) -> Any:
        key = event_key(body)
        if key is not None and not seen.add(key):
            logger.info("policybot: event %s already received; ignoring the redelivery", body.get("event_id"))
            return BoltResponse(status=200, body="")
        return next()

    return ignore_redeliveries
