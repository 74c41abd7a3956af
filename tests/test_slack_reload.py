"""Hot reload: the engine notices a rebuilt knowledge folder and swaps it in whole; a rebuild that does
not load keeps the engine in use and says why."""
from __future__ import annotations

import logging
import shutil
import threading
import time
from pathlib import Path

import pytest

from policybot.fronts.slack.engine import Engine, fingerprint
from policybot.ingest import build

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def knowledge(tmp_path):
    folder = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", folder)
    return folder


def wait_until(condition, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def knows_criteo(engine: Engine) -> bool:
    return engine.ask("what is Criteo").answered


def test_a_rebuild_is_swapped_in_while_questions_keep_being_answered(knowledge):
    engine = Engine(knowledge=knowledge, check_every=0.0)
    assert not knows_criteo(engine)
    failures, stop = [], threading.Event()

    def keep_asking():
        while not stop.is_set():
            answer = engine.ask("what is _zendesk_session")
            if not answer.answered:
                failures.append(answer)
    askers = [threading.Thread(target=keep_asking) for _ in range(3)]
    for t in askers:
        t.start()
    build(DATA / "edition-2.txt", knowledge)
    wait_until(lambda: engine.reloads == 1)
    stop.set()
    for t in askers:
        t.join()
    assert knows_criteo(engine) and failures == []


def test_a_rebuild_that_does_not_load_keeps_the_old_engine_and_says_why(knowledge, caplog):
    caplog.set_level(logging.WARNING, logger="policybot.slack")
    engine = Engine(knowledge=knowledge, check_every=0.0)
    assert engine.ask("what is _zendesk_session").answered
    (knowledge / "cookies.yaml").write_text("cookies: [this is: not: valid\n", encoding="utf-8")
    engine.check_for_rebuild()
    wait_until(lambda: any("does not load" in r.getMessage() for r in caplog.records))
    assert engine.ask("what is _zendesk_session").answered and engine.reloads == 0
    engine.check_for_rebuild()                            # the same broken files: not tried (nor logged) again
    assert sum("does not load" in r.getMessage() for r in caplog.records) == 1


def test_the_fingerprint_changes_with_the_files(knowledge):
    before = fingerprint(knowledge)
    (knowledge / "overlay.yaml").write_text((knowledge / "overlay.yaml").read_text() + "\n")
    assert fingerprint(knowledge) != before
    assert fingerprint(knowledge / "missing") == ()
