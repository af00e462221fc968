"""series(versions) → Series: every clause's life through several versions of one statement.

Each version is compared with the next by ``compare``; an entry that pairs clauses across a step
ties them into one thread (a split or merge ties all its parts: the thread branches or joins).
A thread that ends and one that starts a few versions later are one thread when their texts are
as alike as a moved clause must be (``move_threshold``): a paragraph dropped for a year and
brought back is a return, not a removal plus an addition. Threads are then ordered as the
latest version reads, each ended thread right after the one it followed where it last stood.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence

from rapidfuzz import fuzz, process

from diffsvc import errors
from diffsvc.engine.pipeline import as_document, compare
from diffsvc.models import (
    MAX_VERSIONS,
    WORDING_EVENTS,
    CompareOptions,
    Document,
    Entry,
    Op,
    Series,
    Step,
    Thread,
    ThreadCell,
    ThreadEvent,
    Version,
)
from diffsvc.version import __version__

# How many versions a clause may be missing and still be recognised when it comes back.
MAX_GAP = 5
# Which event names a step into a version, when several entries carry the thread there: the
# most telling one wins.
EVENT_ORDER: tuple[ThreadEvent, ...] = (
    "split",
    "merged",
    "modified",
    "moved",
    "renumbered",
    "editorial",
    "unchanged",
)

Node = tuple[int, int]  # (version, clause)


class _Threads:
    """Union-find over (version, clause) nodes."""

    def __init__(self, sizes: Sequence[int]) -> None:
        self.parent: dict[Node, Node] = {
            (v, c): (v, c) for v, n in enumerate(sizes) for c in range(n)
        }

    def find(self, node: Node) -> Node:
        root = node
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node] != root:  # path compression
            self.parent[node], node = root, self.parent[node]
        return root

    def union(self, a: Node, b: Node) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The earlier node stays the root, so a thread is named by its first clause.
            self.parent[max(ra, rb)] = min(ra, rb)


def _step_event(entry: Entry) -> ThreadEvent:
    if entry.op == Op.split:
        return "split"
    if entry.op == Op.merged:
        return "merged"
    if entry.op == Op.modified and not entry.editorial:
        return "modified"
    if entry.moved:
        return "moved"
    if entry.renumbered:
        return "renumbered"
    if entry.editorial:
        return "editorial"
    return "unchanged"


def _labelled(doc: Document, label: str | None) -> Document:
    if label is None:
        return doc
    return doc.model_copy(update={"source": doc.source.model_copy(update={"label": label})})


def series(
    versions: Sequence[str | Document],
    *,
    labels: Sequence[str] | None = None,
    options: CompareOptions | None = None,
    deadline: float | None = None,
    max_clauses: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Series:
    """Compare each version with the next and thread every clause through them all.

    :param versions: two to fifty versions, oldest first, as text or normalised Documents.
    :param labels: a name for each version ("2021", "2022"), in the same order.
    :param progress: called with (steps done, steps in all) after each comparison.

    >>> s = series(["1. Meet.\\n2. Talk.", "1. Meet.", "1. Meet.\\n2. Talk."])
    >>> [[c.event for c in t.cells] for t in s.threads]
    [['first', 'unchanged', 'unchanged'], ['first', 'removed', 'returned']]
    >>> [(t.first, t.changed, t.last) for t in s.threads]  # back in the same words: still from 0
    [(0, 0, 2), (0, 0, 2)]
    """
    if len(versions) < 2:
        raise errors.InvalidRequest("A series needs at least two versions.")
    if len(versions) > MAX_VERSIONS:
        raise errors.InvalidRequest(
            f"A series has at most {MAX_VERSIONS} versions; this one has {len(versions)}."
        )
    if labels is not None and len(labels) != len(versions):
        raise errors.InvalidRequest(
            f"There are {len(labels)} labels for {len(versions)} versions; give one per version."
        )
    opts = options or CompareOptions()
    docs = []
    for k, version in enumerate(versions):
        try:
            doc = as_document(version, max_clauses)
        except errors.DiffsvcError as error:
            name = labels[k] if labels else f"Version {k + 1}"
            raise error.for_side(name) from None
        docs.append(_labelled(doc, labels[k] if labels else None))
    steps = []
    for k in range(len(docs) - 1):
        comparison = compare(docs[k], docs[k + 1], options=opts, deadline=deadline)
        steps.append(
            Step(left=k, right=k + 1, alignment=comparison.alignment, summary=comparison.summary)
        )
        if progress is not None:
            progress(k + 1, len(docs) - 1)
    if deadline is not None and time.monotonic() > deadline:
        raise errors.TimeBudgetExceeded("The series took longer than this service allows.")
    threads = _thread(docs, steps, opts, deadline)
    return Series(
        version=Version(engine=__version__),
        versions=docs,
        steps=steps,
        threads=threads,
        options=opts,
    )


def _thread(
    docs: Sequence[Document],
    steps: Sequence[Step],
    opts: CompareOptions,
    deadline: float | None = None,
) -> list[Thread]:
    sizes = [len(d.clauses) for d in docs]
    uf = _Threads(sizes)
    # Where each right clause of a step came from: the entry that carries it.
    carried: list[dict[int, int]] = []
    for step in steps:
        into: dict[int, int] = {}
        for n, entry in enumerate(step.alignment):
            nodes = [(step.left, i) for i in entry.left] + [(step.right, j) for j in entry.right]
            for node in nodes[1:]:
                uf.union(nodes[0], node)
            for j in entry.right:
                into[j] = n
        carried.append(into)
    members = _members(uf, sizes)
    _bring_back(uf, members, docs, opts, deadline)
    members = _members(uf, sizes)
    cells_of = {root: _cells(root, held, docs, steps, carried) for root, held in members.items()}
    order = _order(docs, uf, members)
    threads = []
    for number, root in enumerate(order):
        cells = cells_of[root]
        present = [v for v, cell in enumerate(cells) if cell.clauses]
        changed = max(v for v in present if _reworded(docs, cells, present, v))
        threads.append(
            Thread(id=number, cells=cells, first=present[0], changed=changed, last=present[-1])
        )
    return threads


def _reworded(
    docs: Sequence[Document], cells: Sequence[ThreadCell], present: Sequence[int], v: int
) -> bool:
    """Whether the thread's wording in version ``v`` is new there. A clause back after a gap
    in the words it had before is not: its wording dates from before the gap."""
    cell = cells[v]
    if cell.event != "returned":
        return cell.event in WORDING_EVENTS
    before = max(p for p in present if p < v)

    def key(version: int) -> list[str]:
        return [docs[version].clauses[c].normalized for c in cells[version].clauses]

    return key(before) != key(v)


def _members(uf: _Threads, sizes: Sequence[int]) -> dict[Node, list[list[int]]]:
    """Each thread's clauses, version by version."""
    held: dict[Node, list[list[int]]] = {}
    for v, n in enumerate(sizes):
        for c in range(n):
            root = uf.find((v, c))
            held.setdefault(root, [[] for _ in sizes])[v].append(c)
    return held


