"""`/policy QUESTION`: acked at once, answered only to the asker, with a "Share in channel" button."""
from __future__ import annotations

from typing import Any, Callable

from ..blocks import answer_message, usage_message
from ..markup import question_from_slack

COMMAND = "/policy"


def ack_command(ack: Callable[..., Any], command: dict[str, Any]) -> None:
    """Ack within Slack's 3 seconds; `/policy` alone gets the usage help in the ack itself."""
    if question_from_slack(command.get("text")):
        ack()
    else:
        ack(response_type="ephemeral", **usage_message())


def post_ephemeral(body: dict[str, Any], respond: Callable[..., Any], client: Any, message: dict[str, Any]) -> None:
    """Through the command's response_url when there is one, else chat.postEphemeral."""
    if body.get("response_url"):
        respond(response_type="ephemeral", replace_original=False, **message)
    else:
        client.chat_postEphemeral(channel=body["channel_id"], user=body["user_id"], **message)


def make_command_handler(ask: Callable) -> Callable[..., None]:
    def answer_command(command: dict[str, Any], respond: Callable[..., Any], client: Any) -> None:
        question = question_from_slack(command.get("text"))
        if not question:
            return                                      # the usage help went with the ack
        message = answer_message(ask(question), ephemeral=True, question=question)
        post_ephemeral(command, respond, client, message)
    return answer_command


def register(app: Any, ask: Callable) -> None:
    app.command(COMMAND)(ack=ack_command, lazy=[make_command_handler(ask)])
