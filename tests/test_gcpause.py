"""The engine's collector pause leaves the caller's garbage collection as it found it."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from diffsvc import compare
from diffsvc.engine.gcpause import gc_paused

OLD = "1. The parties will meet.\n2. They will cooperate.\n3. They will review."
NEW = "1. The parties will meet annually.\n2. They will review.\n3. They will cooperate."


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()
    else:
        gc.disable()


def test_a_comparison_leaves_the_collector_running() -> None:
    gc.enable()
    result = compare(OLD, NEW)
    assert gc.isenabled()
    assert result.summary.moved == 1


def test_a_large_result_is_not_left_young_for_the_next_allocation_to_scan() -> None:
    gc.enable()
    gc.collect()
    old = "\n".join(f"{n}. The parties will review item {n} of the plan." for n in range(1, 5001))
    result = compare(old, old.replace("review item 7 ", "examine item 7 "))
    # Promoted straight to the oldest generation; a young scan would have moved it to the middle.
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert id(result.alignment[0]) in oldest
    assert id(result.left.clauses[-1]) in oldest
    assert result.summary.modified == 1


def test_a_collector_the_caller_turned_off_stays_off() -> None:
    gc.disable()
    compare(OLD, NEW)
    assert not gc.isenabled()


class _Node:
    other: object = None


def test_a_cycle_made_during_the_pause_is_still_collected() -> None:
    gc.enable()
    with gc_paused():
        node = _Node()
        node.other = node
        probe = weakref.ref(node)
        del node
    assert probe() is not None  # only the cyclic collector can free it
    gc.collect()
    assert probe() is None


def test_objects_the_caller_froze_stay_frozen() -> None:
    gc.enable()
    gc.freeze()
    frozen = gc.get_freeze_count()
    compare(OLD, NEW)
    assert gc.get_freeze_count() == frozen
    assert gc.isenabled()
