"""`policybot report` rendered: a plain table, JSON (the data as built), or CSV (one row per item)."""
from __future__ import annotations

import csv
import io
import json
from typing import Any

CSV_COLUMNS = ("section", "question", "count", "last_asked", "down", "up", "day", "front", "questions", "answered")


def render(data: dict[str, Any], format: str) -> str:
    if format == "json":
        return json.dumps(data, indent=2, ensure_ascii=False)
    if format == "csv":
        return as_csv(data)
    return as_table(data)


def as_table(data: dict[str, Any]) -> str:
    volume, feedback = data["volume"], data["feedback"]
    rate = volume["answered_rate"]
    lines = [f"Since {data['since']}: {volume['questions']} questions, "
             f"{'—' if rate is None else f'{rate:.0%}'} answered"
             + (f" ({', '.join(f'{front} {n}' for front, n in volume['by_front'].items())})" if volume["by_front"] else ""),
             ""]
    lines.append("Unanswered (most asked first):")
    width = max([len(str(u["count"])) for u in data["unanswered"]] + [1])
    for item in data["unanswered"]:
        lines.append(f"  {item['count']:>{width}}  {item['question']}   (last {item['last_asked']})")
    if not data["unanswered"]:
        lines.append("  none")
    lines += ["", f"Feedback: {feedback['up']} 👍, {feedback['down']} 👎"]
    for item in feedback["downvoted"]:
        lines.append(f"  👎 {item['down']}  {item['question'] or '(question not recorded)'}")
    lines += ["", "By day:"]
    for row in volume["by_day"]:
        lines.append(f"  {row['day']}  {row['front']:<9} {row['questions']:>5} asked  {row['answered']:>5} answered")
    if not volume["by_day"]:
        lines.append("  none")
    given_up = data.get("given_up") or {}
    if given_up.get("count"):
        lines += ["", f"Given up: {given_up['count']} acked answer(s) not posted"]
        lines += [f"  {n}  {why}" for why, n in given_up["by_reason"].items()]
    return "\n".join(lines)


def as_csv(data: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for item in data["unanswered"]:
        writer.writerow({"section": "unanswered", "question": item["question"], "count": item["count"],
                         "last_asked": item["last_asked"]})
    for item in data["feedback"]["downvoted"]:
        writer.writerow({"section": "downvoted", "question": item["question"] or "", "down": item["down"],
                         "up": item["up"]})
    for row in data["volume"]["by_day"]:
        writer.writerow({"section": "volume", **{k: row[k] for k in ("day", "front", "questions", "answered")}})
    return out.getvalue().rstrip("\n")
