"""Ingest: every format a user brings normalises to the same clauses as the plain text it holds.

The files under fixtures/formats/ are built by scripts/build_format_fixtures.py from the two
source texts next to them, so "same clauses" is checked against ``diffsvc.normalize`` of the
source: label, text, kind and language of every clause, in order.
"""

from __future__ import annotations

import io
import re
import zipfile
from html import escape
from pathlib import Path

import docx as python_docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

import diffsvc
from diffsvc import normalize
from diffsvc.engine.ingest import html, load, markdown, read
from diffsvc.engine.ingest import word_numbering as numbering
from diffsvc.models import Document, TrackedChanges, TrackedState

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
        ("statement_en.txt", "statement.html", "text"),
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


REPORT = Path(__file__).parent.parent / "fixtures" / "alignment-truth" / "docs" / "gwr-2022.txt"
# How sites lay out a report page: the title in its own block or not, the text in a bare
# <div>, in the body itself, or in the cell of a layout table, a menu and a footer around it.
LAYOUTS = {
    "div": "<div>{title}{body}</div>",
    "body": "{title}{body}",
    "title beside the text": '<div class="title">{title}</div><div class="text">{body}</div>',
    "layout table": '<table><tr><td class="main">{title}{body}</td></tr></table>',
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_report_saved_as_a_web_page_has_the_clauses_of_its_text(layout: str) -> None:
    """The page keeps its <h1> title and every repeated "各位代表！" the text has."""
    text = diffsvc.load(REPORT.read_bytes(), "2022.txt")
    lines = [f"{c.label or ''}{c.text}" for c in text.clauses]
    assert lines.count("各位代表！") == 7
    body = "".join(f"<p>{line}</p>" for line in lines[1:])
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府工作报告_中国政府网</title>'
        '</head><body><div class="nav"><a href="/">首页</a> <a href="/zhengce/">政策</a></div>'
        + LAYOUTS[layout].format(title=f"<h1>{lines[0]}</h1>", body=body)
        + '<div class="footer">版权所有：中国政府网</div></body></html>'
    )
    assert clauses(diffsvc.load(page.encode(), "2022.html")) == clauses(text)


@pytest.mark.parametrize(
    "masthead",
    [
        '<header class="site-header"><h1>{}</h1></header>',
        '<div id="header"><h1>{}</h1></div>',
        '<div class="banner"><h1>{}</h1></div>',
    ],
)
def test_a_sites_name_in_its_masthead_is_not_taken_for_the_title(masthead: str) -> None:
    """An <h1> the extractor dropped is put back as the title, but not the site's name."""
    body = "".join(
        f"<p>Paragraph {k}: the ministers agreed to deepen cooperation on trade, investment and "
        "the environment over the coming years.</p>"
        for k in range(6)
    )
    page = (
        "<!DOCTYPE html><html><body>"
        + masthead.format("Ministry of Foreign Affairs")
        + f"<main><h2>Joint Statement of the Ministers</h2>{body}</main></body></html>"
    )
    assert html.extract(page).split("\n\n")[0] == "Joint Statement of the Ministers"


def test_a_data_table_row_stays_one_line_and_a_repeated_menu_stays_out() -> None:
    menu = '<ul class="links"><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul>'
    page = (
        f"<html><body>{menu}<article><h2>Schedule</h2>"
        "<p>The tariff reductions agreed by the two parties are set out in the table below:</p>"
        "<table><tr><td><p>Beef</p></td><td><p>10%</p></td></tr>"
        "<tr><td><p>Wine</p></td><td><p>5%</p></td></tr></table>"
        f"<p>Beef</p></article>{menu}</body></html>"
    )
    assert html.extract(page).split("\n\n") == [
        "Schedule",
        "The tariff reductions agreed by the two parties are set out in the table below:",
        "Beef 10%",
        "Wine 5%",
        "Beef\n",
    ]


COPIED = Path(__file__).parent.parent / "fixtures" / "copied-from-pdf"
DOCS = Path(__file__).parent.parent / "fixtures" / "alignment-truth" / "docs"


def squashed(document: Document) -> list[str]:
    """Clause by clause, without the spaces pdftotext sets between Chinese and figures."""
    return ["".join(f"{c.label or ''}{c.text}".split()) for c in document.clauses]


@pytest.mark.parametrize(
    ("copied", "source", "kept"),
    [
        ("gwr-2023.layout.txt", "gwr-2023.txt", None),
        ("agreement-cambodia.layout.txt", "agreement-cambodia.md", None),
        ("gwr-2022-indented.layout.txt", "gwr-2022.txt", 40),
        ("agreement-cambodia-indented.layout.txt", "agreement-cambodia.md", None),
        ("agreement-cambodia-double.layout.txt", "agreement-cambodia.md", None),
    ],
)
def test_text_saved_from_a_pdf_reads_as_the_documents_paragraphs(
    copied: str, source: str, kept: int | None
) -> None:
    """pdftotext -layout: a page's form feed falls inside a paragraph as often as between two
    ("…确保粮食和生" / page / "猪、蔬菜…"; "Article 7.3 Enforcement" / page / "If either
    Party…"; "各位代表！" / page / "五年来…"), and a wrapped line may open on a figure or a
    reference ("…装机规模由" / "6.5 亿千瓦…", "…contained in" / "Article 1.14 of Annex III…").
    From a PDF whose paragraphs open on a first-line indent, no blank line parts them: the
    spaces before a paragraph's first line do (one-line paragraphs in a row, "一是…区间。",
    "各位代表：", included). Drafted double-spaced, a blank line follows every line: one blank
    line then parts lines, not paragraphs (45 of 114 came out whole when it parted paragraphs).
    A footnote's mark wrapped to a line's start ("…labor rights." / "[4] This includes…") is
    the citing sentence's while a later line opens on the same mark: the note."""
    text = diffsvc.load((COPIED / copied).read_bytes(), copied)
    assert squashed(text) == squashed(diffsvc.load((DOCS / source).read_bytes(), source))[:kept]


