"""compare(left, right) → Comparison: normalise, align, inline diff, classify, in that order.

Entries come out in reading order of the new version: each entry stands where its right-hand
clauses are, and a removed clause stands right after the unmoved entry that preceded it on the
left, before anything added there. Output is a pure function of the inputs and options, so the
same comparison always serialises to the same bytes.
"""

from __future__ import annotations

import time
from bisect import bisect_left
from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import Any

from rapidfuzz import fuzz

from diffsvc import errors
from diffsvc.engine.align import Group, align
from diffsvc.engine.classify import (
    SAME_WORDS_NOTE,
    all_routine,
    classify,
    flag_asymmetric,
    flag_translation_numbers,
    in_review,
    notation_spans,
    note_said_elsewhere,
    over_years,
    renumbering,
    summarize,
)
from diffsvc.engine.ingest import load
from diffsvc.engine.inline import change_span, diff_spans
from diffsvc.engine.moved_words import changed_letters, in_step, mark_moved_words
from diffsvc.engine.normalize import normalize
from diffsvc.models import (
    Change,
    Clause,
    CompareOptions,
    Comparison,
    Document,
    Entry,
    Op,
    Span,
    Version,
)
from diffsvc.text.keys import fold_key, strict_key
from diffsvc.version import __version__


def as_document(side: str | Document, max_clauses: int | None) -> Document:
    """A version as a Document: text read as pasted text is everywhere, refused when empty or
    over the clause cap. ``series`` reads its versions through it too."""
    if isinstance(side, Document):
        doc = side
    else:
        # Text is read as pasted text is everywhere else (HTML, Markdown or plain text).
        doc = load(side, max_bytes=None) if side.strip() else normalize(side)
    if not doc.clauses:
        raise errors.EmptyInput("A document is empty: there is no text to compare.")
    if max_clauses is not None and len(doc.clauses) > max_clauses:
        raise errors.TooManyClauses(
            f"A document has {len(doc.clauses)} clauses; this service compares at most "
            f"{max_clauses} per document."
        )
    return doc


def _order(groups: Sequence[Group]) -> list[Group]:
    anchors = sorted(
        (min(g.left), max(g.right)) for g in groups if g.left and g.right and not g.moved
    )
    starts = [left_pos for left_pos, _ in anchors]
    reach = list(accumulate((r for _, r in anchors), max))  # furthest right index so far

    def key(g: Group) -> tuple[int, int, int]:
        if g.right:
            return (min(g.right), 1, min(g.left) if g.left else -1)
        first = min(g.left)
        k = bisect_left(starts, first)  # anchors that start before this clause
        return (reach[k - 1] if k else -1, 2, first)

    # Removed clauses sort after the anchor they followed (phase 2 > 1) and before what was added
    # after that anchor (whose right index is larger).
    return sorted(groups, key=key)


def _after(doc: Document, clauses: list[int]) -> str:
    """The text of the clause after an entry's last one in a document ("" at its end)."""
    nxt = max(clauses) + 1 if clauses else len(doc.clauses)
    return doc.clauses[nxt].text if nxt < len(doc.clauses) else ""


