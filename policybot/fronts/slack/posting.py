"""Posting to Slack: kept-alive connections, and retries that honour Retry-After.

slack_sdk's WebClient opens a new connection (urllib) for every call and parses each response's
headers with the email package: about a third of the app's CPU under load. `SlackPoster` keeps one
connection per thread and host, reads responses with a small parser, and retries what
Slack asks to retry (429 with Retry-After, 5xx, a dropped connection) with exponential backoff, up to
`RetryPolicy.attempts` tries within `RetryPolicy.deadline` seconds; then it raises `GaveUp`.
"""
from __future__ import annotations

import http.client
import json
import logging
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

log = logging.getLogger("policybot.slack")

CONNECT_TIMEOUT = 10.0          # seconds for one request to Slack
RETRYABLE_STATUS = {429, 500, 502, 503, 504}
MAX_LINE = 65536                # bytes in a status or header line of a response
MAX_HEADERS = 100


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5            # tries in all
    first_delay: float = 0.5     # seconds before the second try; doubled each time
    max_delay: float = 30.0      # the longest wait between tries (Retry-After included)
    deadline: float = 120.0      # seconds from the first try after which we give up


class PostError(Exception):
    """Slack answered, and said no (`ok: false`): not worth retrying."""


class GaveUp(Exception):
    """Slack could not be reached or kept refusing for the whole retry policy."""


class SlackPoster:
    """`api(method, **args)` → the Web API's JSON; `respond(response_url, **message)` for response_urls."""

    def __init__(self, token: str, base_url: str, retry: RetryPolicy = RetryPolicy(),
                 timeout: float = CONNECT_TIMEOUT):
        self.token = token
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.retry = retry
        self.timeout = timeout
        self._local = threading.local()
        self._ssl = ssl.create_default_context()

    # --- what callers use -------------------------------------------------------------------------

    def api(self, method: str, **args: Any) -> dict[str, Any]:
        data = self._send(self.base_url + method, args, authorised=True)
        if not data.get("ok", False):
            raise PostError(f"{method}: {data.get('error') or 'not ok'}")
        return data

    def respond(self, response_url: str, **message: Any) -> dict[str, Any]:
        return self._send(response_url, message, authorised=False)

    # --- one call, with its retries -------------------------------------------------------------

    def _send(self, url: str, payload: dict[str, Any], *, authorised: bool) -> dict[str, Any]:
        body = json.dumps({k: v for k, v in payload.items() if v is not None}).encode("utf-8")
        headers = {"Content-Type": "application/json; charset=utf-8"}
        if authorised:
            headers["Authorization"] = f"Bearer {self.token}"
        started, delay = time.monotonic(), self.retry.first_delay
        for attempt in range(1, self.retry.attempts + 1):
            try:
                status, reply_headers, text = self._request(url, body, headers)
            except (OSError, EOFError, ValueError, http.client.HTTPException) as error:
                status, reply_headers, text, why = 0, {}, "", f"connection failed ({type(error).__name__})"
            else:
                if status not in RETRYABLE_STATUS:
                    if status >= 400:
                        raise PostError(f"{urlsplit(url).path}: HTTP {status}")
                    return json.loads(text) if text.startswith("{") else {"ok": True}
                why = f"HTTP {status}"
            wait = min(self._retry_after(reply_headers, delay), self.retry.max_delay)
            if attempt == self.retry.attempts or time.monotonic() - started + wait > self.retry.deadline:
                raise GaveUp(f"{why} after {attempt} tries")
            log.info("policybot: %s from %s; retrying in %.1f s", why, urlsplit(url).path, wait)
            time.sleep(wait)
            delay *= 2
        raise GaveUp("no tries")                               # unreachable: attempts >= 1

    @staticmethod
    def _retry_after(headers: dict[str, str], default: float) -> float:
        value = headers.get("retry-after")
        try:
            return max(float(value), 0.0) if value is not None else default
        except ValueError:
            return default

    def _request(self, url: str, body: bytes, headers: dict[str, str]) -> tuple[int, dict[str, str], str]:
        """One request on this thread's kept-alive connection to the host (reconnecting once if it was closed)."""
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        request = (f"POST {path} HTTP/1.1\r\nHost: {parts.netloc}\r\nContent-Length: {len(body)}\r\n{head}\r\n"
                   ).encode("latin-1") + body
        for fresh in (False, True):
            conn = self._connection(parts.scheme, parts.netloc, fresh)
            try:
                conn.sendall(request)
                status, reply_headers, data = read_response(conn.reader)
                if reply_headers.get("connection", "").lower() == "close":
                    self._drop(parts.scheme, parts.netloc)
                return status, reply_headers, data.decode("utf-8", "replace")
            except (ConnectionError, EOFError):
                self._drop(parts.scheme, parts.netloc)
                if fresh:
                    raise
            except OSError:
                self._drop(parts.scheme, parts.netloc)
                raise
        raise AssertionError("unreachable")

    def _connection(self, scheme: str, netloc: str, fresh: bool) -> "Connection":
        pool = self._local.__dict__.setdefault("connections", {})
        conn = pool.get((scheme, netloc))
        if conn is None or fresh:
            if conn is not None:
                conn.close()
            conn = Connection(scheme, netloc, self.timeout, self._ssl)
            pool[(scheme, netloc)] = conn
        return conn

    def _drop(self, scheme: str, netloc: str) -> None:
        conn = self._local.__dict__.get("connections", {}).pop((scheme, netloc), None)
        if conn is not None:
            conn.close()


class Connection:
    """A kept-alive socket to one host (TLS for https), with a buffered reader for the responses."""

    def __init__(self, scheme: str, netloc: str, timeout: float, context: ssl.SSLContext):
        host, _, port = netloc.rpartition(":") if netloc.rsplit(":", 1)[-1].isdigit() else (netloc, "", "")
        port_number = int(port) if port else (443 if scheme == "https" else 80)
        sock = socket.create_connection((host.strip("[]"), port_number), timeout=timeout)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if scheme == "https":
            sock = context.wrap_socket(sock, server_hostname=host)
        self.sock = sock
        self.reader = sock.makefile("rb")

    def sendall(self, data: bytes) -> None:
        self.sock.sendall(data)

    def close(self) -> None:
        for closable in (self.reader, self.sock):
            try:
                closable.close()
            except OSError:
                pass


def read_response(reader: Any) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names) and body of one HTTP/1.1 response (Content-Length or chunked).

    A light parser: http.client's goes through the email package, a large part of the CPU of a post.
    """
    status_line = reader.readline(MAX_LINE)
    if not status_line:
        raise EOFError("the connection was closed")
    parts = status_line.split(None, 2)
    if len(parts) < 2 or not parts[0].startswith(b"HTTP/"):
        raise http.client.BadStatusLine(status_line.decode("latin-1", "replace"))
    headers: dict[str, str] = {}
    for _ in range(MAX_HEADERS):
        line = reader.readline(MAX_LINE)
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        chunks = []
        while True:
            size = int(reader.readline(MAX_LINE).split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while reader.readline(MAX_LINE) not in (b"\r\n", b"\n", b""):
                    pass
                break
            chunks.append(reader.read(size))
            reader.readline(MAX_LINE)
        body = b"".join(chunks)
    else:
        length = int(headers.get("content-length") or 0)
        body = reader.read(length) if length else b""
        if len(body) < length:
            raise EOFError("the response was cut short")
    return int(parts[1]), headers, body
