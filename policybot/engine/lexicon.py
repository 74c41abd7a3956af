"""The engine's vocabulary made ready for one knowledge base: phrases -> terms, cues, categories, units.

Built from the shipped English/French vocabulary (policybot/language/data), the company's overlay and the
company's own name, once per knowledge base. A question is scanned once for every phrase it may hold.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import NamedTuple

from ..knowledge import KnowledgeBase
from ..language.text import compact, fold, stem, stems, tokens
from ..language.vocabulary import vocabulary as engine_vocabulary
from .tuning import MAX_PHRASE_WORDS as MAX_PHRASE, MIN_STEM_FOR_SYNONYM, WORD_CACHE_LIMIT

CONCEPT = "~"            # prefix of a synonym group's term, so it never collides with a word
COMPARISON_SIGNS = ((">=", " at least "), ("<=", " at most "), (">", " more than "), ("<", " less than "))
CATEGORY_PREFIX_MIN = 3  # "ess" stands for "essential" in chat shorthand; shorter prefixes say nothing
GLUED_AMOUNT = re.compile(r"^(\d+(?:\.\d+)?)([a-z]+)$")     # "30min", "1h", "2ans" -> amount, unit


class Lexicon:
    """The hand-kept lexicon, folded and ready: phrases -> terms, cue phrases, categories, units."""

    def __init__(self, kb: KnowledgeBase):
        vocab, overlay = engine_vocabulary(), kb.lexicon
        self.stopwords = {fold(w) for words in vocab.stopwords.values() for w in words}
        self.stopwords |= {fold(w) for w in overlay.stopwords}
        self.stopwords |= company_words(kb)
        self.fillers = {fold(entry) for words in vocab.fillers.values() for entry in words if len(tokens(entry)) == 1}
        self.offtopic = {tuple(tokens(entry)) for entries in vocab.offtopic.values() for entry in entries}
        self.offtopic_words = {phrase[0] for phrase in self.offtopic}
        self.spellings = {fold(written): tokens(meant) for written, meant in vocab.spellings.items()}
        self.rewrites = {tuple(tokens(written)): tokens(meant) for written, meant in vocab.rewrites.items()}
        self.rewrite_pairs = {phrase[:2] for phrase in self.rewrites}     # every rewrite is two words or more
        self.rewrite_starts = frozenset(phrase[0] for phrase in self.rewrites)
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
                    for root in stems(words[0]):
                        if len(root) >= MIN_STEM_FOR_SYNONYM:              # "agr" would catch "Agreement"
                            self.single.setdefault(root, term)
                elif words:
                    self.phrases.setdefault(words, term)
        # first word of a multi-word synonym -> the lengths of its phrases, longest first
        self.phrase_starts: dict[str, tuple[int, ...]] = {}
        for phrase in self.phrases:
            self.phrase_starts[phrase[0]] = tuple(sorted({len(phrase), *self.phrase_starts.get(phrase[0], ())},
                                                         reverse=True))
        self._terms_of: dict[tuple[str, str], str] = {}  # (word, language) -> term, filled as words come
        self._word_counts: dict[str, int] = {}           # a question's token as written -> how many words it is
        self.known_terms: frozenset[str] = frozenset()   # every term of the indexed texts, once they are indexed
        self.phrase_words = {word for phrase in self.phrases for word in phrase}
        self._sentence_terms: dict[tuple[str, str], frozenset[str]] = {}
        self.cues = {name: phrase_set(entries) for name, entries in vocab.cues.items()}
        self.categories = {code: phrase_set(entries) for code, entries in vocab.categories.items()}
        for category, written in {(c.category, c.category_label) for c in kb.cookies}:
            label = tuple(w for w in tokens(written) if w not in ("cookies", "cookie"))   # the policy's own words
            if label and category in self.categories:                                   # ("Personnalisation")
                self.categories[category].add(label)
        # Shorthand for a category word ("ess", "func", "perf"): a prefix of one category's words only.
        owners: dict[str, set[str]] = defaultdict(set)
        for code, phrases in self.categories.items():
            for phrase in phrases:
                if len(phrase) == 1:
                    for size in range(CATEGORY_PREFIX_MIN, len(phrase[0])):
                        owners[phrase[0][:size]].add(phrase[0])
        self.category_prefixes = {prefix: next(iter(words)) for prefix, words in owners.items()
                                  if len({self._category_of(w) for w in words}) == 1}
        self.browsers = {name: phrase_set(entries) for name, entries in vocab.browsers.items()}
        self.units = {days: phrase_set(entries) for days, entries in vocab.units.items()}
        self.numbers = {value: phrase_set(entries) for value, entries in vocab.numbers.items()}
        self.aliases = {compact(alias): target for alias, target in (overlay.aliases or {}).items()}
        self.number_words = {words[0]: value for value, phrases in self.numbers.items() for words in phrases
                             if len(words) == 1}
        self.unit_phrases = {words: days for days, phrases in self.units.items() for words in phrases}
        self.unit_words = {word for phrase in self.unit_phrases for word in phrase}
        # One table for every phrase a question is scanned for, so a question is scanned once.
        self.table: dict[tuple[str, ...], list[tuple[str, str]]] = defaultdict(list)      # phrase -> (family, name)
        for family, lists in (("cue", self.cues), ("category", self.categories), ("browser", self.browsers)):
            for name, phrases in lists.items():
                for phrase in phrases:
                    self.table[phrase].append((family, name))
        # The same phrases as a tree of words: a question's word leads to the phrases that begin with it.
        self.phrase_tree: dict[str, PhraseNode] = {}
        for phrase, entries in self.table.items():
            level, node = self.phrase_tree, None
            for word in phrase:
                node = level.get(word)
                if node is None:
                    node = level[word] = PhraseNode([], {})
                level = node.following
            node.entries.extend(entries)

    def _category_of(self, word: str) -> str | None:
        return next((code for code, phrases in self.categories.items() if (word,) in phrases), None)

    def count_words(self, token: str) -> int:
        """How many of `words` one whitespace-separated token of a question becomes (the same every time: kept)."""
        count = self._word_counts.get(token)
        if count is None:
            count = self._count_words(token)
            if len(self._word_counts) < WORD_CACHE_LIMIT:
                self._word_counts[token] = count
        return count

    def _count_words(self, token: str) -> int:
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
            if glued is None and token not in spellings:
                if token not in fillers:
                    found.append(token)
                continue
            for part in glued.groups() if glued else (token,):
                if part in spellings:
                    found.extend(w for w in spellings[part] if w not in fillers)
                elif part not in fillers:
                    found.append(part)
        if not self.rewrite_starts.isdisjoint(found) and any(pair in self.rewrite_pairs for pair in zip(found, found[1:])):
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

    def learn(self, terms: set[str]) -> None:
        """The terms the knowledge base's texts use: a question's word is stemmed the way they are."""
        self.known_terms = frozenset(terms)
        self._terms_of.clear()
        self._sentence_terms.clear()

    def sentence_terms(self, sentence: str, language: str = "en") -> frozenset[str]:
        """The terms of a sentence of the policy, computed once per sentence."""
        found = self._sentence_terms.get((sentence, language))
        if found is None:
            found = frozenset(self.terms(tokens(sentence), keep_parts=True, language=language))
            self._sentence_terms[(sentence, language)] = found
        return found

    def scan(self, words: list[str]) -> "Phrases":
        """Every phrase of the table found in `words`, by family and name."""
        found: dict[str, dict[str, dict[int, list[int]]]] = {}
        tree, count = self.phrase_tree, len(words)
        for start, word in enumerate(words):
            node = tree.get(word)
            if node is None:
                continue
            ends, end = [], start + 1
            while True:
                if node.entries:
                    ends.append((end, node.entries))
                if end >= count or not node.following:
                    break
                node = node.following.get(words[end])
                if node is None:
                    break
                end += 1
            for end, entries in reversed(ends):         # longest first
                for family, name in entries:
                    found.setdefault(family, {}).setdefault(name, {}).setdefault(start, []).append(end)
        return Phrases(found)

    def terms(self, words: list[str], keep_parts: bool = False, language: str = "en") -> list[str]:
        """Words -> matching terms: lexicon phrases and synonyms become their group's term, others their stem
        in `language` (the language of the text they come from).

        `keep_parts` (for the policy's own text) also keeps the words inside a phrase, so that "share buttons"
        in a question finds the "Share" button that the text calls a social widget.
        """
        found, i = [], 0
        while i < len(words):
            for size in self.phrase_starts.get(words[i], ()):
                term = self.phrases.get(tuple(words[i:i + size])) if i + size <= len(words) else None
                if term:
                    found.append(term)
                    if keep_parts:
                        found.extend(self._word_term(w, language) for w in words[i:i + size] if w not in self.stopwords)
                    i += size
                    break
            else:
                word = words[i]
                i += 1
                if word not in self.stopwords:
                    found.append(self._word_term(word, language))
        return found

    def phrase_positions(self, words: list[str], near: set[int] | None = None) -> set[int]:
        """Positions of `words` inside a multi-word synonym phrase of the lexicon (only the phrases that can
        reach a position of `near`, when given)."""
        found = set()
        first, last = (max(0, min(near) - MAX_PHRASE + 1), min(len(words), max(near) + 1)) if near else (0, len(words))
        for i in range(first, last):
            if words[i] in self.phrase_starts:
                for size in self.phrase_starts[words[i]]:
                    if i + size <= len(words) and tuple(words[i:i + size]) in self.phrases:
                        found.update(range(i, i + size))
                        break
        return found

    def _word_term(self, word: str, language: str = "en") -> str:
        term = self._terms_of.get((word, language))
        if term is None:
            if word in self.exact:
                term = self.exact[word]
            else:
                root = stem(word, language)
                if self.known_terms and root not in self.known_terms and root not in self.single:
                    # a word shared by both languages ("marketing") is stemmed as the policy's text has it
                    root = next((r for r in stems(word) if r in self.known_terms or r in self.single), root)
                term = self.single.get(root, root)
            if len(self._terms_of) < WORD_CACHE_LIMIT:
                self._terms_of[(word, language)] = term
        return term


class PhraseNode(NamedTuple):
    """A word of the phrase tree: the (family, name) of the phrases ending here, and the words that go on."""
    entries: list[tuple[str, str]]
    following: dict[str, "PhraseNode"]


class Phrases:
    """The phrases found in one question; `spans` picks the longest, non-overlapping ones of a kind."""
    __slots__ = ("found",)

    def __init__(self, found: dict[str, dict[str, dict[int, list[int]]]]):
        self.found = found

    def names(self, family: str) -> list[str]:
        return list(self.found.get(family, ()))

    def spans(self, family: str, name: str, skip: set[int] = frozenset()) -> list[tuple[int, int]]:
        starts = self.found.get(family, {}).get(name)
        return _longest_spans(starts, skip) if starts else []

    def matched(self, family: str, skip: set[int] = frozenset()) -> dict[str, tuple[tuple[int, int], ...]]:
        """Every name of a family with its spans outside `skip` (names left with none are dropped)."""
        found = {}
        for name, starts in self.found.get(family, {}).items():
            spans = _longest_spans(starts, skip)
            if spans:
                found[name] = tuple(spans)
        return found


def _longest_spans(starts: dict[int, list[int]], skip: set[int]) -> list[tuple[int, int]]:
    spans, free_from = [], 0
    for start in sorted(starts) if len(starts) > 1 else starts:
        if start < free_from:
            continue
        for end in starts[start]:
            if not skip or skip.isdisjoint(range(start, end)):
                spans.append((start, end))
                free_from = end
                break
    return spans


def company_words(kb: KnowledgeBase) -> set[str]:
    """The company's own name, read from the document ("Zendesk" of "Zendesk Cookie Policy", the defined
    "Zendesk Group"): a question that names the company says nothing about which cookie or passage it wants."""
    generic = {"cookie", "cookies", "policy", "politique", "relative", "aux", "group", "groupe", "notice", "statement",
               "privacy", "de", "des", "la", "le", "les", "en", "matiere", "the", "of", "and", "et", "declaration"}
    documents = getattr(kb, "documents", None) or []
    metadata = [d.metadata for d in documents if d.kind != "declaration"] or [kb.metadata]   # a CSV has no title of its own
    words = {w for meta in metadata for w in tokens(meta.title)}
    for meta in metadata:
        defined = re.search(r"\(\s*[“\"«]\s*([^”\"»]{1,60}?)\s*[”\"»]\s*\)", meta.effective_text or "")
        if defined:
            words |= set(tokens(defined.group(1)))
    vocab = engine_vocabulary()
    ordinary = {w for section in (vocab.synonyms, vocab.cues, vocab.categories) for entries in section.values()
                for entry in entries for w in tokens(entry)}      # "App" of "Northwind App Cookie Policy" is a word
    return {w for w in words if w not in generic and w not in ordinary and w.isalpha()}


def phrase_set(entries) -> set[tuple[str, ...]]:
    return {tuple(tokens(entry)) for entry in entries if tokens(entry)}

