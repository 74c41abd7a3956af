"""A per-user cache of the built engine, so a one-shot `policybot ask` skips parsing YAML and indexing.

The key covers every knowledge file (name, size, modification time), the folder, and policybot's own
code (version and modification times), so a change to any of them builds afresh. The cache lives in
$XDG_CACHE_HOME/policybot (~/.cache/policybot); POLICYBOT_CACHE=off turns it off. It is only ever a
shortcut: a cache that cannot be read or written is ignored, and errors in the knowledge base surface
exactly as without it, because a changed file is a cache miss and is loaded and validated again.
"""
from __future__ import annotations

import os
import pickle
import zlib
from pathlib import Path
from typing import Callable, TypeVar

from .. import __version__

T = TypeVar("T")
FORMAT = 1


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "policybot"


def enabled() -> bool:
    return os.environ.get("POLICYBOT_CACHE", "").strip().lower() not in ("off", "0", "no", "false")


def fingerprint(folder: Path) -> str | None:
    """A digest of the knowledge files and the code that builds from them; None if unreadable."""
    try:
        parts = [str(FORMAT), __version__, str(folder.resolve())]
        for path in sorted(folder.glob("*.yaml")) + sorted(Path(__file__).parent.parent.rglob("*.py")):
            status = path.stat()
            parts.append(f"{path.name}:{status.st_size}:{status.st_mtime_ns}")
    except OSError:
        return None
    digest = "\n".join(parts).encode()
    return f"{zlib.crc32(digest):08x}{zlib.adler32(digest):08x}"   # zlib, not hashlib: cheaper to import


def cached(folder: Path, build: Callable[[], T]) -> T:
    """`build()`'s result for this knowledge folder, from the cache when it is fresh."""
    key = fingerprint(folder) if enabled() else None
    if key is None:
        return build()
    path = cache_dir() / f"engine-{key}.pickle"
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except Exception:       # missing, truncated, from another Python: rebuild  # noqa: BLE001
        pass
    value = build()
    try:
        import tempfile
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob("engine-*.pickle"):
            stale.unlink(missing_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        pass
    return value
