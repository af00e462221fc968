"""The compare form in a real browser (issue #13): progress while a comparison runs, one request
however often it is submitted, the form back with what was typed when a side fails, files
dropped on a side, the matching settings, and the icon every page asks for. Chromium as
``tests/conftest.py`` launches it."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_support import axe_violations, format_violations
from flask import request
from playwright.sync_api import Browser, ConsoleMessage, Page, Response, expect
from web_support import live_server, make_app

pytestmark = pytest.mark.browser

LEFT = "1. The parties will establish a joint task force.\n2. The parties will meet.\n"
RIGHT = "1. The parties will explore a joint task force.\n2. The parties will meet.\n"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    problems: list[str] = []
    tab.on("console", lambda m: _console(m, problems))
    tab.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    # Nothing a page asks for fails: the icon included (it was a 404 on every page).
    tab.on("response", lambda r: _failed(r, problems))
    yield tab
    context.close()
    assert problems == []


def _console(message: ConsoleMessage, problems: list[str]) -> None:
    """Script errors and CSP violations fail a test; a failed load is judged by ``_failed``
    (the form answering an error status is the point of one test)."""
    if message.type == "error" and not message.text.startswith("Failed to load resource"):
        problems.append(message.text)


def _failed(response: Response, problems: list[str]) -> None:
    if response.status >= 400 and response.request.method == "GET":
        problems.append(f"{response.status} {response.url}")


# Seconds the slow server holds each comparison: long enough for the counter to tick.
HOLD = 2.5
# Chromium answers no DevTools command (so no Playwright query or screenshot) while a form's
# navigation is pending, though the page runs on. This script, added to every page, records
# what the page shows ten times a second in sessionStorage, read once the comparison opens,
# and submits the form again twice (Enter pressed again, a script) once it has been submitted.
RECORDER = """
addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form.compare-form");
  if (!form) return;
  const button = form.querySelector("[data-compare]");
  const status = form.querySelector("[data-form-status]");
  const seen = [];
  let first = true;
  form.addEventListener("submit", () => {
    if (!first) return;
    first = false;
    // Later than the browser's own merging of submits in one task: these would be sent.
    setTimeout(() => form.requestSubmit(), 300);
    setTimeout(() => form.requestSubmit(), 700);
  });
  setInterval(() => {
    const box = status.getBoundingClientRect();
    seen.push({
      disabled: button.disabled,
      status: status.innerText,
      visible: box.width > 0 && box.height > 0 && getComputedStyle(status).visibility === "visible",
    });
    sessionStorage.setItem("seen", JSON.stringify(seen));
  }, 100);
});
"""


@pytest.fixture(scope="module")
def slow_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[float]]]:
    """A live server whose comparisons take HOLD seconds, and the times they were posted."""
    application = make_app(tmp_path_factory.mktemp("slow"))
    posted: list[float] = []

    @application.before_request
    def slow_comparison() -> None:
        if request.method == "POST" and request.path == "/":
            posted.append(time.monotonic())
            time.sleep(HOLD)

    with live_server(application) as url:
        yield url, posted
    application.extensions["diffsvc"].store.close()


def test_compare_shows_progress_and_sends_one_request(
    page: Page, slow_server: tuple[str, list[float]]
) -> None:
    base, posted = slow_server
    posted.clear()
    page.add_init_script(RECORDER)
    page.goto(base + "/")
    expect(page.locator("link[rel=icon]")).to_have_attribute("href", "/static/favicon.svg")
    page.fill("textarea[name=left_text]", LEFT)
    page.fill("textarea[name=right_text]", RIGHT)
    # A double click, then the recorder's two more submits while the first one runs.
    page.locator("button[data-compare]").dblclick(no_wait_after=True)
    page.wait_for_url(re.compile(r"/c/[\w-]+$"), timeout=HOLD * 4_000)
    assert len(posted) == 1
    seen = json.loads(page.evaluate("() => sessionStorage.getItem('seen')"))
    running = [s for s in seen if s["disabled"]]
    assert running, seen
    assert all(s["visible"] and re.fullmatch(r"Comparing… \d+ s", s["status"]) for s in running)
    assert {s["status"] for s in running} >= {"Comparing… 1 s", "Comparing… 2 s"}
    assert not seen[0]["disabled"] and seen[0]["status"] == ""  # before the click

    # Back to the form: ready for the next comparison.
    page.go_back()
    expect(page.locator("button[data-compare]")).to_be_enabled()
    expect(page.locator("[data-form-status]")).to_have_text("")


def test_a_failed_side_brings_the_form_back_with_what_was_typed(
    page: Page, live_server: str, tmp_path: Path
) -> None:
    rtf = tmp_path / "2024.rtf"
    rtf.write_bytes(b"{\\rtf1\\ansi 1. We will cooperate.}")
    page.goto(live_server + "/")
    page.fill("textarea[name=left_text]", LEFT)
    page.fill("input[name=left_label]", "2023")
    page.set_input_files("input[name=right_file]", str(rtf))
    page.select_option("select[name=left_tracked]", "original")
    page.check("input[name=hide_editorial]")
    page.check("input[name=zh_granularity][value=word]")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.click("button[data-compare]")
    assert answer.value.status == 415
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("The later version (2024.rtf) is an RTF file")
    expect(alert).to_contain_text("choose the file for the later version again")
    expect(alert).to_be_focused()
    expect(page.locator("textarea[name=left_text]")).to_have_value(LEFT)
    expect(page.locator("input[name=left_label]")).to_have_value("2023")
    expect(page.locator("select[name=left_tracked]")).to_have_value("original")
    expect(page.locator("input[name=hide_editorial]")).to_be_checked()
    expect(page.locator("input[name=zh_granularity][value=word]")).to_be_checked()
    expect(page.locator("input[name=right_file]")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("button[data-compare]")).to_be_enabled()
    page.screenshot(path=str(_out() / "form-error.png"), full_page=True)

    # Fixed by pasting the later text: the kept fields go along, and the comparison opens.
    page.fill("textarea[name=right_text]", RIGHT)
    page.set_input_files("input[name=right_file]", [])
    page.click("button[data-compare]")
    page.wait_for_url(re.compile(r"/c/[\w-]+"))
    assert "editorial=hide" in page.url


# Drags over and drops on ``target`` (found by a selector, or the nth side of the form) what a
# drag from a file manager (a File) or from a text (plain text) carries; says which of the events
# the page took over (cancelled) and whether the side was highlighted while the drag was over it.
DRAG = """([selector, side, file, text]) => {
  const target = selector
    ? document.querySelector(selector)
    : document.querySelectorAll("fieldset.side-input")[side];
  const carrying = new DataTransfer();
  if (file) carrying.items.add(new File([file.text], file.name, { type: "text/plain" }));
  if (text) carrying.setData("text/plain", text);
  const fire = (type, extra) =>
    !target.dispatchEvent(
      new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: carrying, ...extra })
    );
  const zone = target.closest("fieldset.side-input");
  const lit = () => !!zone && zone.classList.contains("drop-target");
  fire("dragenter");
  const over = fire("dragover");
  const litOver = lit();
  // Leaving for outside the side, then back.
  fire("dragleave", { relatedTarget: document.querySelector("h1") });
  const litGone = lit();
  fire("dragover");
  const dropped = fire("drop");
  return { over, litOver, litGone, dropped, litAfter: lit() };
}"""


def _files(page: Page, name: str) -> list[str]:
    return page.evaluate(
        "(n) => Array.from(document.querySelector(`input[name=${n}]`).files, (f) => f.name)",
        name,
    )


def test_a_file_dropped_on_a_side_is_that_sides_file(page: Page, live_server: str) -> None:
    page.goto(live_server + "/")
    left, right = page.locator("fieldset.side-input").all()
    expect(left).to_contain_text("drop a file anywhere on this side")

    # Text dragged onto a textarea is the browser's to drop: no file, no highlight.
    text = page.evaluate(DRAG, ["textarea[name=left_text]", None, None, "1. Pasted."])
    assert text == {
        "over": False,
        "litOver": False,
        "litGone": False,
        "dropped": False,
        "litAfter": False,
    }
    assert _files(page, "left_file") == []

    # A file: on the later side's fieldset, and on the earlier side's textarea.
    right_drop = page.evaluate(DRAG, [None, 1, {"name": "2024.txt", "text": RIGHT}, None])
    assert right_drop == {
        "over": True,
        "litOver": True,
        "litGone": False,
        "dropped": True,
        "litAfter": False,
    }
    left_drop = page.evaluate(
        DRAG, ["textarea[name=left_text]", None, {"name": "2023.txt", "text": LEFT}, None]
    )
    assert left_drop["dropped"] and left_drop["litOver"]
    assert _files(page, "right_file") == ["2024.txt"]
    assert _files(page, "left_file") == ["2023.txt"]
    expect(right.get_by_role("status")).to_have_text("Chosen file: 2024.txt")
    expect(left.get_by_role("status")).to_have_text("Chosen file: 2023.txt")
    expect(page.locator("textarea[name=left_text]")).to_have_value("")

    # A file dropped beside the sides is refused, not opened in place of the form.
    beside = page.evaluate(DRAG, ["h1", None, {"name": "x.txt", "text": "x"}, None])
    assert beside["dropped"] and not beside["litOver"]
    assert _files(page, "left_file") == ["2023.txt"]

    page.click("button[data-compare]")
    page.wait_for_url(re.compile(r"/c/[\w-]+$"))
    saved = page.request.get(page.url + ".json").json()
    assert saved["left"]["source"]["filename"] == "2023.txt"
    assert saved["right"]["source"]["filename"] == "2024.txt"
    assert "explore" in saved["right"]["clauses"][0]["text"]


def test_matching_settings_reach_the_saved_comparison(page: Page, live_server: str) -> None:
    page.goto(live_server + "/")
    settings = page.locator("details[data-settings]")
    move = page.get_by_label("Move threshold")
    gap = page.get_by_label("Gap threshold")
    expect(move).to_be_hidden()  # folded away by default
    page.get_by_text("Matching settings").click()
    expect(move).to_have_value("0.8")
    expect(move).to_have_attribute("aria-describedby", "move_threshold-hint")
    expect(page.locator("#move_threshold-hint")).to_contain_text("moved")

    # Reset puts every setting back at once, with no round trip.
    move.fill("0.3")
    gap.fill("0.95")
    url = page.url
    page.get_by_role("button", name="Reset to defaults").click()
    expect(move).to_have_value("0.8")
    expect(gap).to_have_value("0.5")
    expect(settings.get_by_role("status")).to_have_text("Settings back to their defaults.")
    assert page.url == url

    move.fill("0.7")
    page.fill("textarea[name=left_text]", LEFT)
    page.fill("textarea[name=right_text]", RIGHT)
    move.press("Enter")  # Enter in a setting compares; it does not reset
    page.wait_for_url(re.compile(r"/c/[\w-]+$"))
    options = page.request.get(page.url + ".json").json()["options"]
    assert options == {
        "match_threshold": 0.6,
        "move_threshold": 0.7,
        "gap_threshold": 0.5,
        "split_threshold": 0.75,
        "zh_granularity": "char",
    }


def test_a_setting_refused_comes_back_unfolded_and_accessible(page: Page, live_server: str) -> None:
    """A value the browser would refuse can still arrive (from a browser without number
    fields, a script, a page kept from before): the server refuses it, naming the setting, and
    the form comes back unfolded with the field marked; axe finds nothing wrong with it, a
    file dropped on it included."""
    page.goto(live_server + "/")
    page.fill("textarea[name=left_text]", LEFT)
    page.fill("textarea[name=right_text]", RIGHT)
    page.evaluate("document.querySelector('form.compare-form').noValidate = true")
    page.get_by_text("Matching settings").click()
    page.get_by_label("Split threshold").fill("1.5")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.click("button[data-compare]")
    assert answer.value.status == 422
    expect(page.get_by_role("alert")).to_contain_text(
        "Split threshold must be a number from 0 to 1."
    )
    split = page.get_by_label("Split threshold")
    expect(split).to_be_visible()  # unfolded by itself
    expect(split).to_have_value("1.5")
    expect(split).to_have_attribute("aria-invalid", "true")
    expect(page.locator("textarea[name=right_text]")).to_have_value(RIGHT)
    page.evaluate(DRAG, [None, 0, {"name": "2023.txt", "text": LEFT}, None])
    violations = axe_violations(page)
    assert not violations, format_violations(violations, where="/ (422, settings)")
    page.screenshot(path=str(_out() / "form-settings-error.png"), full_page=True)


def _out() -> Path:
    out = Path(__file__).resolve().parent.parent / "test-output"
    out.mkdir(exist_ok=True)
    return out
