"""Registers every listener on a Bolt app (the starter template's `register_listeners`).

Each listener module exposes `register(app, service)`. A `Service` is all the handlers know:
`answering(question, thread=…, user=…)` (engine + follow-ups + question log), `later(context, fn,
*args)` (run on the answer queue; if it is given up, the request's dedupe key is forgotten so Slack's
redelivery is answered), `post` (the Web API and response_urls, with retries), `store`, `engine`
and `files` (a WebClient, for file uploads). Every listener acks in the request thread; the
answering functions are plain functions of the payload and the service, testable alone.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..dedupe import DEDUPE_KEY


@dataclass
class Service:
    answering: Any
    queue: Any
    post: Any
    store: Any
    engine: Any
    files: Any = None

    def later(self, context: Any, fn: Any, *args: Any) -> None:
        key = (context or {}).get(DEDUPE_KEY) if hasattr(context, "get") else None
        self.queue.submit(fn, *args, on_give_up=(lambda reason: self.store.forget(key)) if key else None)


def register_listeners(app: Any, service: Service) -> None:
    from . import actions, commands, events
    events.register(app, service)
    commands.register(app, service)
    actions.register(app, service)
