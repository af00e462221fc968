"""Engine benchmark (issue #2 §7): diffsvc against difflib, diff-match-patch and redlines.

``make bench`` runs this script. For each language (English, Chinese) and size (10, 100, 1,000,
10,000 clauses) it generates a statement pair with a known answer (:mod:`bench.generate`), then
for each tool, one at a time, in a forked worker process so a runaway peer can be killed:

1. one untimed warm-up call on the 10-clause pair (imports, caches, first-call setup);
2. ``runs`` timed calls, text in, the tool's output out; the median is reported;
3. the clause-alignment accuracy of the last output (:mod:`bench.score`);
4. one more call under ``tracemalloc`` for the peak of Python heap allocations.

Memory is reported twice because neither number is complete: the tracemalloc peak counts only
allocations made through Python's allocator (not rapidfuzz's C++ buffers), and the RSS delta
(worker peak RSS minus its RSS before the first timed call) counts everything the process touched
but may reuse memory it already held. The tracemalloc run is skipped when a single call took
longer than ``--trace-limit`` seconds, since tracing slows pure-Python peers several times.

A tool that exceeds ``--timeout`` seconds on one call is killed, reported as "> N s", and not run
at larger sizes of that language. Results print as Markdown and, for a full run, go to
``bench/RESULTS.md``, above the page's ``## Comparison page`` section (``bench/pages.py``) and
its ``## History`` section, which a run keeps.

Usage::

    python bench/engine.py                    # full run, writes bench/RESULTS.md
    python bench/engine.py --quick            # 10, 100 and 1,000 clauses, print only
    python bench/engine.py --sizes 100 --langs zh --tools diffsvc "difflib words"
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib.metadata
import multiprocessing as mp
import os
import platform
import resource
import statistics
import sys
import time
import tracemalloc
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script (make bench): make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import Lang, Pair, generate_pair
from bench.score import Score, score
from bench.tools import TOOLS, Tool

SIZES = (10, 100, 1_000, 10_000)
QUICK_SIZES = (10, 100, 1_000)
LANGS: tuple[Lang, ...] = ("en", "zh")
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
# Budgets for diffsvc on the 2-core reference machine (issue #11): clauses -> seconds.
TIME_BUDGETS = {100: 0.050, 1_000: 1.0, 10_000: 10.0}
MEMORY_BUDGET_MB = 1024.0
OP_COLUMNS = ("unchanged", "modified", "added", "removed", "split", "merged", "moved")


def runs_for(size: int) -> int:
    """How many timed calls a size gets: more where calls are short and noisy."""
    return 7 if size <= 100 else 3


@dataclass
class Result:
    """What one tool did on one pair."""

    tool: str
    times: list[float] = field(default_factory=list)
    score: Score | None = None
    heap_mb: float | None = None
    rss_mb: float | None = None
    error: str | None = None
    timed_out: bool = False
    skipped: bool = False

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None


def _rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _worker(conn: Connection, tool: Tool, pair: Pair, warm: Pair, runs: int, trace: float) -> None:
    """Measure ``tool`` on ``pair`` in a child process, sending each finding as soon as known."""
    try:
        tool.run(warm.left_text, warm.right_text)
        gc.collect()
        base = _rss_bytes()
        output: Any = None
        first = 0.0
        for i in range(runs):
            output = None
            t0 = time.perf_counter()
            output = tool.run(pair.left_text, pair.right_text)
            elapsed = time.perf_counter() - t0
            conn.send(("time", elapsed))
            first = first or elapsed
            if i == 0 and elapsed > 5:  # one long call is measurement enough
                break
        peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        conn.send(("rss", max(0, peak_rss - base)))
        conn.send(("score", score(pair.truth, tool.align(output, pair))))
        if first <= trace:
            output = None
            gc.collect()
            tracemalloc.start()
            tool.run(pair.left_text, pair.right_text)
            conn.send(("heap", tracemalloc.get_traced_memory()[1]))
            tracemalloc.stop()
        conn.send(("done", None))
    except Exception as exc:  # reported in the table, the benchmark goes on
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def measure(tool: Tool, pair: Pair, warm: Pair, *, timeout: float, trace: float) -> Result:
    """Run ``_worker`` and collect its messages; kill it when one call outlasts ``timeout``."""
    result = Result(tool.name)
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(
        target=_worker, args=(child, tool, pair, warm, runs_for(pair.size), trace), daemon=True
    )
    proc.start()
    child.close()
    try:
        while parent.poll(timeout):
            kind, value = parent.recv()
            if kind == "time":
                result.times.append(value)
            elif kind == "rss":
                result.rss_mb = value / 2**20
            elif kind == "score":
                result.score = value
            elif kind == "heap":
                result.heap_mb = value / 2**20
            elif kind == "error":
                result.error = value
                break
            else:
                break
        else:
            # Silence past the timeout during the timed calls is a timeout of the tool; during
            # scoring or the traced call it only costs the numbers not yet sent.
            result.timed_out = result.rss_mb is None
    except EOFError:
        result.error = "worker died"
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
        parent.close()
    if any(t > timeout for t in result.times):
        result.timed_out = True
    return result


# --- report ---------------------------------------------------------------------------------------


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    return f"{seconds * 1000:,.1f}" if seconds < 10 else f"{seconds * 1000:,.0f}"


def _mb(value: float | None) -> str:
    return "—" if value is None else f"{value:,.1f}"


def _time_cell(r: Result, timeout: float) -> str:
    if r.skipped:
        return f"> {timeout:g} s (skipped)"
    if r.timed_out and not r.times:
        return f"> {timeout:g} s"
    if r.error:
        return "error"
    return _ms(r.median)


def _ratio(r: Result, base: Result | None, timeout: float) -> str:
    if base is None or base.median is None:
        return "—"
    if r.median is None:
        return f"> {timeout / base.median:,.0f}×" if (r.timed_out or r.skipped) else "—"
    ratio = r.median / base.median
    return f"{ratio:,.2f}×" if ratio < 10 else f"{ratio:,.0f}×"


def _accuracy(r: Result) -> str:
    if r.score is None:
        return "—"
    s = r.score
    return f"{s.accuracy:.1%} ({s.reproduced:,}/{s.total:,})"


def _moves(r: Result, tool: Tool) -> str:
    if r.score is None:
        return "—"
    s = r.score
    if tool.name != "diffsvc":
        return f"n/a ({s.by_op.get('moved', (0, 0))[0]} paired)"
    return f"{s.moves_flagged}/{s.moves_total} (+{s.false_moves} false)"


def table(lang: Lang, size: int, results: list[Result], timeout: float) -> str:
    """Markdown table for one pair: speed, memory, ratio to diffsvc, accuracy."""
    by_name = {r.tool: r for r in results}
    base = by_name.get("diffsvc")
    tools = {t.name: t for t in TOOLS}
    lines = [
        f"#### {'English' if lang == 'en' else 'Chinese'}, {size:,} clauses",
        "",
        "| tool | median ms | heap peak MB | RSS Δ MB | time ÷ diffsvc | accuracy | moves |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        tool = tools[r.tool]
        name = f"{r.tool} (reference)" if tool.reference else r.tool
        if r.error:
            name += f" — {r.error}"
        lines.append(
            f"| {name} | {_time_cell(r, timeout)} | {_mb(r.heap_mb)} | {_mb(r.rss_mb)} "
            f"| {_ratio(r, base, timeout)} | {_accuracy(r)} | {_moves(r, tool)} |"
        )
    return "\n".join(lines)


def breakdown(lang: Lang, rows: list[tuple[int, Result]]) -> str:
    """Per-op reproduced/total for every tool and size of one language."""
    head = "| size | tool | " + " | ".join(OP_COLUMNS) + " |"
    lines = [
        f"#### {'English' if lang == 'en' else 'Chinese'}: reproduced / ground truth, by op",
        "",
        head,
        "|---:|---|" + "---:|" * len(OP_COLUMNS),
    ]
    for size, r in rows:
        if r.score is None:
            continue
        cells = []
        for op in OP_COLUMNS:
            hit, total = r.score.by_op.get(op, (0, 0))
            cells.append(f"{hit:,}/{total:,}" if total else "—")
        lines.append(f"| {size:,} | {r.tool} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _tool(name: str) -> Tool:
    return next(t for t in TOOLS if t.name == name)


def budgets(all_results: dict[tuple[Lang, int], list[Result]]) -> str:
    """One line per budget (issue #11: time by size, memory at 10,000 clauses), met or not,
    and the peers that finished first, with what their speed cost them in accuracy."""
    lines = []
    for (lang, size), results in sorted(all_results.items()):
        base = next((r for r in results if r.tool == "diffsvc"), None)
        if base is None or base.median is None:
            continue
        checks = []
        if size in TIME_BUDGETS:
            ok = base.median < TIME_BUDGETS[size]
            checks.append(
                f"time {_ms(base.median)} ms < {TIME_BUDGETS[size] * 1000:g} ms "
                f"{'✓' if ok else '✗'}"
            )
        if size >= 10_000:
            mem = max(base.heap_mb or 0.0, base.rss_mb or 0.0)
            checks.append(
                f"memory {mem:,.0f} MB < {MEMORY_BUDGET_MB:,.0f} MB "
                f"{'✓' if mem < MEMORY_BUDGET_MB else '✗'}"
            )
        peers = [r for r in results if r.tool != "diffsvc" and not _tool(r.tool).reference]
        if size >= 1_000 and peers:
            # A faster peer is shown with its accuracy: speed bought by giving up is no win.
            slower = [
                f"{r.tool} ({_ms(r.median)} ms, accuracy {_accuracy(r)})"
                for r in peers
                if r.median is not None and r.median <= base.median
            ]
            checks.append(
                "faster than every peer" if not slower else f"faster: {', '.join(slower)}"
            )
        if checks:
            lines.append(f"- {lang} {size:,}: " + "; ".join(checks))
    return "\n".join(lines)


def cpu_name() -> str:
    """The processor's model name, for the note under every results table."""
    try:
        with open("/proc/cpuinfo") as f:
            names = (line.split(":", 1)[1] for line in f if line.startswith("model name"))
            return next(names).strip()
    except (OSError, StopIteration):
        return "unknown CPU"


def machine_note() -> str:
    """Where and with what the numbers were measured."""
    cpu = cpu_name()
    try:
        import diffsvc

        versions = [f"diffsvc {diffsvc.__version__}"]
    except ImportError:
        versions = ["diffsvc (not importable)"]
    for dist in ("rapidfuzz", "diff-match-patch", "redlines", "pydantic"):
        try:
            versions.append(f"{dist} {importlib.metadata.version(dist)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{dist} (not installed)")
    # Other work on the machine inflates every time; the load average says how much there was.
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} CPUs "
        f"({cpu}), Python {platform.python_version()}, {platform.system()} "
        f"{platform.release()}; load average at the end {load}; {', '.join(versions)}."
    )


