"""Intent: what kind of answer a reading asks for, from a declared, ordered list of rules.

Each rule has a name, a test on the question's context (returning what it found, or None) and a composer.
The first rule whose test answers wins. A new kind of question is one rule here and one composer in `answers/`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from ..answer import Answer
from ..language.text import fold
from .answers import cookie as cookie_answers
from .answers import document, listing, prose
from .answers.common import Context
from .answers.decline import decline
from .lexicon import CONCEPT
from .reading import GENERIC_TERMS

ATTRIBUTE_CUES = ("duration", "category", "website", "session", "persistent")
POLICY_WORDS = ("policy", "politique")
DOCUMENT_CUES = frozenset({"effective", "status", "superseded", "edition", "updated", "when"})   # asks of its dates
WHY = CONCEPT + "why"                     # the concept of "why …?", "what for", "pourquoi"
DISABLE = CONCEPT + "disable"             # turning cookies off, blocking, deleting them


@dataclass(frozen=True)
class Rule:
    """One kind of question: `test(ctx)` returns what the composer needs (True when nothing), or None."""
    name: str
    test: Callable[[Context], Any]
    compose: Callable[[Context, Any], Answer | None]


WHICH_WORDS = frozenset({"which", "what", "quels", "quelles"})
COOKIE_PLURALS = frozenset({"cookies", "trackers", "temoins"})


def wants_list(ctx: Context) -> bool:
    reading = ctx.reading
    return reading.has("list") or (reading.plural_cookies and not reading.hits)


def which_category_cookies(ctx: Context) -> bool:
    """'which advertising cookies …', 'quels cookies analytiques …': a list asked for by its category."""
    reading, words = ctx.reading, ctx.reading.words
    for i, word in enumerate(words):
        if word in WHICH_WORDS:
            following = range(i + 1, min(len(words), i + 5))
            plural = next((j for j in following if words[j] in COOKIE_PLURALS), None)
            if plural is not None and any(j in reading.category_words for j in range(i + 1, plural + 2)) \
                    and all(j in reading.category_words for j in range(i + 1, plural)):
                return True
    return False


def document_topic(ctx: Context) -> str | None:
    """'effective', 'updated' or 'status' when the question is about the document's own dates and status."""
    reading = ctx.reading
    cues = reading.cues
    if reading.hits or "often" in cues or DOCUMENT_CUES.isdisjoint(cues):
        return None                         # "how often is the list updated?" is in the prose, not a date
    if "effective" in cues and "when" in cues:
        return "effective"
    if "status" in cues or "superseded" in cues or "edition" in cues:
        return "status"
    if "updated" in cues and ("when" in cues or any(end - start > 1 for start, end in cues["updated"])):
        return "updated"
    if "effective" in cues and len(reading.terms) <= 2:
        return "effective"
    if "when" in cues and any(w in POLICY_WORDS for w in reading.words) and not prose.beyond_filters(ctx):
        return "effective"                  # "policy date": the dates the document gives itself
    return None


def extreme(ctx: Context) -> bool | None:
    """True for 'the longest-lasting cookie', False for 'the first to expire'; None otherwise."""
    reading = ctx.reading
    if ("longest" in reading.cues) == ("shortest" in reading.cues):
        return None
    if len(reading.hits) == 1:
        return None
    return reading.has("longest")


COUNTED = frozenset({"cookie", "cookies", "temoin", "temoins", "row", "rows", "entries", "websites", "sites", "domains",
                     "names", "vendors", "trackers", "lignes"})
COUNTED_REACH = 3                       # "how many different advertising cookies": the counted noun comes soon


def count(ctx: Context) -> bool | None:
    """'how many advertising cookies are there?', 'combien de cookies analytiques ?', 'cookie count for zopim.com'."""
    reading = ctx.reading
    if not reading.has("count") or reading.hits or (reading.has("category") and not reading.categories):
        return None
    words = reading.words
    counted = any(w in COUNTED for _, end in reading.cues["count"] for w in words[max(0, end - 2):end + COUNTED_REACH])
    return True if counted else None


