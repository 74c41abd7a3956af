"""Reading: a question's text -> an immutable `Reading` of everything the engine can tell from its words.

Cookie names (exact, compacted, aliases, distinctive parts, patterns, typos), cues (what is asked), categories,
websites, browsers, lifetimes (bounds, inclusive or not, ranges), negation (which filter it denies), extremes,
the terms left to match the prose with, and the words the policy never uses. Nothing here decides what kind
of answer to give: that is `intents`.
"""
from __future__ import annotations

import math
import re
from itertools import chain
from types import MappingProxyType
from typing import Mapping, NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..knowledge.patterns import pattern_specificity
from ..language.text import compact, fold, tokens
from . import tuning
from .index import Index, name_key
from .lexicon import CONCEPT

Span = tuple[int, int]
# Cues that say how a question asks, not what about: their words are not matched against the prose.
QUESTION_CUES = ("purpose", "usedfor", "list", "pronoun", "more", "less", "duration", "count", "longest", "shortest",
                 "negation", "except", "in_app", "on_website", "in_declaration")
QUESTION_CUE_SET = frozenset(QUESTION_CUES)
GENERIC_TERMS = frozenset({CONCEPT + "define", CONCEPT + "website", CONCEPT + "use", CONCEPT + "set"})
QUESTION_CONCEPTS = frozenset({CONCEPT + "why", CONCEPT + "define"})
NEGATION_REACH = 4                # a "not" denies the first filter within this many words after it
INCLUSIVE_PHRASES = (("at", "least"), ("au", "moins"), ("at", "most"), ("au", "plus"), ("within",), ("up", "to"),
                     ("no", "more", "than"), ("no", "longer", "than"), ("minimum",), ("min",), ("maximum",), ("max",),
                     ("d", "au", "moins"), ("jusqu", "a"))
STRICT_WORDS = frozenset({"strictly", "strictement"})
AMOUNT_FILLERS = frozenset({"whole", "full", "entire", "complete", "plein", "pleine", "entier", "entiere"})
EXCLUDING_WORDS = frozenset({"after", "besides", "apres", "hormis", "hors"})   # "after _zendesk_cookie, which …"
COORDINATION = frozenset({"or", "nor", "ou", "ni", "and", "et"})      # "not analytics or advertising"
_CAPITALISED = re.compile(r"\b[A-Z]\w*[A-Z]\w*\b|(?<=\w\s)[A-Z]\w+")
_IDENTIFIER = re.compile(r"_|[a-z][A-Z]|[A-Za-z][*#]|<[\w-]+>|\[[\w-]+\]")   # "_xyz", "homeType", "_ga_*", "_ga_<id>"
_CAMEL_CASE = re.compile(r"[a-z][A-Z]")
_INSTANCE = re.compile(r"\w[_.\-]\w|[a-z][A-Z]|\w[*#]|<[\w-]+>|\[[\w-]+\]")   # what a pattern's instance looks like
PUNCTUATION = "?!.,;:«»“”\"'()"         # around a word as written
# Two words in a row that begin with a capital, in ASCII text, punctuation around them aside (a quick test)
_CAPITALISED_PAIR = re.compile(r"[A-Z]\S*\s+[^\sA-Za-z0-9]*[A-Z]")
_TOP_N = re.compile(r"\b(?:top|les|the)\s+(\d{1,2})\b")


def may_name_identifier(text: str) -> bool:
    """A quick test before `_IDENTIFIER`: the marks it looks for, or a capital after a small letter."""
    return ("_" in text or "*" in text or "#" in text or "<" in text or "[" in text
            or not text.islower() and _CAMEL_CASE.search(text) is not None)


class CookieHit(NamedTuple):
    """A cookie name found in the question: `key` its compacted name, `how` it was found (immutable; a named
    tuple because one or more are made for most questions)."""
    key: str            # compact cookie name
    how: str            # exact, alias, part, pattern, fuzzy, context, purpose, family
    score: float        # 0-100
    written: str        # what the question said
    start: int = 0      # where in the question's words it was named


class Lifetime(NamedTuple):
    """Bounds on a cookie's lifetime, in days: strict unless `inclusive` (already widened by an epsilon)."""
    min_days: float | None = None
    max_days: float | None = None
    exact_days: float | None = None
    inclusive: bool = False
    negated: bool = False

    def __bool__(self) -> bool:
        return self.min_days is not None or self.max_days is not None or self.exact_days is not None


