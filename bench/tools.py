"""The tools the benchmark races: diffsvc and what a user would pick instead.

Each :class:`Tool` has a ``run`` step, timed end to end (two texts in, the tool's user-facing
output out), and an ``align`` step, not timed, that turns that output into a clause alignment with
the rules of :mod:`bench.score`. Tools are configured as their documentation shows them used, with
default settings; where a default shapes the result it is noted here and in RESULTS.md.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from bench.generate import Pair, Truth
from bench.score import (
    alignment_from_rows,
    alignment_from_shared,
    rows_from_html_table,
    rows_from_line_opcodes,
    shared_from_segments,
)


@dataclass(frozen=True)
class Tool:
    """A contender: ``run(left_text, right_text)`` is timed; ``align(output, pair)`` scores it."""

    name: str
    run: Callable[[str, str], Any]
    align: Callable[[Any, Pair], list[Truth]]
    call: str  # what is timed, as a user would write it
    note: str = ""
    reference: bool = False  # shown for context, not one of the peers of issue #2 §7


# --- diffsvc --------------------------------------------------------------------------------------


def _diffsvc_run(left: str, right: str) -> str:
    import diffsvc  # imported late: the engine may be missing while the benchmark is developed

    return diffsvc.compare(left, right).model_dump_json()


def _diffsvc_align(output: str, pair: Pair) -> list[Truth]:
    """Read the alignment back from the JSON contract, exactly what a client receives."""
    return [
        Truth(e["op"], tuple(e["left"]), tuple(e["right"]), bool(e["moved"]))
        for e in json.loads(output)["alignment"]
    ]


# --- difflib --------------------------------------------------------------------------------------


def _htmldiff_run(left: str, right: str) -> str:
    return difflib.HtmlDiff().make_file(left.splitlines(), right.splitlines())


def _htmldiff_align(output: str, pair: Pair) -> list[Truth]:
    """HtmlDiff's side-by-side rows (its ndiff pass pairs similar lines inside changed blocks)."""
    rows = rows_from_html_table(output)
    return alignment_from_rows(rows, pair.left_clauses, pair.right_clauses)


def _lines_run(left: str, right: str) -> Sequence[tuple[str, int, int, int, int]]:
    return difflib.SequenceMatcher(None, left.splitlines(), right.splitlines()).get_opcodes()


def _lines_align(output: Sequence[tuple[str, int, int, int, int]], pair: Pair) -> list[Truth]:
    rows = rows_from_line_opcodes(output)
    return alignment_from_rows(rows, pair.left_clauses, pair.right_clauses)


# Words for English; for Chinese, which has no spaces, single characters -- the only "word" a
# plain tokenizer can find, and what a user diffing Chinese word-wise would fall back to.
_TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[^\s\u3400-\u9fff\uf900-\ufaff]+")

_Opcodes = Sequence[tuple[str, int, int, int, int]]


def _words_run(left: str, right: str) -> tuple[_Opcodes, list[re.Match[str]], list[re.Match[str]]]:
    a, b = list(_TOKEN.finditer(left)), list(_TOKEN.finditer(right))
    matcher = difflib.SequenceMatcher(None, [m[0] for m in a], [m[0] for m in b])
    return matcher.get_opcodes(), a, b


def _words_align(
    output: tuple[_Opcodes, list[re.Match[str]], list[re.Match[str]]], pair: Pair
) -> list[Truth]:
    opcodes, a, b = output

    def segments() -> Iterator[tuple[int, int, int]]:
        for tag, i1, i2, j1, _j2 in opcodes:
            if tag == "equal":
                for k in range(i2 - i1):
                    ta, tb = a[i1 + k], b[j1 + k]
                    yield ta.start(), tb.start(), ta.end() - ta.start()

    shared = shared_from_segments(pair.left_text, pair.right_text, segments())
    return alignment_from_shared(shared, pair.left_clauses, pair.right_clauses)


# --- diff-match-patch -----------------------------------------------------------------------------


