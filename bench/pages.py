"""Comparison page benchmark (issue #13 §4): server time and time to interactive of big pages.

``make bench-pages`` (and ``make bench``, after the engine benchmark) runs this script. For each
language (English, Chinese) and size (10,000 and 20,000 clauses) it generates a statement pair
with :mod:`bench.generate`, stores its comparison through the service's own API, then for each
view (``/c/<id>/side``, ``/inline``, ``/changes``):

1. **server time**: ``GET /c/<id>/<view>`` over loopback, from sending the request to the last
   byte of the answer; one untimed warm-up request, then the median of ``--runs`` (5). Also the
   size of the page in bytes, as sent and gzipped (what a compressing proxy would send).
2. **interactive**: in headless Chromium, a fresh browser context per navigation (a first
   visit: nothing cached), the time from navigation start to the moment the page's script sets
   ``document.documentElement.dataset.ready``, read with ``performance.now()`` in the page by an
   observer installed before any page script runs; one untimed warm-up navigation, then the
   median of ``--runs``. A page that never sets the marker is timed to the end of its load event
   instead, and the table says so: that is only a lower bound of when it becomes usable.

Why the real service: the page's cost is the whole request (store read, page build, template,
WSGI) as users meet it, so gunicorn is started with the repository's ``gunicorn.conf.py`` and
``app:app``, as ``make run`` does, on a free port and a throwaway SQLite store. One worker, so
the warm-up request warms the worker that answers the timed ones. The request and clause limits,
the compare time budget and the worker timeout are raised for the run: a 20,000-clause pair is
over the default 5 MB request and 10 s compare budget, and a page slower than the production
worker timeout (30 s) is to be measured, not killed (the table marks such a page).

Budgets (issue #13): the 10,000-clause page in under 1.5 s of server time and interactive in
under 3 s, every view, both languages. The 20,000-clause page is reported without a budget.
Exits 1 when a budget is missed or a page fails. A full run (no size, language, view or run
option given) writes its table into ``bench/RESULTS.md`` as the ``## Comparison page`` section,
replacing the previous one and leaving the rest of the page as it is.

Usage::

    python bench/pages.py                          # full run, writes bench/RESULTS.md
    python bench/pages.py --sizes 1000 --runs 2    # quick look, print only
    python bench/pages.py --langs en --views side --no-browser
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import http.client
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script (make bench-pages): make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import Browser, ViewportSize, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from bench.engine import cpu_name
from bench.generate import Lang, generate_pair
from bench.load import free_port, wait_ready

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
SECTION = "## Comparison page"
HISTORY = "## History"
SIZES = (10_000, 20_000)
LANGS: tuple[Lang, ...] = ("en", "zh")
VIEWS = ("side", "inline", "changes")
BUDGET_SIZE = 10_000
SERVER_BUDGET = 1.5
INTERACTIVE_BUDGET = 3.0
PRODUCTION_WORKER_TIMEOUT = 30.0
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}

# Installed before any page script (through the DevTools protocol, so the page's CSP does not
# apply). It records performance.now() -- milliseconds since navigation start -- in the microtask
# after the page sets data-ready. Only <html>'s attributes are watched: observing the whole
# subtree would queue a record per parsed node and slow the very page being timed.
WATCH_READY = """(() => {
  const record = () => {
    if (window.__pageReady === undefined && document.documentElement?.dataset.ready !== undefined)
      window.__pageReady = performance.now();
  };
  const watchRoot = () => {
    new MutationObserver(record).observe(document.documentElement,
      {attributes: true, attributeFilter: ['data-ready']});
    record();
  };
  if (document.documentElement) { watchRoot(); return; }
  const waiting = new MutationObserver(() => {
    if (document.documentElement) { waiting.disconnect(); watchRoot(); }
  });
  waiting.observe(document, {childList: true});
})();"""
LOAD_END = "performance.getEntriesByType('navigation')[0].loadEventEnd"


@dataclass
class Measure:
    """One page (size, language, view): what the server and the browser took."""

    size: int
    lang: Lang
    view: str
    server: list[float] = field(default_factory=list)
    bytes: int = 0
    gzip_bytes: int = 0
    interactive: list[float] = field(default_factory=list)
    load: list[float] = field(default_factory=list)
    marker: bool | None = None  # did the page set data-ready? None: not run in the browser
    errors: list[str] = field(default_factory=list)

    @property
    def server_median(self) -> float | None:
        return statistics.median(self.server) if self.server else None

    @property
    def interactive_median(self) -> float | None:
        return statistics.median(self.interactive) if self.interactive else None

    @property
    def load_median(self) -> float | None:
        return statistics.median(self.load) if self.load else None

    def misses(self) -> list[str]:
        """The budgets this page misses (none above or below the budgeted size)."""
        if self.size != BUDGET_SIZE:
            return []
        missed = []
        if self.server_median is None or self.server_median >= SERVER_BUDGET:
            missed.append("server")
        if self.marker is not None and (
            self.interactive_median is None or self.interactive_median >= INTERACTIVE_BUDGET
        ):
            missed.append("interactive")
        return missed


# --- the service ----------------------------------------------------------------------------------


def start_service(port: int, folder: Path, log: Path) -> subprocess.Popen[bytes]:
    env = os.environ | {
        "DIFFSVC_DATABASE_URL": f"sqlite:///{folder}/diffsvc.sqlite3",
        "DIFFSVC_VAR_DIR": str(folder / "var"),
        "DIFFSVC_BIND": f"127.0.0.1:{port}",
        "DIFFSVC_WORKERS": "1",
        "DIFFSVC_LOG_LEVEL": "WARNING",
        "DIFFSVC_RATE_LIMIT_PER_MINUTE": "0",
        "DIFFSVC_MAX_REQUEST_BYTES": str(256 * 2**20),
        "DIFFSVC_MAX_CLAUSES": "1000000",
        "DIFFSVC_TIME_BUDGET_SECONDS": "900",
        "DIFFSVC_WORKER_TIMEOUT": "1200",
    }
    command = [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "app:app"]
    with log.open("wb") as sink:
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def request(port: int, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1200)
    try:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def store_pair(port: int, lang: Lang, size: int, seed: int) -> str:
    """Compare a generated pair through POST /api/v1/compare (which stores it); its id."""
    pair = generate_pair(lang, size, seed=seed)
    body = json.dumps({"left": {"text": pair.left_text}, "right": {"text": pair.right_text}})
    status, answer = request(port, "POST", "/api/v1/compare", body.encode())
    if status != 200:
        raise RuntimeError(f"storing {lang} {size:,}: HTTP {status}: {answer[:500]!r}")
    cid: str = json.loads(answer)["id"]
    return cid


def time_server(port: int, path: str, runs: int, measure: Measure) -> None:
    request(port, "GET", path)
    for _ in range(runs):
        started = time.perf_counter()
        status, page = request(port, "GET", path)
        elapsed = time.perf_counter() - started
        if status != 200:
            measure.errors.append(f"GET {path}: HTTP {status}")
            return
        measure.server.append(elapsed)
    measure.bytes = len(page)
    measure.gzip_bytes = len(gzip.compress(page, compresslevel=6))


# --- the browser ----------------------------------------------------------------------------------


def navigate(browser: Browser, url: str, ready_timeout: float | None) -> tuple[float | None, float]:
    """Open ``url`` in a fresh context: (ms to data-ready or None, ms to the end of load)."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        context.add_init_script(WATCH_READY)
        page = context.new_page()
        page.set_default_timeout(600_000)
        page.goto(url, wait_until="load")
        if ready_timeout:
            # A selector wait, not wait_for_function: Playwright evaluates a predicate string
            # with eval, which the page's CSP forbids.
            with contextlib.suppress(PlaywrightTimeout):
                page.wait_for_selector(
                    "html[data-ready]", state="attached", timeout=ready_timeout * 1000
                )
        ready = page.evaluate("window.__pageReady ?? null")
        load = page.evaluate(LOAD_END)
        return (None if ready is None else float(ready)), float(load)
    finally:
        context.close()


