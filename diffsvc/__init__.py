"""diffsvc: what changed between two years of an agreement, clause by clause, Chinese and English.

Public names: ``compare(left, right) -> Comparison``, ``series(versions, labels=...) -> Series``
(every clause threaded through several versions), ``normalize(text) -> Document``, and for
files ``read(data, filename) -> Ingested`` (bytes of any supported format, or pasted text, to
text) and ``load(data, filename) -> Document`` (read, then normalise). ``compare`` reads a text
side as the web form and the API read pasted text: recognised as HTML, Markdown or plain text,
so the same input gives the same result everywhere; ``normalize`` reads its text as plain text.
The models are in ``diffsvc.models``, the errors in ``diffsvc.errors``. Importing the package
has no side effects and pulls in no web framework.
"""

from __future__ import annotations

from diffsvc.engine.ingest import Ingested, load, read
from diffsvc.engine.normalize import normalize
from diffsvc.engine.pipeline import compare
from diffsvc.engine.series import series
from diffsvc.version import __version__

__all__ = ["Ingested", "__version__", "compare", "load", "normalize", "read", "series"]
