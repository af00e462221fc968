"""A committee's vote record, as an FOMC reader reads it: dissents added, dropped or given
another reason, the count, and the voters who rotate in and out, set aside as routine.

Every record here is an FOMC statement's, copied from ../shared/corpora/fomc; the notes expected
were written from reading the two records before running diffsvc on them.
"""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from web_support import save_comparison

from diffsvc import compare
from diffsvc.models import Entry

VOTE_2007_12 = (
    "Voting for the FOMC monetary policy action were: Ben S. Bernanke, Chairman; Timothy F. "
    "Geithner, Vice Chairman; Charles L. Evans; Thomas M. Hoenig; Donald L. Kohn; Randall S. "
    "Kroszner; Frederic S. Mishkin; William Poole; and Kevin M. Warsh. Voting against was Eric "
    "S. Rosengren, who preferred to lower the target for the federal funds rate by 50 basis "
    "points at this meeting."
)
VOTE_2008_12 = (
    "Voting for the FOMC monetary policy action were: Ben S. Bernanke, Chairman; Christine M. "
    "Cumming; Elizabeth A. Duke; Richard W. Fisher; Donald L. Kohn; Randall S. Kroszner; Sandra "
    "Pianalto; Charles I. Plosser; Gary H. Stern; and Kevin M. Warsh."
)
VOTE_2003_12 = (
    "Voting for the FOMC monetary policy action were: Alan Greenspan, Chairman; Timothy F. "
    "Geithner, Vice Chairman; Ben S. Bernanke; Susan S. Bies; J. Alfred Broaddus, Jr.; Roger W. "
    "Ferguson, Jr.; Edward M. Gramlich; Jack Guynn; Donald L. Kohn; Michael H. Moskow; Mark W. "
    "Olson; and Robert T. Parry."
)
VOTE_2004_01 = (
    "Voting for the FOMC monetary policy action were: Alan Greenspan, Chairman; Timothy F. "
    "Geithner, Vice Chairman; Ben S. Bernanke; Susan S. Bies; Roger W. Ferguson, Jr.; Edward M. "
    "Gramlich; Thomas M. Hoenig; Donald L. Kohn; Cathy E. Minehan; Mark W. Olson; Sandra "
    "Pianalto; and William Poole."
)
VOTERS_2014 = (
    "Voting for the FOMC monetary policy action were: Janet L. Yellen, Chair; William C. Dudley, "
    "Vice Chairman; Lael Brainard; Stanley Fischer; {}Narayana Kocherlakota; Loretta J. Mester; "
    "Jerome H. Powell; and Daniel K. Tarullo. "
)
PLOSSER = (
    "objected to the guidance indicating that it likely will be appropriate to maintain the "
    'current target range for the federal funds rate for "a considerable time after the asset '
    'purchase program ends," because such language is time dependent'
)
VOTERS_2012 = (
    "Voting for the FOMC monetary policy action were: Ben S. Bernanke, Chairman; William C. "
    "Dudley, Vice Chairman; Elizabeth A. Duke; Dennis P. Lockhart; Sandra Pianalto; Jerome H. "
    "Powell; Sarah Bloom Raskin; Jeremy C. Stein; Daniel K. Tarullo; John C. Williams; and Janet "
    "L. Yellen. Voting against the action was Jeffrey M. Lacker, who {}."
)


def _entry(left: str, right: str) -> Entry:
    result = compare(left, right)
    assert len(result.alignment) == 1, [(e.op, e.left, e.right) for e in result.alignment]
    return result.alignment[0]


def _notes(entry: Entry) -> list[str]:
    return [c.note for c in entry.changes]


