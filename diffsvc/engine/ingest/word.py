"""DOCX: body paragraphs in order, automatic numbering as labels, tracked changes resolved.

A DOCX is a ZIP of XML parts, which makes it the easiest format to weaponise, so the archive is
inspected before anything is decompressed into memory: entry count, declared sizes and
compression ratios are checked (a zip bomb is refused without inflating it), then every part is
inflated a chunk at a time up to its declared size and every part that is XML is parsed with
defusedxml, which refuses DTDs and therefore entity-expansion bombs. python-docx then opens an
uncompressed copy of those parts, so nothing it reads can inflate, and resolves the main
document, numbering and styles parts.

Text is read from the raw ``w:body`` rather than python-docx's ``Paragraph.text``: we need the
text of one state of its tracked changes, paragraphs inside tables and content controls, and the
numbering that ``numbering`` recomputes. Footnotes are read as the other readers give them: the
mark in the text as ``[1]`` (Word numbers them in the order they are cited), each note at the
end as ``[1] …``, for the normaliser to attach to the clause citing it. Headers, footers and
comments live in other parts, which are checked for safety but never read for text.

Tracked changes (issue #17): a Word file under review holds two texts, and which one is compared
is the user's choice, never a silent one. ``final`` accepts every change: inserted (``w:ins``) and
moved-to (``w:moveTo``) text is read, deleted (``w:del``) and moved-away (``w:moveFrom``) text is
not, and a paragraph whose mark was deleted or moved away joins the next one. ``original`` rejects
every change, the mirror image: deleted and moved-away text is read, inserted and moved-to text is
not, and a paragraph whose mark was inserted or moved here joins the next one (a split is undone).
Formatting changes change no text, with one exception: a list number is text here, so
``original`` numbers a paragraph by the properties its ``w:pPrChange`` recorded. Every revision
in the body is counted, whichever state is read, so users learn that the file had them.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from typing import Any

import defusedxml.ElementTree as SafeET  # type: ignore[import-untyped]
import docx
from defusedxml import DefusedXmlException
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from diffsvc.engine.ingest.sniff import ZIP_ERRORS, unreadable
from diffsvc.engine.ingest.word_numbering import read_numbering
from diffsvc.errors import BrokenFile, TooLarge, UnsafeFile
from diffsvc.models import TrackedChanges, TrackedState
from diffsvc.text.scripts import is_unspaced
from diffsvc.text.wrap import join_lines, page_lines, paragraphs

MAX_ENTRIES = 2_000
# An upload is at most a few MB; its XML inflates 5-20x and its images not at all.
MAX_ENTRY_BYTES = 32_000_000
MAX_TOTAL_BYTES = 64_000_000
# Real XML parts compress 5-20x; only a crafted entry exceeds this once it is also large.
MAX_RATIO = 200
RATIO_FLOOR_BYTES = 5_000_000
CHUNK_BYTES = 1 << 20  # most a part inflates in one step
# Paragraphs, empty ones included, one document may hold: a 300-page agreement has a few
# thousand; a crafted file of a million empty ones costs seconds and hundreds of MB to walk.
MAX_PARAGRAPHS = 100_000

# Elements that hold a paragraph's runs and pass their text through: hyperlinks, smart tags,
# fields, content controls, bidi. Tracked changes whose text a state keeps are added below.
_CONTAINER_NAMES = "hyperlink smartTag fldSimple customXml sdt sdtContent bdo dir"
_REVISION_NAMES = "ins del moveFrom moveTo"
_FORMATTING_NAMES = (
    "rPrChange pPrChange sectPrChange tblPrChange tblPrExChange trPrChange tcPrChange"
)
_W = {
    name: qn(f"w:{name}")
    for name in (
        "p r t delText tab br cr noBreakHyphen softHyphen pPr rPr trPr numPr tbl body txbxContent "
        "footnote footnoteReference "
        f"{_CONTAINER_NAMES} {_REVISION_NAMES} {_FORMATTING_NAMES}"
    ).split()
}
_CONTAINERS = frozenset(_W[name] for name in _CONTAINER_NAMES.split())
_ON = ("1", "true", "on")  # a footnote whose own symbol follows its reference ("*", "†")
_REVISIONS = tuple(_W[name] for name in _REVISION_NAMES.split())
_FORMATTING = tuple(_W[name] for name in _FORMATTING_NAMES.split())


@dataclass(frozen=True)
class _State:
    """What reading one state of the tracked changes keeps and drops."""

    containers: frozenset[str]  # elements whose text is read
    text: frozenset[str]  # run children that hold text (deleted text is in w:delText)
    joined: tuple[str, ...]  # paragraph-mark revisions that join the paragraph to the next
    old_properties: bool  # number paragraphs by the properties w:pPrChange recorded


_STATES: dict[str, _State] = {
    "final": _State(
        containers=_CONTAINERS | {_W["ins"], _W["moveTo"]},
        text=frozenset({_W["t"]}),
        joined=(_W["del"], _W["moveFrom"]),
        old_properties=False,
    ),
    "original": _State(
        containers=_CONTAINERS | {_W["del"], _W["moveFrom"]},
        text=frozenset({_W["t"], _W["delText"]}),
        joined=(_W["ins"], _W["moveTo"]),
        old_properties=True,
    ),
}


def extract(data: bytes, *, tracked: TrackedState = "final") -> tuple[str, TrackedChanges | None]:
    """Plain text of a DOCX and its tracked changes, if it has any.

    One paragraph a line, Word's numbering written as a label prefix; ``tracked`` chooses the
    text of a file under review: every change accepted (``final``) or rejected (``original``).
    """
    state = _STATES[tracked]
    safe = _safe_copy(data)
    try:
        document = docx.Document(BytesIO(safe))
        numbering = read_numbering(_numbering_root(document), document.styles.element)
        body = document.element.body
    except ValueError as error:
        if "not a Word file" in str(error):  # python-docx on .docm, .dotx and the like
            raise unreadable("a Word template or macro-enabled document") from error
        raise BrokenFile("The DOCX file is damaged and cannot be read.") from error
    except (PackageNotFoundError, *ZIP_ERRORS) as error:
        raise BrokenFile("The DOCX file is damaged and cannot be read.") from error
    out: list[str] = []
    cited: dict[str, int] = {}  # footnote id -> the number Word shows for it
    carried = ""  # text of paragraphs whose mark this state removes: they join the next one
    for paragraph in _paragraphs(body, state):
        ppr = paragraph.find(_W["pPr"])
        text = carried + _text(paragraph, state, cited)
        if _mark_removed(ppr, state):
            carried = text
            continue
        carried = ""
        label = numbering.label(_properties(ppr, state))
        if label and text.strip():
            text = f"{label}{'' if is_unspaced(label[-1]) else ' '}{text.strip()}"
        out.append(join_lines(text.split("\n")))
    out.append(carried)
    # A PDF converted line by line: the lines go to the normaliser as a page's, to be joined.
    text = paragraphs(out, lines=page_lines(out))
    notes = paragraphs(_notes(document, state, cited))
    return text + ("\n" if text and notes else "") + notes, count_revisions(body, tracked)


def _notes(document: Any, state: _State, cited: dict[str, int]) -> Iterator[str]:
    """Each cited footnote as "[n] its text", in the order of its number."""
    if not cited:
        return
    part = next(
        (
            rel.target_part
            for rel in document.part.rels.values()
            if rel.reltype == RT.FOOTNOTES and not rel.is_external
        ),
        None,
    )
    if part is None:
        return
    notes = {note.get(qn("w:id")): note for note in parse_xml(part.blob).iter(_W["footnote"])}
    for key, number in sorted(cited.items(), key=lambda item: item[1]):
        note = notes.get(key)
        if note is not None:
            text = " ".join(_text(p, state, {}) for p in _paragraphs(note, state))
            lines = text.split("\n")
            yield f"[{number}] {join_lines(lines).strip()}"


def count_revisions(body: Any, tracked: TrackedState) -> TrackedChanges | None:
    """The revisions in the part of ``body`` that ``extract`` reads, or None if there are none.

    A paragraph mark's revision sits in the mark's run properties (``w:pPr/w:rPr``). A table
    row's (``w:trPr``) and a list number's (``w:numPr``) are not counted: the row's text and the
    paragraph carry revisions of their own. Text boxes are not read, so not counted either.
    """
    counts = dict.fromkeys((*_REVISIONS, "mark"), 0)
    for mark in _outside_text_boxes(body.iter(*_REVISIONS)):
        parent = mark.getparent()
        if parent.tag == _W["rPr"]:
            if parent.getparent().tag == _W["pPr"]:
                counts["mark"] += 1
        elif parent.tag not in (_W["trPr"], _W["numPr"]):
            counts[mark.tag] += 1
    found = TrackedChanges(
        state=tracked,
        insertions=counts[_W["ins"]],
        deletions=counts[_W["del"]],
        moves=max(counts[_W["moveFrom"]], counts[_W["moveTo"]]),
        paragraph_marks=counts["mark"],
        formatting=sum(1 for _ in _outside_text_boxes(body.iter(*_FORMATTING))),
    )
    return found if found.total else None


def _outside_text_boxes(elements: Iterator[Any]) -> Iterator[Any]:
    for element in elements:
        if next(element.iterancestors(_W["txbxContent"]), None) is None:
            yield element


def _numbering_root(document: Any) -> Any:
    """The numbering part's root, or None: a document with no lists has no numbering part."""
    try:
        return document.part.part_related_by(RT.NUMBERING).element
    except KeyError:
        return None


