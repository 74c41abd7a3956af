"""The store, the same behaviour on SQLite, PostgreSQL (a real server) and in memory."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import time

import pytest

from policybot.store import MemoryStore, QuestionRecord, Resilient, StoreError, open_backend, open_store, store_url
from policybot.store.base import GivenUp, normalise, voter_id
from pg_server import postgres_url  # noqa: F401 — a fixture


@pytest.fixture(params=["sqlite", "postgresql", "memory"])
def store(request, tmp_path):
    if request.param == "memory":
        yield MemoryStore()
        return
    url = f"sqlite:///{tmp_path / 'state.sqlite3'}" if request.param == "sqlite" else request.getfixturevalue(
        "postgres_url")
    backend = open_backend(url)
    yield backend
    backend.close()


def record(question: str, answered: bool, at: float | None = None, answer_id: str | None = None,
           front: str = "slack") -> QuestionRecord:
    return QuestionRecord(answer_id=answer_id or f"id-{question}-{at}", asked_at=time.time() if at is None else at,
                          front=front, question=question, answered=answered, kind="cookie" if answered else "abstain",
                          confidence=0.9 if answered else 0.0)


def test_an_id_is_new_once_then_again_after_it_expires(store):
    assert store.first_time("event:1") is True
    assert store.first_time("event:1") is False
    assert store.first_time("event:2") is True
    assert store.first_time("event:1", 0.0) is True            # its memory has expired
    store.forget("event:2")
    assert store.first_time("event:2") is True


def test_concurrent_deliveries_of_one_id_are_new_exactly_once(store):
    results, start = [], threading.Barrier(8)

    def deliver():
        start.wait()
        results.append(store.first_time("event:burst"))
    threads = [threading.Thread(target=deliver) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [False] * 7 + [True]


def test_a_conversation_remembers_its_cookie_for_a_day(store):
    assert store.about("C1:1.0") == []
    store.remember("C1:1.0", ["_zendesk_remember_me"])
    assert store.about("C1:1.0") == ["_zendesk_remember_me"]
    assert store.about("C1:2.0") == []
    assert store.about("C1:1.0", 0.0) == []                      # older than the time to live


def test_questions_are_logged_and_read_back_in_order(store):
    now = time.time()
    store.log_question(record("what is hotjar", False, now - 10))
    store.log_question(record("what is _zendesk_session", True, now - 5))
    store.log_question(record("old", True, now - 10_000))
    got = store.questions_since(now - 60)
    assert [(q.question, q.answered, q.front, q.user_id) for q in got] == [
        ("what is hotjar", False, "slack", None), ("what is _zendesk_session", True, "slack", None)]


def test_one_vote_per_voter_per_answer_and_it_can_change(store):
    now = time.time()
    assert store.vote("a1", "v1", -1, now) is None
    assert store.vote("a1", "v1", -1, now) == -1
    assert store.vote("a1", "v1", 1, now) == -1
    assert store.vote("a1", "v2", -1, now) is None
    votes = sorted((v.answer_id, v.vote) for v in store.votes_since(now - 1))
    assert votes == [("a1", -1), ("a1", 1)]


def test_given_up_work_is_counted(store):
    store.log_given_up(GivenUp(time.time(), "answer_mention", "HTTP 500 after 5 tries"))
    assert [g.reason for g in store.given_up_since(0)] == ["HTTP 500 after 5 tries"]


def test_sqlite_default_lives_in_the_private_state_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("POLICYBOT_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert store_url() == f"sqlite:///{tmp_path / 'state' / 'policybot' / 'policybot.sqlite3'}"
    backend = open_backend()
    folder = tmp_path / "state" / "policybot"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "policybot.sqlite3").stat().st_mode) == 0o600
    with __import__("sqlite3").connect(folder / "policybot.sqlite3") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    backend.close()


def test_the_schema_is_created_once_and_reopening_keeps_the_data(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    first = open_backend(url)
    first.log_question(record("kept", True))
    first.close()
    again = open_backend(url)
    assert [q.question for q in again.questions_since(0)] == ["kept"]
    again.close()


def test_postgres_schema_is_created_once_by_concurrent_processes(postgres_url):
    code = ("import sys; from policybot.store import open_backend; "
            "s = open_backend(sys.argv[1]); print(s.first_time('k'))")
    processes = [subprocess.Popen([sys.executable, "-c", code, postgres_url], stdout=subprocess.PIPE, text=True)
                 for _ in range(4)]
    outputs = [p.communicate(timeout=60)[0].strip() for p in processes]
    assert all(p.returncode == 0 for p in processes)
    assert sorted(outputs) == ["False", "False", "False", "True"]


@pytest.mark.parametrize("problem", ["read-only", "a folder", "garbage", "missing folder"])
def test_an_unusable_sqlite_file_degrades_to_memory_with_a_warning(tmp_path, caplog, problem):
    path = tmp_path / "db.sqlite3"
    if problem == "read-only":
        path.write_bytes(b"")
        path.chmod(0o400)
        if os.geteuid() == 0:
            pytest.skip("root can write read-only files")
    elif problem == "a folder":
        path.mkdir()
    elif problem == "garbage":
        path.write_bytes(b"this is not a database" * 100)
    else:
        (tmp_path / "blocker").write_text("a file where a folder should be")
        path = tmp_path / "blocker" / "db.sqlite3"
    store = open_store(f"sqlite:///{path}")
    assert store.degraded and "degraded to memory" in store.description
    assert any("carrying on in memory" in r.getMessage() for r in caplog.records)
    assert store.first_time("e1") and not store.first_time("e1")   # still deduplicates, in memory
    store.remember("t", ["x"])
    assert store.about("t") == ["x"]


def test_a_store_that_fails_later_degrades_and_comes_back():
    class Flaky(MemoryStore):
        broken = False

        def first_time(self, *args):
            if self.broken:
                raise StoreError("the database went away")
            return super().first_time(*args)

    backend = Flaky()
    store = Resilient(lambda: backend, retry_every=0.0)
    assert store.first_time("a") and store.degraded is None
    backend.broken = True
    assert store.first_time("b") is True and store.degraded == "the database went away"
    backend.broken = False
    assert store.first_time("c") is True and store.degraded is None


def test_an_unreachable_postgres_degrades_instead_of_failing():
    with __import__("socket").socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    store = open_store(f"postgresql://postgres@127.0.0.1:{port}/nothing")
    assert store.degraded and "PostgreSQL" in store.degraded
    assert store.first_time("x")


def test_a_bad_url_is_one_clear_error():
    with pytest.raises(StoreError, match="must start with postgresql:// or sqlite:///"):
        open_backend("mysql://user:secret@host/db")
    try:
        open_backend("mysql://user:secret@host/db")
    except StoreError as error:
        assert "secret" not in str(error)


def test_normalised_form_and_voter_pseudonyms():
    assert normalise("  What IS  Hotjar?? ") == normalise("what is hotjar") == "what is hotjar"
    assert normalise("Qu’est-ce que « Hotjar » ?") == "qu est ce que hotjar"
    assert voter_id("U1") == voter_id("U1") != voter_id("U2")
    assert "U1" not in voter_id("U1")


def test_a_held_lock_degrades_within_the_busy_timeout(tmp_path):
    import sqlite3
    from policybot.store.sqlite import BUSY_TIMEOUT
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    store = open_store(url)
    assert store.first_time("before") and store.degraded is None
    holder = sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")                      # another process holds the file
    try:
        started = time.monotonic()
        assert store.first_time("during") is True          # answered from memory
        assert time.monotonic() - started < BUSY_TIMEOUT + 1.0 < 3.0
        assert store.degraded and "locked" in store.degraded
    finally:
        holder.execute("ROLLBACK")
        holder.close()
