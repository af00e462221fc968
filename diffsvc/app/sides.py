"""One parser for a side of a comparison, shared by the form, the JSON API and the multipart API.

Why one: the form used to cut a long label to 200 characters where the API refused it, and
pasted text and uploads were checked along two paths, so the same mistake got two answers. Every
channel now hands what it received (pasted text, or a file's bytes and name, and a label) to
``parse_side``, which applies one set of rules:

- control characters (a NUL, which no database column stores) are dropped from the label and the
  file name, as the readers drop them from the text; the label is stripped; an empty one is no
  label; one longer than ``MAX_LABEL`` characters is
  refused (422 ``invalid-request``) naming the field as that channel calls it;
- a file with bytes is read instead of the text; otherwise the pasted text is used, and read
  like an uploaded text file (``usecases.read_side``: HTML, Markdown or plain text);
- the tracked-changes state chosen for a Word file is ``final`` or ``original`` (absent means
  ``final``); anything else is refused (422 ``invalid-request``) naming the field. It is checked
  for every side, so a bad value is an error even when the side turns out to be pasted text;
- a side with neither is empty (422 ``empty-input``), named as the user knows it: "The earlier
  version" in the form, "The left side" in the API. The side returned carries that name, so
  an error reading it names the side too. A form names a bad label or tracked state by its
  side ("The earlier version's label"), as its fields are titled; the API by its location.
"""

from __future__ import annotations

import re

from diffsvc import errors
from diffsvc.app.usecases import Side
from diffsvc.models import TRACKED_STATES, TrackedState
from diffsvc.models.api import MAX_LABEL

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def parse_side(
    text: str | None = None,
    *,
    data: bytes | None = None,
    filename: str | None = None,
    label: str | None = None,
    label_loc: tuple[str | int, ...],
    tracked: str | None = None,
    tracked_loc: tuple[str, ...] = ("tracked",),
    side: str,
    by_side: bool = False,
    may_be_empty: bool = False,
) -> Side:
    """The side to compare, or the request error that tells the user what to fix.

    :param text: the pasted text (used when ``data`` is missing or empty).
    :param data: an uploaded file's bytes; ``filename`` is its name.
    :param label: the side's name as typed, e.g. "2023".
    :param label_loc: where the label came from, e.g. ``("left_label",)`` or ``("left", "label")``.
    :param tracked: the text of a Word file with tracked changes to compare, ``final`` or
        ``original``, as sent; ``tracked_loc`` names its field, e.g. ``("left_tracked",)``.
    :param side: how the user calls this side, for the messages about it ("The left side").
    :param by_side: name a bad label or tracked state by ``side`` ("The earlier version's
        label"), as a form does; otherwise by ``label_loc`` and ``tracked_loc``.
    :param may_be_empty: let an empty text through (normalizing one document lists no clauses).

    >>> side = parse_side("1. Meet.", label=" 2023 ", label_loc=("x",), side="The left side")
    >>> side.text, side.label, side.tracked, side.name
    ('1. Meet.', '2023', 'final', 'The left side')
    >>> parse_side(" ", label_loc=("left_label",), side="The earlier version")
    Traceback (most recent call last):
    diffsvc.errors.EmptyInput: The earlier version is empty: there is no text to compare.
    """
    name = _CONTROL.sub("", label or "").strip() or None
    filename = _CONTROL.sub("", filename) if filename else filename
    if name is not None and len(name) > MAX_LABEL:
        where = f"{side}'s label" if by_side else ".".join(map(str, label_loc))
        msg = f"String should have at most {MAX_LABEL} characters"
        raise errors.InvalidRequest(
            f"{where} is longer than {MAX_LABEL} characters.",
            fields=[{"loc": list(label_loc), "msg": msg, "type": "string_too_long"}],
        ).of_side(side)
    try:
        state = _tracked_state(
            tracked, tracked_loc, f"{side}'s tracked changes" if by_side else None
        )
    except errors.InvalidRequest as error:
        raise error.of_side(side) from None
    if data:
        return Side(data=data, filename=filename, label=name, tracked=state, name=side)
    if not (text or "").strip() and not may_be_empty:
        raise errors.EmptyInput(f"{side} is empty: there is no text to compare.").of_side(side)
    return Side(text=text or "", label=name, tracked=state, name=side)


def _tracked_state(
    value: str | None, loc: tuple[str, ...], where: str | None = None
) -> TrackedState:
    """``final`` when nothing was sent, the state sent, or the request error naming the field
    (``where``, or else its location).

    >>> _tracked_state("accept", ("left_tracked",))
    Traceback (most recent call last):
    diffsvc.errors.InvalidRequest: left_tracked must be 'final' or 'original', not 'accept'.
    """
    if value is None:
        return "final"
    state = next((s for s in TRACKED_STATES if s == value), None)
    if state is None:
        choices = " or ".join(repr(s) for s in TRACKED_STATES)
        raise errors.InvalidRequest(
            f"{where or '.'.join(loc)} must be {choices}, not {value[:20]!r}.",
            fields=[
                {"loc": list(loc), "msg": f"Input should be {choices}", "type": "literal_error"}
            ],
        )
    return state
