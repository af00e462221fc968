"""The JSON API: compare (JSON and multipart), normalize, stored results, OpenAPI, limits."""

from __future__ import annotations

import codecs
import io
from pathlib import Path
from typing import Any

import docx as python_docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from flask.testing import FlaskClient
from web_support import LEFT, RIGHT, make_app

from diffsvc.models import Comparison, Document

BODY: dict[str, Any] = {"left": {"text": LEFT, "label": "2022"}, "right": {"text": RIGHT}}
FORMATS = Path(__file__).resolve().parent.parent / "fixtures" / "formats"
TRACKED = (FORMATS / "tracked_changes.docx").read_bytes()


def test_compare_json_returns_the_contract_with_id_and_url(client: FlaskClient) -> None:
    response = client.post("/api/v1/compare", json=BODY)
    assert response.status_code == 200 and response.mimetype == "application/json"
    data = response.get_json()
    cid = data.pop("id")
    assert data.pop("url") == f"http://localhost/c/{cid}"
    assert len(data.pop("delete_token")) >= 24  # this request saved it
    comparison = Comparison.model_validate(data)
    assert comparison.left.source.label == "2022"
    assert (comparison.summary.added, comparison.summary.moved) == (1, 1)
    assert client.get(f"/api/v1/comparisons/{cid}").get_json()["id"] == cid


def test_compare_without_saving(client: FlaskClient) -> None:
    data = client.post("/api/v1/compare?save=false", json=BODY).get_json()
    assert (data["id"], data["url"]) == (None, None)
    assert data["summary"]["modified"] == 1


def test_compare_options_are_applied(client: FlaskClient) -> None:
    body = {**BODY, "options": {"zh_granularity": "word", "match_threshold": 0.7}}
    options = client.post("/api/v1/compare", json=body).get_json()["options"]
    assert (options["zh_granularity"], options["match_threshold"]) == ("word", 0.7)


def test_compare_multipart_files(client: FlaskClient) -> None:
    utf16 = codecs.BOM_UTF16_LE + LEFT.encode("utf-16-le")  # as Windows Notepad saves "Unicode"
    form = {
        "left": (io.BytesIO(utf16), "a.txt"),
        "right": (io.BytesIO(f"<html><body><p>{RIGHT}</p></body></html>".encode()), "b.html"),
        "left_label": "2022",
        "right_label": "2023",
        "options": '{"zh_granularity": "word"}',
    }
    data = client.post("/api/v1/compare", data=form).get_json()
    assert (data["left"]["source"], data["right"]["source"]) == (
        {
            "label": "2022",
            "filename": "a.txt",
            "format": "text",
            "encoding": "utf-16-le",
            "repairs": {},
        },
        {
            "label": "2023",
            "filename": "b.html",
            "format": "html",
            "encoding": "utf-8",
            "repairs": {},
        },
    )
    assert [c["text"] for c in data["left"]["clauses"]] == [
        c.split(". ", 1)[1] for c in LEFT.splitlines()
    ]
    assert data["options"]["zh_granularity"] == "word"


def test_compare_multipart_word_files_in_the_state_chosen_for_each_side(
    client: FlaskClient,
) -> None:
    """Issue #17: left_tracked and right_tracked choose the text of a Word file under review."""
    form = {
        "left": (io.BytesIO(TRACKED), "draft.docx"),
        "right": (io.BytesIO(TRACKED), "draft.docx"),
        "left_tracked": "original",
    }
    data = client.post("/api/v1/compare", data=form).get_json()
    counts = {"insertions": 3, "deletions": 2, "moves": 1, "paragraph_marks": 6, "formatting": 2}
    assert [data[side]["source"]["tracked_changes"] for side in ("left", "right")] == [
        {"state": "original", **counts},
        {"state": "final", **counts},
    ]
    assert data["left"]["clauses"][1]["text"] == (
        "The parties will consider establishing a joint rescue coordination centre."
    )
    assert data["right"]["clauses"][1]["text"] == (
        "The parties will establish a joint rescue coordination centre."
    )
    upload = {"file": (io.BytesIO(TRACKED), "draft.docx"), "tracked": "original"}
    document = client.post("/api/v1/normalize", data=upload).get_json()
    assert document["source"]["tracked_changes"] == {"state": "original", **counts}


