"""The installed `policybot` script as a real process, started from an unrelated folder."""
import json
import os
import shutil
import subprocess
import sys

BESIDE = os.path.join(os.path.dirname(sys.executable), "policybot")   # this interpreter's script, not PATH's
EXE = BESIDE if os.path.exists(BESIDE) else shutil.which("policybot")


def policybot(*args, cwd, input=None, env=None):
    environ = {k: v for k, v in os.environ.items() if k not in ("POLICYBOT_KNOWLEDGE", "FORCE_COLOR")}
    environ.update(env or {})
    return subprocess.run([EXE, *args], cwd=cwd, input=input, capture_output=True, text=True,
                          env=environ, timeout=60)


def test_ask_from_another_folder(tmp_path):
    result = policybot("ask", "what is _zendesk_session", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "_zendesk_session" in result.stdout and "Source: cookie table" in result.stdout
    assert "\x1b[" not in result.stdout and result.stderr == ""


def test_json_lines_are_flushed_one_per_question(tmp_path):
    proc = subprocess.Popen([EXE, "ask", "--json", "-"], cwd=tmp_path, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, bufsize=1)
    try:
        # each answer arrives before the next question is sent: a script can converse with it
        for question in ("what is Wistia", "which cookies are essential?"):
            proc.stdin.write(question + "\n")
            proc.stdin.flush()
            assert json.loads(proc.stdout.readline())["question"] == question
        proc.stdin.close()
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill()
        proc.stdout.close()


def test_exit_codes_and_one_line_errors(tmp_path):
    assert policybot("ask", "tell me a joke", cwd=tmp_path).returncode == 1
    empty = policybot("ask", "", cwd=tmp_path)
    assert empty.returncode == 2 and empty.stderr.count("\n") == 1
    broken = policybot("ask", "what is Wistia", cwd=tmp_path, env={"POLICYBOT_KNOWLEDGE": str(tmp_path)})
    assert broken.returncode == 3 and broken.stderr.count("\n") == 1 and "Traceback" not in broken.stderr


def test_a_closed_pipe_is_not_a_traceback(tmp_path):
    questions = "what is Wistia\n" * 300  # answers are flushed per line: writes go on after `head` leaves
    result = subprocess.run(f"'{EXE}' ask --json - | head -n 1", shell=True, cwd=tmp_path, input=questions,
                            capture_output=True, text=True, timeout=60)
    assert result.stdout.startswith('{"question": "what is Wistia"')
    assert result.stderr == ""


def test_version_and_python_dash_m(tmp_path):
    assert policybot("--version", cwd=tmp_path).stdout.startswith("policybot ")
    result = subprocess.run([sys.executable, "-m", "policybot", "cookie", "Wistia"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "Wistia" in result.stdout


def test_ask_imports_nothing_heavy(tmp_path):
    """Start-up (issue 4): no pydantic (typer's coercion, see policybot/_fastparams.py), rich, or Slack."""
    code = ("import sys; sys.argv = ['policybot', 'ask', '--json', 'what is _zendesk_session']\n"
            "from policybot.fronts.terminal.cli import app\n"
            "try:\n    app()\nexcept SystemExit as e:\n    assert e.code in (0, None), e.code\n"
            "heavy = ['pydantic', 'rich', 'slack_bolt', 'slack_sdk', 'asyncio']\n"
            "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert json.loads(result.stdout)["answered"] is True
    assert result.stderr.strip() == "[]"


def test_piped_help_is_plain_text(tmp_path):
    result = policybot("cookies", "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("Usage: policybot cookies [OPTIONS]")
    assert "╭" not in result.stdout and "\x1b[" not in result.stdout
    assert "Example: policybot cookies" in result.stdout


def test_shell_completion_offers_commands_and_choices(tmp_path):
    def complete(words, cword):
        env = {"_POLICYBOT_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)}
        return policybot(cwd=tmp_path, env=env).stdout.split()
    assert complete("policybot coo", 1) == ["cookie", "cookies"]
    assert complete("policybot cookies --category a", 3) == ["analytics", "advertising"]
