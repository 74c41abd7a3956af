"""The `policybot` console script: plain `ask` goes straight to the engine, the rest to the typer app.

A one-shot `policybot ask` should start about as fast as `import yaml, rapidfuzz`, and importing
typer alone costs more than that. So the plain forms — `[--knowledge DIR] ask [--json] QUESTION…` and
`ask [--json] -` — are answered here through the same `policybot.asking` functions the typer command
uses; anything else (another option, --help, another command) goes to `policybot.fronts.terminal.cli`.
`--knowledge DIR` may come after the command too (`policybot check --knowledge DIR`): it is moved first.
"""
from __future__ import annotations

import sys

GLOBAL_OPTION = "--knowledge"


def hoist_global_options(args: list[str]) -> list[str]:
    """`--knowledge DIR` (or `--knowledge=DIR`) anywhere before `--` moved to the front, where typer wants it."""
    front: list[str] = []
    rest: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest += args[index:]
            break
        if arg == GLOBAL_OPTION and index + 1 < len(args):
            front += args[index:index + 2]
            index += 2
            continue
        if arg.startswith(GLOBAL_OPTION + "="):
            front.append(arg)
        else:
            rest.append(arg)
        index += 1
    return front + rest


def plain_ask(args: list[str]) -> tuple[str | None, bool, list[str]] | None:
    """(knowledge, as_json, question words) for a plain `ask` invocation; None for anything else."""
    knowledge = None
    if args[:1] == [GLOBAL_OPTION] and len(args) >= 2:
        knowledge, args = args[1], args[2:]
    elif args[:1] and args[0].startswith(GLOBAL_OPTION + "="):
        knowledge, args = args[0].split("=", 1)[1], args[1:]
    if args[:1] != ["ask"]:
        return None
    words = [a for a in args[1:] if a != "--json"]
    if not words or any(w.startswith("-") and w != "-" for w in words):
        return None                     # --help, an unknown option, or nothing to ask: typer explains
    return knowledge, len(words) < len(args) - 1, words


def main(argv: list[str] | None = None) -> None:
    from .asking import EXIT_INTERRUPTED, safe_output
    safe_output()
    args = hoist_global_options(sys.argv[1:] if argv is None else argv)
    parsed = plain_ask(args)
    if parsed is None:
        from .cli import app
        try:
            app(args=args, prog_name="policybot")
        except KeyboardInterrupt:
            sys.exit(EXIT_INTERRUPTED)
        return
    from .asking import Stop, ask_lines, ask_one, load_bot, stdin_lines
    knowledge, as_json, words = parsed
    try:
        bot = load_bot(knowledge)
        if words == ["-"]:
            code = ask_lines(bot, stdin_lines(), as_json=as_json)
        else:
            code = ask_one(bot, " ".join(words), as_json=as_json)
    except Stop as stop:
        code = stop.code
    except KeyboardInterrupt:
        code = EXIT_INTERRUPTED
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
