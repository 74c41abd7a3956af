"""Button clicks: "Share in channel", a "Did you mean" suggestion, "Show all" (a CSV file), and 👍 / 👎."""
from __future__ import annotations

import logging
import re
import time
from typing import Any

from ....store.base import voter_id
from ..answering import thread_key
from ..blocks import FEEDBACK_DOWN, FEEDBACK_UP, SHARE, SHOW_ALL, SUGGEST, answer_message, list_pages
from ..export import upload_rows
from ..markup import MAX_QUESTION_CHARS
from .commands import command_thread

feedback_log = logging.getLogger("policybot.slack.feedback")

THANKS = "Thanks for the feedback."
CHANGED = "Thanks: your vote on this answer is now {vote}."
ALREADY = "You already voted {vote} on this answer."


def clicked(body: dict[str, Any]) -> dict[str, Any]:
    return (body.get("actions") or [{}])[0]


def question_of(body: dict[str, Any]) -> str:
    """The question a button carries (buttons carry plain questions, never markup)."""
    return " ".join(str(clicked(body).get("value") or "").split())[:MAX_QUESTION_CHARS]


def user_of(body: dict[str, Any]) -> str:
    return (body.get("user") or {}).get("id") or ""


def where(body: dict[str, Any]) -> tuple[str, str | None, bool]:
    """(channel, thread_ts, private) of the message whose button was clicked."""
    container = body.get("container") or {}
    channel = (body.get("channel") or {}).get("id") or container.get("channel_id") or ""
    if container.get("is_ephemeral"):
        return channel, None, True
    shown_in = body.get("message") or {}
    thread_ts = shown_in.get("thread_ts")
    if not thread_ts and not channel.startswith("D"):
        thread_ts = shown_in.get("ts") or container.get("message_ts")     # keep channels tidy
    return channel, thread_ts, False


def conversation_of(body: dict[str, Any]) -> str:
    channel, thread_ts, private = where(body)
    return command_thread(channel, user_of(body)) if private else thread_key(channel, thread_ts)


def share_in_channel(body: dict[str, Any], question: str, service: Any) -> None:
    """Post the answer for everyone in the channel, then remove the private copy."""
    answered = service.answering(question, thread=conversation_of(body), user=user_of(body))
    message = answer_message(answered.answer, asked_by=user_of(body), question=question,
                             answer_id=answered.answer_id)
    service.post.respond(body["response_url"], response_type="in_channel", replace_original=False, **message)
    service.post.respond(body["response_url"], delete_original=True)


def ask_suggestion(body: dict[str, Any], question: str, service: Any) -> None:
    """Ask the suggested question; answer where the suggestion was shown (privately if it was private)."""
    answered = service.answering(question, thread=conversation_of(body), user=user_of(body))
    channel, thread_ts, private = where(body)
    if private:
        service.post.respond(body["response_url"], response_type="ephemeral", replace_original=False,
                             **answer_message(answered.answer, ephemeral=True, question=question,
                                              answer_id=answered.answer_id))
        return
    service.post.api("chat.postMessage", channel=channel, thread_ts=thread_ts,
                     **answer_message(answered.answer, asked_by=user_of(body), question=question,
                                      answer_id=answered.answer_id))


def show_all(body: dict[str, Any], question: str, service: Any) -> None:
    """Every row of a list: a CSV file in the thread, or (for a private answer) pages only the asker sees."""
    answer = service.engine.ask(question, service.store.about(conversation_of(body)))
    channel, thread_ts, private = where(body)
    if not private:
        upload_rows(service.files, answer, channel=channel, thread_ts=thread_ts)
        return
    for page in list_pages(answer):
        service.post.respond(body["response_url"], response_type="ephemeral", replace_original=False, **page)


def record_vote(body: dict[str, Any], service: Any) -> str:
    """One vote per person per answer (a second click changes it); the reply to show them."""
    up = clicked(body).get("action_id") == FEEDBACK_UP
    answer_id = str(clicked(body).get("value") or "")[:200]
    team = (body.get("team") or {}).get("id") or ""
    before = service.store.vote(answer_id, voter_id(user_of(body), team), 1 if up else -1, time.time())
    feedback_log.info("feedback vote=%s changed=%s", "up" if up else "down", before is not None)
    emoji = "👍" if up else "👎"
    if before is None:
        return THANKS
    return ALREADY.format(vote=emoji) if (before > 0) == up else CHANGED.format(vote=emoji)


def acknowledge_vote(body: dict[str, Any], service: Any) -> None:
    service.post.respond(body["response_url"], response_type="ephemeral", replace_original=False,
                         text=record_vote(body, service))


def register(app: Any, service: Any) -> None:
    @app.action(SHARE)
    def on_share(ack: Any, body: dict, context: Any) -> None:
        ack()
        if question_of(body):
            service.later(context, share_in_channel, body, question_of(body), service)

    @app.action(re.compile(rf"^{SUGGEST}_\d+$"))
    def on_suggestion(ack: Any, body: dict, context: Any) -> None:
        ack()
        if question_of(body):
            service.later(context, ask_suggestion, body, question_of(body), service)

    @app.action(SHOW_ALL)
    def on_show_all(ack: Any, body: dict, context: Any) -> None:
        ack()
        if question_of(body):
            service.later(context, show_all, body, question_of(body), service)

    @app.action(re.compile(rf"^(?:{FEEDBACK_UP}|{FEEDBACK_DOWN})$"))
    def on_feedback(ack: Any, body: dict, context: Any) -> None:
        ack()
        if clicked(body).get("value"):
            service.later(context, acknowledge_vote, body, service)