@pytest.mark.parametrize("margin", ["", "    "])
def test_indented_text_keeps_hanging_items_and_a_quotation_whole(margin: str) -> None:
    """Text whose paragraphs open on a first-line indent: lines set in under an item's marker,
    a quotation set in as a block, and a definition's lines set in under its first, go on. So
    where every line is set in by a margin of its own (pdftotext -layout)."""
    text = "\n".join(
        margin + line
        for line in [
            "    The Parties agree on the steps below, which the Joint Committee will",
            "review each year, and on the text of the undertaking quoted after them, to",
            "which they attach great weight in the trade relationship between the two.",
            "    They will meet again in the spring to take stock of the steps taken so",
            "far and of those still to come under the programme they agreed this year.",
            "1. The Parties shall cooperate on customs procedures and on technical",
            "   barriers to trade, and shall publish the measures they take each year.",
            "2. Each Party shall notify the other of any measure that affects trade",
            "   in goods covered by this Agreement, before the measure takes effect.",
            "        The undertaking reads: each Party shall take the measures needed",
            "        to prevent the transshipment of goods through its territory and",
            "        shall share the information it holds on such goods with the other",
            "        Party within thirty days of a request made in writing to it.",
            "    Each Party shall designate a contact point for the matters of this",
            "Article within sixty days of the date on which this Agreement enters into",
            "force, and shall notify the other Party of it.",
            '"Agreement" means this Agreement, including its Annexes and the schedules to',
            "    them, as the Parties may amend it from time to time in writing between",
            "    them and notify it to the Joint Committee under this Article.",
        ]
    )
    assert [
        f"{c.label or ''} {c.text}".strip()[:24]
        for c in diffsvc.load(text.encode(), "a.txt").clauses
    ] == [
        "The Parties agree on the",
        "They will meet again in ",
        "1. The Parties shall coo",
        "2. Each Party shall noti",
        "The undertaking reads: e",
        "Each Party shall designa",
        '"Agreement" means this A',
    ]


@pytest.mark.parametrize(
    ("copied", "source", "least"),
    [
        ("gwr-2022.layout.txt", "gwr-2022.txt", 118),
        ("gwr-2022.raw.txt", "gwr-2022.txt", 120),
        ("g7-2023.raw.txt", "g7-2023.md", 117),
        ("gwr-2022-indented.raw.txt", "gwr-2022.txt", 118),
        ("gwr-2022-spaced.raw.txt", "gwr-2022.txt", 114),
        ("g7-2024-indented.raw.txt", "g7-2024.md", 215),
    ],
)
def test_a_document_copied_from_a_pdf_keeps_its_paragraphs(
    copied: str, source: str, least: int
) -> None:
    """Of a document's paragraphs (GWR 2022: 120, G7 2023: 128), those the copy gives whole.

    With -layout, one report paragraph ends on a full line at a page's foot ("…无愧于人民公仆
    称号。" / page / "应对困难和挑战…"), which no reader of the text can tell from a wrap.
    Without it (or copied from a viewer) paragraphs run on line after line: a Chinese line that
    finishes a sentence short of the column ends its paragraph, and so does an English one
    short of 85% of it; those that end on a full line are the rest. (Read as before these
    rules, with form feeds as paragraph breaks: 116, 58 and 72.) Copied from a PDF set with a
    first-line indent, a Chinese paragraph's first line falls the indent short of the column,
    after however full a line (105 before that was read; 111 before its quotation marks were
    measured as the CJK font sets them, a column pair each, as its characters). Set 6 pt
    apart, a Chinese sentence finished a character or two short of the column ends its
    paragraph (98 of 120 before that was read), and so does a title or heading that stops on
    a character three short of it (the report in Word's defaults: 108 before, all 120 now); in
    English, a heading on a line of its own between two finished paragraphs, a last printed
    line pdftotext joined to the one before at a hyphen, and a first line whose indent alone
    kept the next word off it, or that, like the finished line before it, left a little room
    (G7 2024 set with an indent, 186 of 266 before; G7 2023, 104).
    Where the document writes a compound with its hyphen elsewhere, the hyphen the copy
    dropped at a joined line is back, and the paragraph reads as written."""
    document = squashed(diffsvc.load((DOCS / source).read_bytes(), source))
    text = squashed(diffsvc.load((COPIED / copied).read_bytes(), copied))
    assert sum(1 for paragraph in text if paragraph in document) >= least


# Quad 2024 and G7 2023 as pdftotext without -layout gives them from a PDF set in Word's
# defaults and with 6 pt between paragraphs: no blank line, no indent between paragraphs.
QUAD_2024_VIEWER_COPY = """\
region. We welcome a number of new, ambitious commitments from non-
governmental institutions, including the Serum Institute of India, in
partnership with Gavi, which will support orders of up to 40 million HPV
vaccine doses, subject to necessary approvals, for the Indo-Pacific region,
and which may be increased consistent with demand. We also welcome a
new $100 million commitment from Women’s Health and Empowerment
Network to address cervical cancer in Southeast Asia.
Altogether, our scientific experts assess that the Quad Cancer Moonshot will
save hundreds of thousands of lives over the coming decades.
Humanitarian Assistance and Disaster Relief (HADR)
Twenty years since the 2004 Indian Ocean earthquake and tsunami, when
the Quad first came together to surge humanitarian assistance, we continue
to respond to the vulnerabilities caused by natural disasters in the Indo-
Pacific. In 2022, the Quad established the “Quad Partnership on
Humanitarian Assistance and Disaster Relief in the Indo-Pacific” and signed
Guidelines for the Quad Partnership on HADR in the Indo-Pacific, which
enable Quad countries to rapidly coordinate in the face of natural disasters.
We welcome Quad governments working to ensure readiness to rapidly
respond, including through pre-positioning of essential relief supplies, in the
event of a natural disaster; this effort extends from the Indian Ocean region,
to Southeast Asia, to the Pacific.
"""
G7_2023_VIEWER_COPY = """\
Pacific Continent. We welcome and further encourage efforts made by
the private sector, universities and think tanks, which contribute to
realizing a free and open Indo-Pacific.
Global Economy, Finance and Sustainable Development

\f7. The global economy has shown resilience against multiple shocks
including the COVID-19 pandemic, Russia’s war of aggression against
Ukraine, and associated inflationary pressures. Nevertheless, we need to
remain vigilant and stay agile and flexible in our macroeconomic policy
amid heightened uncertainty about the global economic outlook.
"""


def test_a_viewers_copy_ends_a_heading_where_its_line_left_room_for_the_next_word() -> None:
    """A line wraps only when the next word does not fit, so a line that left room for it (a
    heading, a paragraph's end) ends there, however much of the column it fills: the HADR
    heading took 50 of the column's 77 letters and ran into the paragraph under it. A full line
    ending on a finished sentence inside a paragraph ("…natural disasters." / "We welcome…")
    goes on."""
    clauses = [c.text for c in diffsvc.load(QUAD_2024_VIEWER_COPY.encode(), "quad.txt").clauses]
    assert [text[:24] for text in clauses] == [
        "region. We welcome a num",
        "Altogether, our scientif",
        "Humanitarian Assistance ",
        "Twenty years since the 2",
    ]
    assert clauses[-1].endswith(
        "natural disasters. We welcome Quad governments working to "
        "ensure readiness to rapidly respond, including through "
        "pre-positioning of essential relief supplies, in the event "
        "of a natural disaster; this effort extends from the Indian "
        "Ocean region, to Southeast Asia, to the Pacific."
    )


