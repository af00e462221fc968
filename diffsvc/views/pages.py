"""Contexts of the small pages: the compare form, the error page and the problems page (no Flask).

Why the advice lives here: an error page must say what to do next, and that depends on the
error's stable ``code``, not on which route raised it. The table is keyed by code so the HTML
handler, the form that comes back with an error and the problems page (the target of every
problem ``type`` URL) share it; codes without an entry fall back to their status.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Literal

from annotated_types import Ge, Le

from diffsvc import errors
from diffsvc.errors import DiffsvcError, TooLargeWhat
from diffsvc.models import CompareOptions
from diffsvc.views.contexts import (
    ErrorPage,
    FormError,
    FormSetting,
    FormSide,
    IndexPage,
    Link,
    ProblemEntry,
    ProblemsPage,
)

SideName = Literal["left", "right"]

ADVICE_BY_CODE = {
    "not-found": "Check the address. Comparison links are long random ids: copy the whole "
    "link, or start a new comparison.",
    "too-large": "Send less at once: compare a shorter part of the documents (one chapter, "
    "say); a Word or PDF file also gets smaller saved without its images and attachments.",
    "unsupported-format": "Save the file as plain text, HTML, Markdown, PDF (with a text "
    "layer) or Word (.docx), or paste its text instead.",
    "unsupported-media-type": "Send JSON (Content-Type: application/json) or multipart/form-data.",
    "empty-input": "Paste the text of both documents, or choose a file for each side.",
    "no-article-text": "Open the page in a browser, copy the article's text and paste it, or "
    "save the page as PDF.",
    "too-many-clauses": "Compare a smaller part of the documents, for example one chapter.",
    "time-budget-exceeded": "Compare a smaller part of the documents, or try again later.",
    "csrf-failed": "Go back, reload the form and submit it again.",
    "rate-limited": "Wait a minute, then try again.",
    "invalid-request": "Correct the field the message names, then submit again.",
    "invalid-input": "Check both documents, then submit again.",
    "bad-request": "Try again; a program calling the API should check the request's syntax, "
    "for example that its body is valid JSON in UTF-8.",
    "broken-file": "Open the file in the program that made it and save a fresh copy, or paste "
    "its text.",
    "unsafe-file": "Open the file in the program that made it and save a fresh copy, or paste "
    "its text. Files built to exhaust a reader are never read.",
    "undecodable-text": "Save the text as UTF-8 (most editors offer it under Save As), or paste "
    "it instead.",
    "no-text-layer": "Run OCR on the PDF first, or paste its text.",
    "encrypted-file": "Save an unprotected copy of the file and upload that.",
    "forbidden": "Only whoever saved a comparison can delete it: the browser that saved it, or "
    "an API client holding its delete token.",
    "method-not-allowed": "Use the links and buttons on the pages rather than typing this address.",
    "not-ready": "Try again in a minute; if it keeps failing, tell the site's operators.",
    "internal-error": "Try again in a moment; if it keeps failing, tell the site's operators.",
}
# What to do about an input too large depends on what it was: a text only gets shorter, a Word
# or PDF file also sheds its images, and a request refused unread could have been either.
TOO_LARGE_ADVICE: dict[TooLargeWhat, str] = {
    "text": "Compare a shorter part of the text, for example one chapter at a time.",
    "document": "Compare a smaller part of the document (one chapter, say), or save a copy "
    "without its images and attachments, then try again.",
    "request": ADVICE_BY_CODE["too-large"],
}
ADVICE_BY_STATUS = {
    400: "Go back and try again.",
    404: ADVICE_BY_CODE["not-found"],
    405: ADVICE_BY_CODE["method-not-allowed"],
    413: ADVICE_BY_CODE["too-large"],
    415: ADVICE_BY_CODE["unsupported-format"],
    422: "Check both documents, then submit again.",
    429: ADVICE_BY_CODE["rate-limited"],
}
FALLBACK_ADVICE = "Try again in a moment; if it keeps failing, tell the site's operators."


def advice_for(error: DiffsvcError) -> str:
    """What to do next about ``error``.

    >>> from diffsvc.errors import TooLarge
    >>> "images" in advice_for(TooLarge(what="text")), "images" in advice_for(TooLarge())
    (False, True)
    """
    if isinstance(error, errors.TooLarge):
        return TOO_LARGE_ADVICE[error.what]
    return ADVICE_BY_CODE.get(error.code) or ADVICE_BY_STATUS.get(error.status, FALLBACK_ADVICE)


def error_page(error: DiffsvcError, *, help_url: str | None = None) -> ErrorPage:
    """What error.html shows for ``error``; ``help_url`` is its code's entry on /problems.

    >>> from diffsvc.errors import NotFound
    >>> error_page(NotFound()).advice.startswith("Check the address")
    True
    """
    return ErrorPage(
        title=error.title,
        status=error.status,
        code=error.code,
        detail=error.message,
        advice=advice_for(error),
        help_url=help_url,
    )


@dataclass(frozen=True)
class SentSide:
    """One side of a compare form as it was posted: what the form shows again."""

    text: str = ""
    label: str = ""
    tracked: str = "final"
    #: The chosen file's name; a browser cannot be made to choose it again.
    file_name: str | None = None


@dataclass(frozen=True)
class Sent:
    """A posted compare form, to fill the form with when it comes back with an error.

    ``read`` is False when the request was refused before its fields could be read (too large):
    then nothing can be shown again.
    """

    left: SentSide = field(default_factory=SentSide)
    right: SentSide = field(default_factory=SentSide)
    hide_editorial: bool = False
    granularity: str = "char"
    #: The matching settings as typed, by field name; a setting left empty is its default.
    settings: Mapping[str, str] = field(default_factory=dict)
    read: bool = True


SIDE_TITLES: dict[SideName, tuple[str, str]] = {
    "left": ("Earlier version", "2022"),
    "right": ("Later version", "2023"),
}
GRANULARITIES = (("char", "Characters (字)"), ("word", "Words (词)"))
TRACKED_CHOICES = (
    ("final", "Accept all: the final text"),
    ("original", "Reject all: the original text"),
)


# What each threshold means to someone who never read the aligner: the model's descriptions
# speak of similarity and evidence. A threshold without an entry here still reaches the form,
# with its model description as its hint.
SETTING_HINTS = {
    "match_threshold": "How alike two clauses must be to count as one clause reworded, "
    "wherever they stand.",
    "move_threshold": "How alike a reworded clause must be to one far from its place to count "
    "as moved there.",
    "gap_threshold": "A lower bar for clauses at the same place between unchanged neighbours "
    "that share a rare word.",
    "split_threshold": "How alike the pieces must be to count one clause as split in several, "
    "or several as merged into one.",
}


@dataclass(frozen=True)
class Setting:
    """A matching setting of the form: one numeric field of ``CompareOptions``."""

    name: str
    label: str
    hint: str
    default: float
    low: float
    high: float

    @property
    def problem(self) -> str:
        """What the form says when this setting's value cannot be used."""
        return f"{self.label} must be a number from {self.low:g} to {self.high:g}."

    def parse(self, raw: str) -> float | None:
        """``raw`` as this setting's value; None when it is not a number in its range. An empty
        field is the default: a number field the user cleared sends nothing else.

        >>> move = next(s for s in SETTINGS if s.name == "move_threshold")
        >>> move.parse(" 0.7 "), move.parse(""), move.parse("1.5"), move.parse("nan")
        (0.7, 0.8, None, None)
        """
        if not raw.strip():
            return self.default
        try:
            number = float(raw)
        except ValueError:
            return None
        return number if math.isfinite(number) and self.low <= number <= self.high else None


