"""Bilingual statements: language to language, asymmetric changes, numbers that disagree."""

from __future__ import annotations

from pathlib import Path

import pytest

from diffsvc import compare, load, normalize

SEED = Path(__file__).parent.parent / "fixtures" / "seed-next-year"


def test_seed_compares_chinese_with_chinese_and_english_with_english() -> None:
    result = compare((SEED / "a.txt").read_text(), (SEED / "b.txt").read_text())
    for e in result.alignment:
        langs = {result.left.clauses[i].language for i in e.left}
        langs |= {result.right.clauses[j].language for j in e.right}
        assert langs == {e.language}
    added = [e for e in result.alignment if e.op == "added"]
    assert [(e.language, result.right.clauses[e.right[0]].label) for e in added] == [
        ("zh", "六、"),
        ("en", "6."),
    ]


def test_a_change_in_one_language_only_is_flagged() -> None:
    result = compare((SEED / "a.txt").read_text(), (SEED / "b.txt").read_text())
    flagged = [
        (e.left, e.right) for e in result.alignment for c in e.changes if c.kind == "asymmetric"
    ]
    # 二、 was repaired in Chinese (the scraper had garbled 侦查起诉); its English is unchanged.
    assert flagged == [([4], [4])]
    assert result.summary.asymmetric == 1


def test_numbers_that_disagree_with_the_translation_are_flagged() -> None:
    old = "一、双方将于2024年举行会晤。\n1. The parties will meet in 2024."
    new = "一、双方将于2025年举行会晤。\n1. The parties will meet in 2024."
    result = compare(old, new)
    notes = [c.note for e in result.alignment for c in e.changes if c.kind == "translation"]
    assert notes == [
        "numbers differ from the English: 2025 here, 2024 there",
        "numbers differ from the Chinese: 2024 here, 2025 there",
    ]


# Issue #17, point 7: a language section exists only where a substantial run of text in that
# language stands. Each example states its truth; the shares are the second language's part of
# the document's letters, a Chinese character counted as four letters (see segment.py).
FIXTURES = Path(__file__).parent.parent / "fixtures"
FORMATS = FIXTURES / "formats"
FOMC = (FIXTURES / "fomc-2008-01" / "a.txt").read_text(encoding="utf-8")  # 6 paragraphs
ZH = (FORMATS / "zh_simplified.txt").read_text(encoding="utf-8")  # 10 clauses, Chinese only

# English about half the letters (52%): a translation, however short.
SHORT_TRANSLATION = """中澳执法合作会晤纪要
一、双方同意加强打击跨国犯罪合作。
二、双方将于2025年在堪培拉举行下次会晤。
Record of the China–Australia Law Enforcement Meeting
1. The two sides agreed to strengthen cooperation against transnational crime.
2. The two sides will hold their next meeting in Canberra in 2025."""

# Three unnumbered sentences a side, English 52% of the letters.
SHORT_PROSE = """双方举行了会晤。
双方同意加强执法合作。
双方将于明年再次会晤。
The two sides held a meeting.
The two sides agreed to strengthen law enforcement cooperation.
The two sides will meet again next year."""

# Only the operative items translated, tersely: English 7% of the letters, but its items repeat
# the Chinese numbering, which a stray line never does.
ITEMS_ONLY_TRANSLATED = """中澳执法合作工作组第十次年度会晤联合声明
应澳大利亚联邦警察邀请，中华人民共和国公安部派团访问澳大利亚，同澳联邦警察举行第十次中澳执法合作工作组年度会晤。
双方回顾总结了上次会晤以来中澳执法合作情况，深入分析跨国犯罪形势，并就下一年度双边执法合作达成广泛共识。
双方强调，安全问题事关两国人民的福祉，两国执法部门将加强对话，拓展合作。双方同意在以下领域开展合作：
一、保持高层及工作层沟通交流。
二、加强打击经济犯罪执法合作。
三、加强打击电信网络诈骗合作。
1. High-level exchanges.
2. Economic crime.
3. Telecom fraud."""


def _sections(text: str) -> list[tuple[str, int, int]]:
    return [(s.language, s.first, s.last) for s in normalize(text).sections]


SEED_FILES = [*sorted(p.name for p in FORMATS.glob("seed_bilingual.*")), "embassy_bilingual.html"]


