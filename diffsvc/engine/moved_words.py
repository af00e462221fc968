"""Words moved across a paragraph break, told apart from the other changes of the paragraphs.

A new version often moves a sentence into the next paragraph and changes something else there:
"We will cooperate on processing. We will share survey data." / "We will set up a working
group." against "We will cooperate on processing." / "We will share survey data. We will set up
a working group. It will meet twice a year." Paired paragraph by paragraph, each entry alone says
the first paragraph dropped "We will share survey data" ("commitment dropped") and the second
added it. The version dropped nothing; an analyst who reads the note is misled.

``_regrouped`` in the pipeline marks a run of neighbouring entries editorial when the run says
the same words. This pass reads two neighbouring entries whose words still differ: the diff of
their paragraphs read as one text finds the moved words equal, across the break. Those words are
marked editorial in both entries, each with a note saying where they went; every other change
stays as it was, and is classified again without them.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import pairwise

from diffsvc.engine.align import Group
from diffsvc.engine.inline import change_span
from diffsvc.models import Change, Entry, Span

# Letters (or Chinese characters) a moved stretch must hold: a few words that two paragraphs
# share by chance ("of the", "要") are no move.
MOVED_CHARS = 12
# Characters (other than spaces) that may follow a paragraph's last change, or precede its
# first, for the change to stand at the paragraph's edge: the full stop the diff kept.
EDGE_CHARS = 2
QUOTE_CHARS = 60  # how much of the moved words a note quotes
# Longest two paragraphs read as one (each side): far above any real paragraph, and what bounds
# the pass's diff, which can otherwise read a pasted megabyte twice.
MAX_CHARS = 50_000

_WORDISH = re.compile(r"[^\W_]")

Diff = Callable[[str, str], list[Span]]
Make = Callable[[Group, list[Span]], Entry]


def in_step(run: Sequence[Entry]) -> bool:
    """Whether entries pair clauses in order, each run on from the one before on both sides,
    at most one of them a clause added or removed."""
    if any(e.moved for e in run) or sum(1 for e in run if not e.left or not e.right) > 1:
        return False
    lefts = [i for e in run for i in e.left]
    rights = [j for e in run for j in e.right]
    if not lefts or not rights:
        return False
    return lefts == list(range(lefts[0], lefts[0] + len(lefts))) and rights == list(
        range(rights[0], rights[0] + len(rights))
    )


def mark_moved_words(
    entries: list[Entry],
    texts: Callable[[Entry], tuple[str, str]],
    diff: Diff,
    make: Make,
    check: Callable[[], None],
) -> int:
    """Mark, in each two neighbouring paired entries, the words one lost at the break between
    them and the other gained there (``texts`` gives an entry's two texts as its spans rebuild
    them, ``diff`` the inline diff, ``make`` an entry again from its group and new spans).
    Returns how many breaks words moved across."""
    marked = 0
    for k in range(len(entries) - 1):
        a, b = entries[k], entries[k + 1]
        if not (a.substantive and b.substantive and a.left and a.right and b.left and b.right):
            continue
        if not in_step([a, b]) or not _changed_edge(a.spans, end=True):
            continue
        if not _changed_edge(b.spans, end=False):
            continue
        check()
        (la, ra), (lb, rb) = texts(a), texts(b)
        if len(la) + len(lb) > MAX_CHARS or len(ra) + len(rb) > MAX_CHARS:
            continue
        across = _Across(diff(f"{la}\n{lb}", f"{ra}\n{rb}"), (len(la), len(ra)))
        found_a = _split(a.spans, across, (0, 0))
        found_b = _split(b.spans, across, (len(la) + 1, len(ra) + 1))
        if found_a is None or found_b is None:
            continue  # words must leave one paragraph and arrive in the other
        if bool(found_a[1]) != bool(found_b[2]) or bool(found_a[2]) != bool(found_b[1]):
            continue  # what one lost, the other gained, and the reverse
        # Words leave one paragraph's end for the other's start, or the reverse: each note
        # names the clause of the other version that says them there.
        entries[k] = _again(a, found_a, make, "the next paragraph", (b.right[0], b.left[0]))
        entries[k + 1] = _again(b, found_b, make, "the paragraph before", (a.right[-1], a.left[-1]))
        marked += 1
    return marked


def changed_letters(entries: Sequence[Entry]) -> int:
    """The letters entries call changed in substance, on both sides: what a reader is asked
    to read as news."""
    return sum(
        _letters(s.left) + _letters(s.right)
        for e in entries
        for s in e.spans
        if s.op != "equal" and not s.editorial
    )


def _changed_edge(spans: Sequence[Span], *, end: bool) -> bool:
    """Whether a change of wording stands at a paragraph's end (or start): words that moved
    across a break left one paragraph's end and reached the next one's start, or the reverse."""
    seen = 0
    for span in reversed(spans) if end else spans:
        if span.op != "equal" and not span.editorial:
            return True
        seen += len("".join(span.left.split()))
        if seen > EDGE_CHARS:
            return False
    return False


class _Across:
    """Where the diff of two paragraphs read as one text puts each character: 1 for a
    character of one entry read as equal to one of the other entry's, across the break."""

    def __init__(self, spans: Sequence[Span], breaks: tuple[int, int]) -> None:
        self.texts = ("".join(s.left for s in spans), "".join(s.right for s in spans))
        self.crossed = (bytearray(len(self.texts[0])), bytearray(len(self.texts[1])))
        self.equal: tuple[list[tuple[int, int, int]], ...] = ([], [])  # (start, other's, size)
        lpos = rpos = 0
        for span in spans:
            if span.op == "equal":
                self._equal(lpos, rpos, len(span.left), breaks)
            elif span.editorial and span.op == "replace":  # a quote or width written otherwise
                for n in range(len(span.left)):
                    p, q = lpos + n, rpos + min(n, len(span.right) - 1)
                    if (p < breaks[0]) != (q < breaks[1]):
                        self.crossed[0][p] = self.crossed[1][q] = 1
            lpos += len(span.left)
            rpos += len(span.right)

    def _equal(self, lpos: int, rpos: int, size: int, breaks: tuple[int, int]) -> None:
        """An equal stretch crosses the break between the two offsets where it passes each
        side's break (a stretch of a megabyte is three slices, not a million steps)."""
        self.equal[0].append((lpos, rpos, size))
        self.equal[1].append((rpos, lpos, size))
        cuts = sorted(
            {
                0,
                size,
                *(min(size, max(0, b - at)) for b, at in zip(breaks, (lpos, rpos), strict=True)),
            }
        )
        for start, stop in pairwise(cuts):
            if start < stop and (lpos + start < breaks[0]) != (rpos + start < breaks[1]):
                self.crossed[0][lpos + start : lpos + stop] = b"\x01" * (stop - start)
                self.crossed[1][rpos + start : rpos + stop] = b"\x01" * (stop - start)

    def counterpart(self, side: int, at: int) -> int | None:
        """Where an equal character of ``side`` stands in the other side's text."""
        stretches = self.equal[side]
        k = bisect_right(stretches, (at, sys.maxsize, 0)) - 1
        if k >= 0 and at < stretches[k][0] + stretches[k][2]:
            return stretches[k][1] + at - stretches[k][0]
        return None


