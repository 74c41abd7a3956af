"""The exit-code table (README "Exit status") and bad input, as a user or a script meets them."""
import json
import os
import shutil
import subprocess
import sys

import pytest

BESIDE = os.path.join(os.path.dirname(sys.executable), "policybot")   # this interpreter's script, not PATH's
EXE = BESIDE if os.path.exists(BESIDE) else shutil.which("policybot")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def policybot(*args, cwd, input=None, env=None):
    """Run the installed script; `input` is bytes so tests can send what no text editor would."""
    environ = {k: v for k, v in os.environ.items() if k not in ("POLICYBOT_KNOWLEDGE", "FORCE_COLOR")}
    environ.update(env or {})
    return subprocess.run([EXE, *args], cwd=cwd, input=input, capture_output=True, env=environ, timeout=120)


def out(result):
    return result.stdout.decode("utf-8", "replace")


def err(result):
    return result.stderr.decode("utf-8", "replace")


@pytest.fixture
def kb_bad(tmp_path):
    """A copy of the shipped knowledge base with two broken rows."""
    folder = tmp_path / "kb_bad"
    shutil.copytree(os.path.join(ROOT, "knowledge"), folder, ignore=shutil.ignore_patterns("source"))
    cookies = folder / "cookies.yaml"
    text = cookies.read_text(encoding="utf-8")
    text = text.replace("duration_days: 730.0", "duration_days: two years", 1).replace(
        "category: essential", "category: tasty", 1)
    cookies.write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("args, code", [
    (["ask", "what is _zendesk_session"], 0),
    (["ask", "what is the _xyz_tracker cookie"], 1),
    (["cookie", "Wistia"], 0),
    (["cookie", "nosuchcookie"], 1),
    (["cookies", "--site", "nosuch.com"], 1),
    (["section", "5"], 0),
    (["section", "99"], 1),
    (["ask", "   "], 2),
    (["cookies", "--longer-than", "soon"], 2),
    (["nosuchcommand"], 2),
])
def test_one_exit_code_table(args, code, tmp_path):
    result = policybot(*args, cwd=tmp_path)
    assert result.returncode == code, err(result)
    assert "Traceback" not in err(result)


def test_a_broken_knowledge_base_names_the_exact_check_command_with_its_count(kb_bad, tmp_path):
    asked = policybot("--knowledge", "kb_bad", "ask", "what is Wistia", cwd=tmp_path)
    assert asked.returncode == 3 and err(asked).count("\n") == 1
    assert "(run `policybot check kb_bad` for the full list)" in err(asked)
    checked = policybot("check", "kb_bad", cwd=tmp_path)
    assert checked.returncode == 3
    count = err(checked).splitlines()[-1].rsplit(": ", 1)[1]            # "2 problems"
    assert count == "2 problems" and f"({count})" in err(asked)
    after = policybot("cookies", "--knowledge", "kb_bad", cwd=tmp_path)  # --knowledge after the command
    assert after.returncode == 3 and "policybot check kb_bad" in err(after)


def test_invalid_utf8_is_an_input_error_not_a_guess(tmp_path):
    result = policybot("ask", "-", cwd=tmp_path, input=b"caf\xe9\n")
    assert result.returncode == 2
    assert "not UTF-8" in err(result) and "Capterra" not in out(result)
    argv = subprocess.run([EXE, "ask", os.fsdecode(b"caf\xe9")], cwd=tmp_path, capture_output=True, timeout=60)
    assert argv.returncode == 2 and b"not UTF-8" in argv.stderr


def test_ask_dash_keeps_going_and_reports_the_worst(tmp_path):
    lines = b"what is Wistia\n\ncaf\xe9\n" + b"x" * 1_000_000 + b"\nwhat is hotjar\nwhat is _zendesk_session\n"
    result = policybot("ask", "--json", "-", cwd=tmp_path, input=lines)
    answers = [json.loads(line) for line in out(result).splitlines()]
    assert len(answers) == 6
    assert [a["answered"] for a in answers] == [True, False, False, False, False, True]
    assert [("error" in a) for a in answers] == [False, True, True, True, False, False]
    assert "too long" in answers[3]["error"] and len(answers[3]["question"]) < 200
    assert len(result.stdout) < 20_000                        # the megabyte is never echoed back
    assert result.returncode == 2


