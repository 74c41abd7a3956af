"""`policybot build` over several documents, editions (carry-over, diff) and where it may write."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import policybot
from policybot.fronts.terminal.cli import app

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
FORMATS = DATA / "formats"
SEED = ROOT / "knowledge" / "source" / "zendesk-cookie-policy-2019-01-25.txt"
NORTHWIND = [FORMATS / "northwind-website.html", FORMATS / "northwind-app.md", FORMATS / "northwind-declaration.csv",
             FORMATS / "northwind-declaration-fr.tsv"]

runner = CliRunner()


def run(*args, env=None):
    return runner.invoke(app, [str(a) for a in args], env=env)


@pytest.fixture(scope="module")
def combined(tmp_path_factory):
    out = tmp_path_factory.mktemp("combined") / "kb"
    result = run("build", *NORTHWIND, "--out", out)
    assert result.exit_code == 0, result.output
    return out, result.stdout


def test_several_documents_in_one_knowledge_base(combined):
    out, report = combined
    assert "4 documents, 23 sections, 36 paragraphs, 59 cookie rows" in report.splitlines()[0]
    kb = policybot.load_knowledge(out)
    assert [(d.id, d.kind) for d in kb.documents] == [
        ("northwind-website", "website"), ("northwind-app", "app"), ("northwind-declaration", "declaration"),
        ("northwind-declaration-fr", "declaration")]
    assert kb.document("northwind-website").effective_on == "2024-03-01"
    assert kb.document("northwind-app").effective_on == "2024-01-14"          # its last update
    assert kb.document("northwind-declaration").source["format"] == "csv"
    assert kb.metadata == kb.documents[0].metadata                           # the first document's, as before
    session = kb.cookies_named("nw_session")                                  # the same name in two documents
    assert [(c.document, c.duration) for c in session] == [
        ("northwind-website", "When the browser closes"),
        ("northwind-app", "12 hours unless 'Remember me' is ticked, then 14 days")]
    ids = [p.id for _, p in kb.paragraphs()]
    assert len(ids) == len(set(ids)) and "northwind-app:5.p1" in ids
    assert kb.section("5").document == "northwind-website"
    assert kb.section("5", document="northwind-app").title == "Cookies in embedded widgets"
    assert all(s.document for s in kb.sections) and {c.document for c in kb.cookies} == {d.id for d in kb.documents}


def test_cookies_of_one_document(combined):
    out, _ = combined
    result = run("--knowledge", out, "cookies", "--document", "northwind-app", "--format", "json")
    assert result.exit_code == 0, result.output
    names = [row["name"] for row in json.loads(result.stdout)]
    assert len(names) == 13 and "nw_workspace" in names and "_fbp" not in names
    result = run("--knowledge", out, "cookies", "--document", "nowhere")
    assert result.exit_code == 2 and "northwind-app" in result.stderr


def test_a_pattern_row_is_listed_as_written_and_found_by_an_instance(combined):
    out, _ = combined
    result = run("--knowledge", out, "cookie", "_ga_*")
    assert result.exit_code == 0 and "Persistent: 2 years" in result.stdout
    kb = policybot.load_knowledge(out)
    assert [c.name for c in kb.cookies_matching("_hjSessionUser_3318842")] == ["_hjSessionUser_*"]
    assert {c.name for c in kb.cookies_matching("_ga_5QXZ1R2K")} == {"_ga_*", "_ga_#"}   # one per document
    assert {c.name for c in kb.cookies_matching("_ga")} == {"_ga"}
    assert kb.cookies_matching("_hjAbsoluteSessionInProgress") == []
    result = run("--knowledge", out, "cookie", "nw_pref_80412", "--json")
    assert result.exit_code == 0 and [r["name"] for r in json.loads(result.stdout)] == ["nw_pref_[id]"] * 2


# ---------------------------------------------------------------------------------------------------
# Editions


@pytest.fixture
def shipped_copy(tmp_path):
    """A copy of the shipped knowledge base, hand-kept files and all."""
    out = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", out)
    return out


def test_a_new_edition_carries_translations_and_overlay_and_prints_the_difference(shipped_copy):
    result = run("build", DATA / "edition-2.txt", "--out", shipped_copy)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    carried = next(line for line in lines if line.startswith("carried from"))
    assert carried.startswith(f"carried from {shipped_copy}: 34 translations")
    assert carried.endswith("(2 translations of text not in this edition kept as stale, see `policybot check`)")
    assert any(line.endswith("paragraphs left untranslated") and not line.startswith("0 ") for line in lines)
    assert "  - cookie Gauge" in lines and "  + cookie Criteo" in lines
    assert "  ~ cookie Wistia: duration: '10 ans' -> '5 years'" in lines
    assert "  + section 10 Contact us" in lines
    kb = policybot.load_knowledge(shipped_copy)                              # it loads, overlay and all
    assert kb.cookies_named("Criteo") and not kb.cookies_named("Gauge")
    check = run("check", shipped_copy)
    assert check.exit_code == 0
    assert "warning: translations.yaml: paragraph 10.p1 (" in check.stderr   # the new section: untranslated
    assert "source changed since this rendering was written" in check.stderr  # kept for the translator


def test_a_new_folder_carries_from_the_knowledge_base_in_use_or_from(tmp_path, shipped_copy):
    result = run("--knowledge", shipped_copy, "build", SEED, "--out", tmp_path / "fresh")
    assert result.exit_code == 0 and f"carried from {shipped_copy}: 36 translations" in result.stdout
    assert policybot.load_knowledge(tmp_path / "fresh").lexicon.aliases == policybot.load_knowledge(shipped_copy).lexicon.aliases
    (shipped_copy / "translations.yaml").unlink()
    result = run("build", SEED, "--out", tmp_path / "other", "--from", ROOT / "knowledge")
    assert result.exit_code == 0 and f"carried from {ROOT / 'knowledge'}: 36 translations" in result.stdout
    result = run("build", SEED, "--out", tmp_path / "third", "--from", tmp_path / "nowhere")
    assert result.exit_code == 2 and "not a knowledge base folder" in result.stderr
    assert not (tmp_path / "third").exists()


def test_diff_json_between_a_folder_and_a_source_file(shipped_copy):
    result = run("diff", shipped_copy, DATA / "edition-2.txt", "--format", "json")
    assert result.exit_code == 0, result.output
    diff = json.loads(result.stdout)
    assert set(diff) == {"cookies", "sections"} and set(diff["cookies"]) == {"added", "removed", "changed"}
    assert sorted(diff["cookies"]["added"]) == ["Criteo", "OptanonConsent"]
    assert {"name": "_zendesk_remember_me", "field": "duration", "old": "2 semaines", "new": "30 jours"} in diff["cookies"]["changed"]
    assert {"number": "10", "title": "Contact us"} in diff["sections"]["added"]
    same = run("diff", SEED, shipped_copy)
    assert same.exit_code == 0 and same.stdout.strip() == "no difference from the edition it replaces"


# ---------------------------------------------------------------------------------------------------
# Where build may write, and what it leaves when it fails


def test_build_refuses_the_installed_package(tmp_path):
    package = Path(policybot.__file__).resolve().parent
    result = run("build", SEED, "--out", package / "knowledge_data")
    assert result.exit_code == 2 and "inside the installed policybot package" in result.stderr
    assert not (package / "knowledge_data").exists() or (package / "knowledge_data").is_dir()


def test_without_out_build_writes_dot_knowledge_or_refuses(tmp_path, shipped_copy):
    env = {"POLICYBOT_KNOWLEDGE": ""}
    refused = subprocess.run([sys.executable, "-m", "policybot", "build", str(SEED)], cwd=tmp_path / "..",
                             capture_output=True, text=True, env={**_environ(), **env})
    assert refused.returncode == 2 and "--out DIR" in refused.stderr
    done = subprocess.run([sys.executable, "-m", "policybot", "build", str(DATA / "edition-2.txt")], cwd=tmp_path,
                          capture_output=True, text=True, env={**_environ(), **env})
    assert done.returncode == 0, done.stderr
    assert policybot.load_knowledge(shipped_copy).cookies_named("Criteo")


def _environ():
    import os
    return {k: v for k, v in os.environ.items() if k != "POLICYBOT_KNOWLEDGE"}


def test_a_result_that_would_not_load_is_never_swapped_in(shipped_copy):
    (shipped_copy / "translations.yaml").write_text("version: 1\nparagraphs: [unclosed\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in shipped_copy.iterdir() if p.is_file()}
    result = run("build", DATA / "edition-2.txt", "--out", shipped_copy)
    assert result.exit_code == 3 and "would not load" in result.stderr and "translations.yaml" in result.stderr
    assert {p.name: p.read_bytes() for p in shipped_copy.iterdir() if p.is_file()} == before
    assert [p.name for p in shipped_copy.parent.iterdir() if p.name.startswith(".")] == []   # no staging left


def test_a_source_with_nothing_usable_fails_and_names_the_file(tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_text("\n\n", encoding="utf-8")
    result = run("build", empty, "--out", tmp_path / "kb")
    assert result.exit_code == 2 and str(empty) in result.stderr and not (tmp_path / "kb").exists()


def test_a_result_the_engine_cannot_take_is_never_swapped_in(shipped_copy, monkeypatch):
    import policybot.engine

    class Broken:
        def __init__(self, kb):
            raise ValueError("index exploded")

    monkeypatch.setattr(policybot.engine, "Bot", Broken)
    before = {p.name: p.read_bytes() for p in shipped_copy.iterdir() if p.is_file()}
    result = run("build", DATA / "edition-2.txt", "--out", shipped_copy)
    assert result.exit_code == 3 and "would not load in the engine: ValueError: index exploded" in result.stderr
    assert {p.name: p.read_bytes() for p in shipped_copy.iterdir() if p.is_file()} == before


def test_a_knowledge_folder_reached_through_a_link_stays_a_link(shipped_copy, tmp_path):
    link = tmp_path / "current"
    link.symlink_to(shipped_copy, target_is_directory=True)
    result = run("build", DATA / "edition-2.txt", "--out", link)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == shipped_copy.resolve()
    assert policybot.load_knowledge(link).cookies_named("Criteo")
    assert [p.name for p in tmp_path.iterdir() if ".staging-" in p.name] == []


def test_diff_of_something_unreadable_names_it(tmp_path, shipped_copy):
    result = run("diff", shipped_copy, tmp_path / "missing.html")
    assert result.exit_code == 2 and f"{tmp_path / 'missing.html'}: no such file" in result.stderr
    (shipped_copy / "cookies.yaml").write_text("format: [broken\n", encoding="utf-8")
    result = run("diff", shipped_copy, SEED)
    assert result.exit_code == 3 and "cookies.yaml" in result.stderr and "Traceback" not in result.stderr