def time_browser(
    browser: Browser, url: str, runs: int, ready_timeout: float, measure: Measure
) -> None:
    # The warm-up navigation also learns whether the page sets the marker at all; a page that
    # does not is not waited for again, or every run would cost the whole timeout.
    ready, _ = navigate(browser, url, ready_timeout)
    measure.marker = ready is not None
    for _ in range(runs):
        ready, load = navigate(browser, url, ready_timeout if measure.marker else None)
        measure.load.append(load / 1000)
        if measure.marker and ready is None:
            measure.errors.append("data-ready not set on a timed run")
            return
        measure.interactive.append((ready if ready is not None else load) / 1000)


# --- report ---------------------------------------------------------------------------------------


def _ms(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds * 1000:,.0f}"


def _size(count: int) -> str:
    if not count:
        return "—"
    return f"{count / 2**20:,.1f} MB" if count >= 2**20 else f"{count / 2**10:,.0f} kB"


def _budget(m: Measure) -> str:
    if m.size != BUDGET_SIZE:
        return "(none)"
    server = "✗" if "server" in m.misses() else "✓"
    if m.marker is None:
        return f"server {server}"
    return f"server {server}, interactive {'✗' if 'interactive' in m.misses() else '✓'}"


def table(measures: list[Measure], runs: int) -> str:
    lines = [
        f"| clauses | language | view | server ms (median of {runs}) | page | gzipped "
        f"| interactive ms (median of {runs}) | load event ms | budget |",
        "|---:|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for m in measures:
        interactive = _ms(m.interactive_median)
        if m.marker is False:
            interactive += " (load event: no data-ready)"
        if m.server_median is not None and m.server_median > PRODUCTION_WORKER_TIMEOUT:
            interactive += f" (server over the {PRODUCTION_WORKER_TIMEOUT:g} s worker timeout)"
        view = m.view + (" (failed, see below)" if m.errors else "")
        lines.append(
            f"| {m.size:,} | {'English' if m.lang == 'en' else 'Chinese'} | {view} "
            f"| {_ms(m.server_median)} | {_size(m.bytes)} | {_size(m.gzip_bytes)} "
            f"| {interactive} | {_ms(m.load_median)} | {_budget(m)} |"
        )
    return "\n".join(lines)


def budget_lines(measures: list[Measure]) -> list[str]:
    lines = []
    for m in measures:
        if m.size != BUDGET_SIZE:
            continue
        parts = [f"server {_ms(m.server_median)} ms < {SERVER_BUDGET * 1000:,.0f} ms"]
        parts[0] += " ✗" if "server" in m.misses() else " ✓"
        if m.marker is not None:
            how = "" if m.marker else " (load event)"
            mark = "✗" if "interactive" in m.misses() else "✓"
            parts.append(
                f"interactive {_ms(m.interactive_median)} ms{how} < "
                f"{INTERACTIVE_BUDGET * 1000:,.0f} ms {mark}"
            )
        lines.append(f"- {m.lang} {m.size:,} {m.view}: " + "; ".join(parts))
    return lines


def failures(measures: list[Measure]) -> str:
    lines = [f"- {m.lang} {m.size:,} {m.view}: {error}" for m in measures for error in m.errors]
    return "\nFailures:\n\n" + "\n".join(lines) + "\n" if lines else ""


def _git(*args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def machine_note(chromium: str) -> str:
    cpu = cpu_name()
    commit = _git("rev-parse", "--short", "HEAD") or "unknown"
    # The page is what is measured: say when it is not the committed one.
    if _git("status", "--porcelain", "--", "diffsvc"):
        commit += " with uncommitted changes to diffsvc/"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} CPUs ({cpu}), "
        f"Python {platform.python_version()}, Chromium {chromium or '(not run)'}, commit {commit}; "
        f"load average at the end {load}."
    )


