"""Builds the Bolt app: `create_app(bot=None, ...)`. Wiring only; behaviour lives in `listeners/`.

The mode (Socket Mode, HTTP, WSGI) is chosen at the edge, in `serve` and `wsgi`.
"""
from __future__ import annotations

import logging
import os
import time
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (ConnectionErrorRetryHandler, RateLimitErrorRetryHandler,
                                                   ServerErrorRetryHandler)

from ...store import MemoryStore
from ...store.base import GivenUp
from .answering import Answering
from .config import SlackConfigError, api_url, token_from_env
from .dedupe import make_middleware
from .engine import Engine
from .listeners import Service, register_listeners
from .posting import RetryPolicy, SlackPoster
from .work import ANSWER_THREADS, MAX_PENDING, AnswerQueue

log = logging.getLogger("policybot.slack")

SDK_RETRIES = 3             # slack_sdk's own retries (file uploads): per kind of failure


class _NoTokenSkippedWarning(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN itself and then warns that it is unused beside our client, which
    already holds that very token: a misleading line in every start-up log."""

    def filter(self, record: logging.LogRecord) -> bool:
        from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


logging.getLogger("slack_bolt.App").addFilter(_NoTokenSkippedWarning())


def web_client(token: str, base_url: str) -> WebClient:
    """slack_sdk's client (auth.test, file uploads), retrying rate limits, 5xx and dropped connections."""
    return WebClient(token=token, base_url=base_url, retry_handlers=[
        RateLimitErrorRetryHandler(max_retry_count=SDK_RETRIES), ServerErrorRetryHandler(max_retry_count=SDK_RETRIES),
        ConnectionErrorRetryHandler(max_retry_count=SDK_RETRIES)])


def create_app(bot: Any = None, *, token: str | None = None, signing_secret: str | None = None,
               client: WebClient | None = None, knowledge: Any = None, socket_mode: bool = False,
               store: Any = None, token_verification: bool = True, answer_threads: int = ANSWER_THREADS,
               max_pending: int = MAX_PENDING, retry: RetryPolicy = RetryPolicy(),
               engine: Engine | None = None, verified_at_the_door: bool = False) -> App:
    """The policybot Slack app.

    bot:           any object with `.ask(question, about=[...]) -> Answer`; None loads the shipped (or
                   `knowledge`) knowledge base on the first question, and reloads it when it is rebuilt.
    token:         the bot token (xoxb-…); default SLACK_BOT_TOKEN. Ignored when `client` is given.
    signing_secret: default SLACK_SIGNING_SECRET; required unless `socket_mode`.
    client:        a WebClient to use; default one on SLACK_API_URL (or Slack's API).
    store:         where request ids, conversations, questions and votes are kept (`policybot.store`);
                   default an in-memory store for this process.
    token_verification: call auth.test now (True) or on the first request (False).
    answer_threads, max_pending: the answer queue (threads, and acked answers that may wait).
    retry:         how posts to Slack are retried (429 with Retry-After, 5xx, dropped connections).
    verified_at_the_door: the HTTP guard (`serve.wsgi_app`) checks every signature before Bolt sees the
                   request, so Bolt need not check it again; leave False when serving Bolt any other way.

    Listeners run in the request thread (process_before_response=True), only ack and hand the
    answer to the answer queue: acks never wait for answers. `app.policybot` is the `Service`.
    """
    if client is None:
        token = token_from_env(token)
        client = web_client(token, api_url())
    if signing_secret is None:
        signing_secret = os.environ.get("SLACK_SIGNING_SECRET", "")
    if not socket_mode and not signing_secret:
        raise SlackConfigError("missing SLACK_SIGNING_SECRET: HTTP mode cannot verify requests without it")
    store = store if store is not None else MemoryStore()

    def count_given_up(job: Any, reason: str) -> None:
        store.log_given_up(GivenUp(time.time(), job.name, reason))

    answers = AnswerQueue(answer_threads, max_pending, on_give_up=count_given_up)
    app = App(
        name="policybot",
        client=client,
        signing_secret=signing_secret or "",
        process_before_response=True,         # the listeners only ack: see the docstring
        token_verification_enabled=token_verification,
        request_verification_enabled=not socket_mode and not verified_at_the_door,
    )
    engine = engine or Engine(bot, knowledge)
    service = Service(answering=Answering(engine, store), queue=answers,
                      post=SlackPoster(client.token or "", client.base_url, retry), store=store, engine=engine,
                      files=client)
    app.use(make_middleware(store, answers))
    register_listeners(app, service)
    app.policybot = service                   # type: ignore[attr-defined]
    app.policybot_signing_secret = signing_secret   # type: ignore[attr-defined]  # for the HTTP guard
    return app
