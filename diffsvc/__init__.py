"""diffsvc: what changed between two years of an agreement, clause by clause, Chinese and English.

Public names: ``normalize(text) -> Document`` and ``compare(left, right) -> Comparison``; the
models live in ``diffsvc.models``. Importing the package has no side effects and pulls in no web
framework.
"""

from __future__ import annotations

from diffsvc.diff import compare
from diffsvc.normalize import normalize
from diffsvc.version import __version__

__all__ = ["__version__", "compare", "normalize"]
