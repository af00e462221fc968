"""Rewritten paragraphs pair by the role they play; wrapped lines stay one clause (issue #16)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import opencc
import pytest
from web_support import make_app, save_comparison

import diffsvc
from diffsvc.models import Comparison, Document, Entry

LEFT = """一、保持经济运行在合理区间。
二、积极扩大有效投资。今年拟安排地方政府专项债券3.65万亿元，优化债券资金使用，优先支持在建工程，合理扩大使用范围。
三、加强污染防治和生态建设，持续改善环境质量。
四、推进高水平对外开放。
"""
RIGHT = """一、保持经济运行在合理区间。
二、积极扩大有效投资。围绕国家重大战略部署和“十四五”规划，适度超前开展基础设施投资，专项债券资金投向重点领域。
三、加强污染防治和生态建设，持续改善环境质量。
四、推进高水平对外开放。
"""


DOCS = Path(__file__).resolve().parent.parent / "fixtures" / "alignment-truth" / "docs"


def real_pair(left: str, right: str) -> tuple[Document, Document, Comparison]:
    """Two of the real documents of the alignment truth, read and compared as a user's upload."""
    ldoc = diffsvc.load((DOCS / left).read_bytes(), left)
    rdoc = diffsvc.load((DOCS / right).read_bytes(), right)
    return ldoc, rdoc, diffsvc.compare(ldoc, rdoc)


def entry_with(result: Comparison, *, left: int | None = None, right: int | None = None) -> Entry:
    """The alignment entry that holds clause ``left`` of the earlier document, or ``right`` of
    the later one."""
    return next(e for e in result.alignment if left in e.left or right in e.right)


def index(doc: Document, opening: str) -> int:
    """The clause of ``doc`` that opens with ``opening``."""
    return next(c.index for c in doc.clauses if c.text.startswith(opening))


def assert_modified(
    pair: tuple[Document, Document, Comparison], *openings: tuple[str, str]
) -> None:
    """Each earlier clause opening with the first words pairs, modified, with the one later
    clause opening with the second."""
    left, right, result = pair
    for old, new in openings:
        entry = entry_with(result, left=index(left, old))
        assert (entry.op.value, entry.right) == ("modified", [index(right, new)])


def test_a_rewritten_paragraph_in_its_place_pairs_as_modified_and_rewritten() -> None:
    result = diffsvc.compare(LEFT, RIGHT)
    entry = next(e for e in result.alignment if e.left == [1])
    assert (entry.op.value, entry.right, entry.rewritten) == ("modified", [1], True)
    assert entry.similarity < 0.6  # its low similarity is shown as it is
    assert not any(e.rewritten for e in result.alignment if e.left != [1])


def test_an_unrelated_paragraph_in_the_same_place_stays_removed_and_added() -> None:
    right = RIGHT.replace(
        "二、积极扩大有效投资。围绕国家重大战略部署和“十四五”规划，适度超前开展基础设施投资，专项债券资金投向重点领域。",
        "二、深化两岸交流合作，推进祖国和平统一进程，团结广大台湾同胞。",
    )
    ops = {
        (e.op.value, tuple(e.left), tuple(e.right)) for e in diffsvc.compare(LEFT, right).alignment
    }
    assert ("removed", (1,), ()) in ops and ("added", (), (1,)) in ops


RECITALS_BEFORE = """# Joint Statement on the Trade Meeting in Geneva

The Government of the United States and the Government of the People's Republic of China,

Recognizing the weight of their trade relationship for both economies and the world;

Recognizing the value of a stable and mutually beneficial relationship;

Reflecting on their recent discussions and believing that continued talks have the potential \
to address the concerns of each side in their economic and trade relationship; and

Moving forward in a spirit of openness and mutual respect;

The Parties commit to take the following actions by May 14, 2025:
"""
RECITALS_AFTER = """# Joint Statement on the Trade Meeting in Stockholm

The Government of the United States and the Government of the People's Republic of China,

Recalling the joint statement they issued in Geneva on May 12, 2025; and

Reflecting on their meetings in London on June 9 and 10, 2025, and in Stockholm on July 28 and \
29, 2025;

The Parties recall their commitments and agree to take the following actions by August 12, 2025:
"""


def test_a_recital_rewritten_in_its_place_pairs_by_its_opening_words() -> None:
    # The Geneva → Stockholm joint statements: "Reflecting on their …" names the same recital
    # however its details changed; "Recognizing …" twice over names nothing in particular.
    before = diffsvc.load(RECITALS_BEFORE.encode(), "geneva.md")
    after = diffsvc.load(RECITALS_AFTER.encode(), "stockholm.md")
    result = diffsvc.compare(before, after)
    entry = entry_with(result, left=index(before, "Reflecting on their"))
    assert (entry.op.value, entry.right, entry.rewritten) == (
        "modified",
        [index(after, "Reflecting on their")],
        True,
    )
    for opening in ("Recognizing the weight", "Recognizing the value", "Moving forward"):
        assert entry_with(result, left=index(before, opening)).op.value == "removed"
    assert entry_with(result, right=index(after, "Recalling the joint")).op.value == "added"


def test_a_repeated_salutation_does_not_pin_the_order() -> None:
    # 2022 adds a salutation before a new passage: paired k-th with k-th, the second one would
    # cross the paragraph after it and show as moved.
    left = "各位代表！\n一、发展经济。\n各位代表！\n二、加强国防建设。\n"
    right = (
        "各位代表！\n一、扩大开放合作。\n各位代表！\n二、发展经济。\n"
        "各位代表！\n三、加强国防建设。\n"
    )
    result = diffsvc.compare(left, right)
    assert not [e for e in result.alignment if e.moved]
    economy = next(e for e in result.alignment if e.left == [1])
    assert economy.right == [3]


def test_a_wrapped_line_that_starts_with_a_number_continues_its_paragraph() -> None:
    text = (
        "1. The parties agreed to meet again in\n2025 to review the framework.\n\n"
        "2. Exports rose by\n19 percent over the previous year.\n\n"
        "3. We will meet in\nCanberra next year.\n"
    )
    doc = diffsvc.normalize(text)
    assert [(c.label, c.text) for c in doc.clauses] == [
        ("1.", "The parties agreed to meet again in 2025 to review the framework."),
        ("2.", "Exports rose by 19 percent over the previous year."),
        ("3.", "We will meet in Canberra next year."),
    ]


def test_a_short_wrapped_line_that_stops_mid_clause_continues_its_paragraph() -> None:
    # A line broken early before a long address, and the next goes on in lower case. The
    # heading's short line, followed by a capital, stays a clause of its own.
    text = (
        "Article 3 Digital trade\n"
        "Electronic Transmissions\n"
        "1. The Parties shall refrain from imposing customs duties on electronic\n"
        "transmissions, including content transmitted electronically, and shall\n"
        "support the moratorium described\n"
        "https://www.wto.org/english/thewto_e/minist_e/mc13_e/ecommerce_e.htm in\n"
        "accordance with their laws and regulations.\n"
        "2. Each Party shall publish its measures affecting trade in services.\n"
    )
    doc = diffsvc.normalize(text)
    assert [c.text for c in doc.clauses] == [
        "Digital trade",
        "Electronic Transmissions",
        "The Parties shall refrain from imposing customs duties on electronic transmissions, "
        "including content transmitted electronically, and shall support the moratorium "
        "described https://www.wto.org/english/thewto_e/minist_e/mc13_e/ecommerce_e.htm in "
        "accordance with their laws and regulations.",
        "Each Party shall publish its measures affecting trade in services.",
    ]


def test_a_dash_aside_wrapped_to_a_lines_start_stays_in_its_sentence() -> None:
    # The G7 2024 communiqué as copied out of its PDF; the list after it keeps its items.
    text = (
        "We intend to disburse this financing through multiple channels that\n"
        "direct the funds to Ukraine’s military, budget, and reconstruction needs\n"
        "– within the constraints of our respective legal systems and\n"
        "administrative requirements. As it relates to reconstruction, we will also\n"
        "work closely with the Ukraine Donor Platform.\n"
        "We will work with partners to:\n"
        "- launch the Hiroshima Action Statement with partner countries; and\n"
        "- deliver our goal of mobilizing financing for quality infrastructure; and,\n"
        "- support for the interests of the least developed countries.\n"
    )
    assert [c.text for c in diffsvc.normalize(text).clauses] == [
        "We intend to disburse this financing through multiple channels that direct the funds "
        "to Ukraine’s military, budget, and reconstruction needs – within the constraints of "
        "our respective legal systems and administrative requirements. As it relates to "
        "reconstruction, we will also work closely with the Ukraine Donor Platform.",
        "We will work with partners to:",
        "launch the Hiroshima Action Statement with partner countries; and",
        "deliver our goal of mobilizing financing for quality infrastructure; and,",
        "support for the interests of the least developed countries.",
    ]


def test_a_link_address_wrapped_mid_way_is_one_address() -> None:
    # An FOMC statement's closing link, its address broken where a PDF broke the line.
    text = (
        "[Implementation Note issued September 21, 2016](https://www.federalreserve.gov/"
        "newsevents/press/monetary/20160\n921a1.htm)\n"
    )
    assert [c.text for c in diffsvc.normalize(text).clauses] == [
        "[Implementation Note issued September 21, 2016](https://www.federalreserve.gov/"
        "newsevents/press/monetary/20160921a1.htm)"
    ]


def test_a_scraped_invisible_line_inside_a_sentence_does_not_cut_the_paragraph() -> None:
    # The Government Work Report 2021 as scraped: a zero-width-space line cuts 人民 in two.
    text = (
        "决胜全面建成小康社会取得决定性成就，交出一份人\n\u200b\n民满意、世界瞩目的答卷。\n\u200b\n"
        "全年国内生产总值增长2.3%。\n"
    )
    assert [c.text for c in diffsvc.normalize(text).clauses] == [
        "决胜全面建成小康社会取得决定性成就，交出一份人民满意、世界瞩目的答卷。",
        "全年国内生产总值增长2.3%。",
    ]


def test_a_scraped_page_break_between_two_sentences_keeps_the_paragraph_whole() -> None:
    # The Government Work Report 2017 as scraped: a zero-width-space line, with no blank line
    # beside it, marks where the printed page ended. Between two sentences of one paragraph it
    # is no break; before a paragraph's short lead sentence, it is.
    text = (
        "加快培育壮大新兴产业。支持和引导分享经济发展，便利人民群众生活。\n\u200b\n"
        "本着鼓励创新、包容审慎原则，制定新兴产业监管规则。\n\n"
        "推进农业供给侧结构性改革。以持续稳健的农业保险助力现代农业发展。\n\u200b\n"
        "深化农村改革。稳步推进农村集体产权制度改革。\n"
    )
    assert [c.text for c in diffsvc.normalize(text).clauses] == [
        "加快培育壮大新兴产业。支持和引导分享经济发展，便利人民群众生活。"
        "本着鼓励创新、包容审慎原则，制定新兴产业监管规则。",
        "推进农业供给侧结构性改革。以持续稳健的农业保险助力现代农业发展。",
        "深化农村改革。稳步推进农村集体产权制度改革。",
    ]


def test_a_blank_line_after_a_sentences_first_word_does_not_cut_the_paragraph() -> None:
    # The US–North Macedonia framework as published: a converter set a blank line inside the
    # sentence "North Macedonia will commence purchase of U.S. LNG…".
    text = (
        "• On energy, the countries take note of the contribution of U.S. suppliers,\n"
        "including through purchases of U.S. liquefied natural gas (LNG). North \n\n"
        "Macedonia will commence purchase of U.S. LNG upon completion of the new\n"
        "gas interconnector. \n\n"
        "• North Macedonia commits to adopt high levels of environmental protection.\n\n"
        "Energy and Trade with the U.S. Framework\n\n"
        "The parties will meet again in 2026.\n"
    )
    assert [c.text for c in diffsvc.normalize(text).clauses] == [
        "On energy, the countries take note of the contribution of U.S. suppliers, including "
        "through purchases of U.S. liquefied natural gas (LNG). North Macedonia will commence "
        "purchase of U.S. LNG upon completion of the new gas interconnector.",
        "North Macedonia commits to adopt high levels of environmental protection.",
        "Energy and Trade with the U.S. Framework",
        "The parties will meet again in 2026.",
    ]


