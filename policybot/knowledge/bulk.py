"""The garbage collector paused while a big structure is made (a 100,000-row table, the engine's index).

Such a structure is millions of small objects that form no garbage cycles; with the collector running,
every few thousand allocations it walks all of them again (most of the time of a cold start at 100,000
rows). Pausing nests: only the outermost pause turns the collector back on.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def resume_collector() -> None:
    """Turn the collector back on after loading what lives as long as the process (an engine from the cache),
    with it out of the collector's sight (`gc.freeze`): it all counts as new, so the first allocation after a
    plain `gc.enable` would walk those millions of objects (half a second at 100,000 rows). Not for a build,
    whose garbage cycles must still be collected: frozen objects are freed only when their last reference goes."""
    if hasattr(gc, "freeze"):
        gc.freeze()
    gc.enable()
