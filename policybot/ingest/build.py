"""`policybot build`: sources -> one knowledge base, written into a staging folder, checked by loading it,
and swapped in as one unit; hand-kept files carried over; the difference from the replaced edition reported.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import IngestError, KnowledgeError, PolicybotError
from ..knowledge.cache import enabled as cache_enabled, fingerprint, remember
from ..knowledge.files import COOKIES_FILE, POLICY_FILE, check_knowledge, dump_cookies, dump_policy
from ..knowledge.model import Cookie, Document, Section
from .carry import Carried, carry_overlay, carry_translations
from .contract import ParsedPolicy
from .readers import parse_source
from .swap import folder_lock, new_staging, swap_in, sweep_stale_staging

GENERATED_FILES = (POLICY_FILE, COOKIES_FILE)
HOLD_ENV = "POLICYBOT_BUILD_HOLD"      # tests: a path; the build waits before its swap until it exists
_HOLD_POLL_SECONDS = 0.01
_MISSING_RENDERING = re.compile(r"^translations\.yaml: (no translations:|paragraph .*: no \w+ rendering$)")
_APP_TITLE = re.compile(r"\b(app|apps|application|in-product|product|mobile|desktop)\b", re.IGNORECASE)


class BuildRefused(IngestError):
    """The build was not started because of where it would write (a usage error: exit 2)."""


@dataclass
class BuildReport:
    """What `build` wrote, with the counts, warnings, carry-over and difference to show the user."""
    sources: list[Path]
    out_dir: Path
    documents: list[Document]
    sections: int
    paragraphs: int
    cookies: int
    warnings: list[str]
    carried: Carried = field(default_factory=Carried)
    diff_lines: list[str] = field(default_factory=list)

    @property
    def source(self) -> Path:
        return self.sources[0]

    def lines(self) -> list[str]:
        names = ", ".join(p.name for p in self.sources)
        lines = [f"built {self.out_dir} from {names}: {len(self.documents)} document"
                 f"{'s' if len(self.documents) != 1 else ''}, {self.sections} sections, "
                 f"{self.paragraphs} paragraphs, {self.cookies} cookie rows"]
        if len(self.documents) > 1:
            lines += [f"  document {d.id} ({d.kind}): {d.title}" for d in self.documents]
        c = self.carried
        if c.origin is not None:
            lines.append(f"carried from {c.origin}: {c.translations} translations, {c.overlay_entries} overlay entries"
                         + (f" ({c.dropped_translations} translations of text not in this edition "
                            + ("kept as stale, see `policybot check`)" if c.origin == self.out_dir else "left behind)")
                            if c.dropped_translations else ""))
            if c.dropped_aliases:
                lines.append(f"  {len(c.dropped_aliases)} aliases point to cookies no longer listed: "
                             + ", ".join(c.dropped_aliases[:5]) + (" …" if len(c.dropped_aliases) > 5 else ""))
        lines.append(f"{c.untranslated} paragraphs left untranslated")
        lines += self.diff_lines
        if not self.warnings:
            return lines + ["no warnings"]
        return lines + [f"{len(self.warnings)} warnings:"] + [f"  - {w}" for w in self.warnings]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "document"


def _kind(parsed: ParsedPolicy) -> str:
    if parsed.kind == "declaration":
        return "declaration"
    return "app" if _APP_TITLE.search(parsed.metadata.title) else "website"


def compose(parsed: list[tuple[Path, ParsedPolicy, bytes]]) -> tuple[list[Document], list[Section], list[Cookie], dict]:
    """Several parsed documents -> one knowledge base's records: document ids from file names, paragraph
    ids unique (the first document's as "5.p2", the others' as "ID:5.p2"), rows numbered across all."""
    documents: list[Document] = []
    sections: list[Section] = []
    cookies: list[Cookie] = []
    digests = []
    for index, (path, policy, data) in enumerate(parsed):
        digest = hashlib.sha256(data).hexdigest()
        digests.append(digest)
        document_id = _slug(path.stem)
        while any(d.id == document_id for d in documents):
            document_id += "-2"
        documents.append(Document(id=document_id, title=policy.metadata.title, kind=_kind(policy),
                                  metadata=policy.metadata,
                                  source={"file": path.name, "sha256": digest, "format": policy.reader}))
        prefix = f"{document_id}:" if index else ""
        for section in policy.sections:
            paragraphs = tuple(replace(p, id=prefix + p.id) for p in section.paragraphs)
            sections.append(replace(section, paragraphs=paragraphs, document=document_id))
        for cookie in policy.cookies:
            cookies.append(replace(cookie, row=len(cookies) + 1, document=document_id))
    if len(parsed) == 1:
        source = {"file": parsed[0][0].name, "sha256": digests[0]}
    else:
        combined = hashlib.sha256("".join(digests).encode()).hexdigest()
        source = {"file": " + ".join(p.name for p, _, _ in parsed), "sha256": combined}
    return documents, sections, cookies, source


def _refuse_package(out: Path) -> None:
    """`build` never writes into the installed package (its shipped knowledge base or its code)."""
    package = Path(__file__).resolve().parent.parent
    target = out.resolve()
    if target == package or package in target.parents:
        raise BuildRefused(f"{out}: is inside the installed policybot package; build into a folder of your own "
                         "(--out DIR) and choose it with --knowledge DIR or POLICYBOT_KNOWLEDGE")


def _is_knowledge_folder(path: Path | None) -> bool:
    return path is not None and (path / POLICY_FILE).is_file()


def _hold_for_tests() -> None:
    """When HOLD_ENV names a path, say `<path>.ready` and wait until `<path>` exists (tests kill us here)."""
    hold = os.environ.get(HOLD_ENV)
    if not hold:
        return
    Path(hold + ".ready").touch()
    while not Path(hold).exists():
        time.sleep(_HOLD_POLL_SECONDS)


class _Terminated(Exception):
    pass


def _raise_terminated(signum, _frame):
    raise _Terminated(f"stopped by signal {signum}")


def build(sources, out_dir, *, fmt: str | None = None, carry_from: str | os.PathLike | None = None,
          in_use: str | os.PathLike | None = None) -> BuildReport:
    """Parse `sources` (one path or several) and make `out_dir` a knowledge base of them, as one unit.

    Hand-kept files are carried from `carry_from` if given, else from `out_dir` when it is a knowledge
    base, else from `in_use` (the knowledge base in use). The result is loaded before it is swapped in;
    on any error `out_dir` is left as it was and no staging folder remains. Raises IngestError,
    KnowledgeError or BuildRefused.
    """
    paths = [Path(s) for s in (sources if isinstance(sources, (list, tuple)) else [sources])]
    if not paths:
        raise BuildRefused("no source given")
    out = Path(out_dir)
    if out.is_symlink():            # swap the folder it points to, not the link
        out = out.resolve()
    _refuse_package(out)
    parsed = []
    for path in paths:
        policy, data = parse_source(path, fmt)
        parsed.append((path, policy, data))
    documents, sections, cookies, source = compose(parsed)
    warnings = [w for _, policy, _ in parsed for w in policy.warnings]
    if not cookies and not any(s.paragraphs for s in sections):
        raise IngestError(f"{', '.join(map(str, paths))}: nothing usable: no cookie rows and no prose")
    contents = {POLICY_FILE: dump_policy(None, sections, source, documents), COOKIES_FILE: dump_cookies(cookies, source)}
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise IngestError(f"{out}: cannot write the knowledge base there: {error.strerror or error}") from None
    previous = signal.getsignal(signal.SIGTERM)
    try:
        signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:                  # not the main thread: a kill leaves the staging folder to the next build
        previous = None
    try:
        with folder_lock(out):
            sweep_stale_staging(out)
            staging = new_staging(out)
            try:
                return _build_in(staging, out, paths, contents, documents, sections, cookies, warnings,
                                 carry_from, in_use)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except OSError as error:
        raise IngestError(f"{out}: cannot write the knowledge base there: {error.strerror or error}") from None
    except _Terminated as stop:
        raise IngestError(f"build {stop}; {out} left unchanged") from None
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _same_files(out: Path, contents: dict[str, str]) -> bool:
    """Whether `out` already holds exactly these generated files (then there is nothing to diff)."""
    try:
        return all((out / name).read_text(encoding="utf-8") == text for name, text in contents.items())
    except (OSError, UnicodeDecodeError):
        return False


def _check_engine_loads(kb):
    """Build the engine over the new knowledge base, as every question will: a result it cannot take is never
    swapped in. Returns the engine (kept in the cache for the first answer)."""
    from ..engine import Bot
    try:
        return Bot(kb)
    except PolicybotError:
        raise
    except Exception as error:        # noqa: BLE001 - whatever the engine trips on, the old edition stays
        raise KnowledgeError(f"the built knowledge base would not load in the engine: "
                             f"{type(error).__name__}: {error}") from None


def _build_in(staging: Path, out: Path, paths, contents, documents, sections, cookies, warnings,
              carry_from, in_use) -> BuildReport:
    replacing = _is_knowledge_folder(out)
    if out.is_dir():
        for entry in out.iterdir():
            if entry.name in contents:
                continue
            if entry.is_dir():
                shutil.copytree(entry, staging / entry.name, symlinks=True)
            else:
                shutil.copy2(entry, staging / entry.name)
    elif out.exists():
        raise IngestError(f"{out}: cannot write the knowledge base there: it is a file, expected a folder")
    for name, content in contents.items():
        (staging / name).write_text(content, encoding="utf-8")
    origin = Path(carry_from) if carry_from else out if replacing else Path(in_use) if in_use else None
    carried = Carried(origin=origin if _is_knowledge_folder(origin) else None)
    if carry_from and carried.origin is None:
        raise BuildRefused(f"--from {carry_from}: not a knowledge base folder (no {POLICY_FILE})")
    if carried.origin is not None:
        carry_translations(carried.origin, staging, sections, carried, same_folder=carried.origin == out)
        carry_overlay(carried.origin, staging, cookies, carried, same_folder=carried.origin == out)
    else:
        carried.untranslated = sum(len(s.paragraphs) for s in sections)
    new_kb, problems, load_warnings = check_knowledge(staging)
    if problems or new_kb is None:
        raise KnowledgeError(f"the built knowledge base would not load: {problems[0] if problems else 'unreadable'}",
                             problems)
    engine = _check_engine_loads(new_kb)
    warnings = warnings + [f"{w} (after this build)" for w in load_warnings if not _MISSING_RENDERING.search(w)]
    diff_lines: list[str] = []
    if replacing and _same_files(out, contents):
        diff_lines = ["no difference from the edition it replaces"]       # rebuilt from the same sources
    elif replacing:
        from .diff import diff_folders, diff_text
        try:
            diff_lines = diff_text(diff_folders(out, new_kb))
        except KnowledgeError:
            diff_lines = [f"(no difference shown: the knowledge base in {out} did not load)"]
    key = fingerprint(staging, as_folder=out) if cache_enabled() else None   # the files as they will be in `out`
    _hold_for_tests()
    swap_in(staging, out)
    new_kb.path = out
    remember(key, engine)       # the first answer loads this engine instead of building it again
    return BuildReport(sources=list(paths), out_dir=out, documents=documents, sections=len(sections),
                       paragraphs=sum(len(s.paragraphs) for s in sections), cookies=len(cookies), warnings=warnings,
                       carried=carried, diff_lines=diff_lines)
