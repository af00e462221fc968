"""Normalisation: the seed's artifacts repaired, its two languages found, every numbering scheme."""

from __future__ import annotations

from pathlib import Path

import pytest

from diffsvc import normalize
from diffsvc.models import ClauseKind

SEED = (Path(__file__).parent.parent / "fixtures" / "seed-next-year" / "a.txt").read_text("utf-8")


def test_seed_pinyin_annotations_are_removed_from_display_text() -> None:
    doc = normalize(SEED)
    assert doc.clauses[0].text.startswith("應澳大利亞聯邦警察邀請, 2023年")
    assert "(yīng)" not in "".join(c.text for c in doc.clauses)
    assert doc.source.repairs["pinyin"] > 100


def test_seed_splits_into_chinese_then_english_sections() -> None:
    doc = normalize(SEED)
    assert [(s.language, s.first, s.last) for s in doc.sections] == [("zh", 0, 9), ("en", 10, 19)]


def test_seed_kinds_labels_and_counterparts() -> None:
    doc = normalize(SEED)
    kinds = [c.kind for c in doc.clauses]
    assert kinds[:3] == [ClauseKind.preamble] * 3
    assert [c.label for c in doc.clauses[3:8]] == ["一、", "二、", "三、", "四、", "五、"]
    assert [c.label for c in doc.clauses[14:19]] == ["1.", "2.", "3.", "4.", "5."]
    assert kinds[8] == ClauseKind.closing and kinds[9] == ClauseKind.source
    assert kinds[10] == ClauseKind.title and kinds[19] == ClauseKind.closing
    # 三、 is translated by 3.; the Chinese source line has no English counterpart.
    assert doc.clauses[5].counterpart == 16 and doc.clauses[16].counterpart == 5
    assert doc.clauses[9].counterpart is None


def test_offsets_point_at_the_clause_in_the_input() -> None:
    text = "Title\n1. First item.\n2. Second item."
    doc = normalize(text)
    assert [text[c.start : c.end] for c in doc.clauses] == [
        "Title",
        "1. First item.",
        "2. Second item.",
    ]


def test_traditional_with_pinyin_and_clean_simplified_share_match_keys() -> None:
    scraped = normalize("一、加強(qiáng)打擊(jī)經濟(jì)犯罪, 保護(hù)「人民」")
    clean = normalize("一、加强打击经济犯罪，保护“人民”")
    assert scraped.clauses[0].normalized == clean.clauses[0].normalized


@pytest.mark.parametrize(
    ("line", "label", "ordinal"),
    [
        ("1. Text", "1.", 1),
        ("2) Text", "2)", 2),
        ("(3) Text", "(3)", 3),
        ("(c) Text", "(c)", 3),
        ("d) Text", "d)", 4),
        ("iv. Text", "iv.", 4),
        ("(ix) Text", "(ix)", 9),
        ("B. Text", "B.", 2),
        ("十二、文本", "十二、", 12),
        ("（三）文本", "（三）", 3),
        ("(四)文本", "(四)", 4),
        ("5、文本", "5、", 5),
        ("⑥文本", "⑥", 6),
        ("第七条 文本", "第七条", 7),
        ("第8条 文本", "第8条", 8),
        ("Article 9 Text", "Article 9", 9),
        ("Section 10 Text", "Section 10", 10),
        ("Third, text", "Third,", 3),
    ],
)
def test_numbering_schemes_give_label_and_ordinal(line: str, label: str, ordinal: int) -> None:
    clause = normalize(line).clauses[0]
    assert (clause.label, clause.ordinal, clause.kind) == (label, ordinal, ClauseKind.item)
    assert clause.text in ("Text", "文本", "text")


@pytest.mark.parametrize("line", ["2023. A year.", "1.5 percent growth.", "e.g. this one."])
def test_numbers_that_are_not_markers_stay_text(line: str) -> None:
    assert normalize(line).clauses[0].label is None


def test_items_nest_under_their_parent() -> None:
    doc = normalize("1. Trade:\n(a) tariffs;\n(b) customs.\n2. Investment.")
    assert [(c.label, c.level, c.parent) for c in doc.clauses] == [
        ("1.", 0, None),
        ("(a)", 1, 0),
        ("(b)", 1, 0),
        ("2.", 0, None),
    ]


