"""A per-user cache of built engines, so a one-shot `policybot ask` skips parsing YAML and indexing.

Engines: an entry is keyed by a content hash of every file of the knowledge folder, the folder's path, and
the content of policybot's own code and data, so any edit (even one restored with `cp -p` or
`rsync -t`, which keep sizes and times) builds afresh. The cache lives in $XDG_CACHE_HOME/policybot
(~/.cache/policybot) and keeps the MAX_ENTRIES engines used last, so switching between knowledge
bases does not rebuild each time. Big YAML files (a 100,000-row cookie table) are also kept parsed,
keyed by their text (`cached_parse`): a build loads what it wrote, so the first answer after it skips
parsing, and editing a small hand-kept file does not re-parse the table. POLICYBOT_CACHE=off turns both off.

Unpickling runs code, so nothing is loaded that another user could have written: the folder is
created 0700 and used only when it is owned by the current user and writable by no one else (a
folder that is not is made private, or skipped), and an entry is read only when it is a regular file
owned by the current user and writable by no one else. An entry carries a header (format, key); a
file that is unexpected in any way (foreign, truncated, another format or key, not what was stored)
is discarded and rebuilt, never a traceback. It is only ever a shortcut: errors in the knowledge base
surface exactly as without it, because a changed file is a miss and is loaded and validated again.
"""
from __future__ import annotations

import gc
import os
import pickle
import stat
from pathlib import Path
from typing import Callable, TypeVar

from .. import __version__
from .bulk import resume_collector

T = TypeVar("T")
FORMAT = 2                      # of the entries: bump when the header or layout changes
MAX_ENTRIES = 8                 # engines kept: the ones used last
PRIVATE_DIR = 0o700
NOT_OURS = stat.S_IWGRP | stat.S_IWOTH          # writable by someone else: never trusted
CODE_SUFFIXES = (".py", ".yaml")                # policybot's code and its language data
PREFIX, SUFFIX = "engine-", ".pickle"
DATA_PREFIX = "data-"           # parsed YAML tables, keyed by their text
DATA_MIN_CHARS = 1 << 20        # smaller files parse faster than a cache entry is checked
_CHUNK = 1 << 20


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "policybot"


def enabled() -> bool:
    return os.environ.get("POLICYBOT_CACHE", "").strip().lower() not in ("off", "0", "no", "false")


def _hasher():
    try:                        # _blake2 alone: hashlib would also load OpenSSL, slower to import
        from _blake2 import blake2b
    except ImportError:         # pragma: no cover
        from hashlib import blake2b
    return blake2b(digest_size=16)


def _feed(digest, path: Path) -> None:
    digest.update(f"\0{path.name}\0".encode("utf-8", "surrogateescape"))
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)


def _code_files() -> list[Path]:
    package = Path(__file__).resolve().parent.parent
    return sorted(p for p in package.rglob("*") if p.suffix in CODE_SUFFIXES and "__pycache__" not in p.parts
                  and "knowledge_data" not in p.parts)


def fingerprint(folder: Path, as_folder: Path | None = None) -> str | None:
    """A content hash of the knowledge files, the folder's path and policybot's code; None if unreadable.
    `as_folder`: the path to key by when the files are read from elsewhere (a build's staging folder, before
    it becomes `as_folder`)."""
    try:
        digest = _hasher()
        where = (as_folder or folder).resolve()
        digest.update(f"{FORMAT}\0{__version__}\0{where}\0".encode("utf-8", "surrogateescape"))
        for path in sorted(p for p in folder.iterdir() if p.is_file()):
            _feed(digest, path)
        digest.update(b"\0code")
        for path in _code_files():
            _feed(digest, path)
    except OSError:
        return None
    return digest.hexdigest()


