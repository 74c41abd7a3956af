"""A real PostgreSQL server for the store's tests, started by the test suite itself.

The server binaries (initdb, pg_ctl) are looked up on PATH, in /usr/local/bin and in
/usr/lib/postgresql/*/bin; when they are absent the tests that need the server skip, saying so.
Running as root, the server runs as the unprivileged `postgres` user (PostgreSQL refuses root).
One server per test session (a throwaway data folder, a free port, fsync off), stopped at exit (and by
a watchdog if the test process is killed); each test gets a database of its own.
"""
from __future__ import annotations

import atexit
import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile

import pytest

SERVER_USER = "postgres"
START_TIMEOUT = 60          # seconds pg_ctl waits for the server


def binaries() -> str | None:
    """The folder holding initdb and pg_ctl, or None."""
    found = shutil.which("initdb")
    candidates = ([os.path.dirname(found)] if found else []) + ["/usr/local/bin"] + sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for folder in candidates:
        if os.access(os.path.join(folder, "initdb"), os.X_OK) and os.access(os.path.join(folder, "pg_ctl"), os.X_OK):
            return folder
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, folder: str):
        self.folder = folder
        self.root = tempfile.mkdtemp(prefix="policybot-pg-")
        self.data = os.path.join(self.root, "data")
        self.port = free_port()
        self.as_root = os.geteuid() == 0
        self.user = SERVER_USER if self.as_root else None
        if self.as_root:
            shutil.chown(self.root, SERVER_USER)
        self._names = itertools.count(1)

    def _run(self, *args: str) -> None:
        command = ([shutil.which("runuser") or "/sbin/runuser", "-u", SERVER_USER, "--"] if self.as_root else []) + list(args)
        result = subprocess.run(command, capture_output=True, text=True, timeout=START_TIMEOUT + 30)
        if result.returncode:
            raise RuntimeError(f"{args[0]} failed: {result.stderr.strip() or result.stdout.strip()}")

    def start(self) -> "Server":
        self._run(os.path.join(self.folder, "initdb"), "-D", self.data, "-A", "trust", "-U", "postgres",
                  "--no-sync", "-E", "UTF8", "--locale", "C")
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        self._run(os.path.join(self.folder, "pg_ctl"), "-D", self.data, "-o", options, "-l",
                  os.path.join(self.root, "log"), "-w", "-t", str(START_TIMEOUT), "start")
        atexit.register(self.stop)
        self._watch_this_process()
        return self

    def _watch_this_process(self) -> None:
        """A watchdog that stops the server once the test process is gone, however it ended (atexit does not
        run when a process is killed)."""
        pg_ctl = os.path.join(self.folder, "pg_ctl")
        script = (f"while [ -d /proc/{os.getpid()} ]; do sleep 1; done; "
                  f"'{pg_ctl}' -D '{self.data}' -m immediate -w stop >/dev/null 2>&1; rm -rf '{self.root}'")
        prefix = [shutil.which("runuser") or "/sbin/runuser", "-u", SERVER_USER, "--"] if self.as_root else []
        subprocess.Popen(prefix + ["sh", "-c", script], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)

    def stop(self) -> None:
        try:
            self._run(os.path.join(self.folder, "pg_ctl"), "-D", self.data, "-m", "immediate", "-w", "stop")
        except Exception:                   # noqa: BLE001 — already stopped
            pass
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        import psycopg
        name = f"policybot_test_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


_server: Server | None = None
_failure: str | None = None


def server() -> Server:
    """The session's server (started on first use); skips the test when PostgreSQL is not installed."""
    global _server, _failure
    folder = binaries()
    if folder is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed on this machine")
    try:
        import psycopg  # noqa: F401
        import psycopg_pool  # noqa: F401
    except ImportError:
        pytest.fail("psycopg is not installed: pip install -e '.[test]'")
    if _failure:
        pytest.fail(_failure)
    if _server is None:
        try:
            _server = Server(folder).start()
        except Exception as error:          # noqa: BLE001 — one clear failure, not one per test
            _failure = f"could not start PostgreSQL: {error}"
            pytest.fail(_failure)
    return _server


@pytest.fixture
def postgres_url() -> str:
    """A fresh, empty database on the session's PostgreSQL server."""
    return server().new_database()
