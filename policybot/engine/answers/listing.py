"""Answers over the cookie table: lists with filters (negations included), counts, extremes, the categories."""
from __future__ import annotations

from ...answer import Answer
from ...knowledge import Cookie
from ...knowledge.filters import filter_cookies, site_verdicts
from ...language.durations import humanize_days
from ...language.messages import say
from .. import tuning
from .common import (Context, category_words, number_words, sources_and_citations, duration_words, lifetime_days, listing, shorten)
from ..index import name_key


def filtered_rows(ctx: Context, rows: list[Cookie] | None = None) -> tuple[list[Cookie], bool | None]:
    """The rows that pass every filter the question sets, and its session filter (None: either)."""
    reading, index = ctx.reading, ctx.index
    session = True if reading.has("session") and reading.negated_session is None else \
        False if reading.has("persistent") and reading.negated_session is None else None
    if reading.negated_session is not None:
        session = not reading.negated_session
    lifetime = reading.lifetime
    if session is None and lifetime and not lifetime.negated:
        session = False       # a session cookie has no stated lifetime to compare
    category = reading.categories[0] if reading.categories else None
    site = reading.sites[0] if reading.sites else None
    covering = index.domain_documents.get(site, []) if site else []
    source = rows if rows is not None else index.candidates(category, None if covering else site)
    if reading.documents and not site:
        source = [c for c in source if c.document in reading.documents]
    bounds = {} if lifetime.negated else {"min_days": lifetime.min_days, "max_days": lifetime.max_days}
    # the index's candidates are of the category already, and of the site when no document covers its domain
    kept = filter_cookies(source, category=category if rows is not None else None, session=session, **bounds)
    of_the_site = rows is None and not covering and site in index.rows_by_site
    if site and not of_the_site:    # a row with no website counts as set on a domain its document says it covers
        on_site = site_verdicts(site)
        kept = [c for c in kept if on_site(c.website) or (not c.website and c.document in covering)]
    if lifetime.exact_days is not None and not lifetime.negated:
        kept = [c for c in kept if c.duration_days is not None and not c.session
                and abs(c.duration_days - lifetime.exact_days) <= tuning.EXACT_DURATION_TOLERANCE * lifetime.exact_days]
    if lifetime.negated:                        # "cookies that don't last longer than 30 days", "… don't last 2 years"
        kept = [c for c in kept if not _within(c, lifetime)]
    if reading.has("nowebsite"):
        kept = [c for c in kept if not c.website]
    if reading.negated_categories:
        kept = [c for c in kept if c.category not in reading.negated_categories]
    if reading.negated_sites:
        denied = [site_verdicts(s) for s in reading.negated_sites]
        kept = [c for c in kept if not any(on_site(c.website) for on_site in denied)]
    if reading.excluded:
        kept = [c for c in kept if name_key(c.name) not in reading.excluded]
    return kept, session


def _within(cookie: Cookie, lifetime) -> bool:
    """Whether a row's lifetime meets the bounds (a session cookie meets only an upper bound)."""
    if lifetime.exact_days is not None:
        return cookie.duration_days is not None and not cookie.session and \
            abs(cookie.duration_days - lifetime.exact_days) <= tuning.EXACT_DURATION_TOLERANCE * lifetime.exact_days
    return bool(filter_cookies([cookie], min_days=lifetime.min_days, max_days=lifetime.max_days))


def see_all(ctx: Context, session: bool | None) -> dict:
    """The filters that list every row of this list (the terminal shows them as `policybot cookies …`)."""
    reading, filters = ctx.reading, {}
    lifetime = reading.lifetime
    if reading.categories:
        filters["category"] = reading.categories[0]
    if reading.sites:
        filters["site"] = reading.sites[0]
    if session is True:
        filters["session"] = True
    elif session is False and (lifetime.max_days is not None or reading.has("persistent") or reading.negated_session):
        filters["session"] = False      # otherwise a bound on the lifetime would count session cookies too
    if not lifetime.negated:
        if lifetime.min_days is not None:
            filters["longer_than_days"] = _outside(lifetime.min_days, -1) if lifetime.inclusive else round(lifetime.min_days, 6)
        if lifetime.max_days is not None:
            filters["shorter_than_days"] = _outside(lifetime.max_days, +1) if lifetime.inclusive else round(lifetime.max_days, 6)
    if reading.has("nowebsite"):
        filters["no_website"] = True
    if len(reading.documents) == 1 and not reading.sites:
        filters["document"] = reading.documents[0]
    if reading.negated_categories or reading.negated_sites or lifetime.negated or lifetime.exact_days is not None \
            or reading.excluded:
        return {}                       # no `policybot cookies` filter says "not" or "exactly": the sources have all
    return filters


