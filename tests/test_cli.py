"""The command line: JSON contract, readable redline, standalone HTML, clean errors (exit 2).

The tests call ``diffsvc.cli.run`` in this process, with a string buffer as standard output (not
a terminal, as when piped, so no colour) and pytest capturing standard error; one test runs
``python -m diffsvc`` for real, reading a side from standard input, to hold the two together.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from diffsvc.cli import run

FIXTURES = Path(__file__).parent.parent / "fixtures"
SEED = FIXTURES / "seed-next-year"
TRACKED = str(FIXTURES / "formats" / "tracked_changes.docx")


def cli(*args: str) -> tuple[int, str]:
    """Exit status and standard output of ``diffsvc ARGS``."""
    out = io.StringIO()
    status = run(list(args), out)
    return status, out.getvalue()


def test_compare_json_is_the_documented_contract() -> None:
    status, out = cli("compare", str(SEED / "a.txt"), str(SEED / "b.txt"), "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert set(data) >= {"left", "right", "alignment", "summary", "version"}
    assert set(data["left"]["clauses"][0]) >= {
        "index",
        "label",
        "kind",
        "language",
        "text",
        "normalized",
        "start",
        "end",
    }
    assert set(data["alignment"][0]) >= {"op", "left", "right", "moved", "similarity", "spans"}
    assert data["version"]["schema"] == "1.0"
    assert data["left"]["source"]["label"] == "a"


def test_compare_text_shows_a_clause_level_redline_in_both_languages() -> None:
    status, out = cli("compare", str(SEED / "a.txt"), str(SEED / "b.txt"))
    assert status == 0
    assert "\x1b[" not in out  # no colour when not on a terminal
    assert "* added 六、: {+加强追逃追赃合作。" in out
    assert "unchanged 五、→三、 moved renumbered" in out
    assert "[-New South Wales-]{+Victoria+}" in out
    assert "第十{+一+}次" in out


def test_compare_html_is_a_standalone_escaped_page(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("1. <script>alert(1)</script> text.\n")
    (tmp_path / "b.txt").write_text("1. <script>alert(2)</script> text.\n")
    status, out = cli(
        "compare", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--format", "html"
    )
    assert status == 0
    assert out.startswith("<!doctype html>")
    assert "<script>" not in out and "&lt;script&gt;" in out


def test_normalize_lists_clauses() -> None:
    status, out = cli("normalize", str(SEED / "a.txt"), "--format", "text")
    assert status == 0
    lines = out.splitlines()
    assert len(lines) == 20
    assert "item      zh 三、 加強打擊電信網絡詐騙合作。" in lines[5]


def test_tracked_changes_choose_the_text_and_the_header_says_which() -> None:
    """Issue #17: a Word file's own tracked changes, rejected on the left and accepted on the
    right, as a redline; the header says which text of each side was compared."""
    status, out = cli("compare", TRACKED, TRACKED, "--left-tracked", "original")
    assert status == 0
    assert out.splitlines()[1:4] == [
        "left (tracked_changes): 14 tracked changes, compared with all changes rejected",
        "right (tracked_changes): 14 tracked changes, compared with all changes accepted",
        "",
    ]
    assert "The parties will [-consider establishing-]{+establish+} a joint" in out
    assert "* removed ¶: [-This sentence was removed.-]" in out


def test_tracked_applies_to_both_sides_and_is_in_the_json() -> None:
    status, out = cli("compare", TRACKED, TRACKED, "--tracked", "original", "--format", "json")
    assert status == 0
    data = json.loads(out)
    states = [data[side]["source"]["tracked_changes"]["state"] for side in ("left", "right")]
    assert states == ["original", "original"]
    assert {entry["op"] for entry in data["alignment"]} == {"unchanged"}
    status, out = cli("compare", TRACKED, TRACKED, "--format", "html")
    line = "left (tracked_changes): 14 tracked changes, compared with all changes accepted"
    assert (status, f'<p class="tracked">{line}</p>' in out) == (0, True)
    status, out = cli("normalize", TRACKED, "--tracked", "original", "--format", "json")
    source = json.loads(out)["source"]
    assert (status, source["tracked_changes"]["state"]) == (0, "original")
    # Text files have no tracked changes: the option changes nothing and nothing is said.
    plain = cli("compare", str(SEED / "a.txt"), str(SEED / "b.txt"), "--tracked", "original")
    assert plain == cli("compare", str(SEED / "a.txt"), str(SEED / "b.txt"))
    assert "tracked" not in plain[1]


@pytest.mark.parametrize(
    "args",
    [
        ("compare", "EMPTY", str(SEED / "a.txt")),
        ("compare", "MISSING", str(SEED / "a.txt")),
        ("compare", str(SEED / "a.txt"), str(SEED / "b.txt"), "--match-threshold", "7"),
        ("compare", TRACKED, TRACKED, "--tracked", "accept"),
        ("compare", TRACKED, TRACKED, "--right-tracked", "Original"),
        ("normalize", TRACKED, "--tracked", ""),
    ],
)
def test_unusable_input_exits_2_with_one_line_and_no_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    paths = {"EMPTY": str(tmp_path / "empty.txt"), "MISSING": str(tmp_path / "missing.txt")}
    status, out = cli(*(paths.get(arg, arg) for arg in args))
    err = capsys.readouterr().err
    assert (status, out) == (2, "")
    assert err.startswith("diffsvc: error: ")
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_python_m_diffsvc_runs_end_to_end_and_reads_stdin() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "diffsvc", "compare", str(SEED / "a.txt"), "-", "--format", "json"],
        input=(SEED / "b.txt").read_bytes(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert (proc.returncode, proc.stderr) == (0, b"")
    data = json.loads(proc.stdout)
    assert (data["left"]["source"]["label"], data["right"]["source"]["label"]) == ("a", "-")
    assert data["right"]["source"]["filename"] is None
    _, in_process = cli("compare", str(SEED / "a.txt"), str(SEED / "b.txt"), "--format", "json")
    expected = json.loads(in_process)
    expected["right"]["source"] |= {"label": "-", "filename": None}
    assert data == expected
