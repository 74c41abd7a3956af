"""Faults and abuse: a Web API that answers 429/500, a store that fails, oversized, unsigned, malformed
and slow requests, too many connections, a full answer queue, SIGTERM in the middle of a burst."""
from __future__ import annotations

import json
import logging
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from policybot.fronts.slack.guard import MAX_BODY
from policybot.fronts.slack.posting import RetryPolicy
from policybot.store import open_store
from slack_mock import BOT_TOKEN, SIGNING_SECRET, MockWebAPI, SignedSender, SlackHarness
from slack_mock.fake_bot import FakeBot
from slack_mock.processes import stop

FAST_RETRIES = RetryPolicy(attempts=4, first_delay=0.05, max_delay=5.0, deadline=10.0)


@pytest.fixture
def slack():
    with SlackHarness(FakeBot(), retry=FAST_RETRIES) as harness:
        yield harness


# --- retries ---------------------------------------------------------------------------------

def test_answers_are_retried_through_429_honouring_retry_after(slack):
    slack.api.fail_next("chat.postMessage", 429, {"Retry-After": "1"})
    slack.mention("what is _zendesk_session")
    (post,) = slack.api.wait_posts(1, timeout=15)
    failed, ok = slack.api.attempts("chat.postMessage")
    assert failed.status == 429 and ok.status == 200
    assert ok.at - failed.at >= 1.0                          # waited as long as Slack asked


def test_answers_are_retried_through_server_errors(slack):
    slack.api.fail_next("chat.postMessage", 500, times=2)
    slack.api.fail_next("response_url", 503)
    for n in range(5):
        slack.mention("what is _zendesk_session", ts=f"1700000{n}.0001")
    slack.command("what is _zendesk_session")
    posts = slack.api.wait_posts(6, timeout=15)
    assert len(posts) == 6 and slack.quiet() == posts
    assert slack.app.policybot.queue.given_up == 0


def test_an_answer_given_up_is_counted_and_its_redelivery_answered(slack):
    slack.api.fail_next("chat.postMessage", 500, times=FAST_RETRIES.attempts)
    slack.mention("what is _zendesk_session", event_id="EvLOST1")
    slack.quiet()
    assert slack.app.policybot.queue.given_up == 1
    assert [g.reason for g in slack.store.given_up_since(0)] == [f"HTTP 500 after {FAST_RETRIES.attempts} tries"]
    from policybot.store.report import build_report
    assert build_report(slack.store, 3600)["given_up"] == {
        "count": 1, "by_reason": {f"answer_mention: HTTP 500 after {FAST_RETRIES.attempts} tries": 1}}
    slack.mention("what is _zendesk_session", event_id="EvLOST1", retry_num=1)   # Slack's redelivery
    assert len(slack.api.wait_posts(1)) == 1


# --- the store -------------------------------------------------------------------------------

def test_an_unusable_store_degrades_answering_goes_on_and_healthz_says_so(tmp_path):
    (tmp_path / "a-folder.sqlite3").mkdir()
    store = open_store(f"sqlite:///{tmp_path / 'a-folder.sqlite3'}")
    with SlackHarness(FakeBot(), store=store) as slack:
        for n in range(25):
            assert slack.mention("what is _zendesk_session", ts=f"17000001{n:02d}.0001",
                                 event_id=f"EvSTORE{n}").status == 200
        slack.mention("what is _zendesk_session", ts="1700000100.0001", event_id="EvSTORE0")   # a repeat
        assert len(slack.api.wait_posts(25)) == 25 and len(slack.quiet()) == 25
        with urllib.request.urlopen(slack.url.replace("/slack/events", "/healthz"), timeout=5) as response:
            assert response.status == 200
            assert response.read().decode().startswith("degraded: the store is in memory (")


# --- the HTTP door ---------------------------------------------------------------------------

