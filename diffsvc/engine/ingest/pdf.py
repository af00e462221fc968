"""PDF: the text layer, read back into paragraphs the way a reader sees them on the page.

A PDF has no paragraphs, only positioned runs of glyphs. pypdf gives us the runs with their
positions (a visitor on ``extract_text``); from those we rebuild the page:

* lines, ordered top to bottom on single-column pages (content streams often draw the header or
  footer last); multi-column pages keep the stream order, which follows the columns; quotation
  marks drawn before the Chinese around them put back in their places (``_refill``);
* running headers and footers (the same top or bottom line on most pages, digits ignored) and
  page numbers ("3", "Page 3 of 9", "- 3 -", "－ 3 －", "第 3 页") dropped;
* footnotes taken off each page's foot and put at the end as "[1] …", their marks in the text
  (a small number after a word) written "[1]", as the other readers write them;
* paragraphs, split where the line spacing opens up, the font size changes, a numbering
  marker starts a line or a first-line indent does (not under an item's hanging marker, nor
  inside a block set in); a page break continues a paragraph unless the last line was short
  or the next is indented;
* wraps joined script-aware, and words hyphenated at a line end rejoined, while compounds broken
  at their hyphen keep it, by the document's own words (``wrap.compounds``).

Bounded: at most ``MAX_PAGES`` pages, ``MAX_CHARS`` characters and ``MAX_SECONDS`` (checked
between pages), with pypdf's decompression limits lowered for the duration of the read (a
context-local setting, so other threads are unaffected). Encrypted files and scans (no text
layer; OCR is out of scope) are refused with their own errors.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, field
from io import BytesIO
from itertools import groupby, pairwise
from typing import Any

from pypdf import PdfReader, apply_configuration
from pypdf.errors import (
    DependencyError,
    FileNotDecryptedError,
    LimitReachedError,
    PyPdfError,
)
from pypdf.generic import NameObject, StreamObject

from diffsvc.engine.normalize.markers import HEADINGS, parse_marker
from diffsvc.errors import (
    BrokenFile,
    EncryptedFile,
    NoTextLayer,
    TimeBudgetExceeded,
    TooLarge,
    UnsafeFile,
)
from diffsvc.text.numerals import CHINESE_NUMERAL
from diffsvc.text.scripts import width
from diffsvc.text.wrap import compounds, ended_with_room, han_column, join_lines, paragraphs

MAX_PAGES = 300
MAX_CHARS = 2_000_000
MAX_SECONDS = 6.0
# pypdf's defaults allow 75 MB per decompressed stream; a statement's page needs far less.
MAX_STREAM_BYTES = 16_000_000
# A dense page of text is about 10k operators and operands; pypdf's default allows 2M, which
# takes pypdf tens of seconds to interpret.
MAX_PAGE_OPERANDS = 100_000
FEW_LINES = 6  # a page with fewer lines than this says little of where its margin is

_PAGE_NUMBER = re.compile(
    r"^\s*(?:(?:page|p\.)\s*)?[-–—－―·]?\s*\d+\s*(?:(?:/|of)\s*\d+)?\s*[-–—－―·]?\s*$"
    r"|^\s*第\s*\d+\s*页(?:\s*[,，]?\s*共\s*\d+\s*页)?\s*$",
    re.IGNORECASE,
)
_MARKER = re.compile(
    rf"^(?:\d{{1,3}}[.)．]\s|[(（](?:\d{{1,3}}|[a-zA-Z]|[ivxIVX]{{1,4}}|{CHINESE_NUMERAL})[)）]"
    rf"|{CHINESE_NUMERAL}、|第{CHINESE_NUMERAL}条|[-•●]\s|\[\d{{1,3}}\]\s)"
)
_END = tuple('.。!！?？:：;；)）”"')
_QUOTES = "“”‘’「」『』"
# A footnote's number opening its text at a page's foot: "1 For greater certainty", "12 See",
# or set small before it with no space ("¹For greater certainty", as Word sets it).
_NOTE = re.compile(r"^\s*(\d{1,3})\s*(?=[A-Z\[(“\"])")


@dataclass
class _Line:
    text: str
    x: float
    y: float
    size: float
    page: int
    placed: bool = False  # position read from the text matrix (else estimated)
    # Runs of quotation marks alone, kept apart with their positions, and the line as drawn
    # (see ``_refill``).
    marks: list[tuple[float, str]] = field(default_factory=list)
    drawn: str = ""

    @property
    def weight(self) -> int:
        """Display columns: a Chinese character is as wide as two Latin ones."""
        return width(self.text)


def extract(data: bytes) -> str:
    """Plain text of a PDF's text layer: one paragraph a line, without running heads or folios."""
    with apply_configuration(
        zlib_maximum_output_length=MAX_STREAM_BYTES,
        lzw_maximum_output_length=MAX_STREAM_BYTES,
        run_length_maximum_output_length=MAX_STREAM_BYTES,
        brotli_maximum_output_length=MAX_STREAM_BYTES,
        stream_decoding_work_maximum_length=4 * MAX_STREAM_BYTES,
        stream_parsing_work_maximum_count=MAX_PAGE_OPERANDS,
    ):
        pages = _read_pages(_open(data))
    if not any(line.text.strip() for lines in pages for line in lines):
        raise NoTextLayer("This PDF has no text layer; OCR is not supported (is it a scan?).")
    body, notes = _footnotes(_strip_running(pages))
    return paragraphs(_paragraphs(body) + notes)


