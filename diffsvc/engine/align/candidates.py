"""Candidate pairs for clauses that did not pair exactly: who could have become whom.

Scores are rapidfuzz's ``fuzz.ratio`` of the match keys. A gap or the leftovers of two documents
are scored pair by pair up to ``DENSE_LIMIT`` pairs; beyond that, two 10,000-clause documents
would score 10^8 pairs, so only pairs that share a rare shingle (an English word, a pair of
Chinese characters) are scored. Scoring every pair is the sparse path's specification: on
inputs both can take, they pair the same clauses (tests/test_align.py).
"""

from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from itertools import islice, pairwise
from operator import itemgetter
from typing import NamedTuple

from rapidfuzz import fuzz, process

DENSE_LIMIT = 4_000_000  # largest matrix scored densely (cells)
CANDIDATES = 24  # candidates kept per clause
_SHINGLE_RE = re.compile(r"[^\W_]+", re.UNICODE)


class Candidate(NamedTuple):
    """A possible pair, in the order pairs are taken: best score first, then the pair closest
    in relative position, then document order."""

    rank: float  # minus the score rounded to 3 places, so equal-looking scores tie
    distance: float  # difference of the two clauses' relative positions in their documents
    left: int
    right: int
    score: float


def shingles(key: str) -> frozenset[str]:
    """Words of an English key, character pairs of a Chinese one: units to find candidates by.

    >>> sorted(shingles("Law 执法合作"))
    ['law', '合作', '执法', '法合']
    """
    grams: set[str] = set()
    for w in _SHINGLE_RE.findall(key.casefold()):
        if w.isascii() or len(w) == 1:
            grams.add(w)
        else:
            grams.update(a + b for a, b in pairwise(w))
    return frozenset(grams)


class Rarity:
    """Which shingles are rare in a set of keys: in at most one key in a hundred (at least 2).

    A shingle is a substring of its key's casefolded text, so only the keys that hold it as a
    substring need shingling to count it: usually a handful.
    """

    def __init__(self, keys: Sequence[str]) -> None:
        self.limit = max(2, len(keys) // 100)
        self.keys = [(key.casefold(), key) for key in keys]

    def rare(self, gram: str) -> bool:
        """Whether at most ``limit`` keys hold ``gram`` as a shingle."""
        holders = (key for folded, key in self.keys if gram in folded and gram in shingles(key))
        return sum(1 for _ in islice(holders, self.limit + 1)) <= self.limit

    def shared(self, one: str, other: str) -> bool:
        """Whether two keys share a shingle rare in all the keys."""
        return any(map(self.rare, shingles(one) & shingles(other)))


def candidates(
    left_keys: Sequence[str],
    right_keys: Sequence[str],
    lefts: list[int],
    rights: list[int],
    cutoff: float,
    check: Callable[[], None],
) -> list[Candidate]:
    """Pairs of ``lefts`` × ``rights`` (positions in the keys) scoring at least ``cutoff``,
    best first. Only each clause's best CANDIDATES are kept, so a block of near-identical
    boilerplate clauses cannot flood the list."""
    if len(lefts) * len(rights) > DENSE_LIMIT:
        return _sparse(left_keys, right_keys, lefts, rights, cutoff, check)
    floor = max(cutoff, 1e-6)  # a zero score is no candidate, whatever the cutoff
    nl, nr = max(len(left_keys), 1), max(len(right_keys), 1)
    found = []
    choices = [right_keys[j] for j in rights]
    for i in lefts:
        # fuzz.ratio of the key against every right clause, in one call that prepares the key
        # once (a rewritten report's gaps scored pair by pair spent a quarter of a comparison
        # here); back in the order of ``rights``, so ties are taken as before.
        found_i = process.extract(
            left_keys[i], choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
        )
        scored = [
            (score, rights[n])
            for _, score, n in sorted(found_i, key=itemgetter(2))
            if score >= floor
        ]
        for score, j in heapq.nlargest(CANDIDATES, scored, key=itemgetter(0)):
            found.append(Candidate(-round(score, 3), abs(i / nl - j / nr), i, j, score))
    return sorted(found)


def _sparse(
    left_keys: Sequence[str],
    right_keys: Sequence[str],
    lefts: list[int],
    rights: list[int],
    cutoff: float,
    check: Callable[[], None],
) -> list[Candidate]:
    """Score only pairs sharing rare shingles: each left clause's 12 rarest shingles vote for
    the right clauses holding them, and its CANDIDATES best-voted are scored."""
    counts: Counter[str] = Counter()
    index: defaultdict[str, list[int]] = defaultdict(list)
    for j in rights:
        for g in shingles(right_keys[j]):
            counts[g] += 1
            index[g].append(j)
    found = []
    nl, nr = max(len(left_keys), 1), max(len(right_keys), 1)
    for i in lefts:
        check()
        rare = sorted(
            (g for g in shingles(left_keys[i]) if counts[g]), key=lambda g: (counts[g], g)
        )
        votes: Counter[int] = Counter()
        for g in rare[:12]:
            votes.update(index[g][:2000])
        for j, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[:CANDIDATES]:
            s = fuzz.ratio(left_keys[i], right_keys[j], score_cutoff=cutoff)
            if s >= cutoff:
                found.append(Candidate(-round(s, 3), abs(i / nl - j / nr), i, j, s))
    return sorted(found)
