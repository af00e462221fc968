"""The OpenAPI 3.1 document of the JSON API, generated from the pydantic models.

Why generated: the models are the contract, so the schema cannot drift from what the API
validates and serves. All model schemas go into ``components/schemas`` through one
``models_json_schema`` call with a ``ref_template`` pointing there; the path table below only
says which model each operation reads and returns.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode, models_json_schema

from diffsvc import __version__
from diffsvc.models import (
    MAX_VERSIONS,
    TRACKED_STATES,
    CompareOptions,
    Comparison,
    Document,
    Series,
)
from diffsvc.models.api import (
    LABEL_SCHEMA,
    CompareIn,
    ComparisonOut,
    DocumentOut,
    Health,
    NormalizeIn,
    Problem,
    SeriesIn,
    SeriesOut,
    SeriesStatus,
)
from diffsvc.views.exports import EDITORIAL_MODES, FORMATS, PDF_VIEWS, SERIES_FORMATS

REF = "#/components/schemas/{model}"
JSON = "application/json"
PROBLEM_TYPE = "application/problem+json"
ERROR_STATUSES = {
    "400": "Malformed request (for example invalid JSON).",
    "413": "Request larger than MAX_REQUEST_BYTES.",
    "403": "Not the delete token it was saved with.",
    "415": "Content-Type or file format not supported.",
    "422": "Fields missing or invalid, input empty, too many clauses or too slow.",
    "500": "The series failed inside diffsvc (the error was logged).",
    "503": "The series was interrupted (its worker went away): send it again.",
    "429": "Too many requests from this client.",
}
#: A saved comparison or document the client holds already (its ETag sent in If-None-Match).
NOT_MODIFIED = {"304": {"description": "Not modified: the copy the client holds is current."}}


def _ref(model: type[Any]) -> dict[str, Any]:
    return {"$ref": REF.format(model=model.__name__)}


def _json(model: type[Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref(model)}}}


def _errors(*statuses: str) -> dict[str, Any]:
    problem = {PROBLEM_TYPE: {"schema": _ref(Problem)}}
    return {
        s: {"description": ERROR_STATUSES.get(s, "Not found."), "content": problem}
        for s in statuses
    }


TRACKED = {
    "type": "string",
    "enum": list(TRACKED_STATES),
    "default": TRACKED_STATES[0],
    "description": "For a Word file with tracked changes, the text compared: final (every change "
    "accepted) or original (every change rejected). Other files have none and ignore it; "
    "source.tracked_changes in the result says what was found and which text was compared.",
}
FIELD_SCHEMAS: dict[str, dict[str, Any]] = {
    "file": {"type": "string", "format": "binary"},
    "files": {
        "type": "array",
        "items": {"type": "string", "format": "binary"},
        "minItems": 2,
        "maxItems": MAX_VERSIONS,
    },
    "labels": {"type": "array", "items": LABEL_SCHEMA, "maxItems": MAX_VERSIONS},
    "label": LABEL_SCHEMA,
    # A JSON part (see ``encoding``), read as the JSON body's ``options`` is.
    "options": _ref(CompareOptions),
    "tracked": TRACKED,
}


def _multipart(fields: dict[str, str], required: list[str]) -> dict[str, Any]:
    props = {name: FIELD_SCHEMAS[kind] for name, kind in fields.items()}
    schema = {"type": "object", "properties": props, "required": required}
    encoding = {name: {"contentType": JSON} for name, kind in fields.items() if kind == "options"}
    return {"schema": schema, "encoding": encoding} if encoding else {"schema": schema}


#: A response body that is a file, not JSON.
BINARY = {"schema": {"type": "string", "format": "binary"}}


def _export_responses(formats: dict[str, str], json_model: type[Any]) -> dict[str, Any]:
    """The 200 of an export: each format's media type, JSON the model's schema."""
    content: dict[str, Any] = {}
    for media_type in formats.values():
        bare = media_type.split(";")[0]
        content[bare] = {"schema": _ref(json_model)} if bare == JSON else BINARY
    return {
        "description": "The file, as an attachment (Content-Disposition names it after the "
        "versions, e.g. 2023-vs-2024.docx).",
        "content": content,
    }


def _export_parameters(formats: list[str], *, comparison: bool) -> list[dict[str, Any]]:
    fmt = {
        "name": "format",
        "in": "query",
        "required": True,
        "schema": {"type": "string", "enum": formats},
        "description": "The kind of file.",
    }
    if not comparison:
        return [fmt]
    return [
        {
            **fmt,
            "description": "docx: Word with tracked changes; pdf: the redline laid out for "
            "print; xlsx and csv: the change list, one row per entry; html: a standalone "
            "page; md: a Markdown redline; json: the comparison.",
        },
        {
            "name": "view",
            "in": "query",
            "required": False,
            "schema": {"type": "string", "enum": list(PDF_VIEWS), "default": PDF_VIEWS[0]},
            "description": "The PDF's view: only the changes, every clause inline, or the "
            "versions side by side.",
        },
        {
            "name": "editorial",
            "in": "query",
            "required": False,
            "schema": {"type": "string", "enum": list(EDITORIAL_MODES)},
            "description": "The Word file's editorial changes (punctuation, width, script, "
            "spacing): tracked as revisions, or applied silently. Default: silent when "
            "hide_editorial is true, else revisions.",
        },
        {
            "name": "hide_editorial",
            "in": "query",
            "required": False,
            "schema": {"type": "boolean", "default": False},
            "description": "Editorial changes read as the later text, unmarked (pdf, html, md, "
            "and docx unless editorial is given).",
        },
    ]


def _paths() -> dict[str, Any]:
    save = {
        "name": "save",
        "in": "query",
        "required": False,
        "schema": {"type": "boolean", "default": True},
        "description": "false computes the comparison without storing it (id and url are null).",
    }
    id_param = {"in": "path", "required": True, "schema": {"type": "string"}}
    compare_form = {"left": "file", "right": "file", "left_label": "label", "right_label": "label"}
    compare_form |= {"left_tracked": "tracked", "right_tracked": "tracked", "options": "options"}
    return {
        "/api/v1/compare": {
            "post": {
                "summary": "Compare two documents clause by clause",
                "description": "JSON with two texts, or multipart/form-data with two files "
                "(fields left, right; optional left_label, right_label, left_tracked, "
                "right_tracked, and options as JSON).",
                "parameters": [save],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": _ref(CompareIn)},
                        "multipart/form-data": _multipart(compare_form, ["left", "right"]),
                    },
                },
                "responses": {
                    "200": _json(ComparisonOut, "The comparison."),
                    **_errors("400", "413", "415", "422", "429"),
                },
            }
        },
        "/api/v1/normalize": {
            "post": {
                "summary": "Split one document into its clauses",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": _ref(NormalizeIn)},
                        "multipart/form-data": _multipart(
                            {"file": "file", "label": "label", "tracked": "tracked"}, ["file"]
                        ),
                    },
                },
                "responses": {
                    "200": _json(Document, "The document's clauses."),
                    **_errors("400", "413", "415", "422", "429"),
                },
            }
        },
        "/api/v1/comparisons/{id}": {
            "get": {
                "summary": "A stored comparison",
                "parameters": [{"name": "id", **id_param}],
                "responses": {
                    "200": _json(ComparisonOut, "The comparison."),
                    **NOT_MODIFIED,
                    **_errors("404", "429"),
                },
            },
            "delete": {
                "summary": "Delete a comparison you saved",
                "description": "With the delete_token its saving request was given, as "
                "'Authorization: Bearer <token>'. Its documents go too, unless another "
                "comparison uses them.",
                "parameters": [{"name": "id", **id_param}],
                "security": [{"deleteToken": []}],
                "responses": {
                    "204": {"description": "Deleted."},
                    **_errors("403", "404", "429"),
                },
            },
        },
        "/api/v1/comparisons/{id}/export": {
            "get": {
                "summary": "A stored comparison as a file to hand on",
                "description": "Word with tracked changes, PDF, the change list as Excel or "
                "CSV, a standalone HTML page, Markdown or JSON.",
                "parameters": [
                    {"name": "id", **id_param},
                    *_export_parameters(list(FORMATS), comparison=True),
                ],
                "responses": {
                    "200": _export_responses(
                        {k: f.media_type for k, f in FORMATS.items()}, Comparison
                    ),
                    **NOT_MODIFIED,
                    **_errors("404", "422", "429"),
                },
            }
        },
        "/api/v1/series": {
            "post": {
                "summary": "Follow every clause through two to fifty versions",
                "description": "JSON with the versions' texts, or multipart/form-data with "
                "the files in the repeated field versions (optional labels, repeated, one per "
                "file in the same order; options as JSON). A series of more than "
                "SERIES_BACKGROUND_CHARS characters is computed in the background: 202 with "
                "its status URL (also in Location), to poll until it answers 200.",
                "parameters": [
                    {
                        **save,
                        "description": "false computes the series without storing it (id "
                        "and url are null); only a series small enough to compute at once.",
                    }
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": _ref(SeriesIn)},
                        "multipart/form-data": _multipart(
                            {"versions": "files", "labels": "labels", "options": "options"},
                            ["versions"],
                        ),
                    },
                },
                "responses": {
                    "200": _json(SeriesOut, "The series, stored before (or not saved)."),
                    "201": _json(SeriesOut, "The series, computed and stored now."),
                    "202": _json(SeriesStatus, "Being computed in the background."),
                    **_errors("400", "413", "415", "422", "429"),
                },
            }
        },
        "/api/v1/series/{id}": {
            "get": {
                "summary": "A stored series, or how far its computing is",
                "parameters": [{"name": "id", **id_param}],
                "responses": {
                    "200": _json(SeriesOut, "The series."),
                    "202": _json(SeriesStatus, "Still being computed: ask again."),
                    **_errors("404", "422", "429", "500", "503"),
                },
            },
            "delete": {
                "summary": "Delete a series you saved",
                "description": "With the delete_token its saving request was given, as "
                "'Authorization: Bearer <token>'. Its documents go too, unless a comparison "
                "or another series uses them.",
                "parameters": [{"name": "id", **id_param}],
                "security": [{"deleteToken": []}],
                "responses": {
                    "204": {"description": "Deleted."},
                    **_errors("403", "404", "429"),
                },
            },
        },
        "/api/v1/series/{id}/export": {
            "get": {
                "summary": "A stored series as a file: its timeline as Excel, or JSON",
                "parameters": [
                    {"name": "id", **id_param},
                    *_export_parameters(list(SERIES_FORMATS), comparison=False),
                ],
                "responses": {
                    "200": _export_responses(
                        {k: f.media_type for k, f in SERIES_FORMATS.items()}, Series
                    ),
                    "202": _json(SeriesStatus, "Still being computed: ask again."),
                    **NOT_MODIFIED,
                    **_errors("404", "422", "429", "500", "503"),
                },
            }
        },
        "/api/v1/documents/{id}": {
            "get": {
                "summary": "A stored document",
                "parameters": [{"name": "id", **id_param}],
                "responses": {
                    "200": _json(DocumentOut, "The document."),
                    **NOT_MODIFIED,
                    **_errors("404", "429"),
                },
            }
        },
        "/healthz": {
            "get": {"summary": "Process is alive", "responses": {"200": _json(Health, "Alive.")}}
        },
        "/readyz": {
            "get": {
                "summary": "Store answers",
                "responses": {"200": _json(Health, "Ready."), **_errors("503")},
            }
        },
    }


def openapi_document() -> dict[str, Any]:
    """The whole OpenAPI document as a JSON-ready dict.

    >>> doc = openapi_document()
    >>> doc["openapi"], "Comparison" in doc["components"]["schemas"]
    ('3.1.0', True)
    """
    requests: list[type[BaseModel]] = [CompareIn, NormalizeIn, SeriesIn]
    responses: list[type[BaseModel]] = [Comparison, ComparisonOut, Document, DocumentOut]
    responses += [Series, SeriesOut, SeriesStatus]
    responses += [Problem, Health]
    modes: list[tuple[type[BaseModel], JsonSchemaMode]] = [(m, "validation") for m in requests]
    modes += [(m, "serialization") for m in responses]
    _, schema = models_json_schema(
        modes,
        ref_template=REF,
    )
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "diffsvc",
            "version": __version__,
            "description": "Clause-by-clause comparison of recurring statements, in Chinese "
            "and English. Errors are RFC 9457 problem documents; each one's type is the URL of "
            "its code's entry on the service's /problems page, which says what it means and "
            "what to do next.",
        },
        "paths": _paths(),
        "components": {
            "schemas": schema.get("$defs", {}),
            "securitySchemes": {
                "deleteToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "The delete_token the request that saved a comparison or a "
                    "series got.",
                }
            },
        },
    }
