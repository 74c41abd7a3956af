"""Unit tests of policybot.fronts.slack.blocks: an Answer as Block Kit, within Slack's limits, safely escaped."""
from __future__ import annotations

import re

import pytest

from policybot.answer import Answer
from policybot.fronts.slack import blocks
from slack_mock.checks import assert_within_limits, texts
from slack_mock.fake_bot import (SECTION_5, abstain_answer, cookie_answer, list_answer, prose_answer)


# --- blocks ----------------------------------------------------------------------------------

def test_cookie_answer_has_fields_citation_and_feedback():
    message = blocks.answer_message(cookie_answer("what is _zendesk_session"))
    assert_within_limits(message)
    kinds = [b["type"] for b in message["blocks"]]
    assert kinds == ["section", "section", "context", "actions"]
    assert message["blocks"][0]["text"]["text"] == "_zendesk_session: Hold session information for root access applications."
    card = message["blocks"][1]
    assert card["text"]["text"] == "*_zendesk_session*"                # the purpose is already in the answer
    assert [f["text"] for f in card["fields"]] == ["*Website*\nwww.zendesk.com", "*Duration*\nSession",
                                                   "*Category*\nEssential"]
    assert message["blocks"][2]["elements"][0]["text"] == "Source: Cookie table"
    assert [a["action_id"] for a in message["blocks"][-1]["elements"]] == [blocks.FEEDBACK_UP, blocks.FEEDBACK_DOWN]
    assert message["text"] == message["blocks"][0]["text"]["text"]


def test_cookie_card_durations_categories_and_french_labels():
    google = {"type": "cookie", "name": "Google Analytics", "website": "All Websites", "purpose": "Stats.",
              "duration": "2 ans", "duration_days": 730.0, "session": False, "category": "analytics",
              "category_label": "Analyses"}
    answer = Answer(question="q", answered=True, kind="attribute", language="fr", sources=[google, google],
                    lead="Google Analytics apparaît 2 fois :", text="Google Analytics apparaît 2 fois :\n• Google Analytics — Stats. (…)\n• Google Analytics — Stats.")
    message = blocks.answer_message(answer)
    assert message["blocks"][0]["text"]["text"] == "Google Analytics apparaît 2 fois :"
    card = message["blocks"][1]
    assert card["text"]["text"] == "*Google Analytics* — Stats."
    assert [f["text"] for f in card["fields"]] == ["*Site*\nAll Websites", "*Durée*\n2 ans",
                                                   "*Catégorie*\nAnalytics (Analyses)"]
    english = blocks.cookie_card(google)
    assert english["fields"][1]["text"] == "*Duration*\n2 ans (2 years)"
    assert message["blocks"][3]["elements"][0]["text"] == "Source: Tableau des cookies"


def test_many_cookies_are_shown_as_a_list_not_cards():
    answer = list_answer("q", 8)
    answer.kind = "cookie"
    message = blocks.answer_message(answer)
    assert not any(b.get("fields") for b in message["blocks"])
    assert message["blocks"][0]["text"]["text"].count("\n• ") == 8


def test_prose_cites_its_section_from_the_citations():
    message = blocks.answer_message(prose_answer("comment désactiver les cookies ?"))
    assert_within_limits(message)
    assert "Section 5" not in message["blocks"][0]["text"]["text"]          # moved to the context line
    assert "Source: Section 5 — Comment désactiver les cookies" in texts(message)
    suggest = next(b for b in message["blocks"] if b.get("block_id") == "policybot_suggestions")
    assert suggest["elements"][0]["action_id"] == f"{blocks.SUGGEST}_0"
    assert suggest["elements"][0]["value"] == "which cookies are advertising cookies?"
    assert "Vouliez-vous dire :" in texts(message)


def test_citation_from_sources():
    answer = Answer(question="q", answered=True, kind="prose", text="Text.", sources=[SECTION_5])
    assert blocks.citation(answer) == "Source: Section 5 — Comment désactiver les cookies"
    whole = Answer(question="q", answered=True, kind="document", text="Updated.",
                   sources=[{"type": "section", "number": "preamble", "title": "Zendesk Cookie Policy"}])
    assert blocks.citation(whole) == "Source: Zendesk Cookie Policy"


def test_ephemeral_answer_has_share_button_and_echoes_question_escaped():
    message = blocks.answer_message(cookie_answer("<!here> what is _zendesk_session"), ephemeral=True)
    actions = message["blocks"][-1]["elements"]
    assert actions[0]["action_id"] == blocks.SHARE and actions[0]["style"] == "primary"
    assert actions[0]["value"] == "<!here> what is _zendesk_session"     # a value, never rendered
    assert message["blocks"][0]["elements"][0]["text"] == "You asked: “&lt;!here&gt; what is _zendesk_session”"


def test_asked_by_names_the_asker():
    message = blocks.answer_message(cookie_answer("what is _zendesk_session"), asked_by="U42")
    assert message["blocks"][0]["elements"][0]["text"] == "<@U42> asked: “what is _zendesk_session”"


def test_abstention_is_plain_with_suggestions_and_no_citation():
    message = blocks.answer_message(abstain_answer("what is the capital of France"))
    assert_within_limits(message)
    assert message["text"].startswith("The policy does not mention “France”")
    assert not any(t.startswith("Source:") for t in texts(message))
    assert "Try asking:" in texts(message)
    suggest = next(b for b in message["blocks"] if b.get("block_id") == "policybot_suggestions")
    assert [e["value"] for e in suggest["elements"]] == ["what is _zendesk_session", "how do I disable cookies?"]


