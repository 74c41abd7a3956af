"""The interactive session behind `policybot chat`.

Line editing and history come from the standard library's readline (when standard input is a
terminal); the history is kept between sessions in the user's state folder:
$XDG_STATE_HOME/policybot/history, or ~/.local/state/policybot/history. `help` shows examples,
`quit` (or Ctrl-D, or Ctrl-C) leaves cleanly. Questions go to a `Conversation`, so follow-ups
("how long does it last?") refer back to the cookie asked about before.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, TextIO

from . import render

HISTORY_LENGTH = 1000
QUIT_WORDS = {"quit", "exit", "q", "bye"}
HELP_WORDS = {"help", "?", "h"}

HELP = """\
Ask anything about the cookie policy, in English or French. For example:
  what is _zendesk_session
  how long does it last?            (a follow-up: about the cookie you just asked about)
  which cookies are essential?
  cookies on zopim.com
  how do I disable cookies in Safari?
  comment désactiver les cookies dans Chrome ?
  when was the policy last updated?

Commands: help, quit (or Ctrl-D / Ctrl-C).
Arrow keys edit the line and walk back through earlier questions (kept in {history})."""

BANNER = "policybot: ask about the cookie policy. Type help for examples, quit to leave."


def history_path() -> Path:
    """Where the question history lives: $XDG_STATE_HOME/policybot/history, else ~/.local/state/..."""
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "policybot" / "history"


class _History:
    """readline history bound to a file; does nothing without readline or a terminal."""

    def __init__(self, path: Path | None):
        self.path = path
        self.readline: Any = None
        if path is None:
            return
        try:
            import readline
        except ImportError:  # pragma: no cover - Windows without pyreadline
            return
        self.readline = readline
        readline.set_history_length(HISTORY_LENGTH)
        try:
            readline.read_history_file(path)
        except (FileNotFoundError, OSError):
            pass

    def save(self) -> None:
        if self.readline is None or self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.readline.write_history_file(self.path)
        except OSError:
            pass  # a read-only home must not break the session


def _command(line: str) -> str | None:
    word = line.strip().lower().lstrip("/:").rstrip("!.")
    if word in QUIT_WORDS:
        return "quit"
    if word in HELP_WORDS:
        return "help"
    return None


def run(conversation: Any, *, stdin: TextIO | None = None, stdout: TextIO | None = None,
        history: Path | None | bool = True) -> int:
    """Read questions until quit / end of input; print each answer. Returns the exit status (0).

    On a terminal: a prompt, readline editing and a history file (`history=True` for the
    default path, a Path, or None for none). Piped: one question per line, answers only.
    """
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    interactive = render.is_tty(stdin) and render.is_tty(stdout)
    style = render.Style.for_stream(stdout)
    path = history_path() if history is True else (history or None)
    hist = _History(path if interactive else None)
    prompt = "› " if not style.color else "\001\x1b[1;36m\002›\001\x1b[0m\002 "

    def say(text: str = "") -> None:
        stdout.write(text + "\n")
        stdout.flush()

    if interactive:
        say(style.dim(BANNER))
    try:
        while True:
            if interactive:
                line = input(prompt)
            else:
                line = stdin.readline()
                if not line:
                    break
            question = line.strip()
            if not question:
                continue
            command = _command(question)
            if command == "quit":
                break
            if command == "help":
                say(HELP.format(history=path or "memory only"))
                say()
                continue
            answer = conversation.ask(question)
            say(render.answer_text(answer, style))
            say()
            hist.save()
    except EOFError:  # Ctrl-D
        if interactive:
            say()
    except KeyboardInterrupt:  # Ctrl-C
        say()
    finally:
        hist.save()
    return 0
