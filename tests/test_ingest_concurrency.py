"""Builds replace a knowledge base as one unit, with real processes: concurrent builders into one folder
are serialised, a reader loading meanwhile never sees files of two editions, and a killed build leaves the
knowledge base as it was and no staging folder once the next build has run (none at all on SIGTERM)."""
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED = ROOT / "knowledge" / "source" / "zendesk-cookie-policy-2019-01-25.txt"
EDITION = DATA / "edition-2.txt"
BUILDERS, BUILDS_EACH = 3, 4
WAIT_SECONDS = 60            # the longest any condition below is waited for

READER = r"""
import json, sys
from pathlib import Path
from policybot.errors import KnowledgeError
from policybot.knowledge import load_knowledge
folder, stop = Path(sys.argv[1]), Path(sys.argv[2])
counts = {"loads": 0, "failures": 0, "seed": 0, "edition": 0, "first_failure": None}
while not stop.exists():
    try:
        kb = load_knowledge(folder)
    except KnowledgeError as error:
        counts["failures"] += 1
        counts["first_failure"] = counts["first_failure"] or str(error)
        continue
    counts["loads"] += 1
    counts["edition" if kb.cookies_named("Criteo") else "seed"] += 1
print(json.dumps(counts))
"""


def policybot(*args, **kwargs):
    return subprocess.Popen([sys.executable, "-m", "policybot", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kwargs)


def wait_for(condition, what):
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.01)


def staging_folders(kb: Path) -> list[str]:
    return [p.name for p in kb.parent.iterdir() if ".staging-" in p.name]


@pytest.fixture
def kb(tmp_path):
    out = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", out)
    return out


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_concurrent_builders_and_a_reader_never_see_a_mix(kb, tmp_path):
    stop = tmp_path / "stop"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(kb), str(stop)], stdout=subprocess.PIPE, text=True)
    builders = [subprocess.Popen(
        [sys.executable, "-c",
         "import subprocess, sys\n"
         f"for i in range({BUILDS_EACH}):\n"
         f"    source = {str(SEED)!r} if (i + {n}) % 2 else {str(EDITION)!r}\n"
         f"    code = subprocess.run([sys.executable, '-m', 'policybot', 'build', source, '--out', {str(kb)!r}],"
         " capture_output=True).returncode\n"
         "    if code: sys.exit(code)\n"]) for n in range(BUILDERS)]
    codes = [builder.wait(timeout=WAIT_SECONDS * 4) for builder in builders]
    stop.touch()
    counts = json.loads(reader.communicate(timeout=WAIT_SECONDS)[0])
    assert codes == [0] * BUILDERS
    assert counts["failures"] == 0, counts["first_failure"]
    assert counts["loads"] > 0, counts
    assert staging_folders(kb) == []


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
def test_a_killed_build_changes_nothing_and_leaves_no_staging_folder(kb, tmp_path, how):
    before = files(kb)
    hold = tmp_path / "hold"
    build = policybot("build", EDITION, "--out", kb, env={**os.environ, "POLICYBOT_BUILD_HOLD": str(hold)})
    wait_for(lambda: Path(str(hold) + ".ready").exists() or build.poll() is not None, "the build to reach its swap")
    assert build.poll() is None, build.communicate()[1]
    assert len(staging_folders(kb)) == 1                  # written, checked, about to be swapped in
    build.send_signal(how)
    build.communicate(timeout=WAIT_SECONDS)
    assert files(kb) == before
    if how == signal.SIGTERM:
        assert build.returncode == 2 and staging_folders(kb) == []
    else:                                                 # nothing runs on SIGKILL: the next build sweeps
        assert len(staging_folders(kb)) == 1
        again = policybot("build", EDITION, "--out", kb)
        assert again.wait(timeout=WAIT_SECONDS) == 0
        assert staging_folders(kb) == []
        assert files(kb) != before
