"""Properties of compare that hold for any input (hypothesis), and a naive reference aligner."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from diffsvc import compare, errors, normalize
from diffsvc.models import Comparison, Op

WORDS = [
    "cooperation",
    "security",
    "will",
    "establish",
    "explore",
    "parties",
    "annual",
    "合作",
    "加强",
    "建立",
    "探索",
    "执法",
    "双方",
    "2023",
    "年",
    "網絡",
    "(a)",
    "1.",
]
clause = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)
document = st.lists(clause, min_size=1, max_size=12).map("\n".join)
SWAP = {Op.added: Op.removed, Op.removed: Op.added, Op.split: Op.merged, Op.merged: Op.split}
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _sides_rebuilt(result: Comparison) -> bool:
    for e in result.alignment:
        left = "\n".join(result.left.clauses[i].text for i in e.left)
        right = "\n".join(result.right.clauses[j].text for j in e.right)
        if "".join(s.left for s in e.spans) != left or "".join(s.right for s in e.spans) != right:
            return False
    return True


@FAST
@given(document)
def test_same_input_twice_is_all_unchanged(text: str) -> None:
    result = compare(text, text)
    assert {e.op for e in result.alignment} == {Op.unchanged}
    assert not any(e.moved for e in result.alignment)


@FAST
@given(document, document)
def test_every_clause_appears_in_exactly_one_entry(a: str, b: str) -> None:
    result = compare(a, b)
    lefts = sorted(i for e in result.alignment for i in e.left)
    rights = sorted(j for e in result.alignment for j in e.right)
    assert lefts == list(range(len(result.left.clauses)))
    assert rights == list(range(len(result.right.clauses)))


@FAST
@given(document, document)
def test_spans_rebuild_both_sides(a: str, b: str) -> None:
    assert _sides_rebuilt(compare(a, b))


@FAST
@given(document, document)
# Two crossing pairs tie for the longest chain of anchors; each direction once took its own.
@example("合作\n合作 加强\n合作 合作 cooperation", "加强\n合作 合作 cooperation\n合作")
@example(
    "合作 合作\ncooperation\n合作\nwill 合作 will 合作 will 合作 合作 合作",
    "will 合作 will 合作 will 合作 合作 合作\n"
    "cooperation cooperation cooperation cooperation\n合作 合作 合作",
)
# Two clauses of equal role evidence with a third: the matching's reading order once chose.
@example(
    "cooperation\n2023",
    "cooperation cooperation cooperation\n年 cooperation cooperation cooperation",
)
def test_swapping_sides_swaps_added_removed_and_split_merged(a: str, b: str) -> None:
    forward, backward = compare(a, b), compare(b, a)
    there = sorted((e.left, e.right, SWAP.get(e.op, e.op)) for e in forward.alignment)
    back = sorted((e.right, e.left, e.op) for e in backward.alignment)
    assert there == back


@FAST
@given(document, document)
def test_output_is_byte_for_byte_deterministic(a: str, b: str) -> None:
    assert compare(a, b).model_dump_json() == compare(a, b).model_dump_json()


@FAST
@given(document)
# Eight short paragraphs written out a blank line apart once read as a double-spaced page's
# lines, and ran "合作 cooperation…" into "2023 cooperation…".
@example(
    "合作\ncooperation cooperation cooperation cooperation\n"
    "合作 cooperation cooperation cooperation\n2023\ncooperation cooperation cooperation\n"
    "合作\ncooperation cooperation cooperation cooperation\n合作\ncooperation\n合作"
)
def test_normalizing_twice_changes_nothing(text: str) -> None:
    once = normalize(text)
    # A Document written back out, one clause a paragraph, normalises to itself.
    written = "\n\n".join((c.label + " " if c.label else "") + c.text for c in once.clauses)
    again = normalize(written)
    assert [(c.label, c.text, c.normalized) for c in again.clauses] == [
        (c.label, c.text, c.normalized) for c in once.clauses
    ]


@settings(max_examples=150, deadline=None)
@given(st.text(), st.text())
def test_any_unicode_raises_only_the_documented_input_error(a: str, b: str) -> None:
    try:
        result = compare(a, b)
    except errors.EmptyInput:
        return
    assert _sides_rebuilt(result)
    result.model_dump_json()


def test_pathological_inputs_compare_or_fail_cleanly() -> None:
    cases = [
        "\ud800 lone surrogate \udfff",
        "\u05e9\u05dc\u05d5\u05dd RTL \u202e override",
        "e\u0301\u0301\u0301 combining marks",
        "a" * 1_000_000,
        "中" * 200_000,
        "word " * 50_000,
    ]
    for text in cases:
        result = compare(text, text + " changed")
        assert _sides_rebuilt(result)
        result.model_dump_json()


def _reference_moves(order: list[int]) -> int:
    """Fewest moved clauses by O(n^2) longest increasing subsequence."""
    best = [1] * len(order)
    for k in range(len(order)):
        for m in range(k):
            if order[m] < order[k]:
                best[k] = max(best[k], best[m] + 1)
    return len(order) - max(best, default=0)


def test_reordering_agrees_with_a_naive_reference_aligner() -> None:
    rng = random.Random(7)
    clauses = [
        f"The parties will cooperate on topic number {n} in area {n * 7}." for n in range(40)
    ]
    for _ in range(25):
        kept = [c for c in clauses if rng.random() > 0.15]
        new = kept[:]
        for _ in range(rng.randint(0, 6)):
            item = new.pop(rng.randrange(len(new)))
            new.insert(rng.randrange(len(new) + 1), item)
        new += [f"An entirely new clause about subject {rng.random()}." for _ in range(2)]
        result = compare("\n".join(clauses), "\n".join(new))
        expected_pairs = {(clauses.index(c), j) for j, c in enumerate(new) if c in clauses}
        got_pairs = {(e.left[0], e.right[0]) for e in result.alignment if e.op == Op.unchanged}
        assert got_pairs == expected_pairs
        order = [j for _, j in sorted(expected_pairs)]
        assert sum(e.moved for e in result.alignment) == _reference_moves(order)
