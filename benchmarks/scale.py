"""Loading at scale: build, first answer, warm answer, a list question and memory, at 1k/10k/100k rows.

Run by hand (minutes at 100k rows):

    python benchmarks/scale.py [--rows 1000 10000 100000] [--runs 3]
    python benchmarks/scale.py --python /work/venv-baseline/bin/python    # the same figures for another install

Every figure comes from fresh processes of the `policybot` command of the interpreter given by
--python (default: this one), against synthetic knowledge bases written once per size by
benchmarks/synthetic_kb.py (cached in --work, default a temporary folder):

- build: `policybot build SOURCE --out DIR` for a policy text whose cookie table holds the rows;
- cold: `policybot --knowledge DIR ask "what is _zendesk_session"` with an empty cache folder
  (nothing but the YAML files to start from);
- after build: the same question on the folder just built, by the user who built it (the cache as the
  build left it);
- warm: the same command again (the per-user cache is filled), median of --runs;
- list: the time `Bot.ask("list all cookies")` takes inside one process, median of --runs after one warm-up;
- memory: the peak resident size of the cold process.

Bytecode is cached (in --work) even where PYTHONDONTWRITEBYTECODE is set: an installed policybot has its
.pyc files, so no figure should include compiling the sources.

Figures are medians over --runs (the build and cold runs are repeated --build-runs times, default 1:
they take minutes at 100k rows).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
QUESTION = "what is _zendesk_session"
LIST_QUESTION = "list all cookies"
DEFAULT_ROWS = (1_000, 10_000, 100_000)
TABLE_END_MARK = "www.zendesk.com_carson_container_session"     # the last row of the shipped table

_LIST_CHILD = """
import statistics, sys, time
import policybot
bot = policybot.load(sys.argv[1])
bot.ask(sys.argv[2])
times = []
for _ in range(int(sys.argv[3])):
    start = time.perf_counter()
    bot.ask(sys.argv[2])
    times.append(time.perf_counter() - start)
print(statistics.median(times))
"""


def policybot_command(python: str) -> list[str]:
    """The console script beside `python`, else `python -m policybot`."""
    script = Path(python).parent / "policybot"
    return [str(script)] if script.exists() else [python, "-m", "policybot"]


def run_timed(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, int, int]:
    """(wall seconds, exit code, peak RSS in MB) of one process."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    stderr = child.stderr.read().decode("utf-8", "replace") if child.stderr else ""
    if child.returncode not in (0, 1):
        print(f"  ! {' '.join(argv[-3:])} exited {child.returncode}: {stderr.strip()[:300]}", file=sys.stderr)
    return elapsed, child.returncode, usage.ru_maxrss // 1024


def synthetic_kb(work: Path, rows: int) -> Path:
    """The synthetic knowledge base of `rows` rows (written once, then reused)."""
    folder = work / f"kb-{rows}"
    if not (folder / "cookies.yaml").is_file():
        sys.path.insert(0, str(HERE))
        from synthetic_kb import make_synthetic_kb
        print(f"  writing a {rows:,}-row knowledge base in {folder} ...", file=sys.stderr)
        make_synthetic_kb(folder, rows, check=False)
    return folder


def _capitalised(purpose: str) -> str:
    """A purpose as the policy writes one: a capital first, which is where the reader splits name from purpose."""
    return purpose[:1].upper() + purpose[1:]


def _reads_as_one_row(line: str) -> bool:
    """Whether the policy reader takes a generated table line as exactly one row (a few invented names glue
    to their purpose in ways the reader rightly refuses; those rows are left out of the source)."""
    try:
        from policybot.ingest.text_reader import _parse_row_line
    except ImportError:
        return True
    try:
        return len(_parse_row_line(line, 0)) == 1
    except Exception:                                   # noqa: BLE001 - any refusal: leave the row out
        return False


def source_text(work: Path, kb: Path, rows: int) -> Path:
    """A policy text whose cookie table holds the synthetic knowledge base's rows (for `build`)."""
    path = work / f"source-{rows}.txt"
    if path.is_file():
        return path
    import yaml
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load((kb / "cookies.yaml").read_text(encoding="utf-8"), Loader=loader)
    source = next((ROOT / "knowledge" / "source").glob("*.txt")).read_text(encoding="utf-8")
    lines = [f"{r['website'] or 'All Websites'}{r['name']}{_capitalised(r['purpose'])}{r['duration']}"
             f"{r['category_label']}" for r in data["cookies"][53:]]
    lines = [line for line in lines if _reads_as_one_row(line)]
    head, mark, tail = source.partition(TABLE_END_MARK)
    end = tail.index("\n") + 1
    path.write_text(head + mark + tail[:end] + "".join(line + "\n" for line in lines) + tail[end:],
                    encoding="utf-8")
    return path


