"""Question -> Answer: what is asked, which cookie rows or passages answer it, and when to abstain."""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from ..answer import Answer, Citation
from ..language.durations import both_wordings, humanize_days
from .index import CONCEPT, Index, Passage, split_sentences
from ..knowledge import Cookie, KnowledgeBase, load_knowledge
from ..knowledge.filters import cookie_source, filter_cookies
from ..language.text import clean_question, compact, detect_language, fold, stem, tokens

# Matching thresholds, in one place (rapidfuzz scores are 0-100, coverages 0-1).
SUGGEST_CUTOFF = 62           # close enough to offer as "did you mean"
PROSE_MIN_COVERAGE = 0.55     # share of the question's weight a passage must match to be an answer
NOTES_MIN_COVERAGE = 0.75    # the trademark note at the end answers only what it plainly covers
ROW_MIN_COVERAGE = 0.55       # same for a cookie found by what it does
MAX_QUESTION_CHARS = 2000     # longer input is refused, not searched
ASKABLE_ATTRIBUTES = ("duration", "category", "website", "session")    # what a question may ask of one cookie
ATTRIBUTE_CUES = ASKABLE_ATTRIBUTES + ("persistent",)
COOKIE_WORDS = {"cookie", "tracker", "trackers", "témoin"}     # a question about one cookie names one of these
GENERIC_TERMS = {CONCEPT + "define", CONCEPT + "website", CONCEPT + "use", CONCEPT + "set"}   # say nothing of a topic on their own
QUESTION_CONCEPTS = {CONCEPT + "why", CONCEPT + "define"}   # a section titled "Why…?" / "What is…?" answers it whole
FILTER_CUES = ("session", "persistent", "nowebsite", "category", "website", "more", "less", "exact", "ormore",
               "orless", "list", "duration", "usedfor", "purpose", "pronoun", "when")   # words that only filter or ask
QUESTION_CUES = ("purpose", "usedfor", "list", "pronoun", "more", "less", "duration")  # how a question asks, not what about
ROW_POSTINGS_LIMIT = 1000     # a purpose word used by more rows than this picks out no cookie
LIST_TEXT_ROWS = 60           # rows spelled out in a list answer's text; all rows stay in `sources`