def _hopeless(previous: tuple[int, float] | None, size: int, timeout: float) -> bool:
    """True when even linear scaling from a smaller size predicts a call over ``timeout``."""
    if previous is None:
        return False
    prev_size, seconds = previous
    return seconds * size / prev_size > timeout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="sizes 10, 100, 1000; print only")
    parser.add_argument("--sizes", type=int, nargs="+", help="clause counts to generate")
    parser.add_argument("--langs", nargs="+", choices=LANGS, default=list(LANGS))
    parser.add_argument("--tools", nargs="+", choices=[t.name for t in TOOLS])
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per call, then kill")
    parser.add_argument(
        "--trace-limit",
        type=float,
        default=5.0,
        help="skip the tracemalloc call when one plain call took longer (seconds)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--output", type=Path, help=f"write Markdown here (full run: {RESULTS})")
    args = parser.parse_args(argv)

    sizes = tuple(args.sizes or (QUICK_SIZES if args.quick else SIZES))
    output = args.output or (RESULTS if not (args.quick or args.sizes or args.tools) else None)
    tools = [t for t in TOOLS if not args.tools or t.name in args.tools]
    started = time.monotonic()
    all_results: dict[tuple[Lang, int], list[Result]] = {}
    sections: list[str] = []
    for lang in args.langs:
        warm = generate_pair(lang, 10, seed=args.seed + 1)
        given_up: set[str] = set()
        last: dict[str, tuple[int, float]] = {}
        per_lang: list[tuple[int, Result]] = []
        for size in sizes:
            pair = generate_pair(lang, size, seed=args.seed)
            results = []
            for tool in tools:
                if tool.name in given_up or _hopeless(last.get(tool.name), size, args.timeout):
                    given_up.add(tool.name)
                    results.append(Result(tool.name, skipped=True))
                    continue
                r = measure(tool, pair, warm, timeout=args.timeout, trace=args.trace_limit)
                if r.timed_out:
                    given_up.add(tool.name)
                results.append(r)
                per_lang.append((size, r))
                if r.median is not None:
                    last[tool.name] = (size, r.median)
                cell = _time_cell(r, args.timeout) + (" ms" if r.median is not None else "")
                print(
                    f"  {lang} {size:>6,} {tool.name:<18} {cell:>20}  {_accuracy(r)}",
                    file=sys.stderr,
                    flush=True,
                )
            all_results[lang, size] = results
            text = table(lang, size, results, args.timeout)
            print(text + "\n", flush=True)
            sections.append(text)
        sections.append(breakdown(lang, per_lang))
    check = budgets(all_results)
    print(check)
    print(f"\n(total {time.monotonic() - started:,.0f} s)", file=sys.stderr)
    if output:
        page = render(sections, check, tools, args.timeout) + history(output)
        output.write_text(page, encoding="utf-8")
        print(f"wrote {output}", file=sys.stderr)
    return 0