def vendor_family(ctx: Context):
    """'what cookies does Facebook set?': a bare vendor name that heads several cookie names, or a provider."""
    reading, index = ctx.reading, ctx.index
    if not reading.hits or not (reading.plural_cookies or "list" in reading.cues
                                or any(h.how == "provider" for h in reading.hits)):
        return None                         # a family is named by a hit: no hit, no family
    providers = [h for h in reading.hits if h.how == "provider"]    # "which cookies does Intercom set?"
    if providers:
        return ("family", providers[0])
    families = [h for h in reading.hits if h.how == "exact" and index.family_of.get(h.key)
                and " " not in index.display_name[h.key].strip()]    # "Facebook", not "Facebook Business"
    if not families:
        return None
    if not reading.has("list"):
        about = prose.prose_about_hit(ctx)             # "does the Facebook Like button set cookies?"
        if about:
            return ("prose", about)
    return ("family", families[0])


def unknown_identifier(ctx: Context) -> bool | None:
    reading = ctx.reading
    return True if not reading.hits and (reading.unknown_identifier() or reading.unknown_names) else None


def offtopic(ctx: Context) -> bool | None:
    """'do you sell cookie data?', 'what is the price of …': not a cookie policy's subject, unless a cookie is named."""
    reading, lexicon = ctx.reading, ctx.index.lexicon
    if lexicon.offtopic_words.isdisjoint(reading.words) or any(h.how in ("exact", "pattern") for h in reading.hits):
        return None
    words = reading.words
    found = any(tuple(words[i:i + len(p)]) == p for p in lexicon.offtopic for i in range(len(words) - len(p) + 1))
    return True if found else None


def vendors_own_policy(ctx: Context) -> bool | None:
    """'what is the cookie policy of Facebook?': not this policy's to say."""
    reading = ctx.reading
    if not reading.hits:
        return None
    text = fold(reading.text)
    if "polic" not in text and "politique" not in text:
        return None
    for hit in reading.hits:
        name = re.escape(fold(hit.written))
        if re.search(rf"(polic(y|ies)|politique) (of|de|d') ?(the )?{name}|{name}(’s|'s)? (own )?((cookie|privacy) )?polic", text):
            return True
    return None


def hit_in_prose(ctx: Context):
    return prose.prose_about_hit(ctx) if ctx.reading.hits else None


def unrelated_to_named_cookie(ctx: Context) -> bool | None:
    """'our budget split between Google Ads and Meta': a name read loosely amid words the cookie does not explain."""
    reading, index = ctx.reading, ctx.index
    if not reading.hits or len(reading.unknown) < 2 or any(h.how == "exact" for h in reading.hits):
        return None
    if "cookie" in reading.words or "cookies" in reading.words or any(reading.has(c) for c in ATTRIBUTE_CUES):
        return None
    rows_terms = set().union(*(index.row_terms[r] for h in reading.hits for r in index.rows_by_name[h.key]))
    return None if set(reading.terms) & rows_terms else True


def named_cookie(ctx: Context):
    return cookie_answers.refine_in_family(ctx, ctx.reading.hits[0]) if ctx.reading.hits else None


def mentioned_vendor(ctx: Context):
    """'which cookies come from Google?', 'which cookies does LinkedIn set?': no cookie is named so, but the
    rows' purposes or providers name the vendor (a capitalised word of the question). Its rows, or None."""
    reading, index = ctx.reading, ctx.index
    if reading.hits or not reading.has("list") or reading.has_filter or reading.browsers:
        return None
    parts = [w.strip("?!.,;:«»“”\"'()") for w in reading.text.split()][1:]
    for word in (p for p in parts if p[:1].isupper() and p.isalpha()):
        term = index.lexicon.terms([fold(word)], language=reading.language)
        rows = index.purpose_postings.get(term[0]) if term else None
        others = [t for t in reading.terms if t not in GENERIC_TERMS and t != term[0]] if term else [None]
        if rows and len(rows) < len(index.cookies) and not others:     # the vendor is all the question asks about
            return [index.cookies[r] for r in rows]
    return None


