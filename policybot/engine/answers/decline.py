"""Declining: the policy does not cover the question. Say so plainly, name what was asked, suggest what is close."""
from __future__ import annotations

from rapidfuzz import fuzz, process

from ...answer import Answer
from ...language.messages import say
from ...language.text import compact
from .. import tuning
from ..index import Passage
from ..reading import written_name
from .common import Context


def decline(ctx: Context, near: Passage | None) -> Answer:
    reading, lang, index = ctx.reading, ctx.lang, ctx.index
    names = [w for w in reading.unknown if len(w) >= 3] + list(reading.identifiers) + list(reading.unknown_names)
    suggestions: list[str] = []
    for word in names + ["".join(reading.unknown)]:
        key = compact(word)
        nearby = [name for size in range(max(2, len(key) - tuning.NAME_SUGGESTION_SPREAD),
                                         len(key) + tuning.NAME_SUGGESTION_SPREAD + 1)
                  for name in index.by_prefix.get((key[:2], size), ())]
        for found, score, _ in process.extract(key, nearby, scorer=fuzz.WRatio,
                                               score_cutoff=tuning.SUGGEST_CUTOFF, limit=3):
            choice = index.display_name[found]
            if choice not in suggestions:
                suggestions.append(choice)
    if near is not None:
        suggestions.append(near.titles.get(lang, near.section.title))
    shown = (reading.unknown_names[0] if reading.unknown_names else reading.identifiers[0] if reading.identifiers
             else written_name(reading.text, list(reading.unknown)))
    text = say(lang, "not_mentioned", name=shown) if shown else say(lang, "not_covered")
    return Answer(reading.raw, False, text, lang, 0.0, [], (suggestions or starter_questions(ctx.kb, lang))[:tuning.MAX_SUGGESTIONS],
                  "abstain", lead=text)


def starter_questions(kb, lang: str) -> list[str]:
    """Questions to try when nothing else can be suggested: one of the knowledge base's own cookies first."""
    first = kb.cookies[0].name if kb.cookies else "a cookie"
    return [say(lang, "starter_cookie", name=first), say(lang, "starter_essential"), say(lang, "starter_disable")]
