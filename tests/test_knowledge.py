"""Loading and validating knowledge bases: the committed one, round trips, hand-kept files, broken files."""
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

import policybot
from policybot.errors import KnowledgeError
from policybot.ingest import build, parse_policy
from policybot.knowledge import (KnowledgeBase, check_knowledge, default_knowledge_dir, load_knowledge, sha12,
                                 validate_knowledge)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "knowledge" / "source" / "zendesk-cookie-policy-2019-01-25.txt"


@pytest.fixture
def kb_dir(tmp_path):
    """A freshly built knowledge base with no hand-kept files."""
    out = tmp_path / "kb"
    build(SEED, out)
    return out


def edit(path: Path, change) -> None:
    """Load a YAML file, change its data, write it back."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_public_api():
    kb = policybot.load_knowledge()
    assert isinstance(kb, policybot.KnowledgeBase)
    assert isinstance(kb.cookies[0], policybot.Cookie) and isinstance(kb.sections[0], policybot.Section)
    assert issubclass(KnowledgeError, policybot.PolicybotError) and policybot.__version__


def test_committed_knowledge_is_the_default_and_valid():
    assert default_knowledge_dir() == ROOT / "knowledge"
    assert validate_knowledge() == []
    kb = load_knowledge()
    assert len(kb.cookies) == 53 and len(kb.sections) == 13
    assert kb.metadata.title == "Zendesk Cookie Policy"


def test_committed_knowledge_is_up_to_date_with_its_source(tmp_path):
    build(SEED, tmp_path)
    for name in ("policy.yaml", "cookies.yaml"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (ROOT / "knowledge" / name).read_text(encoding="utf-8")


def test_round_trip(kb_dir):
    parsed = parse_policy(SEED.read_text(encoding="utf-8"))
    kb = load_knowledge(kb_dir)
    document = kb.documents[0].id
    assert document == SEED.stem and kb.document(document).kind == "website"
    assert kb.cookies == [replace(c, document=document) for c in parsed.cookies]
    assert kb.sections == [replace(s, document=document) for s in parsed.sections]
    assert kb.metadata == parsed.metadata
    assert kb.source["file"] == SEED.name and len(kb.source["sha256"]) == 64
    assert kb.lexicon.synonyms == () and kb.translations == {} and kb.warnings == []


def test_helpers(kb_dir):
    kb = load_knowledge(kb_dir)
    assert kb.section("5.1").title == "Essential Cookies" and kb.section(5).number == "5" and kb.section("12") is None
    assert kb.paragraph("5.p3").text.startswith("Cliquez ici") and kb.paragraph("nope") is None
    pairs = list(kb.paragraphs())
    assert len(pairs) == 23 and pairs[0][0].number == "1" and pairs[0][1].id == "1.p1"
    assert [c.row for c in kb.cookies_named("liveramp")] == [43, 49]
    assert kb.cookies_named("no such cookie") == []


def test_path_choice(kb_dir, monkeypatch):
    monkeypatch.setenv("POLICYBOT_KNOWLEDGE", str(kb_dir))
    assert load_knowledge().path == kb_dir
    monkeypatch.delenv("POLICYBOT_KNOWLEDGE")
    assert load_knowledge().path == default_knowledge_dir()
    assert load_knowledge(str(kb_dir)).path == kb_dir


# ---------------------------------------------------------------------------------------------------
# Broken knowledge files


def test_missing_folder(tmp_path):
    with pytest.raises(KnowledgeError, match="not a knowledge base folder"):
        load_knowledge(tmp_path / "nowhere")


def test_missing_file(kb_dir):
    (kb_dir / "cookies.yaml").unlink()
    assert validate_knowledge(kb_dir) == [
        f"cookies.yaml: missing (expected in {kb_dir}; run `policybot build SOURCE --out DIR`)"]


def test_yaml_syntax_error_has_line_and_column(kb_dir):
    path = kb_dir / "policy.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[3].startswith("  file: ")
    lines[3] = "  file: a: b"
    path.write_text("\n".join(lines), encoding="utf-8")
    problems = validate_knowledge(kb_dir)
    assert len(problems) == 1     # libyaml says "…in this context", pure-Python yaml "…here"
    assert problems[0].startswith("policy.yaml: line 4, column 10: YAML syntax error: mapping values are not allowed")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(kb_dir)
    assert caught.value.problems == problems and "policy.yaml: line 4, column 10" in str(caught.value)


def test_wrong_field_types(kb_dir):
    def change(data):
        data["cookies"][11]["duration_days"] = "abc"
        data["cookies"][0]["category"] = "tasty"
        data["cookies"][1]["session"] = "no"
        data["cookies"][2]["name"] = 7
    edit(kb_dir / "cookies.yaml", change)
    problems = validate_knowledge(kb_dir)
    assert "cookies.yaml: row 12 (Twitter Advertising): duration_days: expected a number, got 'abc'" in problems
    assert ("cookies.yaml: row 1 (Google Analytics): category: expected one of essential, analytics, "
            "functionality, advertising, got 'tasty'") in problems
    assert "cookies.yaml: row 2 (Google Analytics): session: expected true or false, got 'no'" in problems
    assert "cookies.yaml: row 3: name: expected a string, got 7" in problems
    assert len(problems) == 4


def test_duration_must_agree_with_its_days(kb_dir):
    edit(kb_dir / "cookies.yaml", lambda data: data["cookies"][46].update(duration="1 an"))
    assert validate_knowledge(kb_dir) == [
        "cookies.yaml: row 47 (Wistia): duration_days: expected 365.0 for duration '1 an', got 3650.0"]


def test_hand_edited_paragraph_is_caught(kb_dir):
    edit(kb_dir / "policy.yaml", lambda data: data["sections"][0]["paragraphs"][0].update(text="Changed."))
    [problem] = validate_knowledge(kb_dir)
    assert problem.startswith("policy.yaml: paragraph 1.p1: sha: does not match the text")


def test_files_from_different_sources(kb_dir):
    edit(kb_dir / "cookies.yaml", lambda data: data["source"].update(sha256="0" * 64))
    [problem] = validate_knowledge(kb_dir)
    assert problem.startswith("cookies.yaml: source: built from another source than policy.yaml")


def test_empty_file(kb_dir):
    (kb_dir / "policy.yaml").write_text("# nothing\n", encoding="utf-8")
    assert validate_knowledge(kb_dir) == ["policy.yaml: empty file"]


def test_not_a_mapping(kb_dir):
    (kb_dir / "cookies.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    assert validate_knowledge(kb_dir) == ["cookies.yaml: expected a mapping, got ['just', 'a list']"]


def test_not_utf8(kb_dir):
    (kb_dir / "policy.yaml").write_bytes(b"format: 1\n\xff\xfe")
    assert validate_knowledge(kb_dir) == ["policy.yaml: not UTF-8 text (invalid byte at offset 10)"]


# ---------------------------------------------------------------------------------------------------
# Hand-kept files


def test_overlay(kb_dir):
    (kb_dir / "overlay.yaml").write_text(
        "version: 1\n"
        "synonyms:\n  disable: [zap]\n"
        "aliases:\n  zendesk session: _zendesk_session\n  remember me: _zendesk_remember_me\n"
        "stopwords: [acme]\n",
        encoding="utf-8")
    assert validate_knowledge(kb_dir) == []
    overlay = load_knowledge(kb_dir).lexicon
    assert overlay.synonyms == (("disable", "zap"),)
    assert overlay.aliases == {"zendesk session": "_zendesk_session", "remember me": "_zendesk_remember_me"}
    assert overlay.stopwords == ("acme",)


def test_bad_overlay(kb_dir):
    (kb_dir / "overlay.yaml").write_text(
        "version: 1\n"
        "synonyms:\n  disable: [zap, '']\n  block: just a string\n"
        "aliases:\n  empty: ''\n"
        "stopwords: [the, 3]\n"
        "browsers: [not, a, mapping]\n",
        encoding="utf-8")
    kb, problems, warnings = check_knowledge(kb_dir)
    assert problems == [
        "overlay.yaml: browsers: unknown section (expected aliases, synonyms or stopwords)",
        "overlay.yaml: synonyms: disable[1]: expected a non-empty string, got ''",
        "overlay.yaml: synonyms: block: expected a list, got 'just a string'",
        "overlay.yaml: aliases: empty: expected a cookie name, got ''",
        "overlay.yaml: stopwords[1]: expected a non-empty string, got 3",
    ]
    with pytest.raises(KnowledgeError, match="5 problems"):
        load_knowledge(kb_dir)


def test_an_alias_to_a_cookie_the_edition_no_longer_has_is_a_warning_not_a_failure(kb_dir):
    (kb_dir / "overlay.yaml").write_text(
        "version: 1\naliases:\n  gone: _qq_beacon_id\n  cased: WISTIA\n  remember me: _zendesk_remember_me\n",
        encoding="utf-8")
    kb = load_knowledge(kb_dir)
    assert kb.lexicon.aliases == {"remember me": "_zendesk_remember_me"}
    assert kb.warnings == [
        "overlay.yaml: aliases: gone: no cookie named '_qq_beacon_id' in cookies.yaml; alias ignored",
        "overlay.yaml: aliases: cased: no cookie named 'WISTIA' in cookies.yaml (did you mean 'Wistia'?); alias ignored",
    ]


def test_translations(kb_dir):
    kb = load_knowledge(kb_dir)
    paragraph, title = kb.paragraph("2.p1"), kb.section("3").title
    (kb_dir / "translations.yaml").write_text(yaml.safe_dump({
        "version": 1,
        "paragraphs": [{"id": "2.p1", "source_sha": paragraph.sha, "en": "Yes. The Zendesk Group…"},
                       {"id": "3.p1", "source_sha": "0123456789ab", "fr": "Un cookie est…"},
                       {"id": "9.p7", "source_sha": "0123456789ab", "en": "Vanished."}],
        "titles": [{"section": "3", "source_sha": sha12(title), "en": "What is a cookie?"}],
    }, allow_unicode=True), encoding="utf-8")
    problems = validate_knowledge(kb_dir)
    current = kb.paragraph("3.p1").sha
    assert problems == [
        f"translations.yaml: paragraph 3.p1: source changed since this rendering was written (sha 0123456789ab≠{current})",
        "translations.yaml: paragraph 9.p7: the source paragraph no longer exists",
    ]
    kb = load_knowledge(kb_dir)                   # stale renderings are skipped, not errors
    assert kb.translations == {"2.p1": {"en": "Yes. The Zendesk Group…"}, "title:3": {"en": "What is a cookie?"}}
    assert kb.warnings == problems


def test_bad_translations(kb_dir):
    (kb_dir / "translations.yaml").write_text(
        "version: 1\nparagraphs:\n  - {id: 2.p1, en: 'x'}\n  - {id: 2.p1, source_sha: abc}\n  - {en: 'x'}\n", encoding="utf-8")
    assert validate_knowledge(kb_dir) == [
        "translations.yaml: paragraph 2.p1: source_sha: missing",
        "translations.yaml: paragraph 2.p1: no rendering (expected an en: or fr: text)",
        "translations.yaml: paragraphs[3]: id: expected a string, got None",
        "translations.yaml: paragraph 2.p1: source changed since this rendering was written (sha abc≠968433005737)",
    ]


def test_committed_hand_kept_files_are_valid():
    kb = load_knowledge()
    assert isinstance(kb, KnowledgeBase)
    for alias, target in kb.lexicon.aliases.items():
        assert kb.cookies_named(target), alias


def test_build_keeps_hand_kept_files(kb_dir):
    shutil.copyfile(ROOT / "knowledge" / "overlay.yaml", kb_dir / "overlay.yaml")
    before = (kb_dir / "overlay.yaml").read_bytes()
    build(SEED, kb_dir)
    assert (kb_dir / "overlay.yaml").read_bytes() == before
    assert not (kb_dir / "translations.yaml").exists()
    assert sorted(p.name for p in kb_dir.iterdir()) == ["cookies.yaml", "overlay.yaml", "policy.yaml"]


def test_installed_layout_finds_the_shipped_knowledge_base(tmp_path):
    """As `pip install .` lays it out: policybot/ with knowledge/ shipped as policybot/knowledge_data/."""
    import subprocess
    import sys
    site = tmp_path / "site-packages"
    shutil.copytree(ROOT / "policybot", site / "policybot", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "knowledge", site / "policybot" / "knowledge_data")
    code = "import policybot.knowledge as k; kb = k.load_knowledge(); print(kb.path, len(kb.cookies))"
    result = subprocess.run([sys.executable, "-c", code], cwd="/", capture_output=True, text=True,
                            env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(site / "policybot" / "knowledge_data"), "53"]


def test_the_engine_vocabulary_ships_valid_and_a_misspelt_cue_is_an_error():
    from policybot.language.vocabulary import check_vocabulary, merge, read_files
    documents = read_files()
    assert check_vocabulary(documents) == []
    assert "disable" in merge(documents).synonyms and "désactiver" in merge(documents).synonyms["disable"]
    documents["en.yaml"]["cues"]["duraton"] = ["how long"]
    documents["fr.yaml"]["categories"]["marketing"] = ["pub"]
    problems = check_vocabulary(documents)
    assert problems[0].startswith("en.yaml: cues: duraton: not a cue the engine knows (expected one of duration,")
    assert problems[1] == "fr.yaml: categories: marketing: expected one of essential, analytics, functionality, advertising"
