"""Answer -> a Slack message: Block Kit blocks plus a plain `text` fallback. Pure functions, no I/O.

Every string that reaches mrkdwn goes through `escape`, so neither the engine's text nor anything a
user typed can mention or notify anyone. Slack's limits are kept here: at most 50 blocks, 3,000
characters in a section's text, 2,000 in a field or a button value, 75 in a button label.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from ...answer import Answer
from .markup import escape

MAX_BLOCKS = 50
MAX_SECTION_CHARS = 3000
MAX_FIELD_CHARS = 2000
MAX_VALUE_CHARS = 2000
MAX_BUTTON_CHARS = 75
MAX_TEXT_CHARS = 3000          # the notification fallback
MAX_LIST_ROWS = 20             # rows of a list shown in Slack; the rest is counted, with a "Show all" button
MAX_COOKIE_CARDS = 3           # cookies shown as cards with their fields; more are shown as a list
MAX_SUGGESTIONS = 5
MAX_SOURCES_CITED = 3

# action_ids (the listeners match on these)
SHARE = "policybot_share"
SUGGEST = "policybot_suggest"           # one button per suggestion: policybot_suggest_0, _1, ...
FEEDBACK_UP = "policybot_feedback_up"
FEEDBACK_DOWN = "policybot_feedback_down"
SHOW_ALL = "policybot_show_all"         # posts every row of a list as a CSV file

USAGE = (
    "Ask me about the cookie policy, for example:\n"
    "• `/policy what is _zendesk_session`\n"
    "• `/policy which cookies are advertising cookies?`\n"
    "• `/policy comment désactiver les cookies ?`\n"
    "Follow up in the same thread: `how long does it last?`\n"
    "You can also mention me in a channel or send me a direct message. "
    "👍 / 👎 under an answer tell the maintainers what to improve."
)


def clip(text: str, limit: int, ellipsis: str = "…") -> str:
    """`text` cut to at most `limit` characters, marking the cut; never splits an escape entity."""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ellipsis)]
    amp = cut.rfind("&")
    if amp != -1 and ";" not in cut[amp:]:      # a half-cut "&amp;" would show as junk
        cut = cut[:amp]
    return cut.rstrip() + ellipsis


def mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text}


def section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": mrkdwn(clip(text, MAX_SECTION_CHARS))}


def context(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [mrkdwn(clip(text, MAX_SECTION_CHARS))]}


def plain_label(text: str) -> str:
    """A plain_text label: Slack does not parse mentions there, and angle brackets are swapped anyway."""
    return " ".join(text.replace("<", "‹").replace(">", "›").split())


def button(label: str, action_id: str, value: str, style: str | None = None) -> dict[str, Any]:
    element = {"type": "button", "action_id": action_id, "value": value[:MAX_VALUE_CHARS],
               "text": {"type": "plain_text", "text": clip(plain_label(label), MAX_BUTTON_CHARS), "emoji": True}}
    if style:
        element["style"] = style
    return element


# --- words of our own, in the answer's language ------------------------------------------------

WORDS = {
    "en": {"website": "Website", "duration": "Duration", "category": "Category", "session": "Session",
           "cookie_table": "Cookie table", "section": "Section", "source": "Source",
           "did_you_mean": "Did you mean:", "try_asking": "Try asking:", "you_asked": "You asked",
           "asked": "asked", "more": "… and {n} more",
           "share": "Share in channel", "show_all": "Show all {n} (CSV)", "no_answer": "I have no answer to that."},
    "fr": {"website": "Site", "duration": "Durée", "category": "Catégorie", "session": "Session",
           "cookie_table": "Tableau des cookies", "section": "Section", "source": "Source",
           "did_you_mean": "Vouliez-vous dire :", "try_asking": "Essayez :", "you_asked": "Votre question",
           "asked": "a demandé", "more": "… et {n} de plus",
           "share": "Partager dans le canal", "show_all": "Tout afficher ({n}, CSV)", "no_answer": "Je n’ai pas de réponse à cela."},
}


def words(answer: Answer) -> dict[str, str]:
    return WORDS.get(answer.language, WORDS["en"])


# --- what an answer says ------------------------------------------------------------------

def cite(source: dict[str, Any], w: dict[str, str] = WORDS["en"]) -> str:
    """'Section 5 — Comment désactiver les cookies' or 'Cookie table' (unescaped)."""
    if source.get("type") == "section":
        title = source.get("title") or ""
        number = str(source.get("number") or "")
        if not number[:1].isdigit():            # the document's own lines (preamble, end, notes)
            return title or w["section"]
        return f"{w['section']} {number} — {title}" if title else f"{w['section']} {number}"
    return w["cookie_table"]


def citation(answer: Answer) -> str | None:
    """The context line naming where the answer comes from (escaped), or None without citations or sources."""
    w = words(answer)
    seen: list[str] = []
    labels = [cite_citation(c, w) for c in answer.citations] or [cite(s, w) for s in answer.sources]
    for label in labels:
        if label not in seen:
            seen.append(label)
    if not seen:
        return None
    more = len(seen) - MAX_SOURCES_CITED
    text = " · ".join(escape(s) for s in seen[:MAX_SOURCES_CITED])
    if more > 0:
        text += " · " + w["more"].format(n=more).lstrip("… ")
    return f"{w['source']}: {text}"


def cite_citation(c: Any, w: dict[str, str]) -> str:
    """A `Citation` as a label: its section (with title) or the cookie table."""
    if c.cookie is not None or c.row is not None:
        return w["cookie_table"]
    return cite({"type": "section", "number": c.section, "title": c.title}, w)


def _duration(cookie: dict[str, Any], lang: str = "en") -> str:
    """The policy's wording, with the reader's terms beside it when they differ: '2 ans (2 years)'."""
    written = " ".join(str(cookie.get("duration") or "").split())
    days = cookie.get("duration_days")
    if cookie.get("session") or days is None:
        return written or WORDS.get(lang, WORDS["en"])["session"]
    return _both_wordings(written, days, lang)


@lru_cache(maxsize=4096)
def _both_wordings(written: str, days: float, lang: str) -> str:
    """The same few rows are shown again and again: their wording is worked out once."""
    from ...language.durations import both_wordings
    return both_wordings(written, days, lang)


def _category(cookie: dict[str, Any]) -> str:
    label = cookie.get("category_label")
    category = cookie.get("category") or ""
    if label and label.casefold() != category.casefold():
        return f"{category.capitalize()} ({label})" if category else label
    return (category or label or "—").capitalize()


def cookie_card(cookie: dict[str, Any], lang: str = "en", *, with_purpose: bool = True) -> dict[str, Any]:
    """A section naming the cookie (and its purpose), with website, duration and category as fields."""
    w = WORDS.get(lang, WORDS["en"])
    title = f"*{escape(str(cookie.get('name', '')))}*"
    if with_purpose and cookie.get("purpose"):
        title += " — " + escape(str(cookie["purpose"]))
    fields = [(w["website"], cookie.get("website") or "—"), (w["duration"], _duration(cookie, lang)),
              (w["category"], _category(cookie))]
    return {"type": "section", "text": mrkdwn(clip(title, MAX_SECTION_CHARS)),
            "fields": [mrkdwn(clip(f"*{name}*\n{escape(str(value))}", MAX_FIELD_CHARS)) for name, value in fields]}


def list_row(cookie: dict[str, Any], lang: str = "en") -> str:
    parts = [p for p in (cookie.get("website"), _duration(cookie, lang)) if p and p != "—"]
    row = f"• {escape(str(cookie.get('name', '')))}"
    return row + (" (" + escape("; ".join(parts)) + ")" if parts else "")


def more_line(left_out: int, w: dict[str, str] = WORDS["en"]) -> str:
    return w["more"].format(n=left_out)


def shorten(heading: list[str], rows: list[str], answer: Answer) -> tuple[list[str], int]:
    """The heading and as many rows as fit (at most MAX_LIST_ROWS), then how many were left out."""
    budget = MAX_SECTION_CHARS - 200             # room for the "… and N more" line
    used = sum(len(h) + 1 for h in heading)
    shown: list[str] = []
    for row in rows[:MAX_LIST_ROWS]:
        if used + len(row) + 1 > budget:
            break
        shown.append(row)
        used += len(row) + 1
    lines = heading + shown
    left_out = len(rows) - len(shown)
    if left_out:
        lines.append(more_line(left_out, words(answer)))
    return lines, left_out


def lead_of(answer: Answer) -> str:
    """The answer's first sentence (the whole plain text for an answer that has no lead)."""
    return (answer.lead or answer.text or "").strip()


