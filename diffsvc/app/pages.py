"""The HTML pages: the compare form, the comparison in three views, and the probes.

Why a blueprint of its own: the pages parse form fields and query strings and answer with
templates or redirects; what they compute comes from ``diffsvc.app.usecases`` and what they show
from the typed contexts of ``diffsvc.views``. The comparison page's JSON twin ``/c/<id>.json``
serves the very model the page renders. Errors are not handled here: they leave through
``diffsvc.app.problems``, which answers a failed compare form with ``form_again``.
"""

from __future__ import annotations

import dataclasses

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
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response as BaseResponse

from diffsvc import errors
from diffsvc.app import usecases as service
from diffsvc.app.api import export_response, json_response
from diffsvc.app.security import capability, capability_etag, charge, not_modified
from diffsvc.app.services import current, external_url
from diffsvc.app.sides import parse_side
from diffsvc.models import CompareOptions
from diffsvc.views.comparison import build_compare_page, query_string, state_from_query, step
from diffsvc.views.contexts import CompareLinks, DeletePage, DocsPage
from diffsvc.views.exports import FORMATS, ExportOptions
from diffsvc.views.pages import (
    SETTINGS,
    Sent,
    SentSide,
    SideName,
    form_error,
    index_page,
    problems_page,
    settings_reset_notice,
)

pages = Blueprint("pages", __name__)
# The sides as the form titles them ("Earlier version"), for messages about one of them.
FORM_SIDES: dict[SideName, str] = {"left": "The earlier version", "right": "The later version"}


@pages.get("/")
def index() -> str:
    """The compare form."""
    notice = "The comparison was deleted." if request.args.get("deleted") else None
    page = index_page(
        csrf_token=generate_csrf(), max_bytes=current().limits.max_bytes, notice=notice
    )
    return render_template("index.html", page=page)


# Delete tokens of the comparisons (and, under their own key, the series) this browser saved,
# newest last, kept in its (signed) session cookie: the browser that saved one may delete it,
# no other.
TOKENS = "delete_tokens"
KEPT_TOKENS = 20


def keep_token(key: str, saved_id: str | None, token: str | None) -> None:
    """Remember in the session the delete token of what this request saved, if it did."""
    if saved_id is None or token is None:
        return
    tokens = dict(session.get(key, {}))
    tokens.pop(saved_id, None)
    tokens[saved_id] = token
    session[key] = dict(list(tokens.items())[-KEPT_TOKENS:])


def held_token(key: str, saved_id: str) -> str | None:
    """The delete token this browser holds for ``saved_id``, if any."""
    token: str | None = session.get(key, {}).get(saved_id)
    return token


def drop_token(key: str, saved_id: str) -> None:
    tokens = dict(session.get(key, {}))
    tokens.pop(saved_id, None)
    session[key] = tokens


def _keep_token(saved: service.Saved) -> None:
    keep_token(TOKENS, saved.id, saved.delete_token)


def _form_side(name: SideName) -> service.Side:
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
        by_side=True,
    )


def form_again(error: errors.DiffsvcError, *, help_url: str) -> Response:
    """The compare form once more, with ``error`` above it and what was sent in its fields, in
    answer to a post that failed (with the error's status): trying again costs the user nothing
    they typed or chose. Chosen files excepted: no page can refill a file field, so the message
    asks for them again. ``help_url`` is the error code's entry on the problems page."""
    sent = _sent()
    side = next((name for name, title in FORM_SIDES.items() if title == error.side), None)
    limit = current().limits.max_bytes
    if isinstance(error, errors.TooLarge) and error.what == "request":
        # A form's request is its two versions: say so, rather than "the request".
        error = errors.TooLarge(
            f"The earlier and later versions together are larger than the {limit:,} bytes one "
            "comparison accepts.",
            what="request",
        )
    page = index_page(
        csrf_token=generate_csrf(),
        max_bytes=limit,
        sent=sent,
        error=form_error(error, sent, side=side, help_url=help_url, settings=_named(error)),
    )
    html = render_template("index.html", page=page)
    return Response(html, status=error.status, mimetype="text/html")


def _named(error: errors.DiffsvcError) -> set[str]:
    """The form fields ``error`` names (the matching settings it is about)."""
    if not isinstance(error, errors.InvalidRequest):
        return set()
    return {str(loc[0]) for f in error.fields if isinstance(loc := f.get("loc"), list) and loc}


def _sent() -> Sent:
    """What the posted form held; nothing when its body was refused unread (too large)."""
    try:
        form, files = request.form, request.files
    except HTTPException:
        return Sent(read=False)

    def side(name: str) -> SentSide:
        upload = files.get(f"{name}_file")
        return SentSide(
            text=form.get(f"{name}_text", ""),
            label=form.get(f"{name}_label", ""),
            tracked=form.get(f"{name}_tracked", "final"),
            file_name=upload.filename if upload is not None and upload.filename else None,
        )

    return Sent(
        left=side("left"),
        right=side("right"),
        hide_editorial=form.get("hide_editorial") == "on",
        granularity=form.get("zh_granularity", "char"),
        settings={s.name: form[s.name] for s in SETTINGS if s.name in form},
    )