def _read_pages(reader: PdfReader) -> list[list[_Line]]:
    if len(reader.pages) > MAX_PAGES:
        raise TooLarge(
            f"The PDF has {len(reader.pages):,} pages; the limit is {MAX_PAGES}.", what="document"
        )
    deadline = time.monotonic() + MAX_SECONDS
    pages: list[list[_Line]] = []
    total = 0
    try:
        for number, page in enumerate(reader.pages):
            if time.monotonic() > deadline:
                raise TimeBudgetExceeded(
                    f"Reading the PDF took longer than {MAX_SECONDS:g} seconds; it was stopped."
                )
            lines = _page_lines(page, number)
            total += sum(len(line.text) for line in lines)
            if total > MAX_CHARS:
                raise TooLarge(
                    f"The PDF holds more than {MAX_CHARS:,} characters of text.", what="document"
                )
            pages.append(lines)
    except LimitReachedError as error:
        raise UnsafeFile(
            "A PDF page exceeds the reader's safety limits (a decompression bomb or a flood of "
            "drawing operators?); the file was not read."
        ) from error
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
        raise BrokenFile("The PDF is damaged and its text cannot be read.") from error
    return pages


def _open(data: bytes) -> PdfReader:
    try:
        reader = PdfReader(BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise EncryptedFile("The PDF is password-protected; save an unprotected copy.")
        _ = len(reader.pages)
    except (FileNotDecryptedError, DependencyError) as error:
        raise EncryptedFile(
            "The PDF is encrypted and cannot be read without its password."
        ) from error
    except LimitReachedError as error:
        raise UnsafeFile("The PDF exceeds the reader's safety limits; it was not read.") from error
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as error:
        raise BrokenFile("The PDF is damaged or truncated and cannot be read.") from error
    return reader


def _two_byte_encodings(page: Any) -> None:
    """Read composite fonts with an embedded two-byte CMap (fpdf2 writes these) as Identity-H.

    pypdf only knows the code width of named encodings and reads such fonts one byte at a time,
    which scrambles every character after the 256th distinct glyph. Only the code width matters
    for text extraction (ToUnicode maps the codes), so the named encoding is substituted.
    """
    resources = page.get("/Resources")
    fonts = resources.get_object().get("/Font") if resources is not None else None
    if fonts is None:
        return
    for reference in fonts.get_object().values():
        font = reference.get_object()
        encoding = font.get("/Encoding")
        if font.get("/Subtype") != "/Type0" or encoding is None:
            continue
        stream = encoding.get_object()
        if isinstance(stream, StreamObject) and b"<0000> <FFFF>" in stream.get_data()[:2048]:
            font[NameObject("/Encoding")] = NameObject("/Identity-H")


def _page_lines(page: Any, number: int) -> list[_Line]:
    _two_byte_encodings(page)
    lines: list[_Line] = [_Line("", 0.0, 0.0, 0.0, number)]

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        for index, chunk in enumerate(text.replace("\x00", "").split("\n")):
            if index:
                last = lines[-1]
                # Until its own run places it, a new line is assumed one line height lower.
                lines.append(_Line("", last.x, last.y - 1.2 * last.size, last.size, number))
            line = lines[-1]
            if (
                line.placed
                and line.text[-1:].strip()
                and chunk.isdigit()
                and len(chunk) <= 3
                and abs(size * tm[3] * cm[3]) < 0.8 * line.size
            ):
                # A footnote's mark, set small after a word ("…for each of them,¹ and"):
                # written the way the other readers write it, for the normaliser to link.
                line.text += f"[{chunk}]"
                continue
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            if chunk and not line.placed and any(tm):
                line.x = x
                line.y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                line.size = abs(size * tm[3] * cm[3]) or size
                line.placed = True
            elif chunk.strip() and any(tm):
                line.x = min(line.x, x)
            line.drawn += chunk
            if chunk.strip() and not chunk.strip(_QUOTES + " "):
                line.marks.append((x, chunk))
            else:
                line.text += chunk

    page.extract_text(visitor_text=visit)
    for line in lines:
        _refill(line)
    kept = [line for line in lines if line.text.strip()]
    width = float(page.mediabox.width) or 1.0
    if all(line.x < 0.4 * width for line in kept):
        kept.sort(key=lambda line: -line.y)  # single column: top to bottom
    return _same_line_merged(kept)


def _refill(line: _Line) -> None:
    """Put a line's quotation marks back where they were drawn.

    LibreOffice draws the glyphs a Chinese font lacks (its quotation marks, when the document's
    Chinese font is missing) before the characters around them, at their places, and leaves a
    space in each of those places in the Chinese runs: "“ ”", then "完成， 十四五 实现". Read in
    drawing order that is "“ ”完成， 十四五 实现". Where the line has as many such places (a space
    between two characters that are not ASCII) as it has marks, the marks go back in them, left
    to right; otherwise the line is read as drawn, which is right for every other PDF.
    """
    if not line.marks:
        return
    glyphs = [c for _, run in sorted(line.marks, key=lambda mark: mark[0]) for c in run if c != " "]
    text = line.text
    places = [
        k
        for k, c in enumerate(text)
        if c == " "
        and (k == 0 or not text[k - 1].isascii())
        and (k == len(text) - 1 or not text[k + 1].isascii())
    ]
    if len(places) != len(glyphs):
        line.text = line.drawn
        return
    chars = list(text)
    for k, glyph in zip(places, glyphs, strict=True):
        chars[k] = glyph
    line.text = "".join(chars)


def _same_line_merged(lines: list[_Line]) -> list[_Line]:
    """Runs drawn at the same height are one visual line (a date set flush right, a split run)."""
    out: list[_Line] = []
    for line in lines:
        last = out[-1] if out else None
        if last is not None and abs(last.y - line.y) < 0.3 * max(last.size, line.size, 1.0):
            last.text = f"{last.text.rstrip()} {line.text.lstrip()}"
        else:
            out.append(line)
    return out


def _footnotes(lines: list[_Line]) -> tuple[list[_Line], list[str]]:
    """Take the footnotes off the foot of each page: the run of lines after the page's last
    line of body size, set smaller, opening on a number ("1 For greater certainty, …").

    Left in place they would cut a paragraph running over the page in two. They come back at
    the document's end as "[1] For greater certainty, …", which the normaliser attaches to the
    clause that carries the mark, as it does for the other formats' notes.
    """
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size, 1)] += len(line.text)
    if not sizes:
        return lines, []
    body = sizes.most_common(1)[0][0]
    kept: list[_Line] = []
    notes: list[list[str]] = []
    for _, group in groupby(lines, key=lambda line: line.page):
        page = list(group)
        end = len(page)
        while end and page[end - 1].size < 0.85 * body:
            end -= 1
        foot = page[end:]
        if end == 0 or not foot or not _NOTE.match(foot[0].text):
            kept.extend(page)
            continue
        kept.extend(page[:end])
        for line in foot:
            found = _NOTE.match(line.text)
            if found is not None:
                notes.append([f"[{found[1]}] {line.text[found.end() :]}"])
            else:
                notes[-1].append(line.text)
    return kept, [join_lines(note, typeset=True) for note in notes]


