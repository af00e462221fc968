"""Classify and summarise: what kind of change each entry is, and the comparison in plain words.

``changes`` labels one entry (numbers, commitment strength, renumbering, editorial),
``bilingual`` checks a bilingual statement's two languages against each other, ``summary``
counts and describes the whole comparison.
"""

from __future__ import annotations

from diffsvc.engine.classify.bilingual import flag_asymmetric, flag_translation_numbers
from diffsvc.engine.classify.changes import classify, renumbering
from diffsvc.engine.classify.summary import summarize

__all__ = ["classify", "flag_asymmetric", "flag_translation_numbers", "renumbering", "summarize"]