def describe(ctx: Context, session: bool | None) -> str:
    """'essential persistent cookies on www.zendesk.com lasting more than 1 year', in the reader's language."""
    reading, lang = ctx.reading, ctx.lang
    lifetime = reading.lifetime
    described = []
    if reading.categories:
        described.append(category_words(reading.categories[0], lang))
    if session:
        described.append(say(lang, "session_word"))
    elif session is False and (reading.has("persistent") or reading.negated_session):
        described.append(say(lang, "persistent_word"))
    what = " ".join(["cookies"] + described) if lang == "fr" else " ".join(described + ["cookies"])
    conditions = []
    if reading.negated_categories:
        conditions.append(say(lang, "not_category", words=" / ".join(category_words(c, lang) for c in reading.negated_categories)))
    if reading.sites:
        conditions.append(say(lang, "on_site", site=reading.sites[0]).strip())
    if reading.negated_sites:
        conditions.append(say(lang, "not_on_site", site=", ".join(reading.negated_sites)))
    if reading.excluded:
        conditions.append(say(lang, "other_than", names=", ".join(ctx.index.display_name[k] for k in reading.excluded)))
    bound_words = []
    if lifetime.min_days is not None:
        bound_words.append(say(lang, "at_least" if lifetime.inclusive else "more_than",
                               amount=humanize_days(round(lifetime.min_days, 4), lang)))
    if lifetime.max_days is not None:
        bound_words.append(say(lang, "at_most" if lifetime.inclusive else "less_than",
                               amount=humanize_days(round(lifetime.max_days, 4), lang)))
    if lifetime.exact_days is not None:
        bound_words.append(humanize_days(lifetime.exact_days, lang))
    if bound_words:
        key = "not_lasting" if lifetime.negated else "lasting"
        conditions.append(say(lang, key, bounds=say(lang, "and_word").join(bound_words)))
    if reading.has("nowebsite"):
        conditions.append(say(lang, "no_website_given"))
    for document_id in reading.documents if not reading.sites else ():
        document = ctx.kb.document(document_id)
        conditions.append(say(lang, "in_document", title=document.title if document else document_id))
    return " ".join([what] + conditions)


def list_answer(ctx: Context) -> Answer:
    """'advertising cookies on www.zendesk.com', 'cookies that aren't analytics', '10 years or more'."""
    reading, lang = ctx.reading, ctx.lang
    rows, session = filtered_rows(ctx)
    description = describe(ctx, session)
    filters = see_all(ctx, session)
    if not rows:
        text = say(lang, "lists_none", description=description)
        return Answer(reading.raw, True, text, lang, tuning.CONFIDENCE["empty_list"], [], [], "list", filters, lead=text)
    if len(rows) == 1:
        description = description.replace("cookies", "cookie", 1)
    answer = listing(ctx, rows, say(lang, "lists", count=len(rows), description=description), filters)
    if reading.lifetime.max_days is not None and session is False and not reading.has("persistent") \
            and reading.negated_session is None and not reading.lifetime.negated:
        sessions = len(filter_cookies(ctx.kb.cookies, category=reading.categories[0] if reading.categories else None,
                                      site=reading.sites[0] if reading.sites else None, session=True))
        if sessions:
            note = say(lang, "not_counted_sessions", count=sessions)
            answer.text += "\n" + note
            answer.notes.append(note)
    return answer


def mentions_answer(ctx: Context, rows: list[Cookie]) -> Answer:
    """The rows whose purpose or provider names the vendor the question asks about."""
    return listing(ctx, rows, say(ctx.lang, "cookies_match", count=len(rows)), None)


