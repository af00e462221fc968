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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from typing import Literal, TypedDict

import rjieba
from rapidfuzz.distance import Indel

from diffsvc.models import SpanOp
from diffsvc.text.keys import HAN, strict_key, to_simplified, token_key

_CJK = f"{HAN}\u3040-\u30ff\uac00-\ud7af"
# Tokens of more than one character: words and numbers (not CJK), and runs of whitespace. Every
# other character, a CJK one or a mark, is a token by itself.
_LONG_TOKEN = re.compile(rf"([^\W_{_CJK}]+(?:['’.,/\-][^\W_{_CJK}]+)*|\s+)")
# ASCII text, the commonest English input, gets a pattern whose classes need no Unicode tables.
_ASCII_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['.,/\-][A-Za-z0-9]+)*|\s+|.", re.S)
_ASCII_UNKEYED = re.compile(r"[`\t\n\r\x0b\x0c\x1c-\x1f]|  ")  # what token_key would change
_HAN_RUN = re.compile(f"[{HAN}]+")
_CJK_RE = re.compile(f"[{_CJK}]")
_WORDISH = re.compile(r"[^\W_]")
_PUNCT_OR_SPACE = re.compile(r"^[\W_]*$")

Granularity = Literal["char", "word"]


class SpanData(TypedDict):
    """A ``Span``'s fields. Spans are built as plain dicts and validated into models together with
    their entry, in one call into pydantic's core instead of one per span."""

    op: SpanOp
    left: str
    right: str
    editorial: bool


EDITORIAL_BRIDGE = 2  # identical tokens an editorial run may span


def tokenize(text: str, granularity: Granularity = "char") -> list[str]:
    """Split a clause into diff tokens.

    >>> tokenize("COVID-19 合作, 2023年")
    ['COVID-19', ' ', '合', '作', ',', ' ', '2023', '年']
    >>> tokenize("加強打擊電信網絡詐騙合作", "word")
    ['加強', '打擊', '電信', '網絡', '詐騙', '合作']
    """
    if text.isascii():
        tokens = _ASCII_TOKEN.findall(text)
    else:
        # Splitting at the long tokens leaves stretches of one-character tokens, which list()
        # explodes at C speed: Chinese text is mostly such stretches, and matching it character
        # by character was most of the time spent here.
        tokens = []
        for k, piece in enumerate(_LONG_TOKEN.split(text)):
            if k % 2:
                tokens.append(piece)
            else:
                tokens.extend(piece)
    if granularity == "char":
        return tokens
    out: list[str] = []
    k = 0
    while k < len(tokens):
        run = _HAN_RUN.fullmatch(tokens[k])
        if run is None:
            out.append(tokens[k])
            k += 1
            continue
        end = k
        while end < len(tokens) and _HAN_RUN.fullmatch(tokens[end]):
            end += 1
        out.extend(_words("".join(tokens[k:end])))
        k = end
    return out


@lru_cache(maxsize=4096)
def _words(run: str) -> tuple[str, ...]:
    # Segment the Simplified form (the dictionary's script) and cut the original at the same
    # places; conversion that changes length falls back to characters.
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
    equal: bool
    a1: int
    a2: int
    b1: int
    b2: int


def _segments(ka: Sequence[str], kb: Sequence[str]) -> list[_Seg]:
    segs: list[_Seg] = []
    for op in Indel.opcodes(ka, kb):
        equal = op.tag == "equal"
        if segs and not equal and not segs[-1].equal:
            segs[-1].a2, segs[-1].b2 = op.src_end, op.dest_end
        else:
            segs.append(_Seg(equal, op.src_start, op.src_end, op.dest_start, op.dest_end))
    return segs


def _chars(tokens: Sequence[str], i: int, j: int) -> int:
    return sum(map(len, map(str.strip, tokens[i:j])))


def _cleanup(segs: list[_Seg], a: Sequence[str], b: Sequence[str]) -> list[_Seg]:
    """Absorb equalities too small to stand between two changes (diff-match-patch's rule)."""
    k = 1
    while k < len(segs) - 1:
        eq, before, after = segs[k], segs[k - 1], segs[k + 1]
        if not eq.equal or before.equal or after.equal:
            k += 1
            continue
        size = _chars(a, eq.a1, eq.a2)
        trivial = _PUNCT_OR_SPACE.match("".join(a[eq.a1 : eq.a2])) is not None
        small = size <= max(_chars(a, before.a1, before.a2), _chars(b, before.b1, before.b2))
        small &= size <= max(_chars(a, after.a1, after.a2), _chars(b, after.b1, after.b2))
        if trivial or small:
            segs[k - 1 : k + 2] = [_Seg(False, before.a1, after.a2, before.b1, after.b2)]
            # The merged change is bigger, which can make the equality before it small too;
            # nothing earlier changed, so the scan resumes there rather than from the start.
            k = max(1, k - 2)
        else:
            k += 1
    return segs


def _equal_spans(a: Sequence[str], b: Sequence[str]) -> list[SpanData]:
    """Spans for key-equal tokens: identical runs are equal, the rest editorial replacements."""
    left, right = "".join(a), "".join(b)
    if left == right:
        return [{"op": "equal", "left": left, "right": right, "editorial": False}]
    # Visit only the tokens that differ, found at C speed, which matters for a Traditional text
    # against its Simplified twin, where every few characters differ. Up to EDITORIAL_BRIDGE
    # identical tokens between two differing ones join the editorial run ("[-加強打擊-]{+加强打击+}"
    # rather than four spans): editorial changes are not news, and readers take in a stretch of
    # them as one.
    differ = list(compress(range(len(a)), map(str.__ne__, a, b)))
    runs: list[tuple[int, int]] = []
    start = last = differ[0]
    for k in differ[1:]:
        if k - last - 1 > EDITORIAL_BRIDGE:
            runs.append((start, last + 1))
            start = k
        last = k
    runs.append((start, last + 1))
    spans: list[SpanData] = []
    pos = 0
    for start, end in runs:
        if pos < start:
            same = "".join(a[pos:start])
            spans.append({"op": "equal", "left": same, "right": same, "editorial": False})
        l_run, r_run = "".join(a[start:end]), "".join(b[start:end])
        spans.append({"op": "replace", "left": l_run, "right": r_run, "editorial": True})
        pos = end
    if pos < len(a):
        same = "".join(a[pos:])
        spans.append({"op": "equal", "left": same, "right": same, "editorial": False})
    return spans


def _keys_itself(text: str) -> bool:
    """Whether every token of ``text`` is its own key: ASCII with single spaces and no backquote,
    as most English clauses are, so the per-token key lookups can be skipped."""
    return text.isascii() and _ASCII_UNKEYED.search(text) is None


def change_span(left: str, right: str) -> SpanData:
    """A span for a changed stretch, flagged editorial when only format differs."""
    op: Literal["delete", "insert", "replace"] = (
        "insert" if not left else "delete" if not right else "replace"
    )
    if op == "replace":
        editorial = strict_key(left) == strict_key(right)
    else:  # an insertion or deletion is editorial only if it holds no word at all
        editorial = _WORDISH.search(left or right) is None
    return {"op": op, "left": left, "right": right, "editorial": editorial}


def diff_spans(left: str, right: str, granularity: Granularity = "char") -> list[SpanData]:
    """Inline diff of two texts as spans that rebuild both.

    >>> [(s["op"], s["left"], s["right"]) for s in diff_spans("will establish a mechanism",
    ...                                                         "will explore a mechanism")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('equal', 'will ', 'will '), ('replace', 'establish', 'explore'),
     ('equal', ' a mechanism', ' a mechanism')]
    """
    if left == right:
        equal: SpanData = {"op": "equal", "left": left, "right": right, "editorial": False}
        return [equal] if left else []
    cut = _trimmed(left, right) if granularity == "char" else None
    return _spans(*(cut or _tokens(left, right, granularity)))


Tokens = tuple[list[str], list[str], list[str], list[str]]  # left, right and their keys


def _tokens(left: str, right: str, granularity: Granularity) -> Tokens:
    a, b = tokenize(left, granularity), tokenize(right, granularity)
    ka = a if _keys_itself(left) else list(map(token_key, a))
    kb = b if _keys_itself(right) else list(map(token_key, b))
    return a, b, ka, kb


def _spans(a: list[str], b: list[str], ka: list[str], kb: list[str]) -> list[SpanData]:
    if ka == kb:  # the same text in another script or width: no alignment to compute
        return _equal_spans(a, b)
    spans: list[SpanData] = []
    for seg in _cleanup(_segments(ka, kb), a, b):
        if seg.equal:
            spans.extend(_equal_spans(a[seg.a1 : seg.a2], b[seg.b1 : seg.b2]))
        else:
            spans.append(change_span("".join(a[seg.a1 : seg.a2]), "".join(b[seg.b1 : seg.b2])))
    return spans


def _trimmed(left: str, right: str) -> Tokens | None:
    """``_tokens`` with the text the two sides open and close with as one token each, or None.

    Most modified clauses change a few words in the middle of a long sentence: tokenising and
    keying the rest only to find it equal was most of an inline diff. The shared opening and
    closing are cut where a token ends on both sides (after a space, or at a Chinese
    character), so the middles tokenise as they would in place. The opcodes come out the same:
    rapidfuzz strips the common prefix and suffix of the keys before aligning what is left, and
    that stops inside both middles, which is checked, so it aligns the same tokens. The cleanup
    never looks into the first and last equalities, where the two stand-ins sit, and the
    equal spans join them back into the same text.
    """
    n = min(len(left), len(right))
    start = _longest(n, lambda k: left.startswith(right[:k]))
    if not _cuts_tokens(left, right, start, 0):  # back to just after the space before
        start = left.rfind(" ", 0, start) + 1
        if not _cuts_tokens(left, right, start, 0):
            start = 0
    tail = _longest(n - start, lambda k: left.endswith(right[len(right) - k :]))
    if not _cuts_tokens(left, right, start, tail):  # on to just after the space that follows
        space = left.find(" ", len(left) - tail)
        tail = len(left) - space - 1 if space >= 0 else 0
        if not _cuts_tokens(left, right, start, tail):
            tail = 0
    if start == 0 and tail == 0:
        return None
    a_mid, b_mid = left[start : len(left) - tail], right[start : len(right) - tail]
    a, b, ka, kb = _tokens(a_mid, b_mid, "char")
    same = 0
    for x, y in zip(ka, kb, strict=False):
        if x != y:
            break
        same += 1
    if same >= len(ka) or same >= len(kb):
        return None  # the keys' common prefix would run on into the closing text
    opening = [left[:start]] if start else []
    closing = [left[len(left) - tail :]] if tail else []
    return (
        opening + a + closing,
        opening + b + closing,
        opening + ka + closing,
        opening + kb + closing,
    )


def _longest(limit: int, holds: Callable[[int], bool]) -> int:
    """The largest k ≤ ``limit`` for which ``holds(k)``, true up to some k and false after it:
    found by halving, so a shared opening is compared in a few slices at C speed."""
    lo, hi = 0, limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if holds(mid):
            lo = mid
        else:
            hi = mid - 1
    return lo


def _cuts_tokens(left: str, right: str, start: int, tail: int) -> bool:
    """Whether cutting both texts ``start`` characters from their start and ``tail`` from their
    end cuts each of them only where a token ends."""
    return (
        _ends_token(left, start)
        and _ends_token(right, start)
        and _ends_token(left, len(left) - tail)
        and _ends_token(right, len(right) - tail)
    )


def _ends_token(text: str, pos: int) -> bool:
    """Whether a token of ``text`` ends at ``pos``, whatever follows or precedes it."""
    if pos <= 0 or pos >= len(text):
        return True
    before, after = text[pos - 1], text[pos]
    space = before.isspace()
    if space or after.isspace():  # a run of whitespace is a token, and only whitespace
        return space != after.isspace()
    # Words and numbers are tokens of several characters; a Chinese character stands alone.
    return _CJK_RE.match(before) is not None or _CJK_RE.match(after) is not None
