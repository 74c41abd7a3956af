"""A stand-in for the engine in unit tests: real-looking Answers for a few questions, an abstention otherwise."""
from __future__ import annotations

import threading

from policybot.answer import Answer, Citation

ZENDESK_SESSION = {"type": "cookie", "name": "_zendesk_session", "website": "www.zendesk.com",
                   "purpose": "Hold session information for root access applications.",
                   "duration": "Session", "duration_days": None, "session": True,
                   "category": "essential", "category_label": "Essential"}
SECTION_5 = {"type": "section", "number": "5", "title": "Comment désactiver les cookies",
             "excerpt": "En règle générale, vous pouvez activer ou désactiver ultérieurement l’utilisation de cookies…"}


def advertising_cookies(n: int = 25) -> list[dict]:
    return [{"type": "cookie", "name": f"Ad Vendor {i:02d}", "website": f"www.ads{i}.example.com",
             "purpose": "Advertising Vendor.", "duration": "1 an", "duration_days": 365.0, "session": False,
             "category": "advertising", "category_label": "Targeting/Advertising"} for i in range(1, n + 1)]


def follow_up_answer(question: str, name: str) -> Answer:
    return Answer(question=question, answered=True, kind="attribute", confidence=0.9,
                  sources=[{**ZENDESK_SESSION, "name": name}], lead=f"{name} lasts for the session.",
                  text=f"{name} lasts for the session.")


def cookie_answer(question: str) -> Answer:
    return Answer(question=question, answered=True, kind="cookie", confidence=0.97, sources=[ZENDESK_SESSION],
                  lead="_zendesk_session: Hold session information for root access applications.",
                  citations=[Citation("policy", cookie="_zendesk_session", row=1)],
                  text="_zendesk_session: Hold session information for root access applications.\n"
                       "Website: www.zendesk.com · Duration: Session (deleted when the browser closes) · "
                       "Category: Essential")


def list_answer(question: str, n: int = 25) -> Answer:
    rows = advertising_cookies(n)
    text = f"The policy lists {n} targeting/advertising cookies:\n" + "\n".join(
        f"• {c['name']} ({c['website']}; 1 an (1 year); Targeting/Advertising)" for c in rows)
    return Answer(question=question, answered=True, kind="list", confidence=0.9, sources=rows, text=text,
                  see_all={"category": "advertising"}, lead=f"The policy lists {n} targeting/advertising cookies:")


def prose_answer(question: str) -> Answer:
    return Answer(question=question, answered=True, kind="prose", confidence=0.8, sources=[SECTION_5],
                  language="fr", text="En règle générale, vous pouvez activer ou désactiver l’utilisation de "
                  "cookies par le biais d’une fonctionnalité intégrée à votre navigateur Web.\n"
                  "— Section 5, « Comment désactiver les cookies »",
                  suggestions=["which cookies are advertising cookies?"],
                  lead="En règle générale, vous pouvez activer ou désactiver l’utilisation de cookies par le biais "
                       "d’une fonctionnalité intégrée à votre navigateur Web.",
                  citations=[Citation("policy", section="5", title="Comment désactiver les cookies")])


def abstain_answer(question: str) -> Answer:
    return Answer(question=question, answered=False, kind="abstain", confidence=0.1,
                  lead="The policy does not mention “France”.",
                  text="The policy does not mention “France”: it is neither in the cookie table nor in the "
                       "policy’s text.",
                  suggestions=["what is _zendesk_session", "how do I disable cookies?"])


class FakeBot:
    """`.ask` like the engine's; records the questions it was asked (thread-safe)."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.about: list[list[str]] = []
        self._lock = threading.Lock()

    def ask(self, question: str, about: list[str] | tuple = ()) -> Answer:
        with self._lock:
            self.asked.append(question)
            self.about.append(list(about))
        q = question.casefold()
        if about and ("how long" in q or "it" in q.split()):
            return follow_up_answer(question, about[0])
        if not q.strip():
            return Answer(question=question, answered=False, kind="error", text="Please ask a question.")
        if "_zendesk_session" in q:
            return cookie_answer(question)
        if "advertising" in q:
            return list_answer(question)
        if "disable" in q or "désactiver" in q:
            return prose_answer(question)
        return abstain_answer(question)
