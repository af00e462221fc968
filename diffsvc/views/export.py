"""Exports of a Comparison outside the web service: a terminal redline and a standalone HTML page.

Both read only the Comparison, like every other face of diffsvc, and mark changes as the web
page does: deleted and inserted words, and editorial changes (punctuation, width, script,
spacing) marked apart so a reader can set them aside. With editorial changes hidden, an
editorial change shows as the later text, unmarked, as on the web page; a hidden editorial
deletion always gives way to its insertion and is never simply dropped, so no word loses
characters. The HTML page is a single file with its stylesheet inline and no script, so it can be
mailed or archived; every piece of user text goes through Jinja2's autoescaping.
"""

from __future__ import annotations

import datetime
import io
import zipfile

import jinja2

from diffsvc.models import Clause, Comparison, Entry
from diffsvc.views import TEMPLATES
from diffsvc.views.comparison import side_label, tracked_words
from diffsvc.views.contexts import Fragment
from diffsvc.views.fragments import inline_fragments

_RED, _GREEN, _YELLOW = "\x1b[31m", "\x1b[32m", "\x1b[33m"
_DIM, _BOLD, _RESET = "\x1b[2m", "\x1b[1m", "\x1b[0m"
# wdiff's marks for deleted and inserted words; a tilde for an editorial change, so that it
# stands apart from a substantive one without colour too.
_MARKS = {
    ("del", False): ("[-", "-]", _RED),
    ("ins", False): ("{+", "+}", _GREEN),
    ("del", True): ("[~", "~]", _YELLOW),
    ("ins", True): ("{~", "~}", _YELLOW),
}
TEMPLATE_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)


def _labels(clauses: list[Clause], indices: list[int]) -> str:
    return "+".join(clauses[i].label or "¶" for i in indices)


def _only_editorial(entry: Entry, hide_editorial: bool) -> bool:
    """Whether hiding editorial changes leaves the entry's wording unchanged (a split or merge
    stays a change of structure)."""
    return hide_editorial and entry.editorial and not entry.substantive


def reads_unchanged(entry: Entry, *, hide_editorial: bool = False) -> bool:
    """Whether an entry's wording shows as unchanged: the same, or, with editorial changes
    hidden, different only editorially. It may still have moved or been renumbered.

    >>> from diffsvc import compare
    >>> [e] = compare("1. Alpha , beta.", "1. Alpha, beta.").alignment
    >>> reads_unchanged(e), reads_unchanged(e, hide_editorial=True)
    (False, True)
    """
    plain = entry.op == "unchanged" and not entry.editorial
    return plain or _only_editorial(entry, hide_editorial)


def entry_heading(result: Comparison, entry: Entry, *, hide_editorial: bool = False) -> str:
    """A short heading for an entry: op, labels on each side, flags.

    >>> from diffsvc import compare
    >>> r = compare("1. Alpha.\\n2. Beta.", "1. Beta.\\n2. Alpha.")
    >>> [entry_heading(r, e) for e in r.alignment]
    ['unchanged 2.→1. moved renumbered', 'unchanged 1.→2. renumbered']

    With editorial changes hidden, an entry changed only editorially is headed as unchanged:

    >>> r = compare("1. Alpha , beta.", "1. Alpha, beta.")
    >>> [entry_heading(r, r.alignment[0], hide_editorial=h) for h in (False, True)]
    ['unchanged 1.→1. editorial', 'unchanged 1.→1.']
    """
    left = _labels(result.left.clauses, entry.left)
    right = _labels(result.right.clauses, entry.right)
    where = f"{left}→{right}" if entry.left and entry.right else left or right
    hidden = _only_editorial(entry, hide_editorial)
    flags = [f for f in ("moved", "renumbered", "editorial") if getattr(entry, f)]
    if hidden:
        flags.remove("editorial")
    return " ".join(["unchanged" if hidden else entry.op.value, where, *flags])


def shown_fragments(result: Comparison, entry: Entry, *, hide_editorial: bool) -> list[Fragment]:
    """An entry's one-column redline, as the web page's inline view shows it.

    >>> from diffsvc import compare
    >>> r = compare("一、加強合作, 共同發展。", "一、加强合作，共同进步。")
    >>> [(f.mark, f.text) for f in shown_fragments(r, r.alignment[0], hide_editorial=False)][:3]
    [('same', '加'), ('del', '強合作,'), ('ins', '强合作，')]
    >>> frags = shown_fragments(r, r.alignment[0], hide_editorial=True)
    >>> [(f.mark, f.text) for f in frags if f.mark != "same"]
    [('del', '發展'), ('ins', '进步')]
    >>> "".join(f.text for f in frags if f.mark != "del")
    '加强合作，共同进步。'
    """
    frags = inline_fragments(
        entry,
        [result.left.clauses[i].text for i in entry.left],
        [result.right.clauses[i].text for i in entry.right],
    )
    if not hide_editorial:
        return frags
    return [
        Fragment(text=f.text, mark="same", editorial=False) if f.editorial else f
        for f in frags
        if not (f.editorial and f.mark == "del")
    ]


