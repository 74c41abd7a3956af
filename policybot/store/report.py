"""`policybot report`: what people asked, what went unanswered, what was voted down, and how much.

`build_report(store, since)` returns plain data (the JSON of `report --format json`): keys
`unanswered`, `feedback`, `volume` (and `since`, `given_up`). Rendering lives in the front ends.
"""
from __future__ import annotations

import re
import time
from collections import Counter, defaultdict
from datetime import datetime, timezone
from typing import Any

from .base import Store

TOP_UNANSWERED = 20
TOP_DOWNVOTED = 20
UNITS = {"m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_SINCE = re.compile(r"^\s*(\d+)\s*([mhdw])\s*$", re.IGNORECASE)


def parse_since(text: str) -> float:
    """'7d' -> seconds; ValueError with a readable message otherwise (30m, 24h, 7d, 2w)."""
    match = _SINCE.match(text or "")
    if not match or int(match.group(1)) <= 0:
        raise ValueError(f"--since wants a number and a unit (m, h, d or w), e.g. 7d or 24h; got {text!r}")
    return int(match.group(1)) * UNITS[match.group(2).lower()]


def iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def day(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, timezone.utc).date().isoformat()


def build_report(store: Store, since_seconds: float, now: float | None = None) -> dict[str, Any]:
    now = time.time() if now is None else now
    since = now - since_seconds
    questions = store.questions_since(since)
    votes = store.votes_since(since)
    given_up = store.given_up_since(since)
    return {"since": iso(since), "unanswered": unanswered(questions), "feedback": feedback(questions, votes, store,
                                                                                           since),
            "volume": volume(questions), "given_up": summary_of_given_up(given_up)}


def unanswered(questions: list) -> list[dict[str, Any]]:
    """Unanswered questions grouped by their normalised form: the latest wording, how often, when last."""
    groups: dict[str, dict[str, Any]] = {}
    for q in questions:
        if q.answered or q.kind == "error":
            continue
        group = groups.setdefault(q.normalised, {"question": q.question, "normalised": q.normalised, "count": 0,
                                                 "last_asked": q.asked_at})
        group["count"] += 1
        if q.asked_at >= group["last_asked"]:
            group["question"], group["last_asked"] = q.question, q.asked_at
    top = sorted(groups.values(), key=lambda g: (-g["count"], -g["last_asked"], g["normalised"]))[:TOP_UNANSWERED]
    return [{**g, "last_asked": iso(g["last_asked"])} for g in top]


def feedback(questions: list, votes: list, store: Store, since: float) -> dict[str, Any]:
    """Votes counted, and the answers voted down with their question (most down votes first)."""
    asked = {q.answer_id: q for q in questions}
    if any(v.answer_id not in asked for v in votes):       # a vote now on an answer given before `since`
        asked.update({q.answer_id: q for q in store.questions_since(0.0) if q.answer_id not in asked})
    up, down = Counter(), Counter()
    for v in votes:
        (up if v.vote > 0 else down)[v.answer_id] += 1
    downvoted = []
    for answer_id, count in down.most_common():
        q = asked.get(answer_id)
        downvoted.append({"answer_id": answer_id, "question": q.question if q else None,
                          "kind": q.kind if q else None, "down": count, "up": up.get(answer_id, 0),
                          "asked_at": iso(q.asked_at) if q else None})
    downvoted.sort(key=lambda d: (-d["down"], d["question"] or ""))
    return {"up": sum(up.values()), "down": sum(down.values()), "downvoted": downvoted[:TOP_DOWNVOTED]}


def volume(questions: list) -> dict[str, Any]:
    """Questions by day and front end, and the share answered."""
    per_day: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    per_front: dict[str, int] = Counter()
    answered = 0
    for q in questions:
        cell = per_day[(day(q.asked_at), q.front)]
        cell[0] += 1
        cell[1] += int(q.answered)
        per_front[q.front] += 1
        answered += int(q.answered)
    total = len(questions)
    return {"questions": total, "answered": answered,
            "answered_rate": round(answered / total, 3) if total else None,
            "by_front": dict(sorted(per_front.items())),
            "by_day": [{"day": d, "front": front, "questions": n, "answered": a}
                       for (d, front), (n, a) in sorted(per_day.items())]}


def summary_of_given_up(items: list) -> dict[str, Any]:
    """How many accepted requests could not be answered, by what and why."""
    return {"count": len(items), "by_reason": dict(Counter(f"{g.what}: {g.reason}" for g in items).most_common())}
