"""The answering functions alone, with a mock poster and a fake engine (no HTTP)."""
from __future__ import annotations

from unittest.mock import Mock

from policybot.fronts.slack import blocks
from policybot.fronts.slack.answering import Answering, subject_after
from policybot.fronts.slack.engine import Engine
from policybot.fronts.slack.listeners import Service, actions, commands, events
from policybot.fronts.slack.posting import SlackPoster
from policybot.store import MemoryStore
from slack_mock.fake_bot import FakeBot, cookie_answer, list_answer


def service(bot=None) -> Service:
    bot = bot or FakeBot()
    store = MemoryStore()
    engine = Engine(bot)
    return Service(answering=Answering(engine, store), queue=Mock(), post=Mock(SlackPoster), store=store,
                   engine=engine, files=Mock())


def test_answer_mention_replies_in_thread_without_our_mention():
    s = service()
    event = {"channel": "C1", "ts": "1.5", "user": "U1", "text": "<@UBOT> what is _zendesk_session"}
    events.answer_mention(event, "UBOT", s)
    assert s.engine.bot.asked == ["what is _zendesk_session"]
    method, kwargs = s.post.api.call_args.args[0], s.post.api.call_args.kwargs
    assert method == "chat.postMessage" and kwargs["channel"] == "C1" and kwargs["thread_ts"] == "1.5"


def test_answer_direct_message_and_usage_for_blank():
    s = service()
    events.answer_direct_message({"channel": "D1", "ts": "2.5", "user": "U1", "text": "  "}, "UBOT", s)
    assert s.post.api.call_args.kwargs["text"] == blocks.USAGE and s.post.api.call_args.kwargs["thread_ts"] is None
    assert s.engine.bot.asked == []


def test_help_greetings_and_thanks_are_not_questions():
    s = service()
    for text, expected in [("help", blocks.USAGE), ("hi!", "Hi! Ask me anything"), ("thanks :pray:", "welcome"),
                           ("merci !", "Avec plaisir")]:
        events.answer_direct_message({"channel": "D1", "ts": "2.5", "user": "U1", "text": text}, "UBOT", s)
        assert expected in s.post.api.call_args.kwargs["text"]
    assert s.engine.bot.asked == [] and s.store.questions_since(0) == []


def test_who_is_a_person():
    assert events.is_from_a_person({"user": "U1", "text": "hi"})
    assert not events.is_from_a_person({"user": "U1", "bot_id": "B1"})
    assert not events.is_from_a_person({"user": "U1", "subtype": "message_changed"})
    assert not events.is_from_a_person({"subtype": "message_deleted"})
    assert events.is_direct_question({"user": "U1", "channel_type": "im"})
    assert not events.is_direct_question({"user": "U1", "channel_type": "channel"})


def test_answer_command_uses_response_url_else_post_ephemeral():
    s = service()
    command = {"channel_id": "C1", "user_id": "U1", "response_url": "https://hooks.example/1"}
    commands.answer_command(command, "what is _zendesk_session", s)
    assert s.post.respond.call_args.kwargs["response_type"] == "ephemeral"
    s.post.api.assert_not_called()
    commands.answer_command({"channel_id": "C1", "user_id": "U1"}, "what is _zendesk_session", s)
    assert s.post.api.call_args.args[0] == "chat.postEphemeral" and s.post.api.call_args.kwargs["user"] == "U1"


def test_share_posts_in_channel_then_deletes_the_private_copy():
    s = service()
    actions.share_in_channel({"user": {"id": "U1"}, "response_url": "https://hooks.example/2",
                              "container": {"is_ephemeral": True}, "channel": {"id": "C1"}},
                             "what is _zendesk_session", s)
    first, second = s.post.respond.call_args_list
    assert first.kwargs["response_type"] == "in_channel" and first.kwargs["replace_original"] is False
    assert second.kwargs == {"delete_original": True}


def test_suggestion_in_a_channel_goes_to_the_thread():
    s = service()
    body = {"user": {"id": "U1"}, "channel": {"id": "C1"}, "container": {"is_ephemeral": False},
            "message": {"ts": "3.5"}}
    actions.ask_suggestion(body, "what is _zendesk_session", s)
    assert s.post.api.call_args.kwargs["thread_ts"] == "3.5"
    s.post.respond.assert_not_called()


def test_follow_up_subject_follows_the_conversation_rule():
    assert subject_after(cookie_answer("q"), []) == ["_zendesk_session"]
    assert subject_after(list_answer("q"), ["x"]) == ["x"]                 # a list keeps the subject


def test_one_vote_per_person_changeable():
    s = service()
    body = {"user": {"id": "U1"}, "team": {"id": "T1"}, "actions": [{"action_id": blocks.FEEDBACK_DOWN,
                                                                      "value": "answer-1"}]}
    assert actions.record_vote(body, s) == actions.THANKS
    assert actions.record_vote(body, s) == actions.ALREADY.format(vote="👎")
    body["actions"][0]["action_id"] = blocks.FEEDBACK_UP
    assert actions.record_vote(body, s) == actions.CHANGED.format(vote="👍")
    assert [v.vote for v in s.store.votes_since(0)] == [1]
