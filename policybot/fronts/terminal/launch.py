"""The `policybot` console script: plain `ask` goes straight to the engine, the rest to the typer app.

A one-shot `policybot ask` should start about as fast as `import yaml, rapidfuzz`, and importing
typer alone costs more than that. So the plain forms — `[--knowledge DIR] ask [--json] QUESTION…` and
`ask [--json] -` — are answered here through the same `policybot.asking` functions the typer command
uses; anything else (another option, --help, another command) goes to `policybot.fronts.terminal.cli` unchanged.
"""
from __future__ import annotations

import sys


def plain_ask(args: list[str]) -> tuple[str | None, bool, list[str]] | None:
    """(knowledge, as_json, question words) for a plain `ask` invocation; None for anything else."""
    knowledge = None
    if args[:1] == ["--knowledge"] and len(args) >= 2:
        knowledge, args = args[1], args[2:]
    elif args[:1] and args[0].startswith("--knowledge="):
        knowledge, args = args[0].split("=", 1)[1], args[1:]
    if args[:1] != ["ask"]:
        return None
    words = [a for a in args[1:] if a != "--json"]
    if not words or any(w.startswith("-") and w != "-" for w in words):
        return None                     # --help, an unknown option, or nothing to ask: typer explains
    return knowledge, len(words) < len(args) - 1, words


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    parsed = plain_ask(args)
    if parsed is None:
        from .cli import app
        app(args=args, prog_name="policybot")
        return
    from .asking import Stop, ask_lines, ask_one, load_bot
    knowledge, as_json, words = parsed
    try:
        bot = load_bot(knowledge)
        if words == ["-"]:
            code = ask_lines(bot, iter(sys.stdin.readline, ""), as_json=as_json)
        else:
            code = ask_one(bot, " ".join(words), as_json=as_json)
    except Stop as stop:
        code = stop.code
    except KeyboardInterrupt:
        code = 130
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
