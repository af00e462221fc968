"""Word-level diff inside a pair of clauses, cleaned up so that a change reads as a phrase.

Tokens are English words and numbers (``COVID-19``, ``1,000.5`` stay whole), runs of whitespace,
single punctuation marks, and Chinese characters one by one (or words, with ``zh_granularity=
"word"``). Tokens are compared by their match keys, so a Traditional character against its
Simplified form is equal; the raw difference still shows, marked editorial. Opcodes come from
rapidfuzz's ``Indel.opcodes`` over token-key sequences, then short equalities stranded between two
changes are absorbed, so "will establish bilateral" → "will explore a" is one replacement rather
than confetti. Joining the spans' ``left`` (``right``) rebuilds the left (right) text exactly.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Literal

import regex
from rapidfuzz.distance import Indel

from diffsvc.models import Span
from diffsvc.text.keys import match_key, strict_key, to_simplified, token_key
from diffsvc.text.quantities import NAME_HYPHEN
from diffsvc.text.scripts import CJK, HAN_RUN

# A word or number (letters and digits of the non-East-Asian scripts, joined by an apostrophe,
# point, comma, slash or hyphen), a run of whitespace, or any other single character: an East
# Asian letter or a mark.
_TOKEN = regex.compile(rf"[^\W_{CJK}]+(?:['’.,/\-][^\W_{CJK}]+)*|\s+|.", regex.S)
# The same for ASCII text, most English clauses, in the standard library's faster engine, whose
# classes need no Unicode tables. _TOKEN is its specification (tests/test_inline.py).
_ASCII_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['.,/\-][A-Za-z0-9]+)*|[\t\n\x0b\x0c\r ]+|.", re.S)
# What a token key changes in ASCII text: a backquote, and whitespace other than one space.
_ASCII_KEYED = re.compile(r"[`\t\n\x0b\x0c\r\x1c-\x1f]|  ")
_WORDISH = regex.compile(r"[^\W_]")
_PUNCT_OR_SPACE = regex.compile(r"^[\W_]*$")

Granularity = Literal["char", "word"]

# Largest exact token diff (left tokens × right tokens, one bit each): 8 MB. Beyond it, a long
# clause is cut at anchors first (_opcodes).
DIFF_CELLS = 64_000_000
ANCHOR_TOKENS = 8  # tokens an anchor spans: about four words, or eight Chinese characters
EDITORIAL_BRIDGE = 2  # identical tokens an editorial run may span
_AROUND = 3  # tokens either side of a change that can belong to the same number ("-", "0.5")
_NUMBER = re.compile(r"(?<![\d.])[-+]?\d+(?:[.,:/-]\d+)*%?")


def tokenize(text: str, granularity: Granularity = "char") -> list[str]:
    """Split a clause into diff tokens.

    >>> tokenize("COVID-19 合作, 2023年")
    ['COVID-19', ' ', '合', '作', ',', ' ', '2023', '年']
    >>> tokenize("加強打擊電信網絡詐騙合作", "word")
    ['加強', '打擊', '電信', '網絡', '詐騙', '合作']
    """
    tokens = (_ASCII_TOKEN if text.isascii() else _TOKEN).findall(text)
    if granularity == "char":
        return tokens
    out: list[str] = []
    run: list[str] = []  # Han characters waiting to be cut into words
    for token in [*tokens, ""]:
        if token and HAN_RUN.fullmatch(token):
            run.append(token)
            continue
        if run:
            out.extend(_words("".join(run)))
            run = []
        if token:
            out.append(token)
    return out


@lru_cache(maxsize=4096)  # jieba is slow, and a statement's phrases recur across its clauses
def _words(run: str) -> tuple[str, ...]:
    # Segment the Simplified form (the dictionary's script) and cut the original at the same
    # places; conversion that changes length falls back to characters.
    import rjieba  # loads its dictionary on import: only word granularity pays it

    simple = to_simplified(run)
    if len(simple) != len(run):
        return tuple(run)
    words, pos = [], 0
    for w in rjieba.cut(simple):
        words.append(run[pos : pos + len(w)])
        pos += len(w)
    return tuple(words)


@dataclass(slots=True)
class _Seg:
    """A stretch of both token lists: equal, or a change ``a[a1:a2]`` → ``b[b1:b2]``."""

    equal: bool
    a1: int
    a2: int
    b1: int
    b2: int


def _segments(ka: Sequence[str], kb: Sequence[str]) -> list[_Seg]:
    segs: list[_Seg] = []
    for equal, a1, a2, b1, b2 in _opcodes(ka, kb):
        if segs and equal == segs[-1].equal:
            segs[-1].a2, segs[-1].b2 = a2, b2
        else:
            segs.append(_Seg(equal, a1, a2, b1, b2))
    return segs


_Op = tuple[bool, int, int, int, int]  # equal?, left start, left end, right start, right end


def _opcodes(ka: Sequence[str], kb: Sequence[str]) -> list[_Op]:
    """Equal and changed stretches of two token-key sequences, in order.

    The exact diff keeps a bit matrix of len(a) × len(b): a gigabyte for two similar 300 kB
    clauses. Past ``DIFF_CELLS`` the two are first cut at anchors, runs of ``ANCHOR_TOKENS``
    tokens that occur once in each, in the same order (a patience diff), and each stretch between
    anchors is diffed on its own; a stretch still too large with no anchor in it is one change.
    Memory stays linear in the clauses' length, whatever they hold.
    """
    out: list[_Op] = []
    stack: list[tuple[bool, int, int, int, int]] = [(False, 0, len(ka), 0, len(kb))]
    while stack:  # (True, …) is a stretch to emit as equal; (False, …) a stretch to diff
        emit, a1, a2, b1, b2 = stack.pop()
        if emit:
            out.append((True, a1, a2, b1, b2))
            continue
        n = 0
        while a1 + n < a2 and b1 + n < b2 and ka[a1 + n] == kb[b1 + n]:
            n += 1
        if n:
            out.append((True, a1, a1 + n, b1, b1 + n))
            a1, b1 = a1 + n, b1 + n
        m = 0
        while a1 < a2 - m and b1 < b2 - m and ka[a2 - 1 - m] == kb[b2 - 1 - m]:
            m += 1
        later = [(True, a2 - m, a2, b2 - m, b2)] if m else []
        a2, b2 = a2 - m, b2 - m
        if a1 == a2 or b1 == b2:
            if a1 < a2 or b1 < b2:
                out.append((False, a1, a2, b1, b2))
        elif (a2 - a1) * (b2 - b1) <= DIFF_CELLS:
            for op in Indel.opcodes(ka[a1:a2], kb[b1:b2]):
                start, end = op.src_start + a1, op.src_end + a1
                out.append((op.tag == "equal", start, end, op.dest_start + b1, op.dest_end + b1))
        else:
            anchors = _anchors(ka, kb, a1, a2, b1, b2)
            if not anchors:
                out.append((False, a1, a2, b1, b2))
            parts: list[_Op] = []
            for x, y in anchors:
                parts += [(False, a1, x, b1, y), (True, x, x + ANCHOR_TOKENS, y, y + ANCHOR_TOKENS)]
                a1, b1 = x + ANCHOR_TOKENS, y + ANCHOR_TOKENS
            if anchors:
                parts.append((False, a1, a2, b1, b2))
            later = parts + later
        stack.extend(reversed(later))
    return [op for op in out if op[1] < op[2] or op[3] < op[4]]


def _anchors(
    ka: Sequence[str], kb: Sequence[str], a1: int, a2: int, b1: int, b2: int
) -> list[tuple[int, int]]:
    """Starts (left, right) of runs of ANCHOR_TOKENS keys found once in each stretch, the
    longest chain of them in the same order on both sides, none overlapping the next."""
    k = ANCHOR_TOKENS

    def once(keys: Sequence[str], start: int, end: int) -> dict[tuple[str, ...], int]:
        # Runs are taken only where their first key passes a test of its own content, alike on
        # both sides: an eighth of the work of taking them everywhere, and still an anchor every
        # few words, found the same on every run.
        starts = [
            p
            for p in range(start, end - k + 1)
            if (ord(keys[p][:1] or " ") * 31 + len(keys[p])) & 7 == 3
        ]
        runs = [tuple(keys[p : p + k]) for p in starts]
        count = Counter(runs)
        return {run: p for p, run in zip(starts, runs, strict=True) if count[run] == 1}

    left, right = once(ka, a1, a2), once(kb, b1, b2)
    pairs = sorted((x, right[run]) for run, x in left.items() if run in right)
    # Longest chain increasing on the right (patience sorting), then drop overlapping anchors.
    tails: list[int] = []  # right position ending the best chain of each length
    ends: list[int] = []  # index in pairs of that chain's last pair
    before = [-1] * len(pairs)
    for idx, (_, y) in enumerate(pairs):
        pos = bisect_left(tails, y)
        before[idx] = ends[pos - 1] if pos else -1
        if pos == len(tails):
            tails.append(y)
            ends.append(idx)
        else:
            tails[pos], ends[pos] = y, idx
    chain: list[tuple[int, int]] = []
    idx = ends[-1] if ends else -1
    while idx >= 0:
        chain.append(pairs[idx])
        idx = before[idx]
    kept: list[tuple[int, int]] = []
    for x, y in reversed(chain):
        if not kept or (x >= kept[-1][0] + k and y >= kept[-1][1] + k):
            kept.append((x, y))
    return kept


def _visible(tokens: Sequence[str]) -> list[int]:
    """Characters other than whitespace in the tokens before each position: the characters of
    ``tokens[i:j]`` are ``v[j] - v[i]``. ``_cleanup`` weighs each equality against the changes
    beside it, which grow as they absorb it; summing their tokens each time cost a rewritten
    report's diffs as much as the diff itself."""
    return [0, *accumulate(len(t.strip()) for t in tokens)]


