"""Ingest: uploaded bytes to plain text the normaliser understands, whatever the user brought.

``read`` sniffs the format from the content (``sniff``), hands the bytes to one reader per
format (``text``, ``html``, ``markdown``, ``pdf``, ``word`` for DOCX) and returns an
:class:`Ingested`. Every reader produces the same shape: one paragraph a line, blank lines
between paragraphs, and list or automatic numbering written back as a marker prefix (``1. ``,
``(a) ``, ``一、``) so the normaliser finds the labels exactly as in pasted text. ``load`` is
``read`` plus ``diffsvc.normalize``, with the source facts recorded on the document.

A Word file under review holds two texts; ``tracked`` chooses which is read (``final``, every
change accepted, or ``original``, every change rejected) and the revisions found are recorded
(``Ingested.tracked_changes``, then ``document.source.tracked_changes``), so no face of diffsvc
compares one of them silently. Other formats have no tracked changes and ignore the choice.

Everything a user can get wrong raises a :class:`diffsvc.errors.DiffsvcError` subclass naming
the problem; every reader works in bounded time and memory (size caps before parsing, page and
entry caps inside containers). No web framework is imported here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from diffsvc.engine.ingest import html, markdown, pdf, sniff, word
from diffsvc.engine.ingest.charset import decode
from diffsvc.engine.normalize import normalize
from diffsvc.errors import BrokenFile, DiffsvcError, EmptyInput, TooLarge
from diffsvc.models import TRACKED_STATES, Document, SourceInfo, TrackedChanges, TrackedState

__all__ = ["Ingested", "load", "read", "to_document"]

DEFAULT_MAX_BYTES = 5_000_000


@dataclass(frozen=True)
class Ingested:
    """What ingest made of an upload: the text to normalise and how it was read."""

    text: str
    format: str
    encoding: str | None = None
    tracked_changes: TrackedChanges | None = None


def read(
    data: bytes,
    filename: str | None = None,
    *,
    tracked: TrackedState = "final",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Ingested:
    """Read an upload of any supported format into plain text.

    ``filename`` is accepted for symmetry with :func:`load`; the format is recognised from the
    content, never from the name. ``tracked`` chooses the text of a Word file with tracked
    changes: ``"final"`` (every change accepted, the default) or ``"original"`` (every change
    rejected); anything else is a ``ValueError``.

    >>> read("一、保持沟通。\\r\\n".encode("gb18030"))
    Ingested(text='一、保持沟通。\\n', format='text', encoding='gb18030', tracked_changes=None)
    """
    del filename  # the name is not evidence: see diffsvc.engine.ingest.sniff
    if tracked not in TRACKED_STATES:
        choices = " or ".join(repr(state) for state in TRACKED_STATES)
        raise ValueError(f"tracked must be {choices}, not {tracked!r}.")
    if len(data) > max_bytes:
        raise TooLarge(f"The file is {len(data):,} bytes; the limit is {max_bytes:,} bytes.")
    if not data.strip():
        raise EmptyInput("The file is empty: there is no text to compare.")
    try:
        result = _dispatch(data, tracked)
    except DiffsvcError:
        raise
    except Exception as error:
        # Readers translate every failure we have seen (tests fuzz them with damaged files), but
        # hostile input reaching third-party parsers can raise anything; a user still gets a
        # 4xx naming the problem, never a 500. The cause stays chained for the logs.
        raise BrokenFile(f"The file could not be read ({type(error).__name__}).") from error
    if not result.text.strip():
        raise EmptyInput(f"The {result.format} file contains no text to compare.")
    return result


def _dispatch(data: bytes, tracked: TrackedState) -> Ingested:
    kind = sniff.container(data)
    if kind == "pdf":
        return Ingested(pdf.extract(data), "pdf")
    if kind == "docx":
        text, revisions = word.extract(data, tracked=tracked)
        return Ingested(text, "docx", tracked_changes=revisions)
    text, encoding = decode(data)
    flavour = sniff.text_kind(text)
    if flavour == "html":
        return Ingested(html.extract(text), "html", encoding)
    if flavour == "markdown":
        return Ingested(markdown.extract(text), "markdown", encoding)
    return Ingested(text, "text", encoding)


def load(
    data: bytes,
    filename: str | None = None,
    *,
    label: str | None = None,
    tracked: TrackedState = "final",
    max_bytes: int = DEFAULT_MAX_BYTES,
    **normalize_options: Any,
) -> Document:
    """Read an upload and normalise it into a :class:`~diffsvc.models.Document`.

    ``document.source`` records the user's ``label``, the ``filename``, the detected format and
    encoding, and a Word file's tracked changes with the state ``tracked`` chose (see
    :func:`read`); ``normalize_options`` go to :func:`diffsvc.normalize`.

    >>> load("1. Cooperate.\\n".encode(), "a.txt", label="2023").source.format
    'text'
    """
    ingested = read(data, filename, tracked=tracked, max_bytes=max_bytes)
    return to_document(ingested, filename, label=label, **normalize_options)


def to_document(
    ingested: Ingested, filename: str | None = None, *, label: str | None = None, **options: Any
) -> Document:
    """Normalise what :func:`read` made of an upload, recording how it was read.

    >>> to_document(Ingested("1. Cooperate.", "html", "utf-8"), "a.html").source.encoding
    'utf-8'
    """
    source = SourceInfo(
        filename=filename,
        format=ingested.format,
        encoding=ingested.encoding,
        tracked_changes=ingested.tracked_changes,
    )
    return normalize(ingested.text, label=label, source=source, **options)
