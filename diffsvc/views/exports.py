"""Every file a comparison can be handed on as, in one registry: the API's ``export`` route, the
pages' Download menu and the command line's ``--format`` all read ``FORMATS``, so a format
added here is offered everywhere, with the same media type, extension and file name.

Why the Word and PDF renderers are imported inside their functions: they pull in python-docx and
WeasyPrint (with Pango), which a request for a CSV file should not pay for, and a service whose
system lacks Pango still serves every other format.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from diffsvc.models import Comparison, Document, Series
from diffsvc.views.export import standalone_html
from diffsvc.views.export_table import changes_csv, changes_xlsx, markdown_redline, timeline_xlsx
from diffsvc.views.series import labels as version_labels

PdfView = Literal["changes", "inline", "side"]
EditorialMode = Literal["revisions", "silent"]
PDF_VIEWS: tuple[PdfView, ...] = ("changes", "inline", "side")
EDITORIAL_MODES: tuple[EditorialMode, ...] = ("revisions", "silent")


@dataclass(frozen=True)
class ExportOptions:
    """What a reader chose for an export; each format reads the options that apply to it."""

    #: The PDF's view: only the changes, every clause inline, or the two versions side by side.
    view: PdfView = "changes"
    #: Editorial changes (punctuation, width, script, spacing) read as the later text, unmarked.
    hide_editorial: bool = False
    #: The Word file's editorial changes: revisions like any other, or applied silently. None
    #: follows ``hide_editorial``.
    editorial: EditorialMode | None = None
    #: The comparison's id, for the PDF's footer; None for one never saved.
    cid: str | None = None
    #: The comparison's date (the Word revisions' date, the PDF's footer); None: now.
    when: datetime.datetime | None = None

    @property
    def word_editorial(self) -> EditorialMode:
        if self.editorial is not None:
            return self.editorial
        return "silent" if self.hide_editorial else "revisions"


@dataclass(frozen=True)
class ExportFormat:
    """One kind of file a comparison exports to."""

    #: The format's name in URLs and on the command line: ``docx``, ``pdf``, ...
    name: str
    #: What the Download menu calls it.
    title: str
    #: The Content-Type it is served with.
    media_type: str
    #: The file name's extension, without the dot.
    extension: str
    #: Bytes that are not text: the command line writes them only to a file or a pipe.
    binary: bool
    render: Callable[[Comparison, ExportOptions], bytes]


def _docx(result: Comparison, options: ExportOptions) -> bytes:
    from diffsvc.views.export_docx import redline_docx

    return redline_docx(result, editorial=options.word_editorial, when=options.when)


def _pdf(result: Comparison, options: ExportOptions) -> bytes:
    from diffsvc.views.export_pdf import redline_pdf

    return redline_pdf(
        result,
        view=options.view,
        hide_editorial=options.hide_editorial,
        cid=options.cid,
        when=options.when,
    )


def _xlsx(result: Comparison, options: ExportOptions) -> bytes:
    return changes_xlsx(result, when=options.when)


def _csv(result: Comparison, options: ExportOptions) -> bytes:
    return changes_csv(result).encode("utf-8")


def _html(result: Comparison, options: ExportOptions) -> bytes:
    return standalone_html(result, hide_editorial=options.hide_editorial).encode("utf-8")


def _md(result: Comparison, options: ExportOptions) -> bytes:
    return markdown_redline(result, hide_editorial=options.hide_editorial).encode("utf-8")


def _json(result: Comparison, options: ExportOptions) -> bytes:
    # The contract exactly as the command line prints it (and as the library dumps it).
    return (result.model_dump_json(indent=2) + "\n").encode("utf-8")


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("docx", "Word (tracked changes)", DOCX_TYPE, "docx", True, _docx),
        ExportFormat("pdf", "PDF (this view)", "application/pdf", "pdf", True, _pdf),
        ExportFormat("xlsx", "Excel (change list)", XLSX_TYPE, "xlsx", True, _xlsx),
        ExportFormat("csv", "CSV (change list)", "text/csv; charset=utf-8", "csv", False, _csv),
        ExportFormat("html", "HTML page", "text/html; charset=utf-8", "html", False, _html),
        ExportFormat("md", "Markdown", "text/markdown; charset=utf-8", "md", False, _md),
        ExportFormat("json", "JSON", "application/json", "json", False, _json),
    )
}


def _series_xlsx(s: Series, when: datetime.datetime | None) -> bytes:
    return timeline_xlsx(s, when=when)


def _series_json(s: Series, when: datetime.datetime | None) -> bytes:
    return (s.model_dump_json(indent=2) + "\n").encode("utf-8")


@dataclass(frozen=True)
class SeriesFormat:
    """One kind of file a series exports to."""

    name: str
    media_type: str
    extension: str
    #: The series and the date it was computed (None: now), for the file's own date.
    render: Callable[[Series, datetime.datetime | None], bytes]


SERIES_FORMATS: dict[str, SeriesFormat] = {
    f.name: f
    for f in (
        SeriesFormat("xlsx", XLSX_TYPE, "xlsx", _series_xlsx),
        SeriesFormat("json", "application/json", "json", _series_json),
    )
}


# What a file name may keep of a label: letters (of any script), digits, marks, and . _ -.
_UNSAFE = re.compile(r"[^\w.\-]+")
_DASHES = re.compile(r"-{2,}")
NAME_CHARS = 60  # of each version's name in a file name


def _safe(name: str, *, ascii_only: bool) -> str:
    name = unicodedata.normalize("NFKC", name)
    if ascii_only:
        name = name.encode("ascii", "ignore").decode("ascii")
    name = _DASHES.sub("-", _UNSAFE.sub("-", name))
    # No leading dot (a hidden file), no dots or dashes at the edges.
    return name.strip(".-_")[:NAME_CHARS].strip(".-_")


def _version_name(doc: Document, fallback: str, *, ascii_only: bool) -> str:
    filename = doc.source.filename
    stem = filename.rsplit(".", 1)[0] if filename and "." in filename else filename
    for candidate in (doc.source.label, stem):
        if candidate and (safe := _safe(candidate, ascii_only=ascii_only)):
            return safe
    return fallback


def download_name(result: Comparison, fmt: str, *, ascii_only: bool = False) -> str:
    """The file name a comparison downloads as: the two versions' names (their labels, else
    their file names) and the format's extension, "2023-vs-2024.docx". Characters a file name
    cannot hold become dashes; Chinese and other letters stay, unless ``ascii_only`` asks for
    the plain-ASCII name old clients get beside it. A version without a usable name is
    "earlier" or "later".

    >>> from diffsvc import compare
    >>> r = compare("1. Meet.", "1. Meet.")
    >>> download_name(r, "docx")
    'earlier-vs-later.docx'
    >>> r.left.source.label, r.right.source.label = "2023年 会晤", "../2024: final"
    >>> download_name(r, "pdf"), download_name(r, "pdf", ascii_only=True)
    ('2023年-会晤-vs-2024-final.pdf', '2023-vs-2024-final.pdf')
    """
    left = _version_name(result.left, "earlier", ascii_only=ascii_only)
    right = _version_name(result.right, "later", ascii_only=ascii_only)
    extension = FORMATS[fmt].extension if fmt in FORMATS else fmt
    return f"{left}-vs-{right}.{extension}"


def series_download_name(s: Series, fmt: str, *, ascii_only: bool = False) -> str:
    """The file name a series' timeline downloads as: "2012-to-2023-timeline.xlsx"."""
    names = version_labels(s)
    first = _safe(names[0], ascii_only=ascii_only) or "first"
    last = _safe(names[-1], ascii_only=ascii_only) or "last"
    extension = SERIES_FORMATS[fmt].extension if fmt in SERIES_FORMATS else fmt
    return f"{first}-to-{last}-timeline.{extension}"
