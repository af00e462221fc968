"""What kind of change an entry is: numbers, commitment strength, renumbering, editorial; and the
plain-words summary at the top of every comparison.

Readers of joint statements look first for three things: did a number or date change, did a
commitment get stronger or weaker ("will establish" → "will explore", 建立 → 探索), and is a change
only editorial. The lexicons below are short on purpose: they name the verbs that carry
commitment in this genre, strongest first.
"""

from __future__ import annotations

import operator
import re
from collections import Counter
from collections.abc import Sequence
from typing import Literal, TypedDict

from diffsvc.engine.normalize.markers import cn_number
from diffsvc.models import Change, Clause, Document, Entry, Op, Summary
from diffsvc.text.keys import nfkc

_NUMBER = re.compile(
    r"(?<![A-Za-z\-])\d+(?:[.,]\d+)*%?|[零〇一二三四五六七八九十百千万亿两]+(?=[次年届个项条%])"
)

_NUMBER_HINT = re.compile(r"[\d０-９零〇一二三四五六七八九十百千万亿两]")

# Commitment strength: 3 binding, 2 firm intent, 1 exploratory.
_MODALITY_EN: dict[str, int] = {
    "shall": 3,
    "must": 3,
    "will": 2,
    "commit": 3,
    "committed": 3,
    "agree": 2,
    "agreed": 2,
    "establish": 2,
    "ensure": 3,
    "implement": 2,
    "strengthen": 2,
    "continue": 2,
    "should": 1,
    "may": 1,
    "explore": 1,
    "consider": 1,
    "study": 1,
    "discuss": 1,
    "seek": 1,
    "aim": 1,
    "endeavour": 1,
    "endeavor": 1,
    "encourage": 1,
    "pilot": 1,
}
_MODALITY_ZH: dict[str, int] = {
    "必须": 3,
    "确保": 3,
    "应当": 3,
    "将": 2,
    "建立": 2,
    "落实": 2,
    "加强": 2,
    "推动": 2,
    "坚持": 2,
    "继续": 2,
    "探索": 1,
    "研究": 1,
    "考虑": 1,
    "探讨": 1,
    "视情": 1,
    "争取": 1,
    "鼓励": 1,
    "推进": 2,
}
_WORD = re.compile(r"[A-Za-z]+")
# The month: next to a day or a year ("May 13", "13 May", "May 2024"), or after "in"/"of".
_MONTH_MAY = re.compile(r"\bMay\b(?=,?\s+\d)|(?<=\d)\s+May\b|(?<=\b(?:in|of)) May\b")
_LANG_NAMES = {"zh": "Chinese", "en": "English", "und": "Other"}


def _numbers(text: str) -> Counter[str]:
    # Chinese numerals count by value, so 过去3年 → 过去一年 reads "3 → 1".
    found = _NUMBER.findall(nfkc(text))
    return Counter(str(v) if (v := cn_number(n)) is not None else n for n in found)


def _numeric(number: str) -> tuple[float, str]:
    """Sort key reading "1,000.5" as a number, so a change lists 4 25 28 2023, not 2023 25 28 4."""
    try:
        return (float(number.replace(",", "").rstrip("%")), number)
    except ValueError:
        return (float("inf"), number)


def _modal_terms(text: str) -> list[tuple[str, int]]:
    if "May" in text:
        text = _MONTH_MAY.sub(" ", text)  # "May 13 to 16, 2024" is a date, not a hedge
    found = [(w, _MODALITY_EN[w.lower()]) for w in _WORD.findall(text) if w.lower() in _MODALITY_EN]
    if not text.isascii():  # the Chinese terms cannot occur in ASCII text
        simple = nfkc(text)
        found += [(w, v) for w, v in _MODALITY_ZH.items() if w in simple]
    return found


class RenumberedData(TypedDict):
    """A renumbering ``Change``'s fields, built with its entry (see ``diff._built``)."""

    kind: Literal["renumbered"]
    left: str
    right: str
    note: str


def renumbering(left_label: str | None, right_label: str | None) -> list[RenumberedData]:
    """The change of an unchanged clause whose label changed, the only change it can have.

    >>> [c["note"] for c in renumbering("3.", "4.")]
    ['renumbered 3. → 4.']
    >>> renumbering("3.", "3."), renumbering(None, "1.")
    ([], [])
    """
    if left_label is None or right_label is None or left_label == right_label:
        return []
    note = f"renumbered {left_label} → {right_label}"
    return [{"kind": "renumbered", "left": left_label, "right": right_label, "note": note}]


DESCRIBED = (Op.modified, Op.split, Op.merged)  # the ops classify() has facts about


