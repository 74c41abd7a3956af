"""Registers every listener on a Bolt app (the starter template's `register_listeners`).

Each listener module exposes `register(app, ask, later)`. `ask(question) -> Answer` is all the
handlers know of the engine; `later(fn, *args)` runs `fn` on the app's answer threads. Every
listener acks in the request thread and hands the answering to `later`, so the HTTP response
never waits for an answer. The answering functions are plain functions of the event's data and
of `say`/`respond`/`client`, testable alone with mocks.
"""
from __future__ import annotations

from typing import Any, Callable

from ....answer import Answer
from . import actions, commands, events

Ask = Callable[[str], Answer]
Later = Callable[..., None]


def register_listeners(app: Any, ask: Ask, later: Later) -> None:
    events.register(app, ask, later)
    commands.register(app, ask, later)
    actions.register(app, ask, later)
