"""The command line: JSON contract, readable redline, standalone HTML, clean errors (exit 2)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).parent.parent / "fixtures"
SEED = FIXTURES / "seed-next-year"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "diffsvc", *args], capture_output=True, text=True, timeout=120
    )


def test_compare_json_is_the_documented_contract() -> None:
    proc = _run("compare", str(SEED / "a.txt"), str(SEED / "b.txt"), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
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
    proc = _run("compare", str(SEED / "a.txt"), str(SEED / "b.txt"))
    assert proc.returncode == 0
    out = proc.stdout
    assert "\x1b[" not in out  # no colour when not on a terminal
    assert "* added 六、: {+加强追逃追赃合作。" in out
    assert "unchanged 五、→三、 moved renumbered" in out
    assert "[-New South Wales-]{+Victoria+}" in out
    assert "第十{+一+}次" in out


def test_compare_html_is_a_standalone_escaped_page(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("1. <script>alert(1)</script> text.\n")
    (tmp_path / "b.txt").write_text("1. <script>alert(2)</script> text.\n")
    proc = _run("compare", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--format", "html")
    assert proc.returncode == 0
    assert proc.stdout.startswith("<!doctype html>")
    assert "<script>" not in proc.stdout and "&lt;script&gt;" in proc.stdout


def test_normalize_lists_clauses() -> None:
    proc = _run("normalize", str(SEED / "a.txt"), "--format", "text")
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    assert len(lines) == 20
    assert "item      zh 三、 加強打擊電信網絡詐騙合作。" in lines[5]


def test_unusable_input_exits_2_with_one_line_and_no_traceback(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    for args in (
        ("compare", str(empty), str(SEED / "a.txt")),
        ("compare", str(tmp_path / "missing.txt"), str(SEED / "a.txt")),
        ("compare", str(SEED / "a.txt"), str(SEED / "b.txt"), "--match-threshold", "7"),
    ):
        proc = _run(*args)
        assert proc.returncode == 2
        assert proc.stderr.startswith("diffsvc: error: ")
        assert len(proc.stderr.strip().splitlines()) == 1
        assert "Traceback" not in proc.stderr
