"""Indexes built once when the knowledge loads: terms with synonyms, cookie names, passages.

Everything the engine looks up per question is prepared here, so a question costs a few dict
look-ups and a rapidfuzz pass over a handful of candidates, not a scan of the knowledge base.
"""
from __future__ import annotations

import math
from functools import lru_cache
import re
from collections import defaultdict
from dataclasses import dataclass, field

from typing import Any, NamedTuple

from ..answer import Citation
from ..knowledge import Cookie, KnowledgeBase, Paragraph, Section
from ..knowledge.filters import cookie_source
from ..language.vocabulary import vocabulary as engine_vocabulary
from ..language.text import STEM_LANGUAGES, compact, detect_language, fold, name_words, stem, stem_words, tokens
from ..knowledge.bulk import gc_paused
from ..knowledge.patterns import WILDCARD, is_pattern
from . import tuning
from .lexicon import Lexicon

# A document whose title has one of these is the product's own notice, whatever its source format.
APP_TITLE_WORDS = frozenset({"app", "application", "portal", "portail", "product", "produit", "dashboard", "console",
                             "mobile"})
GENERIC_TITLE_WORDS = frozenset({"cookie", "cookies", "policy", "notice", "statement", "declaration", "politique",
                                 "relative", "aux", "avis", "charte", "de", "des", "la", "le", "les"})
COVER_WORDS = frozenset({"covers", "cover", "applies", "apply", "applicable", "applique", "appliquent", "concerne"})
SEPARATE_WORDS = frozenset({"separate", "separately", "distinct", "distincte", "separee", "own", "propre"})
_MENTION_START = 4      # letters of a name looked up among the prose's before the name is searched for
SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|(?<=[a-zà-ÿ)”»][.!?])(?=[A-ZÀ-Ý«“])")


