"""List answers carry every matching row in `sources` and a citation per row; the row dicts are made once per
row (the whole table's lists once) and shared between answers, so nothing a front end does to one answer may
show in the next."""
import copy
import dataclasses
import json
import pickle

import pytest

import policybot
from policybot.answer import Citation
from policybot.engine import Bot
from policybot.fronts.slack.blocks import answer_message, list_pages
from policybot.fronts.slack.export import rows_csv
from policybot.fronts.terminal.render import answer_json, answer_text
from policybot.knowledge import load_knowledge
from policybot.knowledge.filters import cookie_source, filter_cookies


@pytest.fixture(scope="module")
def bot():
    return policybot.load()


def expected_citations(kb, rows):
    return list(dict.fromkeys(Citation(c.document or kb.document_id, cookie=c.name, row=c.row) for c in rows))


@pytest.mark.parametrize("question", ["list all cookies", "list every cookie", "show me all the cookies"])
def test_listing_the_whole_table_carries_every_row_and_a_citation_each(bot, question):
    answer = bot.ask(question)
    assert answer.kind == "list"
    assert answer.sources == [cookie_source(c) for c in bot.kb.cookies]
    assert answer.citations == expected_citations(bot.kb, bot.kb.cookies)


def test_a_filtered_list_carries_exactly_its_rows(bot):
    answer = bot.ask("which cookies are advertising cookies?")
    rows = filter_cookies(bot.kb.cookies, category="advertising")
    assert rows and len(rows) < len(bot.kb.cookies)
    assert answer.sources == [cookie_source(c) for c in rows]
    assert answer.citations == expected_citations(bot.kb, rows)


def test_what_front_ends_do_with_a_list_never_changes_the_next_answer(bot):
    before = copy.deepcopy(bot.ask("list all cookies").to_dict())
    answer = bot.ask("list all cookies")
    answer_text(answer), answer_json(answer), answer_message(answer), list_pages(answer), rows_csv(answer.rows)
    data = answer.to_dict()
    for source in data["sources"]:              # a consumer that edits the JSON it was given
        source["name"] = "changed"
        source.pop("purpose")
    answer.sources.append({"type": "section", "number": "1", "title": "t", "excerpt": "e"})
    again = bot.ask("list all cookies")
    assert again.to_dict() == before
    assert json.loads(answer_json(again))["sources"] == before["sources"]


def test_the_same_row_twice_is_cited_once():
    kb = load_knowledge()
    first = kb.cookies[0]
    kb = dataclasses.replace(kb, cookies=[first, *kb.cookies])          # a table built in code, not from files
    answer = Bot(kb).ask("list all cookies")
    assert len(answer.sources) == len(kb.cookies)
    assert answer.citations == expected_citations(kb, kb.cookies)
    assert len(answer.citations) == len(kb.cookies) - 1


def test_a_list_of_rows_equal_to_the_tables_but_not_them_is_listed_from_them():
    kb = load_knowledge()
    copied = dataclasses.replace(kb, cookies=[dataclasses.replace(c) for c in kb.cookies])
    bot = Bot(copied)
    bot.index.cookies = list(kb.cookies)           # equal rows, other objects: not taken for the table
    answer = bot.ask("list all cookies")
    assert answer.sources == [cookie_source(c) for c in copied.cookies]
    assert answer.citations == expected_citations(copied, copied.cookies)


def test_an_engine_saved_after_a_list_lists_the_same_when_loaded_again(bot):
    first = bot.ask("list all cookies").to_dict()
    loaded = pickle.loads(pickle.dumps(bot))
    assert loaded.ask("list all cookies").to_dict() == first
    assert loaded.ask("which cookies are advertising cookies?").to_dict() == \
        bot.ask("which cookies are advertising cookies?").to_dict()
