"""Moved clauses: of equally few, the ones that travelled furthest are flagged, whichever version
is on the left. (That the fewest are flagged is held by test_properties' reference aligner.)"""

from __future__ import annotations

from diffsvc import compare

FILLER = iter(
    [
        "Customs authorities reviewed tariff classification rules.",
        "A youth exchange programme was launched in Perth.",
        "Fisheries inspectors compared catch reporting systems.",
        "Judges from both courts visited the family law registry.",
        "Wildlife trafficking routes through ports were mapped.",
        "Cyber incident hotlines now operate around the clock.",
        "Museum curators returned three bronze artefacts.",
        "Aviation regulators harmonised drone licensing.",
        "Students may apply for language scholarships twice.",
        "Railway engineers tested signalling software jointly.",
    ]
)


def _document(clauses: dict[int, str], size: int) -> str:
    """``size`` paragraphs: the shared ones where ``clauses`` puts them, the rest found in no
    other document."""
    return "\n".join(clauses.get(k) or next(FILLER) for k in range(size))


SHARED = {
    "a": "The parties will strengthen cooperation against transnational crime.",
    "b": "Both sides agreed to exchange liaison officers every year.",
    "c": "The next meeting will be held in the second half of the year.",
}


def test_the_clause_that_travelled_further_is_the_one_moved() -> None:
    # a stands 2nd then 4th (one place further down), b 6th then 2nd (four places up): keeping
    # either in place costs one move, and b travelled further, from either side.
    left = _document({2: SHARED["a"], 5: SHARED["b"], 7: SHARED["c"]}, 8)
    right = _document({3: SHARED["a"], 1: SHARED["b"], 7: SHARED["c"]}, 8)
    for result, side in ((compare(left, right), "left"), (compare(right, left), "right")):
        moved = {
            getattr(result, side).clauses[getattr(e, side)[0]].text
            for e in result.alignment
            if e.moved
        }
        assert moved == {SHARED["b"]}
