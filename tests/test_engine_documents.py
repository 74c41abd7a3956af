"""The engine over several documents in other formats: which document a question points to, what it cites,
pattern names and their instances, providers, and the notice of a superseded edition."""
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policybot.engine import Bot
from policybot.fronts.terminal.cli import app
from policybot.knowledge import load_knowledge

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ROOT / "tests" / "data" / "formats"
SEED = next((ROOT / "knowledge" / "source").iterdir())


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    """Northwind's website page, app policy and declaration, and Zendesk's superseded 2019 policy, in one base."""
    out = tmp_path_factory.mktemp("docs") / "kb"
    sources = [FORMATS / "northwind-website.html", FORMATS / "northwind-app.md",
               FORMATS / "northwind-declaration.csv", SEED]
    result = CliRunner().invoke(app, ["build", *map(str, sources), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return Bot(load_knowledge(out))


def first_row(answer):
    return next(s for s in answer.sources if s["type"] == "cookie")


def test_a_question_that_names_the_app_is_answered_from_the_app_policy(bot):
    app_answer = bot.ask("how long does nw_session last in the app?")
    web_answer = bot.ask("how long does nw_session last on the website?")
    assert "12 hours" in app_answer.text and "Remember me" in app_answer.text
    assert "12 hours" not in web_answer.text and "browser closes" in web_answer.text.lower()
    assert {c.document for c in app_answer.citations} == {"northwind-app"}
    assert {c.document for c in web_answer.citations} == {"northwind-website"}


def test_a_list_for_one_document_offers_its_document_filter(bot):
    answer = bot.ask("which cookies does the app set?")
    assert answer.kind == "list" and answer.see_all == {"document": "northwind-app"}
    assert {c.document for c in answer.citations} == {"northwind-app"}


@pytest.mark.parametrize("written, pattern", [("_ga_5QXZ1R2K", "_ga_*"), ("_hjSessionUser_3318842", "_hjSessionUser_*"),
                                              ("ab-test-pricing-page", "ab-test-*"), ("_ga_*", "_ga_*")])
def test_an_instance_or_the_pattern_itself_answers_with_the_pattern_row(bot, written, pattern):
    answer = bot.ask(f"what is {written}?")
    assert answer.answered and first_row(answer)["name"] == pattern


def test_the_plain_name_is_not_taken_for_its_pattern(bot):
    assert first_row(bot.ask("what is the _ga cookie?"))["name"] == "_ga"
    assert not bot.ask("what is _hjAbsoluteSessionInProgress?").answered


def test_a_provider_names_its_cookies(bot):
    answer = bot.ask("which cookies does Intercom set?")
    assert {s["name"] for s in answer.rows} >= {"intercom-session-*", "intercom-device-id-*"}


def test_only_answers_from_the_superseded_edition_carry_its_notice(bot):
    zendesk = bot.ask("what is _zendesk_session?")
    northwind = bot.ask("what is nw_csrf?")
    assert zendesk.notice and "no longer in effect" in zendesk.notice and "December 2, 2019" in zendesk.notice
    assert northwind.answered and northwind.notice is None
