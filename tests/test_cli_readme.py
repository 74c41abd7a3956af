"""The README's terminal tour stays true: its first command and output are real, every command is shown."""
import re
from pathlib import Path

from typer.testing import CliRunner

from policybot.fronts.terminal.cli import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
runner = CliRunner()


def blocks(text):
    return re.findall(r"```\n(.*?)```", text, re.S)


def test_the_first_command_is_a_real_question_with_its_real_output():
    command, output = blocks(README)[:2]
    assert command.strip() == 'pip install . && policybot ask "what is _zendesk_session"'
    result = runner.invoke(app, ["ask", "what is _zendesk_session"])
    assert result.exit_code == 0
    assert output.strip() == result.stdout.strip()


def test_the_tour_shows_every_terminal_command():
    for command in ("policybot chat", "policybot cookie ", "policybot cookies --category", "--longer-than",
                    "--format csv", "policybot sections", "policybot section ", "ask --json -", "NO_COLOR",
                    "benchmarks/startup.py"):
        assert command in README, command


def test_the_tour_commands_run():
    for line in README.splitlines():
        match = re.match(r"^policybot ((?:cookie|cookies|sections|section) [^#]*?)\s*(?:#.*)?$", line)
        if match:
            result = runner.invoke(app, match.group(1).split())
            assert result.exit_code == 0, line
