"""Scenario tests: the real Bolt app in HTTP mode on 127.0.0.1, requests signed like Slack's, a local
mock of the Web API recording what the app posts. The engine is a fake here (see test_slack_e2e.py
for the real one)."""
from __future__ import annotations

import json
import time

import pytest

from policybot.fronts.slack import blocks
from slack_mock import BOT_ID, BOT_USER_ID, SlackHarness
from slack_mock.checks import texts
from slack_mock.fake_bot import FakeBot
from slack_mock.harness import CHANNEL_ID, DM_CHANNEL_ID, USER_ID

ACK_BUDGET = 1.0      # seconds; Slack allows 3


@pytest.fixture
def slack():
    with SlackHarness(FakeBot()) as harness:
        yield harness


def rendered(call) -> list[str]:
    """Every string of a posted message that Slack displays: the text fallback and the blocks' texts."""
    return texts({"text": call.args.get("text") or "", "blocks": call.blocks})


def only_post(slack, method="chat.postMessage"):
    posts = slack.api.wait_posts(1)
    assert [p.method for p in posts] == [method]
    return posts[0]


# --- events ----------------------------------------------------------------------------------

def test_mention_is_answered_in_its_thread(slack):
    sent = slack.mention("what is _zendesk_session", ts="1700000010.000200")
    assert sent.status == 200 and sent.seconds < ACK_BUDGET
    post = only_post(slack)
    assert post.args["channel"] == CHANNEL_ID
    assert post.args["thread_ts"] == "1700000010.000200"
    assert post.args["text"].startswith("_zendesk_session: Hold session information")
    assert slack.bot.asked == ["what is _zendesk_session"]            # the mention is stripped
    assert post.headers["authorization"] == "Bearer xoxb-test-token-not-real"


def test_mention_inside_a_thread_answers_in_that_thread(slack):
    slack.mention("what is _zendesk_session", ts="1700000011.000300", thread_ts="1700000001.000100")
    assert only_post(slack).args["thread_ts"] == "1700000001.000100"


def test_bare_mention_gets_usage_help(slack):
    slack.mention("")
    post = only_post(slack)
    assert "/policy what is _zendesk_session" in post.args["text"] and slack.bot.asked == []


def test_direct_message_is_answered_in_the_dm(slack):
    sent = slack.dm("which cookies are advertising cookies?")
    assert sent.status == 200
    post = only_post(slack)
    assert post.args["channel"] == DM_CHANNEL_ID and "thread_ts" not in post.args
    assert post.args["text"].startswith("The policy lists 25 targeting/advertising cookies:")


@pytest.mark.parametrize("extra", [
    {"bot_id": BOT_ID, "user": BOT_USER_ID},                                # our own message
    {"subtype": "bot_message", "bot_id": "BOTHER"},                         # another bot
    {"subtype": "message_changed"},                                         # an edit
    {"subtype": "channel_join"},
])
def test_bot_messages_edits_and_subtypes_are_ignored(slack, extra):
    assert slack.dm("what is _zendesk_session", **extra).status == 200
    slack.dm("how do I disable cookies?")                                  # a barrier: this one is answered
    posts = slack.api.wait_posts(1)
    assert len(slack.quiet()) == 1
    assert "navigateur" in posts[0].args["text"]
    assert slack.bot.asked == ["how do I disable cookies?"]


def test_messages_in_channels_are_left_to_app_mention(slack):
    event = {"type": "message", "channel_type": "channel", "user": USER_ID, "text": "what is _zendesk_session",
             "ts": "1700000020.000100", "channel": CHANNEL_ID}
    assert slack.event(event).status == 200
    slack.dm("how do I disable cookies?")
    slack.api.wait_posts(1)
    assert len(slack.quiet()) == 1 and slack.bot.asked == ["how do I disable cookies?"]


def test_redelivered_event_is_answered_once(slack):
    first = slack.mention("what is _zendesk_session", event_id="Ev0REDELIVER")
    again = [slack.mention("what is _zendesk_session", event_id="Ev0REDELIVER", retry_num=n) for n in (1, 2, 3)]
    assert first.status == 200 and all(s.status == 200 for s in again)
    slack.mention("how do I disable cookies?")                              # barrier
    slack.api.wait_posts(2)
    assert len(slack.quiet()) == 2
    assert slack.bot.asked == ["what is _zendesk_session", "how do I disable cookies?"]