def _form_options() -> CompareOptions:
    """The comparison's options from the form: the Chinese granularity and the matching
    settings, every setting that cannot be used named in one message, before any side is read
    (a mistyped threshold should not wait for a PDF to be parsed)."""
    granularity = request.form.get("zh_granularity", "char")
    if granularity not in ("char", "word"):
        raise errors.InvalidRequest("Chinese granularity must be 'char' or 'word'.")
    values: dict[str, object] = {"zh_granularity": granularity}
    wrong = []
    for setting in SETTINGS:
        value = setting.parse(request.form.get(setting.name, ""))
        if value is None:
            wrong.append(setting)
        else:
            values[setting.name] = value
    if wrong:
        raise errors.InvalidRequest(
            " ".join(s.problem for s in wrong),
            fields=[{"loc": [s.name], "msg": s.problem, "type": "value_error"} for s in wrong],
        )
    return CompareOptions.model_validate(values)


@pages.post("/")
def submit() -> BaseResponse:
    """Compare the form's two sides, save, and send the browser to the comparison.

    "Reset to defaults" without JavaScript posts the form too (a link or a reset button would
    wipe the texts): it comes back with the settings at their defaults and all else kept."""
    if request.form.get("settings") == "defaults":
        sent = dataclasses.replace(_sent(), settings={})
        page = index_page(
            csrf_token=generate_csrf(),
            max_bytes=current().limits.max_bytes,
            notice=settings_reset_notice(sent),
            sent=sent,
        )
        return make_response(render_template("index.html", page=page))
    options = _form_options()
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
    """The comparison page in the view chosen, with the reader's filters and place; the URL
    carries all of it. ``after``/``before`` (Next and Previous without JavaScript) answer with
    a redirect to the change they lead to."""
    state = state_from_query(request.args.to_dict(flat=False), view)
    stored = current().store.get_comparison(cid)
    charge(stored.comparison)
    page_path = url_for("pages.comparison", cid=cid)
    for key, forward in (("after", True), ("before", False)):
        if key in request.args:
            origin = request.args.get(key) or None
            target = step(stored.comparison, state, origin, forward)
            moved = state.model_copy(update={"at": target, "page": None})
            query = query_string(moved)
            fragment = f"#{state.view}-{target}" if target else ""
            return redirect(f"{page_path}/{state.view}?{query}{fragment}", 303)
    etag = capability_etag()
    if (unchanged := not_modified(etag)) is not None:
        return unchanged
    links = CompareLinks(
        page=page_path,
        permalink=external_url("pages.comparison", cid=cid),
        json_url=url_for("pages.comparison_json", cid=cid),
        download=url_for("pages.comparison_json", cid=cid, download=1),
        swap=url_for("pages.swap", cid=cid),
        home=url_for("pages.index"),
        delete=url_for("pages.delete", cid=cid),
    )
    page = build_compare_page(stored.comparison, cid=cid, state=state, links=links)
    return capability(make_response(render_template("compare.html", page=page)), etag)


@pages.get("/c/<cid>.json")
def comparison_json(cid: str) -> Response:
    """The JSON twin of the comparison page: the same model, with its id and URL."""
    response = json_response(cid)
    if request.args.get("download") and response.status_code == 200:
        response.headers["Content-Disposition"] = f'attachment; filename="comparison-{cid}.json"'
    return response


@pages.get("/c/<cid>/export.<fmt>")
def export(cid: str, fmt: str) -> Response:
    """The comparison as a file, for the page's Download menu: ``/c/<id>/export.docx`` (pdf,
    xlsx, csv, html, md, json), served as ``/c/<id>.json`` is. It reads the page's own query,
    so a link carrying the reader's state exports what they see: ``view`` (the PDF's) and
    ``editorial=hide`` (editorial changes unmarked; in the Word file, applied silently)."""
    if fmt not in FORMATS:
        raise errors.NotFound(f"There is no {fmt!r} download; there are {', '.join(FORMATS)}.")
    state = state_from_query(request.args.to_dict(flat=False), None)
    options = ExportOptions(view=state.view, hide_editorial=state.hide_editorial)
    return export_response(cid, fmt, options)


@pages.get("/c/<cid>/swap")
def swap(cid: str) -> BaseResponse:
    """Compare the same two documents the other way round (computed once, then stored), in the
    view and with the filters the reader had. The place is not kept: the entries differ."""
    services = current()
    saved = service.swap(services.store, cid, services.limits)
    _keep_token(saved)
    state = state_from_query(request.args.to_dict(flat=False), None)
    query = query_string(state.model_copy(update={"at": None, "page": None}))
    target = url_for("pages.comparison", cid=saved.id) + f"/{state.view}"
    return redirect(target + (f"?{query}" if query else ""), 303)


@pages.get("/c/<cid>/delete")
def delete(cid: str) -> str:
    """Confirm deleting a comparison this browser saved, or say who may delete it."""
    current().store.get_comparison(cid)  # a missing one is a 404 here already
    mine = held_token(TOKENS, cid) is not None
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
    token = held_token(TOKENS, cid)
    if token is None:
        raise errors.Forbidden("Only the browser that saved this comparison can delete it.")
    current().store.delete_comparison(cid, token)
    drop_token(TOKENS, cid)
    return redirect(url_for("pages.index", deleted=1), 303)


@pages.get("/problems")
def problems() -> str:
    """What every problem code means and what to do about it: the page each problem ``type``
    URL points into, one anchor per code."""
    page = problems_page(api_docs=url_for("pages.api_docs"))
    return render_template("problems.html", page=page)


@pages.get("/favicon.ico")
def favicon() -> BaseResponse:
    """For clients that ask for the conventional address without reading the pages' icon link."""
    return redirect(url_for("static", filename="favicon.svg"), 301)


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