NO_LIFETIME = (Lifetime(), None, False)     # no bound on the lifetime, none starting anywhere, nothing too large


class Reading(NamedTuple):
    """What one question says, as the engine reads it. Immutable (a named tuple: made for every question, so
    cheap to make): derived readings come from `with_hits` and `with_terms`."""
    raw: str
    text: str
    language: str
    words: tuple[str, ...]
    hits: tuple[CookieHit, ...] = ()
    consumed: frozenset[int] = frozenset()
    cues: Mapping[str, tuple[Span, ...]] = MappingProxyType({})
    categories: tuple[str, ...] = ()
    category_words: frozenset[int] = frozenset()
    sites: tuple[str, ...] = ()
    browsers: tuple[str, ...] = ()
    lifetime: Lifetime = Lifetime()
    negated_categories: tuple[str, ...] = ()
    negated_sites: tuple[str, ...] = ()
    negated_session: bool | None = None      # True: "not session cookies"; False: "not persistent"
    top: int = 1                             # "top 3 longest"
    terms: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    identifiers: tuple[str, ...] = ()        # name-like tokens as written: "_xyz_tracker"
    identifier_spans: tuple[frozenset[int], ...] = ()
    guessed: frozenset[str] = frozenset()    # terms read from a corrected typo ("dissable")
    unknown_names: tuple[str, ...] = ()      # a vendor the policy does not list, sharing a word with one it does
    too_large: bool = False                  # a number too large to be a lifetime ("1e308 years")
    documents: tuple[str, ...] = ()          # the documents the question points to ("in the app", a domain)
    excluded: tuple[str, ...] = ()           # cookies set aside ("other than Google Analytics", "after X"): keys

    def has(self, cue: str) -> bool:
        return cue in self.cues

    def unknown_identifier(self) -> bool:
        """A name-like token ("_xyz_tracker", "fooBar") that names no cookie of the policy."""
        return any(span and not span & self.consumed for span in self.identifier_spans)

    @property
    def plural_cookies(self) -> bool:
        return "cookies" in self.words

    @property
    def has_filter(self) -> bool:
        """Whether the question narrows the cookie table (category, website, lifetime, session, negations)."""
        return bool(self.categories or self.sites or self.lifetime or self.has("session") or self.has("persistent")
                    or self.has("nowebsite") or self.negated_categories or self.negated_sites
                    or self.negated_session is not None or self.documents or self.excluded)

    def with_hits(self, hits: list[CookieHit]) -> "Reading":
        return self._replace(hits=tuple(hits))

    def with_terms(self, terms: list[str]) -> "Reading":
        return self._replace(terms=tuple(terms))


