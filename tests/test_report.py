"""`policybot report`: unanswered questions grouped, answers voted down, volume, on SQLite and PostgreSQL."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from policybot.fronts.terminal.cli import app
from policybot.store import QuestionRecord, open_backend
from policybot.store.report import build_report, parse_since
from pg_server import postgres_url  # noqa: F401 — a fixture

DAY = 86400


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'state.sqlite3'}"
    return request.getfixturevalue("postgres_url")


def fill(url: str, now: float) -> None:
    store = open_backend(url)
    asked = [("what is hotjar", False, now - 3 * DAY, "terminal"), ("What is Hotjar?", False, now - DAY, "slack"),
             ("what is HOTJAR", False, now - 60, "slack"), ("is the sky blue", False, now - 30, "slack"),
             ("what is _zendesk_session", True, now - 2 * DAY, "slack"), ("which cookies are essential?", True,
                                                                          now - 10, "terminal"),
             ("ancient question", False, now - 30 * DAY, "slack")]
    for n, (question, answered, at, front) in enumerate(asked):
        store.log_question(QuestionRecord(f"a{n}", at, front, question, answered, "cookie" if answered else "abstain",
                                          0.9 if answered else 0.0))
    store.vote("a4", "v1", -1, now - 5)
    store.vote("a4", "v2", -1, now - 4)
    store.vote("a5", "v1", 1, now - 3)
    store.close()


def test_report_groups_unanswered_and_lists_downvoted_answers(database_url):
    now = time.time()
    fill(database_url, now)
    data = build_report(open_backend(database_url), parse_since("7d"), now)
    assert set(data) >= {"unanswered", "feedback", "volume"}
    top = data["unanswered"][0]
    assert (top["question"], top["count"], top["normalised"]) == ("what is HOTJAR", 3, "what is hotjar")
    assert [u["question"] for u in data["unanswered"]] == ["what is HOTJAR", "is the sky blue"]
    assert data["feedback"]["up"] == 1 and data["feedback"]["down"] == 2
    assert data["feedback"]["downvoted"][0]["question"] == "what is _zendesk_session"
    assert data["feedback"]["downvoted"][0]["down"] == 2
    volume = data["volume"]
    assert volume["questions"] == 6 and volume["answered"] == 2 and volume["answered_rate"] == 0.333
    assert volume["by_front"] == {"slack": 4, "terminal": 2}
    assert sum(row["questions"] for row in volume["by_day"]) == 6


def run_report(url: str, *args: str):
    env = {**os.environ, "POLICYBOT_DATABASE_URL": url}
    return CliRunner().invoke(app, ["report", *args], env=env)


def test_report_command_formats(database_url):
    fill(database_url, time.time())
    as_json = run_report(database_url, "--format", "json")
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.output)
    assert data["unanswered"][0]["count"] == 3
    table = run_report(database_url)
    assert table.exit_code == 0
    assert "3  what is HOTJAR" in table.output and "👎 2  what is _zendesk_session" in table.output
    assert "33% answered" in table.output
    rows = list(csv.DictReader(io.StringIO(run_report(database_url, "--format", "csv").output)))
    assert {r["section"] for r in rows} == {"unanswered", "downvoted", "volume"}
    assert run_report(database_url, "--since", "1h", "--format", "json").exit_code == 0
    recent = json.loads(run_report(database_url, "--since", "1h", "--format", "json").output)
    assert recent["unanswered"][0]["count"] == 1


@pytest.mark.parametrize("args, message", [(("--since", "a week"), "--since wants a number and a unit"),
                                           (("--format", "xml"), "--format must be table, json or csv")])
def test_report_bad_options_are_one_line_exit_2(tmp_path, args, message):
    result = run_report(f"sqlite:///{tmp_path / 'x.sqlite3'}", *args)
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def test_report_on_an_unusable_store_is_one_line_exit_1(tmp_path):
    (tmp_path / "folder.sqlite3").mkdir()
    result = run_report(f"sqlite:///{tmp_path / 'folder.sqlite3'}")
    assert result.exit_code == 1 and "cannot read the store" in result.output and "Traceback" not in result.output


def test_terminal_ask_logs_only_when_a_database_url_is_set(tmp_path, database_url):
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    env.pop("POLICYBOT_DATABASE_URL", None)
    subprocess.run([sys.executable, "-m", "policybot", "ask", "what is hotjar"], env=env, capture_output=True,
                   timeout=60)
    assert not (tmp_path / "state" / "policybot" / "policybot.sqlite3").exists()
    env["POLICYBOT_DATABASE_URL"] = database_url
    for args in (["ask", "what is hotjar"], ["ask", "--json", "what is _zendesk_session"]):
        subprocess.run([sys.executable, "-m", "policybot", *args], env=env, capture_output=True, timeout=60)
    subprocess.run([sys.executable, "-m", "policybot", "chat"], env=env, input="what is _zendesk_remember_me\n"
                   "how long does it last?\n", capture_output=True, text=True, timeout=60)
    asked = open_backend(database_url).questions_since(0)
    assert [(q.question, q.answered, q.front) for q in asked] == [
        ("what is hotjar", False, "terminal"), ("what is _zendesk_session", True, "terminal"),
        ("what is _zendesk_remember_me", True, "terminal"), ("how long does it last?", True, "terminal")]
