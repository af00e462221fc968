"""Text → Document: repair artifacts, find language sections, segment clauses, compute match keys.

``repair`` cuts the text into paragraphs (pinyin annotations, wraps and invisible characters
mended), ``markers`` reads the numbering that opens a paragraph, ``segment`` turns paragraphs
into clauses with languages, sections, nesting, kinds and match keys. The stage is a pure
function of the text and its options, stable under repetition: normalising the joined clause
texts of a Document again yields the same clauses (a property test holds it to that).
"""

from __future__ import annotations

from diffsvc.engine.normalize.repair import clean_input, paragraphs
from diffsvc.engine.normalize.segment import build_clauses
from diffsvc.models import Document, SourceInfo


def normalize(
    text: str,
    *,
    join_wraps: bool = True,
    repair_pinyin: bool = True,
    label: str | None = None,
    source: SourceInfo | None = None,
) -> Document:
    """Normalise a statement's text into an ordered list of clauses.

    :param text: the statement, as pasted or as read from a file.
    :param join_wraps: join hard-wrapped lines back into paragraphs.
    :param repair_pinyin: drop pinyin annotations scraped after Chinese characters.
    :param label: the user's name for this document ("2023"), kept in ``source.label``.
    :param source: where the text came from (format, encoding), as ingest found it.

    >>> doc = normalize("一、加強(qiáng)合作。\\n二、擴大交流。")
    >>> [(c.label, c.text, c.normalized) for c in doc.clauses]
    [('一、', '加強合作。', '加强合作.'), ('二、', '擴大交流。', '扩大交流.')]
    """
    paras, repairs = paragraphs(
        clean_input(text), join_wraps=join_wraps, repair_pinyin=repair_pinyin
    )
    clauses, sections = build_clauses(paras)
    info = source.model_copy() if source is not None else SourceInfo()
    if label is not None:
        info.label = label
    info.repairs = {k: v for k, v in sorted(repairs.items()) if v}
    return Document(clauses=clauses, sections=sections, source=info)
