"""The series pages under ``/s/``: the form, the progress page, the timeline, blame, a thread's
history and the steps, each page with its JSON twin.

Why a blueprint of its own: the series pages parse their own form (a variable number of
versions) and answer their own errors with the form again; what they compute comes from
``diffsvc.app.series`` (and ``usecases.save`` for a step's comparison) and what they show from
the typed contexts of ``diffsvc.views.series_pages``. A series not yet computed answers every
view with its progress page (a 303 to it from the other views), and one that failed with its
problem, through the one error handler.

Version numbers in these URLs are the model's indices: ``/s/<id>/blame/0`` is the first version.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import (
    Blueprint,
    Response,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_wtf.csrf import generate_csrf
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response as BaseResponse

from diffsvc import errors
from diffsvc.app import series as series_cases
from diffsvc.app import usecases as service
from diffsvc.app.api import series_response
from diffsvc.app.pages import drop_token, held_token, keep_token
from diffsvc.app.problems import as_error
from diffsvc.app.security import capability, capability_etag, charge, charge_documents, not_modified
from diffsvc.app.services import current, external_url
from diffsvc.app.sides import parse_side
from diffsvc.models import MAX_VERSIONS, CompareOptions, Series
from diffsvc.views.contexts import DeletePage
from diffsvc.views.pages import DOCUMENTED, advice_for
from diffsvc.views.series_pages import (
    FormVersion,
    SeriesFormError,
    SeriesFormPage,
    blame_out,
    build_blame,
    build_history,
    build_timeline,
    history_out,
    progress_page,
)

series_pages = Blueprint("series", __name__)

# Rows the form shows at first, and the most it ever shows (a few past the limit, so that a
# series one too long comes back whole, with the error saying so).
FIRST_ROWS = 3
MAX_ROWS = MAX_VERSIONS + 10


# --------------------------------------------------------------------------------------------
# The form


@dataclass(frozen=True)
class _Row:
    """One version of the form as posted."""

    label: str = ""
    text: str = ""
    file_name: str | None = None
    data: bytes | None = None


def _posted_rows(*, keep_empty: bool) -> list[_Row]:
    """The form's rows in order, then one per file of the several-files field (by name); a row
    left empty (no label, text or file) is no version, and is dropped unless ``keep_empty``
    (the rows rearranged without JavaScript)."""
    form, files = request.form, request.files
    try:
        count = int(form.get("count", FIRST_ROWS))
    except ValueError:
        count = FIRST_ROWS
    limit = current().limits.max_bytes
    rows = []
    for i in range(max(0, min(count, MAX_ROWS))):
        upload = files.get(f"v{i}_file")
        chosen = upload is not None and bool(upload.filename)
        rows.append(
            _Row(
                label=form.get(f"v{i}_label", ""),
                text=form.get(f"v{i}_text", ""),
                file_name=upload.filename if chosen and upload is not None else None,
                data=upload.read(limit + 1) if chosen and upload is not None else None,
            )
        )
    several = [f for f in files.getlist("files") if f.filename]
    for upload in sorted(several, key=lambda f: f.filename or ""):
        rows.append(_Row(file_name=upload.filename, data=upload.read(limit + 1)))
    return rows if keep_empty else [r for r in rows if not _empty(r)]


def _empty(row: _Row) -> bool:
    return not (row.label.strip() or row.text.strip() or row.file_name)


def _sides(rows: list[_Row]) -> tuple[list[service.Side], dict[str, int]]:
    """The rows as the versions of a series; each named "Version 3 (2014)" by its row, so an
    error about it says which."""
    sides, names = [], {}
    for i, row in enumerate(rows):
        name = series_cases.version_name(i, row.label.strip()[:40] or row.file_name)
        names[name] = i
        sides.append(
            parse_side(
                row.text,
                data=row.data,
                filename=row.file_name,
                label=row.label,
                label_loc=(f"v{i}_label",),
                side=name,
                by_side=True,
            )
        )
    return sides, names


def _form_page(
    rows: list[_Row],
    *,
    error: SeriesFormError | None = None,
    failed: int | None = None,
    notice: str | None = None,
) -> SeriesFormPage:
    # At first three empty rows; never fewer than the two a series needs.
    shown = rows + [_Row() for _ in range((FIRST_ROWS if not rows else 2) - len(rows))]
    return SeriesFormPage(
        title="Follow a statement through several versions",
        action=url_for("series.new"),
        csrf_token=generate_csrf(),
        rows=[
            FormVersion(
                index=i,
                number=i + 1,
                label=row.label,
                text=row.text,
                file_name=row.file_name,
                failed=i == failed,
            )
            for i, row in enumerate(shown)
        ],
        max_versions=MAX_VERSIONS,
        max_megabytes=round(current().limits.max_bytes / 1_000_000, 1),
        notice=notice,
        error=error,
    )


def _choose_again(rows: list[_Row]) -> str:
    files = [row.file_name for row in rows if row.file_name]
    if not files:
        return "What you typed is kept below."
    names = ", ".join(files[:5]) + (f" and {len(files) - 5} more" if len(files) > 5 else "")
    return (
        "What you typed is kept below. A browser cannot keep a chosen file: choose "
        f"{'it' if len(files) == 1 else 'them'} again ({names})."
    )


def _rearranged(rows: list[_Row], action: str) -> tuple[list[_Row], str]:
    """The rows after a button pressed without JavaScript: add, remove, move up or down."""
    rows = list(rows)
    verb, _, which = action.partition("-")
    i = int(which) if which.isdigit() else -1
    if verb == "add" and len(rows) < MAX_VERSIONS:
        rows.append(_Row())
        said = f"Version {len(rows)} added."
    elif verb == "remove" and 0 <= i < len(rows):
        del rows[i]
        said = f"Version {i + 1} removed."
    elif verb == "up" and 0 < i < len(rows):
        rows[i - 1], rows[i] = rows[i], rows[i - 1]
        said = f"Version {i + 1} moved up."
    elif verb == "down" and 0 <= i < len(rows) - 1:
        rows[i + 1], rows[i] = rows[i], rows[i + 1]
        said = f"Version {i + 1} moved down."
    else:
        said = "Nothing changed."
    return rows, f"{said} {_choose_again(rows)}"


@series_pages.get("/s/new")
def new() -> str:
    """The series form: several versions, each a file or a paste with a label."""
    notice = "The series was deleted." if request.args.get("deleted") else None
    return render_template("series_form.html", page=_form_page([], notice=notice))


# Delete tokens of the series this browser saved, kept as the comparison pages keep theirs.
TOKENS = "series_delete_tokens"


@series_pages.get("/s/<sid>/delete")
def delete(sid: str) -> str:
    """Confirm deleting a series this browser saved, or say who may delete it."""
    current().store.series_state(sid)  # a missing one is a 404 here already
    mine = held_token(TOKENS, sid) is not None
    page = DeletePage(
        title="Delete this series?",
        noun="series",
        comparison=url_for("series.timeline", sid=sid),
        action=url_for("series.delete_confirmed", sid=sid),
        csrf_token=generate_csrf() if mine else None,
    )
    return render_template("delete.html", page=page)


@series_pages.post("/s/<sid>/delete")
def delete_confirmed(sid: str) -> BaseResponse:
    """Delete a series with the token this browser holds for it."""
    token = held_token(TOKENS, sid)
    if token is None:
        raise errors.Forbidden("Only the browser that saved this series can delete it.")
    current().store.delete_series(sid, token)
    drop_token(TOKENS, sid)
    return redirect(url_for("series.new", deleted=1), 303)


@series_pages.post("/s/new")
def create() -> BaseResponse:
    """Register the series of the form's versions and send the browser to it; any problem the
    user can fix brings the form back with what was sent and the version named."""
    rows: list[_Row] = []
    names: dict[str, int] = {}
    try:
        action = request.form.get("action", "")
        if action:
            rows, said = _rearranged(_posted_rows(keep_empty=True), action)
            page = _form_page(rows, notice=said)
            return make_response(render_template("series_form.html", page=page))
        rows = _posted_rows(keep_empty=False)
        sides, names = _sides(rows)
        services = current()
        saved = series_cases.submit(
            services.store,
            sides,
            CompareOptions(),
            services.limits,
            services.settings,
            services.runner,
        )
    except Exception as exc:
        error = as_error(exc)
        if not 400 <= error.status < 500 or isinstance(error, errors.CsrfFailed):
            raise
        return _form_again(error, rows, names)
    if saved.series is not None:
        charge_documents(saved.series.versions)
    assert saved.id is not None
    keep_token(TOKENS, saved.id, saved.delete_token)
    return redirect(url_for("series.timeline", sid=saved.id), 303)


def _form_again(error: errors.DiffsvcError, rows: list[_Row], names: dict[str, int]) -> Response:
    read = True
    try:
        request.form  # noqa: B018 - a body refused unread cannot be shown again
    except HTTPException:
        read = False
    help_url = (
        url_for("pages.problems", _anchor=error.code)
        if error.code in DOCUMENTED
        else url_for("pages.problems")
    )
    kept = (
        _choose_again(rows)
        if read
        else "The request was refused before it was read, so nothing you entered could be "
        "kept: your browser's Back button may still hold it."
    )
    alert = SeriesFormError(
        title=error.title,
        status=error.status,
        code=error.code,
        detail=error.message,
        advice=advice_for(error),
        kept=kept,
        help_url=help_url,
    )
    failed = names.get(error.side) if error.side else None
    page = _form_page(rows if read else [], error=alert, failed=failed)
    return Response(render_template("series_form.html", page=page), status=error.status)


# --------------------------------------------------------------------------------------------
# The views of a computed series


def _base(sid: str) -> str:
    return url_for("series.timeline", sid=sid)


def _computed(sid: str) -> tuple[series_cases.SavedSeries, Series | None]:
    """The series when computed; its problem raised when it failed; None while it runs."""
    services = current()
    saved = series_cases.load(services.store, sid, services.settings)
    state = saved.state
    if saved.series is None and state is not None and state.state == "failed":
        raise series_cases.failure(state)
    if saved.series is not None:
        charge_documents(saved.series.versions)
    return saved, saved.series


def _cached(render: str) -> Response:
    return capability(make_response(render), capability_etag())


@series_pages.get("/s/<sid>")
def timeline(sid: str) -> BaseResponse:
    """The series' timeline; its progress page while it is computed."""
    saved, found = _computed(sid)
    if found is None:
        state = saved.state
        assert state is not None
        progress = progress_page(
            sid=sid,
            state=state.state,
            done=state.done,
            total=state.total,
            status_url=f"{url_for('api.post_series')}/{sid}",  # GET the series there
            page_url=_base(sid),
        )
        return make_response(render_template("series_progress.html", page=progress))
    etag = capability_etag()
    if (unchanged := not_modified(etag)) is not None:
        return unchanged
    page = build_timeline(
        found,
        sid=sid,
        base=_base(sid),
        json_url=url_for("series.timeline_json", sid=sid),
        permalink=external_url("series.timeline", sid=sid),
    )
    return _cached(render_template("series_timeline.html", page=page))


