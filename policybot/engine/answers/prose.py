"""Answers from the policy's prose: the passage that covers the question, a category's definition (with its rows),
a vendor the prose talks about, and a cookie found by what it does."""
from __future__ import annotations

import re
from collections import Counter

from ...answer import Answer
from ...language.messages import say
from .. import tuning
from ..index import Passage, name_key
from ...language.text import fold
from ..reading import GENERIC_TERMS, QUESTION_CONCEPTS, QUESTION_CUES, CookieHit
from .common import Context, category_words, listing, prose_answer, quote
from .cookie import ASKABLE_ATTRIBUTES, asks, cookie_answer, may_ask_attributes
from .decline import decline

FILTER_CUES = frozenset(QUESTION_CUES + ("session", "persistent", "nowebsite", "category", "website", "exact",
                                         "ormore", "orless", "when", "between"))    # words that only filter or ask
DURATION_IN_TEXT = re.compile(r"\b\d+\s*(?:minutes?|hours?|days?|weeks?|months?|years?|heures?|jours?|semaines?|mois|ans|annees?)\b")
COOKIE_WORDS = {"cookie", "tracker", "trackers", "témoin"}     # a question about one cookie names one of these


def beyond_filters(ctx: Context) -> list[str]:
    """What a question with filters asks besides them: "can the site work without essential cookies?"."""
    if "beyond" not in ctx.memo:
        ctx.memo["beyond"] = _beyond_filters(ctx)
    return ctx.memo["beyond"]


def _beyond_filters(ctx: Context) -> list[str]:
    reading = ctx.reading
    filter_words = set(reading.consumed) | reading.category_words | {
        i for cue, spans in reading.cues.items() if cue in FILTER_CUES for start, end in spans for i in range(start, end)}
    terms = ctx.index.lexicon.terms([w for i, w in enumerate(reading.words) if i not in filter_words],
                                    language=reading.language)
    return [t for t in terms if t not in QUESTION_CONCEPTS and t not in GENERIC_TERMS]


def category_definition(ctx: Context) -> Answer | None:
    """'what are analytics cookies?': the subsection defining the category, and the rows in it."""
    reading, lang = ctx.reading, ctx.lang
    category = reading.categories[0]
    passage = ctx.index.category_passages.get(category)
    if passage is None:
        return None
    item = quote(ctx, passage, lead=not beyond_filters(ctx))
    rows = ctx.index.candidates(category, None)
    lines = []
    if rows:
        counts = Counter(c.name for c in rows)
        names = [name if n == 1 else say(lang, "name_rows", name=name, count=n) for name, n in counts.items()]
        shown = ", ".join(names[:tuning.LIST_TEXT_ROWS])
        if len(names) > tuning.LIST_TEXT_ROWS:
            shown += say(lang, "and_more_inline", count=len(names) - tuning.LIST_TEXT_ROWS)
        lines.append(say(lang, "category_rows", count=len(rows), words=category_words(category, lang), names=shown))
    return prose_answer(ctx, [item], tuning.CONFIDENCE["category_definition"],
                        extra_rows=rows, extra_lines=lines,
                        see_all={"category": category})


def prose_about_hit(ctx: Context) -> tuple[Passage, float] | None:
    """'the Facebook like button': a vendor named where the prose covers the rest of the question better
    than the vendor's rows do. The passage and its coverage, or None."""
    reading, index = ctx.reading, ctx.index
    hit = reading.hits[0]
    if len(reading.hits) > 1 or hit.how not in ("exact", "alias", "part") or len(reading.terms) < 1 \
            or reading.has("list") or may_ask_attributes(reading) and any(asks(ctx, a) for a in ASKABLE_ATTRIBUTES):
        return None
    name = fold(index.display_name[hit.key] if hit.how == "exact" else hit.written)
    if name not in index.prose_mentions:
        return None
    passage, coverage, _ = ctx.evidence.best_passage(mentioning=name)
    if passage is None or coverage < tuning.HIT_PROSE_MIN_COVERAGE:
        return None
    wanted = set(reading.terms)
    row_overlap = max(len(wanted & index.row_terms[r]) for r in index.rows_by_name[hit.key])
    if row_overlap >= len(wanted & (set(passage.terms) | passage.title_terms)):
        return None
    return passage, coverage


def hit_prose_answer(ctx: Context, passage: Passage, coverage: float) -> Answer:
    return prose_answer(ctx, [quote(ctx, passage, lead=False)],
                        tuning.PROSE_CONFIDENCE_BASE + tuning.HIT_PROSE_CONFIDENCE_SPAN * coverage)


