"""chat: the REPL loop, fed from a pipe (the real terminal is driven in test_chat_pty.py)."""
import io

from policybot.fronts.terminal import chat
from policybot.answer import Answer


class Echo:
    """A stand-in Conversation that remembers what it was asked."""

    def __init__(self):
        self.asked = []

    def ask(self, question):
        self.asked.append(question)
        return Answer(question=question, answered=True, kind="prose", text=f"answer to {question}")


def run(text):
    conv, out = Echo(), io.StringIO()
    status = chat.run(conv, stdin=io.StringIO(text), stdout=out, history=None)
    return status, conv.asked, out.getvalue()


def test_piped_questions_are_answered_in_order_without_prompts():
    status, asked, out = run("first question\n\n   \nsecond question\n")
    assert status == 0
    assert asked == ["first question", "second question"]
    assert out == "answer to first question\n\nanswer to second question\n\n"


def test_quit_stops_and_help_explains():
    status, asked, out = run("help\nwhat is a cookie\nquit\nnever asked\n")
    assert status == 0 and asked == ["what is a cookie"]
    assert "how long does it last?" in out and "Ctrl-D" in out


def test_command_words():
    for word in ("quit", "exit", "/quit", "Bye!", "q", ":q"):
        assert chat._command(word) == "quit"
    for word in ("help", "?", "/help"):
        assert chat._command(word) == "help"
    assert chat._command("help me disable cookies") is None


def test_history_path_follows_xdg_state_home(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    assert chat.history_path() == tmp_path / "policybot" / "history"
    monkeypatch.delenv("XDG_STATE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert chat.history_path() == tmp_path / ".local" / "state" / "policybot" / "history"