def _entry(
    group: Group,
    left: Document,
    right: Document,
    options: CompareOptions,
    reviews: tuple[list[bool], list[bool]],
    years: tuple[list[bool], list[bool]],
    spans: list[Span] | None = None,
) -> Entry:
    """One entry of the comparison; ``reviews`` says which clauses of each side stand in a
    review of the past (``in_review``), ``years`` in a review of five years (``over_years``).
    ``spans``, when given, is the entry's inline diff as a later pass cut it."""
    lc, rc = [left.clauses[i] for i in group.left], [right.clauses[j] for j in group.right]
    ltext, rtext = "\n".join(c.text for c in lc), "\n".join(c.text for c in rc)
    if not rc:
        op, spans = Op.removed, [change_span(ltext, "")] if ltext else []
    elif not lc:
        op, spans = Op.added, [change_span("", rtext)] if rtext else []
    else:
        if len(lc) > 1:
            op = Op.merged
        elif len(rc) > 1:
            op = Op.split
        else:
            op = Op.unchanged if lc[0].normalized == rc[0].normalized else Op.modified
        if spans is None:
            spans = _inline(ltext, rtext, options)
        if op in (Op.split, Op.merged):
            spans = _numbering_kept(spans, rc if op == Op.split else lc, op)
    changed = [s for s in spans if s.op != "equal"]
    if op == Op.unchanged:
        similarity = 1.0
    elif op in (Op.added, Op.removed):
        similarity = 0.0
    else:
        similarity = round(group.score / 100, 4)
    # The same words set in more or fewer paragraphs (a PDF copy that lost a paragraph break,
    # a paragraph cut in two as it stood) differ only where the paragraphs break: editorial,
    # like a line wrapped elsewhere. The break itself is an editorial span.
    regrouped = op in (Op.split, Op.merged)
    editorial = ((bool(changed) and op in (Op.unchanged, Op.modified)) or regrouped) and all(
        s.editorial for s in changed
    )
    entry = Entry(
        op=op,
        left=group.left,
        right=group.right,
        language=(lc or rc)[0].language,
        moved=group.moved,
        # Paired by its role, but only a change of case or punctuation ("HEALTH" → "Health"):
        # the wording is the same, nothing was rewritten.
        rewritten=group.rewritten and op in (Op.modified, Op.split, Op.merged) and not editorial,
        editorial=editorial,
        similarity=similarity,
        spans=spans,
    )
    renumbered = renumbering(lc[0].label, rc[0].label) if len(lc) == len(rc) == 1 else []
    following = (_after(left, group.left), _after(right, group.right))
    review = all(reviews[0][i] for i in group.left) and all(reviews[1][j] for j in group.right)
    periods = (all(years[0][i] for i in group.left), all(years[1][j] for j in group.right))
    entry.changes = renumbered + classify(entry, lc, rc, following, review=review, years=periods)
    entry.renumbered = bool(renumbered)
    entry.routine = entry.substantive and all_routine(entry.spans, entry.changes)
    return entry


def _inline(ltext: str, rtext: str, options: CompareOptions) -> list[Span]:
    """The inline diff of two texts, a figure's notation read as editorial where the amount
    stays the same."""
    return notation_spans(ltext, rtext, diff_spans(ltext, rtext, options.zh_granularity))


def _numbering_kept(spans: list[Span], parts: Sequence[Clause], op: Op) -> list[Span]:
    """Spans of a split or merge with a part's own number, said inside the one clause's text
    where the parts meet, marked editorial: a copy that ran paragraph 2 into paragraph 1 keeps
    "2." in the words ("… under its investment law. 2. Cambodia shall …"), and numbering is
    editorial. ``parts`` are the clauses of the side with several."""
    numbers = {strict_key(c.label) for c in parts[1:] if c.label} - {""}
    if not numbers:
        return spans
    breaks, at = [], 0
    for part in parts[:-1]:
        at += len(part.text)
        breaks.append(at)
        at += 1  # the line feed the parts are joined with
    kept, at = [], 0
    for span in spans:
        said, here = (span.right, span.left) if op == Op.merged else (span.left, span.right)
        if (
            not span.editorial
            and not here.strip()
            and strict_key(said) in numbers
            and any(b - 2 <= at <= b + 1 for b in breaks)
        ):
            span = span.model_copy(update={"editorial": True})
        kept.append(span)
        at += len(here)
    return kept


REGROUPED_ENTRIES = 4  # most neighbouring entries read together as one regrouped stretch


