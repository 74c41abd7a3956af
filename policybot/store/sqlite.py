"""The default store: one SQLite file in WAL mode, shared by the processes of one host.

The file lives in the user's state folder (created 0700; the file 0600), never in the shared temp
folder where another local user could create it first. Each thread of each process opens its own
connection on first use, so a store made before gunicorn forks is safe in every worker.
"""
from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path
from typing import Any, Sequence

from .base import PRIVATE_FILE, PRIVATE_FOLDER, StoreError
from .sql import SQLStore

BUSY_TIMEOUT = 1.0          # seconds a writer waits for another process's lock (the ack waits on it: Slack allows 3)


class SQLiteStore(SQLStore):
    def __init__(self, path: str | os.PathLike):
        super().__init__()
        self.path = Path(path)
        self.description = f"SQLite {self.path}"
        self._local = threading.local()
        self._prepare_file()
        self._connection()                 # open, and create or migrate the schema, now: fail early

    def _prepare_file(self) -> None:
        """The folder (0700 when we create it) and the file (0600), or StoreError saying what is wrong."""
        try:
            if not self.path.parent.exists():
                self.path.parent.mkdir(parents=True, mode=PRIVATE_FOLDER)
            if self.path.is_dir():
                raise StoreError(f"{self.path} is a folder, not a database file")
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
            os.close(fd)
        except OSError as error:
            raise StoreError(f"cannot use {self.path}: {error.strerror or error}") from None

    def _connection(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is not None and self._local.pid == os.getpid():
            return conn
        try:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("BEGIN IMMEDIATE")          # one process migrates at a time
            try:
                self.migrate(conn.cursor())
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as error:
            raise StoreError(f"cannot use {self.path}: {error}") from None
        self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    def _run(self, sql: str, params: Sequence[Any] = (), *, fetch: bool = False) -> tuple[int, list[tuple]]:
        try:
            cursor = self._connection().execute(sql, tuple(params))
            rows = cursor.fetchall() if fetch else []
            return cursor.rowcount, rows
        except sqlite3.Error as error:
            raise StoreError(f"{self.description}: {error}") from None

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