def _bring_back(
    uf: _Threads,
    members: dict[Node, list[list[int]]],
    docs: Sequence[Document],
    opts: CompareOptions,
    deadline: float | None = None,
) -> None:
    """Join a thread that ends to one that starts a few versions later: best pairs first, each
    thread once. Across one missing version (a paragraph skipped for a year, a special release
    between two regular ones) the two versions are compared as any pair is, so a rewritten
    paragraph comes back by its role as well as its words; across longer gaps the texts must be
    as alike as a moved clause must be."""

    def text(held: list[list[int]], v: int) -> str:
        return "\n".join(docs[v].clauses[c].normalized for c in held[v])

    ends: dict[int, list[Node]] = {}
    starts: dict[int, list[Node]] = {}
    for root, held in members.items():
        present = [v for v, clauses in enumerate(held) if clauses]
        if present[-1] < len(docs) - 2:
            ends.setdefault(present[-1], []).append(root)
        if present[0] > 1:
            starts.setdefault(present[0], []).append(root)
    cutoff = opts.move_threshold * 100
    pairs: list[tuple[float, int, Node, Node]] = []
    for end, enders in ends.items():
        queries = [text(members[r], end) for r in enders]
        over = end + 2
        if starts.get(over):
            # The pair's own comparison: a score above any text ratio, for it saw more.
            at_end = {c: r for r in enders for c in members[r][end]}
            at_start = {c: r for r in starts[over] for c in members[r][over]}
            left, left_at = _excerpt(docs[end], at_end)
            right, right_at = _excerpt(docs[over], at_start)
            skipped = compare(left, right, options=opts, deadline=deadline)
            for entry in skipped.alignment:
                found = {at_end[left_at[c]] for c in entry.left}
                back = {at_start[right_at[c]] for c in entry.right}
                pairs += [(200 + entry.similarity, -over, a, b) for a in found for b in back]
        for start in range(end + 2, min(end + 2 + MAX_GAP, len(docs))):
            starters = starts.get(start, [])
            if not starters:
                continue
            choices = [text(members[r], start) for r in starters]
            # extract, not cdist: cdist hands back a numpy array, and numpy is no dependency.
            for a, query in enumerate(queries):
                alike = process.extract(
                    query, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
                )
                for _, score, b in alike:
                    # Ties go to the shorter gap, then document order: deterministic.
                    pairs.append((float(score), -start, enders[a], starters[b]))
    used_end: set[Node] = set()
    used_start: set[Node] = set()
    for _, _, ender, starter in sorted(pairs, key=lambda p: (-p[0], -p[1], p[2], p[3])):
        if ender in used_end or starter in used_start:
            continue
        used_end.add(ender)
        used_start.add(starter)
        uf.union(ender, starter)