def test_a_names_initials_on_the_next_line_continue_its_sentence() -> None:
    # The Government Work Report 2023 as scraped: a link set the treaty's name on a line of its
    # own, and "（RCEP）生效实施…" began a clause of its own that paired with nothing.
    text = (
        "2023年政府工作报告\n（2023年3月5日在第十四届全国人民代表大会第一次会议上）\n\n"
        "——改革开放持续深化。共建“一带一路”扎实推进。推动\n区域全面经济伙伴关系协定\n"
        "（RCEP）生效实施，建成全球最大自由贸易区。\n"
    )
    assert [c.text for c in diffsvc.normalize(text).clauses] == [
        "2023年政府工作报告",
        "（2023年3月5日在第十四届全国人民代表大会第一次会议上）",
        "——改革开放持续深化。共建“一带一路”扎实推进。推动区域全面经济伙伴关系协定（RCEP）生效实施，"
        "建成全球最大自由贸易区。",
    ]


def test_two_paragraphs_a_rewrite_made_of_one_are_found_as_a_merge() -> None:
    # Bangladesh's framework says in one paragraph what El Salvador's said in two (environment;
    # state-owned enterprises and subsidies), in other words: a rewritten merge, not an
    # addition beside a modification.
    def load(name: str) -> Document:
        path = Path(__file__).parent.parent / "fixtures/alignment-truth/docs" / name
        return diffsvc.load(path.read_bytes(), filename=name)

    left, right = load("framework-el-salvador.md"), load("framework-bangladesh.md")
    result = diffsvc.compare(left, right)
    merge = next(e for e in result.alignment if e.op.value == "merged")
    assert [left.clauses[i].text[:40] for i in merge.left] == [
        "El Salvador has committed to adopt and m",
        "El Salvador has committed to address pot",
    ]
    assert right.clauses[merge.right[0]].text.startswith("Bangladesh commits to adopt and maintain")
    assert merge.rewritten
    # Comparing the other way finds the same paragraphs as a split.
    back = diffsvc.compare(right, left)
    split = next(e for e in back.alignment if e.op.value == "split")
    assert (split.left, split.right) == (merge.right, merge.left)


def test_the_same_words_wrapped_differently_are_no_change() -> None:
    left = "1. The parties agreed to meet again in 2025 to review the framework.\n"
    right = "1. The parties agreed to meet again in\n2025 to review the framework.\n"
    result = diffsvc.compare(left, right)
    assert [e.op.value for e in result.alignment] == ["unchanged"]
    assert result.summary.substantive == 0


def _groups(result: Comparison) -> list[tuple[str, list[int], list[int], bool]]:
    """Each entry's op, clauses and editorial flag: how a comparison grouped the clauses."""
    return [(e.op.value, e.left, e.right, e.editorial) for e in result.alignment]


def test_the_same_words_in_other_paragraphs_are_an_editorial_split() -> None:
    # One paragraph as the web page sets it, two as a copy out of its PDF broke it.
    left = (
        "The Committee decided to keep the target range at 5-1/4 to 5-1/2 percent. In "
        "assessing the appropriate stance of monetary policy, the Committee will continue to "
        "monitor incoming information.\n\nThe Committee is strongly committed to returning "
        "inflation to its 2 percent objective.\n"
    )
    right = left.replace("percent. In", "percent.\n\nIn")
    for a, b, op in ((left, right, "split"), (right, left, "merged")):
        result = diffsvc.compare(a, b)
        entry = result.alignment[0]
        assert (entry.op.value, entry.editorial, entry.substantive) == (op, True, False)
        assert [c.note for c in entry.changes] == [
            "editorial only: the same words, paragraphed differently"
        ]
        assert result.summary.substantive == 0
        assert result.summary.text.startswith("No substantive change; 1 change only moved, ")
        assert f"1 {op} (1 with the same words)" in result.summary.text
    # A word changed as well: the split is substantive.
    reworded = diffsvc.compare(left, right.replace("continue to", "carefully")).alignment[0]
    assert (reworded.op.value, reworded.editorial, reworded.substantive) == ("split", False, True)


def test_paragraphs_run_together_where_the_next_opens_on_a_figure_are_the_same_words() -> None:
    # GWR 2013 as a copy out of its PDF ran "…新篇章。" into "五年来的主要工作及特点：": the
    # break it lost stood against 五年, and a figure is what no editorial change may touch.
    left = (
        "过去五年，我们完成了“十一五”规划，实施“十二五”规划，谱写了中国特色社会主义事业新篇章。"
        "\n\n五年来的主要工作及特点：\n"
    )
    right = left.replace("\n\n五年", "五年")
    for a, b in ((left, right), (right, left)):
        result = diffsvc.compare(a, b)
        assert [(e.op.value, e.editorial) for e in result.alignment] in (
            [("merged", True)],
            [("split", True)],
        )
        assert result.summary.substantive == 0
    # Parted inside the figure, it is a number changed.
    parted = diffsvc.compare("双方合作了15年。", "双方合作了1\n5年。").alignment
    assert any(e.substantive for e in parted)


def test_paragraph_breaks_moved_between_the_same_words_are_editorial() -> None:
    # G7 2024 as a PDF viewer's copy gives it: the sanctions paragraph broke after "…alternative
    # service providers.", and its last two sentences ran into the two paragraphs after. Alone,
    # the paragraph lost two sentences and the merge gained them; together, nothing changed.
    g7 = diffsvc.load((DOCS / "g7-2024.md").read_bytes(), "g7-2024.md")
    start = next(
        k for k, c in enumerate(g7.clauses) if c.text.startswith("We will continue to apply")
    )
    before, sanctions, reconstruction, displaced = (
        c.text for c in g7.clauses[start - 1 : start + 3]
    )
    cut = sanctions.index("We will continue taking further steps")
    web = "\n\n".join([before, sanctions, reconstruction, displaced]) + "\n"
    copy = "\n\n".join(
        [before, sanctions[:cut].rstrip(), f"{sanctions[cut:]} {reconstruction} {displaced}"]
    )
    for a, b, op in ((web, copy, "merged"), (copy, web, "split")):
        result = diffsvc.compare(a, b)
        assert [(e.op.value, e.editorial) for e in result.alignment] == [
            ("unchanged", False),
            ("modified", True),
            (op, True),
        ]
        assert [c.note for c in result.alignment[1].changes] == [
            "editorial only: the same words, paragraphed differently"
        ]
        assert all(s.editorial for e in result.alignment for s in e.spans if s.op != "equal")
        assert result.summary.substantive == 0
    # A figure changed in the last paragraph as well: that is the change, and the sentences
    # that moved are still only moved.
    changed = diffsvc.compare(web, copy.replace("3.4 million", "3.5 million"))
    assert changed.summary.substantive == 1
    sanctions_entry, merged = changed.alignment[1:]
    assert (sanctions_entry.editorial, merged.op.value, merged.editorial) == (
        True,
        "merged",
        False,
    )
    assert _notes(sanctions_entry)[0].startswith(
        "moved to the next paragraph: “We will continue taking further steps"
    )
    assert _notes(merged)[0].endswith("3.4 → 3.5 million")


def test_a_sentence_moved_to_the_next_paragraph_is_editorial_however_it_pairs() -> None:
    # The second sentence of one paragraph opens the next: the aligner pairs the long first
    # paragraph as split in two and the short second as removed (or merged and added), though
    # no word was removed or added. The paragraphs pair again in order, each the same words
    # paragraphed differently.
    first = (
        "The Committee decided to keep the target range for the federal funds rate at 1/4 to "
        "1/2 percent."
    )
    second = (
        "It will watch incoming information on the labor market, inflation and financial "
        "developments closely and act as appropriate to sustain the expansion."
    )
    web = f"{first} {second}\n\nPurchases continue.\n"
    copy = f"{first}\n\n{second} Purchases continue.\n"
    for a, b in ((web, copy), (copy, web)):
        result = diffsvc.compare(a, b)
        assert _groups(result) == [("modified", [0], [0], True), ("modified", [1], [1], True)]
        assert {c.note for e in result.alignment for c in e.changes} == {
            "editorial only: the same words, paragraphed differently"
        }
        assert result.summary.substantive == 0
    # A sentence added with the move is a change.
    added = diffsvc.compare(web, copy.replace("continue.", "continue. Purchases will slow."))
    assert added.summary.substantive >= 1
    # A heading added beside paragraphs that only moved a break is structure added: "Annex II"
    # has no words to say elsewhere.
    annexes = diffsvc.compare(f"{web}\nAnnex I\n", f"{copy}\nAnnex I\n\nAnnex II\n")
    assert [e.op.value for e in annexes.alignment].count("added") == 1
    assert annexes.summary.substantive == 1


def _notes(entry: Entry) -> list[str]:
    return [c.note for c in entry.changes]


def test_a_sentence_moved_next_door_beside_a_real_change_is_no_commitment_dropped(
    tmp_path: Path,
) -> None:
    # A draft moves a sentence into the next paragraph and adds one there. Each paragraph alone
    # lost or gained the sentence; the version dropped nothing, and only the new sentence is
    # news.
    processing = "1. The parties will cooperate on critical minerals processing."
    data = "They will share geological survey data every year."
    group = "The parties will establish a joint working group on supply chains."
    left = f"{processing} {data}\n\n2. {group}\n"
    right = f"{processing}\n\n2. {data} {group} The group will meet twice a year.\n"
    result = diffsvc.compare(left, right)
    first, second = result.alignment
    assert (first.op.value, first.editorial, second.editorial) == ("modified", True, False)
    assert _notes(first) == [f"moved to the next paragraph: “{data}”"]
    assert _notes(second) == [
        "commitment added: will meet twice a year",
        f"moved from the paragraph before: “{data}”",
    ]
    # The moved sentence shows as an editorial change on both sides; the new one does not.
    moved = [s for e in result.alignment for s in e.spans if s.op != "equal" and s.editorial]
    assert [(s.left.strip(), s.right.strip()) for s in moved] == [(data, ""), ("", data)]
    assert result.summary.substantive == 1
    # Each note names the clause of the other version that says the words now (or said them).
    assert [(c.left, c.right, c.said_in) for c in (first.changes[0], second.changes[1])] == [
        (data, None, 1),
        (None, data, 0),
    ]
    # The page says where the sentence went, beside the entries' marks.
    page = _page(tmp_path, left, right)
    assert f"moved to the next paragraph: “{data}”" in page
    assert f"moved from the paragraph before: “{data}”" in page
    # Moved the other way, up into the paragraph before, it reads the same.
    back = diffsvc.compare(right, left)
    assert [(e.editorial, _notes(e)[-1]) for e in back.alignment] == [
        (True, f"moved from the next paragraph: “{data}”"),
        (False, f"moved to the paragraph before: “{data}”"),
    ]
    # Changed on the way, the words that moved are told apart from the change: "year" gone
    # from the first paragraph, "two years" come in the second.
    reworded = diffsvc.compare(left, right.replace("every year. The", "every two years. The"))
    assert reworded.summary.substantive == 2
    assert [
        [(s.left.strip(), s.right.strip()) for s in e.spans if s.op != "equal" and not s.editorial]
        for e in reworded.alignment
    ] == [[("year.", "")], [("", "two years."), ("", ". The group will meet twice a year")]]
    assert _notes(reworded.alignment[0]) == [
        "moved to the next paragraph: “They will share geological survey data every”"
    ]