def _regrouped(
    entries: list[Entry],
    left: Document,
    right: Document,
    options: CompareOptions,
    check: Callable[[], None],
    make: Callable[[Group], Entry],
) -> None:
    """Mark editorial each run of neighbouring entries that together say the same words, only
    paragraphed differently. A copy that broke a paragraph after a sentence and ran the rest
    into the next one (G7 2024 copied out of its PDF: "…on which those projects rely." / "We
    will continue our efforts to reduce Russia's revenues from metals. Ukraine's
    reconstruction…") pairs as a paragraph that lost a sentence and a merge that gained it.
    Each entry alone changed its words; read together, nothing did. A split or merge says one
    paragraph became several; this says the breaks between several moved.

    Where the aligner paired such a run as a split and a paragraph removed ("A. B." / "C."
    against "A." / "B. C.": A split into "A." and "B. C.", C gone), or a merge and one added,
    no words were removed or added: the run's paragraphs are paired again in order, one to
    one but for the last, which takes what is left (``make`` builds the entries)."""
    key = _key_of(left, right)
    # Only entries whose wording changed at an edge can have gained or lost a neighbour's words:
    # a 10,000-clause pair has thousands of entries and few such.
    substantive = [e.substantive for e in entries]
    edges = {k for k, e in enumerate(entries) if substantive[k] and _changed_at_edges(e)}
    starts = sorted({s for k in edges for s in range(max(0, k - REGROUPED_ENTRIES + 1), k + 1)})
    done = 0
    paired_again: list[tuple[int, int, list[Entry]]] = []
    for at in starts:
        if at < done or (substantive[at] and at not in edges):
            continue
        for size in range(2, REGROUPED_ENTRIES + 1):
            run = entries[at : at + size]
            last = at + size - 1
            if len(run) < size or (substantive[last] and last not in edges):
                break  # a change inside a paragraph: no break moved there
            if not in_step(run) or not all(_words_alone(e, left, right) for e in run):
                break
            if not edges.intersection(range(at, at + size)):
                continue
            lefts = [i for e in run for i in e.left]
            rights = [j for e in run for j in e.right]
            if "".join(key(0, i) for i in lefts) != "".join(key(1, j) for j in rights):
                continue
            check()
            ltext = "\n".join(left.clauses[i].text for i in lefts)
            rtext = "\n".join(right.clauses[j].text for j in rights)
            if all(s.editorial for s in _inline(ltext, rtext, options) if s.op != "equal"):
                if any(not e.left or not e.right for e in run):
                    run = [make(group) for group in _in_order(lefts, rights, key)]
                    paired_again.append((at, size, run))
                for entry in run:
                    if entry.substantive:
                        _mark_regrouped(entry)
                done = at + size
                break
    for at, size, run in reversed(paired_again):
        entries[at : at + size] = run


def _moved_and_changed(
    entries: list[Entry],
    left: Document,
    right: Document,
    check: Callable[[], None],
    make: Callable[[Group], Entry],
    moved: Callable[[list[Entry]], int],
) -> None:
    """Pair again, in order, two neighbouring entries the aligner read as a merge and a
    paragraph added (or a split and one removed) where a sentence moved across a paragraph
    break and something else changed too. "A." / "B. C." against "A. B." / "C. D." holds
    "A. B." whole on the right, so the aligner merged the first two paragraphs into it and
    called "C. D." added: A and C read as removed and added, though only D is new. Paired
    one to one, the moved sentence is told apart (``moved`` marks it) and D is the change.
    Kept only where words moved and the entries then call fewer letters changed."""
    for k in range(len(entries) - 1):
        run = entries[k : k + 2]
        ops = {e.op for e in run}
        if not (ops & {Op.added, Op.removed} and ops & {Op.split, Op.merged}):
            continue
        if not in_step(run) or not all(_words_alone(e, left, right) for e in run):
            continue
        check()
        lefts = [i for e in run for i in e.left]
        rights = [j for e in run for j in e.right]
        again = [make(group) for group in _in_order(lefts, rights, _key_of(left, right))]
        if moved(again) and changed_letters(again) < changed_letters(run):
            entries[k : k + 2] = again


def _key_of(left: Document, right: Document) -> Callable[[int, int], str]:
    """A clause's words alone, by side and place, each read once: what runs of entries are
    compared on, and ``_in_order`` pairs by."""
    keys: dict[tuple[int, int], str] = {}

    def key(side: int, k: int) -> str:
        if (side, k) not in keys:
            keys[(side, k)] = fold_key((left if side == 0 else right).clauses[k].normalized)
        return keys[(side, k)]

    return key


def _words_alone(entry: Entry, left: Document, right: Document) -> bool:
    """Whether an entry's clauses, if it adds or removes them, are words alone: a heading or
    an item numbered on its own ("Annex II", with no text) is structure added or removed,
    whatever its neighbours say."""
    if entry.left and entry.right:
        return True
    clauses = [left.clauses[i] for i in entry.left] + [right.clauses[j] for j in entry.right]
    return all(c.text.strip() and not c.label for c in clauses)


def _in_order(lefts: list[int], rights: list[int], key: Callable[[int, int], str]) -> list[Group]:
    """Clauses that say the same words between them, paired in order: one to one, the last of
    the side with fewer taking the rest of the other."""
    n = min(len(lefts), len(rights))
    groups = [([i], [j]) for i, j in zip(lefts[: n - 1], rights[: n - 1], strict=True)]
    groups.append((lefts[n - 1 :], rights[n - 1 :]))
    return [
        Group(ls, rs, fuzz.ratio("".join(key(0, i) for i in ls), "".join(key(1, j) for j in rs)))
        for ls, rs in groups
    ]


