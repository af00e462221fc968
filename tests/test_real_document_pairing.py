"""Rewritten paragraphs pair by the role they play; wrapped lines stay one clause (issue #16)."""

from __future__ import annotations

import diffsvc

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


def test_the_same_words_wrapped_differently_are_no_change() -> None:
    left = "1. The parties agreed to meet again in 2025 to review the framework.\n"
    right = "1. The parties agreed to meet again in\n2025 to review the framework.\n"
    result = diffsvc.compare(left, right)
    assert [e.op.value for e in result.alignment] == ["unchanged"]
    assert result.summary.substantive == 0
