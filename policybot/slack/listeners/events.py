"""Events API: a mention in a channel (answered in its thread) and a direct message (answered in the DM)."""
from __future__ import annotations

from typing import Any, Callable

from ..blocks import answer_message, usage_message
from ..markup import question_from_slack


def is_from_a_person(event: dict[str, Any]) -> bool:
    """False for bot messages (ours included), edits, joins and every other subtype."""
    return not event.get("subtype") and not event.get("bot_id") and bool(event.get("user"))


def reply_for(text: str | None, bot_user_id: str | None, ask: Callable) -> dict[str, Any]:
    question = question_from_slack(text, bot_user_id)
    return answer_message(ask(question)) if question else usage_message()


def make_mention_handler(ask: Callable) -> Callable[..., None]:
    def answer_mention(event: dict[str, Any], context: Any, say: Callable[..., Any]) -> None:
        """@policybot QUESTION in a channel: the answer goes in the thread of the message that asked."""
        if not is_from_a_person(event):
            return
        message = reply_for(event.get("text"), context.bot_user_id, ask)
        say(channel=event["channel"], thread_ts=event.get("thread_ts") or event["ts"], **message)
    return answer_mention


def make_dm_handler(ask: Callable) -> Callable[..., None]:
    def answer_direct_message(event: dict[str, Any], context: Any, say: Callable[..., Any]) -> None:
        """A question sent in a DM: answered in the DM (in its thread when it was asked in one)."""
        if event.get("channel_type") != "im" or not is_from_a_person(event):
            return
        message = reply_for(event.get("text"), context.bot_user_id, ask)
        say(channel=event["channel"], thread_ts=event.get("thread_ts"), **message)
    return answer_direct_message


def register(app: Any, ask: Callable) -> None:
    from . import ack_now
    app.event("app_mention")(ack=ack_now, lazy=[make_mention_handler(ask)])
    app.event("message")(ack=ack_now, lazy=[make_dm_handler(ask)])