def test_every_file_of_the_seed_statement_is_checked() -> None:
    assert len(SEED_FILES) == 8


@pytest.mark.parametrize("name", SEED_FILES)
def test_seed_statement_files_stay_bilingual_with_counterparts(name: str) -> None:
    doc = load((FORMATS / name).read_bytes(), name)
    assert [(s.language, s.first, s.last) for s in doc.sections] == [("zh", 0, 9), ("en", 10, 19)]
    # 一、 to 五、 are translated by 1. to 5.; the Chinese source line has no counterpart.
    assert [doc.clauses[i].counterpart for i in range(3, 8)] == [14, 15, 16, 17, 18]
    assert doc.clauses[9].counterpart is None


@pytest.mark.parametrize(
    ("text", "sections", "pairs"),
    [
        (SHORT_TRANSLATION, [("zh", 0, 2), ("en", 3, 5)], [3, 4, 5]),
        (SHORT_PROSE, [("zh", 0, 2), ("en", 3, 5)], [3, 4, 5]),
        (ITEMS_ONLY_TRANSLATED, [("zh", 0, 6), ("en", 7, 9)], [None, None, None, None, 7, 8, 9]),
        (
            "一、2024年举行会晤。\n1. The meeting was held in 2023.",
            [("zh", 0, 0), ("en", 1, 1)],
            [1],
        ),
    ],
    ids=["short-translation", "short-prose", "items-only-translated", "one-item"],
)
def test_a_short_real_translation_is_still_bilingual(
    text: str, sections: list[tuple[str, int, int]], pairs: list[int | None]
) -> None:
    doc = normalize(text)
    assert _sections(text) == sections
    first_english = sections[1][1]
    assert [c.counterpart for c in doc.clauses[:first_english]] == pairs


@pytest.mark.parametrize(
    "text",
    [
        FOMC + "\n\n王毅",
        "中美联合声明\n\n" + FOMC,
        FOMC + "\n\n“和而不同，求同存异。”",
        FOMC.replace("\n\n", "\n\n“和而不同，求同存异。”\n\n", 1),
    ],
    ids=["chinese-name-at-the-end", "chinese-title", "chinese-quote-at-the-end", "quote-inside"],
)
def test_an_english_statement_with_a_chinese_line_stays_english_only(text: str) -> None:
    doc = normalize(text)
    # Nothing is lost: FOMC's six paragraphs and the Chinese line, all in the English section.
    assert len(doc.clauses) == 7
    assert _sections(text) == [("en", 0, 6)]
    assert {c.language for c in doc.clauses} == {"en"}
    assert all(c.counterpart is None for c in doc.clauses)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        (ZH + "\n\nhttp://www.gov.cn/zhengce/2023-03/14/content_5746704.htm", 11),
        (ZH + "\n\nBy Xinhua reporters Wang Wei and Li Ming", 11),
        ("APEC\n\n" + ZH, 11),
        # As in every Wikisource record of the corpus: two clauses, "Public domain" and the rest.
        (ZH + "\n\nPublic domain\nPublic domain\nfalse\nfalse", 12),
    ],
    ids=["url", "byline", "acronym", "licence-trailer"],
)
def test_a_chinese_statement_with_an_english_line_stays_chinese_only(text: str, count: int) -> None:
    doc = normalize(text)
    assert len(doc.clauses) == count
    assert _sections(text) == [("zh", 0, count - 1)]
    assert {c.language for c in doc.clauses} == {"zh"}
    assert all(c.counterpart is None for c in doc.clauses)


def test_issue_17_a_chinese_resolution_gets_no_english_notes() -> None:
    npc = FIXTURES / "npc-resolution"
    result = compare((npc / "a.txt").read_text(), (npc / "b.txt").read_text())
    kinds = {c.kind for e in result.alignment for c in e.changes}
    assert "asymmetric" not in kinds and "translation" not in kinds
    assert result.summary.asymmetric == 0
    assert "English" not in result.summary.text
    assert result.summary.text.endswith("Chinese (8 clauses on each side): 4 modified.")
    # The licence trailer is still there, the last clauses of the one Chinese section.
    assert [(c.text, c.language, c.section) for c in result.right.clauses[-2:]] == [
        ("Public domain", "zh", 0),
        ("Public domain false false", "zh", 0),
    ]
