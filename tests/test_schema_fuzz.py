"""Schemathesis fuzzing of the JSON API: generated requests, valid and schema-violating, sent to
the app in-process, and every answer held to the OpenAPI document (issue #12).

Why in pytest rather than the schemathesis CLI: the app is built by the factory the other tests
use (a temporary SQLite store, no rate limit) and reached through WSGI, so CI starts no server.
Generation is derandomized, so a failure in CI replays locally as it happened; its report ends
with the curl command that reproduces it.

Every default check runs on every case, among them: no 5xx, a status the operation documents, a
body matching that status' schema and Content-Type, schema-valid requests accepted and
schema-violating ones refused, with the one refinement ``refused_only_for_content`` explains.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterator

import pytest
import schemathesis
from flask import Flask
from hypothesis import given, settings
from hypothesis import strategies as st
from web_support import LEFT, RIGHT, make_app

from diffsvc import errors
from diffsvc.app.openapi import openapi_document
from diffsvc.app.sides import parse_side
from diffsvc.models.api import LABEL_SCHEMA, MAX_LABEL

#: Cases per operation in the fuzzing phase, on top of the coverage phase's (boundary values,
#: missing, mistyped and unknown fields, other methods). The reads only take an id, which the
#: fuzzing never finds (404), so they get fewer; the whole must reach the floor that
#: ``test_enough_cases_ran`` checks.
MAX_EXAMPLES = {"POST": 400, "GET": 100}
MIN_CASES = 1_000

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 2026,
        "generation": {
            "mode": "all",  # positive and negative (schema-violating) data
            "max-examples": MAX_EXAMPLES["POST"],
            "deterministic": True,
            "database": "none",
        },
        "operations": [
            {"include-method": "GET", "generation": {"max-examples": MAX_EXAMPLES["GET"]}},
        ],
        "checks": {
            # A schema-valid request may still carry a document that cannot be compared: 413,
            # 415 and 422 are allowed for that, and refused_only_for_content keeps them to it.
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "3xx", "404", "413", "415", "422", "429"],
            },
        },
    }
)
schema = schemathesis.openapi.from_dict(openapi_document(), config=CONFIG)

#: Uploaded files are texts, plain or in an HTML page, so that fuzzed forms reach a comparison
#: (schemathesis' own files are mostly images and random bytes, refused as unsupported-format).
#: Binary files, Word, PDF and hostile ones, have tests of their own (test_ingest, test_hostile);
#: and schemathesis 4.32 cannot re-read a multipart body holding raw bytes when it judges a
#: schema-violating request that was accepted ("Unsupported type: 'Binary'"), so it reports
#: every such acceptance as a failure, even a label of digits that is a perfectly good label.
_TEXT = st.text(
    st.characters(exclude_categories=["Cc", "Cs"]) | st.sampled_from("\n\t"), min_size=1
)
schemathesis.openapi.format(
    "binary", _TEXT | _TEXT.map(lambda t: f"<html><body><p>{html.escape(t)}</p></body></html>")
)


def _tree(cls: type[errors.DiffsvcError]) -> list[type[errors.DiffsvcError]]:
    return [cls, *(c for sub in cls.__subclasses__() for c in _tree(sub))]


#: Why a schema-valid request may still be refused: for what its documents hold, which no schema
#: can state (an empty file, a text that reads to nothing, a format not read, too many clauses,
#: too slow to compare, more bytes than MAX_REQUEST_BYTES).
CONTENT_REFUSALS = frozenset(
    cls.code
    for root in (errors.InputError, errors.UnsupportedFormat, errors.TimeBudgetExceeded)
    for cls in _tree(root)
) | {errors.TooLarge.code}


@schemathesis.check
def refused_only_for_content(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    """A schema-valid request refused with 413, 415 or 422 is refused for its documents.

    Why: ``positive_data_acceptance`` allows those statuses above, but answering a schema-valid
    request with ``invalid-request`` or ``unsupported-media-type`` means the schema allows what
    the service refuses: the schema is too loose.
    """
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return None
    if response.status_code not in (413, 415, 422):
        return None
    code = response.json().get("code")
    assert code in CONTENT_REFUSALS, f"A schema-valid request was refused as {code!r}."
    return True


CASES: Counter[str] = Counter()


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    app = make_app(tmp_path_factory.mktemp("fuzz"))
    yield app
    app.extensions["diffsvc"].store.close()


@schema.parametrize()
def test_api_answers_as_its_schema_says(case: schemathesis.Case, fuzz_app: Flask) -> None:
    CASES[case.operation.label] += 1
    case.call_and_validate(app=fuzz_app)


def test_saved_results_answer_as_the_schema_says(fuzz_app: Flask) -> None:
    """The fuzzed ids are never found (404), so the answers for a saved comparison and one of
    its documents, 200 and the 304 of a revalidation, are held to the schema here."""
    client = fuzz_app.test_client()
    body = {"left": {"text": LEFT}, "right": {"text": RIGHT}}
    cid = client.post("/api/v1/compare", json=body).get_json()["id"]
    doc_id = fuzz_app.extensions["diffsvc"].store.get_comparison(cid).left_id
    for path, saved in (("/api/v1/comparisons/{id}", cid), ("/api/v1/documents/{id}", doc_id)):
        operation = schema[path]["GET"]
        response = operation.Case(path_parameters={"id": saved}).call_and_validate(app=fuzz_app)
        assert response.status_code == 200
        etag = {"If-None-Match": response.headers["etag"][0]}
        revalidated = operation.Case(path_parameters={"id": saved}, headers=etag)
        assert revalidated.call_and_validate(app=fuzz_app).status_code == 304


#: Labels about MAX_LABEL characters long, padded and interspersed with what the parser drops
#: (and with U+FEFF, which it keeps: it is not whitespace to ``str.strip``).
_PADDING = st.text(st.sampled_from(" \t\n\x00\x1c\x7f\x85\xa0\u2028\u3000"), max_size=4)
_KEPT = st.integers(MAX_LABEL - 1, MAX_LABEL + 1).flatmap(
    lambda n: st.text(st.sampled_from("x中 \ufeff"), min_size=n, max_size=n)
)
_CORE = _KEPT | _KEPT.map("\x00".join)
LABELS = st.tuples(_PADDING, _CORE, _PADDING).map("".join) | st.text(max_size=MAX_LABEL + 20)


@settings(max_examples=500, deadline=None)
@given(LABELS)
def test_the_label_pattern_is_the_rule_the_service_applies(label: str) -> None:
    """The schema's label pattern accepts what the side parser accepts, and nothing else:
    whitespace and control characters around it (or control characters within) do not count."""
    try:
        parse_side("1. Meet.", label=label, label_loc=("label",), side="The left side")
        accepted = True
    except errors.InvalidRequest:
        accepted = False
    assert accepted == bool(re.search(LABEL_SCHEMA["pattern"], label))


def test_enough_cases_ran(request: pytest.FixtureRequest) -> None:
    """The fuzzing above ran at least MIN_CASES cases, which a change to the schema or to
    schemathesis could otherwise shrink unnoticed. Runs after it, in file order."""
    if request.session.testsfailed:
        # A failure earlier in the run already fails it; its count of cases says nothing.
        pytest.skip("an earlier test failed, so the fuzzing may not have run to its end")
    operations = {result.ok().label for result in schema.get_all_operations()}
    assert set(CASES) == operations, sorted(operations - set(CASES))
    assert sum(CASES.values()) >= MIN_CASES, dict(CASES)