@series_pages.get("/s/<sid>.json")
def timeline_json(sid: str) -> Response:
    """The JSON twin of the timeline: the series as ``GET /api/v1/series/<id>`` serves it."""
    services = current()
    return series_response(series_cases.load(services.store, sid, services.settings))


def _version(found: Series, k: int) -> int:
    if not 0 <= k < len(found.versions):
        raise errors.NotFound(
            f"This series has versions 0 to {len(found.versions) - 1}; there is no version {k}."
        )
    return k


@series_pages.get("/s/<sid>/blame")
@series_pages.get("/s/<sid>/blame/<int:k>")
def blame(sid: str, k: int | None = None) -> BaseResponse:
    """Each clause of version ``k`` (default: the latest) with the version it first appeared
    in and the version that last changed it."""
    _, found = _computed(sid)
    if found is None:
        return redirect(_base(sid), 303)
    version = _version(found, len(found.versions) - 1 if k is None else k)
    page = build_blame(found, version, sid=sid, base=_base(sid))
    return _cached(render_template("series_blame.html", page=page))


@series_pages.get("/s/<sid>/blame/<int:k>.json")
def blame_json(sid: str, k: int) -> Response:
    """The JSON twin of a blame page."""
    saved, found = _computed(sid)
    if found is None:
        return series_response(saved)
    body = blame_out(found, _version(found, k), sid=sid, base=_base(sid))
    return Response(body.model_dump_json(), mimetype="application/json")


