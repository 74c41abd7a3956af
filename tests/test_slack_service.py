"""The Slack app as a service: follow-ups per thread, replays, manners, "Show all" as a CSV file, App Home,
and the question log (signed requests to the real Bolt app, a fake engine, the mock Web API)."""
from __future__ import annotations

import csv
import io
import json

import pytest

from policybot.fronts.slack import blocks
from slack_mock import SlackHarness
from slack_mock.fake_bot import FakeBot
from slack_mock.harness import CHANNEL_ID, DM_CHANNEL_ID, USER_ID


@pytest.fixture
def slack():
    with SlackHarness(FakeBot()) as harness:
        yield harness


def test_a_follow_up_in_a_thread_is_about_the_threads_cookie(slack):
    slack.mention("what is _zendesk_session", ts="1700000100.000100")
    slack.api.wait_posts(1)
    slack.mention("how long does it last?", ts="1700000101.000100", thread_ts="1700000100.000100")
    posts = slack.api.wait_posts(2)
    assert posts[1].args["text"] == "_zendesk_session lasts for the session."
    assert slack.bot.about[-1] == ["_zendesk_session"]
    slack.mention("how long does it last?", ts="1700000102.000100")           # another thread: no subject
    slack.api.wait_posts(3)
    assert slack.bot.about[-1] == []


def test_a_follow_up_in_a_direct_message(slack):
    slack.dm("what is _zendesk_session", ts="1700000200.000100")
    slack.api.wait_posts(1)
    slack.dm("how long does it last?", ts="1700000201.000100")
    assert slack.api.wait_posts(2)[1].args["text"] == "_zendesk_session lasts for the session."


def test_slash_command_follow_ups_are_per_person(slack):
    slack.command("what is _zendesk_session")
    slack.api.wait_posts(1)
    slack.command("how long does it last?", user="USOMEONE2")
    slack.api.wait_posts(2)
    assert slack.bot.about[-1] == []
    slack.command("how long does it last?")
    assert "lasts for the session" in slack.api.wait_posts(3)[2].args["text"]


def test_a_replayed_command_or_click_is_answered_once(slack):
    for _ in range(3):
        assert slack.command("what is _zendesk_session", trigger_id="111.222.333").status == 200
    for _ in range(3):
        assert slack.click(blocks.SHARE, "what is _zendesk_session", ephemeral=True, trigger_id="444.555").status == 200
    posts = slack.quiet()
    assert len([p for p in posts if p.args.get("response_type") == "ephemeral"]) == 1
    assert len([p for p in posts if p.args.get("response_type") == "in_channel"]) == 1


@pytest.mark.parametrize("text, expected", [("help", "Ask me about the cookie policy"),
                                            ("hi", "Hi! Ask me anything"), ("thanks!", "welcome"),
                                            ("bonjour", "Bonjour !")])
def test_help_greetings_and_thanks_get_their_own_reply(slack, text, expected):
    sent = slack.command(text)
    assert sent.status == 200 and expected in sent.json()["text"]          # in the ack itself
    slack.mention(text)
    assert expected in slack.api.wait_posts(1)[0].args["text"]
    assert slack.bot.asked == [] and slack.store.questions_since(0) == []


def test_show_all_posts_every_row_as_a_csv_file_in_the_thread(slack):
    slack.mention("which cookies are advertising cookies?", ts="1700000300.000100")
    answer = slack.api.wait_posts(1)[0]
    show_all = next(e for e in answer.blocks[-1]["elements"] if e["action_id"] == blocks.SHOW_ALL)
    slack.click(blocks.SHOW_ALL, show_all["value"], message={"type": "message", "ts": answer.args.get("ts", "1.1"),
                                                             "thread_ts": "1700000300.000100"})
    done = slack.api.wait_posts(1, methods=("files.completeUploadExternal",))[0]
    assert done.args["channel_id"] == CHANNEL_ID and done.args["thread_ts"] == "1700000300.000100"
    (content,) = slack.api.uploads.values()
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
    assert len(rows) == 25 and rows[0]["name"] == "Ad Vendor 01" and rows[0]["category"] == "advertising"
    started = slack.api.attempts("files.getUploadURLExternal")[0]
    assert started.args["filename"] == "cookies-category-advertising.csv"


def test_show_all_on_a_private_answer_pages_through_it_privately(slack):
    slack.click(blocks.SHOW_ALL, "which cookies are advertising cookies?", ephemeral=True)
    (page,) = slack.api.wait_posts(1, methods=("response_url",))
    assert page.args["response_type"] == "ephemeral"
    shown = "\n".join(b["text"]["text"] for b in page.blocks if b["type"] == "section")
    assert shown.count("• Ad Vendor") == 25 and "(1/1)" in page.blocks[0]["elements"][0]["text"]
    assert slack.api.attempts("files.completeUploadExternal") == []


def test_list_pages_stay_within_slack_limits():
    from slack_mock.fake_bot import list_answer
    from slack_mock.checks import assert_within_limits
    pages = blocks.list_pages(list_answer("q", 20000))
    assert len(pages) == blocks.MAX_PAGES
    for page in pages:
        assert_within_limits(page)
    assert "more (share the answer for a CSV file)" in pages[-1]["blocks"][-1]["elements"][0]["text"]


def test_app_home_shows_usage_and_the_edition():
    class BotWithEdition(FakeBot):
        class kb:
            class metadata:
                title, effective_on, in_effect, superseded_on = "Zendesk Cookie Policy", "2019-01-25", False, "2019-12-02"

    with SlackHarness(BotWithEdition()) as slack:
        slack.mention("what is hotjar")
        slack.api.wait_posts(1)
        slack.event({"type": "app_home_opened", "user": USER_ID, "channel": DM_CHANNEL_ID, "tab": "home"})
        call = slack.api.wait_posts(1, methods=("views.publish",))[0]
        view = call.args["view"] if isinstance(call.args["view"], dict) else json.loads(call.args["view"])
        assert call.args["user_id"] == USER_ID and view["type"] == "home"
        text = json.dumps(view, ensure_ascii=False)
        assert "/policy what is _zendesk_session" in text
        assert "Zendesk Cookie Policy, effective 2019-01-25 (no longer in effect since 2019-12-02)" in text
        assert "This week: 1 question, 0% answered" in text


def test_every_question_is_logged_without_who_asked(slack):
    slack.mention("what is hotjar")
    slack.command("what is _zendesk_session")
    slack.api.wait_posts(2)
    logged = sorted((q.question, q.answered, q.kind, q.front, q.user_id) for q in slack.store.questions_since(0))
    assert logged == [("what is _zendesk_session", True, "cookie", "slack", None),
                      ("what is hotjar", False, "abstain", "slack", None)]
