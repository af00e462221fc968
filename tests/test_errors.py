"""Errors: one problem+json shape for API and .json paths, error.html for pages, never a 500."""

from __future__ import annotations

import io
import json
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from web_support import LEFT, RIGHT, make_app, post_form

from diffsvc import errors

PROBLEM_KEYS = {"type", "title", "status", "detail", "instance", "code"}
GOOD = {"left": {"text": LEFT}, "right": {"text": RIGHT}}
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def assert_problem(response: Any, status: int, code: str) -> dict[str, Any]:
    """The contract: RFC 9457 members, a stable type per code, status echoed, path as instance."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body: dict[str, Any] = json.loads(response.data)
    assert PROBLEM_KEYS <= set(body) <= PROBLEM_KEYS | {"errors"}
    # The type is the code's entry on the service's own problems page, on the address asked.
    assert body["type"] == f"http://localhost/problems#{code}"
    assert (body["status"], body["code"]) == (status, code)
    assert body["title"] and body["detail"]
    assert body["instance"] == response.request.path
    return body


API_CASES: list[tuple[str, str, dict[str, Any], int, str]] = [
    (
        "malformed json",
        "POST",
        {"data": b"{left:", "content_type": "application/json"},
        400,
        "bad-request",
    ),
    (
        "invalid utf-8",
        "POST",
        {"data": b'{"left": "\xff\xfe"}', "content_type": "application/json"},
        400,
        "bad-request",
    ),
    ("empty body", "POST", {"data": b"", "content_type": "application/json"}, 400, "bad-request"),
    ("json array", "POST", {"json": [1, 2]}, 422, "invalid-request"),
    ("missing right", "POST", {"json": {"left": {"text": LEFT}}}, 422, "invalid-request"),
    ("unknown field", "POST", {"json": {**GOOD, "colour": "red"}}, 422, "invalid-request"),
    (
        "text is a number",
        "POST",
        {"json": {"left": {"text": 1}, "right": {"text": "x"}}},
        422,
        "invalid-request",
    ),
    (
        "huge number",
        "POST",
        {
            "data": b'{"left":{"text":"a"},"right":{"text":"b"},'
            b'"options":{"match_threshold":1e999999}}',
            "content_type": "application/json",
        },
        422,
        "invalid-request",
    ),
    (
        "huge integer",
        "POST",
        {
            "data": (
                '{"left":{"text":"a"},"right":{"text":"b"},"options":{"split_threshold":'
                + "9" * 5000
                + "}}"
            ).encode(),
            "content_type": "application/json",
        },
        400,
        "bad-request",
    ),
    (
        "bad option",
        "POST",
        {"json": {**GOOD, "options": {"zh_granularity": "sentence"}}},
        422,
        "invalid-request",
    ),
    (
        "label too long",
        "POST",
        {"json": {"left": {"text": LEFT, "label": "x" * 201}, "right": {"text": RIGHT}}},
        422,
        "invalid-request",
    ),
    (
        "empty text",
        "POST",
        {"json": {"left": {"text": "  "}, "right": {"text": RIGHT}}},
        422,
        "empty-input",
    ),
    (
        "text/plain",
        "POST",
        {"data": LEFT, "content_type": "text/plain"},
        415,
        "unsupported-media-type",
    ),
    ("no content type", "POST", {"data": b"abc"}, 415, "unsupported-media-type"),
    (
        "missing files",
        "POST",
        {"data": {"left": (io.BytesIO(b"1. a"), "a.txt")}},
        422,
        "invalid-request",
    ),
    (
        "empty file",
        "POST",
        {"data": {"left": (io.BytesIO(b""), "a.txt"), "right": (io.BytesIO(b"1. b"), "b.txt")}},
        422,
        "empty-input",
    ),
    (
        "binary file",
        "POST",
        {
            "data": {
                "left": (io.BytesIO(PNG), "a.png"),
                "right": (io.BytesIO(b"1. b"), "b.txt"),
            }
        },
        415,
        "unsupported-format",
    ),
    (
        "bad options field",
        "POST",
        {
            "data": {
                "left": (io.BytesIO(b"1. a"), "a.txt"),
                "right": (io.BytesIO(b"1. b"), "b.txt"),
                "options": "{nope",
            }
        },
        400,
        "bad-request",
    ),
    (
        "bad save flag",
        "POST",
        {"json": GOOD, "query_string": {"save": "maybe"}},
        422,
        "invalid-request",
    ),
    (
        "too large",
        "POST",
        {
            "data": b'{"left":{"text":"' + b"a" * 6_000_000 + b'"}}',
            "content_type": "application/json",
        },
        413,
        "too-large",
    ),
    ("wrong method", "GET", {}, 405, "method-not-allowed"),
]


@pytest.mark.parametrize(
    ("name", "method", "kwargs", "status", "code"), API_CASES, ids=[c[0] for c in API_CASES]
)
def test_api_errors_are_problems(
    client: FlaskClient, name: str, method: str, kwargs: dict[str, Any], status: int, code: str
) -> None:
    response = client.open("/api/v1/compare", method=method, **kwargs)
    body = assert_problem(response, status, code)
    if code == "invalid-request" and name not in ("bad save flag", "missing files"):
        assert body["errors"] and {"loc", "msg", "type"} <= set(body["errors"][0])
    if status == 405:
        assert set(response.headers["Allow"].split(", ")) == {"OPTIONS", "POST"}


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/v1/comparisons/nope", 404, "not-found"),
        ("/api/v1/documents/" + "f" * 500, 404, "not-found"),
        ("/api/v1/nothing-here", 404, "not-found"),
        ("/c/nope.json", 404, "not-found"),
    ],
)
def test_missing_things_are_404_problems(
    client: FlaskClient, path: str, status: int, code: str
) -> None:
    assert_problem(client.get(path), status, code)


def test_normalize_errors_are_problems(client: FlaskClient) -> None:
    assert_problem(client.post("/api/v1/normalize", json={"txt": "a"}), 422, "invalid-request")
    form = client.post("/api/v1/normalize", data={"label": "x"}, content_type="multipart/form-data")
    assert_problem(form, 422, "invalid-request")
    assert_problem(
        client.post("/api/v1/normalize", data="x", content_type="text/csv"),
        415,
        "unsupported-media-type",
    )


@pytest.mark.parametrize(
    ("status", "request_kwargs", "needle"),
    [
        (404, {"path": "/c/does-not-exist"}, "Check the address"),
        (404, {"path": "/no/such/page"}, "Check the address"),
        (405, {"path": "/api/docs", "method": "POST"}, "Use the links"),
        (
            422,
            {"path": "/", "method": "POST", "form": {"left_text": " ", "right_text": RIGHT}},
            "Paste the text",
        ),
        (
            415,
            {
                "path": "/",
                "method": "POST",
                "form": {
                    "left_file": (io.BytesIO(PNG), "x.png"),
                    "right_text": RIGHT,
                },
            },
            "plain text",
        ),
    ],
)
def test_html_error_pages_say_what_to_do_next(
    client: FlaskClient, status: int, request_kwargs: dict[str, Any], needle: str
) -> None:
    kwargs = dict(request_kwargs)
    form = kwargs.pop("form", None)
    response = post_form(client, form) if form is not None else client.open(**kwargs)
    assert response.status_code == status
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert f"Error {status}" in html and needle in html
    if form is None:
        assert "Start a new comparison" in html
    else:  # the compare form comes back instead, holding what was sent (tests/test_form_errors.py)
        assert 'class="compare-form"' in html and "Start a new comparison" not in html


def test_unexpected_errors_become_500_problems_without_details(tmp_path: Path) -> None:
    app: Flask = make_app(tmp_path)

    @app.get("/api/v1/boom")
    def boom() -> str:
        raise RuntimeError("secret internals")

    response = app.test_client().get("/api/v1/boom")
    body = assert_problem(response, 500, "internal-error")
    assert "secret" not in body["detail"]


def test_problem_types_are_entries_of_the_services_problems_page(tmp_path: Path) -> None:
    """Each problem's type is an absolute URL that answers: the code's entry on /problems, on
    the address the request came to, or on PUBLIC_URL when one is set."""
    client = make_app(tmp_path / "a").test_client()
    body = client.post("/api/v1/compare", json={"left": {"text": " "}, "right": {"text": "x"}})
    problem = body.get_json()
    assert problem["type"] == "http://localhost/problems#empty-input"
    path, _, anchor = problem["type"].removeprefix("http://localhost").partition("#")
    page = client.get(path)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    entry = re.search(rf'<section class="problem" id="{anchor}".*?</section>', html, re.S)
    assert entry and problem["title"] in entry.group(0)
    assert "Paste the text of both documents" in entry.group(0)  # the advice pages give

    public = make_app(tmp_path / "b", PUBLIC_URL="https://diffsvc.example.org/").test_client()
    missing = public.get("/api/v1/comparisons/nope").get_json()
    assert missing["type"] == "https://diffsvc.example.org/problems#not-found"


def test_a_status_without_a_code_of_its_own_is_about_blank(tmp_path: Path) -> None:
    from werkzeug.exceptions import ImATeapot

    app: Flask = make_app(tmp_path)

    @app.get("/api/v1/teapot")
    def teapot() -> str:
        raise ImATeapot()

    body = app.test_client().get("/api/v1/teapot").get_json()
    assert (body["code"], body["type"]) == ("http-418", "about:blank")


def test_error_pages_link_their_code_to_the_problems_page(client: FlaskClient) -> None:
    html = client.get("/c/nope").get_data(as_text=True)
    assert '<a href="/problems#not-found">what it means</a>' in html


def test_the_openapi_document_says_where_problem_types_point(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    assert (
        "/problems#"
        in spec["components"]["schemas"]["Problem"]["properties"]["type"]["description"]
    )
    assert "diffsvc.example/problems/" not in json.dumps(spec)


def test_every_error_code_is_unique_and_has_a_status() -> None:
    def tree(cls: type[errors.DiffsvcError]) -> list[type[errors.DiffsvcError]]:
        return [cls, *(c for sub in cls.__subclasses__() for c in tree(sub))]

    classes = tree(errors.DiffsvcError)
    codes = [c.code for c in classes]
    assert len(codes) == len(set(codes))
    assert all(400 <= c.status < 600 for c in classes)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=st.one_of(
        st.binary(max_size=300),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
            lambda inner: (
                st.lists(inner, max_size=4)
                | st.dictionaries(
                    st.sampled_from(["left", "right", "text", "label", "options", "x"]),
                    inner,
                    max_size=4,
                )
            ),
            max_leaves=12,
        ).map(lambda v: json.dumps(v).encode()),
    ),
    content_type=st.sampled_from(["application/json", "text/plain", "multipart/form-data", ""]),
    path=st.sampled_from(["/api/v1/compare", "/api/v1/normalize", "/api/v1/compare?save=false"]),
)
def test_nothing_a_client_sends_is_a_500(
    client: FlaskClient, body: bytes, content_type: str, path: str
) -> None:
    response = client.post(path, data=body, content_type=content_type or None)
    assert response.status_code < 500, response.get_data(as_text=True)
    if response.status_code >= 400:
        assert response.mimetype == "application/problem+json"


def error_page_says(response: Any) -> tuple[int, str, str]:
    """An error page's status, problem code and detail line."""
    html = response.get_data(as_text=True)
    code = re.search(r"Problem code: <code>([^<]+)</code>", html)
    detail = re.search(r'<p class="error-detail">([^<]*)</p>', html)
    assert code and detail, html
    return response.status_code, code.group(1), unescape(detail.group(1))


