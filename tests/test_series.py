"""Series through the library and the command line: every clause of every version in exactly
one thread, splits as branches, a clause dropped for a while brought back, threads in the
latest version's order, and bad input refused naming the version."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diffsvc import errors, normalize, series
from diffsvc.cli import run

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
LINES = [
    "The parties will establish a joint task force on drug crimes.",
    "The parties will share intelligence on money laundering.",
    "The parties will hold training courses for officers every year.",
    "The parties will cooperate against cyber crime and online fraud.",
    "The parties will meet again next year in the other country.",
    "The parties will exchange liaison officers at their embassies.",
]


def _version(picked: list[int], reworded: set[int]) -> str:
    lines = [LINES[k] + (" They will report on it." if k in reworded else "") for k in picked]
    return "\n".join(f"{n + 1}. {line}" for n, line in enumerate(lines))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.integers(0, len(LINES) - 1), min_size=1, max_size=6, unique=True),
            st.sets(st.integers(0, len(LINES) - 1)),
        ),
        min_size=2,
        max_size=5,
    )
)
def test_every_clause_of_every_version_is_in_exactly_one_thread(
    versions: list[tuple[list[int], set[int]]],
) -> None:
    s = series([_version(p, r) for p, r in versions])
    for v, doc in enumerate(s.versions):
        held = sorted(c for t in s.threads for c in t.cells[v].clauses)
        assert held == list(range(len(doc.clauses)))
    for thread in s.threads:
        present = [v for v, cell in enumerate(thread.cells) if cell.clauses]
        assert (thread.first, thread.last) == (present[0], present[-1])
        assert thread.first <= thread.changed <= thread.last
        assert [c.event == "absent" for c in thread.cells[: thread.first]] == [True] * thread.first
        # A removed cell follows a present one; a present cell after an absence is a return.
        for v, cell in enumerate(thread.cells[1:], start=1):
            if cell.event == "removed":
                assert thread.cells[v - 1].clauses and not cell.clauses
            if cell.event == "returned":
                assert not thread.cells[v - 1].clauses and v > thread.first
    assert [t.id for t in s.threads] == list(range(len(s.threads)))


def test_a_clause_dropped_for_a_year_comes_back_in_its_thread() -> None:
    every = _version([0, 1, 2, 3], set())
    without = _version([0, 1, 3], set())
    s = series([every, without, without, every], labels=["2021", "2022", "2023", "2024"])
    training = s.thread_of(0, 2)
    assert [c.event for c in training.cells] == ["first", "removed", "absent", "returned"]
    # Its words date from 2021: a return in the same words is not a rewording.
    assert (training.first, training.changed, training.last) == (0, 0, 3)
    assert s.thread_of(3, 2) is training
    assert len(s.threads) == 4


def test_a_split_is_one_thread_with_two_branches_and_steps_are_the_comparisons() -> None:
    d = FIXTURES / "split"
    before, after = (d / "a.txt").read_text(), (d / "b.txt").read_text()
    s = series([before, after, after])
    split = [t for t in s.threads if t.cells[1].event == "split"]
    assert len(split) == 1
    thread = split[0]
    assert len(thread.cells[0].clauses) == 1 and len(thread.cells[1].clauses) == 2
    assert thread.cells[2].event == "unchanged" and thread.changed == 1
    entry = s.steps[0].alignment[thread.cells[1].entry or 0]
    assert entry.op == "split" and entry.right == thread.cells[1].clauses


def test_threads_read_in_the_latest_order_with_ended_ones_where_they_stood() -> None:
    s = series([_version([0, 1, 2, 3], set()), _version([3, 0, 2], set())])
    firsts = [
        " ".join(s.versions[t.last].clauses[t.cells[t.last].clauses[0]].text.split()[:5])
        for t in s.threads
    ]
    assert firsts == [
        "The parties will cooperate against",  # first in the latest version (moved up)
        "The parties will establish a",
        "The parties will share intelligence",  # removed: after what preceded it in 2021
        "The parties will hold training",
    ]


def test_bad_series_are_refused_naming_what_is_wrong() -> None:
    with pytest.raises(errors.InvalidRequest, match="at least two versions"):
        series(["1. One."])
    with pytest.raises(errors.InvalidRequest, match="at most 50 versions; this one has 51"):
        series(["1. One."] * 51)
    with pytest.raises(errors.InvalidRequest, match="2 labels for 3 versions"):
        series(["1. A.", "1. B.", "1. C."], labels=["a", "b"])
    with pytest.raises(errors.EmptyInput, match=r"^2023 "):
        series(["1. A.", "  \n", "1. C."], labels=["2022", "2023", "2024"])


def test_the_command_line_prints_the_timeline_json_and_csv(tmp_path: Path) -> None:
    files = []
    for n, text in enumerate([_version([0, 1], set()), _version([0], {0}), _version([0, 1], {0})]):
        path = tmp_path / f"{2022 + n}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    out = io.StringIO()
    assert run(["series", *files], out) == 0
    lines = out.getvalue().splitlines()
    assert lines[0] == "versions: 2022, 2023, 2024"
    assert lines[-2].startswith("   1 ●~=  2022 → 2023  The parties will establish")
    assert lines[-1].startswith("   2 ●-↻  2022  The parties will share")
    out = io.StringIO()
    assert run(["series", *files, "--format", "json", "--labels", "a,b,c"], out) == 0
    data = json.loads(out.getvalue())
    assert [d["source"]["label"] for d in data["versions"]] == ["a", "b", "c"]
    assert len(data["steps"]) == 2 and len(data["threads"]) == 2
    out = io.StringIO()
    assert run(["series", *files, "--format", "csv"], out) == 0
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 6 and rows[4]["event"] == "removed" and rows[5]["event"] == "returned"


def test_the_command_line_names_the_version_it_cannot_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "2023.txt"
    good.write_text("1. We meet.\n", encoding="utf-8")
    bad = tmp_path / "2024.rtf"
    bad.write_bytes(b"{\\rtf1 We meet.}")
    assert run(["series", str(good), str(bad)], io.StringIO()) == 2
    assert f"{bad} is an RTF file" in capsys.readouterr().err
    assert run(["series", str(good), str(good), "--labels", "a"], io.StringIO()) == 2
    assert "1 names for 2 files" in capsys.readouterr().err


def test_a_document_read_once_is_threaded_as_given() -> None:
    docs = [normalize(_version(p, set())) for p in ([0, 1, 2], [0, 2])]
    s = series(docs, labels=["x", "y"])
    assert s.versions[0].clauses == docs[0].clauses
    assert [d.source.label for d in s.versions] == ["x", "y"]
    assert [c.event for c in s.thread_of(0, 1).cells] == ["first", "removed"]
