"""Alignment at scale: the pruned candidate path agrees with the dense one, and budgets hold."""

from __future__ import annotations

import time

import pytest

from diffsvc import compare, errors
from diffsvc.engine.align import candidates
from diffsvc.models import Op


def _statement(n: int, seed: int) -> list[str]:
    return [
        f"{k + 1}. The parties will strengthen cooperation on matter {k * seed % 997} "
        f"in the field of area {k} and review it annually."
        for k in range(n)
    ]


def test_sparse_candidates_give_the_same_alignment_as_the_dense_matrix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    left = _statement(120, 7)
    right = [line.replace("annually", "every year") for line in left]
    right.insert(30, right.pop(90))
    dense = compare("\n".join(left), "\n".join(right))
    monkeypatch.setattr(candidates, "DENSE_LIMIT", 0)
    sparse = compare("\n".join(left), "\n".join(right))
    assert [(e.op, e.left, e.right, e.moved) for e in sparse.alignment] == [
        (e.op, e.left, e.right, e.moved) for e in dense.alignment
    ]
    assert {e.op for e in dense.alignment} == {Op.modified}
    assert sum(e.moved for e in dense.alignment) == 1


def test_too_many_clauses_is_refused() -> None:
    with pytest.raises(errors.TooManyClauses):
        compare("\n".join(_statement(50, 3)), "1. One.", max_clauses=10)


def test_a_passed_deadline_abandons_the_comparison() -> None:
    with pytest.raises(errors.TimeBudgetExceeded):
        compare("\n".join(_statement(50, 3)), "1. One.", deadline=time.monotonic() - 1)


def test_empty_side_is_a_clear_input_error() -> None:
    with pytest.raises(errors.EmptyInput):
        compare("  \n ", "1. One.")
