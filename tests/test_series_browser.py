"""The series pages in Chromium: the form with its script (rows, several files, drops), the
progress page that becomes the timeline, the timeline's layout (sticky header, scrolling inside
the table at phone width), keyboard use, axe on every page, screenshots, and how fast a
timeline of Government Work Report size loads.

Every series here goes to the background runner (``SERIES_BACKGROUND_CHARS: 0``), the thread
the service starts in its own process, so the progress page is what the form leads to.
Screenshots land in ``test-output/`` to be looked at.
"""

from __future__ import annotations

import io
import random
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_support import axe_violations, format_violations
from flask import Flask
from playwright.sync_api import Browser, Page, expect
from web_support import TOKEN, live_server, make_app

import diffsvc

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "test-output"
FOMC = sorted((ROOT / "fixtures" / "series-truth" / "docs" / "fomc").glob("2008*.txt"))


def synthetic(clauses: int = 550, versions: int = 11, seed: int = 7) -> list[str]:
    """A statement of ``clauses`` numbered items through ``versions`` years, each year dropping,
    rewording and adding a few: at least the Government Work Reports' 550 threads by 11
    versions, and computed in about a second."""
    rng = random.Random(seed)
    words = [
        *("cooperation", "security", "trade", "climate", "health", "maritime", "cyber"),
        *("energy", "supply", "chains", "investment", "education", "research", "technology"),
        *("infrastructure", "resilience", "partnership", "fisheries", "space", "vaccines"),
        *("standards", "critical", "minerals", "quantum", "ports", "finance"),
    ]

    def sentence(k: int) -> str:
        return " ".join(rng.choice(words) for _ in range(k)).capitalize()

    current = [sentence(16) for _ in range(clauses)]
    texts = []
    for _ in range(versions):
        texts.append("\n".join(f"{i + 1}. {t}." for i, t in enumerate(current)))
        following = []
        for text in current:
            r = rng.random()
            if r < 0.04:
                continue
            following.append(text + " " + rng.choice(words) if r < 0.15 else text)
            if rng.random() < 0.04:
                following.append(sentence(12))
        current = following
    return texts


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    application = make_app(tmp_path_factory.mktemp("series-browser"), SERIES_BACKGROUND_CHARS=0)
    yield application
    application.extensions["diffsvc"].store.close()


@pytest.fixture(scope="module")
def base(app: Flask) -> Iterator[str]:
    with live_server(app) as url:
        yield url


@pytest.fixture(scope="module")
def fomc(app: Flask) -> str:
    """The FOMC 2008 series, posted through the form, computed in the background."""
    client = app.test_client()
    match = TOKEN.search(client.get("/s/new").get_data(as_text=True))
    assert match
    files = [(io.BytesIO(f.read_bytes()), f.name) for f in FOMC]
    response = client.post(
        "/s/new",
        data={"csrf_token": match.group(1), "files": files},
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    sid = response.headers["Location"].rsplit("/", 1)[1]
    deadline = time.monotonic() + 30
    while client.get(f"/api/v1/series/{sid}").status_code == 202:
        assert time.monotonic() < deadline, "the FOMC series never finished"
        time.sleep(0.1)
    assert client.get(f"/api/v1/series/{sid}").status_code == 200
    return sid


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


def no_violations(page: Page, where: str) -> None:
    violations = axe_violations(page)
    assert violations == [], format_violations(violations, where=where)


def shoot(page: Page, name: str) -> None:
    OUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUT / f"series-{name}.png"))


def discount_thread(app: Flask, sid: str) -> int:
    body = app.test_client().get(f"/s/{sid}.json").get_json()
    last = body["versions"][-1]["clauses"]
    [clause] = [c["index"] for c in last if "discount rate" in c["text"]]
    [thread] = [t for t in body["threads"] if clause in t["cells"][-1]["clauses"]]
    return int(thread["id"])


def test_several_files_become_a_series_shown_with_its_progress(
    page: Page, base: str, tmp_path: Path
) -> None:
    """Eleven versions of GWR size chosen at once, in no order: one row each, by name; the
    form leads to the progress page, which becomes the timeline by itself. (How fast that
    timeline is, is bench/series.py's to measure, not a test's.)"""
    paths = []
    for year, text in zip(range(2013, 2024), synthetic(), strict=True):
        path = tmp_path / f"report-{year}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    page.goto(f"{base}/s/new")
    no_violations(page, "the series form")
    page.set_input_files("input[data-several]", [str(p) for p in reversed(paths)])
    names = page.eval_on_selector_all(
        "li[data-version] input[type=file]", "inputs => inputs.map(i => i.files[0].name)"
    )
    assert names == [p.name for p in paths]
    expect(page.locator("[data-drop-status]")).to_contain_text("11 files added, one version each")
    assert page.eval_on_selector("input[data-several]", "i => i.files.length") == 0
    page.get_by_role("button", name="Follow the clauses").click()
    page.wait_for_url(f"{base}/s/*")
    # The progress page: a real progress bar, a refresh for browsers without the script.
    expect(page.locator("h1")).to_have_text("Comparing the versions…")
    assert page.eval_on_selector("progress", "p => p.max") == 10
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page.content()
    no_violations(page, "the progress page")
    shoot(page, "progress-1400")
    # The script polls the API and reloads once the series is done.
    expect(page.locator("table.tl").first).to_be_visible(timeout=60_000)
    page.wait_for_load_state("load")
    rows = page.locator("tbody tr").count()
    # One row per thread of these eleven versions, as the library follows them.
    assert rows == len(diffsvc.series(synthetic()).threads)


