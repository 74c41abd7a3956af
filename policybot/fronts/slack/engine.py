"""The engine behind the Slack app: loaded on first use, asked without ever raising, and reloaded
when its knowledge folder is rebuilt.

Between questions (at most every `RELOAD_CHECK_EVERY` seconds) the folder's YAML files are
stat'ed; when their names, sizes or times change, one background thread loads the new engine while
every request keeps using the old one, and the new one is swapped in whole. A rebuild that does not
load keeps the old engine and logs why (once per rebuild). Each gunicorn worker checks for itself.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path
from typing import Any, Iterable

from ...answer import Answer

log = logging.getLogger("policybot.slack")

RELOAD_CHECK_EVERY = 1.0        # seconds between looks at the knowledge folder
ERROR_TEXT = "Sorry, something went wrong while answering. Please try again later."


def fingerprint(folder: Path) -> tuple:
    """What changes when `policybot build` (or an edit) rewrites the knowledge folder."""
    try:
        return tuple(sorted((e.name, e.stat().st_mtime_ns, e.stat().st_size) for e in os.scandir(folder)
                            if e.name.endswith(".yaml") and e.is_file()))
    except OSError:
        return ()


def edition(bot: Any) -> str:
    """'Zendesk Cookie Policy, effective January 25, 2019 (no longer in effect since 2019-12-02)', or ''."""
    meta = getattr(getattr(bot, "kb", None), "metadata", None)
    if meta is None:
        return ""
    text = str(getattr(meta, "title", "") or "")
    if getattr(meta, "effective_on", None):
        text += f", effective {meta.effective_on}"
    if getattr(meta, "in_effect", True) is False and getattr(meta, "superseded_on", None):
        text += f" (no longer in effect since {meta.superseded_on})"
    return text


class Engine:
    """`engine.ask(question, about=[...]) -> Answer` over the current bot; never raises."""

    def __init__(self, bot: Any = None, knowledge: Any = None, *, watch: bool | None = None,
                 check_every: float = RELOAD_CHECK_EVERY):
        self._bot = bot
        self._knowledge = knowledge
        self._lock = threading.Lock()
        self._check_every = check_every
        self._next_check = 0.0
        self._loading = False
        self.reloads = 0
        self.watch = (bot is None or knowledge is not None) if watch is None else watch
        self._folder: Path | None = None
        self._seen: tuple = ()
        if self.watch:
            from ...knowledge import knowledge_dir
            self._folder = knowledge_dir(knowledge)
            self._seen = fingerprint(self._folder)

    @property
    def bot(self) -> Any:
        if self._bot is None:
            with self._lock:
                if self._bot is None:
                    from ... import load                     # the engine, only when first needed
                    self._bot = load(self._knowledge)
        return self._bot

    @property
    def edition(self) -> str:
        return edition(self.bot)

    def ask(self, question: str, about: Iterable[str] = ()) -> Answer:
        self.check_for_rebuild()
        about = list(about)
        try:
            bot = self.bot
            return bot.ask(question, about=about) if about else bot.ask(question)
        except Exception:                                   # noqa: BLE001 — Slack must get a reply
            log.exception("policybot: the engine failed on a question")
            return Answer(question=question, answered=False, kind="error", text=ERROR_TEXT, lead=ERROR_TEXT)

    # --- hot reload ---------------------------------------------------------------------------------

    def check_for_rebuild(self) -> None:
        """Start loading the rebuilt knowledge in the background if the folder changed (cheap otherwise)."""
        if not self.watch or self._folder is None:
            return
        now = time.monotonic()
        if now < self._next_check or self._loading:
            return
        with self._lock:
            if now < self._next_check or self._loading:
                return
            self._next_check = now + self._check_every
            current = fingerprint(self._folder)
            if current == self._seen or not current:
                return
            self._seen, self._loading = current, True
        threading.Thread(target=self._reload, name="policybot-reload", daemon=True).start()

    def _reload(self) -> None:
        from ... import load
        try:
            bot = load(self._folder)
        except Exception as error:                          # noqa: BLE001 — keep serving the old edition
            log.warning("policybot: the rebuilt knowledge in %s does not load (%s); keeping the one in use",
                        self._folder, str(error).splitlines()[0] if str(error) else type(error).__name__)
        else:
            self._bot = bot
            self.reloads += 1
            log.info("policybot: reloaded the knowledge from %s (%s)", self._folder, edition(bot) or "no title")
        finally:
            self._loading = False
