"""The use cases behind the series pages and API: read the versions, register the series, and
compute it within the request or in the background.

Why the split: a series of a few short statements is done well inside a request's budget, and
the user gets it at once; twelve Government Work Reports are not, so above
``SERIES_BACKGROUND_CHARS`` the request only reads and stores the versions and hands the series
to a runner (``diffsvc.app.jobs``), and the page or the API client follows its progress in the
store. Both paths compute with the same function, ``compute_stored``.
"""

from __future__ import annotations

import re
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from diffsvc import errors
from diffsvc.app.jobs import Runner
from diffsvc.app.settings import Settings
from diffsvc.app.usecases import Limits, Side, check_clauses, identity, read_side
from diffsvc.engine.series import series as build_series
from diffsvc.models import MAX_VERSIONS, CompareOptions, Document, Series
from diffsvc.storage.store import SeriesState, Store

# A silent runner is presumed dead after the series' whole budget and this much more.
STALE_MARGIN_SECONDS = 120

_DATE = re.compile(r"(?<!\d)(\d{4})(?:[-_./]?(\d{2}))?(?:[-_./]?(\d{2}))?(?!\d)")


@dataclass(frozen=True)
class SavedSeries:
    """A series as a request got it: where it stands, the series when computed, and the token
    that lets its creator delete it (None unless this request stored it)."""

    state: SeriesState | None
    series: Series | None
    delete_token: str | None = None

    @property
    def id(self) -> str | None:
        return self.state.id if self.state else None


def version_name(k: int, side_label: str | None = None) -> str:
    """How messages name a version: "Version 3", or "Version 3 (2014)" when it has a label."""
    return f"Version {k + 1}" + (f" ({side_label})" if side_label else "")


def date_key(name: str | None) -> tuple[int, int, int] | None:
    """The date a label or file name gives (a year, a year-month, a full date), or None.

    >>> date_key("2021"), date_key("20080130.txt"), date_key("gwr-2014-03.md"), date_key("v2")
    ((2021, 0, 0), (2008, 1, 30), (2014, 3, 0), None)
    """
    if not name:
        return None
    found = _DATE.search(name)
    if found is None or not 1800 <= int(found.group(1)) <= 2200:
        return None
    year, month, day = (int(g) if g else 0 for g in found.groups())
    if month > 12 or day > 31:
        return None
    return year, month, day


def in_order(sides: list[Side]) -> list[Side]:
    """The versions oldest first: by the dates their labels (or file names) give when every one
    gives one, else as sent. A folder of "2023.txt", "2021.txt", "2022.txt" picked in a file
    dialog arrives in any order; versions named "draft" and "final" keep the order given."""
    keys = [date_key(side.label or side.filename) for side in sides]
    dated = [(key, k) for k, key in enumerate(keys) if key is not None]
    if len(dated) < len(sides):
        return sides
    return [sides[k] for _, k in sorted(dated)]


def read_versions(
    sides: list[Side], limits: Limits, max_series_clauses: int
) -> list[tuple[str, Document]]:
    """Read every version within the request's budget; an error names the version."""
    if len(sides) < 2:
        sent = "none was" if not sides else "one was"
        raise errors.InvalidRequest(f"A series needs at least two versions; {sent} sent.")
    if len(sides) > MAX_VERSIONS:
        raise errors.InvalidRequest(
            f"A series has at most {MAX_VERSIONS} versions; {len(sides)} were sent."
        )
    deadline = time.monotonic() + limits.time_budget
    read: list[tuple[str, Document]] = []
    total = 0
    for side in sides:
        text, document = read_side(side, limits)
        if time.monotonic() > deadline:
            raise errors.TimeBudgetExceeded(
                f"Reading the versions took longer than the {limits.time_budget:g} seconds this "
                f"service allows one request (stopped at {side.name}); send fewer or smaller "
                "versions."
            ).of_side(side.name)
        check_clauses(side, document, limits)
        total += len(document.clauses)
        if total > max_series_clauses:
            raise errors.TooManyClauses(
                f"The versions up to {side.name} hold {total:,} clauses; a series may hold at "
                f"most {max_series_clauses:,} in all."
            ).of_side(side.name)
        read.append((text, document))
    return read


