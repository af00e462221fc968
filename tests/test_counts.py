"""One set of counts (issue #17): the toolbar, the summary sentence and the counts agree, with
right plurals; renumbering is reported on every clause whose label changed."""

from __future__ import annotations

import re
from pathlib import Path

from flask.testing import FlaskClient
from web_support import save_comparison

from diffsvc import compare

SEED = Path(__file__).parent.parent / "fixtures" / "seed-next-year"


def test_the_seeds_renumbered_clauses_are_flagged_modified_or_not() -> None:
    result = compare(
        (SEED / "a.txt").read_text(encoding="utf-8"), (SEED / "b.txt").read_text(encoding="utf-8")
    )
    renumbered = [
        (e.op.value, result.left.clauses[e.left[0]].label, result.right.clauses[e.right[0]].label)
        for e in result.alignment
        if e.renumbered
    ]
    # 三、→四、 and 四、→五、 were reworded as well as renumbered; 3.→4., 4.→5. too.
    assert renumbered == [
        ("unchanged", "五、", "三、"),
        ("modified", "三、", "四、"),
        ("modified", "四、", "五、"),
        ("unchanged", "5.", "3."),
        ("modified", "3.", "4."),
        ("modified", "4.", "5."),
    ]
    assert all(
        any(c.kind == "renumbered" for c in e.changes) for e in result.alignment if e.renumbered
    )
    assert "items 3–4 renumbered 4–5 after item 5 moved to 3" in result.summary.text


def test_counts_agree_on_every_face(client: FlaskClient) -> None:
    left, right = (
        (SEED / "a.txt").read_text(encoding="utf-8"),
        (SEED / "b.txt").read_text(encoding="utf-8"),
    )
    summary = compare(left, right).summary
    ops = ("unchanged", "modified", "added", "removed", "split", "merged")
    assert sum(getattr(summary, op) for op in ops) == len(compare(left, right).alignment)
    # The sentence accounts for every change the page steps through.
    lead = re.match(
        r"(\d+) substantive changes .*?besides (\d+) routine.*?; (\d+) more", summary.text
    )
    assert lead and sum(map(int, lead.groups())) == summary.changed

    cid = save_comparison(client, left, right)
    html = client.get(f"/c/{cid}").get_data(as_text=True)
    assert f"{summary.changed} changes</span>" in html  # the toolbar
    counted = dict(
        re.findall(r'<li class="count count-(\w+)[^"]*"><span class="num">(\d+)</span>', html)
    )
    assert {op: int(counted[op]) for op in ops} == {op: getattr(summary, op) for op in ops}
    assert (int(counted["moved"]), int(counted["renumbered"])) == (
        summary.moved,
        summary.renumbered,
    )
    rows = re.findall(r'class="row [^"]*\bchange\b[^"]*" id="side-e\d+"', html)
    assert len(rows) == summary.changed


def test_plurals_and_both_sides_clause_counts() -> None:
    text = compare("1. We agree.", "1. We agree.\n2. We meet.").summary.text
    assert text == ("1 substantive change. English (1 → 2 clauses): 1 added.")
    same = compare("1. We agree.", "1. We agreed.").summary.text
    assert same.endswith("English (1 clause on each side): 1 modified.")
