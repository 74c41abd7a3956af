"""What every store offers, the records it keeps, and where it lives (POLICYBOT_DATABASE_URL)."""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

DATABASE_URL_VARIABLE = "POLICYBOT_DATABASE_URL"
LOG_USERS_VARIABLE = "POLICYBOT_LOG_USER_IDS"     # "1": the question log keeps who asked (off by default)
DEFAULT_FILE_NAME = "policybot.sqlite3"
DEDUPE_TTL = 15 * 60                  # seconds an event, command or click id is remembered (Slack retries within ~5 min)
CONVERSATION_TTL = 24 * 60 * 60       # a thread's follow-ups refer back to its cookie for a day
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


class StoreError(Exception):
    """The store cannot be opened or used (the service degrades to memory; `report` exits with a message)."""


@dataclass(frozen=True)
class QuestionRecord:
    """One question asked and its outcome. No user id unless POLICYBOT_LOG_USER_IDS=1."""
    answer_id: str
    asked_at: float
    front: str                # "slack" or "terminal"
    question: str
    answered: bool
    kind: str
    confidence: float
    language: str = "en"
    user_id: str | None = None

    @property
    def normalised(self) -> str:
        return normalise(self.question)


@dataclass(frozen=True)
class Vote:
    answer_id: str
    vote: int                 # +1 or -1
    voted_at: float


@dataclass(frozen=True)
class GivenUp:
    """Something the service accepted and could not do (an answer not posted after its retries, say)."""
    at: float
    what: str
    reason: str


class Store:
    """The interface of every backend (all methods thread-safe)."""

    description = "store"

    def first_time(self, key: str, ttl: float = DEDUPE_TTL) -> bool:
        """Remember `key`; True if it is new (or its memory expired), False if seen within `ttl` seconds."""
        raise NotImplementedError

    def forget(self, key: str) -> None:
        """Drop `key`, so a redelivery is handled again (after an answer could not be posted)."""
        raise NotImplementedError

    def about(self, thread: str, ttl: float = CONVERSATION_TTL) -> list[str]:
        """The cookies a thread's conversation is about (empty when unknown or older than `ttl`)."""
        raise NotImplementedError

    def remember(self, thread: str, about: list[str]) -> None:
        raise NotImplementedError

    def log_question(self, record: QuestionRecord) -> None:
        raise NotImplementedError

    def vote(self, answer_id: str, voter: str, vote: int, at: float) -> int | None:
        """Record `voter`'s vote on an answer (one per voter, changeable); the vote it replaces, if any."""
        raise NotImplementedError

    def log_given_up(self, item: GivenUp) -> None:
        raise NotImplementedError

    def questions_since(self, since: float) -> list[QuestionRecord]:
        raise NotImplementedError

    def votes_since(self, since: float) -> list[Vote]:
        raise NotImplementedError

    def given_up_since(self, since: float) -> list[GivenUp]:
        raise NotImplementedError

    def close(self) -> None:
        pass


def normalise(question: str) -> str:
    """The form questions are grouped by in the report: case, accents, punctuation and spacing folded."""
    text = unicodedata.normalize("NFKD", question.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def voter_id(user_id: str, team_id: str = "") -> str:
    """A pseudonym for a voter: enough to keep one vote per person per answer, not their Slack id."""
    return hashlib.sha256(f"policybot-voter:{team_id}:{user_id}".encode()).hexdigest()[:24]


def log_user_ids(environ: Mapping[str, str] | None = None) -> bool:
    environ = os.environ if environ is None else environ
    return (environ.get(LOG_USERS_VARIABLE) or "").strip().lower() in ("1", "true", "yes")


def state_folder(environ: Mapping[str, str] | None = None) -> Path:
    """$XDG_STATE_HOME/policybot, else ~/.local/state/policybot."""
    environ = os.environ if environ is None else environ
    base = environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "policybot"


def store_url(environ: Mapping[str, str] | None = None) -> str:
    """POLICYBOT_DATABASE_URL, else `sqlite:///` + the user's state folder's file."""
    environ = os.environ if environ is None else environ
    url = (environ.get(DATABASE_URL_VARIABLE) or "").strip()
    return url or "sqlite:///" + str(state_folder(environ) / DEFAULT_FILE_NAME)


def describe(url: str) -> str:
    """The URL without its password, for messages and logs."""
    return re.sub(r"(//[^:/@]*:)[^@]*@", r"\1***@", url)


def open_backend(url: str | None = None) -> Store:
    """Open (and create or migrate) the store named by `url`; StoreError with a one-line reason if it cannot."""
    url = url or store_url()
    if url.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore
        return PostgresStore(url)
    if url.startswith("sqlite:///"):
        from .sqlite import SQLiteStore
        return SQLiteStore(url[len("sqlite:///"):] if not url.startswith("sqlite:////") else url[len("sqlite:///"):])
    raise StoreError(f"{DATABASE_URL_VARIABLE} must start with postgresql:// or sqlite:///, not {describe(url)!r}")