FOMC_2014_VIEWER_COPY = """\
factors, that it likely will be appropriate to maintain the current target
range for the federal funds rate well past the time that the unemployment
rate declines below 6-1/2 percent, especially if projected inflation
continues to run below the Committee's 2 percent longer-run goal. When
the Committee decides to begin to remove policy accommodation, it will
take a balanced approach consistent with its longer-run goals of
maximum employment and inflation of 2 percent.
Voting for the FOMC monetary policy action were: Ben S. Bernanke,
Chairman; William C. Dudley, Vice Chairman; Richard W. Fisher;
Narayana Kocherlakota; Sandra Pianalto; Charles I. Plosser; Jerome H.
Powell; Jeremy C. Stein; Daniel K. Tarullo; and Janet L. Yellen.
"""


def test_a_viewers_copy_keeps_a_list_of_names_whole_across_its_lines() -> None:
    # FOMC January 2014 as a viewer copies it: the vote went on after "Richard W. Fisher;",
    # and the copy compared with the statement showed voters rotated out.
    document = diffsvc.load(FOMC_2014_VIEWER_COPY.encode(), "fomc.txt")
    first, vote = (c.text for c in document.clauses)
    assert first.startswith("factors, that it likely will be appropriate")
    assert first.endswith("maximum employment and inflation of 2 percent.")
    assert vote.startswith("Voting for the FOMC monetary policy action were: Ben S. Bernanke,")
    assert vote.endswith(
        "Richard W. Fisher; Narayana Kocherlakota; Sandra Pianalto; Charles I. "
        "Plosser; Jerome H. Powell; Jeremy C. Stein; Daniel K. Tarullo; and "
        "Janet L. Yellen."
    )


def test_a_heading_at_a_pages_foot_is_not_run_into_the_numbered_paragraph_after() -> None:
    document = diffsvc.load(G7_2023_VIEWER_COPY.encode(), "g7.txt")
    assert [(c.label, c.text[:24]) for c in document.clauses] == [
        (None, "Pacific Continent. We we"),
        (None, "Global Economy, Finance "),
        ("7.", "The global economy has s"),
    ]


# As pdftotext without -layout gives them from a PDF set with 6 pt between paragraphs (the
# US–Thailand critical minerals MoU) or a first-line indent (G7 2024, FOMC September 2015).
G7_2024_VIEWER_COPY = """\
our economic security, and strengthen our coordination to address global
overcapacity challenges.
In taking forward all these priorities, our partnership in the G7 will
continue to be guided by our joint commitment to cooperate openly and
transparently in a coordinated manner.
We are grateful for the presence of His Holiness Pope Francis and for
his contribution.
In a spirit of shared responsibility, we warmly welcome the
participation of the Leaders of Algeria, Argentina, Brazil, India, Jordan,
Kenya, Mauritania, Tunisia, Türkiye, and the United Arab Emirates.
Steadfast support to Ukraine
We reaffirm our unwavering support for Ukraine for as long as it
takes. Together with international partners, we are determined to
continue to provide military, budget, humanitarian, and reconstruction
support to Ukraine and its people. We remain strongly committed to
helping Ukraine meet its urgent short-term financing needs, as well as
supporting its long-term recovery and reconstruction priorities.
Russia must end its illegal war of aggression and pay for the damage
"""
MOU_VIEWER_COPY = """\
SEEKING to cooperate in strengthening critical minerals resource sector
governance, promoting partnerships between U.S. and Thai companies,
and promoting trade and investment between the Participants to expand
Thailand’s integration into secure and reliable global supply chains;
CONSIDERING the extensive and productive history of trade and
investment between the Participants, as well as the importance of
promoting trade and investment for economic growth and development;
RECOGNIZING the importance of secure, diversified, liquid, and fair
markets for critical minerals supply chains with respect to supporting
exploration, extraction, processing, optimized end-use applications,
recovery, and recycling;
"""
FOMC_2015_VIEWER_COPY = (
    """\
Information received since the Federal Open Market Committee met
in July suggests that economic activity is expanding at a moderate pace.
Household spending and business fixed investment have been increasing
moderately, and the housing sector has improved further; however, net
exports have been soft. The labor market continued to improve, with
solid job gains and declining unemployment. On balance, labor market
indicators show that underutilization of labor resources has diminished
since early this year. Inflation has continued to run below the
Committee's longer-run objective, partly reflecting declines in energy
prices and in prices of non-energy imports. Market-based measures of
"""
    # One line of the copy: pdftotext joined two printed lines where "longer-" ended one.
    "inflation compensation moved lower; survey-based measures of longer"
    "term inflation expectations have remained stable.\n"
    """\
Consistent with its statutory mandate, the Committee seeks to foster
maximum employment and price stability. Recent global economic and
financial developments may restrain economic activity somewhat and are
likely to put further downward pressure on inflation in the near term.
Nonetheless, the Committee expects that, with appropriate policy
accommodation, economic activity will expand at a moderate pace, with
labor market indicators continuing to move toward levels the Committee
judges consistent with its dual mandate. The Committee continues to see
the risks to the outlook for economic activity and the labor market as
"""
)


def test_a_viewers_copy_keeps_a_heading_between_two_paragraphs_apart() -> None:
    """A short line that opens in capitals and ends on a word, between a finished sentence and
    a line opening in capitals, is a heading, however little room the line before left."""
    texts = [c.text for c in diffsvc.load(G7_2024_VIEWER_COPY.encode(), "g7.txt").clauses]
    heading = texts.index("Steadfast support to Ukraine")
    assert texts[heading - 1].endswith("Türkiye, and the United Arab Emirates.")
    assert texts[heading + 1].startswith("We reaffirm our unwavering support for Ukraine")


HADR_VIEWER_COPY = """\
The leaders met in Wilmington to take stock of four years of work together
and to set the course of the partnership for the years to come, with new
commitments on health security, on clean energy and on critical minerals,
and with the first steps of a shared plan for the ports of the region over
the coming decade, which the ministers will take forward next spring.
Humanitarian Assistance and Disaster Relief (HADR)
Twenty years since the Indian Ocean earthquake and tsunami, when the Quad
first came together to surge humanitarian assistance, we continue to
respond to the vulnerabilities caused by natural disasters in the region.
"""


def test_a_viewers_copy_keeps_a_long_heading_apart_after_a_full_line() -> None:
    # The heading fills two thirds of the column; the line before left no room for its
    # first word.
    texts = [c.text[:24] for c in diffsvc.load(HADR_VIEWER_COPY.encode(), "quad.txt").clauses]
    assert texts == [
        "The leaders met in Wilmi",
        "Humanitarian Assistance ",
        "Twenty years since the I",
    ]


def test_a_viewers_copy_keeps_each_recital_of_a_preamble_apart() -> None:
    """The next recital ("CONSIDERING…", "RECOGNIZING…") opens after a line ending on a
    semicolon, however full."""
    texts = [c.text[:20] for c in diffsvc.load(MOU_VIEWER_COPY.encode(), "mou.txt").clauses]
    assert texts == ["SEEKING to cooperate", "CONSIDERING the exte", "RECOGNIZING the impo"]


