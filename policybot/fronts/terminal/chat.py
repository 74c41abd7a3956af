"""The interactive session behind `policybot chat`.

Line editing and history come from the standard library's readline (when standard input and output
are a terminal); the history is kept between sessions in $XDG_STATE_HOME/policybot/history, or
~/.local/state/policybot/history. `help` shows examples; `quit` or Ctrl-D leaves; Ctrl-C cancels the
line being typed, and leaves from an empty line (so a second press always leaves). Questions go to a
`Conversation`, so follow-ups ("how long does it last?") refer back to the cookie asked about before.

Why keys are data for the whole session: with the terminal's own handling, Ctrl-C is a signal, and a
signal that lands just before readline starts waiting for a key is noticed only at the next key (the
session hangs until a second Ctrl-C); and a Ctrl-D typed while an answer prints is swallowed by the
terminal's line mode before readline sees it. So while the session runs, the terminal delivers every
key as a byte (no line mode, no interrupt character), readline reads them in order, and
Ctrl-C is a readline binding that ends the line with a marker. The settings are restored on the way out.
"""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, TextIO

from . import render
from .asking import log_answer

HISTORY_LENGTH = 1000
QUIT_WORDS = {"quit", "exit", "q", "bye"}
HELP_WORDS = {"help", "?", "h"}
CANCEL = "\x03"                          # what Ctrl-C leaves at the end of the line (readline shows ^C)
CANCEL_BINDING = r'"\C-c": "\C-e\C-v\C-c\C-m"'   # Ctrl-C: to the end of the line, insert ^C, accept it

HELP = """\
Ask anything about the cookie policy, in English or French. For example:
  what is _zendesk_session
  how long does it last?            (a follow-up: about the cookie you just asked about)
  which cookies are essential?
  cookies on zopim.com
  how do I disable cookies in Safari?
  comment désactiver les cookies dans Chrome ?
  when was the policy last updated?

Commands: help, quit (or Ctrl-D). Ctrl-C cancels the line you are typing; on an empty line it leaves.
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

    def forget_last(self) -> None:
        """Drop the line just read (a cancelled one) from the history."""
        if self.readline is not None:
            length = self.readline.get_current_history_length()
            if length:
                self.readline.remove_history_item(length - 1)

    def save(self) -> None:
        if self.readline is None or self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.readline.write_history_file(self.path)
        except OSError:
            pass  # a read-only home must not break the session


def _gnu_readline() -> Any:
    """The readline module when it is GNU readline (libedit has no keyboard macros); else None."""
    try:
        import readline
    except ImportError:  # pragma: no cover
        return None
    return None if "libedit" in (readline.__doc__ or "") else readline


@contextmanager
def _keys_as_data(stream: TextIO) -> Iterator[bool]:
    """While inside: the terminal passes every key on as a byte (no line mode, Ctrl-C no signal),
    so keys typed while an answer prints wait, in order, for the next prompt. Yields False (and changes
    nothing) when that cannot be done: then Ctrl-C stays a signal."""
    readline = _gnu_readline()
    try:
        import termios
        fd = stream.fileno()
        saved = termios.tcgetattr(fd)
    except (ImportError, AttributeError, ValueError, OSError):
        yield False
        return
    if readline is None:
        yield False
        return
    settings = termios.tcgetattr(fd)
    settings[3] &= ~termios.ICANON           # echo stays on: readline echoes only when the terminal does
    settings[6][termios.VINTR] = os.fpathconf(fd, "PC_VDISABLE") if hasattr(os, "fpathconf") else 0
    settings[6][termios.VMIN], settings[6][termios.VTIME] = 1, 0
    readline.parse_and_bind(CANCEL_BINDING)
    try:
        termios.tcsetattr(fd, termios.TCSANOW, settings)
        yield True
    finally:
        try:
            termios.tcsetattr(fd, termios.TCSANOW, saved)
        except (OSError, termios.error):
            pass


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
    default path, a Path, or None for none). Typed on a terminal but written to a pipe
    (`policybot chat | tee log`): the banner and prompt go to stderr, so the user still sees them.
    Piped in: one question per line, answers only.
    """
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    typed = render.is_tty(stdin)
    interactive = typed and render.is_tty(stdout)
    style = render.Style.for_stream(stdout)
    path = history_path() if history is True else (history or None)
    hist = _History(path if interactive else None)
    prompt = "› " if not style.color else "\001\x1b[1;36m\002›\001\x1b[0m\002 "

    def say(text: str = "", stream: TextIO = stdout) -> None:
        stream.write(text + "\n")
        stream.flush()

    def read() -> str | None:
        """The next line without its end (CANCEL at the end when Ctrl-C cut it short); None at the end."""
        if interactive:
            return input(prompt)
        if typed:
            sys.stderr.write(prompt)
            sys.stderr.flush()
        line = stdin.readline()
        return line.rstrip("\r\n") if line else None

    if typed:
        say(style.dim(BANNER) if interactive else BANNER, stdout if interactive else sys.stderr)
    with _keys_as_data(stdin) if interactive else _nothing():
        try:
            while True:
                line = read()
                if line is None:
                    break
                if line.endswith(CANCEL):                     # Ctrl-C: cancel the line, or leave from an empty one
                    hist.forget_last()
                    if not line[:-1].strip():
                        break
                    continue
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
                log_answer(answer)
                say(render.answer_text(answer, style))
                say()
                hist.save()
        except EOFError:  # Ctrl-D
            if interactive:
                say()
        except KeyboardInterrupt:  # Ctrl-C where it is still a signal (no GNU readline), or `kill -INT`
            say()
        finally:
            hist.save()
    return 0


@contextmanager
def _nothing() -> Iterator[bool]:
    """The terminal left as it is (input not typed on a screen)."""
    yield False
