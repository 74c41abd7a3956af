"""Durations: the policy's wording ("2 ans", "180 jours", "Session") and the CLI's ("1y", "6mo") -> days,
and days -> the most natural wording ("2 years", "2 semaines")."""
from __future__ import annotations

import math
import re

from ..errors import IngestError

YEAR, MONTH, WEEK, DAY, HOUR, MINUTE = 365.0, 30.0, 7.0, 1.0, 1 / 24, 1 / 1440

# Units as policies write them (English and French), each -> days. Longest first, so a regex built
# from them prefers "ans" to "an" and "minutes" to "min".
POLICY_UNITS: dict[str, float] = {
    "minutes": MINUTE, "minute": MINUTE, "mins": MINUTE, "min": MINUTE,
    "heures": HOUR, "heure": HOUR, "hours": HOUR, "hour": HOUR, "hrs": HOUR, "hr": HOUR,
    "jours": DAY, "jour": DAY, "days": DAY, "day": DAY,
    "semaines": WEEK, "semaine": WEEK, "weeks": WEEK, "week": WEEK,
    "months": MONTH, "month": MONTH, "mois": MONTH,
    "années": YEAR, "année": YEAR, "yrs": YEAR, "yr": YEAR, "annees": YEAR, "annee": YEAR, "years": YEAR, "year": YEAR, "ans": YEAR, "an": YEAR,
}

_UNIT_ALTERNATION = "|".join(sorted(map(re.escape, POLICY_UNITS), key=len, reverse=True))
# A duration inside a row of glued cells: "2 ans", "180\u00a0jours", "1.5 years", "Session".
# Group `number`+`unit`, or `session`. Case-insensitive use is up to the caller (flag re.I).
DURATION_PATTERN = rf"(?:(?<![0-9])(?P<number>[0-9]+(?:[.,][0-9]+)?)[ \t\u00a0\u202f]*(?P<unit>{_UNIT_ALTERNATION})|(?P<session>Session))"
# A lifetime as policies and consent platforms word it: a session wording, or a leading term
# ("Persistent: 1 year", "13 months", "6 months, or until you log out", "2 ans"), maybe followed by
# conditions or a sentence about configuration, which are kept in the written duration but not parsed.
_SESSION_WORDING = re.compile(
    r"^(?:session\b|(?:at |until )?(?:the )?end of (?:the |your |a )?(?:browser |browsing )?session\b"
    r"|browser session\b|(?:deleted |expires |until )?when (?:you close )?(?:the |your )?browser(?: window)?"
    r"(?: is)? (?:closes|closed|is closed)?|until (?:you close |the closing of )?(?:the |your )?browser"
    r"|(?:à la |jusqu.à la )?fin de (?:la )?session\b|(?:à la |jusqu.à la )?fermeture du navigateur)",
    re.IGNORECASE)
_SESSION_VERB = re.compile(r"^(?:expires|is deleted|deleted|removed|ends|lasts|valid|expire|supprimé|expire)\s+",
                           re.IGNORECASE)
_PERSISTENT_PREFIX = re.compile(r"^(?:persistent|persistant|permanent)\s*[:,\-–—]?\s*(?=\S)", re.IGNORECASE)
_QUALIFIER = re.compile(r"^(?:about|approximately|approx\.?|up to|around|max(?:imum)?\.?|environ|jusqu.à)\s+",
                        re.IGNORECASE)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "twelve": 12, "thirteen": 13, "a": 1, "an": 1, "un": 1, "une": 1, "deux": 2,
                 "trois": 3, "quatre": 4, "cinq": 5, "dix": 10, "douze": 12, "treize": 13}
_LEADING_TERM = re.compile(
    rf"^(?P<number>[0-9]+(?:[.,][0-9]+)?|{'|'.join(sorted(_NUMBER_WORDS, key=len, reverse=True))})"
    rf"[ \t\u00a0\u202f-]*(?P<unit>{_UNIT_ALTERNATION})(?![a-zà-ÿ])", re.IGNORECASE)
_CLI_UNITS = {"y": YEAR, "yr": YEAR, "mo": MONTH, "w": WEEK, "d": DAY, "h": HOUR, "m": MINUTE, "min": MINUTE}
_CLI_DURATION = re.compile(r"^\s*([0-9]+(?:[.,][0-9]+)?)\s*([a-zé]+)\s*$", re.IGNORECASE)


