"""The `policybot` command: thin typer commands over the library.

Exit codes (one table for every command; see asking.py and README.md): 0 answered / found; 1 not
covered, not found, no match; 2 a usage or input error; 3 the knowledge base cannot be used; 4 a
service could not start. Every error a user can cause is one line on stderr.
Imports of the library happen inside the commands, so `--help` and each command start fast.
"""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import List, NoReturn, Optional

import typer

from ... import __version__
from ._fastparams import install as _install_fast_params
from .asking import EXIT_KNOWLEDGE, EXIT_NOT_COVERED, EXIT_SERVICE, EXIT_USAGE, knowledge_failure

_install_fast_params()  # plain parameters without importing pydantic (see _fastparams)

app = typer.Typer(
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Answers questions about a cookie policy, from a knowledge base built from the policy itself.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Help and usage errors drawn with rich on a terminal; plain, stable text when piped.
    rich_markup_mode="rich" if sys.stdout.isatty() else None,
)


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one line on stderr and exit with `code` (see the table in the module's docstring)."""
    typer.echo(f"policybot: {message}", err=True)
    raise typer.Exit(code)


def _knowledge_path(ctx: typer.Context) -> Optional[Path]:
    """The folder given by --knowledge or $POLICYBOT_KNOWLEDGE (None: the default knowledge base)."""
    root = ctx.find_root()
    return (root.obj or {}).get("knowledge")


def _knowledge(ctx: typer.Context):
    """The knowledge base chosen by --knowledge / $POLICYBOT_KNOWLEDGE / the default; exit 3 if it cannot load."""
    from ...errors import KnowledgeError
    from ...knowledge import load_knowledge
    root = ctx.find_root()
    root.obj = root.obj if root.obj is not None else {}
    if root.obj.get("kb") is None:  # loaded once per process, shared by the engine
        try:
            root.obj["kb"] = load_knowledge(_knowledge_path(ctx))
        except KnowledgeError as error:
            fail(knowledge_failure(error, _knowledge_path(ctx)), EXIT_KNOWLEDGE)
    return root.obj["kb"]


def _completion_knowledge(ctx: typer.Context):
    """The knowledge base for shell completion (no error output: completion must stay silent)."""
    from ...engine import load
    try:
        return load(ctx.find_root().params.get("knowledge")).kb
    except Exception:                                   # noqa: BLE001 - a broken base completes nothing
        return None


def complete_cookie_names(ctx: typer.Context, incomplete: str) -> list[str]:
    """Cookie names that start with what was typed (any case), for shell completion."""
    kb = _completion_knowledge(ctx)
    typed = incomplete.casefold()
    names = dict.fromkeys(c.name for c in kb.cookies) if kb else {}
    return [name for name in names if name.casefold().startswith(typed)]


def complete_section_numbers(ctx: typer.Context, incomplete: str) -> list[str]:
    """Section numbers that start with what was typed, for shell completion."""
    kb = _completion_knowledge(ctx)
    return [s.number for s in kb.sections if s.number.startswith(incomplete)] if kb else []


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
    sources: List[Path] = typer.Argument(..., metavar="SOURCE...",
                                         help="Policy files: .txt, .md, .html/.htm, .csv/.tsv (UTF-8)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", metavar="DIR",
                                       help="The knowledge base folder to write (default: --knowledge DIR if given, else ./knowledge if it is one)."),
    fmt: Optional[str] = typer.Option(None, "--format", metavar="FORMAT",
                                      help="Read every source as text, markdown, html or csv, whatever its extension."),
    carry_from: Optional[Path] = typer.Option(None, "--from", metavar="DIR",
                                              help="Carry translations and the overlay over from this knowledge base."),
) -> None:
    """Build a knowledge base from one or more policy documents and print a build report.

    The new files replace the old ones as one unit, only when the result loads; translations whose
    source text is unchanged and overlay entries are carried over (from DIR itself, else --from,
    else the knowledge base in use), and the difference from the replaced edition is printed. Exit status 2 when a
    source cannot be read or parsed or the target is refused, 3 when the result would not load.

    Example: policybot build knowledge/source/zendesk-cookie-policy-2019-01-25.txt --out knowledge

    Example: policybot build site.html app.md declaration.csv --out ./kb
    """
    from ...errors import KnowledgeError, PolicybotError
    from ...ingest.build import BuildRefused, build as build_knowledge
    from ...knowledge import knowledge_dir
    target = out or _knowledge_path(ctx)          # --out, else an explicit --knowledge / POLICYBOT_KNOWLEDGE
    if target is None:
        if not (Path("knowledge") / "policy.yaml").is_file():
            fail("no --out DIR given and ./knowledge is not a knowledge base; say where to build with --out DIR",
                 EXIT_USAGE)
        target = Path("knowledge")
    in_use = knowledge_dir(_knowledge_path(ctx))
    try:
        report = build_knowledge(sources, target, fmt=fmt, carry_from=carry_from, in_use=in_use)
    except BuildRefused as error:
        fail(f"build refused: {error}", EXIT_USAGE)
    except KnowledgeError as error:
        fail(f"build failed, {target} left unchanged: {error}", EXIT_KNOWLEDGE)
    except PolicybotError as error:
        fail(f"build failed, {target} left unchanged: {error}", EXIT_USAGE)
    for line in report.lines():
        typer.echo(line)