def problem_says(response: Any) -> tuple[int, str, str]:
    body = assert_problem(response, response.status_code, response.get_json()["code"])
    return body["status"], body["code"], body["detail"]


@pytest.mark.parametrize("side", ["left", "right"])
def test_form_and_api_refuse_an_over_long_label_alike(client: FlaskClient, side: str) -> None:
    texts = {"left": LEFT, "right": RIGHT}
    label = {f"{side}_label": "x" * 201}
    files = {name: (io.BytesIO(text.encode()), f"{name}.txt") for name, text in texts.items()}
    json_body = {name: {"text": text} for name, text in texts.items()}
    json_body[side]["label"] = " " + "x" * 201
    answers = [
        error_page_says(post_form(client, {"left_text": LEFT, "right_text": RIGHT, **label})),
        problem_says(client.post("/api/v1/compare", data={**files, **label})),
        problem_says(client.post("/api/v1/compare", json=json_body)),
    ]
    # The form names the field as its sides are titled; the API by the field's name.
    form_name = {"left": "earlier", "right": "later"}[side]
    assert answers == [
        (422, "invalid-request", f"The {form_name} version's label is longer than 200 characters."),
        (422, "invalid-request", f"{side}_label is longer than 200 characters."),
        (422, "invalid-request", f"{side}.label is longer than 200 characters."),
    ]


