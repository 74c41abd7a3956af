"""Answers about named cookies: what one is, one fact about it (with a yes/no verdict when asked), two compared,
and a vendor's family of cookies."""
from __future__ import annotations

from ...answer import Answer
from ...knowledge import Cookie
from ...knowledge.filters import filter_cookies, site_matches
from ...language.durations import humanize_days
from ...language.messages import say
from ...language.text import compact, fold, tokens
from .. import tuning
from ..reading import CookieHit
from .common import (Context, category_words, domain_covers as _domain_covers, duration_words, lifetime_days, listing,
                     sources_and_citations, worded)

ASKABLE_ATTRIBUTES = ("duration", "category", "website", "session")    # what a question may ask of one cookie
ATTRIBUTE_CUE_NAMES = frozenset(ASKABLE_ATTRIBUTES + ("persistent",))   # the cues `asks` reads


def asks(ctx: Context, attribute: str) -> bool:
    """Whether the question asks this attribute of the cookie it names."""
    reading = ctx.reading
    if attribute == "category":
        if reading.has("category"):
            return True
        if not (reading.categories or reading.negated_categories):
            return False
        if supposes_category(reading):
            return True
        others = [w for i, w in enumerate(reading.words) if i not in reading.consumed and i not in reading.category_words]
        return not ctx.index.lexicon.terms(others, language=reading.language)
    if attribute == "session":
        return reading.has("session") or reading.has("persistent") or reading.negated_session is not None
    if attribute == "website":
        return reading.has("website") or bool(reading.sites or reading.negated_sites)
    if attribute == "duration":
        return reading.has("duration") or bool(reading.lifetime)
    return reading.has(attribute)


def may_ask_attributes(reading) -> bool:
    """Whether the question could ask any attribute at all (a cue, a category, a website, a lifetime, a negation):
    most questions naming a cookie ask what it is, and skip `asks` altogether."""
    return bool(not ATTRIBUTE_CUE_NAMES.isdisjoint(reading.cues) or reading.categories or reading.negated_categories
                or reading.sites or reading.negated_sites or reading.negated_session is not None or reading.lifetime)


SUPPOSING_WORDS = frozenset({"a", "an", "as", "un", "une", "comme", "is", "est", "sont", "are"})
COOKIE_NOUNS = frozenset({"cookie", "cookies", "tracker", "temoin"})


def supposes_category(reading) -> bool:
    """'is Gauge an analytics cookie?', 'classed as a targeting cookie': the question names the category the
    cookie would be in (an article or 'as' before it, or 'cookie' right after it)."""
    for position in sorted(reading.category_words):
        if position - 1 in reading.category_words:
            continue
        end = position
        while end in reading.category_words:
            end += 1
        if SUPPOSING_WORDS.intersection(reading.words[max(0, position - 2):position]) \
                or reading.words[end:end + 1] and reading.words[end] in COOKIE_NOUNS:
            return True
    return False