@app.command()
def diff(
    old: Path = typer.Argument(..., metavar="OLD", help="A knowledge base folder or a policy file."),
    new: Path = typer.Argument(..., metavar="NEW", help="A knowledge base folder or a policy file."),
    fmt: str = typer.Option("text", "--format", "-f", metavar="FORMAT", help="text or json."),
) -> None:
    """Show what changed from one edition to another: cookie rows added, removed and changed (field,
    old, new) and sections added, removed and changed.

    Example: policybot diff knowledge new-policy.html --format json
    """
    import json
    from ...errors import KnowledgeError, PolicybotError
    from ...ingest.diff import diff_knowledge, diff_text, load_edition
    if fmt not in ("text", "json"):
        fail(f"--format: expected text or json, got {fmt!r}", EXIT_USAGE)
    try:
        changes = diff_knowledge(load_edition(old), load_edition(new))
    except KnowledgeError as error:
        fail(str(error), EXIT_KNOWLEDGE)
    except PolicybotError as error:                     # a source that cannot be read or parsed
        fail(str(error), EXIT_USAGE)
    typer.echo(json.dumps(changes, ensure_ascii=False, indent=2) if fmt == "json" else "\n".join(diff_text(changes)))


@app.command()
def check(
    ctx: typer.Context,
    folder: Optional[Path] = typer.Argument(None, metavar="[DIR]", help="Knowledge base folder (default: the one in use)."),
) -> None:
    """Validate a knowledge base: every problem with its file, entry and field; exit 3 if any.

    Example: policybot check knowledge
    """
    from ...knowledge import check_knowledge, knowledge_dir
    from ...language.vocabulary import check_vocabulary, read_files
    path = knowledge_dir(folder or _knowledge_path(ctx))
    kb, problems, warnings = check_knowledge(path)
    problems = [f"engine vocabulary: {p}" for p in check_vocabulary(read_files())] + problems
    for problem in problems:
        typer.echo(problem, err=True)
    for warning in warnings:
        typer.echo(f"warning: {warning}", err=True)
    if problems or kb is None:
        fail(f"{path}: {len(problems)} problem{'s' if len(problems) != 1 else ''}", EXIT_KNOWLEDGE)
    typer.echo(f"ok: {path}: {kb.metadata.title}: {len(kb.documents)} document{'s' if len(kb.documents) != 1 else ''}, "
               f"{len(kb.sections)} sections, "
               f"{sum(len(s.paragraphs) for s in kb.sections)} paragraphs, {len(kb.cookies)} cookie rows, "
               f"{len(kb.lexicon.aliases)} aliases, "
               f"{len(kb.translations)} translations" + (f", {len(warnings)} warnings" if warnings else ""))


