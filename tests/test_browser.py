"""The pages in a real browser: headless Debian Chromium driven by Playwright against a live server.

Never skipped: a missing Chromium is a failure (CI runs with CI=true and must not pass quietly).
Screenshots of every view land in ``test-output/`` (gitignored) for a human to look at.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, expect

pytestmark = pytest.mark.browser

OUT = Path(__file__).resolve().parent.parent / "test-output"
SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed-next-year" / "a.txt"
SEED_PAIR = Path(__file__).resolve().parent.parent / "fixtures" / "seed-next-year"
LEFT = (
    "Joint Statement of the Annual Meeting\n\n"
    "1. The parties will establish a joint task force on drug crimes.\n"
    "2. The parties will share intelligence on money laundering.\n"
    "3. The parties will hold training courses for officers.\n"
    "4. The parties will meet again next year.\n"
)
RIGHT = (
    "Joint Statement of the Annual Meeting\n\n"
    "1. The parties will hold training courses for officers.\n"
    "2. The parties will explore a joint task force on drug crimes.\n"
    "3. The parties will share intelligence on money laundering.\n"
    "4. The parties will cooperate on cyber crime.\n"
    "5. The parties will meet again next year.\n"
)
ZH_LEFT = "一、加强执法合作。\n二、共同打击电信网络诈骗犯罪。\n三、深化禁毒合作。\n"
ZH_RIGHT = (
    "一、加强执法务实合作。\n二、共同打击电信网络诈骗犯罪。\n三、深化禁毒情报合作。\n"
    "四、开展追逃追赃合作。\n"
)
XSS = (
    "1. <script>window.__xss = 1; alert('script')</script>\n"
    '2. "><img src=x onerror="window.__xss = 2; alert(\'img\')">\n'
    "3. <a href=\"javascript:window.__xss=3;alert('link')\">click me</a>"
    " [md](javascript:alert(4))\n"
    "4. {{ 7*7 }} {% if true %}jinja{% endif %} ${7*7}\n"
)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("console", lambda m: _console(m, problems))
    tab.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    yield tab
    context.close()
    assert problems == []


def _console(message: ConsoleMessage, problems: list[str]) -> None:
    """Any console error (a CSP violation, a script error) fails the test."""
    if message.type == "error" and "404" not in message.text:
        problems.append(message.text)


def _shot(page: Page, name: str, *, full: bool = True) -> None:
    OUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUT / f"{name}.png"), full_page=full)


def _compare(page: Page, base: str, left: str, right: str, **labels: str) -> str:
    page.goto(base + "/")
    page.fill("textarea[name=left_text]", left)
    page.fill("textarea[name=right_text]", right)
    for name, value in labels.items():
        page.fill(f"input[name={name}]", value)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/c/[\w-]+$"))
    return page.url


def test_compare_views_navigation_and_download(page: Page, live_server: str) -> None:
    url = _compare(page, live_server, LEFT, RIGHT, left_label="2023", right_label="2024")
    expect(page.locator("h1.compare-title")).to_have_text("2023 → 2024")
    side = page.locator("#view-side")
    expect(side.locator("del", has_text="establish")).to_be_visible()
    expect(side.locator("ins", has_text="explore")).to_be_visible()
    expect(side.locator("ins", has_text="cyber crime")).to_be_visible()
    colors = page.eval_on_selector("#view-side del", "e => getComputedStyle(e).textDecorationLine")
    assert colors == "line-through"
    _shot(page, "view-side")

    # Each view is its own page: only the chosen one is built, the others are a link away.
    page.click("a.tab[data-view=inline]")
    expect(page.locator("#view-inline")).to_be_visible()
    expect(side).to_have_count(0)
    assert "/inline" in page.url
    expect(page.locator("#view-inline del", has_text="establish")).to_be_visible()
    _shot(page, "view-inline")
    page.click("a.tab[data-view=changes]")
    expect(page.locator("#view-changes")).to_be_visible()
    expect(page.locator("#view-changes details.unchanged-run").first).to_contain_text("unchanged")
    _shot(page, "view-changes")
    page.go_back()
    expect(page.locator("#view-inline")).to_be_visible()
    page.click("a.tab[data-view=side]")
    page.wait_for_selector("#view-side")
    page.wait_for_selector("html[data-ready]")

    # Next / previous change: keys and buttons walk the change rows of the visible view.
    page.keyboard.press("j")
    first = page.locator("#view-side .row.current")
    expect(first).to_have_count(1)
    first_id = first.get_attribute("id")
    page.keyboard.press("n")
    second_id = page.locator("#view-side .row.current").get_attribute("id")
    assert first_id != second_id
    page.keyboard.press("k")
    assert page.locator("#view-side .row.current").get_attribute("id") == first_id
    page.click("[data-nav=next]")
    assert page.locator("#view-side .row.current").get_attribute("id") == second_id
    expect(page.locator("[data-nav-status]")).to_contain_text("Change 2 of")

    # A moved clause links to its other position, and the link works.
    link = page.locator("#view-side a.moved-link").first
    target = link.get_attribute("href")
    assert target
    link.click()
    assert page.url.endswith(target)
    expect(page.locator(target)).to_be_in_viewport()
    back = page.locator(f"{target} a.moved-link")
    expect(back).to_have_count(1)

    # Download JSON (in the More menu's Download list): the file is the comparison's JSON.
    page.locator("details.menu > summary").click()
    page.locator("details.downloads > summary").click()
    with page.expect_download() as info:
        page.click("a[data-download=json]")
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert data["id"] == url.rsplit("/", 1)[1]
    assert data["summary"]["moved"] >= 1 and data["summary"]["added"] == 1

    # The editorial filter toggles without a reload and updates the URL.
    page.click("[data-toggle=editorial]")
    assert "editorial=hide" in page.url
    expect(page.locator("body")).to_have_class(re.compile("hide-editorial"))

    # Print: the view on screen, without the tools around it.
    page.emulate_media(media="print")
    expect(page.locator("#view-side")).to_be_visible()
    expect(page.locator(".toolbar")).to_be_hidden()
    expect(page.locator("#change-list")).to_be_hidden()
    _shot(page, "print")


def test_works_without_javascript(browser: Browser, live_server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    url = _compare(tab, live_server, LEFT, RIGHT)
    tab.click("a.tab[data-view=changes]")
    tab.wait_for_url(re.compile(r"/changes"))
    expect(tab.locator("#view-changes")).to_be_visible()
    run = tab.locator("#view-changes details.unchanged-run").first
    run.locator("summary").click()
    expect(run.locator(".row").first).to_be_visible()
    tab.click("a.tab[data-view=inline]")
    expect(tab.locator("#view-inline ins", has_text="cyber crime")).to_be_visible()
    tab.goto(url + "/swap")
    expect(tab.locator("#view-side del", has_text="cyber crime")).to_be_visible()
    context.close()


def test_chinese_renders_at_phone_width(browser: Browser, live_server: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    tab = context.new_page()
    _compare(tab, live_server, ZH_LEFT, ZH_RIGHT, left_label="2023年", right_label="2024年")
    expect(tab.locator("#view-side ins", has_text="务实")).to_be_visible()
    assert tab.evaluate("document.fonts.check('16px \"Noto Sans CJK SC\"', '合作')")
    # A CJK glyph is about as wide as it is tall; a missing-glyph box would be narrower.
    width = tab.evaluate(
        """() => { const s = document.createElement('span'); s.textContent = '合作合作';
        s.lang = 'zh'; document.body.appendChild(s); return s.getBoundingClientRect().width; }"""
    )
    assert width > 40
    overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, "no sideways scrolling at phone width"
    _shot(tab, "phone-side", full=False)
    tab.click("a.tab[data-view=inline]")
    _shot(tab, "phone-inline", full=False)
    tab.goto(live_server + "/")
    _shot(tab, "phone-form")
    context.close()


def test_bilingual_seed_statement(page: Page, live_server: str) -> None:
    seed = SEED.read_text(encoding="utf-8")
    edited = seed.replace("保持高層", "繼續保持高層").replace("will make full use", "will use")
    _compare(page, live_server, seed, edited, left_label="2023", right_label="2024")
    expect(page.locator(".lang-tabs a")).to_have_count(2)
    expect(page.locator("#side-lang-zh ins").first).to_be_visible()
    _shot(page, "bilingual-side", full=False)
    page.click("a.tab[data-view=changes]")
    _shot(page, "bilingual-changes")


def test_what_was_read_and_one_language_notes(page: Page, live_server: str, tmp_path: Path) -> None:
    """Issue #4: each side's file, format, encoding and repairs; bilingual notes are marked."""
    upload = tmp_path / "2023.txt"
    upload.write_bytes((SEED_PAIR / "a.txt").read_text(encoding="utf-8").encode("gb18030"))
    page.goto(live_server + "/")
    page.set_input_files("input[name=left_file]", str(upload))
    page.fill("input[name=left_label]", "2023")
    page.fill("textarea[name=right_text]", (SEED_PAIR / "b.txt").read_text(encoding="utf-8"))
    page.fill("input[name=right_label]", "2024")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/c/[\w-]+$"))
    expect(page.locator(".source-left")).to_have_text(
        "2023 · 2023.txt read as plain text, encoding gb18030 · 166 pinyin annotations removed"
    )
    expect(page.locator(".source-right")).to_have_text("2024 · pasted text")
    expect(page.locator(".count-asymmetric")).to_have_text("1 in one language only")
    _shot(page, "sources", full=False)
    note = page.locator("#view-side .note-asymmetric")
    expect(note).to_have_count(1)
    expect(note.locator(".badge")).to_have_text("one language")
    note.scroll_into_view_if_needed()
    expect(note).to_be_in_viewport()
    _shot(page, "asymmetric-note", full=False)