def warm_up(command: list[str], env: dict[str, str], cwd: Path) -> None:
    """One build and one answer on the shipped seed, so every module's bytecode is cached before timing."""
    seed = next((ROOT / "knowledge" / "source").glob("*.txt"))
    out = cwd / "warm-up"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    run_timed(command + ["build", str(seed), "--out", str(out)], env, cwd)
    run_timed(command + ["--knowledge", str(out), "ask", QUESTION], env, cwd)


def measure(python: str, rows: int, work: Path, runs: int, build_runs: int,
            list_timeout: float = 300) -> dict[str, float]:
    kb = synthetic_kb(work, rows)
    command = policybot_command(python)
    cwd = Path(tempfile.mkdtemp(prefix="scale-run-", dir=work))
    env = {k: v for k, v in os.environ.items()
           if k not in ("POLICYBOT_KNOWLEDGE", "POLICYBOT_CACHE", "PYTHONDONTWRITEBYTECODE")}
    env["PYTHONPYCACHEPREFIX"] = str(work / f"pycache-{Path(python).parent.parent.name}")   # bytecode as installed
    figures: dict[str, float] = {}

    warm_up(command, env, cwd)
    source = source_text(work, kb, rows)
    builds, after_builds = [], []
    for _ in range(build_runs):
        out = cwd / "built"
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir()
        env["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="cache-", dir=cwd)
        for name in ("lexicon.yaml", "overlay.yaml", "translations.yaml"):
            if (kb / name).is_file():
                shutil.copyfile(kb / name, out / name)
        builds.append(run_timed(command + ["build", str(source), "--out", str(out)], env, cwd)[0])
        after_builds.append(run_timed(command + ["--knowledge", str(out), "ask", QUESTION], env, cwd)[0])
    figures["build_s"] = statistics.median(builds)
    figures["after_build_s"] = statistics.median(after_builds)

    colds, memory = [], 0
    for _ in range(build_runs):
        env["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="cache-", dir=cwd)
        elapsed, code, rss = run_timed(command + ["--knowledge", str(kb), "ask", QUESTION], env, cwd)
        colds.append(elapsed)
        memory = max(memory, rss)
    figures["cold_s"] = statistics.median(colds)
    figures["memory_mb"] = memory
    warms = [run_timed(command + ["--knowledge", str(kb), "ask", QUESTION], env, cwd)[0] for _ in range(runs)]
    figures["warm_s"] = statistics.median(warms)
    try:
        listed = subprocess.run([python, "-c", _LIST_CHILD, str(kb), LIST_QUESTION, str(runs)], env=env, cwd=cwd,
                                capture_output=True, text=True, timeout=list_timeout)
        figures["list_ms"] = float(listed.stdout.strip()) * 1000 if listed.returncode == 0 else float("nan")
    except subprocess.TimeoutExpired:
        figures["list_ms"] = float("inf")          # shown as "> the timeout"
    shutil.rmtree(cwd, ignore_errors=True)
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--python", default=sys.executable, help="the interpreter whose policybot is measured")
    ap.add_argument("--rows", type=int, nargs="+", default=list(DEFAULT_ROWS))
    ap.add_argument("--runs", type=int, default=3, help="warm and list repetitions (median)")
    ap.add_argument("--build-runs", type=int, default=1, help="build and cold repetitions (median)")
    ap.add_argument("--list-timeout", type=float, default=300, help="seconds the list figure may take in all")
    ap.add_argument("--work", type=Path, default=None, help="where the synthetic knowledge bases are kept")
    ap.add_argument("--json", action="store_true", help="one JSON object per size instead of a table")
    a = ap.parse_args(argv)
    work = a.work or Path(tempfile.gettempdir()) / "policybot-scale"
    work.mkdir(parents=True, exist_ok=True)
    if not a.json:
        print(f"{a.python}\n| rows | build s | cold s | after build s | warm s | list ms | memory MB |\n"
              "|--:|--:|--:|--:|--:|--:|--:|")
    for rows in a.rows:
        figures = measure(a.python, rows, work, a.runs, a.build_runs, a.list_timeout)
        if a.json:
            print(json.dumps({"rows": rows, **figures}), flush=True)
        else:
            listed = f"{figures['list_ms']:.1f}" if figures["list_ms"] != float("inf") else f"> {a.list_timeout:.0f} s"
            print(f"| {rows:,} | {figures['build_s']:.2f} | {figures['cold_s']:.2f} | {figures['after_build_s']:.2f} "
                  f"| {figures['warm_s']:.3f} "
                  f"| {listed} | {figures['memory_mb']:.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