def test_long_list_is_shortened_with_count_and_command():
    message = blocks.answer_message(list_answer("which cookies are advertising cookies?", 25))
    assert_within_limits(message)
    body = message["blocks"][0]["text"]["text"]
    assert body.startswith("The policy lists 25 targeting/advertising cookies:\n• Ad Vendor 01 (")
    assert body.count("\n• ") == blocks.MAX_LIST_ROWS
    assert body.endswith("\n… and 5 more")
    assert message["text"] == body


def test_list_rows_from_sources_when_the_text_has_none():
    answer = list_answer("q", 30)
    answer.text = "The policy lists 30 cookies."
    body = blocks.answer_message(answer)["blocks"][0]["text"]["text"]
    assert "\n• Ad Vendor 01 (www.ads1.example.com; 1 an (1 year))" in body
    assert body.endswith("… and 10 more")


@pytest.mark.parametrize("n,name_len", [(3, 10), (500, 10), (60, 400)])
def test_any_list_fits_slack_limits(n, name_len):
    answer = list_answer("q", n)
    answer.lead = f"{n} cookies & <b>:"
    answer.sources = [{**row, "name": f"{'x' * name_len} & <b> {i}"} for i, row in enumerate(answer.sources)]
    message = blocks.answer_message(answer, ephemeral=True)
    assert_within_limits(message)
    body = message["blocks"][1]["text"]["text"]
    shown = body.count("\n• ")
    assert shown >= 1
    if shown < n:
        assert body.endswith(f"… and {n - shown} more")
    else:
        assert "more" not in body
    assert "<b>" not in body and "&amp; &lt;b&gt;" in body


def test_huge_text_and_many_suggestions_are_clipped():
    answer = Answer(question="q" * 3000, answered=True, kind="prose", text="word & " * 2000,
                    sources=[SECTION_5] * 10 + [{"type": "section", "number": str(i), "title": "T"} for i in range(1, 10)],
                    suggestions=[f"suggestion {i} " + "y" * 200 for i in range(12)])
    message = blocks.answer_message(answer, ephemeral=True)
    assert_within_limits(message)
    assert message["blocks"][1]["text"]["text"].endswith("…")
    assert not re.search(r"&[a-z]*…$", message["blocks"][1]["text"]["text"])   # no half entity
    suggest = next(b for b in message["blocks"] if b.get("block_id") == "policybot_suggestions")
    assert len(suggest["elements"]) == blocks.MAX_SUGGESTIONS
    assert next(t for t in texts(message) if t.startswith("Source:")).endswith(" · and 7 more")


def test_engine_text_with_markup_is_escaped_everywhere():
    answer = Answer(question="<!everyone> <@U1>", answered=False, kind="abstain",
                    text="Nothing about <!everyone> or <@U1> here", suggestions=["<!channel> tell me"])
    message = blocks.answer_message(answer, ephemeral=True)
    for text in texts(message):
        assert "<" not in text and ">" not in text, text
    assert "You asked: “&lt;!everyone&gt; &lt;@U1&gt;”" in texts(message)


def test_error_answer_has_no_feedback_buttons():
    message = blocks.answer_message(Answer(question="", answered=False, kind="error", text="Please ask a question."))
    assert [b["type"] for b in message["blocks"]] == ["section"]


def test_usage_message():
    message = blocks.usage_message()
    assert "/policy what is _zendesk_session" in message["text"]
    assert_within_limits(message)


def test_blocks_come_from_the_structure_not_the_text():
    answer = cookie_answer("what is _zendesk_session")
    answer.text = "PLAIN RENDERING ONLY\n— some citation line"
    message = blocks.answer_message(answer)
    assert not any("PLAIN RENDERING" in t or "some citation" in t for t in texts(message))
    assert message["blocks"][0]["text"]["text"] == answer.lead


def test_notice_goes_in_a_context_line():
    answer = cookie_answer("what is _zendesk_session")
    answer.notice = "This edition of the policy is no longer in effect since December 2, 2019."
    message = blocks.answer_message(answer)
    notice = [b for b in message["blocks"] if b["type"] == "context" and "no longer in effect" in b["elements"][0]["text"]]
    assert len(notice) == 1
    assert "no longer in effect" not in message["blocks"][0]["text"]["text"]


def test_long_list_gets_a_show_all_button_and_votes_carry_the_answer_id():
    message = blocks.answer_message(list_answer("which cookies are advertising cookies?", 25), answer_id="abc123")
    buttons = message["blocks"][-1]["elements"]
    show_all = next(b for b in buttons if b["action_id"] == blocks.SHOW_ALL)
    assert show_all["text"]["text"] == "Show all 25 (CSV)" and show_all["value"] == "which cookies are advertising cookies?"
    assert [b["value"] for b in buttons if b["action_id"] in (blocks.FEEDBACK_UP, blocks.FEEDBACK_DOWN)] == ["abc123"] * 2
    short = blocks.answer_message(list_answer("q", 5))
    assert not any(b["action_id"] == blocks.SHOW_ALL for b in short["blocks"][-1]["elements"])
    assert not any("policybot cookies" in t for t in texts(message))      # no terminal command in Slack
