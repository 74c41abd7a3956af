"""Two hosts of 2 gunicorn workers each, sharing one real PostgreSQL store and one knowledge folder:
follow-ups across workers, one event delivered 4 times at once, `policybot report`, and a rebuild of
the knowledge served by every worker (the real engine, the mock Web API, signed requests)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import pg_server
from policybot.fronts.slack import blocks
from slack_mock import BOT_TOKEN, SIGNING_SECRET, MockWebAPI, SignedSender
from slack_mock.processes import start_gunicorn, stop

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def hosts(tmp_path_factory):
    database = pg_server.server().new_database()
    knowledge = tmp_path_factory.mktemp("kb") / "knowledge"
    shutil.copytree(ROOT / "knowledge", knowledge)
    with MockWebAPI() as api:
        env = {**os.environ, "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
               "SLACK_API_URL": api.base_url, "POLICYBOT_DATABASE_URL": database,
               "POLICYBOT_KNOWLEDGE": str(knowledge)}
        started = [start_gunicorn(env, cwd=str(ROOT)) for _ in range(2)]
        try:
            senders = [SignedSender(f"http://127.0.0.1:{port}/slack/events", api) for _, port in started]
            yield {"api": api, "a": senders[0], "b": senders[1], "database": database, "knowledge": knowledge,
                   "env": env}
        finally:
            for process, _ in started:
                stop(process)


@pytest.fixture(autouse=True)
def fresh(hosts):
    hosts["api"].clear()


def test_a_follow_up_lands_on_another_host_and_knows_the_cookie(hosts):
    hosts["a"].mention("what is _zendesk_remember_me", ts="1700009000.000100")
    hosts["api"].wait_posts(1)
    hosts["b"].mention("how long does it last?", ts="1700009001.000100", thread_ts="1700009000.000100")
    follow_up = hosts["api"].wait_posts(2)[1]
    assert follow_up.args["thread_ts"] == "1700009000.000100"
    assert follow_up.args["text"].startswith("_zendesk_remember_me lasts 2 semaines (2 weeks)")


def test_one_event_delivered_four_times_at_once_is_answered_once(hosts):
    start = threading.Barrier(4)
    statuses = []

    def deliver(sender, retry):
        start.wait()
        statuses.append(sender.mention("what is _zendesk_session", ts="1700009100.000100", event_id="EvFOURx4",
                                       retry_num=retry).status)
    threads = [threading.Thread(target=deliver, args=(hosts[h], r)) for h, r in
               (("a", None), ("b", 1), ("a", 2), ("b", 3))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [200] * 4
    hosts["a"].mention("what is _zendesk_session", ts="1700009101.000100")       # a barrier: a later event
    posts = hosts["api"].wait_for(lambda p: any(c.args.get("thread_ts") == "1700009101.000100" for c in p))
    hosts["api"].wait_posts(2)
    assert [c.args["thread_ts"] for c in hosts["api"].posts()].count("1700009100.000100") == 1, posts


def test_report_shows_an_unanswered_question_and_a_down_vote(hosts):
    hosts["a"].mention("what is hotjar", ts="1700009200.000100")
    hosts["a"].mention("which cookie remembers my login?", ts="1700009201.000100")
    answers = hosts["api"].wait_posts(2)
    answered = next(p for p in answers if p.args["thread_ts"] == "1700009201.000100")
    down = next(e for e in answered.blocks[-1]["elements"] if e["action_id"] == blocks.FEEDBACK_DOWN)
    hosts["b"].click(blocks.FEEDBACK_DOWN, down["value"])
    hosts["api"].wait_posts(3)
    result = subprocess.run([sys.executable, "-m", "policybot", "report", "--format", "json"], env=hosts["env"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert any(u["question"] == "what is hotjar" and u["count"] >= 1 for u in report["unanswered"])
    assert [d["question"] for d in report["feedback"]["downvoted"]] == ["which cookie remembers my login?"]
    assert report["volume"]["by_front"]["slack"] >= 2


def test_a_rebuilt_knowledge_folder_is_served_by_every_worker(hosts):
    def answers_criteo(n: int) -> bool:
        sender = hosts["a" if n % 2 else "b"]
        ts = f"17000094{n:02d}.000100"
        sender.mention("what is Criteo", ts=ts)
        post = hosts["api"].wait_for(lambda p: any(c.args.get("thread_ts") == ts for c in p))
        answer = next(c for c in post if c.args.get("thread_ts") == ts)
        return any(b.get("fields") for b in answer.blocks)            # a cookie card: Criteo is known

    assert not answers_criteo(0)
    build = subprocess.run([sys.executable, "-m", "policybot", "build", str(DATA / "edition-2.txt"), "--out",
                            str(hosts["knowledge"])], capture_output=True, text=True, timeout=120)
    assert build.returncode == 0, build.stderr
    deadline, streak, n = time.monotonic() + 30, 0, 1
    while streak < 20:                  # 20 in a row, over 4 workers picked by the kernel: all of them reloaded
        assert time.monotonic() < deadline, "not every worker serves the rebuilt knowledge within 30 s"
        streak = streak + 1 if answers_criteo(n) else 0
        n += 1
