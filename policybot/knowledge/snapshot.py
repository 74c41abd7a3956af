"""Reading a knowledge folder as one edition while a build may swap it for another.

`policybot build` replaces a knowledge folder by exchanging it with a fully written staging folder in one
rename. A reader that opened the old folder keeps reading the old folder's files through a directory handle
(on Linux, `/proc/self/fd/N`), so it never mixes files of two editions; if the old folder is deleted under
it, `moved()` says so and the caller reads again.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

_FD_ROOT = Path("/proc/self/fd")


@contextmanager
def pinned_folder(path: Path) -> Iterator[tuple[Path, Callable[[], bool]]]:
    """(a path that reads `path`'s current folder whatever is renamed meanwhile, moved(): was it swapped?)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        yield path, lambda: False
        return
    try:
        pinned_inode = os.fstat(fd).st_ino

        def moved() -> bool:
            try:
                return os.stat(path).st_ino != pinned_inode
            except OSError:
                return True

        root = _FD_ROOT / str(fd)
        yield (root if root.is_dir() else path), moved
    finally:
        os.close(fd)
