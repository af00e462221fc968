"""The command line: JSON contract, readable redline, standalone HTML, diff's exit status (0 the
same, 1 different, 2 trouble), editorial changes marked apart or hidden.

The tests call ``diffsvc.cli.run`` in this process, with a string buffer as standard output (not
a terminal, as when piped, so no colour) and pytest capturing standard error; one test runs
``python -m diffsvc`` for real, reading a side from standard input, to hold the two together.
"""

from __future__ import annotations

import html
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from diffsvc import cli as cli_module
from diffsvc.cli import run

FIXTURES = Path(__file__).parent.parent / "fixtures"
SEED = FIXTURES / "seed-next-year"
TRACKED = str(FIXTURES / "formats" / "tracked_changes.docx")
WHITESPACE = FIXTURES / "whitespace-only"  # one clause differs only in spacing


def cli(*args: str) -> tuple[int, str]:
    """Exit status and standard output of ``diffsvc ARGS``."""
    out = io.StringIO()
    status = run(list(args), out)
    return status, out.getvalue()


def test_compare_json_is_the_documented_contract() -> None:
    status, out = cli("compare", str(SEED / "a.txt"), str(SEED / "b.txt"), "--format", "json")
    assert status == 1
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
    assert status == 1
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
    assert status == 1
    assert out.startswith("<!doctype html>")
    assert "<script>" not in out and "&lt;script&gt;" in out
    # Opened from a mail or an archive, the page may load nothing and run nothing.
    csp = "default-src 'none'; style-src 'unsafe-inline'"
    assert f'<meta http-equiv="Content-Security-Policy" content="{csp}">' in out


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
    assert status == 1
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
    assert (proc.returncode, proc.stderr) == (1, b"")  # the versions differ
    data = json.loads(proc.stdout)
    assert (data["left"]["source"]["label"], data["right"]["source"]["label"]) == ("a", "-")
    assert data["right"]["source"]["filename"] is None
    _, in_process = cli("compare", str(SEED / "a.txt"), str(SEED / "b.txt"), "--format", "json")
    expected = json.loads(in_process)
    expected["right"]["source"] |= {"label": "-", "filename": None}
    assert data == expected


# Exit status and editorial changes (issue #13). A Chinese pair typical of the seed's mess: the
# first clause differs only in script, width and spacing, the second also in one word.
EARLIER = "一、加強合作, 共同發展。\n二、深化執法合作, 打擊跨國犯罪。\n"
LATER = "一、加强合作，共同发展。\n二、深化执法合作，打击跨境犯罪。\n"
EDITORIAL_MARK = re.compile(r"\[~|~\]|\{~|~\}")


def pair(folder: Path, earlier: str, later: str) -> tuple[str, str]:
    (folder / "a.txt").write_text(earlier, encoding="utf-8")
    (folder / "b.txt").write_text(later, encoding="utf-8")
    return str(folder / "a.txt"), str(folder / "b.txt")


def earlier_text(redline: str) -> str:
    """What a reader takes for the earlier text: deletions kept, insertions left out."""
    return re.sub(r"\[[-~](.*?)[-~]\]", r"\1", re.sub(r"\{[+~].*?[+~]\}", "", redline))


def later_text(redline: str) -> str:
    return re.sub(r"\{[+~](.*?)[+~]\}", r"\1", re.sub(r"\[[-~].*?[-~]\]", "", redline))


def redlines(out: str) -> list[str]:
    """The redline of each entry of a text comparison, in order (one line each, no notes)."""
    body = out.split("\n\n", 1)[1].splitlines()
    return [line.split(": ", 1)[1] for line in body if not line.startswith("    - ")]


def entry_texts(left: str, right: str) -> list[tuple[str, str]]:
    """Each entry's earlier and later text, from the JSON the same command prints."""
    data = json.loads(cli("compare", left, right, "--format", "json")[1])

    def text(side: str, indices: list[int]) -> str:
        return "\n".join(data[side]["clauses"][i]["text"] for i in indices)

    return [(text("left", e["left"]), text("right", e["right"])) for e in data["alignment"]]


@pytest.mark.parametrize("fmt", ["text", "json", "html"])
def test_compare_exits_0_when_the_same_and_1_when_different(fmt: str) -> None:
    assert cli("compare", str(SEED / "a.txt"), str(SEED / "a.txt"), "--format", fmt)[0] == 0
    assert cli("compare", str(SEED / "a.txt"), str(SEED / "b.txt"), "--format", fmt)[0] == 1
    hidden = cli(
        "compare", str(SEED / "a.txt"), str(SEED / "b.txt"), "--format", fmt, "--hide-editorial"
    )
    assert hidden[0] == 1  # substantive changes stay differences


