"""Where the mode is chosen: Socket Mode, a threaded HTTP server on /slack/events, or WSGI for gunicorn.

Start-up failures a person can fix are one line (`StartError`, exit 4 in the CLI): the port is in
use or out of range, the host cannot be listened on, Slack refuses a token or cannot be reached.
On SIGTERM (and Ctrl-C) the HTTP server stops taking requests and the acked answers are drained
within `DRAIN_DEADLINE` seconds; what is left is counted in the log and the store.
"""
from __future__ import annotations

import errno
import logging
import os
import queue
import signal
import socket
import threading
from typing import Any, Callable, Iterable
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from .config import SlackConfigError, StartError, check_env
from .guard import EVENTS_PATH, HEALTH_PATH, guarded_app  # noqa: F401 — HEALTH_PATH is part of the API
from .work import DRAIN_DEADLINE

log = logging.getLogger("policybot.slack")

DEFAULT_HOST = "127.0.0.1"       # production binds 0.0.0.0 on purpose (see the README)
MAX_CONNECTIONS = 64             # open connections served at once; more get 503 at once
CLIENT_TIMEOUT = 10.0            # seconds a client may take to send its request
LOG_LEVELS = ("debug", "info", "warning", "error")


def health_of(app: Any) -> Callable[[], str]:
    def health() -> str:
        degraded = getattr(app.policybot.store, "degraded", None)
        return f"degraded: the store is in memory ({degraded})" if degraded else "ok"
    return health


def wsgi_app(app: Any, path: str = EVENTS_PATH, signing_secret: str | None = None) -> Callable[..., Iterable[bytes]]:
    """The Bolt app as a WSGI application behind `guard` (size, signature, parse), with GET /healthz."""
    from slack_bolt.adapter.wsgi import SlackRequestHandler
    secret = signing_secret or getattr(app, "policybot_signing_secret", "") or os.environ.get("SLACK_SIGNING_SECRET", "")
    return guarded_app(SlackRequestHandler(app, path=path), secret, health_of(app), path)


class BoundedServer(WSGIServer):
    """A fixed pool of MAX_CONNECTIONS threads, each serving one connection at a time; a connection that
    finds them all busy gets 503 straight away. Threads made once, not one per request: under load the
    accept loop no longer waits for each new thread to start."""
    allow_reuse_address = True
    request_queue_size = 128
    max_connections = MAX_CONNECTIONS

    def server_activate(self) -> None:
        super().server_activate()
        self._slots = threading.BoundedSemaphore(self.max_connections)
        self._accepted: queue.SimpleQueue = queue.SimpleQueue()
        self.turned_away = 0
        self._pool = [threading.Thread(target=self._serve_connections, name=f"policybot-http-{n}", daemon=True)
                      for n in range(self.max_connections)]
        for thread in self._pool:
            thread.start()

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            self.turned_away += 1
            try:
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            except OSError:
                pass
            self.shutdown_request(request)
            return
        self._accepted.put((request, client_address))

    def _serve_connections(self) -> None:
        while True:
            item = self._accepted.get()
            if item is None:
                return
            request, client_address = item
            try:
                self.finish_request(request, client_address)
            except Exception:                         # noqa: BLE001 — one connection's failure
                self.handle_error(request, client_address)
            finally:
                self.shutdown_request(request)
                self._slots.release()

    def server_close(self) -> None:
        super().server_close()
        for _ in getattr(self, "_pool", []):
            self._accepted.put(None)

    def handle_error(self, request: Any, client_address: Any) -> None:
        log.debug("http: connection from %s ended with an error", client_address[0], exc_info=True)


class _Handler(WSGIRequestHandler):
    timeout = CLIENT_TIMEOUT                     # a slow client's socket times out

    def log_message(self, format: str, *args: Any) -> None:       # to logging, not stderr
        log.debug("http: " + format, *args)


