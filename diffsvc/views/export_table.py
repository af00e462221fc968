"""The change list for spreadsheets and plain-text tools: one row per alignment entry as CSV and
XLSX, a series' timeline as XLSX, and a Markdown redline.

Who reads these: a researcher who loads the changes into Excel or pandas to count, filter and
annotate them, and a writer who pastes a redline into a Markdown note or converts it with
pandoc. Every row reads only the Comparison, as every other face of diffsvc does, and the notes
are the engine's own words (``Change.note``), never re-derived.

What a spreadsheet must not do with a user's text: run it. A CSV cell that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return would be read as a formula by Excel or
LibreOffice, so it gets a leading ``'`` (OWASP's advice for CSV injection); in the XLSX file every
text is written as a string cell, so ``=cmd()`` stays text without being altered. Characters
that XML 1.0 forbids (most control characters) cannot be stored in an XLSX at all and are
dropped there; the CSV keeps the text exactly.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from diffsvc.models import Change, Clause, Comparison, Document, Entry, Series
from diffsvc.views.comparison import side_label, tracked_words
from diffsvc.views.contexts import Fragment
from diffsvc.views.export import (
    entry_heading,
    export_moment,
    reads_unchanged,
    shown_fragments,
    stable_zip,
)
from diffsvc.views.series import labels as version_labels
from diffsvc.views.series import thread_text
from diffsvc.views.series_pages import build_timeline

Cell = str | float | bool | None
Row = dict[str, Cell]

# The change list's columns, in order: the header row of both the CSV and the XLSX, and the
# keys of each ``change_rows`` row.
ENTRY = "Entry"
WHAT = "What happened"
CHANGED = "Changed"
LANGUAGE = "Language"
EARLIER_LABEL = "Earlier label"
LATER_LABEL = "Later label"
MOVED = "Moved"
RENUMBERED = "Renumbered"
EDITORIAL = "Editorial only"
REWRITTEN = "Rewritten"
ROUTINE = "Routine"
SIMILARITY = "Similarity"
QUANTITIES = "Number changes"
EARLIER_QUANTITY = "Earlier number"
LATER_QUANTITY = "Later number"
COMMITMENTS = "Commitment changes"
OTHER_NOTES = "Other notes"
EARLIER_TEXT = "Earlier text"
LATER_TEXT = "Later text"
COLUMNS = (
    ENTRY,
    WHAT,
    CHANGED,
    LANGUAGE,
    EARLIER_LABEL,
    LATER_LABEL,
    MOVED,
    RENUMBERED,
    EDITORIAL,
    REWRITTEN,
    ROUTINE,
    SIMILARITY,
    QUANTITIES,
    EARLIER_QUANTITY,
    LATER_QUANTITY,
    COMMITMENTS,
    OTHER_NOTES,
    EARLIER_TEXT,
    LATER_TEXT,
)
# Widths in Excel's character units; the long texts wrap inside theirs.
WIDTHS = {
    ENTRY: 7,
    WHAT: 12,
    CHANGED: 9,
    LANGUAGE: 9,
    EARLIER_LABEL: 12,
    LATER_LABEL: 12,
    MOVED: 8,
    RENUMBERED: 11,
    EDITORIAL: 9,
    REWRITTEN: 10,
    ROUTINE: 9,
    SIMILARITY: 10,
    QUANTITIES: 36,
    EARLIER_QUANTITY: 16,
    LATER_QUANTITY: 16,
    COMMITMENTS: 32,
    OTHER_NOTES: 32,
    EARLIER_TEXT: 60,
    LATER_TEXT: 60,
}
WRAPPED = frozenset({QUANTITIES, COMMITMENTS, OTHER_NOTES, EARLIER_TEXT, LATER_TEXT})
UNLABELLED = "¶"  # a clause without numbering, as the text redline names it
NO_VALUE = "—"  # a number dropped (no later form) or added (no earlier form)

# Spreadsheet programs read a cell starting with one of these as a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What XML 1.0 cannot hold (control characters but tab, line feed and carriage return, lone
# surrogates, U+FFFE and U+FFFF): openpyxl refuses a workbook with them.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# The most characters an Excel cell holds; a longer clause is cut, and says so.
EXCEL_CELL_CHARS = 32_767
CUT = " […]"

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE3EC")
TOP = Alignment(vertical="top")
WRAP = Alignment(vertical="top", wrap_text=True)


# ---------------------------------------------------------------------------------------------
# The change list


def _labels(clauses: Sequence[Clause], indices: Sequence[int]) -> str:
    return "+".join(clauses[i].label or UNLABELLED for i in indices)


def _texts(clauses: Sequence[Clause], indices: Sequence[int]) -> str:
    return "\n".join(clauses[i].text for i in indices)


def _quantity(change: Change) -> str:
    """A number change as a reader scans it: what it counts, old → new, and the kind."""
    moved = f"{change.left or NO_VALUE} → {change.right or NO_VALUE}"
    kind = f" ({change.quantity})" if change.quantity else ""
    return f"{change.context}: {moved}{kind}" if change.context else f"{moved}{kind}"


def _entry_row(result: Comparison, number: int, entry: Entry) -> Row:
    left, right = result.left.clauses, result.right.clauses
    numbers = [c for c in entry.changes if c.kind == "number"]
    commitments = [c.note for c in entry.changes if c.kind == "modality"]
    others = [c.note for c in entry.changes if c.kind not in ("number", "modality")]
    # Two columns a spreadsheet can sort and filter by, when the entry changed one number;
    # with several, only the list says which earlier number became which.
    single = numbers[0] if len(numbers) == 1 else None
    return {
        ENTRY: number,
        WHAT: entry.op.value,
        CHANGED: entry.changed,
        LANGUAGE: str(entry.language),
        EARLIER_LABEL: _labels(left, entry.left),
        LATER_LABEL: _labels(right, entry.right),
        MOVED: entry.moved,
        RENUMBERED: entry.renumbered,
        EDITORIAL: entry.editorial,
        REWRITTEN: entry.rewritten,
        ROUTINE: entry.routine,
        SIMILARITY: round(entry.similarity, 3),
        QUANTITIES: "; ".join(_quantity(c) for c in numbers),
        EARLIER_QUANTITY: single.left if single else None,
        LATER_QUANTITY: single.right if single else None,
        COMMITMENTS: "; ".join(commitments),
        OTHER_NOTES: "; ".join(others),
        EARLIER_TEXT: _texts(left, entry.left),
        LATER_TEXT: _texts(right, entry.right),
    }


def change_rows(result: Comparison) -> list[dict[str, str | float | bool | None]]:
    """One row per alignment entry, every entry in reading order, keyed by the column headers
    (``COLUMNS``). ``Changed`` says whether anything changed (wording, order, numbering or
    only editorially); numbers count from 1.

    >>> from diffsvc import compare
    >>> rows = change_rows(compare("1. Meet in 2023.\\n2. We will establish it.",
    ...                            "1. Meet in 2024.\\n2. We will explore it."))
    >>> [(r["Entry"], r["What happened"], r["Earlier label"], r["Later label"]) for r in rows]
    [(1, 'modified', '1.', '1.'), (2, 'modified', '2.', '2.')]
    >>> rows[0]["Number changes"], rows[0]["Earlier number"], rows[0]["Later number"]
    ('Meet: 2023 → 2024 (year)', '2023', '2024')
    >>> rows[1]["Commitment changes"]
    'commitment weakened: establish → explore'
    """
    return [_entry_row(result, k + 1, e) for k, e in enumerate(result.alignment)]


def csv_safe(value: str) -> str:
    """A text a spreadsheet program will not read as a formula: a leading ``'`` where it would.

    >>> csv_safe("=HYPERLINK(\\"http://x\\")"), csv_safe("-1"), csv_safe("1. Meet.")
    ('\\'=HYPERLINK("http://x")', "'-1", '1. Meet.')
    """
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _csv_cell(value: Cell) -> str | float:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return csv_safe(value)
    return value


def changes_csv(result: Comparison) -> str:
    """The change list as CSV (RFC 4180: comma-separated, CRLF line ends, quotes where needed),
    one header row, then one row per entry. Flags read ``yes``/``no``.

    It starts with a byte order mark: Excel reads a CSV file without one in the computer's
    legacy code page, which turns Chinese into mojibake; with it, Excel, LibreOffice and
    ``pandas.read_csv(..., encoding="utf-8-sig")`` all read UTF-8.
    """
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)  # the csv module's default dialect is RFC 4180's
    writer.writerow(COLUMNS)
    for row in change_rows(result):
        writer.writerow([_csv_cell(row[c]) for c in COLUMNS])
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# XLSX


def xlsx_text(value: str) -> str:
    """A text an XLSX cell can hold: without the characters XML forbids, cut to Excel's limit.

    >>> xlsx_text("a\\x00b\\x1fc\\td")
    'abc\\td'
    >>> len(xlsx_text("x" * 40_000)) == EXCEL_CELL_CHARS
    True
    """
    value = XML_ILLEGAL.sub("", value)
    if len(value) > EXCEL_CELL_CHARS:
        value = value[: EXCEL_CELL_CHARS - len(CUT)] + CUT
    return value


def _cell(sheet: Any, value: Cell, style: Alignment | None = None, *, header: bool = False) -> Any:
    """One write-only cell; a text always a string cell, never a formula, whatever it starts
    with."""
    cell = WriteOnlyCell(sheet, value=xlsx_text(value) if isinstance(value, str) else value)
    if isinstance(value, str):
        cell.data_type = "s"
    if style is not None:
        cell.alignment = style
    if header:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
    return cell


def _header(sheet: Any, names: Iterable[str]) -> list[Any]:
    return [_cell(sheet, name, WRAP, header=True) for name in names]


def _widths(sheet: Any, widths: Sequence[float]) -> None:
    # In a write-only sheet, columns are described before the first row is written.
    for k, width in enumerate(widths):
        sheet.column_dimensions[get_column_letter(k + 1)].width = width


def _save(workbook: Any, when: datetime.datetime | None) -> bytes:
    # openpyxl's own save dates the package "now"; writing it here with the export's date makes
    # the same comparison give the same bytes however often it is downloaded.
    moment = export_moment(when)
    workbook.properties.created = workbook.properties.modified = moment.replace(tzinfo=None)
    out = io.BytesIO()
    ExcelWriter(workbook, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)).save()
    return stable_zip(out.getvalue(), moment)


def _languages(doc: Document) -> str:
    seen = dict.fromkeys(str(c.language) for c in doc.clauses)
    return ", ".join(seen)


def _summary_sheet(workbook: Any, result: Comparison) -> None:
    sheet = workbook.create_sheet("Summary")
    _widths(sheet, [26, 40, 40])
    summary = result.summary
    sheet.append([_cell(sheet, "Summary", header=True), _cell(sheet, summary.text, WRAP)])
    sheet.append([])
    sheet.append(_header(sheet, ["Entries", "Count"]))
    counts = (
        ("Unchanged", summary.unchanged),
        ("Modified", summary.modified),
        ("Added", summary.added),
        ("Removed", summary.removed),
        ("Split", summary.split),
        ("Merged", summary.merged),
        ("Moved", summary.moved),
        ("Renumbered", summary.renumbered),
        ("Editorial only", summary.editorial),
        ("Substantive", summary.substantive),
        ("Routine", summary.routine),
        ("One language only", summary.asymmetric),
        ("Changed in any way", summary.changed),
    )
    for name, value in counts:
        sheet.append([_cell(sheet, name), value])
    sheet.append([])
    sheet.append(_header(sheet, ["Version", "Earlier", "Later"]))
    left, right = result.left, result.right

    def both(name: str, a: Cell, b: Cell) -> None:
        sheet.append([_cell(sheet, name), _cell(sheet, a, WRAP), _cell(sheet, b, WRAP)])

    both("Name", side_label(left, "Earlier"), side_label(right, "Later"))
    both("File", left.source.filename or "(pasted text)", right.source.filename or "(pasted text)")
    both("Format", left.source.format, right.source.format)
    both("Encoding", left.source.encoding, right.source.encoding)
    both("Clauses", len(left.clauses), len(right.clauses))
    both("Languages", _languages(left), _languages(right))
    both(
        "Repairs",
        ", ".join(f"{k}: {v}" for k, v in left.source.repairs.items()),
        ", ".join(f"{k}: {v}" for k, v in right.source.repairs.items()),
    )
    both(
        "Tracked changes",
        tracked_words(left.source.tracked_changes),
        tracked_words(right.source.tracked_changes),
    )
    sheet.append([])
    engine = f"diffsvc {result.version.engine}, schema {result.version.schema_version}"
    sheet.append([_cell(sheet, "Compared by"), _cell(sheet, engine)])


def changes_xlsx(result: Comparison, *, when: datetime.datetime | None = None) -> bytes:
    """The change list as an Excel workbook: a "Changes" sheet (header row frozen, a filter on
    every column, long texts wrapped) with one row per entry, and a "Summary" sheet with the
    counts and both versions' names and sources. ``when`` dates the file (default: now)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Changes")
    sheet.freeze_panes = "A2"
    _widths(sheet, [WIDTHS[c] for c in COLUMNS])
    sheet.append(_header(sheet, COLUMNS))
    rows = change_rows(result)
    for row in rows:
        sheet.append([_cell(sheet, row[c], WRAP if c in WRAPPED else TOP) for c in COLUMNS])
    last = get_column_letter(len(COLUMNS))
    sheet.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
    _summary_sheet(workbook, result)
    return _save(workbook, when)


# ---------------------------------------------------------------------------------------------
# A series' timeline


def timeline_xlsx(series: Series, *, when: datetime.datetime | None = None) -> bytes:
    """A series' timeline as an Excel workbook: a "Timeline" sheet with one row per thread (in
    the order of the timeline page, section by section) and one column per version holding what
    happened to the clause on the way into that version, the header row and the thread's text
    frozen; and a "Versions" sheet naming each version.

    The rows, sections and event words are the timeline page's own (``build_timeline``).
    ``when`` dates the file (default: now)."""
    page = build_timeline(series)
    threads = {t.id: t for t in series.threads}
    names = version_labels(series)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Timeline")
    sheet.freeze_panes = "C2"
    trailing = ["Section", "First in", "Wording from", "Last in"]
    _widths(sheet, [7, 60, *(12 for _ in names), 30, 12, 12, 12])
    sheet.append(_header(sheet, ["Thread", "Text where it last stands", *names, *trailing]))
    count = 0
    for section in page.sections:
        for row in section.rows:
            thread = threads[row.thread]
            cells = [_cell(sheet, c.word, TOP) for c in row.cells]
            sheet.append(
                [
                    row.number,
                    _cell(sheet, thread_text(series, thread), WRAP),
                    *cells,
                    _cell(sheet, section.title, WRAP),
                    _cell(sheet, names[thread.first], TOP),
                    _cell(sheet, names[thread.changed], TOP),
                    _cell(sheet, names[thread.last], TOP),
                ]
            )
            count += 1
    width = 2 + len(names) + len(trailing)
    sheet.auto_filter.ref = f"A1:{get_column_letter(width)}{count + 1}"
    versions = workbook.create_sheet("Versions")
    _widths(versions, [9, 30, 30, 10])
    versions.append(_header(versions, ["Version", "Name", "File", "Clauses"]))
    for k, doc in enumerate(series.versions):
        versions.append(
            [
                k + 1,
                _cell(versions, names[k]),
                _cell(versions, doc.source.filename),
                len(doc.clauses),
            ]
        )
    return _save(workbook, when)


# ---------------------------------------------------------------------------------------------
# Markdown


# Characters that mean something anywhere in a Markdown line; user text gets them backslashed
# (CommonMark lets any ASCII punctuation be escaped so). `&` starts an entity, `<` raw HTML,
# `#` a heading (or closes one).
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>&~|#])")
# What means something only at the start of a line: a list item, a thematic break or setext
# underline, an ordered list item ("1." or "1)").
_LINE_START = re.compile(r"^([+=-])|^(\d+)([.)])")


def markdown_escape(text: str) -> str:
    """User text that Markdown shows as written, never as markup, inside a line (see
    ``_line_start`` for the start of one).

    >>> print(markdown_escape("*not bold* <b>x</b> [link](u) a_b ~~c~~ 1 & 2"))
    \\*not bold\\* \\<b\\>x\\</b\\> \\[link\\](u) a\\_b \\~\\~c\\~\\~ 1 \\& 2
    """
    return _INLINE_SPECIAL.sub(r"\\\1", text)


def _line_start(line: str) -> str:
    """A line whose start Markdown would read as structure, with that start escaped; indents
    (four spaces are a code block) dropped."""
    line = line.lstrip(" \t")
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", line, count=1)


def _punctuation(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


def _can_open(before: str, first: str) -> bool:
    """Whether emphasis marks between ``before`` and ``first`` open (CommonMark's
    left-flanking rule; a line's start counts as a space)."""
    if not first or first.isspace():
        return False
    return not _punctuation(first) or not before or before.isspace() or _punctuation(before)


def _can_close(last: str, after: str) -> bool:
    if not last or last.isspace():
        return False
    return not _punctuation(last) or not after or after.isspace() or _punctuation(after)


_MARKS = {"del": ("~~", "~~", "<del>", "</del>"), "ins": ("**", "**", "<ins>", "</ins>")}


def _markdown_line(pieces: Sequence[tuple[str, str]]) -> str:
    """One line of a redline: unchanged text as it is, deletions ``~~struck~~`` and insertions
    ``**bold**``; where Markdown's emphasis rules would not see those marks (a change that
    starts or ends with punctuation against a word), ``<del>``/``<ins>``. Spaces at the edges
    of a change stay outside its marks, for the same rules.

    >>> _markdown_line([("same", "第十"), ("ins", "一"), ("same", "次")])
    '第十**一**次'
    >>> _markdown_line([("same", "合作"), ("del", ","), ("ins", "，"), ("same", "共同")])
    '合作<del>,</del><ins>，</ins>共同'
    >>> _markdown_line([("same", "Meet"), ("del", " a"), ("del", "b"), ("ins", "c")])
    'Meet ~~ab~~**c**'
    >>> _markdown_line([("same", "2. Meet"), ("del", " and we"), ("same", " will.")])
    '2\\\\. Meet ~~and we~~ will.'
    """
    # Each piece as (mark, leading spaces, text, trailing spaces), escaped; a change of
    # spacing alone has nothing to mark: the later text keeps its spaces, the earlier's go.
    merged: list[tuple[str, str]] = []
    for mark, raw in pieces:
        # Two deletions in a row would write ~~a~~~~b~~, four tildes that close nothing.
        if merged and merged[-1][0] == mark:
            merged[-1] = (mark, merged[-1][1] + raw)
        else:
            merged.append((mark, raw))
    parts: list[tuple[str, str, str, str]] = []
    for mark, raw in merged:
        text = markdown_escape(raw)
        core = text.strip()
        if mark == "same" or not core:
            if mark != "del":
                parts.append(("same", "", text, ""))
            continue
        lead = text[: len(text) - len(text.lstrip())]
        parts.append((mark, lead, core, text[len(text.rstrip()) :]))

    def first_char(k: int) -> str:
        """What the output holds right after part ``k - 1``: a change opens with a space or
        its mark, punctuation either way."""
        if k == len(parts):
            return ""
        mark, lead, text, _ = parts[k]
        return text[:1] if mark == "same" else (lead[:1] or "*")

    out = ""
    for k, (mark, lead, core, trail) in enumerate(parts):
        if mark == "same":
            out += core
            continue
        before = (out + lead)[-1:]
        after = trail[:1] or first_char(k + 1)
        opening, closing, html_open, html_close = _MARKS[mark]
        if not (_can_open(before, core[0]) and _can_close(core[-1], after)):
            opening, closing = html_open, html_close
        out += f"{lead}{opening}{core}{closing}{trail}"
    return _line_start(out) if parts and parts[0][0] == "same" else out


def _lines(fragments: Sequence[Fragment]) -> list[list[tuple[str, str]]]:
    """Fragments cut at line feeds (a split or merge joins its clauses with them)."""
    lines: list[list[tuple[str, str]]] = [[]]
    for f in fragments:
        for k, part in enumerate(f.text.split("\n")):
            if k:
                lines.append([])
            if part:
                lines[-1].append((f.mark, part))
    return lines


def _body(fragments: Sequence[Fragment]) -> str:
    # A backslash before a line feed is CommonMark's (and pandoc's) hard line break.
    return "\\\n".join(_markdown_line(line) for line in _lines(fragments))


def _source_line(doc: Document, name: str) -> str:
    src = doc.source
    parts = [f"{len(doc.clauses)} clauses", src.format]
    if src.filename and src.filename != name:
        parts.insert(0, src.filename)
    tracked = tracked_words(src.tracked_changes)
    if tracked:
        parts.append(tracked)
    return f"{markdown_escape(name)} ({markdown_escape(', '.join(parts))})"


def markdown_redline(result: Comparison, *, hide_editorial: bool = False) -> str:
    """The comparison as a Markdown redline: the summary, then every entry in reading order,
    deleted words ``~~struck through~~`` and inserted ones ``**in bold**`` (pandoc keeps both
    in any format it converts to), each change headed by what happened and followed by its
    notes. User text is escaped, so it reads as written and never as markup. With
    ``hide_editorial``, editorial changes read as the later text, unmarked, as on the page.

    >>> from diffsvc import compare
    >>> r = compare("1. We will establish *it*.", "1. We will explore *it*.")
    >>> print(markdown_redline(r).split("---\\n\\n", 1)[1], end="")
    #### modified 1.→1.
    <BLANKLINE>
    We will ~~establish~~**explore** \\*it\\*.
    <BLANKLINE>
    - commitment weakened: establish → explore
    """
    left = side_label(result.left, "Earlier")
    right = side_label(result.right, "Later")
    lines = [
        f"# {markdown_escape(left)} → {markdown_escape(right)}",
        "",
        _line_start(markdown_escape(result.summary.text)),
        "",
        f"- Earlier: {_source_line(result.left, left)}",
        f"- Later: {_source_line(result.right, right)}",
        "",
        "Deleted words are ~~struck through~~, inserted words **in bold**.",
        "",
        "---",
        "",
    ]
    for entry in result.alignment:
        frags = shown_fragments(result, entry, hide_editorial=hide_editorial)
        if reads_unchanged(entry, hide_editorial=hide_editorial) and not (
            entry.moved or entry.renumbered
        ):
            label = _labels(result.right.clauses, entry.right) if entry.right else ""
            text = "\n".join(result.right.clauses[i].text for i in entry.right)
            head = f"{label} " if label and label != UNLABELLED else ""
            lines += [_body([Fragment(text=head + text, mark="same", editorial=False)]), ""]
            continue
        heading = entry_heading(result, entry, hide_editorial=hide_editorial)
        lines += [f"#### {markdown_escape(heading)}", "", _body(frags), ""]
        notes = [c.note for c in entry.changes if not (hide_editorial and c.kind == "editorial")]
        if notes:
            lines += [f"- {_line_start(markdown_escape(note))}" for note in notes] + [""]
    return "\n".join(lines).rstrip("\n") + "\n"
