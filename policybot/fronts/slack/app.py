"""Builds the Bolt app: `create_app(bot=None, ...)`. Wiring only; behaviour lives in `listeners/`.

The mode (Socket Mode, HTTP, WSGI) is chosen at the edge, in `serve` and `wsgi`.
"""
from __future__ import annotations

import logging
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from ...answer import Answer
from .config import SlackConfigError, api_url
from .dedupe import RecentIds, make_middleware
from .listeners import register_listeners

log = logging.getLogger("policybot.slack")

ANSWER_THREADS = 4         # answers are computed and posted off the request threads, this many at once


class _NoTokenSkippedWarning(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN itself and then warns that it is unused beside our client, which
    already holds that very token: a misleading line in every start-up log."""

    def filter(self, record: logging.LogRecord) -> bool:
        from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


logging.getLogger("slack_bolt.App").addFilter(_NoTokenSkippedWarning())


class Later:
    """`later(fn, *args)`: run `fn(*args)` on the answer threads, logging (not losing) any failure."""

    def __init__(self, executor: ThreadPoolExecutor):
        self.executor = executor

    def __call__(self, fn: Any, *args: Any) -> None:
        self.executor.submit(self._run, fn, args)

    @staticmethod
    def _run(fn: Any, args: tuple) -> None:
        try:
            fn(*args)
        except Exception:                                   # noqa: BLE001 — one failed answer, logged
            log.exception("policybot: %s failed", getattr(fn, "__name__", fn))


class Asker:
    """`ask(question) -> Answer` over any object with `.ask`; the real bot is loaded on first use.

    It never raises: an engine failure becomes an error answer (and a log line), so a question in
    Slack always gets a reply.
    """

    def __init__(self, bot: Any = None, knowledge: Any = None):
        self._bot = bot
        self._knowledge = knowledge
        self._lock = threading.Lock()

    @property
    def bot(self) -> Any:
        if self._bot is None:
            with self._lock:
                if self._bot is None:
                    from ... import load                     # the engine, only when first needed
                    self._bot = load(self._knowledge)
        return self._bot

    def __call__(self, question: str) -> Answer:
        try:
            return self.bot.ask(question)
        except Exception:                                   # noqa: BLE001 — Slack must get a reply
            log.exception("policybot: the engine failed on a question")
            return Answer(question=question, answered=False, kind="error",
                          text="Sorry, something went wrong while answering. Please try again later.")


def create_app(bot: Any = None, *, token: str | None = None, signing_secret: str | None = None,
               client: WebClient | None = None, knowledge: Any = None, socket_mode: bool = False,
               seen: Any = None,
               token_verification: bool = True, answer_threads: int = ANSWER_THREADS) -> App:
    """The policybot Slack app.

    bot:           any object with `.ask(question) -> Answer`; None loads the shipped (or `knowledge`)
                   knowledge base with `policybot.load` on the first question.
    token:         the bot token (xoxb-…); default SLACK_BOT_TOKEN. Ignored when `client` is given.
    signing_secret: default SLACK_SIGNING_SECRET; required unless `socket_mode`.
    client:        a WebClient to use; default one on SLACK_API_URL (or Slack's API).
    seen:          the store of recent event ids (anything with `.add(key) -> bool`), for
                   deduplicating redeliveries; default an in-process `RecentIds`.
    token_verification: call auth.test now (True) or on the first request (False).
    answer_threads: how many answers are computed and posted at once (per process).

    Listeners run in the request thread (process_before_response=True), only ack and hand the
    answer to the answer threads: acks never wait for answers nor queue behind them. The answer
    threads are also the app's listener executor (`app.listener_runner.listener_executor`).
    """
    if client is None:
        token = token or os.environ.get("SLACK_BOT_TOKEN")
        if not token:
            raise SlackConfigError("missing SLACK_BOT_TOKEN: the Slack app needs a bot token")
        client = WebClient(token=token, base_url=api_url())
    if signing_secret is None:
        signing_secret = os.environ.get("SLACK_SIGNING_SECRET", "")
    if not socket_mode and not signing_secret:
        raise SlackConfigError("missing SLACK_SIGNING_SECRET: HTTP mode cannot verify requests without it")
    pool = ThreadPoolExecutor(max_workers=answer_threads, thread_name_prefix="policybot-answer")
    app = App(
        name="policybot",
        client=client,
        signing_secret=signing_secret or "",
        process_before_response=True,         # the listeners only ack: see the docstring
        token_verification_enabled=token_verification,
        request_verification_enabled=not socket_mode,
        listener_executor=pool,
    )
    app.use(make_middleware(seen if seen is not None else RecentIds()))
    register_listeners(app, Asker(bot, knowledge), Later(pool))
    return app
