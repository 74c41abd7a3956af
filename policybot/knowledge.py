"""Knowledge files <-> validated dataclasses, and the indexes built once when they load."""
from __future__ import annotations

from dataclasses import dataclass, field

CATEGORIES = ("essential", "analytics", "functionality", "advertising")


@dataclass(frozen=True)
class Cookie:
    """One row of the policy's cookie table, in source order (`row` counts from 1)."""
    row: int
    name: str
    website: str | None          # None where the policy gives no website
    purpose: str
    duration: str                # as written: "2 ans", "Session", "1.5 years"
    duration_days: float | None  # None for a session cookie
    session: bool
    category: str                # one of CATEGORIES
    category_label: str          # as written: "Analyses", "Targeting /Advertising"
    notes: tuple[str, ...] = ()  # data-quality notes found while parsing ("no website in the policy", ...)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of prose; `id` is stable across builds of the same text ("5.p2")."""
    id: str
    language: str                # "en" or "fr"
    text: str
    sha: str                     # first 12 hex digits of sha256(text), to detect changed sources


@dataclass(frozen=True)
class Section:
    """A numbered section ("5") or a category subsection ("5.1")."""
    number: str
    title: str
    title_language: str
    paragraphs: tuple[Paragraph, ...]
    parent: str | None = None    # "5" for "5.1"


@dataclass(frozen=True)
class Metadata:
    """What the document says about itself (status line, dates, notes)."""
    title: str
    status: str | None             # "Previous Version, No Longer in Effect as of December 2, 2019"
    in_effect: bool | None         # False when the status says it is no longer in effect
    superseded_on: str | None      # ISO date, "2019-12-02"
    effective_on: str | None       # ISO date, "2019-01-25"
    effective_text: str | None     # the whole "Effective as of ..." paragraph, as written
    last_updated_on: str | None    # ISO date, "2018-11-21"
    last_updated_text: str | None  # "Dernière mise à jour 21 novembre 2018"
    notes: tuple[str, ...] = ()    # trademark notes and other trailing lines
