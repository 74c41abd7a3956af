"""Start-up cost of one `policybot ask --json` process, against `python -c "import yaml, rapidfuzz"`.

Run by hand:  python benchmarks/startup.py [--runs 30] [--importtime]

Each command runs as a fresh process from a temporary folder (after warm-up runs, so the
page cache and .pyc files are warm, as for a user's second command); the figure is the median
wall time. Bytecode is cached in a temporary PYTHONPYCACHEPREFIX even when the environment
sets PYTHONDONTWRITEBYTECODE (as this project's sandbox does): `pip install .` compiles .pyc
files, so a user's command never recompiles the package's sources. The target (issue 4): the ratio is at most 2.0. With --importtime, the slowest
imports of the policybot process are listed (python -X importtime), to find what to make lazy.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

QUESTION = "what is _zendesk_session"


def environment(cwd: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("POLICYBOT_KNOWLEDGE", "PYTHONDONTWRITEBYTECODE")}
    env["PYTHONPYCACHEPREFIX"] = os.path.join(cwd, "pycache")
    return env


def timed(argv: list[str], runs: int, warmup: int, cwd: str) -> list[float]:
    env = environment(cwd)
    times = []
    for i in range(warmup + runs):
        start = time.perf_counter()
        subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        if i >= warmup:
            times.append(time.perf_counter() - start)
    return times


def slowest_imports(argv: list[str], cwd: str, top: int = 15) -> list[tuple[int, str]]:
    code = ("import sys; from policybot.fronts.terminal.launch import main; sys.argv = ['policybot'] + sys.argv[1:]; main()")
    result = subprocess.run([sys.executable, "-X", "importtime", "-c", code, *argv[1:]], cwd=cwd,
                            capture_output=True, text=True, env=environment(cwd))
    rows = []
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "cumulative" not in line:
            _, cumulative, name = line.split("|")
            depth = (len(name) - len(name.lstrip())) // 2
            if depth <= 2:  # the top-level imports and their direct children
                rows.append((int(cumulative), name.rstrip()))
    return sorted(rows, reverse=True)[:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--importtime", action="store_true", help="also list the slowest imports")
    args = parser.parse_args()

    beside = os.path.join(os.path.dirname(sys.executable), "policybot")   # not a shell shim (pyenv)
    exe = beside if os.path.exists(beside) else shutil.which("policybot")
    baseline = [sys.executable, "-c", "import yaml, rapidfuzz"]
    target = [exe, "ask", "--json", QUESTION]
    with tempfile.TemporaryDirectory() as cwd:
        empty = statistics.median(timed([sys.executable, "-c", "pass"], args.runs, args.warmup, cwd))
        base = timed(baseline, args.runs, args.warmup, cwd)
        ours = timed(target, args.runs, args.warmup, cwd)
        base_median, ours_median = statistics.median(base), statistics.median(ours)
        print(f"python -c pass                          median {empty * 1000:6.1f} ms")
        print(f"python -c \"import yaml, rapidfuzz\"      median {base_median * 1000:6.1f} ms "
              f"(min {min(base) * 1000:.1f})")
        print(f"policybot ask --json \"{QUESTION}\"  median {ours_median * 1000:6.1f} ms "
              f"(min {min(ours) * 1000:.1f})")
        ratio = ours_median / base_median
        print(f"ratio {ratio:.2f}x (target <= 2.0x), {args.runs} runs each, Python {sys.version.split()[0]}")
        if args.importtime:
            print("\nslowest imports of the policybot process (cumulative ms):")
            for micros, name in slowest_imports(target, cwd):
                print(f"  {micros / 1000:7.1f}  {name}")


if __name__ == "__main__":
    main()
