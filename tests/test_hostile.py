"""Hostile and awkward inputs cost a bounded time and memory and get their right answer (#12)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from web_support import make_app

import diffsvc
from bench import hostile

FORMATS = Path(__file__).parent.parent / "fixtures" / "formats"


def test_a_nul_character_anywhere_a_user_types_is_dropped_not_a_server_error(
    database_url: str, tmp_path: Path
) -> None:
    app = make_app(tmp_path, DATABASE_URL=database_url)
    try:
        _post_nuls(app.test_client())
    finally:
        app.extensions["diffsvc"].store.close()


def _post_nuls(client: FlaskClient) -> None:
    response = client.post(
        "/api/v1/compare",
        json={
            "left": {"text": "1. The parties\x00 will meet.", "label": "2023\x00"},
            "right": {"text": "1. The parties will meet soon.\x00", "label": "20\x0024"},
        },
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert body["left"]["source"]["label"] == "2023"
    assert body["right"]["source"]["label"] == "2024"
    assert "\x00" not in response.get_data(as_text=True)
    # JSON may escape half a surrogate pair, which is no text: a clear 400, not a server error.
    escaped = client.post(
        "/api/v1/compare",
        data=b'{"left": {"text": "1. Meet."}, "right": {"text": "1. Meet \\ud800 soon."}}',
        content_type="application/json",
    )
    assert escaped.status_code == 400
    assert "not valid JSON" in escaped.get_json()["detail"]
    # A stray NUL in a saved text file (a file of many is binary data, refused with 415).
    text = (FORMATS / "statement_en.txt").read_bytes()
    uploaded = client.post(
        "/api/v1/compare",
        data={
            "left": (io.BytesIO(text.replace(b" ", b"\x00 ", 1)), "a\x00.txt"),
            "right": (io.BytesIO(b"1. The parties will meet soon."), "b.txt"),
        },
        content_type="multipart/form-data",
    )
    assert uploaded.status_code == 200, uploaded.get_data(as_text=True)
    assert uploaded.get_json()["left"]["source"]["filename"] == "a.txt"


@pytest.mark.parametrize("case", hostile.CASES, ids=[case.name for case in hostile.CASES])
def test_each_hostile_input_gets_its_answer_in_bounded_time_and_memory(
    case: hostile.Case,
) -> None:
    """In a fresh process, through the API: a 1 MB single-line clause pair, a DOCX whose part
    lies about its size, a million empty paragraphs, 9,000 wrapped lines, a 280-page PDF, UTF-16
    without a byte order mark, a DOCX without a numbering part."""
    outcome = hostile.measure(case)
    assert outcome.status in case.statuses, outcome.said
    assert outcome.seconds < hostile.SECONDS
    assert outcome.growth_mb < hostile.GROWTH_MB
    assert outcome.retained_mb < hostile.KEPT_MB  # and the worker gives it back


def test_a_chunked_body_over_the_limit_is_too_large_not_bad_json(tmp_path: Path) -> None:
    client = make_app(tmp_path, MAX_REQUEST_BYTES=2_000).test_client()
    small = json.dumps({"left": {"text": "1. Meet."}, "right": {"text": "1. Met."}}).encode()
    big = json.dumps({"left": {"text": "word " * 1_000}, "right": {"text": "1. Met."}}).encode()
    answers = [
        client.post(
            "/api/v1/compare?save=false",
            input_stream=io.BytesIO(body),
            content_type="application/json",
            headers={"Transfer-Encoding": "chunked"},
        )
        for body in (small, big)
    ]
    assert [a.status_code for a in answers] == [200, 413]
    assert "2,000-byte limit" in answers[1].get_json()["detail"]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_reads_in_english_and_chinese(codec: str) -> None:
    english = diffsvc.load("Article 1. The Parties agree.\n".encode(codec), filename="a.txt")
    chinese = diffsvc.load("一、加强打击跨国犯罪合作。\n二、推进执法合作。\n".encode(codec))
    assert [(c.label, c.text) for c in english.clauses] == [("Article 1", "The Parties agree.")]
    assert [c.text for c in chinese.clauses] == ["加强打击跨国犯罪合作。", "推进执法合作。"]


def test_a_word_file_without_lists_reads() -> None:
    data = hostile.docx_part(
        hostile._document("<w:p><w:r><w:t>Article 1. Scope of the agreement.</w:t></w:r></w:p>"),
        numbering=False,
    )
    doc = diffsvc.load(data, filename="plain.docx")
    assert [(c.label, c.text) for c in doc.clauses] == [("Article 1", "Scope of the agreement.")]


def test_reading_counts_against_the_time_budget_and_the_error_names_the_side(
    tmp_path: Path,
) -> None:
    client = make_app(tmp_path, TIME_BUDGET_SECONDS=0.001).test_client()
    pdf = (FORMATS / "statement_en.pdf").read_bytes()
    answer = client.post(
        "/api/v1/compare?save=false",
        data={"left": (io.BytesIO(pdf), "2023.pdf"), "right": (io.BytesIO(pdf), "2024.pdf")},
        content_type="multipart/form-data",
    )
    problem = answer.get_json()
    assert (answer.status_code, problem["code"]) == (422, "time-budget-exceeded")
    assert "Reading the left side" in problem["detail"]
    assert "0.001 seconds" in problem["detail"]