def _key(line: _Line) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", line.text.strip().lower()))


def _strip_running(pages: list[list[_Line]]) -> list[_Line]:
    """Drop page numbers and lines repeated at the top or bottom of most pages."""
    edges: list[set[str]] = []
    for lines in pages:
        ys = sorted({round(line.y) for line in lines})
        outer = set(ys[:2] + ys[-2:])
        edges.append({_key(line) for line in lines if round(line.y) in outer})
    counts: dict[str, int] = {}
    for keys in edges:
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
    running = {
        key for key, n in counts.items() if len(pages) >= 2 and n >= max(2, 0.6 * len(pages))
    }
    kept: list[_Line] = []
    for lines, keys in zip(pages, edges, strict=True):
        for line in lines:
            key = _key(line)
            if key in keys and (key in running or _PAGE_NUMBER.match(line.text)):
                continue
            kept.append(line)
    return kept


def _paragraphs(lines: list[_Line]) -> list[str]:
    if not lines:
        return []
    gaps = [
        a.y - b.y
        for a, b in pairwise(lines)
        if a.page == b.page and abs(a.size - b.size) < 0.5 and a.y > b.y
    ]
    # Line spacing: a low percentile of the gaps, not the median, which is the paragraph gap
    # when paragraphs are only a line or two long.
    spacing = sorted(gaps)[len(gaps) // 5] if gaps else 0.0

    def apart(gap: float, size: float) -> bool:
        # Space between paragraphs, as a share of the line spacing or as a third of the type
        # size: a CJK font's tall lines (19.8 pt at 12 pt) leave Word's 6 pt after a paragraph
        # at 1.3 times the spacing.
        return spacing > 0 and (gap > 1.35 * spacing or gap - spacing > size / 3)

    spaced = any(apart(a.y - b.y, a.size) for a, b in pairwise(lines) if a.page == b.page)
    weights = sorted(line.weight for line in lines)
    full = weights[int(0.9 * (len(weights) - 1))]
    margins = _margins(lines)
    # Whether the document sets paragraphs apart by a first-line indent: an indented line
    # followed by one at the margin, not under an item's hanging marker.
    indents = sum(
        1
        for before, a, b in zip([None, *lines], lines, lines[1:], strict=False)
        if _set_in(a, margins)
        and abs(_offset(b, margins)) < 0.3 * b.size
        and not (before and _hangs(before, a))
    )
    runs = _runs(lines, margins)
    column = han_column(line.text for line in lines)
    out: list[list[str]] = [[lines[0].text]]
    opening = lines[0]  # the first line of the paragraph being read
    for k, (previous, line) in enumerate(pairwise(lines)):
        short = previous.weight < 0.8 * full
        # Where paragraphs are indented, a paragraph's second line is at the margin: of two or
        # three lines running at one indent, each but the last is a paragraph of one line
        # ("一是…区间。", a heading at a page's foot), if the first opened a paragraph (not
        # the lines set in under a definition's first). A longer run is a block set in (a
        # quotation, a signature block), whose paragraphs end on a finished sentence.
        one_line = (
            indents >= 2
            and previous is opening
            and runs[k] >= 2
            and runs[k + 1] == runs[k]
            and abs(line.x - previous.x) < 0.3 * line.size
            and (runs[k] <= 3 or previous.text.rstrip().endswith(_END))
        )
        indented = _indented(
            previous, line, opening, margins, short=short or one_line, run=runs[k + 1]
        )
        if line.page != previous.page:
            # No spacing to go by across a page break: only a short last line ends a paragraph,
            # and one that stops mid-sentence must be as short as a heading ("…by promoting
            # debt" / page / "sustainability and…" is one paragraph).
            ends = previous.text.rstrip().endswith(_END)
            new = (
                previous.weight < (0.85 if ends else 0.6) * full
                or _opens_item(previous, line, full)
                or indented
                # A heading opening the page, as short as one: not "Article 1.14 of Annex III
                # that…" carrying a sentence on.
                or (ends and line.weight < 0.6 * full and _heading(line.text))
                # A heading of the document's structure on the page's last line: "Article 6.1
                # Annexes, Appendices, and Footnotes" / page / "The annexes, appendices…".
                or _heading_line(previous, full)
                # A Chinese sentence finished with room for another character or two, on a
                # line at the margin (a first line set in is short by its indent).
                or (
                    column is not None
                    and abs(_offset(previous, margins)) < 0.3 * previous.size
                    and ended_with_room(previous.text, line.text, column, most=2)
                )
            )
        else:
            gap = previous.y - line.y
            new = (
                gap <= 0
                or apart(gap, line.size)
                or abs(previous.size - line.size) >= 0.5
                or _opens_item(previous, line, full)
                or (not spaced and short and previous.text.rstrip().endswith(_END))
                or indented
            )
        if new:
            out.append([])
            opening = line
        out[-1].append(line.text)
    compound = compounds([line.text for line in lines])
    return [join_lines(group, typeset=True, compound=compound) for group in out]


def _opens_item(previous: _Line, line: _Line, full: float) -> bool:
    """Whether ``line`` opens on an item's marker. A Chinese numeral and its comma after a
    full line cut mid-word are the word's end, not a marker: "…促进祖国和平统" / "一、推进中外
    交流合作…" (GWR 2015 set with a first-line indent) is 统一."""
    m = _MARKER.match(line.text)
    if m is None:
        return False
    if m.group().endswith("、") and previous.weight >= 0.9 * full:
        return previous.text.rstrip().endswith(_END)
    return True


def _heading(text: str) -> bool:
    """Whether a line opens on a heading of the document's structure ("Section II General
    Provisions", "Article 2.8: Labor", "Annex I", "第三章")."""
    marker = parse_marker(text, with_ordinal=False)
    return marker is not None and marker.scheme in HEADINGS


def _heading_line(line: _Line, full: float) -> bool:
    """Whether a line is a heading of the document's structure standing alone: its marker and a
    title opening in capitals ("Section 2 Non-Tariff Barriers and Related Matters"), no
    sentence's end, and short of the column, where a heading running on to a second line is
    not ("Article 2.1 Import Licensing and Technical Regulations, Standards, and" /
    "Conformity Assessment"). Not a sentence opening on a reference ("Article 1.14 of Annex III
    applies…")."""
    marker = parse_marker(line.text, with_ordinal=False)
    return (
        marker is not None
        and marker.scheme in HEADINGS
        and line.text[marker.length :].lstrip()[:1].isupper()
        and not line.text.rstrip().endswith(_END)
        and line.weight < 0.8 * full
    )


def _margins(lines: list[_Line]) -> dict[int, float]:
    """Each page's left margin (mirrored pages differ): the leftmost start of a fair share of
    its lines. Not the commonest start: a page of one- and two-line paragraphs set with a
    first-line indent starts more of its lines at the indent. A page of a few lines (a
    schedule's headings, each indented) takes the document's commonest margin."""
    margins = {}
    for page, group in groupby(lines, key=lambda line: line.page):
        starts = Counter(round(line.x) for line in group if line.placed)
        enough = max(2, 0.15 * sum(starts.values()))
        common = [x for x, n in starts.items() if n >= enough]
        if common and sum(starts.values()) >= FEW_LINES:
            margins[page] = float(min(common))
    if margins:
        usual = Counter(margins.values()).most_common(1)[0][0]
        for line in lines:
            margins.setdefault(line.page, usual)
    return margins


def _offset(line: _Line, margins: dict[int, float]) -> float:
    """How far right of its page's margin a line starts (nan where that is not known)."""
    margin = margins.get(line.page)
    return line.x - margin if margin is not None and line.placed else float("nan")


def _hangs(opening: _Line, line: _Line) -> bool:
    """Whether ``line`` is set under an item's marker that hangs left of it ("1. The Parties…"
    over "shall…")."""
    return bool(_MARKER.match(opening.text)) and line.x - opening.x >= 0.3 * line.size


def _runs(lines: list[_Line], margins: dict[int, float]) -> list[int]:
    """For each line set in from its margin, how many lines in a row, itself among them, start
    where it does (0 for a line at the margin)."""
    runs = [0] * len(lines)
    k = 0
    while k < len(lines):
        end = k
        while (
            end < len(lines)
            and _set_in(lines[end], margins)
            and (end == k or abs(lines[end].x - lines[end - 1].x) < 0.3 * lines[end].size)
        ):
            end += 1
        runs[k:end] = [end - k] * (end - k)
        k = max(end, k + 1)
    return runs


def _set_in(line: _Line, margins: dict[int, float]) -> bool:
    """Whether a line starts an em or more right of its page's margin."""
    return _offset(line, margins) >= 0.8 * line.size  # nan (not known): False


def _indented(
    previous: _Line,
    line: _Line,
    opening: _Line,
    margins: dict[int, float],
    *,
    short: bool,
    run: int,
) -> bool:
    """Whether ``line`` opens a paragraph by its first-line indent, as Chinese reports and
    many agreements are set, with no space between paragraphs: the line starts an em or more
    right of its page's margin, after a line that ends a paragraph (a short one, a heading, a
    paragraph of one line) or one at the margin. Not the lines of an item set in under its
    hanging marker, nor those of a paragraph whose first line hangs at the margin: a run of
    lines set in after a line that stopped mid-sentence goes on."""
    if not _set_in(line, margins) or _hangs(opening, line):
        return False
    if short:
        return True
    at_margin = abs(_offset(previous, margins)) < 0.3 * previous.size
    return at_margin and (run == 1 or previous.text.rstrip().endswith(_END))
