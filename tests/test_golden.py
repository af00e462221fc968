"""Golden files: each fixture pair's whole JSON result and its hand-checked alignment.

``expected.json`` is the byte-for-byte output (regenerate deliberately with
``pytest tests/test_golden.py --update-golden`` and review the diff). ``alignment.txt`` was
checked by hand, one entry a line: ``op LEFT->RIGHT [moved]`` with clause indices; it holds on
its own, so a regenerated golden file cannot quietly bless a wrong alignment.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from diffsvc import compare
from diffsvc.models import Comparison

FIXTURES = Path(__file__).parent.parent / "fixtures"
CASES = sorted(p.name for p in FIXTURES.iterdir() if (p / "a.txt").exists())


def _result(case: str) -> Comparison:
    d = FIXTURES / case
    return compare(
        (d / "a.txt").read_text(encoding="utf-8"), (d / "b.txt").read_text(encoding="utf-8")
    )


def _alignment_lines(result: Comparison) -> list[str]:
    lines = []
    for e in result.alignment:
        left = ",".join(map(str, e.left))
        right = ",".join(map(str, e.right))
        lines.append(f"{e.op.value} {left}->{right}" + (" moved" if e.moved else ""))
    return lines


def test_there_are_enough_fixtures() -> None:
    assert len(CASES) >= 12


@pytest.mark.parametrize("case", CASES)
def test_golden_json(case: str, request: pytest.FixtureRequest) -> None:
    got = _result(case).model_dump_json(indent=2) + "\n"
    path = FIXTURES / case / "expected.json"
    if request.config.getoption("--update-golden"):
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES)
def test_hand_checked_alignment(case: str) -> None:
    expected = (FIXTURES / case / "alignment.txt").read_text(encoding="utf-8").splitlines()
    assert _alignment_lines(_result(case)) == [line for line in expected if line.strip()]
