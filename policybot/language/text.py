"""Text normalisation shared by the knowledge indexes and the engine: folding, tokens, stems, language."""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from functools import lru_cache

# Slack mentions, broadcasts and links; a "<" never matches past the next "<" (linear time).
_SLACK_LINK = re.compile(r"<([@#!][^<>|]*)(?:\|([^<>]*))?>|<((?:https?|mailto):[^<>|]*)(?:\|([^<>]*))?>")
_EMOJI_CODE = re.compile(r"(?<!\w):[a-z0-9_+-]+:(?!\w)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
_TOKEN = re.compile(r"[a-z0-9]+(?:[._'-][a-z0-9]+)*")
_NOT_ALNUM = re.compile(r"[\W_]+")
_DECIMAL = re.compile(r"\d+\.\d+")
# Fewer than ingest's list on purpose: in a question, "the policy.It says" must still split at the dot.
_DOMAIN_ENDINGS = frozenset("com net org io fr fi co de uk jp eu us ca ai app dev info biz me tv ly example test".split())
_NAME_PARTS = re.compile(r"[^A-Za-z0-9À-ÿ]+")
_SPLIT_NAME = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "«": '"', "»": '"',
                         "\u00a0": " ", "\u202f": " ", "\u2009": " ", "–": "-", "—": "-", "‑": "-"})


def clean_question(text: str) -> str:
    """Strip Slack markup (<@U1>, <!channel>, <http://x|label>), control characters and extra spaces.

    Linear in the length of the text: each emphasis marker is paired with the first closer after it
    through a sorted list of closers (a regex with a lazy `.+?` rescans the rest of the text from every
    opener that has no closer, which is quadratic in `"*a " * n`), and a `<` never scans past the next `<`.
    """
    if "<" in text:
        text = _SLACK_LINK.sub(_slack_label, text)
    for marker in "`*~_":                       # `code`, *bold*, ~strike~, _italic_: keep the words
        if text.count(marker) >= 2:
            text = _unstyle(text, marker)
    if ":" in text:
        text = _EMOJI_CODE.sub(" ", text)       # :wave:, :cookie:
    if not text.isprintable():
        text = _CONTROL.sub(" ", text)
    if not text.isascii() or "`" in text:
        text = text.translate(_QUOTES)
    return " ".join(text.split())


def _slack_label(match: re.Match) -> str:
    """A Slack link keeps its label or its address; a mention or broadcast only its label."""
    if match.group(3):                      # a link: keep its label or its address
        return match.group(4) or match.group(3)
    return match.group(2) or ""             # a mention or a broadcast: keep only a label


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _unstyle(text: str, marker: str) -> str:
    """`*bold*` -> `bold`: an opener not after a word or marker, before a non-space; its closer the first
    marker after a non-space, not before a word or marker, on the same line, with at least one character."""
    at = [i for i, ch in enumerate(text) if ch == marker] if len(text) < 64 else \
        [m.start() for m in re.finditer(re.escape(marker), text)]
    end = len(text)
    closers = [j for j in at if j > 0 and not text[j - 1].isspace()
               and (j + 1 == end or not (_is_word(text[j + 1]) or text[j + 1] == marker))]
    if not closers:
        return text
    newlines = [i for i, ch in enumerate(text) if ch == "\n"] if "\n" in text else []
    pieces, last = [], 0
    for i in at:
        if i < last or (i > 0 and (_is_word(text[i - 1]) or text[i - 1] == marker)):
            continue
        if i + 1 >= end or text[i + 1].isspace():
            continue
        k = bisect_left(closers, i + 2)
        if k == len(closers):
            break                           # no closer after this opener: none after later ones either
        j = closers[k]
        if newlines and bisect_right(newlines, i) < len(newlines) and newlines[bisect_right(newlines, i)] < j:
            continue                        # `.` stops at a line end: not a pair
        pieces += [text[last:i], text[i + 1:j]]
        last = j + 1
    return "".join(pieces) + text[last:] if pieces else text


_COMBINING = dict.fromkeys(c for c in range(0x300, 0x370))   # the accents NFKD splits off Latin letters


def fold(text: str) -> str:
    """Lower-case, accents removed, typographic quotes and spaces made plain: 'Désactiver’' -> "desactiver'"."""
    if text.isascii():
        return text.casefold()
    return unicodedata.normalize("NFKD", text.translate(_QUOTES)).translate(_COMBINING).casefold()