def _marked(fragment: Fragment, color: bool) -> str:
    if fragment.mark == "same":
        return fragment.text
    start, end, ink = _MARKS[fragment.mark, fragment.editorial]
    return f"{ink}{start}{fragment.text}{end}{_RESET}" if color else f"{start}{fragment.text}{end}"


def _notes(entry: Entry, hide_editorial: bool) -> list[str]:
    return [c.note for c in entry.changes if not (hide_editorial and c.kind == "editorial")]


def tracked_lines(result: Comparison) -> list[str]:
    """For each side read from a Word file with tracked changes, which text was compared."""
    lines = []
    for doc, side in ((result.left, "left"), (result.right, "right")):
        tracked = tracked_words(doc.source.tracked_changes)
        if tracked:
            lines.append(f"{side} ({side_label(doc, side)}): {tracked}")
    return lines


def redline_text(result: Comparison, *, color: bool = False, hide_editorial: bool = False) -> str:
    """A readable redline for a terminal: [-deleted-]{+inserted+}, [~editorial~]{~changes~},
    unchanged clauses dimmed; with ``hide_editorial``, editorial changes read as the later text.

    The summary heads it, then, for a Word file with tracked changes, which text was compared.

    >>> from diffsvc import compare
    >>> r = compare("1. Alpha , beta.\\n2. We will establish it.",
    ...             "1. Alpha, beta.\\n2. We will explore it.")
    >>> print(redline_text(r).split("\\n\\n")[1], end="")
    * unchanged 1.→1. editorial: Alpha[~ ~], beta.
    * modified 2.→2.: We will [-establish-]{+explore+} it.
        - commitment weakened: establish → explore
    >>> print(redline_text(r, hide_editorial=True).split("\\n\\n")[1], end="")
      unchanged 1.→1.: Alpha, beta.
    * modified 2.→2.: We will [-establish-]{+explore+} it.
        - commitment weakened: establish → explore
    """
    lines = [result.summary.text, *tracked_lines(result), ""]
    for entry in result.alignment:
        head = entry_heading(result, entry, hide_editorial=hide_editorial)
        frags = shown_fragments(result, entry, hide_editorial=hide_editorial)
        body = "".join(_marked(f, color) for f in frags)
        if reads_unchanged(entry, hide_editorial=hide_editorial):
            lines.append(f"{_DIM}  {head}: {body}{_RESET}" if color else f"  {head}: {body}")
            continue
        lines.append((f"{_BOLD}* {head}{_RESET}" if color else f"* {head}") + f": {body}")
        lines += [f"    - {note}" for note in _notes(entry, hide_editorial)]
    return "\n".join(lines) + "\n"


def standalone_html(result: Comparison, *, hide_editorial: bool = False) -> str:
    """One self-contained HTML page of the comparison: inline redline, no script."""
    rows = [
        {
            "entry": e,
            "heading": entry_heading(result, e, hide_editorial=hide_editorial),
            "fragments": shown_fragments(result, e, hide_editorial=hide_editorial),
            "editorial": e.editorial and not _only_editorial(e, hide_editorial),
            "unchanged": reads_unchanged(e, hide_editorial=hide_editorial),
            "notes": _notes(e, hide_editorial),
        }
        for e in result.alignment
    ]
    return TEMPLATE_ENV.get_template("standalone.html").render(
        result=result, rows=rows, tracked=tracked_lines(result), hide_editorial=hide_editorial
    )


def export_moment(when: datetime.datetime | None) -> datetime.datetime:
    """The date an export carries, in UTC to the second: ``when`` (a naive datetime is read as
    UTC), or now."""
    if when is None:
        when = datetime.datetime.now(datetime.UTC)
    elif when.tzinfo is None:
        when = when.replace(tzinfo=datetime.UTC)
    return when.astimezone(datetime.UTC).replace(microsecond=0)


def stable_zip(data: bytes, moment: datetime.datetime) -> bytes:
    """The same Office package with every entry dated ``moment``: the same comparison and date
    give the same bytes, so a file downloaded twice, or from the page and from the API, is one
    file (and a cache or a checksum can tell)."""
    stamp = (max(moment.year, 1980), moment.month, moment.day, moment.hour, moment.minute, 0)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info))
    return out.getvalue()