def test_a_viewers_copy_puts_back_the_hyphens_of_compounds_it_joined_lines_at() -> None:
    """pdftotext drops the hyphen of a compound broken at a line's end ("two-" / "State" →
    "twoState"). Where the document writes that compound with its hyphen on other lines, and
    never without, the hyphen goes back: the G7's 2024 communiqué against its own copy then
    shows 7 editorial rows that only drop hyphens (16 before)."""
    name = "g7-2024-indented.raw.txt"
    copy = diffsvc.load((COPIED / name).read_bytes(), name)
    assert copy.source.repairs["hyphens"] == 10
    texts = [c.text for c in copy.clauses]
    assert any("two-State solution" in text for text in texts)
    assert not any("twoState" in text for text in texts)
    source = diffsvc.load((DOCS / "g7-2024.md").read_bytes(), "g7-2024.md")
    result = diffsvc.compare(source, copy)
    hyphens = [
        e
        for e in result.alignment
        if e.op.value == "modified"
        and all(s.left.replace("-", "") == s.right for s in e.spans if s.op != "equal")
    ]
    assert len(hyphens) == 7 and all(e.editorial for e in hyphens)
    assert result.summary.substantive == 0


def test_a_viewers_copy_ends_a_paragraph_on_a_line_it_joined_at_a_hyphen() -> None:
    """pdftotext removes a hyphen at a line's end with the break ("longer-" / "term…"), making
    one line of two: the paragraph's last printed line, "term inflation expectations have
    remained stable.", left room, and the next paragraph opens after it."""
    texts = [c.text for c in diffsvc.load(FOMC_2015_VIEWER_COPY.encode(), "fomc.txt").clauses]
    stable = next(k for k, text in enumerate(texts) if "remained stable" in text)
    assert texts[stable].endswith("longerterm inflation expectations have remained stable.")
    assert texts[stable + 1].startswith("Consistent with its statutory mandate")


def _word_file(paragraphs: list[str]) -> bytes:
    document = python_docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("copied", "source", "least"),
    [
        ("gwr-2022.layout.txt", "gwr-2022.txt", 110),
        ("agreement-cambodia.layout.txt", "agreement-cambodia.md", 104),
    ],
)
@pytest.mark.parametrize("form", ["docx", "html"])
def test_a_pdf_made_into_a_word_file_or_web_page_line_by_line_reads_as_its_paragraphs(
    copied: str, source: str, least: int, form: str
) -> None:
    """PDF-to-Word converters often make each line of the page a paragraph, and a PDF shown as
    a web page sets each line in a block of its own: read as written, GWR 2022 came out as 502
    clauses, 38 of its 120 paragraphs whole. Its lines are now joined as a copied page's are (a
    paragraph ending on a full line stays joined to the next)."""
    lines = [line.strip("\f ") for line in (COPIED / copied).read_text().splitlines()]
    lines = [line for line in lines if line]
    if form == "docx":
        data = _word_file(lines)
    else:
        blocks = "".join(f"<div>{escape(line)}</div>" for line in lines)
        data = f"<!DOCTYPE html><html><body><div id='page'>{blocks}</div></body></html>".encode()
    read = squashed(diffsvc.load(data, f"converted.{form}"))
    document = squashed(diffsvc.load((DOCS / source).read_bytes(), source))
    assert sum(1 for paragraph in document if paragraph in read) >= least
    assert len(read) <= len(document)


def test_a_word_files_own_paragraphs_are_never_joined() -> None:
    """A Word file written a paragraph per clause, however alike their lengths, is read as it
    is: the G7's 2023 communiqué, 128 paragraphs."""
    document = diffsvc.load((DOCS / "g7-2023.md").read_bytes(), "g7-2023.md")
    paragraphs = [f"{c.label} {c.text}" if c.label else c.text for c in document.clauses]
    read = diffsvc.load(_word_file(paragraphs), "g7-2023.docx")
    assert squashed(read) == squashed(document)


_ROW = "推动经济社会高质量发展持续改善人民生活水平加强生态文明建设扩大对外开放"
_FULL, _END_FULL, _SHORT = _ROW[:30], _ROW[:29] + "。", "保持社会大局稳定。"


@pytest.mark.parametrize(
    ("lines", "paragraphs"),
    [
        # Set with a first-line indent: each paragraph's first line two characters short, so
        # the second paragraph, ending on a full line, ends there.
        (
            [_ROW[2:30], _FULL, _END_FULL, _SHORT]
            + [_ROW[2:30], _FULL, _END_FULL]
            + [_ROW[2:30], _FULL, _SHORT] * 3,
            5,
        ),
        # Set without one: first lines are full, and a wrapped line a line-start rule left two
        # characters short after a finished sentence goes on.
        ([_FULL, _END_FULL, _ROW[:28], _SHORT] + [_FULL, _FULL, _SHORT] * 3, 4),
        # A sentence finished a character short of the column: the line had room for the next
        # character, so the paragraph ended there.
        ([_FULL, _ROW[:28] + "。"] + [_FULL, _FULL, _SHORT] * 3, 4),
        # Unless the next sentence opens on a quotation mark, which cannot end a line.
        ([_FULL, _ROW[:28] + "。", "“" + _ROW[:29], _SHORT] + [_FULL, _FULL, _SHORT] * 3, 4),
    ],
)
def test_chinese_copied_from_a_pdf_opens_a_paragraph_where_its_first_line_falls_short(
    lines: list[str], paragraphs: int
) -> None:
    read = diffsvc.load("\n".join(lines).encode(), "copied.txt")
    assert len(read.clauses) == paragraphs


def test_figures_read_from_a_report_copied_out_of_a_pdf_as_from_its_text() -> None:
    """A PDF sets a space wherever Chinese meets a figure ("达到 114 万亿元", "2022 年 3 月"):
    the figure notes of two reports copied out of their PDFs are those of their texts."""

    def notes(left: Path, right: Path) -> list[str]:
        result = diffsvc.compare(
            diffsvc.load(left.read_bytes(), left.name), diffsvc.load(right.read_bytes(), right.name)
        )
        return ["".join(c.note.split()) for e in result.alignment for c in e.changes]

    copied = diffsvc.load((COPIED / "gwr-2022.layout.txt").read_bytes(), "gwr-2022.layout.txt")
    assert copied.source.repairs["figure_spaces"] > 100
    assert any("国内生产总值达到114万亿元，增长8.1%" in c.text for c in copied.clauses)
    assert notes(COPIED / "gwr-2022.layout.txt", COPIED / "gwr-2023.layout.txt") == notes(
        DOCS / "gwr-2022.txt", DOCS / "gwr-2023.txt"
    )


def test_a_chinese_pdf_whose_quotation_marks_were_drawn_first_reads_them_in_place() -> None:
    """LibreOffice, missing the document's Chinese font, draws the quotation marks before the
    Chinese around them ("“ ”" then "完成， 十四五 实现"): read in drawing order, “十四五” came
    out as “”十四五 and cut figures from their units ("1.5“亿户")."""
    opening = diffsvc.load((COPIED / "gwr-2022-opening.pdf").read_bytes(), "opening.pdf")
    report = diffsvc.load((DOCS / "gwr-2022.txt").read_bytes(), "gwr-2022.txt")
    assert any("完成，“十四五”实现良好开局" in c.text for c in opening.clauses)
    assert squashed(opening) == squashed(report)[:20]