_DIGITS = re.compile(r"\d[\d.,/]*")
_FIGURE_CHARS = 24  # the most characters a number of a figure is written in


def _cleanup(segs: list[_Seg], a: Sequence[str], b: Sequence[str]) -> list[_Seg]:
    """Absorb equalities too small to stand between two changes (diff-match-patch's rule)."""
    va, vb = _visible(a), _visible(b)
    k = 1
    while k < len(segs) - 1:
        eq, before, after = segs[k], segs[k - 1], segs[k + 1]
        if not eq.equal or before.equal or after.equal:
            k += 1
            continue
        size = va[eq.a2] - va[eq.a1]
        trivial = _PUNCT_OR_SPACE.match("".join(a[eq.a1 : eq.a2])) is not None
        small = size <= max(va[before.a2] - va[before.a1], vb[before.b2] - vb[before.b1])
        small &= size <= max(va[after.a2] - va[after.a1], vb[after.b2] - vb[after.b1])
        if trivial or small:
            segs[k - 1 : k + 2] = [_Seg(False, before.a1, after.a2, before.b1, after.b2)]
            # The merged change is bigger, which can make the equality before it small too;
            # nothing earlier changed, so the scan resumes there rather than from the start.
            k = max(1, k - 2)
        elif (start := _island_at(segs, k, va, vb, a, b)) is not None:
            # An equality, a change and an equality as small together as the rewriting on
            # either side: "up to $100 billion" struck in one sentence and "up to $300
            # billion" written in another (FOMC March → April 2009) are two figures, not
            # $100 → $300 billion.
            first, last = segs[start - 1], segs[start + 3]
            segs[start - 1 : start + 4] = [_Seg(False, first.a1, last.a2, first.b1, last.b2)]
            k = max(1, start - 2)
        else:
            k += 1
    return segs