def _changed_at_edges(entry: Entry) -> bool:
    """Whether an entry's wording changed only at its start or its end, as where a paragraph
    break moved: words gone to the next paragraph or come from the one before."""
    spans = entry.spans
    first, last = 0, len(spans)
    while first < last and spans[first].op != "equal":
        first += 1
    while last > first and spans[last - 1].op != "equal":
        last -= 1
    return all(s.op == "equal" or s.editorial for s in spans[first:last])


def _mark_regrouped(entry: Entry) -> None:
    entry.editorial = True
    entry.rewritten = False
    entry.routine = False
    entry.spans = [
        s if s.op == "equal" or s.editorial else s.model_copy(update={"editorial": True})
        for s in entry.spans
    ]
    entry.changes = [c for c in entry.changes if c.kind == "renumbered"] + [
        Change(kind="editorial", note=SAME_WORDS_NOTE)
    ]


def compare(
    left: str | Document,
    right: str | Document,
    *,
    options: CompareOptions | None = None,
    deadline: float | None = None,
    max_clauses: int | None = None,
    **option_values: Any,
) -> Comparison:
    """Compare two versions of a statement clause by clause.

    :param left: the earlier version, as text or as a normalised Document. Text is read the way
        the web form and the API read pasted text, and the command line a file: recognised as
        HTML, Markdown or plain text (``diffsvc.read``), so the same text gives the same result
        everywhere; a Markdown agreement's ``**``, ``<span>`` and ``\\(b\\)`` are markup, not
        changes. Plain text is normalised as given. To compare text exactly as written, pass
        ``diffsvc.normalize(text)``.
    :param right: the later version.
    :param options: tuning options; keyword arguments (``match_threshold=0.7``) override them.
    :param deadline: a ``time.monotonic()`` value past which the comparison is abandoned with
        ``TimeBudgetExceeded``.
    :param max_clauses: refuse documents with more clauses than this (``TooManyClauses``).

    >>> result = compare("1. We will establish a mechanism.", "1. We will explore a mechanism.")
    >>> [(e.op.value, [(s.op, s.left, s.right) for s in e.spans if s.op != "equal"])
    ...  for e in result.alignment]
    [('modified', [('replace', 'establish', 'explore')])]
    """
    opts = CompareOptions.model_validate((options or CompareOptions()).model_dump() | option_values)

    def check() -> None:
        if deadline is not None and time.monotonic() > deadline:
            raise errors.TimeBudgetExceeded(
                "The comparison took longer than this service allows; try smaller documents."
            )

    ldoc, rdoc = as_document(left, max_clauses), as_document(right, max_clauses)
    check()
    entries = []
    reviews = in_review(ldoc), in_review(rdoc)
    years = over_years(ldoc), over_years(rdoc)
    for n, group in enumerate(_order(align(ldoc.clauses, rdoc.clauses, opts, check=check))):
        if n % 64 == 0:
            check()
        entries.append(_entry(group, ldoc, rdoc, opts, reviews, years))

    def make(group: Group, spans: list[Span] | None = None) -> Entry:
        return _entry(group, ldoc, rdoc, opts, reviews, years, spans)

    def texts(entry: Entry) -> tuple[str, str]:
        return (
            "\n".join(ldoc.clauses[i].text for i in entry.left),
            "\n".join(rdoc.clauses[j].text for j in entry.right),
        )

    def moved(run: list[Entry]) -> int:
        return mark_moved_words(run, texts, lambda a, b: _inline(a, b, opts), make, check)

    _regrouped(entries, ldoc, rdoc, opts, check, make)
    _moved_and_changed(entries, ldoc, rdoc, check, make, moved)
    moved(entries)
    note_said_elsewhere(entries, ldoc, rdoc)
    flag_asymmetric(entries, ldoc, rdoc)
    flag_translation_numbers(entries, rdoc)
    return Comparison(
        version=Version(engine=__version__),
        left=ldoc,
        right=rdoc,
        alignment=entries,
        summary=summarize(entries, ldoc, rdoc),
        options=opts,
    )