def test_a_moved_sentence_whose_first_words_the_diff_read_in_place_moved_whole() -> None:
    # "They will" opens both the sentence that left and the one that took its place: the diff
    # of the first paragraph keeps them, and the sentence arriving next door still moved whole.
    left = (
        "The parties will cooperate on processing. They will share survey data every year.\n\n"
        "The parties will establish a working group.\n"
    )
    right = (
        "The parties will cooperate on processing. They will also invest in refining.\n\n"
        "They will share survey data every year. The parties will establish a working group.\n"
    )
    first, second = diffsvc.compare(left, right).alignment
    assert (first.editorial, second.editorial) == (False, True)
    assert _notes(second) == [
        "moved from the paragraph before: “They will share survey data every year.”"
    ]


def test_a_chinese_sentence_moved_up_a_paragraph_is_said_where_it_went() -> None:
    left = (
        "稳健的货币政策要灵活精准、合理适度。\n\n"
        "保持流动性合理充裕，引导金融机构加大对实体经济支持。就业优先政策要继续强化、聚力增效。\n"
    )
    right = (
        "稳健的货币政策要灵活精准、合理适度。保持流动性合理充裕，引导金融机构加大对实体经济支持。\n\n"
        "就业优先政策要继续强化、聚力增效。扩大职业技能培训规模。\n"
    )
    # Without the pass, "稳健…" and the paragraph after read as merged into the first
    # paragraph, and the second as added: two substantive changes where one sentence is new.
    result = diffsvc.compare(left, right)
    assert result.summary.substantive == 1
    first, second = result.alignment
    assert (first.editorial, _notes(first)) == (
        True,
        ["moved from the next paragraph: “保持流动性合理充裕，引导金融机构加大对实体经济支持。”"],
    )
    assert (first.op.value, second.op.value, second.editorial) == ("modified", "modified", False)
    assert _notes(second)[-1] == (
        "moved to the paragraph before: “保持流动性合理充裕，引导金融机构加大对实体经济支持。”"
    )


def test_a_heading_a_pdf_copy_ran_into_a_paragraph_is_merged_with_it() -> None:
    # A copy that ran the heading before a paragraph onto its first line, as pdftotext without
    # -layout does.
    web = (
        "Recognizing the urgent need to address climate change, we will steadfastly implement "
        "the Paris Agreement and deliver on the outcomes of COP26.\n\nCybersecurity\n\nIn an "
        "increasingly digital world with sophisticated cyber threats we recognize an urgent "
        "need to take a collective approach to enhancing cybersecurity.\n"
    )
    copied = web.replace("Cybersecurity\n\n", "Cybersecurity ")
    result = diffsvc.compare(web, copied)
    assert _groups(result) == [
        ("unchanged", [0], [0], False),
        ("merged", [1, 2], [1], True),
    ]
    assert result.summary.substantive == 0


def test_a_numbered_paragraph_a_copy_ran_into_the_one_before_is_merged_with_it() -> None:
    # The copy keeps paragraph 2's number inside the words; numbering is editorial.
    source = (
        "Article 5.3 State-Owned Enterprises\n"
        "1. Cambodia shall, to the extent possible, exercise its ownership or control rights "
        "over its State-Owned or -Controlled Enterprises to cause such entities, when engaging "
        "in commercial activities, to act in accordance with commercial considerations, and "
        "shall ensure that privately owned enterprises and state-owned enterprises are treated "
        "equally under its investment law.\n"
        "2. Cambodia shall consult the United States.\n"
        "3. Each Party shall publish its measures.\n"
    )
    copied = source.replace("law.\n2. Cambodia", "law. 2. Cambodia")
    result = diffsvc.compare(source, copied)
    assert _groups(result) == [
        ("unchanged", [0], [0], False),
        ("merged", [1, 2], [1], True),
        ("unchanged", [3], [2], False),
    ]
    assert result.summary.substantive == 0
    back = diffsvc.compare(copied, source).alignment[1]
    assert (back.op.value, back.left, back.right, back.editorial) == ("split", [1], [1, 2], True)


def test_a_salutation_a_copy_ran_onto_a_paragraph_is_in_that_merge_only() -> None:
    # GWR 2016's closing parts as a PDF copy ran them: the second "各位代表！" on the line of
    # the paragraph before it. Each clause stays in exactly one entry.
    left = (
        "我们要认真落实侨务政策，不断增强海内外中华儿女的向心力。\n\n各位代表！\n\n"
        "过去一年，国防和军队建设取得显著成效。我们要深入推进军民融合发展，走出一条新时期鱼水情深的"
        "军政军民团结之路。\n\n各位代表！\n\n我们要坚定不移推进“一国两制”实践。\n\n各位代表！\n\n"
        "让我们更加紧密地团结在党中央周围。\n"
    )
    right = left.replace("团结之路。\n\n各位代表！", "团结之路。各位代表！")
    for a, b, op in ((left, right, "merged"), (right, left, "split")):
        result = diffsvc.compare(a, b)
        entries = _groups(result)
        assert [i for e in result.alignment for i in e.left] == list(
            range(len(result.left.clauses))
        )
        assert sorted(j for e in result.alignment for j in e.right) == list(
            range(len(result.right.clauses))
        )
        regrouped = [2, 3] if op == "merged" else [2]
        assert (op, regrouped) in [(e[0], e[1]) for e in entries]
        assert result.summary.substantive == 0


def test_long_paragraphs_run_into_one_are_merged_whole() -> None:
    # FOMC, 18 September 2013, with its third to fifth paragraphs (3,300 characters) run into
    # one, as a copy out of its PDF has them. Read by likeness alone, the first characters of
    # the long paragraph matched the first two and left the third "removed".
    statement = diffsvc.load((DOCS / "fomc-20130918.txt").read_bytes(), "fomc-20130918.txt")
    texts = [c.text for c in statement.clauses]
    copied = "\n\n".join([*texts[:2], " ".join(texts[2:5]), *texts[5:]])
    result = diffsvc.compare(statement, diffsvc.normalize(copied))
    assert _groups(result) == [
        ("unchanged", [0], [0], False),
        ("unchanged", [1], [1], False),
        ("merged", [2, 3, 4], [2], True),
        ("unchanged", [5], [3], False),
    ]


COPIED = DOCS.parent.parent / "copied-from-pdf"


def test_a_report_and_the_text_copied_out_of_its_pdf_differ_only_editorially() -> None:
    # The copies run some paragraphs together (one that ends on a full line runs into the
    # next); the words are the same. The copy of the PDF in Word's defaults keeps every one.
    report = diffsvc.load((DOCS / "gwr-2022.txt").read_bytes(), "gwr-2022.txt")
    for name in ("gwr-2022-indented.raw.txt", "gwr-2022.layout.txt", "gwr-2022-spaced.raw.txt"):
        copy = diffsvc.load((COPIED / name).read_bytes(), name)
        result = diffsvc.compare(report, copy)
        assert result.summary.substantive == 0, name
        merged = [e for e in result.alignment if e.op.value == "merged"]
        assert merged and all(e.editorial for e in merged), name
    whole = diffsvc.load((COPIED / "gwr-2022.raw.txt").read_bytes(), "gwr-2022.raw.txt")
    result = diffsvc.compare(report, whole)
    assert {e.op.value for e in result.alignment} == {"unchanged"}


def test_long_paragraphs_a_copy_ran_together_are_merged_with_what_they_took_in() -> None:
    # The G7 communiqué's paragraphs 10 and 11 run past the characters a pair is scored on.
    # Its PDF copy ran paragraph 11 (numbered "11,") into 10, keeping its number among the
    # words. The heading the copy sets on a line of its own between two finished paragraphs
    # ("…built into global connectivity." / "Science and Technology" / "40. We support…")
    # comes back as its own clause.
    source = diffsvc.load((DOCS / "g7-2023.md").read_bytes(), "g7-2023.md")
    copy = diffsvc.load((COPIED / "g7-2023.raw.txt").read_bytes(), "g7-2023.raw.txt")
    result = diffsvc.compare(source, copy)
    heading = next(k for k, c in enumerate(source.clauses) if c.text == "Science and Technology")
    eleven = next(k for k, c in enumerate(source.clauses) if c.label == "11,")
    entry = next(e for e in result.alignment if eleven in e.left)
    assert (entry.op.value, entry.left, entry.editorial) == ("merged", [eleven - 1, eleven], True)
    entry = next(e for e in result.alignment if heading in e.left)
    assert (entry.op.value, entry.left) == ("unchanged", [heading])
    assert copy.clauses[entry.right[0]].text == "Science and Technology"
    assert result.summary.substantive == 0


def test_a_footnote_marker_is_not_a_number_that_changed() -> None:
    left = "1. Jordan shall facilitate digital trade with the United States.\n"
    right = "1. Jordan shall facilitate digital trade[7] with the United States.\n"
    changes = [c for e in diffsvc.compare(left, right).alignment for c in e.changes]
    assert not [c for c in changes if c.kind == "number"]


def _page(tmp_path: Path, left: str, right: str) -> str:
    """The side-by-side page of two texts compared through the form, as a user opens it."""
    app = make_app(tmp_path)
    with app.test_client() as client:
        cid = save_comparison(client, left, right)
        return client.get(f"/c/{cid}").get_data(as_text=True)