def test_form_rows_are_added_moved_removed_and_files_dropped(page: Page, base: str) -> None:
    page.goto(f"{base}/s/new")
    for i, label in enumerate(("a", "b", "c")):
        page.fill(f"input[name=v{i}_label]", label)
    page.get_by_role("button", name="Add a version").click()
    expect(page.locator("li[data-version]")).to_have_count(4)
    expect(page.locator("input[name=v3_label]")).to_be_focused()
    page.get_by_role("button", name="Move up version 3").click()
    labels = page.eval_on_selector_all("input[data-field=label]", "xs => xs.map(x => x.value)")
    assert labels == ["a", "c", "b", ""]
    assert page.input_value("input[name=v1_label]") == "c"
    page.get_by_role("button", name="Remove version 4").click()
    expect(page.locator("li[data-version]")).to_have_count(3)
    # Files dropped on the form: a version each, in the order of their names.
    dropped = page.evaluate(
        """() => {
      const carrying = new DataTransfer();
      carrying.items.add(new File(["1. Meet."], "b-2024.txt", {type: "text/plain"}));
      carrying.items.add(new File(["1. Meet."], "a-2023.txt", {type: "text/plain"}));
      const form = document.querySelector("[data-series-form]");
      const init = {dataTransfer: carrying, bubbles: true, cancelable: true};
      const over = new DragEvent("dragover", init);
      form.dispatchEvent(over);
      const drop = new DragEvent("drop", init);
      form.querySelector("textarea").dispatchEvent(drop);
      return {over: over.defaultPrevented, dropped: drop.defaultPrevented};
    }"""
    )
    assert dropped == {"over": True, "dropped": True}
    names = page.eval_on_selector_all(
        "li[data-version] input[type=file]",
        "inputs => inputs.map(i => i.files.length ? i.files[0].name : '')",
    )
    assert names == ["", "", "", "a-2023.txt", "b-2024.txt"]
    assert page.input_value("input[data-count]") == "5"
    assert page.eval_on_selector("input[name=v4_file]", "i => i.files[0].name") == "b-2024.txt"


def test_a_refused_form_comes_back_focused_and_accessible(page: Page, base: str) -> None:
    page.goto(f"{base}/s/new")
    page.fill("input[name=v0_label]", "2023")
    page.fill("textarea[name=v0_text]", "1. Meet.")
    page.get_by_role("button", name="Follow the clauses").click()
    page.wait_for_load_state()
    box = page.locator("#form-error")
    expect(box).to_be_focused()
    expect(box).to_contain_text("A series needs at least two versions; one was sent.")
    assert page.input_value("textarea[name=v0_text]") == "1. Meet."
    no_violations(page, "the series form with an error")


def test_timeline_layout_keyboard_and_screenshots(
    page: Page, base: str, fomc: str, app: Flask
) -> None:
    n = discount_thread(app, fomc)
    page.goto(f"{base}/s/{fomc}")
    no_violations(page, "the timeline")
    shoot(page, "timeline-1400")
    region = page.locator("[data-timeline]")
    # The header row sticks to the top of the table area when it scrolls.
    region.evaluate("r => { r.scrollTop = 400; }")
    top = region.evaluate("r => r.getBoundingClientRect().top")
    head = page.locator("thead th.tl-v").first.evaluate("h => h.getBoundingClientRect().top")
    assert abs(head - top) <= 2
    region.evaluate("r => { r.scrollTop = 0; }")
    # A section folds away.
    summary = page.locator("details.tl-section > summary").first
    summary.click()
    expect(page.locator(f"#t{n}")).to_be_hidden()
    summary.press("Enter")
    expect(page.locator(f"#t{n}")).to_be_visible()
    # A cell, reached by keyboard, opens that step's comparison at the clause.
    cell = page.locator(f"#t{n} td").nth(8).locator("a")
    cell.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/c/**")
    assert "/side?at=e" in page.url and "#side-r" in page.url
    target = page.locator(":target")
    expect(target).to_contain_text("discount rate")
    expect(target).to_be_in_viewport()
    # At phone width the table scrolls inside its area, never the page, the clause column
    # staying in view.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/s/{fomc}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert region.evaluate("r => r.scrollWidth > r.clientWidth")
    region.evaluate("r => { r.scrollLeft = 200; }")
    left = region.evaluate("r => r.getBoundingClientRect().left")
    clause = page.locator(f"#t{n} th").evaluate("h => h.getBoundingClientRect().left")
    assert abs(clause - left) <= 2
    region.evaluate("r => { r.scrollLeft = 0; }")
    no_violations(page, "the timeline at 390 px")
    shoot(page, "timeline-390")


@pytest.mark.parametrize("width", [1400, 390])
def test_blame_and_history_are_accessible(
    page: Page, base: str, fomc: str, app: Flask, width: int
) -> None:
    n = discount_thread(app, fomc)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{base}/s/{fomc}/blame")
    expect(page.locator("h1")).to_have_text("Blame of 20081216.txt")
    no_violations(page, f"blame at {width} px")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shoot(page, f"blame-{width}")
    page.goto(f"{base}/s/{fomc}/t/{n}")
    expect(page.locator(".quantities")).to_contain_text("4 percent (20080122.txt) → 3-1/2 percent")
    no_violations(page, f"history at {width} px")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shoot(page, f"history-{width}")
