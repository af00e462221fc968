"""What readers look for first in a changed clause: numbers, commitment strength, editorial-only."""

from __future__ import annotations

from diffsvc import compare


def _notes(old: str, new: str) -> list[str]:
    result = compare(old, new)
    return [c.note for e in result.alignment for c in e.changes]


def test_a_weaker_verb_reads_as_a_weakened_commitment() -> None:
    notes = _notes("1. We will establish a mechanism.", "1. We will explore a mechanism.")
    assert notes == ["commitment weakened: establish → explore"]


def test_a_hedge_added_reads_as_a_weakened_commitment() -> None:
    notes = _notes("1. The parties will meet annually.", "1. The parties may meet annually.")
    assert notes == ["commitment weakened: will → may"]


def test_a_chinese_hedge_added_reads_as_a_weakened_commitment() -> None:
    notes = _notes("一、组织专家交流。", "一、视情组织专家交流。")
    assert notes == ["commitment weakened: “视情” added"]


def test_the_month_of_may_is_a_date_not_a_hedge() -> None:
    # The seed's next-year statement moved the meeting to "May 13 to 16, 2024".
    old = "1. The delegation visited from April 25 to 28, 2023."
    for new in (
        "1. The delegation visited from May 13 to 16, 2024.",
        "1. The delegation visited from 13 to 16 May 2024.",
        "1. The delegation visited in May, before the summit.",
    ):
        assert not any(n.startswith("commitment") for n in _notes(old, new)), new


def test_a_change_of_punctuation_only_is_editorial() -> None:
    assert _notes("1. We will meet, and talk.", "1. We will meet and talk.") == [
        "editorial only: punctuation, width, case, whitespace or script"
    ]
