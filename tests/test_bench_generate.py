"""The benchmark's answer key and scorer are only worth the numbers they produce if they are right.

These tests check the generator's ground truth against the texts it wrote (every clause once,
each op doing what it says, moves minimal) and the scorer against known answers, on small pairs.
"""

from __future__ import annotations

import difflib
from collections import Counter

import pytest

from bench.engine import measure
from bench.generate import (
    INSERT_RATE,
    NEW_CLAUSE_MAX_SIMILARITY,
    REWORD_RATE,
    Pair,
    Truth,
    generate_pair,
    label,
    merge_bodies,
    split_body,
    zh_numeral,
)
from bench.score import alignment_from_rows, alignment_from_shared, body, score
from bench.tools import TOOLS, Tool

PAIRS = [(lang, size) for lang in ("en", "zh") for size in (10, 100, 300)]


@pytest.fixture(scope="module", params=PAIRS, ids=[f"{lang}-{size}" for lang, size in PAIRS])
def pair(request: pytest.FixtureRequest) -> Pair:
    lang, size = request.param
    return generate_pair(lang, size, seed=0)


def test_generation_is_deterministic() -> None:
    a, b = generate_pair("zh", 100, seed=3), generate_pair("zh", 100, seed=3)
    assert (a.left_text, a.right_text, a.truth) == (b.left_text, b.right_text, b.truth)
    assert generate_pair("zh", 100, seed=4).left_text != a.left_text


def test_one_clause_per_line(pair: Pair) -> None:
    assert pair.left_text.splitlines() == pair.left_clauses
    assert pair.right_text.splitlines() == pair.right_clauses
    assert len(pair.left_clauses) == pair.size
    assert len(set(map(body, pair.left_clauses))) == pair.size  # no clause repeats


def test_every_clause_appears_in_exactly_one_entry(pair: Pair) -> None:
    lefts = sorted(i for t in pair.truth for i in t.left)
    rights = sorted(j for t in pair.truth for j in t.right)
    assert lefts == list(range(len(pair.left_clauses)))
    assert rights == list(range(len(pair.right_clauses)))


def test_every_kind_of_edit_happens(pair: Pair) -> None:
    ops = Counter(t.op for t in pair.truth)
    assert ops["split"] == 1 and ops["merged"] == 1
    assert ops["modified"] == max(1, round(pair.size * REWORD_RATE))
    assert ops["added"] == ops["removed"] == max(1, round(pair.size * INSERT_RATE))
    assert any(t.moved for t in pair.truth)


def test_ops_do_what_they_declare(pair: Pair) -> None:
    left = [body(c) for c in pair.left_clauses]
    right = [body(c) for c in pair.right_clauses]
    for t in pair.truth:
        shape = (len(t.left), len(t.right))
        if t.op == "unchanged":
            assert shape == (1, 1) and left[t.left[0]] == right[t.right[0]]
        elif t.op == "modified":
            assert shape == (1, 1) and left[t.left[0]] != right[t.right[0]]
            a, b = left[t.left[0]], right[t.right[0]]
            ratio = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
            assert ratio > 0.8, t  # a rewording, not a new clause
        elif t.op == "split":
            assert shape == (1, 2)
            assert split_body(pair.lang, left[t.left[0]]) == (right[t.right[0]], right[t.right[1]])
        elif t.op == "merged":
            assert shape == (2, 1) and t.left[1] == t.left[0] + 1
            assert merge_bodies(pair.lang, left[t.left[0]], left[t.left[1]]) == right[t.right[0]]
        elif t.op == "removed":
            assert shape == (1, 0) and left[t.left[0]] not in right
        else:
            assert t.op == "added" and shape == (0, 1) and right[t.right[0]] not in left
        if t.moved:
            assert t.op in ("unchanged", "modified")


def test_added_clauses_are_not_rewordings_of_removed_ones(pair: Pair) -> None:
    removed = [body(pair.left_clauses[t.left[0]]) for t in pair.truth if t.op == "removed"]
    added = [body(pair.right_clauses[t.right[0]]) for t in pair.truth if t.op == "added"]
    for new in added:
        for old in removed:
            ratio = difflib.SequenceMatcher(None, new, old, autojunk=False).ratio()
            assert ratio < NEW_CLAUSE_MAX_SIMILARITY, (old, new)


def test_numbering_is_rewritten(pair: Pair) -> None:
    for side in (pair.left_clauses, pair.right_clauses):
        for number, clause in enumerate(side, 1):
            assert clause.startswith(label(pair.lang, number, len(side)))


def _lis_length(seq: list[int]) -> int:
    import bisect

    tails: list[int] = []
    for x in seq:
        k = bisect.bisect_left(tails, x)
        tails[k : k + 1] = [x]
    return len(tails)


