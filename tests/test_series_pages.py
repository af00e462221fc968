"""The series pages over HTTP: the form (its errors naming the version), the timeline, blame, a
clause's history, the steps and the JSON twins, on the ten FOMC statements of 2008.

The hand-checked thread is the discount-rate paragraph ("In a related action, the Board of
Governors ... approved a ... decrease in the discount rate"): in the January statements, absent
from the 11 March liquidity release, back on 18 March and 30 April, absent from June to September
(the rate was held), back on 29 October and 16 December. Its discount rates, read off the
statements: 4, 3-1/2, -, 2-1/2, 2-1/4, -, -, -, 1-1/4 and 1/2 percent.
"""

from __future__ import annotations

import io
import json
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from flask import Flask, template_rendered
from flask.testing import FlaskClient
from test_template_context import FLASK_GLOBALS, described
from web_support import TOKEN, make_app

from diffsvc import cli
from diffsvc.models.api import SeriesOut
from diffsvc.views.series_pages import (
    BlameOut,
    BlamePage,
    HistoryOut,
    HistoryPage,
    SeriesFormPage,
    SeriesProgressPage,
    TimelinePage,
)

ROOT = Path(__file__).resolve().parent.parent
FOMC = sorted((ROOT / "fixtures" / "series-truth" / "docs" / "fomc").glob("2008*.txt"))
LABELS = [f.stem for f in FOMC]  # 20080122, ...
DISCOUNT_EVENTS = [
    "first",
    "modified",
    "removed",
    "returned",
    "modified",
    "removed",
    "absent",
    "absent",
    "returned",
    "modified",
]
DISCOUNT_RATES = [
    "4 percent",
    "3-1/2 percent",
    None,
    "2-1/2 percent",
    "2-1/4 percent",
    None,
    None,
    None,
    "1-1/4 percent",
    "1/2 percent",
]


def token(client: FlaskClient) -> str:
    match = TOKEN.search(client.get("/s/new").get_data(as_text=True))
    assert match, "the series form carries a CSRF token"
    return match.group(1)


def post(client: FlaskClient, data: dict[str, Any]) -> Any:
    form = {"csrf_token": token(client), **data}
    return client.post("/s/new", data=form, content_type="multipart/form-data")


def rows_of(versions: list[tuple[str, str]]) -> dict[str, Any]:
    """Form fields for pasted versions [(label, text), ...]."""
    data: dict[str, Any] = {"count": str(len(versions))}
    for i, (label, text) in enumerate(versions):
        data[f"v{i}_label"] = label
        data[f"v{i}_text"] = text
    return data


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    application = make_app(tmp_path_factory.mktemp("series"))
    yield application
    application.extensions["diffsvc"].store.close()


@pytest.fixture(scope="module")
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="module")
def sid(client: FlaskClient) -> str:
    """The FOMC 2008 series, sent as the several-files field with the labels of their names,
    in a shuffled order (the dates in the labels put them back in order)."""
    order = FOMC[5:] + FOMC[:5]
    data: dict[str, Any] = {"count": str(len(order))}
    for i, f in enumerate(order):
        data[f"v{i}_label"] = f.stem
        data[f"v{i}_file"] = (io.BytesIO(f.read_bytes()), f.name)
    response = post(client, data)
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    location = response.headers["Location"]
    assert re.fullmatch(r"/s/[\w-]+", location)
    return location.rsplit("/", 1)[1]


_STEP = re.compile(r"([\w-]+|\*)?((?:[.#][\w-]+|\[[^\]]+\])*)")
_PART = re.compile(r"([.#])([\w-]+)|\[([\w-]+)(?:=['\"]?([^'\"\]]*)['\"]?)?\]")


