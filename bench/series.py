"""Series benchmark (issue #14): how long a series of real statements takes to compute, and how
fast its timeline page is, against the budgets.

``make bench-series`` (and ``make bench``) runs this script.

1. **compute**: ``diffsvc.series`` over each real series of ``fixtures/series-truth`` from the
   raw texts (reading and normalising included): the FOMC statements of 2008 (10 versions), the
   Quad leaders' statements 2021-2024 (5) and the Government Work Reports 2012-2023 (11: the
   corpus holds no 2020 report). Median of ``--runs`` after one warm-up. The peer run in the same
   process is what an analyst scripts today: ``difflib.unified_diff`` over the lines of each
   consecutive pair (it follows no clause through the versions; it is the floor of what
   "comparing every year with the next" costs in Python).
2. **service**: the Government Work Reports sent to ``POST /api/v1/series`` of the service under
   gunicorn (``gunicorn.conf.py``, default settings but the rate limit: the series goes to the
   background, computed by the worker's own thread), timed from the request to the status URL
   answering 200; then the timeline page ``GET /s/<id>``: server time (loopback, last byte, median
   of ``--runs`` after a warm-up) and, in headless Chromium, time from navigation start to the
   page's ``<html data-ready>`` (fresh context per navigation; median of ``--runs``), as
   ``bench/pages.py`` measures the comparison page.

Budgets: the Government Work Reports series computes in under 5 s, and its timeline page is
interactive in Chromium in under 2 s. Exits 1 when one is missed. A full run writes its table
into ``bench/RESULTS.md`` as the ``## Series`` section.

    python bench/series.py              # full run, writes bench/RESULTS.md
    python bench/series.py --runs 1 --no-write
"""

from __future__ import annotations

import argparse
import difflib
import functools
import gzip
import itertools
import json
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script (make bench-series): make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright

from bench.load import free_port, wait_ready
from bench.pages import (
    CHROMIUM,
    CHROMIUM_ARGS,
    Measure,
    machine_note,
    request,
    start_service,
    time_browser,
    time_server,
    write_section,
)
from bench.series_truth import GWR, NAMES, TRUTH
from diffsvc import series

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
SECTION = "## Series"
COMPUTE_BUDGET = 5.0
TIMELINE_BUDGET = 2.0
GWR_NAME = "gwr-2012-2023"


def raw_texts(name: str) -> tuple[list[str], list[str]]:
    """A truth series' versions as the texts a user uploads, and their labels."""
    truth = json.loads((TRUTH / f"{name}.json").read_text(encoding="utf-8"))
    texts, labels = [], []
    reports: dict[str, str] = {}
    for version in truth["versions"]:
        if "year" in version:
            if not reports:
                with gzip.open(GWR, "rt", encoding="utf-8") as f:
                    rows = [json.loads(line) for line in f]
                reports = {r["year"]: r["content"] for r in rows if r.get("year")}
            texts.append(reports[version["year"]])
        else:
            texts.append((TRUTH / "docs" / version["path"]).read_text(encoding="utf-8"))
        labels.append(version["label"])
    return texts, labels


def timed(runs: int, work: Callable[[], object]) -> float:
    work()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def difflib_lines(texts: list[str]) -> None:
    for old, new in itertools.pairwise(texts):
        list(difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm=""))


def difflib_chars(texts: list[str]) -> None:
    for old, new in itertools.pairwise(texts):
        difflib.SequenceMatcher(None, old, new).get_opcodes()


