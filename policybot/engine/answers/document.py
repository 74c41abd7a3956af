"""Answers about the document itself: when it took effect, when it was last updated, whether it is still in effect."""
from __future__ import annotations

from ...answer import Answer, Quote
from ...language.messages import date_words, say
from .. import tuning
from .common import Context, shorten
from .decline import decline


def document_answer(ctx: Context, topic: str) -> Answer:
    """`topic` is "effective", "updated" or "status"."""
    reading, lang, meta = ctx.reading, ctx.lang, ctx.kb.metadata

    def day(iso: str | None) -> str:
        return date_words(iso, lang)
    if topic == "effective":
        if not meta.effective_on:
            return decline(ctx, None)
        text = say(lang, "took_effect", date=day(meta.effective_on))
        if meta.last_updated_on:
            text += say(lang, "also_updated", date=day(meta.last_updated_on))
        excerpt, where = meta.effective_text, "preamble"
    elif topic == "updated":
        if not meta.last_updated_on:
            return decline(ctx, None)
        text = say(lang, "last_updated", date=day(meta.last_updated_on))
        excerpt, where = meta.last_updated_text, "end"
    else:
        if reading.has("edition") and meta.effective_on:
            text = say(lang, "edition_of", date=day(meta.effective_on))
            if meta.last_updated_on:
                text += say(lang, "edition_updated", date=day(meta.last_updated_on))
            text += "."
            if meta.in_effect is False and meta.superseded_on:
                text += say(lang, "edition_superseded", date=day(meta.superseded_on))
        elif meta.in_effect is False and meta.superseded_on and reading.has("when"):
            text = say(lang, "stopped_on", date=day(meta.superseded_on))
        elif meta.in_effect is False:
            when = say(lang, "since_date", date=day(meta.superseded_on)) if meta.superseded_on else ""
            verdict = say(lang, "verdict_yes" if reading.has("superseded") and not reading.has("status") else "verdict_no")
            text = verdict + say(lang, "no_longer_in_effect", since=when)
        else:
            text = say(lang, "not_replaced")
        if meta.effective_on and not reading.has("edition"):
            text += say(lang, "had_taken_effect", date=day(meta.effective_on))
        excerpt, where = meta.status, "preamble"
    lead = text
    quotes = []
    if excerpt:
        text += "\n" + say(lang, "quoted", text=shorten(excerpt, tuning.DOCUMENT_QUOTE_CHARS))
        quotes.append(Quote(section=where, title=meta.title, heading=meta.title, text=excerpt, excerpt=excerpt,
                            language=lang, original_language=lang, document=ctx.kb.document_id))
    source = {"type": "section", "number": where, "title": meta.title, "excerpt": excerpt or ""}
    return Answer(reading.raw, True, text, lang, tuning.CONFIDENCE["document"], [source], [], "document",
                  lead=lead, quotes=quotes)