def test_a_dropped_dissent_is_news_and_its_figure_is_not_the_committees() -> None:
    # December 2007 → December 2008: Rosengren's dissent for a 50-point cut is gone, with
    # Rosengren, who no longer votes. Read as text, that was "target for the federal funds rate
    # 50 basis points dropped", as if the Committee's target had changed.
    result = compare(VOTE_2007_12, VOTE_2008_12)
    entry = result.alignment[0]
    assert _notes(entry) == [
        "dissent dropped: Eric S. Rosengren, who preferred to lower the target for the federal "
        "funds rate by 50 basis points at this meeting (no longer a voter; the vote is "
        "unanimous)",
        "vote 9–1 → 10–0",
        "voters rotated: joined Christine M. Cumming, Elizabeth A. Duke, Richard W. Fisher, "
        "Sandra Pianalto, Charles I. Plosser, Gary H. Stern; left Timothy F. Geithner, Charles "
        "L. Evans, Thomas M. Hoenig, Frederic S. Mishkin, William Poole",
    ]
    assert not [c for c in entry.changes if c.kind == "number"]
    assert [c.routine for c in entry.changes] == [False, False, True]
    assert entry.substantive and not entry.routine
    assert result.summary.text.startswith("1 substantive change (1 with changed votes)")


def test_voters_rotating_alone_is_a_routine_change() -> None:
    # December 2003 → January 2004: four Reserve Bank presidents rotate in, four out, and the
    # Committee is unanimous both times: a change an analyst sets aside, named for what it is.
    result = compare(VOTE_2003_12, VOTE_2004_01)
    entry = result.alignment[0]
    assert _notes(entry) == [
        "voters rotated: joined Thomas M. Hoenig, Cathy E. Minehan, Sandra Pianalto, William "
        "Poole; left J. Alfred Broaddus, Jr., Jack Guynn, Michael H. Moskow, Robert T. Parry"
    ]
    assert entry.routine
    assert result.summary.text.startswith("No substantive change besides 1 routine change (voters)")


def test_dissents_given_in_sentences_of_their_own_read_as_the_dissenters() -> None:
    # July → September 2014: Plosser dissents both times, first "who objected …", then in a
    # sentence of his own ("President Plosser objected …"): the same dissent. Fisher's is new.
    july = VOTERS_2014.format("Richard W. Fisher; ") + (
        f"Voting against was Charles I. Plosser who {PLOSSER}."
    )
    september = VOTERS_2014.format("") + (
        "Voting against the action were Richard W. Fisher and Charles I. Plosser. President "
        "Fisher believed that the continued strengthening of the real economy will likely "
        "warrant an earlier reduction in monetary accommodation. "
        f"President Plosser {PLOSSER}."
    )
    assert _notes(_entry(july, september)) == [
        "dissent added: Richard W. Fisher, who believed that the continued strengthening of the "
        "real economy will likely warrant an earlier reduction in monetary accommodation",
        "vote 9–1 → 8–2",
    ]


def test_a_dissent_given_another_reason_says_both() -> None:
    # June → December 2012: Lacker dissents both times, against different things.
    entry = _entry(
        VOTERS_2012.format("opposed continuation of the maturity extension program"),
        VOTERS_2012.format(
            "opposed the asset purchase program and the characterization of the conditions "
            "under which an exceptionally low range for the federal funds rate will be "
            "appropriate"
        ),
    )
    assert _notes(entry) == [
        "dissent changed: Jeffrey M. Lacker: opposed continuation of the maturity extension "
        "program → opposed the asset purchase program and the characterization of the "
        "conditions under …"
    ]
    assert not entry.routine


