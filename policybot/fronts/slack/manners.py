"""Small talk: `help`, greetings and thanks get a short reply of their own instead of an answer."""
from __future__ import annotations

import re
import unicodedata

HELP, GREETING, THANKS = "help", "greeting", "thanks"

_HELP = re.compile(r"^(help|aide|usage|\?|h|what can you do|how do i use (you|this)|comment (ça|ca) marche)$")
_GREETING = re.compile(r"^(hi|hello|hey|hiya|yo|howdy|good (morning|afternoon|evening)|bonjour|bonsoir|salut|"
                       r"coucou)( there| all| everyone| team| policybot)?$")
_THANKS = re.compile(r"^((many )?thanks?( you)?|thank you( so much| very much)?|thx|ty|cheers|merci( beaucoup)?|"
                     r"great|perfect|awesome|ok thanks|parfait)( a lot| policybot)?$")
_FRENCH = re.compile(r"^(aide|comment|bonjour|bonsoir|salut|coucou|merci|parfait)\b")

REPLIES = {
    (GREETING, "en"): "Hi! Ask me anything about the cookie policy, e.g. `what is _zendesk_session`. "
                      "Say `help` for more examples.",
    (GREETING, "fr"): "Bonjour ! Posez-moi une question sur la politique de cookies, par exemple "
                      "`combien de temps dure _zendesk_session ?`. Tapez `help` pour d’autres exemples.",
    (THANKS, "en"): "You’re welcome! 🙂",
    (THANKS, "fr"): "Avec plaisir ! 🙂",
}


def plain(text: str) -> str:
    """Lower case, no accents' variants of punctuation or emoji, single spaces."""
    text = unicodedata.normalize("NFC", text.casefold())
    text = re.sub(r":[a-z0-9_+\-]+:", " ", text)              # Slack emoji codes (:wave:)
    text = re.sub(r"[^\w\s?']", " ", text).replace("?", " ? ")
    return " ".join(text.split()).strip(" '")


def small_talk(text: str) -> str | None:
    """HELP, GREETING, THANKS, or None for a question."""
    words = plain(text)
    if _HELP.match(words) or words.rstrip(" ?") in ("help", "aide"):
        return HELP
    words = words.rstrip(" ?").strip()
    if _GREETING.match(words):
        return GREETING
    if _THANKS.match(words):
        return THANKS
    return None


def language_of(text: str) -> str:
    return "fr" if _FRENCH.match(plain(text)) else "en"


def reply(kind: str, text: str) -> str:
    return REPLIES[(kind, language_of(text))]