CATEGORY_NAMES = {
    "en": {"essential": "essential", "analytics": "analytics", "functionality": "functionality/preference",
           "advertising": "targeting/advertising"},
    "fr": {"essential": "essentiels", "analytics": "analytiques", "functionality": "de fonctionnalité/préférence",
           "advertising": "de ciblage/publicité"},
}
NUMBER_WORDS = {"en": {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"},
                "fr": {2: "deux", 3: "trois", 4: "quatre", 5: "cinq", 6: "six"}}
LABELS = {
    "en": {"website": "Website", "duration": "Duration", "category": "Category", "purpose": "Purpose",
           "none": "none given in the policy", "session": "Session (deleted when the browser closes)"},
    "fr": {"website": "Site", "duration": "Durée", "category": "Catégorie", "purpose": "Rôle",
           "none": "aucun indiqué dans la politique", "session": "Session (supprimé à la fermeture du navigateur)"},
}


@dataclass(slots=True)
class CookieHit:
    key: str            # compact cookie name
    how: str            # exact, alias, part, fuzzy
    score: float        # 0-100
    written: str        # what the question said
    start: int = 0      # where in the question's words it was named


@dataclass(slots=True)
class Question:
    """What the engine understood of one question."""
    raw: str
    text: str
    language: str
    words: list[str]
    hits: list[CookieHit] = field(default_factory=list)
    consumed: set[int] = field(default_factory=set)
    cues: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    categories: list[str] = field(default_factory=list)
    sites: list[str] = field(default_factory=list)
    browsers: list[str] = field(default_factory=list)
    min_days: float | None = None
    max_days: float | None = None
    exact_days: float | None = None
    inclusive: bool = False             # "at least", "or more": the bound itself is included
    category_words: set[int] = field(default_factory=set)   # positions of words naming a category
    terms: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    identifiers: list[str] = field(default_factory=list)   # name-like tokens as written: "_xyz_tracker"
    purpose_rows: tuple[list[Cookie], float] | None = None  # computed once, by _rows_by_purpose
    purpose_matched: int = 0                                # how many of its terms the best row matched
    purpose_margin: float = 0.0                             # best row's score over the best other name's
    passage_scores: list = field(default_factory=list)      # (score, coverage, passage) of the last ranking
    guessed: set[str] = field(default_factory=set)          # terms read from a corrected typo ("dissable")
    identifier_spans: list[set[int]] = field(default_factory=list)   # where the identifiers stand in `words`

    def unknown_identifier(self) -> bool:
        """A name-like token ("_xyz_tracker", "fooBar") that names no cookie of the policy."""
        return any(span and not span & self.consumed for span in self.identifier_spans)

    def has(self, cue: str) -> bool:
        return cue in self.cues


class Bot:
    """Answers questions from one knowledge base. Build once, ask many times (thread-safe: read-only)."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.index = Index(kb)
        self._facts: dict[str, tuple[str, bool, bool]] = {}     # per word, filled as questions come
        self._rows_by_fields: dict | None = None

    def conversation(self) -> "Conversation":
        return Conversation(self)

    # -- public --------------------------------------------------------------------------------
    def ask(self, question: str, *, about: Iterable[str] = ()) -> Answer:
        """Answer one question. `about` names the cookies a follow-up may refer to ("how long does it last?").

        Never raises: a failure inside the engine is logged and answered as an error, not a traceback.
        """
        if not isinstance(question, str):
            question = str(question)
        try:
            return self._finish(self._answer(question, about))
        except Exception:                                   # noqa: BLE001 — a bug must not reach the user
            import logging                  # only on failure: logging costs start-up time
            logging.getLogger("policybot.engine").exception("policybot: the engine failed on %r", question[:200])
            return Answer(question, False, "Sorry, something went wrong while answering that question.",
                          "en", 0.0, kind="error")

    def _answer(self, question: str, about: Iterable[str]) -> Answer:
        if len(question) > 4 * MAX_QUESTION_CHARS:          # refuse a pasted document before reading it
            question_text = question[:MAX_QUESTION_CHARS]
            language = detect_language(question_text)
            return self._too_long(question, len(question), language)
        text = clean_question(question)
        words = self.index.lexicon.words(text)
        language = detect_language(text, words) if text else "en"
        if not text:
            return Answer(question, False, _t(language, "Please ask a question about the cookie policy.",
                                              "Posez une question sur la politique relative aux cookies."),
                          language, 0.0, kind="error", suggestions=self._starter_questions(language))
        if len(text) > MAX_QUESTION_CHARS:
            return self._too_long(question, len(text), language)
        answer = self._read_and_route(question, text, language, words, about)
        if not answer.answered and answer.kind == "abstain":
            # "I am not a technical person and … Could you tell me what a cookie is?": the context around the
            # question can drown it, so the last sentence that asks is read on its own too.
            asking = [s for s in split_sentences(text) if s.rstrip().endswith("?")] or split_sentences(text)
            tries = [asking[-1]] if asking and asking[-1] != text else []
            clause = re.split(r"[,;:]\s+|\s[-–—]\s", tries[-1] if tries else text)[-1]   # "customer says …, which cookie …?"
            if clause not in tries and clause != text and len(clause.split()) >= 3:
                tries.append(clause)
            for part in tries:
                words = self.index.lexicon.words(part)
                context = text[: len(text) - len(part)]
                if part is clause and not (self._clause_stands_alone(words) and not self._names_unknown(context)):
                    continue
                retry = self._read_and_route(question, part, language, words, about)
                if retry.answered:
                    return retry
        return answer

    def _finish(self, answer: Answer) -> Answer:
        """What every answer carries besides its composer's work: citations, its lead, the edition's notice."""
        document = self.kb.document_id
        for source in answer.sources:
            if source.get("type") == "cookie":
                citation = Citation(document, cookie=source["name"], row=self._row_of(source))
            else:
                citation = Citation(document, section=source.get("number"), title=source.get("title"))
            if citation not in answer.citations:
                answer.citations.append(citation)
        if not answer.lead and answer.text:
            answer.lead = answer.text.strip().split("\n", 1)[0]
        if answer.kind != "error":
            answer.notice = self._notice(answer.language)
        return answer

    def _row_of(self, source: dict) -> int | None:
        """The table row a cookie source was made from (the first, when the policy repeats a row)."""
        if self._rows_by_fields is None:
            rows: dict = {}
            for cookie in self.kb.cookies:
                rows.setdefault((cookie.name, cookie.website, cookie.purpose, cookie.duration), cookie.row)
            self._rows_by_fields = rows
        return self._rows_by_fields.get((source["name"], source["website"], source["purpose"], source["duration"]))

    def _notice(self, lang: str) -> str | None:
        """One line for every answer of an edition that is no longer in effect."""
        meta = self.kb.metadata
        if meta.in_effect is not False:
            return None
        since = f" {_t(lang, 'since', 'depuis le')} {_date(meta.superseded_on, lang)}" if meta.superseded_on else ""
        return _t(lang, f"This edition of the policy is no longer in effect{since}.",
                  f"Cette version de la politique n’est plus en vigueur{since}.")

    def _names_unknown(self, text: str) -> bool:
        """Whether `text` names something the policy does not know ("le cookie Criteo")."""
        index = self.index
        unknown = [w for w in index.lexicon.words(text) if w not in index.vocabulary and stem(w) not in index.vocabulary_stems]
        return bool(unknown) and (_written_name(text, unknown) is not None or bool(_IDENTIFIER.search(text)))

    def _known(self, words: list[str]) -> bool:
        """Every word is one the policy or the lexicon uses (so nothing unknown is being dropped or asked)."""
        index = self.index
        return all(w in index.vocabulary or stem(w) in index.vocabulary_stems for w in words)

    def _clause_stands_alone(self, words: list[str]) -> bool:
        """A clause worth reading without its context: it names known things only, and something of substance."""
        if not self._known(words):
            return False
        clause = self._understand("", " ".join(words), "en", words)
        return bool(clause.hits) or any(t not in GENERIC_TERMS - QUESTION_CONCEPTS for t in clause.terms)

    def _read_and_route(self, question: str, text: str, language: str, words: list[str],
                        about: Iterable[str]) -> Answer:
        q = self._understand(question, text, language, words)
        if not q.hits and about and self._is_follow_up(q):
            q.hits = [CookieHit(compact(name), "context", 90.0, name) for name in about
                      if compact(name) in self.index.rows_by_name][:1]
        return self._route(q)

    def _too_long(self, question: str, length: int, language: str) -> Answer:
        return Answer(question, False, _t(
            language, f"That question is too long ({length:,} characters). Please ask in under {MAX_QUESTION_CHARS:,}.",
            f"Cette question est trop longue ({length:,} caractères). Posez-la en moins de {MAX_QUESTION_CHARS:,}."),
            language, 0.0, kind="error")

    # -- understanding -------------------------------------------------------------------------
    def _understand(self, raw: str, text: str, language: str, words: list[str]) -> Question:
        index, lexicon = self.index, self.index.lexicon
        q = Question(raw, text, language, words)
        phrases = lexicon.scan(words)
        for name in phrases.names("browser"):                # before cookie names: "Google Chrome"
            spans = phrases.spans("browser", name, q.consumed)
            if spans:
                q.browsers.append(name)
                q.consumed |= {i for start, end in spans for i in range(start, end)}
        self._find_cookies(q, text)
        for name in phrases.names("cue"):
            spans = phrases.spans("cue", name, q.consumed)
            if spans:
                q.cues[name] = spans
        for code in phrases.names("category"):
            spans = phrases.spans("category", code, q.consumed)
            if spans:
                q.categories.append(code)
                q.category_words |= {i for start, end in spans for i in range(start, end)}
        for position, word in enumerate(words) if not index.site_keys.keys().isdisjoint(words) else ():
            if position not in q.consumed and word in index.site_keys:
                site = index.site_keys[word]
                if site not in q.sites:
                    q.sites.append(site)
                q.consumed.add(position)
        self._find_durations(q)
        asking = {i for cue in QUESTION_CUES for start, end in q.cues.get(cue, []) for i in range(start, end)}
        if asking and any(words[i] in lexicon.phrase_words for i in asking):
            asking -= lexicon.phrase_positions(words)  # "the purpose of this policy" is a topic, not a cue
        vocabulary = index.vocabulary
        if all(w in vocabulary for w in words):
            corrected = words
        else:
            names = {fold(t) for t in _CAPITALISED.findall(text)}      # CNIL, Hotjar: names, never typos
            corrected = [word if word in vocabulary or i in q.consumed or word in names else self._correct(word)
                         for i, word in enumerate(words)]
            q.guessed = {lexicon.terms([c])[0] for w, c in zip(words, corrected)  # short words: a guess, not a typo
                         if c != w and len(w) < 7 and lexicon.terms([c])}
        unknown_names = {i for span in q.identifier_spans if not span & q.consumed for i in span}
        kept = [w for i, w in enumerate(corrected) if i not in q.consumed and i not in asking and i not in unknown_names]
        q.terms = lexicon.terms(kept) + [t for b in q.browsers for t in lexicon.terms(tokens(b))]
        if q.has("usedfor") and not q.hits and set(q.terms) <= GENERIC_TERMS:
            # "what are cookies used for on your websites?" asks why, not what cookies are
            q.terms = [t for t in q.terms if t != CONCEPT + "define"] + [CONCEPT + "why"]
        q.unknown = [w for w in kept if w not in index.vocabulary and stem(w) not in index.vocabulary_stems
                     and not w.replace(".", "").isdigit()]
        return q

    def _find_cookies(self, q: Question, text: str) -> None:
        """Cookie names in the question: exact or compacted, aliases, distinctive parts, then typos."""
        index, words = self.index, q.words
        identifiers, whole_spans, position = set(), [], 0
        if _IDENTIFIER.search(text):
            for raw in text.split():
                size = index.lexicon.count_words(raw)   # as `words` counts them
                if _IDENTIFIER.search(raw):
                    identifiers.add(compact(raw))
                    q.identifiers.append(raw.strip("?!.,;:«»“”\"'()"))
                    q.identifier_spans.append(set(range(position, position + size)))
                    if size > 1:
                        whole_spans.append(set(range(position, position + size)))
                position += size
        stop = index.lexicon.stopwords
        facts = [self._word_facts(w) for w in words]
        compacts = [f[0] for f in facts]
        n, longest = len(words), min(index.max_name_words, len(words))
        by_length = lambda span: (span[0] - span[1], span[0])     # longest first, then left to right
        starts = [i for i, f in enumerate(facts) if f[1]]
        exact_spans = [(start, start + size) for size in range(longest, 0, -1) for start in starts if start + size <= n]
        unknown = [i for i, f in enumerate(facts) if not f[2]]
        typo_spans = sorted({(start, end) for i in unknown for start in range(max(0, i - longest + 1), i + 1)
                             if compacts[start][:2] in index.name_starts             # typos keep the first letters
                             for end in range(i + 1, min(n, start + longest) + 1)}, key=by_length) if unknown else []
        if identifiers:
            typo_spans = sorted(set(typo_spans) | {(a, b) for a in range(n) for b in range(a + 1, min(n, a + longest) + 1)
                                                   if "".join(compacts[a:b]) in identifiers}, key=by_length)
        # Longest spans first, exact and misspelt alike: "google analitycs" is Google Analytics, not Google.
        candidates = [(s, e, "exact") for s, e in exact_spans]
        if typo_spans:
            candidates = sorted(candidates + [(s, e, "fuzzy") for s, e in typo_spans],
                                key=lambda c: (c[0] - c[1], c[2] != "exact", c[0]))
        for start, end, kind in candidates:
            key = "".join(compacts[start:end])
            if len(key) < 2 or kind == "fuzzy" and len(key) < 5:
                continue
            found = self._known_name(key) if kind == "exact" else None    # a dict look-up: cheap, so first
            if kind == "exact" and found is None:
                continue
            span = set(range(start, end))
            if span & q.consumed or any(span & whole and not whole <= span for whole in whole_spans):
                continue      # "_zendesk_sesion_tracker" is one name: match all of it or none
            if kind == "fuzzy":
                found = self._typo_of_name(key)
            if found is None:
                continue
            part = words[start:end]
            how, target, score = found
            if how != "alias" and all(w in stop for w in part) and key not in identifiers:
                continue      # "zendesk cookie" in plain words is the company's cookie policy, not a name
            if all(h.key != target for h in q.hits):
                q.hits.append(CookieHit(target, how, score, " ".join(part), start))
            q.consumed |= span
        q.hits.sort(key=lambda hit: hit.start)         # in the order the question names them

    def _word_facts(self, word: str) -> tuple[str, bool, bool]:
        """(compacted, can begin a cookie name, known word): the same for every question, so kept."""
        facts = self._facts.get(word)
        if facts is None:
            key = word if word.isalnum() else compact(word)
            facts = (key, key[:3] in self.index.name_starts, word in self.index.vocabulary)
            if len(self._facts) < 100_000:
                self._facts[word] = facts
        return facts

    def _known_name(self, key: str) -> tuple[str, str, float] | None:
        """(how, compact name, score) for a name, an alias or a distinctive part of a name."""
        index = self.index
        if key in index.rows_by_name:
            return "exact", key, 100.0
        alias = index.lexicon.aliases.get(key)
        if alias is not None and compact(alias) in index.rows_by_name:
            return "alias", compact(alias), 96.0
        if key in index.name_parts:
            return "part", index.name_parts[key], 90.0
        return None

    def _typo_of_name(self, key: str) -> tuple[str, str, float] | None:
        choices = [name for size in range(len(key) - 2, len(key) + 3)      # a typo, not extra words
                   for name in self.index.by_prefix.get((key[:2], size), ())]
        most = 1 if len(key) < 10 else 2                # letters wrong, missing, extra or swapped
        best = process.extractOne(key, choices, scorer=OSA.distance, score_cutoff=most)
        return ("fuzzy", best[0], 100.0 * (1 - best[1] / max(len(key), len(best[0])))) if best else None

    def _find_durations(self, q: Question) -> None:
        """'more than 5 years', 'under an hour', 'plus de 2 ans' -> strict bounds in days."""
        lexicon, words = self.index.lexicon, q.words
        if lexicon.unit_words.isdisjoint(words) or (
                lexicon.number_words.keys().isdisjoint(words) and not any(w[:1].isdigit() for w in words)):
            return
        for start in range(len(words)):
            amount = _number(words[start], lexicon) if start not in q.consumed else None
            unit = _unit(words[start + 1:start + 3], lexicon) if amount is not None else None
            if unit is not None and not any(start in range(s, e + 1) for b in ("more", "less")
                                            for s, e in q.cues.get(b, [])):
                if words[start] in ("a", "an", "un", "une") and not (q.has("exact") or q.has("duration")):
                    continue                    # "a year" alone is no duration filter
                days, after = amount * unit[0], start + 1 + unit[1]
                if any(s == after for s, e in q.cues.get("ormore", [])):
                    q.min_days, q.inclusive = days - 1e-6, True    # "10 years or more"
                elif any(s == after for s, e in q.cues.get("orless", [])):
                    q.max_days, q.inclusive = days + 1e-6, True
                else:
                    q.exact_days = days
                q.consumed |= set(range(start, after))
        for bound in ("more", "less"):
            for start, end in q.cues.get(bound, []):
                amount, position = None, end
                if position < len(words):
                    amount = _number(words[position], lexicon)
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
                inclusive = words[start:end] in (["at", "least"], ["au", "moins"], ["at", "most"], ["au", "plus"])
                days += (-1e-6 if bound == "more" else 1e-6) if inclusive else 0.0
                q.inclusive = q.inclusive or inclusive
                if bound == "more":
                    q.min_days = days
                else:
                    q.max_days = days
                q.consumed |= set(range(start, position))

    def _correct(self, word: str) -> str:
        """A word the policy does not know, replaced by the known word it is a typo of ("dissable")."""
        index = self.index
        if word in index.vocabulary or len(word) < 4 or not word.isalpha() or stem(word) in index.vocabulary_stems:
            return word
        choices = [w for size in range(len(word) - 2, len(word) + 3)
                   for w in index.vocabulary_by_prefix.get((word[0], size), ())]
        most = 1 if len(word) < 8 else 2                 # letters wrong, missing, extra or swapped
        best = process.extractOne(word, choices, scorer=OSA.distance, score_cutoff=most)
        return best[0] if best else word

    def _is_follow_up(self, q: Question) -> bool:
        """'how long does it last?', 'is it essential?', 'and its website?' after a question about a cookie."""
        if q.has("list") or q.sites or _plural_cookies(q) or len(q.terms) > 3:
            return False
        if q.has("pronoun"):
            return True
        return any(q.has(c) for c in ATTRIBUTE_CUES)

    # -- routing -------------------------------------------------------------------------------
    def _route(self, q: Question) -> Answer:
        wants_list = q.has("list") or (_plural_cookies(q) and not q.hits)
        document = self._document_topic(q)
        if document and not q.hits:
            return self._document_answer(q, document)
        families = [h for h in q.hits if h.how == "exact" and self._family(h.key)
                    and " " not in self.index.display_name[h.key].strip()]    # "Facebook", not "Facebook Business"
        if (wants_list or _plural_cookies(q)) and families:
            prose = None if q.has("list") else self._prose_about_hit(q)    # "does the Facebook Like button set cookies?"
            return prose or self._family_answer(q, families[0])
        if not q.hits and q.unknown_identifier():
            return self._abstain(q, None)       # asked about a cookie the policy does not list
        if not any(h.how == "exact" for h in q.hits) and self._offtopic(q):
            return self._abstain(q, None)       # "do you sell cookie data?", "what is the price of …"
        if q.hits and self._asks_for_vendors_own_policy(q):
            return self._abstain(q, None)       # "what is the cookie policy of Facebook?": not this policy's to say
        if q.hits:
            prose = self._prose_about_hit(q)
            if prose:
                return prose
            if len(q.unknown) >= 2 and all(h.how != "exact" for h in q.hits) and "cookie" not in q.words \
                    and "cookies" not in q.words and not any(q.has(c) for c in ATTRIBUTE_CUES) and not self._rows_cover(q):
                return self._abstain(q, None)   # "our budget split between Google Ads and Meta": not about the cookie
            self._refine_in_family(q)
            return self._cookie_answer(q)
        has_filter = bool(q.categories or q.sites or q.min_days is not None or q.max_days is not None
                          or q.exact_days is not None or q.has("session") or q.has("persistent") or q.has("nowebsite"))
        if has_filter and not q.browsers and (wants_list or _plural_cookies(q) or (
                not q.categories and not self._beyond_filters(q))) and not (
                q.categories and not q.has("list") and (q.has("definition") or q.has("purpose") or q.has("usedfor")
                                                      or CONCEPT + "why" in q.terms or self._beyond_filters(q))):
            return self._list_answer(q)
        if q.categories and not q.browsers and not self._one_cookie_by_purpose(q):
            if self._prose_elsewhere(q):
                q.terms = self._beyond_filters(q) + [t for t in q.terms if t in GENERIC_TERMS]
                return self._search_answer(q, wants_list)
            answer = self._category_definition(q)
            if answer:
                return answer
        if q.has("category") and not q.categories and not q.sites and not q.browsers and not self._beyond_filters(q):
            return self._categories_answer(q)   # "what are the categories of cookies?"
        if wants_list and not q.terms:
            return self._listing(q, list(self.kb.cookies), self._count_intro(q), {})
        return self._search_answer(q, wants_list)

    def _prose_elsewhere(self, q: Question) -> bool:
        """'cookies in the subscription Services, not just the marketing sites': a category word in passing,
        while another passage covers the question well."""
        beyond = self._beyond_filters(q)
        if len(beyond) < 2:
            return False
        terms, q.terms = q.terms, beyond
        try:
            passage, coverage, _ = self._best_passage(q)
        finally:
            q.terms = terms
        home = self.index.category_passages.get(q.categories[0])
        return passage is not None and coverage >= 0.75 and (home is None or passage.section is not home.section)

    def _offtopic(self, q: Question) -> bool:
        phrases, words = self.index.lexicon.offtopic, q.words
        return any(tuple(words[i:i + len(p)]) == p for p in phrases for i in range(len(words) - len(p) + 1)) \
            if phrases and not self.index.lexicon.offtopic_words.isdisjoint(words) else False

    def _asks_for_vendors_own_policy(self, q: Question) -> bool:
        text = fold(q.text)
        if "polic" not in text and "politique" not in text:
            return False
        for hit in q.hits:
            name = re.escape(fold(hit.written))
            if re.search(rf"(polic(y|ies)|politique) (of|de|d') ?(the )?{name}|{name}(’s|'s)? (own )?((cookie|privacy) )?polic", text):
                return True
        return False

    def _rows_cover(self, q: Question) -> bool:
        """Whether the named cookies' own words account for what else the question says."""
        rows_terms = set().union(*(self.index.row_terms[r] for h in q.hits for r in self.index.rows_by_name[h.key]))
        return bool(set(q.terms) & rows_terms)

    def _beyond_filters(self, q: Question) -> list[str]:
        """What a question with filters asks besides them: "can the site work without essential cookies?"."""
        filter_words = set(q.consumed) | q.category_words | {
            i for cue in FILTER_CUES for start, end in q.cues.get(cue, []) for i in range(start, end)}
        terms = self.index.lexicon.terms([w for i, w in enumerate(q.words) if i not in filter_words])
        return [t for t in terms if t not in QUESTION_CONCEPTS and t not in GENERIC_TERMS]

    def _categories_answer(self, q: Question) -> Answer:
        """The categories the policy sorts cookies into, each with its number of rows."""
        lang, lines, sources = q.language, [], []
        passages = sorted(self.index.category_passages.items(), key=lambda item: item[1].section.number)
        for code, passage in passages:
            rows = len(self.index.rows_by_category.get(code, ()))
            lines.append(f"• {passage.titles.get(lang, passage.section.title)} "
                         + _t(lang, f"({rows} cookies)", f"({rows} cookies)"))
            sources.append(self._section_source(passage, _shorten(passage.versions[passage.original_language], 200)))
        parent = passages[0][1].section.parent if passages else None
        count = NUMBER_WORDS[lang].get(len(passages), str(len(passages)))
        intro = _t(lang, f"The policy sorts cookies into {count} categories"
                   + (f" (section {parent})" if parent else "") + ":",
                   f"La politique classe les cookies en {count} catégories"
                   + (f" (section {parent})" if parent else "") + " :")
        return Answer(q.raw, True, "\n".join([intro] + lines), lang, 0.9, sources, [], "prose")

    def _one_cookie_by_purpose(self, q: Question) -> bool:
        """'the cookie used for marketing automation': one cookie whose purpose says it all, not a category."""
        if q.has("definition"):
            return False
        rows, coverage = self._rows_by_purpose(q)
        if not rows or coverage < 0.75:
            return False
        return "cookie" in q.words or q.purpose_matched >= 3   # "tracking pixel for prospecting and retargeting"

    def _count_intro(self, q: Question) -> str:
        rows = self.kb.cookies
        names = len({compact(c.name) for c in rows})
        sites = len({c.website for c in rows if c.website})
        return _t(q.language, f"The policy’s cookie table has {len(rows)} rows: {names} distinct cookies on {sites} websites.",
                  f"Le tableau des cookies de la politique compte {len(rows)} lignes : {names} cookies distincts sur {sites} sites.")

    def _refine_in_family(self, q: Question) -> None:
        """'Facebook ... custom audiences': a vendor's name plus words of one of its cookies' purposes."""
        hit = q.hits[0]
        named_only_the_vendor = " " not in self.index.display_name[hit.key].strip() and hit.key in self.index.families
        family = self._family(hit.key) if hit.how == "exact" and named_only_the_vendor else []
        wanted = set(q.terms)
        if not family or not wanted:
            return
        def overlap(key: str) -> int:
            return max(len(wanted & self.index.row_terms[row]) for row in self.index.rows_by_name[key])
        best = max(family, key=lambda key: (overlap(key), key == hit.key))
        if overlap(best) >= max(2, overlap(hit.key) + 1):
            q.hits[0] = CookieHit(best, "family", 88.0, hit.written)

    def _prose_about_hit(self, q: Question) -> Answer | None:
        """'the Facebook like button': a vendor named where the prose covers the rest of the question."""
        hit = q.hits[0]
        if len(q.hits) > 1 or hit.how not in ("exact", "alias", "part") or len(q.terms) < 1 or q.has("list") or any(
                self._asks(q, a) for a in ASKABLE_ATTRIBUTES):
            return None
        name = fold(self.index.display_name[hit.key] if hit.how == "exact" else hit.written)
        if name not in self.index.prose_mentions:
            return None
        passage, coverage, _ = self._best_passage(q, mentioning=name)
        if passage is None or coverage < 0.4:
            return None
        wanted = set(q.terms)
        row_overlap = max(len(wanted & self.index.row_terms[r]) for r in self.index.rows_by_name[hit.key])
        if row_overlap >= len(wanted & (set(passage.terms) | passage.title_terms)):
            return None
        text, excerpt, translated = self._passage_text(passage, q, lead=False)
        return Answer(q.raw, True, "\n".join([text, self._citation(passage, q.language, translated)]), q.language,
                      round(0.3 + 0.6 * coverage, 3), [self._section_source(passage, excerpt)], [], "prose")

    def _document_topic(self, q: Question) -> str | None:
        if q.has("often"):
            return None                         # "how often is the list updated?" is in the prose, not a date
        long_phrase = any(end - start > 1 for start, end in q.cues.get("updated", []))
        if q.has("effective") and q.has("when"):
            return "effective"
        if q.has("status") or q.has("superseded") or q.has("edition"):
            return "status"
        if q.has("updated") and (q.has("when") or long_phrase):
            return "updated"
        if q.has("effective") and len(q.terms) <= 2:
            return "effective"
        if q.has("when") and any(w in ("policy", "politique") for w in q.words) and not self._beyond_filters(q):
            return "effective"                  # "policy date": the dates the document gives itself
        return None

    def _family(self, key: str) -> list[str]:
        """The names that share this name's first word ("Facebook", "Facebook Connect", …), or []."""
        return self.index.family_of.get(key, [])

    # -- answers about cookies -------------------------------------------------------------------
    def _rows(self, key: str) -> list[Cookie]:
        return [self.index.cookies[row] for row in self.index.rows_by_name[key]]

    def _cookie_answer(self, q: Question) -> Answer:
        lang, hit = q.language, q.hits[0]
        rows = self._rows(hit.key)
        extra_rows = [c for h in q.hits[1:3] for c in self._rows(h.key)]
        name = rows[0].name
        facts = []
        asked = [a for a in ASKABLE_ATTRIBUTES if self._asks(q, a)]
        if hit.how == "purpose" and "category" in asked and not q.categories:
            purpose = set(tokens(rows[0].purpose))      # "…depending on the visitor type?" names the purpose
            if all(set(q.words[s:e]) <= purpose for s, e in q.cues.get("category", [])):
                asked.remove("category")
        if "duration" in asked and extra_rows:
            longer = True if q.has("more") else False if q.has("less") else None
            facts.append(self._comparison(rows[0], extra_rows[0], longer=longer, lang=lang))
            asked = [a for a in asked if a != "duration"]
        for attribute in asked:
            facts.append(self._fact(attribute, rows, q))
        lines = [f for f in facts if f]
        if not lines:
            if len(rows) == 1:
                lines.append(f"{name}: {rows[0].purpose.rstrip('.')}.")
            else:
                lines.append(_t(lang, f"{name} appears {len(rows)} times in the cookie table:",
                                f"{name} figure {len(rows)} fois dans le tableau des cookies :"))
        for cookie in rows:
            lines.append(self._row_line(cookie, lang, with_name=len(rows) > 1 or bool(asked)))
        for cookie in extra_rows:
            lines.append(self._row_line(cookie, lang, with_name=True))
        if hit.how in ("fuzzy", "alias") and compact(hit.written) != hit.key:
            lines.append(_t(lang, f"(I read “{hit.written}” as {name}.)", f"(J’ai compris « {hit.written} » comme {name}.)"))
        notes = [n for c in rows for n in c.notes]
        if notes and asked:
            lines.append(_t(lang, "Note: ", "Remarque : ") + "; ".join(dict.fromkeys(notes)) + ".")
        confidence = {"exact": 0.97, "alias": 0.93, "part": 0.85, "context": 0.85, "family": 0.8}.get(
            hit.how, max(0.5, 0.55 + 0.4 * (hit.score - 80) / 20))
        return Answer(q.raw, True, "\n".join(lines), lang, confidence,
                      [cookie_source(c) for c in rows + extra_rows], [],
                      "attribute" if asked else "cookie")

    def _comparison(self, first: Cookie, second: Cookie, *, longer: bool | None, lang: str) -> str:
        """'does X last longer than Y?' -> 'Yes: X (1.5 years) lasts longer than Y (540 jours (18 months)).'

        `longer` is what the question supposes of the first (None when it only asks which lasts longer).
        """
        def days(cookie: Cookie) -> float:
            return 0.0 if cookie.session or cookie.duration_days is None else cookie.duration_days
        a, b = f"{first.name} ({self._duration(first, lang)})", f"{second.name} ({self._duration(second, lang)})"
        if days(first) == days(second):
            return _t(lang, f"{'No: ' if longer is not None else ''}{a} and {b} last as long as each other.",
                      f"{'Non : ' if longer is not None else ''}{a} et {b} durent aussi longtemps l’un que l’autre.")
        first_longer = days(first) > days(second)
        if longer is None:                      # "which lasts longer?": the longer one first
            a, b = (a, b) if first_longer else (b, a)
            return _t(lang, f"{a} lasts longer than {b}.", f"{a} dure plus longtemps que {b}.")
        verdict = _t(lang, "Yes: " if first_longer == longer else "No: ", "Oui : " if first_longer == longer else "Non : ")
        if first_longer:
            return verdict + _t(lang, f"{a} lasts longer than {b}.", f"{a} dure plus longtemps que {b}.")
        return verdict + _t(lang, f"{a} ends sooner than {b}.", f"{a} dure moins longtemps que {b}.")

    def _asks(self, q: Question, attribute: str) -> bool:
        if attribute == "category":
            if q.has("category"):
                return True
            if not q.categories:
                return False
            others = [w for i, w in enumerate(q.words) if i not in q.consumed and i not in q.category_words]
            return not self.index.lexicon.terms(others)
        if attribute == "session":
            return q.has("session") or q.has("persistent")
        if attribute == "website":
            return q.has("website") or bool(q.sites)
        return q.has(attribute)

    def _fact(self, attribute: str, rows: list[Cookie], q: Question) -> str:
        """The sentence that answers one attribute question, for every row of the name."""
        lang, name = q.language, rows[0].name
        parts = []
        for cookie in rows:
            who = name + (f" ({cookie.website})" if len(rows) > 1 and cookie.website else "")
            lasts = self._duration(cookie, lang)
            if attribute in ("duration", "session"):
                yes_no = attribute == "session"
                if cookie.session:
                    parts.append(_t(lang, f"{'Yes: ' if yes_no else ''}{who} is a session cookie: it is deleted when you close your browser.",
                                    f"{'Oui : ' if yes_no else ''}{who} est un cookie de session : il est supprimé à la fermeture du navigateur."))
                elif yes_no:
                    parts.append(_t(lang, f"No: {who} is persistent; it lasts {lasts}.",
                                    f"Non : {who} est persistant ; il dure {lasts}."))
                else:
                    parts.append(_t(lang, f"{who} lasts {lasts}.", f"{who} dure {lasts}."))
            elif attribute == "category":
                label = CATEGORY_NAMES[lang][cookie.category]
                fact = _t(lang, f"{who} is in the {cookie.category_label} category ({label}).",
                          f"{who} est dans la catégorie {cookie.category_label} (cookies {label}).")
                if q.categories:
                    same = q.categories[0] == cookie.category
                    fact = _t(lang, "Yes. " if same else "No. ", "Oui. " if same else "Non. ") + fact
                parts.append(fact)
            elif attribute == "website":
                parts.append(_t(lang, f"{name} is set on {cookie.website}.", f"{name} est utilisé sur {cookie.website}.")
                             if cookie.website else _t(lang, f"The policy gives no website for {name}.",
                                                       f"La politique n’indique aucun site pour {name}."))
        return " ".join(dict.fromkeys(parts))

    def _duration(self, cookie: Cookie, lang: str) -> str:
        """The policy's wording, with the reader's terms beside it when they differ: '20 ans (20 years)'."""
        if cookie.session or cookie.duration_days is None:
            return LABELS[lang]["session"]
        return _both_wordings(cookie.duration, cookie.duration_days, lang)

    def _row_line(self, cookie: Cookie, lang: str, *, with_name: bool) -> str:
        labels = LABELS[lang]
        fields = [f"{labels['website']}: {cookie.website or labels['none']}",
                  f"{labels['duration']}: {self._duration(cookie, lang)}",
                  f"{labels['category']}: {cookie.category_label}"]
        if with_name:
            return f"• {cookie.name} — {cookie.purpose.rstrip('.')} ({'; '.join(fields)})"
        return " · ".join(fields)

    def _family_answer(self, q: Question, hit: CookieHit) -> Answer:
        rows = [c for key in self._family(hit.key) for c in self._rows(key)]
        rows.sort(key=lambda c: c.row)
        if q.sites or q.categories:             # "Facebook cookies on zopim.com"
            rows = filter_cookies(rows, category=q.categories[0] if q.categories else None,
                                  site=q.sites[0] if q.sites else None)
        head = fold(self.index.display_name[hit.key]).split()[0]
        vendor = self.index.display_name[hit.key].split()[0] if head else hit.written
        where = _t(q.language, f" on {q.sites[0]}", f" sur {q.sites[0]}") if q.sites else ""
        intro = _t(q.language, f"The cookie table lists {len(rows)} cookies from {vendor}{where}:",
                   f"Le tableau liste {len(rows)} cookies de {vendor}{where} :")
        return self._listing(q, rows, intro, None)

    def _list_answer(self, q: Question) -> Answer | None:
        session = True if q.has("session") else False if q.has("persistent") else None
        if session is None and (q.min_days is not None or q.max_days is not None or q.exact_days is not None):
            session = False       # a session cookie has no stated lifetime to compare
        category = q.categories[0] if q.categories else None
        site = q.sites[0] if q.sites else None
        rows = filter_cookies(self.index.candidates(category, site), category=category, site=site, session=session,
                              min_days=q.min_days, max_days=q.max_days)
        if q.exact_days is not None:
            rows = [c for c in rows if c.duration_days is not None and abs(c.duration_days - q.exact_days) <= 0.02 * q.exact_days]
        if q.has("nowebsite"):
            rows = [c for c in rows if not c.website]
        lang = q.language
        described = []
        if category:
            described.append(CATEGORY_NAMES[lang][category])
        if session:
            described.append(_t(lang, "session", "de session"))
        elif q.has("persistent"):
            described.append(_t(lang, "persistent", "persistants"))
        what = _t(lang, " ".join(["cookies"] + described) if lang == "fr" else " ".join(described + ["cookies"]),
                  " ".join(["cookies"] + described))
        conditions = []
        if site:
            conditions.append(_t(lang, f"on {site}", f"sur {site}"))
        if q.min_days is not None:
            days = round(q.min_days, 4)
            conditions.append(_t(lang, f"lasting {'at least' if q.inclusive else 'more than'} {humanize_days(days, 'en')}",
                                 f"durant {'au moins' if q.inclusive else 'plus de'} {humanize_days(days, 'fr')}"))
        if q.max_days is not None:
            days = round(q.max_days, 4)
            conditions.append(_t(lang, f"lasting {'at most' if q.inclusive else 'less than'} {humanize_days(days, 'en')}",
                                 f"durant {'au plus' if q.inclusive else 'moins de'} {humanize_days(days, 'fr')}"))
        if q.exact_days is not None:
            conditions.append(_t(lang, f"lasting {humanize_days(q.exact_days, 'en')}", f"durant {humanize_days(q.exact_days, 'fr')}"))
        if q.has("nowebsite"):
            conditions.append(_t(lang, "with no website given", "sans site indiqué"))
        description = " ".join([what] + conditions)
        if not rows:
            return Answer(q.raw, True, _t(lang, f"The policy lists no {description}.",
                                          f"La politique ne liste aucun {description}."),
                          lang, 0.8, [], [], "list", self._see_all(category, site, session, q))
        if len(rows) == 1:
            description = description.replace("cookies", "cookie", 1)
        intro = _t(lang, f"The policy lists {len(rows)} {description}:", f"La politique liste {len(rows)} {description} :")
        answer = self._listing(q, rows, intro, self._see_all(category, site, session, q))
        if q.max_days is not None and not q.has("persistent"):
            sessions = len(filter_cookies(self.kb.cookies, category=category, site=site, session=True))
            if sessions:
                answer.text += _t(lang, f"\nNot counted: {sessions} session cookies, which have no fixed lifetime and end when the browser closes.",
                                  f"\nNon comptés : {sessions} cookies de session, sans durée fixe, supprimés à la fermeture du navigateur.")
        return answer

    def _see_all(self, category, site, session, q: Question) -> dict:
        """The filters that list every row of this list (the terminal shows them as `policybot cookies …`)."""
        filters: dict = {}
        if category:
            filters["category"] = category
        if site:
            filters["site"] = site
        if session is True:
            filters["session"] = True
        elif session is False and (q.max_days is not None or q.has("persistent")):
            filters["session"] = False      # otherwise a bound on the lifetime would count session cookies too
        if q.min_days is not None:
            filters["longer_than_days"] = _outside(q.min_days, -1) if q.inclusive else round(q.min_days, 6)
        if q.max_days is not None:
            filters["shorter_than_days"] = _outside(q.max_days, +1) if q.inclusive else round(q.max_days, 6)
        if q.has("nowebsite"):
            filters["no_website"] = True
        return filters

    def _listing(self, q: Question, rows: list[Cookie], intro: str, see_all: dict | None) -> Answer:
        lang = q.language
        lines = [intro]
        for cookie in rows[:LIST_TEXT_ROWS]:
            lines.append(f"• {cookie.name} ({cookie.website or LABELS[lang]['none']}; "
                         f"{self._duration(cookie, lang)}; {cookie.category_label})")
        if len(rows) > LIST_TEXT_ROWS:
            lines.append(_t(lang, f"… and {len(rows) - LIST_TEXT_ROWS} more", f"… et {len(rows) - LIST_TEXT_ROWS} autres"))
        return Answer(q.raw, True, "\n".join(lines), lang, 0.9, [cookie_source(c) for c in rows], [], "list", see_all)

    # -- answers from prose -------------------------------------------------------------------------
    def _category_definition(self, q: Question) -> Answer | None:
        """'what are analytics cookies?': the subsection defining the category, and the rows in it."""
        category = q.categories[0]
        passage = self.index.category_passages.get(category)
        if passage is None:
            return None
        text, excerpt, translated = self._passage_text(passage, q, lead=not self._beyond_filters(q))
        rows = self.index.candidates(category, None)
        lang, see_all = q.language, {"category": category}
        lines = [text, self._citation(passage, lang, translated)]
        if rows:
            counts = Counter(c.name for c in rows)
            names = [name if n == 1 else _t(lang, f"{name} ({n} rows)", f"{name} ({n} lignes)") for name, n in counts.items()]
            shown = ", ".join(names[:LIST_TEXT_ROWS]) + (
                _t(lang, f" and {len(names) - LIST_TEXT_ROWS} more", f" et {len(names) - LIST_TEXT_ROWS} autres")
                if len(names) > LIST_TEXT_ROWS else "")
            lines.append(_t(lang, f"The policy lists {len(rows)} {CATEGORY_NAMES['en'][category]} cookies: {shown}.",
                            f"La politique liste {len(rows)} cookies {CATEGORY_NAMES['fr'][category]} : {shown}."))
        sources = [self._section_source(passage, excerpt)] + [cookie_source(c) for c in rows]
        return Answer(q.raw, True, "\n".join(lines), lang, 0.9, sources, [], "prose", see_all)

    def _search_answer(self, q: Question, wants_list: bool) -> Answer:
        passage, coverage, title_coverage = self._best_passage(q)
        rows, row_coverage = self._rows_by_purpose(q)
        singular = bool(COOKIE_WORDS.intersection(q.words)) and not q.has("definition")   # "the cookie that stores ..."
        # "which cookie keeps me signed in … so I don't have to log in every single time?": one row stands out
        clear = bool(COOKIE_WORDS.intersection(q.words)) and q.purpose_matched >= 2 and q.purpose_margin >= 1.4
        if rows and (row_coverage >= ROW_MIN_COVERAGE or clear) and not q.browsers and (
                singular or clear or (row_coverage >= max(0.75, coverage + 0.2)
                                      and (q.purpose_matched >= 2 or row_coverage >= 0.99))):
            if wants_list:
                intro = _t(q.language, f"{len(rows)} cookies match:", f"{len(rows)} cookies correspondent :")
                answer = self._listing(q, rows, intro, None)
                answer.confidence = 0.5 + 0.4 * row_coverage
                return answer
            q.hits = [CookieHit(compact(rows[0].name), "purpose", 80.0, "")]
            answer = self._cookie_answer(q)
            answer.confidence = 0.45 + 0.45 * row_coverage
            return answer
        needed = NOTES_MIN_COVERAGE if passage is not None and passage.section.number in ("notes", "preamble") \
            else PROSE_MIN_COVERAGE
        if passage is not None and q.guessed and not (set(q.terms) - q.guessed - GENERIC_TERMS) & passage.all_terms:
            passage = None      # only corrected typos match ("price of Zendesk Suite" is not "privée … site")
        if q.has("duration") and not q.browsers:
            return self._abstain(q, None)       # "how long do you keep my data?": the policy dates only cookies
        if passage is not None and (coverage >= needed or q.browsers and coverage >= 0.3):
            asks_what_the_title_asks = bool(QUESTION_CONCEPTS & set(q.terms) & passage.title_terms)
            lead = passage.position == 0 and not q.browsers and title_coverage >= 0.5
            text, excerpt, translated = self._passage_text(passage, q, lead=lead,
                                                           lead_if_near=passage.position == 0 and asks_what_the_title_asks)
            lines = [text, self._citation(passage, q.language, translated)]
            sources = [self._section_source(passage, excerpt)]
            second = self._second_passage(q, passage, coverage)
            if second is not None:          # "consent": the policy speaks of it in two places, equally
                text2, excerpt2, translated2 = self._passage_text(second, q, lead=False)
                lines += [text2, self._citation(second, q.language, translated2)]
                sources.append(self._section_source(second, excerpt2))
            return Answer(q.raw, True, "\n".join(lines), q.language, round(0.3 + 0.65 * coverage, 3),
                          sources, [], "prose")
        return self._abstain(q, passage if coverage >= 0.3 else None)

    def _second_passage(self, q: Question, best: Passage, coverage: float) -> Passage | None:
        """Another section's passage that answers the question just as fully, if there is one."""
        if q.browsers:
            return None
        best_score = max(score for score, _, passage in q.passage_scores if passage is best)
        rivals = [(score, passage) for score, cov, passage in q.passage_scores
                  if passage.section is not best.section and cov >= coverage - 1e-9 and score >= best_score - 0.08]
        return max(rivals, key=lambda r: r[0])[1] if rivals else None

    def _best_passage(self, q: Question, mentioning: str | None = None) -> tuple[Passage | None, float, float]:
        """The passage that covers most of the question (its title counts double), with its coverages."""
        index = self.index
        weight = {t: index.idf_of(t) for t in q.terms}
        if not weight:
            return None, 0.0, 0.0
        terms, total = list(weight), sum(weight.values())
        browsers = [fold(b) for b in q.browsers]
        best, best_score, best_coverage, best_title = None, 0.0, 0.0, 0.0
        q.passage_scores = []
        candidates = sorted({i for t in terms for i in index.passages_with.get(t, ())})
        for passage in (index.passages[i] for i in candidates):
            if browsers and not any(b in passage.folded for b in browsers):
                continue
            if mentioning and mentioning not in passage.folded:
                continue
            matched = [t for t in terms if t in passage.all_terms]
            if not matched:
                continue
            coverage = sum(weight[t] for t in matched) / total
            title = sum(weight[t] for t in matched if t in passage.title_terms) / total
            precision = len(passage.title_terms.intersection(terms)) / max(1, len(passage.title_terms))
            title *= 1.0 if passage.position == 0 else 0.5     # a section's title speaks for its opening first
            score = coverage + 0.6 * title + 0.3 * precision * title + 0.02 * sum(min(passage.terms.get(t, 0), 3) for t in matched) \
                - 0.01 * passage.position
            q.passage_scores.append((score, coverage, passage))
            if score > best_score:
                best, best_score, best_coverage, best_title = passage, score, coverage, title
        return best, best_coverage, best_title

    def _rows_by_purpose(self, q: Question) -> tuple[list[Cookie], float]:
        """The rows whose name and purpose cover most of the question, and that coverage (0-1)."""
        if q.purpose_rows is None:
            q.purpose_rows = self._score_purposes(q)
        return q.purpose_rows

    def _score_purposes(self, q: Question) -> tuple[list[Cookie], float]:
        index = self.index
        terms = [t for t in dict.fromkeys(q.terms) if not t.startswith(CONCEPT + "define")]
        if not terms:
            return [], 0.0
        total_rows = max(1, len(index.cookies))
        weights = {t: _row_idf(len(index.purpose_postings.get(t, ())), total_rows) for t in terms}
        total = sum(weights.values())
        scores: dict[int, float] = {}
        matched: dict[int, int] = {}
        too_common = max(16, min(0.3 * total_rows, ROW_POSTINGS_LIMIT))
        for term in terms:
            postings = index.purpose_postings.get(term, ())
            if len(postings) > too_common:
                continue      # a word that many rows use cannot pick out a cookie
            weight = weights[term]
            for row in postings:
                scores[row] = scores.get(row, 0.0) + weight
                matched[row] = matched.get(row, 0) + 1
        if q.sites:                             # "which cookie tracks conversions on www.bimeanalytics.com?"
            on_sites = {row for site in q.sites for row in index.row_numbers_by_site.get(site, ())}
            scores = {row: score for row, score in scores.items() if row in on_sites}
        if not scores:
            return [], 0.0
        best = max(scores.values())
        rows = [r for r, s in scores.items() if s >= best - 1e-9
                and index.row_purpose_terms[r].intersection(terms)]     # what it does, not only a piece of its name
        if not rows:
            return [], 0.0
        # Among equals, the row whose own words the question covers most: "video streaming" -> Wistia, not Vimeo.
        focus = {r: matched[r] / max(1, len(index.row_terms[r])) for r in rows}
        sharpest = max(focus.values())
        rows = sorted(r for r in rows if focus[r] >= sharpest - 1e-9)
        q.purpose_matched = matched[rows[0]]
        name = index.cookies[rows[0]].name
        others = [score for r, score in scores.items() if index.cookies[r].name != name]
        q.purpose_margin = best / max(others) if others else float("inf")
        return [index.cookies[r] for r in rows], best / total

    def _passage_text(self, passage: Passage, q: Question, *, lead: bool,
                      lead_if_near: bool = False) -> tuple[str, str, bool]:
        """(the answer in the reader's language, the policy's own words, whether a rendering was used).

        `lead` quotes the opening sentences; `lead_if_near` does so when the best sentences are among them
        (a "why…?" question answered by the section titled with that question).
        """
        language = q.language if q.language in passage.versions else passage.original_language
        translated = language != passage.original_language
        sentences = passage.sentences[language]
        original = passage.sentences[passage.original_language]
        if q.browsers:
            chosen = [i for i, s in enumerate(sentences) if any(fold(b) in fold(s) for b in q.browsers)][:1]
        elif len(sentences) <= 2 or len(passage.versions[language]) <= 300 or \
                len(sentences) <= 3 and len(passage.versions[language]) <= 560:
            chosen = list(range(len(sentences)))      # short enough to quote whole
        elif lead or lead_if_near and set(self._best_window(sentences, q)) <= set(self._lead(sentences)):
            chosen = self._lead(sentences)
        else:
            chosen = self._best_window(sentences, q)
            if len(chosen) == 1 and len(sentences[chosen[0]]) < 80 and chosen[0] + 1 < len(sentences):
                chosen.append(chosen[0] + 1)
            if chosen[0] > 0 and len(sentences[chosen[0] - 1]) < 25:
                chosen.insert(0, chosen[0] - 1)      # a short lead such as "Yes." belongs to the answer
        if not chosen:
            chosen = [0]
        text = " ".join(sentences[i] for i in chosen)
        if not translated:
            excerpt = text
        elif len(original) == len(sentences):
            excerpt = " ".join(original[i] for i in chosen)
        else:
            excerpt = passage.versions[passage.original_language]
        return text, _shorten(excerpt, 600), translated

    @staticmethod
    def _lead(sentences: list[str]) -> list[int]:
        """The opening sentences: up to three, stopping once past 220 characters."""
        chosen, length = [], 0
        for i, sentence in enumerate(sentences):
            if chosen and (length > 220 or len(chosen) >= 3):
                break
            chosen.append(i)
            length += len(sentence)
        return chosen

    def _best_window(self, sentences: list[str], q: Question) -> list[int]:
        """The sentence, or two adjacent sentences, that cover most of the question; one if it is enough."""
        index, wanted = self.index, set(q.terms)
        terms = [index.lexicon.sentence_terms(sentence) & wanted for sentence in sentences]
        best, best_score = [0], -1.0
        for i in range(len(sentences)):
            for window in ([i], [i, i + 1]):
                if window[-1] >= len(sentences):
                    continue
                covered = set().union(*(terms[j] for j in window))
                score = sum(index.idf_of(t) for t in covered) - 0.01 * len(window) - 0.001 * i
                if score > best_score:
                    best, best_score = window, score
        return best

    def _citation(self, passage: Passage, lang: str, translated: bool) -> str:
        section = passage.section
        if section.number == "notes":
            return _t(lang, "— A note at the end of the policy", "— Une note en fin de politique")
        if section.number == "preamble":
            return _t(lang, "— The opening lines of the policy", "— Le début de la politique")
        title = passage.titles.get(lang, section.title)
        if lang == "fr":
            note = " (traduit de l’anglais)" if translated else (
                " (en anglais dans la politique)" if passage.original_language != "fr" else "")
            return f"— Section {section.number}, « {title} »{note}"
        note = " (translated from the French original)" if translated else (
            " (in French in the policy)" if passage.original_language != "en" else "")
        return f"— Section {section.number}, “{title}”{note}"

    def _section_source(self, passage: Passage, excerpt: str) -> dict:
        section = passage.section
        return {"type": "section", "number": section.number, "title": section.title, "excerpt": excerpt}

    # -- the document itself --------------------------------------------------------------------------
    def _document_answer(self, q: Question, topic: str) -> Answer:
        meta, lang = self.kb.metadata, q.language
        if topic == "effective":
            if not meta.effective_on:
                return self._abstain(q, None)
            text = _t(lang, f"The policy took effect on {_date(meta.effective_on, lang)}.",
                      f"La politique est entrée en vigueur le {_date(meta.effective_on, lang)}.")
            if meta.last_updated_on:
                text += _t(lang, f" It was last updated on {_date(meta.last_updated_on, lang)}.",
                           f" Sa dernière mise à jour date du {_date(meta.last_updated_on, lang)}.")
            quote, where = meta.effective_text, "preamble"
        elif topic == "updated":
            if not meta.last_updated_on:
                return self._abstain(q, None)
            text = _t(lang, f"The policy was last updated on {_date(meta.last_updated_on, lang)}.",
                      f"La politique a été mise à jour pour la dernière fois le {_date(meta.last_updated_on, lang)}.")
            quote, where = meta.last_updated_text, "end"
        else:
            if q.has("edition") and meta.effective_on:
                text = _t(lang, f"This is the edition that took effect on {_date(meta.effective_on, lang)}",
                          f"Il s’agit de la version entrée en vigueur le {_date(meta.effective_on, lang)}")
                if meta.last_updated_on:
                    text += _t(lang, f" (last updated {_date(meta.last_updated_on, lang)})",
                               f" (dernière mise à jour le {_date(meta.last_updated_on, lang)})")
                text += "."
                if meta.in_effect is False and meta.superseded_on:
                    text += _t(lang, f" It is a previous version, no longer in effect since {_date(meta.superseded_on, lang)}.",
                               f" C’est une version antérieure, plus en vigueur depuis le {_date(meta.superseded_on, lang)}.")
            elif meta.in_effect is False and meta.superseded_on and q.has("when"):
                text = _t(lang, f"This edition stopped being in effect on {_date(meta.superseded_on, lang)}.",
                          f"Cette version n’est plus en vigueur depuis le {_date(meta.superseded_on, lang)}.")
            elif meta.in_effect is False:
                when = f" {_t(lang, 'since', 'depuis le')} {_date(meta.superseded_on, lang)}" if meta.superseded_on else ""
                answer = _t(lang, "Yes. ", "Oui. ") if q.has("superseded") and not q.has("status") else _t(lang, "No. ", "Non. ")
                text = answer + _t(lang, f"This edition is no longer in effect{when}.",
                                   f"Cette version n’est plus en vigueur{when}.")
            else:
                text = _t(lang, "The policy does not say it has been replaced.",
                          "La politique n’indique pas avoir été remplacée.")
            if meta.effective_on and not q.has("edition"):
                text += _t(lang, f" It took effect on {_date(meta.effective_on, lang)}.",
                           f" Elle était entrée en vigueur le {_date(meta.effective_on, lang)}.")
            quote, where = meta.status, "preamble"
        if quote:
            text += f"\n“{_shorten(quote, 200)}”" if lang == "en" else f"\n« {_shorten(quote, 200)} »"
        source = {"type": "section", "number": where, "title": meta.title, "excerpt": quote or ""}
        return Answer(q.raw, True, text, lang, 0.95, [source], [], "document")

    # -- not covered ----------------------------------------------------------------------------------
    def _abstain(self, q: Question, near: Passage | None) -> Answer:
        lang = q.language
        names = [w for w in q.unknown if len(w) >= 3] + q.identifiers
        suggestions: list[str] = []
        for word in names + ["".join(q.unknown)]:
            key = compact(word)
            nearby = [name for size in range(max(2, len(key) - 6), len(key) + 7)
                      for name in self.index.by_prefix.get((key[:2], size), ())]
            for found, score, _ in process.extract(key, nearby, scorer=fuzz.WRatio,
                                                   score_cutoff=SUGGEST_CUTOFF, limit=3):
                choice = self.index.display_name[found]
                if choice not in suggestions:
                    suggestions.append(choice)
        if near is not None:
            suggestions.append(near.titles.get(lang, near.section.title))
        shown = q.identifiers[0] if q.identifiers else _written_name(q.text, q.unknown)
        if shown:
            text = _t(lang, f"The policy does not mention “{shown}”: it is neither in the cookie table nor in the policy’s text.",
                      f"La politique ne mentionne pas « {shown} » : ni dans le tableau des cookies ni dans son texte.")
        else:
            text = _t(lang, "The cookie policy doesn’t cover that.", "La politique relative aux cookies n’en parle pas.")
        if not suggestions:
            suggestions = self._starter_questions(lang)
        return Answer(q.raw, False, text, lang, 0.0, [], suggestions[:5], "abstain")

    def _starter_questions(self, lang: str) -> list[str]:
        first = self.kb.cookies[0].name if self.kb.cookies else "a cookie"
        return [_t(lang, f"What is {first}?", f"Qu’est-ce que {first} ?"),
                _t(lang, "Which cookies are essential?", "Quels sont les cookies essentiels ?"),
                _t(lang, "How do I disable cookies?", "Comment désactiver les cookies ?")]


class Conversation:
    """A chat: remembers the cookie last talked about, so "how long does it last?" has a subject."""

    def __init__(self, bot: Bot):
        self.bot = bot
        self.about: list[str] = []

    def ask(self, question: str) -> Answer:
        answer = self.bot.ask(question, about=self.about)
        names = [s["name"] for s in answer.sources if s.get("type") == "cookie"]
        if answer.kind in ("cookie", "attribute") and names:
            self.about = [names[0]]
        return answer


def load(knowledge: str | Path | KnowledgeBase | None = None) -> Bot:
    """A Bot over a knowledge base: a KnowledgeBase, a folder, or None for POLICYBOT_KNOWLEDGE / the shipped one.

    A folder's engine comes from the per-user cache when its files have not changed (see `cache`).
    """
    if isinstance(knowledge, KnowledgeBase):
        return Bot(knowledge)
    from ..knowledge.cache import cached
    from ..knowledge import knowledge_dir
    folder = knowledge_dir(knowledge)
    return cached(folder, lambda: Bot(load_knowledge(folder)))


# -- small helpers ----------------------------------------------------------------------------------
_both_wordings = lru_cache(maxsize=4096)(both_wordings)     # asked of the same few rows again and again


def _t(lang: str, english: str, french: str) -> str:
    return french if lang == "fr" else english


_CAPITALISED = re.compile(r"\b[A-Z]\w*[A-Z]\w*\b|(?<=\w\s)[A-Z]\w+")
_IDENTIFIER = re.compile(r"_|[a-z][A-Z]")      # "_xyz_tracker", "homeType"; not "IP" or "A/B"


def _written_name(text: str, unknown: list[str]) -> str | None:
    """The unknown word of a question that looks like a cookie or vendor name, as the user wrote it."""
    unknown_set = set(unknown)
    words = [w.strip("?!.,;:«»“”\"'()") for w in text.split()]
    for word in words:
        looks_like_name = "_" in word or any(c.isupper() for c in word[1:]) or word[:1].isupper() and word is not words[0]
        if word and looks_like_name and unknown_set & set(tokens(word)):
            return word
    if len(words) <= 2 and unknown_set and all(set(tokens(w)) <= unknown_set for w in words if w):
        return " ".join(words)
    return None


def _plural_cookies(q: Question) -> bool:
    return "cookies" in q.words


def _number(word: str, lexicon) -> float | None:
    if word[:1].isdigit():
        try:
            return float(word.replace(",", "."))
        except ValueError:
            return None
    return lexicon.number_words.get(word)


def _unit(words: list[str], lexicon) -> tuple[float, int] | None:
    """(days, words used) for a unit of time at the start of `words`: 'years', 'jours'."""
    for size in (2, 1):
        if len(words) >= size and tuple(words[:size]) in lexicon.unit_phrases:
            return lexicon.unit_phrases[tuple(words[:size])], size
    return None


def _row_idf(count: int, total: int) -> float:
    return math.log(1 + total / max(1, count))


def _outside(days: float, direction: int) -> float:
    """The whole day (or minute) just past an inclusive bound, for the CLI's strict --longer/--shorter-than."""
    if days >= 2:
        return round(days) + direction
    return (round(days * 1440) + direction) / 1440


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


_MONTHS = {"en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December"],
           "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                  "octobre", "novembre", "décembre"]}


def _date(iso: str | None, lang: str) -> str:
    """'2019-01-25' -> 'January 25, 2019' / '25 janvier 2019'."""
    if not iso:
        return ""
    year, month, day = (int(p) for p in str(iso).split("-"))
    if lang == "fr":
        return f"{day} {_MONTHS['fr'][month - 1]} {year}"
    return f"{_MONTHS['en'][month - 1]} {day}, {year}"