def _settings() -> tuple[Setting, ...]:
    """Every float field of ``CompareOptions``, its default and bounds read from the model, so
    the form cannot drift from the API and the command line."""
    found = []
    for name, spec in CompareOptions.model_fields.items():
        if spec.annotation is not float or not isinstance(spec.default, float):
            continue
        lows = [m.ge for m in spec.metadata if isinstance(m, Ge)]
        highs = [m.le for m in spec.metadata if isinstance(m, Le)]
        low = lows[0] if lows and isinstance(lows[0], int | float) else 0.0
        high = highs[0] if highs and isinstance(highs[0], int | float) else 1.0
        found.append(
            Setting(
                name=name,
                label=name.replace("_", " ").capitalize(),
                hint=SETTING_HINTS.get(name) or spec.description or "",
                default=spec.default,
                low=float(low),
                high=float(high),
            )
        )
    return tuple(found)


SETTINGS = _settings()


def index_page(
    *,
    csrf_token: str,
    max_bytes: int,
    notice: str | None = None,
    sent: Sent | None = None,
    error: FormError | None = None,
) -> IndexPage:
    """What index.html shows: the two sides of the form and the options, empty, or holding
    what was ``sent`` when the form comes back with an ``error``.

    The matching settings open by themselves when one differs from its default or is the
    error's subject: a changed setting hidden under a closed summary would go unnoticed.
    """
    sent = sent or Sent()
    granularity = sent.granularity if sent.granularity in dict(GRANULARITIES) else "char"
    failed = set(error.settings) if error is not None else set()
    settings = [_setting(s, sent.settings.get(s.name, ""), s.name in failed) for s in SETTINGS]

    def side(name: SideName, given: SentSide) -> FormSide:
        title, example = SIDE_TITLES[name]
        tracked = given.tracked if given.tracked in dict(TRACKED_CHOICES) else "final"
        return FormSide(
            name=name,
            title=title,
            placeholder_label=example,
            label=given.label,
            text=given.text,
            tracked_states=[
                Link(href=value, text=text, current=value == tracked, name=value)
                for value, text in TRACKED_CHOICES
            ],
            file_name=given.file_name,
            failed=error is not None and error.side == name,
        )

    return IndexPage(
        notice=notice,
        title="Compare two versions of a statement",
        csrf_token=csrf_token,
        sides=[side("left", sent.left), side("right", sent.right)],
        max_megabytes=round(max_bytes / 1_000_000, 1),
        granularities=[
            Link(href=value, text=text, current=value == granularity, name=value)
            for value, text in GRANULARITIES
        ],
        hide_editorial=sent.hide_editorial,
        settings=settings,
        settings_open=any(s.invalid or s.value != s.default for s in settings),
        error=error,
    )