def section(measures: list[Measure], runs: int, note: str) -> str:
    missed = sum(bool(m.misses()) for m in measures)
    verdict = "every budget met" if not missed else f"{missed} page(s) over budget"
    if not any(m.size == BUDGET_SIZE for m in measures):
        verdict = f"no {BUDGET_SIZE:,}-clause page measured, so no budget checked"
    window = f"{VIEWPORT['width']}×{VIEWPORT['height']}"
    return f"""{SECTION}

Produced by `make bench-pages` (`bench/pages.py`; also run by `make bench`). {note}

Each pair is generated by `bench/generate.py` (seed 0, as above) and stored through
`POST /api/v1/compare` of the service under gunicorn (`gunicorn.conf.py`, one worker, SQLite,
request, clause and time limits raised for the run). For each view:

- **server ms**: `GET /c/<id>/<view>` over loopback, request sent to last byte received; median
  of {runs} after one warm-up request. **page** and **gzipped**: the HTML as sent, and its gzip
  size (level 6) as a compressing proxy would send it.
- **interactive ms**: headless Chromium at {window}, a fresh context per
  navigation (nothing cached), from navigation start to the page's script setting
  `<html data-ready>`, by `performance.now()` in the page; median of {runs} after one warm-up
  navigation. A page without the marker is timed to the end of its load event instead (marked
  "load event: no data-ready"), which is only a lower bound of when it is usable.
- **load event ms**: navigation start to the end of the load event, same navigations.

Budgets (issue #13), for 10,000 clauses, every view, both languages: server under
{SERVER_BUDGET:g} s, interactive under {INTERACTIVE_BUDGET:g} s. 20,000 clauses: no budget.
This run: {verdict}.

{table(measures, runs)}

{chr(10).join(budget_lines(measures))}
{failures(measures)}"""


