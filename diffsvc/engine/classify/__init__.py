"""Classify and summarise: what kind of change each entry is, and the comparison in plain words.

``changes`` labels one entry (numbers, commitment strength, renumbering, editorial; its
quantities are read by ``quantities``, what is routine by ``routine``),
``bilingual`` checks a bilingual statement's two languages against each other, ``summary``
counts and describes the whole comparison.
"""

from __future__ import annotations

from diffsvc.engine.classify.bilingual import flag_asymmetric, flag_translation_numbers
from diffsvc.engine.classify.changes import (
    SAME_WORDS_NOTE,
    classify,
    in_review,
    over_years,
    renumbering,
)
from diffsvc.engine.classify.elsewhere import note_said_elsewhere
from diffsvc.engine.classify.quantities import notation_spans
from diffsvc.engine.classify.routine import all_routine
from diffsvc.engine.classify.summary import summarize

__all__ = [
    "SAME_WORDS_NOTE",
    "all_routine",
    "classify",
    "flag_asymmetric",
    "flag_translation_numbers",
    "in_review",
    "notation_spans",
    "note_said_elsewhere",
    "over_years",
    "renumbering",
    "summarize",
]
