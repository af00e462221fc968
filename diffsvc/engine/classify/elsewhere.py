"""Figures a paragraph dropped (or added) that the other version still says elsewhere.

A rewritten report moves sentences between paragraphs: 2022's "今年拟安排地方政府专项债券3.65万亿
元" left the investment paragraph, which still pairs with 2021's, for a new paragraph on
government investment. The pair's note "拟安排地方政府专项债券 3.65万亿元 dropped" is true of the
paragraph and false of the report; an analyst who reads it as a cut has been misled. Each such
note says where the other version says the figure, with the same words before it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from diffsvc.models import Document, Entry

# The most dropped or added figures a comparison looks up: each costs one pass over the other
# version's text, and a pasted table of thousands of figures must not cost thousands of passes.
MAX_LOOKUPS = 200
SCAN_CHARS = 50_000_000  # characters all lookups together may read
MAX_MATCHES = 20  # occurrences of one figure read for its words, in reading order
_SLACK = 8  # characters beyond a context's own that may stand between it and the figure
_CONTEXT_CHARS = 3  # the fewest characters of context that say what a figure is
_CONTEXT_WORDS = 2  # the fewest English words that do
# Where an occurrence continues a longer number ("13.65万亿元" for "3.65万亿元") it is another.
_NUMBER_CHAR = re.compile(r"[\d.]")


class _Text:
    """A document's clauses joined into one text, to be searched at C speed, with where each
    clause starts."""

    def __init__(self, doc: Document) -> None:
        self.text = "\n".join(c.text for c in doc.clauses)
        self.starts: list[int] = []
        at = 0
        for clause in doc.clauses:
            self.starts.append(at)
            at += len(clause.text) + 1

    def stretches(self, inside: Sequence[int]) -> list[tuple[int, int]]:
        """The stretches of the text outside clauses ``inside`` (an entry's): the only text a
        figure the entry dropped is looked for in, however long the entry's own clauses are."""
        found, at = [], 0
        for k in sorted(inside):
            if self.starts[k] > at:
                found.append((at, self.starts[k]))
            at = max(at, self.starts[k + 1] if k + 1 < len(self.starts) else len(self.text))
        if at < len(self.text):
            found.append((at, len(self.text)))
        return found

    def said_in(
        self, figure: str, context: str, stretches: Sequence[tuple[int, int]]
    ) -> int | None:
        """The first clause in ``stretches`` that says ``figure`` with the words of ``context``
        right before it (whatever the spaces between them)."""
        words = "".join(context.split())
        if not figure or len(words) < _CONTEXT_CHARS:
            return None  # "过去 一年", "连续 两年": words any paragraph may say
        if context.isascii() and len(context.split()) < _CONTEXT_WORDS:
            return None  # "within five years": a deadline any article may set
        reach = 2 * len(context) + _SLACK  # room for its spaces and a link or two
        matches = 0
        for start, stop in stretches:
            at = self.text.find(figure, start, stop)
            while at >= 0 and matches < MAX_MATCHES:
                matches += 1
                end = at + len(figure)
                k = bisect_right(self.starts, at) - 1
                if (
                    not (at and _NUMBER_CHAR.match(self.text, at - 1))
                    and not self.text[end : end + 1].isdigit()
                    and words in "".join(self.text[max(self.starts[k], at - reach) : at].split())
                ):
                    return k
                at = self.text.find(figure, end, stop)
        return None


def note_said_elsewhere(entries: Sequence[Entry], left: Document, right: Document) -> None:
    """Add to each note of a figure dropped from (or added to) a paired paragraph the clause of
    the other version that still says it (``Change.said_in``), and say so in the note."""
    texts: dict[int, _Text] = {}
    looked = scanned = 0
    for entry in entries:
        if not (entry.left and entry.right):
            continue
        for n, change in enumerate(entry.changes):
            if (
                change.kind != "number"
                or change.quantity == "ordinal"  # what it numbers follows it, not its context
                or (change.left is None) == (change.right is None)
            ):
                continue
            dropped = change.right is None
            figure = (change.left if dropped else change.right) or ""
            if change.note.startswith(figure):
                continue  # "2030 added Agenda": what it is follows it, as for an ordinal
            side, doc, own = (1, right, entry.right) if dropped else (0, left, entry.left)
            if side not in texts:
                texts[side] = _Text(doc)
            stretches = texts[side].stretches(own)
            scanned += sum(stop - start for start, stop in stretches)
            looked += 1
            if looked > MAX_LOOKUPS or scanned > SCAN_CHARS:
                return
            k = texts[side].said_in(figure, change.context or "", stretches)
            if k is None:
                continue
            version = "later" if dropped else "earlier"
            entry.changes[n] = change.model_copy(
                update={
                    "said_in": k,
                    # Named as the page names a clause: its place, whatever its label.
                    "note": f"{change.note} (said in ¶ {k + 1} of the {version} version)",
                }
            )


__all__ = ["note_said_elsewhere"]
