"""Align: two clause lists → groups of corresponding clauses, with moves.

``aligner`` runs the pairing passes (exact, in gaps, anywhere, splits and merges); ``chains``
finds the order-preserving chains that anchor the gaps and tell which clauses moved.
"""

from __future__ import annotations

from diffsvc.engine.align.aligner import Group, align

__all__ = ["Group", "align"]
