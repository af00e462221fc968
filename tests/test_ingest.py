"""Ingest: every format a user brings normalises to the same clauses as the plain text it holds.

The files under fixtures/formats/ are built by scripts/build_format_fixtures.py from the two
source texts next to them, so "same clauses" is checked against ``diffsvc.normalize`` of the
source: label, text, kind and language of every clause, in order.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx as python_docx
import pytest

from diffsvc import normalize
from diffsvc.engine.ingest import html, load, markdown, read
from diffsvc.engine.ingest import word_numbering as numbering
from diffsvc.models import Document

FORMATS = Path(__file__).parent.parent / "fixtures" / "formats"

SAME_CLAUSES = [
    ("statement_en", "statement_en.html"),
    ("statement_en", "statement_en.md"),
    ("statement_en", "statement_en.docx"),
    ("statement_en", "statement_en.pdf"),
    ("statement_en", "statement_en.cp1252.txt"),
    ("seed_bilingual", "embassy_bilingual.html"),
    ("seed_bilingual", "seed_bilingual.md"),
    ("seed_bilingual", "seed_bilingual.docx"),
    ("seed_bilingual", "seed_bilingual.pdf"),
    ("seed_bilingual", "seed_bilingual.utf16le.txt"),
    ("zh_simplified", "zh_simplified.gb18030.txt"),
    ("zh_traditional", "zh_traditional.big5.txt"),
]

ENCODINGS = [
    ("statement_en.txt", "statement_en", "utf-8"),
    ("statement_en.cp1252.txt", "statement_en", "cp1252"),
    ("seed_bilingual.utf8-bom.txt", "seed_bilingual", "utf-8-sig"),
    ("seed_bilingual.utf16le.txt", "seed_bilingual", "utf-16-le"),
    ("seed_bilingual.utf16be.txt", "seed_bilingual", "utf-16-be"),
    ("zh_simplified.gb18030.txt", "zh_simplified", "gb18030"),
    ("zh_traditional.big5.txt", "zh_traditional", "big5"),
]


def clauses(document: Document) -> list[tuple[str | None, str, str, str]]:
    return [(c.label, c.text, c.kind.value, c.language) for c in document.clauses]


def source(name: str) -> str:
    return (FORMATS / f"{name}.txt").read_text(encoding="utf-8")


def ingest(name: str) -> str:
    return read((FORMATS / name).read_bytes()).text


@pytest.mark.parametrize(("plain", "name"), SAME_CLAUSES)
def test_every_format_normalises_to_the_clauses_of_its_plain_text(plain: str, name: str) -> None:
    document = load((FORMATS / name).read_bytes(), name)
    assert clauses(document) == clauses(normalize(source(plain)))


@pytest.mark.parametrize(("name", "plain", "encoding"), ENCODINGS)
def test_text_encodings_are_detected_and_reported(name: str, plain: str, encoding: str) -> None:
    result = read((FORMATS / name).read_bytes())
    assert (result.format, result.encoding) == ("text", encoding)
    assert result.text.strip() == source(plain).strip()


@pytest.mark.parametrize(
    ("name", "misleading_filename", "fmt"),
    [
        ("statement_en.pdf", "statement.txt", "pdf"),
        ("statement_en.docx", "statement.pdf", "docx"),
        ("statement_en.html", "statement.docx", "html"),
        ("statement_en.md", "statement.html", "markdown"),
        ("statement_en.txt", "statement.md", "text"),
    ],
)
def test_format_is_recognised_by_content_not_by_name(
    name: str, misleading_filename: str, fmt: str
) -> None:
    assert read((FORMATS / name).read_bytes(), misleading_filename).format == fmt


def test_load_records_where_the_document_came_from() -> None:
    data = (FORMATS / "zh_simplified.gb18030.txt").read_bytes()
    document = load(data, "2023.txt", label="2023")
    source_info = document.source.model_dump(exclude={"repairs"})
    assert source_info == {
        "label": "2023",
        "filename": "2023.txt",
        "format": "text",
        "encoding": "gb18030",
    }


def test_html_keeps_the_article_and_drops_the_site_around_it() -> None:
    article = ingest("embassy_bilingual.html")
    chrome = ["首页", "使馆新闻", "当前位置", "相关链接", "Print", "Close", "打印", "Copyright"]
    assert [word for word in chrome if word in article] == []
    assert article.splitlines()[0] == source("seed_bilingual").splitlines()[0]


def test_html_list_numbers_follow_start_type_and_value() -> None:
    page = (
        "<html><body><article><p>The parties agreed on the following points of cooperation:</p>"
        '<ol start="3"><li>Sharing information on vessels in distress at sea.</li>'
        "<li>Training officers together every year in both countries.</li></ol>"
        '<ol type="a"><li>Exchanging position reports within five minutes.</li>'
        '<li value="4"><p>Publishing a joint list of radio frequencies.</p></li></ol>'
        "<ul><li>Reviewing the arrangements every two years.</li></ul></article></body></html>"
    )
    labels = [line.split(" ")[0] for line in html.extract(page).split("\n\n")[1:]]
    assert labels == ["3.", "4.", "(a)", "(d)", "-"]


# Shaped like the White House corpus: front matter, 72-column wraps, "  " hard breaks,
# separator lines of spaces and no-break spaces, bold headings, "1.  " and "2.\u202f" items,
# "-   " bullets.
WH_SAMPLE = "\n".join(
    [
        "---",
        "date: '2023-05-20'",
        'title: "G7 Leaders\u2019 Communiqu\u00e9"',
        "---",
        " ",
        "**Preamble**",
        "",
        "1.  We, the Leaders of the Group of Seven (G7), met in Hiroshima for our",
        "    annual Summit.  ",
        "\u00a0  ",
        "2.\u202fTogether, we commit to a free and open order.",
        "  ",
        "**We are taking concrete steps to:**",
        "",
        "-   support Ukraine for as long as it takes in the face of Russia\u2019s",
        "    illegal war of aggression;",
        "-   strengthen disarmament and non-proliferation efforts.",
    ]
)


def test_markdown_drops_front_matter_and_keeps_list_markers_as_labels() -> None:
    assert markdown.extract(WH_SAMPLE).strip().split("\n\n") == [
        "Preamble",
        "1. We, the Leaders of the Group of Seven (G7), met in Hiroshima for our annual Summit.",
        "2. Together, we commit to a free and open order.",
        "We are taking concrete steps to:",
        "- support Ukraine for as long as it takes in the face of Russia\u2019s illegal war of"
        " aggression;",
        "- strengthen disarmament and non-proliferation efforts.",
    ]


def test_html_page_declaring_gb2312_is_decoded_with_it() -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        "</head><body><article><p>应澳大利亚联邦警察邀请，中华人民共和国公安部派团访问澳大利亚，"
        "同澳联邦警察举行第十次中澳执法合作工作组年度会晤。</p><ol><li>保持高层及工作层沟通交流。"
        "用好各类执法交流合作机制平台，不断增进战略互信。</li></ol></article></body></html>"
    )
    result = read(page.encode("gbk"))
    assert (result.format, result.encoding) == ("html", "gb18030")
    assert result.text.split("\n\n")[1] == (
        "1. 保持高层及工作层沟通交流。用好各类执法交流合作机制平台，不断增进战略互信。\n"
    )


def test_markdown_joins_hard_wrapped_chinese_without_spaces() -> None:
    wrapped = "一、保持高层\n及工作层沟通交流。\n"
    assert markdown.extract(wrapped) == "一、保持高层及工作层沟通交流。\n"


def test_pdf_drops_running_headers_footers_and_page_numbers() -> None:
    extracted = ingest("statement_en.pdf")
    assert "Page " not in extracted
    assert "Maritime Search and Rescue\n" not in extracted
    assert extracted.count("Fourth Annual Dialogue on Maritime") == 2  # title and preamble only


def test_pdf_repairs_hyphenation_and_hard_wraps() -> None:
    assert ingest("hyphenated.pdf") == (
        "The delegations agreed to strengthen law enforcement cooperation, to share information"
        " on China-Australia cases, and to meet again in 2025.\n"
    )


def test_docx_numbering_is_recomputed_from_numbering_xml() -> None:
    labels = [c.label for c in load((FORMATS / "seed_bilingual.docx").read_bytes()).clauses]
    assert [label for label in labels if label] == [
        *["一、", "二、", "三、", "四、", "五、"],
        *["1.", "2.", "3.", "4.", "5."],
    ]


def test_docx_tracked_changes_are_accepted_and_comments_headers_footers_ignored() -> None:
    assert ingest("tracked_changes.docx").strip().split("\n\n") == [
        "Tracked changes",
        "The parties will establish a joint rescue coordination centre.",
        "The centre will open in 2025. It will be staffed by both services.",
        "Joint exercises will be held every year.",
        "Observers may attend.",
        "Each side will name a liaison officer.",
        "Information will be exchanged every quarter.",
        "1. Item after the tracked changes.",
    ]
    assert "Check the dates" not in ingest("statement_en.docx")
    assert "draft for circulation" not in ingest("statement_en.docx")


def test_docx_numbering_inherited_from_list_styles() -> None:
    document = python_docx.Document()
    document.add_paragraph("The parties agreed:")
    document.add_paragraph("to meet every year;", style="List Number")
    document.add_paragraph("to share information.", style="List Number")
    document.add_paragraph("Annex attached.", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    assert read(buffer.getvalue()).text.split("\n\n") == [
        "The parties agreed:",
        "1. to meet every year;",
        "2. to share information.",
        "- Annex attached.\n",
    ]


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        (3, "lowerLetter", "c"),
        (28, "lowerLetter", "bb"),
        (9, "upperRoman", "IX"),
        (11, "chineseCounting", "十一"),
        (105, "chineseCountingThousand", "一百零五"),
        (3, "ideographTraditional", "丙"),
        (2, "decimalEnclosedCircle", "②"),
        (7, "decimal", "7"),
    ],
)
def test_word_number_formats(value: int, fmt: str, expected: str) -> None:
    assert numbering.format_number(value, fmt) == expected
