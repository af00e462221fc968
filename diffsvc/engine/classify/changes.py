"""What kind of change an entry is: numbers, commitment strength, renumbering, editorial.

Readers of joint statements look first for three things: did a number or date change, did a
commitment get stronger or weaker ("will establish" → "will explore", 建立 → 探索), and is a change
only editorial. The lexicons below are short on purpose: they name the verbs that carry
commitment in this genre, strongest first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from diffsvc.engine.classify.quantities import quantity_changes
from diffsvc.models import Change, Clause, Entry, Op
from diffsvc.text.keys import nfkc

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

DESCRIBED = (Op.modified, Op.split, Op.merged)  # the ops classify() has facts about


def _modal_terms(text: str) -> list[tuple[str, int]]:
    text = _MONTH_MAY.sub(" ", text)  # "May 13 to 16, 2024" is a date, not a hedge
    found = [(w, _MODALITY_EN[w.lower()]) for w in _WORD.findall(text) if w.lower() in _MODALITY_EN]
    simple = nfkc(text)
    return found + [(w, v) for w, v in _MODALITY_ZH.items() if w in simple]


def renumbering(left_label: str | None, right_label: str | None) -> list[Change]:
    """The change of an unchanged clause whose label changed, the only change it can have.

    >>> [c.note for c in renumbering("3.", "4.")]
    ['renumbered 3. → 4.']
    >>> renumbering("3.", "3."), renumbering(None, "1.")
    ([], [])
    """
    if left_label is None or right_label is None or left_label == right_label:
        return []
    note = f"renumbered {left_label} → {right_label}"
    return [Change(kind="renumbered", left=left_label, right=right_label, note=note)]


def classify(entry: Entry, left: Sequence[Clause], right: Sequence[Clause]) -> list[Change]:
    """Facts about a modified, split or merged entry's change, in a fixed order."""
    if entry.op not in DESCRIBED:
        return []
    if entry.editorial:
        note = "editorial only: punctuation, width, case, whitespace or script"
        return [Change(kind="editorial", note=note)]
    deleted = "".join(s.left for s in entry.spans if s.op != "equal")
    inserted = "".join(s.right for s in entry.spans if s.op != "equal")
    old_text, new_text = "\n".join(c.text for c in left), "\n".join(c.text for c in right)
    changes = quantity_changes(old_text, new_text, entry.spans)
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
