"""The HTML pages through Flask's test client: form, comparison views, twins, actions, headers."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from web_support import LEFT, RIGHT, make_app, post_form, save_comparison

from diffsvc.views.comparison import VIEW_TITLES

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed-next-year"
FORMATS = SEED.parent / "formats"
BILINGUAL_LEFT = (
    "一、加强合作。\n二、交流信息。\n\n1. Strengthen cooperation.\n2. Exchange information.\n"
)
BILINGUAL_RIGHT = (
    "一、加强务实合作。\n二、交流信息。\n\n"
    "1. Strengthen practical cooperation.\n2. Exchange information.\n"
)


def test_index_shows_the_form(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    for name in ("left_text", "left_file", "left_label", "right_text", "right_file", "right_label"):
        assert f'name="{name}"' in html
    assert 'name="hide_editorial"' in html
    assert 'name="zh_granularity" value="word"' in html
    for side in ("left", "right"):
        assert f'<select name="{side}_tracked">' in html
    assert '<option value="final" selected>Accept all: the final text</option>' in html
    assert '<option value="original">Reject all: the original text</option>' in html
    assert 'enctype="multipart/form-data"' in html


def test_submit_saves_and_redirects(client: FlaskClient) -> None:
    response = post_form(client, {"left_text": LEFT, "right_text": RIGHT, "left_label": "2023"})
    assert response.status_code == 303
    assert re.fullmatch(r"/c/[A-Za-z0-9_-]{16,}", response.headers["Location"])
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "2023" in page and "narcotics" in page


def test_submit_with_hide_editorial_keeps_the_choice(client: FlaskClient) -> None:
    form = {"left_text": LEFT, "right_text": RIGHT, "hide_editorial": "on"}
    form["zh_granularity"] = "word"
    location = post_form(client, form).headers["Location"]
    assert location.endswith("?editorial=hide")
    html = client.get(location).get_data(as_text=True)
    assert 'class="compare view-is-side hide-editorial"' in html
    cid = location.split("/c/")[1].split("?")[0]
    assert client.get(f"/c/{cid}.json").get_json()["options"]["zh_granularity"] == "word"


def test_upload_a_file_instead_of_text(client: FlaskClient) -> None:
    form = {
        "left_file": (io.BytesIO(LEFT.encode("gb18030")), "2022.txt"),
        "right_text": RIGHT,
        "right_label": "2023",
    }
    location = post_form(client, form).headers["Location"]
    data = client.get(location.replace("/c/", "/api/v1/comparisons/")).get_json()
    assert data["left"]["source"]["filename"] == "2022.txt"
    assert data["right"]["source"]["label"] == "2023"


def source_lines(html: str) -> dict[str, str]:
    """The 'what was read' line of each side, as text (tags dropped, spaces collapsed)."""
    found = re.findall(r'<li class="source source-(\w+)">(.*?)</li>', html, re.S)
    return {side: " ".join(re.sub(r"<[^>]+>", "", body).split()) for side, body in found}


def side_row(html: str, label: str) -> str:
    """The markup of the side-by-side row whose clauses carry ``label``."""
    rows = re.split(r'(?=<div class="row )', html)
    return next(
        r for r in rows if 'id="side-e' in r and f'<span class="clause-label">{label}</span>' in r
    )


def test_page_shows_the_detected_format_and_encoding_of_each_side(client: FlaskClient) -> None:
    """Issue #4: the result shows which format and encoding were detected."""
    text = "一、加强执法合作。\n二、共同打击电信网络诈骗犯罪。\n"
    page = (
        '<!doctype html><html><head><meta charset="utf-8"><title>2024</title></head><body>'
        "<p>一、加强执法务实合作。</p><p>二、共同打击电信网络诈骗犯罪。</p></body></html>"
    )
    form = {
        "left_file": (io.BytesIO(text.encode("gb18030")), "2023.txt"),
        "left_label": "2023",
        "right_file": (io.BytesIO(page.encode("utf-8")), "2024.html"),
    }
    location = post_form(client, form).headers["Location"]
    data = client.get(location + ".json").get_json()
    assert (data["left"]["source"]["encoding"], data["right"]["source"]["format"]) == (
        "gb18030",
        "html",
    )
    html = client.get(location).get_data(as_text=True)
    assert source_lines(html) == {
        "left": "2023 · 2023.txt read as plain text, encoding gb18030",
        "right": "2024.html · read as HTML, encoding utf-8",
    }
    assert '<span class="source-format" data-format="html">HTML</span>' in html


