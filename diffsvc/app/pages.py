"""The HTML pages: the compare form, the comparison in three views, and the probes.

Why a blueprint of its own: the pages parse form fields and query strings and answer with
templates or redirects; what they compute comes from ``diffsvc.app.usecases`` and what they show
from the typed contexts of ``diffsvc.views``. The comparison page's JSON twin ``/c/<id>.json``
serves the very model the page renders. Errors are not handled here: they leave through
``diffsvc.app.problems``.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_wtf.csrf import generate_csrf
from werkzeug.wrappers import Response as BaseResponse

from diffsvc import errors
from diffsvc.app import usecases as service
from diffsvc.app.api import json_response
from diffsvc.app.security import capability, capability_etag, charge, not_modified
from diffsvc.app.services import current, external_url
from diffsvc.app.sides import parse_side
from diffsvc.models import CompareOptions
from diffsvc.views.comparison import build_compare_page
from diffsvc.views.contexts import VIEW_NAMES, CompareLinks, DeletePage, DocsPage, ViewName
from diffsvc.views.pages import index_page

pages = Blueprint("pages", __name__)
# The sides as the form titles them ("Earlier version"), for messages about one of them.
FORM_SIDES = {"left": "The earlier version", "right": "The later version"}


@pages.get("/")
def index() -> str:
    """The compare form."""
    notice = "The comparison was deleted." if request.args.get("deleted") else None
    page = index_page(
        csrf_token=generate_csrf(), max_bytes=current().limits.max_bytes, notice=notice
    )
    return render_template("index.html", page=page)


# Delete tokens of the comparisons this browser saved, newest last, kept in its (signed)
# session cookie: the browser that saved a comparison may delete it, no other.
TOKENS = "delete_tokens"
KEPT_TOKENS = 20


def _keep_token(saved: service.Saved) -> None:
    if saved.id is None or saved.delete_token is None:
        return
    tokens = dict(session.get(TOKENS, {}))
    tokens.pop(saved.id, None)
    tokens[saved.id] = saved.delete_token
    session[TOKENS] = dict(list(tokens.items())[-KEPT_TOKENS:])


def _form_side(name: str) -> service.Side:
    """The form's ``left`` or ``right`` side: its chosen file, else its pasted text."""
    upload = request.files.get(f"{name}_file")
    data, filename = None, None
    if upload is not None and upload.filename:
        data, filename = upload.read(current().limits.max_bytes + 1), upload.filename
    return parse_side(
        request.form.get(f"{name}_text"),
        data=data,
        filename=filename,
        label=request.form.get(f"{name}_label"),
        label_loc=(f"{name}_label",),
        tracked=request.form.get(f"{name}_tracked"),
        tracked_loc=(f"{name}_tracked",),
        side=FORM_SIDES[name],
    )


@pages.post("/")
def submit() -> BaseResponse:
    """Compare the form's two sides, save, and send the browser to the comparison."""
    granularity = request.form.get("zh_granularity", "char")
    if granularity not in ("char", "word"):
        raise errors.InvalidRequest("Chinese granularity must be 'char' or 'word'.")
    options = CompareOptions(zh_granularity=granularity)
    services = current()
    saved = service.compare_sides(
        services.store, _form_side("left"), _form_side("right"), options, services.limits
    )
    charge(saved.comparison)
    _keep_token(saved)
    cid = saved.id
    hide = request.form.get("hide_editorial") == "on"
    return redirect(url_for("pages.comparison", cid=cid, editorial="hide" if hide else None), 303)


@pages.get("/c/<cid>")
@pages.get("/c/<cid>/<any(side, inline, changes):view>")
def comparison(cid: str, view: str | None = None) -> BaseResponse:
    """The comparison page: all three views in one document, ``view`` shown first."""
    chosen = view or request.args.get("view", "side")
    if chosen not in VIEW_NAMES:
        raise errors.NotFound(f"There is no view {chosen[:20]!r}; try side, inline or changes.")
    stored = current().store.get_comparison(cid)
    charge(stored.comparison)
    etag = capability_etag()
    if (unchanged := not_modified(etag)) is not None:
        return unchanged
    links = CompareLinks(
        page=url_for("pages.comparison", cid=cid),
        permalink=external_url("pages.comparison", cid=cid),
        json_url=url_for("pages.comparison_json", cid=cid),
        download=url_for("pages.comparison_json", cid=cid, download=1),
        swap=url_for("pages.swap", cid=cid),
        home=url_for("pages.index"),
        delete=url_for("pages.delete", cid=cid),
    )
    page = build_compare_page(
        stored.comparison,
        cid=cid,
        view=_view_name(chosen),
        hide_editorial=request.args.get("editorial") == "hide",
        hide_routine=request.args.get("routine") == "hide",
        links=links,
    )
    return capability(make_response(render_template("compare.html", page=page)), etag)


def _view_name(name: str) -> ViewName:
    return next(v for v in VIEW_NAMES if v == name)


@pages.get("/c/<cid>.json")
def comparison_json(cid: str) -> Response:
    """The JSON twin of the comparison page: the same model, with its id and URL."""
    response = json_response(cid)
    if request.args.get("download") and response.status_code == 200:
        response.headers["Content-Disposition"] = f'attachment; filename="comparison-{cid}.json"'
    return response


@pages.get("/c/<cid>/swap")
def swap(cid: str) -> BaseResponse:
    """Compare the same two documents the other way round (computed once, then stored)."""
    services = current()
    saved = service.swap(services.store, cid, services.limits)
    _keep_token(saved)
    new_id = saved.id
    view = request.args.get("view")
    chosen = view if view in VIEW_NAMES else None
    return redirect(url_for("pages.comparison", cid=new_id, view=chosen), 303)


@pages.get("/c/<cid>/delete")
def delete(cid: str) -> str:
    """Confirm deleting a comparison this browser saved, or say who may delete it."""
    current().store.get_comparison(cid)  # a missing one is a 404 here already
    mine = cid in session.get(TOKENS, {})
    page = DeletePage(
        title="Delete this comparison?",
        comparison=url_for("pages.comparison", cid=cid),
        action=url_for("pages.delete_confirmed", cid=cid),
        csrf_token=generate_csrf() if mine else None,
    )
    return render_template("delete.html", page=page)


@pages.post("/c/<cid>/delete")
def delete_confirmed(cid: str) -> BaseResponse:
    """Delete a comparison with the token this browser holds for it."""
    token = session.get(TOKENS, {}).get(cid)
    if token is None:
        raise errors.Forbidden("Only the browser that saved this comparison can delete it.")
    current().store.delete_comparison(cid, token)
    tokens = dict(session[TOKENS])
    tokens.pop(cid, None)
    session[TOKENS] = tokens
    return redirect(url_for("pages.index", deleted=1), 303)


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