def test_a_word_files_tracked_changes_rejected_on_one_side(page: Page, live_server: str) -> None:
    """Issue #17: the form chooses which text of a Word file under review is compared, per side,
    and the comparison says which it was."""
    tracked = str(SEED_PAIR.parent / "formats" / "tracked_changes.docx")
    page.goto(live_server + "/")
    expect(page.get_by_label("Tracked changes (Word files only)")).to_have_count(2)
    for side in ("left", "right"):
        page.set_input_files(f"input[name={side}_file]", tracked)
    page.select_option("select[name=left_tracked]", "original")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/c/[\w-]+$"))
    expect(page.locator(".source-left .source-tracked")).to_have_text(
        "14 tracked changes, compared with all changes rejected"
    )
    expect(page.locator(".source-right .source-tracked")).to_have_text(
        "14 tracked changes, compared with all changes accepted"
    )
    _shot(page, "tracked-changes", full=False)


def test_split_and_merged_rows_span_their_parts(page: Page, live_server: str) -> None:
    left = "1. We will share data and we will train officers together every year.\n2. Meet.\n"
    right = "1. We will share data.\n2. We will train officers together every year.\n3. Meet.\n"
    _compare(page, live_server, left, right)
    row = page.locator("#view-side .row.op-split")
    expect(row.locator(".cell-left .clause")).to_have_count(1)
    expect(row.locator(".cell-right .clause")).to_have_count(2)
    expect(row.locator(".gutter")).to_contain_text("split")
    _shot(page, "view-split", full=False)


