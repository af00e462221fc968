"""Exports everywhere: the API's ``/export`` routes (comparisons and series), the pages' Download
menu, and the command line's formats, each answering with the right type and file name.

What is inside each file (tracked changes, the PDF's pages, the spreadsheet's rows) is held by
the tests of its module (test_export_docx, test_export_pdf, test_export_table); here each file
is only opened far enough to know it is what its type says.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import urllib.request
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from axe_support import axe_violations, format_violations
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook
from playwright.sync_api import Browser, expect
from web_support import LEFT, RIGHT, save_comparison

from diffsvc import compare, load
from diffsvc.app.openapi import openapi_document
from diffsvc.cli import run
from diffsvc.models import Comparison, Series
from diffsvc.models.api import ComparisonOut, SeriesOut
from diffsvc.views.exports import FORMATS, ExportOptions

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED = FIXTURES / "seed-next-year"
EXTENSIONS = {
    "docx": "docx",
    "pdf": "pdf",
    "xlsx": "xlsx",
    "csv": "csv",
    "html": "html",
    "md": "md",
    "json": "json",
}
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "json": "application/json",
}
# One editorial change (a space before a comma) and one of substance.
EDITORIAL_LEFT = "1. Alpha , beta.\n2. We will establish it."
EDITORIAL_RIGHT = "1. Alpha, beta.\n2. We will explore it."
STATEMENTS = [
    "1. We will meet each year.\n2. We will share data.\n3. We will fight crime.",
    "1. We will meet each year.\n3. We will fight crime together.",
    "1. We will meet twice a year.\n2. We will share data.\n3. We will fight crime together.",
]


def is_a(fmt: str, data: bytes) -> None:
    """``data`` is a file of format ``fmt``, opened as its users' programs open it."""
    if fmt in ("docx", "xlsx"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
        assert ("word/document.xml" if fmt == "docx" else "xl/workbook.xml") in names
        if fmt == "xlsx":
            assert load_workbook(io.BytesIO(data)).sheetnames == ["Changes", "Summary"]
    elif fmt == "pdf":
        assert data.startswith(b"%PDF-")
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        assert rows[0][:2] == ["Entry", "What happened"]
    elif fmt == "html":
        assert data.lower().startswith(b"<!doctype html>")
    elif fmt == "md":
        assert data.startswith(b"# ") and b"~~" in data
    else:
        Comparison.model_validate_json(data)


def _saved(
    client: FlaskClient,
    left: str = LEFT,
    right: str = RIGHT,
    labels: tuple[str, str] | None = None,
) -> str:
    """Compare two texts through the API and save them; return the comparison's id."""
    sides = [{"text": left}, {"text": right}]
    if labels:
        for side, label in zip(sides, labels, strict=True):
            side["label"] = label
    response = client.post("/api/v1/compare", json={"left": sides[0], "right": sides[1]})
    assert response.status_code == 200, response.get_data(as_text=True)
    cid: str = response.get_json()["id"]
    return cid


# ---------------------------------------------------------------------------------------------
# The API


@pytest.mark.parametrize("fmt", list(EXTENSIONS))
def test_every_format_has_its_type_and_file_name(client: FlaskClient, fmt: str) -> None:
    cid = _saved(client, labels=("2023", "2024"))
    response = client.get(f"/api/v1/comparisons/{cid}/export?format={fmt}")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.headers["Content-Type"] == MEDIA_TYPES[fmt]
    disposition = response.headers["Content-Disposition"]
    assert disposition == f"attachment; filename=2023-vs-2024.{EXTENSIONS[fmt]}"
    is_a(fmt, response.data)
    # A saved comparison never changes: the browser may keep the file and revalidate it.
    again = client.get(
        f"/api/v1/comparisons/{cid}/export?format={fmt}",
        headers={"If-None-Match": response.headers["ETag"]},
    )
    assert again.status_code == 304


def test_chinese_labels_name_the_file_with_an_ascii_fallback(client: FlaskClient) -> None:
    cid = _saved(client, labels=("第十次会晤 2023", "第十一次会晤 2024"))
    response = client.get(f"/api/v1/comparisons/{cid}/export?format=xlsx")
    name = "第十次会晤-2023-vs-第十一次会晤-2024.xlsx"
    quoted = urllib.request.quote(name)
    assert response.headers["Content-Disposition"] == (
        f"attachment; filename=2023-vs-2024.xlsx; filename*=UTF-8''{quoted}"
    )


def test_the_export_is_the_library_s_with_the_options_asked_for(client: FlaskClient) -> None:
    cid = _saved(client, EDITORIAL_LEFT, EDITORIAL_RIGHT)
    result = client.application.extensions["diffsvc"].store.get_comparison(cid).comparison
    for query, options in (
        ("", ExportOptions()),
        ("&hide_editorial=true", ExportOptions(hide_editorial=True)),
    ):
        for fmt in ("html", "md"):
            body = client.get(f"/api/v1/comparisons/{cid}/export?format={fmt}{query}").data
            assert body == FORMATS[fmt].render(result, options), (fmt, query)
    shown = client.get(f"/api/v1/comparisons/{cid}/export?format=md").data
    hidden = client.get(f"/api/v1/comparisons/{cid}/export?format=md&hide_editorial=1").data
    assert b"editorial" in shown and shown != hidden


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("format=zip", "format"),
        ("", "format"),
        ("format=pdf&view=print", "view"),
        ("format=docx&editorial=maybe", "editorial"),
        ("format=md&hide_editorial=yes", "hide_editorial"),
    ],
)
def test_a_bad_query_is_a_problem_naming_the_parameter(
    client: FlaskClient, query: str, field: str
) -> None:
    cid = _saved(client)
    response = client.get(f"/api/v1/comparisons/{cid}/export?{query}")
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["code"] == "invalid-request"
    assert problem["errors"][0]["loc"] == ["query", field]
    assert field in problem["detail"]