def test_broadcasts_and_mentions_in_a_question_are_never_echoed(slack):
    slack.command("<!channel> <!here> <!everyone> <@U0VICTIM> what is _zendesk_session &lt;b&gt;")
    slack.mention("<!everyone> what is the capital of France <@U0VICTIM>")
    posts = slack.api.wait_posts(2)
    for post in posts:
        raw = json.dumps(rendered(post), ensure_ascii=False)      # what people see (button values are hidden)
        for forbidden in ("<!channel>", "<!here>", "<!everyone>", "<@U0VICTIM>", "<b>", "@channel", "@here"):
            assert forbidden not in raw, (forbidden, raw)
    ephemeral = next(p for p in posts if p.method == "response_url")
    assert ephemeral.blocks[0]["elements"][0]["text"].startswith("You asked: “@\u2060channel @\u2060here")


# --- the slash command -----------------------------------------------------------------------

def test_slash_command_is_acked_at_once_and_answered_ephemerally(slack):
    sent = slack.command("what is _zendesk_session")
    assert sent.status == 200 and sent.body == "" and sent.seconds < ACK_BUDGET
    post = only_post(slack, "response_url")
    assert post.path == "/response/command"
    assert post.args["response_type"] == "ephemeral" and post.args["replace_original"] is False
    ids = [e["action_id"] for e in post.blocks[-1]["elements"]]
    assert ids == [blocks.SHARE, blocks.FEEDBACK_UP, blocks.FEEDBACK_DOWN]


def test_the_ack_never_waits_for_the_answer():
    import threading
    release = threading.Event()

    class BlockedBot(FakeBot):
        def ask(self, question):
            release.wait(10)                      # the engine is stuck until the acks are checked
            return super().ask(question)

    with SlackHarness(BlockedBot()) as slack:
        try:
            sent = slack.command("what is _zendesk_session")
            assert sent.status == 200 and sent.seconds < ACK_BUDGET
            mention = slack.mention("what is _zendesk_session")
            assert mention.status == 200 and mention.seconds < ACK_BUDGET
            assert slack.api.posts() == []
        finally:
            release.set()
        assert len(slack.api.wait_posts(2)) == 2


def test_slash_command_without_text_replies_usage_in_the_ack(slack):
    sent = slack.command("   ")
    assert sent.status == 200
    assert sent.json()["response_type"] == "ephemeral"
    assert "/policy which cookies are advertising cookies?" in sent.json()["text"]
    assert slack.quiet() == [] and slack.bot.asked == []


def test_share_in_channel_posts_publicly_and_removes_the_private_copy(slack):
    sent = slack.click(blocks.SHARE, "what is _zendesk_session", ephemeral=True)
    assert sent.status == 200 and sent.seconds < ACK_BUDGET
    posts = slack.api.wait_posts(2)
    assert [p.method for p in posts] == ["response_url", "response_url"]
    public, delete = posts[0].args, posts[1].args
    assert public["response_type"] == "in_channel" and public["replace_original"] is False
    assert public["blocks"][0]["elements"][0]["text"] == f"<@{USER_ID}> asked: “what is _zendesk_session”"
    assert all(e["action_id"] != blocks.SHARE for e in public["blocks"][-1]["elements"])
    assert delete["delete_original"] is True


def test_suggestion_button_reasks_in_the_thread(slack):
    slack.click(f"{blocks.SUGGEST}_0", "what is _zendesk_session")
    post = only_post(slack)
    assert slack.bot.asked == ["what is _zendesk_session"]
    assert post.args["channel"] == CHANNEL_ID and post.args["thread_ts"] == "1700000001.000100"
    assert post.args["blocks"][0]["elements"][0]["text"].startswith(f"<@{USER_ID}> asked:")


def test_suggestion_button_in_a_dm_answers_in_the_dm(slack):
    slack.click(f"{blocks.SUGGEST}_1", "how do I disable cookies?", channel=DM_CHANNEL_ID,
                message={"type": "message", "ts": "1700000005.000100", "bot_id": BOT_ID})
    post = only_post(slack)
    assert post.args["channel"] == DM_CHANNEL_ID and "thread_ts" not in post.args


