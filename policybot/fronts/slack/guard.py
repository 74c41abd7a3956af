"""The HTTP door: what a request must be before Bolt sees it, and /healthz.

Unauthenticated requests must cost nothing: the body's size is checked before it is read
(413 above `MAX_BODY`), the signature (and its 5-minute timestamp window) before anything is parsed
(401), then the body must parse as Slack sends it (400), and a request Bolt cannot handle gets 400,
never 500 with a traceback. Logs carry metadata only (path, size, reason), never the body.
"""
from __future__ import annotations

import io
import json
import logging
from typing import Any, Callable, Iterable
from urllib.parse import parse_qs

log = logging.getLogger("policybot.slack.http")

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
MAX_BODY = 256 * 1024            # bytes; Slack's events, commands and clicks are a few kilobytes

STATUS = {200: "200 OK", 400: "400 Bad Request", 401: "401 Unauthorized", 404: "404 Not Found",
          405: "405 Method Not Allowed", 408: "408 Request Timeout", 411: "411 Length Required", 413: "413 Payload Too Large"}


def plain(start_response: Callable, status: int, text: str) -> list[bytes]:
    data = (text + "\n").encode("utf-8")
    start_response(STATUS[status], [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(data)))])
    return [data]


def parses(body: bytes, content_type: str) -> bool:
    """True if `body` is what Slack sends: a JSON object, or a form (whose `payload`, if any, is JSON)."""
    try:
        text = body.decode("utf-8")
        if "json" in content_type:
            return isinstance(json.loads(text), dict)
        form = parse_qs(text, keep_blank_values=True, strict_parsing=bool(text), max_num_fields=100)
        if "payload" in form:
            return isinstance(json.loads(form["payload"][0]), dict)
        return True
    except (UnicodeDecodeError, ValueError):
        return False


def guarded_app(handler: Callable[..., Iterable[bytes]], signing_secret: str, health: Callable[[], str],
                path: str = EVENTS_PATH) -> Callable[..., Iterable[bytes]]:
    """A WSGI app: GET /healthz → `health()`; POST `path` checked as above, then `handler` (Bolt's)."""
    from slack_sdk.signature import SignatureVerifier
    verifier = SignatureVerifier(signing_secret)

    def application(environ: dict, start_response: Callable) -> Iterable[bytes]:
        method, where = environ.get("REQUEST_METHOD", ""), environ.get("PATH_INFO", "")
        if where == HEALTH_PATH and method in ("GET", "HEAD"):
            return plain(start_response, 200, health())
        if where != path:
            return plain(start_response, 404, "not found")
        if method != "POST":
            return plain(start_response, 405, "POST only")
        try:
            length = int(environ.get("CONTENT_LENGTH") or -1)
        except ValueError:
            length = -1
        if length < 0:
            return refuse(start_response, 411, "no Content-Length", environ)
        if length > MAX_BODY:
            return refuse(start_response, 413, f"body of {length} bytes", environ)
        try:
            body = environ["wsgi.input"].read(length) if length else b""
        except OSError:                              # the client was too slow (the server's socket timeout)
            return refuse(start_response, 408, "body not sent in time", environ)
        if len(body) < length:
            return refuse(start_response, 400, "body shorter than its Content-Length", environ, len(body))
        if not signed(verifier, body, environ):
            return refuse(start_response, 401, "bad or stale signature", environ, len(body))
        if not parses(body, environ.get("CONTENT_TYPE", "")):
            return refuse(start_response, 400, "signed but malformed body", environ, len(body))
        environ["wsgi.input"] = io.BytesIO(body)
        try:
            return handler(environ, start_response)
        except Exception as error:                   # noqa: BLE001 — a signed request Bolt chokes on
            log.warning("policybot: a signed request could not be handled (%s)", type(error).__name__)
            return plain(start_response, 400, "bad request")

    return application


def signed(verifier: Any, body: bytes, environ: dict) -> bool:
    """Slack's signature over the body, with a timestamp inside Slack's 5-minute window."""
    timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", "")
    signature = environ.get("HTTP_X_SLACK_SIGNATURE", "")
    if not timestamp.isdigit() or not signature.startswith("v0="):
        return False
    try:
        return verifier.is_valid(body, timestamp, signature)
    except (ValueError, TypeError):
        return False


def refuse(start_response: Callable, status: int, reason: str, environ: dict, size: int | None = None) -> list[bytes]:
    """Answer `status` and log one metadata line (never the body or headers' values)."""
    log.info("policybot: %d for %s %s from %s (%s%s)", status, environ.get("REQUEST_METHOD"), environ.get("PATH_INFO"),
             environ.get("REMOTE_ADDR", "?"), reason, f", {size} bytes" if size is not None else "")
    return plain(start_response, status, STATUS[status].split(" ", 1)[1].lower())