def service_run(texts: list[str], labels: list[str], runs: int) -> tuple[float, Measure, int, str]:
    """(seconds from POST to done, the timeline page's measure, threads, Chromium's version)."""
    with tempfile.TemporaryDirectory(prefix="bench-series-") as tmp:
        folder = Path(tmp)
        port = free_port()
        log = folder / "gunicorn.log"
        server = start_service(port, folder, log)
        try:
            wait_ready(server, port, log)
            body = json.dumps(
                {
                    "versions": [
                        {"text": t, "label": lab} for t, lab in zip(texts, labels, strict=True)
                    ]
                }
            ).encode()
            started = time.perf_counter()
            status, answer = request(port, "POST", "/api/v1/series", body)
            if status not in (201, 202):
                raise RuntimeError(f"POST /api/v1/series: HTTP {status}: {answer[:300]!r}")
            sid = json.loads(answer)["id"]
            while status == 202:
                time.sleep(0.05)
                status, answer = request(port, "GET", f"/api/v1/series/{sid}")
            done = time.perf_counter() - started
            if status != 200:
                raise RuntimeError(f"GET /api/v1/series/{sid}: HTTP {status}: {answer[:300]!r}")
            threads = len(json.loads(answer)["threads"])
            page = Measure(0, "zh", "timeline")
            time_server(port, f"/s/{sid}", runs, page)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
                )
                chromium = browser.version
                time_browser(browser, f"http://127.0.0.1:{port}/s/{sid}", runs, 30.0, page)
                browser.close()
            return done, page, threads, chromium
        finally:
            server.terminate()
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each measure")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(128 + number))
    rows = []
    gwr_compute = 0.0
    for name in NAMES:
        texts, labels = raw_texts(name)
        ours = timed(args.runs, functools.partial(series, texts, labels=labels))
        lines = timed(args.runs, functools.partial(difflib_lines, texts))
        chars = timed(args.runs, functools.partial(difflib_chars, texts))
        size = sum(len(t) for t in texts)
        if name == GWR_NAME:
            gwr_compute = ours
        rows.append(
            f"| {name} | {len(texts)} | {size:,} | {ours:,.2f} | {lines:,.3f} | {chars:,.2f} | "
            f"{ours / chars:,.2f}× |"
        )
        print(rows[-1], file=sys.stderr, flush=True)
    texts, labels = raw_texts(GWR_NAME)
    done, page, threads, chromium = service_run(texts, labels, args.runs)
    interactive = page.interactive_median
    missed = []
    if gwr_compute >= COMPUTE_BUDGET:
        missed.append(f"compute {gwr_compute:.2f} s ≥ {COMPUTE_BUDGET:g} s")
    if interactive is None or interactive >= TIMELINE_BUDGET or page.errors:
        missed.append(f"timeline interactive {interactive} s ≥ {TIMELINE_BUDGET:g} s {page.errors}")
    verdict = "both budgets met" if not missed else "; ".join(missed)
    server = page.server_median or 0.0
    text = f"""{SECTION}

Produced by `make bench-series` (`bench/series.py`; also run by `make bench`).
{machine_note(chromium)}

**Compute**: `diffsvc.series` from the raw texts (reading included), median of {args.runs} after
a warm-up, against the difflib scripts analysts run over the same consecutive pairs, in the
same process: `unified_diff` of lines (a paragraph changed anywhere is one changed line) and
`SequenceMatcher` of characters (what a Chinese text needs). Neither follows a clause from one
version to the next; the ratio is diffsvc's time over the character script's.

| series | versions | characters | diffsvc s | difflib lines s | difflib characters s | ratio |
|---|---|---|---|---|---|---|
{chr(10).join(rows)}

**Service** (gunicorn, one worker, SQLite; the series computed in the background by the
worker's thread): the Government Work Reports 2012-2023 sent to `POST /api/v1/series`, done
(status URL answering 200) after {done:,.2f} s; {threads:,} threads. Timeline page `/s/<id>`:
server {server * 1000:,.0f} ms (median of {args.runs}), {page.bytes / 1000:,.0f} kB
({page.gzip_bytes / 1000:,.0f} kB gzipped); interactive in headless Chromium
{(interactive or 0) * 1000:,.0f} ms (median of {args.runs}, fresh context each), load event
{(page.load_median or 0) * 1000:,.0f} ms.

Budgets (issue #14): the Government Work Reports series computed in under {COMPUTE_BUDGET:g} s,
its timeline interactive in under {TIMELINE_BUDGET:g} s. This run: {verdict}.
"""
    print(text)
    if not args.no_write:
        write_section(RESULTS, text, SECTION)
        print(f"wrote {RESULTS}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
