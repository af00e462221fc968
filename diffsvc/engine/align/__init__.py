"""Pair the clauses of two documents: unchanged, modified, added, removed, split, merged, moved.

Strategy, per language (a clause only ever pairs with a clause of its own language):

1. Equal match keys pair first, k-th occurrence with k-th occurrence.
2. The longest chain of those pairs that keeps its order are *anchors*; the clauses between two
   consecutive anchors form a *gap*. Inside a gap, clauses pair by similarity (rapidfuzz
   ``process.cdist`` over match keys) at ``match_threshold``.
3. What is left pairs anywhere in the document at ``match_threshold`` (a reworded clause that also
   moved). Candidates come from a dense ``cdist`` when the leftovers are small, otherwise from an
   index of rare shingles, so two 10,000-clause documents never build a 10^8 matrix.
4. Gaps are revisited at the lower ``gap_threshold``: a heavily reworded clause that stands where
   its predecessor stood is a modification, not a removal plus an addition.
5. Inside gaps, a clause whose text is best explained by several consecutive clauses of the other
   side becomes a split (1→n) or merge (n→1).
6. ``moved`` marks the fewest clauses outside the heaviest order-preserving chain of pairs.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from diffsvc.models import Clause, CompareOptions

DENSE_LIMIT = 4_000_000  # largest leftover matrix scored densely (cells)
PARALLEL_CELLS = 20_000  # matrices from this size are scored on all cores
GAP_LIMIT = 80  # gaps wider than this skip split/merge detection
MAX_PARTS = 6  # most clauses a split or merge may involve on its many side
CANDIDATES = 24
SCORE_CHARS = 2000  # candidates per clause in the sparse path
_SHINGLE_RE = re.compile(r"[^\W_]+", re.UNICODE)
# ASCII letters lowercased, digits kept, every other byte a space: words as _SHINGLE_RE finds them.
# Line feeds stay, to keep the clauses of a joined batch apart (keys never hold one).
_ASCII_WORDS = bytes(
    c | 0x20 if chr(c).isalpha() else c if chr(c).isdigit() or c == 0x0A else 0x20
    for c in range(128)
) + bytes([0x20] * 128)

Check = Callable[[], None]


@dataclass(slots=True)
class Group:
    """Clause indices (document-wide) that correspond, with their key similarity (0..100)."""

    left: list[int]
    right: list[int]
    score: float
    moved: bool = False


def _shingles(key: str) -> frozenset[str]:
    """Words of an English key, character pairs of a Chinese one: units to find candidates by."""
    if key.isascii():
        # Bytes translation lowercases and blanks out punctuation in one C pass: several times
        # faster than the pattern below, and this runs for every clause of both documents.
        return frozenset(key.encode().translate(_ASCII_WORDS).decode().split())
    words = _SHINGLE_RE.findall(key.casefold())
    grams: set[str] = set()
    for w in words:
        if w.isascii() or len(w) == 1:
            grams.add(w)
        else:
            grams.update(map(operator.add, w, w[1:]))
    return frozenset(grams)


class _Rarity:
    """Whether a shingle is in at most ``limit`` of the keys, answered without shingling them all.

    The gap pass asks this for the few low-scoring candidates it meets, usually a handful of
    words per comparison, and shingling 20,000 keys to count every word took a seventh of a
    10,000-clause compare. A shingle is a substring of its key's casefolded form, so a substring
    search over all the keys finds every key that can hold it; only those keys are shingled, and
    the count stops as soon as it passes the limit. The answer is exactly that of counting all.
    """

    def __init__(self, keys: Sequence[str], limit: int) -> None:
        self.keys, self.limit = keys, limit
        # Keys never hold a line feed, and casefolding makes none, so lines are keys.
        self.text = "\n".join(keys).casefold()
        self.ends = list(itertools.accumulate(len(line) + 1 for line in self.text.split("\n")))
        self.shingles: dict[int, frozenset[str]] = {}
        self.known: dict[str, bool] = {}

    def is_rare(self, gram: str) -> bool:
        rare = self.known.get(gram)
        if rare is not None:
            return rare
        text, ends, found = self.text, self.ends, 0
        pos = text.find(gram)
        while pos >= 0:
            line = bisect.bisect_right(ends, pos)  # the key whose line holds the match
            sh = self.shingles.get(line)
            if sh is None:
                sh = self.shingles[line] = _shingles(self.keys[line])
            if gram in sh:
                found += 1
                if found > self.limit:
                    break
            pos = text.find(gram, ends[line])
        rare = self.known[gram] = found <= self.limit
        return rare


def _noop() -> None:
    return None


class _Side:
    def __init__(self, clauses: Sequence[Clause]) -> None:
        self.idx = [c.index for c in clauses]
        self.full = [c.normalized for c in clauses]
        # Similarity is quadratic in length: a clause's first SCORE_CHARS characters say enough
        # about which clause it is, and keep a pasted megabyte from stalling the service.
        self.keys = [k[:SCORE_CHARS] for k in self.full]


def _weighted_chain(pairs: Sequence[tuple[int, int, int]]) -> set[int]:
    """Positions in ``pairs`` (sorted by left) of the heaviest chain increasing in right.

    Each pair is (left_pos, right_pos, weight); the chain maximises total weight, so the clauses
    left out of it, the moved ones, are as few as possible. O(n log n) with a Fenwick tree.
    """
    n = len(pairs)
    if n == 0:
        return set()
    ranks = {r: k + 1 for k, r in enumerate(sorted({p[1] for p in pairs}))}
    size = len(ranks)
    # Parallel lists rather than (value, index) tuples: this loop runs n log n times.
    tree_value, tree_index = [0] * (size + 1), [-1] * (size + 1)
    best_value, best_prev = [0] * n, [-1] * n
    for k, (_, r, w) in enumerate(pairs):
        rank = ranks[r]
        pos, top, top_index = rank - 1, 0, -1
        while pos:
            if (node := tree_value[pos]) > top:
                top, top_index = node, tree_index[pos]
            pos &= pos - 1  # drop the lowest set bit: the next node to the left
        value = best_value[k] = top + w
        best_prev[k] = top_index
        pos = rank
        while pos <= size:
            if value > tree_value[pos]:
                tree_value[pos], tree_index[pos] = value, k
            pos += pos & -pos
    end = best_value.index(max(best_value))  # the first chain of the greatest weight
    chain: set[int] = set()
    while end >= 0:
        chain.add(end)
        end = best_prev[end]
    return chain


def _patience(pairs: Sequence[tuple[int, ...]]) -> tuple[set[int], bool]:
    """Positions in ``pairs`` (sorted by left) of a longest chain increasing in right, and
    whether it is the only longest chain. Pairs are (left_pos, right_pos, ...); only the first
    two are read.

    Patience sorting finds the length of the longest chain ending at each pair with one C
    bisection per pair. Pairs ending equally long chains fall in rank as they come (were one
    higher than an earlier one, it would extend that one's chain), so going back from the end,
    the earliest pair one shorter that ranks below can precede: found by a scan of that length's
    pairs, each length's once. Another longest chain exists exactly when some step of the way
    back had a choice: several pairs end a longest chain, or the pair after the one taken also
    ranks below (it does, falling in rank) and came early enough to precede. Only a chain that
    is the only one is used as it is (see ``_least_moved`` for the others), so which of several
    this returns does not matter.
    """
    if not pairs:
        return set(), True
    # Right positions stand for their ranks: only their order is compared, never their values.
    rank = [p[1] for p in pairs]
    tails: list[int] = []  # tails[v]: the lowest rank ending a chain of v + 1 pairs so far
    by_length: list[list[int]] = []  # by_length[v]: pairs ending a chain of v + 1, in order
    for k, r in enumerate(rank):
        # Most pairs keep the order of those before them and extend the longest chain: one
        # comparison with the last tail settles it without a call into bisect.
        if not tails or r > tails[-1]:
            tails.append(r)
            by_length.append([k])
            continue
        v = bisect.bisect_left(tails, r)
        tails[v] = r
        by_length[v].append(k)
    k = by_length[-1][0]  # the first pair ending a longest chain
    unique = len(by_length[-1]) == 1
    chain = {k}
    for shorter in reversed(by_length[:-1]):
        if len(shorter) == 1:  # usually: it must be that one
            k = shorter[0]
        else:
            r = rank[k]
            at = next(n for n, c in enumerate(shorter) if rank[c] < r)
            if at + 1 < len(shorter) and shorter[at + 1] < k:
                unique = False
            k = shorter[at]
        chain.add(k)
    return chain, unique


def _anchor_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of pairs (sorted by left) to anchor gaps on, alike from either side.

    Two crossing pairs can tie for the longest chain, and patience sorting gives the tie to
    the pair it meets first, which depends on which document is on the left: comparing B with
    A would anchor on the other pair and see other gaps. So when the chain is not the only
    longest one, the one whose pairs moved least (``_least_moved``) is taken, a choice that
    does not depend on the sides; what is still tied after that (two pairs that mirror each
    other) is left out, by keeping what the chains taken from either side share.
    """
    chain, unique = _patience(pairs)
    if unique:  # the usual case, even with moved clauses: nothing to choose between
        return [pairs[k] for k in sorted(chain)]
    forward = {pairs[k] for k in _least_moved([(i, j, 1) for i, j in pairs])}
    swapped = sorted((j, i, 1) for i, j in pairs)
    backward = {(swapped[k][1], swapped[k][0]) for k in _least_moved(swapped)}
    return [pair for pair in pairs if pair in forward and pair in backward]


def _least_moved(pairs: Sequence[tuple[int, int, int]]) -> set[int]:
    """Positions of the heaviest chain of ``pairs`` (left_pos, right_pos, weight), and of
    equally heavy ones, the one with the least total distance between left and right."""
    unit = sum(abs(i - j) for i, j, _ in pairs) + 1  # outweighs any chain's total distance
    return _weighted_chain([(i, j, w * unit - abs(i - j)) for i, j, w in pairs])


class _Aligner:
    def __init__(self, left: _Side, right: _Side, options: CompareOptions, check: Check) -> None:
        self.L, self.R, self.opt, self.check = left, right, options, check
        self.l2r: dict[int, int] = {}  # left pos -> right pos
        self.score: dict[int, float] = {}  # left pos -> score
        self.taken_r: set[int] = set()  # right positions in l2r, kept in step with it
        self._rarity: _Rarity | None = None  # built on the first low-scoring candidate
        self._last_anchors: tuple[list[tuple[int, int]], list[tuple[int, int]]] | None = None
        # Accepted splits and merges, in positions; their clauses are out of every later pass.
        self.multi: list[tuple[list[int], list[int], float]] = []
        self.multi_l: set[int] = set()
        self.multi_r: set[int] = set()

    # -- helpers -------------------------------------------------------------------------------
    def _pair(self, i: int, j: int, score: float) -> None:
        self.l2r[i] = j
        self.score[i] = score
        self.taken_r.add(j)

    def _anchors(self) -> list[tuple[int, int]]:
        pairs = sorted(self.l2r.items())
        # The last pass often pairs nothing new, and the split and merge search then asks again.
        if self._last_anchors is not None and self._last_anchors[0] == pairs:
            return self._last_anchors[1]
        anchors = _anchor_chain(pairs)
        self._last_anchors = (pairs, anchors)
        return anchors

    def _gaps(self) -> list[tuple[list[int], list[int]]]:
        taken_r = self.taken_r
        gaps = []
        prev = (-1, -1)
        for anchor in [*self._anchors(), (len(self.L.keys), len(self.R.keys))]:
            # Most anchors follow the previous one on a side: no gap there to look into.
            if anchor[0] - prev[0] > 1 and anchor[1] - prev[1] > 1:
                lefts = [
                    i
                    for i in range(prev[0] + 1, anchor[0])
                    if i not in self.l2r and i not in self.multi_l
                ]
                rights = [
                    j
                    for j in range(prev[1] + 1, anchor[1])
                    if j not in taken_r and j not in self.multi_r
                ]
                if lefts and rights:
                    gaps.append((lefts, rights))
            prev = anchor
        return gaps

    def _greedy(
        self, lefts: list[int], rights: list[int], cutoff: float, *, distinct: bool = False
    ) -> None:
        """Pair by descending score; ties go to the pair closest in relative position.

        Only each clause's best CANDIDATES scores are kept, so a block of near-identical
        boilerplate clauses cannot flood the candidate list. ``distinct`` asks low-scoring pairs
        to share a word (or character pair) that is rare in the documents.
        """
        if not lefts or not rights:
            return
        self.check()
        cells = len(lefts) * len(rights)
        if cells > DENSE_LIMIT:
            self._sparse(lefts, rights, cutoff)
            return
        if cells == 1:
            # One clause on each side, the commonest gap: a reworded clause between unchanged
            # ones. Scored directly, as the matrix below would store it (float32).
            i, j = lefts[0], rights[0]
            s32 = np.float32(fuzz.ratio(self.L.keys[i], self.R.keys[j], score_cutoff=cutoff))
            s = float(s32)
            if s32 >= np.float32(max(cutoff, 1e-6)) and (
                not distinct or s >= self.opt.match_threshold * 100 or self._share_rare(i, j)
            ):
                self._take([(-round(s, 3), 0.0, i, j, s)])
            return
        scores = process.cdist(
            [self.L.keys[i] for i in lefts],
            [self.R.keys[j] for j in rights],
            scorer=fuzz.ratio,
            score_cutoff=cutoff,
            dtype=np.float32,
            # Large matrices are scored on every core; rapidfuzz releases the GIL for it.
            workers=-1 if cells >= PARALLEL_CELLS else 1,
        )
        if scores.shape[1] > CANDIDATES:
            keep = np.argpartition(-scores, CANDIDATES - 1, axis=1)[:, :CANDIDATES]
            mask = np.zeros(scores.shape, dtype=bool)
            np.put_along_axis(mask, keep, True, axis=1)
            scores = np.where(mask, scores, 0)
        rows, cols = np.nonzero(scores >= max(cutoff, 1e-6))
        nl, nr = max(len(self.L.keys), 1), max(len(self.R.keys), 1)
        cands = sorted(
            (
                -round(float(scores[a, b]), 3),
                abs(lefts[a] / nl - rights[b] / nr),
                lefts[a],
                rights[b],
                float(scores[a, b]),
            )
            for a, b in zip(rows.tolist(), cols.tolist(), strict=True)
        )
        if distinct:
            cands = [
                c
                for c in cands
                if c[4] >= self.opt.match_threshold * 100 or self._share_rare(c[2], c[3])
            ]
        self._take(cands)

    def _share_rare(self, i: int, j: int) -> bool:
        """Whether two clauses share a word rare in both documents: evidence of common descent
        that a low overall similarity alone does not give."""
        if self._rarity is None:
            limit = max(2, (len(self.L.keys) + len(self.R.keys)) // 100)
            self._rarity = _Rarity([*self.L.keys, *self.R.keys], limit)
        shared = _shingles(self.L.keys[i]) & _shingles(self.R.keys[j])
        return any(map(self._rarity.is_rare, sorted(shared)))

    def _take(self, cands: Sequence[tuple[float, float, int, int, float]]) -> None:
        for _, _, i, j, s in cands:
            if i not in self.l2r and j not in self.taken_r:
                self._pair(i, j, s)

    def _sparse(self, lefts: list[int], rights: list[int], cutoff: float) -> None:
        """Score only pairs sharing rare shingles: English words, Chinese character pairs."""

        r_sh = {j: _shingles(self.R.keys[j]) for j in rights}
        df: Counter[str] = Counter()
        index: defaultdict[str, list[int]] = defaultdict(list)
        for j, sh in r_sh.items():
            for g in sh:
                df[g] += 1
                index[g].append(j)
        cands = []
        nl, nr = max(len(self.L.keys), 1), max(len(self.R.keys), 1)
        for i in lefts:
            self.check()
            rare = sorted(_shingles(self.L.keys[i]), key=lambda g: (df.get(g, 0), g))
            votes: Counter[int] = Counter()
            for g in [g for g in rare if df.get(g)][:12]:
                votes.update(index[g][:2000])
            for j, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[:CANDIDATES]:
                s = fuzz.ratio(self.L.keys[i], self.R.keys[j], score_cutoff=cutoff)
                if s >= cutoff:
                    cands.append((-round(s, 3), abs(i / nl - j / nr), i, j, s))
        self._take(sorted(cands))

    # -- stages --------------------------------------------------------------------------------
    def exact(self) -> None:
        where: defaultdict[str, deque[int]] = defaultdict(deque)
        for i, key in enumerate(self.L.full):
            where[key].append(i)
        for j, key in enumerate(self.R.full):
            if where.get(key):
                self._pair(where[key].popleft(), j, 100.0)

    def in_gaps(self, cutoff: float, *, distinct: bool = False) -> None:
        for lefts, rights in self._gaps():
            self._greedy(lefts, rights, cutoff, distinct=distinct)

    def anywhere(self, cutoff: float) -> None:
        taken_r = self.taken_r
        lefts = [i for i in range(len(self.L.keys)) if i not in self.l2r and i not in self.multi_l]
        rights = [j for j in range(len(self.R.keys)) if j not in taken_r and j not in self.multi_r]
        self._greedy(lefts, rights, cutoff)

    def split_merge(self) -> list[tuple[list[int], list[int], float]]:
        """Find 1→n (split) and n→1 (merge) groups inside gaps; returns them in positions."""
        cutoff = self.opt.split_threshold * 100
        r2l = {j: i for i, j in self.l2r.items()}
        taken_r = set(r2l)
        found: list[tuple[float, int, list[int], list[int], float]] = []
        for lefts, rights in self._gaps_with_pairs():
            if len(lefts) > GAP_LIMIT or len(rights) > GAP_LIMIT:
                continue
            self.check()
            lefts = [i for i in lefts if i not in self.multi_l]
            rights = [j for j in rights if j not in self.multi_r]
            for one, many, one_keys, many_keys, own, flip in (
                (lefts, rights, self.L.keys, self.R.keys, self.l2r, False),
                (rights, lefts, self.R.keys, self.L.keys, r2l, True),
            ):
                for i in one:
                    partner = own.get(i)
                    base = self.score[i] if not flip and partner is not None else 0.0
                    if flip and partner is not None:
                        base = self.score[partner]
                    taken = self.l2r if flip else taken_r
                    free = [j for j in many if j == partner or j not in taken]
                    best = self._best_run(one_keys[i], free, many_keys, partner)
                    if best is not None and best[1] >= cutoff and best[1] >= base + 5:
                        run, s = best
                        left, right = ([i], run) if not flip else (run, [i])
                        found.append((-(s - base), min(left) + min(right), left, right, s))
        accepted: list[tuple[list[int], list[int], float]] = []
        used_l: set[int] = set()
        used_r: set[int] = set()
        for _, _, left, right, s in sorted(found, key=lambda f: (f[0], f[1], f[2], f[3])):
            if used_l.isdisjoint(left) and used_r.isdisjoint(right):
                used_l.update(left)
                used_r.update(right)
                accepted.append((left, right, s))
        return accepted

    def _gaps_with_pairs(self) -> list[tuple[list[int], list[int]]]:
        """Gaps between unchanged anchors, including clauses paired inside them.

        The anchors are the longest chain of unchanged pairs, not the unchanged pairs of the
        longest chain of all pairs: a reworded pair crossing an unchanged one can tie with it
        for that chain, and which of two crossing pairs wins a tie depends on which side is
        left. Comparing B with A must find the split that comparing A with B finds as a merge.
        """
        exact = sorted((i, j) for i, j in self.l2r.items() if self.score[i] >= 100.0)
        anchors = _anchor_chain(exact)
        out = []
        prev = (-1, -1)
        for anchor in [*anchors, (len(self.L.keys), len(self.R.keys))]:
            n_left, n_right = anchor[0] - prev[0] - 1, anchor[1] - prev[1] - 1
            if n_left > 0 and n_right > 0 and (n_left > 1 or n_right > 1):
                out.append(
                    (list(range(prev[0] + 1, anchor[0])), list(range(prev[1] + 1, anchor[1])))
                )
            prev = anchor
        return out

    @staticmethod
    def _best_run(
        key: str, free: list[int], keys: list[str], partner: int | None
    ) -> tuple[list[int], float] | None:
        """The run of consecutive free clauses whose joined keys best match ``key``."""
        best: tuple[list[int], float] | None = None
        free_set = set(free)
        for a in free:
            run: list[int] = []
            pos = a
            while pos in free_set and len(run) < MAX_PARTS:
                run.append(pos)
                if len(run) >= 2 and (partner is None or partner in run):
                    s = fuzz.ratio(key, "".join(keys[p] for p in run))
                    if best is None or s > best[1]:
                        best = (list(run), s)
                pos += 1
        return best

    def take_splits_and_merges(self) -> None:
        """Accept the splits and merges found so far; their clauses leave the pairs."""
        for left, right, score in self.split_merge():
            self.multi.append((left, right, score))
            self.multi_l.update(left)
            self.multi_r.update(right)
        for i in [i for i, j in self.l2r.items() if i in self.multi_l or j in self.multi_r]:
            self.taken_r.discard(self.l2r.pop(i))
            del self.score[i]

    def run(self) -> list[Group]:
        self.exact()
        self.in_gaps(self.opt.match_threshold * 100)
        # Splits and merges go before distant matches: a merged clause's halves would otherwise
        # pair, as moves, with look-alike clauses elsewhere.
        self.take_splits_and_merges()
        self.anywhere(self.opt.move_threshold * 100)
        self.in_gaps(self.opt.gap_threshold * 100, distinct=True)
        self.take_splits_and_merges()
        groups = [
            Group([self.L.idx[p] for p in left], [self.R.idx[p] for p in right], s)
            for left, right, s in self.multi
        ]
        groups += [
            Group([self.L.idx[i]], [self.R.idx[j]], self.score[i])
            for i, j in sorted(self.l2r.items())
        ]
        paired_r = {j for g in groups for j in g.right}
        paired_l = {i for g in groups for i in g.left}
        groups += [Group([i], [], 0.0) for i in self.L.idx if i not in paired_l]
        groups += [Group([], [j], 0.0) for j in self.R.idx if j not in paired_r]
        _mark_moves(groups)
        return groups


def _mark_moves(groups: list[Group]) -> None:
    both = sorted((g for g in groups if g.left and g.right), key=lambda g: min(g.left))
    pairs = [(min(g.left), min(g.right), len(g.left) + len(g.right)) for g in both]
    # A chain weighs the lightest weight per pair plus what its splits and merges weigh more.
    # The only longest chain, when it holds every heavier pair, beats every other chain on
    # both counts: it is the only heaviest chain, and there is nothing more to decide. That is
    # the usual case, and patience sorting finds it in a fraction of the weighted search's time.
    chain, unique = _patience(pairs)
    if unique and pairs:
        lightest = min(w for _, _, w in pairs)
        unique = all(k in chain for k, (_, _, w) in enumerate(pairs) if w > lightest)
    if not unique:
        # Between equally heavy chains, the one whose clauses moved least stays in place, so the
        # clause that travelled further is the one flagged, whichever side is left.
        chain = _least_moved(pairs)
    for k, g in enumerate(both):
        g.moved = k not in chain


def align(
    left: Sequence[Clause],
    right: Sequence[Clause],
    options: CompareOptions | None = None,
    *,
    check: Check = _noop,
) -> list[Group]:
    """Align two clause lists language by language.

    :param check: called between stages; raises to abandon a comparison past its time budget.

    >>> from diffsvc import normalize
    >>> a = normalize("1. The parties will meet in Canberra.\\n2. Gamma delta.").clauses
    >>> b = normalize("1. Gamma delta.\\n2. The parties will meet in Canberra soon.").clauses
    >>> [(g.left, g.right, g.moved) for g in align(a, b)]
    [([0], [1], False), ([1], [0], True)]
    """
    opts = options or CompareOptions()
    groups: list[Group] = []
    for lang in sorted({c.language for c in left} | {c.language for c in right}):
        lside = _Side([c for c in left if c.language == lang])
        rside = _Side([c for c in right if c.language == lang])
        groups += _Aligner(lside, rside, opts, check).run()
    return groups
