"""Spans -> marked fragments: the one place that turns an entry's inline diff into display runs.

Why separate from render.py: cutting span text back into per-clause pieces is the subtle part of
presenting a diff (a split or merged entry joins its clauses with a newline, and one span may
straddle that newline), so it lives alone with doctests. A fragment list that does not rebuild
the clause texts exactly is rejected rather than shown with a wrong highlight.
"""

from __future__ import annotations

from collections.abc import Sequence

from diffsvc.models import Entry, Op, Span
from diffsvc.views.contexts import Fragment, Mark


def side_pieces(spans: Sequence[Span], side: str) -> list[Fragment]:
    """The fragments of one side of an entry, in order, newlines between clauses included.

    >>> [f.mark for f in side_pieces([Span(op="equal", left="a", right="a"),
    ...                               Span(op="replace", left="b", right="c")], "left")]
    ['same', 'del']
    """
    changed: Mark = "del" if side == "left" else "ins"
    out: list[Fragment] = []
    for span in spans:
        text = span.left if side == "left" else span.right
        if text:
            mark: Mark = "same" if span.op == "equal" else changed
            out.append(Fragment(text=text, mark=mark, editorial=span.editorial))
    return out


def cut_by_clause(pieces: Sequence[Fragment], texts: Sequence[str]) -> list[list[Fragment]] | None:
    """Cut fragments of ``"\\n".join(texts)`` into one fragment list per clause.

    Returns None when the pieces do not rebuild the texts, so the caller can fall back to
    showing whole clauses rather than a wrong highlight.

    >>> [[f.text for f in c] for c in cut_by_clause(
    ...     [Fragment(text="ab\\nc", mark="same", editorial=False)], ["ab", "c"])]
    [['ab'], ['c']]
    """
    if "".join(p.text for p in pieces) != "\n".join(texts):
        return None
    bounds: list[tuple[int, int]] = []
    pos = 0
    for text in texts:
        bounds.append((pos, pos + len(text)))
        pos += len(text) + 1
    result: list[list[Fragment]] = [[] for _ in texts]
    pos = 0
    for piece in pieces:
        start, end = pos, pos + len(piece.text)
        for k, (lo, hi) in enumerate(bounds):
            a, b = max(start, lo), min(end, hi)
            if a < b:
                part = piece.text[a - start : b - start]
                result[k].append(piece.model_copy(update={"text": part}))
        pos = end
    return result


def inline_fragments(entry: Entry, left: Sequence[str], right: Sequence[str]) -> list[Fragment]:
    """One-column redline of an entry: deletions then insertions for each replaced run.

    >>> e = Entry(op=Op.modified, left=[0], right=[0], language="en", similarity=0.5,
    ...           spans=[Span(op="replace", left="will establish", right="may explore")])
    >>> [(f.mark, f.text) for f in inline_fragments(e, ["will establish"], ["may explore"])]
    [('del', 'will establish'), ('ins', 'may explore')]
    """
    if not entry.spans:
        if entry.op == Op.removed:
            return [Fragment(text="\n".join(left), mark="del", editorial=False)]
        if entry.op == Op.added:
            return [Fragment(text="\n".join(right), mark="ins", editorial=False)]
        if entry.op == Op.unchanged:
            return [Fragment(text="\n".join(right or left), mark="same", editorial=False)]
        return [
            Fragment(text="\n".join(left), mark="del", editorial=entry.editorial),
            Fragment(text="\n".join(right), mark="ins", editorial=entry.editorial),
        ]
    out: list[Fragment] = []
    for span in entry.spans:
        if span.op == "equal":
            out.append(Fragment(text=span.right or span.left, mark="same", editorial=False))
            continue
        if span.left:
            out.append(Fragment(text=span.left, mark="del", editorial=span.editorial))
        if span.right:
            out.append(Fragment(text=span.right, mark="ins", editorial=span.editorial))
    return out