def _thread(found: Series, n: int) -> int:
    if not 0 <= n < len(found.threads):
        raise errors.NotFound(
            f"This series has threads 0 to {len(found.threads) - 1}; there is no thread {n}."
        )
    return n


@series_pages.get("/s/<sid>/t/<int:n>")
def history(sid: str, n: int) -> BaseResponse:
    """One thread's text version by version, with each step's inline changes."""
    _, found = _computed(sid)
    if found is None:
        return redirect(_base(sid), 303)
    thread = found.threads[_thread(found, n)]
    page = build_history(found, thread, sid=sid, base=_base(sid))
    return _cached(render_template("series_history.html", page=page))


@series_pages.get("/s/<sid>/t/<int:n>.json")
def history_json(sid: str, n: int) -> Response:
    """The JSON twin of a thread's history."""
    saved, found = _computed(sid)
    if found is None:
        return series_response(saved)
    thread = found.threads[_thread(found, n)]
    body = history_out(found, thread, sid=sid, base=_base(sid))
    return Response(body.model_dump_json(), mimetype="application/json")


def _index(name: str, top: int, *, required: bool = True) -> int | None:
    """Query parameter ``name``, a number below ``top``: a version (``required``) or a clause."""
    raw = request.args.get(name, "")
    if not raw and not required:
        return None
    if not raw.isdigit() or int(raw) >= top:
        what = "version" if required else "clause"
        raise errors.InvalidRequest(
            f"'{name}' must be a {what} number from 0 to {top - 1}.",
            fields=[{"loc": [name], "msg": "out of range", "type": "value_error"}],
        )
    return int(raw)


