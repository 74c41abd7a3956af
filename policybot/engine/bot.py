"""The engine: a question in, a structured `Answer` out, through reading -> intent -> ranking -> composition.

`Bot` holds one knowledge base's index and answers questions (thread-safe: the index is read-only);
`Conversation` remembers the cookie last talked about, so "how long does it last?" has a subject.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from ..answer import Answer, Citation
from ..knowledge import KnowledgeBase, load_knowledge
from ..language.messages import date_words, say
from ..language.text import clean_question, detect_language
from . import intents, tuning
from .answers.common import Context
from .answers.decline import starter_questions
from .index import Index, name_key, split_sentences
from .ranking import Evidence
from .reading import GENERIC_TERMS, QUESTION_CONCEPTS, CookieHit, Reader, Reading

FOLLOW_UP_MAX_TERMS = 3          # a follow-up is short: more terms than this is a new question
MIN_CLAUSE_WORDS = 3             # the last clause of a long question is read alone only if this long
_CLAUSE_BREAK = re.compile(r"[,;:]\s+|\s[-–—]\s")


class Bot:
    """Answers questions from one knowledge base. Build once, ask many times."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.index = Index(kb)
        self.reader = Reader(self.index)
        self._notices: dict[tuple[str, frozenset[str]], str | None] = {}
        self._documents = [(d.id, d.title, d.metadata) for d in getattr(kb, "documents", None) or []] or [
            (kb.document_id, kb.metadata.title, kb.metadata)]
        self._all_in_effect = all(meta.in_effect is not False for _, _, meta in self._documents)

    def conversation(self) -> "Conversation":
        return Conversation(self)

    def ask(self, question: str, *, about: Iterable[str] = ()) -> Answer:
        """Answer one question. `about` names the cookies a follow-up may refer to ("how long does it last?").

        Never raises: a failure inside the engine is logged and answered as an error, not a traceback.
        """
        if not isinstance(question, str):
            question = str(question)
        try:
            return self._finish(self._answer(question, list(about)))
        except Exception:                                   # noqa: BLE001 — a bug must not reach the user
            import logging                  # only on failure: logging costs start-up time
            logging.getLogger("policybot.engine").exception("policybot: the engine failed on %r", question[:200])
            return Answer(question, False, say("en", "engine_failed"), "en", 0.0, kind="error")

    # -- reading the question, with its context ---------------------------------------------------
    def _answer(self, question: str, about: list[str]) -> Answer:
        if len(question) > tuning.REFUSE_UNREAD_FACTOR * tuning.MAX_QUESTION_CHARS:
            return self._error(question, detect_language(question[:tuning.MAX_QUESTION_CHARS]), "too_long",
                               length=len(question))                   # refused before it is even read
        text = clean_question(question)
        words = self.index.lexicon.words(text)
        language = detect_language(text, words) if text else "en"
        if not text:
            answer = self._error(question, language, "empty")
            answer.suggestions = starter_questions(self.kb, language)
            return answer
        if len(text) > tuning.MAX_QUESTION_CHARS:
            return self._error(question, language, "too_long", length=len(text))
        answer = self._answer_reading(self._read(question, text, language, words, about))
        if not answer.answered and answer.kind == "abstain":
            # "I am not a technical person and … Could you tell me what a cookie is?": the context around the
            # question can drown it, so the last sentence that asks is read on its own too.
            for part in self._last_clauses(text):
                retry = self._answer_reading(self._read(question, part, language, self.index.lexicon.words(part), about))
                if retry.answered:
                    return retry
        return answer

    def _last_clauses(self, text: str) -> list[str]:
        asking = [s for s in split_sentences(text) if s.rstrip().endswith("?")] or split_sentences(text)
        tries = [asking[-1]] if asking and asking[-1] != text else []
        clause = _CLAUSE_BREAK.split(tries[-1] if tries else text)[-1]   # "customer says …, which cookie …?"
        if clause not in tries and clause != text and len(clause.split()) >= MIN_CLAUSE_WORDS:
            words = self.index.lexicon.words(clause)
            context = text[: len(text) - len(clause)]
            if self._clause_stands_alone(words) and not self.reader.names_unknown(context):
                tries.append(clause)
        return tries

    def _clause_stands_alone(self, words: list[str]) -> bool:
        """A clause worth reading without its context: it names known things only, and something of substance."""
        if not self.reader.known(words):
            return False
        clause = self.reader.read("", " ".join(words), "en", words)
        return bool(clause.hits) or any(t not in GENERIC_TERMS - QUESTION_CONCEPTS for t in clause.terms)

    def _read(self, raw: str, text: str, language: str, words: list[str], about: list[str]) -> Reading:
        reading = self.reader.read(raw, text, language, words)
        if not reading.hits and about and _is_follow_up(reading):
            hits = [CookieHit(name_key(name), "context", tuning.SCORE_CONTEXT, name) for name in about
                    if name_key(name) in self.index.rows_by_name][:1]
            reading = reading.with_hits(hits)
        return reading

    def _context(self, reading: Reading) -> Context:
        return Context(self.kb, self.index, reading, Evidence(self.index, reading))

    def _answer_reading(self, reading: Reading) -> Answer:
        if reading.too_large:
            return self._error(reading.raw, reading.language, "too_large")
        return intents.answer(self._context(reading))

    def _error(self, question: str, language: str, key: str, **fields) -> Answer:
        text = say(language, key, limit=tuning.MAX_QUESTION_CHARS, **fields)
        return Answer(question, False, text, language, 0.0, kind="error", lead=text)

    # -- what every answer carries ----------------------------------------------------------------
    def _finish(self, answer: Answer) -> Answer:
        """Citations for the passages, ahead of the rows' (the composers cite their rows), the lead, the notice."""
        sections = []
        for source in answer.sources:
            if source.get("type") == "cookie":
                break                           # the rows come after the passages (see Answer)
            sections.append(source)
        if sections:
            quoted = {(q.section, q.title): q.document for q in answer.quotes}
            cited = [Citation(quoted.get((s.get("number"), s.get("title"))) or self.kb.document_id,
                              section=s.get("number"), title=s.get("title")) for s in sections]
            answer.citations[:0] = dict.fromkeys(cited)     # a row's citation names a cookie: never one of these
        if not answer.lead and answer.text:
            answer.lead = answer.text.strip().split("\n", 1)[0]
        if answer.kind != "error":
            answer.notice = self._notice(answer)
        return answer

    def _notice(self, answer: Answer) -> str | None:
        """One line for an answer from an edition that is no longer in effect: every answer of a knowledge base
        whose documents are all superseded, else the answers that cite a superseded document."""
        if self._all_in_effect:
            return None
        lang, cited, every_document = answer.language, set(), len(self._documents)
        if every_document == 1:                 # every citation names the one document, if there is any
            key = (lang, bool(answer.citations))
            if key not in self._notices:
                self._notices[key] = self._notice_for(lang, frozenset(c.document for c in answer.citations[:1]))
            return self._notices[key]
        for citation in answer.citations:
            cited.add(citation.document)
            if len(cited) == every_document:
                break                           # a list of many rows names every document long before its end
        key = (lang, frozenset(cited))
        if key not in self._notices:
            self._notices[key] = self._notice_for(lang, cited)
        return self._notices[key]

    def _notice_for(self, lang: str, cited: frozenset[str]) -> str | None:
        documents = self._documents
        superseded = [(title, meta) for document_id, title, meta in documents if meta.in_effect is False
                      and (document_id in cited or not cited)]
        if not superseded or not cited and len(superseded) < len(documents):
            return None
        title, meta = superseded[0]
        since = say(lang, "since_date", date=date_words(meta.superseded_on, lang)) if meta.superseded_on else ""
        if len(documents) == 1:
            return say(lang, "notice_superseded", since=since)
        return say(lang, "notice_document_superseded", title=title, since=since)