def _spaces(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _unit_days(unit: str) -> float:
    """Days in one `unit` as matched case-insensitively ("Ans", "MIN")."""
    folded = unit.casefold()
    if folded in POLICY_UNITS:
        return POLICY_UNITS[folded]
    return next(days for name, days in POLICY_UNITS.items() if re.fullmatch(re.escape(name), unit, re.IGNORECASE))


def parse_policy_duration(text: str) -> tuple[float | None, bool]:
    """The lifetime a policy's wording starts with: '2 ans' -> (730.0, False); 'Session', 'When the browser
    closes' -> (None, True); 'Persistent: 1 year' -> (365.0, False); '6 months, or until you log out' ->
    (180.0, False). Raises IngestError on a wording that starts with no duration it knows."""
    wording = _PERSISTENT_PREFIX.sub("", _spaces(text))
    wording = _QUALIFIER.sub("", wording)
    if _SESSION_WORDING.match(wording) or _SESSION_WORDING.match(_SESSION_VERB.sub("", wording)):
        return None, True
    match = _LEADING_TERM.match(wording)
    if not match:
        raise IngestError(f"unknown duration {text!r}: expected 'Session' or a number and a unit such as '2 ans' or '30 days'")
    number = match.group("number")
    count = _NUMBER_WORDS.get(number.casefold()) or _number(number)
    days = count * _unit_days(match.group("unit"))
    if not math.isfinite(days):
        raise IngestError(f"duration {text!r} is too large")
    return days, False


def parse_cli_duration(text: str) -> float:
    """'1y', '6mo', '2w', '30d', '1h', '90m', '1.5y' (or '2 years', '6 mois') -> days. Raises ValueError."""
    match = _CLI_DURATION.match(text or "")
    if match:
        unit = match.group(2).casefold()
        per_day = _CLI_UNITS.get(unit, POLICY_UNITS.get(unit))
        if per_day is not None:
            days = _number(match.group(1)) * per_day
            if math.isfinite(days):
                return days
    raise ValueError(f"invalid duration {text!r}: use a number and a unit, e.g. 1y, 6mo, 2w, 30d, 1h or 90m")


_WORDS = {
    # unit: (en singular, en plural, fr singular, fr plural)
    "year": ("year", "years", "an", "ans"),
    "month": ("month", "months", "mois", "mois"),
    "week": ("week", "weeks", "semaine", "semaines"),
    "day": ("day", "days", "jour", "jours"),
    "hour": ("hour", "hours", "heure", "heures"),
    "minute": ("minute", "minutes", "minute", "minutes"),
}


def _whole(value: float, step: float = 1.0) -> bool:
    return abs(value / step - round(value / step)) < 1e-9


def humanize_days(days: float, lang: str = "en") -> str:
    """730 -> '2 years' ('2 ans'); 14 -> '2 weeks'; 540 -> '18 months'; 30 -> '30 days'; 10/1440 -> '10 minutes'."""
    if days < 1 and not _whole(days):
        minutes = days * 1440
        whole_hours = minutes >= 60 and _whole(minutes, 60)
        count, unit = (minutes / 60, "hour") if whole_hours or minutes >= 180 else (minutes, "minute")
    elif _whole(days / YEAR, 0.5) and days >= YEAR:
        count, unit = days / YEAR, "year"
    elif _whole(days / MONTH) and days >= 60:
        count, unit = days / MONTH, "month"
    elif _whole(days / WEEK) and WEEK <= days < 60:
        count, unit = days / WEEK, "week"
    elif _whole(days) or days >= 2:
        count, unit = days, "day"
    else:
        count, unit = days * 24, "hour"
    count = round(count, 1)
    shown = f"{count:g}"
    french = lang == "fr"
    if french:
        shown = shown.replace(".", ",")
        plural = count >= 2
    else:
        plural = count != 1
    words = _WORDS[unit]
    return f"{shown} {words[2 * french + plural]}"


def both_wordings(written: str, days: float, lang: str = "en") -> str:
    """The policy's wording, with the reader's beside it when they differ: '20 ans (20 years)', '2 years'."""
    from .text import fold
    written = " ".join(written.split())
    human = humanize_days(days, lang)
    if not written or fold(human) == fold(written):
        return written or human
    return f"{written} ({human})"