def _safe_copy(data: bytes) -> bytes:
    """The archive rewritten uncompressed from parts read within the limits, so that nothing
    python-docx reads afterwards can inflate: each part is read in bounded chunks against a
    running total, never past the size the archive declares for it (an archive may declare 4 MB
    for a part that inflates to a gigabyte: read whole at once, it costs the gigabyte)."""
    out = BytesIO()
    try:
        with (
            zipfile.ZipFile(BytesIO(data)) as archive,
            zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy,
        ):
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
            for entry in entries:
                content = _read_part(archive, entry)
                # Every part that is XML, whatever its name: python-docx finds parts through
                # the content types and relationships, not by extension.
                if content[:64].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
                    _check_xml(content)
                copy.writestr(entry.filename, content)
    except DefusedXmlException as error:
        raise UnsafeFile(
            "The DOCX contains XML entity or DTD declarations (a possible entity-expansion "
            "bomb); refusing to read it."
        ) from error
    except SafeET.ParseError as error:
        raise BrokenFile("The DOCX contains malformed XML and cannot be read.") from error
    except ZIP_ERRORS as error:
        raise BrokenFile("The DOCX file is damaged or truncated and cannot be read.") from error
    return out.getvalue()


def _check_xml(content: bytes) -> None:
    """Parse a part safely (no DTD, no entities) without keeping it, counting paragraphs: a part
    over MAX_PARAGRAPHS is refused here, before python-docx builds a tree of it."""
    paragraphs = 0
    for _, element in SafeET.iterparse(BytesIO(content), events=("end",), forbid_dtd=True):
        if element.tag == _W["p"]:
            paragraphs += 1
            if paragraphs > MAX_PARAGRAPHS:
                raise TooLarge(
                    f"The DOCX has more than {MAX_PARAGRAPHS:,} paragraphs (empty ones "
                    "included); the limit is there to keep every comparison quick.",
                    what="document",
                )
        element.clear()