def xpath(selector: str) -> str:
    """The XPath of a simple CSS selector (tags, classes, ids, attributes, descendant and child
    combinators, commas): lxml's cssselect needs a package this project does not install."""
    alternatives = []
    for alternative in selector.split(","):
        path, axis = ".", "//"
        for token in alternative.split():
            if token == ">":
                axis = "/"
                continue
            match = _STEP.fullmatch(token)
            assert match, token
            tests = []
            for kind, name, attr, value in _PART.findall(match.group(2)):
                if kind == ".":
                    tests.append(f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')")
                elif kind == "#":
                    tests.append(f"@id='{name}'")
                elif value:
                    tests.append(f"@{attr}='{value}'")
                else:
                    tests.append(f"@{attr}")
            path += f"{axis}{match.group(1) or '*'}" + "".join(f"[{t}]" for t in tests)
            axis = "//"
        alternatives.append(path)
    return " | ".join(alternatives)


def css(node: Any, selector: str) -> list[Any]:
    found: list[Any] = node.xpath(xpath(selector))
    return found


def page(client: FlaskClient, path: str, status: int = 200) -> Any:
    response = client.get(path)
    assert response.status_code == status, (path, response.status_code)
    return lxml.html.fromstring(response.get_data(as_text=True))


def discount_thread(client: FlaskClient, sid: str) -> int:
    body = client.get(f"/s/{sid}.json").get_json()
    last = body["versions"][-1]["clauses"]
    [clause] = [c["index"] for c in last if "discount rate" in c["text"]]
    [thread] = [t for t in body["threads"] if clause in t["cells"][-1]["clauses"]]
    return int(thread["id"])


# --------------------------------------------------------------------------------------------
# The form


def test_the_form_offers_rows_several_files_and_is_linked_from_every_page(
    client: FlaskClient,
) -> None:
    form = page(client, "/s/new")
    assert len(css(form, "li[data-version]")) == 3
    assert css(form, "input[name=v0_label]") and css(form, "textarea[name=v2_text]")
    [several] = css(form, "input[type=file][name=files]")
    assert several.get("multiple") is not None
    assert css(form, "button[name=action][value=add]")
    # The site navigation and the front page lead to it.
    front = page(client, "/")
    assert css(front, "nav.topnav a[href='/s/new']")
    assert css(front, "main a[href='/s/new']")


def test_two_pasted_versions_make_a_series(client: FlaskClient) -> None:
    response = post(
        client,
        rows_of([("2023", "1. Meet often.\n2. Share data."), ("2024", "1. Meet yearly.")])
        | {"count": "3"},  # a third row left empty is no version
    )
    assert response.status_code == 303
    timeline = page(client, response.headers["Location"])
    heads = [th.text_content().strip() for th in css(timeline, "thead th.tl-v")]
    assert heads == ["2023", "2024"]
    events = [
        [td.get("class").split()[-1] for td in css(tr, "td")] for tr in css(timeline, "tbody tr")
    ]
    assert events == [["ev-first", "ev-modified"], ["ev-first", "ev-removed"]]


def test_the_browser_that_saved_a_series_deletes_it_and_no_other(app: Flask) -> None:
    saver, other = app.test_client(), app.test_client()
    made = post(saver, rows_of([("2021", "1. Meet. 2. Talk."), ("2022", "1. Meet often.")]))
    assert made.status_code == 303
    series_page = made.headers["Location"]
    timeline = page(saver, series_page)
    [link] = [a for a in css(timeline, ".series-nav a") if "Delete" in a.text_content()]
    assert link.get("href") == f"{series_page}/delete"
    refused = page(other, f"{series_page}/delete")
    assert "holds no such token for this series" in " ".join(refused.text_content().split())
    assert other.post(f"{series_page}/delete", data={"csrf_token": token(other)}).status_code == 403
    confirm = page(saver, f"{series_page}/delete")
    assert "Delete the series" in confirm.text_content()
    done = saver.post(f"{series_page}/delete", data={"csrf_token": token(saver)})
    assert done.status_code == 303 and done.headers["Location"] == "/s/new?deleted=1"
    assert "The series was deleted." in page(saver, done.headers["Location"]).text_content()
    assert saver.get(series_page).status_code == 404


def alert(response: Any) -> tuple[str, Any]:
    doc = lxml.html.fromstring(response.get_data(as_text=True))
    [box] = css(doc, "#form-error")
    return " ".join(box.text_content().split()), doc


def test_one_version_comes_back_with_the_text_kept(client: FlaskClient) -> None:
    response = post(client, rows_of([("2023", "1. Meet <b>often</b> & well.")]))
    assert response.status_code == 422
    said, doc = alert(response)
    assert "A series needs at least two versions; one was sent." in said
    assert css(doc, "textarea[name=v0_text]")[0].text_content().strip() == (
        "1. Meet <b>often</b> & well."
    )
    assert css(doc, "input[name=v0_label]")[0].get("value") == "2023"


def test_fifty_one_versions_are_refused(client: FlaskClient) -> None:
    versions = [(str(2000 + k), f"1. Statement number {k}.") for k in range(51)]
    response = post(client, rows_of(versions))
    assert response.status_code == 422
    said, doc = alert(response)
    assert "A series has at most 50 versions; 51 were sent." in said
    assert len(css(doc, "li[data-version]")) == 51  # nothing typed is lost


def test_an_unreadable_file_names_its_version(client: FlaskClient) -> None:
    data = rows_of([("2022", "1. Meet.\n2. Talk."), ("2023", ""), ("2024", "1. Meet.")])
    data["v1_file"] = (io.BytesIO(b"%PDF-1.4\nthis is no pdf at all\n%%EOF"), "broken.pdf")
    response = post(client, data)
    assert 400 <= response.status_code < 500
    said, doc = alert(response)
    assert "Version 2 (2023) (broken.pdf)" in said
    assert "choose it again (broken.pdf)" in said
    rows = css(doc, "li[data-version]")
    assert ["failed" in (row.get("class") or "") for row in rows] == [False, True, False]
    assert css(doc, "input[name=v1_file]")[0].get("aria-invalid") == "true"
    assert css(doc, "textarea[name=v0_text]")[0].text_content().strip() == "1. Meet.\n2. Talk."


def test_rows_are_added_removed_and_moved_without_javascript(client: FlaskClient) -> None:
    versions = rows_of([("a", "1. A."), ("b", "1. B."), ("c", "1. C.")])

    def labels(response: Any) -> list[str | None]:
        assert response.status_code == 200
        doc = lxml.html.fromstring(response.get_data(as_text=True))
        return [i.get("value") for i in css(doc, "input[data-field=label]")]

    assert labels(post(client, versions | {"action": "add"})) == ["a", "b", "c", ""]
    assert labels(post(client, versions | {"action": "remove-0"})) == ["b", "c"]
    assert labels(post(client, versions | {"action": "up-2"})) == ["a", "c", "b"]
    assert labels(post(client, versions | {"action": "down-0"})) == ["b", "a", "c"]


# --------------------------------------------------------------------------------------------
# The timeline


def test_timeline_rows_are_threads_and_cells_versions(client: FlaskClient, sid: str) -> None:
    body = client.get(f"/s/{sid}.json").get_json()
    doc = page(client, f"/s/{sid}")
    rows = css(doc, "tbody tr")
    assert [tr.get("id") for tr in rows] == [f"t{t['id']}" for t in body["threads"]]
    assert all(len(css(tr, "td")) == len(LABELS) for tr in rows)
    for table in css(doc, "table.tl"):
        assert [th.text_content() for th in css(table, "thead th.tl-v")] == LABELS
    # Each row starts with its current text, linking to its history.
    first = body["threads"][15]
    link = css(doc, "#t15 th a")[0]
    assert link.get("href") == f"/s/{sid}/t/15"
    assert link.text_content().startswith(first_words(body, first))
    # A legend gives every mark its words; the sections carry a heat strip and its text.
    legend = " ".join(css(doc, ".tl-legend")[0].text_content().split())
    assert "~ reworded" in legend and "↻ back after a gap" in legend and "· absent" in legend
    [section] = css(doc, "details.tl-section")  # FOMC statements have no headings
    assert section.get("open") is not None
    assert css(section, ".heat")[0].get("aria-hidden") == "true"
    said = css(section, "summary .sr-only")[0].text_content()
    assert said.startswith("Share of this section's clauses changed in each version: 20080130 ")


def first_words(body: dict[str, Any], thread: dict[str, Any]) -> str:
    last = thread["last"]
    clause = body["versions"][last]["clauses"][thread["cells"][last]["clauses"][0]]
    return " ".join(clause["text"].split())[:30]


def test_a_thread_that_skips_releases_shows_absent_then_returned(
    client: FlaskClient, sid: str
) -> None:
    n = discount_thread(client, sid)
    doc = page(client, f"/s/{sid}")
    cells = css(doc, f"#t{n} td")
    assert [td.get("class").split()[-1] for td in cells] == [f"ev-{e}" for e in DISCOUNT_EVENTS]
    # The mark is there besides the colour, and the words for screen readers.
    assert [td.text_content().strip()[:1] for td in cells[:4]] == ["●", "~", "-", "↻"]
    assert css(cells[3], "a")[0].get("aria-label") == "back after a gap"
    assert not css(cells[6], "a") and cells[6].text_content().strip() == "absent"


def test_a_cell_opens_its_steps_comparison_at_the_clause(client: FlaskClient, sid: str) -> None:
    n = discount_thread(client, sid)
    doc = page(client, f"/s/{sid}")
    cells = css(doc, f"#t{n} td")
    for v, expected in ((8, "1-1/4 percent"), (2, "3-1/2 percent")):  # returned; removed
        href = css(cells[v], "a")[0].get("href")
        assert href.startswith(f"/s/{sid}/step?from={v - 1}&to={v}&")
        response = client.get(href)
        assert response.status_code == 303
        target = response.headers["Location"]
        path, _, anchor = target.partition("#")
        assert re.fullmatch(r"/c/[\w-]+/side\?at=e\d+", path)
        comparison = page(client, path)
        [clause] = css(comparison.get_element_by_id(anchor), ".clause-text")
        assert "discount rate" in clause.text_content()
        assert expected in clause.text_content()
        # The comparison is of those two versions.
        assert css(comparison, "h1")[0].text_content().strip() == (f"{LABELS[v - 1]} → {LABELS[v]}")


def test_the_step_chooser_compares_any_two_versions(client: FlaskClient, sid: str) -> None:
    doc = page(client, f"/s/{sid}")
    [chooser] = css(doc, "form.step-chooser")
    assert chooser.get("action") == f"/s/{sid}/step" and chooser.get("method") == "get"
    selected = [css(s, "option[selected]")[0].get("value") for s in css(chooser, "select")]
    assert selected == ["8", "9"]
    response = client.get(f"/s/{sid}/step?from=0&to=9")
    assert response.status_code == 303
    compared = page(client, response.headers["Location"])
    assert css(compared, "h1")[0].text_content().strip() == f"{LABELS[0]} → {LABELS[9]}"
    assert client.get(f"/s/{sid}/step?from=3&to=3").status_code == 422
    assert client.get(f"/s/{sid}/step?from=0&to=10").status_code == 422
    assert client.get("/s/nope/step?from=0&to=1").status_code == 404


# --------------------------------------------------------------------------------------------
# Blame and history


def test_blame_gives_first_and_last_changed_versions(client: FlaskClient, sid: str) -> None:
    n = discount_thread(client, sid)
    latest = client.get(f"/s/{sid}/blame/9.json").get_json()
    BlameOut.model_validate(latest)
    rows = {r["thread"]: r for r in latest["rows"]}
    discount = rows[n]
    assert (discount["first_label"], discount["changed_label"]) == ("20080122", "20081216")
    # The December statement's new paragraph on the policy focus: first and worded there.
    [focus] = [r for r in latest["rows"] if r["text"].startswith("The focus of the Committee")]
    assert (focus["first"], focus["changed"]) == (9, 9)
    # Blame of an earlier version: the wording dates from that version's own past.
    april = {r["thread"]: r for r in client.get(f"/s/{sid}/blame/4.json").get_json()["rows"]}
    assert (april[n]["first"], april[n]["changed"]) == (0, 4)
    assert "2-1/4 percent" in april[n]["text"]
    # The page: every clause of the version, in order, its first wording one click away.
    doc = page(client, f"/s/{sid}/blame")
    assert len(css(doc, "ol.blame > li")) == len(latest["rows"])
    assert css(doc, f"a[href='/s/{sid}/t/{n}#v0']")
    assert css(doc, "nav.version-picker a[aria-current=page]")[0].text_content() == "20081216"
    assert client.get(f"/s/{sid}/blame/10").status_code == 404


def test_history_shows_each_steps_changes_and_the_quantities(client: FlaskClient, sid: str) -> None:
    n = discount_thread(client, sid)
    body = client.get(f"/s/{sid}/t/{n}.json").get_json()
    HistoryOut.model_validate(body)
    assert [c["event"] for c in body["cells"]] == DISCOUNT_EVENTS
    january = body["cells"][1]["fragments"]
    assert any(f["mark"] == "del" and "4" in f["text"] for f in january)
    assert any(f["mark"] == "ins" and "3-1/2" in f["text"] for f in january)
    [rates] = [q for q in body["quantities"] if q["values"][0] == "4 percent"]
    assert rates["values"] == DISCOUNT_RATES and rates["changed"]
    assert "discount rate" in rates["context"]
    doc = page(client, f"/s/{sid}/t/{n}")
    step = doc.get_element_by_id("v1")
    assert css(step, "del") and css(step, "ins")
    said = " ".join(css(doc, ".quantities")[0].text_content().split())
    assert "4 percent (20080122) → 3-1/2 percent (20080130) → 2-1/2 percent (20080318)" in said
    assert client.get(f"/s/{sid}/t/999").status_code == 404


# --------------------------------------------------------------------------------------------
# JSON twins, escaping, caching and the CLI


def test_json_twins(client: FlaskClient, sid: str) -> None:
    twin = client.get(f"/s/{sid}.json")
    assert twin.status_code == 200 and twin.mimetype == "application/json"
    assert twin.get_json() == client.get(f"/api/v1/series/{sid}").get_json()
    SeriesOut.model_validate(twin.get_json())
    missing = client.get("/s/nope.json")
    assert missing.status_code == 404 and missing.mimetype == "application/problem+json"
    assert client.get(f"/s/{sid}/t/999.json").mimetype == "application/problem+json"
    # The pages name their twins.
    doc = page(client, f"/s/{sid}")
    assert css(doc, f"link[rel=alternate][href='/s/{sid}.json']")


def test_user_text_is_escaped(client: FlaskClient) -> None:
    evil = "<img src=x onerror=alert(1)>"
    response = post(client, rows_of([(evil, "1. Meet <i>often</i>."), ("2024", "1. Meet.")]))
    assert response.status_code == 303
    location = response.headers["Location"]
    for path in (location, f"{location}/blame/0", f"{location}/t/0"):
        html = client.get(path).get_data(as_text=True)
        assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html, path


def test_a_missing_series_is_a_404_page(client: FlaskClient) -> None:
    response = client.get("/s/nope")
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert "Not found" in response.get_data(as_text=True) or "not found" in response.get_data(
        as_text=True
    )


def test_cli_writes_a_standalone_timeline(tmp_path: Path) -> None:
    out = io.StringIO()
    files = [str(f) for f in FOMC[:4]]
    assert cli.run(["series", *files, "--format", "html"], out) == 0
    html = out.getvalue()
    doc = lxml.html.fromstring(html)
    assert css(doc, "style") and ".tl {" in css(doc, "style")[0].text_content()
    assert not css(doc, "script, link, img, a[href]")  # one file, nothing to fetch
    assert "http://" not in html and "https://" not in html
    assert [th.text_content() for th in css(doc, "thead th.tl-v")] == LABELS[:4]
    rows = css(doc, "tbody tr")
    assert rows and all(len(css(tr, "td")) == 4 for tr in rows)


def test_the_json_of_a_history_matches_the_series(client: FlaskClient, sid: str) -> None:
    """Every history cell is the series' own cell, its text the clauses' text."""
    body = client.get(f"/s/{sid}.json").get_json()
    for thread in body["threads"][14:18]:
        history = client.get(f"/s/{sid}/t/{thread['id']}.json").get_json()
        for v, cell in enumerate(history["cells"]):
            assert cell["event"] == thread["cells"][v]["event"]
            assert cell["clauses"] == thread["cells"][v]["clauses"]
            texts = [body["versions"][v]["clauses"][c]["text"] for c in cell["clauses"]]
            assert cell["text"] == ("\n".join(texts) if texts else None)
    assert json.loads(json.dumps(body))["id"] == sid


def test_a_failed_series_shows_its_problem(tmp_path: Path) -> None:
    """A series that fails in the background (here: no time at all to compute it) answers its
    page with the problem it met, and its status, instead of a progress bar for ever."""
    application = make_app(tmp_path, SERIES_BACKGROUND_CHARS=0, SERIES_TIME_BUDGET_SECONDS=0)
    try:
        client = application.test_client()
        data: dict[str, Any] = {"count": "3"}
        for i, f in enumerate(FOMC[:3]):
            data[f"v{i}_file"] = (io.BytesIO(f.read_bytes()), f.name)
        response = post(client, data)
        assert response.status_code == 303
        location = response.headers["Location"]
        sid = location.rsplit("/", 1)[1]
        deadline = time.monotonic() + 30
        while client.get(f"/api/v1/series/{sid}").status_code == 202:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        failed = client.get(location)
        assert failed.status_code == 422 and failed.mimetype == "text/html"
        said = " ".join(lxml.html.fromstring(failed.get_data(as_text=True)).text_content().split())
        assert "took longer than the 0 seconds this service allows a series" in said
        assert "What to do next:" in said
        assert client.get(f"{location}/blame").status_code == 422
        twin = client.get(f"{location}.json")
        assert twin.status_code == 422 and twin.mimetype == "application/problem+json"
    finally:
        application.extensions["diffsvc"].store.close()


@contextmanager
def rendered(app: Flask) -> Iterator[list[tuple[str, dict[str, Any]]]]:
    seen: list[tuple[str, dict[str, Any]]] = []

    def record(sender: Flask, template: Any, context: dict[str, Any], **extra: Any) -> None:
        seen.append((template.name, context))

    template_rendered.connect(record, app)
    try:
        yield seen
    finally:
        template_rendered.disconnect(record, app)


def test_every_series_page_passes_one_described_page(
    app: Flask, client: FlaskClient, sid: str
) -> None:
    expected = {
        "/s/new": ("series_form.html", SeriesFormPage),
        f"/s/{sid}": ("series_timeline.html", TimelinePage),
        f"/s/{sid}/blame/2": ("series_blame.html", BlamePage),
        f"/s/{sid}/t/3": ("series_history.html", HistoryPage),
    }
    for path, (template, model) in expected.items():
        with rendered(app) as seen:
            client.get(path)
        assert [name for name, _ in seen] == [template], path
        context = seen[0][1]
        assert {"page"} <= set(context) and type(context["page"]) is model
        assert set(context) - {"page"} <= FLASK_GLOBALS, path
    for model in (SeriesFormPage, TimelinePage, BlamePage, HistoryPage, SeriesProgressPage):
        assert described(model) == []


def test_series_pages_have_no_inline_script_or_style(client: FlaskClient, sid: str) -> None:
    """The CSP allows neither; the standalone timeline of the CLI is the one page with its
    stylesheet inline, and it is never served."""
    for path in ("/s/new", f"/s/{sid}", f"/s/{sid}/blame", f"/s/{sid}/t/21"):
        html = client.get(path).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), path
        assert " style=" not in html and "<style" not in html and " on" + "click=" not in html
