"""PostgreSQL, for several hosts: psycopg 3 with a connection pool (`pip install 'policybot[postgres]'`).

The pool is opened lazily in each process (a pool made before gunicorn forks would share sockets
between workers); the schema is created or migrated under an advisory lock, so workers and hosts
starting together do it once.
"""
from __future__ import annotations

import os
import threading
from typing import Any, Sequence

from .base import StoreError, describe
from .sql import SQLStore

POOL_MIN, POOL_MAX = 1, 8        # connections per process
CONNECT_TIMEOUT = 3              # seconds: a database that is down must not hold answers up for long
POOL_WAIT = 3.0                  # seconds to wait for a free connection
MIGRATION_LOCK = 0x706f6c6963    # the advisory lock held while migrating ("polic")


class PostgresStore(SQLStore):
    def __init__(self, url: str):
        super().__init__()
        try:
            import psycopg  # noqa: F401
            import psycopg_pool  # noqa: F401
        except ImportError:
            raise StoreError("POLICYBOT_DATABASE_URL is a PostgreSQL URL but psycopg is not installed: "
                             "pip install 'policybot[postgres]'") from None
        self.url = url
        self.description = f"PostgreSQL {describe(url)}"
        self._lock = threading.Lock()
        self._pool: Any = None
        self._pid = 0
        self._run("SELECT 1")                      # connect (and migrate) now: fail early
        self.close()                               # hold no connection across a fork (gunicorn --preload)

    def _open_pool(self) -> Any:
        from psycopg_pool import ConnectionPool
        pool = ConnectionPool(self.url, min_size=POOL_MIN, max_size=POOL_MAX, timeout=POOL_WAIT, open=False,
                              kwargs={"autocommit": True, "connect_timeout": CONNECT_TIMEOUT})
        try:
            pool.open(wait=True, timeout=CONNECT_TIMEOUT + 1)
            with pool.connection() as conn, conn.transaction(), conn.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
                self.migrate(cursor, "%s")
        except Exception as error:              # psycopg.Error, the pool's timeout, a refused connection
            pool.close()
            raise StoreError(f"cannot use {self.description}: {str(error).splitlines()[0] if str(error) else error}") \
                from None
        return pool

    def _pool_here(self) -> Any:
        if self._pool is None or self._pid != os.getpid():
            with self._lock:
                if self._pool is None or self._pid != os.getpid():
                    self._pool, self._pid = self._open_pool(), os.getpid()
        return self._pool

    def _run(self, sql: str, params: Sequence[Any] = (), *, fetch: bool = False) -> tuple[int, list[tuple]]:
        pool = self._pool_here()
        try:
            with pool.connection() as conn, conn.cursor() as cursor:
                cursor.execute(sql.replace("?", "%s"), tuple(params))
                rows = cursor.fetchall() if fetch else []
                return cursor.rowcount, rows
        except Exception as error:              # psycopg.Error, the pool's timeout: all mean the same here
            message = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise StoreError(f"{self.description}: {message}") from None

    def close(self) -> None:
        with self._lock:
            if self._pool is not None and self._pid == os.getpid():
                self._pool.close()
            self._pool = None