def _dmp_run(left: str, right: str, timeout: float = 1.0) -> tuple[list[tuple[int, str]], str]:
    from diff_match_patch import diff_match_patch

    dmp = diff_match_patch()
    dmp.Diff_Timeout = timeout  # 1 s is its default, as users get it
    diffs = dmp.diff_main(left, right)
    dmp.diff_cleanupSemantic(diffs)
    return diffs, dmp.diff_prettyHtml(diffs)


def _dmp_complete_run(left: str, right: str) -> tuple[list[tuple[int, str]], str]:
    return _dmp_run(left, right, timeout=0.0)  # 0: no timeout, the diff it would finish


def _dmp_align(output: tuple[list[tuple[int, str]], str], pair: Pair) -> list[Truth]:
    diffs, _html = output

    def segments() -> Iterator[tuple[int, int, int]]:
        a = b = 0
        for op, text in diffs:
            if op == 0:
                yield a, b, len(text)
            if op <= 0:
                a += len(text)
            if op >= 0:
                b += len(text)

    shared = shared_from_segments(pair.left_text, pair.right_text, segments())
    return alignment_from_shared(shared, pair.left_clauses, pair.right_clauses)


# --- redlines -------------------------------------------------------------------------------------


def _redlines_run(left: str, right: str) -> tuple[str, _Opcodes]:
    from redlines import Redlines

    red = Redlines(left, right)
    return red.output_markdown, red.opcodes


def _paragraph_tokens(text: str) -> tuple[list[str], list[int]]:
    """redlines' tokens of ``text`` and the paragraph (clause) each belongs to."""
    from redlines.processor import concatenate_paragraphs_and_add_chr_182, tokenize_text

    tokens = tokenize_text(concatenate_paragraphs_and_add_chr_182(text))
    para, owner = 0, []
    for tok in tokens:
        if tok.strip() == "¶":
            para += 1
        owner.append(para)
    return tokens, owner


def _redlines_align(output: tuple[str, _Opcodes], pair: Pair) -> list[Truth]:
    _markdown, opcodes = output
    ta, la = _paragraph_tokens(pair.left_text)
    _tb, lb = _paragraph_tokens(pair.right_text)
    shared: dict[tuple[int, int], int] = {}
    for tag, i1, i2, j1, _j2 in opcodes:
        if tag != "equal":
            continue
        for k in range(i2 - i1):
            tok = ta[i1 + k].strip()
            if tok != "¶":
                key = (la[i1 + k], lb[j1 + k])
                shared[key] = shared.get(key, 0) + len(tok)
    return alignment_from_shared(shared, pair.left_clauses, pair.right_clauses)


TOOLS: tuple[Tool, ...] = (
    Tool("diffsvc", _diffsvc_run, _diffsvc_align, "diffsvc.compare(a, b).model_dump_json()"),
    Tool(
        "difflib HtmlDiff",
        _htmldiff_run,
        _htmldiff_align,
        "difflib.HtmlDiff().make_file(a.splitlines(), b.splitlines())",
        "alignment from the rows of its side-by-side table",
    ),
    Tool(
        "difflib words",
        _words_run,
        _words_align,
        "difflib.SequenceMatcher(None, words(a), words(b)).get_opcodes()",
        "words are runs of non-space characters, except that each Chinese character is a word; "
        "default autojunk",
    ),
    Tool(
        "diff-match-patch",
        _dmp_run,
        _dmp_align,
        "diff_main(a, b); diff_cleanupSemantic(diffs); diff_prettyHtml(diffs)",
        "default Diff_Timeout of 1 s",
    ),
    Tool("redlines", _redlines_run, _redlines_align, "Redlines(a, b).output_markdown"),
    Tool(
        "diff-match-patch, no timeout",
        _dmp_complete_run,
        _dmp_align,
        "the same with Diff_Timeout = 0",
        "reference, not a peer: what diff-match-patch's own diff costs when it is not cut off "
        "at one second",
        reference=True,
    ),
    Tool(
        "difflib lines",
        _lines_run,
        _lines_align,
        "difflib.SequenceMatcher(None, a.splitlines(), b.splitlines()).get_opcodes()",
        "reference, not a peer: what a plain line diff (diff, git diff) sees; "
        "replace blocks paired line by line",
        reference=True,
    ),
)
