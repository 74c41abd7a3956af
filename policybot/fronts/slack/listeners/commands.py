"""`/policy QUESTION`: acked at once, answered only to the asker, with a "Share in channel" button.

`/policy`, `/policy help`, hello and thanks are answered in the ack itself. Follow-ups work per
person and channel (`/policy how long does it last?` after `/policy what is _zendesk_session`).
"""
from __future__ import annotations

from typing import Any

from ....store.base import voter_id
from ..answering import thread_key
from ..blocks import answer_message, text_message, usage_message
from ..manners import HELP, reply, small_talk
from ..markup import question_from_slack

COMMAND = "/policy"


def command_thread(channel: str, user: str) -> str:
    """A person's `/policy` conversation in a channel (keyed by a pseudonym, not their user id)."""
    return thread_key(channel, "policy-" + voter_id(user))


def post_ephemeral(command: dict[str, Any], service: Any, message: dict[str, Any]) -> None:
    """Through the command's response_url when there is one, else chat.postEphemeral."""
    if command.get("response_url"):
        service.post.respond(command["response_url"], response_type="ephemeral", replace_original=False, **message)
    else:
        service.post.api("chat.postEphemeral", channel=command["channel_id"], user=command["user_id"], **message)


def answer_command(command: dict[str, Any], question: str, service: Any) -> None:
    answered = service.answering(question, thread=command_thread(command["channel_id"], command["user_id"]),
                                 user=command.get("user_id"))
    post_ephemeral(command, service, answer_message(answered.answer, ephemeral=True, question=question,
                                                    answer_id=answered.answer_id))


def register(app: Any, service: Any) -> None:
    @app.command(COMMAND)
    def on_policy_command(ack: Any, command: dict, context: Any) -> None:
        """Ack within Slack's 3 seconds; usage, hello and thanks are answered in the ack itself."""
        question = question_from_slack(command.get("text"))
        manner = small_talk(question) if question else HELP
        if manner == HELP:
            ack(response_type="ephemeral", **usage_message())
        elif manner:
            ack(response_type="ephemeral", **text_message(reply(manner, question)))
        else:
            ack()
            service.later(context, answer_command, command, question, service)