def test_unnumbered_section_headings_head_the_paragraphs_under_them() -> None:
    # A statement's bold or "##" headings ("**Climate**", "## Health") are its sections, as a
    # reader of the page sees them: the paragraphs up to the next heading are under them.
    doc = normalize(
        "We, the Leaders, met today.\n\nPeace and Stability\n\nWe discussed Ukraine.\n\n"
        "We condemn terrorism.\n\nClimate\n\nWe will act on climate."
    )
    assert [(c.text[:12], c.level, c.parent) for c in doc.clauses] == [
        ("We, the Lead", 0, None),
        ("Peace and St", 0, None),
        ("We discussed", 1, 1),
        ("We condemn t", 1, 1),
        ("Climate", 0, None),
        ("We will act ", 1, 4),
    ]


def test_numbered_paragraphs_running_across_headings_nest_under_each_heading() -> None:
    # The G7 communiqué numbers its paragraphs 1, 2, 3… through its sections.
    doc = normalize(
        "1. We met in Hiroshima.\n\nUkraine\n\n2. We condemn the war.\n\n"
        "3. We will support Ukraine.\n\nIndo-Pacific\n\n4. We reiterate a free Indo-Pacific."
    )
    assert [(c.label, c.level, c.parent) for c in doc.clauses] == [
        ("1.", 0, None),
        (None, 0, None),
        ("2.", 1, 1),
        ("3.", 1, 1),
        (None, 0, None),
        ("4.", 1, 4),
    ]


def test_a_short_line_alone_or_a_byline_heads_nothing() -> None:
    # A report's byline lines come before its address, not before its paragraphs; a line
    # ending in a colon introduces what follows.
    report = normalize(
        "政府工作报告\n\n——2023年3月5日在第十四届全国人民代表大会第一次会议上\n\n国务院总理李克强\n\n"
        "各位代表：\n\n本届政府任期即将结束。现在，我代表国务院，向大会报告工作。\n\n一、过去一年工作回顾\n\n"
        "过去一年，我国经济发展遇到多重超预期因素冲击。"
    )
    assert [c.parent for c in report.clauses[:5]] == [None] * 5
    single = normalize("Our goals are shared.\n\nKey terms\n\nThe Parties will cut tariffs.")
    assert [c.parent for c in single.clauses] == [None, None, None]


def test_a_link_broken_over_two_lines_of_a_text_file_stays_one_clause() -> None:
    # FOMC 2010-05-09 saved as text: each central bank's link, cut where the page wrapped.
    doc = normalize(
        "Information is available at the following websites:\n\n"
        "* [European Central\n  Bank](http://www.ecb.int/press/pr100510_1.en.html)\n"
        "* [Bank of Japan (57 KB\n  PDF)](http://www.boj.or.jp/un1005d.pdf)\n"
    )
    assert [c.text for c in doc.clauses[1:]] == [
        "[European Central Bank](http://www.ecb.int/press/pr100510_1.en.html)",
        "[Bank of Japan (57 KB PDF)](http://www.boj.or.jp/un1005d.pdf)",
    ]
    assert [c.parent for c in doc.clauses] == [None, None, None]


def test_a_link_cut_over_three_lines_stays_one_clause_and_a_stray_bracket_joins_nothing() -> None:
    # FOMC statements of 2012–14 close on the New York Fed's link, its words cut over three
    # lines: one clause, as a reader sees it. A bracket opened and never closed long before a
    # line does not join it to that paragraph.
    link = (
        "[Statement Regarding Purchases of Treasury Securities and Agency\nMortgage-Backed\n"
        "Securities](http://www.newyorkfed.org/markets/opolicy/operating_policy_121212.html)"
    )
    doc = normalize(f"Voting for the action were Ben S. Bernanke and others.\n\n{link}\n")
    assert [c.text for c in doc.clauses] == [
        "Voting for the action were Ben S. Bernanke and others.",
        link.replace("\n", " "),
    ]
    stray = normalize(
        "[Draft\nThe Parties agree to\nmeet each year\nin the capital\nof each in turn.\n"
        "They will report.\nArticle 2\n"
    )
    assert [c.text for c in stray.clauses[1:]] == ["They will report.", ""]
    assert stray.clauses[-1].label == "Article 2"