def quoted(answer: Answer) -> list[str]:
    """The quoted passages, as mrkdwn block quotes (escaped), skipping one the lead already says."""
    lead = lead_of(answer)
    return ["> " + escape(" ".join(q.text.split())) for q in answer.quotes if q.text and q.text.strip() not in lead]


def layout(answer: Answer) -> tuple[str, list[dict[str, Any]], int]:
    """(body mrkdwn, cookie cards, rows left out of the list) for an answer, from its structure.

    - a list (or an answer about more cookies than get cards): the lead and the first rows, shortened;
    - a cookie or attribute answer: the lead, then a card per cookie with the fields;
    - anything else: the lead and the quoted passages.
    """
    lead = lead_of(answer)
    cookies = answer.rows
    if answer.kind == "list" or (answer.kind in ("cookie", "attribute") and len(cookies) > MAX_COOKIE_CARDS):
        rows = [list_row(c, answer.language) for c in cookies]
        lines, left_out = shorten([escape(lead)] if lead else [], rows, answer)
        return "\n".join(lines), [], left_out
    if answer.kind in ("cookie", "attribute") and cookies and lead:
        cards = [cookie_card(c, answer.language, with_purpose=str(c.get("purpose") or "") not in lead)
                 for c in cookies]
        return clip(escape(lead), MAX_SECTION_CHARS), cards, 0
    body = "\n".join([escape(lead)] + quoted(answer)) if lead else escape(words(answer)["no_answer"])
    return clip(body, MAX_SECTION_CHARS), [], 0


