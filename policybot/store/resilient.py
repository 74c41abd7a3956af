"""A store that never stops the service: when the database fails, carry on in memory, warn, retry later."""
from __future__ import annotations

import logging
import threading
import time
from typing import Any, Callable

from .base import Store
from .memory import MemoryStore

log = logging.getLogger("policybot.store")

RETRY_EVERY = 30.0          # seconds between attempts to get back to the database once it failed


class Resilient(Store):
    """Every call goes to the backend `open()` gives; while that fails, to an in-memory store.

    `degraded` holds the one-line reason while in memory (None when healthy): `/healthz` reports it.
    """

    def __init__(self, open: Callable[[], Store], retry_every: float = RETRY_EVERY):
        self._open = open
        self._retry_every = retry_every
        self._backend: Store | None = None
        self._retry_at = 0.0
        self._lock = threading.Lock()
        self.memory = MemoryStore()
        self.degraded: str | None = None
        self._backend_here()

    @property
    def description(self) -> str:            # type: ignore[override]
        backend = self._backend.description if self._backend else "the database"
        return f"{backend} (degraded to memory: {self.degraded})" if self.degraded else backend

    def _backend_here(self) -> Store | None:
        """The backend, opening it if it is time to (try) again; None while degraded."""
        if self._backend is not None and not self.degraded:
            return self._backend
        now = time.monotonic()
        if now < self._retry_at:
            return None
        with self._lock:
            if now < self._retry_at:
                return None
            self._retry_at = now + self._retry_every
            try:
                if self._backend is None:
                    self._backend = self._open()
                return self._backend
            except Exception as error:       # noqa: BLE001 — any failure to open means memory for now
                self._degrade(error)
                return None

    def _degrade(self, error: Exception) -> None:
        reason = str(error) or type(error).__name__
        if self.degraded != reason:
            log.warning("policybot: the store failed (%s); carrying on in memory, retrying every %.0f s",
                        reason, self._retry_every)
        self.degraded = reason
        self._retry_at = time.monotonic() + self._retry_every

    def _call(self, name: str, *args: Any) -> Any:
        backend = self._backend_here()
        if backend is not None:
            try:
                result = getattr(backend, name)(*args)
                if self.degraded:
                    log.warning("policybot: the store works again (%s)", backend.description)
                    self.degraded = None
                return result
            except Exception as error:       # noqa: BLE001 — answering must never stop for the store
                self._degrade(error)
        return getattr(self.memory, name)(*args)

    def first_time(self, *args: Any) -> bool:
        return self._call("first_time", *args)

    def forget(self, *args: Any) -> None:
        self._call("forget", *args)

    def about(self, *args: Any) -> list[str]:
        return self._call("about", *args)

    def remember(self, *args: Any) -> None:
        self._call("remember", *args)

    def log_question(self, *args: Any) -> None:
        self._call("log_question", *args)

    def vote(self, *args: Any) -> int | None:
        return self._call("vote", *args)

    def log_given_up(self, *args: Any) -> None:
        self._call("log_given_up", *args)

    def questions_since(self, *args: Any) -> Any:
        return self._call("questions_since", *args)

    def votes_since(self, *args: Any) -> Any:
        return self._call("votes_since", *args)

    def given_up_since(self, *args: Any) -> Any:
        return self._call("given_up_since", *args)

    def close(self) -> None:
        if self._backend is not None:
            self._backend.close()