def test_moves_are_the_fewest_clauses_out_of_order(pair: Pair) -> None:
    kept = sorted((t for t in pair.truth if t.left and t.right), key=lambda t: t.right[0])
    order = [t.left[0] for t in kept]
    stationary = [t.left[0] for t in kept if not t.moved]
    assert stationary == sorted(stationary)
    assert _lis_length(order) == len(order) - sum(t.moved for t in kept)


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "一"), (10, "十"), (15, "十五"), (40, "四十"), (100, "一百"), (105, "一百零五"),
     (110, "一百一十"), (999, "九百九十九"), (1000, "一千"), (2020, "二千零二十"),
     (10000, "一万"), (10010, "一万零一十"), (12345, "一万二千三百四十五")],
)  # fmt: skip
def test_zh_numeral(n: int, expected: str) -> None:
    assert zh_numeral(n) == expected


def test_ground_truth_scores_one(pair: Pair) -> None:
    result = score(pair.truth, pair.truth)
    assert result.accuracy == 1.0
    assert result.moves_flagged == result.moves_total > 0 and result.false_moves == 0


def test_wrong_alignments_score_less(pair: Pair) -> None:
    # Every move missed: the moved clause reported as removed plus added.
    as_delete_insert = [t for t in pair.truth if not t.moved]
    for t in pair.truth:
        if t.moved:
            as_delete_insert += [Truth("removed", t.left, ()), Truth("added", (), t.right)]
    moves = sum(t.moved for t in pair.truth)
    assert score(pair.truth, as_delete_insert).reproduced == len(pair.truth) - moves

    # Split reported as a modified pair plus an added clause; op right, sets wrong.
    split = next(t for t in pair.truth if t.op == "split")
    wrong = [t for t in pair.truth if t is not split]
    wrong += [Truth("modified", split.left, split.right[:1]), Truth("added", (), split.right[1:])]
    assert score(pair.truth, wrong).reproduced == len(pair.truth) - 1

    # A move found but not flagged still reproduces the entry, and shows in the move count.
    unflagged = [Truth(t.op, t.left, t.right) for t in pair.truth]
    result = score(pair.truth, unflagged)
    assert result.accuracy == 1.0 and result.moves_flagged == 0


def test_line_rows_of_identical_texts_are_all_unchanged(pair: Pair) -> None:
    rows = [(i, i) for i in range(len(pair.left_clauses))]
    entries = alignment_from_rows(rows, pair.left_clauses, pair.left_clauses)
    assert {e.op for e in entries} == {"unchanged"}


def test_shared_text_groups_into_splits_and_merges() -> None:
    left = ["1. aaaa bbbb", "2. cccc", "3. dddd", "4. eeee"]
    right = ["1. aaaa", "2. bbbb", "3. cccc dddd", "4. zzzz"]
    shared = {(0, 0): 7, (0, 1): 4, (1, 2): 7, (2, 2): 4}
    assert sorted(alignment_from_shared(shared, left, right), key=lambda t: t.left or (9,)) == [
        Truth("split", (0,), (0, 1)),
        Truth("merged", (1, 2), (2,)),
        Truth("removed", (3,), ()),
        Truth("added", (), (3,)),
    ]


@pytest.mark.parametrize("tool", [t for t in TOOLS if t.name != "diffsvc"], ids=lambda t: t.name)
def test_peers_reproduce_identical_texts(tool: Tool) -> None:
    p = generate_pair("en", 10, seed=0)
    same = Pair("en", 10, 0, p.left_clauses, p.left_clauses, [
        Truth("unchanged", (i,), (i,)) for i in range(10)
    ])  # fmt: skip
    assert (
        score(same.truth, tool.align(tool.run(same.left_text, same.right_text), same)).accuracy == 1
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_word_peer_recovers_most_of_a_small_pair(lang: str) -> None:
    # Sanity check of the chunk-to-clause mapping: a word diff of a 100-clause pair sees
    # everything but the moves, so it must reproduce well over 90% of the entries.
    p = generate_pair(lang, 100)  # type: ignore[arg-type]
    tool = next(t for t in TOOLS if t.name == "difflib words")
    assert score(p.truth, tool.align(tool.run(p.left_text, p.right_text), p)).accuracy > 0.9


def _sleepy_run(left: str, right: str) -> str:
    import time

    time.sleep(30)
    return ""


def test_measure_kills_a_tool_past_the_timeout() -> None:
    p = generate_pair("en", 10)
    slow = Tool("slow", _sleepy_run, lambda out, pair: [], "sleep")
    fast = next(t for t in TOOLS if t.name == "difflib lines")
    # The warm-up call on the slow tool already outlasts the limit.
    result = measure(slow, p, generate_pair("en", 10, seed=1), timeout=0.5, trace=0)
    assert result.timed_out and not result.times and result.score is None
    result = measure(fast, p, p, timeout=30, trace=1)
    assert len(result.times) == 7 and result.score is not None and result.heap_mb is not None
