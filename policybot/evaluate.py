"""Score the engine on a question set (the format of the shared dev_questions.yaml), by kind of question.

Each case has `q` and what a correct answer shows: `cookie` (the first source is that row), `contains`,
`contains_any`, `excludes` (text checks, case- and accent-insensitive), `cookies_include`,
`cookies_exclude` (cookie names among the sources), or `abstain: true`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .errors import PolicybotError
from .language.text import fold

CASE_KEYS = {"q", "cookie", "contains", "contains_any", "excludes", "cookies_include", "cookies_exclude", "abstain"}


@dataclass
class Failure:
    question: str
    kind: str
    reasons: list[str]


@dataclass
class Report:
    total: int = 0
    passed: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=dict)   # kind -> [passed, total]
    failures: list[Failure] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.passed / self.total if self.total else 0.0


def load_cases(path: str | Path) -> list[dict[str, Any]]:
    """Read and check a question set; a bad file raises PolicybotError naming the file and the case."""
    import yaml
    from .knowledge.checker import parse_yaml
    path = Path(path)
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))      # aliases refused: no alias bomb
    except FileNotFoundError:
        raise PolicybotError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise PolicybotError(f"{path}: not UTF-8 text") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None)
        raise PolicybotError(f"{path}: YAML syntax error{where}" + (f": {problem}" if problem else "")) from None
    if not isinstance(data, list) or not data:
        raise PolicybotError(f"{path}: expected a list of cases, each with a 'q' question")
    for number, case in enumerate(data, 1):
        if not isinstance(case, dict) or not isinstance(case.get("q"), str) or not case["q"].strip():
            raise PolicybotError(f"{path}: case {number}: expected a mapping with a non-empty 'q'")
        unknown = set(case) - CASE_KEYS
        if unknown:
            raise PolicybotError(f"{path}: case {number} ({case['q'][:40]!r}): unknown key(s) {', '.join(sorted(unknown))}")
        for key in ("contains", "contains_any", "excludes", "cookies_include", "cookies_exclude"):
            if key in case and not (isinstance(case[key], list) and all(isinstance(v, str) for v in case[key])):
                raise PolicybotError(f"{path}: case {number} ({case['q'][:40]!r}): {key}: expected a list of strings")
    return data


def kind_of(case: dict[str, Any]) -> str:
    if case.get("abstain"):
        return "abstain"
    if "cookies_include" in case:
        return "list"
    return "cookie" if "cookie" in case else "prose"


def _name(value: Any) -> str:
    return " ".join(str(value).split()).casefold()


def check(case: dict[str, Any], answer: dict[str, Any]) -> list[str]:
    """Why an answer fails its case; empty when it passes."""
    text = fold(answer.get("text", ""))
    sources = answer.get("sources") or []
    cookies = [_name(s.get("name", "")) for s in sources if s.get("type") == "cookie"]
    if case.get("abstain"):
        return [f"should abstain, answered: {answer.get('text', '')[:80]!r}"] if answer.get("answered") else []
    reasons = [] if answer.get("answered") else ["abstained"]
    if "cookie" in case:
        top = sources[0] if sources else {}
        if top.get("type") != "cookie" or _name(top.get("name", "")) != _name(case["cookie"]):
            reasons.append(f"top source {top.get('name') or top.get('number')!r}, want cookie {case['cookie']!r}")
    reasons += [f"text lacks {c!r}" for c in case.get("contains", []) if fold(c) not in text]
    if case.get("contains_any") and not any(fold(c) in text for c in case["contains_any"]):
        reasons.append(f"text lacks any of {case['contains_any']!r}")
    reasons += [f"text has {c!r}" for c in case.get("excludes", []) if fold(c) in text]
    reasons += [f"sources lack {n!r}" for n in case.get("cookies_include", []) if _name(n) not in cookies]
    reasons += [f"sources have {n!r}" for n in case.get("cookies_exclude", []) if _name(n) in cookies]
    return reasons


def run(ask: Callable[[str], Any], cases: list[dict[str, Any]]) -> Report:
    """Ask every case (`ask` returns an Answer) and score it."""
    report = Report()
    for case in cases:
        kind = kind_of(case)
        reasons = check(case, ask(case["q"]).to_dict())
        tally = report.by_kind.setdefault(kind, [0, 0])
        tally[1] += 1
        report.total += 1
        if reasons:
            report.failures.append(Failure(case["q"], kind, reasons))
        else:
            tally[0] += 1
            report.passed += 1
    return report


def format_report(report: Report, minimum: float) -> str:
    lines = [f"FAIL [{f.kind}] {f.question}: {'; '.join(f.reasons)}" for f in report.failures]
    lines.append("by kind: " + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(report.by_kind.items())))
    lines.append(f"accuracy {report.passed}/{report.total} = {100 * report.accuracy:.1f}% (bar {100 * minimum:.0f}%)")
    return "\n".join(lines)