@pytest.mark.parametrize(
    ("path", "field", "value"),
    [
        ("/api/v1/compare", "left_tracked", "accept"),
        ("/api/v1/compare", "right_tracked", ""),
        ("/api/v1/normalize", "tracked", "FINAL"),
    ],
)
def test_a_bad_tracked_state_is_an_invalid_request_naming_the_field(
    client: FlaskClient, path: str, field: str, value: str
) -> None:
    files = {"left", "right"} if path.endswith("compare") else {"file"}
    form: dict[str, Any] = {name: (io.BytesIO(LEFT.encode()), f"{name}.txt") for name in files}
    response = client.post(path, data={**form, field: value})
    problem = response.get_json()
    assert (response.status_code, problem["code"]) == (422, "invalid-request")
    assert problem["detail"] == f"{field} must be 'final' or 'original', not {value!r}."
    assert problem["errors"] == [
        {"loc": [field], "msg": "Input should be 'final' or 'original'", "type": "literal_error"}
    ]


def _formatting_only_docx() -> bytes:
    """A Word file whose one tracked change is formatting: both states read the same text."""
    document = python_docx.Document()
    run = document.add_paragraph().add_run("1. We will meet.")
    run.bold = True
    change = f'<w:rPrChange {nsdecls("w")} w:id="1" w:author="A"><w:rPr/></w:rPrChange>'
    run._r.get_or_add_rPr().append(parse_xml(change))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_the_same_text_read_in_two_states_is_stored_as_two_documents(
    client: FlaskClient,
) -> None:
    data = _formatting_only_docx()
    states = []
    for state in ("final", "original"):
        form = {
            "left": (io.BytesIO(data), "a.docx"),
            "right": (io.BytesIO(LEFT.encode()), "b.txt"),
            "left_tracked": state,
        }
        result = client.post("/api/v1/compare", data=form).get_json()
        stored = client.get(f"/api/v1/comparisons/{result['id']}").get_json()
        states.append(stored["left"]["source"]["tracked_changes"])
    assert states == [
        {"state": s, "insertions": 0, "deletions": 0, "moves": 0, "paragraph_marks": 0}
        | {"formatting": 1}
        for s in ("final", "original")
    ]


def test_same_request_twice_gives_the_same_id(client: FlaskClient) -> None:
    first = client.post("/api/v1/compare", json=BODY).get_json()["id"]
    assert client.post("/api/v1/compare", json=BODY).get_json()["id"] == first


def test_normalize_json_and_file(client: FlaskClient) -> None:
    document = Document.model_validate(
        client.post("/api/v1/normalize", json={"text": LEFT, "label": "x"}).get_json()
    )
    assert [c.label for c in document.clauses] == ["1.", "2.", "3."]
    assert document.source.label == "x"
    upload = {"file": (io.BytesIO(LEFT.encode()), "a.txt"), "label": "y"}
    data = client.post("/api/v1/normalize", data=upload).get_json()
    assert (len(data["clauses"]), data["source"]["filename"]) == (3, "a.txt")


def test_stored_documents_are_served(client: FlaskClient) -> None:
    cid = client.post("/api/v1/compare", json=BODY).get_json()["id"]
    app = client.application
    stored = app.extensions["diffsvc"].store.get_comparison(cid)
    data = client.get(f"/api/v1/documents/{stored.left_id}").get_json()
    assert data["id"] == stored.left_id
    assert data["clauses"][0]["text"] == "We will cooperate on drugs."


def test_api_sets_no_cookie_and_needs_no_csrf(client: FlaskClient) -> None:
    for response in (
        client.post("/api/v1/compare", json=BODY),
        client.get("/api/v1/openapi.json"),
        client.post("/api/v1/compare", json={}),
    ):
        assert "Set-Cookie" not in response.headers


