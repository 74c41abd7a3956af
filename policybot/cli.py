"""The `policybot` command: thin typer commands over the library.

Exit codes: 0 ok; 1 the command failed (bad input, invalid knowledge base); 2 usage error;
3 the knowledge base cannot be loaded. Every error a user can cause is one line on stderr.
Imports of the library happen inside the commands, so `--help` and each command start fast.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn, Optional

import typer

from . import __version__

EXIT_FAILED, EXIT_KNOWLEDGE = 1, 3

app = typer.Typer(
    help="Answers questions about a cookie policy, from a knowledge base built from the policy itself.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def fail(message: str, code: int = EXIT_FAILED) -> NoReturn:
    """Print one line on stderr and exit."""
    typer.echo(f"policybot: {message}", err=True)
    raise typer.Exit(code)


def _knowledge_path(ctx: typer.Context) -> Optional[Path]:
    """The folder given by --knowledge or $POLICYBOT_KNOWLEDGE (None: the default knowledge base)."""
    root = ctx.find_root()
    return (root.obj or {}).get("knowledge")


def _knowledge(ctx: typer.Context):
    """The knowledge base chosen by --knowledge / $POLICYBOT_KNOWLEDGE / the default; exit 3 if it cannot load."""
    from .errors import KnowledgeError
    from .knowledge import load_knowledge
    try:
        return load_knowledge(_knowledge_path(ctx))
    except KnowledgeError as error:
        fail(f"{error} (run `policybot check` for the full list)", EXIT_KNOWLEDGE)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"policybot {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    knowledge: Optional[Path] = typer.Option(
        None, "--knowledge", envvar="POLICYBOT_KNOWLEDGE", metavar="DIR",
        help="Knowledge base folder (default: the one shipped with policybot).",
    ),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """Answers questions about a cookie policy, from a knowledge base built from the policy itself.

    Example: policybot --knowledge ./my-kb check
    """
    ctx.obj = {"knowledge": knowledge}


@app.command()
def build(
    ctx: typer.Context,
    source: Path = typer.Argument(..., metavar="SOURCE", help="The policy text file (UTF-8)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", metavar="DIR",
                                       help="Where to write policy.yaml and cookies.yaml (default: the knowledge base in use)."),
) -> None:
    """Parse a policy text into knowledge files (policy.yaml, cookies.yaml) and print a build report.

    The files are replaced only when the whole build succeeds; lexicon.yaml and
    translations.yaml beside them are never touched.

    Example: policybot build knowledge/source/zendesk-cookie-policy-2019-01-25.txt --out knowledge
    """
    from .errors import PolicybotError
    from .ingest import build as build_knowledge
    from .knowledge import knowledge_dir
    target = out or knowledge_dir(_knowledge_path(ctx))
    try:
        report = build_knowledge(source, target)
    except PolicybotError as error:
        fail(f"build failed, {target} left unchanged: {error}")
    for line in report.lines():
        typer.echo(line)


@app.command()
def check(
    ctx: typer.Context,
    folder: Optional[Path] = typer.Argument(None, metavar="[DIR]", help="Knowledge base folder (default: the one in use)."),
) -> None:
    """Validate a knowledge base: every problem with its file, entry and field; exit 1 if any.

    Example: policybot check knowledge
    """
    from .knowledge import knowledge_dir, load_knowledge, validate_knowledge
    path = knowledge_dir(folder or _knowledge_path(ctx))
    problems = validate_knowledge(path)
    if problems:
        for problem in problems:
            typer.echo(problem, err=True)
        fail(f"{path}: {len(problems)} problem{'s' if len(problems) != 1 else ''}")
    kb = load_knowledge(path)
    typer.echo(f"ok: {path}: {kb.metadata.title}: {len(kb.sections)} sections, "
               f"{sum(len(s.paragraphs) for s in kb.sections)} paragraphs, {len(kb.cookies)} cookie rows, "
               f"{len(kb.lexicon.synonyms)} synonym groups, {len(kb.lexicon.aliases)} aliases, "
               f"{len(kb.translations)} translations")


@app.command()
def slack(
    ctx: typer.Context,
    http: bool = typer.Option(False, "--http", help="Serve HTTP on /slack/events instead of Socket Mode."),
    port: int = typer.Option(3000, "--port", help="Port for --http."),
    host: str = typer.Option("0.0.0.0", "--host", help="Address for --http."),
) -> None:
    """Run policybot as a Slack app: answers @mentions (in threads), DMs and /policy.

    Socket Mode needs SLACK_BOT_TOKEN and SLACK_APP_TOKEN; --http needs SLACK_BOT_TOKEN and
    SLACK_SIGNING_SECRET. See the README's Slack section and slack/manifest.yaml.

    Example: policybot slack --http --port 3000
    """
    from .errors import KnowledgeError, PolicybotError
    from .slack import MissingEnvError
    try:
        from .slack.serve import main as serve          # slack_bolt is imported only here
        serve(http=http, host=host, port=port, knowledge=_knowledge_path(ctx))
    except MissingEnvError as error:
        fail(str(error), 2)
    except KnowledgeError as error:
        fail(str(error), EXIT_KNOWLEDGE)
    except PolicybotError as error:
        fail(str(error))

def run() -> None:  # pragma: no cover - `python -m policybot`
    app(prog_name="policybot")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run())
