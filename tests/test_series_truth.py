"""Series lineage on real statements against a reader's truth (fixtures/series-truth, written by
reading the documents before any lineage existed; scored by bench/series_truth.py).

Floors, not targets: what holds today may not be lost. The truth has 51 threads (ten of them
FOMC clauses of a single release, which must stay threads of their own); rewritten Government
Work Reports and Quad statements are where lineage still breaks (issues #14 and #16).
"""

from __future__ import annotations

import pytest

from bench.series_truth import NAMES, Verdict, run
from diffsvc.models import Series
from diffsvc.views.series import thread_text
from diffsvc.views.series_pages import quantity_tracks

FLOORS = {"fomc-2008": 19, "gwr-2012-2023": 10, "quad-2021-2024": 10}
# Threads a user relies on in particular: a paragraph skipped for one release and back, one
# absent for months and back, one split, and ones removed for good.
MUST_HOLD = {
    "fomc-2008": [
        "economic conditions paragraph",  # absent from the 11 March release, back on 18 March
        "discount-rate action of the Board",  # absent June to September, back in October
        "swap lines with the ECB and SNB (11 March only)",
        "Term Securities Lending Facility (11 March only)",
    ],
    "quad-2021-2024": ["North Korea and Myanmar"],  # split in 2022
    "gwr-2012-2023": ["opening: the report is presented (现在，我代表国务院……)"],
}


@pytest.fixture(scope="module")
def runs() -> dict[str, tuple[Series, list[Verdict]]]:
    done = {name: run(name) for name in NAMES}
    return {name: (s, verdicts) for name, (s, verdicts, _) in done.items()}


@pytest.fixture(scope="module")
def verdicts(runs: dict[str, tuple[Series, list[Verdict]]]) -> dict[str, list[Verdict]]:
    return {name: found for name, (_, found) in runs.items()}


@pytest.mark.parametrize("name", NAMES)
def test_series_lineage_holds_the_readers_threads(
    verdicts: dict[str, list[Verdict]], name: str
) -> None:
    held = {v.name for v in verdicts[name] if v.holds}
    missed = [f"{v.name}: {v.why}" for v in verdicts[name] if not v.holds]
    assert len(held) >= FLOORS[name], missed
    assert set(MUST_HOLD[name]) <= held, missed


def test_a_reports_targets_are_followed_each_by_its_own_name(
    runs: dict[str, tuple[Series, list[Verdict]]],
) -> None:
    """The main-targets paragraph of the Government Work Reports holds a score of amounts that
    change every year: each track must follow one target, never turn a growth target into a
    jobless rate (as pairing changed amounts by position did)."""
    s, _ = runs["gwr-2012-2023"]
    [targets] = [t for t in s.threads if thread_text(s, t).startswith("今年发展主要预期目标是")]
    tracks = {t.context: t.values for t in quantity_tracks(s, targets)}
    gdp = tracks["国内生产总值增长"]
    assert gdp[0] == "7.5％" and gdp[-1] == "5%左右"
    assert all(v is None or "以内" not in v for v in gdp)  # 5.5%以内 is the jobless rate
    prices = tracks["居民消费价格涨幅"]
    assert {v for v in prices if v} == {"3.5%左右", "3%左右"}
