"""Button clicks: "Share in channel", a "Did you mean" suggestion, and 👍 / 👎 feedback."""
from __future__ import annotations

import logging
import re
from typing import Any, Callable

from ..blocks import FEEDBACK_DOWN, FEEDBACK_UP, SHARE, SUGGEST, answer_message
from ..markup import MAX_QUESTION_CHARS

feedback_log = logging.getLogger("policybot.slack.feedback")


def clicked(body: dict[str, Any]) -> dict[str, Any]:
    return (body.get("actions") or [{}])[0]


def question_of(body: dict[str, Any]) -> str:
    """The question a button carries (buttons carry plain questions, never markup)."""
    return " ".join(str(clicked(body).get("value") or "").split())[:MAX_QUESTION_CHARS]


def share_in_channel(body: dict[str, Any], question: str, respond: Callable[..., Any], ask: Callable) -> None:
    """Post the answer for everyone in the channel, then remove the private copy."""
    message = answer_message(ask(question), asked_by=body["user"]["id"], question=question)
    respond(response_type="in_channel", replace_original=False, **message)
    respond(delete_original=True)


def ask_suggestion(body: dict[str, Any], question: str, respond: Callable[..., Any], client: Any,
                   ask: Callable) -> None:
    """Ask the suggested question; answer where the suggestion was shown (privately if it was private)."""
    answer = ask(question)
    container = body.get("container") or {}
    if container.get("is_ephemeral"):
        respond(response_type="ephemeral", replace_original=False,
                **answer_message(answer, ephemeral=True, question=question))
        return
    channel = (body.get("channel") or {}).get("id") or container.get("channel_id")
    shown_in = body.get("message") or {}
    thread_ts = shown_in.get("thread_ts")
    if not thread_ts and not str(channel).startswith("D"):
        thread_ts = shown_in.get("ts") or container.get("message_ts")     # keep channels tidy
    client.chat_postMessage(channel=channel, thread_ts=thread_ts,
                            **answer_message(answer, asked_by=body["user"]["id"], question=question))


def log_feedback(body: dict[str, Any]) -> None:
    """Which button, who, where, and the question it was about."""
    vote = "up" if clicked(body).get("action_id") == FEEDBACK_UP else "down"
    feedback_log.info("feedback vote=%s user=%s channel=%s question=%r", vote,
                      (body.get("user") or {}).get("id"), (body.get("channel") or {}).get("id"), question_of(body))


def thank_for_feedback(respond: Callable[..., Any]) -> None:
    respond(response_type="ephemeral", replace_original=False, text="Thanks for the feedback.")


def register(app: Any, ask: Callable, later: Callable[..., None]) -> None:
    @app.action(SHARE)
    def on_share(ack: Callable, body: dict, respond: Callable) -> None:
        ack()
        if question_of(body):
            later(share_in_channel, body, question_of(body), respond, ask)

    @app.action(re.compile(rf"^{SUGGEST}_\d+$"))
    def on_suggestion(ack: Callable, body: dict, respond: Callable, client: Any) -> None:
        ack()
        if question_of(body):
            later(ask_suggestion, body, question_of(body), respond, client, ask)

    @app.action(re.compile(rf"^(?:{FEEDBACK_UP}|{FEEDBACK_DOWN})$"))
    def on_feedback(ack: Callable, body: dict, respond: Callable) -> None:
        ack()
        log_feedback(body)
        later(thank_for_feedback, respond)