HISTORY = "## History"
# bench/pages.py writes its own section just above the history; an engine run keeps it.
KEPT = ("## Comparison page", HISTORY)


def history(path: Path) -> str:
    """The page's measurement history (its ``## History`` section on, with the comparison page
    section above it), which a new run keeps: the tables above are the newest run, the history
    says how earlier engines measured."""
    if not path.exists():
        return ""
    text = path.read_text(encoding="utf-8")
    found = [at for at in (text.find("\n" + name) for name in KEPT) if at >= 0]
    return text[min(found) :] if found else ""


def render(sections: list[str], check: str, tools: list[Tool], timeout: float) -> str:
    """RESULTS.md: method first, then the tables, so a reader knows what a number means."""
    tool_lines = "\n".join(
        f"- **{t.name}**: `{t.call}`" + (f" ({t.note})" if t.note else "") for t in tools
    )
    return f"""# Engine benchmark

Produced by `make bench` (`bench/engine.py`). {machine_note()}

## What is measured

Each pair is generated by `bench/generate.py` (seed 0): a statement of N numbered clauses, one per
line, and a next-year version with ~10% of clauses reworded (a few words or characters changed),
~3% deleted, ~3% inserted, ~2% moved (half reworded too), one clause split in two and two clauses
merged into one; numbers are rewritten, so clauses after an insertion or deletion are renumbered.
English items are numbered `1.`; Chinese items `一、` up to 99 clauses, `第一百条　` beyond.

Tools, each timed end to end (both texts in, the tool's output out):

{tool_lines}

Columns:

- **median ms**: median of 7 calls (10 and 100 clauses) or 3 (1,000 and 10,000; 1 when the first
  call took over 5 s), after one untimed warm-up call on a 10-clause pair, in a fresh forked
  process per tool and size. A call over {timeout:g} s is killed and shown as "> {timeout:g} s";
  the tool then skips the larger sizes of that language, and so does a tool whose time at the
  previous size, scaled linearly to the next (no tool here is better than linear), exceeds
  {timeout:g} s: "> {timeout:g} s (skipped)".
- **heap peak MB**: `tracemalloc` peak over one extra call (Python allocations only; C/C++
  buffers, e.g. rapidfuzz's, are not seen); "—" where one call took over 5 s.
- **RSS Δ MB**: the worker's peak resident set during the timed calls minus its resident set
  before them (sees native memory, but memory the process already held is not counted again).
- **time ÷ diffsvc**: the tool's median divided by diffsvc's (above 1: diffsvc is faster).
  diff-match-patch never takes much over 1 s because `diff_main` stops at its `Diff_Timeout`
  and returns the coarse diff it has by then; its accuracy shows what that costs, and varies
  from run to run with the machine's speed and load.
- **accuracy**: ground-truth alignment entries the tool reproduces, over all entries. An entry is
  one unchanged, modified, removed or added clause, one split (1 → 2) or one merge (2 → 1).
  It is reproduced when the tool reports the same op over the same left and right clauses.
  diffsvc's ops are read from its JSON. For the peers, clause alignments are derived from their
  output: HtmlDiff from the rows of its side-by-side table; word and character diffs by counting
  the equal characters each left clause shares with each right clause and linking two clauses
  that share at least half of the shorter one (linked groups are pairs, splits or merges,
  unlinked clauses are removed or added); line opcodes by pairing `replace` blocks line by line.
  A pair is `unchanged` when the texts are equal apart from the numbering, else `modified`.
  Moved clauses count as reproduced when paired, whatever the tool says about the move.
- **moves**: diffsvc's `moved` flags: moved clauses reproduced and flagged, out of all moved
  clauses, and (+N false) entries flagged that did not move. No peer can report a move; shown is
  how many moved clauses they still pair.

## Results

{chr(10).join(s + chr(10) for s in sections)}
## Budgets

{check or "(diffsvc not measured)"}
"""


if __name__ == "__main__":
    sys.exit(main())
