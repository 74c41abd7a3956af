"""The terminal commands through typer's CliRunner: output and exit codes.

(build/check are in test_ingest.py, slack in test_slack_cli.py.)"""
import csv
import io
import json
import re

import pytest
from typer.testing import CliRunner

from policybot import __version__
from policybot.fronts.terminal.cli import app

runner = CliRunner()


def run(*args, input=None, env=None):
    return runner.invoke(app, list(args), input=input, env=env)


# --- ask ---------------------------------------------------------------------------------------

def test_ask_answers_with_its_source():
    result = run("ask", "what is _zendesk_session")
    assert result.exit_code == 0, result.output
    text, source, notice = result.stdout.rstrip("\n").split("\n\n")
    assert "_zendesk_session" in text
    assert source == "Source: cookie table: _zendesk_session (www.zendesk.com; Session; Essential)"
    assert notice == "This edition of the policy is no longer in effect since December 2, 2019."   # the answer's notice
    assert "\x1b[" not in result.stdout  # piped: plain text


def test_ask_joins_unquoted_words():
    assert run("ask", "what", "is", "_zendesk_session").exit_code == 0


def test_ask_prose_cites_the_section():
    result = run("ask", "how do I disable cookies in Safari?")
    assert result.exit_code == 0
    assert "Safari" in result.stdout and re.search(r"^Source: §5 ", result.stdout, re.M)


def test_ask_abstains_with_exit_1_and_suggestions():
    result = run("ask", "what is the _xyz_tracker cookie")
    assert result.exit_code == 1
    assert result.stdout.strip()


def test_ask_json_is_the_contract():
    result = run("ask", "--json", "what is _zendesk_session")
    assert result.exit_code == 0
    assert result.stdout.count("\n") == 1  # one object, one line when piped
    data = json.loads(result.stdout)
    assert data["answered"] is True and data["language"] == "en"
    assert 0 <= data["confidence"] <= 1
    assert data["sources"][0] == {
        "type": "cookie", "name": "_zendesk_session", "website": "www.zendesk.com",
        "purpose": data["sources"][0]["purpose"], "duration": "Session", "duration_days": None,
        "session": True, "category": "essential", "category_label": "Essential"}
    assert isinstance(data["suggestions"], list) and isinstance(data["text"], str)


def test_ask_json_abstention_exits_1():
    result = run("ask", "--json", "chocolate chip cookie recipe")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["answered"] is False


@pytest.mark.parametrize("args", [("ask",), ("ask", ""), ("ask", "   "), ("ask", "--json", " ")])
def test_an_empty_question_exits_2_in_one_line(args):
    result = run(*args)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("policybot: ")


def test_ask_stdin_writes_json_lines_in_order():
    questions = ["what is _zendesk_session", "which cookies are essential?", "", "tell me a joke"]
    result = run("ask", "--json", "-", input="\n".join(questions) + "\n")
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    answers = [json.loads(line) for line in lines]
    assert [a["question"] for a in answers] == questions
    assert [a["answered"] for a in answers] == [True, True, False, False]
    assert answers[2]["kind"] == "error" and answers[2]["error"].startswith("the question is empty")
    assert result.exit_code == 2  # the worst line: an empty question is an input error


def test_ask_stdin_all_answered_exits_0_and_plain_text_works():
    result = run("ask", "-", input="what is Wistia\nwhich cookies are essential?\n")
    assert result.exit_code == 0
    assert result.stdout.count("» ") == 2 and "Wistia" in result.stdout


def test_unloadable_knowledge_exits_3_in_one_line(tmp_path):
    for args in (("ask", "what is Wistia"), ("cookies",), ("cookie", "Wistia"), ("sections",), ("chat",)):
        result = run("--knowledge", str(tmp_path / "missing"), *args)
        assert result.exit_code == 3, args
        assert len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.output


def test_the_knowledge_loads_once_per_process(monkeypatch):
    import policybot.knowledge
    calls = []
    real = policybot.knowledge.load_knowledge
    monkeypatch.setattr(policybot.knowledge, "load_knowledge", lambda *a, **k: calls.append(1) or real(*a, **k))
    assert run("cookie", "_zendesk_sesion").exit_code == 1  # the table, then the engine for "did you mean"
    assert calls == [1]


# --- cookie ------------------------------------------------------------------------------------

def test_cookie_shows_every_field():
    result = run("cookie", "_ZENDESK_REMEMBER_ME")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("_zendesk_remember_me\n")
    for label in ("Website:", "Purpose:", "Duration:", "Lasts:", "Session:", "Category:", "Row:"):
        assert f"  {label}" in out
    assert "2 weeks (14 days)" in out


def test_cookie_shows_every_row_of_a_name():
    result = run("cookie", "Google Analytics")
    assert result.exit_code == 0
    assert result.stdout.count("Google Analytics\n") >= 2


def test_cookie_json():
    result = run("cookie", "--json", "wistia")
    rows = json.loads(result.stdout)
    assert rows and all(r["name"] == "Wistia" and r["type"] == "cookie" for r in rows)


def test_cookie_near_miss_suggests_and_exits_1():
    result = run("cookie", "_zendesk_sesion")
    assert result.exit_code == 1
    assert result.stderr.strip() == "policybot: no cookie named '_zendesk_sesion' in the policy. Did you mean _zendesk_session?"
    assert result.stdout == ""


