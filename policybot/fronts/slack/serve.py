"""Where the mode is chosen: Socket Mode, a threaded HTTP server on /slack/events, or WSGI for gunicorn."""
from __future__ import annotations

import logging
import os
from socketserver import ThreadingMixIn
from typing import Any, Callable, Iterable
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from .config import SlackConfigError, check_env

log = logging.getLogger("policybot.slack")

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"


def wsgi_app(app: Any, path: str = EVENTS_PATH) -> Callable[..., Iterable[bytes]]:
    """The Bolt app as a WSGI application: Slack's requests on `path`, and GET /healthz for load balancers."""
    from slack_bolt.adapter.wsgi import SlackRequestHandler
    handler = SlackRequestHandler(app, path=path)

    def application(environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == HEALTH_PATH and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"ok\n"]
        return handler(environ, start_response)

    return application


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


class _Handler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:       # to logging, not stderr
        log.debug("http: " + format, *args)


def make_http_server(app: Any, host: str = "0.0.0.0", port: int = 3000, path: str = EVENTS_PATH) -> WSGIServer:
    """A threaded HTTP server for the app (port 0 picks a free port: `server.server_port`)."""
    return make_server(host, port, wsgi_app(app, path), server_class=_ThreadingServer, handler_class=_Handler)


def main(*, http: bool = False, host: str = "0.0.0.0", port: int = 3000, knowledge: Any = None) -> None:
    """`policybot slack [--http]`: check the environment, load the knowledge, connect, serve until ^C."""
    check_env(http)
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from ... import load
    bot = load(knowledge)                      # fail now, not on the first question
    from slack_bolt.error import BoltError
    from slack_sdk.errors import SlackClientError
    from .app import create_app
    try:
        app = create_app(bot, socket_mode=not http)
    except BoltError as error:                 # auth.test refused the token; the message holds no secret
        raise SlackConfigError(f"Slack refused SLACK_BOT_TOKEN ({error})") from None
    except (SlackClientError, OSError) as error:
        raise SlackConfigError(f"cannot reach Slack's Web API to check SLACK_BOT_TOKEN ({error})") from None
    if http:
        server = make_http_server(app, host, port)
        log.info("policybot: Slack app listening on http://%s:%d%s", host, server.server_port, EVENTS_PATH)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
    else:
        from slack_bolt.adapter.socket_mode import SocketModeHandler
        log.info("policybot: Slack app connecting in Socket Mode")
        try:
            SocketModeHandler(app, os.environ["SLACK_APP_TOKEN"]).start()
        except KeyboardInterrupt:
            pass
