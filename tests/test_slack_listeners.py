"""The answering functions alone, with Mock(Say) / Mock(Respond) / a mock client (no HTTP)."""
from __future__ import annotations

from unittest.mock import Mock

from slack_bolt import Respond, Say
from slack_sdk import WebClient

from policybot.fronts.slack import blocks
from policybot.fronts.slack.listeners import actions, commands, events
from slack_mock.fake_bot import FakeBot


def test_answer_mention_replies_in_thread_without_our_mention():
    bot, say = FakeBot(), Mock(Say)
    event = {"channel": "C1", "ts": "1.5", "user": "U1", "text": "<@UBOT> what is _zendesk_session"}
    events.answer_mention(event, "UBOT", say, bot.ask)
    assert bot.asked == ["what is _zendesk_session"]
    kwargs = say.call_args.kwargs
    assert kwargs["channel"] == "C1" and kwargs["thread_ts"] == "1.5" and kwargs["blocks"]


def test_answer_direct_message_and_usage_for_blank():
    bot, say = FakeBot(), Mock(Say)
    events.answer_direct_message({"channel": "D1", "ts": "2.5", "user": "U1", "text": "  "}, "UBOT", say, bot.ask)
    assert say.call_args.kwargs["text"] == blocks.USAGE and say.call_args.kwargs["thread_ts"] is None
    assert bot.asked == []


def test_who_is_a_person():
    assert events.is_from_a_person({"user": "U1", "text": "hi"})
    assert not events.is_from_a_person({"user": "U1", "bot_id": "B1"})
    assert not events.is_from_a_person({"user": "U1", "subtype": "message_changed"})
    assert not events.is_from_a_person({"subtype": "message_deleted"})
    assert events.is_direct_question({"user": "U1", "channel_type": "im"})
    assert not events.is_direct_question({"user": "U1", "channel_type": "channel"})


def test_answer_command_uses_response_url_else_post_ephemeral():
    bot, respond, client = FakeBot(), Mock(Respond), Mock(WebClient)
    command = {"channel_id": "C1", "user_id": "U1", "response_url": "https://hooks.example/1"}
    commands.answer_command(command, "what is _zendesk_session", respond, client, bot.ask)
    assert respond.call_args.kwargs["response_type"] == "ephemeral"
    client.chat_postEphemeral.assert_not_called()
    commands.answer_command({"channel_id": "C1", "user_id": "U1"}, "what is _zendesk_session", respond, client,
                            bot.ask)
    assert client.chat_postEphemeral.call_args.kwargs["user"] == "U1"


def test_share_posts_in_channel_then_deletes_the_private_copy():
    bot, respond = FakeBot(), Mock(Respond)
    actions.share_in_channel({"user": {"id": "U1"}}, "what is _zendesk_session", respond, bot.ask)
    first, second = respond.call_args_list
    assert first.kwargs["response_type"] == "in_channel" and first.kwargs["replace_original"] is False
    assert second.kwargs == {"delete_original": True}


def test_suggestion_in_a_channel_goes_to_the_thread():
    bot, respond, client = FakeBot(), Mock(Respond), Mock(WebClient)
    body = {"user": {"id": "U1"}, "channel": {"id": "C1"}, "container": {"is_ephemeral": False},
            "message": {"ts": "3.5"}}
    actions.ask_suggestion(body, "what is _zendesk_session", respond, client, bot.ask)
    assert client.chat_postMessage.call_args.kwargs["thread_ts"] == "3.5"
    respond.assert_not_called()


def test_feedback_is_logged(caplog):
    caplog.set_level("INFO", logger="policybot.slack.feedback")
    actions.log_feedback({"user": {"id": "U1"}, "channel": {"id": "C1"},
                          "actions": [{"action_id": blocks.FEEDBACK_UP, "value": "what is\nx"}]})
    assert caplog.records[-1].getMessage() == "feedback vote=up user=U1 channel=C1 question='what is x'"