def _island_at(
    segs: list[_Seg], k: int, va: list[int], vb: list[int], a: Sequence[str], b: Sequence[str]
) -> int | None:
    """Where an island (``_island``) holding equality ``k`` starts: at ``k``, or at the
    equality two before it, whose change after it grew since it was read."""
    for start in (k, k - 2):
        if start >= 1 and segs[start].equal and _island(segs, start, va, vb, a, b):
            return start
    return None


def _island(
    segs: list[_Seg], k: int, va: list[int], vb: list[int], a: Sequence[str], b: Sequence[str]
) -> bool:
    """Whether equality ``k``, the change after it and the equality after that stand between
    two changes each at least as large as the three together, on the larger side, and the
    change is one number for another: the equalities are only the words of two figures."""
    if k + 3 >= len(segs) or not segs[k + 2].equal or segs[k + 3].equal:
        return False
    before, first, middle, last, after = segs[k - 1 : k + 4]
    if max(va[middle.a2] - va[middle.a1], vb[middle.b2] - vb[middle.b1]) > _FIGURE_CHARS:
        return False  # no number: and a long change is not joined to be read again and again
    old, new = "".join(a[middle.a1 : middle.a2]), "".join(b[middle.b1 : middle.b2])
    if not (_DIGITS.fullmatch(old) and _DIGITS.fullmatch(new)):
        return False
    size = max(va[last.a2] - va[first.a1], vb[last.b2] - vb[first.b1])
    return size <= max(va[before.a2] - va[before.a1], vb[before.b2] - vb[before.b1]) and (
        size <= max(va[after.a2] - va[after.a1], vb[after.b2] - vb[after.b1])
    )


