"""The one error handler: every exception leaves the app through ``handle_error``.

Why one place: users of the API get a single problem+json body (RFC 9457) whatever failed, and
users of the pages get error.html with what to do next (or, when the compare form failed, the
form again with what they sent and the problem above it), so the translation from an exception to
the domain's error tree (``diffsvc.errors``) happens once, here. The core raises meaning, never
HTTP objects; werkzeug's HTTP errors and flask-wtf's CSRF failure are mapped onto the tree.
"""

from __future__ import annotations

import logging

from flask import Response, render_template, request, url_for
from flask_limiter import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response as BaseResponse

from diffsvc import errors
from diffsvc.app.pages import form_again
from diffsvc.app.security import rate_limited
from diffsvc.app.services import current, external_url
from diffsvc.models.api import FieldError, Problem
from diffsvc.views.pages import DOCUMENTED, error_page

log = logging.getLogger(__name__)

HTTP_ERRORS: dict[int, type[errors.DiffsvcError]] = {
    400: errors.BadRequest,
    404: errors.NotFound,
    405: errors.MethodNotAllowed,
    413: errors.TooLarge,
    415: errors.UnsupportedMediaType,
    429: errors.RateLimited,
}


def as_error(exc: Exception) -> errors.DiffsvcError:
    """Translate any exception into the domain error tree, once, for both kinds of response."""
    if isinstance(exc, errors.DiffsvcError):
        return exc
    if isinstance(exc, CSRFError):
        return errors.CsrfFailed()
    if isinstance(exc, RateLimitExceeded):
        return rate_limited()
    if isinstance(exc, HTTPException):
        status = exc.code or 500
        kind = HTTP_ERRORS.get(status)
        if kind is errors.TooLarge:
            limit = current().limits.max_bytes
            return errors.TooLarge(
                f"The request is larger than the {limit:,}-byte limit.", what="request"
            )
        if kind is not None:
            return kind(None if status == 404 else exc.description)
        error = errors.DiffsvcError(exc.description)
        error.code, error.status, error.title = f"http-{status}", status, exc.name
        return error
    log.exception("unhandled error on %s %s", request.method, request.path)
    return errors.InternalError()


def wants_json() -> bool:
    """API, health and ``.json`` paths answer in problem+json; pages answer with error.html."""
    path = request.path
    return path.startswith("/api/v1/") or path.endswith(".json") or path in ("/healthz", "/readyz")


def problem_response(error: errors.DiffsvcError) -> Response:
    """The RFC 9457 body for ``error``, for API and ``.json`` paths."""
    fields = None
    if isinstance(error, errors.InvalidRequest) and error.fields:
        fields = [FieldError.model_validate(f) for f in error.fields]
    problem = Problem.of(error, request.path, fields, type_url=type_url(error.code))
    body = problem.model_dump_json(exclude_none=True)
    return Response(body, status=error.status, mimetype="application/problem+json")


def type_url(code: str) -> str:
    """The problem ``type``: the absolute URL of the code's entry on the problems page (on
    PUBLIC_URL when set), or ``about:blank`` for a status with no code of its own (RFC 9457)."""
    if code not in DOCUMENTED:
        return "about:blank"
    return external_url("pages.problems", _anchor=code)


def _help_url(code: str) -> str | None:
    return url_for("pages.problems", _anchor=code) if code in DOCUMENTED else None


def _form_again(error: errors.DiffsvcError) -> bool:
    """Whether ``error`` answers the compare form with the form itself, holding what was sent:
    anything the user can fix or wait out. Not a stale CSRF token: the post may come from
    another site, whose text the service must not show back as if the user had typed it."""
    return (
        request.endpoint == "pages.submit"
        and 400 <= error.status < 500
        and not isinstance(error, errors.CsrfFailed)
    )


def handle_error(exc: Exception) -> BaseResponse:
    """The single error handler: every error, whatever raised it, leaves through here."""
    error = as_error(exc)
    if wants_json():
        response = problem_response(error)
    elif _form_again(error):
        response = form_again(error, help_url=_help_url(error.code) or url_for("pages.problems"))
    else:
        page = error_page(error, help_url=_help_url(error.code))
        html = render_template("error.html", page=page)
        response = Response(html, status=error.status, mimetype="text/html")
    if isinstance(exc, HTTPException) and exc.code == 405:
        response.headers["Allow"] = dict(exc.get_headers()).get("Allow", "")
    if isinstance(error, errors.RateLimited):
        response.headers["Retry-After"] = str(error.retry_after)
    return response