@app.command()
def slack(
    ctx: typer.Context,
    http: bool = typer.Option(False, "--http", help="Serve HTTP on /slack/events instead of Socket Mode."),
    port: int = typer.Option(3000, "--port", help="Port for --http (0 picks a free one)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address for --http; 0.0.0.0 to accept other machines."),
    log_level: str = typer.Option("info", "--log-level", metavar="LEVEL",
                                  help="debug, info, warning or error (message text is never logged at info)."),
) -> None:
    """Run policybot as a Slack app: answers @mentions (in threads), DMs and /policy.

    Socket Mode needs SLACK_BOT_TOKEN and SLACK_APP_TOKEN; --http needs SLACK_BOT_TOKEN and
    SLACK_SIGNING_SECRET. POLICYBOT_DATABASE_URL chooses the store (default SQLite in
    $XDG_STATE_HOME/policybot). Exit 2 for a missing variable, 4 when the service cannot start.
    See the README's Slack section and slack/manifest.yaml.

    Example: policybot slack --http --port 3000
    """
    from ...errors import KnowledgeError, PolicybotError
    from ..slack import MissingEnvError, StartError
    if log_level.lower() not in ("debug", "info", "warning", "error"):
        fail(f"--log-level must be debug, info, warning or error, not {log_level!r}", EXIT_USAGE)
    try:
        from ..slack.serve import main as serve          # slack_bolt is imported only here
        serve(http=http, host=host, port=port, knowledge=_knowledge_path(ctx), log_level=log_level.lower())
    except MissingEnvError as error:
        fail(str(error), EXIT_USAGE)
    except StartError as error:
        fail(str(error), EXIT_SERVICE)
    except KnowledgeError as error:
        fail(str(error), EXIT_KNOWLEDGE)
    except PolicybotError as error:
        fail(str(error))


@app.command()
def report(
    since: str = typer.Option("7d", "--since", metavar="AGE", help="How far back: 30m, 24h, 7d, 2w."),
    format: str = typer.Option("table", "--format", metavar="FORMAT", help="table, json or csv."),
) -> None:
    """What people asked: unanswered questions, answers voted down, volume by day and front end.

    Reads the store named by POLICYBOT_DATABASE_URL (default: the SQLite file in
    $XDG_STATE_HOME/policybot). JSON keys: unanswered, feedback, volume.

    Example: policybot report --since 7d --format json
    """
    from ...store import StoreError, open_backend
    from ...store.report import build_report, parse_since
    from .report import render
    if format not in ("table", "json", "csv"):
        fail(f"--format must be table, json or csv, not {format!r}", EXIT_USAGE)
    try:
        seconds = parse_since(since)
    except ValueError as error:
        fail(str(error), EXIT_USAGE)
    try:
        store = open_backend()
        data = build_report(store, seconds)
    except StoreError as error:
        fail(f"cannot read the store: {error}")
    _emit(render(data, format))


# ---------------------------------------------------------------------------------------------------
# The terminal: ask, chat, cookie, cookies, sections, section. Exit codes: 0 answered / found;
# 1 not covered / not found / no match; 2 usage or input error; 3 the knowledge base cannot be used.


class Category(str, Enum):
    essential = "essential"
    analytics = "analytics"
    functionality = "functionality"
    advertising = "advertising"


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def _bot(ctx: typer.Context):
    """The engine over the knowledge base in use: built once per process, from the per-user cache if it can."""
    root = ctx.find_root()
    root.obj = root.obj if root.obj is not None else {}
    if root.obj.get("bot") is None:
        from ...engine import load
        from ...errors import KnowledgeError
        try:
            root.obj["bot"] = load(root.obj.get("kb") or _knowledge_path(ctx))
        except KnowledgeError as error:
            fail(knowledge_failure(error, _knowledge_path(ctx)), EXIT_KNOWLEDGE)
        root.obj["kb"] = root.obj["bot"].kb
    return root.obj["bot"]


def _style():
    from . import render
    return render.Style.for_stream(sys.stdout)


def _emit(text: str, style=None) -> None:
    """Write to stdout (in its own encoding, which the console script makes lossy rather than fatal) and
    flush; a closed pipe (`| head`) ends the command quietly, with 0. `style` already chose the colours."""
    from .asking import Stop, emit
    try:
        emit(text)
    except Stop as stop:
        raise typer.Exit(stop.code) from None


def _did_you_mean(names: list[str]) -> str:
    return f" Did you mean {', '.join(names[:-1]) + ' or ' if len(names) > 1 else ''}{names[-1]}?" if names else ""


@app.command()
def ask(
    ctx: typer.Context,
    question: Optional[List[str]] = typer.Argument(
        None, metavar="QUESTION", show_default=False,
        help='The question, in English or French; "-" reads one question per line from standard input. '
             'Example: policybot ask "how long does _zendesk_session last?"'),
    as_json: bool = typer.Option(
        False, "--json",
        help="Print the answer as JSON (JSON Lines with -, one object per question, flushed per line). "
             'Example: policybot ask --json "which cookies are essential?"'),
) -> None:
    """Answer one question about the cookie policy, with its source.

    Exit status: 0 answered, 1 the policy does not cover it (suggestions follow),
    2 an empty, too long or non-UTF-8 question (with -: the worst status of all lines),
    3 the knowledge base cannot be loaded.

    Example: policybot ask "what is _zendesk_session"

    Example: policybot ask --json - < questions.txt > answers.jsonl
    """
    from .asking import EMPTY_QUESTION, Stop, ask_lines, ask_one, stdin_lines
    text = " ".join(question or []).strip()
    if not text:
        fail(EMPTY_QUESTION, EXIT_USAGE)
    try:
        if text == "-":
            code = ask_lines(_bot(ctx), stdin_lines(), as_json=as_json)
        else:
            code = ask_one(_bot(ctx), text, as_json=as_json)
    except Stop as stop:
        code = stop.code
    if code:
        raise typer.Exit(code)