@pytest.mark.parametrize("fmt", ["text", "json", "html"])
def test_hide_editorial_makes_an_editorial_only_change_the_same(tmp_path: Path, fmt: str) -> None:
    """Like ``diff -w``: spacing, punctuation, width and script alone exit 0 once hidden."""
    spacing = (str(WHITESPACE / "a.txt"), str(WHITESPACE / "b.txt"))
    script = pair(tmp_path, "一、加強合作, 共同發展。\n", "一、加强合作，共同发展。\n")
    for left, right in (spacing, script):
        assert cli("compare", left, right, "--format", fmt)[0] == 1
        assert cli("compare", left, right, "--format", fmt, "--hide-editorial")[0] == 0


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        ("1. Alpha.\n2. Beta.\n", "1. Beta.\n2. Alpha.\n"),  # moved and renumbered
        ("1. Alpha.\n3. Beta.\n", "1. Alpha.\n2. Beta.\n"),  # renumbered only
        ("1. Alpha.\n2. Beta , gamma.\n", "1. Beta, gamma.\n2. Alpha.\n"),  # moved, editorial
    ],
)
def test_moves_and_renumbering_are_differences_even_with_editorial_hidden(
    tmp_path: Path, earlier: str, later: str
) -> None:
    left, right = pair(tmp_path, earlier, later)
    assert cli("compare", left, right, "--hide-editorial")[0] == 1
    assert cli("compare", left, right, "--hide-editorial", "--format", "json")[0] == 1