def _excerpt(doc: Document, keep: Iterable[int]) -> tuple[Document, list[int]]:
    """The clauses ``keep`` of ``doc`` as a document of their own, and where each came from.

    Comparing only the clauses that ended with those that started two versions later costs a
    fraction of comparing the whole versions again, and pairs nothing else by mistake."""
    kept = sorted(keep)
    clauses = [
        doc.clauses[c].model_copy(update={"index": k, "parent": None, "counterpart": None})
        for k, c in enumerate(kept)
    ]
    return Document(clauses=clauses, source=doc.source), kept


def _cells(
    root: Node,
    held: list[list[int]],
    docs: Sequence[Document],
    steps: Sequence[Step],
    carried: Sequence[dict[int, int]],
) -> list[ThreadCell]:
    cells = [ThreadCell(clauses=held[0], event="first" if held[0] else "absent")]
    seen = bool(held[0])
    for v in range(1, len(docs)):
        clauses, before = held[v], held[v - 1]
        if not clauses:
            cells.append(ThreadCell(clauses=[], event="removed" if before else "absent"))
            continue
        if not before:
            cells.append(ThreadCell(clauses=clauses, event="returned" if seen else "added"))
            seen = True
            continue
        entries = sorted({carried[v - 1][c] for c in clauses if c in carried[v - 1]})
        alignment = steps[v - 1].alignment
        events = {_step_event(alignment[n]) for n in entries}
        event = next((e for e in EVENT_ORDER if e in events), "unchanged")
        cells.append(
            ThreadCell(clauses=clauses, event=event, entry=entries[0] if entries else None)
        )
        seen = True
    return cells


def _order(
    docs: Sequence[Document], uf: _Threads, members: dict[Node, list[list[int]]]
) -> list[Node]:
    """Threads as the latest version reads; a thread absent from it goes right after the
    thread that preceded it in the last version it was in (or first, if nothing did)."""
    last = len(docs) - 1
    placed: set[Node] = set()
    top: list[Node] = []
    after: dict[Node | None, list[Node]] = {}
    for c in range(len(docs[last].clauses)):
        root = uf.find((last, c))
        if root not in placed:
            placed.add(root)
            top.append(root)
    for v in range(last - 1, -1, -1):
        previous: Node | None = None
        for c in range(len(docs[v].clauses)):
            root = uf.find((v, c))
            if root not in placed:
                placed.add(root)
                after.setdefault(previous, []).append(root)
            previous = root
    order: list[Node] = []

    def emit(node: Node | None) -> None:
        stack = list(reversed(after.get(node, [])))
        while stack:
            current = stack.pop()
            order.append(current)
            stack.extend(reversed(after.get(current, [])))

    emit(None)
    for root in top:
        order.append(root)
        emit(root)
    assert len(order) == len(members)
    return order
