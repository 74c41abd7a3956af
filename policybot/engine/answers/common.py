"""What every composer needs: the question's context, row wordings, quoting a passage, listing rows."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ...answer import Answer, Citation, Quote
from ...knowledge import Cookie, KnowledgeBase
from ...knowledge.filters import site_matches
from ...language.durations import both_wordings
from ...language.messages import say
from ...language.text import fold
from .. import tuning
from ..index import Index, Passage
from ..ranking import Evidence
from ..reading import Reading

WINDOW_SENTENCE_COST = 0.01   # a quoted window pays this per sentence: one sentence when it covers as much
WINDOW_LATER_COST = 0.001     # and this per sentence before it: the earlier of equal windows
SESSION_WORDING_WORDS = 3     # a session's wording longer than this says more (conditions): shown as written
_both_wordings = lru_cache(maxsize=4096)(both_wordings)     # asked of the same few rows again and again

def category_words(category: str, lang: str) -> str:
    """'analytics' / 'analytiques': a category as a sentence names it."""
    return say(lang, f"category_{category}")


def number_words(count: int, lang: str) -> str:
    """'four' / 'quatre' for small numbers, digits otherwise."""
    from ...language.messages import templates
    return say(lang, f"number_{count}") if f"number_{count}" in templates() else str(count)


@dataclass
class Context:
    """One question being answered: the knowledge base, its index, the reading and the evidence."""
    kb: KnowledgeBase
    index: Index
    reading: Reading
    evidence: Evidence
    memo: dict = field(default_factory=dict)     # what the rules compute more than once for this question

    @property
    def lang(self) -> str:
        return self.reading.language

    def derived(self, reading: Reading) -> "Context":
        """The same question read differently (other terms, a follow-up's cookie): evidence afresh."""
        return Context(self.kb, self.index, reading, self.evidence.for_reading(reading))

    def rows(self, key: str) -> list[Cookie]:
        """The rows with this name, from the documents (and websites) the question points to, when some are."""
        rows = self.in_documents([self.index.cookies[row] for row in self.index.rows_by_name[key]])
        if self.reading.sites and len(rows) > 1:
            on_site = [c for c in rows if any(site_matches(c.website, site) or domain_covers(c.website, site)
                                              for site in self.reading.sites)]
            rows = on_site or rows
        return rows

    def in_documents(self, rows: list[Cookie]) -> list[Cookie]:
        wanted = self.reading.documents
        if not wanted:
            return rows
        return [c for c in rows if c.document in wanted] or rows


def domain_covers(website: str | None, site: str) -> bool:
    """A domain cookie (".northwind.example") is sent to every host under its domain."""
    return bool(website) and website.startswith(".") and (
        fold(site).endswith(fold(website)) or fold(site) == fold(website)[1:])


def lifetime_days(cookie: Cookie) -> float:
    """A row's lifetime in days for comparisons: a session cookie counts as the shortest."""
    return 0.0 if cookie.session or cookie.duration_days is None else cookie.duration_days


def duration_words(cookie: Cookie, lang: str) -> str:
    """The policy's wording, with the reader's terms beside it when they differ: '20 ans (20 years)'."""
    if cookie.session or cookie.duration_days is None:
        if cookie.duration.count(" ") >= SESSION_WORDING_WORDS:  # "Session; can be extended to 30 days in Admin settings"
            return " ".join(cookie.duration.split())
        return _session_label(lang)
    return _both_wordings(cookie.duration, cookie.duration_days, lang)


@lru_cache(maxsize=8)
def _session_label(lang: str) -> str:
    return say(lang, "session_label")


@lru_cache(maxsize=8)
def _labels(lang: str) -> tuple[str, str, str, str]:
    return (say(lang, "website_label"), say(lang, "no_website"), say(lang, "duration_label"), say(lang, "category_label"))


def worded(ctx: Context, cookie: Cookie, wording: str, lang: str) -> str:
    """A row's line as `wording` ("list", "row", "named row") words it, in `lang`: worded once per row."""
    lines = ctx.index.row_facts(cookie).lines
    line = lines.get((wording, lang))
    if line is None:
        line = lines[wording, lang] = list_line(cookie, lang) if wording == "list" else \
            row_line(cookie, lang, with_name=wording == "named row")
    return line


def row_line(cookie: Cookie, lang: str, *, with_name: bool) -> str:
    """One row in plain words: its website, duration and category (and its name and purpose in a list)."""
    website, none, duration, category = _labels(lang)
    fields = [f"{website}: {cookie.website or none}", f"{duration}: {duration_words(cookie, lang)}",
              f"{category}: {cookie.category_label}"]
    if with_name:
        return f"• {cookie.name} — {cookie.purpose.rstrip('.')} ({'; '.join(fields)})"
    return " · ".join(fields)


def list_line(cookie: Cookie, lang: str) -> str:
    return f"• {cookie.name} ({cookie.website or _labels(lang)[1]}; {duration_words(cookie, lang)}; {cookie.category_label})"


def listing(ctx: Context, rows: list[Cookie], intro: str, see_all: dict | None, *, kind: str = "list",
            confidence: float = tuning.CONFIDENCE["list"]) -> Answer:
    """A list answer: the intro, the first rows spelled out, every row in the sources."""
    lang = ctx.lang
    whole = ctx.index.whole_table(rows)           # "list all cookies": its sources and citations made once
    facts = whole[0] if whole else ctx.index.rows_facts(rows)
    lines = [intro]
    for fact in facts[:tuning.LIST_TEXT_ROWS]:
        line = fact.lines.get(("list", lang))
        if line is None:
            line = fact.lines["list", lang] = list_line(fact.cookie, lang)
        lines.append(line)
    if len(rows) > tuning.LIST_TEXT_ROWS:
        lines.append(say(lang, "and_more", count=len(rows) - tuning.LIST_TEXT_ROWS))
    sources, citations = (list(whole[1]), list(whole[2])) if whole else \
        ([f.source for f in facts], list(dict.fromkeys([f.citation for f in facts])))
    return Answer(ctx.reading.raw, True, "\n".join(lines), lang, confidence, sources, [], kind,
                  see_all, lead=intro, citations=citations)


def sources_and_citations(ctx: Context, rows: list[Cookie]) -> tuple[list[dict], list[Citation]]:
    """The rows as sources of the JSON contract (shared, read-only dicts) and a citation per row, once each."""
    facts = ctx.index.rows_facts(rows)
    return [f.source for f in facts], list(dict.fromkeys([f.citation for f in facts]))


def shorten(text: str, limit: int) -> str:
    """The text on one line, cut at a word before `limit` characters ("…" marks the cut). A long text is cut
    from its head: the head on one line is the start of the whole on one line."""
    if len(text) > 2 * limit:
        head = " ".join(text[: 2 * limit].split())
        if len(head) > limit:
            return head[: limit - 1].rsplit(" ", 1)[0] + "…"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


# -- quoting the prose -------------------------------------------------------------------------------

def quote(ctx: Context, passage: Passage, *, lead: bool, lead_if_near: bool = False) -> Quote:
    """The passage's sentences that answer, in the reader's language, and the policy's own words.

    `lead` quotes the opening sentences; `lead_if_near` does so when the best sentences are among them
    (a "why…?" question answered by the section titled with that question).
    """
    reading = ctx.reading
    language = reading.language if reading.language in passage.versions else passage.original_language
    translated = language != passage.original_language
    sentences = passage.sentences[language]
    original = passage.sentences[passage.original_language]
    whole = passage.versions[language]
    if reading.browsers:
        browsers = [fold(b) for b in reading.browsers]
        chosen = [i for i, s in enumerate(passage.folded_sentences[language]) if any(b in s for b in browsers)][:1]
    elif len(sentences) <= 2 or len(whole) <= tuning.QUOTE_WHOLE_CHARS or \
            len(sentences) <= 3 and len(whole) <= tuning.QUOTE_WHOLE_THREE_CHARS:
        chosen = list(range(len(sentences)))      # short enough to quote whole
    elif lead or lead_if_near and set(best_window(ctx, sentences, language)) <= set(opening(sentences)):
        chosen = opening(sentences)
    else:
        chosen = best_window(ctx, sentences, language)
        if len(chosen) == 1 and len(sentences[chosen[0]]) < tuning.SHORT_SENTENCE_CHARS and chosen[0] + 1 < len(sentences):
            chosen.append(chosen[0] + 1)
        if chosen[0] > 0 and len(sentences[chosen[0] - 1]) < tuning.SHORT_LEAD_CHARS:
            chosen.insert(0, chosen[0] - 1)      # a short lead such as "Yes." belongs to the answer
    chosen = chosen or [0]
    text = " ".join(sentences[i] for i in chosen)
    if not translated:
        excerpt = text
    elif len(original) == len(sentences):
        excerpt = " ".join(original[i] for i in chosen)
    else:
        excerpt = passage.versions[passage.original_language]
    section = passage.section
    return Quote(section=section.number, title=section.title, heading=passage.titles.get(language, section.title), text=text,
                 excerpt=shorten(excerpt, tuning.EXCERPT_CHARS), language=language,
                 original_language=passage.original_language, translated=translated,
                 document=getattr(section, "document", "") or ctx.kb.document_id)


def opening(sentences: list[str]) -> list[int]:
    """The opening sentences: up to three, stopping once past a few lines."""
    chosen, length = [], 0
    for i, sentence in enumerate(sentences):
        if chosen and (length > tuning.LEAD_MAX_CHARS or len(chosen) >= tuning.LEAD_MAX_SENTENCES):
            break
        chosen.append(i)
        length += len(sentence)
    return chosen


def best_window(ctx: Context, sentences: list[str], language: str = "en") -> list[int]:
    """The sentence, or two adjacent sentences, that cover most of the question; one if it is enough (each
    sentence more costs a little, and so does coming later)."""
    index, wanted = ctx.index, set(ctx.reading.terms)
    idf = index.idf_of
    covered = [index.lexicon.sentence_terms(sentence, language) & wanted for sentence in sentences]
    weight = [sum([idf(t) for t in terms]) for terms in covered]
    best, best_score = [0], -1.0
    for i in range(len(sentences)):
        later = WINDOW_LATER_COST * i
        score = weight[i] - WINDOW_SENTENCE_COST - later
        if score > best_score:
            best, best_score = [i], score
        if i + 1 < len(sentences):
            score = weight[i] + sum([idf(t) for t in covered[i + 1] - covered[i]]) - 2 * WINDOW_SENTENCE_COST - later
            if score > best_score:
                best, best_score = [i, i + 1], score
    return best


def citation_line(item: Quote, lang: str) -> str:
    """'— Section 3, “What is a cookie?” (translated from the French original)', in plain words."""
    if item.section == "notes":
        return say(lang, "cite_notes")
    if item.section == "preamble":
        return say(lang, "cite_preamble")
    if item.translated:
        note = say(lang, "cite_translated")
    elif item.original_language != lang:
        note = say(lang, "cite_other_language")
    else:
        note = ""
    return say(lang, "cite_section", number=item.section, title=item.heading) + note


def prose_answer(ctx: Context, quotes: list[Quote], confidence: float, *, extra_rows: list[Cookie] | None = None,
                 extra_lines: list[str] | None = None, see_all: dict | None = None) -> Answer:
    """An answer that quotes passages: each quote's text and its citation line."""
    lang = ctx.lang
    lines = []
    for item in quotes:
        lines += [item.text, citation_line(item, lang)]
    lines += extra_lines or []
    rows_as_sources, citations = sources_and_citations(ctx, extra_rows or [])
    return Answer(ctx.reading.raw, True, "\n".join(lines), lang, round(confidence, 3),
                  [item.source() for item in quotes] + rows_as_sources, [], "prose", see_all,
                  lead=quotes[0].text if quotes else "", quotes=list(quotes), citations=citations)
