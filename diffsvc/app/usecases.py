"""The use cases behind the pages and the API: read two sides, compare within limits, save.

Why a module between the HTTP layer and the engine: the HTML form, the JSON API and "swap sides"
all do the same steps (documents in, limits applied, stored and de-duplicated), and those steps
need no HTTP. Keeping them here keeps pages.py and api.py to parsing and responding, and lets the
steps be tested without a request.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass

from diffsvc import errors
from diffsvc.engine import ingest
from diffsvc.engine.normalize import normalize
from diffsvc.engine.pipeline import compare
from diffsvc.models import CompareOptions, Comparison, Document, TrackedState
from diffsvc.storage.store import Store


@dataclass(frozen=True)
class Limits:
    """The per-request limits of the settings table (MAX_REQUEST_BYTES, MAX_CLAUSES, ...)."""

    max_bytes: int
    max_clauses: int
    time_budget: float


@dataclass(frozen=True)
class Side:
    """One side as the user sent it: pasted ``text``, or an uploaded file's bytes and name.

    Built by ``diffsvc.app.sides.parse_side``, which has already stripped and checked the label
    and the ``tracked`` state (which text of a Word file with tracked changes to compare).
    ``name`` is the side as the user knows it ("The later version" in the form, "The left side"
    in the API): every error about the side says it.
    """

    text: str | None = None
    data: bytes | None = None
    filename: str | None = None
    label: str | None = None
    tracked: TrackedState = "final"
    name: str = "The document"


def read_side(side: Side, limits: Limits) -> tuple[str, Document]:
    """The side's text (what the store hashes) and its normalised document.

    Uploads and pasted text both go through ``ingest.read``: pasted text is recognised exactly
    like an uploaded text file (HTML, Markdown or plain text), so pasting a document and
    uploading it give the same clauses. Both record the label on ``document.source`` so pages can
    name the sides. Only a text with nothing in it skips reading: normalising it lists no clauses.
    An error reading it names the side (``DiffsvcError.for_side``), and its file if it had one.
    """
    try:
        return _read(side, limits)
    except errors.DiffsvcError as error:
        raise error.for_side(side.name, filename=side.filename) from error


def _read(side: Side, limits: Limits) -> tuple[str, Document]:
    if side.data is not None:
        ingested = ingest.read(
            side.data, side.filename, tracked=side.tracked, max_bytes=limits.max_bytes
        )
        return ingested.text, ingest.to_document(ingested, side.filename, label=side.label)
    text = side.text or ""
    if not text.strip():
        return text, normalize(text, label=side.label)
    ingested = ingest.read(text, max_bytes=limits.max_bytes)
    return ingested.text, ingest.to_document(ingested, label=side.label)


def identity(document: Document) -> dict[str, object]:
    """What besides the text tells two stored documents apart: the user's label and file name,
    and a Word file's tracked changes with the state compared.

    Without it, re-comparing the same texts under new labels ("2023" vs "2024") would be served
    the earlier comparison, still showing the earlier labels; and a Word file whose tracked
    changes are all formatting reads the same text accepted or rejected, but must still say which
    the user chose. Documents without tracked changes keep the ids they always had.
    """
    found: dict[str, object] = {
        "label": document.source.label,
        "filename": document.source.filename,
    }
    if document.source.tracked_changes is not None:
        found["tracked_changes"] = document.source.tracked_changes.model_dump(mode="json")
    return found


def compute(
    left: Document,
    right: Document,
    options: CompareOptions,
    limits: Limits,
    deadline: float | None = None,
) -> Comparison:
    """``compare`` with the clause cap, by ``deadline`` (``limits.time_budget`` seconds from now
    if not given): a request's reading and comparing share one budget."""
    try:
        return compare(
            left,
            right,
            options=options,
            deadline=deadline if deadline is not None else time.monotonic() + limits.time_budget,
            max_clauses=limits.max_clauses,
        )
    except errors.TimeBudgetExceeded:
        raise errors.TimeBudgetExceeded(
            f"Reading and comparing these documents took longer than the {limits.time_budget:g} "
            "seconds this service allows one request; try smaller documents."
        ) from None


def _read_by(side: Side, limits: Limits, deadline: float) -> tuple[str, Document]:
    """One side of a comparison read by ``deadline`` and within the clause cap: what goes wrong
    is said of that side, not of "a document" once both are read."""
    text, document = read_side(side, limits)
    said = side.name[:1].lower() + side.name[1:]
    if time.monotonic() > deadline:
        raise errors.TimeBudgetExceeded(
            f"Reading {said} took longer than the {limits.time_budget:g} seconds this service "
            "allows one request; try a smaller document."
        ).of_side(side.name)
    check_clauses(side, document, limits)
    return text, document


def check_clauses(side: Side, document: Document, limits: Limits) -> None:
    """Refuse a side read to no clause, or to more than the clause cap, naming the side."""
    if not document.clauses:
        raise errors.EmptyInput(f"{side.name} has no text to compare.").of_side(side.name)
    if len(document.clauses) > limits.max_clauses:
        raise errors.TooManyClauses(
            f"{side.name} has {len(document.clauses):,} clauses; this service compares at most "
            f"{limits.max_clauses:,} per document."
        ).of_side(side.name)


@dataclass(frozen=True)
class Saved:
    """A comparison as a request got it: its id (None when not saved), and the token that lets
    its creator delete it (None unless this request is the one that stored it)."""

    id: str | None
    comparison: Comparison
    delete_token: str | None = None


def compare_sides(
    store: Store | None, left: Side, right: Side, options: CompareOptions, limits: Limits
) -> Saved:
    """Compare two sides; with a store, save them and return the comparison's id too.

    A pair compared before with the same options is served from the store, not recomputed.
    Reading both sides and comparing them share one deadline, ``limits.time_budget`` seconds
    from the start.
    """
    deadline = time.monotonic() + limits.time_budget
    ltext, ldoc = _read_by(left, limits, deadline)
    rtext, rdoc = _read_by(right, limits, deadline)
    if store is None:
        return Saved(None, compute(ldoc, rdoc, options, limits, deadline))
    left_id = store.put_document(ltext, ldoc, options=identity(ldoc))
    right_id = store.put_document(rtext, rdoc, options=identity(rdoc))
    return save(store, left_id, right_id, ldoc, rdoc, options, limits, deadline)


def save(
    store: Store,
    left_id: str,
    right_id: str,
    left: Document,
    right: Document,
    options: CompareOptions,
    limits: Limits,
    deadline: float | None = None,
) -> Saved:
    """Find or compute-and-store the comparison of two stored documents. Only the request that
    stores it gets its delete token: a repeat served from the store must not delete it for
    whoever made it."""
    found = store.find_comparison(left_id, right_id, options)
    if found is not None:
        return Saved(found, store.get_comparison(found).comparison)
    comparison = compute(left, right, options, limits, deadline)
    token = secrets.token_urlsafe(24)
    cid = store.put_comparison(left_id, right_id, options, comparison, delete_token=token)
    return Saved(cid, comparison, token if store.may_delete(cid, token) else None)


def swap(store: Store, cid: str, limits: Limits) -> Saved:
    """The comparison of the same documents with the sides swapped."""
    stored = store.get_comparison(cid)
    comparison = stored.comparison
    return save(
        store,
        stored.right_id,
        stored.left_id,
        comparison.right,
        comparison.left,
        comparison.options,
        limits,
    )
