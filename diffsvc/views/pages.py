"""Contexts of the small pages: the compare form and the error page (no Flask).

Why the advice lives here: an error page must say what to do next, and that depends on the
error's stable ``code``, not on which route raised it. The table is keyed by code so the HTML
handler and any future CLI can share it; codes without an entry fall back to their status.
"""

from __future__ import annotations

from diffsvc.errors import DiffsvcError
from diffsvc.views.contexts import ErrorPage, FormSide, IndexPage, Link

ADVICE_BY_CODE = {
    "not-found": "Check the address. Comparison links are long random ids: copy the whole "
    "link, or start a new comparison.",
    "too-large": "Split the document, or remove images and attachments, then try again.",
    "unsupported-format": "Save the file as plain text, HTML, Markdown, PDF (with a text "
    "layer) or Word (.docx), or paste its text instead.",
    "unsupported-media-type": "Send JSON (Content-Type: application/json) or multipart/form-data.",
    "empty-input": "Paste the text of both documents, or choose a file for each side.",
    "too-many-clauses": "Compare a smaller part of the documents, for example one chapter.",
    "time-budget-exceeded": "Compare a smaller part of the documents, or try again later.",
    "csrf-failed": "Go back, reload the form and submit it again.",
    "rate-limited": "Wait a minute, then try again.",
    "invalid-request": "Go back and check the form's fields.",
    "no-text-layer": "Run OCR on the PDF first, or paste its text.",
    "encrypted-file": "Save an unprotected copy of the file and upload that.",
}
ADVICE_BY_STATUS = {
    400: "Go back and try again.",
    404: ADVICE_BY_CODE["not-found"],
    405: "Use the links and buttons on the pages rather than typing this address.",
    413: ADVICE_BY_CODE["too-large"],
    415: ADVICE_BY_CODE["unsupported-format"],
    422: "Go back, check both documents, and submit again.",
    429: ADVICE_BY_CODE["rate-limited"],
}


def error_page(error: DiffsvcError) -> ErrorPage:
    """What error.html shows for ``error``.

    >>> from diffsvc.errors import NotFound
    >>> error_page(NotFound()).advice.startswith("Check the address")
    True
    """
    advice = ADVICE_BY_CODE.get(error.code) or ADVICE_BY_STATUS.get(
        error.status, "Try again in a moment; if it keeps failing, tell the site's operators."
    )
    return ErrorPage(
        title=error.title,
        status=error.status,
        code=error.code,
        detail=error.message,
        advice=advice,
    )


def index_page(*, csrf_token: str, max_bytes: int, notice: str | None = None) -> IndexPage:
    """What index.html shows: the two sides of the form and the options."""
    return IndexPage(
        notice=notice,
        title="Compare two versions of a statement",
        csrf_token=csrf_token,
        sides=[
            FormSide(name="left", title="Earlier version", placeholder_label="2022"),
            FormSide(name="right", title="Later version", placeholder_label="2023"),
        ],
        max_megabytes=round(max_bytes / 1_000_000, 1),
        granularities=[
            Link(href="char", text="Characters (字)", current=True, name="char"),
            Link(href="word", text="Words (词)", current=False, name="word"),
        ],
        tracked_states=[
            Link(href="final", text="Accept all: the final text", current=True, name="final"),
            Link(
                href="original",
                text="Reject all: the original text",
                current=False,
                name="original",
            ),
        ],
    )
