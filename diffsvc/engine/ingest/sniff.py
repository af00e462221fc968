"""Which reader gets the bytes: decided by content; a text file's name is only a hint.

Uploads arrive misnamed all the time (``statement.txt`` that is a saved web page, ``.doc`` that is
really DOCX, a PDF with no extension), so binary containers are recognised by their first bytes
whatever the name: a ZIP is a DOCX only if it holds ``word/document.xml``. Known binary formats
we do not read get a message naming them, so users know what to convert.

Text is decoded first and then recognised (``text_kind``), pasted text exactly like an uploaded
file:

* **HTML** when it starts as a page (a doctype, ``<html>``, ``<head>`` or ``<body>``), or when
  it is all tags: nine tenths of its text stand in blocks that begin with a tag or hold
  paragraph-level tags (``<p>``, ``<div>``, ``<br>``, ``<li>``, ``<td>`` …). Only a page is
  refused for having no article: in a fragment the HTML reader finds none in, the Markdown
  reader renders the tags to text instead.
* **Markdown** when it has YAML front matter, when the name ends ``.md`` or ``.markdown``, or
  when it is laid out in blank-line-separated paragraphs and shows Markdown signs: headings,
  ``**strong**``, ``[links](…)``, underlined headings, pandoc's escapes (``1\\.``,
  ``\\(b\\)``, ``\\[1\\]``) or inline HTML. Inline HTML inside Markdown (pandoc's ``<span>``
  underlines and ``<a href="#_ftn1">`` footnote links) never makes a document HTML: the Markdown
  reader renders it to text.
* **Plain text** otherwise, and always when it is written one paragraph a line (most lines that
  run straight into the next one end a sentence): Markdown would join those lines into one
  paragraph, so such a text is never read as Markdown, whatever its signs or its name.
"""

from __future__ import annotations

import itertools
import re
import zipfile
import zlib
from io import BytesIO
from typing import Literal

from diffsvc.engine.ingest.markdown import FRONT_MATTER
from diffsvc.errors import BrokenFile, UnsupportedFormat
from diffsvc.text.wrap import LINE_ENDS

Container = Literal["pdf", "docx", "text"]

# What to do instead of uploading a file diffsvc does not read, by kind of file.
SAVE_AS = "save it as Word (.docx), PDF or plain text, or paste its text"
_IMAGE = (
    "diffsvc compares text, so paste the document's text, or upload it as Word (.docx), PDF "
    "or plain text"
)
_ARCHIVE = "unpack it and upload the document inside"
_ANY_TEXT = (
    "upload the document as Word (.docx), PDF, HTML, Markdown or plain text, or paste its text"
)

# Formats people upload by mistake, named so the message says what to do instead.
_KNOWN_BINARIES = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Word or Excel file (.doc or .xls)", SAVE_AS),
    (b"{\\rtf", "an RTF file", SAVE_AS),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", _IMAGE),
    (b"\xff\xd8\xff", "a JPEG image", _IMAGE),
    (b"GIF8", "a GIF image", _IMAGE),
    (b"II*\x00", "a TIFF image", _IMAGE),
    (b"MM\x00*", "a TIFF image", _IMAGE),
    (b"\x1f\x8b", "a gzip archive", _ARCHIVE),
    (b"Rar!", "a RAR archive", _ARCHIVE),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", _ARCHIVE),
    (b"\x7fELF", "a program", _ANY_TEXT),
)


def unreadable(what: str, instead: str = SAVE_AS) -> UnsupportedFormat:
    """The error for a file diffsvc does not read: what it is, and what to do instead.

    >>> unreadable("a ZIP archive", "unpack it").message
    'This file is a ZIP archive, which diffsvc cannot read: unpack it.'
    """
    return UnsupportedFormat(f"This file is {what}, which diffsvc cannot read: {instead}.")


def binary_data() -> UnsupportedFormat:
    """The error for bytes that are neither a known format nor text."""
    return unreadable("binary data", _ANY_TEXT)


# %PDF- may be preceded by junk; readers accept it within the first kilobyte.
_PDF_WINDOW = 1024