def test_a_paragraph_after_a_bulleted_list_is_not_the_last_bullets() -> None:
    # G7 2024's opening: a list of "- acting to…" bullets, then "In taking forward all these
    # priorities, …", a paragraph of the statement, not of its last bullet. A line going on in
    # lower case still continues the bullet.
    doc = normalize(
        "We are taking these steps:\n\n- supporting Ukraine;\n\n- acting on resilience,\n\n"
        "as outlined in the annex.\n\nIn taking forward all these priorities, we cooperate.\n\n"
        "Ukraine\n\nWe stand with Ukraine.\n\nTrade\n\n- We will cut tariffs.\n\n"
        "We will work together."
    )
    assert [(c.level, c.parent) for c in doc.clauses[1:7]] == [
        (0, None),
        (0, None),
        (1, 2),
        (0, None),
        (0, None),
        (1, 5),
    ]


def test_headed_sections_after_the_last_bullets_keep_their_paragraphs() -> None:
    # G7 2024 lists steps in bullets under "Economic Resilience", then goes on with "Health",
    # "Gender Equality" … "Conclusions", each over its paragraphs: sections like the ones
    # before the bullets, not a closing read flat after the last bullet.
    doc = normalize(
        "Trade\n\nWe will keep markets open.\n\nResilience\n\nWe are taking these steps:\n\n"
        "- We will map supply chains.\n\n- We will share data.\n\n"
        "We welcome the ministers' meeting.\n\nHealth\n\nWe will promote One Health.\n\n"
        "We are concerned by resistance.\n\nConclusions\n\nWe thank our partners."
    )
    at = {c.text: c for c in doc.clauses}
    health, conclusions = at["Health"], at["Conclusions"]
    assert (health.level, health.parent) == (0, None)
    assert at["We will promote One Health."].parent == health.index
    assert at["We are concerned by resistance."].parent == health.index
    assert at["We thank our partners."].parent == conclusions.index
    assert ClauseKind.closing not in {c.kind for c in doc.clauses}
    # With no heading after them, the last bullets are still followed by the closing.
    flat = normalize(
        "Trade\n\nWe will keep markets open.\n\nResilience\n\nWe are taking these steps:\n\n"
        "- We will map supply chains.\n\n- We will share data.\n\nWe thank our partners."
    )
    assert flat.clauses[-1].kind == ClauseKind.closing


def test_letter_i_after_h_is_a_letter_not_a_roman_one() -> None:
    doc = normalize("(h) eighth;\n(i) ninth.")
    assert [c.ordinal for c in doc.clauses] == [8, 9]


def test_hard_wrapped_lines_join_without_spaces_between_chinese_characters() -> None:
    wrapped = "双方同意在以下领域开展合作，加强执法\n合作，深化人员交流。\n\n二、保持沟通。"
    doc = normalize(wrapped)
    assert doc.clauses[0].text == "双方同意在以下领域开展合作，加强执法合作，深化人员交流。"


def test_wrapped_english_paragraphs_are_joined() -> None:
    text = (Path(__file__).parent.parent / "fixtures" / "hard-wrapped" / "a.txt").read_text()
    doc = normalize(text)
    assert len(doc.clauses) == 3
    assert "the federal funds rate at 1/4 to 1/2 percent" in doc.clauses[0].text


def test_invisible_characters_bom_and_crlf_are_repaired() -> None:
    doc = normalize("\ufeff1. The\u200b parties\r\n   met.\r\n\r\n2. Again.")
    assert [c.text for c in doc.clauses] == ["The parties met.", "Again."]


def test_empty_text_has_no_clauses() -> None:
    assert normalize(" \n\t\n").clauses == []


def test_a_scraped_subscript_line_stays_inside_its_symbol_and_sentence() -> None:
    # As the Government Work Reports are scraped: M2 and PM2.5 with their digits on a line of
    # their own, one paragraph a line.
    text = (
        "货币政策要保持稳健中性。今年广义货币M\n2\n和社会融资规模余额预期增长均为12%左右。\n"
        "重点地区细颗粒物（PM\n2.5\n）浓度明显下降。\n"
        "The Fed targets M\n2\nand more.\n"
    )
    texts = [c.text for c in normalize(text).clauses]
    assert texts[:2] == [
        "货币政策要保持稳健中性。今年广义货币M2和社会融资规模余额预期增长均为12%左右。",
        "重点地区细颗粒物（PM2.5）浓度明显下降。",
    ]
    # Only in Chinese: in English a line of digits may be an item number or a page number.
    assert texts[2] == "The Fed targets M"
