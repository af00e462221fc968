"""Pause Python's cyclic garbage collector while the engine builds a result.

Normalising and comparing allocate hundreds of thousands of small objects (clauses, tokens,
spans) that all die by reference counting; none form cycles. The cyclic collector does not know
that: every 700 allocations it scans the young objects, and as the heap grows it rescans all of
it. On two 10,000-clause documents that was a fifth of the time. Pausing it for the duration and
letting it resume afterwards loses nothing: whatever cycles a caller made meanwhile are still
collected then.

When the pause ends, a large result (some 176,000 tracked objects for two 10,000-clause
documents) would all still be young, and the first allocation after it would scan every one of
them: 40-60 ms, to find no cycle. From PROMOTE_FROM young objects they are promoted to the
oldest generation instead, without a scan (``gc.freeze`` then ``gc.unfreeze``, two list
splices). A cycle made meanwhile is then found by the next full collection rather than the next
young one. Callers that freeze objects themselves (a pre-forking server keeping its start-up heap
out of the collector's way) are left alone: with anything frozen, the pause ends without the
promotion. Asking whether anything is frozen walks the frozen objects (13 ms for a served app's
129,000), which is why small results, the service's everyday ones, never ask.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

PROMOTE_FROM = 50_000  # young objects from which a scan (~15 ms) costs more than asking


@contextmanager
def gc_paused() -> Iterator[None]:
    """Disable the cyclic collector inside the block, if it was enabled, and restore it after.

    >>> with gc_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True

    Nested or concurrent uses are safe: only the outermost one that found the collector running
    turns it back on, and a thread that finds it already paused leaves it alone.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if gc.get_count()[0] >= PROMOTE_FROM and gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()  # everything tracked now sits in the oldest generation, unscanned
        gc.enable()
