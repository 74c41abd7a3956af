"""`policybot ask` without typer: shared by the typer command and the console script's fast path.

Exit codes: 0 answered, 1 the policy does not cover it, 2 an empty (or unusable) question,
3 the knowledge base cannot be loaded. Errors are one line on stderr, prefixed "policybot:".
"""
from __future__ import annotations

import os
import sys
from typing import Iterable, TextIO

EXIT_ANSWERED, EXIT_ABSTAINED, EXIT_USAGE, EXIT_KNOWLEDGE = 0, 1, 2, 3
EMPTY_QUESTION = 'the question is empty: ask something, e.g. policybot ask "what is _zendesk_session"'


class Stop(Exception):
    """End the command with this exit code (its message, if any, already printed)."""

    def __init__(self, code: int):
        super().__init__(code)
        self.code = code


def error(message: str, code: int, err: TextIO | None = None) -> Stop:
    """Print `policybot: message` on stderr; return the Stop to raise."""
    print(f"policybot: {message}", file=err or sys.stderr, flush=True)
    return Stop(code)


def load_bot(knowledge: str | os.PathLike | None = None):
    """The engine over the chosen knowledge base, or Stop(3) with a one-line message."""
    from ...engine import load
    from ...errors import KnowledgeError
    try:
        return load(knowledge)
    except KnowledgeError as problem:
        raise error(f"{problem} (run `policybot check` for the full list)", EXIT_KNOWLEDGE) from None


def emit(text: str, out: TextIO | None = None) -> None:
    """Write a line and flush; a closed pipe (`| head`) ends the command quietly."""
    out = out or sys.stdout
    try:
        out.write(text + "\n")
        out.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())
        raise Stop(EXIT_ABSTAINED) from None


def ask_one(bot, question: str, *, as_json: bool, out: TextIO | None = None) -> int:
    """Answer one question on `out`; the exit code."""
    from . import render
    out = out or sys.stdout
    text = question.strip()
    if not text:
        raise error(EMPTY_QUESTION, EXIT_USAGE)
    answer = bot.ask(text)
    style = render.Style.for_stream(out)
    if as_json:
        emit(render.answer_json(answer, indent=2 if style.tty else None), out)
    elif answer.kind != "error":
        emit(render.answer_text(answer, style), out)
    if answer.kind == "error":
        raise error(answer.text, EXIT_USAGE)
    return EXIT_ANSWERED if answer.answered else EXIT_ABSTAINED


def ask_lines(bot, lines: Iterable[str], *, as_json: bool, out: TextIO | None = None) -> int:
    """`ask -`: one answer per input line, in order (a blank line gets an error object, so lines pair up)."""
    from . import render
    out = out or sys.stdout
    style = render.Style.for_stream(out)
    all_answered = True
    for line in lines:
        answer = bot.ask(line.rstrip("\r\n"))
        all_answered &= answer.answered
        if as_json:
            emit(render.answer_json(answer), out)
        else:
            emit(f"{style.bold('» ' + answer.question.strip())}\n{render.answer_text(answer, style)}\n", out)
    return EXIT_ANSWERED if all_answered else EXIT_ABSTAINED
