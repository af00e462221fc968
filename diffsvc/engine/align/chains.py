"""Order-preserving chains of paired clauses: the anchors of alignment and the unmoved clauses.

Both questions alignment asks of its pairs — which exact pairs keep their order (the anchors
that cut the documents into gaps), and which pairs did not move — are one question: the
heaviest chain of pairs increasing on both sides. Ties between equally heavy chains go to the
chain whose pairs moved least, so the clause that travelled further is the one called moved,
whichever document is on the left.
"""

from __future__ import annotations

from collections.abc import Sequence


def heaviest_chain(pairs: Sequence[tuple[int, int, int]]) -> set[int]:
    """Positions in ``pairs`` (sorted by left) of the heaviest chain increasing in right.

    Each pair is (left_pos, right_pos, weight). O(n log n): a Fenwick tree over the right
    positions holds, for each, the heaviest chain ending at or below it.

    >>> sorted(heaviest_chain([(0, 2, 1), (1, 0, 1), (2, 1, 1)]))
    [1, 2]
    """
    n = len(pairs)
    if n == 0:
        return set()
    ranks = {r: k + 1 for k, r in enumerate(sorted({p[1] for p in pairs}))}
    size = len(ranks)
    tree: list[tuple[int, int]] = [(0, -1)] * (size + 1)  # (chain weight, its last pair)
    best: list[tuple[int, int]] = []  # per pair: (weight of the chain it ends, the pair before)
    for k, (_, right, weight) in enumerate(pairs):
        pos, top = ranks[right] - 1, (0, -1)
        while pos:  # the heaviest chain ending strictly below this right position
            if tree[pos][0] > top[0]:
                top = tree[pos]
            pos &= pos - 1
        value = top[0] + weight
        best.append((value, top[1]))
        pos = ranks[right]
        while pos <= size:
            if value > tree[pos][0]:
                tree[pos] = (value, k)
            pos += pos & -pos
    heaviest = max(value for value, _ in best)
    end = next(k for k, (value, _) in enumerate(best) if value == heaviest)
    chain: set[int] = set()
    while end >= 0:
        chain.add(end)
        end = best[end][1]
    return chain


def least_moved(pairs: Sequence[tuple[int, int, int]]) -> set[int]:
    """Positions of the heaviest chain of ``pairs`` (left_pos, right_pos, weight), and among
    equally heavy ones, the one with the least total distance between left and right."""
    unit = sum(abs(i - j) for i, j, _ in pairs) + 1  # outweighs any chain's total distance
    return heaviest_chain([(i, j, w * unit - abs(i - j)) for i, j, w in pairs])


def anchor_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of pairs (sorted by left) to anchor gaps on, alike from either side.

    Of several longest chains, the one whose pairs moved least is taken; what is still tied
    after that (two pairs that mirror each other) is left out, by keeping only what the chains
    found from either side share. So comparing B with A sees the gaps that comparing A with B
    sees.

    >>> anchor_chain([(0, 0), (1, 2), (2, 1), (3, 3)])
    [(0, 0), (3, 3)]
    """
    forward = {pairs[k] for k in least_moved([(i, j, 1) for i, j in pairs])}
    swapped = sorted((j, i, 1) for i, j in pairs)
    backward = {(swapped[k][1], swapped[k][0]) for k in least_moved(swapped)}
    return [pair for pair in pairs if pair in forward and pair in backward]