# --- cookies -----------------------------------------------------------------------------------

def tsv(result):
    return [line.split("\t") for line in result.stdout.splitlines()]


def test_cookies_piped_is_tab_separated():
    rows = tsv(run("cookies"))
    assert rows[0] == ["name", "website", "category", "duration", "purpose"]
    assert len(rows) > 40 and all(len(r) == 5 for r in rows)


def test_cookies_filters():
    rows = tsv(run("cookies", "--category", "ANALYTICS"))[1:]
    assert rows and {r[2] for r in rows} == {"analytics"}
    assert "Wistia" not in {r[0] for r in rows}
    rows = tsv(run("cookies", "--site", "zopim.com", "--category", "advertising"))[1:]
    assert rows and {r[1] for r in rows} == {"www.zopim.com"} and {r[2] for r in rows} == {"advertising"}
    sessions = tsv(run("cookies", "--session"))[1:]
    assert sessions and {r[3] for r in sessions} == {"Session"}
    persistent = tsv(run("cookies", "--no-session"))[1:]
    assert "Session" not in {r[3] for r in persistent}
    assert len(sessions) + len(persistent) == len(tsv(run("cookies"))) - 1


def test_cookies_by_duration_match_the_library():
    from policybot.knowledge import load_knowledge
    from policybot.knowledge.filters import filter_cookies
    cookies = load_knowledge().cookies
    data = json.loads(run("cookies", "--longer-than", "5y", "--format", "json").stdout)
    assert [d["name"] for d in data] == [c.name for c in filter_cookies(cookies, min_days=5 * 365)]
    assert data and all(d["duration_days"] > 5 * 365 for d in data)
    short = json.loads(run("cookies", "--shorter-than", "1h", "--no-session", "--format", "json").stdout)
    assert short and all(d["duration_days"] < 1 / 24 for d in short)


def test_cookies_csv_and_json_carry_the_cookie_source_fields():
    from policybot.knowledge import load_knowledge
    from policybot.knowledge.filters import cookie_source
    expected = [cookie_source(c) for c in load_knowledge().cookies]
    assert json.loads(run("cookies", "--format", "json").stdout) == expected
    rows = list(csv.DictReader(io.StringIO(run("cookies", "-f", "csv").stdout)))
    assert list(rows[0]) == list(expected[0])
    assert [r["name"] for r in rows] == [e["name"] for e in expected]
    assert [r["website"] for r in rows] == [e["website"] or "" for e in expected]


@pytest.mark.parametrize("args", [("--longer-than", "forever"), ("--shorter-than", "5x"), ("--longer-than", "")])
def test_cookies_bad_duration_exits_2_in_one_line(args):
    result = run("cookies", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"policybot: {args[0]}: invalid duration")
    assert len(result.stderr.strip().splitlines()) == 1


def test_cookies_bad_choice_is_a_usage_error():
    assert run("cookies", "--category", "tasty").exit_code == 2
    assert run("cookies", "--format", "xml").exit_code == 2


def test_cookies_with_no_match_prints_just_the_header_and_exits_1():
    result = run("cookies", "--site", "example.org")
    assert result.exit_code == 1 and result.stdout == "name\twebsite\tcategory\tduration\tpurpose\n"


# --- sections ----------------------------------------------------------------------------------

def test_sections_lists_numbers_and_titles():
    result = run("sections")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("1 ") and "Introduction" in lines[0]
    assert any(line.startswith("  5.1 ") for line in lines)


def test_section_prints_the_text():
    result = run("section", "5")
    assert result.exit_code == 0
    assert result.stdout.startswith("5. Comment désactiver les cookies\n\n")
    assert "Safari" in result.stdout and "Subsections: 5.1" in result.stdout
    assert run("section", "§5.1").stdout.startswith("5.1. Essential Cookies")


def test_unknown_section_suggests_and_exits_1():
    result = run("section", "5.9")
    assert result.exit_code == 1
    assert result.stderr.strip() == "policybot: no section '5.9' in the policy. Did you mean 5.1, 5.2, 5.3 or 5.4?"
    assert "Did you mean" in run("section", "safari").stderr


# --- chat, version, help -----------------------------------------------------------------------

def test_chat_piped_answers_follow_ups():
    result = run("chat", input="what is _zendesk_remember_me\nhow long does it last?\nquit\n")
    assert result.exit_code == 0
    assert "_zendesk_remember_me" in result.stdout
    assert re.search(r"2 semaines|2 weeks|14 days", result.stdout)


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"policybot {__version__}"


COMMANDS = ["ask", "chat", "cookie", "cookies", "sections", "section"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = run(command, "--help", env={"TERMINAL_WIDTH": "200", "COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Example: policybot " + command in result.stdout


def test_every_option_has_an_example():
    import typer.main
    group = typer.main.get_command(app)
    for name in COMMANDS:
        for param in group.commands[name].params:
            if param.name in ("help",):
                continue
            assert "Example:" in (param.help or ""), f"{name} {param.name}"


def test_shell_completion_is_offered():
    assert "--install-completion" in run("--help", env={"COLUMNS": "200"}).stdout
