"""The plain-words summary at the top of every comparison, and its counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from diffsvc.models import LANGUAGE_NAMES, Document, Entry, Language, Op, Summary

_ALWAYS_SUBSTANTIVE = (Op.added, Op.removed, Op.split, Op.merged)
_OPS_IN_WORDS = (Op.modified, Op.added, Op.removed, Op.split, Op.merged)


def summarize(entries: Sequence[Entry], left: Document, right: Document) -> Summary:
    """Counts by op and a plain-words digest, language by language."""
    summary = Summary()
    by_language: dict[Language, Counter[str]] = {}
    numbers = weakened = strengthened = 0
    for e in entries:
        mine = by_language.setdefault(e.language, Counter())
        setattr(summary, e.op.value, getattr(summary, e.op.value) + 1)
        mine[e.op.value] += 1
        if e.moved:
            summary.moved += 1
            mine["moved"] += 1
        summary.renumbered += e.renumbered
        if e.editorial:
            summary.editorial += 1
            mine["editorial"] += e.op == Op.modified
        if e.op in _ALWAYS_SUBSTANTIVE or (e.op == Op.modified and not e.editorial):
            summary.substantive += 1
        kinds = [c.kind for c in e.changes]
        numbers += "number" in kinds
        weakened += any(c.kind == "modality" and "weakened" in c.note for c in e.changes)
        strengthened += any(c.kind == "modality" and "strengthened" in c.note for c in e.changes)
        summary.asymmetric += "asymmetric" in kinds
    # Every right clause is in exactly one entry, of the clause's own language.
    right_clauses = Counter(c.language for c in right.clauses)
    parts = []
    for lang in sorted(by_language):
        c = by_language[lang]
        words = [f"{c[op.value]} {op.value}" for op in _OPS_IN_WORDS if c[op.value]]
        if c["moved"]:
            words.append(f"{c['moved']} moved")
        if c["editorial"]:
            words.append(f"{c['editorial']} of the modified only editorial")
        body = ", ".join(words) if words else "no change"
        parts.append(f"{LANGUAGE_NAMES[lang]} ({right_clauses[lang]} clauses): {body}.")
    if summary.substantive == 0:
        parts.insert(0, "No substantive change.")
    else:
        plural = "s" if summary.substantive != 1 else ""
        extra = []
        if numbers:
            extra.append(f"{numbers} with changed numbers")
        if weakened:
            extra.append(f"{weakened} with weaker commitments")
        if strengthened:
            extra.append(f"{strengthened} with stronger commitments")
        if summary.asymmetric:
            extra.append(f"{summary.asymmetric} in one language only")
        detail = f" ({', '.join(extra)})" if extra else ""
        parts.insert(0, f"{summary.substantive} substantive change{plural}{detail}.")
    summary.text = " ".join(parts)
    return summary
