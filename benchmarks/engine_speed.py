"""Speed and accuracy of the answer engine, next to a naive rapidfuzz baseline (run by hand, not a test).

    python benchmarks/engine_speed.py              # seed + 100,000-row synthetic knowledge base (~3 min on 2 cores)
    python benchmarks/engine_speed.py --quick      # fewer rounds, no baseline at 100k (~1.5 min)
    python benchmarks/engine_speed.py --markdown   # the same report as Markdown (for the README)
    python benchmarks/engine_speed.py --rows 0     # the seed only
    python benchmarks/engine_speed.py --rows 0 --against 8aeeac7   # and the engine of an earlier commit, same run

Questions: tests/data/questions_dev.yaml (or --questions FILE) plus the QUESTIONS below (same kinds: cookie names with
typos, attributes, lists, prose, French, abstentions), each tagged lookup / attribute / list / prose /
abstain. Every question is asked `--rounds` times after a warm-up pass; median and p99 are over all
(question, round) samples, timed with perf_counter around `Bot.ask` alone.

Baseline: `rapidfuzz.process.extractOne(question, entries, scorer=fuzz.WRatio,
processor=utils.default_process)` over every cookie row as "name website purpose duration category",
every paragraph and every maintained rendering (translations.yaml), timed the same way in the same
process. Accuracy uses the grading rules of `policybot eval` (policybot.evaluate.check); a baseline answer
is its top entry: a cookie row -> sources [that cookie] and the entry as text; a passage -> its text;
the baseline never abstains.

Against an earlier policybot (--against REV): the package and shipped knowledge base of git revision REV are
extracted (`git archive`) into a temporary folder; this checkout and that revision then each run in a process of
their own, over their own shipped knowledge base, both on the same CPU, asked the same questions in alternating
rounds (so that both see the same machine load), the rounds shared among three pairs of processes; median per
question and by kind, and the ratio. Two copies of the same engine measure within a few per cent of 1.00.

Scale: a synthetic knowledge base (benchmarks/synthetic_kb.py) of `--rows` cookie rows is generated
in a temporary folder: load time (load_knowledge + Bot construction, split into YAML parsing,
validation and indexing) and time per question, overall and per kind, against the seed's. A kind
over 10x the seed's median, or policybot under 4x faster than the baseline, is profiled with
cProfile and its hot spots printed (file:function, % of the profiled time).
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import io
import math
import os
import platform
import pstats
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process, utils

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import policybot  # noqa: E402
from policybot.engine import Bot  # noqa: E402
from policybot.knowledge import COOKIES_FILE, load_knowledge  # noqa: E402
from policybot.knowledge.filters import cookie_source  # noqa: E402
from policybot.language.text import compact, tokens  # noqa: E402
from synthetic_kb import make_synthetic_kb  # noqa: E402

DEV_QUESTIONS = HERE.parent / "tests" / "data" / "questions_dev.yaml"   # in the repository: nothing beside it
KINDS = ("lookup", "attribute", "list", "prose", "abstain")
SPEED_BAR, SCALE_BAR = 4.0, 10.0

# The benchmark's own questions, of the same kinds as the dev set and graded with the same rules.
# They broaden the timing mix (other names, typos, French, filters); the dev set is the accuracy figure.
QUESTIONS = [
    # lookup: a cookie by name (exact, typo, case, alias, parts) or by what it does
    {"q": "what is _zendesk_cookie?", "cookie": "_zendesk_cookie"},
    {"q": "_zendesk_remmber_me", "cookie": "_zendesk_remember_me"},
    {"q": "ZENDESK_SHARED_SESSION", "cookie": "_zendesk_shared_session"},
    {"q": "what does LiveRamp do", "cookie": "LiveRamp"},
    {"q": "simplifi cookie", "cookie": "Simpli.fi"},
    {"q": "Yandex Metrica", "cookie": "Metrica"},
    {"q": "what is the cloudflare cookie for", "cookie": "Cloudflare"},
    {"q": "crazyegg", "cookie": "Crazy Egg"},
    {"q": "home type cookie", "cookie": "homeType"},
    {"q": "which cookie remembers my login?", "cookie": "_zendesk_remember_me"},
    {"q": "c'est quoi le cookie _help_center_sesion ?", "cookie": "_help_center_session"},
    # attribute
    {"q": "how long does the Bing cookie last?", "cookie": "Bing", "contains_any": ["2 ans", "2 years"]},
    {"q": "which website sets the Pendo cookie?", "cookie": "Pendo", "contains": ["zopim"]},
    {"q": "what category is LinkedIn in?", "cookie": "LinkedIn", "contains_any": ["advertising", "publicit"]},
    {"q": "combien de temps dure le cookie _zendesk_cookie ?", "cookie": "_zendesk_cookie", "contains": ["20"]},
    {"q": "expiry of the Optimizely cookie", "cookie": "Optimizely", "contains": ["10"]},
    {"q": "is _zendesk_session a session cookie?", "cookie": "_zendesk_session", "contains": ["session"]},
    # list
    {"q": "what cookies does Facebook set?",
     "cookies_include": ["Facebook", "Facebook Connect", "Facebook Business", "Facebook Impression"]},
    {"q": "cookies on zopim.com", "cookies_include": ["Optimizely", "Wistia", "Pendo"], "cookies_exclude": ["_zendesk_session"]},
    {"q": "which cookies expire in under an hour?", "cookies_include": ["Capterra", "Heap Analytics"],
     "cookies_exclude": ["Wistia"]},
    {"q": "session cookies", "cookies_include": ["_zendesk_session", "popupHide"], "cookies_exclude": ["Wistia"]},
    {"q": "advertising cookies on www.zendesk.com", "cookies_include": ["LinkedIn", "Facebook"],
     "cookies_exclude": ["Doubleclick", "Disqus"]},
    {"q": "quels cookies durent plus de 5 ans ?", "cookies_include": ["Wistia", "Optimizely", "_zendesk_cookie"],
     "cookies_exclude": ["_zendesk_session", "Crazy Egg"]},
    {"q": "list the functionality cookies", "cookies_include": ["Vimeo", "homeType", "_zendesk_settings"],
     "cookies_exclude": ["Disqus"]},
    # prose and the document itself
    {"q": "How do I disable cookies in Safari?", "contains": ["Safari"], "excludes": ["Chrome", "Firefox", "Internet Explorer"]},
    {"q": "how to block cookies in IE", "contains": ["Internet Explorer"], "excludes": ["Safari", "Firefox", "Chrome"]},
    {"q": "comment désactiver les cookies dans Chrome ?", "contains": ["Chrome"], "excludes": ["Safari", "Firefox"]},
    {"q": "when did the policy take effect?", "contains_any": ["January 25, 2019", "25 janvier 2019", "2019-01-25"]},
    {"q": "what are functionality cookies?", "contains_any": ["remember information", "preferences"]},
    {"q": "do social media buttons collect my data?", "contains_any": ["IP address", "adresse IP"]},
    {"q": "will I be told if the policy changes?", "contains_any": ["notice", "avis"]},
    {"q": "pourquoi utilisez-vous des cookies ?", "contains_any": ["session"]},
    # abstain
    {"q": "what is the capital of France", "abstain": True},
    {"q": "how do I reset my password", "abstain": True},
    {"q": "chocolate chip cookie recipe", "abstain": True},
    {"q": "tell me a joke", "abstain": True},
    {"q": "what is the _xyz_tracker cookie", "abstain": True},
    {"q": "Hotjar", "abstain": True},
    {"q": "quel temps fera-t-il demain ?", "abstain": True},
]


def kind_of(case: dict) -> str:
    if case.get("abstain"):
        return "abstain"
    if "cookies_include" in case or "cookies_exclude" in case:
        return "list"
    if "cookie" in case:
        return "attribute" if case.get("contains") or case.get("contains_any") else "lookup"
    return "prose"


@dataclass
class Case:
    q: str
    spec: dict
    kind: str
    source: str        # "dev" or "own"


def load_cases(dev_path: Path) -> list[Case]:
    """The dev set (read and checked by policybot.evaluate: a bad file is a PolicybotError) and our own."""
    from policybot.evaluate import load_cases as read_question_set
    dev = read_question_set(dev_path)
    return [Case(c["q"], c, kind_of(c), "dev") for c in dev] + [Case(c["q"], c, kind_of(c), "own") for c in QUESTIONS]


# -- the naive baseline ---------------------------------------------------------------------------------
class Baseline:
    """extractOne(WRatio, default_process) over every row, paragraph and rendering, as the issue states it."""

    def __init__(self, kb):
        self.entries: list[str] = []
        self.targets: list[tuple[str, object]] = []
        for cookie in kb.cookies:
            self.entries.append(" ".join(str(part) for part in (cookie.name, cookie.website or "", cookie.purpose,
                                                                 cookie.duration, cookie.category)))
            self.targets.append(("cookie", cookie))
        for section, paragraph in kb.paragraphs():
            self.entries.append(paragraph.text)
            self.targets.append(("section", section))
        for key, renderings in (kb.translations or {}).items():
            number = key.removeprefix("title:").split(".p")[0]
            for text in renderings.values():
                self.entries.append(text)
                self.targets.append(("section", kb.section(number)))

    def ask(self, question: str):
        return process.extractOne(question, self.entries, scorer=fuzz.WRatio, processor=utils.default_process)

    def answer(self, question: str) -> dict:
        best = self.ask(question)
        if best is None:      # only when no entry scores above 0; still an answer, never an abstention
            return {"question": question, "answered": True, "text": "", "sources": []}
        text, score, position = best
        kind, target = self.targets[position]
        if kind == "cookie":
            sources = [cookie_source(target)]
        else:
            sources = [{"type": "section", "number": getattr(target, "number", ""), "title": getattr(target, "title", ""),
                        "excerpt": text}]
        return {"question": question, "answered": True, "text": text, "sources": sources, "confidence": score / 100}


# -- timing -------------------------------------------------------------------------------------------------
def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)] if ordered else float("nan")


@dataclass
class Timing:
    samples: dict[int, list[float]] = field(default_factory=dict)   # case index -> seconds per round

    def pooled(self, indexes=None) -> list[float]:
        keys = self.samples if indexes is None else indexes
        return [s for i in keys for s in self.samples[i]]

    def median(self, indexes=None) -> float:
        return statistics.median(self.pooled(indexes))

    def p99(self, indexes=None) -> float:
        return percentile(self.pooled(indexes), 99)


def run_timed(functions: dict[str, callable], cases: list[Case], rounds: int, progress: str,
              warm_up: bool = True) -> tuple[dict[str, Timing], dict[str, list]]:
    """A warm-up pass (whose results are returned, for grading), then `rounds` timed passes of every
    function; the functions alternate within each round so that they see the same machine load."""
    results = {name: [fn(c.q) for c in (cases if warm_up else cases[:1])] for name, fn in functions.items()}
    timings = {name: Timing({i: [] for i in range(len(cases))}) for name in functions}
    clock = time.perf_counter
    for r in range(rounds):
        names = list(functions) if r % 2 == 0 else list(reversed(functions))
        for name in names:
            fn, samples = functions[name], timings[name].samples
            gc.collect()
            for i, case in enumerate(cases):
                start = clock()
                fn(case.q)
                samples[i].append(clock() - start)
        log(f"  {progress}: round {r + 1}/{rounds}")
    return timings, results


def grade(check, cases: list[Case], answers: list[dict], source: str) -> dict[str, tuple[int, int]]:
    by_kind: dict[str, list[int]] = {}
    for case, answer in zip(cases, answers):
        if case.source != source:
            continue
        ok = not check(case.spec, answer)
        for key in (case.kind, "all"):
            cell = by_kind.setdefault(key, [0, 0])
            cell[0] += ok
            cell[1] += 1
    return {k: tuple(v) for k, v in by_kind.items()}


def failures(check, cases: list[Case], answers: list[dict], source: str) -> list[str]:
    out = []
    for case, answer in zip(cases, answers):
        if case.source == source:
            why = check(case.spec, answer)
            if why:
                out.append(f"{case.q!r}: {'; '.join(why)}")
    return out


# -- against an earlier policybot -----------------------------------------------------------------------------
_WORKER = r"""
import gc, json, os, sys, time
if sys.argv[2] and hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {int(sys.argv[2])})     # both engines on one CPU: the same interruptions for each
sys.path.insert(0, sys.argv[1])
import policybot
bot = policybot.Bot(policybot.load_knowledge(os.path.join(sys.argv[1], "knowledge")))
questions = json.loads(sys.stdin.readline())
for question in questions:
    bot.ask(question)