def test_an_unknown_comparison_is_not_found(client: FlaskClient) -> None:
    response = client.get("/api/v1/comparisons/nope/export?format=csv")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["code"] == "not-found"
    assert client.get("/c/nope/export.csv").status_code == 404


@pytest.mark.parametrize("fmt", list(EXTENSIONS))
def test_each_export_answers_as_the_openapi_document_says(app: Flask, fmt: str) -> None:
    schema = schemathesis.openapi.from_dict(openapi_document())
    cid = _saved(app.test_client())
    operation = schema["/api/v1/comparisons/{id}/export"]["GET"]
    case = operation.Case(path_parameters={"id": cid}, query={"format": fmt})
    assert case.call_and_validate(app=app).status_code == 200


# ---------------------------------------------------------------------------------------------
# The pages' Download menu


class _Links(HTMLParser):
    """The Download menu's links: (format, href, download attribute)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        fmt = attributes.get("data-download")
        if tag == "a" and fmt and "download" in attributes:
            self.found.append((fmt, attributes["href"] or "", attributes["download"]))


def _menu(client: FlaskClient, path: str) -> dict[str, str]:
    parser = _Links()
    parser.feed(client.get(path).get_data(as_text=True))
    return {fmt: href for fmt, href, _ in parser.found}


@pytest.mark.parametrize("view", ["side", "inline", "changes"])
def test_every_view_offers_every_download_and_each_answers(client: FlaskClient, view: str) -> None:
    cid = save_comparison(client, left_label="2023", right_label="2024")
    links = _menu(client, f"/c/{cid}/{view}")
    assert sorted(links) == sorted(EXTENSIONS)
    assert links["pdf"].endswith(f"/export.pdf?view={view}")  # the PDF of the view on screen
    for fmt, href in links.items():
        response = client.get(href)
        assert response.status_code == 200, (fmt, href)
        assert response.headers["Content-Type"] == MEDIA_TYPES[fmt]
        assert response.headers["Content-Disposition"].startswith("attachment; filename=")
        if fmt == "json":  # the page's JSON twin: the comparison with its id and URL
            assert ComparisonOut.model_validate_json(response.data).id == cid
        else:
            assert "2023-vs-2024." in response.headers["Content-Disposition"]
            is_a(fmt, response.data)


def test_the_downloads_keep_the_reader_s_choices(client: FlaskClient) -> None:
    cid = save_comparison(client, left=EDITORIAL_LEFT, right=EDITORIAL_RIGHT)
    result = client.application.extensions["diffsvc"].store.get_comparison(cid).comparison
    links = _menu(client, f"/c/{cid}/inline?editorial=hide")
    assert "editorial=hide" in links["md"] and "view=inline" in links["pdf"]
    hidden = ExportOptions(view="inline", hide_editorial=True)
    for fmt in ("md", "html"):
        assert client.get(links[fmt]).data == FORMATS[fmt].render(result, hidden)
    assert client.get(f"/c/{cid}/export.nope").status_code == 404


# ---------------------------------------------------------------------------------------------
# Series


def _series(client: FlaskClient) -> str:
    labels = ("2021", "2022", "2023")
    body = {"versions": [{"text": t, "label": y} for t, y in zip(STATEMENTS, labels, strict=True)]}
    response = client.post("/api/v1/series", json=body)
    assert response.status_code == 201, response.get_data(as_text=True)
    sid: str = response.get_json()["id"]
    return sid


def test_a_series_timeline_exports_as_a_workbook(client: FlaskClient) -> None:
    sid = _series(client)
    response = client.get(f"/api/v1/series/{sid}/export?format=xlsx")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == MEDIA_TYPES["xlsx"]
    assert response.headers["Content-Disposition"] == (
        "attachment; filename=2021-to-2023-timeline.xlsx"
    )
    found = SeriesOut.model_validate_json(client.get(f"/api/v1/series/{sid}").data)
    sheet = load_workbook(io.BytesIO(response.data))["Timeline"]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == len(found.threads) + 1  # one row per thread
    assert rows[0][2:5] == ("2021", "2022", "2023")  # one column per version
    as_json = client.get(f"/api/v1/series/{sid}/export?format=json")
    assert as_json.headers["Content-Type"] == "application/json"
    assert Series.model_validate_json(as_json.data).threads == found.threads
    bad = client.get(f"/api/v1/series/{sid}/export?format=docx")
    assert (bad.status_code, bad.get_json()["code"]) == (422, "invalid-request")
    assert client.get("/api/v1/series/nope/export?format=xlsx").status_code == 404
    # The timeline page offers the workbook.
    page = client.get(f"/s/{sid}").get_data(as_text=True)
    link = re.search(r'href="([^"]+)"[^>]*>Download timeline \(Excel\)<', page)
    assert link and client.get(link[1].replace("&amp;", "&")).data == response.data


# ---------------------------------------------------------------------------------------------
# The command line


@pytest.mark.parametrize("fmt", [*EXTENSIONS, "text"])
def test_the_command_line_writes_each_format(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    out = io.StringIO()
    args = ["compare", str(SEED / "a.txt"), str(SEED / "b.txt"), "--format", fmt]
    status = run([*args, "--output", str(target)], out)
    assert status == 1  # they differ, whatever the format
    assert out.getvalue() == ""
    if fmt == "text":
        assert "{+Victoria+}" in target.read_text(encoding="utf-8")
    else:
        is_a(fmt, target.read_bytes())


def test_text_formats_go_to_standard_output_and_binary_ones_only_to_a_file_or_pipe(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["compare", str(SEED / "a.txt"), str(SEED / "b.txt"), "--format"]
    out = io.StringIO()
    assert run([*args, "md"], out) == 1
    is_a("md", out.getvalue().encode("utf-8"))
    out = io.StringIO()
    assert run([*args, "xlsx"], out) == 2
    assert out.getvalue() == ""
    assert "xlsx is not text: give --output FILE" in capsys.readouterr().err
    piped = subprocess.run(
        [sys.executable, "-m", "diffsvc", *args, "xlsx"],
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert piped.returncode == 1, piped.stderr
    is_a("xlsx", piped.stdout)


def test_the_command_line_passes_its_options_to_the_export(tmp_path: Path) -> None:
    left = "1. Alpha , beta.\n2. We will establish it."
    right = "1. Alpha, beta.\n2. We will explore it."
    (tmp_path / "a.txt").write_text(left, encoding="utf-8")
    (tmp_path / "b.txt").write_text(right, encoding="utf-8")
    # What the command line compares: each file read, named after it.
    result = compare(
        load(left.encode(), "a.txt", label="a"), load(right.encode(), "b.txt", label="b")
    )
    args = ["compare", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--format", "md"]
    out = io.StringIO()
    assert run([*args, "--hide-editorial"], out) == 1
    assert out.getvalue().encode("utf-8") == FORMATS["md"].render(
        result, ExportOptions(hide_editorial=True)
    )
    target = tmp_path / "side.pdf"
    assert run([*args[:-1], "pdf", "--view", "side", "--output", str(target)], out) == 1
    is_a("pdf", target.read_bytes())


def test_the_command_line_writes_a_series_timeline_workbook(tmp_path: Path) -> None:
    paths = []
    for k, text in enumerate(STATEMENTS):
        path = tmp_path / f"{2021 + k}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    target = tmp_path / "timeline.xlsx"
    assert run(["series", *paths, "--format", "xlsx", "--output", str(target)], io.StringIO()) == 0
    rows = list(load_workbook(target)["Timeline"].iter_rows(values_only=True))
    assert rows[0][2:5] == ("2021", "2022", "2023")
    assert run(["series", *paths, "--format", "xlsx"], io.StringIO()) == 2


# ---------------------------------------------------------------------------------------------
# In a browser


@pytest.mark.browser
def test_the_download_menu_works_without_the_script(browser: Browser, live_server: str) -> None:
    body = {"left": {"text": LEFT, "label": "2023"}, "right": {"text": RIGHT, "label": "2024"}}
    request = urllib.request.Request(
        live_server + "/api/v1/compare",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        saved: dict[str, Any] = json.load(response)
    context = browser.new_context(java_script_enabled=False, accept_downloads=True)
    tab = context.new_page()
    tab.goto(f"{live_server}/c/{saved['id']}/changes")
    tab.locator("details.menu > summary").click()
    tab.locator("details.downloads > summary").click()
    with tab.expect_download() as info:
        tab.click("a[data-download=xlsx]")
    download = info.value
    assert download.suggested_filename == "2023-vs-2024.xlsx"
    is_a("xlsx", Path(download.path()).read_bytes())
    context.close()
    # With the script, the open menu is as accessible as the rest of the page.
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(f"{live_server}/c/{saved['id']}/changes")
    tab.wait_for_selector("html[data-ready]")
    tab.locator("details.menu > summary").click()
    tab.locator("details.downloads > summary").click()
    expect(tab.locator("a[data-download=docx]")).to_be_visible()
    found = axe_violations(tab)
    assert found == [], format_violations(found, where=tab.url + " (Download menu open)")
    context.close()


def test_a_pdf_or_word_file_too_long_to_lay_out_is_refused_with_what_to_take_instead(
    tmp_path: Path,
) -> None:
    # A PDF lays out 1,000 entries in 2-5 s: past MAX_PDF_ENTRIES the worker would be killed
    # before the file arrived, so the service says so at once and names what holds any size.
    from web_support import make_app

    app = make_app(tmp_path, MAX_PDF_ENTRIES=2, MAX_WORD_ENTRIES=3)
    client = app.test_client()
    left = "1. Alpha.\n2. Beta.\n3. Gamma.\n4. Delta."
    right = "1. Alpha.\n2. Beta changed.\n3. Gamma.\n4. Delta."
    cid = save_comparison(client, left, right)
    url = f"/api/v1/comparisons/{cid}/export"
    inline = client.get(url, query_string={"format": "pdf", "view": "inline"})
    assert inline.status_code == 422
    problem = inline.get_json()
    assert problem["code"] == "export-too-large"
    assert "4 entries" in problem["detail"] and "only the changes" in problem["detail"]
    # Only the changes fit: one changed entry.
    changes = client.get(url, query_string={"format": "pdf", "view": "changes"})
    assert changes.status_code == 200 and changes.data.startswith(b"%PDF")
    word = client.get(url, query_string={"format": "docx"})
    assert word.status_code == 422 and word.get_json()["code"] == "export-too-large"
    assert client.get(url, query_string={"format": "xlsx"}).status_code == 200
    # The page's Download menu gets the same answer as a page.
    page = client.get(f"/c/{cid}/export.docx")
    assert page.status_code == 422
    assert "spreadsheet" in page.get_data(as_text=True)