def filtered_list(ctx: Context) -> bool | None:
    """'advertising cookies on www.zendesk.com', 'cookies that are not essential', 'cookies > 1 year'."""
    reading = ctx.reading
    if not reading.has_filter or reading.browsers and (not wants_list(ctx) or DISABLE in reading.terms):
        return None                     # "how do I block advertising cookies in Firefox?" asks the prose
    if not (wants_list(ctx) or reading.plural_cookies or (not reading.categories and not prose.beyond_filters(ctx))):
        return None
    only_a_document = reading.documents and not (reading.categories or reading.sites or reading.lifetime
                                                  or reading.has("session") or reading.has("persistent"))
    if only_a_document and not reading.has("list") and prose.beyond_filters(ctx):
        return None                     # "does the mobile app use cookies?" asks the app's prose
    if reading.lifetime or reading.negated_categories or reading.negated_sites or reading.negated_session is not None:
        return True                     # "functionality cookies with a fixed lifetime under a year"
    asks_about_category = reading.categories and not reading.has("list") and not which_category_cookies(ctx) and (
        reading.has("definition") or reading.has("purpose") or reading.has("usedfor")
        or WHY in reading.terms or prose.beyond_filters(ctx))
    return None if asks_about_category else True


def category_topic(ctx: Context):
    """'what are analytics cookies?': the category's definition, unless the question is about one cookie's
    purpose or another passage answers it ('elsewhere')."""
    reading = ctx.reading
    if not reading.categories or reading.browsers or prose.one_cookie_by_purpose(ctx):
        return None
    return "elsewhere" if prose.prose_elsewhere(ctx) else "definition"


def compose_category_topic(ctx: Context, found: str) -> Answer | None:
    if found == "elsewhere":
        terms = prose.beyond_filters(ctx) + [t for t in ctx.reading.terms if t in GENERIC_TERMS]
        elsewhere = ctx.derived(ctx.reading.with_terms(terms))
        passage, _, _ = elsewhere.evidence.best_passage()
        if passage is not None:      # that section's paragraph that covers the whole question, category word included
            best, coverage, _ = ctx.evidence.best_passage(within=passage.section)
            if best is not None and best is not passage:
                return prose.hit_prose_answer(ctx, best, coverage)
        return prose.search_answer(elsewhere, wants_list(ctx))
    return prose.category_definition(ctx)


def categories_overview(ctx: Context) -> bool | None:
    """'what kinds of cookies are there?', 'which cookies have no category?': the categories, with their counts."""
    reading = ctx.reading
    if not reading.has("category") or reading.categories or reading.sites or reading.browsers:
        return None
    uncategorised = reading.has("negation") and reading.plural_cookies      # every row has a category
    return True if uncategorised or not prose.beyond_filters(ctx) else None


def whole_table(ctx: Context) -> bool | None:
    return True if wants_list(ctx) and not ctx.reading.terms else None


def compose_family(ctx: Context, found) -> Answer:
    kind, payload = found
    if kind == "prose":
        return prose.hit_prose_answer(ctx, *payload)
    return cookie_answers.family_answer(ctx, payload)


RULES: tuple[Rule, ...] = (
    Rule("document", document_topic, document.document_answer),
    Rule("extreme", extreme, lambda ctx, longest: listing.extreme_answer(ctx, longest)),
    Rule("vendor_family", vendor_family, compose_family),
    Rule("decline_unknown_name", unknown_identifier, lambda ctx, _: decline(ctx, None)),
    Rule("decline_offtopic", offtopic, lambda ctx, _: decline(ctx, None)),
    Rule("decline_vendors_own_policy", vendors_own_policy, lambda ctx, _: decline(ctx, None)),
    Rule("count", count, lambda ctx, _: listing.count_answer(ctx)),
    Rule("named_vendor_in_prose", hit_in_prose, lambda ctx, found: prose.hit_prose_answer(ctx, *found)),
    Rule("decline_loose_name", unrelated_to_named_cookie, lambda ctx, _: decline(ctx, None)),
    Rule("cookie", named_cookie, lambda ctx, hit: cookie_answers.cookie_answer(ctx, hit)),
    Rule("vendor_mentions", mentioned_vendor, lambda ctx, rows: listing.mentions_answer(ctx, rows)),
    Rule("list", filtered_list, lambda ctx, _: listing.list_answer(ctx)),
    Rule("category", category_topic, compose_category_topic),
    Rule("categories", categories_overview, lambda ctx, _: listing.categories_answer(ctx)),
    Rule("whole_table", whole_table, lambda ctx, _: listing.all_cookies_answer(ctx)),
)


def answer(ctx: Context) -> Answer:
    """The answer of the first rule that applies (a composer may pass, returning None), else a prose search."""
    for rule in RULES:
        found = rule.test(ctx)
        if found is not None:
            composed = rule.compose(ctx, found)
            if composed is not None:
                return composed
    return prose.search_answer(ctx, wants_list(ctx))
