"""Evidence that two clauses play the same role, when their wording says little.

A government work report rewrites most of its paragraphs every year, and one partner's agreement
words its articles differently from another's: whole-clause similarity of 0.3–0.5 is normal for
a paragraph an analyst pairs without hesitation. What the analyst reads instead:

- the **topic**: the words a clause shares with its counterpart that are rare in the two
  documents (碳达峰, 专项债券, "digital services taxes"), weighed by how rare they are: a cosine
  of tf-idf vectors of English words and Chinese character pairs;
- the **lead**: the opening sentence (often bold) that names the paragraph's task, kept while the
  detail is rewritten (积极扩大有效投资。…);
- the **slot**: a clause standing alone between two paired neighbours on both sides.

``Topics.score`` combines them into one figure on the scale of similarity (0..1), so the aligner
can weigh a rewritten paragraph against a reworded one.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from operator import add

from rapidfuzz import fuzz

from diffsvc.text.scripts import HAN_RUN

_WORD = re.compile(r"[a-z][a-z'-]{2,}|[0-9][0-9.,%]*")
_LEAD_END = re.compile(r"[。．.；;：:！!？?]")
LEAD_CHARS = 40  # an opening sentence longer than this is a sentence, not a lead
LEAD_MATCH = 85  # lead similarity (0..100) that says "the same task"
LEAD_WEIGHT = 0.9  # what an identical lead counts for, on the similarity scale
FREQUENCY_CHARS = 200_000  # text read to weigh terms
BACKGROUND_SAMPLE = 2000  # clause pairs read to learn what unrelated clauses share
# English function words carry no topic; rare ones would still weigh little, but common ones in
# a short clause would weigh a lot.
_FUNCTION_WORDS = (
    "the and for with that this from have has are was were will shall should may its their "
    "our all any such other into upon within under between including which who whom whose "
    "been being also more most than not only each both these those them they we us"
)
_STOP = frozenset(_FUNCTION_WORDS.split())


def terms(key: str) -> Counter[str]:
    """A match key's topic terms: English words (not function words) and numbers, and the
    character pairs of its Chinese runs.

    >>> sorted(terms("加强粮食安全 the food supply"))
    ['food', 'supply', '加强', '安全', '强粮', '粮食', '食安']
    """
    folded = key.casefold()
    found: Counter[str] = Counter(w for w in _WORD.findall(folded) if w not in _STOP)
    for run in HAN_RUN.findall(folded):
        found.update(map(add, run, run[1:]))  # its character pairs, as pairwise gives them
    return found


def lead(key: str) -> str:
    """The opening sentence of a key, if it is short enough to be a lead ("" otherwise)."""
    m = _LEAD_END.search(key, 0, LEAD_CHARS + 1)
    return key[: m.start()] if m else ""


# A recital opens on a participle ("Recognizing", "Reflecting on their") or an adjective of intent
# ("Mindful of") and ends on the semicolon or comma that leads into the next one.
_RECITAL = re.compile(
    r"(?:[A-Z][a-z]+ing|Mindful|Determined|Conscious|Convinced|Aware|Desirous|Committed)"
    r"(?: [a-z]+){1,2}"
)
_RECITAL_END = re.compile(r"(?:[;,]|;\s*(?:and|or))\s*$")


def recital(key: str) -> str:
    """A recital's opening words, which name it as a lead names a report's paragraph: the Geneva
    joint statement's "Reflecting on their recent discussions…" is Stockholm's "Reflecting on
    their meetings in London…", rewritten in its place ("" for any other clause).

    >>> recital("Reflecting on their meetings in London;")
    'Reflecting on their'
    >>> recital("Reflecting on their meetings, we agree to meet again.")
    ''
    """
    m = _RECITAL.match(key)
    return m.group() if m and _RECITAL_END.search(key) else ""


class Topics:
    """tf-idf vectors of the clauses of two documents, built as they are asked for, and the
    cosine between two of them. A term's weight falls with how often the two documents use it
    (its collection frequency, counted in one pass over all their text)."""

    def __init__(self, left: Sequence[str], right: Sequence[str]) -> None:
        self.keys = (left, right)
        every = [*left, *right]
        # Term weights from at most FREQUENCY_CHARS of text, clauses taken evenly through both
        # documents: exact for any report or agreement, bounded for a 10,000-clause pair.
        size = sum(map(len, every))
        step = max(1, math.ceil(size / FREQUENCY_CHARS))
        self.vectors: tuple[dict[int, dict[str, float]], ...] = ({}, {})
        self.scores: dict[tuple[int, int], float] = {}
        # Each clause's terms, read once: ``cover`` reads a clause again in every run it is in.
        self.counts: tuple[dict[int, Counter[str]], ...] = ({}, {})
        if step == 1:
            # All the text: the terms of the clauses joined by newlines are the clauses' terms
            # (no term spans a newline), so each clause is read once, here, for its vector too.
            sides: list[Counter[str]] = [Counter(), Counter()]
            for side, keys in enumerate((left, right)):
                for k in range(len(keys)):
                    sides[side].update(self.terms(side, k))
        else:
            sides = [terms("\n".join(keys[::step])) for keys in (left, right)]
        frequency = sides[0] + sides[1]
        # Terms only one document uses (its own party's name, "Thailand" in every clause) are
        # no evidence between the documents, and must not count as what unrelated clauses share.
        self.shared = sides[0].keys() & sides[1].keys()
        total = sum(frequency.values()) + 1
        self.idf = {t: math.log(total / f) for t, f in frequency.items()}
        # A lead names a task only if no other clause of its document opens with it: in a
        # document built from a few stock openings, a shared one is chance. A recital's opening
        # words are its lead.
        self.lead_left = _distinct([lead(k) or recital(k) for k in left])
        self.lead_right = _distinct([lead(k) or recital(k) for k in right])

    def terms(self, side: int, k: int) -> Counter[str]:
        cached = self.counts[side].get(k)
        if cached is None:
            cached = self.counts[side][k] = terms(self.keys[side][k])
        return cached

    def vector(self, side: int, k: int) -> dict[str, float]:
        cached = self.vectors[side].get(k)
        if cached is None:
            cached = self.vectors[side][k] = self._weigh(self.terms(side, k))
        return cached

    def background_sample(self, lefts: Sequence[int], rights: Sequence[int]) -> list[float]:
        """The evidence two different clauses of one document reach, sorted, on a fixed sample
        of pairs among the clauses in question (``lefts``, ``rights``), so the same documents
        always give the same figures: what any two clauses share (the stock phrases of a
        generated document, "the parties will" of a treaty) is no evidence that a clause and its
        counterpart play one role, and a share of this (its 99th percentile) is the bar."""
        found: list[float] = []
        for side, chosen in ((0, lefts), (1, rights)):
            n = len(chosen)
            for k in range(min(n * (n - 1), BACKGROUND_SAMPLE // 2)):
                a, b = chosen[k % n], chosen[(k * 7919 + k // n + 1) % n]
                if a != b:
                    found.append(self._shared_dot(self.vector(side, a), self.vector(side, b)))
        found.sort()
        return found

    def _shared_dot(self, a: dict[str, float], b: dict[str, float]) -> float:
        if len(a) > len(b):
            a, b = b, a
        shared = self.shared
        return sum((x * b[t] for t, x in a.items() if t in b and t in shared), 0.0)

    def cosine(self, i: int, j: int) -> float:
        return dot(self.vector(0, i), self.vector(1, j))

    def cover(self, side: int, k: int, parts: Sequence[int]) -> float:
        """The cosine between clause ``k`` of ``side`` and the other side's clauses ``parts``
        read as one text: how much of a paragraph a run of its successor's paragraphs says."""
        return self.against(side, k, self.joined(1 - side, parts))

    def joined(self, side: int, parts: Sequence[int]) -> dict[str, float]:
        """The vector of clauses ``parts`` of ``side`` read as one text."""
        counts: Counter[str] = Counter()
        for p in parts:
            counts.update(self.terms(side, p))
        return self._weigh(counts)

    def against(self, side: int, k: int, vector: dict[str, float]) -> float:
        """The cosine between clause ``k`` of ``side`` and a vector of the other side."""
        return dot(self.vector(side, k), vector)

    def similar_terms(self, a: str, b: str) -> float:
        """The cosine of two texts' topic terms, weighed as the documents' clauses are."""
        va, vb = self._weigh(terms(a)), self._weigh(terms(b))
        return dot(va, vb)

    def _weigh(self, counts: Counter[str]) -> dict[str, float]:
        """Term counts as a unit tf-idf vector."""
        v = {t: (1 + math.log(f)) * self.idf.get(t, 0.0) for t, f in counts.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return {t: x / norm for t, x in v.items()}

    def same_lead(self, i: int, j: int) -> bool:
        a, b = self.lead_left[i], self.lead_right[j]
        return len(a) >= 4 and len(b) >= 4 and fuzz.ratio(a, b) >= LEAD_MATCH

    def score(self, i: int, j: int) -> float:
        """How surely clause ``i`` (left) and ``j`` (right) play the same role, 0..1."""
        # The role stages read the same pairs again (a stretch, then every clause's best rival,
        # then the moves): each pair is scored once.
        found = self.scores.get((i, j))
        if found is None:
            found = self.scores[(i, j)] = self.read(i, j)
        return found

    def read(self, i: int, j: int) -> float:
        """``score``, not kept: for pairs read once, which a long document has many of."""
        cached = self.scores.get((i, j))
        if cached is not None:
            return cached
        return max(self.cosine(i, j), LEAD_WEIGHT if self.same_lead(i, j) else 0.0)


def _distinct(leads: list[str]) -> list[str]:
    count = Counter(leads)
    return [lead if count[lead] == 1 else "" for lead in leads]


def dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    # Only the shared terms, in the order of ``a``: the same sum, term by term, as adding a
    # zero for each term ``b`` lacks, without the lookups (the role stages' inner loop).
    return sum((x * b[t] for t, x in a.items() if t in b), 0.0)


def ordered_matching(
    lefts: Sequence[int], rights: Sequence[int], score: dict[tuple[int, int], float]
) -> list[tuple[int, int]]:
    """The heaviest set of pairs from ``score`` that keeps both sides' order (no two pairs
    cross): what pairs the rewritten paragraphs of a stretch in the order they stand.

    >>> ordered_matching([0, 1], [5, 6], {(0, 6): 0.9, (1, 5): 0.5, (1, 6): 0.4})
    [(0, 6)]
    """
    n, m = len(lefts), len(rights)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for a in range(1, n + 1):
        row, prev = best[a], best[a - 1]
        for b in range(1, m + 1):
            here = max(prev[b], row[b - 1])
            w = score.get((lefts[a - 1], rights[b - 1]))
            if w is not None and prev[b - 1] + w > here:
                here = prev[b - 1] + w
            row[b] = here
    pairs = []
    a, b = n, m
    while a > 0 and b > 0:
        w = score.get((lefts[a - 1], rights[b - 1]))
        if w is not None and best[a][b] == best[a - 1][b - 1] + w:
            pairs.append((lefts[a - 1], rights[b - 1]))
            a, b = a - 1, b - 1
        elif best[a][b] == best[a - 1][b]:
            a -= 1
        else:
            b -= 1
    return pairs[::-1]
