"""Comparison -> typed view model for the HTML pages (no Flask, no markup).

The HTML views are one more consumer of the ``Comparison`` the JSON API serves (STYLE.md rule 3):
this module only re-shapes it. Side by side, inline redline and changes-only all read the same
``RowView`` list; a moved clause also leaves a *ghost* row at its other position, so each end can
link to the other. Span texts are cut back into per-clause fragments here, because a split or
merged entry joins its clauses with a newline.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Literal
from urllib.parse import urlencode

from diffsvc.models import (
    FORMAT_WORDS,
    Change,
    CompareOptions,
    Comparison,
    Document,
    Entry,
    Op,
    TrackedChanges,
)
from diffsvc.views.contexts import (
    VIEW_NAMES,
    ChangeItem,
    ClauseView,
    CompareLinks,
    ComparePage,
    Count,
    FilterOption,
    Fragment,
    Link,
    Mark,
    NoteView,
    OverviewCell,
    PagerView,
    PageState,
    RowGroup,
    RowView,
    SectionView,
    SourceView,
    ViewName,
)
from diffsvc.views.fragments import cut_by_clause, inline_fragments, side_pieces
from diffsvc.views.pages import SETTINGS

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
REPAIR_WORDS = {
    "pinyin": ("pinyin annotation removed", "pinyin annotations removed"),
    "wraps": ("wrapped line joined", "wrapped lines joined"),
    "hyphens": ("hyphen put back in a compound", "hyphens put back in compounds"),
    "figure_spaces": (
        "space between a figure and Chinese removed",
        "spaces between figures and Chinese removed",
    ),
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


def _clauses(
    doc: Document, indices: Sequence[int], side: str, entry: Entry, translations: bool
) -> list[ClauseView]:
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
            doc.clauses[other].text
            if translations and other is not None and 0 <= other < len(doc.clauses)
            else None
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


def _row(comparison: Comparison, n: int, entry: Entry, translations: bool) -> RowView:
    left = _clauses(comparison.left, entry.left, "left", entry, translations)
    right = _clauses(comparison.right, entry.right, "right", entry, translations)
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


LISTED = 3  # quantities (or names) added or dropped alone that a row lists one by one
FOLDED = {"number": "quantities", "reference": "references"}  # what folds past LISTED


def _notes(changes: list[Change]) -> list[NoteView]:
    """A row's notes in reading order. A rewritten paragraph can add a dozen quantities that pair
    with nothing ("一年 added", "第三个 added", …), and a rewritten communiqué paragraph as many
    names ("G7 added", "COVID-19 dropped"): past LISTED of one kind, they are one line per kind
    and direction, after the changes that pair old with new, so those stay in sight. The JSON
    keeps each one.

    >>> added = [Change(kind="number", right=n, note=f"{n} added") for n in "1234"]
    >>> [n.text for n in _notes(added)]
    ['quantities added: 1, 2, 3, 4']
    >>> names = [Change(kind="reference", left=n, note=f"{n} dropped") for n in ("G7", "G20")]
    >>> [n.text for n in _notes(names + added[:1])]
    ['G7 dropped', 'G20 dropped', '1 added']
    """

    def alone(change: Change) -> tuple[str, str] | None:
        if change.kind not in FOLDED or (change.left is None) == (change.right is None):
            return None
        return change.kind, "added" if change.left is None else "dropped"

    # An editorial note says only what the entry's mark says, but for words moved next door,
    # whose note says where they went.
    shown = [c for c in changes if c.kind != "editorial" or c.said_in is not None]
    counts = Counter(alone(c) for c in shown)
    folded = [
        (kind, d) for kind in FOLDED for d in ("dropped", "added") if counts[(kind, d)] > LISTED
    ]
    notes = [_note(c) for c in shown if alone(c) not in folded]
    for kind, direction in folded:
        # Each once, in reading order: a merged paragraph drops "Section 232" five times.
        said = (c.right or c.left or "" for c in shown if alone(c) == (kind, direction))
        listed = ", ".join(dict.fromkeys(said))
        text = f"{FOLDED[kind]} {direction}: {listed}"
        notes.append(NoteView(kind=kind, text=text, badge=NOTE_BADGES.get(kind, "")))
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


def settings_words(options: CompareOptions) -> list[str]:
    """The settings a comparison was made with where they differ from the defaults, in words:
    a reader of a shared link must know it was not compared the usual way.

    >>> settings_words(CompareOptions(move_threshold=0.7, zh_granularity="word"))
    ['move threshold 0.7 (default 0.8)', 'Chinese changes by words']
    """
    words = [
        f"{s.label.lower()} {getattr(options, s.name):g} (default {s.default:g})"
        for s in SETTINGS
        if getattr(options, s.name) != s.default
    ]
    if options.zh_granularity == "word":
        words.append("Chinese changes by words")
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


class Positions:
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


def ghost_after(alignment: Sequence[Entry], n: int, at: Positions) -> tuple[int, str]:
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


# A page renders at most this many rows, so a 20,000-clause comparison costs a bounded page:
# longer comparisons are cut into pages, and the change list and the overview bar reach them.
PAGE_ROWS = 1000
# In the changes view an unchanged run up to this long folds in place; a longer one is a link
# to side by side, which carries its text.
FOLD_SHOWN = 50
OVERVIEW_CELLS = 100
EXCERPT = 48

FILTERS: tuple[tuple[str, str], ...] = (
    ("added", "Added"),
    ("removed", "Removed"),
    ("reworded", "Reworded"),
    ("moved", "Moved"),
    ("renumbered", "Renumbered"),
    ("numbers", "Numbers"),
    ("commitments", "Commitments"),
    ("votes", "Votes"),
    ("one-language", "One language only"),
    ("editorial", "Editorial"),
)
FILTER_NAMES = frozenset(name for name, _ in FILTERS)
# The overview bar colours a slice by the kind of change most frequent in it; ties go to the
# kind earlier here, the one a reader would least like to miss.
OVERVIEW_KINDS = ("removed", "added", "reworded", "moved", "editorial")


def entry_kinds(entry: Entry) -> list[str]:
    """The filter names an entry's change answers to, in FILTERS order.

    >>> entry_kinds(Entry(op=Op.modified, left=[0], right=[0], language="en", similarity=0.9,
    ...     moved=True, changes=[Change(kind="modality", note="will → may")]))
    ['reworded', 'moved', 'commitments']
    """
    if not entry.changed:
        return []
    kinds = set()
    if entry.op == Op.added:
        kinds.add("added")
    elif entry.op == Op.removed:
        kinds.add("removed")
    elif entry.op != Op.unchanged and not entry.editorial:
        kinds.add("reworded")
    for flag in ("moved", "renumbered", "editorial"):
        if getattr(entry, flag):
            kinds.add(flag)
    for change in entry.changes:
        if change.kind in ("number", "reference"):
            kinds.add("numbers")
        elif change.kind == "modality":
            kinds.add("commitments")
        elif change.kind in ("asymmetric", "translation"):
            kinds.add("one-language")
        elif change.kind == "vote":
            kinds.add("votes")
    return [name for name, _ in FILTERS if name in kinds]


def searchable(text: str) -> str:
    """Text as the search compares it: compatibility forms folded (full-width letters and
    digits match their ASCII twins) and case ignored. The page's script folds the same way.

    >>> searchable("ＧＤＰ增长") == searchable("gdp增长")
    True
    """
    return unicodedata.normalize("NFKC", text).casefold()


def state_from_query(query: Mapping[str, list[str]], path_view: str | None) -> PageState:
    """The reader's choices from a page URL. Anything unknown falls back to the default rather
    than failing: an old or hand-edited link still opens the comparison.

    >>> state_from_query({"view": ["bogus"], "kind": ["numbers", "x"]}, None).model_dump(
    ...     include={"view", "kinds"})
    {'view': 'side', 'kinds': ('numbers',)}
    """

    def one(key: str) -> str:
        values = query.get(key) or [""]
        return values[0]

    chosen = path_view or one("view")
    view = next((v for v in VIEW_NAMES if v == chosen), "side")
    kinds = tuple(name for name, _ in FILTERS if name in set(query.get("kind", [])))
    at = one("at")
    page = one("page")
    return PageState(
        view=view,
        hide_editorial=one("editorial") == "hide",
        hide_routine=one("routine") == "hide",
        translations=one("tr") == "show",
        kinds=kinds,
        query=" ".join(one("q").split())[:200],
        at=at if _ANCHOR.fullmatch(at) else None,
        page=int(page) if page.isdigit() and len(page) < 7 else None,
    )


_ANCHOR = re.compile(r"e\d{1,7}")


def query_string(state: PageState, **extra: str) -> str:
    """The URL query that carries ``state`` (defaults left out), plus ``extra`` parameters."""
    pairs: list[tuple[str, str]] = []
    if state.hide_editorial:
        pairs.append(("editorial", "hide"))
    if state.hide_routine:
        pairs.append(("routine", "hide"))
    if state.translations:
        pairs.append(("tr", "show"))
    pairs += [("kind", k) for k in state.kinds]
    if state.query:
        pairs.append(("q", state.query))
    if state.at:
        pairs.append(("at", state.at))
    if state.page:
        pairs.append(("page", str(state.page)))
    pairs += list(extra.items())
    return urlencode(pairs)


def _href(page: str, state: PageState, fragment: str | None = None, **extra: str) -> str:
    query = query_string(state, **extra)
    url = f"{page}/{state.view}" + (f"?{query}" if query else "")
    return url + (f"#{fragment}" if fragment else "")


class _Layout:
    """The whole comparison's display order, read once per request without building any row:
    which entry (or ghost) comes where, which changes the reader's choices leave in view, and
    how the rows fall into pages. Building rows is the costly part, and only one page's are
    built."""

    def __init__(self, comparison: Comparison, state: PageState) -> None:
        alignment = comparison.alignment
        self.comparison = comparison
        self.state = state
        positions = Positions(alignment)
        self.ghost_side: dict[int, str] = {}
        ghosts: dict[int, list[int]] = {}
        for n, entry in enumerate(alignment):
            if entry.moved and entry.left and entry.right:
                after, side = ghost_after(alignment, n, positions)
                ghosts.setdefault(after, []).append(n)
                self.ghost_side[n] = side
        flat = [(g, True) for g in ghosts.get(-1, [])]
        for n in range(len(alignment)):
            flat.append((n, False))
            flat.extend((g, True) for g in ghosts.get(n, []))
        order: list[str] = []
        by_lang: dict[str, list[tuple[int, bool]]] = {}
        for item in flat:
            lang = alignment[item[0]].language
            if lang not in by_lang:
                order.append(lang)
            by_lang.setdefault(lang, []).append(item)
        # (entry index, is ghost), in the order the page shows them
        self.items = [item for lang in order for item in by_lang[lang]]
        self.kinds = [entry_kinds(e) for e in alignment]
        self.stops = [self._stops(n) for n in range(len(alignment))]
        self.windows = self._windows()
        self.position = {n: k for k, (n, ghost) in enumerate(self.items) if not ghost}

    def shown_change(self, n: int) -> bool:
        """A change the hidden kinds leave a change: editorial-only ones drop out when
        editorial changes are hidden (unless they also moved or were renumbered), and routine
        ones when those are set aside."""
        entry = self.comparison.alignment[n]
        if not entry.changed:
            return False
        if self.state.hide_editorial and entry.editorial and not (entry.moved or entry.renumbered):
            return False
        return not (self.state.hide_routine and entry.routine)

    def _stops(self, n: int) -> bool:
        if not self.shown_change(n):
            return False
        state = self.state
        if state.kinds and not set(self.kinds[n]) & set(state.kinds):
            return False
        if state.query:
            entry = self.comparison.alignment[n]
            texts = [self.comparison.left.clauses[i].text for i in entry.left]
            texts += [self.comparison.right.clauses[i].text for i in entry.right]
            if searchable(state.query) not in searchable("\n".join(texts)):
                return False
        return True

    def quiet(self, k: int) -> bool:
        """Folded in the changes view: an entry that did not change (ghosts always show)."""
        n, ghost = self.items[k]
        return not ghost and not self.comparison.alignment[n].changed

    def _windows(self) -> list[tuple[int, int]]:
        total = len(self.items)
        if self.state.view != "changes":
            return [(a, min(a + PAGE_ROWS, total)) for a in range(0, total, PAGE_ROWS)] or [(0, 0)]
        # The changes view renders changed rows, short folds whole and long folds as one link:
        # a page holds PAGE_ROWS rendered rows, cut only between a change and a fold.
        windows: list[tuple[int, int]] = []
        start, weight, k = 0, 0, 0
        while k < total:
            end = k + 1
            if self.quiet(k):
                while end < total and self.quiet(end):
                    end += 1
            run = end - k
            cost = 1 if not self.quiet(k) or run > FOLD_SHOWN else run
            if weight and weight + cost > PAGE_ROWS:
                windows.append((start, k))
                start, weight = k, 0
            weight += cost
            k = end
        windows.append((start, total))
        return windows

    def window_of(self, k: int) -> int:
        return next(w for w, (a, b) in enumerate(self.windows) if a <= k < b or b == a)

    def current_window(self) -> int:
        state = self.state
        if state.page:
            return min(state.page, len(self.windows)) - 1
        if state.at is not None and int(state.at[1:]) in self.position:
            return self.window_of(self.position[int(state.at[1:])])
        return 0

    def step(self, origin: str | None, forward: bool) -> str | None:
        """The change after (or before) ``origin`` that the reader's choices keep; from the
        start (or the end) when there is no origin, round to the other end at the last."""
        order = [n for n, ghost in self.items if not ghost]
        stops = [n for n in order if self.stops[n]]
        if not stops:
            return None
        if not forward:
            order.reverse()
            stops.reverse()
        if origin is not None and _ANCHOR.fullmatch(origin) and int(origin[1:]) in self.position:
            start = order.index(int(origin[1:]))
            after = next((n for n in order[start + 1 :] if self.stops[n]), stops[0])
            return f"e{after}"
        return f"e{stops[0]}"


def _excerpt(row: RowView) -> str:
    """The first change of a row in a few words: 'will → may', or the start of an added,
    removed or moved clause.

    >>> frags = [Fragment(text="We ", mark="same", editorial=False),
    ...          Fragment(text="will", mark="del", editorial=False),
    ...          Fragment(text="may", mark="ins", editorial=False)]
    >>> _excerpt(RowView.model_construct(inline=frags))
    'will → may'
    """
    # The first substantive change, not a quote mark straightened before it: the Thailand →
    # Viet Nam framework's first paragraph changes “the United States” to (the United States)
    # before it names the other partner. An editorial change only where there is nothing else.
    parts = _first_change(row, editorial=False) or _first_change(row, editorial=True)
    text = " → ".join(" ".join(p.split()) for p in parts[:2]) or " ".join(
        "".join(f.text for f in row.inline).split()
    )
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def _first_change(row: RowView, *, editorial: bool) -> list[str]:
    """The texts of a row's first run of changed fragments, editorial ones counted only if
    ``editorial``."""
    parts: list[str] = []
    for frag in row.inline:
        if frag.mark == "same" or (frag.editorial and not editorial):
            if parts:
                break
            continue
        if frag.text.strip():
            parts.append(frag.text)
    return parts


def _position_label(comparison: Comparison, entry: Entry) -> str:
    if entry.right:
        return f"¶ {entry.right[0] + 1} in {side_label(comparison.right, 'Right')}"
    return f"¶ {entry.left[0] + 1} in {side_label(comparison.left, 'Left')}"


def _overview(layout: _Layout, page: str, window: tuple[int, int]) -> list[OverviewCell]:
    items, state = layout.items, layout.state
    total = len(items)
    cells = min(OVERVIEW_CELLS, total)
    paged = len(layout.windows) > 1
    out = []
    for c in range(cells):
        a, b = c * total // cells, (c + 1) * total // cells
        entries = [n for n, ghost in items[a:b] if not ghost and layout.stops[n]]
        tally = Counter(k for n in entries for k in layout.kinds[n] if k in OVERVIEW_KINDS)
        kind = max(OVERVIEW_KINDS, key=lambda k: (tally[k], -OVERVIEW_KINDS.index(k)))
        if not entries:
            kind, href = "", None
        elif window[0] <= layout.position[entries[0]] < window[1]:
            href = f"#{state.view}-e{entries[0]}"
            kind = kind if tally[kind] else "moved"
        else:
            first = f"e{entries[0]}"
            href = _href(
                page, state.model_copy(update={"at": first, "page": None}), f"{state.view}-{first}"
            )
            kind = kind if tally[kind] else "moved"
        n_changes = len(entries)
        title = f"Rows {a + 1}–{b} of {total}: " + (
            f"{n_changes} change{'' if n_changes == 1 else 's'}" if n_changes else "no changes"
        )
        out.append(
            OverviewCell(
                kind=kind, href=href, title=title, here=paged and window[0] < b and a < window[1]
            )
        )
    return out


def _pager(layout: _Layout, page: str, current: int) -> PagerView | None:
    if len(layout.windows) < 2:
        return None
    state = layout.state.model_copy(update={"at": None})
    links = []
    for w, (a, b) in enumerate(layout.windows):
        stops = sum(1 for n, ghost in layout.items[a:b] if not ghost and layout.stops[n])
        text = f"{w + 1}: rows {a + 1}–{b}, {stops} change{'' if stops == 1 else 's'}"
        href = _href(page, state.model_copy(update={"page": w + 1}))
        links.append(Link(href=href, text=text, current=w == current, name=str(w + 1)))
    return PagerView(
        current=current + 1,
        pages=links,
        prev=links[current - 1].href if current > 0 else None,
        next=links[current + 1].href if current + 1 < len(links) else None,
    )


def _groups(
    layout: _Layout, rows: Sequence[RowView], ks: Sequence[int], page: str
) -> list[RowGroup]:
    runs: list[tuple[bool, list[RowView], list[int]]] = []
    for row, k in zip(rows, ks, strict=True):
        quiet = layout.quiet(k)
        if quiet and runs and runs[-1][0]:
            runs[-1][1].append(row)
            runs[-1][2].append(k)
        else:
            runs.append((quiet, [row], [k]))
    groups = []
    for quiet, group, where in runs:
        if quiet and len(group) > FOLD_SHOWN:
            first = group[0].anchor
            side = layout.state.model_copy(
                update={"view": "side", "page": where[0] // PAGE_ROWS + 1, "at": None}
            )
            href = _href(page, side, f"side-{first}")
            groups.append(RowGroup(collapsed=True, rows=[], count=len(group), href=href))
        else:
            groups.append(RowGroup(collapsed=quiet, rows=group, count=len(group)))
    return groups


def side_label(doc: Document, default: str) -> str:
    """The user's name for a side, or ``default`` ("Left"/"Right") when none was given."""
    return doc.source.label or doc.source.filename or default


