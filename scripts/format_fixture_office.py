"""DOCX fixtures for build_format_fixtures.py: real automatic numbering and tracked changes.

The numbered paragraphs carry no number in their text: like Word, they point at a list
(``w:numPr``) defined in ``numbering.xml`` (decimal ``%1.``, lettered ``(%2)``, Chinese counting
``%1、``), so the ingest test proves the numbers are recomputed, not read. Each document also
has a header, a footer and a comment, which ingest must ignore.

``tracked_changes.docx`` holds one of each tracked revision Word writes in a body, marked up as
Word marks it, so that reading it with every change accepted and with every change rejected can
both be checked paragraph by paragraph: inserted and deleted text, a paragraph deleted whole, two
paragraphs joined (a deleted paragraph mark), one split in two (an inserted mark), a paragraph
inserted whole, a paragraph moved (``w:moveFrom`` / ``w:moveTo`` with their named ranges), a
formatting change and a numbering change (``w:rPrChange``, ``w:pPrChange``).
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph

ITEM = re.compile(r"^(\d+)\.\s+(.*)$")
SUB_ITEM = re.compile(r"^\(([a-z])\)\s+(.*)$")
CN_ITEM = re.compile(r"^[一二三四五六七八九十]+、(.*)$")
FIXED = datetime(2024, 3, 15, tzinfo=UTC)

# abstractNum 90: "1." / "(a)"; 91: "一、". Ids above the template's own definitions.
NUMBERING = {
    90: [("decimal", "%1."), ("lowerLetter", "(%2)")],
    91: [("chineseCounting", "%1、")],
}


def _abstract_xml(abstract_id: int, levels: list[tuple[str, str]]) -> str:
    body = "".join(
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{360 * (ilvl + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
        for ilvl, (fmt, text) in enumerate(levels)
    )
    return f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{body}</w:abstractNum>'


def add_numbering(document: Document) -> None:
    """Define the lists; numId N uses abstractNum N (so a numId is a fresh count)."""
    numbering = document.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    for abstract_id, levels in NUMBERING.items():
        abstract = parse_xml(_abstract_xml(abstract_id, levels))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{abstract_id}">'
                f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'
            )
        )


def numbered(document: Document, text: str, num_id: int, ilvl: int) -> Paragraph:
    paragraph = document.add_paragraph(text)
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    )
    return paragraph


def new_document(header: str) -> Document:
    document = docx.Document()
    props = document.core_properties
    props.author, props.created, props.modified, props.revision = "diffsvc", FIXED, FIXED, 1
    section = document.sections[0]
    section.header.paragraphs[0].text = header
    section.footer.paragraphs[0].text = "Page 1 — not part of the statement"
    add_numbering(document)
    return document


def statement_docx(paragraphs: list[str], header: str) -> Document:
    document = new_document(header)
    for index, paragraph in enumerate(paragraphs):
        item, sub, cn = ITEM.match(paragraph), SUB_ITEM.match(paragraph), CN_ITEM.match(paragraph)
        if item:
            numbered(document, item.group(2), 90, 0)
        elif sub:
            numbered(document, sub.group(2), 90, 1)
        elif cn:
            numbered(document, cn.group(1), 91, 0)
        elif index == 0:
            document.add_heading(paragraph, level=1)
        else:
            document.add_paragraph(paragraph)
    first = document.paragraphs[1]
    document.add_comment(first.runs, text="Check the dates.", author="Reviewer", initials="R")
    return document


W = nsdecls("w")
BY = 'w:author="Editor" w:date="2024-03-15T00:00:00Z"'
TRACKED = f"""<w:p {W}><w:r><w:t xml:space="preserve">The parties </w:t></w:r>
<w:del w:id="1" {BY}><w:r><w:delText>will consider establishing</w:delText></w:r></w:del>
<w:ins w:id="2" {BY}><w:r><w:t>will establish</w:t></w:r></w:ins>
<w:r><w:t xml:space="preserve"> a joint rescue coordination centre.</w:t></w:r></w:p>"""
MERGED = f"""<w:p {W}><w:pPr><w:rPr><w:del w:id="3" {BY}/></w:rPr></w:pPr>
<w:r><w:t xml:space="preserve">The centre will open </w:t></w:r></w:p>"""
MERGED_TAIL = f"""<w:p {W}><w:r><w:t>in 2025.</w:t></w:r><w:ins w:id="4" {BY}><w:r>
<w:t xml:space="preserve"> It will be staffed by both services.</w:t></w:r></w:ins></w:p>"""
DELETED_PARAGRAPH = f"""<w:p {W}><w:pPr><w:rPr><w:del w:id="5" {BY}/></w:rPr></w:pPr>
<w:del w:id="6" {BY}><w:r><w:delText>This sentence was removed.</w:delText></w:r></w:del></w:p>"""
MOVED = "Information will be exchanged every quarter."
MOVED_AWAY = f"""<w:p {W}><w:pPr><w:rPr><w:moveFrom w:id="7" {BY}/></w:rPr></w:pPr>
<w:moveFromRangeStart w:id="8" w:name="move1" {BY}/>
<w:moveFrom w:id="9" {BY}><w:r><w:t>{MOVED}</w:t></w:r></w:moveFrom>
<w:moveFromRangeEnd w:id="8"/></w:p>"""
SPLIT = f"""<w:p {W}><w:pPr><w:rPr><w:ins w:id="10" {BY}/></w:rPr></w:pPr>
<w:r><w:t xml:space="preserve">Joint exercises will be held every year. </w:t></w:r></w:p>"""
SPLIT_TAIL = f"""<w:p {W}><w:r><w:t>Observers may attend.</w:t></w:r></w:p>"""
INSERTED_PARAGRAPH = f"""<w:p {W}><w:pPr><w:rPr><w:ins w:id="11" {BY}/></w:rPr></w:pPr>
<w:ins w:id="12" {BY}><w:r><w:t>Each side will name a liaison officer.</w:t></w:r></w:ins></w:p>"""
MOVED_HERE = f"""<w:p {W}><w:pPr><w:rPr><w:moveTo w:id="13" {BY}/></w:rPr></w:pPr>
<w:moveToRangeStart w:id="14" w:name="move1" {BY}/>
<w:moveTo w:id="15" {BY}><w:r><w:t>{MOVED}</w:t></w:r></w:moveTo>
<w:moveToRangeEnd w:id="14"/></w:p>"""
# The title was made bold, and the last paragraph made a list item, with tracking on.
MADE_BOLD = f'<w:rPrChange {W} w:id="16" {BY}><w:rPr/></w:rPrChange>'
MADE_NUMBERED = f'<w:pPrChange {W} w:id="17" {BY}><w:pPr/></w:pPrChange>'


def tracked_docx() -> Document:
    """Tracked changes: each kind of revision once (see the module docstring)."""
    document = new_document("Tracked changes fixture")
    title = document.add_paragraph().add_run("Tracked changes")
    title.bold = True
    title._r.get_or_add_rPr().append(parse_xml(MADE_BOLD))
    body = document.element.body
    sect_pr = body.find(qn("w:sectPr"))
    for xml in (
        TRACKED,
        DELETED_PARAGRAPH,
        MERGED,
        MERGED_TAIL,
        MOVED_AWAY,
        SPLIT,
        SPLIT_TAIL,
        INSERTED_PARAGRAPH,
        MOVED_HERE,
    ):
        sect_pr.addprevious(parse_xml(xml))
    item = numbered(document, "Item after the tracked changes.", 90, 0)
    item._p.get_or_add_pPr().append(parse_xml(MADE_NUMBERED))
    return document


def save(document: Document, path: Path) -> None:
    """Save with fixed ZIP timestamps and comment dates, so a rebuild changes no bytes."""
    buffer = io.BytesIO()
    document.save(buffer)
    with (
        zipfile.ZipFile(buffer) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "word/comments.xml":
                data = re.sub(rb'w:date="[^"]*"', b'w:date="2024-03-15T00:00:00Z"', data)
            stamped = zipfile.ZipInfo(entry.filename, FIXED.timetuple()[:6])
            target.writestr(stamped, data, compress_type=zipfile.ZIP_DEFLATED)


def build_docx_fixtures(out: Path, sources: dict[str, str]) -> None:
    for name, header in (
        ("statement_en", "Fourth Annual Dialogue — draft for circulation"),
        ("seed_bilingual", "中澳执法合作工作组 — running header"),
    ):
        paragraphs = [line.strip() for line in sources[name].splitlines() if line.strip()]
        save(statement_docx(paragraphs, header), out / f"{name}.docx")
    save(tracked_docx(), out / "tracked_changes.docx")