def test_page_says_which_text_of_a_word_file_with_tracked_changes_was_compared(
    client: FlaskClient,
) -> None:
    """Issue #17: a Word file's tracked changes are never resolved silently."""
    tracked = (FORMATS / "tracked_changes.docx").read_bytes()
    form = {
        "left_file": (io.BytesIO(tracked), "draft.docx"),
        "left_label": "draft",
        "left_tracked": "original",
        "right_file": (io.BytesIO(tracked), "draft.docx"),
        "right_label": "agreed",
        "right_tracked": "final",
    }
    location = post_form(client, form).headers["Location"]
    html = client.get(location).get_data(as_text=True)
    assert source_lines(html) == {
        "left": "draft · draft.docx read as Word (.docx) · "
        "14 tracked changes, compared with all changes rejected",
        "right": "agreed · draft.docx read as Word (.docx) · "
        "14 tracked changes, compared with all changes accepted",
    }
    assert "The parties will <del>consider establishing</del> a joint" in html
    # A Word file without tracked changes says nothing about them, whatever was chosen.
    plain = (FORMATS / "statement_en.docx").read_bytes()
    form = {"left_file": (io.BytesIO(plain), "a.docx"), "left_tracked": "original"}
    location = post_form(client, {**form, "right_text": RIGHT}).headers["Location"]
    lines = source_lines(client.get(location).get_data(as_text=True))
    assert lines["left"] == "a.docx · read as Word (.docx)"


def test_form_refuses_an_unknown_tracked_state(client: FlaskClient) -> None:
    form = {"left_text": LEFT, "right_text": RIGHT, "right_tracked": "accept"}
    response = post_form(client, form)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    # Named as the form titles the side, not by the field's name.
    assert (
        "The later version&#39;s tracked changes must be &#39;final&#39; or &#39;original&#39;, "
        "not &#39;accept&#39;." in html
    )


def test_file_names_are_escaped(client: FlaskClient) -> None:
    form = {"left_file": (io.BytesIO(LEFT.encode()), "<img src=x onerror=alert(1)>.txt")}
    location = post_form(client, {**form, "left_label": "2023", "right_text": RIGHT})
    html = client.get(location.headers["Location"]).get_data(as_text=True)
    assert "<img src=x" not in html
    assert '<span class="source-file">&lt;img src=x onerror=alert(1)&gt;.txt</span>' in html


def test_seed_page_flags_the_chinese_item_changed_in_one_language(client: FlaskClient) -> None:
    left, right = ((SEED / n).read_text(encoding="utf-8") for n in ("a.txt", "b.txt"))
    cid = save_comparison(client, left, right, left_label="2023", right_label="2024")
    html = client.get(f"/c/{cid}").get_data(as_text=True)
    note = (
        '<li class="note note-asymmetric"><span class="badge badge-note">one language</span> '
        "the Chinese changed but the English did not</li>"
    )
    assert note in side_row(html, "二、")
    assert html.count(note) == 1  # the page carries the chosen view only
    assert '<span class="num">1</span> in one language only</li>' in html
    assert source_lines(html) == {
        "left": "2023 · pasted text · 166 pinyin annotations removed",
        "right": "2024 · pasted text",
    }


def test_numbers_that_disagree_with_the_translation_are_marked(client: FlaskClient) -> None:
    old = "一、双方将于2024年举行会晤。\n1. The parties will meet in 2024.\n"
    new = "一、双方将于2025年举行会晤。\n1. The parties will meet in 2024.\n"
    html = client.get(f"/c/{save_comparison(client, old, new)}").get_data(as_text=True)
    badge = '<li class="note note-translation"><span class="badge badge-note">translation</span> '
    assert badge + "numbers differ from the English: 2025 here, 2024 there</li>" in html
    assert badge + "numbers differ from the Chinese: 2024 here, 2025 there</li>" in html


