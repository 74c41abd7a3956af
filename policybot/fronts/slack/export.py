"""A list answer's every row as a CSV file (the "Show all" button), posted with files.uploadV2."""
from __future__ import annotations

import csv
import io
import re
from typing import Any

from ...answer import SEE_ALL_FILTERS

COLUMNS = ("name", "website", "purpose", "duration", "duration_days", "session", "category", "category_label")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")      # what a spreadsheet would run as a formula


def cell(value: Any) -> str:
    """A CSV cell a spreadsheet shows as text (a leading = + - @ is quoted with ')."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def rows_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([cell(row.get(column)) for column in COLUMNS])
    return out.getvalue()


def file_name(see_all: dict[str, Any] | None) -> str:
    """'cookies-category-advertising-site-www.zendesk.com.csv' from the answer's filters."""
    parts = ["cookies"]
    for key in SEE_ALL_FILTERS:
        if see_all and see_all.get(key) not in (None, False, ""):
            value = see_all[key]
            parts.append(key.replace("_", "-") if value is True else f"{key.replace('_', '-')}-{value}")
    return re.sub(r"[^\w.\-]+", "-", "-".join(parts))[:120] + ".csv"


def upload_rows(files: Any, answer: Any, *, channel: str | None, thread_ts: str | None) -> dict[str, Any]:
    """Upload the rows with files.uploadV2: shared in `channel` (in its thread), or private when channel is None."""
    args: dict[str, Any] = {"filename": file_name(answer.see_all), "content": rows_csv(answer.rows),
                            "title": answer.lead or "cookies", "request_file_info": False}
    if channel:
        args.update(channel=channel, thread_ts=thread_ts)
    response = files.files_upload_v2(**args)
    uploaded = (response.get("files") or [{}])[0] if hasattr(response, "get") else {}
    return uploaded