def _resolve(doc: dict[str, Any], node: Any) -> None:
    """Every $ref in the document points at an existing component."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            assert ref.startswith("#/components/schemas/")
            assert ref.rsplit("/", 1)[1] in doc["components"]["schemas"], ref
        for value in node.values():
            _resolve(doc, value)
    elif isinstance(node, list):
        for value in node:
            _resolve(doc, value)


def test_openapi_is_generated_from_the_models(client: FlaskClient) -> None:
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.1")
    assert set(doc["paths"]) >= {
        "/api/v1/compare",
        "/api/v1/normalize",
        "/api/v1/comparisons/{id}",
        "/api/v1/documents/{id}",
    }
    schemas = doc["components"]["schemas"]
    assert {"CompareIn", "ComparisonOut", "Document", "Problem", "CompareOptions"} <= set(schemas)
    assert schemas["CompareIn"]["additionalProperties"] is False
    _resolve(doc, doc)
    for path, field in (("compare", "left_tracked"), ("normalize", "tracked")):
        form = doc["paths"][f"/api/v1/{path}"]["post"]["requestBody"]["content"]
        tracked = form["multipart/form-data"]["schema"]["properties"][field]
        assert (tracked["enum"], tracked["default"]) == (["final", "original"], "final")
    tracked_changes = schemas["SourceInfo"]["properties"]["tracked_changes"]
    assert tracked_changes["anyOf"][0] == {"$ref": "#/components/schemas/TrackedChanges"}
    problem = doc["paths"]["/api/v1/compare"]["post"]["responses"]["422"]["content"]
    ref = {"$ref": "#/components/schemas/Problem"}
    assert problem == {"application/problem+json": {"schema": ref}}


def test_every_api_route_is_in_the_openapi_document(client: FlaskClient) -> None:
    doc = client.get("/api/v1/openapi.json").get_json()
    rules = {
        rule.rule.replace("<cid>", "{id}").replace("<doc_id>", "{id}")
        for rule in client.application.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/") and rule.endpoint != "api.openapi"
    }
    assert rules <= set(doc["paths"])


@pytest.mark.parametrize(
    ("overrides", "status", "code"),
    [
        ({"MAX_CLAUSES": 2}, 422, "too-many-clauses"),
        ({"TIME_BUDGET_SECONDS": 0.0}, 422, "time-budget-exceeded"),
        ({"MAX_REQUEST_BYTES": 200}, 413, "too-large"),
    ],
)
def test_limits_answer_with_clear_errors(
    tmp_path: Path, overrides: dict[str, Any], status: int, code: str
) -> None:
    client = make_app(tmp_path, **overrides).test_client()
    response = client.post("/api/v1/compare", json=BODY)
    assert (response.status_code, response.get_json()["code"]) == (status, code)
    assert response.mimetype == "application/problem+json"


def test_rate_limit_answers_429_with_retry_after(tmp_path: Path) -> None:
    client = make_app(tmp_path, RATE_LIMIT_PER_MINUTE=2).test_client()
    statuses = [client.post("/api/v1/compare?save=false", json=BODY).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 429
    assert 0 < int(response.headers["Retry-After"]) <= 60
    assert response.get_json()["code"] == "rate-limited"
    assert client.get("/").status_code == 200  # reading pages is not limited


def test_bilingual_seed_is_compared_language_to_language(client: FlaskClient) -> None:
    seed = Path(__file__).resolve().parent.parent / "fixtures" / "seed-next-year"
    files = {
        "left": (io.BytesIO((seed / "a.txt").read_bytes()), "2023.txt"),
        "right": (io.BytesIO((seed / "b.txt").read_bytes()), "2024.txt"),
    }
    response = client.post("/api/v1/compare?save=false", data=files)
    comparison = Comparison.model_validate(
        {k: v for k, v in response.get_json().items() if k not in ("id", "url", "delete_token")}
    )
    for entry in comparison.alignment:
        sides = [comparison.left.clauses[i] for i in entry.left]
        sides += [comparison.right.clauses[j] for j in entry.right]
        assert {c.language for c in sides} == {entry.language}
    assert [s.language for s in comparison.left.sections] == ["zh", "en"]
    added = [
        comparison.right.clauses[e.right[0]].label for e in comparison.alignment if e.op == "added"
    ]
    assert added == ["六、", "6."]