def _setting(setting: Setting, raw: str, failed: bool) -> FormSetting:
    default = f"{setting.default:g}"
    # Kept as typed, but a value equal to the default however it was typed ("0.80", or the
    # field cleared) is the default, and does not open the settings.
    value = default if setting.parse(raw) == setting.default else raw.strip()
    return FormSetting(
        name=setting.name,
        label=setting.label,
        hint=f"{setting.hint} Default: {setting.default:g}.",
        value=value,
        default=default,
        low=f"{setting.low:g}",
        high=f"{setting.high:g}",
        invalid=failed,
    )


def settings_reset_notice(sent: Sent) -> str:
    """What the form says after "Reset to defaults" was sent without JavaScript (a round trip
    that keeps all else, chosen files excepted)."""
    return f"The matching settings are back to their defaults. {_kept(sent)}"


def form_error(
    error: DiffsvcError,
    sent: Sent,
    *,
    side: SideName | None,
    help_url: str,
    settings: Collection[str] = (),
) -> FormError:
    """The alert above a compare form that came back with ``error``: what went wrong on which
    ``side``, what to do, and what the user must give again.

    >>> from diffsvc.errors import UnsupportedFormat
    >>> sent = Sent(right=SentSide(file_name="b.rtf"))
    >>> alert = form_error(UnsupportedFormat(), sent, side="right", help_url="/problems")
    >>> alert.kept.split(": ")[1]
    'choose the file for the later version again.'
    """
    return FormError(
        title=error.title,
        status=error.status,
        code=error.code,
        detail=error.message,
        advice=advice_for(error),
        side=side,
        settings=[s.name for s in SETTINGS if s.name in settings],
        kept=_kept(sent),
        help_url=help_url,
    )


def _kept(sent: Sent) -> str:
    if not sent.read:
        return (
            "The request was refused before it was read, so nothing you entered could be kept: "
            "your browser's Back button may still hold it."
        )
    files = [
        title.lower()
        for (title, _), given in zip(SIDE_TITLES.values(), (sent.left, sent.right), strict=True)
        if given.file_name
    ]
    kept = "What you typed and chose is kept below."
    lost = "A browser cannot keep a chosen file: choose"
    if len(files) == 2:
        return f"{kept} {lost} the files for both versions again."
    if files:
        return f"{kept} {lost} the file for the {files[0]} again."
    return kept


def problems_page(*, api_docs: str) -> ProblemsPage:
    """Every problem code the service answers with, for problems.html: the page each problem's
    ``type`` URL points into, one entry (and HTML id) per code.

    >>> page = problems_page(api_docs="/api/docs")
    >>> next(p for p in page.problems if p.code == "too-large").status
    413
    """
    entries = [
        ProblemEntry(
            code=kind.code,
            title=kind.title,
            status=kind.status,
            meaning=" ".join((kind.__doc__ or kind.title).split()),
            advice=ADVICE_BY_CODE.get(kind.code)
            or ADVICE_BY_STATUS.get(kind.status, FALLBACK_ADVICE),
        )
        for kind in errors.catalogue()
        if kind is not DiffsvcError  # the base: every kind of error has a code of its own
    ]
    return ProblemsPage(
        title="Problem types",
        problems=sorted(entries, key=lambda entry: (entry.status, entry.code)),
        api_docs=api_docs,
    )


#: The codes the problems page has an entry for: not ``http-418`` and the like, which werkzeug
#: raises for statuses the error tree has no class for.
DOCUMENTED = frozenset(kind.code for kind in errors.catalogue() if kind is not DiffsvcError)