def tokens(text: str) -> list[str]:
    """Folded word tokens; elisions split off ("l'utilisation" -> "l", "utilisation"), dots kept in domains."""
    folded = fold(text).replace("_", " ")
    if "'" not in folded and "-" not in folded and "." not in folded:
        return _TOKEN.findall(folded)           # nothing to split inside a token
    found = []
    for token in _TOKEN.findall(folded):
        if "'" in token:
            found.extend(part for part in token.split("'") if part)
        elif "-" in token:
            found.extend(token.split("-"))
        elif "." in token and not (token.startswith("www.") or token.rsplit(".", 1)[1] in _DOMAIN_ENDINGS
                                   or token.count(".") >= 2 or _DECIMAL.fullmatch(token)):
            found.extend(token.split("."))      # "Web.Pour" splits; "zopim.com", "simpli.fi" and "1.5" are kept
        else:
            found.append(token)
    return found


def compact(text: str) -> str:
    """Only the letters and digits, folded: '_zendesk_session' and 'Zendesk Session' -> 'zendesksession'."""
    if text.isascii() and text.isalnum():
        return text.lower()
    return _NOT_ALNUM.sub("", fold(text))


def name_words(name: str) -> list[str]:
    """The words of a cookie name: '_zendesk_remember_me' -> [zendesk, remember, me], 'homeType' -> [home, type]."""
    return list(_name_words(name))


@lru_cache(maxsize=1 << 18)
def _name_words(name: str) -> tuple[str, ...]:
    words = []
    for part in _NAME_PARTS.split(name):
        words.extend(fold(w) for w in _SPLIT_NAME.findall(part) or [part] if w)
    return tuple(w for w in words if w)


STEM_LANGUAGES = {"en": "english", "fr": "french"}
_STEMMERS: dict[str, object] = {}


def _stemmer(language: str):
    stemmer = _STEMMERS.get(language)
    if stemmer is None:
        import Stemmer                      # PyStemmer: the Snowball algorithms, in C
        stemmer = _STEMMERS[language] = Stemmer.Stemmer(STEM_LANGUAGES.get(language, "english"))
    return stemmer


@lru_cache(maxsize=1 << 17)
def stem(token: str, language: str = "en") -> str:
    """The Snowball stem of a folded word in its language: 'remembers', 'remembering' -> 'rememb';
    'navigateurs', 'navigation' -> 'navig' in French. Numbers and names with digits are kept whole."""
    if not token.isalpha():
        return token
    return _stemmer(language).stemWord(token)


def stem_words(words: list[str], language: str = "en") -> list[str]:
    """The stems of alphabetic words (what `stem` gives each), in one call to the stemmer: for the many words
    of a big knowledge base, which would only churn `stem`'s cache."""
    return _stemmer(language).stemWords(words)




def stems(token: str) -> tuple[str, ...]:
    """The word's stems in every language the engine reads (English first)."""
    return tuple(dict.fromkeys(stem(token, language) for language in STEM_LANGUAGES))


_FRENCH_WORDS = frozenset(fold(w) for w in (
    "le la les un une des du de au aux et est sont ce cette ces qui que quoi quel quelle quels quelles "
    "comment combien pourquoi quand ou où dans sur pour par avec sans pas ne plus moins vous nous votre vos "
    "notre nos leur leurs il elle ils elles on se sa son ses mon ma mes je tu c qu d l j n s y en "
    "est-ce qu'est-ce dure durée sert utilise utilisent utilisé désactiver supprimer bloquer "
    "politique navigateur mise jour jours semaines mois ans an oui cela ça peut peuvent être avoir "
    "quelle quels catégorie site sites".split()
))
_ENGLISH_WORDS = frozenset(
    "the a an and is are was were be been this that these those what which who whom whose how why when "
    "where do does did can could should would will to of in on for with without by from at as it its "
    "you your we our they their i my me not no yes there here about into than more less long last "
    "cookie's use used uses using disable delete block remove browser policy updated update site".split()
)


_ONLY_FRENCH, _ONLY_ENGLISH = _FRENCH_WORDS - _ENGLISH_WORDS, _ENGLISH_WORDS - _FRENCH_WORDS
_ELISION = re.compile(r"\b(?:qu|c|d|l|j|n)['’]")


def detect_language(text: str, words: list[str] | None = None) -> str:
    """'fr' or 'en', from function words and accents; English when the evidence is even."""
    words = tokens(text) if words is None else words
    raw = text.casefold()
    french = len([w for w in words if w in _ONLY_FRENCH])
    english = len([w for w in words if w in _ONLY_ENGLISH])
    if not raw.isascii():
        french += 2 * sum(raw.count(ch) for ch in "éèêàùçâîôûœ")
    if "'" in raw or "’" in raw:
        french += 2 * len(_ELISION.findall(raw))
    return "fr" if french > english else "en"