def submit(
    store: Store | None,
    sides: list[Side],
    options: CompareOptions,
    limits: Limits,
    settings: Settings,
    runner: Runner | None,
) -> SavedSeries:
    """Read and register a series; compute it now when small, else hand it to ``runner``.

    Without a store (the API's ``?save=false``) the series is computed within the request or
    not at all. A series asked for before is served as it stands (done, or still running).
    """
    versions = read_versions(in_order(sides), limits, settings.max_series_clauses)
    documents = [document for _, document in versions]
    chars = sum(len(clause.text) for document in documents for clause in document.clauses)
    background = chars > settings.series_background_chars
    if store is None:
        if background:
            raise errors.InvalidRequest(
                f"These versions hold {chars:,} characters; a series of more than "
                f"{settings.series_background_chars:,} is computed in the background, which "
                "needs it saved: send it without save=false."
            )
        return SavedSeries(None, _compute(documents, options, limits))
    doc_ids = [store.put_document(t, d, options=identity(d)) for t, d in versions]
    token = secrets.token_urlsafe(24)
    sid, registered = store.put_series(doc_ids, options, delete_token=token)
    if not registered:
        return _as_stored(store, sid, settings)
    mine = token if store.may_delete_series(sid, token) else None
    if background and runner is not None:
        runner.submit(sid)
        return SavedSeries(store.series_state(sid), None, mine)
    compute_stored(store, sid, settings, documents=documents, budget=limits.time_budget)
    found = _as_stored(store, sid, settings)
    return SavedSeries(found.state, found.series, mine)


def _compute(documents: list[Document], options: CompareOptions, limits: Limits) -> Series:
    try:
        return build_series(
            documents,
            options=options,
            deadline=time.monotonic() + limits.time_budget,
            max_clauses=limits.max_clauses,
        )
    except errors.TimeBudgetExceeded:
        raise errors.TimeBudgetExceeded(
            f"Comparing these versions took longer than the {limits.time_budget:g} seconds "
            "this service allows; send fewer or smaller versions."
        ) from None


def compute_stored(
    store: Store,
    sid: str,
    settings: Settings,
    *,
    documents: list[Document] | None = None,
    budget: float | None = None,
) -> None:
    """Compute stored series ``sid`` and keep the result, or why it failed, in the store.

    Within a request ``budget`` is the request's; a runner gives the series'. An error a user
    caused (too slow, too large) is recorded and raised; so is anything else, as an internal
    error, so the page says the series failed rather than waiting for ever.
    """
    state = store.series_state(sid)
    if state.state == "done":
        return
    if documents is None:
        documents = [store.get_document(doc_id).document for doc_id in state.document_ids]
    seconds = settings.series_time_budget_seconds if budget is None else budget
    store.series_progress(sid, 0, len(documents) - 1)
    try:
        result = build_series(
            documents,
            options=state.options,
            deadline=time.monotonic() + seconds,
            max_clauses=settings.max_clauses,
            progress=lambda done, total: store.series_progress(sid, done, total),
        )
    except errors.TimeBudgetExceeded:
        error = errors.TimeBudgetExceeded(
            f"Comparing these versions took longer than the {seconds:g} seconds this service "
            "allows a series; send fewer or smaller versions."
        )
        store.fail_series(sid, error.code, error.message)
        raise error from None
    except errors.DiffsvcError as error:
        store.fail_series(sid, error.code, error.message)
        raise
    except Exception:
        failed = errors.InternalError()
        store.fail_series(sid, failed.code, failed.message)
        raise
    store.finish_series(sid, result)


def status(store: Store, sid: str, settings: Settings) -> SeriesState:
    """Where series ``sid`` stands, a series whose runner fell silent counted as failed."""
    state = store.series_state(sid)
    if state.state not in ("queued", "running"):
        return state
    silent = datetime.now(UTC) - state.updated
    if silent <= timedelta(seconds=settings.series_time_budget_seconds + STALE_MARGIN_SECONDS):
        return state
    store.fail_series(sid, errors.Interrupted.code, errors.Interrupted().message)
    return store.series_state(sid)


def _as_stored(store: Store, sid: str, settings: Settings) -> SavedSeries:
    state = status(store, sid, settings)
    found = store.get_series(sid) if state.state == "done" else None
    return SavedSeries(state, found.series if found else None)


def failure(state: SeriesState) -> errors.DiffsvcError:
    """The error a failed series met, as the error class of its code."""
    problem = state.problem or {}
    code = problem.get("code", errors.InternalError.code)
    kind = next((k for k in errors.catalogue() if k.code == code), errors.InternalError)
    return kind(problem.get("detail"))


def load(store: Store, sid: str, settings: Settings) -> SavedSeries:
    """Series ``sid`` as it stands: its state, and the series once computed."""
    return _as_stored(store, sid, settings)