def step(comparison: Comparison, state: PageState, origin: str | None, forward: bool) -> str | None:
    """The anchor of the change Next (or Prev) goes to from ``origin``, under the reader's
    choices; None when no change is left in view."""
    return _Layout(comparison, state).step(origin, forward)


def build_compare_page(
    comparison: Comparison,
    *,
    cid: str,
    state: PageState,
    links: CompareLinks,
) -> ComparePage:
    """Shape ``comparison`` for compare.html; ``links`` come from the web layer's url_for."""
    labels = (side_label(comparison.left, "Left"), side_label(comparison.right, "Right"))
    layout = _Layout(comparison, state)
    current = layout.current_window()
    window = layout.windows[current]
    page = links.page
    view = state.view
    shown = layout.items[window[0] : window[1]]
    rows = []
    for n, ghost in shown:
        if ghost:
            rows.append(_ghost_row(comparison, n, layout.ghost_side[n], labels))
        else:
            row = _row(comparison, n, comparison.alignment[n], state.translations)
            link = None
            if n in layout.ghost_side:
                where = labels[0] if layout.ghost_side[n] == "left" else labels[1]
                link = {"link": f"g{n}", "link_text": f"Moved: see where it stood in {where}"}
            rows.append(
                row.model_copy(
                    update={
                        "stop": layout.stops[n],
                        "kinds": layout.kinds[n],
                        **(link or {}),
                    }
                )
            )
    ks = list(range(window[0], window[1]))
    summary = comparison.summary
    counts = [Count(op=op, label=label, value=getattr(summary, op)) for op, label in COUNT_LABELS]
    flags = [Count(op=op, label=label, value=getattr(summary, op)) for op, label in FLAG_LABELS]
    if summary.asymmetric:  # only bilingual documents can have these: no "0" for the others
        flags.append(Count(op="asymmetric", label=ASYMMETRIC_LABEL, value=summary.asymmetric))
    # Switching view keeps the reader's place: the change they are at, else this page's start.
    origin = state.at or (f"e{shown[0][0]}" if shown else None)
    views = [
        Link(
            href=_href(
                page,
                state.model_copy(update={"view": v, "page": None, "at": origin}),
                f"{v}-{state.at}" if state.at else None,
            ),
            text=VIEW_TITLES[v],
            current=v == view,
            name=v,
        )
        for v in VIEW_NAMES
    ]
    here = state.model_copy(update={"page": None})

    def toggle(field: str, text: str, name: str) -> Link:
        flipped = here.model_copy(update={field: not getattr(state, field)})
        return Link(href=_href(page, flipped), text=text, current=getattr(state, field), name=name)

    has_translations = any(
        c.counterpart is not None for c in (*comparison.left.clauses, *comparison.right.clauses)
    )
    change_items = [
        ChangeItem(
            anchor=row.anchor,
            href=f"#{view}-{row.anchor}",
            label=row.label or _position_label(comparison, comparison.alignment[n]),
            badge=row.badge or ("renumbered" if row.renumbered else "editorial"),
            kinds=row.kinds,
            excerpt=_excerpt(row),
            language=comparison.alignment[n].language,
            stop=row.stop,
        )
        for row, (n, ghost) in zip(rows, shown, strict=True)
        if not ghost and row.is_change
    ]
    kind_totals = Counter(k for kinds in layout.kinds for k in kinds)

    filters = [
        FilterOption(name=name, label=label, count=kind_totals[name], checked=name in state.kinds)
        for name, label in FILTERS
        if kind_totals[name] or name in state.kinds
    ]
    nav = here.model_copy(update={"at": None})
    at = state.at or ""
    query = query_string(state)
    swap_query = query_string(state.model_copy(update={"at": None, "page": None}), view=view)
    return ComparePage(
        id=cid,
        title=f"{labels[0]} → {labels[1]}",
        left_label=labels[0],
        right_label=labels[1],
        view=view,
        state=state,
        views=views,
        hide_editorial=state.hide_editorial,
        editorial_toggle=toggle("hide_editorial", "Hide editorial changes", "editorial"),
        hide_routine=state.hide_routine,
        routine_toggle=(
            toggle("hide_routine", "Set routine changes aside", "routine")
            if summary.routine
            else None
        ),
        translation_toggle=(
            toggle("translations", "Show translations", "translations")
            if has_translations
            else None
        ),
        counts=counts,
        flags=flags,
        summary=summary.text,
        settings=settings_words(comparison.options),
        sources=[
            _source(comparison.left, "left", labels[0]),
            _source(comparison.right, "right", labels[1]),
        ],
        change_count=summary.changed,
        stop_count=sum(layout.stops),
        prev_href=_href(page, nav, None, before=at),
        next_href=_href(page, nav, None, after=at),
        changes=change_items,
        filters=filters,
        overview=_overview(layout, page, window),
        pager=_pager(layout, page, current),
        form_action=f"{page}/{view}",
        sections=_sections(comparison, layout, rows, ks, page, continued=window[0] > 0),
        links=links.model_copy(update={"swap": f"{links.swap}?{swap_query}"}),
        permalink=f"{links.permalink}/{view}" + (f"?{query}" if query else ""),
    )