@pytest.mark.parametrize(
    ("typeset", "source", "kept"),
    [
        ("gwr-2022-indented.pdf", "gwr-2022.txt", 40),
        ("gwr-2022-spaced.pdf", "gwr-2022.txt", 40),
        ("agreement-cambodia-indented.pdf", "agreement-cambodia.md", None),
    ],
)
def test_a_pdf_typeset_as_reports_and_agreements_are_reads_as_their_paragraphs(
    typeset: str, source: str, kept: int | None
) -> None:
    """Set in a CJK font, paragraphs told apart by a first-line indent with no space between
    them (a line of one-line paragraphs, "一是…区间。"; a heading at a page's foot), or by 6 pt
    after each, which the font's tall lines make only 1.3 times the line spacing: read by
    spacing alone, 71 of GWR 2022's 120 paragraphs came out whole."""
    read = diffsvc.load((COPIED / typeset).read_bytes(), typeset)
    document = diffsvc.load((DOCS / source).read_bytes(), source)
    assert squashed(read) == squashed(document)[:kept]


def _typeset_at(paragraphs: list[list[tuple[float, str]]]) -> bytes:
    """A PDF of paragraphs of lines, each line set in from the margin by the given mm, with
    no space between paragraphs."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_font("Helvetica", size=11)
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    for paragraph in paragraphs:
        for indent, line in paragraph:
            pdf.set_x(20 + indent)
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_an_indented_pdf_keeps_hanging_items_and_a_quotation_whole() -> None:
    """Where a first-line indent opens each paragraph, lines set in under an item's hanging
    marker, the lines of a quotation set in as a block, and a definition's lines set in under
    its first, go on: they open nothing."""
    data = _typeset_at(
        [
            [
                (8, "The Parties agree on the steps below, which the Joint Committee will"),
                (0, "review each year, and on the text of the undertaking quoted after them."),
            ],
            [
                (0, "1. The Parties shall cooperate on customs procedures and on technical"),
                (6, "barriers to trade, and shall publish the measures they take."),
            ],
            [
                (0, "2. Each Party shall notify the other of any measure that affects trade"),
                (6, "in goods covered by this Agreement."),
            ],
            [
                (15, "The undertaking reads: each Party shall take the measures needed"),
                (15, "to prevent the transshipment of goods through its territory and"),
                (15, "shall share the information it holds on such goods with the other"),
                (15, "Party within thirty days of a request."),
            ],
            [
                (8, "Each Party shall designate a contact point for the matters of this"),
                (0, "Article within sixty days."),
            ],
            [
                (0, '"Agreement" means this Agreement, including its Annexes and the schedules'),
                (6, "to them, as the Parties may amend it from time to time in writing and"),
                (6, "notify it to the Joint Committee under this Article."),
            ],
        ]
    )
    assert [
        f"{c.label or ''} {c.text}".strip()[:24] for c in diffsvc.load(data, "a.pdf").clauses
    ] == [
        "The Parties agree on the",
        "1. The Parties shall coo",
        "2. Each Party shall noti",
        "The undertaking reads: e",
        "Each Party shall designa",
        '"Agreement" means this A',
    ]


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


def _typeset(pages: list[list[list[str]]]) -> bytes:
    """A PDF with its lines where they are given: pages of paragraphs of lines."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_font("Helvetica", size=11)
    pdf.set_margins(20, 20, 20)
    for page in pages:
        pdf.add_page()
        for paragraph in page:
            for line in paragraph:
                pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
    return bytes(pdf.output())


def test_a_pdf_heading_at_a_pages_foot_is_not_run_into_the_paragraph_overleaf() -> None:
    """An agreement's Article heading on a page's last line, longer than a short line but no
    sentence ("Article 6.1 Annexes, …, and Footnotes" / page / "The annexes…"), is its own
    clause; a heading that runs on to a second line is one heading."""
    sentence = (
        "The Parties shall cooperate on customs procedures and on technical barriers to trade "
        "and shall publish the measures they take each year in the official journal of each "
        "Party, with the dates on which those measures take effect and the goods they cover, "
        "and shall notify the other Party of any measure that affects trade in goods covered "
        "by this Agreement before the measure takes effect, and shall consult with it."
    )
    words = sentence.split(" ")
    body = [" ".join(words[k : k + 13]) for k in range(0, len(words), 13)]
    # Overleaf, the same words wrapped otherwise: a line on both pages is a running header.
    overleaf = [" ".join(words[k : k + 12]) for k in range(0, len(words), 12)]
    data = _typeset(
        [
            [body, ["Article 6.1 Annexes, Appendices, Schedules, and Footnotes"]],
            [
                overleaf,
                [
                    "Article 6.2 Import Licensing and Technical Regulations, Standards, and",
                    "Conformity Assessment",
                ],
            ],
        ]
    )
    texts = [f"{c.label or ''} {c.text}".strip() for c in load(data, "agreement.pdf").clauses]
    assert texts[1] == "Article 6.1 Annexes, Appendices, Schedules, and Footnotes"
    assert texts[0] == texts[2] == sentence
    assert texts[-1] == (
        "Article 6.2 Import Licensing and Technical Regulations, Standards, and "
        "Conformity Assessment"
    )


