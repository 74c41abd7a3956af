"""Events API: a mention in a channel (answered in its thread) and a direct message (answered in the DM)."""
from __future__ import annotations

from typing import Any, Callable

from ..blocks import answer_message, usage_message
from ..markup import question_from_slack


def is_from_a_person(event: dict[str, Any]) -> bool:
    """False for bot messages (ours included), edits, joins and every other subtype."""
    return not event.get("subtype") and not event.get("bot_id") and bool(event.get("user"))


def is_direct_question(event: dict[str, Any]) -> bool:
    return event.get("channel_type") == "im" and is_from_a_person(event)


def reply_for(text: str | None, bot_user_id: str | None, ask: Callable) -> dict[str, Any]:
    question = question_from_slack(text, bot_user_id)
    return answer_message(ask(question)) if question else usage_message()


def answer_mention(event: dict[str, Any], bot_user_id: str | None, say: Callable[..., Any], ask: Callable) -> None:
    """@policybot QUESTION in a channel: the answer goes in the thread of the message that asked."""
    message = reply_for(event.get("text"), bot_user_id, ask)
    say(channel=event["channel"], thread_ts=event.get("thread_ts") or event["ts"], **message)


def answer_direct_message(event: dict[str, Any], bot_user_id: str | None, say: Callable[..., Any],
                          ask: Callable) -> None:
    """A question sent in a DM: answered in the DM (in its thread when it was asked in one)."""
    message = reply_for(event.get("text"), bot_user_id, ask)
    say(channel=event["channel"], thread_ts=event.get("thread_ts"), **message)


def register(app: Any, ask: Callable, later: Callable[..., None]) -> None:
    @app.event("app_mention")
    def on_app_mention(ack: Callable, event: dict, context: Any, say: Callable) -> None:
        ack()
        if is_from_a_person(event):
            later(answer_mention, event, context.bot_user_id, say, ask)

    @app.event("message")
    def on_message(ack: Callable, event: dict, context: Any, say: Callable) -> None:
        ack()
        if is_direct_question(event):
            later(answer_direct_message, event, context.bot_user_id, say, ask)