def test_suggestion_button_on_a_private_answer_answers_privately(slack):
    slack.click(f"{blocks.SUGGEST}_0", "what is _zendesk_session", ephemeral=True)
    post = only_post(slack, "response_url")
    assert post.args["response_type"] == "ephemeral"
    assert post.blocks[-1]["elements"][0]["action_id"] == blocks.SHARE


def test_feedback_is_stored_one_vote_per_person(slack, caplog):
    caplog.set_level("INFO")
    slack.mention("what is _zendesk_session")
    answer = only_post(slack)
    down = next(e for e in answer.blocks[-1]["elements"] if e["action_id"] == blocks.FEEDBACK_DOWN)
    slack.api.clear()
    assert slack.click(blocks.FEEDBACK_DOWN, down["value"]).status == 200
    assert only_post(slack, "response_url").args["text"] == "Thanks for the feedback."
    replies = []
    for n, (action, user) in enumerate([(blocks.FEEDBACK_DOWN, "UASKER01"), (blocks.FEEDBACK_UP, "UASKER01"),
                                        (blocks.FEEDBACK_DOWN, "UOTHER01")], start=2):
        slack.click(action, down["value"], user=user)
        replies.append(slack.api.wait_posts(n)[-1].args["text"])       # one click at a time: a vote sees the last
    assert replies == ["You already voted 👎 on this answer.", "Thanks: your vote on this answer is now 👍.",
                       "Thanks for the feedback."]
    votes = sorted(v.vote for v in slack.store.votes_since(0))
    assert votes == [-1, 1]                                   # two people, one vote each
    asked = {q.answer_id: q.question for q in slack.store.questions_since(0)}
    assert asked[down["value"]] == "what is _zendesk_session"
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "what is _zendesk_session" not in logged and "UASKER01" not in logged


# --- safety ----------------------------------------------------------------------------------

def test_bad_signature_is_rejected_and_nothing_posted(slack):
    sent = slack.mention("what is _zendesk_session", secret="not-the-secret")
    assert sent.status == 401
    assert slack.command("what is _zendesk_session", secret="not-the-secret").status == 401
    assert slack.click(blocks.SHARE, "what is _zendesk_session", secret="nope").status == 401
    assert slack.quiet() == [] and slack.bot.asked == []


def test_stale_timestamp_is_rejected_and_nothing_posted(slack):
    stale = int(time.time()) - 10 * 60
    assert slack.mention("what is _zendesk_session", timestamp=stale).status == 401
    assert slack.command("what is _zendesk_session", timestamp=stale).status == 401
    assert slack.quiet() == [] and slack.bot.asked == []


def test_a_rejected_request_does_not_poison_the_dedupe(slack):
    assert slack.mention("what is _zendesk_session", event_id="Ev0FORGED", secret="nope").status == 401
    assert slack.mention("what is _zendesk_session", event_id="Ev0FORGED").status == 200
    assert len(slack.api.wait_posts(1)) == 1


def test_url_verification_and_health_check(slack):
    import urllib.request
    sent = slack.post(json.dumps({"type": "url_verification", "challenge": "abc123", "token": "x"}),
                      "application/json")
    assert sent.status == 200 and "abc123" in sent.body
    health = slack.url.replace("/slack/events", "/healthz")
    with urllib.request.urlopen(health, timeout=5) as response:
        assert response.status == 200 and response.read() == b"ok\n"


def test_tokens_never_logged(slack, caplog):
    caplog.set_level("DEBUG")
    slack.mention("what is _zendesk_session")
    slack.command("what is _zendesk_session")
    slack.api.wait_posts(2)
    assert "xoxb-test-token-not-real" not in caplog.text
    assert "test-signing-secret" not in caplog.text


def test_engine_failure_still_gets_a_reply():
    class BrokenBot:
        def ask(self, question):
            raise RuntimeError("boom")

    with SlackHarness(BrokenBot()) as slack:
        slack.mention("what is _zendesk_session")
        post = slack.api.wait_posts(1)[0]
        assert "something went wrong" in post.args["text"]
