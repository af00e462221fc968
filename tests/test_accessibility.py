"""Every page a user sees passes axe-core's WCAG 2.2 AA rules with zero violations (issue #13, 5).

Each page is opened in headless Chromium against a live server and checked as it is once loaded
and settled: the compare form, the comparison in each view (side by side, inline, changes only),
with and without editorial changes hidden, for the real bilingual seed statement against its next
year's version and for an English pair (two FOMC statements); an error page for an unknown
comparison and one for unusable form input; the delete page as the browser that saved the
comparison sees it and as any other browser does; the API reference. The comparison views are
checked at 1280 px and again at a phone's 390 px.

One test per page, so a failure names the page and lists its violations (rule, impact, the
elements at fault). Chromium is conftest's ``browser`` fixture: missing, it fails, never skips.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_support import axe_violations, format_violations
from playwright.sync_api import Browser, BrowserContext, Page

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
# fixtures/seed-next-year/a.txt is the seed statement byte for byte (fixtures/PROVENANCE.md);
# b.txt its next year's version in both languages.
PAIRS = {
    "seed": (FIXTURES / "seed-next-year" / "a.txt", FIXTURES / "seed-next-year" / "b.txt"),
    "english": (FIXTURES / "fomc-2008-01" / "a.txt", FIXTURES / "fomc-2008-01" / "b.txt"),
}
VIEWS = ("side", "inline", "changes")


@pytest.fixture(scope="module")
def owner(browser: Browser) -> Iterator[BrowserContext]:
    """The browser that saved the comparisons: its session holds their delete tokens."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture(scope="module")
def comparisons(owner: BrowserContext, live_server: str) -> dict[str, str]:
    """Each pair compared once through the form, as a user would: pair name -> comparison id."""
    ids = {}
    page = owner.new_page()
    for name, (left, right) in PAIRS.items():
        page.goto(live_server + "/")
        page.fill("textarea[name=left_text]", left.read_text(encoding="utf-8"))
        page.fill("textarea[name=right_text]", right.read_text(encoding="utf-8"))
        page.get_by_role("button", name="Compare", exact=True).click()
        page.wait_for_url(re.compile(r"/c/[\w-]+"))
        ids[name] = page.url.split("/c/", 1)[1].split("?")[0].split("/")[0]
    page.close()
    return ids


@pytest.fixture
def page(owner: BrowserContext) -> Iterator[Page]:
    tab = owner.new_page()
    yield tab
    tab.close()


def settle(page: Page, *, ready: bool = False) -> None:
    """Wait until the page's own scripts are done (views fetched on demand, the API reference
    rendered from openapi.json), so axe sees what a user sees rather than a half-built page."""
    page.wait_for_load_state("networkidle")
    if ready:
        page.wait_for_selector("html[data-ready]", state="attached")


def check(page: Page, url: str) -> None:
    violations = axe_violations(page)
    if violations:
        # pytest.fail, not assert: pytest's diff of the raw dicts would bury the readable list.
        pytest.fail(format_violations(violations, where=url), pytrace=False)


def test_compare_form(page: Page, live_server: str) -> None:
    page.goto(live_server + "/")
    settle(page)
    check(page, "/")


@pytest.mark.parametrize("editorial", [False, True], ids=["editorial-shown", "editorial-hidden"])
@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("pair", PAIRS)
def test_comparison_view(
    page: Page,
    live_server: str,
    comparisons: dict[str, str],
    pair: str,
    view: str,
    editorial: bool,
) -> None:
    path = f"/c/{comparisons[pair]}/{view}" + ("?editorial=hide" if editorial else "")
    response = page.goto(live_server + path)
    assert response is not None and response.status == 200, path
    settle(page, ready=True)
    check(page, path)


@pytest.mark.parametrize("view", VIEWS)
def test_comparison_view_at_phone_width(
    browser: Browser, live_server: str, comparisons: dict[str, str], view: str
) -> None:
    """At 390 px the page lays out differently (issue #13, 2: the change list becomes a drawer),
    and what it shows must pass too."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    try:
        tab = context.new_page()
        path = f"/c/{comparisons['seed']}/{view}"
        tab.goto(live_server + path)
        settle(tab, ready=True)
        check(tab, path + " at 390 px")
    finally:
        context.close()


def test_error_page_unknown_comparison(page: Page, live_server: str) -> None:
    response = page.goto(live_server + "/c/no-such-comparison")
    assert response is not None and response.status == 404
    settle(page)
    check(page, "/c/no-such-comparison (404)")


def test_error_page_unusable_input(page: Page, live_server: str) -> None:
    page.goto(live_server + "/")
    # Whitespace passes the browser's `required` check; the service finds no text in it.
    page.fill("textarea[name=left_text]", "   \n")
    page.fill("textarea[name=right_text]", "1. A clause.\n")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="Compare", exact=True).click()
    assert answer.value.status == 422
    settle(page)
    check(page, "POST / with an empty side (422)")


def test_delete_page_for_its_owner(
    page: Page, live_server: str, comparisons: dict[str, str]
) -> None:
    path = f"/c/{comparisons['seed']}/delete"
    page.goto(live_server + path)
    settle(page)
    assert page.locator("form button[type=submit]").count() >= 1, "the owner gets the form"
    check(page, path + " (owner)")


def test_delete_page_for_another_browser(
    browser: Browser, live_server: str, comparisons: dict[str, str]
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        tab = context.new_page()
        path = f"/c/{comparisons['english']}/delete"
        tab.goto(live_server + path)
        settle(tab)
        check(tab, path + " (another browser)")
    finally:
        context.close()


def test_api_docs(page: Page, live_server: str) -> None:
    page.goto(live_server + "/api/docs")
    page.wait_for_selector("#api-docs[data-rendered]", state="attached")
    settle(page)
    check(page, "/api/docs")
