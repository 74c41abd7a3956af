"""An edition generator: the seed mutated the way a company revises its policy (rows removed and added,
wildcard names among them, durations and categories changed, a section added, paragraphs in the other
language), built over a copy of the shipped knowledge base; the result loads and the commands show the new facts."""
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import policybot
from policybot.fronts.terminal.cli import app
from policybot.ingest import parse_policy

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "knowledge" / "source" / "zendesk-cookie-policy-2019-01-25.txt"
NEW_DOMAIN = "www.example-shop.com"
NEW_ROWS = [  # (name, glued purpose, duration, category label) as the glued table writes them
    ("_ga_*", "Used by Google Analytics 4 to persist the session state.", "2 ans", "Analyses"),
    ("_hjSession_*", "Holds the current session data for heat maps.", "30 minutes", "Analyses"),
    ("shop_pref_[id]", "Stores the display preferences of each workspace.", "6 mois", "Functionality/Preference"),
    ("shop_cart", "Keeps the basket between visits.", "Session", "Essential"),
]
NEW_SECTION = ("Contact", "Questions about cookies can be sent to privacy@example-shop.com.")

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def mutate(text: str) -> tuple[str, dict]:
    """A new edition of `text` and what changed in it."""
    seed = parse_policy(text)
    lines = text.split("\n")
    rows_per_line: dict[int, list] = {}
    for cookie in seed.cookies:
        rows_per_line.setdefault(cookie.line, []).append(cookie)
    single = [rows[0] for rows in rows_per_line.values() if len(rows) == 1]
    names = [c.name.casefold() for c in seed.cookies]
    unique = [c for c in single if names.count(c.name.casefold()) == 1]
    removed, duration_changed, category_changed = unique[0], unique[1], unique[2]
    facts = {"removed": removed.name, "duration": duration_changed.name, "category": category_changed.name}
    line = lines[duration_changed.line - 1]
    new_duration = "3 ans" if duration_changed.duration != "3 ans" else "4 ans"
    lines[duration_changed.line - 1] = line[::-1].replace(duration_changed.duration[::-1], new_duration[::-1], 1)[::-1]
    facts["new_duration"] = new_duration
    line = lines[category_changed.line - 1]
    new_label = "Targeting/Advertising" if category_changed.category != "advertising" else "Analyses"
    lines[category_changed.line - 1] = line[::-1].replace(category_changed.category_label[::-1], new_label[::-1], 1)[::-1]
    facts["new_category"] = "advertising" if new_label.startswith("Targeting") else "analytics"
    last_row_line = max(rows_per_line)
    added = [f"{NEW_DOMAIN}{name}{purpose}{duration}{label}" for name, purpose, duration, label in NEW_ROWS]
    lines[last_row_line:last_row_line] = added
    del lines[removed.line - 1]
    # Paragraphs in the other language: the first French paragraph becomes English and the first English one French.
    french = next(p for s in seed.sections for p in s.paragraphs if p.language == "fr")
    english = next(p for s in seed.sections for p in s.paragraphs if p.language == "en" and len(p.text) > 80)
    swapped = "\n".join(lines)
    swapped = swapped.replace(french.text, "Cookies help us run the websites and you can refuse them at any time.", 1)
    swapped = swapped.replace(english.text, "Les cookies nous aident à faire fonctionner les sites et vous pouvez "
                                            "les refuser à tout moment.", 1)
    facts["swapped"] = (french.id, english.id)
    # A new last section, before the trademark notes and the last-updated line that end the document.
    top = max(int(s.number) for s in seed.sections if s.parent is None)
    trailer = re.search(r"\n\n[^\n]*(marques? déposées?|trademark)", swapped, re.IGNORECASE)
    section = f"\n\n{top + 1}. {NEW_SECTION[0]}\n\n{NEW_SECTION[1]}"
    swapped = swapped[:trailer.start()] + section + swapped[trailer.start():]
    facts["section"] = str(top + 1)
    return swapped, facts


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    folder = tmp_path_factory.mktemp("edition")
    kb = folder / "knowledge"
    shutil.copytree(ROOT / "knowledge", kb)
    text, facts = mutate(SEED.read_text(encoding="utf-8"))
    source = folder / "policy-next-edition.txt"
    source.write_text(text, encoding="utf-8")
    result = run("build", source, "--out", kb)
    assert result.exit_code == 0, result.output
    return kb, facts, result.stdout


def test_the_edition_loads_and_check_passes(edition):
    kb, facts, report = edition
    assert run("check", kb).exit_code == 0
    loaded = policybot.load_knowledge(kb)
    assert len(loaded.cookies) == 53 - 1 + len(NEW_ROWS)
    assert re.search(r"carried from .*: \d+ translations", report)
    assert "paragraphs left untranslated" in report
    assert f"  - cookie {facts['removed']}" in report
    for name, *_ in NEW_ROWS:
        assert f"  + cookie {name}" in report


def test_new_rows_are_listed_as_written_with_their_facts(edition):
    kb, _, _ = edition
    for name, purpose, duration, label in NEW_ROWS:
        result = run("--knowledge", kb, "cookie", name, "--json")
        assert result.exit_code == 0, (name, result.output)
        (row,) = json.loads(result.stdout)
        assert (row["name"], row["purpose"], row["duration"], row["website"]) == (name, purpose, duration, NEW_DOMAIN)
        assert row["category_label"] == label


def test_removed_and_changed_rows(edition):
    kb, facts, _ = edition
    assert run("--knowledge", kb, "cookie", facts["removed"]).exit_code == 1
    (row,) = json.loads(run("--knowledge", kb, "cookie", facts["duration"], "--json").stdout)
    assert row["duration"] == facts["new_duration"]
    (row,) = json.loads(run("--knowledge", kb, "cookie", facts["category"], "--json").stdout)
    assert row["category"] == facts["new_category"]
    listed = json.loads(run("--knowledge", kb, "cookies", "--format", "json").stdout)
    names = [r["name"] for r in listed]
    assert facts["removed"] not in names and "_ga_*" in names and "shop_pref_[id]" in names


def test_the_new_section_and_the_swapped_languages(edition):
    kb, facts, _ = edition
    loaded = policybot.load_knowledge(kb)
    section = loaded.section(facts["section"])
    assert section.title == NEW_SECTION[0] and section.paragraphs[0].text == NEW_SECTION[1]
    assert loaded.metadata.last_updated_on == "2018-11-21"                  # the document's end is still metadata
    french_now_english, english_now_french = facts["swapped"]
    assert loaded.paragraph(french_now_english).language == "en"
    assert loaded.paragraph(english_now_french).language == "fr"
    assert french_now_english not in loaded.translations                   # its rendering is stale: not used
    shown = run("--knowledge", kb, "section", facts["section"])
    assert shown.exit_code == 0 and "privacy@example-shop.com" in shown.stdout
