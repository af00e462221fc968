"""Which reader gets the bytes: decided by content, never by the file name.

Uploads arrive misnamed all the time (``statement.txt`` that is a saved web page, ``.doc`` that is
really DOCX, a PDF with no extension), so the name is ignored. Binary containers announce
themselves in their first bytes; a ZIP is a DOCX only if it holds ``word/document.xml``. Text is
decoded first and then recognised as HTML (markup at the start, or a body of tags) or Markdown
(YAML front matter, ATX headings, emphasis or links), falling back to plain text. Known binary
formats we do not read get a message naming them, so users know what to convert.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from io import BytesIO
from typing import Literal

from diffsvc.engine.ingest.markdown import FRONT_MATTER
from diffsvc.errors import BrokenFile, UnsupportedFormat

Container = Literal["pdf", "docx", "text"]

# Formats people upload by mistake, named so the message says what to do instead.
_KNOWN_BINARIES = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Word/Excel (.doc/.xls) file; save it as DOCX"),
    (b"{\\rtf", "an RTF file; save it as DOCX"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
)

# %PDF- may be preceded by junk; readers accept it within the first kilobyte.
_PDF_WINDOW = 1024

_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAG = re.compile(r"<(?:p|div|br|li|h[1-6]|table|span|a)\b[^>]*>", re.IGNORECASE)
_MARKDOWN_SIGNS = (
    re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE),
    re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__"),
    re.compile(r"\[[^\]\n]+\]\([^)\s]+\)"),
    re.compile(r"^\S.*\n(?:={3,}|-{3,})[ \t]*$", re.MULTILINE),
)


def container(data: bytes) -> Container:
    """The container format of ``data``: ``pdf``, ``docx`` or ``text`` (still to be decoded).

    >>> container(b"%PDF-1.7 ..."), container("一、合作".encode())
    ('pdf', 'text')
    """
    if b"%PDF-" in data[:_PDF_WINDOW]:
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data)
    for magic, name in _KNOWN_BINARIES:
        if data.startswith(magic):
            raise UnsupportedFormat(f"This file is {name}, not text, HTML, PDF or DOCX.")
    return "text"


# What zipfile raises on damaged archives (bad offsets give ValueError, unknown compression
# methods NotImplementedError, corrupt deflate data zlib.error), and python-docx on a missing
# part (KeyError). Shared by everything that opens an uploaded ZIP container.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    ValueError,
    NotImplementedError,
    OSError,
    KeyError,
)


def _zip_kind(data: bytes) -> Container:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
    except ZIP_ERRORS as error:
        raise BrokenFile(
            "This ZIP-based file (DOCX?) is damaged or truncated and cannot be opened."
        ) from error
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names or "ppt/presentation.xml" in names:
        raise UnsupportedFormat("This is an Excel or PowerPoint file; only Word (DOCX) is read.")
    if "content.xml" in names:
        raise UnsupportedFormat("This is an OpenDocument file; save it as DOCX and try again.")
    raise UnsupportedFormat("This is a ZIP archive, not a DOCX file.")


def text_kind(text: str) -> Literal["html", "markdown", "text"]:
    """Tell HTML and Markdown from plain text, after decoding.

    >>> text_kind("<!DOCTYPE html><p>Hi</p>"), text_kind("# Title\\n\\nText"), text_kind("1. Hi")
    ('html', 'markdown', 'text')
    """
    head = text[:4096]
    if _HTML_START.match(head) or len(_HTML_TAG.findall(head)) >= 3:
        return "html"
    if FRONT_MATTER.match(text):
        return "markdown"
    # Markdown joins lines that are not separated by a blank line: plain text written one
    # paragraph a line (like most pasted statements) must never be read as Markdown.
    if "\n\n" in text and any(sign.search(text) for sign in _MARKDOWN_SIGNS):
        return "markdown"
    return "text"