gc.collect()
gc.freeze()
clock = time.perf_counter
for _ in sys.stdin:
    times = []
    for question in questions:
        start = clock()
        bot.ask(question)
        times.append(clock() - start)
    print(json.dumps(times), flush=True)
"""


AGAINST_PROCESS_PAIRS = 3      # fresh pairs of processes the --against rounds are shared among


class AgainstError(Exception):
    """The earlier revision could not be extracted or run (the message says why)."""


def extract_revision(revision: str, folder: Path) -> Path:
    """`git archive` of the package and shipped knowledge base at `revision`, unpacked into `folder`."""
    import subprocess
    root = HERE.parent
    archive = subprocess.run(["git", "-C", str(root), "archive", "--format=tar", revision, "policybot", "knowledge"],
                             capture_output=True)
    if archive.returncode != 0:
        raise AgainstError(f"git cannot give revision {revision!r} of {root}: "
                           f"{archive.stderr.decode(errors='replace').strip() or 'git failed'}")
    import tarfile
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def run_against(root: Path, earlier: Path, questions: list[str], rounds: int,
                pairs: int = AGAINST_PROCESS_PAIRS) -> dict[str, list[list[float]]]:
    """Alternating rounds of this checkout's engine and the earlier one's, each in its own process; the rounds
    are shared among several pairs of processes, since one process's memory layout and hash seed can make it
    a few per cent faster or slower than another running the very same code."""
    import json
    import subprocess
    samples: dict[str, list[list[float]]] = {"now": [], "earlier": []}
    pairs = max(1, min(pairs, rounds))
    cpu = str(max(os.sched_getaffinity(0))) if hasattr(os, "sched_getaffinity") else ""
    for pair in range(pairs):
        workers = {}
        try:
            for name, folder in (("now", root), ("earlier", earlier)):
                workers[name] = subprocess.Popen([sys.executable, "-c", _WORKER, str(folder), cpu],
                                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
                workers[name].stdin.write(json.dumps(questions) + "\n")
                workers[name].stdin.flush()
            for r in range(pair * rounds // pairs, (pair + 1) * rounds // pairs):
                for name in list(workers) if r % 2 == 0 else list(reversed(workers)):
                    worker = workers[name]
                    worker.stdin.write("round\n")
                    worker.stdin.flush()
                    line = worker.stdout.readline()
                    if not line:
                        raise AgainstError(f"the {name} engine stopped (exit status {worker.wait()})")
                    samples[name].append(json.loads(line))
                log(f"  against: round {r + 1}/{rounds}")
        finally:
            for worker in workers.values():
                if worker.stdin:
                    worker.stdin.close()
                worker.wait()
    return samples


def against_report(a, emit, md, cases: list[Case], by_kind: dict[str, list[int]], rounds: int, earlier: Path) -> None:
    samples = run_against(HERE.parent, earlier, [c.q for c in cases], rounds)
    timing = {name: Timing({i: [r[i] for r in rounds_] for i in range(len(cases))}) for name, rounds_ in samples.items()}
    now, before = timing["now"], timing["earlier"]
    per_round = [statistics.median(n) / statistics.median(b) for n, b in zip(samples["now"], samples["earlier"])]
    emit("")
    emit(f"{'### ' if md else ''}Against policybot at {a.against} (the same {len(cases)} questions, {rounds} alternating "
         f"rounds in {min(AGAINST_PROCESS_PAIRS, rounds)} pairs of processes, each engine over its own shipped knowledge base)")
    emit("")
    rows = [["all", str(len(cases)), ms(now.median()), ms(before.median()), f"{now.median() / before.median():.2f}"]]
    rows += [[k, str(len(by_kind[k])), ms(now.median(by_kind[k])), ms(before.median(by_kind[k])),
              f"{now.median(by_kind[k]) / before.median(by_kind[k]):.2f}"] for k in KINDS if by_kind[k]]
    emit(table(["kind", "questions", "now median", f"{a.against} median", "ratio"], rows, md))
    emit("")
    verdict = "not slower" if now.median() <= before.median() else "SLOWER"
    emit(f"The median question takes {now.median() / before.median():.2f}x the time it took at {a.against} ({verdict}); "
         f"round by round the ratio of medians goes from {min(per_round):.2f} to {max(per_round):.2f} "
         f"(median {statistics.median(per_round):.2f}).")


# -- loading ---------------------------------------------------------------------------------------------------
class _YamlClock:
    """Times the knowledge reader's YAML parsing (policybot.knowledge.checker.parse_yaml) while load_knowledge
    runs (the parser's share of the load time), without parsing twice: wraps it for the `with` block."""

    def __init__(self):
        self.seconds = 0.0

    def __enter__(self):
        from policybot.knowledge import checker
        self.module, self.original = checker, checker.parse_yaml

        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return self.original(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - start
        checker.parse_yaml = timed
        return self

    def __exit__(self, *exc):
        self.module.parse_yaml = self.original


def time_load(path: Path, runs: int) -> dict:
    """Median of `runs` of load_knowledge + Bot(kb), with YAML parsing and indexing broken out."""
    yaml_s, load_s, bot_s, bot = [], [], [], None
    for _ in range(runs):
        bot = None
        gc.collect()
        with _YamlClock() as clock:
            start = time.perf_counter()
            kb = load_knowledge(path)
            middle = time.perf_counter()
        bot = Bot(kb)
        end = time.perf_counter()
        yaml_s.append(clock.seconds)
        load_s.append(middle - start)
        bot_s.append(end - middle)
    med = statistics.median
    return {"runs": runs, "total": med([a + b for a, b in zip(load_s, bot_s)]), "load_knowledge": med(load_s),
            "yaml": med(yaml_s), "index": med(bot_s), "bot": bot}


def phase_split(bot, questions: list[str], repeat: int) -> dict[str, float] | None:
    """Without a profiler: the share of Bot.ask spent understanding the question, and in the cookie-name
    search within it (the reading stage). Uses the engine's private steps; None if they have changed shape."""
    try:
        from policybot.language.text import clean_question, detect_language

        def reading(q):
            text = clean_question(q)
            words = bot.index.lexicon.words(text)
            return bot.reader.read(q, text, detect_language(text, words), words)

        def understand(q):
            return reading(q)

        def names(q):
            text = clean_question(q)
            bot.reader._find_cookies(bot.index.lexicon.words(text), text, set())

        out = {}
        for label, fn in (("ask", bot.ask), ("understand", understand), ("names", names)):
            for q in questions:
                fn(q)
            start = time.perf_counter()
            for _ in range(repeat):
                for q in questions:
                    fn(q)
            out[label] = (time.perf_counter() - start) / repeat / len(questions)
        return out
    except Exception:       # noqa: BLE001 - a diagnostic only
        return None


# -- profiling -----------------------------------------------------------------------------------------------------
def profile(call, top: int = 6) -> list[str]:
    """cProfile `call()`: the policybot functions with the most cumulative time, and the functions (any
    file) with the most self time, as 'file:function N%' of the profiled time."""
    profiler = cProfile.Profile()
    profiler.enable()
    call()
    profiler.disable()
    stats = pstats.Stats(profiler, stream=io.StringIO()).stats
    total = sum(entry[2] for entry in stats.values()) or 1e-12
    rows = []
    for (filename, line, name), (_, _, tt, ct, _) in stats.items():
        where = Path(filename).name if filename != "~" else "builtin"
        label = f"{where}:{name}" + (f"@{line}" if name.startswith("<") and filename != "~" else "")
        rows.append((label, tt / total * 100, ct / total * 100, "policybot" in filename))
    skip = ("bot.py:ask", "bot.py:_answer", "intents.py:answer", "bot.py:__init__", "index.py:__init__")
    ours = sorted((r for r in rows if r[3] and not r[0].startswith(skip)), key=lambda r: -r[2])[:top]
    hot = sorted(rows, key=lambda r: -r[1])[:top]
    return ["cumulative (policybot): " + ", ".join(f"{label} {c:.0f}%" for label, _, c, _ in ours),
            "self time (any file):   " + ", ".join(f"{label} {t:.0f}%" for label, t, _, _ in hot)]


def slowest(timing: Timing, cases: list[Case], sources: list[int] | None = None, count: int = 3) -> str:
    order = sorted(timing.samples, key=lambda i: -statistics.median(timing.samples[i]))[:count]
    return "; ".join(f"{cases[i].q!r} {ms(statistics.median(timing.samples[i]))} ms"
                     + (f" ({sources[i]:,} rows)" if sources else "") for i in order)


# -- report -------------------------------------------------------------------------------------------------------------
def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def ms(seconds: float) -> str:
    value = seconds * 1000
    return f"{value:.3f}" if value < 1 else f"{value:.2f}" if value < 100 else f"{value:.0f}"


def table(headers: list[str], rows: list[list[str]], markdown: bool) -> str:
    if markdown:
        out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" if i == 0 else "--:" for i in range(len(headers))) + "|"]
        out += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(out)
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)]
    fmt = lambda r: "  ".join(str(x).ljust(w) if i == 0 else str(x).rjust(w) for i, (x, w) in enumerate(zip(r, widths)))
    return "\n".join([fmt(headers), "  ".join("-" * w for w in widths)] + [fmt(r) for r in rows])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=None, help="timed rounds on the seed (default 20; 8 with --quick)")
    ap.add_argument("--scale-rounds", type=int, default=None, help="timed rounds at scale (default 5; 2 with --quick)")
    ap.add_argument("--baseline-scale-rounds", type=int, default=None,
                    help="timed rounds of the baseline at scale (default 1; 0 = skip, the --quick default)")
    ap.add_argument("--rows", type=int, default=100_000, help="cookie rows of the synthetic knowledge base (0: seed only)")
    ap.add_argument("--load-runs", type=int, default=5, help="load-time runs on the seed (median)")
    ap.add_argument("--scale-load-runs", type=int, default=1, help="load-time runs at scale (median)")
    ap.add_argument("--questions", type=Path, default=DEV_QUESTIONS, metavar="FILE.yaml",
                    help="the question set timed and graded with the benchmark's own (default: the dev set)")
    ap.add_argument("--knowledge", default=None, help="the seed knowledge base (default: the shipped one)")
    ap.add_argument("--keep", default=None, help="write the synthetic knowledge base here and keep it (reused if present)")
    ap.add_argument("--quick", action="store_true", help="fewer rounds, no baseline at scale (about half the time)")
    ap.add_argument("--profile", action="store_true",
                    help="profile every kind at scale and the index build, not only what misses a bar")
    ap.add_argument("--against", metavar="REV", default=None,
                    help="also time the policybot of this git revision, in alternating rounds (e.g. 8aeeac7)")
    ap.add_argument("--markdown", action="store_true", help="write the report as Markdown")
    ap.add_argument("-v", "--verbose", action="store_true", help="also list accuracy failures (on stderr)")
    a = ap.parse_args(argv)
    rounds = a.rounds or (8 if a.quick else 20)
    scale_rounds = a.scale_rounds or (2 if a.quick else 5)
    baseline_scale_rounds = a.baseline_scale_rounds if a.baseline_scale_rounds is not None else (0 if a.quick else 1)
    started = time.perf_counter()
    md = a.markdown
    out: list[str] = []
    emit = out.append
    bullet = "- " if md else "    "
    pct = lambda cell: f"{cell[0]}/{cell[1]} ({100 * cell[0] / cell[1]:.0f}%)" if cell else "-"

    earlier = tempfile.TemporaryDirectory(prefix="policybot-earlier-") if a.against else None
    if earlier is not None:                              # a revision git cannot give fails before any timing
        try:
            extract_revision(a.against, Path(earlier.name))
        except AgainstError as error:
            print(f"engine_speed: --against {a.against}: {error}", file=sys.stderr)
            earlier.cleanup()
            return 2

    from policybot.evaluate import check                 # the grading rules `policybot eval` uses
    cases = load_cases(a.questions)
    n_dev = sum(c.source == "dev" for c in cases)
    by_kind = {k: [i for i, c in enumerate(cases) if c.kind == k] for k in KINDS}

    # -- the seed --------------------------------------------------------------------------------------------
    log(f"seed: {len(cases)} questions ({n_dev} dev + {len(QUESTIONS)} own), {rounds} rounds")
    seed_load = time_load(policybot.knowledge.knowledge_dir(a.knowledge), a.load_runs)
    bot = seed_load["bot"]
    kb = bot.kb
    baseline = Baseline(kb)
    load_before = os.getloadavg()[0]
    timings, results = run_timed({"policybot": bot.ask, "baseline": baseline.ask}, cases, rounds, "seed")
    bot_answers = [r.to_dict() for r in results["policybot"]]
    base_answers = [baseline.answer(c.q) for c in cases]
    acc = {name: grade(check, cases, answers, "dev") for name, answers in (("policybot", bot_answers), ("baseline", base_answers))}
    own = {name: grade(check, cases, answers, "own") for name, answers in (("policybot", bot_answers), ("baseline", base_answers))}
    pb, bl = timings["policybot"], timings["baseline"]
    speedup = bl.median() / pb.median()

    emit("## Speed" if md else "policybot engine speed")
    emit("")
    command = "python benchmarks/engine_speed.py" + (" --quick" if a.quick else "")
    emit(f"{'`' + command + '`' if md else command}: {os.cpu_count()} cores, Python {platform.python_version()}; "
         f"{len(cases)} questions ({n_dev} from dev_questions.yaml + {len(QUESTIONS)} of the benchmark's own), "
         f"each asked {rounds} times after a warm-up; time per question in ms, median and p99 over every ask; "
         f"machine load average {load_before:.1f} when the timing started.")
    emit("")
    emit(f"{'### ' if md else ''}Seed knowledge base ({len(kb.cookies)} rows; the baseline searches {len(baseline.entries)} entries)")
    emit("")
    rows = [["policybot", ms(pb.median()), ms(pb.p99()), f"{speedup:.1f}x", pct(acc["policybot"].get("all")),
             pct(own["policybot"].get("all"))],
            ["baseline: extractOne WRatio", ms(bl.median()), ms(bl.p99()), "1x", pct(acc["baseline"].get("all")),
             pct(own["baseline"].get("all"))]]
    emit(table(["engine", "median", "p99", "speed-up", "dev accuracy", "own questions"], rows, md))
    emit("")
    kind_rows = [[k, str(len(by_kind[k])), ms(pb.median(by_kind[k])), ms(pb.p99(by_kind[k])), ms(bl.median(by_kind[k])),
                  pct(acc["policybot"].get(k)), pct(acc["baseline"].get(k))] for k in KINDS]
    emit(table(["kind", "questions", "policybot median", "policybot p99", "baseline median", "policybot dev",
                "baseline dev"], kind_rows, md))
    emit("")
    verdict = "meets the bar" if speedup >= SPEED_BAR else "MISSES the bar"
    emit(f"Speed: policybot is {speedup:.1f}x the baseline's speed at the median ({bl.p99() / pb.p99():.1f}x at p99); "
         f"{verdict} of {SPEED_BAR:.0f}x.")
    emit("Slowest on the seed (median): " + slowest(pb, cases) + ".")
    emit(f"Load (load_knowledge + Bot, median of {seed_load['runs']}): {ms(seed_load['total'])} ms: load_knowledge "
         f"{ms(seed_load['load_knowledge'])} ms (YAML parsing {ms(seed_load['yaml'])} ms), indexing {ms(seed_load['index'])} ms.")
    if speedup < SPEED_BAR or a.profile:
        questions = [c.q for c in cases]
        split = phase_split(bot, questions, 10)
        emit("")
        emit("Where policybot's time goes on the seed:")
        if split:
            emit(f"{bullet}without a profiler: {split['ask'] * 1e6:.0f} µs per ask; reading the question "
                 f"(engine/reading.py: Reader.read) {split['understand'] / split['ask']:.0%}, of which the cookie-name "
                 f"search (Reader._find_cookies) {split['names'] / split['ask']:.0%} of the ask")
        emit("\n".join(bullet + line for line in profile(lambda: [bot.ask(q) for _ in range(5) for q in questions])))
    if a.verbose:
        for engine, answers in (("policybot", bot_answers), ("baseline", base_answers)):
            for line in failures(check, cases, answers, "dev") + failures(check, cases, answers, "own"):
                log(f"FAIL {engine}: {line}")

    if earlier is not None:
        try:
            against_report(a, emit, md, cases, by_kind, rounds, Path(earlier.name))
        except AgainstError as error:
            print(f"engine_speed: --against {a.against}: {error}", file=sys.stderr)
            return 2
        finally:
            earlier.cleanup()

    # -- scale -----------------------------------------------------------------------------------------------------------
    if a.rows > 0:
        with tempfile.TemporaryDirectory(prefix="policybot-synthetic-") as temp:
            scale_report(a, emit, bullet, md, pct, check, cases, by_kind, pb, bl, bot, Path(a.keep) if a.keep else Path(temp),
                         scale_rounds, baseline_scale_rounds)
    log(f"done in {time.perf_counter() - started:.0f} s")
    print("\n".join(out))
    return 0