def _equal_spans(a: Sequence[str], b: Sequence[str]) -> list[Span]:
    """Spans for key-equal tokens: identical runs are equal, the rest editorial replacements.

    Up to EDITORIAL_BRIDGE identical tokens between two differing ones join the editorial run
    ("[-加強打擊-]{+加强打击+}" rather than four spans): editorial changes are not news, and
    readers take in a stretch of them as one.
    """
    if a == b:  # the usual equal stretch: the same tokens, written alike
        same = "".join(a)
        return [Span(op="equal", left=same, right=same)] if same else []
    differ = [k for k, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    runs: list[tuple[int, int]] = []
    for k in differ:
        if runs and k - runs[-1][1] <= EDITORIAL_BRIDGE:
            runs[-1] = (runs[-1][0], k + 1)
        else:
            runs.append((k, k + 1))
    spans: list[Span] = []
    pos = 0
    for start, end in [*runs, (len(a), len(a))]:
        if pos < start:
            same = "".join(a[pos:start])
            spans.append(Span(op="equal", left=same, right=same))
        if start < end:
            left, right = "".join(a[start:end]), "".join(b[start:end])
            spans.append(Span(op="replace", left=left, right=right, editorial=True))
        pos = end
    return spans


def _keys(text: str, tokens: list[str]) -> list[str]:
    """The tokens' keys. Plain ASCII with single spaces, as most English clauses are, is its
    own key, token by token (``token_key`` is the specification)."""
    if text.isascii() and _ASCII_KEYED.search(text) is None:
        return tokens
    return [token_key(t) for t in tokens]


def change_span(
    left: str, right: str, *, around: tuple[str, str, str, str] = ("", "", "", "")
) -> Span:
    """A span for a changed stretch, flagged editorial when only format differs.

    ``around`` is the text just before and after the stretch on each side (left before, left
    after, right before, right after): a digit, sign, decimal point, fraction slash or range
    dash is never punctuation, so a change that alters a number there ("1.5" → "15", "-0.5" →
    "0.5", "15-16" → "1516") is substantive whatever characters it took.

    >>> change_span("1.5", "15").editorial, change_span("，", ",").editorial
    (False, True)
    """
    op: Literal["delete", "insert", "replace"] = (
        "insert" if not left else "delete" if not right else "replace"
    )
    if op == "replace":
        editorial = strict_key(left) == strict_key(right)
    else:  # an insertion or deletion is editorial only if it holds no word at all
        editorial = _WORDISH.search(left or right) is None
    if editorial:
        before_l, after_l, before_r, after_r = around
        editorial = _numbers(before_l + left + after_l) == _numbers(before_r + right + after_r)
    return Span(op=op, left=left, right=right, editorial=editorial)


def _numbers(text: str) -> list[str]:
    """The numbers in a text as its key writes them, with their signs, separators and percent
    signs: what no editorial change may alter."""
    # A name's hyphen is no sign (``NAME_HYPHEN``), read off the text as written: its key drops
    # the space that tells "rose -0.5" apart.
    return _NUMBER.findall(match_key(NAME_HYPHEN.sub("", text)))


def diff_spans(left: str, right: str, granularity: Granularity = "char") -> list[Span]:
    """Inline diff of two texts as spans that rebuild both.

    >>> [(s.op, s.left, s.right) for s in diff_spans("will establish a mechanism",
    ...                                                "will explore a mechanism")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('equal', 'will ', 'will '), ('replace', 'establish', 'explore'),
     ('equal', ' a mechanism', ' a mechanism')]
    """
    if left == right:  # most clauses of a new version: nothing to align
        return [Span(op="equal", left=left, right=right)] if left else []
    a, b = tokenize(left, granularity), tokenize(right, granularity)
    ka, kb = _keys(left, a), _keys(right, b)
    if ka == kb:  # the same text, or the same in another script or width
        return _equal_spans(a, b)
    spans: list[Span] = []
    for seg in _cleanup(_segments(ka, kb), a, b):
        if seg.equal:
            spans.extend(_equal_spans(a[seg.a1 : seg.a2], b[seg.b1 : seg.b2]))
        else:
            around = (
                "".join(a[max(0, seg.a1 - _AROUND) : seg.a1]),
                "".join(a[seg.a2 : seg.a2 + _AROUND]),
                "".join(b[max(0, seg.b1 - _AROUND) : seg.b1]),
                "".join(b[seg.b2 : seg.b2 + _AROUND]),
            )
            left_part, right_part = "".join(a[seg.a1 : seg.a2]), "".join(b[seg.b1 : seg.b2])
            spans.append(change_span(left_part, right_part, around=around))
    return spans