def test_three_dissenters_of_one_mind_each_count() -> None:
    # July → September 2016: "Esther L. George, Loretta J. Mester, and Eric Rosengren, each of
    # whom preferred …" — George dissented in July already ("who preferred …").
    reason = "preferred at this meeting to raise the target range for the federal funds rate to 1/2 to 3/4 percent"  # noqa: E501
    july = (
        "Voting for the FOMC monetary policy action were: Janet L. Yellen, Chair; Lael Brainard; "
        "James Bullard; Stanley Fischer; Loretta J. Mester; Jerome H. Powell; Eric Rosengren; and "
        f"Daniel K. Tarullo. Voting against the action was Esther L. George, who {reason}."
    )
    september = (
        "Voting for the FOMC monetary policy action were: Janet L. Yellen, Chair; Lael Brainard; "
        "James Bullard; Stanley Fischer; Jerome H. Powell; and Daniel K. Tarullo. Voting against "
        "the action were: Esther L. George, Loretta J. Mester, and Eric Rosengren, each of whom "
        f"{reason}."
    )
    entry = _entry(july, september)
    assert _notes(entry) == [
        f"dissent added: Loretta J. Mester, who {reason}",
        f"dissent added: Eric Rosengren, who {reason}",
        "vote 8–1 → 6–3",
    ]
    # The 1/2 to 3/4 percent the dissenters preferred is theirs, not a target set.
    assert not [c for c in entry.changes if c.kind == "number"]


def test_a_new_chair_is_news_and_an_absent_member_did_not_rotate() -> None:
    # January 2006 → March 2006: Bernanke succeeds Greenspan — no rotation to set aside. January
    # 22 → 30, 2008: Mishkin, absent and not voting on the 22nd, votes on the 30th; he did not
    # rotate in.
    greenspan = (
        "Voting for the FOMC monetary policy action were: Alan Greenspan, Chairman; Timothy F. "
        "Geithner, Vice Chairman; Susan S. Bies; Roger W. Ferguson, Jr.; Jack Guynn; Donald L. "
        "Kohn; Jeffrey M. Lacker; Mark W. Olson; Sandra Pianalto; and Janet L. Yellen."
    )
    bernanke = (
        "Voting for the FOMC monetary policy action were: Ben S. Bernanke, Chairman; Timothy F. "
        "Geithner, Vice Chairman; Susan S. Bies; Jack Guynn; Donald L. Kohn; Randall S. Kroszner; "
        "Jeffrey M. Lacker; Mark W. Olson; Sandra Pianalto; Kevin M. Warsh; and Janet L. Yellen."
    )
    entry = _entry(greenspan, bernanke)
    assert _notes(entry) == [
        "chair changed: Alan Greenspan → Ben S. Bernanke",
        "voters rotated: joined Randall S. Kroszner, Kevin M. Warsh; left Roger W. Ferguson, Jr.",
    ]
    assert not entry.routine
    absent = (
        "Voting for the FOMC monetary policy action were: Ben S. Bernanke, Chairman; Donald L. "
        "Kohn; and Kevin M. Warsh. Absent and not voting was Frederic S. Mishkin."
    )
    back = (
        "Voting for the FOMC monetary policy action were: Ben S. Bernanke, Chairman; Donald L. "
        "Kohn; Frederic S. Mishkin; and Kevin M. Warsh."
    )
    assert not [c for c in _entry(absent, back).changes if c.kind == "vote"]


def test_the_change_list_filters_the_vote(client: FlaskClient) -> None:
    # A reader of a year of FOMC statements asks the change list for the vote alone.
    left = f"The Committee decided today to keep its target at 4-1/4 percent.\n\n{VOTE_2007_12}"
    right = f"The Committee decided today to lower its target to 3-1/2 percent.\n\n{VOTE_2008_12}"
    cid = save_comparison(client, left, right)
    html = client.get(f"/c/{cid}/changes?kind=votes").text
    items = re.findall(r'<li class="change-item( filtered-out)?" data-anchor="(e\d+)"', html)
    assert [(bool(hidden), anchor) for hidden, anchor in items] == [(True, "e0"), (False, "e1")]
    assert 'value="votes" checked' in html


