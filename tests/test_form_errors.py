"""The compare form when a comparison fails (issue #13): every error names the side as the form
titles it, reads as a sentence, advises what fits, and comes back in the form itself with all
that was typed and chosen kept; the JSON API keeps its problem+json answers, naming its fields.
The form's matching settings: the model's thresholds and defaults, saved with the comparison,
named in words when unusable, reset to their defaults without losing what was typed.
"""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Callable
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfWriter
from web_support import LEFT, RIGHT, make_app, post_form

from diffsvc import errors
from diffsvc.engine.ingest import pdf, read
from diffsvc.models import CompareOptions

FORMATS = Path(__file__).resolve().parent.parent / "fixtures" / "formats"
FORM_TITLES = {"left": "The earlier version", "right": "The later version"}
API_TITLES = {"left": "The left side", "right": "The right side"}
RTF = b"{\\rtf1\\ansi 1. We will cooperate.}"
LEGACY_DOC = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(512)


def two_page_pdf() -> bytes:
    writer = PdfWriter()
    for _ in range(2):
        writer.add_blank_page(100, 100)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class FormState(HTMLParser):
    """The compare form of a page as a browser shows it: the values its fields would submit
    (files aside), the classes of its fieldsets, and the text of its alert."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.fields: dict[str, str] = {}
        self.fieldsets: list[str] = []
        self.settings_open: bool | None = None
        self.invalid: list[str] = []
        self.alert = ""
        self._textarea: str | None = None
        self._select: str | None = None
        self._alert_depth = 0
        self.feed(html)
        # A browser drops the newline that follows <textarea>; HTMLParser keeps it.
        for name, value in self.fields.items():
            if name.endswith("_text"):
                self.fields[name] = value.removeprefix("\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if self._alert_depth and tag == "section":
            self._alert_depth += 1
        if tag == "section" and a.get("role") == "alert":
            self._alert_depth = 1
        name = a.get("name") or ""
        if tag == "input" and a.get("type") in ("text", "hidden", "number"):
            self.fields[name] = a.get("value") or ""
        elif tag == "input" and a.get("type") in ("checkbox", "radio") and "checked" in a:
            self.fields[name] = a.get("value") or "on"
        elif tag == "textarea":
            self._textarea = name
            self.fields[name] = ""
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.fields[self._select] = a.get("value") or ""
        elif tag == "fieldset":
            self.fieldsets.append(a.get("class") or "")
        elif tag == "details" and "data-settings" in a:
            self.settings_open = "open" in a
        if tag == "input" and a.get("aria-invalid") == "true":
            self.invalid.append(name)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "section" and self._alert_depth:
            self._alert_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data
        if self._alert_depth:
            self.alert += data


def detail_of(html: str) -> str:
    found = re.search(r'<p class="error-detail">([^<]*)</p>', html)
    assert found, html
    return unescape(found.group(1))


def with_limit(app: Flask, max_bytes: int) -> Flask:
    """``app`` reading each side up to ``max_bytes`` while still accepting requests up to its
    own limit: the way to reach the per-side size check through HTTP."""
    services = app.extensions["diffsvc"]
    limits = dataclasses.replace(services.limits, max_bytes=max_bytes)
    app.extensions["diffsvc"] = dataclasses.replace(services, limits=limits)
    return app


# Every way reading one side can fail: (name, file name, bytes, status, code).
INGEST_FAILURES: list[tuple[str, str, Callable[[], bytes], int, str]] = [
    ("unsupported format", "2024.rtf", lambda: RTF, 415, "unsupported-format"),
    ("legacy word", "2024.doc", lambda: LEGACY_DOC, 415, "unsupported-format"),
    (
        "encrypted",
        "2024.pdf",
        lambda: (FORMATS / "encrypted.pdf").read_bytes(),
        422,
        "encrypted-file",
    ),
    (
        "no text layer",
        "2024.pdf",
        lambda: (FORMATS / "scanned.pdf").read_bytes(),
        422,
        "no-text-layer",
    ),
    ("too large document", "2024.pdf", two_page_pdf, 413, "too-large"),
    ("too large text", "2024.txt", lambda: b"1. Cooperate.\n" * 2_000, 413, "too-large"),
    ("empty", "2024.txt", lambda: b" \r\n\t\n", 422, "empty-input"),
    (
        "encoding",
        "2024.txt",
        lambda: b"\xff\xfe" + "1. 合作".encode("utf-16-le") + b"!",
        422,
        "undecodable-text",
    ),
]


@pytest.fixture
def small_client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FlaskClient:
    """A client of an app whose PDF page limit is one page and whose sides are read up to
    20,000 bytes, so both "too large" cases of a side are cheap to reach."""
    monkeypatch.setattr(pdf, "MAX_PAGES", 1)
    return with_limit(make_app(tmp_path), 20_000).test_client()


@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize(
    ("case", "filename", "make", "status", "code"),
    INGEST_FAILURES,
    ids=[case[0] for case in INGEST_FAILURES],
)
def test_every_reading_error_names_the_side_as_the_form_and_the_api_call_it(
    small_client: FlaskClient,
    side: str,
    case: str,
    filename: str,
    make: Callable[[], bytes],
    status: int,
    code: str,
) -> None:
    other = "right" if side == "left" else "left"
    data = make()
    form = post_form(
        small_client, {f"{side}_file": (io.BytesIO(data), filename), f"{other}_text": LEFT}
    )
    assert (form.status_code, form.mimetype) == (status, "text/html")
    html = form.get_data(as_text=True)
    said = detail_of(html)
    assert said.startswith(f"{FORM_TITLES[side]} ({filename}) "), said
    # The form titles its sides Earlier and Later: its messages never say left or right.
    assert not re.search(r"\b(left|right)\b", said, re.IGNORECASE), said
    assert f"Problem code: <code>{code}</code>" in html
    # The side that failed is marked, and only that one.
    state = FormState(html)
    assert state.fieldsets[:2] == (
        ["side-input failed", "side-input"]
        if side == "left"
        else ["side-input", "side-input failed"]
    )

    api = small_client.post(
        "/api/v1/compare?save=false",
        data={side: (io.BytesIO(data), filename), other: (io.BytesIO(LEFT.encode()), "x.txt")},
        content_type="multipart/form-data",
    )
    problem = api.get_json()
    assert (api.status_code, api.mimetype, problem["code"]) == (
        status,
        "application/problem+json",
        code,
    )
    assert problem["detail"] == said.replace(FORM_TITLES[side], API_TITLES[side])


@pytest.mark.parametrize("side", ["left", "right"])
def test_a_pasted_side_too_long_for_the_clause_cap_is_named(tmp_path: Path, side: str) -> None:
    client = make_app(tmp_path, MAX_CLAUSES=3).test_client()
    texts = {"left_text": "1. A.\n", "right_text": "1. A.\n", f"{side}_text": RIGHT}
    said = detail_of(post_form(client, texts).get_data(as_text=True))
    assert (
        said == f"{FORM_TITLES[side]} has 4 clauses; this service compares at most 3 per document."
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            RTF,
            "This file is an RTF file, which diffsvc cannot read: save it as Word (.docx), PDF or "
            "plain text, or paste its text.",
        ),
        (
            LEGACY_DOC,
            "This file is a legacy Word or Excel file (.doc or .xls), which diffsvc cannot read: "
            "save it as Word (.docx), PDF or plain text, or paste its text.",
        ),
    ],
)
def test_unsupported_format_messages_read_as_sentences(
    client: FlaskClient, data: bytes, message: str
) -> None:
    with pytest.raises(errors.UnsupportedFormat) as raised:
        read(data, "statement")
    assert raised.value.message == message
    answer = post_form(client, {"left_text": LEFT, "right_file": (io.BytesIO(data), "b.rtf")})
    assert detail_of(answer.get_data(as_text=True)) == message.replace(
        "This file", "The later version (b.rtf)"
    )


def advice_of(html: str) -> str:
    found = re.search(r"<strong>What to do next:</strong> ([^<]*)</p>", html)
    assert found, html
    return unescape(found.group(1))


def test_too_large_advice_fits_what_was_too_large(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A text: shorten it; images have nothing to do with it.
    with pytest.raises(errors.TooLarge) as text:
        read(b"1. Cooperate.\n" * 100, "a.txt", max_bytes=1_000)
    assert text.value.what == "text"
    texts = with_limit(make_app(tmp_path / "a"), 1_000).test_client()
    answer = post_form(texts, {"left_text": "1. Cooperate.\n" * 100, "right_text": RIGHT})
    assert answer.status_code == 413
    advice = advice_of(answer.get_data(as_text=True))
    assert "shorter part of the text" in advice and "image" not in advice

    # A Word or PDF file: a smaller part, or a copy without its images.
    monkeypatch.setattr(pdf, "MAX_PAGES", 1)
    documents = make_app(tmp_path / "b").test_client()
    answer = post_form(
        documents, {"left_file": (io.BytesIO(two_page_pdf()), "a.pdf"), "right_text": RIGHT}
    )
    assert answer.status_code == 413
    assert "without its images" in advice_of(answer.get_data(as_text=True))

    # The request as a whole, refused unread: what was sent is unknown, so both, and the form
    # says that nothing could be kept.
    requests = make_app(tmp_path / "c", MAX_REQUEST_BYTES=10_000).test_client()
    answer = post_form(requests, {"left_text": "x" * 20_000, "right_text": RIGHT})
    html = answer.get_data(as_text=True)
    assert answer.status_code == 413
    assert detail_of(html) == (
        "The earlier and later versions together are larger than the 10,000 bytes one "
        "comparison accepts."
    )
    assert "Send less at once" in advice_of(html)
    assert "nothing you entered could be kept" in FormState(html).alert


# The matching settings and their defaults, read from the model the API and the command line
# validate with: every numeric option is a setting of the form.
THRESHOLDS = {
    name: spec.default
    for name, spec in CompareOptions.model_fields.items()
    if spec.annotation is float
}
DEFAULTS = {name: str(default) for name, default in THRESHOLDS.items()}

SENT = {
    "left_label": '2023 <年> & "co"',
    # A first newline, markup and template syntax: all kept as typed, none of it live.
    "left_text": "\n1. 应澳大利亚联邦警察邀请 <script>alert(1)</script> {{ 7*7 }}\n2. Share.\n",
    "left_tracked": "original",
    "right_label": "2024",
    "right_text": "",
    "right_tracked": "final",
    "hide_editorial": "on",
    "zh_granularity": "word",
    "move_threshold": "0.7",
}


@pytest.mark.parametrize(
    ("change", "status", "code", "file_side"),
    [
        ({"right_file": (RTF, "2024.rtf")}, 415, "unsupported-format", "later"),
        ({"right_text": "  \n "}, 422, "empty-input", None),
        ({"right_text": RIGHT, "right_label": "x" * 201}, 422, "invalid-request", None),
        ({"right_file": ("two pages", "2024.pdf")}, 413, "too-large", "later"),
        ({"right_text": RIGHT, "zh_granularity": "sentence"}, 422, "invalid-request", None),
        ({"right_text": RIGHT, "gap_threshold": "1.5"}, 422, "invalid-request", None),
    ],
    ids=["415 format", "422 empty", "422 label", "413 document", "422 option", "422 setting"],
)
def test_the_form_comes_back_with_the_error_and_all_that_was_typed(
    client: FlaskClient,
    monkeypatch: pytest.MonkeyPatch,
    change: dict[str, Any],
    status: int,
    code: str,
    file_side: str | None,
) -> None:
    monkeypatch.setattr(pdf, "MAX_PAGES", 1)
    sent = {**SENT, **change}
    if "right_file" in sent:
        data, name = sent["right_file"]
        sent["right_file"] = (io.BytesIO(two_page_pdf() if data == "two pages" else data), name)
    answer = post_form(client, sent)
    assert (answer.status_code, answer.mimetype) == (status, "text/html")
    html = answer.get_data(as_text=True)
    assert f"Problem code: <code>{code}</code>" in html
    state = FormState(html)
    expected = {**DEFAULTS, **{k: v for k, v in sent.items() if k != "right_file"}}
    if code == "invalid-request" and "zh_granularity" in change:
        expected["zh_granularity"] = "char"  # an unknown choice comes back as the default
    assert {k: v for k, v in state.fields.items() if k != "csrf_token"} == expected
    assert state.fields["csrf_token"]  # a fresh token: the form can be sent again as it is
    # User text is escaped, never markup.
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "What you typed and chose is kept below." in state.alert
    if file_side:
        assert f"choose the file for the {file_side} version again" in state.alert
        assert "You chose <b>2024." in html
    else:
        assert "choose the file" not in state.alert

    # The form can be sent again as it came back (here with the problem fixed).
    # A changed setting keeps the settings unfolded, whatever the error was about.
    assert state.settings_open
    again = {
        **state.fields,
        "right_text": RIGHT,
        "right_label": "2024",
        "zh_granularity": "word",
        "gap_threshold": "0.5",
    }
    redo = client.post("/", data=again, content_type="multipart/form-data")
    assert redo.status_code == 303, redo.get_data(as_text=True)


def test_the_form_comes_back_when_rate_limited(tmp_path: Path) -> None:
    client = make_app(tmp_path, RATE_LIMIT_PER_MINUTE=1).test_client()
    post_form(client, {"left_text": LEFT, "right_text": RIGHT})
    answer = post_form(client, {"left_text": LEFT, "right_text": RIGHT, "left_label": "again"})
    assert answer.status_code == 429 and answer.headers["Retry-After"]
    state = FormState(answer.get_data(as_text=True))
    assert (state.fields["left_text"], state.fields["left_label"]) == (LEFT, "again")


def test_a_stale_form_is_not_shown_back(client: FlaskClient) -> None:
    """Without a valid CSRF token the post may come from another site: its text is not shown
    back as if the user had typed it."""
    answer = client.post("/", data={"left_text": "planted text", "right_text": RIGHT})
    assert answer.status_code == 400
    assert "planted text" not in answer.get_data(as_text=True)


def test_api_errors_stay_problems(client: FlaskClient) -> None:
    answer = client.post(
        "/api/v1/compare",
        data={"left": (io.BytesIO(RTF), "a.rtf"), "right": (io.BytesIO(b"1. b"), "b.txt")},
        content_type="multipart/form-data",
    )
    assert (answer.status_code, answer.mimetype) == (415, "application/problem+json")
    assert answer.get_json()["detail"].startswith("The left side (a.rtf) is an RTF file")


def test_the_matching_settings_are_the_models_thresholds_with_their_defaults(
    client: FlaskClient,
) -> None:
    assert set(THRESHOLDS) == {
        "match_threshold",
        "move_threshold",
        "gap_threshold",
        "split_threshold",
    }
    html = client.get("/").get_data(as_text=True)
    state = FormState(html)
    assert {k: state.fields[k] for k in THRESHOLDS} == DEFAULTS
    assert state.settings_open is False  # folded away while nothing is changed
    for name, default in THRESHOLDS.items():
        field = re.search(
            r'<label class="field setting">\s*<span>([^<]+)</span>\s*'
            rf'(<input[^>]*name="{name}"[^>]*>)\s*<small id="([^"]+)">([^<]+)</small>',
            html,
        )
        assert field, name
        label, tag, hint_id, hint = field.groups()
        assert label == name.replace("_", " ").capitalize()
        assert f'aria-describedby="{hint_id}"' in tag
        for attribute in ('type="number"', 'min="0"', 'max="1"', 'step="0.05"'):
            assert attribute in tag
        assert hint.endswith(f"Default: {default}.")
        # Plain words, one line: no jargon from the model's description.
        assert "similarity" not in hint.lower() and len(hint) < 140


def test_the_matching_settings_are_saved_with_the_comparison(client: FlaskClient) -> None:
    sent = {
        "left_text": LEFT,
        "right_text": RIGHT,
        "match_threshold": "0.65",
        "move_threshold": " 0.9 ",
        "gap_threshold": "",  # a field cleared: its default
        "split_threshold": "1",
    }
    answer = post_form(client, sent)
    assert answer.status_code == 303, answer.get_data(as_text=True)
    cid = answer.headers["Location"].split("/c/")[1]
    options = client.get(f"/c/{cid}.json").get_json()["options"]
    assert options == {
        "match_threshold": 0.65,
        "move_threshold": 0.9,
        "gap_threshold": THRESHOLDS["gap_threshold"],
        "split_threshold": 1.0,
        "zh_granularity": "char",
    }
    # A form without the settings (an older page, a script) compares with the defaults.
    plain = post_form(client, {"left_text": LEFT, "right_text": RIGHT})
    cid = plain.headers["Location"].split("/c/")[1]
    assert client.get(f"/c/{cid}.json").get_json()["options"] == {
        **THRESHOLDS,
        "zh_granularity": "char",
    }


@pytest.mark.parametrize("value", ["abc", "1.5", "-0.05", "nan", "inf", "0,7", "1e9"])
def test_an_unusable_setting_brings_the_form_back_naming_it(
    client: FlaskClient, value: str
) -> None:
    sent = {"left_text": LEFT, "right_text": RIGHT, "left_label": "2023", "move_threshold": value}
    answer = post_form(client, sent)
    assert (answer.status_code, answer.mimetype) == (422, "text/html")
    html = answer.get_data(as_text=True)
    assert detail_of(html) == "Move threshold must be a number from 0 to 1."
    assert "Problem code: <code>invalid-request</code>" in html
    state = FormState(html)
    assert {k: state.fields[k] for k in ("left_text", "right_text", "left_label")} == {
        "left_text": LEFT,
        "right_text": RIGHT,
        "left_label": "2023",
    }
    assert state.fields["move_threshold"] == value
    assert state.settings_open and state.invalid == ["move_threshold"]
    assert 'aria-describedby="move_threshold-hint form-error"' in html
    assert state.fieldsets[:2] == ["side-input", "side-input"]  # neither side failed


def test_every_unusable_setting_is_named_at_once(client: FlaskClient) -> None:
    sent = {"left_text": LEFT, "right_text": RIGHT, "split_threshold": "2", "match_threshold": "x"}
    html = post_form(client, sent).get_data(as_text=True)
    assert detail_of(html) == (
        "Match threshold must be a number from 0 to 1. "
        "Split threshold must be a number from 0 to 1."
    )
    assert FormState(html).invalid == ["match_threshold", "split_threshold"]


def test_a_setting_typed_as_its_default_keeps_the_settings_folded(client: FlaskClient) -> None:
    sent = {"left_text": LEFT, "right_text": "", "move_threshold": "0.80", "gap_threshold": ""}
    state = FormState(post_form(client, sent).get_data(as_text=True))
    assert state.settings_open is False
    assert {k: state.fields[k] for k in THRESHOLDS} == DEFAULTS


def test_reset_to_defaults_without_javascript_keeps_all_else(client: FlaskClient) -> None:
    sent = {
        **SENT,
        "right_text": RIGHT,
        "right_file": (io.BytesIO(b"1. A."), "2024.txt"),
        "match_threshold": "0.3",
        "settings": "defaults",
    }
    answer = post_form(client, sent)
    assert (answer.status_code, answer.mimetype) == (200, "text/html")
    html = answer.get_data(as_text=True)
    state = FormState(html)
    kept = {k: v for k, v in SENT.items() if k not in THRESHOLDS}
    assert {k: state.fields[k] for k in kept} == {**kept, "right_text": RIGHT}
    assert {k: state.fields[k] for k in THRESHOLDS} == DEFAULTS
    assert state.settings_open is False and not state.alert
    assert "The matching settings are back to their defaults." in html
    assert "choose the file for the later version again" in html
