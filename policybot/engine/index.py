"""Indexes built once when the knowledge loads: terms with synonyms, cookie names, passages.

Everything the engine looks up per question is prepared here, so a question costs a few dict
look-ups and a rapidfuzz pass over a handful of candidates, not a scan of the knowledge base.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..knowledge import Cookie, KnowledgeBase, Paragraph, Section
from ..language.vocabulary import vocabulary as engine_vocabulary
from ..language.text import compact, detect_language, fold, name_words, stem, tokens

CONCEPT = "~"            # prefix of a synonym group's term, so it never collides with a word
COMPARISON_SIGNS = ((">=", " at least "), ("<=", " at most "), (">", " more than "), ("<", " less than "))
GLUED_AMOUNT = re.compile(r"^(\d+(?:\.\d+)?)([a-z]+)$")     # "30min", "1h", "2ans" -> amount, unit
MAX_PHRASE = 6           # longest phrase, in words, that the lexicon and cues are matched on ("qu'est-ce qu'un")
SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|(?<=[a-zà-ÿ)”»][.!?])(?=[A-ZÀ-Ý«“])")


class Lexicon:
    """The hand-kept lexicon, folded and ready: phrases -> terms, cue phrases, categories, units."""

    def __init__(self, kb: KnowledgeBase):
        vocab, overlay = engine_vocabulary(), kb.lexicon
        self.stopwords = {fold(w) for words in vocab.stopwords.values() for w in words}
        self.stopwords |= {fold(w) for words in (overlay.stopwords or {}).values() for w in words}
        self.stopwords |= company_words(kb)
        self.fillers = {fold(entry) for words in vocab.fillers.values() for entry in words if len(tokens(entry)) == 1}
        self.offtopic = {tuple(tokens(entry)) for entries in vocab.offtopic.values() for entry in entries}
        self.offtopic_words = {phrase[0] for phrase in self.offtopic}
        self.spellings = {fold(written): tokens(meant) for written, meant in vocab.spellings.items()}
        self.rewrites = {tuple(tokens(written)): tokens(meant) for written, meant in vocab.rewrites.items()}
        self.rewrite_pairs = {phrase[:2] for phrase in self.rewrites}     # every rewrite is two words or more
        self.phrases: dict[tuple[str, ...], str] = {}   # folded words -> term
        self.single: dict[str, str] = {}                 # stem -> term
        self.exact: dict[str, str] = {}                  # word -> term, before stems ("setting" vs "settings")
        groups = list(vocab.synonyms.items()) + [(group[0], group[1:]) for group in overlay.synonyms]
        for concept, entries in groups:
            term = CONCEPT + compact(concept)
            for entry in entries:
                words = tuple(tokens(entry))
                if len(words) == 1:
                    self.exact.setdefault(words[0], term)
                    if len(stem(words[0])) >= 4:        # "agree" -> "agr" would catch "Agreement"
                        self.single.setdefault(stem(words[0]), term)
                elif words:
                    self.phrases.setdefault(words, term)
        self.phrase_starts = {phrase[0] for phrase in self.phrases}
        self._terms_of: dict[str, str] = {}             # word -> term, filled as words come
        self.phrase_words = {word for phrase in self.phrases for word in phrase}
        self._sentence_terms: dict[str, frozenset[str]] = {}
        self.cues = {name: phrase_set(entries) for name, entries in vocab.cues.items()}
        self.categories = {code: phrase_set(entries) for code, entries in vocab.categories.items()}
        self.browsers = {name: phrase_set(entries) for name, entries in vocab.browsers.items()}
        self.units = {days: phrase_set(entries) for days, entries in vocab.units.items()}
        self.numbers = {value: phrase_set(entries) for value, entries in vocab.numbers.items()}
        self.aliases = {compact(alias): target for alias, target in (overlay.aliases or {}).items()}
        self.number_words = {words[0]: value for value, phrases in self.numbers.items() for words in phrases
                             if len(words) == 1}
        self.unit_phrases = {words: days for days, phrases in self.units.items() for words in phrases}
        self.unit_words = {word for phrase in self.unit_phrases for word in phrase}
        # One table for every phrase a question is scanned for, so a question is scanned once.
        self.table: dict[tuple[str, ...], list[tuple[str, str]]] = defaultdict(list)
        for family, lists in (("cue", self.cues), ("category", self.categories), ("browser", self.browsers)):
            for name, phrases in lists.items():
                for phrase in phrases:
                    self.table[phrase].append((family, name))
        self.first_words: dict[str, int] = {}           # first word of a phrase -> its longest phrase's length
        for phrase in self.table:
            self.first_words[phrase[0]] = max(self.first_words.get(phrase[0], 0), len(phrase))

    def count_words(self, token: str) -> int:
        """How many of `words` one whitespace-separated token of a question becomes."""
        token = token.strip("?!.,;:'\"()")
        if token.isalnum() and token.isascii():
            word = token.lower()
            if GLUED_AMOUNT.match(word) is None:
                return sum(1 for w in self.spellings.get(word, (word,)) if w not in self.fillers)
        return len(self.words(token))

    def words(self, text: str) -> list[str]:
        """A question's words: tokens, chat spellings spelt out ("u" -> "you"), fillers dropped;
        comparison signs read as words ("> 1y" -> "more than 1 y") and glued amounts split ("30min")."""
        if ">" in text or "<" in text:
            for sign, meaning in COMPARISON_SIGNS:
                text = text.replace(sign, meaning)
        found = []
        spellings, fillers = self.spellings, self.fillers
        for token in tokens(text):
            glued = GLUED_AMOUNT.match(token) if token[0].isdigit() else None
            for part in glued.groups() if glued else (token,):
                if part in spellings:
                    found.extend(w for w in spellings[part] if w not in fillers)
                elif part not in fillers:
                    found.append(part)
        if any(pair in self.rewrite_pairs for pair in zip(found, found[1:])):
            return self._rewrite(found)
        return found

    def _rewrite(self, words: list[str]) -> list[str]:
        out, i = [], 0
        while i < len(words):
            for size in range(min(MAX_PHRASE, len(words) - i), 1, -1):
                meant = self.rewrites.get(tuple(words[i:i + size]))
                if meant is not None:
                    out.extend(meant)
                    i += size
                    break
            else:
                out.append(words[i])
                i += 1
        return out

    def sentence_terms(self, sentence: str) -> frozenset[str]:
        """The terms of a sentence of the policy, computed once per sentence."""
        found = self._sentence_terms.get(sentence)
        if found is None:
            found = self._sentence_terms[sentence] = frozenset(self.terms(tokens(sentence), keep_parts=True))
        return found

    def scan(self, words: list[str]) -> "Phrases":
        """Every phrase of the table found in `words`, by (family, name)."""
        found: dict[tuple[str, str], dict[int, list[int]]] = defaultdict(dict)
        for start in range(len(words)):
            longest = self.first_words.get(words[start])
            if longest is None:
                continue
            for size in range(min(longest, len(words) - start), 0, -1):
                for key in self.table.get(tuple(words[start:start + size]), ()):
                    found[key].setdefault(start, []).append(start + size)    # longest first
        return Phrases(found)

    def terms(self, words: list[str], keep_parts: bool = False) -> list[str]:
        """Words -> matching terms: lexicon phrases and synonyms become their group's term, others a stem.

        `keep_parts` (for the policy's own text) also keeps the words inside a phrase, so that "share buttons"
        in a question finds the "Share" button that the text calls a social widget.
        """
        found, i = [], 0
        while i < len(words):
            for size in range(min(MAX_PHRASE, len(words) - i), 1, -1) if words[i] in self.phrase_starts else ():
                term = self.phrases.get(tuple(words[i:i + size]))
                if term:
                    found.append(term)
                    if keep_parts:
                        found.extend(self._word_term(w) for w in words[i:i + size] if w not in self.stopwords)
                    i += size
                    break
            else:
                word = words[i]
                i += 1
                if word not in self.stopwords:
                    found.append(self._word_term(word))
        return found

    def phrase_positions(self, words: list[str]) -> set[int]:
        """Positions of `words` inside a multi-word synonym phrase of the lexicon."""
        found = set()
        for i in range(len(words)):
            if words[i] in self.phrase_starts:
                for size in range(min(MAX_PHRASE, len(words) - i), 1, -1):
                    if tuple(words[i:i + size]) in self.phrases:
                        found.update(range(i, i + size))
                        break
        return found

    def _word_term(self, word: str) -> str:
        term = self._terms_of.get(word)
        if term is None:
            term = self.exact[word] if word in self.exact else self.single.get(stem(word), stem(word))
            if len(self._terms_of) < 100_000:
                self._terms_of[word] = term
        return term


class Phrases:
    """The phrases found in one question; `spans` picks the longest, non-overlapping ones of a kind."""

    def __init__(self, found: dict[tuple[str, str], dict[int, list[int]]]):
        self.found = found

    def names(self, family: str) -> list[str]:
        return [name for fam, name in self.found if fam == family]

    def spans(self, family: str, name: str, skip: set[int] = frozenset()) -> list[tuple[int, int]]:
        starts = self.found.get((family, name))
        if not starts:
            return []
        spans, free_from = [], 0
        for start in sorted(starts):
            if start < free_from:
                continue
            for end in starts[start]:
                if not skip.intersection(range(start, end)):
                    spans.append((start, end))
                    free_from = end
                    break
        return spans


def company_words(kb: KnowledgeBase) -> set[str]:
    """The company's own name, read from the document ("Zendesk" of "Zendesk Cookie Policy", the defined
    "Zendesk Group"): a question that names the company says nothing about which cookie or passage it wants."""
    generic = {"cookie", "cookies", "policy", "politique", "relative", "aux", "group", "groupe", "notice", "statement",
               "privacy", "de", "des", "la", "le", "les", "en", "matiere", "the", "of", "and", "et"}
    words = set(tokens(kb.metadata.title))
    defined = re.search(r"\(\s*[“\"«]\s*([^”\"»]{1,60}?)\s*[”\"»]\s*\)", kb.metadata.effective_text or "")
    if defined:
        words |= set(tokens(defined.group(1)))
    return {w for w in words if w not in generic and w.isalpha()}


def phrase_set(entries) -> set[tuple[str, ...]]:
    return {tuple(tokens(entry)) for entry in entries if tokens(entry)}


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph, including ones glued without a space ("Web.Pour en savoir")."""
    return [s.strip() for s in SENTENCE_END.split(text) if s and s.strip()]


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

    def __post_init__(self) -> None:
        self.folded = fold(" \n ".join(self.versions.values()))
        self.all_terms = set(self.terms) | self.title_terms
        self.sentences = {language: split_sentences(text) for language, text in self.versions.items()}


