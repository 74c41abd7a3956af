"""A mock of Slack's Web API on 127.0.0.1 that records every call (http.server in a thread).

Besides answering like Slack (auth.test, chat.*, views.publish, apps.connections.open, the
files.uploadV2 steps, response_urls), it can be told to misbehave: `api.fail_next(method,
status, headers, times)` answers the next calls of a method with an HTTP error (429 with
Retry-After, 500, …); `api.refuse(method, error)` answers `ok: false`; `api.hold(seconds)` delays
every answer (a slow Slack).
"""
from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable
from urllib.parse import parse_qsl

BOT_USER_ID = "UPOLICYBOT"
BOT_ID = "BPOLICYBOT"
TEAM_ID = "T0TEAM"


@dataclass
class Call:
    """One request the app made: `method` is the API method ("chat.postMessage") or "response_url"."""
    method: str
    path: str
    headers: dict[str, str]
    args: dict[str, Any] = field(default_factory=dict)
    at: float = 0.0
    status: int = 200

    @property
    def blocks(self) -> list[dict[str, Any]]:
        blocks = self.args.get("blocks") or []
        return json.loads(blocks) if isinstance(blocks, str) else blocks

    @property
    def raw(self) -> str:
        """Everything the call carried, as text (to search for what must never be posted)."""
        return json.dumps(self.args, ensure_ascii=False)


class MockWebAPI:
    """Start with `with MockWebAPI() as api:`; the app's WebClient uses `api.base_url`."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.uploads: dict[str, bytes] = {}
        self._lock = threading.Lock()
        self._ts = 1700000000.000100
        self._failures: dict[str, list[tuple[int, dict[str, str]]]] = {}
        self._refusals: dict[str, str] = {}
        self._hold = 0.0
        mock = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True     # headers and body are two writes: no 40 ms Nagle/delayed-ACK stall

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                data = self.rfile.read(length) if length else b""
                path = self.path.split("?", 1)[0]
                if path.startswith("/upload/"):
                    mock.uploads[path[len("/upload/"):]] = data
                    self._reply(200, {"ok": True}, {})
                    return
                raw = data.decode("utf-8")
                ctype = self.headers.get("Content-Type") or ""
                args = json.loads(raw or "{}") if "json" in ctype else dict(parse_qsl(raw))
                if path.startswith("/api/"):
                    method = path[len("/api/"):]
                elif path.startswith("/response/"):
                    method = "response_url"
                else:
                    method = path
                call = Call(method, path, {k.lower(): v for k, v in self.headers.items()}, args, time.monotonic())
                if mock._hold:
                    time.sleep(mock._hold)
                status, headers, payload = mock._answer(call)
                self._reply(status, payload, headers)

            def _reply(self, status: int, payload: dict, headers: dict[str, str]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), name="mock-slack-api",
                                        daemon=True)

    # --- lifecycle --------------------------------------------------------------------------

    def start(self) -> "MockWebAPI":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> "MockWebAPI":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def base_url(self) -> str:
        """For WebClient(base_url=...) and SLACK_API_URL."""
        return self.url + "/api/"

    def response_url(self, name: str = "cmd") -> str:
        return f"{self.url}/response/{name}"

    # --- misbehaving ------------------------------------------------------------------------

    def fail_next(self, method: str, status: int, headers: dict[str, str] | None = None, times: int = 1) -> None:
        """Answer the next `times` calls of `method` with HTTP `status` (and `headers`, e.g. Retry-After)."""
        with self._lock:
            self._failures.setdefault(method, []).extend([(status, headers or {})] * times)

    def refuse(self, method: str, error: str = "invalid_auth") -> None:
        """Answer every call of `method` with `{"ok": false, "error": error}`."""
        with self._lock:
            self._refusals[method] = error

    def hold(self, seconds: float) -> None:
        self._hold = seconds

    # --- responses --------------------------------------------------------------------------

    def _answer(self, call: Call) -> tuple[int, dict[str, str], dict[str, Any]]:
        with self._lock:
            failures = self._failures.get(call.method)
            if failures:
                status, headers = failures.pop(0)
                call.status = status
                self.calls.append(call)
                return status, headers, {"ok": False, "error": "ratelimited" if status == 429 else "fatal_error"}
            self.calls.append(call)
            self._ts += 0.0001
            ts = f"{self._ts:.6f}"
            refusal = self._refusals.get(call.method)
        if refusal:
            return 200, {}, {"ok": False, "error": refusal}
        return 200, {}, self._record(call, ts)

    def _record(self, call: Call, ts: str) -> dict[str, Any]:
        if call.method == "auth.test":
            return {"ok": True, "url": "https://example.slack.com/", "team": "Example", "user": "policybot",
                    "team_id": TEAM_ID, "user_id": BOT_USER_ID, "bot_id": BOT_ID, "is_enterprise_install": False}
        if call.method == "chat.postMessage":
            return {"ok": True, "channel": call.args.get("channel"), "ts": ts,
                    "message": {"type": "message", "text": call.args.get("text"), "ts": ts,
                                "user": BOT_USER_ID, "bot_id": BOT_ID}}
        if call.method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        if call.method == "bots.info":
            return {"ok": True, "bot": {"id": BOT_ID, "user_id": BOT_USER_ID, "name": "policybot"}}
        if call.method == "files.getUploadURLExternal":
            file_id = f"F{len(self.calls):06d}"
            return {"ok": True, "file_id": file_id, "upload_url": f"{self.url}/upload/{file_id}"}
        if call.method == "files.completeUploadExternal":
            files = call.args.get("files")
            files = json.loads(files) if isinstance(files, str) else files
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title"),
                                           "permalink": f"https://example.slack.com/files/{f['id']}"} for f in files]}
        if call.method == "apps.connections.open":
            return {"ok": True, "url": "ws://127.0.0.1:9/not-listening"}
        return {"ok": True}

    # --- what was called --------------------------------------------------------------------

    def posts(self, *methods: str) -> list[Call]:
        """The recorded calls of those methods (default: everything that posts something visible)."""
        methods = methods or ("chat.postMessage", "chat.postEphemeral", "response_url")
        with self._lock:
            return [c for c in self.calls if c.method in methods and c.status == 200]

    def attempts(self, method: str) -> list[Call]:
        """Every call of `method`, failed ones included."""
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def wait_for(self, predicate: Callable[[list[Call]], bool], timeout: float = 10.0,
                 methods: tuple[str, ...] = ()) -> list[Call]:
        """Poll (every 5 ms, at most `timeout` s) until `predicate(posts)` holds; return the posts.

        Raises AssertionError with what was recorded when the time runs out.
        """
        deadline = time.monotonic() + timeout
        while True:
            posts = self.posts(*methods)
            if predicate(posts):
                return posts
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout}s; recorded: {[(c.method, c.args) for c in posts]}")
            time.sleep(0.005)

    def wait_posts(self, n: int, timeout: float = 10.0, methods: tuple[str, ...] = ()) -> list[Call]:
        """Wait until at least `n` posts were recorded."""
        return self.wait_for(lambda posts: len(posts) >= n, timeout, methods)

    def settle(self, seconds: float = 0.3) -> list[Call]:
        """Give background work a short moment, then return the posts (for asserting that none came)."""
        time.sleep(seconds)
        return self.posts()

    def clear(self) -> None:
        with self._lock:
            self.calls.clear()