@pytest.mark.parametrize(
    "args",
    [
        ("compare", "SEED_A", "SEED_B", "--format", "pdf"),
        ("compare", "SEED_A", "SEED_B", "--hide-editorial=yes"),
        ("compare", "SEED_A", "SEED_B", "--match-threshold", "high"),
        ("compare", "SEED_A"),
        ("normalize", "SEED_A", "--hide-editorial"),
    ],
)
def test_bad_options_exit_2_and_print_nothing(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    paths = {"SEED_A": str(SEED / "a.txt"), "SEED_B": str(SEED / "b.txt")}
    status, out = cli(*(paths.get(arg, arg) for arg in args))
    assert (status, out) == (2, "")
    assert "error:" in capsys.readouterr().err


def test_a_crash_exits_2_not_1_which_would_say_different(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli_module, "run", broken)
    with pytest.raises(SystemExit) as exit_:
        cli_module.main()
    assert exit_.value.code == 2
    assert "RuntimeError: a bug" in capsys.readouterr().err


def test_help_says_what_the_exit_status_and_hide_editorial_mean(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli("compare", "--help") == (0, "")
    help_text = " ".join(capsys.readouterr().out.split())
    assert (
        "Exit status: 0 if the versions are the same, 1 if they differ, 2 for trouble" in help_text
    )
    assert "the json is complete either way, only the exit status changes" in help_text
    assert "[~like~]{~this~}" in help_text


def test_json_is_the_whole_contract_whether_editorial_changes_are_hidden_or_not() -> None:
    args = ("compare", str(WHITESPACE / "a.txt"), str(WHITESPACE / "b.txt"), "--format", "json")
    shown, hidden = cli(*args), cli(*args, "--hide-editorial")
    assert (shown[0], hidden[0]) == (1, 0)
    assert shown[1] == hidden[1]
    assert json.loads(hidden[1])["summary"]["editorial"] == 1


def test_text_marks_editorial_changes_apart_and_hide_editorial_unmarks_them(
    tmp_path: Path,
) -> None:
    left, right = pair(tmp_path, EARLIER, LATER)
    status, out = cli("compare", left, right)
    assert status == 1
    assert (
        "* unchanged 一、→一、 editorial: 加[~強合作,~]{~强合作，~}[~ ~]共同[~發~]{~发~}展。" in out
    )
    assert "打[~擊~]{~击~}跨[-國-]{+境+}犯罪。" in out  # substantive marks stay wdiff's
    status, out = cli("compare", left, right, "--hide-editorial")
    assert status == 1  # 国 → 境 is a difference
    assert not EDITORIAL_MARK.search(out)
    # The editorial-only clause reads as unchanged, in the later text, whole.
    assert "  unchanged 一、→一、: 加强合作，共同发展。" in out.splitlines()
    # The other keeps its substantive change; hidden editorial deletions give way to their
    # insertions, so the earlier reading loses no character and gains no gap.
    [mixed] = [line for line in out.splitlines() if line.startswith("* modified 二、")]
    assert mixed == "* modified 二、→二、: 深化执法合作，打击跨[-國-]{+境+}犯罪。"
    assert earlier_text(mixed.split(": ", 1)[1]) == "深化执法合作，打击跨國犯罪。"


@pytest.mark.parametrize("fixture", ["seed-next-year", "trad-pinyin-vs-simplified"])
def test_every_redline_rebuilds_the_later_text_and_unhidden_the_earlier(fixture: str) -> None:
    left, right = str(FIXTURES / fixture / "a.txt"), str(FIXTURES / fixture / "b.txt")
    texts = entry_texts(left, right)
    shown, hidden = (
        redlines(cli("compare", left, right)[1]),
        redlines(cli("compare", left, right, "--hide-editorial")[1]),
    )
    assert len(shown) == len(hidden) == len(texts)
    for (earlier, later), marked, plain in zip(texts, shown, hidden, strict=True):
        assert (earlier_text(marked), later_text(marked)) == (earlier, later)
        assert later_text(plain) == later
        assert not EDITORIAL_MARK.search(plain)


def html_redlines(page: str) -> list[list[tuple[str, str]]]:
    """Each entry's runs of an HTML comparison: ('', text), ('del', text), ('del.ed', text)…"""
    runs = []
    for div in re.findall(r'<div class="text">(.*?)</div>', page, re.S):
        found = re.findall(r'<(del|ins)(?: class="(ed)")?>(.*?)</\1>|([^<]+)', div, re.S)
        runs.append(
            [
                (tag + (f".{ed}" if ed else ""), html.unescape(marked or plain))
                for tag, ed, marked, plain in found
            ]
        )
    return runs


def test_html_marks_editorial_changes_as_the_web_page_does_and_can_hide_them(
    tmp_path: Path,
) -> None:
    left, right = pair(tmp_path, EARLIER, LATER)
    status, page = cli("compare", left, right, "--format", "html")
    assert status == 1
    assert '<del class="ed">強合作,</del><ins class="ed">强合作，</ins>' in page
    assert "<del>國</del><ins>境</ins>" in page
    texts = entry_texts(left, right)
    for (earlier, later), runs in zip(texts, html_redlines(page), strict=True):
        assert "".join(t for tag, t in runs if not tag.startswith("ins")) == earlier
        assert "".join(t for tag, t in runs if not tag.startswith("del")) == later
    status, page = cli("compare", left, right, "--format", "html", "--hide-editorial")
    assert status == 1
    assert 'class="ed"' not in page
    assert "Editorial changes (punctuation, width, script or spacing only) are not marked" in page
    first, mixed = html_redlines(page)
    assert first == [("", "加强合作，共同发展。")]
    assert mixed == [("", "深化执法合作，打击跨"), ("del", "國"), ("ins", "境"), ("", "犯罪。")]


def contrast(ink: str, paper: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(ink), luminance(paper)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_html_changes_are_told_apart_without_colour_and_readable(tmp_path: Path) -> None:
    """WCAG AA: strike-through and underline besides colour, text at 4.5:1 at least."""
    page = cli("compare", *pair(tmp_path, EARLIER, LATER), "--format", "html")[1]
    style = page.split("<style>", 1)[1].split("</style>", 1)[0]
    rules = dict(re.findall(r"^([^{}\n]+?) \{ (.*?) \}$", style, re.M))
    declarations = {
        selector: dict(d.split(": ", 1) for d in body.rstrip(";").split("; "))
        for selector, body in rules.items()
    }
    assert declarations["del"]["text-decoration"] == "line-through"
    assert declarations["ins"]["text-decoration"] == "underline"
    assert "text-decoration" not in declarations["del.ed, ins.ed"]  # the editorial ones keep theirs
    assert declarations["ins.ed"]["text-decoration-style"] == "dotted"  # and differ in style
    assert declarations["del.ed::before"]["content"] == '" [editorial deletion: "'
    for selector in ("del", "ins", "del.ed, ins.ed"):
        rule = declarations[selector]
        assert contrast(rule["color"], rule["background"]) >= 4.5, selector


def test_an_unreadable_file_is_named_among_the_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good, bad = tmp_path / "2023.txt", tmp_path / "2024.rtf"
    good.write_text("1. We meet.\n", encoding="utf-8")
    bad.write_bytes(b"{\\rtf1 We meet again.}")
    assert run(["compare", str(good), str(bad)], io.StringIO()) == 2
    error = capsys.readouterr().err
    assert f"{bad} is an RTF file" in error and str(good) not in error