def test_form_and_api_keep_a_label_whole_once_stripped(client: FlaskClient) -> None:
    label = "  " + "2023 " * 40  # 202 characters, 199 once stripped
    location = post_form(client, {"left_text": LEFT, "right_text": RIGHT, "left_label": label})
    page_json = client.get(location.headers["Location"] + ".json").get_json()
    body = {"left": {"text": LEFT, "label": label}, "right": {"text": RIGHT}}
    api_json = client.post("/api/v1/compare?save=false", json=body).get_json()
    assert page_json["left"]["source"]["label"] == label.strip()
    assert api_json["left"]["source"]["label"] == label.strip()


@pytest.mark.parametrize(("side", "form_name"), [("left", "earlier"), ("right", "later")])
def test_form_and_api_call_an_empty_side_empty_alike(
    client: FlaskClient, side: str, form_name: str
) -> None:
    texts = {"left": LEFT, "right": RIGHT, side: " \n "}
    files = {name: (io.BytesIO(text.encode()), f"{name}.txt") for name, text in texts.items()}
    files[side] = (io.BytesIO(b""), f"{side}.txt")
    body = {name: {"text": text} for name, text in texts.items()}
    answers = [
        error_page_says(post_form(client, {f"{n}_text": t for n, t in texts.items()})),
        problem_says(client.post("/api/v1/compare", data=files)),
        problem_says(client.post("/api/v1/compare", json=body)),
    ]
    empty = "is empty: there is no text to compare."
    assert answers == [
        (422, "empty-input", f"The {form_name} version {empty}"),
        (422, "empty-input", f"The {side} side {empty}"),
        (422, "empty-input", f"The {side} side {empty}"),
    ]
