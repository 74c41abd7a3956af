"""The service's state: recent event ids, conversations, the question log and feedback votes.

One interface (`Store`), three backends chosen by `POLICYBOT_DATABASE_URL`:
- unset: SQLite in WAL mode, in `$XDG_STATE_HOME/policybot/policybot.sqlite3` (folders 0700);
- `sqlite:///path/to/file`: SQLite at that path;
- `postgresql://…`: PostgreSQL through psycopg 3 and a connection pool (`pip install 'policybot[postgres]'`).
`open_store()` wraps the backend in a `Resilient` store: when the database fails, the service goes on
in memory with a logged warning (answering never stops) and tries the database again a little later.
"""
from __future__ import annotations

from .base import (CONVERSATION_TTL, DEDUPE_TTL, Store, QuestionRecord, StoreError, open_backend,
                   store_url)
from .memory import MemoryStore
from .resilient import Resilient

__all__ = ["CONVERSATION_TTL", "DEDUPE_TTL", "MemoryStore", "QuestionRecord", "Resilient", "Store",
           "StoreError", "open_backend", "open_store", "store_url"]


def open_store(url: str | None = None) -> Resilient:
    """The store named by `url` (default: POLICYBOT_DATABASE_URL, else the user's SQLite file), made resilient."""
    return Resilient(lambda: open_backend(url))
