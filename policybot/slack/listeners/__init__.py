"""Registers every listener on a Bolt app (the starter template's `register_listeners`).

Each listener module exposes `register(app, ask)`; `ask(question) -> Answer` is the only thing the
handlers know about the engine. Handlers ack at once and do the work in a lazy listener, so the
HTTP response never waits for an answer (and the same code is right on FaaS with
process_before_response=True).
"""
from __future__ import annotations

from typing import Any, Callable

from ...answer import Answer
from . import actions, commands, events

Ask = Callable[[str], Answer]


def register_listeners(app: Any, ask: Ask) -> None:
    events.register(app, ask)
    commands.register(app, ask)
    actions.register(app, ask)


def ack_now(ack: Callable[..., Any]) -> None:
    """The ack of every listener whose work is done in a lazy listener."""
    ack()
