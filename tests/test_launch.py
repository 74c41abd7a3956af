"""The console script's fast path for plain `ask`: same answers and exit codes as the typer command."""
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from policybot.fronts.terminal.cli import app
from policybot.fronts.terminal.launch import plain_ask


@pytest.mark.parametrize("args, expected", [
    (["ask", "what", "is", "Wistia"], (None, False, ["what", "is", "Wistia"])),
    (["ask", "--json", "-"], (None, True, ["-"])),
    (["--knowledge", "kb", "ask", "hi", "--json"], ("kb", True, ["hi"])),
    (["--knowledge=kb", "ask", "hi"], ("kb", False, ["hi"])),
    (["ask", "--help"], None),
    (["ask", "-x", "hi"], None),
    (["ask"], None),
    (["cookies"], None),
    ([], None),
])
def test_only_plain_ask_takes_the_fast_path(args, expected):
    assert plain_ask(args) == expected


def run_script(*args, stdin=""):
    return subprocess.run([sys.executable, "-m", "policybot", *args], input=stdin, capture_output=True,
                          text=True, timeout=60)


@pytest.mark.parametrize("question", ["what is _zendesk_session", "which cookies are essential?", "hotjar"])
def test_fast_path_prints_what_the_typer_command_prints(question):
    fast = run_script("ask", "--json", question)
    typer_way = CliRunner().invoke(app, ["ask", "--json", question])
    assert fast.returncode == typer_way.exit_code
    assert json.loads(fast.stdout) == json.loads(typer_way.stdout)


def test_fast_path_exit_codes_and_messages(tmp_path):
    assert run_script("ask", "what is Wistia").returncode == 0
    assert run_script("ask", "tell me a joke").returncode == 1
    empty = run_script("ask", " ")
    assert empty.returncode == 2 and empty.stderr.startswith("policybot: the question is empty")
    missing = run_script("--knowledge", str(tmp_path / "nope"), "ask", "hi")
    assert missing.returncode == 3 and "Traceback" not in missing.stderr and missing.stderr.count("\n") == 1


def test_fast_path_json_lines_pair_with_input_lines():
    result = run_script("ask", "--json", "-", stdin="what is Wistia\n\nhotjar\n")
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["question"] for a in answers] == ["what is Wistia", "", "hotjar"]
    assert answers[1]["error"].startswith("the question is empty")
    assert result.returncode == 2          # the worst line: an empty question
