"""Printing a comparison page in the browser (print.css): headless Debian Chromium prints the
page to PDF (``page.pdf()``, what "Print → Save as PDF" makes), and Poppler reads it back.

What a reader relies on: the sheet carries the view on screen (only the changes in the changes
view, both versions side by side in that view), the notes and the "moved" references, across
the whole width of the paper, with page numbers, and none of the page's tools. Never skipped:
a missing Chromium or Poppler is a failure.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page
from pypdf import PdfReader

pytestmark = pytest.mark.browser

PREAMBLE = "The parties reviewed the year's cooperation in a friendly atmosphere."
LEFT = (
    "Joint Statement of the Annual Meeting\n\n"
    f"{PREAMBLE}\n"
    "1. The parties will establish a joint task force on drug crimes.\n"
    "2. The parties will share intelligence on money laundering.\n"
    "3. The parties will hold training courses for officers.\n"
    "4. The parties will meet again next year.\n"
)
RIGHT = (
    "Joint Statement of the Annual Meeting\n\n"
    f"{PREAMBLE}\n"
    "1. The parties will hold training courses for officers.\n"
    "2. The parties will explore a joint task force on drug crimes.\n"
    "3. The parties will share intelligence on money laundering.\n"
    "4. The parties will cooperate on cyber crime.\n"
    "5. The parties will meet again next year.\n"
)
# Words of the toolbar, the change list, the menus and the site's navigation: none on paper.
TOOLS = (
    "Previous",
    "Next",
    "Hide editorial",
    "Change list",
    "Swap sides",
    "Link to this view",
    "Search the changes",
    "Show only",
    "New comparison",
    "New series",
    "Download",
    "Delete",
)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        # Fail, never skip: a print test that skips is a print test that does not exist.
        pytest.fail(
            f"{name} (poppler-utils) is required (CI={os.environ.get('CI')}); run make sysdeps"
        )
    return found


@pytest.fixture(scope="module")
def comparison(browser: Browser, live_server: str) -> str:
    """The URL of a saved comparison, made through the form."""
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(live_server + "/")
    tab.fill("textarea[name=left_text]", LEFT)
    tab.fill("textarea[name=right_text]", RIGHT)
    tab.fill("input[name=left_label]", "2023")
    tab.fill("input[name=right_label]", "2024")
    tab.click("button[type=submit]")
    tab.wait_for_url(re.compile(r"/c/[\w-]+$"))
    url = tab.url
    context.close()
    return url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    # A desktop window: what is printed must not depend on the window it was printed from.
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


def _print(page: Page, url: str) -> bytes:
    page.goto(url)
    page.wait_for_selector("html[data-ready]")
    pdf: bytes = page.pdf(prefer_css_page_size=True, print_background=True)
    return pdf


def _text(pdf: bytes) -> str:
    return subprocess.run(
        [_tool("pdftotext"), "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def _flat(text: str) -> str:
    return " ".join(text.split())


def _left_edge(pdf: bytes, word: str) -> float:
    """Where ``word`` starts on its line, as a fraction of the page's width."""
    html = subprocess.run(
        [_tool("pdftotext"), "-bbox", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    width = float(re.search(r'<page width="([\d.]+)"', html).group(1))  # type: ignore[union-attr]
    x = re.search(rf'<word xMin="([\d.]+)"[^>]*>{re.escape(word)}</word>', html)
    assert x, f"{word!r} is printed"
    return float(x.group(1)) / width


def _pages(pdf: bytes) -> list[str]:
    return _text(pdf).rstrip("\f").split("\f")


def test_changes_view_prints_only_the_changes_with_notes_and_moves(
    page: Page, comparison: str
) -> None:
    pdf = _print(page, comparison + "/changes")
    text = _flat(_text(pdf))
    # The changes, with their notes and both ends of the move.
    assert "establish" in text and "explore" in text
    assert "cyber crime" in text
    assert "commitment weakened" in text
    assert "Moved: see where it stood in 2023" in text
    assert "stood here in 2023" in text
    # Not the clauses that did not change: those are counted, not printed.
    assert PREAMBLE not in text
    assert "unchanged clause" in text
    for word in TOOLS:
        assert word not in text, f"the page's tools are not printed: {word!r}"
    # The whole width: the earlier column starts at the sheet's margin, not after a gutter and
    # the change list.
    assert _left_edge(pdf, "establish") < 0.25
    pages = _pages(pdf)
    for number, sheet in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in _flat(sheet)
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) in {(595, 842), (596, 843)}


def test_side_view_prints_both_versions_of_every_clause(page: Page, comparison: str) -> None:
    pdf = _print(page, comparison + "/side")
    text = _flat(_text(pdf))
    assert PREAMBLE in text
    assert text.count("The parties will meet again next year.") == 2
    assert "establish" in text and "explore" in text
    assert "commitment weakened" in text
    assert "Moved: see where it stood in 2023" in text
    for word in TOOLS:
        assert word not in text, f"the page's tools are not printed: {word!r}"
    # Earlier on the left edge, later in the right half, on the same sheet.
    assert _left_edge(pdf, "establish") < 0.25
    assert _left_edge(pdf, "explore") > 0.5
    assert "Page 1 of" in text
