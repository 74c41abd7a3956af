"""`policybot ask` without typer: shared by the typer command and the console script's fast path.

Exit codes, one table for every command (README.md, "Exit status"):
0 answered / found; 1 not covered, not found, no match; 2 a usage or input error (an empty, too long or
non-UTF-8 question); 3 the knowledge base cannot be used; 4 a service could not start. A closed pipe
(`| head`) ends quietly with 0. `ask -` answers every line and exits with the worst code it saw.
Errors are one line on stderr, prefixed "policybot:", and never echo a long question whole.
"""
from __future__ import annotations

import os
import shlex
import sys
from typing import Iterable, Iterator, TextIO

EXIT_ANSWERED, EXIT_NOT_COVERED, EXIT_USAGE, EXIT_KNOWLEDGE, EXIT_SERVICE = 0, 1, 2, 3, 4
EXIT_ABSTAINED = EXIT_NOT_COVERED        # the older name, kept for callers
EXIT_INTERRUPTED = 130                   # Ctrl-C: the shell's convention (128 + SIGINT)

MAX_QUESTION_CHARS = 2000     # the engine refuses longer questions; refused here before reading them whole
MAX_LINE_BYTES = 4 * MAX_QUESTION_CHARS + 2     # what `ask -` reads of one line (UTF-8: at most 4 bytes a char)
PREVIEW_CHARS = 60            # how much of a refused question an error shows
EMPTY_QUESTION = 'the question is empty: ask something, e.g. policybot ask "what is _zendesk_session"'
NOT_UTF8 = "the question is not UTF-8 text (invalid byte {byte}); check the terminal's or file's encoding"


class Stop(Exception):
    """End the command with this exit code (its message, if any, already printed)."""

    def __init__(self, code: int):
        super().__init__(code)
        self.code = code


def error(message: str, code: int, err: TextIO | None = None) -> Stop:
    """Print `policybot: message` on stderr; return the Stop to raise."""
    stream = err or sys.stderr
    try:
        print(f"policybot: {message}", file=stream, flush=True)
    except (BrokenPipeError, ValueError):
        pass
    return Stop(code)


def check_command(knowledge: str | os.PathLike | None = None) -> str:
    """The exact `policybot check …` that lists every problem of the knowledge base in use."""
    chosen = knowledge or os.environ.get("POLICYBOT_KNOWLEDGE")
    return f"policybot check {shlex.quote(os.fspath(chosen))}" if chosen else "policybot check"


def knowledge_failure(problem: Exception, knowledge: str | os.PathLike | None = None) -> str:
    """The one-line message for a knowledge base that cannot load, naming the command that lists it all."""
    return f"{problem} (run `{check_command(knowledge)}` for the full list)"


def load_bot(knowledge: str | os.PathLike | None = None):
    """The engine over the chosen knowledge base, or Stop(3) with a one-line message."""
    from ...engine import load
    from ...errors import KnowledgeError
    try:
        return load(knowledge)
    except KnowledgeError as problem:
        raise error(knowledge_failure(problem, knowledge), EXIT_KNOWLEDGE) from None


def log_answer(answer) -> None:
    """Record the answer in the shared store when POLICYBOT_DATABASE_URL is set (see policybot.store.recorder)."""
    if os.environ.get("POLICYBOT_DATABASE_URL"):
        from ...store.recorder import record_terminal_answer
        record_terminal_answer(answer)


def emit(text: str, out: TextIO | None = None) -> None:
    """Write a line and flush; a closed pipe (`| head`) ends the command quietly, with 0."""
    out = out or sys.stdout
    try:
        out.write(text + "\n")
        out.flush()
    except BrokenPipeError:
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())
        except (OSError, ValueError):
            pass
        raise Stop(EXIT_ANSWERED) from None


def preview(text: str) -> str:
    """A question as an error may show it: whole when short, its beginning and length when long."""
    if len(text) <= PREVIEW_CHARS:
        return text
    return f"{text[:PREVIEW_CHARS]}… ({len(text):,} characters)"


def input_problem(text: str) -> str | None:
    """Why a question cannot be asked (empty, too long, not UTF-8), or None."""
    bad = next((ch for ch in text if "\udc80" <= ch <= "\udcff"), None)   # undecodable bytes (surrogateescape)
    if bad is not None:
        return NOT_UTF8.format(byte=f"0x{ord(bad) - 0xDC00:02x}")
    if not text.strip():
        return EMPTY_QUESTION
    if len(text) > MAX_QUESTION_CHARS:
        return f"the question is too long ({len(text):,} characters); ask in under {MAX_QUESTION_CHARS:,}"
    return None


def _json_safe(out: TextIO) -> bool:
    """Whether `out` can carry any character (else JSON escapes non-ASCII, so nothing is lost)."""
    encoding = (getattr(out, "encoding", None) or "utf-8").lower().replace("-", "").replace("_", "")
    return encoding.startswith("utf")