def _read_part(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bytes:
    """One part, inflated a chunk at a time: zipfile stops at the declared size and checks the
    checksum there, and no chunk inflates more than CHUNK_BYTES."""
    chunks = []
    with archive.open(entry) as part:
        while chunk := part.read(CHUNK_BYTES):
            chunks.append(chunk)
    return b"".join(chunks)


def _paragraphs(container: Any, state: _State) -> Iterator[Any]:
    """Body paragraphs in reading order, including those in tables and content controls."""
    for child in container:
        if child.tag == _W["p"]:
            yield child
        elif child.tag == _W["tbl"]:
            yield from child.iter(_W["p"])
        elif child.tag in state.containers:
            yield from _paragraphs(child, state)


def _text(element: Any, state: _State, cited: dict[str, int]) -> str:
    parts: list[str] = []
    for child in element:
        tag = child.tag
        if tag == _W["r"]:
            parts.extend(_run(child, state, cited))
        elif tag in state.containers:
            parts.append(_text(child, state, cited))
        # revisions this state drops, w:pPr, drawings, comment anchors: not part of the text
    return "".join(parts)


def _run(run: Any, state: _State, cited: dict[str, int]) -> Iterator[str]:
    for child in run:
        tag = child.tag
        if tag in state.text:
            yield child.text or ""
        elif tag == _W["footnoteReference"] and child.get(qn("w:customMarkFollows")) not in _ON:
            key = child.get(qn("w:id")) or ""
            yield f"[{cited.setdefault(key, len(cited) + 1)}]"
        elif tag == _W["tab"]:
            yield " "
        elif tag in (_W["br"], _W["cr"]):
            yield "\n"
        elif tag == _W["noBreakHyphen"]:
            yield "-"


def _mark_removed(ppr: Any, state: _State) -> bool:
    """True when this state has no paragraph mark here, so the paragraph joins the next one.

    A deleted or moved-away mark is gone once changes are accepted; an inserted or moved-here
    mark (a paragraph split, added or moved whole) is gone once they are rejected.
    """
    if ppr is None:
        return False
    rpr = ppr.find(_W["rPr"])
    return rpr is not None and any(rpr.find(tag) is not None for tag in state.joined)


def _properties(ppr: Any, state: _State) -> Any:
    """The paragraph properties numbering reads: as they were, for ``original``."""
    if ppr is None or not state.old_properties:
        return ppr
    change = ppr.find(_W["pPrChange"])
    return ppr if change is None else change.find(_W["pPr"])
