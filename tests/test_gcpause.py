"""The engine's collector pause leaves the caller's garbage collection as it found it."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from diffsvc import compare
from diffsvc.gcpause import gc_paused

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


def test_a_comparison_leaves_the_collector_running_and_no_backlog() -> None:
    gc.enable()
    gc.collect()
    result = compare(OLD, NEW)
    assert gc.isenabled()
    # The result's objects were promoted, not left young for the next allocation to scan.
    assert gc.get_count()[0] < 50
    assert result.summary.moved == 1


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
