"""What changes every year by its nature is named routine, and every face says the same thing:
the JSON, the page (badges, counts, the toolbar, the filter) and the command line.

The meeting statement below is the seed's English opening sentence; the other cases are the
mistakes issue #17 reports. Expectations were written before running them.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from web_support import save_comparison

from diffsvc import compare
from diffsvc.cli import run

FIXTURES = Path(__file__).parent.parent / "fixtures"
MEETING_2023 = (
    "The Tenth Annual Meeting of the Working Group was held in Canberra from April 25 to 28, "
    "2023.\n1. The parties will strengthen cooperation against transnational crime.\n"
)
MEETING_2024 = (
    "The Eleventh Annual Meeting of the Working Group was held in Beijing from May 13 to 16, "
    "2024.\n1. The parties will strengthen cooperation against transnational crime.\n"
)


def test_a_new_meetings_number_dates_and_venue_are_routine() -> None:
    result = compare(MEETING_2023, MEETING_2024)
    entry = result.alignment[0]
    assert (entry.op, entry.routine, entry.editorial) == ("modified", True, False)
    assert [(c.kind, c.note, c.routine) for c in entry.changes] == [
        ("number", "Tenth → Eleventh Annual Meeting", True),
        (
            "number",
            "Working Group was held in Beijing from April 25 to 28, 2023 → May 13 to 16, 2024",
            True,
        ),
        ("place", "place changed: Canberra → Beijing", True),
    ]
    assert result.summary.routine == 1
    assert result.summary.text.startswith(
        "No substantive change besides 1 routine change (meeting number, dates, venue). "
    )


def test_a_change_of_tone_beside_the_routine_ones_is_not_routine() -> None:
    # The seed: 友好 → 坦诚 (friendly → candid) in the same sentence as the new dates.
    a = (FIXTURES / "seed-next-year" / "a.txt").read_text(encoding="utf-8")
    b = (FIXTURES / "seed-next-year" / "b.txt").read_text(encoding="utf-8")
    result = compare(a, b)
    opening = result.alignment[0]
    assert (opening.routine, [c.routine for c in opening.changes]) == (False, [True, True])
    venues = [e for e in result.alignment if e.routine]
    assert [[c.note for c in e.changes] for e in venues] == [
        ["place changed: 新南威爾士 → 维多利亚"],
        ["place changed: New South Wales → Victoria"],
    ]
    assert " besides 2 routine changes (venue); " in result.summary.text


def test_a_deadline_outside_the_meeting_is_not_routine() -> None:
    entry = compare(
        "1. The parties will complete the review by March 2026.",
        "1. The parties will complete the review by March 2027.",
    ).alignment[0]
    assert (entry.routine, [c.routine for c in entry.changes]) == (False, [False])


def test_a_reports_dateline_moves_with_its_session_and_is_routine() -> None:
    # The line under the Government Work Report's title, as the two years print it, and the
    # English edition's. Its date, congress and session all move every year.
    pairs = [
        (
            "——2022年3月5日在第十三届全国人民代表大会第五次会议上",
            "——2023年3月5日在第十四届全国人民代表大会第一次会议上",
        ),
        (
            "Delivered at the Fifth Session of the 13th National People's Congress of the "
            "People's Republic of China on March 5, 2022",
            "Delivered at the First Session of the 14th National People's Congress of the "
            "People's Republic of China on March 5, 2023",
        ),
    ]
    for before, after in pairs:
        result = compare(f"{before}\n\n1. 做好工作。", f"{after}\n\n1. 做好工作。")
        entry = result.alignment[0]
        assert (entry.op, entry.routine) == ("modified", True), before
        assert all(c.routine for c in entry.changes), [c.note for c in entry.changes]
        assert result.summary.text.startswith("No substantive change besides 1 routine change")


def test_a_year_set_in_a_sentence_at_the_session_is_not_routine() -> None:
    # Not a dateline: what the session decided, for a year that is a target.
    entry = compare(
        "2023年3月5日在第十四届全国人民代表大会第一次会议上确定了2025年目标。",
        "2023年3月5日在第十四届全国人民代表大会第一次会议上确定了2026年目标。",
    ).alignment[0]
    assert (entry.routine, [c.routine for c in entry.changes]) == (False, [False])


def test_the_page_badges_counts_and_sets_routine_changes_aside(client: FlaskClient) -> None:
    cid = save_comparison(client, MEETING_2023, MEETING_2024)
    html = client.get(f"/c/{cid}/changes").get_data(as_text=True)
    assert '<span class="badge badge-routine">routine</span>' in html
    toggle = re.search(
        r'<a class="btn toggle" role="button" href="([^"]+)"[^>]*>Set routine changes aside</a>',
        html,
    )
    assert toggle and "routine=hide" in toggle.group(1)
    aside = client.get(toggle.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert re.search(r'<body class="compare[^"]* hide-routine"', aside)
    # The toggle keeps its words and says its state: pressed, routine changes are aside.
    assert re.search(r'data-toggle="routine"[^>]*aria-pressed="true"[^>]*>Set routine', aside)
    # One count everywhere: the toolbar's changes are the summary's.
    summary = compare(MEETING_2023, MEETING_2024).summary
    assert f"{summary.changed} change{'' if summary.changed == 1 else 's'}</span>" in html


def test_no_routine_toggle_where_nothing_is_routine(client: FlaskClient) -> None:
    cid = save_comparison(client)
    assert "routine changes" not in client.get(f"/c/{cid}").get_data(as_text=True)


# A changed number is never editorial, on every face: the JSON, the page and the command line.
NUMBERS = [
    ("The rate was cut to 1.5 percent.", "The rate was cut to 15 percent.", "1.5 → 15 percent"),
    ("Output fell by −0.5 percent.", "Output fell by 0.5 percent.", "−0.5 → 0.5 percent"),
    ("经济增长5.5%。", "经济增长55%。", "5.5% → 55%"),
    ("Up to 1,000 officers.", "Up to 1.000 officers.", "1,000 → 1.000"),
    ("They meet on March 15-16.", "They meet on March 1516.", "March 15-16 → March 1516"),
    ("Review in 2030 at the summit.", "Review in 20:30 at the summit.", "2030 → 20:30"),
    ("Phase 1-3 ends.", "Phase 13 ends.", "Phase 1-3 → Phase 13"),
]


@pytest.mark.parametrize(("old", "new", "note"), NUMBERS)
def test_a_changed_number_is_substantive_on_every_face(
    client: FlaskClient, tmp_path: Path, old: str, new: str, note: str
) -> None:
    response = client.post(
        "/api/v1/compare?save=false", json={"left": {"text": old}, "right": {"text": new}}
    )
    entry = response.get_json()["alignment"][0]
    assert (entry["op"], entry["editorial"]) == ("modified", False)
    assert any(note in c["note"] for c in entry["changes"])

    cid = save_comparison(client, old, new, hide_editorial="on")
    html = client.get(f"/c/{cid}?editorial=hide").get_data(as_text=True)
    assert '<span class="badge badge-modified">modified</span>' in html
    assert "badge-editorial" not in html
    assert note.replace("'", "&#39;") in html

    (tmp_path / "a.txt").write_text(old, encoding="utf-8")
    (tmp_path / "b.txt").write_text(new, encoding="utf-8")
    out = io.StringIO()
    assert run(["compare", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], out) == 1
    assert "* modified" in out.getvalue() and note in out.getvalue()
    assert "No substantive change" not in out.getvalue()