def cookie_answer(ctx: Context, hit: CookieHit | None = None) -> Answer:
    """The named cookie: its purpose and row, or the facts asked of it first."""
    reading, lang = ctx.reading, ctx.lang
    hit = hit or reading.hits[0]
    rows = ctx.rows(hit.key)
    extra_rows = [c for h in reading.hits[1:3] if h.key != hit.key for c in ctx.rows(h.key)] if len(reading.hits) > 1 else []
    name = rows[0].name
    asked = [a for a in ASKABLE_ATTRIBUTES if asks(ctx, a)] if may_ask_attributes(reading) else []
    if hit.how == "purpose" and "category" in asked and not reading.categories:
        purpose = set(tokens(rows[0].purpose))      # "…depending on the visitor type?" names the purpose
        if all(set(reading.words[s:e]) <= purpose for s, e in reading.cues.get("category", ())):
            asked.remove("category")
    facts = []
    if "duration" in asked and extra_rows and not reading.lifetime:
        longer = True if reading.has("more") else False if reading.has("less") else None
        facts.append(comparison(rows[0], extra_rows[0], longer=longer, lang=lang))
        asked.remove("duration")
    for attribute in asked:
        facts.append(fact(ctx, attribute, rows))
    lines = [f for f in facts if f]
    if not lines:
        if len(rows) == 1:
            lines.append(f"{name}: {rows[0].purpose.rstrip('.')}.")
        else:
            lines.append(say(lang, "appears_times", name=name, count=len(rows)))
    lead = lines[0]
    wording = "named row" if len(rows) > 1 or asked else "row"
    lines += [worded(ctx, cookie, wording, lang) for cookie in rows]
    lines += [worded(ctx, cookie, "named row", lang) for cookie in extra_rows]
    notes = []
    if hit.how in ("fuzzy", "alias", "pattern") and compact(hit.written) != hit.key:
        notes.append(say(lang, "read_as", written=hit.written, name=name))
    row_notes = [n for c in rows for n in c.notes]
    if row_notes and asked:
        notes.append(say(lang, "note") + "; ".join(dict.fromkeys(row_notes)) + ".")
    confidence = tuning.CONFIDENCE.get(hit.how)
    if confidence is None:
        confidence = max(tuning.FUZZY_CONFIDENCE_FLOOR,
                         tuning.FUZZY_CONFIDENCE_BASE + tuning.FUZZY_CONFIDENCE_SPAN * (hit.score - 80) / 20)
    sources, citations = sources_and_citations(ctx, rows + extra_rows)
    return Answer(reading.raw, True, "\n".join(lines + notes), lang, confidence, sources, [],
                  "attribute" if asked else "cookie", lead=lead, notes=notes, citations=citations)


def comparison(first: Cookie, second: Cookie, *, longer: bool | None, lang: str) -> str:
    """'does X last longer than Y?' -> 'Yes: X (1.5 years) lasts longer than Y (540 jours (18 months)).'

    `longer` is what the question supposes of the first (None when it only asks which lasts longer).
    """
    a, b = f"{first.name} ({duration_words(first, lang)})", f"{second.name} ({duration_words(second, lang)})"
    if lifetime_days(first) == lifetime_days(second):
        return say(lang, "as_long_verdict" if longer is not None else "as_long", a=a, b=b)
    first_longer = lifetime_days(first) > lifetime_days(second)
    if longer is None:                      # "which lasts longer?": the longer one first
        a, b = (a, b) if first_longer else (b, a)
        return say(lang, "lasts_longer", a=a, b=b)
    verdict = say(lang, "yes_colon" if first_longer == longer else "no_colon")
    return verdict + say(lang, "lasts_longer" if first_longer else "ends_sooner", a=a, b=b)


def fact(ctx: Context, attribute: str, rows: list[Cookie]) -> str:
    """The sentence that answers one attribute question, for every row of the name, with a verdict when the
    question supposes something (a category, a website, session or persistent, a lifetime)."""
    reading, lang, name = ctx.reading, ctx.lang, rows[0].name
    if attribute == "website":
        return _website_fact(ctx, rows)
    parts = []
    for cookie in rows:
        who = name + (f" ({cookie.website})" if len(rows) > 1 and cookie.website else "")
        lasts = duration_words(cookie, lang)
        if attribute == "session":
            wants_session = reading.has("session") and not reading.has("persistent")
            if reading.negated_session is not None:
                wants_session = not reading.negated_session
            elif reading.has("session") and reading.has("persistent"):      # "session or persistent?"
                parts.append(say(lang, "is_session" if cookie.session else "lasts", who=who, lasts=lasts))
                continue
            if cookie.session:
                key = "is_session_yes" if wants_session else "is_session_no_persistent"
            else:
                key = "is_persistent_no_session" if wants_session else "is_persistent_yes"
            parts.append(say(lang, key, who=who, lasts=lasts))
        elif attribute == "duration":
            parts.append(_duration_fact(ctx, cookie, who, lasts))
        elif attribute == "category":
            label = category_words(cookie.category, lang)
            sentence = say(lang, "in_category", who=who, label=cookie.category_label, words=label)
            supposed = reading.categories or reading.negated_categories
            if supposed:
                same = supposed[0] == cookie.category
                if reading.negated_categories and not reading.categories:
                    same = not same             # "is it true that Optimizely is not an advertising cookie?"
                sentence = say(lang, "verdict_yes" if same else "verdict_no") + sentence
            parts.append(sentence)
    return " ".join(dict.fromkeys(parts))