def _is_follow_up(reading: Reading) -> bool:
    """'how long does it last?', 'is it essential?', 'and its website?' after a question about a cookie."""
    if reading.has("list") or reading.sites or reading.plural_cookies or len(reading.terms) > FOLLOW_UP_MAX_TERMS:
        return False
    if reading.has("pronoun"):
        return True
    return any(reading.has(c) for c in intents.ATTRIBUTE_CUES)


class Conversation:
    """A chat: remembers the cookie last talked about, so "how long does it last?" has a subject."""

    def __init__(self, bot: Bot, about: Iterable[str] = ()):
        self.bot = bot
        self.about: list[str] = list(about)

    def ask(self, question: str) -> Answer:
        answer = self.bot.ask(question, about=self.about)
        names = [s["name"] for s in answer.sources if s.get("type") == "cookie"]
        if answer.kind in ("cookie", "attribute") and names:
            self.about = [names[0]]
        return answer


def load(knowledge: str | Path | KnowledgeBase | None = None) -> Bot:
    """A Bot over a knowledge base: a KnowledgeBase, a folder, or None for POLICYBOT_KNOWLEDGE / the shipped one.

    A folder's engine comes from the per-user cache when its files have not changed (see `knowledge.cache`).
    """
    if isinstance(knowledge, KnowledgeBase):
        return Bot(knowledge)
    from ..knowledge.cache import cached
    from ..knowledge import knowledge_dir
    folder = knowledge_dir(knowledge)
    return cached(folder, lambda: Bot(load_knowledge(folder)))