def _doc(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def test_the_page_marks_a_rewrite_and_folds_the_quantities_it_adds(tmp_path: Path) -> None:
    left = (
        "一、总体要求。\n二、过去一年，在新中国历史上极不平凡。面对突如其来的疫情，"
        "我们统筹推进疫情防控。\n三、加强国防建设。\n"
    )
    right = (
        "一、总体要求。\n二、过去一年是党和国家历史上具有里程碑意义的一年。胜利召开党的十九届六中全会、"
        "制定党的第三个历史决议，实现第一个百年奋斗目标，向第二个百年奋斗目标进军，统筹推进疫情防控。\n"
        "三、加强国防建设。\n"
    )
    page = _page(tmp_path, left, right)
    assert 'class="badge badge-rewritten"' in page
    assert "quantities added: " in page
    assert "十九届 added" not in page  # folded into the one line


def test_a_row_says_each_name_it_drops_once(tmp_path: Path) -> None:
    # The EU framework's two tariff paragraphs become one of Indonesia's, which names none of
    # the EU's Section 232 carve-outs: one note, not one for each of its five mentions.
    page = _page(tmp_path, _doc("framework-eu.md"), _doc("framework-indonesia.md"))
    assert page.count("Section 232 dropped") == 1, page.count("Section 232 dropped")
    assert "MFN tariff and the tariff imposed pursuant Section 232 dropped" in page
    assert "Section 232 Trade Expansion Act of 1962 dropped" in page
    assert "No Section 232 dropped" not in page


def test_the_change_list_shows_a_rows_first_substantive_change(tmp_path: Path) -> None:
    # The Thailand → Viet Nam frameworks' first paragraph straightens “the United States”
    # before it names the other partner: the change list says the partner changed, not "“".
    page = _page(tmp_path, _doc("framework-thailand.md"), _doc("framework-vietnam.md"))
    excerpts = re.findall(r'<span class="ci-excerpt">([^<]*)</span>', page)
    assert excerpts[0].startswith("Kingdom of Thailand"), excerpts[:3]
    # A row whose only change is editorial still shows it.
    page = _page(tmp_path / "editorial", "1. The “parties” meet.", '1. The "parties" meet.')
    assert re.findall(r'<span class="ci-excerpt">([^<]*)</span>', page) == [
        "“parties” → &#34;parties&#34;"
    ]


def test_a_section_moved_with_its_items_is_said_as_one_move() -> None:
    economy, reform = "发展经济\n（一）扩大内需\n", "深化改革\n（一）国企改革\n"
    opening = "对外开放\n（一）稳定外贸\n（二）利用外资\n"
    left = f"一、{economy}二、{reform}三、{opening}"
    right = f"一、{opening}二、{economy}三、{reform}"
    summary = diffsvc.compare(left, right).summary
    assert summary.section_moves == ["三、 moved to 一、 with the 2 clauses under it"]
    assert "三、 moved to 一、 with the 2 clauses under it" in summary.text


def test_a_numbered_heading_does_not_pair_with_a_look_alike_unnumbered_paragraph() -> None:
    # GWR 2021 → 2022: the 2021 task heading （一） read 72% like a 2022 review paragraph
    # (一是…) and was paired with it, ahead of the 2022 task heading （一） it plays the role of.
    left = (
        "一、2020年工作回顾\n二、2021年重点工作\n"
        "（一）保持宏观政策连续性稳定性可持续性，促进经济运行在合理区间。\n三、结语\n"
    )
    right = (
        "一、2021年工作回顾\n一是保持宏观政策连续性针对性，推动经济运行保持在合理区间。\n"
        "二、2022年重点工作\n（一）着力稳定宏观经济大盘，保持经济运行在合理区间。\n三、结语\n"
    )
    result = diffsvc.compare(left, right)
    heading = next(e for e in result.alignment if e.left == [2])
    assert result.right.clauses[heading.right[0]].label == "（一）"


def test_a_statement_pasted_without_its_front_matter_reads_as_the_uploaded_file() -> None:
    # The body alone has no Markdown signs, so it is read as plain text; its 72-column wraps
    # ("…pursuant to\nArticle 14 of the Treaty…") must still join as Markdown joins them.
    source = (Path(__file__).parent.parent / "fixtures" / "corpus-md" / "aukus-2023.md").read_text()
    body = source.split("\n---\n", 1)[1]
    pasted, uploaded = diffsvc.load(body), diffsvc.load(source.encode(), "aukus-2023.md")
    assert (pasted.source.format, uploaded.source.format) == ("text", "markdown")
    assert [c.text for c in pasted.clauses] == [c.text for c in uploaded.clauses]


def test_a_section_heading_never_pairs_with_a_paragraph_by_topic() -> None:
    # Quad 2022 → 2023: 2023's one heading over its whole agenda ("The Quad's positive,
    # practical agenda") shares topic words with 2022's stocktaking paragraph, and stood in its
    # stretch; a reader never reads a heading as last year's paragraph.
    left, right, result = real_pair("quad-2022.md", "quad-2023.md")
    headings = {
        c.index
        for c in right.clauses
        if c.text in ("The Quad’s positive, practical agenda", "Global and regional issues")
    }
    assert len(headings) == 2
    for entry in result.alignment:
        if headings & set(entry.right):
            assert all(len(left.clauses[i].text) < 60 for i in entry.left), entry


def test_a_lead_line_set_over_its_detail_joins_the_paragraph_that_held_both() -> None:
    # GWR 2016 writes each review item as one paragraph, lead and detail ("一是着力稳增长调结构
    # 防风险，创新宏观调控方式。为应对…"); 2017 sets the lead on a line of its own over the detail.
    left, right, result = real_pair("gwr-2016.txt", "gwr-2017.txt")

    whole = index(left, "一是着力稳增长调结构防风险")
    lead_line = index(right, "一是继续创新和加强宏观调控")
    entry = entry_with(result, left=whole)
    assert entry.op.value == "split" and entry.right == [lead_line, lead_line + 1]
    assert right.clauses[lead_line + 1].text.startswith("去年宏观调控面临多难抉择")
    assert entry.rewritten
    # Two leads that count their tasks need share only a word ("创新"): renumbered 三是 → 四是.
    whole = index(left, "三是聚焦提质增效，推动产业创新升级")
    lead_line = index(right, "四是强化创新引领，新动能快速成长")
    entry = entry_with(result, left=whole)
    assert entry.op.value == "split" and entry.right == [lead_line, lead_line + 1]


def test_a_paragraph_pairs_inside_the_section_the_next_year_gave_its_topic() -> None:
    # Quad 2021 has no headings; 2022 gives each topic a section ("Quad Fellowship", "Space").
    # 2021's fellowship paragraph shares few words with 2022's, but the 2022 section it reads as
    # stands out from every other section, and inside it the paragraph pairs.
    left, right, result = real_pair("quad-2021.md", "quad-2022.md")

    fellowship = index(left, "We are proud to begin a new chapter")
    entry = entry_with(result, left=fellowship)
    assert entry.right == [index(right, "We recognize that people to people ties")]
    assert (entry.op.value, entry.rewritten) == ("modified", True)
    heading = index(right, "Quad Fellowship")
    assert entry.right[0] == heading + 1


def test_weak_evidence_in_a_stretch_yields_to_a_clause_elsewhere_that_plays_the_role() -> None:
    # GWR 2021 has a five-year plan section where 2022 writes its year's outlook; the plan's
    # paragraphs share a few words with the outlook, but the outlook's counterpart is 2021's
    # own outlook, a section further on.
    left, right, result = real_pair("gwr-2021.txt", "gwr-2022.txt")

    outlook = index(right, "今年将召开中国共产党第二十次全国代表大会")
    entry = entry_with(result, right=outlook)
    assert entry.left == [index(left, "今年是我国现代化建设进程中具有特殊重要性的一年")]
    plan = index(left, "“十四五”时期是开启全面建设社会主义现代化国家新征程")
    assert entry_with(result, left=plan).op.value == "removed"


def test_a_partys_own_name_in_every_clause_does_not_raise_the_bar_for_pairing() -> None:
    # Two framework statements with different partners: "Thailand" stands in every clause of
    # one and never in the other, so it is no evidence either way; read as what any two clauses
    # share, it set the bar for role evidence above the non-tariff-barrier paragraphs' own.
    left, right, result = real_pair("framework-thailand.md", "framework-vietnam.md")

    barriers = index(left, "The United States and Thailand will work together to address")
    entry = entry_with(result, left=barriers)
    assert index(right, "The United States and Viet Nam will work constructively") in entry.right
    assert entry.rewritten


def test_two_paragraphs_each_others_best_pair_on_less_than_the_documents_stock_phrases() -> None:
    # Indonesia's and Argentina's framework statements: the agricultural-access paragraphs share
    # less than a few of a statement's own stock paragraphs share among themselves, but each is
    # the other's best counterpart anywhere.
    left, right, result = real_pair("framework-indonesia.md", "framework-argentina.md")

    food = index(left, "The United States and Indonesia have also committed to address")
    entry = entry_with(result, left=food)
    assert entry.right == [index(right, "Agricultural Market Access:")]
    assert (entry.op.value, entry.rewritten) == ("modified", True)


def test_two_lead_lines_over_paired_details_pair_however_renumbered() -> None:
    # GWR 2021 → 2022: both set each review item's lead on a line over its detail; the details
    # pair by topic, and the leads above them head the same task, renumbered 四是 → 三是.
    left, right, result = real_pair("gwr-2021.txt", "gwr-2022.txt")

    lead = index(left, "四是坚定不移推进改革开放")
    entry = entry_with(result, left=lead)
    assert entry.right == [index(right, "三是深化改革扩大开放")]
    detail = entry_with(result, left=lead + 1)
    assert detail.right == [entry.right[0] + 1]


def test_the_paragraph_opening_a_renumbered_section_pairs_with_its_counterpart() -> None:
    # GWR 2021 → 2022: the reform section moved from （二） to （三） and its opening paragraph,
    # the section's aim before its items, was rewritten word for word; its place under the paired
    # headings is what says it is the same paragraph.
    left, right, result = real_pair("gwr-2021.txt", "gwr-2022.txt")

    heading = index(left, "深入推进重点领域改革，更大激发市场主体活力")
    assert entry_with(result, left=heading).right == [
        index(right, "坚定不移深化改革，更大激发市场活力和发展内生动力")
    ]
    opening = entry_with(result, left=heading + 1)
    assert opening.right == [index(right, "处理好政府和市场的关系")]
    assert (opening.op.value, opening.rewritten) == ("modified", True)


def test_a_paragraph_under_a_new_section_does_not_pair_with_an_old_sections_opening() -> None:
    left = "（一）发展经济，稳定增长。\n今年要加大宏观政策力度，稳住经济大盘。\n"
    right = "（一）加强国防建设，维护国家安全。\n深化两岸交流合作，团结广大台湾同胞。\n"
    result = diffsvc.compare(left, right)
    ops = {(e.op.value, tuple(e.left), tuple(e.right)) for e in result.alignment}
    assert ("removed", (1,), ()) in ops and ("added", (), (1,)) in ops


def test_two_review_items_that_count_the_same_task_pair_in_their_stretch() -> None:
    # GWR 2014 → 2015: both reviews' third item is the economy's structure (三是注重调整经济结构
    # → 三是加大结构调整力度), in other words; they stand in one stretch and count the same task.
    left, right, result = real_pair("gwr-2014.txt", "gwr-2015.txt")

    third = entry_with(result, left=index(left, "三是注重调整经济结构"))
    assert third.right == [index(right, "三是加大结构调整力度")]
    assert (third.op.value, third.rewritten) == ("modified", True)


def test_a_rewritten_split_never_takes_in_a_section_heading() -> None:
    # Quad 2023 → 2024: the technology paragraph's topic reads better with the heading
    # "Critical and Emerging Technologies" beside its counterpart, but a heading is no part of
    # the paragraph under it.
    left, right, result = real_pair("quad-2023.md", "quad-2024.md")

    technology = index(left, "We recognise the transformative power of technology")
    entry = entry_with(result, left=technology)
    heading = index(right, "Critical and Emerging Technologies")
    assert heading not in entry.right
    assert entry_with(result, right=heading).op.value == "added"


def test_a_paragraph_about_nothing_else_joins_its_rewrite_as_a_split() -> None:
    # Quad 2023 → 2024: 2023's cable paragraph became two. The second, on investments in cable
    # projects, shares little with the first, but of everything 2023 says, 2023's cable
    # paragraph is what it is about.
    left, right, result = real_pair("quad-2023.md", "quad-2024.md")

    cable = index(left, "The Quad is committed to improving the region’s")
    entry = entry_with(result, left=cable)
    assert entry.right == [
        index(right, "Through the Quad Partnership for Cable Connectivity"),
        index(right, "Investments in cable projects by Quad partners"),
    ]
    assert (entry.op.value, entry.rewritten) == ("split", True)


def test_a_split_grows_by_the_leftover_paragraphs_that_read_as_its_source() -> None:
    # GWR 2013 → 2018: 2013's one paragraph on the market economy (公有制, 非公有制, 财税, 金融)
    # is four of 2018's paragraphs. The fiscal and financial ones pair first; the private-firm
    # and property-rights ones are left over beside them, and each reads as 2013's paragraph
    # more than as anything else 2013 says.
    left, right, result = real_pair("gwr-2013.txt", "gwr-2018.txt")
    entry = entry_with(result, left=index(left, "要进一步完善社会主义市场经济体制"))
    assert (entry.op.value, entry.rewritten) == ("split", True)
    assert entry.right == [
        index(right, "支持民营企业发展"),
        index(right, "完善产权制度和要素市场化配置机制"),
        index(right, "深化财税体制改革"),
        index(right, "加快金融体制改革"),
    ]


def test_a_new_bullet_beside_a_rewritten_closing_stays_added() -> None:
    # Ecuador → Guatemala: the closing paragraph's rewrite stands after a new bullet on
    # government procurement; a bullet is no part of a plain paragraph, however the topics fall.
    _, right, result = real_pair("framework-ecuador.md", "framework-guatemala.md")

    procurement = index(right, "Guatemala has committed to take steps to restrict access")
    assert entry_with(result, right=procurement).op.value == "added"


def test_a_communiques_mistyped_paragraph_numbers_are_still_its_numbers() -> None:
    # The G7's 2023 communiqué as published numbers two paragraphs "11, We are determined…" and
    # "24.We welcome…"; a reader sees paragraphs 11 and 24, and a wrapped "1.5 °C" is no number.
    text = (
        "10. We will act.\n\n11, We are determined to lead.\n\n12. We reaffirm the goal of\n"
        "1.5 °C within reach.\n\n23. We commit.\n\n24.We welcome the framework.\n"
    )
    doc = diffsvc.normalize(text)
    assert [(c.label, c.text) for c in doc.clauses] == [
        ("10.", "We will act."),
        ("11,", "We are determined to lead."),
        ("12.", "We reaffirm the goal of 1.5 °C within reach."),
        ("23.", "We commit."),
        ("24.", "We welcome the framework."),
    ]


def test_a_plan_does_not_pair_with_the_record_of_a_section_paired_elsewhere() -> None:
    # GWR 2022 → 2023: 2023's five-year review repeats 2022's task leads word for word
    # (促进多种所有制经济共同发展。…), but 2022's task section is 2023's "对今年政府工作的建议":
    # a plan is not the record of what was done, however many words they share.
    left, right, result = real_pair("gwr-2022.txt", "gwr-2023.txt")

    plan = index(left, "促进多种所有制经济共同发展")
    record = index(right, "促进多种所有制经济共同发展")
    assert record not in entry_with(result, left=plan).right
    # The reviews still pair with each other, headings first.
    review = entry_with(result, left=index(left, "2021年工作回顾"))
    assert review.right == [index(right, "过去一年和五年工作回顾")]
    # 2022's tasks are 2023's suggestions for the year: their headings pair, renumbered.
    tasks = index(left, "2022年政府工作任务")
    heading = entry_with(result, left=tasks)
    assert heading.right == [index(right, "对今年政府工作的建议")]
    # Nothing of 2022's task section pairs into 2023's review on a rewrite's evidence.
    in_tasks = {c.index for c in left.clauses if _under(left, c.index, tasks)}
    review_r = index(right, "过去一年和五年工作回顾")
    for e in result.alignment:
        if set(e.left) & in_tasks and e.similarity < 0.8:
            assert not any(_under(right, j, review_r) for j in e.right), e


def _under(doc: Document, k: int, head: int) -> bool:
    """Whether clause ``k`` of ``doc`` is ``head`` or nested under it."""
    at: int | None = k
    while at is not None and at != head:
        at = doc.clauses[at].parent
    return at == head


def section_and_entry(
    pair: tuple[Document, Document, Comparison], heading: str, into: str
) -> tuple[Entry, list[int]]:
    """The entry of the earlier section whose heading opens with ``heading``, once it is
    checked to pair with the later clause opening with ``into``, and the section's clauses."""
    left, right, result = pair
    head = index(left, heading)
    entry = entry_with(result, left=head)
    assert entry.right == [index(right, into)]
    return entry, [c.index for c in left.clauses if _under(left, c.index, head)]


def test_a_reports_last_section_keeps_its_paragraphs_up_to_the_closing() -> None:
    # GWR 2022's last task section, （九）切实保障和改善民生…, has seven paragraphs under it, as
    # the sections before it have theirs; the closing starts at "各位代表！".
    doc = diffsvc.load((DOCS / "gwr-2022.txt").read_bytes(), "gwr-2022.txt")
    section = index(doc, "切实保障和改善民生，加强和创新社会治理")
    education = doc.clauses[index(doc, "促进教育公平与质量提升")]
    assert (education.kind.value, education.parent) == ("paragraph", section)
    last = doc.clauses[index(doc, "推进社会治理共建共治共享")]
    assert last.parent == section
    turn = doc.clauses[last.index + 1]
    assert (turn.text, turn.kind.value, turn.parent) == ("各位代表！", "closing", None)


def test_an_agreements_last_article_is_the_parent_of_its_paragraph() -> None:
    text = (
        "Article 1\nScope\nThe Parties shall cooperate.\n\n"
        "Article 2\nEntry into Force\nThis Agreement shall enter into force on signature.\n"
    )
    doc = diffsvc.normalize(text)
    last = doc.clauses[-1]
    assert last.text.startswith("This Agreement shall enter into force")
    assert (last.kind.value, last.parent) == ("paragraph", index(doc, "Entry into Force"))


def test_a_repeated_salutation_never_cuts_a_review_from_its_counterpart() -> None:
    # GWR 2022 → 2023: paired early, 2022's "各位代表！" after its review stood against the one
    # inside 2023's review and cut 2022's review items off from 2023's; they were all removed.
    left, right, result = real_pair("gwr-2022.txt", "gwr-2023.txt")

    first = next(
        e for e in result.alignment if index(left, "一是保持宏观政策连续性针对性") in e.left
    )
    assert first.right == [index(right, "创新宏观调控，保持经济运行在合理区间")]
    assert (first.op.value, first.rewritten) == ("modified", True)
    sixth = entry_with(result, left=index(left, "六是加强生态环境保护"))
    assert sixth.right == [index(right, "加强生态环境保护，促进绿色低碳发展")]
    # The closing pairs with nothing inside a section on a rewrite's evidence.
    closing = index(left, "面对新的形势和任务，各级政府")
    review = index(right, "过去一年和五年工作回顾")
    entry = entry_with(result, left=closing)
    assert not any(_under(right, j, review) for j in entry.right)


def test_a_section_condensed_into_one_paragraph_is_a_merge_of_the_whole_section() -> None:
    # GWR 2022 → 2023: 2023's suggestions condense each of 2022's task sections, heading and
    # paragraphs, into one numbered paragraph: （九）切实保障和改善民生… and its seven paragraphs
    # are 2023's （八）保障基本民生和发展社会事业。….
    entry, section = section_and_entry(
        real_pair("gwr-2022.txt", "gwr-2023.txt"),
        "切实保障和改善民生，加强和创新社会治理",
        "保障基本民生和发展社会事业",
    )
    assert entry.left == section
    assert (entry.op.value, entry.rewritten) == ("merged", True)


def test_a_section_merged_whole_leaves_out_a_paragraph_its_counterpart_says_nothing_of() -> None:
    # GWR 2022 → 2023: 2023 condenses 2022's opening-up section, "（七）扩大高水平对外开放…" and
    # its paragraphs, into "（四）更大力度吸引和利用外资。…", which says nothing of "高质量共建
    # “一带一路”": that paragraph stays removed, the rest merge.
    pair = real_pair("gwr-2022.txt", "gwr-2023.txt")
    entry, section = section_and_entry(
        pair, "扩大高水平对外开放，推动外贸外资平稳发展", "更大力度吸引和利用外资"
    )
    belt = index(pair[0], "高质量共建“一带一路”")
    assert entry.left == [k for k in section if k != belt]
    assert entry_with(pair[2], left=belt).op.value == "removed"


def test_a_summary_paragraph_does_not_blur_which_item_a_section_was_condensed_into() -> None:
    # GWR 2021 → 2023: 2021's "（三）依靠创新推动实体经济高质量发展…" and its four paragraphs are
    # 2023's "（二）加快建设现代化产业体系。…". 2023's plan opens with a paragraph that touches
    # every task ("要坚持稳字当头…"); it is no item, and does not make the match less clear.
    entry, section = section_and_entry(
        real_pair("gwr-2021.txt", "gwr-2023.txt"),
        "依靠创新推动实体经济高质量发展",
        "加快建设现代化产业体系",
    )
    assert (entry.left, entry.op.value) == (section, "merged")


def test_a_counted_review_item_and_its_paragraphs_merge_into_the_next_years_one() -> None:
    # GWR 2015 → 2016: 2015 reviews its fourth task (四是织密织牢民生保障网…) in a lead paragraph
    # and four more (jobs, education, health, culture); 2016 says it all in one, its fifth.
    left, right, result = real_pair("gwr-2015.txt", "gwr-2016.txt")

    fourth = index(left, "四是织密织牢民生保障网")
    entry = entry_with(result, left=fourth)
    assert entry.right == [index(right, "五是紧扣增进民生福祉")]
    assert entry.left == list(range(fourth, fourth + 5))
    assert left.clauses[fourth + 4].text.startswith("积极发展文化事业和文化产业")


def test_links_a_scraped_page_set_on_lines_of_their_own_stay_in_their_sentence() -> None:
    # GWR 2017 as scraped from Wikisource: each linked term on a line of its own, the bullet's
    # dash on one too ("——" / "改革开放" / "深入推进。…"). A reader sees one sentence each.
    doc = diffsvc.load((DOCS / "gwr-2017.txt").read_bytes(), "gwr-2017.txt")
    texts = [c.text for c in doc.clauses]
    assert any(t.startswith("党的十八届六中全会正式明确习近平总书记的核心地位，") for t in texts)
    assert any(t.startswith("——改革开放深入推进。重要领域") for t in texts)
    assert any(
        t.startswith("——基础设施支撑能力持续提升。") and t.endswith("农村公路29万公里。")
        for t in texts
    )
    # A title stands apart from the dateline under it, and a heading from its first paragraph.
    assert texts[:3] == [
        "政府工作报告",
        "——2017年3月5日在第十二届全国人民代表大会第五次会议上",
        "国务院总理李克强",
    ]
    assert texts[5] == "2016年工作回顾"
    # However short the words before the link: the 2017 resolution's licence notice.
    notice = diffsvc.load((DOCS / "npc-2017.txt").read_bytes(), "npc-2017.txt").clauses[2]
    assert notice.text == (
        "本作品来自中华人民共和国法律。依据《中华人民共和国著作权法》第五条，"
        "本作品不适用于该法，所以属于公有领域。"
    )


def test_numbered_headings_whose_paragraphs_pair_pair_and_a_folded_opening_splits() -> None:
    # GWR 2018 → 2019: "（三）加快建设创新型国家。把握…" holds its section's heading and opening
    # words in one paragraph; 2019 sets "（三）坚持创新引领发展，培育壮大新动能。" over an opening
    # paragraph of its own. They share few words, but the paragraphs under them pair.
    left, right, result = real_pair("gwr-2018.txt", "gwr-2019.txt")

    entry = entry_with(result, left=index(left, "加快建设创新型国家"))
    assert entry.right == [
        index(right, "坚持创新引领发展，培育壮大新动能"),
        index(right, "发挥我国人力人才资源丰富"),
    ]
    assert (entry.op.value, entry.rewritten) == ("split", True)


def test_a_review_section_merges_whole_into_the_next_reviews_counted_item() -> None:
    # GWR 2012 → 2013: the five-year review says 2012's review section "（四）切实保障和改善民生…"
    # and its paragraphs in one counted item, "五是…着力保障和改善民生".
    left, right, result = real_pair("gwr-2012.txt", "gwr-2013.txt")

    section = index(left, "切实保障和改善民生，解决关系群众切身利益的问题")
    entry = entry_with(result, left=section)
    assert entry.right == [index(right, "五是坚持把人民利益放在第一位")]
    assert {section, *[c.index for c in left.clauses if _under(left, c.index, section)]} <= set(
        entry.left
    )
    assert entry.op.value == "merged"


def test_report_sections_numbered_alike_between_paired_ones_pair_in_order() -> None:
    # GWR 2013 → 2014: "二、今年经济社会发展的总体要求…" and "二、2014年工作总体部署", "三、对今年
    # 政府工作的建议" and "三、2014年重点工作" share few words but stand in the same places, and
    # their bodies read as each other: the headings pair, and so do the lead-ins to the tasks.
    left, right, result = real_pair("gwr-2013.txt", "gwr-2014.txt")

    def partner(opening: str) -> list[int]:
        return next(e.right for e in result.alignment if index(left, opening) in e.left)

    assert partner("今年经济社会发展的总体要求、主要预期目标") == [
        index(right, "2014年工作总体部署")
    ]
    assert partner("对今年政府工作的建议") == [index(right, "2014年重点工作")]
    assert partner("结合过去十年特别是近五年工作的体会") == [
        index(right, "做好今年政府工作，要以深化改革为强大动力")
    ]


def test_a_paragraph_grown_into_a_whole_section_splits_into_its_paragraphs() -> None:
    # GWR 2013 → 2014: 2013 says opening-up in one paragraph under "（四）…深入推进改革开放";
    # 2014 gives it a section of its own, "（二）开创高水平对外开放新局面", and five paragraphs.
    # The paragraphs are the old one's parts; the new heading is new.
    left, right, result = real_pair("gwr-2013.txt", "gwr-2014.txt")

    heading = index(right, "开创高水平对外开放新局面")
    entry = entry_with(result, left=index(left, "国内外形势的深刻变化，对我国开放型经济发展"))
    body = [
        c.index for c in right.clauses if c.index != heading and _under(right, c.index, heading)
    ]
    assert entry.right == body and len(body) == 5
    assert (entry.op.value, entry.rewritten) == ("split", True)
    assert entry_with(result, right=heading).op.value == "added"


def test_a_last_section_that_became_the_closing_pairs_across_the_seam() -> None:
    # GWR 2017 → 2018: 2017's last task section, "（九）全面加强政府自身建设", is in 2018 the
    # closing's paragraphs on the government itself, after the last task section. The two
    # reports' seams between their task sections and closings fall in different places.
    assert_modified(
        real_pair("gwr-2017.txt", "gwr-2018.txt"),
        ("坚持依法全面履职", "全面推进依宪施政、依法行政"),
        ("始终保持廉洁本色", "全面加强党风廉政建设"),
        ("勤勉尽责干事创业", "全面提高政府效能"),
    )


def test_a_section_heading_pairs_with_a_sentence_heading_of_another_numbering() -> None:
    # GWR 2015 → 2016: 2015's "六、切实加强政府自身建设" is a heading line of a top-level section;
    # 2016 puts it under its tasks as "（八）加强政府自身建设，提高施政能力和服务水平。", a heading
    # written as a sentence. Both head their sections' paragraphs.
    assert_modified(
        real_pair("gwr-2015.txt", "gwr-2016.txt"),
        ("切实加强政府自身建设", "加强政府自身建设，提高施政能力和服务水平"),
        ("持续推进民生改善和社会建设", "切实保障改善民生，加强社会建设"),
    )


def test_headings_of_two_numberings_pair_by_their_paragraphs() -> None:
    # GWR 2014 → 2015: 2014's task "（三）增强内需拉动经济的主引擎作用。" is 2015's top-level part
    # "四、协调推动经济稳定增长和结构优化": numbered differently, few words shared, but most of the
    # paragraphs under one pair with paragraphs under the other. 2015's is a bare heading with
    # no opening words of its section in it, so the paragraph under 2014's does not join it.
    left, right, result = real_pair("gwr-2014.txt", "gwr-2015.txt")

    entry = entry_with(result, left=index(left, "增强内需拉动经济的主引擎作用"))
    assert (entry.op.value, entry.right) == (
        "modified",
        [index(right, "协调推动经济稳定增长和结构优化")],
    )


def test_the_years_work_of_two_reports_pairs_and_keeps_its_plans_from_the_review() -> None:
    # GWR 2021 → 2023: "三、2021年重点工作" and "二、对今年政府工作的建议" share no heading words
    # to speak of, and 2023 has no section where 2021 sets out its five-year plan. Both set out
    # the year's work: 2021's plans ("积极有效利用外资。…") are no part of 2023's five-year
    # review, though its lines open with the same words.
    left, right, result = real_pair("gwr-2021.txt", "gwr-2023.txt")

    heading = entry_with(result, left=index(left, "2021年重点工作"))
    assert heading.right == [index(right, "对今年政府工作的建议")]
    review = index(right, "过去一年和五年工作回顾")
    plan = entry_with(result, left=index(left, "积极有效利用外资"))
    assert plan.right == [index(right, "更大力度吸引和利用外资")]
    assert not any(_under(right, j, review) for j in plan.right)


def test_a_five_year_plan_part_is_no_paragraph_that_grew_into_a_section() -> None:
    # GWR 2016 → 2018: 2016's part "二、“十三五”时期主要目标任务和重大举措" stands where 2018 sets
    # its year's requirements. Its paragraphs are not the parts of 2018's one paragraph "做好今年
    # 工作，要注重以下几点" there: a whole part is no section grown from a paragraph.
    left, right, result = real_pair("gwr-2016.txt", "gwr-2018.txt")

    plan = entry_with(result, left=index(left, "根据《中共中央关于制定国民经济和社会发展"))
    assert index(right, "做好今年工作，要") not in plan.right


def test_the_lead_in_to_two_task_lists_pairs_by_its_place() -> None:
    # GWR 2022 → 2023: the paragraph right before each report's （一） leads into its tasks,
    # however differently worded.
    left, right, result = real_pair("gwr-2022.txt", "gwr-2023.txt")

    entry = next(
        e for e in result.alignment if index(left, "今年经济社会发展任务重、挑战多") in e.left
    )
    assert entry.right == [index(right, "今年是政府换届之年")]


def test_a_communiques_sections_pair_by_their_bodies_whatever_their_capitals() -> None:
    # G7 2021 → 2023: the paragraphs under "FREE AND FAIR TRADE" are that heading's, and the
    # section is 2023's "Trade" (its words in capitals, its body the same topic): 2021's
    # paragraph 30 on the WTO and its bullets are said in 2023's one trade paragraph.
    left, right, result = real_pair("g7-2021.md", "g7-2023.md")

    trade = next(c.index for c in left.clauses if c.text == "FREE AND FAIR TRADE")
    effort = index(left, "We will provide the sustained effort and momentum")
    assert left.clauses[effort].parent == trade
    entry = entry_with(result, left=effort)
    assert entry.right == [index(right, "We stand united in our commitment to free and fair")]
    assert {effort, index(left, "modernisation of the global trade rulebook")} <= set(entry.left)


def test_a_section_moved_under_the_same_heading_pairs_with_it() -> None:
    # G7 2021 opens with "HEALTH"; 2024 sets "Health" near its end, and its body reads a shade
    # less like 2021's than 2024's long climate section does. The one heading, moved, is the
    # one section: it pairs, and so do "GENDER EQUALITY" and "CONCLUSION" with theirs.
    left, right, result = real_pair("g7-2021.md", "g7-2024.md")

    for old, new in (("HEALTH", "Health"), ("GENDER EQUALITY", "Gender Equality")):
        heading = next(c.index for c in left.clauses if c.text == old)
        entry = entry_with(result, left=heading)
        assert [right.clauses[j].text for j in entry.right] == [new]
    closing = next(c.index for c in left.clauses if c.text == "CONCLUSION")
    assert [right.clauses[j].text for j in entry_with(result, left=closing).right] == [
        "Conclusions"
    ]


def test_a_heading_that_ends_in_an_abbreviation_is_no_paragraphs_counterpart() -> None:
    # Quad 2024's heading "Humanitarian Assistance and Disaster Relief (HADR)" ends with a
    # bracket, not a sentence: 2022's paragraph on delivering disaster relief is no part of it.
    left, right, result = real_pair("quad-2022.md", "quad-2024.md")

    heading = index(right, "Humanitarian Assistance and Disaster Relief (HADR)")
    entry = entry_with(result, right=heading)
    assert index(left, "Delivering on our commitment following our virtual") not in entry.left


def test_paragraphs_pair_in_the_stretches_the_last_pairs_cut() -> None:
    # Quad 2021 → 2022: the Quad Vaccine Partnership paragraphs pair late, and only then does
    # 2021's next paragraph, on the vaccines delivered, stand in a stretch of its own with
    # 2022's COVID-19 response paragraph, its counterpart.
    assert_modified(
        real_pair("quad-2021.md", "quad-2022.md"),
        ("We have accomplished much to date", "We will continue to address both the COVID-19"),
    )


def test_a_five_year_plan_goal_in_a_dash_list_is_no_task_paragraphs_counterpart() -> None:
    # GWR 2014 → 2016: 2014's urbanisation paragraphs are 2016's task "深入推进新型城镇化",
    # not the goal "——推进新型城镇化和农业现代化…" in 2016's list of five-year-plan goals, which
    # shares more of their words. A dash list's item is no paragraph of a task section.
    left, right, result = real_pair("gwr-2014.txt", "gwr-2016.txt")

    entry = entry_with(result, left=index(left, "城镇化是现代化的必由之路，是破除城乡二元"))
    assert entry.right == [index(right, "深入推进新型城镇化。")]
    assert entry.left == [
        index(left, opening)
        for opening in (
            "城镇化是现代化的必由之路，是破除城乡二元",
            "有序推进农业转移人口市民化",
            "加大对中西部地区新型城镇化的支持",
            "加强城镇化管理创新和机制建设",
        )
    ]
    goal = entry_with(result, right=index(right, "——推进新型城镇化和农业现代化"))
    assert goal.op.value == "added"


def test_a_review_line_pairs_with_the_review_however_alike_a_plan_heading_reads() -> None:
    # GWR 2017 → 2019: 2017's review item "一是继续创新和加强宏观调控，经济运行保持在合理区间。"
    # reads 80% like 2019's plan heading "（一）继续创新和完善宏观调控…", but the review and the
    # plan are paired parts of the reports: it is 2019's review item "一是创新和完善宏观调控…",
    # with the paragraph under it, and the plan heading is new.
    left, right, result = real_pair("gwr-2017.txt", "gwr-2019.txt")

    item = index(left, "一是继续创新和加强宏观调控")
    entry = entry_with(result, left=item)
    assert (entry.left, entry.right) == ([item, item + 1], [index(right, "一是创新和完善宏观调控")])
    plan = entry_with(result, right=index(right, "继续创新和完善宏观调控，确保经济运行"))
    assert plan.op.value == "added"


def test_a_heading_paired_by_its_role_that_only_changed_case_is_editorial_not_rewritten() -> None:
    # G7 2021's "HEALTH" and 2024's "Health" pair by their sections; the words are the same,
    # so the entry is an editorial change and carries no "rewritten" mark beside it.
    left, right, result = real_pair("g7-2021.md", "g7-2024.md")

    entry = entry_with(result, left=next(c.index for c in left.clauses if c.text == "HEALTH"))
    assert [right.clauses[j].text for j in entry.right] == ["Health"]
    assert (entry.op.value, entry.editorial, entry.rewritten) == ("modified", True, False)


def test_a_review_paragraph_never_pairs_with_a_plan_in_a_section_left_unpaired() -> None:
    # GWR 2015 → 2017: 2015 sets its year's work out in four sections of its own, none of which
    # pairs with 2017's one "2017年重点工作任务". 2015's review of its culture work, "积极发展
    # 文化事业和文化产业。…", opens like 2017's culture task "发展文化事业和文化产业。…", but a
    # record of last year is no task of this one; the task pairs with 2015's culture task.
    left, right, result = real_pair("gwr-2015.txt", "gwr-2017.txt")

    task = index(right, "发展文化事业和文化产业")
    assert index(left, "积极发展文化事业和文化产业") not in entry_with(result, right=task).left
    assert entry_with(result, right=task).left == [
        index(left, "让人民群众享有更多更好文化发展成果")
    ]


def test_a_reports_tasks_set_out_in_sections_named_by_topic_are_no_review() -> None:
    # GWR 2015 → 2016: 2015 sets its year's work out in four sections named by their topics
    # ("把改革开放扎实推向纵深"), after its year's requirements. They are plans: the review's
    # paragraphs on the same work no longer stand as rivals, and the tasks pair with 2016's.
    left, right, result = real_pair("gwr-2015.txt", "gwr-2016.txt")
    for old, new in (
        ("加大简政放权、放管结合改革力度", "推动简政放权、放管结合、优化服务改革向纵深发展"),
        ("加强社会保障和增加居民收入", "织密织牢社会保障安全网"),
    ):
        assert entry_with(result, left=index(left, old)).right == [index(right, new)]


def test_a_repeated_salutation_pairs_with_the_one_before_the_same_part() -> None:
    # GWR 2018 → 2021: each report addresses its deputies (各位代表！) before its closing parts.
    # 2018 has one before its defence part that 2021 lacks there, so in order the salutations
    # shift by one; each pairs with the one before the part its own passage pairs with.
    left, right, result = real_pair("gwr-2018.txt", "gwr-2021.txt")

    def salutation_before(doc: Document, opening: str) -> int:
        at = index(doc, opening) - 1
        assert doc.clauses[at].text == "各位代表！"
        return at

    for old, new in (
        ("进入新时代，政府工作在新的一年要有新气象新作为", "面对新的任务和挑战，各级政府要"),
        ("中华民族是一个和睦相处、团结温暖的大家庭", "我们要坚持和完善民族区域自治制度"),
    ):
        before = salutation_before(left, old)
        assert entry_with(result, left=before).right == [salutation_before(right, new)]


def test_a_five_year_plan_part_is_not_the_years_requirements_in_its_place() -> None:
    # GWR 2016 → 2019: 2016's second part sets out the 13th five-year plan, 2019's its year's
    # requirements; both stand between the review and the year's work, numbered 二、. Most
    # readers keep them apart: a five-year plan is not one year's requirements.
    left, right, result = real_pair("gwr-2016.txt", "gwr-2019.txt")

    plan = entry_with(result, left=index(left, "“十三五”时期主要目标任务和重大举措"))
    assert plan.op.value == "removed"
    year = entry_with(result, right=index(right, "2019年经济社会发展总体要求和政策取向"))
    assert year.op.value == "added"


def test_a_part_that_says_what_it_is_does_not_pair_with_a_task_heading_by_its_paragraphs() -> None:
    # GWR 2016 → 2018: 2016's task "（一）稳定和完善宏观经济政策…" holds its targets, fiscal and
    # monetary paragraphs, which 2018 sets in its part "二、2018年经济社会发展总体要求和政策取向".
    # The paragraphs pair; the part heading, which says it is the year's requirements, is no
    # task heading of the other numbering.
    left, right, result = real_pair("gwr-2016.txt", "gwr-2018.txt")

    part = entry_with(result, right=index(right, "2018年经济社会发展总体要求和政策取向"))
    assert index(left, "稳定和完善宏观经济政策") not in part.left


def test_the_only_paragraph_left_between_paired_neighbours_pairs_on_little_shared() -> None:
    # GWR 2014 → 2015: between two paired review paragraphs each report has one left, on farming
    # ("巩固和加强农业基础。…", "不断巩固农业基础。…"). They share little beyond that, but the
    # place says the rest: a reader pairs them.
    assert_modified(
        real_pair("gwr-2014.txt", "gwr-2015.txt"), ("巩固和加强农业基础", "不断巩固农业基础")
    )


def test_a_section_heading_pairs_with_a_heading_where_the_other_report_heads_its_tasks() -> None:
    # GWR 2019 → 2021: both set each task under a numbered heading. 2019's "（九）推动全方位对外
    # 开放…" shares more words with 2021's first paragraph under its opening-up heading
    # ("实施更大范围、更宽领域、更深层次对外开放…") than with the heading itself; a reader pairs
    # heading with heading, and that paragraph with 2019's first paragraph under its own.
    assert_modified(
        real_pair("gwr-2019.txt", "gwr-2021.txt"),
        ("推动全方位对外开放", "实行高水平对外开放"),
        ("进一步拓展开放领域", "实施更大范围、更宽领域"),
    )


def test_a_task_section_moved_and_rewritten_pairs_with_its_paragraphs_as_one_move() -> None:
    # GWR 2014 → 2016: 2014's second task "（二）开创高水平对外开放新局面" and its paragraphs are
    # 2016's fifth, "（五）推进新一轮高水平对外开放…", rewritten. Read whole, each section reads as
    # the other more than as any other; its heading and opening paragraph pair, and the summary
    # says the section moved, not the part holding it.
    pair = real_pair("gwr-2014.txt", "gwr-2016.txt")
    assert_modified(
        pair,
        ("开创高水平对外开放新局面", "推进新一轮高水平对外开放"),
        ("开放与改革相伴而生", "面对国际经济合作和竞争格局的深刻变化"),
    )
    moves = pair[2].summary.section_moves
    assert any(move.startswith("（二） moved to （五）") for move in moves)
    assert not any(move.startswith("三、") for move in moves)


def test_two_parts_that_say_what_they_are_pair_by_what_they_say_not_their_words() -> None:
    # GWR 2015 → 2018: "2015年工作总体部署" shares more words with 2018's "对2018年政府工作的
    # 建议" than with "2018年经济社会发展总体要求和政策取向", but both it and the latter set
    # out the year's general requirements; the former is the year's work.
    assert_modified(
        real_pair("gwr-2015.txt", "gwr-2018.txt"),
        ("2015年工作总体部署", "2018年经济社会发展总体要求和政策取向"),
    )


def test_a_figure_of_another_order_is_not_the_one_a_rewrite_dropped() -> None:
    # GWR 2019 → 2022, the employment paragraph: 2019's "今年大规模扩招100万人" (new places in
    # vocational colleges) and 2022's "今年高校毕业生超过1000万人" are each the only 万人 left
    # over in their stretches, but ten times apart they are two figures, not one changed.
    left, _, result = real_pair("gwr-2019.txt", "gwr-2022.txt")
    entry = entry_with(result, left=index(left, "多管齐下稳定和扩大就业"))
    notes = [c.note for c in entry.changes]
    assert "今年大规模扩招 100万人 dropped" in notes
    assert not any("100 → 1000万人" in note for note in notes)


def test_a_rewritten_task_moved_inside_the_years_work_pairs_with_its_counterpart() -> None:
    # GWR 2019 → 2022: 2022 regroups the year's tasks, and its tax and business-cost paragraphs
    # stand in another task section than 2019's. Each pair shares little wording, but each
    # paragraph reads as its counterpart clearly more than as anything else in either report,
    # and both stand in the two reports' parts on the year's work.
    left, _, result = pair = real_pair("gwr-2019.txt", "gwr-2022.txt")
    assert_modified(
        pair,
        ("实施更大规模的减税", "实施新的组合式税费支持政策"),
        ("以改革推动降低涉企收费", "推动降低企业生产经营成本"),
    )
    assert entry_with(result, left=index(left, "实施更大规模的减税")).moved


def test_a_heading_that_holds_its_opening_words_splits_into_heading_and_opening() -> None:
    # GWR 2018 → 2022: 2018 writes its task "（二）加快建设创新型国家。把握世界新一轮科技革命…"
    # as one paragraph, heading and opening words; 2022 sets its "（四）深入实施创新驱动发展
    # 战略…" over an opening paragraph of its own. The two headings pair, and the opening
    # paragraph is the second part of a split rather than an addition.
    left, right, result = real_pair("gwr-2018.txt", "gwr-2022.txt")
    entry = entry_with(result, left=index(left, "加快建设创新型国家"))
    assert entry.op.value == "split"
    assert entry.right == [
        index(right, "深入实施创新驱动发展战略，巩固壮大实体经济根基"),
        index(right, "推进科技创新，促进产业优化升级"),
    ]


def test_a_task_rewritten_across_parts_divided_differently_pairs_with_its_counterpart() -> None:
    # GWR 2012 → 2015: 2012 sets its year's work in one part of nine sections, 2015 in four
    # parts named by topic, and no part pairs with another. A trade or outward-investment
    # paragraph still reads as its 2015 counterpart clearly more than as anything else.
    assert_modified(
        real_pair("gwr-2012.txt", "gwr-2015.txt"),
        ("稳定劳动密集型产品出口", "推动外贸转型升级"),
        ("实施“走出去”战略", "加快实施走出去战略"),
    )


def test_two_templated_frameworks_pair_their_labour_and_deals_paragraphs() -> None:
    # US–Bangladesh → US–North Macedonia: every bullet of a framework shares "The United States
    # and … commit to" with every other, so what unrelated bullets share sits high; the labour
    # bullets, and the closing notes on commercial deals, are still each other's clear best.
    assert_modified(
        real_pair("framework-bangladesh.md", "framework-north-macedonia.md"),
        (
            "Bangladesh commits to protect internationally recognized labor rights",
            "The United States and North Macedonia will engage to address labor issues",
        ),
        (
            "Finally, the United States and Bangladesh take note",
            "The United States and North Macedonia note their intention to facilitate",
        ),
    )


def test_two_rewritten_paragraphs_at_one_place_pair_on_a_narrow_lead() -> None:
    # GWR 2015 → 2016: 2015's investment task and 2016's stand as far into their reports and
    # read as each other more than as anything else, though only a little more: the place says
    # the rest, as it does for a reader holding the two side by side.
    assert_modified(
        real_pair("gwr-2015.txt", "gwr-2016.txt"),
        ("增加公共产品有效投资", "发挥有效投资对稳增长调结构的关键作用"),
        ("今年粮食产量要稳定在5.5亿吨以上", "强化农业基础支撑"),
    )


def test_a_statement_without_parts_pairs_the_few_paragraphs_left_in_their_places() -> None:
    # FOMC December 1999 → December 2000: after the decision, each statement has two
    # paragraphs, the outlook and the balance of risks, rewritten as the economy turned. They
    # share few words, but they are what is left in their places, as a reader (and a line
    # diff) pairs them.
    *_, result = real_pair("fomc-19991221.txt", "fomc-20001219.txt")
    assert [(e.op.value, e.left, e.right) for e in result.alignment] == [
        ("modified", [0], [0]),
        ("modified", [1], [1]),
        ("modified", [2], [2]),
    ]


def test_a_counted_items_lead_line_joins_its_detail_in_the_next_years_numbered_item() -> None:
    """2017 counts its review items (三是…) on a line of their own over the detail; 2018 numbers
    them （四）… and writes lead and detail as one paragraph. The lead line is the merge's first
    part, however differently the two count."""
    left, right, result = real_pair("gwr-2017.txt", "gwr-2018.txt")
    for lead_line, detail, item in (
        ("三是大力深化改革开放", "全面深化改革，推出一批", "坚持全面深化改革，着力破除"),
        ("八是推进政府建设和治理创新", "国务院提请全国人大常委会审议", "坚持依法全面履行政府职能"),
    ):
        entry = entry_with(result, right=index(right, item))
        assert (entry.op.value, entry.left, entry.right) == (
            "merged",
            [index(left, lead_line), index(left, detail)],
            [index(right, item)],
        )


def test_a_deadline_pairs_only_with_a_deadline() -> None:
    # G7 2023 → 2024: "the 2023 World Bank Group/IMF Annual Meetings" names a meeting; 2024's
    # "by the end of 2024" is a deadline. G7 2021 → 2024: "2021 should be a turning point" is
    # no "critical decade … by 2035". Each is dropped or added, not moved to the other year.
    for old, new in (("g7-2023.md", "g7-2024.md"), ("g7-2021.md", "g7-2024.md")):
        result = diffsvc.compare(
            diffsvc.load((DOCS / old).read_bytes(), old),
            diffsvc.load((DOCS / new).read_bytes(), new),
        )
        notes = [c.note for e in result.alignment for c in e.changes if c.kind == "number"]
        assert "it for pilot countries by the end of 2024 added" in notes
        assert "it for pilot countries by the end 2023 → 2024" not in notes
        assert "critical decade 2021 → 2035" not in notes


def test_a_year_in_a_name_pairs_only_with_a_year_in_a_name() -> None:
    # G7 2021 → 2023: 2023's "revisit and strengthen the 2030 NDC targets" names targets, not
    # the "2021 should be a turning point" of 2021 moved on. Quad 2022 → 2023: "UNSC Resolution
    # 2593 (2021)" is no Foreign Ministers' Meeting moved to March 2023.
    for old, new, wrong in (
        ("g7-2021.md", "g7-2023.md", "revisit and strengthen 2021 → 2030"),
        ("quad-2022.md", "quad-2023.md", "Ministers’ Meeting 2021 → March 2023"),
    ):
        result = diffsvc.compare(
            diffsvc.load((DOCS / old).read_bytes(), old),
            diffsvc.load((DOCS / new).read_bytes(), new),
        )
        notes = [c.note for e in result.alignment for c in e.changes if c.kind == "number"]
        assert not [n for n in notes if wrong in n]
        assert [n for n in notes if n.endswith("2021 dropped")]


def test_a_name_said_by_its_number_is_the_name() -> None:
    # Quad 2021 → 2022: 2021's "in accordance with UNSCR 2593" (a number after an acronym) and
    # 2022's "UNSC Resolution 2593" (a reference) are one resolution, not one dropped and
    # another added.
    result = diffsvc.compare(
        diffsvc.load((DOCS / "quad-2021.md").read_bytes(), "quad-2021.md"),
        diffsvc.load((DOCS / "quad-2022.md").read_bytes(), "quad-2022.md"),
    )
    texts = (result.left.clauses, result.right.clauses)
    both = [
        e
        for e in result.alignment
        if any("UNSCR 2593" in texts[0][i].text for i in e.left)
        and any("Resolution 2593" in texts[1][j].text for j in e.right)
    ]
    assert both, "the two Afghanistan paragraphs pair"
    assert not [c.note for e in both for c in e.changes if "2593" in c.note]


def test_a_figure_a_paragraph_dropped_that_the_report_still_says_says_where() -> None:
    # GWR 2021 → 2022: the investment paragraphs pair, and 2021's "今年拟安排地方政府专项债券
    # 3.65万亿元" is gone from 2022's; 2022 says it, in the same words, in a new paragraph on
    # government investment. "3.65万亿元 dropped" alone reads as a cut of the special bonds.
    result = diffsvc.compare(
        diffsvc.load((DOCS / "gwr-2021.txt").read_bytes(), "gwr-2021.txt"),
        diffsvc.load((DOCS / "gwr-2022.txt").read_bytes(), "gwr-2022.txt"),
    )
    found = [
        (e, c)
        for e in result.alignment
        for c in e.changes
        if c.kind == "number" and c.left == "3.65万亿元" and c.right is None
    ]
    assert len(found) == 1
    entry, change = found[0]
    k = change.said_in
    assert k is not None and k not in entry.right
    assert "今年拟安排地方政府专项债券3.65万亿元" in result.right.clauses[k].text
    assert change.note.endswith(f"dropped (said in ¶ {k + 1} of the later version)")
    # A figure said again only in words any paragraph says ("过去一年") points nowhere: GWR
    # 2014 → 2019 drops a "过去一年" that 2019 says in several paragraphs of its own.
    result = diffsvc.compare(
        diffsvc.load((DOCS / "gwr-2014.txt").read_bytes(), "gwr-2014.txt"),
        diffsvc.load((DOCS / "gwr-2019.txt").read_bytes(), "gwr-2019.txt"),
    )
    past = [c for e in result.alignment for c in e.changes if c.note.startswith("过去 一年 ")]
    assert past and all(c.said_in is None for c in past)


def test_a_deadline_any_article_may_set_is_not_said_to_have_moved() -> None:
    # Jordan's labour article adds a phase-in, "within five years of entry into force";
    # Cambodia's customs article sets its own "within five years". The labour deadline is new,
    # not the customs one moved: "within" says nothing of what the period is for.
    labour = "shall prohibit the importation of goods made with forced or compulsory labor."
    customs = "shall, within five years of entry into force, implement paperless trade procedures."
    deadline = "shall, within five years of entry into force, prohibit"
    left = f"1. Cambodia {labour}\n\n2. Cambodia {customs}\n"
    right = f"1. Jordan {labour.replace('shall prohibit', deadline)}\n\n2. Jordan {customs}\n"
    result = diffsvc.compare(left, right)
    added = [c for e in result.alignment for c in e.changes if c.note.startswith("within five")]
    assert [(c.note, c.said_in) for c in added] == [("within five years added", None)]
    # Said with the words that name what it counts, a figure is said to stand elsewhere.
    named = diffsvc.compare(
        "1. The fund will provide 300 million dollars for clean energy projects.\n\n"
        "2. Members will meet annually to review the fund.\n",
        "1. The fund will support clean energy projects.\n\n"
        "2. Members will meet annually to review the fund.\n\n"
        "3. For grid links, the fund will provide 300 million dollars.\n",
    )
    assert [(c.note, c.said_in) for c in named.alignment[0].changes] == [
        ("fund will provide 300 million dollars dropped (said in ¶ 3 of the later version)", 2)
    ]


def _number_notes(old: str, new: str) -> list[str]:
    """The figure notes of two report fixtures compared, in reading order."""
    result = diffsvc.compare(
        diffsvc.load((DOCS / old).read_bytes(), old),
        diffsvc.load((DOCS / new).read_bytes(), new),
    )
    return [c.note for e in result.alignment for c in e.changes if c.kind == "number"]


def test_a_review_of_five_years_counts_five_years() -> None:
    # GWR 2018 reviews five years under "一、过去五年工作回顾": its "煤炭消费比重下降8.1个百分点"
    # is five years' fall, not 2017's one-year "下降2个百分点" grown fourfold. Two five-year
    # totals still pair: 2013's "累计新增城镇就业5870万人" and 2018's "城镇新增就业6600万人以上".
    found = _number_notes("gwr-2017.txt", "gwr-2018.txt")
    assert "煤炭消费比重下降 2 → 8.1个百分点" not in found
    assert "煤炭消费比重下降 8.1个百分点 added" in found
    assert "退出钢铁产能 6500万吨 → 1.7亿吨 (超过 → 以上)" not in found
    assert "城镇新增就业 5870 → 6600万人 (— → 以上)" in _number_notes(
        "gwr-2013.txt", "gwr-2018.txt"
    )
    # 2023's five-year fall of PM2.5's average concentration ("平均浓度下降27.5%") is no 2022
    # one-year fall ("平均浓度下降9.1%"): a change of an average level, not a yearly average.
    assert "平均浓度下降 9.1% → 27.5%" not in _number_notes("gwr-2022.txt", "gwr-2023.txt")


def test_what_was_done_in_a_year_is_no_five_years_doing() -> None:
    # GWR 2017 reviews 2016; 2018 reviews five years. Coal capacity retired (its verb said
    # before the list: "退出钢铁产能…、煤炭产能…"), zones set up, poverty funds spent,
    # regulations made and interest costs cut over one year are no five-year totals changed.
    found = _number_notes("gwr-2017.txt", "gwr-2018.txt")
    for wrong in (
        "煤炭产能 2.9 → 8亿吨 (超过 → —)",
        "新设 6 → 14个国家自主创新示范区",
        "投入专项扶贫资金 1000亿元 → 2800多亿元 (超过 → 多)",
        "制定修订行政法规 8件 → 195",
        "降低利息负担 4000亿元 → 1.2万亿元 (约 → —)",
    ):
        assert wrong not in found
    assert "煤炭产能 8亿吨 added" in found
    assert "新设 14个国家自主创新示范区 added" in found
    # 2012's year of drinking water brought to 63.98 million villagers is no five-year total;
    # the ten-year plan both name is still one plan ("新10年" → "新十年": no change).
    found = _number_notes("gwr-2012.txt", "gwr-2013.txt")
    assert "解决了 6398万 → 3亿 (— → 多)" not in found
    assert "解决了 6398万农村人口 dropped" in found
    assert not [n for n in found if n.startswith("制定实施新 ")]


def test_the_last_years_paragraph_of_a_five_year_review_is_one_years() -> None:
    # GWR 2018's five-year review holds one paragraph on 2017 alone ("刚刚过去的2017年，…城镇
    # 新增就业1351万人"): its jobs are a year's, as the next report's 1361万 are.
    left = (
        "一、过去五年工作回顾\n\n五年来，生态环境状况逐步好转。森林面积增加1.63亿亩。\n\n"
        "刚刚过去的2017年，经济社会发展主要目标任务全面完成并好于预期。城镇新增就业1351万人，"
        "失业率为多年来最低。\n\n二、2018年经济社会发展总体要求和政策取向\n\n"
        "今年发展的主要预期目标是：国内生产总值增长6.5%左右。\n"
    )
    right = (
        "一、2018年工作回顾\n\n过去一年，经济社会发展主要目标任务全面完成。城镇新增就业1361万人，"
        "失业率为多年来最低。\n\n二、2019年经济社会发展总体要求和政策取向\n\n"
        "今年发展的主要预期目标是：国内生产总值增长6%—6.5%。\n"
    )
    result = diffsvc.compare(
        diffsvc.load(left.encode(), "2018.txt"), diffsvc.load(right.encode(), "2019.txt")
    )
    (entry,) = [e for e in result.alignment if e.left == [2]]
    assert entry.right == [1]
    assert "城镇新增就业 1351 → 1361万人" in [c.note for c in entry.changes]


def test_a_share_that_names_nothing_before_it_pairs_by_its_own_words() -> None:
    # GWR 2013 → 2016: 2016's "外商投资限制性条目减少一半，95%以上实行备案管理" (projects filed,
    # not approved) was read as 2013's "年均增长25.5%" of outward investment: the part before the
    # share shared 投资 with it, its own words (以上实行备案管理) nothing.
    notes = _number_notes("gwr-2013.txt", "gwr-2016.txt")
    assert "95%以上 added" in notes
    assert not [n for n in notes if n.endswith("→ 95% (— → 以上)")]


def test_growth_said_after_its_total_is_the_growth_of_that_total() -> None:
    # GWR 2017 → 2019: "国内生产总值达到74.4万亿元，增长6.7%" is output's growth, which 2019
    # gives as "国内生产总值增长6.6%"; 2017's "单位国内生产总值能耗下降5%" is energy intensity,
    # though its words share more with 2019's.
    notes = _number_notes("gwr-2017.txt", "gwr-2019.txt")
    assert "国内生产总值增长 6.7% → 6.6%" in notes
    assert "国内生产总值增长 5% → 6.6%" not in notes


def test_a_year_said_after_a_comma_is_the_year_of_what_the_comma_follows() -> None:
    # The Thailand framework builds on "the U.S.-Thailand Treaty of Amity and Economic
    # Relations, signed in 1966"; the Viet Nam one on "the U.S.-Viet Nam Bilateral Trade
    # Agreement signed in 2000". "U.S.-Viet Nam Bilateral Trade Agreement signed in 1966 → 2000"
    # gave the 1966 treaty's year to Viet Nam's agreement.
    notes = _number_notes("framework-thailand.md", "framework-vietnam.md")
    assert "U.S.-Thailand Treaty of Amity and Economic Relations, signed in 1966 dropped" in notes
    assert not [n for n in notes if "1966 →" in n]


def test_the_lines_saying_where_an_instrument_was_signed_pair() -> None:
    # The US–Australia critical-minerals framework closes "Signed in Washington, District of
    # Columbia this twentieth day of October…", the US–Thailand memorandum "Signed at Kuala
    # Lumpur on October 26, 2025, in duplicate…": one role, one word in common.
    left = diffsvc.load((DOCS / "minerals-australia.md").read_bytes(), "minerals-australia.md")
    right = diffsvc.load((DOCS / "minerals-thailand-mou.md").read_bytes(), "thailand-mou.md")
    result = diffsvc.compare(left, right)
    (signed,) = [k for k, c in enumerate(left.clauses) if c.text.startswith("Signed in Washington")]
    (entry,) = [e for e in result.alignment if signed in e.left]
    assert [right.clauses[j].text[:26] for j in entry.right] == ["Signed at Kuala Lumpur on "]
    assert entry.op.value == "modified"


@pytest.mark.parametrize(
    ("old", "new"), [("gwr-2017.txt", "gwr-2018.txt"), ("gwr-2021.txt", "gwr-2022.txt")]
)
def test_a_report_in_traditional_script_reads_as_in_simplified(old: str, new: str) -> None:
    # A Hong Kong or Taiwan edition of the reports: the same figures, scales, five-year totals,
    # "respectively" lists and commitments are read, and each note says what the Simplified
    # edition's says, in the edition's own script.
    to_traditional, to_simplified = opencc.OpenCC("s2t"), opencc.OpenCC("t2s")

    def notes(convert: Callable[[str], str]) -> list[str]:
        texts = [convert((DOCS / name).read_text(encoding="utf-8")) for name in (old, new)]
        result = diffsvc.compare(
            diffsvc.load(texts[0].encode(), old), diffsvc.load(texts[1].encode(), new)
        )
        return [f"{e.left}{e.right} {c.note}" for e in result.alignment for c in e.changes]

    simplified = notes(lambda text: text)
    traditional = notes(to_traditional.convert)
    assert traditional != simplified  # quoted as written
    assert [to_simplified.convert(note) for note in traditional] == simplified
