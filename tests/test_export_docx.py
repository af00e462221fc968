"""The Word redline (issue #15, point 1): a .docx with native tracked changes that a lawyer can
hand on. Accepting every change must read the later version's clauses and rejecting every change
the earlier version's, as a real word processor does it: LibreOffice, headless
(``tests/libreoffice.py``), one soffice for the module. The XML is read only for what a word
processor does not report in text: who made the revisions and when, Word's moves, the fonts.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from libreoffice import LibreOffice, LibreOfficeError, Opened, missing
from lxml import etree

from diffsvc import compare, load, read
from diffsvc.models import Comparison, Document
from diffsvc.views.export_docx import COVER_STYLES, EAST_ASIAN_FONT, clause_line, redline_docx

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
WHEN = datetime.datetime(2024, 5, 13, 9, 30, tzinfo=datetime.UTC)
STAMP = "2024-05-13T09:30:00Z"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
REVISIONS = ("ins", "del", "moveFrom", "moveTo")
HAN = re.compile(r"[\u3400-\u9fff]")


def _pair(name: str, left: str = "a.txt", right: str = "b.txt") -> tuple[Document, Document]:
    folder = FIXTURES / name
    return (
        load((folder / left).read_bytes(), left, label=Path(left).stem),
        load((folder / right).read_bytes(), right, label=Path(right).stem),
    )


def _seed() -> tuple[Document, Document]:
    # fixtures/seed-next-year/a.txt is the seed statement byte for byte (fixtures/PROVENANCE.md).
    folder = FIXTURES / "seed-next-year"
    return (
        load((folder / "a.txt").read_bytes(), "a.txt", label="2023"),
        load((folder / "b.txt").read_bytes(), "b.txt", label="2024"),
    )


# Small pairs for the edges of a document: the last paragraph mark, which no word processor
# removes, and insertions that touch across a kept paragraph mark.
EDGES = {
    "last removed": ("1. Alpha.\n2. Beta.\n3. Gamma is the last clause.", "1. Alpha.\n2. Beta."),
    "last added": ("1. Alpha.\n2. Beta.", "1. Alpha.\n2. Beta.\n3. Gamma is the last clause."),
    "end rewritten": (
        "1. Alpha.\n2. Beta.\n3. Gamma is the last clause of the old text.",
        "1. Alpha.\n2. Beta.\n3. Something else entirely, written anew for the later version.",
    ),
    "first added": ("1. Alpha.\n2. Beta.", "1. Zeta comes first now.\n2. Alpha.\n3. Beta."),
    "moved to the end": (
        "1. Alpha is first.\n2. Beta is second.\n3. Gamma is third.",
        "1. Beta is second.\n2. Gamma is third.\n3. Alpha is first.",
    ),
    "moved and reworded at its end": (
        "1. Alpha is the first clause of this text\n2. Beta is the second clause.\n"
        "3. Gamma is the third clause.\n4. Delta is the fourth clause.",
        "1. Beta is the second clause.\n2. Gamma is the third clause.\n"
        "3. Delta is the fourth clause.\n4. Alpha is the first clause of this statement",
    ),
    "insertion before an added clause": (
        "1. Alpha\n2. Beta",
        "1. Alpha and more\n2. A new clause in its own words.\n3. Beta",
    ),
}

CASES = {
    # The four the issue names: the seed pair, a Chinese and English fixture, a reorder, and a
    # real agreement pair (the US–Cambodia and US–Jordan reciprocal trade agreements).
    "seed": _seed,
    "bilingual": lambda: _pair("numbering-schemes"),
    "reorder": lambda: _pair("reorder"),
    "agreement": lambda: _pair("markdown-real", "cambodia.md", "jordan.md"),
    # Splits, merges, clauses added and removed, editorial changes in Chinese.
    "split": lambda: _pair("split"),
    "merge": lambda: _pair("merge"),
    "add-remove": lambda: _pair("add-remove"),
    "traditional": lambda: _pair("trad-pinyin-vs-simplified"),
    **{name: (lambda pair=pair: pair) for name, pair in EDGES.items()},
}


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LibreOffice]:
    """Debian's LibreOffice, headless, one for the module."""
    why = missing()
    if why:
        # Fail, never skip: a redline test that skips is a redline test that does not exist.
        pytest.fail(why, pytrace=False)
    instance = LibreOffice(tmp_path_factory.mktemp("soffice"))
    yield instance
    instance.close()


@pytest.fixture(scope="module")
def redlines(office: LibreOffice) -> Iterator[dict[str, tuple[Comparison, bytes, Opened]]]:
    """Each case compared, written and opened in LibreOffice once, on first use."""

    class Cases(dict[str, tuple[Comparison, bytes, Opened]]):
        def __missing__(self, name: str) -> tuple[Comparison, bytes, Opened]:
            left, right = CASES[name]()
            result = compare(left, right)
            data = redline_docx(result, when=WHEN)
            self[name] = (result, data, office.open(data))
            return self[name]

    yield Cases()