def make_http_server(app: Any, host: str = DEFAULT_HOST, port: int = 3000, path: str = EVENTS_PATH,
                     signing_secret: str | None = None) -> WSGIServer:
    """A bounded threaded HTTP server for the app (port 0 picks a free port: `server.server_port`).

    StartError (one line) when the port is out of range or taken, or the host cannot be listened on.
    """
    if not 0 <= port <= 65535:
        raise StartError(f"--port {port} is not a port number (0-65535)")
    try:
        return make_server(host, port, wsgi_app(app, path, signing_secret), server_class=BoundedServer,
                           handler_class=_Handler)
    except socket.gaierror:
        raise StartError(f"cannot listen on {host}:{port}: no such host") from None
    except OverflowError:
        raise StartError(f"--port {port} is not a port number (0-65535)") from None
    except OSError as error:
        why = {errno.EADDRINUSE: "the port is already in use", errno.EADDRNOTAVAIL: "not an address of this machine",
               errno.EACCES: "permission denied (ports below 1024 need privileges)"}.get(
                   error.errno, error.strerror or str(error))
        raise StartError(f"cannot listen on {host}:{port}: {why}") from None


def configure_logging(level: str = "info") -> None:
    if not logging.getLogger().handlers:
        logging.basicConfig(level=level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    else:
        logging.getLogger().setLevel(level.upper())


def build_app(http: bool, knowledge: Any) -> Any:
    """The app over the loaded engine and the store; StartError when Slack refuses or cannot be reached."""
    from slack_bolt.error import BoltError
    from slack_sdk.errors import SlackClientError

    from ... import load
    from ...store import open_store
    from .app import create_app
    from .engine import Engine
    bot = load(knowledge)                      # fail now, not on the first question
    client_log = logging.getLogger("slack_sdk")
    level = client_log.level
    client_log.setLevel(logging.CRITICAL)      # its retries of auth.test are ours to report, in one line
    try:
        return create_app(socket_mode=not http, store=open_store(), engine=Engine(bot, knowledge, watch=True),
                          verified_at_the_door=http)
    except BoltError as error:                 # auth.test refused the token; the message holds no secret
        raise StartError(f"Slack refused SLACK_BOT_TOKEN ({error})") from None
    except (SlackClientError, OSError) as error:
        raise StartError(f"cannot reach Slack's Web API to check SLACK_BOT_TOKEN ({type(error).__name__})") from None
    finally:
        client_log.setLevel(level)


def serve_http(app: Any, host: str, port: int, drain_deadline: float = DRAIN_DEADLINE) -> None:
    """Serve until SIGTERM or Ctrl-C, then stop taking requests and drain the acked answers."""
    server = make_http_server(app, host, port)
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    thread = threading.Thread(target=server.serve_forever, args=(0.2,), name="policybot-http", daemon=True)
    thread.start()
    log.info("policybot: Slack app listening on http://%s:%d%s", host, server.server_port, EVENTS_PATH)
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.shutdown()
        server.server_close()
        left = app.policybot.queue.drain(drain_deadline)
        log.info("policybot: stopped; %d answer(s) posted, %d given up", app.policybot.queue.done,
                 app.policybot.queue.given_up)
        if left:
            log.warning("policybot: %d acked answer(s) were not posted before the deadline", left)


def serve_socket_mode(app: Any) -> None:
    """Connect (StartError if Slack refuses SLACK_APP_TOKEN), then serve until SIGTERM or Ctrl-C and drain."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler
    from slack_sdk.errors import SlackApiError, SlackClientError
    log.info("policybot: Slack app connecting in Socket Mode")
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    handler = SocketModeHandler(app, os.environ["SLACK_APP_TOKEN"])
    try:
        handler.connect()
        stop.wait()
    except SlackApiError as error:
        raise StartError(f"Slack refused SLACK_APP_TOKEN ({error.response.get('error', 'refused')})") from None
    except (SlackClientError, OSError) as error:
        raise StartError(f"cannot reach Slack to open a Socket Mode connection ({type(error).__name__})") from None
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        app.policybot.queue.drain(DRAIN_DEADLINE)


def main(*, http: bool = False, host: str = DEFAULT_HOST, port: int = 3000, knowledge: Any = None,
         log_level: str = "info") -> None:
    """`policybot slack [--http]`: check the environment, load the knowledge, connect, serve until stopped."""
    check_env(http)
    if http and not 0 <= port <= 65535:
        raise StartError(f"--port {port} is not a port number (0-65535)")
    configure_logging(log_level)
    app = build_app(http, knowledge)
    if http:
        serve_http(app, host, port)
    else:
        serve_socket_mode(app)


__all__ = ["SlackConfigError", "StartError", "main", "make_http_server", "wsgi_app"]
