"""`/policy QUESTION`: acked at once, answered only to the asker, with a "Share in channel" button."""
from __future__ import annotations

from typing import Any, Callable

from ..blocks import answer_message, usage_message
from ..markup import question_from_slack

COMMAND = "/policy"


def post_ephemeral(command: dict[str, Any], respond: Callable[..., Any], client: Any,
                   message: dict[str, Any]) -> None:
    """Through the command's response_url when there is one, else chat.postEphemeral."""
    if command.get("response_url"):
        respond(response_type="ephemeral", replace_original=False, **message)
    else:
        client.chat_postEphemeral(channel=command["channel_id"], user=command["user_id"], **message)


def answer_command(command: dict[str, Any], question: str, respond: Callable[..., Any], client: Any,
                   ask: Callable) -> None:
    message = answer_message(ask(question), ephemeral=True, question=question)
    post_ephemeral(command, respond, client, message)


def register(app: Any, ask: Callable, later: Callable[..., None]) -> None:
    @app.command(COMMAND)
    def on_policy_command(ack: Callable, command: dict, respond: Callable, client: Any) -> None:
        """Ack within Slack's 3 seconds; `/policy` alone gets the usage help in the ack itself."""
        question = question_from_slack(command.get("text"))
        if not question:
            ack(response_type="ephemeral", **usage_message())
            return
        ack()
        later(answer_command, command, question, respond, client, ask)