class Index:
    """All look-up structures for one knowledge base."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.lexicon = Lexicon(kb)
        self.cookies: list[Cookie] = list(kb.cookies)
        self._index_cookies()
        self._index_passages()
        self._index_vocabulary()

    # -- cookies -------------------------------------------------------------------------------
    def _index_cookies(self) -> None:
        self.rows_by_name: dict[str, list[int]] = defaultdict(list)     # compact name -> rows
        self.display_name: dict[str, str] = {}                           # compact name -> name as written
        self.by_prefix: dict[tuple[str, int], list[str]] = defaultdict(list)  # (first 2 chars, length) -> names
        self.purpose_postings: dict[str, list[int]] = defaultdict(list)  # term -> rows
        self.row_terms: list[set[str]] = []            # name and purpose
        self.row_purpose_terms: list[set[str]] = []    # purpose only
        self.compound_words: set[str] = set()
        for row, cookie in enumerate(self.cookies):
            key = compact(cookie.name)
            if key not in self.rows_by_name:
                self.by_prefix[key[:2], len(key)].append(key)
                self.display_name[key] = cookie.name
            self.rows_by_name[key].append(row)
            words = name_words(cookie.name) + tokens(cookie.purpose)
            terms = set(self.lexicon.terms(words, keep_parts=True))
            compounds = {a + b for a, b in zip(words, words[1:]) if a.isalpha() and b.isalpha()}  # "heat maps"
            terms |= {stem(w) for w in compounds}
            self.compound_words |= compounds
            self.row_terms.append(terms)
            self.row_purpose_terms.append(set(self.lexicon.terms(tokens(cookie.purpose), keep_parts=True))
                                          | {stem(w) for w in compounds})
            for term in terms:
                self.purpose_postings[term].append(row)
        # Words of names ("remember me", "nps", "tag manager") that point to a single cookie name.
        prose_words = {w for s in self.kb.sections for p in s.paragraphs for w in tokens(p.text)}
        prose_words |= self.lexicon.stopwords
        prose_words |= {w for phrases in self.lexicon.cues.values() for phrase in phrases for w in phrase}
        purpose_owners: dict[str, set[str]] = defaultdict(set)    # word -> names whose purpose uses it
        for cookie in self.cookies:
            for word in tokens(cookie.purpose):
                purpose_owners[word].add(compact(cookie.name))
        owners: dict[str, set[str]] = defaultdict(set)
        for key, name in self.display_name.items():
            words = name_words(name)
            # A single word stands for a name written in words only where its brand stands: the first word
            # that is not a stop word ("Heap" of Heap Analytics), not "Manager" or "Connect".
            brand = next((i for i, w in enumerate(words) if w not in self.lexicon.stopwords), 0) \
                if " " in name.strip() else -1      # identifiers ("_voice_session", "AppNexus"): two words at least
            for size in range(1, len(words)):
                for start in range(len(words) - size + 1):
                    part = words[start:start + size]
                    if size == 1 and (start != brand or part[0] in prose_words or len(part[0]) < 3
                                      or purpose_owners.get(part[0], set()) - {key}):
                        continue
                    if all(w in self.lexicon.stopwords for w in part):
                        continue
                    owners["".join(part)].add(key)
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
            folded = fold(site)
            self.site_keys[folded] = site
            self.site_keys[folded.removeprefix("www.")] = site
            bare = folded.removeprefix("www.").split(".")[0]
            if bare not in prose_words and "." in folded:
                self.site_keys[bare] = site
        self.prose_words = prose_words | set(purpose_owners)

    # -- passages ------------------------------------------------------------------------------
    def _index_passages(self) -> None:
        translations = self.kb.translations or {}
        self.passages: list[Passage] = []
        for section in self.kb.sections:
            titles = {section.title_language: section.title}
            titles.update(translations.get("title:" + section.number, {}))
            title_terms = set(self.lexicon.terms([w for t in titles.values() for w in tokens(t)]))
            for position, paragraph in enumerate(section.paragraphs):
                versions = {paragraph.language: paragraph.text}
                for language, text in translations.get(paragraph.id, {}).items():
                    versions.setdefault(language, text)
                counts: dict[str, int] = defaultdict(int)
                for text in versions.values():
                    for term in self.lexicon.terms(tokens(text), keep_parts=True):
                        counts[term] += 1
                self.passages.append(Passage(section, paragraph.id, position, versions, paragraph.language,
                                             dict(counts), title_terms, titles))
        meta = self.kb.metadata
        if meta.effective_text:                  # the opening paragraph defines "Zendesk Group", "we", "us"
            preamble = Paragraph("preamble.p1", detect_language(meta.effective_text), meta.effective_text, "")
            section = Section("preamble", meta.title, preamble.language, (preamble,))
            counts = defaultdict(int)
            for term in self.lexicon.terms(tokens(preamble.text), keep_parts=True):
                counts[term] += 1
            self.passages.append(Passage(section, preamble.id, 0, {preamble.language: preamble.text},
                                         preamble.language, dict(counts), set(),
                                         {"en": "Opening lines of the policy", "fr": "Début de la politique"}))
        if meta.notes:
            notes = Section("notes", "Notes", detect_language(" ".join(meta.notes)),
                            tuple(Paragraph(f"notes.p{i}", detect_language(n), n, "") for i, n in enumerate(meta.notes, 1)))
            for position, paragraph in enumerate(notes.paragraphs):
                counts = defaultdict(int)
                for term in self.lexicon.terms(tokens(paragraph.text), keep_parts=True):
                    counts[term] += 1
                self.passages.append(Passage(notes, paragraph.id, position, {paragraph.language: paragraph.text},
                                             paragraph.language, dict(counts), set(),
                                             {"en": "Notes at the end of the policy", "fr": "Notes en fin de politique"}))
        self.category_passages: dict[str, Passage] = {}     # category code -> the subsection defining it
        for passage in self.passages:
            if passage.section.parent is not None and passage.position == 0:
                title_words = [w for title in passage.titles.values() for w in tokens(title)]
                for code in self.lexicon.scan(title_words).names("category"):
                    self.category_passages.setdefault(code, passage)
        everything = " \n ".join(passage.folded for passage in self.passages)
        self.prose_mentions = {fold(word) for word in set(self.display_name.values()) | set(self.kb.lexicon.aliases or {})
                               if fold(word) in everything}     # names the prose talks about ("Google")
        self.passages_with: dict[str, list[int]] = defaultdict(list)     # term -> passages (in order) using it
        for number, passage in enumerate(self.passages):
            for term in passage.all_terms:
                self.passages_with[term].append(number)
        document_count: dict[str, int] = defaultdict(int)
        for passage in self.passages:
            for term in set(passage.terms) | passage.title_terms:
                document_count[term] += 1
        total = max(1, len(self.passages))
        self.idf = {term: math.log(1 + total / count) for term, count in document_count.items()}
        self.unknown_idf = math.log(1 + total)  # a word the policy never uses weighs the most

    def _index_vocabulary(self) -> None:
        """Every word the knowledge base or the lexicon knows, to tell typos from unknown names."""
        vocabulary = set(self.prose_words) | self.compound_words
        for passage in self.passages:
            for text in list(passage.versions.values()) + list(passage.titles.values()):
                vocabulary.update(tokens(text))
        for cookie in self.cookies:
            vocabulary.update(name_words(cookie.name))
            vocabulary.update(tokens(cookie.website or ""))
            vocabulary.update(tokens(cookie.category_label))
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
        self.vocabulary_stems = {stem(w) for w in vocabulary}
        self.vocabulary_by_prefix: dict[tuple[str, int], list[str]] = defaultdict(list)   # (first letter, length)
        for word in vocabulary:
            if len(word) >= 3 and word.isalpha() and word not in self.lexicon.fillers:   # never "corrected" into a filler
                self.vocabulary_by_prefix[word[0], len(word)].append(word)

    def candidates(self, category: str | None, site: str | None) -> list[Cookie]:
        """The rows a list answer filters, narrowed by category or website first (table order kept)."""
        if site is not None and site in self.rows_by_site:
            rows = self.rows_by_site[site]
            return [c for c in rows if c.category == category] if category else list(rows)
        if category is not None:
            return list(self.rows_by_category.get(category, []))
        return self.cookies

    def idf_of(self, term: str) -> float:
        return self.idf.get(term, self.unknown_idf)
