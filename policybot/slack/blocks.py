"""Answer -> a Slack message: Block Kit blocks plus a plain `text` fallback. Pure functions, no I/O.

Every string that reaches mrkdwn goes through `escape`, so neither the engine's text nor anything a
user typed can mention or notify anyone. Slack's limits are kept here: at most 50 blocks, 3,000
characters in a section's text, 2,000 in a field or a button value, 75 in a button label.
"""
from __future__ import annotations

from typing import Any

from ..answer import Answer
from .markup import escape

MAX_BLOCKS = 50
MAX_SECTION_CHARS = 3000
MAX_FIELD_CHARS = 2000
MAX_VALUE_CHARS = 2000
MAX_BUTTON_CHARS = 75
MAX_TEXT_CHARS = 3000          # the notification fallback
MAX_LIST_ROWS = 20             # rows of a list shown in Slack; the rest is counted and pointed to
MAX_COOKIE_CARDS = 3           # cookies shown with their fields
MAX_SUGGESTIONS = 5
MAX_SOURCES_CITED = 3

# action_ids (the listeners match on these)
SHARE = "policybot_share"
SUGGEST = "policybot_suggest"           # one button per suggestion: policybot_suggest_0, _1, ...
FEEDBACK_UP = "policybot_feedback_up"
FEEDBACK_DOWN = "policybot_feedback_down"