_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
# How much of a text the layout and tag measures look at: enough to judge, bounded in time.
_WINDOW = 100_000
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
# Tags that make a paragraph of their own: a block holding one is laid out by its tags.
_PARAGRAPH_TAG = re.compile(
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|table|tr|td|th|tbody|thead|section|article|blockquote"
    r"|pre|dl|dt|dd|hr|header|footer|nav|main|form)\b[^<>]*>",
    re.IGNORECASE,
)
# HTML only when nearly all of it is: a Markdown file with an HTML table or two between its
# paragraphs stays Markdown, and its Markdown reader keeps every paragraph around the table.
_TAGGED_SHARE = 0.9
_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")
# A line that starts a block of its own in Markdown, so the line before it is never joined to
# it: a bullet or numbered item, a heading, a quote, a table row, a tag.
_BLOCK_START = re.compile(r"^ {0,3}(?:[-*+][ \t]|\d{1,9}[.)][ \t]|#{1,6}[ \t]|[>|<])")
_MARKDOWN_NAMES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")
_MARKDOWN_SIGNS = (
    re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE),
    re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__"),
    # A link, its words wrapped over up to four lines ("[Implementation Note issued January 27,"
    # / "2016](https://…)" in a statement saved as text).
    re.compile(r"\[[^\]\n]+(?:\n[^\]\n]+){0,3}\]\([^)\s]+\)"),
    re.compile(r"^\S.*\n(?:={3,}|-{3,})[ \t]*$", re.MULTILINE),
    # pandoc's escapes: "1\." numbering, "\(b\)" items, "\[1\]" footnote references.
    re.compile(r"^[ \t\u00a0]*\d{1,3}\\\.", re.MULTILINE),
    re.compile(r"\\[(\[][^()\[\]\n]{1,8}\\[)\]]"),
    # HTML inside text laid out in paragraphs: a span, a link, an underline, a comment.
    _TAG,
    re.compile(r"<!--"),
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
    for magic, what, instead in _KNOWN_BINARIES:
        if data.startswith(magic):
            raise unreadable(what, instead)
    return "text"


def is_document(data: bytes) -> bool:
    """Whether ``data`` starts as a PDF or a ZIP container (DOCX): a document that images and
    attachments can make large, unlike a text file."""
    return b"%PDF-" in data[:_PDF_WINDOW] or data.startswith((b"PK\x03\x04", b"PK\x05\x06"))


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
        raise unreadable(
            "an Excel workbook or a PowerPoint presentation", "paste its text, or save it as PDF"
        )
    if "content.xml" in names:
        raise unreadable("an OpenDocument file")
    raise unreadable("a ZIP archive", _ARCHIVE)


def text_kind(text: str, filename: str | None = None) -> Literal["html", "markdown", "text"]:
    """Tell HTML and Markdown from plain text, after decoding (see the module docstring).

    ``filename`` is a hint: a name ending ``.md`` or ``.markdown`` makes Markdown of any text
    that is not an HTML page or one paragraph a line.

    >>> text_kind("<!DOCTYPE html><p>Hi</p>"), text_kind("# Title\\n\\nText"), text_kind("1. Hi")
    ('html', 'markdown', 'text')
    >>> text_kind("Preamble\\n\\nThe **Parties** agree:\\n1. To meet.\\n(a) Yearly.\\n(b) Soon.")
    'text'
    """
    if is_html_page(text):
        return "html"
    one_a_line = _one_paragraph_a_line(text)
    if not one_a_line and (FRONT_MATTER.match(text) or is_markdown_name(filename)):
        return "markdown"
    if _mostly_tags(text):
        return "html"
    # Markdown joins lines that are not separated by a blank line: plain text written one
    # paragraph a line (like most pasted statements) must never be read as Markdown.
    if one_a_line or "\n\n" not in text:
        return "text"
    return "markdown" if any(sign.search(text) for sign in _MARKDOWN_SIGNS) else "text"


def is_html_page(text: str) -> bool:
    """Whether ``text`` starts as an HTML page: a doctype, ``<html>``, ``<head>`` or ``<body>``."""
    return _HTML_START.match(text[:4096]) is not None


def is_markdown_name(filename: str | None) -> bool:
    """Whether an upload's name says Markdown (``.md``, ``.markdown`` …), the one name we heed.

    >>> is_markdown_name("Jordan.MD"), is_markdown_name("a.md.pdf"), is_markdown_name(None)
    (True, False, False)
    """
    return filename is not None and filename.lower().endswith(_MARKDOWN_NAMES)


def _one_paragraph_a_line(text: str) -> bool:
    """Written one paragraph a line: most lines that run straight into the next one end a
    sentence (a hard-wrapped paragraph's lines hardly ever do; in the corpus under 7%)."""
    lines = text[:_WINDOW].split("\n")
    joined = ends = 0
    for line, after in itertools.pairwise(lines):
        if line.strip() and after.strip() and not _BLOCK_START.match(after):
            joined += 1
            ends += line.rstrip().endswith(LINE_ENDS)
    return joined >= 2 and ends > 0.5 * joined


def _mostly_tags(text: str) -> bool:
    """Laid out by tags, not by blank lines: nearly all of the text stands in blocks that begin
    with a tag or hold a paragraph-level tag. Comments (pandoc's ``<!-- -->`` list breaks) don't
    count.
    """
    body = _COMMENT.sub("", text[:_WINDOW])
    blocks = [block.strip() for block in _BLANK_LINE.split(body)]
    total = sum(map(len, blocks))
    tagged = sum(
        len(block) for block in blocks if _TAG.match(block) or _PARAGRAPH_TAG.search(block)
    )
    return total > 0 and tagged >= _TAGGED_SHARE * total