def _clauses(opened: Opened, state: str) -> list[str]:
    return [p.text for p in opened.paragraphs[state] if p.style not in COVER_STYLES]


def _xml(data: bytes, part: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(part))


def _text(element: etree._Element) -> str:
    return "".join(element.xpath(".//w:t/text() | .//w:delText/text()", namespaces=NS))


def _clause_paragraphs(data: bytes) -> list[etree._Element]:
    """The body's paragraphs after the cover, told apart by their styles' names."""
    names = {
        style.get(f"{{{W}}}styleId"): style.find("w:name", NS).get(f"{{{W}}}val")
        for style in _xml(data, "word/styles.xml").iterfind("w:style", NS)
    }

    def style(paragraph: etree._Element) -> str:
        chosen = paragraph.find("w:pPr/w:pStyle", NS)
        return names["Normal"] if chosen is None else names[chosen.get(f"{{{W}}}val")]

    return [p for p in _xml(data).iterfind("w:body/w:p", NS) if style(p) not in COVER_STYLES]


def _revisions(element: etree._Element) -> list[etree._Element]:
    return [e for name in REVISIONS for e in element.iter(f"{{{W}}}{name}")]


@pytest.mark.parametrize("name", CASES)
def test_accepting_every_change_reads_the_later_version(
    redlines: dict[str, tuple[Comparison, bytes, Opened]], name: str
) -> None:
    result, _, opened = redlines[name]
    assert _clauses(opened, "accepted") == [clause_line(c) for c in result.right.clauses]


@pytest.mark.parametrize("name", CASES)
def test_rejecting_every_change_reads_the_earlier_version(
    redlines: dict[str, tuple[Comparison, bytes, Opened]], name: str
) -> None:
    result, _, opened = redlines[name]
    assert _clauses(opened, "rejected") == [clause_line(c) for c in result.left.clauses]


@pytest.mark.parametrize("name", ["seed", "bilingual", "reorder", "agreement"])
def test_every_change_is_a_revision_by_diffsvc_dated_with_the_comparison(
    redlines: dict[str, tuple[Comparison, bytes, Opened]], name: str
) -> None:
    _, data, opened = redlines[name]
    assert opened.redlines, "no tracked change at all"
    assert {(r.author, r.date) for r in opened.redlines} == {("diffsvc", "2024-05-13T09:30:00")}
    assert {r.type for r in opened.redlines} <= {"Insert", "Delete"}
    marks = _revisions(_xml(data))
    assert {(m.get(f"{{{W}}}author"), m.get(f"{{{W}}}date")) for m in marks} == {("diffsvc", STAMP)}
    # Word refuses a file whose annotations share an id.
    ids = [
        e.get(f"{{{W}}}id")
        for e in _xml(data).iter()
        if etree.QName(e).localname in {*REVISIONS, "moveFromRangeStart", "moveToRangeStart"}
    ]
    comments = [
        c.get(f"{{{W}}}id") for c in _xml(data, "word/comments.xml").iterfind("w:comment", NS)
    ]
    assert len(set(ids + comments)) == len(ids + comments)


def test_the_cover_names_both_versions_and_carries_the_summary(
    redlines: dict[str, tuple[Comparison, bytes, Opened]],
) -> None:
    result, _, opened = redlines["seed"]
    first, *rest = opened.paragraphs["as written"]
    assert (first.style, first.text) == ("Comparison Title", "Comparison of 2023 and 2024")
    cover = [p.text for p in rest if p.style in COVER_STYLES]
    assert result.summary.text in cover
    # The cover heads the document: no clause comes before it.
    styles = [p.style in COVER_STYLES for p in opened.paragraphs["as written"]]
    assert styles == sorted(styles, reverse=True)


def test_a_moved_clause_is_a_word_move_from_its_old_place_to_its_new_one(
    redlines: dict[str, tuple[Comparison, bytes, Opened]],
) -> None:
    result, data, _ = redlines["reorder"]
    [moved] = [e for e in result.alignment if e.moved]
    text = result.right.clauses[moved.right[0]].text
    paragraphs = [_text(p) for p in _clause_paragraphs(data)]
    body = _xml(data)
    moved_from = "".join(_text(e) for e in body.iter(f"{{{W}}}moveFrom"))
    moved_to = "".join(_text(e) for e in body.iter(f"{{{W}}}moveTo"))
    assert text in moved_from and text in moved_to
    # Old place after clause 2 of the earlier version, new place first: the moved-to paragraph
    # comes before the clause it now precedes, the moved-from one after the clause it followed.
    at_new, at_old = paragraphs.index(f"1. {text}"), paragraphs.index(f"3. {text}")
    share = next(i for i, p in enumerate(paragraphs) if "share information" in p)
    assert at_new < share < at_old
    names = {
        kind: [e.get(f"{{{W}}}name") for e in body.iter(f"{{{W}}}{kind}RangeStart")]
        for kind in ("moveFrom", "moveTo")
    }
    assert names["moveFrom"] == names["moveTo"] and len(names["moveTo"]) == 1
    ends = {kind: len(list(body.iter(f"{{{W}}}{kind}RangeEnd"))) for kind in ("moveFrom", "moveTo")}
    assert ends == {"moveFrom": 1, "moveTo": 1}