def one_cookie_by_purpose(ctx: Context) -> bool:
    """'the cookie used for marketing automation': one cookie whose purpose says it all, not a category."""
    if ctx.reading.has("definition"):
        return False
    rows, coverage = ctx.evidence.rows_by_purpose()
    if not rows or coverage < tuning.ROW_STRONG_COVERAGE:
        return False
    return "cookie" in ctx.reading.words or ctx.evidence.purpose_matched >= 3   # "tracking pixel for … retargeting"


def prose_elsewhere(ctx: Context) -> bool:
    """'cookies in the subscription Services, not just the marketing sites': a category word in passing,
    while another passage covers the question well."""
    beyond = beyond_filters(ctx)
    if len(beyond) < 2:
        return False
    passage, coverage, _ = ctx.derived(ctx.reading.with_terms(beyond)).evidence.best_passage()
    home = ctx.index.category_passages.get(ctx.reading.categories[0])
    return passage is not None and coverage >= tuning.ELSEWHERE_MIN_COVERAGE and (
        home is None or passage.section is not home.section)


def search_answer(ctx: Context, wants_list: bool) -> Answer:
    """The prose or the rows that answer a question naming no cookie: a row by what it does, else a passage."""
    reading, evidence = ctx.reading, ctx.evidence
    passage, coverage, title_coverage = evidence.best_passage()
    rows, row_coverage = evidence.rows_by_purpose()
    names_a_cookie = bool(COOKIE_WORDS.intersection(reading.words))
    singular = names_a_cookie and not reading.has("definition")   # "the cookie that stores ..."
    # "which cookie keeps me signed in … so I don't have to log in every single time?": one row stands out
    clear = names_a_cookie and evidence.purpose_matched >= 2 and evidence.purpose_margin >= tuning.ROW_CLEAR_MARGIN
    if rows and (row_coverage >= tuning.ROW_MIN_COVERAGE or clear) and not reading.browsers and (
            singular or clear or (row_coverage >= max(tuning.ROW_STRONG_COVERAGE, coverage + tuning.ROW_OVER_PROSE)
                                  and (evidence.purpose_matched >= 2 or row_coverage >= 0.99))):
        if wants_list:
            return listing(ctx, rows, say(ctx.lang, "cookies_match", count=len(rows)), None,
                           confidence=tuning.PURPOSE_LIST_CONFIDENCE_BASE + tuning.PURPOSE_LIST_CONFIDENCE_SPAN * row_coverage)
        answer = cookie_answer(ctx.derived(reading.with_hits([CookieHit(name_key(rows[0].name), "purpose",
                                                                         tuning.SCORE_PURPOSE, "")])))
        answer.confidence = tuning.PURPOSE_CONFIDENCE_BASE + tuning.PURPOSE_CONFIDENCE_SPAN * row_coverage
        return answer
    notes_or_opening = passage is not None and passage.section.number in ("notes", "preamble")
    needed = tuning.NOTES_MIN_COVERAGE if notes_or_opening else tuning.PROSE_MIN_COVERAGE
    if passage is not None and reading.guessed and not (set(reading.terms) - reading.guessed - GENERIC_TERMS) & passage.all_terms:
        passage = None      # only corrected typos match ("price of Zendesk Suite" is not "privée … site")
    if reading.has("duration") and not reading.browsers and (passage is None or not DURATION_IN_TEXT.search(passage.folded)):
        return decline(ctx, None)       # "how long do you keep my data?": only a passage that gives a duration answers
    if passage is not None and (coverage >= needed or reading.browsers and coverage >= tuning.BROWSER_MIN_COVERAGE):
        asks_what_the_title_asks = bool(QUESTION_CONCEPTS & set(reading.terms) & passage.title_terms)
        lead = passage.position == 0 and not reading.browsers and title_coverage >= tuning.LEAD_TITLE_COVERAGE
        quotes = [quote(ctx, passage, lead=lead, lead_if_near=passage.position == 0 and asks_what_the_title_asks)]
        following = ctx.index.next_passage(passage)
        if following is not None and not reading.browsers and quotes[0].text.rstrip().endswith(":"):
            quotes.append(quote(ctx, following, lead=True))      # "… or write to us at:" goes on in the next one
        second = evidence.second_passage(passage, coverage)
        if second is not None:          # "consent": the policy speaks of it in two places, equally
            quotes.append(quote(ctx, second, lead=False))
        confidence = tuning.PROSE_CONFIDENCE_BASE + tuning.PROSE_CONFIDENCE_SPAN * coverage
        confidence -= tuning.UNKNOWN_WORD_CONFIDENCE_PENALTY * len(reading.unknown)
        return prose_answer(ctx, quotes, max(tuning.PROSE_CONFIDENCE_BASE, confidence))
    return decline(ctx, passage if coverage >= tuning.NEAR_MIN_COVERAGE else None)
