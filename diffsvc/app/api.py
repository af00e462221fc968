"""The JSON API under ``/api/v1``: parse strictly at the edge, call the service, dump the model.

Every body is parsed by a pydantic model (``diffsvc.models.api``) straight from the raw bytes, so
malformed JSON, invalid UTF-8, wrong types and unknown fields all become a ``ValidationError``,
which the single handler in ``problems.py`` turns into a problem+json 400 or 422. The blueprint is
CSRF-exempt and never touches the session, so API responses set no cookie.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Collection
from functools import cache
from typing import Any, TypeVar
from urllib.parse import quote

from flask import Blueprint, Response, request
from pydantic import BaseModel, ValidationError

from diffsvc import errors
from diffsvc.app import series as series_cases
from diffsvc.app import usecases as service
from diffsvc.app.openapi import openapi_document
from diffsvc.app.security import (
    capability,
    capability_etag,
    charge,
    charge_documents,
    not_modified,
)
from diffsvc.app.services import current, external_url
from diffsvc.app.sides import parse_side
from diffsvc.models import CompareOptions, Comparison
from diffsvc.models.api import (
    CompareIn,
    ComparisonOut,
    DocumentOut,
    NormalizeIn,
    SeriesIn,
    SeriesOut,
    SeriesStatus,
    SideIn,
)
from diffsvc.views.exports import (
    EDITORIAL_MODES,
    FORMATS,
    PDF_VIEWS,
    SERIES_FORMATS,
    ExportOptions,
    download_name,
    series_download_name,
)

M = TypeVar("M", bound=BaseModel)
api = Blueprint("api", __name__, url_prefix="/api/v1")
JSON = "application/json"
MULTIPART = "multipart/form-data"


def json_response(cid: str) -> Response:
    """A stored comparison as JSON, with its id and page URL (API and ``/c/<id>.json``)."""
    stored = current().store.get_comparison(cid)
    charge(stored.comparison)
    etag = capability_etag()
    if (unchanged := not_modified(etag)) is not None:
        return unchanged
    url = external_url("pages.comparison", cid=cid)
    body = ComparisonOut.of(stored.comparison, cid, url).model_dump_json()
    return capability(Response(body, mimetype=JSON), etag)


def parse(model: type[M], data: bytes | str) -> M:
    """Validate a request body with ``model``; failures become the domain's request errors.

    Done here, at the edge, so that a ValidationError raised deeper (a bug) stays a 500. Strict
    all the way down: the options nested in a request are a contract model, lax by its own
    config, and would otherwise take ``"0.5"`` or ``false`` for a threshold the schema says is
    a number.
    """
    try:
        return model.model_validate_json(data, strict=True)
    except ValidationError as error:
        details = error.errors(include_url=False, include_input=False)
        if any(d["type"] == "json_invalid" for d in details):
            raise errors.BadRequest("The request body is not valid JSON (UTF-8).") from None
        fields: list[dict[str, object]] = [
            {"loc": list(d["loc"]), "msg": d["msg"], "type": d["type"]} for d in details
        ]
        where = "; ".join(f"{'.'.join(map(str, d['loc'])) or 'body'}: {d['msg']}" for d in details)
        raise errors.InvalidRequest(
            f"The request has invalid fields: {where}.", fields=fields
        ) from None


def _save_flag() -> bool:
    raw = request.args.get("save", "true").lower()
    if raw not in ("true", "false", "1", "0"):
        raise errors.InvalidRequest("The save parameter must be true or false.")
    return raw in ("true", "1")


def _file_side(field: str, label_field: str, tracked_field: str, side: str) -> service.Side:
    """A side sent as the multipart file ``field``, with its label in ``label_field`` and the
    text of a Word file with tracked changes to compare (final or original) in ``tracked_field``.
    """
    upload = request.files.get(field)
    if upload is None:
        raise errors.InvalidRequest(f"Send a file in the multipart field {field!r}.")
    return parse_side(
        data=upload.read(current().limits.max_bytes + 1),
        filename=upload.filename or None,
        label=request.form.get(label_field),
        label_loc=(label_field,),
        tracked=request.form.get(tracked_field),
        tracked_loc=(tracked_field,),
        side=side,
    )


def _json_side(side: SideIn, field: str) -> service.Side:
    """The side sent as JSON under ``field`` (``left`` or ``right``)."""
    return parse_side(
        side.text, label=side.label, label_loc=(field, "label"), side=f"The {field} side"
    )


def _body_kind() -> str:
    """``json`` or ``multipart``; anything else is a 415 naming what is accepted."""
    if request.mimetype == JSON:
        return "json"
    if request.mimetype == MULTIPART:
        return "multipart"
    sent = request.mimetype or "no Content-Type"
    raise errors.UnsupportedMediaType(f"Send {JSON} or {MULTIPART}, not {sent}.")


@api.post("/compare")
def compare() -> Response:
    """Compare two documents (JSON texts or two uploaded files); ``?save=false`` stores nothing."""
    save = _save_flag()
    if _body_kind() == "json":
        body = parse(CompareIn, request.get_data())
        left, right = _json_side(body.left, "left"), _json_side(body.right, "right")
        options = body.options or CompareOptions()
    else:
        left = _file_side("left", "left_label", "left_tracked", "The left side")
        right = _file_side("right", "right_label", "right_tracked", "The right side")
        raw = request.form.get("options")
        options = parse(CompareOptions, raw) if raw else CompareOptions()
    services = current()
    store = services.store if save else None
    saved = service.compare_sides(store, left, right, options, services.limits)
    charge(saved.comparison)
    url = external_url("pages.comparison", cid=saved.id) if saved.id else None
    out = ComparisonOut.of(saved.comparison, saved.id, url, delete_token=saved.delete_token)
    return Response(out.model_dump_json(), mimetype=JSON)


def series_response(saved: series_cases.SavedSeries, *, created: bool = False) -> Response:
    """A series as JSON: 200 (201 when this request created it) with the series once computed,
    202 with its progress while it runs, the problem it met when it failed."""
    state = saved.state
    sid = saved.id
    url = external_url("series.timeline", sid=sid) if sid else None
    if saved.series is not None:
        charge_documents(saved.series.versions)
        out = SeriesOut.of(saved.series, sid, url, delete_token=saved.delete_token)
        return Response(out.model_dump_json(), status=201 if created else 200, mimetype=JSON)
    assert state is not None and url is not None
    if state.state == "failed":
        raise series_cases.failure(state)
    status_url = external_url("api.get_series", cid=state.id)
    body = SeriesStatus(
        id=state.id,
        status="queued" if state.state == "queued" else "running",
        done=state.done,
        total=state.total,
        url=url,
        status_url=status_url,
        delete_token=saved.delete_token,
    )
    response = Response(body.model_dump_json(), status=202, mimetype=JSON)
    response.headers["Location"] = status_url
    response.headers["Retry-After"] = "2"
    return response


def _series_sides() -> tuple[list[service.Side], CompareOptions]:
    """The versions of a series sent as JSON texts, or as files in the repeated multipart field
    ``versions`` with their labels in the repeated field ``labels``."""
    if _body_kind() == "json":
        body = parse(SeriesIn, request.get_data())
        sides = [
            parse_side(
                v.text,
                label=v.label,
                label_loc=("versions", k, "label"),
                side=series_cases.version_name(k),
            )
            for k, v in enumerate(body.versions)
        ]
        return sides, body.options or CompareOptions()
    uploads = request.files.getlist("versions")
    labels = request.form.getlist("labels")
    if labels and len(labels) != len(uploads):
        raise errors.LabelCount(
            f"There are {len(labels)} labels for {len(uploads)} versions; send one per version "
            "(an empty one for a version without a label), or none."
        )
    max_bytes = current().limits.max_bytes
    sides = [
        parse_side(
            data=upload.read(max_bytes + 1),
            filename=upload.filename or None,
            label=labels[k] if labels else None,
            label_loc=("labels", k),
            side=series_cases.version_name(k),
        )
        for k, upload in enumerate(uploads)
    ]
    raw = request.form.get("options")
    return sides, parse(CompareOptions, raw) if raw else CompareOptions()


@api.post("/series")
def post_series() -> Response:
    """Several versions of a statement as a series (JSON texts or uploaded files)."""
    save = _save_flag()
    sides, options = _series_sides()
    services = current()
    saved = series_cases.submit(
        services.store if save else None,
        sides,
        options,
        services.limits,
        services.settings,
        services.runner,
    )
    return series_response(saved, created=saved.delete_token is not None)


@api.get("/series/<cid>")
def get_series(cid: str) -> Response:
    """A series: 200 when computed, 202 while it is computed, its problem if it failed."""
    services = current()
    return series_response(series_cases.load(services.store, cid, services.settings))


@api.get("/series/<cid>/export")
def export_series(cid: str) -> Response:
    """A series as a file, ``?format=xlsx|json``: the timeline as a workbook, or the series'
    JSON; while it is computed, its progress (202), as ``GET /api/v1/series/<id>`` answers."""
    fmt = export_format(SERIES_FORMATS)
    services = current()
    saved = series_cases.load(services.store, cid, services.settings)
    found = saved.series
    if found is None:
        return series_response(saved)
    charge_documents(found.versions)
    etag = capability_etag()
    if (unchanged := not_modified(etag)) is not None:
        return unchanged
    export = SERIES_FORMATS[fmt]
    # Dated when the series was computed, so each download of it is the same file.
    when = saved.state.updated if saved.state else None
    response = Response(export.render(found, when), content_type=export.media_type)
    name = series_download_name(found, fmt)
    attachment(response, name, series_download_name(found, fmt, ascii_only=True))
    return capability(response, etag)


@api.delete("/series/<cid>")
def delete_series(cid: str) -> Response:
    """Delete a series, for whoever saved it: ``Authorization: Bearer <delete_token>``."""
    current().store.delete_series(cid, _bearer())
    return Response(status=204)


def _bearer() -> str:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


@api.post("/normalize")
def normalize() -> Response:
    """One document (JSON text or an uploaded ``file``) to its clause list."""
    if _body_kind() == "json":
        body = parse(NormalizeIn, request.get_data())
        # An empty text is a document without clauses; an empty file is refused, as ever.
        side = parse_side(
            body.text, label=body.label, label_loc=("label",), side="The text", may_be_empty=True
        )
    else:
        side = _file_side("file", "label", "tracked", "The file")
    _, document = service.read_side(side, current().limits)
    return Response(document.model_dump_json(), mimetype=JSON)


@api.get("/comparisons/<cid>")
def comparison(cid: str) -> Response:
    """A stored comparison."""
    return json_response(cid)


def _query_choice(name: str, allowed: Collection[str], default: str | None = None) -> str | None:
    """The query parameter ``name``, one of ``allowed``; anything else is a 422 naming it."""
    raw = request.args.get(name)
    if raw is None:
        return default
    if raw not in allowed:
        choices = ", ".join(allowed)
        message = f"The {name} parameter must be one of {choices}, not {raw!r}."
        field: dict[str, object] = {"loc": ["query", name], "msg": message, "type": "enum"}
        raise errors.InvalidRequest(message, fields=[field])
    return raw


def export_format(allowed: Collection[str]) -> str:
    """The ``format`` query parameter of an export, which must be given."""
    fmt = _query_choice("format", allowed)
    if fmt is None:
        message = f"Give the format parameter: one of {', '.join(allowed)}."
        field: dict[str, object] = {"loc": ["query", "format"], "msg": message, "type": "missing"}
        raise errors.InvalidRequest(message, fields=[field])
    return fmt


def export_options() -> ExportOptions:
    """The reader's choices for an export, from the query: ``view`` (the PDF's), ``editorial``
    (the Word file's) and ``hide_editorial``; each checked, whatever the format."""
    view = _query_choice("view", PDF_VIEWS, "changes")
    editorial = _query_choice("editorial", EDITORIAL_MODES)
    hide = _query_choice("hide_editorial", ("true", "false", "1", "0"), "false")
    return ExportOptions(
        view=next(v for v in PDF_VIEWS if v == view),
        editorial=next((e for e in EDITORIAL_MODES if e == editorial), None),
        hide_editorial=hide in ("true", "1"),
    )


def attachment(response: Response, name: str, ascii_name: str) -> Response:
    """Mark ``response`` as a file to save as ``name``: RFC 6266's ``filename*`` in UTF-8 for
    the browsers of today (Chinese labels kept), ``filename`` in ASCII for the others."""
    names = {"filename": ascii_name}
    if name != ascii_name:
        # RFC 5987's attr-chars stay as they are; everything else is percent-encoded.
        names["filename*"] = "UTF-8''" + quote(name, safe="!#$&+-.^_`|~")
    response.headers.set("Content-Disposition", "attachment", **names)
    return response


def export_response(cid: str, fmt: str, options: ExportOptions) -> Response:
    """A stored comparison as a file of format ``fmt`` (a name of ``FORMATS``), an attachment
    (the API's export and the pages' Download menu). Its date is the comparison's: the Word
    revisions and the PDF's footer say when the versions were compared, not when the file was
    downloaded."""
    stored = current().store.get_comparison(cid)
    charge(stored.comparison)
    etag = capability_etag()
    if (unchanged := not_modified(etag)) is not None:
        return unchanged
    export = FORMATS[fmt]
    result = stored.comparison
    _check_export_size(result, fmt, options)
    data = export.render(result, dataclasses.replace(options, cid=cid, when=stored.created))
    response = Response(data, content_type=export.media_type)
    attachment(response, download_name(result, fmt), download_name(result, fmt, ascii_only=True))
    return capability(response, etag)


def _check_export_size(result: Comparison, fmt: str, options: ExportOptions) -> None:
    """Refuse a Word or PDF file that would take longer to lay out than a worker may take:
    their cost grows with every entry, the other formats' stays a fraction of a second."""
    settings = current().settings
    if fmt == "pdf":
        entries = len(result.alignment)
        if options.view == "changes":
            entries = sum(1 for e in result.alignment if e.op.value != "unchanged")
        limit, kind = settings.max_pdf_entries, "PDF"
    elif fmt == "docx":
        entries, limit, kind = len(result.alignment), settings.max_word_entries, "Word file"
    else:
        return
    if entries > limit:
        narrower = fmt == "pdf" and options.view != "changes"
        advice = "Export only the changes, or take" if narrower else "Take"
        raise errors.ExportTooLarge(
            f"This comparison has {entries:,} entries to lay out; a {kind} holds at most "
            f"{limit:,} here. {advice} the spreadsheet (xlsx), CSV, HTML or JSON, which hold "
            "any size."
        )


@api.get("/comparisons/<cid>/export")
def export_comparison(cid: str) -> Response:
    """A stored comparison as a file: ``?format=docx|pdf|xlsx|csv|html|md|json``."""
    fmt = export_format(FORMATS)
    return export_response(cid, fmt, export_options())


@api.delete("/comparisons/<cid>")
def delete_comparison(cid: str) -> Response:
    """Delete a comparison, for whoever saved it: ``Authorization: Bearer <delete_token>``."""
    # The store answers 404 for an id it does not hold before it looks at the token.
    current().store.delete_comparison(cid, _bearer())
    return Response(status=204)


@api.get("/documents/<doc_id>")
def document(doc_id: str) -> Response:
    """A stored document: its clauses and where it came from."""
    stored = current().store.get_document(doc_id)
    etag = capability_etag()
    if (unchanged := not_modified(etag)) is not None:
        return unchanged
    body = DocumentOut.of(stored.document, stored.id).model_dump_json()
    return capability(Response(body, mimetype=JSON), etag)


@cache
def _openapi_json() -> str:
    document: dict[str, Any] = openapi_document()
    return json.dumps(document, ensure_ascii=False, sort_keys=False)


@api.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3.1 document, generated from the request and response models."""
    return Response(_openapi_json(), mimetype=JSON)