def test_a_renumbered_clause_has_a_comment_on_it(
    redlines: dict[str, tuple[Comparison, bytes, Opened]],
) -> None:
    result, _, opened = redlines["reorder"]
    comments = {c.text: c for c in opened.comments}
    assert set(comments) == {"Renumbered 3. → 1.", "Renumbered 1. → 2.", "Renumbered 2. → 3."}
    assert {c.author for c in opened.comments} == {"diffsvc"}
    moved = comments["Renumbered 3. → 1."]
    assert moved.anchor.endswith(result.right.clauses[2].text)


def test_notes_on_numbers_and_commitments_are_comments(
    redlines: dict[str, tuple[Comparison, bytes, Opened]],
) -> None:
    _, _, opened = redlines["seed"]
    texts = "\n".join(c.text for c in opened.comments)
    assert "Renumbered 三、 → 四、" in texts
    assert "Commitment dropped: establish bilateral cooperation" in texts
    assert "Tenth → Eleventh Annual Meeting" in texts
    note = next(c for c in opened.comments if "Tenth → Eleventh" in c.text)
    assert "Eleventh Annual Meeting" in note.anchor


def test_chinese_is_set_in_a_cjk_font_and_english_in_the_normal_one(
    redlines: dict[str, tuple[Comparison, bytes, Opened]],
) -> None:
    _, data, _ = redlines["seed"]
    runs = list(_xml(data).iter(f"{{{W}}}r"))
    chinese = [r for r in runs if HAN.search(_text(r))]
    english = [r for r in runs if re.search("[A-Za-z]", _text(r)) and not HAN.search(_text(r))]
    assert chinese and english

    def east_asian_font(run: etree._Element) -> str | None:
        fonts = run.find("w:rPr/w:rFonts", NS)
        return None if fonts is None else fonts.get(f"{{{W}}}eastAsia")

    assert {east_asian_font(r) for r in chinese} == {EAST_ASIAN_FONT}
    assert {east_asian_font(r) for r in english} == {None}
    defaults = _xml(data, "word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert defaults.find("w:rFonts", NS).get(f"{{{W}}}eastAsia") == EAST_ASIAN_FONT
    assert defaults.find("w:lang", NS).get(f"{{{W}}}eastAsia") == "zh-CN"


def test_added_and_removed_clauses_take_their_paragraph_marks_with_them(
    redlines: dict[str, tuple[Comparison, bytes, Opened]],
) -> None:
    _, data, _ = redlines["add-remove"]
    whole = {
        kind: [
            p
            for p in _clause_paragraphs(data)
            if p.find(f"w:pPr/w:rPr/w:{kind}", NS) is not None
            and all(r.getparent().tag == f"{{{W}}}{kind}" for r in p.iterfind(".//w:r", NS))
        ]
        for kind in ("ins", "del")
    }
    assert [_text(p) for p in whole["ins"]] == [
        "(c) They launched a new partnership on maritime domain awareness."
    ]
    assert [_text(p) for p in whole["del"]] == [
        "(c) They discussed health security and vaccine delivery."
    ]


def test_silent_editorial_changes_are_written_as_the_later_text_without_a_revision(
    office: LibreOffice,
) -> None:
    result = compare(
        "1. Alpha , beta.\n2. We will establish it.", "1. Alpha, beta.\n2. We will explore it."
    )
    silent = redline_docx(result, editorial="silent", when=WHEN)
    tracked = redline_docx(result, editorial="revisions", when=WHEN)
    first, second = _clause_paragraphs(silent)
    assert (_text(first), _revisions(first)) == ("1. Alpha, beta.", [])
    assert _revisions(second)
    assert _revisions(_clause_paragraphs(tracked)[0])
    opened = office.open(silent)
    assert _clauses(opened, "accepted") == ["1. Alpha, beta.", "2. We will explore it."]
    # Rejecting restores the earlier wording, in the later form of its punctuation.
    assert _clauses(opened, "rejected") == ["1. Alpha, beta.", "2. We will establish it."]


def test_silent_chinese_script_changes_leave_only_the_substantive_revisions(
    redlines: dict[str, tuple[Comparison, bytes, Opened]],
) -> None:
    result, tracked, _ = redlines["traditional"]
    silent = redline_docx(result, editorial="silent", when=WHEN)
    paragraphs = _clause_paragraphs(silent)
    assert len(paragraphs) == len(result.alignment)  # no clause moved, was added or removed
    editorial = [not e.substantive and e.editorial for e in result.alignment]
    assert any(editorial) and not all(editorial)
    assert [not _revisions(p) for p in paragraphs] == editorial
    assert all(_revisions(p) for p in _clause_paragraphs(tracked))
    assert [_text(p) for p in paragraphs if not _revisions(p)] == [
        clause_line(result.right.clauses[e.right[0]])
        for e, quiet in zip(result.alignment, editorial, strict=True)
        if quiet
    ]


def test_user_text_is_escaped_and_characters_xml_cannot_hold_are_replaced(
    office: LibreOffice,
) -> None:
    result = compare('1. Use <b>bold</b> & "quotes".', "1. Use <i>italics</i> & 'quotes'.")
    # A comparison from the API or the store may carry what XML 1.0 forbids.
    right = result.right.model_copy(deep=True)
    right.clauses[0].text += "\x01\x0b end"
    result = result.model_copy(update={"right": right})
    data = redline_docx(result, when=WHEN)
    assert b"&lt;i&gt;italics&lt;/i&gt; &amp;" in _document_bytes(data)
    opened = office.open(data)
    assert _clauses(opened, "accepted") == ["1. Use <i>italics</i> & 'quotes'.\ufffd\ufffd end"]
    assert _clauses(opened, "rejected") == ['1. Use <b>bold</b> & "quotes".']


def _document_bytes(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml")


def test_the_same_comparison_and_date_give_the_same_file() -> None:
    left, right = _pair("reorder")
    result = compare(left, right)
    assert redline_docx(result, when=WHEN) == redline_docx(result, when=WHEN)
    assert redline_docx(result, when=WHEN) != redline_docx(
        result, when=WHEN + datetime.timedelta(days=1)
    )


def test_without_a_date_revisions_are_dated_now_in_utc_to_the_second() -> None:
    result = compare("1. We will establish it.", "1. We will explore it.")
    before = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    data = redline_docx(result)
    after = datetime.datetime.now(datetime.UTC)
    dates = {m.get(f"{{{W}}}date") for m in _revisions(_xml(data))}
    [date] = dates
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", date)
    stamp = datetime.datetime.strptime(date, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.UTC)
    assert before <= stamp <= after


def test_a_naive_date_is_read_as_utc_and_an_aware_one_converted() -> None:
    result = compare("1. We will establish it.", "1. We will explore it.")
    naive = redline_docx(result, when=datetime.datetime(2024, 5, 13, 9, 30))
    eastern = datetime.timezone(datetime.timedelta(hours=8))
    aware = redline_docx(result, when=datetime.datetime(2024, 5, 13, 17, 30, tzinfo=eastern))
    for data in (naive, aware):
        assert {m.get(f"{{{W}}}date") for m in _revisions(_xml(data))} == {STAMP}


def test_an_unknown_editorial_choice_is_refused() -> None:
    result = compare("1. Alpha.", "1. Beta.")
    with pytest.raises(ValueError, match="editorial"):
        redline_docx(result, editorial="hidden")  # type: ignore[arg-type]


PAIRS = sorted(p.parent.name for p in FIXTURES.glob("*/a.txt"))


@pytest.mark.parametrize("name", PAIRS)
@pytest.mark.parametrize("swapped", [False, True], ids=["forward", "swapped"])
def test_diffsvcs_own_word_reader_reads_both_versions_back(name: str, swapped: bool) -> None:
    """Every fixture pair, both ways, through the tracked-change reader users' Word uploads go
    through: a check of the encoding on many more pairs than LibreOffice opens here."""
    left, right = _pair(name)
    if swapped:
        left, right = right, left
    result = compare(left, right)
    data = redline_docx(result, when=WHEN)
    for state, side in (("final", result.right), ("original", result.left)):
        lines = [
            " ".join(line.split()) for line in read(data, "r.docx", tracked=state).text.split("\n")
        ]
        want = [" ".join(clause_line(c).split()) for c in side.clauses]
        got = [line for line in lines if line]
        assert got[len(got) - len(want) :] == [w for w in want if w], state


def test_a_file_libreoffice_cannot_open_fails_the_check(office: LibreOffice) -> None:
    """The helper itself: a file that does not open is an error, not an empty document."""
    data = redline_docx(compare("1. Alpha.", "1. Beta."), when=WHEN)
    with pytest.raises(LibreOfficeError):
        office.open(data[: len(data) // 2])
    assert _clauses(office.open(data), "accepted") == ["1. Beta."]
