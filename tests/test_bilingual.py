"""Bilingual statements: language to language, asymmetric changes, numbers that disagree."""

from __future__ import annotations

from pathlib import Path

from diffsvc import compare

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
