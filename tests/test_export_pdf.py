"""The PDF redline (``diffsvc.views.export_pdf.redline_pdf``), read back the way its readers
meet it: the text a PDF viewer extracts (Poppler's ``pdftotext``), the fonts it embeds
(``pdffonts``), the pages rasterised (``pdftoppm``) and its links (pypdf).

Poppler is required, never skipped: a missing tool fails the test, so a green run under CI=true
has really read every PDF back.
"""

from __future__ import annotations

import datetime
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from diffsvc import compare, load, normalize
from diffsvc.models import Comparison
from diffsvc.views.export_pdf import redline_html, redline_pdf

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
WHEN = datetime.datetime(2026, 12, 3, 13, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
CID = "seed-c1d2e3"


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        # Fail, never skip: a PDF test that skips is a PDF test that does not exist.
        pytest.fail(
            f"{name} (poppler-utils) is required (CI={os.environ.get('CI')}); run make sysdeps"
        )
    return found


def _text(pdf: bytes, *, layout: bool = False) -> str:
    args = [_tool("pdftotext"), *(["-layout"] if layout else []), "-", "-"]
    return subprocess.run(args, input=pdf, capture_output=True, check=True).stdout.decode()


def _reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def _flat(text: str) -> str:
    """Text with every run of whitespace one space, as a reader sees the words."""
    return " ".join(text.split())


def _pair(name: str, left_label: str = "2023", right_label: str = "2024") -> Comparison:
    return compare(
        load((FIXTURES / name / "a.txt").read_bytes(), "a.txt", label=left_label),
        load((FIXTURES / name / "b.txt").read_bytes(), "b.txt", label=right_label),
    )


@pytest.fixture(scope="module")
def seed() -> Comparison:
    # fixtures/seed-next-year/a.txt is the seed statement byte for byte (PROVENANCE.md): the
    # 2023 statement, Chinese then English, against its 2024 successor.
    return _pair("seed-next-year")


@pytest.fixture(scope="module")
def seed_pdf(seed: Comparison) -> bytes:
    return redline_pdf(seed, cid=CID, when=WHEN)


def test_cover_counts_summary_and_sources(seed: Comparison, seed_pdf: bytes) -> None:
    cover = _flat(_text(seed_pdf).split("\f")[0])
    assert "2023 → 2024" in cover
    assert _flat(seed.summary.text) in cover
    summary = seed.summary
    for name in ("modified", "added", "removed", "moved", "split", "merged", "renumbered"):
        assert f"{getattr(summary, name)} {name}" in cover
    assert f"{summary.editorial} editorial" in cover
    assert f"{summary.substantive} substantive" in cover
    # Both versions' sources: file, format, languages, clause counts, repairs.
    assert "a.txt (plain text, encoding utf-8)" in cover
    assert "b.txt (plain text, encoding utf-8)" in cover
    assert "Chinese and English" in cover
    assert f"Clauses {len(seed.left.clauses)} {len(seed.right.clauses)}" in cover
    assert "166 pinyin annotations removed" in cover


def test_changes_in_both_languages_with_notes(seed_pdf: bytes) -> None:
    body = _flat(_text(seed_pdf).split("\f", 1)[1])
    # An English and a Chinese phrase the later version inserted, and one each it dropped.
    assert "candid" in body and "friendly" in body
    assert "坦诚" in body and "友好" in body
    # Notes under their changes: numbers, commitments, places, one language only.
    assert "Tenth → Eleventh Annual Meeting" in body
    assert "commitment dropped: establish bilateral cooperation" in body
    assert "place changed: New South Wales → Victoria" in body
    assert "one language the Chinese changed but the English did not".upper() in body.upper()
    # Only changes: a clause that reads the same is counted, not printed.
    assert "unchanged clause" in body


def test_every_page_has_its_number_the_id_and_the_date(seed_pdf: bytes) -> None:
    pages = _text(seed_pdf).rstrip("\f").split("\f")
    total = len(_reader(seed_pdf).pages)
    assert len(pages) == total > 2
    for number, page in enumerate(pages, start=1):
        flat = _flat(page)
        assert f"Page {number} of {total}" in flat
        # The date is shown in UTC whatever zone it was given in.
        assert f"Comparison {CID} · 2026-12-03 05:01 UTC" in flat


def test_chinese_font_is_embedded(seed_pdf: bytes) -> None:
    fonts = subprocess.run(
        [_tool("pdffonts"), "-"], input=seed_pdf, capture_output=True, check=True
    ).stdout.decode()
    cjk = [line for line in fonts.splitlines() if "CJK" in line]
    assert cjk, fonts
    # Columns: name type encoding emb sub uni object ID; embedded and subset.
    assert all(line.split()[-5:-3] == ["yes", "yes"] for line in cjk), fonts


def test_pages_render_with_ink(seed_pdf: bytes, tmp_path: Path) -> None:
    pdf = tmp_path / "seed.pdf"
    pdf.write_bytes(seed_pdf)
    subprocess.run(
        [
            _tool("pdftoppm"),
            "-r",
            "50",
            "-f",
            "1",
            "-l",
            "2",
            "-png",
            str(pdf),
            str(tmp_path / "p"),
        ],
        check=True,
    )
    images = sorted(tmp_path.glob("p-*.png"))
    assert len(images) == 2
    for path in images:
        with Image.open(path) as image:
            gray = image.convert("L")
            width, height = gray.size
            # The text area: inside the page's margins.
            area = gray.crop((width // 10, height // 12, width * 9 // 10, height * 11 // 12))
            histogram = area.histogram()
            dark = sum(histogram[:128])
            assert dark > 0.01 * area.width * area.height, f"{path.name} is nearly blank"


def test_a_moved_clause_links_both_ways_inside_the_document() -> None:
    result = _pair("reorder")
    pdf = redline_pdf(result, cid="reorder", when=WHEN)
    text = _flat(_text(pdf))
    assert "Moved from where it stood in 2023" in text
    assert "3. stood here in 2023; in 2024 it is 1." in text
    reader = _reader(pdf)
    names = reader.named_destinations
    targets = set()
    for page in reader.pages:
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            dest = annot.get("/Dest")
            action = annot.get("/A")
            if dest is None and action is not None and action.get("/S") == "/GoTo":
                dest = action.get("/D")
            assert dest is not None, "every link points inside the document"
            assert not (action and action.get("/URI")), "no link leaves the document"
            targets.add(str(dest))
    # One link from the clause to where it stood, one back; each lands on a page of this PDF.
    assert len(targets) == 2, targets
    for target in targets:
        assert target in names, target
        assert reader.get_destination_page_number(names[target]) in range(len(reader.pages))


LEFT = (
    "Joint Statement\n"
    "The parties reviewed the year's cooperation.\n"
    "1. The parties will establish a joint task force on drug crimes.\n"
    "2. The parties will meet again in Canberra.\n"
)
RIGHT = (
    "Joint Statement\n"
    "The parties reviewed the year's cooperation.\n"
    "1. The parties will explore a joint task force on drug crimes.\n"
    "2. The parties will meet again in Beijing.\n"
)


@pytest.fixture(scope="module")
def small() -> Comparison:
    return compare(normalize(LEFT), normalize(RIGHT))


def test_side_by_side_prints_each_version_in_its_column(small: Comparison) -> None:
    text = _text(redline_pdf(small, view="side"), layout=True)
    # The two versions of a changed clause on the same lines, earlier left, later right.
    line = next(line for line in text.splitlines() if "establish" in line)
    assert line.index("establish") < line.index("explore")
    assert re.search(r"Canberra\.\s{3,}.*Beijing\.", text)
    # A clause that reads the same is printed once, across both columns.
    assert _flat(text).count("The parties reviewed the year's cooperation.") == 1


def test_inline_prints_every_clause_and_changes_only_the_changes(small: Comparison) -> None:
    inline = _flat(_text(redline_pdf(small, view="inline")))
    assert "The parties reviewed the year's cooperation." in inline
    assert "establish" in inline and "explore" in inline
    assert "Canberra" in inline and "Beijing" in inline
    changes = _flat(_text(redline_pdf(small, view="changes")))
    assert "The parties reviewed the year's cooperation." not in changes
    assert "2 unchanged clauses" in changes
    assert "establish" in changes and "Beijing" in changes
    assert "commitment weakened" in changes


def test_languages_are_marked_for_the_layout(seed: Comparison) -> None:
    html = redline_html(seed, view="inline")
    assert '<section class="lang-section" lang="zh">' in html
    assert '<section class="lang-section" lang="en">' in html


def test_user_text_is_never_markup() -> None:
    earlier = (
        "1. <script>alert('x')</script> and <b>bold</b> & <a href='file:///etc/passwd'>x</a>\n"
        "2. The parties will meet <b>soon</b>.\n"
    )
    later = earlier.replace("will meet", "will meet again")
    result = compare(normalize(earlier), normalize(later))
    result.left.source.label = "<i>2023</i>"
    html = redline_html(result, view="inline", cid="<b>id</b>")
    assert "<script" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;" in html
    for view in ("changes", "inline", "side"):
        text = _flat(_text(redline_pdf(result, view=view, cid="<b>id</b>")))
        assert "<b>soon</b>." in text
        if view != "changes":  # clause 1 did not change: only the other views print it
            assert (
                "<script>alert('x')</script> and <b>bold</b> & <a href='file:///etc/passwd'>x</a>"
                in text
            )
        assert "<i>2023</i> → Later" in text
        assert "Comparison <b>id</b>" in text


def test_hidden_editorial_changes_leave_nothing_to_show() -> None:
    formats = FIXTURES / "formats"
    result = compare(
        load((formats / "zh_traditional.txt").read_bytes(), "zh_traditional.txt"),
        load((formats / "zh_simplified.txt").read_bytes(), "zh_simplified.txt"),
    )
    assert result.summary.changed and not result.summary.substantive
    shown = _flat(_text(redline_pdf(result)))
    assert "No changes" not in shown and "EDITORIAL" in shown
    hidden = _flat(_text(redline_pdf(result, hide_editorial=True)))
    assert "No changes besides editorial ones" in hidden
    assert "editorial changes not marked".upper() in hidden.upper()


def test_the_date_defaults_to_now_in_utc(small: Comparison) -> None:
    before = datetime.datetime.now(datetime.UTC).replace(second=0, microsecond=0)
    html = redline_html(small)
    after = datetime.datetime.now(datetime.UTC)
    stamp = re.search(r"Compared (\d{4}-\d\d-\d\d \d\d:\d\d) UTC", html)
    assert stamp, "a comparison without an id is still dated"
    made = datetime.datetime.strptime(stamp.group(1), "%Y-%m-%d %H:%M").replace(tzinfo=datetime.UTC)
    assert before <= made <= after


def test_same_comparison_id_and_date_give_the_same_file(small: Comparison) -> None:
    # A PDF filed with a brief can be made again and compared byte for byte.
    first = redline_pdf(small, view="side", cid="c1", when=WHEN)
    assert redline_pdf(small, view="side", cid="c1", when=WHEN) == first
    assert redline_pdf(small, view="side", cid="c2", when=WHEN) != first