def classify(entry: Entry, left: Sequence[Clause], right: Sequence[Clause]) -> list[Change]:
    """Facts about a modified, split or merged entry's change, in a fixed order."""
    changes: list[Change] = []
    if entry.op not in DESCRIBED:
        return changes
    if entry.editorial:
        changes.append(
            Change(
                kind="editorial",
                note="editorial only: punctuation, width, case, whitespace or script",
            )
        )
        return changes
    deleted = "".join(s.left for s in entry.spans if s.op != "equal")
    inserted = "".join(s.right for s in entry.spans if s.op != "equal")
    old_text = "\n".join(c.text for c in left)
    new_text = "\n".join(c.text for c in right)
    lost: Counter[str] = Counter()
    gained: Counter[str] = Counter()
    if _NUMBER_HINT.search(deleted) or _NUMBER_HINT.search(inserted):
        before, after = _numbers(old_text), _numbers(new_text)
        lost, gained = before - after, after - before
    if lost or gained:
        old = " ".join(sorted(lost.elements(), key=_numeric))
        new = " ".join(sorted(gained.elements(), key=_numeric))
        changes.append(
            Change(
                kind="number",
                left=old or None,
                right=new or None,
                note=f"numbers changed: {old or '—'} → {new or '—'}",
            )
        )
    modality = _modality(_modal_terms(deleted), _modal_terms(inserted))
    if modality is not None:
        changes.append(modality)
    return changes


def _modality(old: list[tuple[str, int]], new: list[tuple[str, int]]) -> Change | None:
    """A commitment change: a stronger verb replaced by a weaker one, a hedge added or dropped."""
    if old and new:
        before, after = max(old, key=lambda t: t[1]), max(new, key=lambda t: t[1])
        if before[1] == after[1]:
            return None
        direction = "weakened" if after[1] < before[1] else "strengthened"
        return Change(
            kind="modality",
            left=before[0],
            right=after[0],
            note=f"commitment {direction}: {before[0]} → {after[0]}",
        )
    hedges_dropped = [w for w, v in old if v == 1]
    hedges_added = [w for w, v in new if v == 1]
    if hedges_dropped:
        return Change(
            kind="modality",
            left=hedges_dropped[0],
            right=None,
            note=f"commitment strengthened: “{hedges_dropped[0]}” dropped",
        )
    if hedges_added:
        return Change(
            kind="modality",
            left=None,
            right=hedges_added[0],
            note=f"commitment weakened: “{hedges_added[0]}” added",
        )
    return None


_ALWAYS_SUBSTANTIVE = frozenset((Op.added, Op.removed, Op.split, Op.merged))
_KIND = operator.attrgetter("language", "op", "moved", "renumbered", "editorial")
_CHANGES = operator.attrgetter("changes")
_LANGUAGE = operator.attrgetter("language")


def summarize(entries: Sequence[Entry], left: Document, right: Document) -> Summary:
    """Counts by op and a plain-words digest, language by language."""
    # A long comparison has tens of thousands of entries, nearly all alike: they are counted by
    # kind in C (a few dozen kinds), and the counts by op, language and flag come from those.
    kinds = Counter(map(_KIND, entries))
    totals: Counter[str] = Counter()
    by_language: dict[str, Counter[str]] = {}
    for (language, op, moved, renumbered, editorial), n in kinds.items():
        mine = by_language.setdefault(language, Counter())
        totals[op] += n
        mine[op] += n
        if moved:
            totals["moved"] += n
            mine["moved"] += n
        if renumbered:
            totals["renumbered"] += n
        if editorial:
            totals["editorial"] += n
            if op == Op.modified:
                mine["editorial"] += n
        if op in _ALWAYS_SUBSTANTIVE or (op == Op.modified and not editorial):
            totals["substantive"] += n
    numbers = weakened = 0
    for e in filter(_CHANGES, entries):
        asymmetric = False
        for ch in e.changes:
            if ch.kind == "number":
                numbers += 1
            elif ch.kind == "modality" and "weakened" in ch.note:
                weakened += 1
            elif ch.kind == "asymmetric":
                asymmetric = True
        totals["asymmetric"] += asymmetric
    # Every right clause is in exactly one entry, of the clause's own language.
    right_clauses = Counter(map(_LANGUAGE, right.clauses))
    summary = Summary(
        **{op.value: totals[op.value] for op in Op},
        moved=totals["moved"],
        renumbered=totals["renumbered"],
        editorial=totals["editorial"],
        substantive=totals["substantive"],
        asymmetric=totals["asymmetric"],
    )
    parts = []
    for lang in sorted(by_language):
        c = by_language[lang]
        words = [
            f"{c[op]} {op}" for op in ("modified", "added", "removed", "split", "merged") if c[op]
        ]
        if c["moved"]:
            words.append(f"{c['moved']} moved")
        if c["editorial"]:
            words.append(f"{c['editorial']} of the modified only editorial")
        body = ", ".join(words) if words else "no change"
        parts.append(f"{_LANG_NAMES[lang]} ({right_clauses[lang]} clauses): {body}.")
    if summary.substantive == 0:
        parts.insert(0, "No substantive change.")
    else:
        lead = f"{summary.substantive} substantive change" + (
            "s" if summary.substantive != 1 else ""
        )
        extra = []
        if numbers:
            extra.append(f"{numbers} with changed numbers")
        if weakened:
            extra.append(f"{weakened} with weaker commitments")
        if summary.asymmetric:
            extra.append(f"{summary.asymmetric} in one language only")
        parts.insert(0, lead + (f" ({', '.join(extra)})" if extra else "") + ".")
    summary.text = " ".join(parts)
    return summary