@pytest.mark.parametrize(
    ("suffix", "shown"),
    [("", "side"), ("?view=inline", "inline"), ("/changes", "changes"), ("/side", "side")],
)
def test_each_view_has_its_own_url(client: FlaskClient, suffix: str, shown: str) -> None:
    cid = save_comparison(client)
    html = client.get(f"/c/{cid}{suffix}").get_data(as_text=True)
    # Only the chosen view is built: the others are links to their own pages.
    assert re.findall(r'data-view-panel="(\w+)"', html) == [shown]
    assert re.findall(r'aria-current="page">([^<]+)<', html) == [VIEW_TITLES[shown]]


def test_page_shows_marks_moves_and_summary(client: FlaskClient) -> None:
    cid = save_comparison(client)
    html = client.get(f"/c/{cid}").get_data(as_text=True)
    assert "<del>drugs</del>" in html and "<ins>narcotics</ins>" in html
    assert '<span class="num">1</span> moved' in html
    moved = re.search(r'<a class="moved-link" href="#side-(g\d+)">', html)
    assert moved and f'id="side-{moved.group(1)}"' in html
    # The changes view folds runs of unchanged clauses into <details>.
    same = "1. Alpha clause one.\n2. Beta clause two.\n3. Gamma clause three.\n"
    cid = save_comparison(client, same, same.replace("three", "3"))
    assert "2 unchanged clauses" in client.get(f"/c/{cid}/changes").get_data(as_text=True)


def test_json_twin_is_linked_and_serves_the_same_result(client: FlaskClient) -> None:
    cid = save_comparison(client)
    html = client.get(f"/c/{cid}").get_data(as_text=True)
    assert f'<link rel="alternate" type="application/json" href="/c/{cid}.json">' in html
    twin = client.get(f"/c/{cid}.json")
    assert twin.mimetype == "application/json"
    api = client.get(f"/api/v1/comparisons/{cid}")
    assert twin.get_json() == api.get_json()
    assert twin.get_json()["id"] == cid
    assert twin.get_json()["url"] == f"http://localhost/c/{cid}"


def test_download_json_is_an_attachment(client: FlaskClient) -> None:
    cid = save_comparison(client)
    response = client.get(f"/c/{cid}.json?download=1")
    disposition = f'attachment; filename="comparison-{cid}.json"'
    assert response.headers["Content-Disposition"] == disposition
    assert json.loads(response.data)["summary"]["added"] == 1


def test_swap_sides_computes_once_and_redirects(client: FlaskClient) -> None:
    cid = save_comparison(client)
    first = client.get(f"/c/{cid}/swap?view=inline")
    assert first.status_code == 303
    swapped = first.headers["Location"].split("/c/")[1].split("/")[0]
    assert first.headers["Location"] == f"/c/{swapped}/inline"
    assert client.get(f"/c/{cid}/swap").headers["Location"] == f"/c/{swapped}/side"
    summary = client.get(f"/c/{swapped}.json").get_json()["summary"]
    assert (summary["added"], summary["removed"]) == (0, 1)


def translation(text: str) -> str:
    """The fold-out showing a clause's translation (its counterpart in the other language)."""
    return f'<details class="translation"><summary>Translation</summary><p>{text}</p></details>'


def test_bilingual_sections_and_translations(client: FlaskClient) -> None:
    cid = save_comparison(client, BILINGUAL_LEFT, BILINGUAL_RIGHT)
    # Translations are shown when asked for: under every clause they would clutter reading.
    assert "Translation</summary>" not in client.get(f"/c/{cid}").text
    html = client.get(f"/c/{cid}?tr=show").get_data(as_text=True)
    assert 'id="side-lang-zh" lang="zh"' in html and 'id="side-lang-en" lang="en"' in html
    assert '<nav class="lang-tabs"' in html
    data = client.get(f"/c/{cid}.json").get_json()
    for side in ("left", "right"):  # 一、 <-> 1., 二、 <-> 2.
        assert [c["counterpart"] for c in data[side]["clauses"]] == [2, 3, 0, 1]
    zh_row, en_row = side_row(html, "一、"), side_row(html, "1.")
    assert translation("Strengthen cooperation.") in zh_row
    assert translation("Strengthen practical cooperation.") in zh_row
    assert translation("加强合作。") in en_row and translation("加强务实合作。") in en_row


def test_user_text_is_escaped(client: FlaskClient) -> None:
    evil = '1. <script>alert(1)</script> "><img src=x onerror=alert(2)> {{ 7*7 }}\n'
    cid = save_comparison(client, "1. Harmless.\n", evil, right_label="<b>label</b>")
    html = client.get(f"/c/{cid}").get_data(as_text=True)
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>label" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # The template never evaluates user text: "49" appears nowhere but, by chance, in the id.
    assert "{{ 7*7 }}" in html and "49" not in html.replace(cid, "")


