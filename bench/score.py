"""Clause-alignment accuracy: how much of a pair's ground truth a tool's output reproduces.

diffsvc reports an alignment directly. The peers (difflib, diff-match-patch, redlines) report
lines, words or characters, so this module derives a clause alignment from their output with rules
that give them every benefit a reader of their output would have:

* rows (HtmlDiff's side-by-side table, or line opcodes paired positionally): a row holding a left
  and a right line pairs those two clauses; a one-sided row is a removal or an addition;
* equal chunks (word or character diffs): count the equal characters each left clause shares with
  each right clause; a left and a right clause are linked when they share at least half of the
  shorter one. Linked clauses form groups: one-to-one is a pair, one-to-many a split, many-to-one a
  merge; unlinked clauses are removed or added. So a peer is credited with a split or a merge when
  its equal text shows one, although it cannot name it.

A pair is ``unchanged`` when the two clauses are equal once their numbering is stripped (the peer
shows no change but the number), otherwise ``modified``. No peer can report a move: a moved clause
counts for a peer only if its output still pairs it with its new position.

An entry is reproduced when a tool reports the same op over the same left and right clause sets;
``accuracy`` is reproduced entries over ground-truth entries.

>>> from bench.generate import Truth
>>> truth = [Truth("unchanged", (0,), (0,)), Truth("removed", (1,), ())]
>>> score(truth, truth).accuracy
1.0
>>> score(truth, [Truth("modified", (0,), (0,)), Truth("removed", (1,), ())]).accuracy
0.5
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from bench.generate import Truth, TruthOp

# Numbering the generator writes: "12. ", "十二、", "第十二条\u3000".
_LABEL = re.compile(
    r"^(?:\d+\. |[零一二三四五六七八九十百千万]+、|第[零一二三四五六七八九十百千万]+条\u3000)"
)


def body(clause: str) -> str:
    """A clause without its numbering, to tell a renumbered clause from a reworded one.

    >>> body("12. The parties will meet."), body("第十二条\u3000双方将会晤。")
    ('The parties will meet.', '双方将会晤。')
    """
    return _LABEL.sub("", clause, count=1)


@dataclass
class Score:
    """Reproduced ground-truth entries, overall and by op, plus how moves were reported."""

    reproduced: int
    total: int
    by_op: dict[str, tuple[int, int]] = field(default_factory=dict)
    moves_flagged: int = 0
    moves_total: int = 0
    false_moves: int = 0

    @property
    def accuracy(self) -> float:
        return self.reproduced / self.total if self.total else 1.0


def score(truth: Sequence[Truth], predicted: Iterable[Truth]) -> Score:
    """Compare a tool's alignment with the ground truth.

    ``by_op`` has one (reproduced, total) tuple per ground-truth op and one for ``moved`` (the
    moved entries, also counted under their op). ``moves_flagged`` counts moved entries the tool
    reproduced and flagged as moved; ``false_moves`` counts entries it flagged that did not move.
    """
    pred = {(p.op, frozenset(p.left), frozenset(p.right)): p for p in predicted}
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    flagged = 0
    truly_moved: set[tuple[str, frozenset[int], frozenset[int]]] = set()
    for t in truth:
        key = (t.op, frozenset(t.left), frozenset(t.right))
        got = pred.get(key)
        buckets = [t.op, "moved"] if t.moved else [t.op]
        for b in buckets:
            totals[b] += 1
            hits[b] += got is not None
        if t.moved:
            truly_moved.add(key)
            flagged += got is not None and got.moved
    false_moves = sum(1 for k, p in pred.items() if p.moved and k not in truly_moved)
    reproduced = sum(hits[op] for op in totals if op != "moved")
    return Score(
        reproduced=reproduced,
        total=len(truth),
        by_op={op: (hits[op], totals[op]) for op in totals},
        moves_flagged=flagged,
        moves_total=totals["moved"],
        false_moves=false_moves,
    )


def _pair_op(left: str, right: str) -> TruthOp:
    return "unchanged" if body(left) == body(right) else "modified"


def alignment_from_rows(
    rows: Iterable[tuple[int | None, int | None]], left: Sequence[str], right: Sequence[str]
) -> list[Truth]:
    """Alignment from side-by-side rows ``(left index or None, right index or None)``."""
    out: list[Truth] = []
    for li, ri in rows:
        if li is not None and ri is not None:
            out.append(Truth(_pair_op(left[li], right[ri]), (li,), (ri,)))
        elif li is not None:
            out.append(Truth("removed", (li,), ()))
        elif ri is not None:
            out.append(Truth("added", (), (ri,)))
    return out


def rows_from_line_opcodes(
    opcodes: Iterable[tuple[str, int, int, int, int]],
) -> Iterator[tuple[int | None, int | None]]:
    """Rows from line-level ``SequenceMatcher`` opcodes, as a Word-style compare shows them.

    ``replace`` blocks pair the i-th old line with the i-th new line; the longer side's extra
    lines are removals or additions.
    """
    for tag, i1, i2, j1, j2 in opcodes:
        n = max(i2 - i1, j2 - j1) if tag in ("equal", "replace") else 0
        for k in range(n):
            li = i1 + k if i1 + k < i2 else None
            ri = j1 + k if j1 + k < j2 else None
            yield li, ri
        if tag == "delete":
            yield from ((i, None) for i in range(i1, i2))
        elif tag == "insert":
            yield from ((None, j) for j in range(j1, j2))


_HTML_HEADER = re.compile(r'class="diff_header"(?: id="(?:from|to)\d+_(\d+)")?>')


def rows_from_html_table(html: str) -> Iterator[tuple[int | None, int | None]]:
    """Rows of ``difflib.HtmlDiff`` output: each table row has a from-line and a to-line number."""
    for line in html.splitlines():
        cells = _HTML_HEADER.findall(line)
        if len(cells) == 2:
            li, ri = (int(c) - 1 if c else None for c in cells)
            yield li, ri


def line_starts(text: str) -> list[int]:
    """Offsets at which each clause (line) of ``text`` starts."""
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    if starts[-1] == len(text):
        starts.pop()
    return starts


def shared_from_segments(
    left_text: str, right_text: str, segments: Iterable[tuple[int, int, int]]
) -> dict[tuple[int, int], int]:
    """Equal characters shared by each (left clause, right clause), from equal chunks.

    ``segments`` are ``(left offset, right offset, length)`` of text reported equal on both sides;
    a chunk that spans clause boundaries is cut at every boundary of either side. Newlines (the
    boundaries themselves) do not count.
    """
    ls, rs = line_starts(left_text), line_starts(right_text)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for a, b, n in segments:
        while n > 0:
            li, ri = bisect_right(ls, a) - 1, bisect_right(rs, b) - 1
            l_end = ls[li + 1] if li + 1 < len(ls) else len(left_text)
            r_end = rs[ri + 1] if ri + 1 < len(rs) else len(right_text)
            step = min(n, l_end - a, r_end - b)
            chunk = left_text[a : a + step]
            weight = step - chunk.count("\n")
            if weight:
                shared[li, ri] += weight
            a, b, n = a + step, b + step, n - step
    return shared


def alignment_from_shared(
    shared: dict[tuple[int, int], int], left: Sequence[str], right: Sequence[str]
) -> list[Truth]:
    """Group clauses linked by equal text (see the module docstring) into alignment entries."""
    parent = list(range(len(left) + len(right)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (li, ri), n in shared.items():
        if 2 * n >= min(len(left[li]), len(right[ri])):
            parent[find(li)] = find(len(left) + ri)

    groups: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i in range(len(left)):
        groups[find(i)][0].append(i)
    for j in range(len(right)):
        groups[find(len(left) + j)][1].append(j)

    out: list[Truth] = []
    for ls, rs in groups.values():
        op: TruthOp
        if not rs:
            op = "removed"
        elif not ls:
            op = "added"
        elif len(ls) == 1 and len(rs) == 1:
            op = _pair_op(left[ls[0]], right[rs[0]])
        elif len(ls) == 1:
            op = "split"
        elif len(rs) == 1:
            op = "merged"
        else:  # a many-to-many tangle matches no ground-truth entry
            op = "modified"
        out.append(Truth(op, tuple(ls), tuple(rs)))
    return out