# --- the message ----------------------------------------------------------------------------

def answer_message(answer: Answer, *, ephemeral: bool = False, asked_by: str | None = None,
                   question: str | None = None, answer_id: str | None = None) -> dict[str, Any]:
    """`{"text", "blocks"}` for chat.postMessage, chat.postEphemeral or a response_url.

    `ephemeral` adds the "Share in channel" button; `asked_by` (a user id) and `question` add a
    context line saying who asked what (for answers that are not in reply to the question);
    `answer_id` is what the 👍/👎 buttons carry (one vote per person per answer).
    """
    w = words(answer)
    question = answer.question if question is None else question
    body, cards, left_out = layout(answer)
    blocks: list[dict[str, Any]] = []
    if question and (asked_by or ephemeral):
        who = f"<@{asked_by}> {w['asked']}" if asked_by else w["you_asked"]
        blocks.append(context(f"{who}: “{clip(escape(question), 500)}”"))
    blocks.append(section(body))
    blocks.extend(cards[:MAX_COOKIE_CARDS])
    cited = citation(answer)
    if cited and answer.answered:
        blocks.append(context(cited))
    if answer.notice:
        blocks.append(context("_" + escape(answer.notice) + "_"))
    suggestions = [s for s in answer.suggestions if s and s.strip()][:MAX_SUGGESTIONS]
    if suggestions:
        blocks.append(context(w["did_you_mean"] if answer.answered else w["try_asking"]))
        blocks.append({"type": "actions", "block_id": "policybot_suggestions",
                       "elements": [button(s, f"{SUGGEST}_{i}", s) for i, s in enumerate(suggestions)]})
    if answer.kind != "error":
        value = (question or "")[:MAX_VALUE_CHARS]
        elements = []
        if left_out and answer.answered:
            elements.append(button(w["show_all"].format(n=len(answer.rows)), SHOW_ALL, value))
        if ephemeral:
            elements.append(button(w["share"], SHARE, value, style="primary"))
        vote_on = answer_id or value
        elements += [button("👍", FEEDBACK_UP, vote_on), button("👎", FEEDBACK_DOWN, vote_on)]
        blocks.append({"type": "actions", "block_id": "policybot_actions", "elements": elements})
    return {"text": clip(body, MAX_TEXT_CHARS), "blocks": blocks[:MAX_BLOCKS]}


MAX_PAGES = 5                  # a response_url takes 5 messages


def list_pages(answer: Answer) -> list[dict[str, Any]]:
    """Every row of a list answer as messages of sections (within Slack's limits), for a private "Show all".

    Beyond MAX_PAGES messages the last one says how many rows are left (share the answer in a channel
    for the CSV file)."""
    rows = [list_row(c, answer.language) for c in answer.rows]
    sections: list[str] = []
    for row in rows:
        if sections and len(sections[-1]) + len(row) + 1 <= MAX_SECTION_CHARS:
            sections[-1] += "\n" + row
        else:
            sections.append(clip(row, MAX_SECTION_CHARS))
    per_page = MAX_BLOCKS - 2             # a heading and, on the last page, how many are left
    pages = [sections[i:i + per_page] for i in range(0, len(sections), per_page)] or [[]]
    messages = []
    for number, page in enumerate(pages[:MAX_PAGES], start=1):
        blocks = [context(f"{escape(lead_of(answer))} ({number}/{min(len(pages), MAX_PAGES)})")] + [section(t) for t in page]
        messages.append({"text": clip("\n".join(page) or lead_of(answer), MAX_TEXT_CHARS), "blocks": blocks})
    if len(pages) > MAX_PAGES:
        left = sum(t.count("\n") + 1 for p in pages[MAX_PAGES:] for t in p)
        messages[-1]["blocks"].append(context(more_line(left, words(answer)) + " (share the answer for a CSV file)"))
    return messages


def text_message(text: str) -> dict[str, Any]:
    """A short reply of our own (greetings, thanks, feedback acknowledgements), as mrkdwn we wrote."""
    return {"text": text, "blocks": [section(text)]}


def usage_message() -> dict[str, Any]:
    """The reply to `help`, `/policy` with no question, and a bare mention."""
    return text_message(USAGE)


def home_view(edition: str, usage_line: str | None = None) -> dict[str, Any]:
    """The App Home tab: how to ask, what the knowledge base is, and (when known) how much it is used."""
    blocks = [{"type": "header", "text": {"type": "plain_text", "text": "policybot"}}, section(USAGE)]
    if edition:
        blocks.append(context(f"Knowledge base: {escape(edition)}"))
    if usage_line:
        blocks.append(context(escape(usage_line)))
    return {"type": "home", "blocks": blocks}
