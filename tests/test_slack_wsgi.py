"""The production entry point, policybot.fronts.slack.wsgi:app, served the way a WSGI server would."""
from __future__ import annotations

import importlib
import importlib.util
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest

from slack_mock.processes import stop
from slack_mock import BOT_TOKEN, SIGNING_SECRET, MockWebAPI, SignedSender

ROOT = Path(__file__).resolve().parent.parent


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def api():
    with MockWebAPI() as mock:
        yield mock


def slack_env(api, tmp_path) -> dict[str, str]:
    return {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": api.base_url,
            "POLICYBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'state.sqlite3'}"}


def test_wsgi_module_serves_slack_and_health(api, tmp_path, monkeypatch):
    for name, value in slack_env(api, tmp_path).items():
        monkeypatch.setenv(name, value)
    sys.modules.pop("policybot.fronts.slack.wsgi", None)
    wsgi = importlib.import_module("policybot.fronts.slack.wsgi")
    assert wsgi.application is wsgi.app
    server = make_server("127.0.0.1", 0, wsgi.app, handler_class=_Quiet)
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        with urllib.request.urlopen(base + "/healthz", timeout=5) as response:
            assert response.read() == b"ok\n"
        sender = SignedSender(base + "/slack/events", api)
        assert sender.mention("what is _zendesk_session", event_id="EvWSGI1").status == 200
        assert sender.mention("what is _zendesk_session", event_id="EvWSGI1", retry_num=1).status == 200
        assert sender.mention("what is _zendesk_session", secret="wrong").status == 401
        api.wait_posts(1)
        deadline = time.monotonic() + 10
        while not wsgi.slack_app.policybot.queue.idle():      # every acked answer handled
            assert time.monotonic() < deadline
            time.sleep(0.002)
        assert len(api.posts()) == 1
        assert (tmp_path / "state.sqlite3").exists()
    finally:
        server.shutdown()
        server.server_close()
        sys.modules.pop("policybot.fronts.slack.wsgi", None)


def test_wsgi_module_needs_its_variables(monkeypatch):
    from policybot.fronts.slack import MissingEnvError
    monkeypatch.delenv("SLACK_SIGNING_SECRET", raising=False)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-x")
    sys.modules.pop("policybot.fronts.slack.wsgi", None)
    with pytest.raises(MissingEnvError, match="SLACK_SIGNING_SECRET"):
        importlib.import_module("policybot.fronts.slack.wsgi")
    sys.modules.pop("policybot.fronts.slack.wsgi", None)


@pytest.mark.skipif(importlib.util.find_spec("gunicorn") is None, reason="gunicorn is not installed (pip install -e '.[test]')")
def test_gunicorn_workers_answer_each_event_once(api, tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "--workers", "2", "--threads", "2", "--preload", "--bind",
                                f"127.0.0.1:{port}", "--log-level", "warning", "policybot.fronts.slack.wsgi:app"],
                               env={**os.environ, **slack_env(api, tmp_path)}, cwd=ROOT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.05)
        sender = SignedSender(f"http://127.0.0.1:{port}/slack/events", api)
        for n in range(20):                     # each sent 3 times; the copies land on either worker
            for retry in (None, 1, 2):
                assert sender.mention("what is _zendesk_session", ts=f"1700000{n:03d}.000100",
                                      event_id=f"EvGUNI{n:03d}", retry_num=retry).status == 200
        api.wait_for(lambda posts: len(posts) >= 20, methods=("chat.postMessage",))
        stop(process)                           # SIGTERM: each worker posts what it acked before exiting
        posts = api.posts("chat.postMessage")
        assert sorted(c.args["thread_ts"] for c in posts) == [f"1700000{n:03d}.000100" for n in range(20)]
    finally:
        stop(process)
