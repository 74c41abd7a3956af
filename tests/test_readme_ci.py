"""The README's commands are the ones CI runs, and its Python snippet says what the library returns."""
import re
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_runs_exactly_the_readme_test_command():
    command = "pip install -e '.[test]' && pytest"
    assert command in README and "pip install . && policybot check" in README
    lines = [line for line in (ROOT / ".ci" / "run").read_text().splitlines() if line and not line.startswith("#")]
    assert lines[0] == "set -euo pipefail" and lines[-1] == command


def test_readme_snippet():
    """Each expression line of the README's Python snippet evaluates to the value its comment shows."""
    snippet = re.search(r"```python\n(.*?)```", README, re.S).group(1)
    namespace: dict = {}
    checked = 0
    for line in snippet.splitlines():
        code, _, comment = line.partition("  # ")
        code, comment = code.strip(), comment.strip()
        if not code:
            continue
        if code.startswith("import ") or re.match(r"^\w+ = ", code):
            exec(code, namespace)
        elif comment:
            assert repr(eval(code, namespace)) == comment, line
            checked += 1
    assert checked >= 4
