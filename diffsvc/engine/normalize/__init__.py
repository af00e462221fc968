"""Text → Document: repair artifacts, find language sections, segment clauses, compute match keys.

The stage is a pure function of the text and its options. Its output is stable under repetition:
normalising the joined clause texts of a Document again yields the same clauses (a property test
holds it to that).
"""

from __future__ import annotations

from diffsvc.engine.gcpause import gc_paused
from diffsvc.engine.normalize.repair import clean_input, paragraphs
from diffsvc.engine.normalize.seen import Seen
from diffsvc.engine.normalize.segment import build_clauses, detect_language
from diffsvc.models import Document, SourceInfo
from diffsvc.text.keys import match_key, strict_key, to_simplified

__all__ = ["Seen", "detect_language", "match_key", "normalize", "strict_key", "to_simplified"]


def normalize(
    text: str,
    *,
    join_wraps: bool = True,
    repair_pinyin: bool = True,
    label: str | None = None,
    source: SourceInfo | None = None,
    seen: Seen | None = None,
) -> Document:
    """Normalise a statement's text into an ordered list of clauses.

    :param text: the statement, as pasted or as read from a file.
    :param join_wraps: join hard-wrapped lines back into paragraphs.
    :param repair_pinyin: drop pinyin annotations scraped after Chinese characters.
    :param label: the user's name for this document ("2023"), kept in ``source.label``.
    :param source: where the text came from (format, encoding), as ingest found it.
    :param seen: what normalising other versions of the statement learnt (``Seen``), shared
        by the calls for a series of versions, as ``compare`` shares one for its two sides: a
        paragraph or clause met before is not parsed, detected or keyed again. The result is
        the same with or without it.

    >>> doc = normalize("一、加強(qiáng)合作。\\n二、擴大交流。")
    >>> [(c.label, c.text, c.normalized) for c in doc.clauses]
    [('一、', '加強合作。', '加强合作.'), ('二、', '擴大交流。', '扩大交流.')]
    """
    with gc_paused():
        cleaned = clean_input(text)
        seen = seen if seen is not None else Seen()
        paras, repairs = paragraphs(
            cleaned, join_wraps=join_wraps, repair_pinyin=repair_pinyin, heads=seen.heads
        )
        clauses, sections = build_clauses(paras, seen)
    info = source.model_copy() if source is not None else SourceInfo()
    if label is not None:
        info.label = label
    info.repairs = {k: v for k, v in sorted(repairs.items()) if v}
    return Document(clauses=clauses, sections=sections, source=info)
