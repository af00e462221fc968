"""Comparison -> typed view model for the HTML pages (no Flask, no markup).

The HTML views are one more consumer of the ``Comparison`` the JSON API serves (STYLE.md rule 3):
this module only re-shapes it. Side by side, inline redline and changes-only all read the same
``RowView`` list; a moved clause also leaves a *ghost* row at its other position, so each end can
link to the other. Span texts are cut back into per-clause fragments here, because a split or
merged entry joins its clauses with a newline.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Literal
from urllib.parse import urlencode

from diffsvc.models import Change, Comparison, Document, Entry, Op, TrackedChanges
from diffsvc.views.contexts import (
    VIEW_NAMES,
    ClauseView,
    CompareLinks,
    ComparePage,
    Count,
    Fragment,
    Link,
    Mark,
    NoteView,
    RowGroup,
    RowView,
    SectionView,
    SourceView,
    ViewName,
)
from diffsvc.views.fragments import cut_by_clause, inline_fragments, side_pieces

VIEW_TITLES: dict[ViewName, str] = {
    "side": "Side by side",
    "inline": "Inline redline",
    "changes": "Changes only",
}
LANGUAGE_TITLES = {"zh": "中文 · Chinese", "en": "English", "und": "Other text"}
# Every entry counts once under its op; these add up to the rows shown.
COUNT_LABELS = (
    ("unchanged", "unchanged"),
    ("modified", "modified"),
    ("added", "added"),
    ("removed", "removed"),
    ("split", "split"),
    ("merged", "merged"),
)
# Flags an entry carries besides its op, counted apart so the op counts still add up.
FLAG_LABELS = (("moved", "moved"), ("renumbered", "renumbered"), ("editorial", "editorial"))
# Notes about the two languages of one document get a marker of their own: they say the
# translation may not be trustworthy, which a reader of either language needs to see.
NOTE_BADGES = {"asymmetric": "one language", "translation": "translation"}
FORMAT_WORDS = {
    "text": "plain text",
    "html": "HTML",
    "markdown": "Markdown",
    "pdf": "PDF",
    "docx": "Word (.docx)",
}
REPAIR_WORDS = {
    "pinyin": ("pinyin annotation removed", "pinyin annotations removed"),
    "wraps": ("wrapped line joined", "wrapped lines joined"),
}
# Which text of a Word file under review was compared (issue #17): never left unsaid.
TRACKED_STATE_WORDS = {"final": "all changes accepted", "original": "all changes rejected"}
ASYMMETRIC_LABEL = "in one language only"
BADGES = {
    Op.modified: "modified",
    Op.added: "added",
    Op.removed: "removed",
    Op.split: "split",
    Op.merged: "merged",
}


def _clauses(doc: Document, indices: Sequence[int], side: str, entry: Entry) -> list[ClauseView]:
    texts = [doc.clauses[i].text for i in indices]
    whole: Mark = "same"
    if entry.op in (Op.removed, Op.added):
        whole = "del" if side == "left" else "ins"
    cut = cut_by_clause(side_pieces(entry.spans, side), texts) if entry.spans else None
    views = []
    for k, i in enumerate(indices):
        clause = doc.clauses[i]
        frags = (
            cut[k] if cut is not None else [Fragment(text=clause.text, mark=whole, editorial=False)]
        )
        other = clause.counterpart
        translation = (
            doc.clauses[other].text if other is not None and 0 <= other < len(doc.clauses) else None
        )
        views.append(
            ClauseView(
                index=i,
                anchor=f"{side[0]}{i}",
                label=clause.label,
                fragments=frags,
                translation=translation,
            )
        )
    return views


def _row(comparison: Comparison, n: int, entry: Entry) -> RowView:
    left = _clauses(comparison.left, entry.left, "left", entry)
    right = _clauses(comparison.right, entry.right, "right", entry)
    labels = [c.label for c in right or left if c.label]
    badge = BADGES.get(entry.op, "")
    if entry.moved:
        badge = f"{badge} · moved" if badge else "moved"
    return RowView(
        anchor=f"e{n}",
        op=entry.op.value,
        is_change=entry.changed,
        moved=entry.moved,
        editorial=entry.editorial,
        renumbered=entry.renumbered,
        rewritten=entry.rewritten,
        routine=entry.routine,
        left=left,
        right=right,
        inline=inline_fragments(
            entry,
            [comparison.left.clauses[i].text for i in entry.left],
            [comparison.right.clauses[i].text for i in entry.right],
        ),
        label=(f"{labels[0]}–{labels[-1]}" if len(labels) > 1 else labels[0]) if labels else None,
        badge=badge,
        link=None,
        link_text="",
        notes=_notes(entry.changes),
    )


LISTED = 3  # quantities added (or dropped) alone that a row lists one by one


def _notes(changes: list[Change]) -> list[NoteView]:
    """A row's notes in reading order. A rewritten paragraph can add a dozen quantities that pair
    with nothing ("一年 added", "第三个 added", …): past LISTED, they are one line per direction,
    after the changes that pair old with new, so those stay in sight. The JSON keeps each one.

    >>> added = [Change(kind="number", right=n, note=f"{n} added") for n in "1234"]
    >>> [n.text for n in _notes(added)]
    ['quantities added: 1, 2, 3, 4']
    """

    def alone(change: Change) -> str | None:
        if change.kind != "number" or (change.left is None) == (change.right is None):
            return None
        return "added" if change.left is None else "dropped"

    shown = [c for c in changes if c.kind != "editorial"]
    counts = Counter(alone(c) for c in shown)
    folded = {d for d in ("dropped", "added") if counts[d] > LISTED}
    notes = [_note(c) for c in shown if alone(c) not in folded]
    for direction in sorted(folded, key=("dropped", "added").index):
        listed = ", ".join(c.right or c.left or "" for c in shown if alone(c) == direction)
        text = f"quantities {direction}: {listed}"
        notes.append(NoteView(kind="number", text=text, badge=NOTE_BADGES.get("number", "")))
    return notes


def _note(change: Change) -> NoteView:
    return NoteView(kind=change.kind, text=change.note, badge=NOTE_BADGES.get(change.kind, ""))


def repair_words(repairs: dict[str, int]) -> list[str]:
    """Normalisation's repair counts in plain words, for the line naming what was read.

    >>> repair_words({"pinyin": 166, "wraps": 1})
    ['166 pinyin annotations removed', '1 wrapped line joined']
    """
    words = []
    for kind, n in repairs.items():
        one, many = REPAIR_WORDS.get(kind, (f"{kind} repaired", f"{kind} repaired"))
        words.append(f"{n} {one if n == 1 else many}")
    return words


def tracked_words(tracked: TrackedChanges | None) -> str | None:
    """A Word file's tracked changes and the text compared, in words; None when it has none.

    >>> tracked_words(TrackedChanges(state="original", insertions=2, deletions=1))
    '3 tracked changes, compared with all changes rejected'
    """
    if tracked is None:
        return None
    n = tracked.total
    changes = "tracked change" if n == 1 else "tracked changes"
    return f"{n} {changes}, compared with {TRACKED_STATE_WORDS[tracked.state]}"


def _source(doc: Document, side: Literal["left", "right"], name: str) -> SourceView:
    src = doc.source
    pasted = src.filename is None and src.encoding is None and src.format == "text"
    return SourceView(
        side=side,
        name=name,
        filename=src.filename if src.filename != name else None,
        pasted=pasted,
        format=src.format,
        format_name=FORMAT_WORDS.get(src.format, src.format),
        encoding=src.encoding,
        tracked=tracked_words(src.tracked_changes),
        repairs=repair_words(src.repairs),
    )


class _Positions:
    """Where each clause of either side is shown (its entry's index), and for each entry the
    nearest entry before it that shows a right clause: read once per page, not once per move
    (a 10,000-clause page with hundreds of moves spent seconds rebuilding them)."""

    def __init__(self, alignment: Sequence[Entry]) -> None:
        self.where = {("left", i): k for k, e in enumerate(alignment) for i in e.left}
        self.where.update({("right", i): k for k, e in enumerate(alignment) for i in e.right})
        self.prev_right: list[int] = []
        last = -1
        for k, e in enumerate(alignment):
            self.prev_right.append(last)
            if e.right:
                last = k


def _ghost_after(alignment: Sequence[Entry], n: int, at: _Positions) -> tuple[int, str]:
    """Where the other end of moved entry ``n`` goes: (entry to follow, side it stands for).

    The alignment is shown in its own order, so the entry already stands at one side's
    position. If its displayed predecessor holds the right clause just before it, it stands at
    its right (new) position and the ghost marks the left (old) one, and the other way round.
    """
    entry = alignment[n]
    expected = at.where.get(("right", min(entry.right) - 1), -1)
    if at.prev_right[n] == expected:
        return at.where.get(("left", min(entry.left) - 1), -1), "left"
    return expected, "right"


def _with_ghosts(
    comparison: Comparison, rows: list[RowView], labels: tuple[str, str]
) -> list[RowView]:
    ghosts: dict[int, list[RowView]] = {}
    positions = _Positions(comparison.alignment)
    for n, entry in enumerate(comparison.alignment):
        if not (entry.moved and entry.left and entry.right):
            continue
        after, side = _ghost_after(comparison.alignment, n, positions)
        doc, indices = (
            (comparison.left, entry.left) if side == "left" else (comparison.right, entry.right)
        )
        here = doc.clauses[indices[0]].label or "This clause"
        where = labels[0] if side == "left" else labels[1]
        verb = "stood" if side == "left" else "stands"
        ghost = RowView(
            anchor=f"g{n}",
            op="ghost",
            is_change=False,
            moved=True,
            editorial=False,
            renumbered=False,
            routine=False,
            left=[],
            right=[],
            inline=[],
            label=doc.clauses[indices[0]].label,
            badge="moved",
            link=f"e{n}",
            link_text=f"{here} {verb} here in {where}; go to the clause",
            notes=[],
        )
        ghosts.setdefault(after, []).append(ghost)
        text = f"Moved: see where it stood in {where}"
        rows[n] = rows[n].model_copy(update={"link": f"g{n}", "link_text": text})
    out = list(ghosts.get(-1, []))
    for n, row in enumerate(rows):
        out.append(row)
        out.extend(ghosts.get(n, []))
    return out


def _groups(rows: Sequence[RowView]) -> list[RowGroup]:
    runs: list[tuple[bool, list[RowView]]] = []
    for row in rows:
        quiet = not row.is_change and row.op != "ghost"
        if quiet and runs and runs[-1][0]:
            runs[-1][1].append(row)
        else:
            runs.append((quiet, [row]))
    return [RowGroup(collapsed=quiet, rows=group) for quiet, group in runs]


def _sections(comparison: Comparison, rows: Sequence[RowView]) -> list[SectionView]:
    order: list[str] = []
    by_lang: dict[str, list[RowView]] = {}
    for row in rows:
        n = int(row.anchor[1:])
        lang = comparison.alignment[n].language
        if lang not in by_lang:
            order.append(lang)
        by_lang.setdefault(lang, []).append(row)
    return [
        SectionView(
            language=lang,
            title=LANGUAGE_TITLES.get(lang, lang),
            anchor=f"lang-{lang}",
            rows=by_lang[lang],
            groups=_groups(by_lang[lang]),
        )
        for lang in order
    ]


def _href(page: str, view: ViewName, hide_editorial: bool, hide_routine: bool = False) -> str:
    query = {"view": view} | ({"editorial": "hide"} if hide_editorial else {})
    query |= {"routine": "hide"} if hide_routine else {}
    return f"{page}?{urlencode(query)}"


def side_label(doc: Document, default: str) -> str:
    """The user's name for a side, or ``default`` ("Left"/"Right") when none was given."""
    return doc.source.label or doc.source.filename or default


def build_compare_page(
    comparison: Comparison,
    *,
    cid: str,
    view: ViewName,
    hide_editorial: bool,
    links: CompareLinks,
    hide_routine: bool = False,
) -> ComparePage:
    """Shape ``comparison`` for compare.html; ``links`` come from the web layer's url_for."""
    labels = (side_label(comparison.left, "Left"), side_label(comparison.right, "Right"))
    rows = [_row(comparison, n, e) for n, e in enumerate(comparison.alignment)]
    rows = _with_ghosts(comparison, rows, labels)
    summary = comparison.summary
    counts = [Count(op=op, label=label, value=getattr(summary, op)) for op, label in COUNT_LABELS]
    flags = [Count(op=op, label=label, value=getattr(summary, op)) for op, label in FLAG_LABELS]
    if summary.asymmetric:  # only bilingual documents can have these: no "0" for the others
        flags.append(Count(op="asymmetric", label=ASYMMETRIC_LABEL, value=summary.asymmetric))
    views = [
        Link(
            href=_href(links.page, v, hide_editorial, hide_routine),
            text=VIEW_TITLES[v],
            current=v == view,
            name=v,
        )
        for v in VIEW_NAMES
    ]
    routine_toggle = Link(
        href=_href(links.page, view, hide_editorial, not hide_routine),
        text="Show routine changes" if hide_routine else "Set routine changes aside",
        current=hide_routine,
        name="routine",
    )
    toggle = Link(
        href=_href(links.page, view, not hide_editorial, hide_routine),
        text="Show editorial changes" if hide_editorial else "Hide editorial changes",
        current=hide_editorial,
        name="editorial",
    )
    return ComparePage(
        id=cid,
        title=f"{labels[0]} → {labels[1]}",
        left_label=labels[0],
        right_label=labels[1],
        view=view,
        views=views,
        hide_editorial=hide_editorial,
        editorial_toggle=toggle,
        hide_routine=hide_routine,
        routine_toggle=routine_toggle if comparison.summary.routine else None,
        counts=counts,
        flags=flags,
        summary=summary.text,
        sources=[
            _source(comparison.left, "left", labels[0]),
            _source(comparison.right, "right", labels[1]),
        ],
        change_count=summary.changed,
        first_change=next((r.anchor for r in rows if r.is_change), None),
        sections=_sections(comparison, rows),
        links=links,
    )
