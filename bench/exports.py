"""Exports benchmark (issue #15): how long each file a comparison is handed on as takes to make.

``make bench-exports`` (and ``make bench``) runs this script. For each language (English,
Chinese) it generates a 1,000-clause statement pair with known edits (:mod:`bench.generate`, as
``bench/engine.py`` does: rewordings, deletions, insertions, moves, a split, a merge), compares
it once, then renders every format of ``diffsvc.views.exports.FORMATS`` from that Comparison in
this process, the PDF once per view: one untimed warm-up (imports, fonts, templates), then
``--runs`` timed renders; the median is reported, with the file's size. That is the work the
service does for ``GET /api/v1/comparisons/<id>/export`` once the comparison is read from the
store.

Budget: under 5 s per format. Exits 1 when one is missed (or a format fails). A full run writes
its table into ``bench/RESULTS.md`` as the ``## Exports`` section.

    python bench/exports.py              # full run, writes bench/RESULTS.md
    python bench/exports.py --runs 1 --no-write
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script (make bench-exports): make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import Lang, generate_pair
from bench.pages import machine_note as page_machine_note
from bench.pages import write_section
from diffsvc import compare
from diffsvc.models import Comparison
from diffsvc.views.exports import FORMATS, PDF_VIEWS, ExportOptions

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
SECTION = "## Exports"
SIZE = 1_000
LANGS: tuple[Lang, ...] = ("en", "zh")
BUDGET = 5.0


@dataclass
class Timing:
    """One format of one comparison: the median seconds and the file's bytes, or its error."""

    seconds: float | None = None
    size: int = 0
    error: str | None = None

    def cell(self) -> str:
        if self.seconds is None:
            return f"failed: {self.error}"
        return f"{self.seconds:,.2f} s · {self.size / 1000:,.0f} kB"


def machine_note() -> str:
    """Where and when: the pages' note (commit, CPU, load), without a browser, which no export
    uses."""
    return page_machine_note("").replace(", Chromium (not run)", "")


def cases() -> list[tuple[str, str, ExportOptions]]:
    """(row name, format, options): every format, the PDF in each of its views."""
    out = []
    for name in FORMATS:
        if name == "pdf":
            out += [(f"pdf ({view})", name, ExportOptions(view=view)) for view in PDF_VIEWS]
        else:
            out.append((name, name, ExportOptions()))
    return out


def measure(result: Comparison, fmt: str, options: ExportOptions, runs: int) -> Timing:
    render = FORMATS[fmt].render
    try:
        data = render(result, options)
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            data = render(result, options)
            times.append(time.perf_counter() - started)
    except Exception as exc:  # a format that fails is reported, and the run goes on
        traceback.print_exc()
        return Timing(error=f"{type(exc).__name__}: {exc}"[:120])
    return Timing(statistics.median(times), len(data))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=3, help="timed renders of each format")
    parser.add_argument("--size", type=int, default=SIZE, help=f"clauses (default {SIZE:,})")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    results: dict[Lang, tuple[Comparison, float]] = {}
    for lang in LANGS:
        pair = generate_pair(lang, args.size, seed=0)
        started = time.perf_counter()
        result = compare(pair.left_text, pair.right_text)
        results[lang] = (result, time.perf_counter() - started)
    rows, missed = [], []
    for name, fmt, options in cases():
        cells = []
        for lang in LANGS:
            timing = measure(results[lang][0], fmt, options, args.runs)
            cells.append(timing.cell())
            if timing.seconds is None or timing.seconds >= BUDGET:
                missed.append(f"{name} {lang}: {timing.cell()}")
        rows.append(f"| {name} | {' | '.join(cells)} |")
        print(rows[-1], file=sys.stderr, flush=True)
    described = []
    for lang in LANGS:
        result, seconds = results[lang]
        summary = result.summary
        described.append(
            f"{lang}: {len(result.left.clauses):,} → {len(result.right.clauses):,} clauses, "
            f"{len(result.alignment):,} entries of which {summary.changed:,} changed "
            f"({summary.moved} moved), compared in {seconds:,.2f} s"
        )
    verdict = "every format within it" if not missed else "missed: " + "; ".join(missed)
    heads = " | ".join(f"{lang} {args.size:,} clauses" for lang in LANGS)
    text = f"""{SECTION}

Produced by `make bench-exports` (`bench/exports.py`; also run by `make bench`).
{machine_note()}

Each format rendered from a generated {args.size:,}-clause comparison
({"; ".join(described)}) in one process: the median of {args.runs} renders after a warm-up,
and the file's size. The PDF is measured in each of its views; the change list (xlsx, csv) has
one row per entry.

| format | {heads} |
|---|{"---|" * len(LANGS)}
{chr(10).join(rows)}

Budget (issue #15): under {BUDGET:g} s per format at {SIZE:,} clauses. This run: {verdict}.
"""
    print(text)
    if not args.no_write:
        write_section(RESULTS, text, SECTION)
        print(f"wrote {RESULTS}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
