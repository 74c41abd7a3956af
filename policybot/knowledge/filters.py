"""Structured filters over the cookie table, shared by the engine's list answers and `policybot cookies`."""
from __future__ import annotations

from typing import Any, Iterable

from .files import Cookie
from ..language.text import fold


def cookie_source(cookie: Cookie) -> dict[str, Any]:
    """One cookie row as a source in the JSON contract."""
    return {
        "type": "cookie",
        "name": cookie.name,
        "website": cookie.website,
        "purpose": cookie.purpose,
        "duration": cookie.duration,
        "duration_days": cookie.duration_days,
        "session": cookie.session,
        "category": cookie.category,
        "category_label": cookie.category_label,
    }


def site_matches(website: str | None, site: str) -> bool:
    """'zopim', 'zopim.com' and 'www.zopim.com' all match 'www.zopim.com'; 'all' matches 'All Websites'."""
    if website is None:
        return False
    wanted = fold(site).strip().removeprefix("https://").removeprefix("http://").removeprefix("www.").rstrip("/")
    have = fold(website).removeprefix("www.")
    if not wanted:
        return False
    return have == wanted or have.split(".")[0] == wanted or (wanted in ("all", "all websites") and "." not in have)


def site_verdicts(site: str):
    """`site_matches(website, site)` for one site, each distinct website worked out once (a table repeats its
    websites on many rows)."""
    verdicts: dict[str | None, bool] = {}

    def matches(website: str | None) -> bool:
        verdict = verdicts.get(website)
        if verdict is None:
            verdict = verdicts[website] = site_matches(website, site)
        return verdict
    return matches


def filter_cookies(
    cookies: Iterable[Cookie],
    *,
    category: str | None = None,
    site: str | None = None,
    session: bool | None = None,
    min_days: float | None = None,
    max_days: float | None = None,
) -> list[Cookie]:
    """The rows that pass every given filter, in table order.

    `min_days`/`max_days` are strict bounds on the lifetime ("longer than a year" is min_days=365);
    a session cookie counts as lasting less than any bound, so it passes `max_days` and fails `min_days`.
    """
    if category is None and site is None and session is None and min_days is None and max_days is None:
        return list(cookies)
    kept = []
    on_site = site_verdicts(site) if site is not None else None
    for cookie in cookies:
        if category is not None and cookie.category != category:
            continue
        if on_site is not None and not on_site(cookie.website):
            continue
        if session is not None and cookie.session != session:
            continue
        if min_days is not None or max_days is not None:
            days = 0.0 if cookie.session or cookie.duration_days is None else cookie.duration_days
            if min_days is not None and not days > min_days:
                continue
            if max_days is not None and not days < max_days:
                continue
        kept.append(cookie)
    return kept
