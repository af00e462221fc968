"""The comparison's counts and its plain-words summary, computed once for every face to read.

Every entry counts once under its op; moved, renumbered and editorial are flags an entry may
carry besides. An entry *changed* if its wording, position or numbering did: those are the
changes a reader steps through, and the summary's first sentence accounts for all of them —
substantive ones first, then the ones only moved, renumbered or editorial.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from diffsvc.engine.classify.routine import ROUTINE_KINDS
from diffsvc.models import LANGUAGE_NAMES, Change, Clause, Document, Entry, Language, Op, Summary

_OPS_IN_WORDS = (Op.modified, Op.added, Op.removed, Op.split, Op.merged)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summarize(entries: Sequence[Entry], left: Document, right: Document) -> Summary:
    """Counts by op and flag, runs of renumbering, and a plain-words digest by language."""
    summary = Summary()
    by_language: dict[Language, Counter[str]] = {}
    numbers = weakened = strengthened = voted = 0
    routine_kinds: set[str] = set()
    for e in entries:
        mine = by_language.setdefault(e.language, Counter())
        setattr(summary, e.op.value, getattr(summary, e.op.value) + 1)
        mine[e.op.value] += 1
        for flag in ("moved", "renumbered"):
            if getattr(e, flag):
                setattr(summary, flag, getattr(summary, flag) + 1)
                mine[flag] += 1
        if e.editorial:
            summary.editorial += 1
            mine[f"editorial {e.op.value}"] += 1
        summary.substantive += e.substantive
        summary.routine += e.routine
        summary.changed += e.changed
        kinds = {c.kind for c in e.changes}
        summary.asymmetric += "asymmetric" in kinds
        if e.routine:  # said apart: "besides 2 routine changes (meeting number, dates)"
            routine_kinds.update(c.quantity or c.kind for c in e.changes if c.routine)
            continue
        numbers += "number" in kinds
        voted += any(c.kind == "vote" and not c.routine for c in e.changes)
        # A commitment dropped leaves a paragraph committing to less, one added to more: said
        # apart in its note ("commitment dropped: 推动开展线索协查"), counted with the weaker and
        # the stronger here.
        weakened += any(_says(c, "weakened", "dropped") for c in e.changes)
        strengthened += any(_says(c, "strengthened", "added") for c in e.changes)
    left_clauses = Counter(c.language for c in left.clauses)
    right_clauses = Counter(c.language for c in right.clauses)
    parts = [_lead(summary, numbers, weakened, strengthened, voted, routine_kinds)]
    for lang in sorted(by_language):
        c = by_language[lang]
        words = [
            f"{c[op.value]} {op.value}" + _same_words(c[f"editorial {op.value}"], op)
            for op in _OPS_IN_WORDS
            if c[op.value]
        ]
        words += [f"{c[flag]} {flag}" for flag in ("moved", "renumbered") if c[flag]]
        if c["editorial modified"]:
            words.append(f"{c['editorial modified']} of the modified only editorial")
        before, after = left_clauses[lang], right_clauses[lang]
        sizes = (
            f"{_plural(after, 'clause')} on each side"
            if before == after
            else f"{before} → {_plural(after, 'clause')}"
        )
        body = ", ".join(words) if words else "no change"
        mine_entries = [e for e in entries if e.language == lang]
        runs = renumbering_runs(mine_entries, left, right)
        summary.renumbering += runs
        sections = section_moves(mine_entries, left, right)
        summary.section_moves += sections
        body = "; ".join([body, *sections, *runs])
        parts.append(f"{LANGUAGE_NAMES[lang]} ({sizes}): {body}.")
    summary.text = " ".join(parts)
    return summary


def _same_words(n: int, op: Op) -> str:
    """How many of the splits (or merges) only paragraph the same words differently."""
    return f" ({n} with the same words)" if n and op in (Op.split, Op.merged) else ""


def _says(change: Change, strength: str, task: str) -> bool:
    return change.kind == "modality" and (
        change.note.startswith(f"commitment {strength}:")
        or change.note.startswith(f"commitment {task}:")
    )


def _lead(
    summary: Summary,
    numbers: int,
    weakened: int,
    strengthened: int,
    voted: int,
    routine_kinds: set[str],
) -> str:
    """The first sentence: every change, substantive ones first, routine ones said apart."""
    others = summary.changed - summary.substantive
    rest = f"{_plural(others, 'more change')} only moved, renumbered or editorial" if others else ""
    if summary.changed == 0:
        return "No change."
    if summary.substantive == 0:
        return f"No substantive change; {rest.replace(' more ', ' ', 1)}."
    extra = []
    if numbers:
        extra.append(f"{numbers} with changed numbers")
    if weakened:
        extra.append(f"{weakened} with weaker commitments")
    if strengthened:
        extra.append(f"{strengthened} with stronger commitments")
    if voted:
        extra.append(f"{voted} with changed votes")
    if summary.asymmetric:
        extra.append(f"{summary.asymmetric} in one language only")
    detail = f" ({', '.join(extra)})" if extra else ""
    others = summary.substantive - summary.routine
    lead = f"{_plural(others, 'substantive change')}{detail}" if others else ""
    if summary.routine:
        kinds = dict.fromkeys(ROUTINE_KINDS[k] for k in ROUTINE_KINDS if k in routine_kinds)
        routine = f"{_plural(summary.routine, 'routine change')} ({', '.join(kinds)})"
        lead = f"{lead} besides {routine}" if lead else f"No substantive change besides {routine}"
    return f"{lead}; {rest}." if rest else f"{lead}."


def renumbering_runs(entries: Sequence[Entry], left: Document, right: Document) -> list[str]:
    """Runs of clauses one insertion or removal renumbered, each said once.

    Consecutive renumbered entries whose numbers moved by the same step form a run; an item
    added (or removed) just before it on its level is named as the cause.

    >>> from diffsvc import compare
    >>> compare("1. A a.\\n2. B b.\\n3. C c.", "1. A a.\\n2. New one.\\n3. B b.\\n4. C c."
    ...         ).summary.renumbering
    ['items 2–3 renumbered 3–4 after the new item 2']
    """
    runs: list[list[tuple[Clause, Clause]]] = []
    previous: tuple[Clause, Clause] | None = None
    for e in entries:
        pair = _numbered_pair(e, left, right)
        if pair is not None and previous is not None and _continues(previous, pair):
            runs[-1].append(pair)
        elif pair is not None:
            runs.append([pair])
        previous = pair
    out = []
    causes = _causes(entries, left, right)
    for run in (r for r in runs if len(r) > 1):
        (first_old, first_new), (last_old, last_new) = run[0], run[-1]
        words = (
            f"items {first_old.ordinal}–{last_old.ordinal} renumbered "
            f"{first_new.ordinal}–{last_new.ordinal}"
        )
        cause = _cause(causes, first_old, first_new)
        out.append(f"{words} {cause}".strip())
    return out


def _numbered_pair(e: Entry, left: Document, right: Document) -> tuple[Clause, Clause] | None:
    if not e.renumbered:
        return None
    old, new = left.clauses[e.left[0]], right.clauses[e.right[0]]
    if old.ordinal is None or new.ordinal is None:
        return None
    return old, new


def _continues(previous: tuple[Clause, Clause], pair: tuple[Clause, Clause]) -> bool:
    """Whether a renumbered pair goes on the run ending in ``previous``: the next item on the
    same level, renumbered by the same step."""
    (old_a, new_a), (old_b, new_b) = previous, pair
    assert old_a.ordinal is not None and new_a.ordinal is not None
    assert old_b.ordinal is not None and new_b.ordinal is not None
    return (
        old_a.level == old_b.level
        and new_b.ordinal == new_a.ordinal + 1
        and new_b.ordinal - old_b.ordinal == new_a.ordinal - old_a.ordinal
    )


def _causes(
    entries: Sequence[Entry], left: Document, right: Document
) -> dict[tuple[str, int, int], str]:
    """What can start a run, by (where, level, number): an item added at a later number, removed
    at an earlier one, or moved to or from one."""
    causes: dict[tuple[str, int, int], str] = {}
    for e in entries:
        was = left.clauses[e.left[0]] if e.left else None
        now = right.clauses[e.right[0]] if e.right else None
        if e.op == Op.added and now is not None and now.ordinal is not None:
            causes.setdefault(("new", now.level, now.ordinal), f"after the new item {now.ordinal}")
        if e.op == Op.removed and was is not None and was.ordinal is not None:
            words = f"after item {was.ordinal} was removed"
            causes.setdefault(("old", was.level, was.ordinal), words)
        if (
            e.moved
            and was is not None
            and now is not None
            and None not in (was.ordinal, now.ordinal)
        ):
            words = f"after item {was.ordinal} moved to {now.ordinal}"
            causes.setdefault(("new", now.level, now.ordinal or 0), words)
            causes.setdefault(("old", was.level, was.ordinal or 0), words)
    return causes


def _cause(causes: dict[tuple[str, int, int], str], old: Clause, new: Clause) -> str:
    """The cause of a run, if an entry says so: "after the new item 3", "after item 3 was
    removed", "after item 5 moved to 3"."""
    assert old.ordinal is not None and new.ordinal is not None
    step = new.ordinal - old.ordinal
    if step > 0:
        return causes.get(("new", new.level, new.ordinal - step), "")
    return causes.get(("old", old.level, old.ordinal + step), "")


def section_moves(entries: Sequence[Entry], left: Document, right: Document) -> list[str]:
    """A heading that moved with the clauses under it is one move, said once: "（三） moved to
    （一） with the 4 clauses under it". A clause counts as carried when it moved and its parent
    moved with it, the parent's entry pairing the parents of both sides.
    """
    moved = {e.left[0]: e for e in entries if e.moved and len(e.left) == 1 and len(e.right) == 1}
    carried: Counter[int] = Counter()  # left index of the moved heading -> clauses under it
    for e in moved.values():
        root = None
        here = e
        while True:
            parent = left.clauses[here.left[0]].parent
            up = moved.get(parent) if parent is not None else None
            if up is None or up.right[0] != right.clauses[here.right[0]].parent:
                break
            root, here = parent, up
        if root is not None:
            carried[root] += 1
    phrases = []
    for root, n in sorted(carried.items()):
        e = moved[root]
        before, after = left.clauses[root], right.clauses[e.right[0]]
        name = before.label or f"“{before.text[:20]}”"
        where = f" to {after.label}" if after.label and after.label != before.label else ""
        under = "the clause under it" if n == 1 else f"the {n} clauses under it"
        phrases.append(f"{name} moved{where} with {under}")
    return phrases