def _private_folder(folder: Path) -> bool:
    """Make sure `folder` exists, is ours and is writable by no one else (0700 when we create it)."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        try:
            folder.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:
            pass
        status = os.lstat(folder)
        if not stat.S_ISDIR(status.st_mode) or status.st_uid != os.geteuid():
            return False
        if status.st_mode & 0o077:
            os.chmod(folder, PRIVATE_DIR)
        return True
    except OSError:
        return False


def _trusted_file(handle) -> bool:
    status = os.fstat(handle.fileno())
    return (stat.S_ISREG(status.st_mode) and status.st_uid == os.geteuid()
            and not status.st_mode & NOT_OURS)


def _load(path: Path, key: str):
    """The entry's value, or None when it is missing or anything about it is unexpected (then removed)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        if not _trusted_file(handle):
            return None                       # someone else's file: neither read nor touched
        was_enabled = gc.isenabled()
        gc.disable()                          # millions of small objects: no collections while they come in
        try:
            entry = pickle.load(handle)
        except Exception:                     # noqa: BLE001 - truncated, garbage, from another Python
            entry = None
        finally:
            if was_enabled:
                resume_collector()
    if isinstance(entry, tuple) and len(entry) == 3 and entry[:2] == (FORMAT, key):
        try:
            os.utime(path)                    # used now: kept longest
        except OSError:
            pass
        return entry
    _remove(path)
    return None


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def _store(folder: Path, path: Path, key: str, value: object, prefix: str = PREFIX) -> None:
    import tempfile
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")   # 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            was_enabled = gc.isenabled()
            gc.disable()
            try:
                pickle.dump((FORMAT, key, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
            finally:
                if was_enabled:
                    gc.enable()
        os.replace(temporary, path)
    except BaseException:
        _remove(Path(temporary))
        raise
    entries = sorted(folder.glob(f"{prefix}*{SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[MAX_ENTRIES:]:
        _remove(old)


def cached(folder: Path, build: Callable[[], T]) -> T:
    """`build()`'s result for this knowledge folder, from the cache when an entry for its content exists."""
    from .bulk import gc_paused
    key = fingerprint(folder) if enabled() else None
    if key is None:
        with gc_paused():
            return build()
    where = cache_dir()
    private = _private_folder(where)
    path = where / f"{PREFIX}{key}{SUFFIX}"
    entry = _load(path, key) if private else None
    if entry is not None:
        _settle()
        return entry[2]
    with gc_paused():                   # reading the knowledge and indexing it: millions of objects, no cycles
        value = build()
    if private:
        try:
            _store(where, path, key, value)
        except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
            pass
    _settle()
    return value


def remember(key: str | None, value: object) -> None:
    """Keep `value` as the engine of the knowledge whose `fingerprint` is `key`, as `cached` would have after
    building it: `build` hands over the engine it built to check its result, so the first answer after a build
    does not build it again. Same folder and file rules as every entry; never raises."""
    if key is None or not enabled():
        return
    where = cache_dir()
    if not _private_folder(where):
        return
    try:
        _store(where, where / f"{PREFIX}{key}{SUFFIX}", key, value)
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        pass


def _settle() -> None:
    """Move the engine just loaded out of the garbage collector's sight: it lives as long as the process,
    and otherwise the next collections would walk its millions of objects once more (seconds at 100k rows)."""
    if hasattr(gc, "freeze"):
        gc.freeze()


def cached_parse(text: str, parse: Callable[[str], T], flavour: str = "") -> T:
    """`parse(text)` for a big knowledge file, from the cache when the same text was parsed before.

    Keyed by the text itself (and `flavour`, e.g. the parser's version), so a build, which loads what it
    wrote, leaves the first answer a cache hit, and an edit to a small hand-kept file does not re-parse a
    big table beside it. Same safety rules as the engine entries."""
    if len(text) < DATA_MIN_CHARS or not enabled():
        return parse(text)
    digest = _hasher()
    digest.update(f"{FORMAT}\0{flavour}\0".encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    key = digest.hexdigest()
    where = cache_dir()
    private = _private_folder(where)
    path = where / f"{DATA_PREFIX}{key}{SUFFIX}"
    entry = _load(path, key) if private else None
    if entry is not None:
        return entry[2]
    value = parse(text)
    if private:
        try:
            _store(where, path, key, value, DATA_PREFIX)
        except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
            pass
    return value
