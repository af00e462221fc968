"""Request and response models of the JSON API, and the problem body every error uses.

Why here and not in api.py: the OpenAPI document (``diffsvc.app.openapi``) is generated from these
models and must be buildable without Flask, and the HTML error handler shares ``Problem``.
Requests are parsed strictly (``extra="forbid"``, no type coercion from strings) at the edge, so
a typo in a field name is a 422 naming the field, not a silently ignored option.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

from diffsvc.errors import DiffsvcError
from diffsvc.models import MAX_VERSIONS, CompareOptions, Comparison, Document, Series

MAX_LABEL = 200
# What the one side parser the form and the API share (``diffsvc.app.sides``) drops from a label
# before measuring it: control characters anywhere, whitespace as ``str.strip`` knows it at
# either end (so " 2023 " is "2023", and a label pasted with its line break still fits).
_CONTROL = r"\x00-\x1f\x7f"
_SPACE = r"\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
#: A side's name as typed: at most MAX_LABEL characters once cleaned so. The parser enforces it;
#: the schema states it as a pattern, as a ``maxLength`` would count what the parser drops.
LABEL_SCHEMA = {
    "type": "string",
    "pattern": rf"^[{_CONTROL}{_SPACE}]*(?:[^{_CONTROL}][{_CONTROL}]*){{0,{MAX_LABEL}}}"
    rf"[{_CONTROL}{_SPACE}]*$",
    "description": f"At most {MAX_LABEL} characters, not counting control characters and "
    "surrounding whitespace, which are dropped.",
}
Label = Annotated[str, WithJsonSchema(LABEL_SCHEMA)]
#: A side's text to compare. One of nothing but whitespace and control characters is refused as
#: ``empty-input`` (by that parser, or by the reader that drops control characters), so the
#: schema asks for some other character, without enforcing it either.
SideText = Annotated[str, WithJsonSchema({"type": "string", "pattern": f"[^{_CONTROL}{_SPACE}]"})]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class SideIn(_Request):
    """One side of a comparison sent as JSON text."""

    text: SideText = Field(description="The document's text, as pasted (UTF-8).")
    label: Label | None = Field(default=None, description="Name of this side, e.g. '2023'.")


class CompareIn(_Request):
    """Body of ``POST /api/v1/compare`` when sent as JSON."""

    left: SideIn = Field(description="The earlier (or reference) document.")
    right: SideIn = Field(description="The later document.")
    options: CompareOptions | None = Field(default=None, description="Comparison options.")


class SeriesIn(_Request):
    """Body of ``POST /api/v1/series`` when sent as JSON."""

    # The bounds are the schema's word; the service counts itself, to say "one was sent".
    versions: Annotated[
        list[SideIn],
        WithJsonSchema(
            {
                "type": "array",
                "items": {"$ref": "#/components/schemas/SideIn"},
                "minItems": 2,
                "maxItems": MAX_VERSIONS,
            }
        ),
    ] = Field(
        description=f"Two to {MAX_VERSIONS} versions. Oldest first; when every label (or file "
        "name) reads as a date or a year, they are put in that order instead."
    )
    options: CompareOptions | None = Field(default=None, description="Comparison options.")


class NormalizeIn(_Request):
    """Body of ``POST /api/v1/normalize`` when sent as JSON."""

    text: str = Field(description="The document's text.")
    label: Label | None = Field(default=None, description="Name of the document.")


class ComparisonOut(Comparison):
    """A comparison as the API serves it: the JSON contract plus where it is stored."""

    id: str | None = Field(default=None, description="Comparison id; null when not saved.")
    url: str | None = Field(
        default=None, description="Absolute URL of the HTML page; null when not saved."
    )
    delete_token: str | None = Field(
        default=None,
        description="Given once, to the request that saved the comparison (null otherwise, "
        "and when it was already saved): send it as 'Authorization: Bearer <token>' with "
        "DELETE /api/v1/comparisons/{id} to delete the comparison. Keep it secret.",
    )

    @classmethod
    def of(
        cls,
        comparison: Comparison,
        cid: str | None,
        url: str | None,
        *,
        delete_token: str | None = None,
    ) -> ComparisonOut:
        """Wrap a validated ``Comparison`` without validating it a second time."""
        fields = {name: getattr(comparison, name) for name in Comparison.model_fields}
        return cls.model_construct(**fields, id=cid, url=url, delete_token=delete_token)


class DocumentOut(Document):
    """A stored document as the API serves it."""

    id: str = Field(description="Document id (a hash of its text).")

    @classmethod
    def of(cls, document: Document, doc_id: str) -> DocumentOut:
        """Wrap a validated ``Document`` without validating it a second time."""
        fields = {name: getattr(document, name) for name in Document.model_fields}
        return cls.model_construct(**fields, id=doc_id)


class SeriesOut(Series):
    """A computed series as the API serves it: the JSON contract plus where it is stored."""

    id: str | None = Field(default=None, description="Series id; null when not saved.")
    url: str | None = Field(
        default=None, description="Absolute URL of its timeline page; null when not saved."
    )
    delete_token: str | None = Field(
        default=None,
        description="Given once, to the request that saved the series: send it as "
        "'Authorization: Bearer <token>' with DELETE /api/v1/series/{id}. Keep it secret.",
    )

    @classmethod
    def of(
        cls,
        series: Series,
        sid: str | None,
        url: str | None,
        *,
        delete_token: str | None = None,
    ) -> SeriesOut:
        """Wrap a validated ``Series`` without validating it a second time."""
        fields = {name: getattr(series, name) for name in Series.model_fields}
        return cls.model_construct(**fields, id=sid, url=url, delete_token=delete_token)


class SeriesStatus(BaseModel):
    """A series still being computed, in the background."""

    id: str = Field(description="Series id.")
    status: Literal["queued", "running"] = Field(
        description="queued: waiting for a worker; running: being computed."
    )
    done: int = Field(description="Comparisons of consecutive versions made so far.")
    total: int = Field(description="Comparisons to make: one fewer than the versions.")
    url: str = Field(description="Absolute URL of its page, which shows the progress.")
    status_url: str = Field(
        description="Where to ask again (GET): 202 with this body while it runs, 200 with the "
        "series when done, a problem when it failed."
    )
    delete_token: str | None = Field(
        default=None,
        description="Given once, to the request that saved the series (see SeriesOut).",
    )


class FieldError(BaseModel):
    """One reason a request failed validation."""

    loc: list[str | int] = Field(description="Where in the request: field names and list indices.")
    msg: str = Field(description="What is wrong with it.")
    type: str = Field(description="Stable machine-readable kind of error.")


class Problem(BaseModel):
    """An RFC 9457 problem: the single error body of every API and ``.json`` path."""

    model_config = ConfigDict(extra="forbid")

    type: str = Field(
        description="URL naming the kind of problem, stable per code: its entry on the service's "
        "problems page (https://<host>/problems#<code>), which says what it means and what to "
        "do next; about:blank for an HTTP status with no code of its own."
    )
    title: str = Field(description="Short summary of the kind of problem.")
    status: int = Field(description="The HTTP status code.")
    detail: str = Field(description="What went wrong with this request, and what to do.")
    instance: str = Field(description="The request path that caused the problem.")
    code: str = Field(description="The stable error code (the fragment of type).")
    errors: list[FieldError] | None = Field(
        default=None, description="Field errors, for invalid-request problems."
    )

    @classmethod
    def of(
        cls,
        error: DiffsvcError,
        instance: str,
        errors: list[FieldError] | None = None,
        *,
        type_url: str = "about:blank",
    ) -> Problem:
        """The problem body for ``error``; ``type_url`` is the web layer's, which knows the
        service's address (its problems page's entry for the code).

        >>> from diffsvc.errors import NotFound
        >>> Problem.of(NotFound(), "/c/x", type_url="https://h/problems#not-found").code
        'not-found'
        """
        return cls(
            type=type_url,
            title=error.title,
            status=error.status,
            detail=error.message,
            instance=instance,
            code=error.code,
            errors=errors,
        )


class Health(BaseModel):
    """Body of ``/healthz`` and ``/readyz``."""

    status: str = Field(description="'ok' when alive, 'ready' when the store answers.")
