"""Slack's text markup, both ways: what a user typed -> a plain question; our text -> safe mrkdwn.

Slack sends message text with its own markup (`<@U123>`, `<!channel>`, `<https://x|label>`) and with
`&`, `<` and `>` escaped as entities. A question for the engine is plain text; everything we post back
is escaped again, so nothing a user typed can turn into a mention or a broadcast when we echo it.
"""
from __future__ import annotations

import re

MAX_QUESTION_CHARS = 1000   # longer questions are cut: the engine never needs more

_MARKUP = re.compile(r"<([^<>]*)>")
_BROADCAST_WORD = re.compile(r"@(channel|here|everyone)\b", re.IGNORECASE)
_WORD_JOINER = "\u2060"     # invisible; keeps "@here" from ever being read as a broadcast


def escape(text: str) -> str:
    """Escape `&`, `<`, `>` (Slack's three control characters) and defuse bare @here/@channel/@everyone."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BROADCAST_WORD.sub(lambda m: "@" + _WORD_JOINER + m.group(1), text)


def unescape(text: str) -> str:
    """Undo Slack's entity escaping of `&`, `<`, `>` (in that safe order: `&amp;lt;` stays `&lt;`)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _plain(match: re.Match, bot_user_id: str | None) -> str:
    inner = match.group(1)
    target, _, label = inner.partition("|")
    if target.startswith("@"):                          # a user: <@U123> or <@U123|bob>
        if bot_user_id and target[1:] == bot_user_id:
            return " "                                  # our own mention is not part of the question
        return "@" + (label or target[1:])
    if target.startswith("#"):                          # a channel: <#C123|general>
        return "#" + (label or target[1:])
    if target.startswith("!"):                          # <!here>, <!subteam^S1|@team>, <!date^…|fallback>
        if label:
            return label
        return "@" + target[1:].split("^", 1)[0]
    return label or target                              # a link: its label, else its address


def question_from_slack(text: str | None, bot_user_id: str | None = None) -> str:
    """The plain question in a Slack message: our mention removed, markup made readable, entities undone.

    '<@UBOT> what is &lt;b&gt; &amp; <https://x.io|x>?' -> 'what is <b> & x?'
    """
    if not text:
        return ""
    text = _MARKUP.sub(lambda m: _plain(m, bot_user_id), text)
    text = " ".join(unescape(text).split())
    return text[:MAX_QUESTION_CHARS].strip()