def _duration_fact(ctx: Context, cookie: Cookie, who: str, lasts: str) -> str:
    """'X lasts 2 years.' — with a verdict when the question supposes a lifetime ('longer than a year?')."""
    lang, lifetime = ctx.lang, ctx.reading.lifetime
    if cookie.session:
        sentence = say(lang, "is_session", who=who)
    else:
        sentence = say(lang, "lasts", who=who, lasts=lasts)
    if not lifetime:
        return sentence
    days = lifetime_days(cookie) if not cookie.session else None
    if lifetime.exact_days is not None:
        holds = days is not None and abs(days - lifetime.exact_days) <= tuning.EXACT_DURATION_TOLERANCE * lifetime.exact_days
        supposed = humanize_days(lifetime.exact_days, lang)
    else:
        holds = days is not None and (lifetime.min_days is None or days > lifetime.min_days) and (
            lifetime.max_days is None or days < lifetime.max_days)
        if cookie.session and lifetime.max_days is not None and lifetime.min_days is None:
            holds = True                        # a session cookie ends before any bound
        supposed = None
    if lifetime.negated:
        holds = not holds
    verdict = say(lang, "yes_colon" if holds else "no_colon")
    if supposed and not holds and days is not None:
        return verdict + sentence + say(lang, "not_supposed", supposed=supposed)
    return verdict + sentence


def _website_fact(ctx: Context, rows: list[Cookie]) -> str:
    """Where the cookie is set; with one verdict over all its rows when the question names a website
    (a row set on "All Websites" counts for every site)."""
    lang, reading, name = ctx.lang, ctx.reading, rows[0].name
    sites = list(dict.fromkeys(c.website for c in rows if c.website))
    sentence = say(lang, "set_on", name=name, site=", ".join(sites)) if sites else say(lang, "no_site_given", name=name)
    supposed = reading.sites or reading.negated_sites
    if not supposed:
        return sentence
    holds = any(site_matches(c.website, site) or _all_websites(c.website) or _domain_covers(c.website, site)
                for c in rows for site in supposed)
    if reading.negated_sites and not reading.sites:
        holds = not holds
    return say(lang, "verdict_yes" if holds else "verdict_no") + sentence


def _all_websites(website: str | None) -> bool:
    return bool(website) and "." not in website and fold(website).startswith(("all", "tous"))


def family_answer(ctx: Context, hit: CookieHit) -> Answer:
    """'what cookies does Facebook set?': every row of the names sharing the vendor's first word."""
    reading, lang, index = ctx.reading, ctx.lang, ctx.index
    keys = index.provider_names.get(compact(hit.written), []) if hit.how == "provider" else index.family_of.get(hit.key, [])
    rows = sorted((c for key in keys for c in ctx.rows(key)), key=lambda c: (c.document, c.row))
    if reading.sites or reading.categories:             # "Facebook cookies on zopim.com"
        rows = filter_cookies(rows, category=reading.categories[0] if reading.categories else None,
                              site=reading.sites[0] if reading.sites else None)
    if reading.negated_categories:
        rows = [c for c in rows if c.category not in reading.negated_categories]
    vendor = hit.written if hit.how == "provider" else index.display_name[hit.key].split()[0]
    where = say(lang, "on_site", site=reading.sites[0]) if reading.sites else ""
    return listing(ctx, rows, say(lang, "family_intro", count=len(rows), vendor=vendor, where=where), None)


def refine_in_family(ctx: Context, hit: CookieHit) -> CookieHit:
    """'Facebook ... custom audiences': a vendor's name plus words of one of its cookies' purposes."""
    index = ctx.index
    named_only_the_vendor = " " not in index.display_name[hit.key].strip() and hit.key in index.families
    family = index.family_of.get(hit.key, []) if hit.how == "exact" and named_only_the_vendor else []
    wanted = set(ctx.reading.terms)
    if not family or not wanted:
        return hit

    def overlap(key: str) -> int:
        return max(len(wanted & index.row_terms[row]) for row in index.rows_by_name[key])
    best = max(family, key=lambda key: (overlap(key), key == hit.key))
    if overlap(best) >= max(2, overlap(hit.key) + 1):
        return CookieHit(best, "family", tuning.SCORE_FAMILY, hit.written)
    return hit