@lru_cache(maxsize=1 << 18)
def name_key(name: str) -> str:
    """A cookie name compacted for look-ups ("_zendesk_session" -> "zendesksession"); a pattern keeps a '*'
    ("_ga_*" -> "ga*") so that it is never taken for the plain name ("_ga")."""
    if is_pattern(name):
        return compact(WILDCARD.sub("", name)) + "*"
    return compact(name)


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph, including ones glued without a space ("Web.Pour en savoir")."""
    return [s.strip() for s in SENTENCE_END.split(text) if s and s.strip()]


def _compounds(words: list[str]) -> set[str]:
    """Two words written as one ("heat maps" -> "heatmaps"), of each pair of neighbouring words."""
    return {a + b for a, b in zip(words, words[1:]) if a.isalpha() and b.isalpha()}


def _stem(known: dict, word: str, language: str) -> str:
    """stem(word, language), kept in `known` (a big table has more compounds than `stem`'s cache holds), and
    one string object per stem, so that the rows' term sets share it (in memory and in the cached engine)."""
    found = known.get((word, language))
    if found is None:
        found = stem(word, language)
        found = known[word, language] = known.setdefault(found, found)
    return found


def _others(owners: set[str] | None, key: str) -> bool:
    """Whether `owners` holds a name other than `key`."""
    return bool(owners) and (len(owners) > 1 or key not in owners)


@dataclass
class Passage:
    """A paragraph with its renderings: what prose questions are ranked over."""
    section: Section
    paragraph_id: str
    position: int                      # the paragraph's place in its section, from 0
    versions: dict[str, str]           # language -> text; the original plus maintained renderings
    original_language: str
    terms: dict[str, int] = field(default_factory=dict)       # term -> count over all versions
    title_terms: set[str] = field(default_factory=set)
    titles: dict[str, str] = field(default_factory=dict)      # language -> section title
    folded: str = ""                                           # all versions, folded, for substring checks
    all_terms: set[str] = field(default_factory=set)          # terms of the text and of the title
    sentences: dict[str, list[str]] = field(default_factory=dict)   # language -> its sentences
    folded_sentences: dict[str, list[str]] = field(default_factory=dict)   # the same, folded
    length: int = 1                                            # terms over all versions, for BM25
    saturation: dict[str, float] = field(default_factory=dict)     # term -> its BM25 term-frequency saturation

    def __post_init__(self) -> None:
        self.length = max(1, sum(self.terms.values()))          # terms over all versions, for BM25
        self.folded = fold(" \n ".join(self.versions.values()))
        self.all_terms = set(self.terms) | self.title_terms
        self.sentences = {language: split_sentences(text) for language, text in self.versions.items()}
        self.folded_sentences = {language: [fold(s) for s in found] for language, found in self.sentences.items()}


class RowFacts(NamedTuple):
    """What every answer citing a row gives of it: its source (the JSON contract's dict), its citation, and its
    lines in plain words as answers word them (by wording and language, filled as they are asked for)."""
    cookie: Cookie
    source: dict[str, Any]
    citation: Citation
    lines: dict[tuple[str, str], str]


def bm25_saturation(counts: dict[str, int], length_ratio: float) -> dict[str, float]:
    """Okapi BM25's term-frequency saturation of each term of a passage: how often it uses the term for its
    length (`length_ratio`: its length over the average), without the IDF part."""
    k1, b = tuning.BM25_K1, tuning.BM25_B
    return {term: count * (k1 + 1) / (count + k1 * (1 - b + b * length_ratio)) for term, count in counts.items()}


class Index:
    """All look-up structures for one knowledge base."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        with gc_paused():                   # millions of small objects and no cycles: no collections meanwhile
            self.lexicon = Lexicon(kb)
            self.cookies: list[Cookie] = list(kb.cookies)
            self._index_cookies()
            self._index_passages()
            self._index_category_passages()
            self._index_vocabulary()
            self._naming: dict[str, frozenset[int]] = {}     # folded text -> passages holding it, as questions ask
            self._row_facts: dict[int, RowFacts] = {}         # id(row) -> its facts, as answers cite it
            self._whole: tuple | None = None                  # the whole table's facts, sources and citations
            self.lexicon.learn(set(self.passages_with) | set(self.purpose_postings))

    # -- cookies -------------------------------------------------------------------------------
    def _index_cookies(self) -> None:
        self.rows_by_name: dict[str, list[int]] = defaultdict(list)     # compact name -> rows
        self.display_name: dict[str, str] = {}                           # compact name -> name as written
        self.by_prefix: dict[tuple[str, int], list[str]] = defaultdict(list)  # (first 2 chars, length) -> names
        self.purpose_postings: dict[str, list[int]] = defaultdict(list)  # term -> rows
        self.row_terms: list[set[str]] = []            # name and purpose
        self.row_purpose_terms: list[set[str]] = []    # purpose only
        self.compound_words: set[str] = set()
        # A table repeats its names, purposes and whole rows (one cookie on many websites): what a name or a
        # purpose gives is worked out once, and rows that say the same share their term sets (read-only).
        names: dict[str, tuple] = {}         # name -> (key, words, terms, compounds)
        purposes: dict[tuple[str, str], tuple] = {}    # (purpose, language) -> (words, terms, compounds, their stems)
        rows_said: dict[tuple[str, str, str], tuple[set[str], set[str]]] = {}   # (name, purpose, language) -> sets
        keys_by_purpose: dict[str, set[str]] = defaultdict(set)         # purpose -> the names that use it
        stems: dict = {}                               # (compound, language) -> its stem, and each stem -> itself
        lexicon, postings = self.lexicon, self.purpose_postings
        for row, cookie in enumerate(self.cookies):
            name, purpose, language = cookie.name, cookie.purpose, cookie.purpose_language
            said = names.get(name)
            if said is None:
                own_words = name_words(name)
                said = names[name] = (name_key(name), own_words,
                                      set(lexicon.terms(own_words, keep_parts=True)), _compounds(own_words))
                self.compound_words |= said[3]
            key, own_words, own_terms, own_compounds = said
            if key not in self.rows_by_name:
                if not key.endswith("*"):                   # a typo is never read as a pattern
                    self.by_prefix[key[:2], len(key)].append(key)
                self.display_name[key] = name
            self.rows_by_name[key].append(row)
            keys_by_purpose[purpose].add(key)
            sets = rows_said.get((name, purpose, language))
            if sets is None:
                meant = purposes.get((purpose, language))
                if meant is None:
                    purpose_words = tokens(purpose)
                    compounds = _compounds(purpose_words)
                    self.compound_words |= compounds
                    meant = purposes[purpose, language] = (
                        purpose_words, set(lexicon.terms(purpose_words, keep_parts=True, language=language)),
                        compounds, {_stem(stems, w, language) for w in compounds})
                purpose_words, purpose_terms, _, compound_terms = meant
                compound_terms = compound_terms | {_stem(stems, w, language) for w in own_compounds}   # "heat maps"
                if own_words and purpose_words and own_words[-1].isalpha() and purpose_words[0].isalpha():
                    joined = own_words[-1] + purpose_words[0]       # a compound across the name and its purpose
                    self.compound_words.add(joined)
                    compound_terms.add(_stem(stems, joined, language))
                purpose_row_terms = purpose_terms | compound_terms
                sets = rows_said[name, purpose, language] = (own_terms | purpose_row_terms, purpose_row_terms)
            terms, purpose_row_terms = sets
            self.row_terms.append(terms)
            self.row_purpose_terms.append(purpose_row_terms)
            for term in terms:
                postings[term].append(row)
        # Words of names ("remember me", "nps", "tag manager") that point to a single cookie name.
        prose_words = {w for s in self.kb.sections for p in s.paragraphs for w in tokens(p.text)}
        prose_words |= self.lexicon.stopwords
        prose_words |= {w for phrases in self.lexicon.cues.values() for phrase in phrases for w in phrase}
        purpose_owners: dict[str, set[str]] = defaultdict(set)    # word -> names whose purpose uses it
        words_of = {purpose: meant[0] for (purpose, _), meant in purposes.items()}
        for purpose, keys in keys_by_purpose.items():
            for word in set(words_of[purpose]):
                purpose_owners[word] |= keys
        owners: dict[str, set[str]] = defaultdict(set)
        for key, name in self.display_name.items():
            if key.endswith("*"):
                continue                                    # a pattern is named whole or by an instance
            words = name_words(name)
            # A single word stands for a name written in words only where its brand stands: the first word
            # that is not a stop word ("Heap" of Heap Analytics), not "Manager" or "Connect".
            brand = next((i for i, w in enumerate(words) if w not in self.lexicon.stopwords), 0) \
                if " " in name.strip() else -1      # identifiers ("_voice_session", "AppNexus"): two words at least
            for size in range(1, len(words)):
                for start in range(len(words) - size + 1):
                    part = words[start:start + size]
                    if size == 1 and (start != brand or part[0] in prose_words or len(part[0]) < 3
                                      or _others(purpose_owners.get(part[0]), key)):
                        continue
                    if all(w in self.lexicon.stopwords for w in part):
                        continue
                    owners["".join(part)].add(key)
        self.patterns = [(name, key) for key, name in self.display_name.items() if key.endswith("*")]
        aliases = [tokens(alias) for alias in (self.kb.lexicon.aliases or {})]
        self.max_name_words = max([len(name_words(n)) for n in self.display_name.values()] +
                                  [len(a) for a in aliases] + [1])
        self.name_parts = {part: next(iter(keys)) for part, keys in owners.items()
                           if len(keys) == 1 and part not in self.rows_by_name}
        # The first three letters of everything a span of a question can name: spans starting otherwise are skipped.
        self.name_starts = {key[:size] for key in [*self.rows_by_name, *self.name_parts, *self.lexicon.aliases]
                            for size in (1, 2, 3)}
        # Vendor families: the first word of several names ("facebook" -> Facebook, Facebook Connect, ...).
        family: dict[str, list[str]] = defaultdict(list)
        for key, name in self.display_name.items():
            words = name_words(name)
            if words:
                family[words[0]].append(key)
        self.families = {head: keys for head, keys in family.items() if len(keys) > 1}
        self.family_of = {}             # name -> its family, when the family is named by the name's first word
        for key, name in self.display_name.items():
            keys = self.families.get(compact(fold(name).split()[0]), [])
            if key in keys:
                self.family_of[key] = keys
        self.rows_by_category: dict[str, list[Cookie]] = defaultdict(list)
        self.rows_by_site: dict[str, list[Cookie]] = defaultdict(list)
        self.row_numbers_by_site: dict[str, set[int]] = defaultdict(set)
        for number, cookie in enumerate(self.cookies):
            self.rows_by_category[cookie.category].append(cookie)
            if cookie.website:
                self.rows_by_site[cookie.website].append(cookie)
                self.row_numbers_by_site[cookie.website].add(number)
        self.websites = sorted({c.website for c in self.cookies if c.website})
        self.site_keys: dict[str, str] = {}
        for site in self.websites:
            folded = fold(site).lstrip(".")                 # ".northwind.example": the domain and its hosts
            self.site_keys[folded] = site
            self.site_keys[folded.removeprefix("www.")] = site
            bare = folded.removeprefix("www.").split(".")[0]
            if bare not in prose_words and "." in folded:
                self.site_keys[bare] = site
        self.prose_words = prose_words | set(purpose_owners)
        self._index_documents()

    def _index_documents(self) -> None:
        """Several documents: each one's kind ("app" too for a portal or a product's own notice), the words only
        its title has ("portal"), and the domains a sentence of it says it covers ("this policy covers the cookies
        of app.northwind.example"), so a question can point to a document; providers as names of their rows."""
        documents = getattr(self.kb, "documents", None) or []
        self.documents_by_kind: dict[str, list[str]] = defaultdict(list)
        self.document_words: dict[str, str] = {}
        self.domain_documents: dict[str, list[str]] = defaultdict(list)
        if len(documents) > 1:
            title_words = {d.id: set(tokens(d.title)) - GENERIC_TITLE_WORDS - self.lexicon.stopwords for d in documents}
            for document in documents:
                app_like = document.kind == "app" or bool(title_words[document.id] & APP_TITLE_WORDS)
                self.documents_by_kind["app" if app_like else document.kind].append(document.id)
                others = set().union(*(words for other, words in title_words.items() if other != document.id))
                for word in title_words[document.id] - others:
                    self.document_words[word] = document.id
            for document_id, text in self._document_texts(documents):
                for sentence in split_sentences(text):
                    words = tokens(sentence)
                    if COVER_WORDS.isdisjoint(words) or not SEPARATE_WORDS.isdisjoint(words):
                        continue
                    for word in words:
                        if word.count(".") >= 1 and not word.replace(".", "").isdigit() and word[-1].isalpha():
                            site = self.site_keys.setdefault(word, word)
                            if document_id not in self.domain_documents[site]:
                                self.domain_documents[site].append(document_id)
        else:
            for document in documents:
                self.documents_by_kind[document.kind].append(document.id)
        self.provider_names: dict[str, list[str]] = defaultdict(list)    # compact provider -> name keys
        for cookie in self.cookies:
            provider = getattr(cookie, "provider", None)
            if provider:
                key = name_key(cookie.name)
                owners = self.provider_names[compact(provider)]
                if key not in owners:
                    owners.append(key)
        self.provider_names = {p: keys for p, keys in self.provider_names.items() if p not in self.rows_by_name}
        self.name_starts |= {key[:size] for key in self.provider_names for size in (1, 2, 3)}
        self.max_name_words = max([self.max_name_words] + [len(name_words(c.provider)) for c in self.cookies
                                                            if getattr(c, "provider", None)])

    def _document_texts(self, documents) -> list[tuple[str, str]]:
        """(document id, text) of every paragraph, opening line and note of the documents."""
        texts = [(section.document, paragraph.text) for section in self.kb.sections for paragraph in section.paragraphs]
        for document in documents:
            meta = document.metadata
            texts += [(document.id, line) for line in (meta.effective_text, *meta.notes) if line]
        return texts

    # -- passages ------------------------------------------------------------------------------
    def _index_passages(self) -> None:
        translations = self.kb.translations or {}
        self.passages: list[Passage] = []
        for section in self.kb.sections:
            titles = {section.title_language: section.title}
            titles.update(translations.get("title:" + section.number, {}))
            title_terms = set(self._terms(titles))
            for position, paragraph in enumerate(section.paragraphs):
                versions = {paragraph.language: paragraph.text}
                for language, text in translations.get(paragraph.id, {}).items():
                    versions.setdefault(language, text)
                self.passages.append(Passage(section, paragraph.id, position, versions, paragraph.language,
                                             self._term_counts(versions), title_terms, titles))
        documents = getattr(self.kb, "documents", None) or []
        for document_id, meta in [(d.id, d.metadata) for d in documents] or [("", self.kb.metadata)]:
            self._index_document_lines(document_id, meta)

    def _index_document_lines(self, document_id: str, meta) -> None:
        """The document's own lines as passages: its opening paragraph (it defines "the Zendesk Group", "we",
        "us") and its trailing notes (trademarks)."""
        if meta.effective_text:
            preamble = Paragraph("preamble.p1", detect_language(meta.effective_text), meta.effective_text, "")
            section = Section("preamble", meta.title, preamble.language, (preamble,), document=document_id)
            versions = {preamble.language: preamble.text}
            self.passages.append(Passage(section, preamble.id, 0, versions, preamble.language,
                                         self._term_counts(versions), set(),
                                         {"en": "Opening lines of the policy", "fr": "Début de la politique"}))
        if meta.notes:
            notes = Section("notes", "Notes", detect_language(" ".join(meta.notes)),
                            tuple(Paragraph(f"notes.p{i}", detect_language(n), n, "") for i, n in enumerate(meta.notes, 1)),
                            document=document_id)
            for position, paragraph in enumerate(notes.paragraphs):
                versions = {paragraph.language: paragraph.text}
                self.passages.append(Passage(notes, paragraph.id, position, versions, paragraph.language,
                                             self._term_counts(versions), set(),
                                             {"en": "Notes at the end of the policy", "fr": "Notes en fin de politique"}))

    def _terms(self, texts: dict[str, str], keep_parts: bool = False) -> list[str]:
        """The terms of texts by language, each stemmed in its own language."""
        return [term for language, text in texts.items()
                for term in self.lexicon.terms(tokens(text), keep_parts=keep_parts, language=language)]

    def _term_counts(self, versions: dict[str, str]) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for term in self._terms(versions, keep_parts=True):
            counts[term] += 1
        return dict(counts)

    def _index_category_passages(self) -> None:
        self.category_passages: dict[str, Passage] = {}     # category code -> the subsection defining it
        for passage in self.passages:
            if passage.section.parent is not None and passage.position == 0:
                title_words = [w for title in passage.titles.values() for w in tokens(title)]
                for code in self.lexicon.scan(title_words).names("category"):
                    self.category_passages.setdefault(code, passage)
        everything = " \n ".join(passage.folded for passage in self.passages)
        # Names the prose talks about ("Google"). Thousands of names: one whose first letters the prose never
        # has is not searched for.
        starts = {everything[i:i + _MENTION_START] for i in range(len(everything) - _MENTION_START + 1)}
        folded = {fold(word) for word in set(self.display_name.values()) | set(self.kb.lexicon.aliases or {})}
        self.prose_mentions = {word for word in folded
                               if (len(word) < _MENTION_START or word[:_MENTION_START] in starts) and word in everything}
        self._passage_numbers = {id(passage): number for number, passage in enumerate(self.passages)}
        self.passages_with: dict[str, list[int]] = defaultdict(list)     # term -> passages (in order) using it
        for number, passage in enumerate(self.passages):
            for term in passage.all_terms:
                self.passages_with[term].append(number)
        document_count: dict[str, int] = defaultdict(int)
        for passage in self.passages:
            for term in set(passage.terms) | passage.title_terms:
                document_count[term] += 1
        total = max(1, len(self.passages))
        self.average_passage_length = sum(p.length for p in self.passages) / total
        for passage in self.passages:
            passage.saturation = bm25_saturation(passage.terms, passage.length / self.average_passage_length)
        self.idf = {term: math.log(1 + total / count) for term, count in document_count.items()}
        self.unknown_idf = math.log(1 + total)  # a word the policy never uses weighs the most

    def _index_vocabulary(self) -> None:
        """Every word the knowledge base or the lexicon knows, to tell typos from unknown names."""
        vocabulary = set(self.prose_words) | self.compound_words
        for passage in self.passages:
            for text in list(passage.versions.values()) + list(passage.titles.values()):
                vocabulary.update(tokens(text))
        for name in self.display_name.values():
            vocabulary.update(name_words(name))
        for text in {c.website or "" for c in self.cookies} | {c.category_label for c in self.cookies}:
            vocabulary.update(tokens(text))
        vocabulary.update(self.site_keys)            # "zopim.com" for www.zopim.com: a website, never a typo
        overlay, vocab = self.kb.lexicon, engine_vocabulary()
        for group in overlay.synonyms:
            for entry in group:
                vocabulary.update(tokens(entry))
        for alias in overlay.aliases or {}:
            vocabulary.update(tokens(alias))
        for section in (vocab.synonyms, vocab.fillers, vocab.offtopic, vocab.cues, vocab.categories, vocab.browsers,
                        vocab.units, vocab.numbers):
            for key, entries in section.items():
                vocabulary.update(tokens(str(key)))
                for entry in entries:
                    vocabulary.update(tokens(entry))
        for section in (vocab.spellings, vocab.rewrites):
            for key, meant in section.items():
                vocabulary.update(tokens(key) + tokens(meant))
        self.vocabulary = vocabulary
        alphabetic = [w for w in vocabulary if w.isalpha()]           # the others are their own stems
        kept = vocabulary.difference(alphabetic)
        self.vocabulary_stems = {language: kept.union(stem_words(alphabetic, language)) for language in STEM_LANGUAGES}
        self.vocabulary_by_prefix: dict[tuple[str, int], list[str]] = defaultdict(list)   # (first letter, length)
        fillers = self.lexicon.fillers
        for word in alphabetic:
            if len(word) >= 3 and word not in fillers:          # never "corrected" into a filler
                self.vocabulary_by_prefix[word[0], len(word)].append(word)

    def knows_stem(self, word: str, language: str = "en") -> bool:
        """Whether the word's stem in the question's language is the stem of a word the knowledge base or the
        vocabulary uses ("France" is not "français": stems are compared within one language)."""
        return stem(word, language) in self.vocabulary_stems.get(language, ())

    def next_passage(self, passage: Passage) -> Passage | None:
        """The paragraph after this one in the same section, if any."""
        number = self._passage_numbers.get(id(passage))
        if number is None or number + 1 >= len(self.passages):
            return None
        following = self.passages[number + 1]
        return following if following.section is passage.section else None

    def candidates(self, category: str | None, site: str | None) -> list[Cookie]:
        """The rows a list answer filters, narrowed by category or website first (table order kept)."""
        if site is not None and site in self.rows_by_site:
            rows = self.rows_by_site[site]
            return [c for c in rows if c.category == category] if category else list(rows)
        if category is not None:
            return list(self.rows_by_category.get(category, []))
        return self.cookies

    def passages_naming(self, text: str) -> frozenset[int]:
        """The numbers of the passages whose text holds `text` (folded): a browser, a vendor. Kept per text."""
        found = self._naming.get(text)
        if found is None:
            found = frozenset(number for number, passage in enumerate(self.passages) if text in passage.folded)
            if len(self._naming) < tuning.NAMING_CACHE_LIMIT:
                self._naming[text] = found
        return found

    def row_facts(self, cookie: Cookie) -> RowFacts:
        """A row's source and citation, made the first time an answer cites it and shared by every answer after
        it (read-only: `Answer.to_dict` copies them). Kept by identity: the row itself is kept with them."""
        facts = self._row_facts.get(id(cookie))
        if facts is None or facts.cookie is not cookie:
            if len(self._row_facts) >= len(self.cookies) + tuning.WORD_CACHE_LIMIT:
                self._row_facts.clear()                # rows from outside the table: never let them pile up
            facts = RowFacts(cookie, cookie_source(cookie), Citation(cookie.document or self.kb.document_id,
                                                                      cookie=cookie.name, row=cookie.row), {})
            self._row_facts[id(cookie)] = facts
        return facts

    def rows_facts(self, rows: list[Cookie]) -> list[RowFacts]:
        """`row_facts` of many rows (a list answer's): the kept ones looked up without a call each."""
        kept, found = self._row_facts.get, []
        for cookie in rows:
            facts = kept(id(cookie))
            found.append(facts if facts is not None and facts.cookie is cookie else self.row_facts(cookie))
        return found

    def whole_table(self, rows: list[Cookie]) -> tuple[list[RowFacts], list[dict], list[Citation]] | None:
        """For the whole table in its order ("list all cookies"), recognised by identity without reading a row:
        every row's facts, the sources and the citations (once each), made on first use and kept (read-only, like
        each row's); None for any other rows."""
        if len(rows) != len(self.cookies) or rows != self.cookies:
            return None
        if self._whole is None:
            facts = self.rows_facts(self.cookies)
            self._whole = (facts, [f.source for f in facts], list(dict.fromkeys([f.citation for f in facts])))
        return self._whole

    def idf_of(self, term: str) -> float:
        return self.idf.get(term, self.unknown_idf)