@pytest.mark.parametrize(
    "path", ["/", "/c/missing", "/api/docs", "/healthz", "/api/v1/openapi.json"]
)
def test_security_headers_on_every_response(client: FlaskClient, path: str) -> None:
    headers = client.get(path).headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp and "style-src 'self'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "no-referrer"


def test_templates_have_no_inline_script_or_style(client: FlaskClient) -> None:
    cid = save_comparison(client)
    for path in ("/", f"/c/{cid}", "/api/docs", "/c/missing"):
        html = client.get(path).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), path
        assert " style=" not in html and "<style" not in html and " on" + "click=" not in html


def test_form_post_without_csrf_token_is_refused(client: FlaskClient) -> None:
    response = client.post("/", data={"left_text": LEFT, "right_text": RIGHT})
    assert response.status_code == 400
    assert "reload the form" in response.get_data(as_text=True)


def test_comparison_ids_are_unguessable(client: FlaskClient) -> None:
    ids = {save_comparison(client, LEFT, RIGHT + f"{n}. More.\n") for n in range(5, 9)}
    assert len(ids) == 4 and all(len(i) >= 16 for i in ids)


def test_static_assets_are_served_by_the_app(client: FlaskClient) -> None:
    for name in ("app.css", "app.js", "apidocs.js"):
        response = client.get(f"/static/{name}")
        assert response.status_code == 200
        response.close()


def test_api_docs_page_loads_its_own_script(client: FlaskClient) -> None:
    html = client.get("/api/docs").get_data(as_text=True)
    assert '<script src="/static/apidocs.js" defer></script>' in html
    assert 'data-openapi-url="/api/v1/openapi.json"' in html
    assert "swagger" not in html.lower() and "cdn" not in html.lower()