def scale_report(a, emit, bullet, md, pct, check, cases, by_kind, pb, bl, seed_bot, folder, scale_rounds, baseline_rounds) -> None:
    # Names the abstention questions ask about are never generated: "the policy does not list it" stays true.
    reserved = set()
    for case in cases:
        if case.kind == "abstain":
            words = tokens(case.q)
            reserved |= {compact(w) for w in case.q.split()}
            reserved |= {"".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, min(len(words), i + 3) + 1)}
    start = time.perf_counter()
    if not (a.keep and (folder / COOKIES_FILE).is_file()):
        log(f"scale: writing a {a.rows:,}-row knowledge base in {folder}")
        known = set(getattr(seed_bot.index, "vocabulary", set())) | set(seed_bot.index.lexicon.stopwords)
        make_synthetic_kb(folder, a.rows, reserved=reserved, known_words=known, check=False)
    generated = time.perf_counter() - start
    log(f"scale: loading ({a.scale_load_runs} run(s))")
    scale_load = time_load(folder, a.scale_load_runs)
    big = scale_load["bot"]
    log(f"scale: {scale_rounds} rounds")
    big_t, big_r = run_timed({"policybot": big.ask}, cases, scale_rounds, "scale policybot")
    if baseline_rounds:
        big_baseline = Baseline(big.kb)
        base_t, _ = run_timed({"baseline": big_baseline.ask}, cases, baseline_rounds, "scale baseline", warm_up=False)
        big_t.update(base_t)
    big_answers = [r.to_dict() for r in big_r["policybot"]]
    big_acc = grade(check, cases, big_answers, "dev")
    bp = big_t["policybot"]
    ratio = bp.median() / pb.median()
    n_rows = len(big.kb.cookies)
    label = f"{n_rows // 1000}k" if n_rows >= 1000 else str(n_rows)
    emit("")
    emit(f"{'### ' if md else ''}Synthetic knowledge base: {n_rows:,} rows ({len({compact(c.name) for c in big.kb.cookies}):,} "
         f"distinct names), {scale_rounds} rounds")
    emit("")
    scale_rows = [["policybot", ms(bp.median()), ms(bp.p99()), f"{ratio:.1f}x", pct(big_acc.get("all"))]]
    if "baseline" in big_t:
        bb = big_t["baseline"]
        scale_rows.append([f"baseline ({baseline_rounds} round)", ms(bb.median()), ms(bb.p99()),
                           f"{bb.median() / bl.median():.0f}x", "-"])
    emit(table(["engine", "median", "p99", "vs seed (median)", "dev accuracy (informative)"], scale_rows, md))
    emit("")
    over, kind_rows = [], []
    for k in KINDS:
        idx = by_kind[k]
        seed_med, big_med = pb.median(idx), bp.median(idx)
        sources = [len(big_answers[i]["sources"]) for i in idx]
        if big_med / seed_med > SCALE_BAR:
            over.append(k)
        kind_rows.append([k, ms(seed_med), ms(big_med), ms(bp.p99(idx)), f"{big_med / seed_med:.1f}x",
                          f"{statistics.median(sources):,.0f} / {max(sources):,}"])
    emit(table(["kind", "seed median", f"{label} median", f"{label} p99", "vs seed", "sources per answer (median / max)"],
               kind_rows, md))
    emit("")
    verdict = "meets the bar" if ratio <= SCALE_BAR else "MISSES the bar"
    emit(f"Scale: the median question takes {ratio:.1f}x the seed's at {n_rows:,} rows, {verdict} of {SCALE_BAR:.0f}x; "
         + (f"kinds over {SCALE_BAR:.0f}x: {', '.join(over)}." if over else "every kind is within it."))
    if "baseline" in big_t:
        emit(f"At {n_rows:,} rows policybot is {big_t['baseline'].median() / bp.median():.0f}x the baseline's speed at the median.")
    emit("Slowest at scale (median): " + slowest(bp, cases, [len(x["sources"]) for x in big_answers]) + ".")
    emit("")
    emit("List questions at scale, one by one (a list answer carries every matching row in `sources`):")
    emit("")
    list_rows = []
    for i in sorted(by_kind["list"], key=lambda i: -statistics.median(bp.samples[i])):
        med, n = statistics.median(bp.samples[i]), len(big_answers[i]["sources"])
        list_rows.append([cases[i].q, ms(med), f"{n:,}", f"{med * 1e6 / max(1, n):.1f}"])
    emit(table(["question", "median ms", "rows", "µs per row"], list_rows, md))
    emit("")
    emit(f"Load (load_knowledge + Bot, median of {scale_load['runs']}): {scale_load['total']:.1f} s: load_knowledge "
         f"{scale_load['load_knowledge']:.1f} s (YAML parsing {scale_load['yaml']:.1f} s), indexing "
         f"{scale_load['index']:.1f} s. Writing the synthetic knowledge base took {generated:.1f} s.")
    for k in (KINDS if a.profile else over):
        emit("")
        emit(f"Profile of the {k} questions at scale:")
        questions = [cases[i].q for i in by_kind[k]]
        emit("\n".join(bullet + line for line in profile(lambda: [big.ask(q) for q in questions])))
    if a.profile:
        emit("")
        emit("Profile of the index build at scale (Bot construction):")
        emit("\n".join(bullet + line for line in profile(lambda: Bot(big.kb))))
    if a.verbose:
        for line in failures(check, cases, big_answers, "dev"):
            log(f"FAIL policybot at scale: {line}")


def run(argv: list[str] | None = None) -> int:
    """main() with every error a user can cause as one line (exit 2 for input, 3 for the knowledge base)."""
    from policybot.errors import KnowledgeError, PolicybotError
    try:
        return main(argv)
    except KnowledgeError as error:
        print(f"engine_speed: {error}", file=sys.stderr)
        return 3
    except (PolicybotError, OSError) as error:
        print(f"engine_speed: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(run())
