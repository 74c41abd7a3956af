"""Events API: a mention in a channel (answered in its thread), a direct message (answered in the DM),
and the App Home tab (usage and the knowledge base's edition)."""
from __future__ import annotations

import time
from typing import Any

from ..answering import thread_key
from ..blocks import answer_message, home_view, text_message, usage_message
from ..manners import HELP, reply, small_talk
from ..markup import question_from_slack

WEEK = 7 * 86400


def is_from_a_person(event: dict[str, Any]) -> bool:
    """False for bot messages (ours included), edits, joins and every other subtype."""
    return not event.get("subtype") and not event.get("bot_id") and bool(event.get("user"))


def is_direct_question(event: dict[str, Any]) -> bool:
    return event.get("channel_type") == "im" and is_from_a_person(event)


def reply_for(text: str | None, bot_user_id: str | None, service: Any, thread: str,
              user: str | None = None) -> dict[str, Any]:
    """Usage for `help` or nothing, a word back for hello and thanks, else the answer (with follow-ups)."""
    question = question_from_slack(text, bot_user_id)
    manner = small_talk(question) if question else HELP
    if manner == HELP:
        return usage_message()
    if manner:
        return text_message(reply(manner, question))
    answered = service.answering(question, thread=thread, user=user)
    return answer_message(answered.answer, answer_id=answered.answer_id)


def answer_mention(event: dict[str, Any], bot_user_id: str | None, service: Any) -> None:
    """@policybot QUESTION in a channel: the answer goes in the thread of the message that asked."""
    thread_ts = event.get("thread_ts") or event["ts"]
    message = reply_for(event.get("text"), bot_user_id, service, thread_key(event["channel"], thread_ts),
                        event.get("user"))
    service.post.api("chat.postMessage", channel=event["channel"], thread_ts=thread_ts, **message)


def answer_direct_message(event: dict[str, Any], bot_user_id: str | None, service: Any) -> None:
    """A question sent in a DM: answered in the DM (in its thread when it was asked in one)."""
    thread_ts = event.get("thread_ts")
    message = reply_for(event.get("text"), bot_user_id, service, thread_key(event["channel"], thread_ts),
                        event.get("user"))
    service.post.api("chat.postMessage", channel=event["channel"], thread_ts=thread_ts, **message)


def usage_line(store: Any) -> str | None:
    """'This week: 42 questions, 88% answered' from the question log (None when it is empty)."""
    asked = store.questions_since(time.time() - WEEK)
    if not asked:
        return None
    answered = sum(1 for q in asked if q.answered)
    return f"This week: {len(asked)} question{'s' if len(asked) != 1 else ''}, {answered * 100 // len(asked)}% answered"


def publish_home(event: dict[str, Any], service: Any) -> None:
    service.post.api("views.publish", user_id=event["user"],
                     view=home_view(service.engine.edition, usage_line(service.store)))


def register(app: Any, service: Any) -> None:
    @app.event("app_mention")
    def on_app_mention(ack: Any, event: dict, context: Any) -> None:
        ack()
        if is_from_a_person(event):
            service.later(context, answer_mention, event, context.bot_user_id, service)

    @app.event("message")
    def on_message(ack: Any, event: dict, context: Any) -> None:
        ack()
        if is_direct_question(event):
            service.later(context, answer_direct_message, event, context.bot_user_id, service)

    @app.event("app_home_opened")
    def on_home_opened(ack: Any, event: dict, context: Any) -> None:
        ack()
        if event.get("tab", "home") == "home" and event.get("user"):
            service.later(context, publish_home, event, service)