class Reader:
    """Reads questions against one knowledge base's index; keeps per-word facts from one question to the next."""

    def __init__(self, index: Index):
        self.index = index
        self._facts: dict[str, tuple[str, bool, bool]] = {}
        self._corrections: dict[str, str] = {}
        self._tokens: dict[str, tuple[int, str, str]] = {}
        # every key a name can be found by, so that the many spans naming nothing cost one look-up each
        self._name_keys = frozenset(chain(index.rows_by_name, index.lexicon.aliases, index.name_parts,
                                          index.provider_names))
        # whether a question can point to one document among several (by kind, a word of its title, a domain)
        self._documents_named = bool(len(index.documents_by_kind) >= 2 or index.domain_documents
                                     or index.document_words)

    def read(self, raw: str, text: str, language: str, words: list[str]) -> Reading:
        index, lexicon = self.index, self.index.lexicon
        consumed: set[int] = set()
        phrases = lexicon.scan(words)
        browsers = []
        for name in phrases.names("browser") if "browser" in phrases.found else ():   # before cookie names: "Google Chrome"
            spans = phrases.spans("browser", name, consumed)
            if spans:
                browsers.append(name)
                consumed.update(i for start, end in spans for i in range(start, end))
        names = self._find_cookies(words, text, consumed)
        hits = names["hits"]
        cues = phrases.matched("cue", consumed)
        category_spans = phrases.matched("category", consumed)
        all_known = index.vocabulary.issuperset(words)
        if not category_spans and not all_known:      # "an essentail cookie"
            fixed = [w if w in index.vocabulary or i in consumed else lexicon.category_prefixes.get(w) or self._correct(w)
                     for i, w in enumerate(words)]
            if fixed != words:
                category_spans = lexicon.scan(fixed).matched("category", consumed)
        categories = list(category_spans)
        category_words = frozenset(i for spans in category_spans.values() for start, end in spans
                                   for i in range(start, end)) if category_spans else frozenset()
        sites, site_positions = [], {}
        for position, word in enumerate(words) if not index.site_keys.keys().isdisjoint(words) else ():
            if position not in consumed and word in index.site_keys:
                site = index.site_keys[word]
                if site not in sites:
                    sites.append(site)
                    site_positions[site] = position
                consumed.add(position)
        lifetime, lifetime_start, too_large = self._find_lifetime(words, cues, consumed) \
            if not lexicon.unit_words.isdisjoint(words) else NO_LIFETIME
        documents = self._documents(words, cues, sites) if self._documents_named else ()
        negated_categories, negated_sites, negated_session = (), (), None
        negations = self._negations(words, cues, bool(hits)) if "negation" in cues or "except" in cues else None
        if negations:
            filters = [(category_spans[c][0][0], "category", c) for c in categories]
            filters += [(site_positions[s], "site", s) for s in sites]
            filters += [(cues[cue][0][0], "session", value) for cue, value in (("session", True), ("persistent", False))
                        if cue in cues]
            if lifetime and lifetime_start is not None:
                filters.append((lifetime_start, "lifetime", None))
            denied = self._denied_filters(words, cues, consumed, negations, sorted(filters, key=lambda f: f[0]))
            negated_categories = tuple(value for _, kind, value in denied if kind == "category")
            negated_sites = tuple(value for _, kind, value in denied if kind == "site")
            negated_session = next((value for _, kind, value in denied if kind == "session"), None)
            if any(kind == "lifetime" for _, kind, _ in denied):
                lifetime = lifetime._replace(negated=True)
            categories = [c for c in categories if c not in negated_categories]
            sites = [s for s in sites if s not in negated_sites]
        asking = {i for cue, spans in cues.items() if cue in QUESTION_CUE_SET for start, end in spans
                  for i in range(start, end)} if cues else None
        if asking and not lexicon.phrase_words.isdisjoint(words[i] for i in asking):
            asking -= lexicon.phrase_positions(words, asking)  # "the purpose of this policy" is a topic, not a cue
        corrected, guessed = (words, frozenset()) if all_known else self._corrected(words, text, consumed)
        left_out = consumed.union(asking) if asking else consumed
        if names["identifier_spans"]:
            left_out = left_out.union(i for span in names["identifier_spans"] if not span & consumed for i in span)
        kept = [w for i, w in enumerate(corrected) if i not in left_out] if left_out else corrected
        terms = lexicon.terms(kept, language=language)
        for browser in browsers:
            terms += lexicon.terms(tokens(browser))
        if "usedfor" in cues and not hits and GENERIC_TERMS.issuperset(terms):
            # "what are cookies used for on your websites?" asks why, not what cookies are
            terms = [t for t in terms if t != CONCEPT + "define"] + [CONCEPT + "why"]
        unknown = () if all_known else tuple(
            w for w in kept if w not in index.vocabulary and not index.knows_stem(w, language)
            and not w.replace(".", "").isdigit())
        top = _TOP_N.search(fold(text)) if ("longest" in cues or "shortest" in cues) else None
        excluded = self._excluded(words, cues, hits) if hits else ()
        if excluded:
            hits = [hit for hit in hits if hit.key not in excluded]
        return Reading(
            raw=raw, text=text, language=language, words=tuple(words), hits=tuple(hits),
            consumed=frozenset(consumed), cues=MappingProxyType(cues), categories=tuple(categories),
            category_words=category_words, sites=tuple(sites), browsers=tuple(browsers), lifetime=lifetime,
            negated_categories=negated_categories, negated_sites=negated_sites, negated_session=negated_session,
            top=min(int(top.group(1)), tuning.EXTREME_ROWS) if top and int(top.group(1)) > 0 else 1,
            terms=tuple(terms), unknown=unknown, identifiers=tuple(names["identifiers"]),
            identifier_spans=tuple(map(frozenset, names["identifier_spans"])), guessed=frozenset(guessed),
            unknown_names=tuple(names["unknown_names"]), too_large=too_large,
            documents=documents, excluded=tuple(excluded))

    @staticmethod
    def _excluded(words: list[str], cues: dict, hits: list[CookieHit]) -> list[str]:
        """The named cookies a question sets aside: right after "except", "other than", "sauf", "hors", or
        "after"/"besides" ("analytics cookies other than Google Analytics", "after _zendesk_cookie, which …")."""
        if not hits or not ("except" in cues or EXCLUDING_WORDS.intersection(words)):
            return []
        ends = {end for start, end in cues.get("except", ())}
        return [hit.key for hit in hits if hit.start in ends or (hit.start > 0 and words[hit.start - 1] in EXCLUDING_WORDS)]

    def _documents(self, words: list[str], cues: dict, sites: list[str]) -> tuple[str, ...]:
        """In a knowledge base of several documents: the ones the question names by kind ("in the app",
        "on the website") or through a domain only their text mentions."""
        index = self.index
        if not self._documents_named:
            return ()
        wanted: list[str] = []
        for cue, kind in (("in_app", "app"), ("on_website", "website"), ("in_declaration", "declaration")):
            if cue in cues:
                wanted += index.documents_by_kind.get(kind, [])
        wanted += [index.document_words[w] for w in words if w in index.document_words]     # "in the portal"
        for site in sites:
            covering = index.domain_documents.get(site, [])
            if len(covering) == 1:                          # a domain only one document names
                wanted += covering
        return tuple(dict.fromkeys(wanted))

    # -- cookie names ------------------------------------------------------------------------------
    def _find_cookies(self, words: list[str], text: str, consumed: set[int]) -> dict:
        """Cookie names in the question: exact or compacted, aliases, distinctive parts, patterns, then typos."""
        index = self.index
        identifiers, whole_spans, position = set(), [], 0
        found = {"hits": [], "identifiers": [], "identifier_spans": [], "unknown_names": []}
        if may_name_identifier(text) and _IDENTIFIER.search(text):
            known_tokens = self._tokens.get
            for raw in text.split():
                size, written, key = known_tokens(raw) or self._token_facts(raw)
                if written:
                    identifiers.add(key)
                    found["identifiers"].append(written)
                    found["identifier_spans"].append(set(range(position, position + size)))
                    if size > 1:
                        whole_spans.append(set(range(position, position + size)))
                position += size
        if index.patterns:
            self._find_patterns(text, words, found, consumed)
        known_facts = self._facts.get
        facts = [known_facts(w) or self._word_facts(w) for w in words]
        starts = [i for i, f in enumerate(facts) if f[1]]
        unknown = [i for i, f in enumerate(facts) if not f[2]]
        if starts or unknown or identifiers:
            self._match_names(words, text, facts, starts, unknown, identifiers, whole_spans, found, consumed)
        hits = found["hits"]
        if len(hits) > 1:
            hits.sort(key=lambda hit: hit.start)     # in the order the question names them
        found["unknown_names"] += self._unknown_products(text, consumed, words)
        return found

    def _match_names(self, words: list[str], text: str, facts: list[tuple[str, bool, bool]], starts: list[int],
                     unknown: list[int], identifiers: set[str], whole_spans: list[set[int]], found: dict,
                     consumed: set[int]) -> None:
        """Spans of the question that name a cookie, longest first, exact and misspelt alike: "google analitycs"
        is Google Analytics, not Google. `starts`: words that can begin a name; `unknown`: words that may be typos."""
        index = self.index
        compacts = [f[0] for f in facts]
        n, longest, name_keys = len(words), min(index.max_name_words, len(words)), self._name_keys
        candidates = []         # (start, end, how found, compacted words): longest first, exact first, left first
        for size in range(longest, 0, -1):
            for start in starts:
                end = start + size
                if end <= n:
                    key = compacts[start] if size == 1 else "".join(compacts[start:end])
                    if key in name_keys:        # one look-up for the many spans that name nothing
                        candidates.append((start, end, "exact", key))
        typo_spans = {(start, end) for i in unknown for start in range(max(0, i - longest + 1), i + 1)
                      if compacts[start][:2] in index.name_starts             # typos keep the first letters
                      for end in range(i + 1, min(n, start + longest) + 1)} if unknown else set()
        for span in found["identifier_spans"] if identifiers else ():    # a name-like token, read whole
            a, b = min(span, default=0), max(span, default=-1) + 1
            if 0 < b - a <= longest and "".join(compacts[a:b]) in identifiers:
                typo_spans.add((a, b))
        if typo_spans:
            candidates += [(start, end, "fuzzy", "".join(compacts[start:end])) for start, end in typo_spans]
            candidates.sort(key=lambda c: (c[0] - c[1], c[2] != "exact", c[0]))
        hits, stop, identifier_spans = found["hits"], index.lexicon.stopwords, found["identifier_spans"]
        for start, end, kind, key in candidates:
            if len(key) < 2 or kind == "fuzzy" and len(key) < tuning.MIN_TYPO_NAME_CHARS:
                continue
            span = range(start, end)
            if not consumed.isdisjoint(span) or whole_spans and any(
                    not whole.isdisjoint(span) and not whole.issubset(span) for whole in whole_spans):
                continue      # "_zendesk_sesion_tracker" is one name: match all of it or none
            if kind == "fuzzy" and identifier_spans and any(
                    len(written) < len(span) and written.issubset(span) for written in identifier_spans):
                continue      # "does _zendesk_setings": a name written as one token is misspelt alone, not with its neighbours
            known = self._known_name(key) if kind == "exact" else self._typo_of_name(key)
            if known is None:
                continue
            part = words[start:end]
            how, target, score = known
            if how != "alias" and key not in identifiers and stop.issuperset(part):
                continue      # "zendesk cookie" in plain words is the company's cookie policy, not a name
            if how in ("exact", "part", "alias") and self._names_another_vendor(words, text, start, end):
                found["unknown_names"].append(self._written_span(text, words, start, end + 1))
                consumed.update(span)
                consumed.add(end)
                continue      # "the Google Fonts cookie" is not the "Google" row
            if not hits or all(h.key != target for h in hits):
                hits.append(CookieHit(target, how, score, " ".join(part), start))
            consumed.update(span)

    def _unknown_products(self, text: str, consumed: set[int], words: list[str]) -> list[str]:
        """'Google Optimize': two capitalised words, the second one the policy never uses — a product the policy
        does not list, even when the first word is one it knows."""
        if text.isascii() and not _CAPITALISED_PAIR.search(text):
            return []
        found, parts = [], [w.strip(PUNCTUATION) for w in text.split()]
        for first, second in zip(parts, parts[1:]):
            if first[:1].isupper() and second[:1].isupper() and second.isalpha() and len(second) > 2 \
                    and fold(second) not in self.index.vocabulary and fold(first) not in ("i", "je") \
                    and not any(fold(second) == words[i] for i in consumed if i < len(words)):
                found.append(f"{first} {second}")
        return found

    def _find_patterns(self, text: str, words: list[str], found: dict, consumed: set[int]) -> None:
        """A pattern row named as written ("_ga_*") or through an instance ("_ga_5QXZ1R2K", "ab-test-pricing-page"):
        the most specific pattern answers."""
        index = self.index
        position = 0
        for raw in text.split():
            size = index.lexicon.count_words(raw)
            written = raw.strip(PUNCTUATION)
            span = set(range(position, position + size))
            position += size
            if not _INSTANCE.search(written) or span & consumed:
                continue
            key = name_key(written)
            if key in index.rows_by_name and not key.endswith("*"):
                continue                                     # a plain name of the table
            if key not in index.rows_by_name:
                scored = [(pattern_specificity(pattern, written), pattern_key) for pattern, pattern_key in index.patterns]
                scored = [item for item in scored if item[0] is not None]
                if not scored:
                    continue
                key = max(scored)[1]
            if all(h.key != key for h in found["hits"]):
                found["hits"].append(CookieHit(key, "pattern", tuning.SCORE_PART, written, min(span) if span else 0))
            consumed |= span

    def _names_another_vendor(self, words: list[str], text: str, start: int, end: int) -> bool:
        """'the Google Fonts cookie', 'Google Maps', 'Yahoo Mail': a listed vendor's one-word name (or a distinctive
        part of one) followed by a capitalised word of another product's name: not the listed row. The word is
        another product's unless it is a common word (a stopword, a cue, a category) or the policy's own text
        writes the two together ("the Facebook “Like” button")."""
        key = "".join(words[start:end])
        if end >= len(words) or " " in self.index.display_name.get(key, "").strip():
            return False                        # "Google Analytics Premium": the listed name is already two words
        following, lexicon = words[end], self.index.lexicon
        if not following.isalpha() or following in lexicon.stopwords or (following,) in lexicon.table:
            return False
        if not any(w[:1].isupper() and fold(w.strip(PUNCTUATION)) == following for w in text.split()):
            return False                        # "the google cookie for maps": plain words, not a product's name
        if following not in self.index.vocabulary:
            return True
        together = re.compile(rf"\b{re.escape(' '.join(words[start:end]))}\W+{re.escape(following)}\b")
        return not any(together.search(passage.folded) for passage in self.index.passages)

    @staticmethod
    def _written_span(text: str, words: list[str], start: int, end: int) -> str:
        wanted = words[start:end]
        parts = [w.strip(PUNCTUATION) for w in text.split()]
        for i in range(len(parts)):
            if [fold(p) for p in parts[i:i + len(wanted)]] == wanted:
                return " ".join(parts[i:i + len(wanted)])
        return " ".join(wanted)

    def _token_facts(self, raw: str) -> tuple[int, str, str]:
        """(how many words, the name as written or "" if none, its compacted form) for a whitespace-separated
        token of a question: "_xyz_tracker?" -> (2, "_xyz_tracker", "xyztracker"). The same every time: kept."""
        written = raw.strip(PUNCTUATION)
        named = bool(_IDENTIFIER.search(raw)) and fold(written) not in self.index.vocabulary  # "LinkedIn" in a purpose is a word
        facts = (self.index.lexicon.count_words(raw), written if named else "", compact(raw) if named else "")
        if len(self._tokens) < tuning.WORD_CACHE_LIMIT:
            self._tokens[raw] = facts
        return facts

    def _word_facts(self, word: str) -> tuple[str, bool, bool]:
        """(compacted, can begin a cookie name, known word): the same for every question, so kept."""
        facts = self._facts.get(word)
        if facts is None:
            key = word if word.isalnum() else compact(word)
            facts = (key, key[:3] in self.index.name_starts, word in self.index.vocabulary)
            if len(self._facts) < tuning.WORD_CACHE_LIMIT:
                self._facts[word] = facts
        return facts

    def _known_name(self, key: str) -> tuple[str, str, float] | None:
        """(how, compact name, score) for a name, an alias or a distinctive part of a name."""
        index = self.index
        if key in index.rows_by_name:
            return "exact", key, tuning.SCORE_EXACT
        alias = index.lexicon.aliases.get(key)
        if alias is not None and compact(alias) in index.rows_by_name:
            return "alias", compact(alias), tuning.SCORE_ALIAS
        if key in index.name_parts:
            return "part", index.name_parts[key], tuning.SCORE_PART
        owners = index.provider_names.get(key)
        if owners:                               # "the Amplitude cookie", "what does Intercom set?"
            return ("part" if len(owners) == 1 else "provider"), owners[0], tuning.SCORE_PART
        return None

    def _typo_of_name(self, key: str) -> tuple[str, str, float] | None:
        choices = [name for size in range(len(key) - 2, len(key) + 3)      # a typo, not extra words
                   for name in self.index.by_prefix.get((key[:2], size), ())]
        if not choices:
            return None
        most = 1 if len(key) < tuning.SHORT_NAME_CHARS else 2       # letters wrong, missing, extra or swapped
        best = process.extractOne(key, choices, scorer=OSA.distance, score_cutoff=most)
        return ("fuzzy", best[0], 100.0 * (1 - best[1] / max(len(key), len(best[0])))) if best else None

    # -- lifetimes ---------------------------------------------------------------------------------
    def _find_lifetime(self, words: list[str], cues: dict, consumed: set[int]) -> tuple[Lifetime, int | None, bool]:
        """'more than 5 years', 'under an hour', 'plus de 2 ans', 'between 1 month and 1 year', '10 years or more'
        -> (bounds in days, where the bound starts in `words`, whether a number was too large to be a lifetime)."""
        lexicon = self.index.lexicon
        if lexicon.unit_words.isdisjoint(words) or (
                lexicon.number_words.keys().isdisjoint(words) and not any(w[:1].isdigit() for w in words)):
            return Lifetime(), None, False
        bounds: dict = {}
        first, too_large = None, False
        strict = not STRICT_WORDS.isdisjoint(words)
        amounts = []                                   # (start, end, days) of every "<number> <unit>"
        number_words = lexicon.number_words
        for start, word in enumerate(words):
            if not (word[:1].isdigit() or word in number_words) or start in consumed:
                continue
            amount = _number(word, lexicon)
            if amount is None:
                continue
            gap = 1 if words[start + 1:start + 2] and words[start + 1] in AMOUNT_FILLERS else 0   # "a whole year"
            unit = _unit(words[start + 1 + gap:start + 3 + gap], lexicon)
            if unit is not None:
                days = amount * unit[0]
                if not math.isfinite(days) or days > tuning.MAX_LIFETIME_DAYS:
                    too_large = True
                    continue
                amounts.append((start, start + 1 + gap + unit[1], days))
        for start, end in cues.get("between", ()):        # "between 1 month and 1 year", "entre 6 mois et 2 ans"
            inside = [a for a in amounts if a[0] >= end][:2]
            if len(inside) == 2 and inside[0][0] - end <= 1:
                low, high = sorted((inside[0][2], inside[1][2]))
                epsilon = 0.0 if strict else tuning.INCLUSIVE_EPSILON
                bounds.update(min_days=low - epsilon, max_days=high + epsilon, inclusive=not strict)
                consumed |= set(range(start, inside[1][1]))
                first = start if first is None else first
                amounts = [a for a in amounts if a not in inside]
        bound_cues = [(s, e, bound) for bound in ("more", "less") for s, e in cues.get(bound, ())]
        for start, end, days in amounts:
            if start in consumed or any(s <= start <= e for s, e, _ in bound_cues):
                continue
            if words[start] in ("a", "an", "un", "une") and not ("exact" in cues or "duration" in cues):
                continue                    # "a year" alone is no duration filter
            if any(s == end for s, e in cues.get("ormore", ())):
                bounds.update(min_days=days - tuning.INCLUSIVE_EPSILON, inclusive=True)    # "10 years or more"
            elif any(s == end for s, e in cues.get("orless", ())):
                bounds.update(max_days=days + tuning.INCLUSIVE_EPSILON, inclusive=True)
            else:
                bounds["exact_days"] = days
            consumed |= set(range(start, end))
            first = start if first is None else min(first, start)
        for start, end, bound in sorted(bound_cues):
            position = end
            amount = _number(words[position], lexicon) if position < len(words) else None
            if amount is not None:
                position += 1
            unit = None
            for size in (2, 1):
                phrase = tuple(words[position:position + size])
                for days, phrases in lexicon.units.items():
                    if phrase in phrases:
                        unit = days
                        position += size
                        break
                if unit:
                    break
            if unit is None:
                continue
            days = (amount if amount is not None else 1.0) * unit
            if not math.isfinite(days) or days > tuning.MAX_LIFETIME_DAYS:
                too_large = True
                continue
            inclusive = tuple(words[start:end]) in INCLUSIVE_PHRASES and not strict
            days += (-tuning.INCLUSIVE_EPSILON if bound == "more" else tuning.INCLUSIVE_EPSILON) if inclusive else 0.0
            bounds["inclusive"] = bounds.get("inclusive", False) or inclusive
            bounds["min_days" if bound == "more" else "max_days"] = days
            consumed |= set(range(start, position))
            first = start if first is None else min(first, start)
        return Lifetime(**bounds), first, too_large

    @staticmethod
    def _negations(words: list[str], cues: dict, names_a_cookie: bool) -> list[int]:
        """Where each negation ends ("not", "aren't", "ne … pas", "except", "non-"): the filter after it is denied.

        A question about a cookie that opens with a negation asks about the fact itself ("isn't Wistia
        essential?" is answered like "is Wistia essential?")."""
        return sorted(end for cue in ("negation", "except") for start, end in cues.get(cue, ())
                      if not (names_a_cookie and start == 0 and cue == "negation"))

    def _denied_filters(self, words: list[str], cues: dict, consumed: set[int], negations: list[int],
                        filters: list[tuple[int, str, object]]) -> list[tuple[int, str, object]]:
        """The filters a negation denies: the first one it reaches with nothing of substance between ("not set on
        www…", "ne sont pas essentiels"; not "do not accept essential cookies"), and those coordinated with it
        ("aren't analytics or advertising", "neither essential nor advertising")."""
        if not negations or not filters:
            return []
        lexicon = self.index.lexicon
        in_cues = {i for spans in cues.values() for start, end in spans for i in range(start, end)}
        passable = {i for i, w in enumerate(words) if i in consumed or i in in_cues or w in lexicon.stopwords
                    or w in COORDINATION or lexicon.terms([w])[:1] and lexicon.terms([w])[0] in GENERIC_TERMS}
        denied = []
        for end in negations:
            following = [f for f in filters if f[0] >= end]
            if not following or following[0][0] - end > NEGATION_REACH \
                    or not all(i in passable for i in range(end, following[0][0])):
                continue
            denied.append(following[0])
            for previous, current in zip(following, following[1:]):
                between = words[previous[0] + 1:current[0]]
                if current[1] != previous[1] or not COORDINATION.intersection(between) or len(between) > NEGATION_REACH:
                    break
                denied.append(current)
        return denied

    # -- typos -------------------------------------------------------------------------------------
    def _corrected(self, words: list[str], text: str, consumed: set[int]) -> tuple[list[str], set[str]]:
        index, lexicon = self.index, self.index.lexicon
        if all(w in index.vocabulary for w in words):
            return words, set()
        names = {fold(t) for t in _CAPITALISED.findall(text)}      # CNIL, Hotjar: names, never typos
        corrected = [word if word in index.vocabulary or i in consumed or word in names else self._correct(word)
                     for i, word in enumerate(words)]
        guessed = {lexicon.terms([c])[0] for w, c in zip(words, corrected)      # short words: a guess, not a typo
                   if c != w and len(w) < tuning.GUESS_WORD_CHARS and lexicon.terms([c])}
        return corrected, guessed

    def _correct(self, word: str) -> str:
        """A word the policy does not know, replaced by the known word it is a typo of ("dissable"); the same
        for every question, so kept."""
        corrected = self._corrections.get(word)
        if corrected is None:
            corrected = self._correction_of(word)
            if len(self._corrections) < tuning.WORD_CACHE_LIMIT:
                self._corrections[word] = corrected
        return corrected

    def _correction_of(self, word: str) -> str:
        index = self.index
        if word in index.vocabulary or len(word) < tuning.MIN_CORRECTED_WORD_CHARS or not word.isalpha() \
                or index.knows_stem(word):
            return word
        choices = [w for size in range(len(word) - 2, len(word) + 3)
                   for w in index.vocabulary_by_prefix.get((word[0], size), ())]
        if not choices:
            return word
        most = 1 if len(word) < tuning.SHORT_WORD_CHARS else 2     # letters wrong, missing, extra or swapped
        best = process.extractOne(word, choices, scorer=OSA.distance, score_cutoff=most)
        return best[0] if best else word

    # -- helpers for the intents -------------------------------------------------------------------
    def names_unknown(self, text: str) -> bool:
        """Whether `text` names something the policy does not know ("le cookie Criteo")."""
        index = self.index
        unknown = [w for w in index.lexicon.words(text)
                   if w not in index.vocabulary and not index.knows_stem(w)]
        return bool(unknown) and (written_name(text, unknown) is not None or bool(_IDENTIFIER.search(text)))

    def known(self, words: list[str]) -> bool:
        """Every word is one the policy or the vocabulary uses (so nothing unknown is being dropped or asked)."""
        index = self.index
        return all(w in index.vocabulary or index.knows_stem(w) for w in words)


def written_name(text: str, unknown: list[str]) -> str | None:
    """The unknown word of a question that looks like a cookie or vendor name, as the user wrote it."""
    unknown_set = set(unknown)
    words = [w.strip(PUNCTUATION) for w in text.split()]
    for word in words:
        looks_like_name = "_" in word or word[1:] != word[1:].lower() or word[:1].isupper() and word is not words[0]
        if word and looks_like_name and unknown_set & set(tokens(word)):
            return word
    if len(words) <= 2 and unknown_set and all(set(tokens(w)) <= unknown_set for w in words if w):
        return " ".join(words)
    return None


def _number(word: str, lexicon) -> float | None:
    if word[:1].isdigit():
        try:
            value = float(word.replace(",", "."))
        except ValueError:
            return None
        return value
    return lexicon.number_words.get(word)


def _unit(words: list[str], lexicon) -> tuple[float, int] | None:
    """(days, words used) for a unit of time at the start of `words`: 'years', 'jours'."""
    for size in (2, 1):
        if len(words) >= size and tuple(words[:size]) in lexicon.unit_phrases:
            return lexicon.unit_phrases[tuple(words[:size])], size
    return None
