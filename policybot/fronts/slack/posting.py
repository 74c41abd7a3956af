"""Posting to Slack: kept-alive connections, and retries that honour Retry-After.

slack_sdk's WebClient opens a new connection (urllib) for every call: about a third of the app's CPU
under load. `SlackPoster` keeps one connection per thread and host and reuses it, and retries what
Slack asks to retry (429 with Retry-After, 5xx, a dropped connection) with exponential backoff, up to
`RetryPolicy.attempts` tries within `RetryPolicy.deadline` seconds; then it raises `GaveUp`.
"""
from __future__ import annotations

import http.client
import json
import logging
import ssl
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

log = logging.getLogger("policybot.slack")

CONNECT_TIMEOUT = 10.0          # seconds for one request to Slack
RETRYABLE_STATUS = {429, 500, 502, 503, 504}


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
            except (OSError, http.client.HTTPException) as error:
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
        for fresh in (False, True):
            conn = self._connection(parts.scheme, parts.netloc, fresh)
            try:
                conn.request("POST", path, body=body, headers=headers)
                response = conn.getresponse()
                text = response.read().decode("utf-8", "replace")
                reply_headers = {k.lower(): v for k, v in response.getheaders()}
                if response.will_close:
                    self._drop(parts.scheme, parts.netloc)
                return response.status, reply_headers, text
            except (ConnectionError, http.client.RemoteDisconnected, http.client.CannotSendRequest,
                    http.client.BadStatusLine):
                self._drop(parts.scheme, parts.netloc)
                if fresh:
                    raise
        raise AssertionError("unreachable")

    def _connection(self, scheme: str, netloc: str, fresh: bool) -> http.client.HTTPConnection:
        pool = self._local.__dict__.setdefault("connections", {})
        conn = pool.get((scheme, netloc))
        if conn is None or fresh:
            if conn is not None:
                conn.close()
            if scheme == "https":
                conn = http.client.HTTPSConnection(netloc, timeout=self.timeout, context=self._ssl)
            else:
                conn = http.client.HTTPConnection(netloc, timeout=self.timeout)
            pool[(scheme, netloc)] = conn
        return conn

    def _drop(self, scheme: str, netloc: str) -> None:
        conn = self._local.__dict__.get("connections", {}).pop((scheme, netloc), None)
        if conn is not None:
            conn.close()
