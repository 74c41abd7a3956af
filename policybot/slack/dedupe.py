"""Answer each Slack event once: remember recent `event_id`s for a while.

Slack redelivers an event (with an `x-slack-retry-num` header) when it thinks our ack timed out or
failed; the redelivery carries the same `event_id`. The memory is per process: behind several
workers a redelivery that lands on another worker is not caught (our acks take milliseconds, so
Slack has little reason to retry); pass a shared `seen` store to `create_app` to close that gap.
"""
from __future__ import annotations

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


def event_key(body: dict[str, Any]) -> str | None:
    """What identifies one delivery of an Events API callback (None for commands and actions)."""
    if body.get("type") != "event_callback":
        return None
    event_id = body.get("event_id")
    if event_id:
        return f"{body.get('team_id') or ''}:{event_id}"
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