def test_an_oversized_question_is_never_echoed_whole(tmp_path):
    question = "what is " + "a" * 100_000
    for args in (["ask", question], ["ask", "--json", question]):
        result = policybot(*args, cwd=tmp_path)
        assert result.returncode == 2 and "too long" in err(result)
        assert len(result.stdout) + len(result.stderr) < 2_000


def test_a_closed_pipe_ends_quietly_with_0(tmp_path):
    for command in ("cookies", "ask --json -"):
        shell = f"'{EXE}' {command} | head -n 1; echo \"status ${{PIPESTATUS[0]}}\""
        result = subprocess.run(["bash", "-c", shell], cwd=tmp_path, input=b"what is Wistia\n" * 300,
                                capture_output=True, timeout=60)
        assert result.stdout.decode().rstrip().endswith("status 0"), result
        assert result.stderr == b""


def test_output_is_encodable_on_an_ascii_terminal(tmp_path):
    for args in (["ask", "comment désactiver les cookies dans Firefox ?"], ["ask", "--json", "what is Wistia"],
                 ["cookies"], ["section", "7"]):
        result = policybot(*args, cwd=tmp_path, env={"PYTHONIOENCODING": "ascii"})
        assert result.returncode == 0, err(result)
        assert "Traceback" not in err(result)
        result.stdout.decode("ascii")
    data = json.loads(policybot("ask", "--json", "what is Wistia", cwd=tmp_path,
                                env={"PYTHONIOENCODING": "ascii"}).stdout)
    assert "10 ans" in data["text"]


def test_dash_h_and_options_after_the_command(tmp_path):
    assert policybot("-h", cwd=tmp_path).returncode == 0
    helped = policybot("cookies", "-h", cwd=tmp_path)
    assert helped.returncode == 0 and "--category" in out(helped)
    shipped = os.path.join(ROOT, "knowledge")
    assert policybot("ask", "--knowledge", shipped, "what is Wistia", cwd=tmp_path).returncode == 0
    assert policybot("check", "--knowledge", shipped, cwd=tmp_path).returncode == 0


def test_a_cookie_name_needs_no_quotes(tmp_path):
    result = policybot("cookie", "Google", "Analytics", cwd=tmp_path)
    assert result.returncode == 0 and "Google Analytics" in out(result)


def test_sections_and_section_as_json(tmp_path):
    sections = json.loads(policybot("sections", "--json", cwd=tmp_path).stdout)
    assert {"number": "5.1", "title": "Essential Cookies"}.items() <= next(
        s for s in sections if s["number"] == "5.1").items()
    section = json.loads(policybot("section", "5", "--json", cwd=tmp_path).stdout)
    assert section["number"] == "5" and section["paragraphs"] and "5.1" in [s["number"] for s in section["subsections"]]


def test_shell_completion_of_cookie_names_and_section_numbers(tmp_path):
    def complete(words):
        env = {"_POLICYBOT_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1)}
        return out(policybot(cwd=tmp_path, env=env)).split()
    assert "_zendesk_session" in complete("policybot cookie _zendesk_se")
    assert set(complete("policybot section 5.")) >= {"5.1", "5.2"}


BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f'{chr(98 + i)}: &{chr(98 + i)} [{",".join(["*" + chr(97 + i)] * 9)}]\n' for i in range(8))


def test_an_alias_bomb_fails_at_once_with_one_line(kb_bad, tmp_path):
    (kb_bad / "cookies.yaml").write_text(BOMB, encoding="utf-8")
    checked = policybot("check", "kb_bad", cwd=tmp_path)            # a timeout (120 s) would fail this
    assert checked.returncode == 3
    assert "cookies.yaml: line 2, column 8: YAML aliases (*a) are not allowed here" in err(checked)
    assert "lol" not in err(checked) and len(checked.stderr) < 2_000
    asked = policybot("--knowledge", "kb_bad", "ask", "what is Wistia", cwd=tmp_path)
    assert asked.returncode == 3 and err(asked).count("\n") == 1 and "lol" not in err(asked)
    questions = tmp_path / "bomb-questions.yaml"
    questions.write_text(BOMB, encoding="utf-8")
    evaluated = policybot("eval", str(questions), cwd=tmp_path)
    assert evaluated.returncode == 2 and "aliases" in err(evaluated) and "lol" not in err(evaluated)