@app.command()
def chat(ctx: typer.Context) -> None:
    """Talk with policybot: ask, then follow up ("how long does it last?").

    Arrow keys edit and recall earlier questions (history kept in
    $XDG_STATE_HOME/policybot/history). Type help for examples; quit or Ctrl-D leave;
    Ctrl-C cancels the line being typed, and leaves from an empty line.

    Example: policybot chat
    """
    from . import chat as repl
    raise typer.Exit(repl.run(_bot(ctx).conversation()))


@app.command()
def cookie(
    ctx: typer.Context,
    name_words: List[str] = typer.Argument(
        ..., metavar="NAME", autocompletion=complete_cookie_names,
        help="The cookie's name, any case, quoted or not. Example: _zendesk_session, Google Analytics"),
    as_json: bool = typer.Option(False, "--json", help="Print the rows as a JSON array of cookie sources. "
                                                       "Example: policybot cookie --json Wistia"),
) -> None:
    """Show one cookie with every field (every row, when the policy lists the name more than once).

    Exit status 1 when no cookie has that name (with the closest names).

    Example: policybot cookie _zendesk_remember_me

    Example: policybot cookie Google Analytics
    """
    name = " ".join(name_words).strip()
    from . import render
    from ...knowledge.filters import cookie_source
    kb = _knowledge(ctx)
    rows = kb.cookies_matching(name)     # an instance (_ga_5QXZ1R2K) finds its pattern (_ga_*)
    if not rows:
        fail(f"no cookie named {name!r} in the policy.{_did_you_mean(_near_cookies(ctx, name))}", EXIT_NOT_COVERED)
    style = _style()
    if as_json:
        _emit(render.cookies_json([cookie_source(c) for c in rows]))
    else:
        _emit(render.cookie_detail(rows, style), style)


def _near_cookies(ctx: typer.Context, name: str) -> list[str]:
    """Cookie names the engine finds for a name that is not in the table."""
    kb = _knowledge(ctx)
    answer = _bot(ctx).ask(name)
    names = [s["name"] for s in answer.sources if s.get("type") == "cookie"][:1]
    names += [s for s in answer.suggestions if kb.cookies_named(s)]
    return list(dict.fromkeys(names))[:3]


@app.command()
def cookies(
    ctx: typer.Context,
    category: Optional[Category] = typer.Option(
        None, "--category", "-c", case_sensitive=False,
        help="Only this category. Example: --category analytics"),
    site: Optional[str] = typer.Option(
        None, "--site", "-s", metavar="WEBSITE",
        help="Only cookies set on this website (with or without www.). Example: --site zopim.com"),
    session: Optional[bool] = typer.Option(
        None, "--session/--no-session", show_default=False,
        help="Only session cookies, or only persistent ones. Example: --no-session"),
    longer_than: Optional[str] = typer.Option(
        None, "--longer-than", metavar="DURATION",
        help="Only cookies that last longer than this (y, mo, w, d, h, m). Example: --longer-than 1y"),
    shorter_than: Optional[str] = typer.Option(
        None, "--shorter-than", metavar="DURATION",
        help="Only cookies that last less than this; session cookies count as shortest. Example: --shorter-than 30d"),
    fmt: Format = typer.Option(
        Format.table, "--format", "-f", case_sensitive=False,
        help="table (columns on a terminal, tab-separated when piped), json or csv, with the fields of "
             "a cookie source. Example: --format csv"),
    document: Optional[str] = typer.Option(
        None, "--document", "-d", metavar="ID",
        help="Only the rows of this document (see `policybot check`). Example: --document northwind-app"),
) -> None:
    """List the policy's cookies, the way a cookie declaration shows them, with filters.

    Exit status 1 when no cookie matches the filters.

    Example: policybot cookies --category advertising --site www.zendesk.com

    Example: policybot cookies --longer-than 1y --format csv > long-lived.csv
    """
    from . import render
    from ...language.durations import parse_cli_duration
    from ...knowledge.filters import cookie_source, filter_cookies
    bounds = {}
    for option, value, key in (("--longer-than", longer_than, "min_days"), ("--shorter-than", shorter_than, "max_days")):
        if value is not None:
            try:
                bounds[key] = parse_cli_duration(value)
            except ValueError as error:
                fail(f"{option}: {error}", EXIT_USAGE)
    kb = _knowledge(ctx)
    if document is not None and kb.document(document) is None:
        fail(f"--document: no document {document!r}; the documents are {', '.join(d.id for d in kb.documents)}",
             EXIT_USAGE)
    rows = filter_cookies([c for c in kb.cookies if document is None or c.document == document],
                          category=category.value if category else None, site=site, session=session, **bounds)
    sources = [cookie_source(c) for c in rows]
    style = _style()
    if fmt is Format.json:
        _emit(render.cookies_json(sources))
    elif fmt is Format.csv:
        _emit(render.cookies_csv(sources).rstrip("\n"))
    else:
        _emit(render.cookies_table(sources, style).rstrip("\n"), style)
    if not sources:
        raise typer.Exit(EXIT_NOT_COVERED)


