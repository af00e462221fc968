"""The Flask application: factory, HTML pages, the one error handler, security headers.

Map: ``create_app`` loads settings (code defaults, ``DIFFSVC_*`` env, test dict), opens the
store, wires CSRF (form posts only; the JSON API is exempt and sets no cookie), the per-client
rate limiter and the headers. ``pages`` serves the compare form and the comparison page, whose
JSON twin ``/c/<id>.json`` serves the very model the page renders. ``handle_error`` is the only
place an exception becomes a response: problem+json for API and ``.json`` paths, error.html
otherwise.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from flask import Blueprint, Flask, Response, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError, CSRFProtect, generate_csrf
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response as BaseResponse

from diffsvc import errors
from diffsvc.app import usecases as service
from diffsvc.app.api import api, current, json_response, problem_response
from diffsvc.app.ratelimit import RateLimiter
from diffsvc.app.settings import SETTING_NAMES, load_settings
from diffsvc.models import CompareOptions
from diffsvc.storage.store import Store
from diffsvc.views import STATIC, TEMPLATES
from diffsvc.views.comparison import build_compare_page
from diffsvc.views.contexts import VIEW_NAMES, CompareLinks, DocsPage, ViewName
from diffsvc.views.pages import error_page, index_page

log = logging.getLogger(__name__)

CSP = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    # Comparison URLs are capabilities (unguessable ids): never leak them to other sites.
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
HTTP_ERRORS: dict[int, type[errors.DiffsvcError]] = {
    400: errors.BadRequest,
    404: errors.NotFound,
    405: errors.MethodNotAllowed,
    413: errors.TooLarge,
    415: errors.UnsupportedMediaType,
    429: errors.RateLimited,
}

pages = Blueprint("pages", __name__)


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app; ``test_config`` overrides settings (e.g. DATABASE_URL, RATE_LIMIT_PER_MINUTE).

    >>> create_app({"DATABASE_URL": "sqlite://", "SECRET_KEY": "k"}).name
    'diffsvc.app.factory'
    """
    app = Flask(__name__, template_folder=str(TEMPLATES), static_folder=str(STATIC))
    given = dict(test_config or {})
    settings = load_settings({k: v for k, v in given.items() if k in SETTING_NAMES})
    # Keys that are not settings are Flask options (TESTING, WTF_CSRF_ENABLED): they ride along.
    app.config.update({k: v for k, v in given.items() if k not in SETTING_NAMES})
    app.config.update(
        SECRET_KEY=settings.secret_key,
        MAX_CONTENT_LENGTH=settings.max_request_bytes,
        # Flask 3.1 caps non-file form fields at 500 kB by default; a pasted text may be larger.
        MAX_FORM_MEMORY_SIZE=settings.max_request_bytes,
        SESSION_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,
    )
    store = Store(settings.database_url)
    store.migrate()
    limits = service.Limits(
        max_bytes=settings.max_request_bytes,
        max_clauses=settings.max_clauses,
        time_budget=settings.time_budget_seconds,
    )
    limiter = RateLimiter(settings.rate_limit_per_minute)
    app.extensions["diffsvc"] = service.Services(
        settings=settings, store=store, limiter=limiter, limits=limits
    )
    csrf = CSRFProtect()
    csrf.exempt(api)
    app.register_blueprint(pages)
    app.register_blueprint(api)
    app.before_request(rate_limit)
    csrf.init_app(app)
    app.after_request(security_headers)
    app.register_error_handler(Exception, handle_error)
    return app


def rate_limit() -> None:
    """Count requests that compute (the API, form posts, swaps) per client address."""
    expensive = request.path.startswith("/api/v1/") or request.method == "POST"
    if not expensive and request.endpoint != "pages.swap":
        return
    wait = current().limiter.hit(request.remote_addr or "unknown")
    if wait is not None:
        seconds = int(wait) + 1
        message = f"Too many requests from this address; try again in {seconds} seconds."
        raise errors.RateLimited(message, retry_after=seconds)


