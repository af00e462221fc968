"""DOCX: body paragraphs in order, automatic numbering as labels, tracked changes accepted.

A DOCX is a ZIP of XML parts, which makes it the easiest format to weaponise, so the archive is
inspected before anything is decompressed into memory: entry count, declared sizes and
compression ratios are checked (a zip bomb is refused without inflating it; Python's zipfile
never yields more than the declared size), then every part that is XML is parsed with defusedxml,
which refuses DTDs and therefore entity-expansion bombs. Only then does python-docx open the
package and resolve the main document, numbering and styles parts.

Text is read from the raw ``w:body`` rather than python-docx's ``Paragraph.text``: we need the
text *after accepting tracked changes* (insertions ``w:ins`` kept, deletions ``w:del`` and
moved-away text ``w:moveFrom`` dropped), paragraphs inside tables and content controls, and the
numbering that ``numbering`` recomputes. Headers, footers, footnotes and comments live in other
parts, which are checked for safety but never read for text.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from io import BytesIO
from typing import Any

import defusedxml.ElementTree as SafeET  # type: ignore[import-untyped]
import docx
from defusedxml import DefusedXmlException
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn

from diffsvc.engine.ingest.sniff import ZIP_ERRORS
from diffsvc.engine.ingest.word_numbering import read_numbering
from diffsvc.errors import BrokenFile, UnsafeFile, UnsupportedFormat
from diffsvc.text.scripts import is_unspaced
from diffsvc.text.wrap import join_lines, paragraphs

MAX_ENTRIES = 2_000
# An upload is at most a few MB; its XML inflates 5-20x and its images not at all.
MAX_ENTRY_BYTES = 32_000_000
MAX_TOTAL_BYTES = 64_000_000
# Real XML parts compress 5-20x; only a crafted entry exceeds this once it is also large.
MAX_RATIO = 200
RATIO_FLOOR_BYTES = 5_000_000

# Elements that hold a paragraph's runs and pass their text through (inserted text included,
# deleted and moved-away text not): hyperlinks, smart tags, fields, content controls, bidi.
_CONTAINER_NAMES = "ins moveTo hyperlink smartTag fldSimple customXml sdt sdtContent bdo dir"
_W = {
    name: qn(f"w:{name}")
    for name in (
        "p r t tab br cr noBreakHyphen softHyphen del moveFrom pPr rPr tbl body " + _CONTAINER_NAMES
    ).split()
}
_CONTAINERS = {_W[name] for name in _CONTAINER_NAMES.split()}


def extract(data: bytes) -> str:
    """Plain text of a DOCX: one paragraph a line, Word's numbering written as a label prefix."""
    _check_archive(data)
    try:
        document = docx.Document(BytesIO(data))
        numbering = read_numbering(document.part.numbering_part.element, document.styles.element)
        body = document.element.body
    except ValueError as error:
        if "not a Word file" in str(error):  # python-docx on .docm, .dotx and the like
            raise UnsupportedFormat("This is not a Word document (DOCX).") from error
        raise BrokenFile("The DOCX file is damaged and cannot be read.") from error
    except (PackageNotFoundError, *ZIP_ERRORS) as error:
        raise BrokenFile("The DOCX file is damaged and cannot be read.") from error
    out: list[str] = []
    carried = ""  # text of paragraphs whose mark was deleted: they merge into the next one
    for paragraph in _paragraphs(body):
        ppr = paragraph.find(_W["pPr"])
        text = carried + _text(paragraph)
        if _mark_deleted(ppr):
            carried = text
            continue
        carried = ""
        label = numbering.label(ppr)
        if label and text.strip():
            text = f"{label}{'' if is_unspaced(label[-1]) else ' '}{text.strip()}"
        out.append(join_lines(text.split("\n")))
    out.append(carried)
    return paragraphs(out)


def _check_archive(data: bytes) -> None:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ENTRIES:
                raise UnsafeFile(f"The DOCX holds {len(entries):,} parts; refusing to read it.")
            total = 0
            for entry in entries:
                total += entry.file_size
                ratio = entry.file_size / max(entry.compress_size, 1)
                if (
                    entry.file_size > MAX_ENTRY_BYTES
                    or total > MAX_TOTAL_BYTES
                    or (ratio > MAX_RATIO and entry.file_size > RATIO_FLOOR_BYTES)
                ):
                    raise UnsafeFile(
                        f"The DOCX would expand to {total:,} bytes or more (part "
                        f"{entry.filename}: {entry.file_size:,}); a zip bomb? It was not "
                        "decompressed."
                    )
            # Every part that is XML, whatever its name: python-docx finds parts through the
            # content types and relationships, not by extension.
            for entry in entries:
                with archive.open(entry) as part:
                    head = part.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
                if head.startswith(b"<"):
                    SafeET.fromstring(archive.read(entry), forbid_dtd=True)
    except DefusedXmlException as error:
        raise UnsafeFile(
            "The DOCX contains XML entity or DTD declarations (a possible entity-expansion "
            "bomb); refusing to read it."
        ) from error
    except SafeET.ParseError as error:
        raise BrokenFile("The DOCX contains malformed XML and cannot be read.") from error
    except ZIP_ERRORS as error:
        raise BrokenFile("The DOCX file is damaged or truncated and cannot be read.") from error


def _paragraphs(container: Any) -> Iterator[Any]:
    """Body paragraphs in reading order, including those in tables and content controls."""
    for child in container:
        if child.tag == _W["p"]:
            yield child
        elif child.tag == _W["tbl"]:
            yield from child.iter(_W["p"])
        elif child.tag in _CONTAINERS:
            yield from _paragraphs(child)


def _text(element: Any) -> str:
    parts: list[str] = []
    for child in element:
        tag = child.tag
        if tag == _W["r"]:
            parts.extend(_run(child))
        elif tag in _CONTAINERS:
            parts.append(_text(child))
        # w:del, w:moveFrom, w:pPr, drawings, comments anchors: not part of the accepted text
    return "".join(parts)


def _run(run: Any) -> Iterator[str]:
    for child in run:
        tag = child.tag
        if tag == _W["t"]:
            yield child.text or ""
        elif tag == _W["tab"]:
            yield " "
        elif tag in (_W["br"], _W["cr"]):
            yield "\n"
        elif tag == _W["noBreakHyphen"]:
            yield "-"


def _mark_deleted(ppr: Any) -> bool:
    """True when the paragraph mark itself is a tracked deletion (the paragraph was merged)."""
    if ppr is None:
        return False
    rpr = ppr.find(_W["rPr"])
    return rpr is not None and rpr.find(_W["del"]) is not None