@app.command()
def sections(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print a JSON array of {number, title, parent, language}. Example: policybot sections --json"),
) -> None:
    """List the policy's sections: number and title, as written.

    Example: policybot sections

    Example: policybot sections --json
    """
    from . import render
    if as_json:
        _emit(render.sections_json(_knowledge(ctx).sections))
        return
    style = _style()
    _emit(render.sections_list(_knowledge(ctx).sections, style).rstrip("\n"), style)


@app.command()
def section(
    ctx: typer.Context,
    number: str = typer.Argument(..., metavar="NUMBER", autocompletion=complete_section_numbers,
                                 help="A section number from `policybot sections`. Example: 5.1"),
    as_json: bool = typer.Option(False, "--json", help="Print the section (and its subsections' titles) as JSON. Example: policybot section 5 --json"),
) -> None:
    """Print one section of the policy in full, as written.

    Exit status 1 when there is no such section (with the closest ones).

    Example: policybot section 5
    """
    from . import render
    kb = _knowledge(ctx)
    wanted = number.strip().lstrip("§").strip().rstrip(".")
    found = kb.section(wanted)
    if found is None:
        fail(f"no section {number!r} in the policy.{_did_you_mean(_near_sections(ctx, wanted))}", EXIT_NOT_COVERED)
    children = [s for s in kb.sections if s.parent == found.number]
    if as_json:
        _emit(render.section_json(found, children))
        return
    style = _style()
    _emit(render.section_detail(found, style, children).rstrip("\n"), style)


def _near_sections(ctx: typer.Context, wanted: str) -> list[str]:
    """For a number: its siblings (5.9 -> 5.1 ... 5.4); for words: the sections the engine cites."""
    kb = _knowledge(ctx)
    if wanted.replace(".", "").isdigit():
        parent = wanted.rpartition(".")[0] or None
        near = [s.number for s in kb.sections if s.parent == parent and s.number != wanted]
        return near if parent else near[-3:]
    answer = _bot(ctx).ask(wanted)
    return list(dict.fromkeys(s["number"] for s in answer.sources if s.get("type") == "section"))[:3]


@app.command("eval")
def evaluate(
    ctx: typer.Context,
    questions: Path = typer.Argument(..., metavar="FILE.yaml", help="A question set in the format of dev_questions.yaml."),
    minimum: float = typer.Option(0.95, "--min", min=0.0, max=1.0, help="The accuracy bar; below it the exit status is 1."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only the score lines, not each failure."),
) -> None:
    """Score the engine on a question set: accuracy by kind of question, and every failure.

    Exit status: 0 at or above --min, 1 below it, 2 for an unreadable question set.

    Example: policybot eval ../shared/eval/dev_questions.yaml --min 0.95
    """
    from ...errors import PolicybotError
    from ...evaluate import format_report, load_cases, run
    try:
        cases = load_cases(questions)
    except PolicybotError as error:
        fail(str(error), EXIT_USAGE)
    report = run(_bot(ctx).ask, cases)
    if quiet:
        report.failures = []
    _emit(format_report(report, minimum))
    if report.accuracy < minimum:
        raise typer.Exit(EXIT_NOT_COVERED)
