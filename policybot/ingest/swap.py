"""Replacing a knowledge folder as one unit: a lock per folder, staging folders beside it, one atomic
exchange of the staging folder with the old one, and the sweeping of folders a killed build left behind."""
from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

_RENAME_EXCHANGE = 2          # linux/fs.h: swap two paths atomically
_AT_FDCWD = -100
_STAGING = ".{name}.staging-"


def staging_prefix(out: Path) -> str:
    return _STAGING.format(name=out.name)


@contextmanager
def folder_lock(out: Path) -> Iterator[None]:
    """Hold the build lock of `out`: an exclusive flock on the folder that holds it (which outlives every
    swap of `out` and leaves no lock file behind), so builds into one folder run one at a time."""
    fd = os.open(out.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)              # closing releases the lock, also when the process is killed


def sweep_stale_staging(out: Path) -> int:
    """Remove staging folders of `out` that earlier builds left (killed ones). Call with the lock held:
    then no other build of `out` is running, so every such folder is stale. Returns how many."""
    removed = 0
    for path in out.parent.glob(staging_prefix(out) + "*"):
        shutil.rmtree(path, ignore_errors=True)
        removed += 1
    return removed


def new_staging(out: Path) -> Path:
    """A fresh, empty staging folder beside `out` (same file system, so the swap is a rename)."""
    return Path(tempfile.mkdtemp(prefix=staging_prefix(out) + f"{os.getpid()}-", dir=out.parent))


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where it is not available."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    try:
        libc = ctypes.CDLL(libc_name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    if ctypes.get_errno() in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))


def swap_in(staging: Path, out: Path) -> None:
    """Make `staging` the folder `out` in one step; the old folder ends up at `staging` (to delete)."""
    if not out.exists():
        os.rename(staging, out)
        staging.mkdir()           # so the caller's cleanup has the same shape either way
        return
    if _exchange(staging, out):
        return
    old = staging.with_name(staging.name + "-old")       # no exchange: two renames, a moment with no folder
    os.rename(out, old)
    os.rename(staging, out)
    os.rename(old, staging)