def write_section(path: Path, text: str, heading: str = SECTION) -> None:
    """Put ``text`` in place of the page's ``heading`` section (the comparison page's by
    default); a page without one gets it just above its history (where bench/engine.py keeps
    it), else at the end."""
    page = path.read_text(encoding="utf-8") if path.exists() else ""
    block = text.rstrip("\n") + "\n"
    start = page.find("\n" + heading + "\n")
    if start >= 0:
        end = page.find("\n## ", start + 1)
        rest = page[end + 1 :] if end >= 0 else ""
        page = page[: start + 1] + block + ("\n" + rest if rest else "")
    else:
        at = page.find("\n" + HISTORY)
        if at >= 0:
            page = page[: at + 1] + block + "\n" + page[at + 1 :]
        else:
            page = page.rstrip("\n") + ("\n\n" if page else "") + block
    path.write_text(page, encoding="utf-8")


# --- main -----------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", help=f"clause counts (default {SIZES})")
    parser.add_argument("--langs", nargs="+", choices=LANGS, default=list(LANGS))
    parser.add_argument("--views", nargs="+", choices=VIEWS, default=list(VIEWS))
    parser.add_argument("--runs", type=int, default=5, help="timed requests and navigations")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-browser", action="store_true", help="server times only")
    parser.add_argument(
        "--ready-timeout",
        type=float,
        default=30.0,
        help="seconds to wait after the load event for data-ready before falling back to it",
    )
    parser.add_argument("--output", type=Path, help=f"write the section here (full run: {RESULTS})")
    parser.add_argument("--no-write", action="store_true", help="print only, even on a full run")
    args = parser.parse_args(argv)

    full = (
        args.sizes is None
        and args.langs == list(LANGS)
        and args.views == list(VIEWS)
        and args.runs == 5
        and not args.no_browser
    )
    output = None if args.no_write else (args.output or (RESULTS if full else None))
    sizes = tuple(args.sizes or SIZES)
    if not args.no_browser and not CHROMIUM.exists():
        print(f"Chromium is required at {CHROMIUM}: run make sysdeps", file=sys.stderr)
        return 2

    # A run lasts minutes; stopped with SIGTERM, it still stops its gunicorn and removes its
    # temporary store (the finally blocks below run only for an exception, not a bare signal).
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(128 + number))
    started = time.monotonic()
    measures: list[Measure] = []
    chromium = ""
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        folder = Path(tmp)
        port = free_port()
        log = folder / "gunicorn.log"
        server = start_service(port, folder, log)
        try:
            wait_ready(server, port, log)
            ids: dict[tuple[Lang, int], str] = {}
            for lang in args.langs:
                for size in sizes:
                    t0 = time.monotonic()
                    ids[lang, size] = store_pair(port, lang, size, args.seed)
                    print(
                        f"  stored {lang} {size:>6,} in {time.monotonic() - t0:,.1f} s",
                        file=sys.stderr,
                        flush=True,
                    )
            with sync_playwright() as playwright:
                browser = None
                if not args.no_browser:
                    browser = playwright.chromium.launch(
                        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
                    )
                    chromium = browser.version
                for (lang, size), cid in ids.items():
                    for view in args.views:
                        m = Measure(size, lang, view)
                        path = f"/c/{cid}/{view}"
                        try:
                            time_server(port, path, args.runs, m)
                            if browser is not None:
                                url = f"http://127.0.0.1:{port}{path}"
                                time_browser(browser, url, args.runs, args.ready_timeout, m)
                        except (OSError, PlaywrightError) as exc:
                            m.errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
                        measures.append(m)
                        print(
                            f"  {lang} {size:>6,} {view:<8} server {_ms(m.server_median):>7} ms"
                            f"  {_size(m.bytes):>9}  interactive {_ms(m.interactive_median):>7}"
                            f" ms{'' if m.marker is not False else ' (load event)'}"
                            + (f"  {m.errors}" if m.errors else ""),
                            file=sys.stderr,
                            flush=True,
                        )
                if browser is not None:
                    browser.close()
        finally:
            server.terminate()
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

    text = section(measures, args.runs, machine_note(chromium))
    print(text)
    if any(m.marker is False for m in measures):
        print(
            "note: the page never set <html data-ready>; interactive is the end of the load event",
            file=sys.stderr,
        )
    print(f"(total {time.monotonic() - started:,.0f} s)", file=sys.stderr)
    if output:
        write_section(output, text)
        print(f"wrote {output}", file=sys.stderr)
    failed = [m for m in measures if m.errors]
    missed = [m for m in measures if m.misses()]
    return 1 if failed or missed else 0


if __name__ == "__main__":
    sys.exit(main())
