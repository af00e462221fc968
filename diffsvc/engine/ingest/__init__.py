"""Ingest: uploaded bytes or pasted text to plain text the normaliser understands.

``read`` sniffs the format from the content (``sniff``; a text file's name ending ``.md`` is a
hint), hands the bytes to one reader per format (``text``, ``html``, ``markdown``, ``pdf``,
``word`` for DOCX) and returns an :class:`Ingested`. Every reader produces the same shape: one
paragraph a line, blank lines between paragraphs, and list or automatic numbering written back
as a marker prefix (``1. ``, ``(a) ``, ``一、``) so the normaliser finds the labels exactly as in
plain text. ``load`` is ``read`` plus ``diffsvc.normalize``, with the source facts recorded on
the document.

Pasted text (a ``str``) takes the same road as an uploaded text file, from recognition on: a
Markdown agreement pasted into the form, sent as ``text`` to the API or handed to
``diffsvc.compare`` gives the clauses its uploaded file gives. Plain text is passed on as given.

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
from diffsvc.engine.ingest.charset import decode, pasted
from diffsvc.engine.normalize import normalize
from diffsvc.engine.normalize.repair import clean_input
from diffsvc.errors import (
    BrokenFile,
    DiffsvcError,
    EmptyInput,
    NoArticle,
    TooLarge,
    TooLargeWhat,
)
from diffsvc.models import (
    FORMAT_WORDS,
    TRACKED_STATES,
    Document,
    SourceInfo,
    TrackedChanges,
    TrackedState,
)

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
    data: bytes | str,
    filename: str | None = None,
    *,
    tracked: TrackedState = "final",
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> Ingested:
    """Read an upload of any supported format, or pasted text, into plain text.

    ``data`` is a file's bytes, or a ``str``: text as pasted, which is recognised exactly like an
    uploaded text file (HTML, Markdown or plain text, see ``sniff``), so pasting a document and
    uploading it give the same text; its ``encoding`` is ``None``. ``filename`` is a hint for
    text only: a name ending ``.md`` or ``.markdown`` reads as Markdown; a PDF or DOCX is
    recognised by its content whatever it is called. ``tracked`` chooses the text of a Word file
    with tracked changes: ``"final"`` (every change accepted, the default) or ``"original"``
    (every change rejected); anything else is a ``ValueError``. ``max_bytes=None`` sets no size
    limit.

    >>> read("一、保持沟通。\\r\\n".encode("gb18030"))
    Ingested(text='一、保持沟通。\\n', format='text', encoding='gb18030', tracked_changes=None)
    >>> read("**Preamble**\\n\\nThe Parties\\nagree.\\n").text
    'Preamble\\n\\nThe Parties agree.\\n'
    """
    if tracked not in TRACKED_STATES:
        choices = " or ".join(repr(state) for state in TRACKED_STATES)
        raise ValueError(f"tracked must be {choices}, not {tracked!r}.")
    what = "text" if isinstance(data, str) else "file"
    size = len(data.encode("utf-8", "surrogatepass")) if isinstance(data, str) else len(data)
    if max_bytes is not None and size > max_bytes:
        kind: TooLargeWhat = (
            "document" if isinstance(data, bytes) and sniff.is_document(data) else "text"
        )
        raise TooLarge(
            f"The {what} is {size:,} bytes; the limit is {max_bytes:,} bytes.", what=kind
        )
    if not data.strip():
        raise EmptyInput(f"The {what} is empty: there is no text to compare.")
    try:
        if isinstance(data, str):
            result = _text(pasted(data), None, filename)
            if result.format == "text":
                # Plain text is normalised as given, so clause offsets point into it; only what
                # no store can hold (a NUL, a lone surrogate) is replaced, one for one.
                result = Ingested(clean_input(data), "text")
        else:
            result = _dispatch(data, filename, tracked)
    except DiffsvcError:
        raise
    except Exception as error:
        # Readers translate every failure we have seen (tests fuzz them with damaged files), but
        # hostile input reaching third-party parsers can raise anything; a user still gets a
        # 4xx naming the problem, never a 500. The cause stays chained for the logs.
        raise BrokenFile(f"The {what} could not be read ({type(error).__name__}).") from error
    if not result.text.strip():
        raise EmptyInput(
            f"The {what} contains no text to compare once read as "
            f"{FORMAT_WORDS.get(result.format, result.format)}."
        )
    return result


def _dispatch(data: bytes, filename: str | None, tracked: TrackedState) -> Ingested:
    kind = sniff.container(data)
    if kind == "pdf":
        return Ingested(pdf.extract(data), "pdf")
    if kind == "docx":
        text, revisions = word.extract(data, tracked=tracked)
        return Ingested(text, "docx", tracked_changes=revisions)
    text, encoding = decode(data)
    return _text(text, encoding, filename)


def _text(text: str, encoding: str | None, filename: str | None) -> Ingested:
    """Decoded or pasted text, read as what it is: HTML, Markdown or plain text."""
    flavour = sniff.text_kind(text, filename)
    if flavour == "html":
        try:
            return Ingested(html.extract(text), "html", encoding)
        except (NoArticle, BrokenFile):
            # Only a page is refused for having no article (or for markup past parsing). Text
            # that merely holds many tags (a fragment, Markdown full of HTML) is a text file:
            # the Markdown reader renders its tags to text and keeps every word.
            if sniff.is_html_page(text):
                raise
            flavour = "markdown"
    if flavour == "markdown":
        return Ingested(markdown.extract(text), "markdown", encoding)
    return Ingested(text, "text", encoding)


def load(
    data: bytes | str,
    filename: str | None = None,
    *,
    label: str | None = None,
    tracked: TrackedState = "final",
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    **normalize_options: Any,
) -> Document:
    """Read an upload, or pasted text, and normalise it into a :class:`~diffsvc.models.Document`.

    ``data`` is a file's bytes or a ``str`` of pasted text, recognised as :func:`read` says.
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