@series_pages.get("/s/<sid>/step")
def step(sid: str) -> BaseResponse:
    """The comparison of versions ``from`` and ``to`` (any two), computed once and stored; at
    clause ``clause`` of ``to`` (or ``left`` of ``from``) when one is given."""
    services = current()
    state = series_cases.status(services.store, sid, services.settings)
    ids = state.document_ids
    a = _index("from", len(ids))
    b = _index("to", len(ids))
    assert a is not None and b is not None
    if a == b:
        raise errors.InvalidRequest("Choose two different versions to compare.")
    left = services.store.get_document(ids[a]).document
    right = services.store.get_document(ids[b]).document
    saved = service.save(
        services.store, ids[a], ids[b], left, right, state.options, services.limits
    )
    charge(saved.comparison)
    assert saved.id is not None
    clause = _index("clause", len(right.clauses), required=False)
    was = _index("left", len(left.clauses), required=False)
    target = url_for("pages.comparison", cid=saved.id, view="side")
    alignment = saved.comparison.alignment
    if clause is not None:
        n = next(n for n, e in enumerate(alignment) if clause in e.right)
        return redirect(f"{target}?at=e{n}#side-r{clause}", 303)
    if was is not None:
        n = next(n for n, e in enumerate(alignment) if was in e.left)
        return redirect(f"{target}?at=e{n}#side-l{was}", 303)
    return redirect(target, 303)