def test_dissents_in_a_paragraph_of_their_own_still_count() -> None:
    # December 2013 → March 2014: Rosengren's dissent is gone, but the vote is not unanimous:
    # March sets Kocherlakota's dissent in a paragraph of its own, after the roster. One
    # dissent both times: the count against did not change, and no count is noted. December
    # has no such paragraph for March's to pair with, so March's stands added, and the roster
    # says whose dissent it is.
    december = (
        "Voting for the FOMC monetary policy action were: Ben S. Bernanke, Chairman; William C. "
        "Dudley, Vice Chairman; James Bullard; Charles L. Evans; Esther L. George; Jerome H. "
        "Powell; Jeremy C. Stein; Daniel K. Tarullo; and Janet L. Yellen. Voting against the "
        "action was Eric S. Rosengren, who believes that changes in the purchase program are "
        "premature."
    )
    march = (
        "Voting for the FOMC monetary policy action were: Janet L. Yellen, Chair; William C. "
        "Dudley, Vice Chairman; Richard W. Fisher; Sandra Pianalto; Charles I. Plosser; Jerome "
        "H. Powell; Jeremy C. Stein; and Daniel K. Tarullo.\n\n"
        "Voting against the action was Narayana Kocherlakota, who supported the sixth paragraph, "
        "but believed the fifth paragraph weakens the credibility of the Committee's commitment "
        "to return inflation to the 2 percent target from below."
    )
    result = compare(december, march)
    roster = next(e for e in result.alignment if e.left == [0] and e.right == [0])
    assert _notes(roster) == [
        "dissent added: Narayana Kocherlakota, who supported the sixth paragraph, but believed "
        "the fifth paragraph weakens the credibility of the Committee's commitment to return "
        "inflation to the 2 percent target … (a new voter)",
        "dissent dropped: Eric S. Rosengren, who believes that changes in the purchase program "
        "are premature (no longer a voter)",
        "chair changed: Ben S. Bernanke → Janet L. Yellen",
        "voters rotated: joined Richard W. Fisher, Sandra Pianalto, Charles I. Plosser; left "
        "James Bullard, Charles L. Evans, Esther L. George",
    ]
    assert any(e.op == "added" and e.right == [1] for e in result.alignment)


def test_a_dissent_set_apart_after_a_unanimous_vote_is_noted_at_the_roster() -> None:
    # May → June 2003: June adds "Voting against the action was Robert T. Parry." as a
    # paragraph of its own, which has nothing to pair with in May's; August's vote is unanimous
    # again. The dissent is news both times, not only the count.
    decision = "The Federal Open Market Committee decided today to {} percent.\n\n"
    discount = (
        "\n\nIn taking the discount rate action, the Federal Reserve Board approved the requests "
        "submitted by the Boards of Directors of the Federal Reserve Banks of {}."
    )
    may = (
        decision.format("keep its target for the federal funds rate unchanged at 1-1/4")
        + "Voting for the FOMC monetary policy action were Alan Greenspan, Chairman; William J. "
        "McDonough, Vice Chairman; Ben S. Bernanke; Susan S. Bies; Edward M. Gramlich; and "
        "Robert T. Parry." + discount.format("Boston and Dallas")
    )
    june = (
        decision.format("lower its target for the federal funds rate by 25 basis points to 1")
        + "Voting for the FOMC monetary policy action were Alan Greenspan, Chairman; Ben S. "
        "Bernanke; Susan S. Bies; Edward M. Gramlich; and Jamie B. Stewart, Jr.\n\n"
        "Voting against the action was Robert T. Parry. President Parry preferred a 50 basis "
        "point reduction in the target for the federal funds rate."
        + discount.format("Boston, New York and Dallas")
    )
    forward, back = compare(may, june).alignment, compare(june, may).alignment
    assert [(e.op, e.left, e.right) for e in forward][1:3] == [
        ("modified", [1], [1]),
        ("added", [], [2]),
    ]
    assert _notes(forward[1])[:2] == [
        "dissent added: Robert T. Parry, who preferred a 50 basis point reduction in the target "
        "for the federal funds rate",
        "vote 6–0 → 5–1",
    ]
    assert _notes(back[1])[0] == (
        "dissent dropped: Robert T. Parry, who preferred a 50 basis point reduction in the "
        "target for the federal funds rate (the vote is unanimous)"
    )