def _error_json(question: str, message: str, line: int | None = None) -> str:
    import json
    from ...answer import Answer
    data = Answer(preview(question), False, message, kind="error", lead=message).to_dict()
    data["error"] = message
    if line is not None:
        data["line"] = line
    return json.dumps(data, ensure_ascii=False)


def _answer_json(answer, out: TextIO, indent: int | None = None) -> str:
    import json
    data = answer.to_dict()
    if answer.kind == "error":
        data["question"] = preview(answer.question)
        data["error"] = answer.text
    return json.dumps(data, ensure_ascii=not _json_safe(out), indent=indent)


def ask_one(bot, question: str, *, as_json: bool, out: TextIO | None = None) -> int:
    """Answer one question on `out`; the exit code (Stop for an input error)."""
    from . import render
    out = out or sys.stdout
    problem = input_problem(question)
    if problem:
        if as_json:
            emit(_error_json(question, problem), out)
        raise error(problem, EXIT_USAGE)
    answer = bot.ask(question.strip())
    log_answer(answer)
    style = render.Style.for_stream(out)
    if as_json:
        emit(_answer_json(answer, out, indent=2 if style.tty else None), out)
    elif answer.kind != "error":
        emit(render.answer_text(answer, style), out)
    if answer.kind == "error":
        raise error(answer.text, EXIT_USAGE)
    return EXIT_ANSWERED if answer.answered else EXIT_NOT_COVERED


class BadLine(str):
    """A line of `ask -` that cannot be asked: its printable beginning, with `problem` saying why."""
    problem: str = ""


def _bad_line(text: str, problem: str) -> BadLine:
    line = BadLine(text)
    line.problem = problem
    return line


def read_lines(binary) -> Iterator[str]:
    """Lines of a binary stream, decoded as UTF-8; an undecodable or oversized line comes back as a
    BadLine (at most MAX_LINE_BYTES of a line are read at once: a huge line is skipped, never held whole)."""
    while True:
        chunk = binary.readline(MAX_LINE_BYTES)
        if not chunk:
            return
        if len(chunk) == MAX_LINE_BYTES and not chunk.endswith(b"\n"):
            size = len(chunk)
            while True:                                  # skip to the end of this line
                rest = binary.readline(MAX_LINE_BYTES)
                size += len(rest)
                if not rest or rest.endswith(b"\n"):
                    break
            yield _bad_line(chunk[:PREVIEW_CHARS].decode("utf-8", "replace"),
                            f"the question is too long ({size:,} bytes); ask in under {MAX_QUESTION_CHARS:,} characters")
            continue
        try:
            yield chunk.decode("utf-8")
        except UnicodeDecodeError as bad:
            yield _bad_line(chunk.decode("utf-8", "replace").rstrip("\r\n"),
                            NOT_UTF8.format(byte=f"0x{chunk[bad.start]:02x}"))


def _line_problem(line: str) -> tuple[str, str | None]:
    """(the question, why it cannot be asked or None) for one line of `ask -`."""
    text = line.rstrip("\r\n")
    return text, getattr(line, "problem", None) or input_problem(text)


def ask_lines(bot, lines: Iterable[str], *, as_json: bool, out: TextIO | None = None) -> int:
    """`ask -`: one answer per input line, in order; a bad line gets an error (an object with "error" in
    JSON, so lines pair up) and the rest go on. Returns the worst exit code seen."""
    from . import render
    out = out or sys.stdout
    style = render.Style.for_stream(out)
    worst = EXIT_ANSWERED
    for number, line in enumerate(lines, start=1):
        text, problem = _line_problem(line)
        answer = None if problem else bot.ask(text)
        if answer is not None:
            log_answer(answer)
        if answer is not None and answer.kind == "error":
            problem = answer.text
        if problem:
            worst = max(worst, EXIT_USAGE)
            if as_json:
                emit(_error_json(text, problem, number) if answer is None else _answer_json(answer, out), out)
            else:
                error(f"line {number}: {problem}", EXIT_USAGE)
            continue
        worst = max(worst, EXIT_ANSWERED if answer.answered else EXIT_NOT_COVERED)
        if as_json:
            emit(_answer_json(answer, out), out)
        else:
            emit(f"{style.bold('» ' + text.strip())}\n{render.answer_text(answer, style)}\n", out)
    return worst


def stdin_lines() -> Iterable[str]:
    """Standard input, line by line, as `ask -` reads it (read as bytes, so a bad line is that line's error)."""
    binary = getattr(sys.stdin, "buffer", None)
    return read_lines(binary) if binary is not None else iter(sys.stdin.readline, "")


def safe_output() -> None:
    """Make stdout and stderr encodable on any terminal: a character the encoding lacks becomes '?'."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError):
            pass
