"""policybot.fronts.slack.markup: Slack markup read into plain questions, our text escaped on the way out."""
from __future__ import annotations

from policybot.fronts.slack.markup import escape, question_from_slack, unescape


def test_question_from_slack_strips_our_mention_and_reads_markup():
    text = "<@UBOT> what is &lt;b&gt; &amp; <https://x.io|x> for <@U123|bob> in <#C1|general>?"
    assert question_from_slack(text, "UBOT") == "what is <b> & x for @bob in #general?"


def test_question_from_slack_keeps_other_mentions_as_plain_words():
    assert question_from_slack("<@UBOT> <!channel> <!here> <@U999> hi", "UBOT") == "@channel @here @U999 hi"
    assert question_from_slack("<!subteam^S1|@legal> <https://a.b>", None) == "@legal https://a.b"


def test_question_from_slack_blank_and_long():
    assert question_from_slack("<@UBOT>", "UBOT") == ""
    assert question_from_slack(None) == ""
    assert len(question_from_slack("x" * 5000)) == 1000


def test_escape_neutralises_broadcasts_and_mentions():
    for typed in ("<!channel>", "<!here>", "<!everyone>", "<@U123>", "a & b"):
        out = escape(typed)
        assert "<" not in out and ">" not in out
    assert escape("a & b") == "a &amp; b"
    assert "@channel" not in escape("hey @channel and @HERE")
    assert unescape(escape("<x> & y")) == "<x> & y"
