"""Checks across the two languages of a bilingual statement.

A bilingual statement says everything twice, and readers trust the version they read. Two things
deserve a flag: a clause whose Chinese changed between the years while its English did not (or
the reverse), and numbers that disagree between a clause and its translation in one document
(2024 in the Chinese, 2023 in the English). Counterparts come from normalisation
(``Clause.counterpart``: by numbering, then by order within each kind of clause).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from diffsvc.models import LANGUAGE_NAMES, Change, Clause, Document, Entry, Op
from diffsvc.text.numerals import numbers

_ANY_DIGIT = re.compile(r"\d")


def _entry_of(entries: Sequence[Entry]) -> tuple[dict[int, Entry], dict[int, Entry]]:
    by_left = {i: e for e in entries for i in e.left}
    by_right = {j: e for e in entries for j in e.right}
    return by_left, by_right


def _has_counterparts(doc: Document) -> bool:
    return any(c.counterpart is not None for c in doc.clauses)


def _changed(entry: Entry) -> bool:
    return entry.op != Op.unchanged and not entry.editorial


def flag_asymmetric(entries: Sequence[Entry], left: Document, right: Document) -> None:
    """Add an ``asymmetric`` change to entries whose translation did not change alike."""
    if not (_has_counterparts(left) or _has_counterparts(right)):
        return  # neither document is bilingual
    by_left, by_right = _entry_of(entries)
    for entry in entries:
        if not _changed(entry) or entry.op in (Op.added, Op.removed):
            continue
        twins: dict[int, Entry] = {}
        for side, found, indices in ((left, by_left, entry.left), (right, by_right, entry.right)):
            for k in indices:
                twin_index = side.clauses[k].counterpart
                twin = found.get(twin_index) if twin_index is not None else None
                if twin is not None:
                    twins[id(twin)] = twin
        if twins and not any(_changed(t) for t in twins.values()):
            mine = LANGUAGE_NAMES[entry.language]
            other = "English" if entry.language == "zh" else "Chinese"
            entry.changes.append(
                Change(kind="asymmetric", note=f"the {mine} changed but the {other} did not")
            )


def _numbers(text: str) -> set[str]:
    """The numbers written in digits, separators and percent signs dropped. Single digits and
    Chinese numerals are too often spelled out in the other language ("April", "three") to
    compare."""
    found = (n.replace(",", "").rstrip("%") for n in numbers(text, chinese=False))
    return {n for n in found if len(n) > 1}


def number_mismatch(clause: Clause, clauses: Sequence[Clause]) -> Change | None:
    """Numbers that one language of a document has and its translation lacks.

    >>> from diffsvc import normalize
    >>> doc = normalize("一、2024年举行会晤。\\n1. The meeting was held in 2023.")
    >>> number_mismatch(doc.clauses[0], doc.clauses).note
    'numbers differ from the English: 2024 here, 2023 there'
    """
    if clause.counterpart is None:
        return None
    twin = clauses[clause.counterpart]
    if not (_ANY_DIGIT.search(clause.text) or _ANY_DIGIT.search(twin.text)):
        return None
    mine, theirs = _numbers(clause.text), _numbers(twin.text)
    if mine == theirs:
        return None
    only_here = " ".join(sorted(mine - theirs)) or "—"
    only_there = " ".join(sorted(theirs - mine)) or "—"
    name = LANGUAGE_NAMES[twin.language]
    return Change(
        kind="translation",
        left=only_here,
        right=only_there,
        note=f"numbers differ from the {name}: {only_here} here, {only_there} there",
    )


def flag_translation_numbers(entries: Sequence[Entry], right: Document) -> None:
    """Flag, on the new version's clauses, numbers that disagree with their translation."""
    if not _has_counterparts(right):
        return
    for entry in entries:
        for j in entry.right:
            change = number_mismatch(right.clauses[j], right.clauses)
            if change is not None:
                entry.changes.append(change)