def count_answer(ctx: Context) -> Answer:
    """'how many advertising cookies are there?': the number first (rows, and distinct names when they differ)."""
    reading, lang = ctx.reading, ctx.lang
    if reading.has_filter:
        rows, session = filtered_rows(ctx)
        description = describe(ctx, session)
        filters = see_all(ctx, session)
    else:
        rows, description, filters = list(ctx.kb.cookies), "cookies", {}
    names = len({name_key(c.name) for c in rows}) if reading.has_filter else len(ctx.index.rows_by_name)
    if not rows:
        lead = say(lang, "lists_none", description=description)
    elif names != len(rows):
        lead = say(lang, "count_rows_names", count=len(rows), description=description, names=names)
    else:
        lead = say(lang, "count_rows", count=len(rows), description=description)
    if not reading.has_filter:
        sites = len({c.website for c in rows if c.website})
        lead += say(lang, "count_sites", sites=sites)
    answer = listing(ctx, rows, lead, filters, kind="count", confidence=tuning.CONFIDENCE["count"])
    return answer


def extreme_answer(ctx: Context, longest: bool) -> Answer:
    """'which cookie lasts the longest?', 'the shortest persistent cookie on www.zendesk.com', 'top 3 longest'.

    Session cookies have no fixed lifetime: they are left out and counted in a note.
    """
    reading, lang = ctx.reading, ctx.lang
    named = [c for hit in reading.hits for c in ctx.rows(hit.key)]
    rows, _ = filtered_rows(ctx, named if len(named) >= 2 else None)
    timed = [c for c in rows if not c.session and c.duration_days is not None]
    sessions = len(rows) - len(timed)
    if not timed:
        text = say(lang, "no_timed")
        return Answer(reading.raw, True, text, lang, tuning.CONFIDENCE["empty_list"], [], [], "extreme", None, lead=text)
    ordered = sorted(timed, key=lambda c: (-lifetime_days(c) if longest else lifetime_days(c), c.row))
    cut = lifetime_days(ordered[min(reading.top, len(ordered)) - 1])
    chosen = [c for c in ordered if (lifetime_days(c) >= cut if longest else lifetime_days(c) <= cut)]
    first = chosen[0]
    key = "longest" if longest else "shortest"
    if len(chosen) == 1:
        lead = say(lang, f"{key}_one", name=first.name, lasts=duration_words(first, lang))
    else:
        lead = say(lang, f"{key}_many", names=", ".join(f"{c.name} ({duration_words(c, lang)})" for c in chosen))
    lines = [lead]
    notes = []
    if sessions and not longest:
        notes.append(say(lang, "sessions_not_ranked", count=sessions))
    text = "\n".join(lines + notes)
    sources, citations = sources_and_citations(ctx, chosen)
    return Answer(reading.raw, True, text, lang, tuning.CONFIDENCE["extreme"], sources, [], "extreme", None, lead=lead,
                  notes=notes, citations=citations)


def categories_answer(ctx: Context) -> Answer:
    """The categories the policy sorts cookies into, each with its number of rows."""
    lang, index = ctx.lang, ctx.index
    lines, sources = [], []
    passages = sorted(index.category_passages.items(), key=lambda item: item[1].section.number)
    for code, passage in passages:
        count = len(index.rows_by_category.get(code, ()))
        lines.append(f"• {passage.titles.get(lang, passage.section.title)} " + say(lang, "category_count", count=count))
        sources.append({"type": "section", "number": passage.section.number, "title": passage.section.title,
                        "excerpt": shorten(passage.versions[passage.original_language], tuning.CATEGORY_EXCERPT_CHARS)})
    parent = passages[0][1].section.parent if passages else None
    count = number_words(len(passages), lang)
    where = say(lang, "in_section", number=parent) if parent else ""
    intro = say(lang, "sorts_into", count=count, where=where)
    return Answer(ctx.reading.raw, True, "\n".join([intro] + lines), lang, tuning.CONFIDENCE["categories"], sources, [],
                  "categories", lead=intro)


def all_cookies_answer(ctx: Context) -> Answer:
    rows, index = ctx.kb.cookies, ctx.index
    intro = say(ctx.lang, "table_has", rows=len(rows), names=len(index.rows_by_name), sites=len(index.websites))
    return listing(ctx, list(rows), intro, {})


def _outside(days: float, direction: int) -> float:
    """The whole day (or minute) just past an inclusive bound, for the terminal's strict --longer/--shorter-than."""
    if days >= 2:
        return round(days) + direction
    return (round(days * 1440) + direction) / 1440