def raw_request(url: str, data: bytes, headers: dict[str, str]) -> tuple[int, str]:
    request = urllib.request.Request(url, data=data, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_oversized_unsigned_bodies_are_refused_unread(slack, caplog):
    caplog.set_level(logging.INFO)
    big = b"{" + b" " * (MAX_BODY + 10) + b"}"
    started = time.perf_counter()
    for _ in range(4):
        status, _ = raw_request(slack.url, big, {"Content-Type": "application/json"})
        assert status == 413
    assert time.perf_counter() - started < 5
    assert slack.mention("what is _zendesk_session").status == 200    # signed requests still served
    assert not any("    " in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("body, content_type, expected", [
    ("{not json", "application/json", 400),
    ("[1, 2]", "application/json", 400),
    ("payload=%7Bnot+json", "application/x-www-form-urlencoded", 400),
    ("\udcff".encode("utf-8", "surrogatepass").decode("latin-1"), "application/json", 400),
])
def test_signed_but_malformed_bodies_get_400_never_500(slack, body, content_type, expected):
    assert slack.post(body, content_type).status == expected
    assert slack.quiet() == []


def test_unsigned_requests_get_401_and_only_metadata_is_logged(slack, caplog):
    caplog.set_level(logging.DEBUG)
    forged = json.dumps({"token": "LEGACY-VERIFICATION-TOKEN", "type": "event_callback",
                         "event": {"type": "app_mention", "text": "FORGED\nLINE"}})
    assert slack.post(forged, "application/json", secret="wrong").status == 401
    status, _ = raw_request(slack.url, forged.encode(), {"Content-Type": "application/json"})
    assert status == 401
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "401 for POST /slack/events" in logged
    assert "LEGACY-VERIFICATION-TOKEN" not in logged and "FORGED" not in logged


def test_message_text_is_never_logged_at_info(slack, caplog):
    caplog.set_level(logging.INFO)
    slack.mention("what is the SECRET-PROJECT cookie")
    slack.dm("SECRET-PROJECT in a DM")
    slack.command("SECRET-PROJECT by command")
    slack.api.wait_posts(3)
    slack.quiet()
    assert not any("SECRET-PROJECT" in r.getMessage() for r in caplog.records if r.levelno >= logging.INFO)


def test_slow_clients_time_out_and_connections_are_bounded(monkeypatch):
    from policybot.fronts.slack import serve
    monkeypatch.setattr(serve._Handler, "timeout", 0.5)
    monkeypatch.setattr(serve.BoundedServer, "max_connections", 8)
    with SlackHarness(FakeBot()) as slack:
        port = slack.server.server_port
        idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(8)]
        for sock in idle:
            sock.sendall(b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n")  # never finished
        extra = socket.create_connection(("127.0.0.1", port), timeout=5)
        assert extra.recv(100).startswith(b"HTTP/1.1 503")         # turned away at once, no thread for it
        for sock in idle:                                           # the slow ones are cut off by the timeout
            sock.settimeout(5)
            assert sock.recv(100).split(b"\r\n")[0] in (b"", b"HTTP/1.0 408 Request Timeout")
        assert threading.active_count() < 40
        deadline = time.monotonic() + 5
        while slack.mention("what is _zendesk_session").status != 200:   # slots free again
            assert time.monotonic() < deadline
        for sock in idle + [extra]:
            sock.close()


def test_a_full_answer_queue_pushes_back_with_503_before_acking():
    gate = threading.Event()

    class SlowBot(FakeBot):
        def ask(self, question, about=()):
            gate.wait(10)
            return super().ask(question, about)

    with SlackHarness(SlowBot(), answer_threads=1, max_pending=2) as slack:
        from policybot.fronts.slack import dedupe
        statuses = [slack.mention("what is _zendesk_session", ts=f"1700000{n}.0001", event_id=f"EvFULL{n}").status
                    for n in range(4)]
        assert statuses[:3] == [200, 200, 200] and statuses[3] == 503      # 1 running + 2 waiting
        gate.set()
        slack.api.wait_posts(3)
        assert slack.mention("what is _zendesk_session", ts="17000003.0001", event_id="EvFULL3").status == 200
        assert len(slack.api.wait_posts(4)) == 4 and dedupe.ROOM_WAIT > 0


# --- start-up failures and SIGTERM, as processes ---------------------------------------------

def start_http(api: MockWebAPI, tmp_path, port: int = 0, extra_env: dict | None = None) -> tuple:
    env = {**os.environ, "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
           "SLACK_API_URL": api.base_url, "PYTHONUNBUFFERED": "1",
           "POLICYBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'state.sqlite3'}", **(extra_env or {})}
    process = subprocess.Popen([sys.executable, "-m", "policybot", "slack", "--http", "--port", str(port)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: "queue.Queue[str]" = queue.Queue()
    def read() -> None:
        for line in process.stdout:
            lines.put(line)
        lines.put(None)                                   # the end of the output
    threading.Thread(target=read, daemon=True).start()
    return process, lines


def wait_line(process, lines, needle: str, timeout: float = 30) -> str:
    deadline, seen = time.monotonic() + timeout, []
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.2)
        except queue.Empty:
            continue
        assert line is not None, "".join(seen)
        seen.append(line)
        if needle in line:
            return line
    raise AssertionError(f"no {needle!r} in {''.join(seen)}")


def test_port_in_use_is_one_line_exit_4(tmp_path):
    with MockWebAPI() as api, socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        process, lines = start_http(api, tmp_path, taken.getsockname()[1])
        assert process.wait(timeout=60) == 4
    out = list(iter(lambda: lines.get(timeout=30), None))
    last = [line for line in out if line.startswith("policybot:")]
    assert last and last[-1].strip().endswith("the port is already in use") and "Traceback" not in "".join(out)


def test_sigterm_mid_burst_drains_every_acked_answer(tmp_path):
    with MockWebAPI() as api:
        api.hold(0.05)                                    # a Web API that takes 50 ms per post
        process, lines = start_http(api, tmp_path)
        try:
            url = wait_line(process, lines, "listening on http://").split("listening on ", 1)[1].split()[0]
            sender = SignedSender(url, api)
            acked = sum(sender.mention("what is _zendesk_session", ts=f"1700001{n:03d}.0001").status == 200
                        for n in range(150))
            posted_before = len(api.posts("chat.postMessage"))
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=60) == 0
            assert "150 answer(s) posted, 0 given up" in wait_line(process, lines, "stopped;")
        finally:
            stop(process)
        assert acked == 150 and posted_before < 150           # SIGTERM came with answers still to post
        assert len(api.posts("chat.postMessage")) == 150      # all acked answers posted before exiting


def proc_status(pid: int) -> dict[str, int]:
    """VmRSS (kB) and Threads of a process, from /proc."""
    fields = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "Threads"):
                fields[name] = int(value.split()[0])
    return fields


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="reads memory and threads from /proc")
def test_huge_unsigned_bodies_and_idle_connections_cost_the_process_nothing(tmp_path):
    with MockWebAPI() as api:
        process, lines = start_http(api, tmp_path)
        try:
            url = wait_line(process, lines, "listening on http://").split("listening on ", 1)[1].split()[0]
            host, port = url.split("//", 1)[1].split("/", 1)[0].split(":")
            sender = SignedSender(url, api)
            assert sender.mention("what is _zendesk_session", ts="1700002000.0001").status == 200
            before = proc_status(process.pid)
            chunk = b"x" * (1 << 20)
            for _ in range(8):                            # eight unsigned 20 MB bodies
                with socket.create_connection((host, int(port)), timeout=10) as attacker:
                    attacker.sendall(b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                     b"Content-Length: 20971520\r\n\r\n")
                    try:
                        for _ in range(20):
                            attacker.sendall(chunk)
                    except OSError:
                        pass                              # refused and closed before the body was read
            started = time.perf_counter()
            assert sender.mention("what is _zendesk_session", ts="1700002001.0001").status == 200
            signed_ack = time.perf_counter() - started
            idle = [socket.create_connection((host, int(port))) for _ in range(300)]
            during = proc_status(process.pid)
            for sock in idle:
                sock.close()
            after = proc_status(process.pid)
        finally:
            stop(process)
    assert after["VmRSS"] - before["VmRSS"] < 30 * 1024, (before, after)     # kB: not the 160 MB sent
    assert signed_ack < 1.0
    assert during["Threads"] <= before["Threads"] + 2, (before, during)       # a fixed pool, not one per connection


@pytest.mark.skipif(__import__("importlib").util.find_spec("gunicorn") is None, reason="gunicorn is not installed")
def test_sigterm_to_gunicorn_drains_every_workers_acked_answers(tmp_path):
    from slack_mock.processes import start_gunicorn
    with MockWebAPI() as api:
        api.hold(0.05)
        env = {**os.environ, "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
               "SLACK_API_URL": api.base_url, "POLICYBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'state.sqlite3'}"}
        process, port = start_gunicorn(env, workers=2)
        try:
            sender = SignedSender(f"http://127.0.0.1:{port}/slack/events", api)
            acked = sum(sender.mention("what is _zendesk_session", ts=f"1700003{n:03d}.0001").status == 200
                        for n in range(100))
            posted_before = len(api.posts("chat.postMessage"))
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=60) == 0
        finally:
            stop(process)
        assert acked == 100 and posted_before < 100
        assert len(api.posts("chat.postMessage")) == 100