_Cut = tuple[list[tuple[str, bool]], bool]  # a text's pieces (moved or not), and if one is long


def _cut(text: str, across: _Across, side: int, at: int) -> _Cut | None:
    """``text``, standing at ``at`` on ``side`` of the paragraphs read as one, cut around the
    words that moved across the break (``across``): the words before them, them, and the
    words after, each with the marks and spaces that follow it (None if none moved), and
    whether the moved words are a long stretch. A long stretch holds at least MOVED_CHARS
    letters; a shorter one is moved only if it is all the text, and only beside a long one
    (``_split``): two paragraphs share a few words by chance. The words that moved are one
    stretch: words read across the break in several pieces changed on the way ("3.4
    million" → "3.5 million" inside the sentences that moved), and stay changes where they
    stand.

    The few words just before (after) a long stretch moved with it if the other side says
    them just before (after) it too: where the sentence moved out of a paragraph began as the
    new one there begins ("They will share…" gone, "They will also invest…" come), the diff
    read "They will" in place, and "They will share…" arriving next door is one move."""
    crossed = across.crossed[side]
    marks = [bool(crossed[at + n]) if _WORDISH.match(ch) else None for n, ch in enumerate(text)]
    moved = next((m for m in marks if m is not None), False)
    runs: list[tuple[list[str], bool]] = []
    for ch, mark in zip(text, marks, strict=True):
        moved = moved if mark is None else mark
        if runs and runs[-1][1] == moved:
            runs[-1][0].append(ch)
        else:
            runs.append(([ch], moved))
    pieces = [("".join(chars), flag) for chars, flag in runs]
    if len(pieces) == 1 and pieces[0][1] and _letters(text):
        return [(text, True)], _letters(text) >= MOVED_CHARS
    crossed_pieces = [k for k, (piece, flag) in enumerate(pieces) if flag and _letters(piece)]
    if len(crossed_pieces) != 1 or _letters(pieces[crossed_pieces[0]][0]) < MOVED_CHARS:
        return None
    k = crossed_pieces[0]
    before, run = "".join(p for p, _ in pieces[:k]), pieces[k][0]
    after = "".join(p for p, _ in pieces[k + 1 :])
    other = across.texts[1 - side]
    first = across.counterpart(side, at + len(before))
    if _few(before) and first is not None and other.endswith(before, 0, first):
        before, run = "", before + run
    last = at + len(before) + len(run.rstrip()) - 1
    end = across.counterpart(side, last)
    if (
        _few(after)
        and end is not None
        and other.startswith(run[len(run.rstrip()) :] + after, end + 1)
    ):
        run, after = run + after, ""
    cut = ((before, False), (run, True), (after, False))
    return [(piece, flag) for piece, flag in cut if piece], True