def test_health_and_readiness(
    client: FlaskClient, app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert client.get("/healthz").get_json() == {"status": "ok"}
    assert client.get("/readyz").get_json() == {"status": "ready"}
    monkeypatch.setattr(app.extensions["diffsvc"].store, "ping", lambda: False)
    response = client.get("/readyz")
    assert (response.status_code, response.get_json()["code"]) == (503, "not-ready")
    assert client.get("/healthz").status_code == 200


def test_every_route_is_known_to_these_tests(app: Flask) -> None:
    """A new route fails this until it is added here and given tests of its own."""
    rules = {
        (r.rule, ",".join(sorted(set(r.methods or ()) - {"HEAD", "OPTIONS"})))
        for r in app.url_map.iter_rules()
    }
    assert rules == {
        ("/static/<path:filename>", "GET"),
        ("/", "GET"),
        ("/", "POST"),
        ("/c/<cid>", "GET"),
        ("/c/<cid>/<any(side, inline, changes):view>", "GET"),
        ("/c/<cid>.json", "GET"),
        ("/c/<cid>/swap", "GET"),
        ("/c/<cid>/export.<fmt>", "GET"),  # tests/test_export_api.py
        ("/api/v1/comparisons/<cid>/export", "GET"),  # tests/test_export_api.py
        ("/api/v1/series/<cid>/export", "GET"),  # tests/test_export_api.py
        ("/c/<cid>/delete", "GET"),
        ("/c/<cid>/delete", "POST"),  # tests/test_delete.py
        ("/api/docs", "GET"),
        ("/problems", "GET"),  # tests/test_web.py, the problem types
        ("/favicon.ico", "GET"),
        ("/healthz", "GET"),
        ("/readyz", "GET"),
        ("/api/v1/compare", "POST"),
        ("/api/v1/normalize", "POST"),
        ("/api/v1/comparisons/<cid>", "GET"),
        ("/api/v1/comparisons/<cid>", "DELETE"),  # tests/test_delete.py
        ("/api/v1/documents/<doc_id>", "GET"),
        ("/api/v1/openapi.json", "GET"),
        # tests/test_series_pages.py and test_series_browser.py
        ("/s/new", "GET"),
        ("/s/new", "POST"),
        ("/s/<sid>", "GET"),
        ("/s/<sid>.json", "GET"),
        ("/s/<sid>/blame", "GET"),
        ("/s/<sid>/blame/<int:k>", "GET"),
        ("/s/<sid>/blame/<int:k>.json", "GET"),
        ("/s/<sid>/t/<int:n>", "GET"),
        ("/s/<sid>/t/<int:n>.json", "GET"),
        ("/s/<sid>/step", "GET"),
        ("/s/<sid>/delete", "GET"),
        ("/s/<sid>/delete", "POST"),
        # tests/test_series_api.py and test_series_queue.py
        ("/api/v1/series", "POST"),
        ("/api/v1/series/<cid>", "GET"),
        ("/api/v1/series/<cid>", "DELETE"),
    }


def test_editorial_changes_are_marked_for_the_filter(client: FlaskClient) -> None:
    left = "1. We will cooperate, closely, on drugs.\n2. Share data.\n"
    right = "1. We will cooperate; closely; on drugs.\n2. Share data.\n"
    cid = save_comparison(client, left, right)
    html = client.get(f"/c/{cid}").get_data(as_text=True)
    assert 'class="row op-modified editorial change stop"' in html
    inline = client.get(f"/c/{cid}/inline").text
    assert '<del class="ed">,</del><ins class="ed">;</ins>' in inline
    hidden = client.get(f"/c/{cid}?editorial=hide").text
    assert 'class="compare view-is-side hide-editorial"' in hidden


PAGES = [
    "/",
    "/c/{cid}",
    "/c/{cid}/inline",
    "/c/{cid}/delete",
    "/c/missing",
    "/api/docs",
    "/problems",
]


def test_every_page_has_the_favicon_and_the_old_address_answers(client: FlaskClient) -> None:
    cid = save_comparison(client)
    for path in PAGES:
        html = client.get(path.format(cid=cid)).get_data(as_text=True)
        assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html, path
    icon = client.get("/static/favicon.svg")
    svg = icon.get_data(as_text=True)
    icon.close()
    assert (icon.status_code, icon.mimetype) == (200, "image/svg+xml")
    assert 'fill="#fca311"' in svg and 'stroke="#14213d"' in svg  # the brand mark's colours
    # The CSP lets a page load its own images, the icon among them.
    assert "img-src 'self'" in icon.headers["Content-Security-Policy"]
    legacy = client.get("/favicon.ico")
    assert (legacy.status_code, legacy.headers["Location"]) == (301, "/static/favicon.svg")


def test_icon_and_problems_page_are_not_rate_limited(tmp_path: Path) -> None:
    client = make_app(tmp_path, RATE_LIMIT_PER_MINUTE=1).test_client()
    for _ in range(3):
        assert client.get("/favicon.ico").status_code == 301
        assert client.get("/problems").status_code == 200


def test_only_the_form_loads_the_form_script(client: FlaskClient) -> None:
    cid = save_comparison(client)
    tag = '<script src="/static/form.js" defer></script>'
    for path in PAGES:
        html = client.get(path.format(cid=cid)).get_data(as_text=True)
        assert (tag in html) == (path == "/"), path
    index = client.get("/").get_data(as_text=True)
    # What the script drives exists without it: the button and an (empty) live status.
    assert '<button type="submit" class="btn primary" data-compare>Compare</button>' in index
    assert '<span class="form-status" role="status" data-form-status></span>' in index
    script = client.get("/static/form.js")
    code = script.get_data(as_text=True)
    script.close()
    assert script.status_code == 200 and ".innerHTML" not in code


def test_the_problems_page_documents_every_problem_code(client: FlaskClient) -> None:
    from diffsvc import errors
    from diffsvc.views.pages import ADVICE_BY_CODE

    html = client.get("/problems").get_data(as_text=True)
    codes = [kind.code for kind in errors.catalogue() if kind is not errors.DiffsvcError]
    for code in codes:
        entry = re.search(rf'<section class="problem" id="{code}".*?</section>', html, re.S)
        assert entry, code
        assert "HTTP status 4" in entry.group(0) or "HTTP status 5" in entry.group(0)
        assert "What to do next:" in entry.group(0)
        if code in ADVICE_BY_CODE:
            assert html_escape(ADVICE_BY_CODE[code]) in entry.group(0), code
    assert len(re.findall(r'<section class="problem"', html)) == len(set(codes))


def html_escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))