def test_user_text_never_executes(page: Page, live_server: str, tmp_path: Path) -> None:
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    html_file = tmp_path / "evil.html"
    html_file.write_text(f"<html><body><p>{XSS}</p><script>alert('file')</script></body></html>")
    page.goto(live_server + "/")
    page.fill("textarea[name=left_text]", "1. Harmless clause.\n")
    page.fill("textarea[name=right_text]", XSS)
    page.fill("input[name=right_label]", "<img src=x onerror=alert('label')>")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/c/[\w-]+$"))
    for view in ("inline", "changes", "side"):
        page.click(f"a.tab[data-view={view}]")
        page.wait_for_selector(f"#view-{view}")
    text = page.locator("#view-side").inner_text()
    assert "<script>window.__xss = 1; alert('script')</script>" in text
    assert "onerror=\"window.__xss = 2; alert('img')\"" in text
    assert "{{ 7*7 }} {% if true %}jinja{% endif %} ${7*7}" in text
    expect(page.locator("h1.compare-title")).to_contain_text("<img src=x onerror=alert('label')>")
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    assert not [h for h in hrefs if h.lower().startswith("javascript:")]
    assert page.locator("#view-side img").count() == 0
    # Uploaded as an HTML file, the same payload is read as text and stays inert.
    page.goto(live_server + "/")
    page.fill("textarea[name=left_text]", "1. Harmless clause.\n")
    page.set_input_files("input[name=right_file]", str(html_file))
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/c/[\w-]+$"))
    page.wait_for_timeout(200)
    assert page.evaluate("window.__xss") is None
    assert dialogs == []


def test_error_page_and_api_docs(page: Page, live_server: str) -> None:
    response = page.goto(live_server + "/c/no-such-comparison")
    assert response is not None and response.status == 404
    expect(page.locator(".error-advice")).to_contain_text("Check the address")
    _shot(page, "error-404", full=False)
    page.goto(live_server + "/api/docs")
    expect(page.locator("#api-docs[data-rendered]")).to_have_count(1)
    expect(page.locator("#api-docs .op h3", has_text="/api/v1/compare")).to_be_visible()
    expect(page.locator("#schema-Problem")).to_be_visible()
    _shot(page, "api-docs", full=False)