def security_headers(response: Response) -> Response:
    """Headers every response carries; the CSP allows no inline script or style at all."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def _as_error(exc: Exception) -> errors.DiffsvcError:
    """Translate any exception into the domain error tree, once, for both kinds of response."""
    if isinstance(exc, errors.DiffsvcError):
        return exc
    if isinstance(exc, CSRFError):
        return errors.CsrfFailed()
    if isinstance(exc, HTTPException):
        status = exc.code or 500
        kind = HTTP_ERRORS.get(status)
        if kind is errors.TooLarge:
            limit = current().limits.max_bytes
            return errors.TooLarge(f"The request is larger than the {limit:,}-byte limit.")
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


def handle_error(exc: Exception) -> BaseResponse:
    """The single error handler: every error, whatever raised it, leaves through here."""
    error = _as_error(exc)
    if wants_json():
        response = problem_response(error)
    else:
        html = render_template("error.html", page=error_page(error))
        response = Response(html, status=error.status, mimetype="text/html")
    if isinstance(exc, HTTPException) and exc.code == 405:
        response.headers["Allow"] = dict(exc.get_headers()).get("Allow", "")
    if isinstance(error, errors.RateLimited):
        response.headers["Retry-After"] = str(error.retry_after)
    return response


@pages.get("/")
def index() -> str:
    """The compare form."""
    page = index_page(csrf_token=generate_csrf(), max_bytes=current().limits.max_bytes)
    return render_template("index.html", page=page)


def _form_side(name: str) -> service.Side:
    upload = request.files.get(f"{name}_file")
    label = request.form.get(f"{name}_label", "")[:200]
    if upload is not None and upload.filename:
        data = upload.read(current().limits.max_bytes + 1)
        if data:
            return service.Side(data=data, filename=upload.filename, label=label)
    text = request.form.get(f"{name}_text", "")
    if not text.strip():
        raise errors.EmptyInput(f"The {name} side is empty: paste its text or choose a file.")
    return service.Side(text=text, label=label)


@pages.post("/")
def submit() -> BaseResponse:
    """Compare the form's two sides, save, and send the browser to the comparison."""
    granularity = request.form.get("zh_granularity", "char")
    if granularity not in ("char", "word"):
        raise errors.InvalidRequest("Chinese granularity must be 'char' or 'word'.")
    options = CompareOptions(zh_granularity=granularity)
    services = current()
    cid, _ = service.compare_sides(
        services.store, _form_side("left"), _form_side("right"), options, services.limits
    )
    hide = request.form.get("hide_editorial") == "on"
    return redirect(url_for("pages.comparison", cid=cid, editorial="hide" if hide else None), 303)


@pages.get("/c/<cid>")
@pages.get("/c/<cid>/<any(side, inline, changes):view>")
def comparison(cid: str, view: str | None = None) -> str:
    """The comparison page: all three views in one document, ``view`` shown first."""
    chosen = view or request.args.get("view", "side")
    if chosen not in VIEW_NAMES:
        raise errors.NotFound(f"There is no view {chosen[:20]!r}; try side, inline or changes.")
    stored = current().store.get_comparison(cid)
    links = CompareLinks(
        page=url_for("pages.comparison", cid=cid),
        permalink=url_for("pages.comparison", cid=cid, _external=True),
        json_url=url_for("pages.comparison_json", cid=cid),
        download=url_for("pages.comparison_json", cid=cid, download=1),
        swap=url_for("pages.swap", cid=cid),
        home=url_for("pages.index"),
    )
    page = build_compare_page(
        stored.comparison,
        cid=cid,
        view=_view_name(chosen),
        hide_editorial=request.args.get("editorial") == "hide",
        links=links,
    )
    return render_template("compare.html", page=page)


def _view_name(name: str) -> ViewName:
    return next(v for v in VIEW_NAMES if v == name)


@pages.get("/c/<cid>.json")
def comparison_json(cid: str) -> Response:
    """The JSON twin of the comparison page: the same model, with its id and URL."""
    response = json_response(cid)
    if request.args.get("download"):
        response.headers["Content-Disposition"] = f'attachment; filename="comparison-{cid}.json"'
    return response


@pages.get("/c/<cid>/swap")
def swap(cid: str) -> BaseResponse:
    """Compare the same two documents the other way round (computed once, then stored)."""
    services = current()
    new_id = service.swap(services.store, cid, services.limits)
    view = request.args.get("view")
    chosen = view if view in VIEW_NAMES else None
    return redirect(url_for("pages.comparison", cid=new_id, view=chosen), 303)


@pages.get("/api/docs")
def api_docs() -> str:
    """Human-readable API reference, rendered from openapi.json by the app's own script."""
    page = DocsPage(title="diffsvc API", openapi_url=url_for("api.openapi"))
    return render_template("api_docs.html", page=page)


@pages.get("/healthz")
def healthz() -> Response:
    """The process is alive (it answers); says nothing about the store."""
    return Response('{"status":"ok"}', mimetype="application/json")


@pages.get("/readyz")
def readyz() -> Response:
    """Ready to serve: the store answers."""
    if not current().store.ping():
        raise errors.NotReady()
    return Response('{"status":"ready"}', mimetype="application/json")