def _ghost_row(comparison: Comparison, n: int, side: str, labels: tuple[str, str]) -> RowView:
    entry = comparison.alignment[n]
    doc, indices = (
        (comparison.left, entry.left) if side == "left" else (comparison.right, entry.right)
    )
    here = doc.clauses[indices[0]].label or "This clause"
    where = labels[0] if side == "left" else labels[1]
    verb = "stood" if side == "left" else "stands"
    return RowView(
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


def _sections(
    comparison: Comparison,
    layout: _Layout,
    rows: Sequence[RowView],
    ks: Sequence[int],
    page: str,
    *,
    continued: bool,
) -> list[SectionView]:
    order: list[str] = []
    by_lang: dict[str, tuple[list[RowView], list[int]]] = {}
    for row, k in zip(rows, ks, strict=True):
        lang = comparison.alignment[layout.items[k][0]].language
        if lang not in by_lang:
            order.append(lang)
            by_lang[lang] = ([], [])
        by_lang[lang][0].append(row)
        by_lang[lang][1].append(k)
    return [
        SectionView(
            language=lang,
            title=LANGUAGE_TITLES.get(lang, lang),
            anchor=f"lang-{lang}",
            continued=continued and i == 0,
            rows=by_lang[lang][0],
            groups=(
                _groups(layout, *by_lang[lang], page) if layout.state.view == "changes" else []
            ),
        )
        for i, lang in enumerate(order)
    ]