def _letters(text: str) -> int:
    return len(_WORDISH.findall(text))


def _few(text: str) -> bool:
    """Whether a text holds a word or two: fewer letters than a moved stretch must."""
    return 0 < _letters(text) < MOVED_CHARS


def _split(
    spans: Sequence[Span], across: _Across, start: tuple[int, int]
) -> tuple[list[Span], list[str], list[str]] | None:
    """An entry's spans with the words that moved across the break cut out as editorial
    spans, and the words it lost and gained that way (None if no long stretch moved)."""
    lpos, rpos = start
    cuts: list[tuple[Span, _Cut | None, _Cut | None]] = []
    for span in spans:
        if span.op == "equal" or span.editorial:
            cuts.append((span, None, None))
        else:
            cuts.append((span, _cut(span.left, across, 0, lpos), _cut(span.right, across, 1, rpos)))
        lpos += len(span.left)
        rpos += len(span.right)
    if not any(cut is not None and cut[1] for _, left, right in cuts for cut in (left, right)):
        return None
    out: list[Span] = []
    lost: list[str] = []
    gained: list[str] = []
    for span, left, right in cuts:
        if left is None and right is None:
            out.append(span)
            continue
        pieces = [(text, moved, 0) for text, moved in (left[0] if left else [(span.left, False)])]
        pieces += [
            (text, moved, 1) for text, moved in (right[0] if right else [(span.right, False)])
        ]
        pieces = [piece for piece in pieces if piece[0]]
        out.extend(_pieces(pieces))
        lost += [text for text, moved, side in pieces if moved and side == 0]
        gained += [text for text, moved, side in pieces if moved and side == 1]
    return out, lost, gained


def _pieces(pieces: list[tuple[str, bool, int]]) -> list[Span]:
    """Spans for a change cut into moved and kept pieces (``(text, moved, side)``, the left
    side's first, so both sides rebuild): the moved ones editorial, a kept deletion and the
    kept insertion right after it one replacement, classified as any change is."""
    out: list[Span] = []
    k = 0
    while k < len(pieces):
        text, moved, side = pieces[k]
        if moved:
            out.append(
                Span(op="delete", left=text, editorial=True)
                if side == 0
                else Span(op="insert", right=text, editorial=True)
            )
        elif side == 0 and k + 1 < len(pieces) and pieces[k + 1][2] == 1 and not pieces[k + 1][1]:
            out.append(change_span(text, pieces[k + 1][0]))
            k += 1
        else:
            out.append(change_span(text, "") if side == 0 else change_span("", text))
        k += 1
    return out


def _again(
    entry: Entry,
    found: tuple[list[Span], list[str], list[str]],
    make: Make,
    where: str,
    said_in: tuple[int, int],
) -> Entry:
    """The entry made again with its moved words editorial, and a note for each way they went,
    with the clause that says them in the later version (words lost) and in the earlier one
    (words gained)."""
    spans, lost, gained = found
    group = Group(entry.left, entry.right, entry.similarity * 100, entry.moved, entry.rewritten)
    again = make(group, spans)
    notes = []
    if lost:
        words = "".join(lost).strip()
        note = f"moved to {where}: {_quote(lost)}"
        notes.append(Change(kind="editorial", left=words, note=note, said_in=said_in[0]))
    if gained:
        words = "".join(gained).strip()
        note = f"moved from {where}: {_quote(gained)}"
        notes.append(Change(kind="editorial", right=words, note=note, said_in=said_in[1]))
    if again.editorial:
        # Nothing else changed: the notes say why, in place of the generic editorial one.
        again.changes = [c for c in again.changes if c.kind != "editorial"]
    again.changes += notes
    return again


def _quote(pieces: list[str]) -> str:
    words = " ".join(" ".join(p.split()) for p in pieces).strip(" ,;，；")
    if len(words) > QUOTE_CHARS:
        words = words[: QUOTE_CHARS - 1].rstrip() + "…"
    return f"“{words}”"


__all__ = ["changed_letters", "in_step", "mark_moved_words"]