USAGE = (
    "Ask me about the cookie policy, for example:\n"
    "• `/policy what is _zendesk_session`\n"
    "• `/policy which cookies are advertising cookies?`\n"
    "• `/policy comment désactiver les cookies ?`\n"
    "You can also mention me in a channel or send me a direct message."
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


# --- what an answer says ------------------------------------------------------------------

def cite(source: dict[str, Any]) -> str:
    """'Section 5 — Comment désactiver les cookies' or 'Cookie table' (unescaped)."""
    if source.get("type") == "section":
        title = source.get("title") or ""
        number = source.get("number")
        return f"Section {number} — {title}" if title else f"Section {number}"
    return "Cookie table"


def citation(answer: Answer) -> str | None:
    """The context line naming where the answer comes from (escaped), or None without sources."""
    seen: list[str] = []
    for source in answer.sources:
        label = cite(source)
        if label not in seen:
            seen.append(label)
    if not seen:
        return None
    more = len(seen) - MAX_SOURCES_CITED
    text = " · ".join(escape(s) for s in seen[:MAX_SOURCES_CITED])
    if more > 0:
        text += f" · and {more} more"
    return f"Source: {text}"


def _duration(cookie: dict[str, Any]) -> str:
    if cookie.get("session") and not cookie.get("duration"):
        return "Session"
    return str(cookie.get("duration") or "—")


def _category(cookie: dict[str, Any]) -> str:
    label = cookie.get("category_label")
    category = cookie.get("category") or ""
    if label and label.casefold() != category.casefold():
        return f"{category.capitalize()} ({label})" if category else label
    return (category or label or "—").capitalize()


def cookie_card(cookie: dict[str, Any]) -> dict[str, Any]:
    """A section naming the cookie, with website, duration and category as fields."""
    fields = [("Website", cookie.get("website") or "—"), ("Duration", _duration(cookie)),
              ("Category", _category(cookie))]
    return {"type": "section",
            "text": mrkdwn(clip(f"*{escape(str(cookie.get('name', '')))}*", MAX_SECTION_CHARS)),
            "fields": [mrkdwn(clip(f"*{name}*\n{escape(str(value))}", MAX_FIELD_CHARS))
                       for name, value in fields]}


def list_row(cookie: dict[str, Any]) -> str:
    parts = [p for p in (cookie.get("website"), _duration(cookie)) if p and p != "—"]
    row = f"• *{escape(str(cookie.get('name', '')))}*"
    return row + (" — " + escape(" · ".join(parts)) if parts else "")


def more_line(left_out: int, see_all: str | None) -> str:
    line = f"… and {left_out} more"
    if see_all:
        line += f" — run `{escape(see_all)}` to see all"
    return line


def list_lines(answer: Answer) -> list[str]:
    """A list answer as mrkdwn lines: its heading, the first rows, and how to see the rest."""
    cookies = [s for s in answer.sources if s.get("type") == "cookie"]
    text_lines = [line for line in answer.text.strip().splitlines() if line.strip()]
    if cookies:                                  # rows from the structured sources, not the prose
        heading = [escape(text_lines[0])] if text_lines else []
        rows = [list_row(c) for c in cookies]
    else:
        heading, rows = [], [escape(line) for line in text_lines]
    budget = MAX_SECTION_CHARS - 200             # room for the "… and N more" line
    shown: list[str] = []
    used = sum(len(h) + 1 for h in heading)
    for row in rows[:MAX_LIST_ROWS]:
        if used + len(row) + 1 > budget:
            break
        shown.append(row)
        used += len(row) + 1
    lines = heading + shown
    if len(shown) < len(rows):
        lines.append(more_line(len(rows) - len(shown), answer.see_all))
    return lines


def answer_lines(answer: Answer) -> list[str]:
    """The body of the answer as escaped mrkdwn lines, fitting one section."""
    if answer.kind == "list":
        return list_lines(answer)
    return [clip(escape(answer.text.strip()) or "I have no answer to that.", MAX_SECTION_CHARS)]


# --- the message ----------------------------------------------------------------------------

def answer_message(answer: Answer, *, ephemeral: bool = False, asked_by: str | None = None,
                   question: str | None = None) -> dict[str, Any]:
    """`{"text", "blocks"}` for chat.postMessage, chat.postEphemeral or a response_url.

    `ephemeral` adds the "Share in channel" button; `asked_by` (a user id) and `question` add a
    context line saying who asked what (for answers that are not in reply to the question).
    """
    question = answer.question if question is None else question
    body = "\n".join(answer_lines(answer))
    blocks: list[dict[str, Any]] = []
    if question and (asked_by or ephemeral):
        who = f"<@{asked_by}> asked" if asked_by else "You asked"
        blocks.append(context(f"{who}: _{clip(escape(question), 500)}_"))
    blocks.append(section(body))
    if answer.kind in ("cookie", "attribute"):
        cookies = [s for s in answer.sources if s.get("type") == "cookie"]
        blocks.extend(cookie_card(c) for c in cookies[:MAX_COOKIE_CARDS])
    cited = citation(answer)
    if cited and answer.answered:
        blocks.append(context(cited))
    suggestions = [s for s in answer.suggestions if s and s.strip()][:MAX_SUGGESTIONS]
    if suggestions:
        label = "Did you mean:" if answer.answered else "Try asking:"
        blocks.append(context(label))
        blocks.append({"type": "actions", "block_id": "policybot_suggestions",
                       "elements": [button(s, f"{SUGGEST}_{i}", s) for i, s in enumerate(suggestions)]})
    if answer.kind != "error":
        value = (question or "")[:MAX_VALUE_CHARS]
        elements = []
        if ephemeral:
            elements.append(button("Share in channel", SHARE, value, style="primary"))
        elements += [button("👍", FEEDBACK_UP, value), button("👎", FEEDBACK_DOWN, value)]
        blocks.append({"type": "actions", "block_id": "policybot_actions", "elements": elements})
    return {"text": clip(body, MAX_TEXT_CHARS), "blocks": blocks[:MAX_BLOCKS]}


def usage_message() -> dict[str, Any]:
    """The reply to `/policy` with no question (and to a bare mention)."""
    return {"text": USAGE, "blocks": [section(USAGE)]}


def notice_message(text: str) -> dict[str, Any]:
    """A one-line reply of our own wording (escaped anyway)."""
    safe = escape(text)
    return {"text": safe, "blocks": [section(safe)]}