def test_a_chinese_pdf_paragraph_ending_with_room_at_a_pages_foot_ends_there() -> None:
    """Across a page break only the last line tells: a Chinese sentence finished a character
    or two short of the column ended its paragraph, as a wrapped line would have taken the
    next character. A full line ending on 。 goes on overleaf."""
    from fpdf import FPDF

    row = "推动经济社会高质量发展持续改善人民生活水平加强生态文明建设扩大对外开放深化改革创新"
    lines = [row[k : k + 30] for k in range(20)]  # no line twice: a repeated one is a header
    pdf = FPDF(format="A4")
    pdf.add_font("noto", fname="/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
    pdf.set_margins(25, 20, 25)
    pdf.set_font("noto", size=12)
    pages = [
        [*lines[0:6], row[:28] + "。"],
        [*lines[6:12], lines[12][:29] + "。"],
        [*lines[13:19], "保持社会大局稳定。"],
    ]
    for page in pages:
        pdf.add_page()
        for line in page:
            pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    texts = [clause.text for clause in load(bytes(pdf.output()), "report.pdf").clauses]
    assert texts == ["".join(pages[0]), "".join(pages[1] + pages[2])]


def test_pdf_keeps_compounds_broken_at_their_hyphen_and_paragraphs_run_over_a_page() -> None:
    """A statement printed from Word is not hyphenated: a hyphen at a line end is a compound's
    ("in-" / "person", "short-" / "term"), which the document's own words tell from a
    typesetter's ("enforce-" / "ment"). A page that ends mid-sentence on a line of middling
    length goes on overleaf."""
    data = _typeset(
        [
            [
                ["Risks related to trade were discussed, and the ministers met in person."],
                [
                    "The leaders agreed to hold an in-person summit every year and to assess the",
                    "climate-related risks that the region faces, with the law enforcement of non-",
                    "tariff measures among the first items on the agenda of the next in-",
                    "person summit, and with climate-",
                    "related finance on the agenda of the ministers who will meet in the spring.",
                ],
                [
                    "The leaders will continue to strengthen the capacities of the "
                    "countries in need",
                    "to cope with debt issues under the Common Framework and to address their",
                    "financing needs in the coming decade, working with partners and lenders to",
                    "improve data sharing among all the creditors, and by promoting",
                ],
            ],
            [
                [
                    "debt sustainability and transparency in close collaboration with finance",
                    "ministries of the relevant countries.",
                ],
                [
                    "The leaders will meet again next year to review the long-term and short-",
                    "term steps taken on the country-led plans and on the country-",
                    "specific plans.",
                ],
            ],
        ]
    )
    texts = [clause.text for clause in load(data, "statement.pdf").clauses]
    assert len(texts) == 4
    assert "law enforcement of non-tariff measures" in texts[1]
    assert "the next in-person summit, and with climate-related finance" in texts[1]
    assert texts[2].endswith(
        "and by promoting debt sustainability and transparency in close "
        "collaboration with finance ministries of the relevant countries."
    )
    # A half of another compound of the document: "term" of "long-term", "country" of
    # "country-led".
    assert "the long-term and short-term steps" in texts[3]
    assert "on the country-specific plans." in texts[3]


def test_a_pdf_heading_opening_a_page_after_a_full_line_is_a_clause_of_its_own() -> None:
    """No spacing shows across a page break: a paragraph that ends on a full line at a page's
    foot was joined to "Section 2 General Provisions" opening the next. A short line opening on
    an agreement's heading after a finished sentence is one; "Article 1.14 of Annex III…"
    carrying an unfinished sentence on is not."""
    data = _typeset(
        [
            [
                [
                    "The Participants will work together to protect their markets from non-",
                    "market policies and practices, including through price mechanisms that",
                    "reflect the costs of production in the relevant markets of both of them.",
                ]
            ],
            [
                ["Section 2 General Provisions"],
                [
                    "The Participants intend to review this Framework every year, and each",
                    "will apply the rules of origin to the goods from the territories set out in",
                ],
            ],
            [["Article 1.14 of Annex III, from the first day on."]],
        ]
    )
    clauses = load(data, "framework.pdf").clauses
    assert [f"{c.label or ''} {c.text}".strip() for c in clauses][1:] == [
        "Section 2 General Provisions",
        "The Participants intend to review this Framework every year, and each will apply the "
        "rules of origin to the goods from the territories set out in Article 1.14 of Annex "
        "III, from the first day on.",
    ]


def test_a_pdf_footnote_at_a_page_foot_is_the_clauses_note_as_in_markdown() -> None:
    """An agreement's footnote sits at the foot of the page, in small type, between a paragraph
    and its end overleaf: the paragraph stays whole, keeps its mark, and the note is attached to
    it, as when the same agreement is read from its Markdown."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(False)

    def body(*lines: str) -> None:
        pdf.set_font("Helvetica", size=11)
        for line in lines:
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")

    def mark(height: float) -> None:  # a small raised "1", as word processors set a mark
        pdf.char_vpos = "SUP"
        pdf.write(height, "1")
        pdf.char_vpos = "LINE"

    pdf.add_page()
    body(
        "Article 2.1: Customs Duties",
        "1. Cambodia shall apply a rate of customs duty on originating goods of the United",
        "States as set out in Schedule 1 to Annex I, and shall eliminate its duties on the",
    )
    pdf.write(6, "goods listed in that Schedule within the periods it sets out for each of them,")
    mark(6)
    pdf.write(6, " and")
    pdf.set_y(265)
    pdf.set_font("Helvetica", size=8)
    mark(4)
    pdf.write(
        4, " For greater certainty, the periods run from the date of entry into force of this"
    )
    pdf.ln(4)
    pdf.cell(0, 4, "Agreement.", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    body(
        "shall not increase any existing customs duty on an originating good of the United",
        "States.",
        "",
        "2. The United States shall apply the rates set out in Schedule 2.",
    )
    markdown = (
        "**Article 2.1: Customs Duties**\n\n1\\. Cambodia shall apply a rate of customs duty on "
        "originating goods of the United States as set out in Schedule 1 to Annex I, and shall "
        "eliminate its duties on the goods listed in that Schedule within the periods it sets "
        'out for each of them,<a href="#_ftn1" id="_ftnref1">[1]</a> and shall not increase any '
        "existing customs duty on an originating good of the United States.\n\n2\\. The United "
        "States shall apply the rates set out in Schedule 2.\n\n"
        '<a href="#_ftnref1" id="_ftn1">[1]</a> For greater certainty, the periods run from the '
        "date of entry into force of this Agreement.\n"
    )
    read = load(bytes(pdf.output()), "agreement.pdf")
    note = read.clauses[-1]
    assert (note.kind.value, note.label, note.parent) == ("footnote", "[1]", 1)
    assert "for each of them,[1] and shall not increase" in read.clauses[1].text
    assert clauses(read) == clauses(load(markdown.encode(), "agreement.md"))


# An agreement's paragraph and its footnote as the Markdown the White House publishes gives them:
# what the same agreement as a Word file or a web page must read as.
NOTED = (
    "**Article 2.1: Customs Duties**\n\n1\\. Cambodia shall eliminate its duties within the "
    'periods it sets out for each of them,<a href="#_ftn1" id="_ftnref1">[1]</a> and shall '
    "not increase any existing customs duty.\n\n2\\. The United States shall apply the rates "
    'set out in Schedule 2.\n\n<a href="#_ftnref1" id="_ftn1">[1]</a> For greater certainty, '
    "the periods run from entry into force.\n"
)


def assert_reads_as_noted(read: Document) -> None:
    assert (read.clauses[-1].kind.value, read.clauses[-1].parent) == ("footnote", 1)
    assert clauses(read) == clauses(load(NOTED.encode(), "agreement.md"))


def test_a_word_footnote_is_the_clauses_note_as_in_markdown() -> None:
    """Word keeps footnotes in a part of their own and cites them by id: the mark stays in the
    text as Word numbers it, and the note is attached to the clause, as from Markdown."""
    body = (
        "<w:body><w:p><w:r><w:t>Article 2.1: Customs Duties</w:t></w:r></w:p>"
        '<w:p><w:r><w:t xml:space="preserve">1. Cambodia shall eliminate its duties within the '
        "periods it sets out for each of them,</w:t></w:r>"
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
        '<w:footnoteReference w:id="2"/></w:r>'
        '<w:r><w:t xml:space="preserve"> and shall not increase any existing customs duty.'
        "</w:t></w:r></w:p><w:p><w:r><w:t>2. The United States shall apply the rates set out in "
        "Schedule 2.</w:t></w:r></w:p></w:body>"
    )
    notes = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes '
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        '</w:footnote><w:footnote w:id="2"><w:p><w:r><w:rPr><w:rStyle '
        'w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t '
        'xml:space="preserve"> For greater certainty, the periods run from entry into force.'
        "</w:t></w:r></w:p></w:footnote></w:footnotes>"
    )
    blank = io.BytesIO()
    python_docx.Document().save(blank)
    word = io.BytesIO()
    with zipfile.ZipFile(blank) as source, zipfile.ZipFile(word, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "word/document.xml":
                data = re.sub(rb"<w:body>.*</w:body>", body.encode(), data, flags=re.S)
            elif entry.filename == "word/_rels/document.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdNotes" Target="footnotes.xml" Type="http://schemas.'
                    b'openxmlformats.org/officeDocument/2006/relationships/footnotes"/>'
                    b"</Relationships>",
                )
            elif entry.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.'
                    b'openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
                )
            target.writestr(entry, data)
        target.writestr("word/footnotes.xml", notes)
    assert_reads_as_noted(load(word.getvalue(), "agreement.docx"))


# Pandoc's Markdown cites a note as "[^1]" and writes it "[^1]: …". Pandoc's HTML, like many
# sites, sets the mark as a small linked "1" and the notes as a numbered list after the text,
# each with a link back: not an item "1." of the agreement.
PANDOC_NOTED = (
    "**Article 2.1: Customs Duties**\n\n1\\. Cambodia shall eliminate its duties within the "
    "periods it sets out for each of them,[^1] and shall not increase any existing customs "
    "duty.\n\n2\\. The United States shall apply the rates set out in Schedule 2.\n\n"
    "[^1]: For greater certainty, the periods run from entry into force.\n"
)
PAGE_NOTED = (
    "<!DOCTYPE html><html><head><title>Agreement</title></head><body><main>"
    "<p><strong>Article 2.1: Customs Duties</strong></p><p>1. Cambodia shall eliminate its "
    "duties within the periods it sets out for each of them,<a href='#fn1' "
    "class='footnote-ref' id='fnref1' role='doc-noteref'><sup>1</sup></a> and shall not "
    "increase any existing customs duty.</p><p>2. The United States shall apply the rates "
    "set out in Schedule 2.</p><section id='footnotes' class='footnotes' role='doc-endnotes'>"
    "<hr/><ol><li id='fn1'><p>For greater certainty, the periods run from entry into force."
    "<a href='#fnref1' class='footnote-back' role='doc-backlink'>\u21a9\ufe0e</a></p></li>"
    "</ol></section></main></body></html>"
)


@pytest.mark.parametrize(
    ("text", "name"), [(PANDOC_NOTED, "agreement.md"), (PAGE_NOTED, "agreement.html")]
)
def test_pandocs_footnotes_read_as_the_white_houses(text: str, name: str) -> None:
    assert_reads_as_noted(load(text.encode(), name))


def test_an_agreements_annexes_linked_as_files_are_lines_of_it_on_a_web_page() -> None:
    """The White House publishes an agreement's annexes as PDFs linked from the page's last
    lines ("Annex 1", "Schedule 1"); its Markdown keeps them as clauses, and so does the page,
    while a link of the site's own stays out."""
    page = (
        "<!DOCTYPE html><html><body><main><p><strong>Article 7.4: Entry into Force</strong></p>"
        "<p>This Agreement shall enter into force sixty days after the date on which the Parties "
        "exchange written notifications that they have completed their legal procedures.</p>"
        "<p><strong><a href='https://www.whitehouse.gov/wp-content/uploads/2025/10/Annex-1.pdf'>"
        "Annex\n1</a></strong></p><p><a href='/files/3-Schedule-1.pdf'>Schedule 1</a></p>"
        "<p><a href='/briefings-statements/'>Briefings &amp; Statements</a></p></main>"
        "</body></html>"
    )
    texts = [f"{c.label or ''} {c.text}".strip() for c in load(page.encode(), "a.html").clauses]
    assert texts[-2:] == ["Annex 1", "Schedule 1"]
    assert not any("Briefings" in text for text in texts)


def test_a_one_page_chinese_pdf_drops_its_page_number_set_between_full_width_dashes() -> None:
    """Chinese official documents set the folio as "－ 1 －" (or "— 1 —"): on a one-page
    notice it repeats on no other page, so only its shape says it is not a clause."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("noto", fname="/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
    pdf.add_page()
    pdf.set_font("noto", size=12)
    for line in ["一、保持高层及工作层沟通交流。", "二、加强执法能力建设合作。"]:
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(-20)
    pdf.cell(0, 8, "－ 1 －", align="C")
    texts = [clause.text for clause in load(bytes(pdf.output()), "notice.pdf").clauses]
    assert texts == ["保持高层及工作层沟通交流。", "加强执法能力建设合作。"]


def test_a_chinese_word_broken_before_its_numeral_and_comma_stays_in_its_paragraph() -> None:
    """GWR 2015 set with a first-line indent broke "和平统一、推进…" as "…和平统" / "一、推进…":
    the second line opens on what reads as an item's marker, after a full line cut mid-word.
    It is the word's end; an item opens after a finished sentence, as "一、保持…" does."""
    from fpdf import FPDF

    per_line = 30

    def lines(text: str) -> list[tuple[float, str]]:
        first = per_line - 2  # a two-character first-line indent
        rest = text[first:]
        return [(8.5, text[:first])] + [
            (0, rest[k : k + per_line]) for k in range(0, len(rest), per_line)
        ]

    first = (
        "我们要全面贯彻党的宗教工作基本方针，团结宗教人士。我们要更好发挥海外侨胞和归侨侨眷"
        "参与祖国现代化建设、促进祖国和平统一、推进中外交流合作的独特作用，使海内外中华儿女的"
        "向心力不断增强。"
    )
    last = (
        "现代化是中国人民的百年梦想，我们必须紧紧依靠人民，锐意进取，为实现全面建成小康社会"
        "目标而努力奋斗，以优异成绩迎接新的挑战。"
    )
    pdf = FPDF(format="A4")
    pdf.add_font("noto", fname="/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
    pdf.set_margins(25, 20, 25)
    pdf.add_page()
    pdf.set_font("noto", size=12)
    for paragraph in (first, "各位代表！", last):
        for indent, line in lines(paragraph):
            pdf.set_x(25 + indent)
            pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    assert "和平统" in [line for _, line in lines(first)][1][-3:]
    clauses = load(bytes(pdf.output()), "report.pdf").clauses
    assert [(c.label, c.text) for c in clauses] == [
        (None, first),
        (None, "各位代表！"),
        (None, last),
    ]


def test_a_pdf_note_opening_a_page_is_a_note_of_its_own() -> None:
    data = _typeset(
        [
            [
                ["Article 7.1: Annexes and Footnotes"],
                ["The Annexes and footnotes to this Agreement constitute an integral part of it."],
                [
                    "[3] For purposes of this Agreement, intellectual property refers to all "
                    "of the",
                    "categories of intellectual property that are the subject of the TRIPS "
                    "Agreement.",
                ],
            ],
            [["[4] For purposes of this paragraph, internationally recognized labor rights."]],
        ]
    )
    texts = [clause.text for clause in load(data, "agreement.pdf").clauses]
    assert texts[-1] == "For purposes of this paragraph, internationally recognized labor rights."


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


TRACKED = (FORMATS / "tracked_changes.docx").read_bytes()
# What scripts/format_fixture_office.py put in the fixture, one of each kind of revision.
TRACKED_COUNTS = {
    "insertions": 3,  # "will establish", " It will be staffed...", the inserted paragraph
    "deletions": 2,  # "will consider establishing", the deleted paragraph's sentence
    "moves": 1,  # "Information will be exchanged every quarter."
    "paragraph_marks": 6,  # two deleted, two inserted (split, added), moved away, moved here
    "formatting": 2,  # the title made bold, the last paragraph made a list item
}


def test_docx_tracked_changes_rejected_give_the_original_text() -> None:
    """Issue #17: deleted and moved-away text back, inserted and moved-here text gone, joined
    paragraphs apart again, the split one whole, and the numbering as it was."""
    assert diffsvc.read(TRACKED, tracked="original").text.strip().split("\n\n") == [
        "Tracked changes",
        "The parties will consider establishing a joint rescue coordination centre.",
        "This sentence was removed.",
        "The centre will open",
        "in 2025.",
        "Information will be exchanged every quarter.",
        "Joint exercises will be held every year. Observers may attend.",
        "Item after the tracked changes.",
    ]


@pytest.mark.parametrize("state", ["final", "original"])
def test_docx_tracked_changes_are_counted_and_the_state_recorded(state: TrackedState) -> None:
    expected = TrackedChanges(state=state, **TRACKED_COUNTS)
    assert diffsvc.read(TRACKED, "t.docx", tracked=state).tracked_changes == expected
    source = diffsvc.load(TRACKED, "t.docx", tracked=state).source
    assert source.tracked_changes == expected
    assert expected.total == 14
    assert f'"tracked_changes":{{"state":"{state}","insertions":3,' in source.model_dump_json()


def test_final_is_the_default_and_a_file_without_tracked_changes_says_nothing() -> None:
    assert diffsvc.read(TRACKED) == diffsvc.read(TRACKED, tracked="final")
    plain = (FORMATS / "statement_en.docx").read_bytes()
    assert diffsvc.read(plain, tracked="original") == diffsvc.read(plain)
    source = diffsvc.load(plain, "statement_en.docx", tracked="original").source
    assert source.tracked_changes is None
    assert "tracked_changes" not in source.model_dump_json()
    # Other formats have no tracked changes: the choice changes nothing.
    text = (FORMATS / "statement_en.txt").read_bytes()
    assert diffsvc.read(text, tracked="original") == diffsvc.read(text)


@pytest.mark.parametrize("value", ["accept", "Final", "", None])
def test_an_unknown_tracked_state_is_a_clear_error(value: object) -> None:
    with pytest.raises(ValueError, match=r"tracked must be 'final' or 'original', not "):
        diffsvc.read(TRACKED, tracked=value)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"tracked must be 'final' or 'original'"):
        diffsvc.load(TRACKED, tracked=value)  # type: ignore[arg-type]


def test_comparing_a_files_original_with_its_final_shows_its_tracked_changes() -> None:
    result = diffsvc.compare(
        diffsvc.load(TRACKED, tracked="original"), diffsvc.load(TRACKED, tracked="final")
    )
    changed = [
        (entry.op.value, [(s.left, s.right) for s in entry.spans if s.op != "equal"])
        for entry in result.alignment
    ]
    assert ("modified", [("consider establishing", "establish")]) in changed
    assert ("removed", [("This sentence was removed.", "")]) in changed
    assert ("added", [("", "Each side will name a liaison officer.")]) in changed


def _docx_with_body(xml: str) -> bytes:
    """A DOCX whose body is ``xml`` (paragraphs in the w namespace)."""
    document = python_docx.Document()
    body = document.element.body
    for paragraph in parse_xml(f"<w:body {nsdecls('w')}>{xml}</w:body>"):
        body.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sectPr"
        ).addprevious(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_paragraph_moved_into_another_is_taken_out_whole() -> None:
    """'Share data.¶' cut and pasted after 'Meet yearly. ': its mark moved along with it."""
    data = _docx_with_body(
        '<w:p><w:pPr><w:rPr><w:moveFrom w:id="1" w:author="A"/></w:rPr></w:pPr>'
        '<w:moveFrom w:id="2" w:author="A"><w:r><w:t>Share data.</w:t></w:r></w:moveFrom></w:p>'
        '<w:p><w:pPr><w:rPr><w:moveTo w:id="3" w:author="A"/></w:rPr></w:pPr>'
        '<w:r><w:t xml:space="preserve">Meet yearly. </w:t></w:r>'
        '<w:moveTo w:id="4" w:author="A"><w:r><w:t>Share data.</w:t></w:r></w:moveTo></w:p>'
        "<w:p><w:r><w:t>Train together.</w:t></w:r></w:p>"
    )
    final, original = (diffsvc.read(data, tracked=s) for s in ("final", "original"))
    assert final.text == "Meet yearly. Share data.\n\nTrain together.\n"
    assert original.text == "Share data.\n\nMeet yearly. Train together.\n"
    assert original.tracked_changes == TrackedChanges(state="original", moves=1, paragraph_marks=2)


def test_text_one_reviewer_inserted_and_another_deleted_is_in_neither_state() -> None:
    data = _docx_with_body(
        '<w:p><w:r><w:t xml:space="preserve">Meet </w:t></w:r>'
        '<w:ins w:id="1" w:author="A"><w:del w:id="2" w:author="B"><w:r>'
        '<w:delText xml:space="preserve">twice </w:delText></w:r></w:del></w:ins>'
        "<w:r><w:t>yearly.</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Text box: </w:t></w:r><w:r><w:pict><w:txbxContent><w:p>"
        '<w:ins w:id="3" w:author="A"><w:r><w:t>not read</w:t></w:r></w:ins>'
        "</w:p></w:txbxContent></w:pict></w:r></w:p>"
    )
    final, original = (diffsvc.read(data, tracked=s) for s in ("final", "original"))
    assert final.text == original.text == "Meet yearly.\n\nText box:\n"
    assert final.tracked_changes == TrackedChanges(state="final", insertions=1, deletions=1)


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
