"""Series -> the typed contexts of the series pages (no Flask, no markup): the form, the progress
page, the timeline, blame, a clause's history, and a standalone HTML timeline for the CLI.

Why here and not in ``diffsvc.views.series``: that module turns a Series into text and CSV for
the command line; this one shapes it for templates, as ``comparison.py`` does a Comparison. Links
arrive as one base path (``/s/<id>``) from the web layer; every other URL is built from it with
plain string formatting, because the timeline of twelve Government Work Reports has thousands of
cells and ``url_for`` for each would cost more than the rest of the page.

Version numbers in URLs and JSON are the model's indices (0 for the first version), as
``Thread.first`` and ``Step.left`` are; pages show them counted from 1 ("Version 3").

Sections of the timeline (collapsible, each with its heat strip): a new section starts at every
heading of the latest version's two upper levels (a clause other clauses are nested in, as the
Government Work Report's "一、…" and "（一）…"), and where the language changes (a bilingual
statement's Chinese and English halves). A statement without headings is one section per
language. Threads no longer in the latest version stay in the section of the thread they
followed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from pathlib import Path

import jinja2
from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, Field

from diffsvc.models import WORDING_EVENTS, Entry, Series, Thread
from diffsvc.text.quantities import Quantity, quantities
from diffsvc.views import STATIC, TEMPLATES
from diffsvc.views.contexts import Fragment
from diffsvc.views.fragments import inline_fragments
from diffsvc.views.series import EVENT_MARKS, labels, thread_text

# What each event is called on the pages (the legend, the cells' accessible names, blame).
EVENT_WORDS = {
    "first": "in the first version",
    "added": "added",
    "unchanged": "unchanged",
    "editorial": "editorial change only",
    "renumbered": "renumbered",
    "moved": "moved",
    "modified": "reworded",
    "split": "split",
    "merged": "merged",
    "removed": "removed",
    "returned": "back after a gap",
    "absent": "absent",
}
# Events that do not count as a change in the heat strip.
QUIET_EVENTS = frozenset({"unchanged", "absent"})
LANGUAGE_TITLES = {"zh": "中文 · Chinese", "en": "English", "und": "Other text"}
EXCERPT = 70
TITLE_CHARS = 60
# Quantity kinds a clause's history follows over time: amounts, not years, dates, ordinals or
# references (which are routine or names).
AMOUNT_KINDS = frozenset({"number", "percent", "points", "money"})
MAX_TRACKS = 12
# Heat levels: the share of a section's clauses changed in a version, in five steps.
HEAT_STEPS = (0, 10, 25, 50)


class _Page(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class VersionOption(_Page):
    """One version of a series as a choice: its index and its name."""

    index: int = Field(description="Index of the version in the series, from 0.")
    label: str = Field(description="The version's name: its label, file name or position.")
    href: str | None = Field(
        default=None, description="The version's page in this view (e.g. its blame), if any."
    )
    current: bool = Field(default=False, description="The version shown or chosen.")


class LegendItem(_Page):
    """One event in the timeline's legend."""

    event: str = Field(description="The event's name, e.g. 'modified'; also its CSS class.")
    mark: str = Field(description="The character its cells show, e.g. '~'.")
    text: str = Field(description="The event in words, e.g. 'reworded'.")


class TimelineCell(_Page):
    """One thread in one version."""

    event: str = Field(description="What happened to the thread on the way into this version.")
    mark: str = Field(description="The event's character, the cue besides colour.")
    word: str = Field(description="The event in words, the cell's accessible name.")
    href: str | None = Field(
        description="That step's comparison at the clause; None where the thread is absent or "
        "in a standalone page."
    )


class TimelineRow(_Page):
    """One thread: its current text, then a cell per version."""

    thread: int = Field(description="The thread's id (its place in the series' order).")
    number: int = Field(description="The thread's number as shown, from 1.")
    excerpt: str = Field(description="The start of the thread's text where it last stands.")
    language: str = Field(description="Language of that clause: zh, en or und.")
    history: str | None = Field(description="The thread's history page; None when standalone.")
    cells: list[TimelineCell] = Field(description="One per version, oldest first.")


class HeatCell(_Page):
    """How much of a section changed in one version (decoration; the text says the same)."""

    label: str = Field(description="The version's name.")
    share: int | None = Field(
        description="Percent of the section's threads whose cell is neither unchanged nor "
        "absent; None for the first version, where every clause is new."
    )
    level: int = Field(description="The share in five steps (0 to 4), for the strip's shade.")


class TimelineSection(_Page):
    """A run of threads under one heading of the latest version (or one language)."""

    title: str = Field(description="The heading's label and words, or the language.")
    anchor: str = Field(description="HTML id of the section.")
    language: str = Field(description="Language of the section's first clause.")
    rows: list[TimelineRow] = Field(description="The section's threads, in the series' order.")
    heat: list[HeatCell] = Field(description="The heat strip, one cell per version.")
    heat_text: str = Field(description="What the heat strip shows, in words.")
    changed: int = Field(description="Threads of the section that changed in any later version.")


class StepChooser(_Page):
    """The small form that opens the comparison of any two versions."""

    action: str = Field(description="Where the form sends its GET.")
    versions: list[VersionOption] = Field(description="The versions to choose from.")
    left: int = Field(description="The earlier version chosen at first (the one before last).")
    right: int = Field(description="The later version chosen at first (the last).")


class TimelinePage(_Page):
    """Context of series_timeline.html (and of the standalone timeline)."""

    title: str = Field(description="Page title: the first and last versions' names.")
    id: str | None = Field(description="Series id; None in a standalone page.")
    versions: list[VersionOption] = Field(description="The versions, the table's columns.")
    sections: list[TimelineSection] = Field(description="The threads, section by section.")
    legend: list[LegendItem] = Field(description="Every event with its mark and words.")
    thread_count: int = Field(description="Threads in all.")
    summary: str = Field(description="The series in one sentence.")
    chooser: StepChooser | None = Field(description="The step chooser; None when standalone.")
    json_url: str | None = Field(description="The JSON twin; None when standalone.")
    blame_url: str | None = Field(description="Blame of the latest version; None standalone.")
    delete_url: str | None = Field(
        default=None, description="The page that deletes the series; None when standalone."
    )
    permalink: str | None = Field(description="Absolute URL of the page; None when standalone.")


class BlameRow(_Page):
    """One clause of a version with where its wording comes from (also the JSON twin's row)."""

    clause: int = Field(description="Index of the clause in the version's document.")
    label: str | None = Field(description="The clause's numbering as written, if any.")
    text: str = Field(description="The clause as written.")
    language: str = Field(description="Language of the clause: zh, en or und.")
    thread: int = Field(description="Id of the clause's thread.")
    first: int = Field(description="Index of the version the thread first appears in.")
    first_label: str = Field(description="That version's name.")
    changed: int = Field(
        description="Index of the version, up to this one, whose wording of the clause this "
        "version still has: where it first appeared or was last reworded, split, merged or "
        "brought back in new words."
    )
    changed_label: str = Field(description="That version's name.")
    history: str | None = Field(description="Path of the thread's history page.")
    first_wording: str | None = Field(
        description="Path of the thread's history at the version it first appeared in."
    )


class BlameOut(_Page):
    """JSON twin of the blame page: each clause of one version with its origin."""

    id: str = Field(description="Series id.")
    version: int = Field(description="Index of the version blamed.")
    label: str = Field(description="That version's name.")
    rows: list[BlameRow] = Field(description="The version's clauses, in order.")


class BlamePage(_Page):
    """Context of series_blame.html."""

    title: str = Field(description="Page title.")
    id: str = Field(description="Series id.")
    version: int = Field(description="Index of the version blamed.")
    label: str = Field(description="Its name.")
    versions: list[VersionOption] = Field(description="Every version, each a link to its blame.")
    rows: list[BlameRow] = Field(description="The version's clauses with their origin.")
    timeline: str = Field(description="The series' timeline page.")
    json_url: str = Field(description="The JSON twin.")


class HistoryCell(_Page):
    """One version of a thread: its text there and the inline changes of the step into it."""

    version: int = Field(description="Index of the version.")
    label: str = Field(description="The version's name.")
    event: str = Field(description="What happened to the thread on the way into this version.")
    mark: str = Field(description="The event's character.")
    word: str = Field(description="The event in words.")
    clauses: list[int] = Field(description="The thread's clause indices in this version.")
    text: str | None = Field(description="The thread's text in this version; None if absent.")
    fragments: list[Fragment] = Field(
        description="The step's inline changes into this version (deleted and inserted runs); "
        "empty when there are none to show (first version, unchanged, back after a gap)."
    )
    step: str | None = Field(
        default=None, description="Path of the step's comparison at the clause, if any."
    )


class QuantityTrack(_Page):
    """One quantity of a clause followed through the versions."""

    context: str = Field(description="What the quantity counts, in the clause's words.")
    values: list[str | None] = Field(
        description="The quantity as written in each version; None where the clause is absent "
        "or does not state it."
    )
    changed: bool = Field(description="It differs between two versions that state it.")


class HistoryOut(_Page):
    """JSON twin of the history page: one thread version by version."""

    id: str = Field(description="Series id.")
    thread: int = Field(description="The thread's id.")
    first: int = Field(description="Index of the version the thread first appears in.")
    changed: int = Field(description="Index of the version whose wording is the current one.")
    last: int = Field(description="Index of the last version the thread is in.")
    cells: list[HistoryCell] = Field(description="One per version, oldest first.")
    quantities: list[QuantityTrack] = Field(description="Its quantities over time.")


class HistoryPage(_Page):
    """Context of series_history.html."""

    title: str = Field(description="Page title.")
    id: str = Field(description="Series id.")
    number: int = Field(description="The thread's number as shown, from 1.")
    excerpt: str = Field(description="The start of the thread's current text.")
    language: str = Field(description="Language of the thread's clause: zh, en or und.")
    versions: list[VersionOption] = Field(description="Every version.")
    history: HistoryOut = Field(description="The thread version by version.")
    since: str = Field(description="Where its wording comes from, in words.")
    timeline: str = Field(description="The series' timeline page, at this thread.")
    json_url: str = Field(description="The JSON twin.")
    prev: str | None = Field(description="The thread before, None for the first.")
    next: str | None = Field(description="The thread after, None for the last.")


class FormVersion(_Page):
    """One version of the series form, holding what was sent when it comes back."""

    index: int = Field(description="The row's index, the prefix of its field names (v<index>_).")
    number: int = Field(description="The row's number as shown, from 1.")
    label: str = Field(default="", description="The label as typed.")
    text: str = Field(default="", description="The pasted text as typed (escaped).")
    file_name: str | None = Field(
        default=None, description="The file chosen for it, which must be chosen again."
    )
    failed: bool = Field(default=False, description="The error is about this version.")


class SeriesFormError(_Page):
    """The problem a submitted series form came back with."""

    title: str = Field(description="Short title of the problem.")
    status: int = Field(description="HTTP status the form came back with.")
    code: str = Field(description="Stable problem code.")
    detail: str = Field(description="What went wrong, naming the version.")
    advice: str = Field(description="What to do next.")
    kept: str = Field(description="What the form still holds and what must be given again.")
    help_url: str = Field(description="The code's entry on the problems page.")


class SeriesFormPage(_Page):
    """Context of series_form.html: the versions of a new series."""

    title: str = Field(description="Page title.")
    action: str = Field(description="Where the form posts.")
    csrf_token: str = Field(description="Token the form posts back (CSRF protection).")
    rows: list[FormVersion] = Field(description="The versions' rows, in order.")
    max_versions: int = Field(description="Most versions a series may have.")
    max_megabytes: float = Field(description="Largest request accepted, in megabytes.")
    notice: str | None = Field(default=None, description="What the last action did, if any.")
    error: SeriesFormError | None = Field(default=None, description="Why the form came back.")


class SeriesProgressPage(_Page):
    """Context of series_progress.html: a series computed in the background."""

    title: str = Field(description="Page title.")
    id: str = Field(description="Series id.")
    state: str = Field(description="queued or running.")
    done: int = Field(description="Comparisons of consecutive versions made so far.")
    total: int = Field(description="Comparisons to make.")
    words: str = Field(description="Where it stands, in words.")
    status_url: str = Field(description="The API URL the page's script polls.")
    page_url: str = Field(description="This page, which shows the timeline once done.")


# ---------------------------------------------------------------------------------------------


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def legend() -> list[LegendItem]:
    """Every event, in the order a thread's life reads."""
    return [LegendItem(event=e, mark=m, text=EVENT_WORDS[e]) for e, m in EVENT_MARKS.items()]


def version_options(
    s: Series, href: str | None = None, current: int | None = None
) -> list[VersionOption]:
    """Each version as a choice; ``href`` with ``{k}`` in it gives each its page."""
    return [
        VersionOption(
            index=k,
            label=name,
            href=href.format(k=k) if href else None,
            current=k == current,
        )
        for k, name in enumerate(labels(s))
    ]


def _thread_language(s: Series, thread: Thread) -> str:
    cell = thread.cells[thread.last]
    return str(s.versions[thread.last].clauses[cell.clauses[0]].language)


def _sections(s: Series) -> list[tuple[str, str, list[Thread]]]:
    """The threads cut into sections (see the module's docstring): (title, language, threads)."""
    last = len(s.versions) - 1
    doc = s.versions[last]
    parents = {c.parent for c in doc.clauses if c.parent is not None}
    headings = {c.index for c in doc.clauses if c.level <= 1 and c.index in parents}
    languages = {str(c.language) for c in doc.clauses}
    sections: list[tuple[str, str, list[Thread]]] = []
    language: str | None = None
    for thread in s.threads:
        here = thread.cells[last].clauses
        if here:
            clause = doc.clauses[here[0]]
            lang = str(clause.language)
            if here[0] in headings:
                title = _short(f"{clause.label or ''} {clause.text}", TITLE_CHARS)
                sections.append((title, lang, []))
            elif language is not None and lang != language:
                sections.append((LANGUAGE_TITLES.get(lang, lang), lang, []))
            language = lang
        if not sections:
            sections.append(("Opening", _thread_language(s, thread), []))
        sections[-1][2].append(thread)
    if sections and sections[0][0] == "Opening" and len(languages) > 1:
        sections[0] = (LANGUAGE_TITLES.get(sections[0][1], "Opening"), *sections[0][1:])
    if len(sections) == 1:
        sections[0] = ("All clauses", *sections[0][1:])
    return sections


def _level(share: int) -> int:
    return sum(1 for step in HEAT_STEPS if share > step)


def _heat(names: Sequence[str], threads: Sequence[Thread]) -> tuple[list[HeatCell], str, int]:
    cells = [HeatCell(label=names[0], share=None, level=0)]
    said = []
    for v in range(1, len(names)):
        moved = sum(1 for t in threads if t.cells[v].event not in QUIET_EVENTS)
        share = round(100 * moved / len(threads)) if threads else 0
        cells.append(HeatCell(label=names[v], share=share, level=_level(share)))
        said.append(f"{names[v]} {share}%")
    text = "Share of this section's clauses changed in each version: " + ", ".join(said) + "."
    changed = sum(1 for t in threads if any(c.event not in QUIET_EVENTS for c in t.cells[1:]))
    return cells, text, changed


def _cell_href(base: str, s: Series, thread: Thread, v: int) -> str | None:
    cell = thread.cells[v]
    if cell.event == "absent":
        return None
    if v == 0:
        return f"{base}/step?from=0&to=1&left={cell.clauses[0]}"
    if cell.event == "removed":
        before = thread.cells[v - 1].clauses
        return f"{base}/step?from={v - 1}&to={v}&left={before[0]}"
    return f"{base}/step?from={v - 1}&to={v}&clause={cell.clauses[0]}"


def build_timeline(
    s: Series,
    *,
    sid: str | None = None,
    base: str | None = None,
    json_url: str | None = None,
    permalink: str | None = None,
) -> TimelinePage:
    """Shape ``s`` for the timeline; ``base`` is the series' path (``/s/<id>``), None for a
    standalone page without links."""
    names = labels(s)
    marks = {e: (m, EVENT_WORDS[e]) for e, m in EVENT_MARKS.items()}
    # Made without validation: thousands of cells, every field already of the right type.
    cell = TimelineCell.model_construct
    sections = []
    for n, (title, language, threads) in enumerate(_sections(s)):
        rows = []
        for thread in threads:
            cells = []
            for v, c in enumerate(thread.cells):
                mark, word = marks[c.event]
                href = _cell_href(base, s, thread, v) if base is not None else None
                cells.append(cell(event=c.event, mark=mark, word=word, href=href))
            rows.append(
                TimelineRow.model_construct(
                    thread=thread.id,
                    number=thread.id + 1,
                    excerpt=_short(thread_text(s, thread), EXCERPT),
                    language=_thread_language(s, thread),
                    history=f"{base}/t/{thread.id}" if base is not None else None,
                    cells=cells,
                )
            )
        heat, heat_text, changed = _heat(names, threads)
        sections.append(
            TimelineSection(
                title=title,
                anchor=f"sec-{n + 1}",
                language=language,
                rows=rows,
                heat=heat,
                heat_text=heat_text,
                changed=changed,
            )
        )
    last = len(names) - 1
    chooser = (
        StepChooser(action=f"{base}/step", versions=version_options(s), left=last - 1, right=last)
        if base is not None
        else None
    )
    return TimelinePage.model_construct(
        title=f"{names[0]} → {names[-1]}",
        id=sid,
        versions=version_options(s, f"{base}/blame/{{k}}" if base is not None else None),
        sections=sections,
        legend=legend(),
        thread_count=len(s.threads),
        summary=(
            f"{len(s.threads):,} clauses followed through {len(names)} versions, "
            f"from {names[0]} to {names[-1]}."
        ),
        chooser=chooser,
        json_url=json_url,
        blame_url=f"{base}/blame/{last}" if base is not None else None,
        delete_url=f"{base}/delete" if base is not None else None,
        permalink=permalink,
    )


# ---------------------------------------------------------------------------------------------
# Blame


def wording_since(s: Series, thread: Thread, version: int) -> int:
    """The version, up to ``version``, whose wording of the thread ``version`` still has:
    ``thread.changed`` when ``version`` is the thread's last. A clause back after a gap in the
    words it had before keeps the older date."""
    present = [v for v in range(version + 1) if thread.cells[v].clauses]

    def key(v: int) -> list[str]:
        return [s.versions[v].clauses[c].normalized for c in thread.cells[v].clauses]

    def reworded(v: int) -> bool:
        event = thread.cells[v].event
        if event != "returned":
            return event in WORDING_EVENTS
        before = max(p for p in present if p < v)
        return key(before) != key(v)

    return max(v for v in present if reworded(v))


def blame_rows(s: Series, version: int, base: str | None) -> list[BlameRow]:
    """Each clause of ``version``, in order, with the versions its wording comes from."""
    names = labels(s)
    doc = s.versions[version]
    of: dict[int, Thread] = {}
    for thread in s.threads:
        for c in thread.cells[version].clauses:
            of[c] = thread
    since: dict[int, int] = {}
    rows = []
    for clause in doc.clauses:
        thread = of[clause.index]
        if thread.id not in since:
            since[thread.id] = wording_since(s, thread, version)
        changed = since[thread.id]
        history = f"{base}/t/{thread.id}" if base is not None else None
        rows.append(
            BlameRow(
                clause=clause.index,
                label=clause.label,
                text=clause.text,
                language=str(clause.language),
                thread=thread.id,
                first=thread.first,
                first_label=names[thread.first],
                changed=changed,
                changed_label=names[changed],
                history=history,
                first_wording=f"{history}#v{thread.first}" if history else None,
            )
        )
    return rows


def build_blame(s: Series, version: int, *, sid: str, base: str) -> BlamePage:
    names = labels(s)
    return BlamePage(
        title=f"Blame of {names[version]}",
        id=sid,
        version=version,
        label=names[version],
        versions=version_options(s, f"{base}/blame/{{k}}", current=version),
        rows=blame_rows(s, version, base),
        timeline=base,
        json_url=f"{base}/blame/{version}.json",
    )


def blame_out(s: Series, version: int, *, sid: str, base: str) -> BlameOut:
    return BlameOut(
        id=sid, version=version, label=labels(s)[version], rows=blame_rows(s, version, base)
    )


# ---------------------------------------------------------------------------------------------
# A clause's history


def _step_entries(s: Series, thread: Thread, v: int) -> list[Entry]:
    """The entries of the step into version ``v`` that carry the thread there."""
    mine = set(thread.cells[v].clauses)
    return [e for e in s.steps[v - 1].alignment if mine.intersection(e.right)]


def _fragments(s: Series, thread: Thread, v: int) -> list[Fragment]:
    cell = thread.cells[v]
    if v == 0 or cell.entry is None or cell.event in ("unchanged", "renumbered", "moved"):
        return []
    left, right = s.versions[v - 1], s.versions[v]
    out: list[Fragment] = []
    for entry in _step_entries(s, thread, v):
        if out:
            out.append(Fragment(text="\n", mark="same", editorial=False))
        out += inline_fragments(
            entry,
            [left.clauses[i].text for i in entry.left],
            [right.clauses[i].text for i in entry.right],
        )
    return out if any(f.mark != "same" for f in out) else []


def history_out(s: Series, thread: Thread, *, sid: str, base: str | None) -> HistoryOut:
    names = labels(s)
    cells = []
    for v, cell in enumerate(thread.cells):
        text = thread_text(s, thread, v) if cell.clauses else None
        step = _cell_href(base, s, thread, v) if base is not None else None
        cells.append(
            HistoryCell(
                version=v,
                label=names[v],
                event=cell.event,
                mark=EVENT_MARKS[cell.event],
                word=EVENT_WORDS[cell.event],
                clauses=cell.clauses,
                text=text,
                fragments=_fragments(s, thread, v),
                step=step,
            )
        )
    return HistoryOut(
        id=sid,
        thread=thread.id,
        first=thread.first,
        changed=thread.changed,
        last=thread.last,
        cells=cells,
        quantities=quantity_tracks(s, thread),
    )


def build_history(s: Series, thread: Thread, *, sid: str, base: str) -> HistoryPage:
    names = labels(s)
    out = history_out(s, thread, sid=sid, base=base)
    since = f"First in {names[thread.first]}"
    if thread.changed != thread.first:
        since += f"; its wording dates from {names[thread.changed]}"
    else:
        since += "; its wording has not changed since"
    if thread.last != len(names) - 1:
        since += f"; last in {names[thread.last]}"
    n = thread.id
    return HistoryPage(
        title=f"Clause {n + 1}: {_short(thread_text(s, thread), 40)}",
        id=sid,
        number=n + 1,
        excerpt=_short(thread_text(s, thread), 40),
        language=_thread_language(s, thread),
        versions=version_options(s),
        history=out,
        since=since + ".",
        timeline=f"{base}#t{n}",
        json_url=f"{base}/t/{n}.json",
        prev=f"{base}/t/{n - 1}" if n > 0 else None,
        next=f"{base}/t/{n + 1}" if n + 1 < len(s.threads) else None,
    )


_YEAR = re.compile(r"-?\d{4}")


def _amounts(text: str) -> list[Quantity]:
    """The amounts of a text: not a year read as a number ("—2017年", a dash before it)."""
    return [
        q
        for q in quantities(text)
        if q.kind in AMOUNT_KINDS and not (q.kind == "number" and _YEAR.fullmatch(q.value))
    ]


def _same_runs(old: Sequence[Quantity], new: Sequence[Quantity]) -> dict[int, int]:
    """Which quantity of ``old`` each of ``new`` repeats: runs of equal amounts in the same order
    pair one for one. Amounts that changed are not paired by position: in a paragraph of twenty
    targets a changed growth rate and a changed jobless rate would swap places."""
    matcher = SequenceMatcher(a=[q.key for q in old], b=[q.key for q in new], autojunk=False)
    paired: dict[int, int] = {}
    for op, a1, a2, b1, _ in matcher.get_opcodes():
        if op == "equal":
            paired.update({b1 + k: a1 + k for k in range(a2 - a1)})
    return paired


def _context(text: str, q: Quantity, floor: int) -> str:
    """The few words before a quantity that say what it counts: back to the clause's break or
    the quantity before it (which ends at ``floor``), at most six words or twelve characters."""
    before = text[max(floor, q.start - 80) : q.start]
    for mark in ",，;；:：。!?！？、()（）\n":
        before = before.rsplit(mark, 1)[-1]
    if any("\u4e00" <= ch <= "\u9fff" for ch in before):
        return before.strip()[-12:]
    kept = before.split()[-6:]
    while kept and kept[-1].lower() in ("to", "by", "at", "of", "the", "a", "an", "and", "from"):
        kept.pop()
    return " ".join(kept)


def _named(text: str) -> list[tuple[Quantity, str]]:
    """The text's amounts, each with the words before it that say what it counts."""
    amounts = _amounts(text)
    ends = [0] + [q.end for q in amounts]
    return [(q, _context(text, q, ends[k])) for k, q in enumerate(amounts)]


def quantity_tracks(s: Series, thread: Thread) -> list[QuantityTrack]:
    """The clause's amounts followed through the versions it is in.

    An amount continues a track when the words before it name the same thing as they did in an
    earlier version ("国内生产总值增长 7.5% → 6.5%左右 → 5%左右"), each name once per version;
    an amount without such a name continues a track only where it is repeated unchanged among
    unchanged neighbours. Anything else starts a track of its own: a track broken in two is a
    lesser wrong than a growth target shown turning into a jobless rate. What a track counts is
    the engine's context of a number change where the steps have one, else those words in the
    latest version that states it.
    """
    present = [v for v, c in enumerate(thread.cells) if c.clauses]
    if len(present) < 2:
        return []  # nothing to follow over time
    tracks: list[dict[int, Quantity]] = []
    names: dict[str, int] = {}  # what an amount counts -> its track
    before: list[Quantity] = []
    before_tracks: dict[int, int] = {}  # index in the previous version's amounts -> track
    for v in present:
        named = _named(thread_text(s, thread, v))
        counts: dict[str, int] = {}
        for _, name in named:
            counts[name] = counts.get(name, 0) + 1
        repeats = _same_runs(before, [q for q, _ in named])
        now: dict[int, int] = {}
        for b, (q, name) in enumerate(named):
            unique = bool(name) and counts[name] == 1
            at = names.get(name) if unique else None
            if at is None and b in repeats:
                at = before_tracks.get(repeats[b])
            if at is None or v in tracks[at]:
                at = len(tracks)
                tracks.append({})
            tracks[at][v] = q
            now[b] = at
            if unique:
                names[name] = at
        before, before_tracks = [q for q, _ in named], now
    # The engine's context of each amount, by the amount as written; an amount written alike
    # with two contexts (7.5%左右 as the target and in its explanation) has none here.
    said: dict[str, set[str]] = {}
    for v in present[1:]:
        for entry in _step_entries(s, thread, v):
            for change in entry.changes:
                if change.kind == "number" and change.context:
                    said.setdefault(change.right or change.left or "", set()).add(change.context)
    engine = {text: next(iter(contexts)) for text, contexts in said.items() if len(contexts) == 1}
    out = []
    for track in tracks:
        latest = max(track)
        q = track[latest]
        text = thread_text(s, thread, latest)
        floor = max((p.end for p in _amounts(text) if p.end <= q.start), default=0)
        context = (
            next((engine[t.text] for t in track.values() if engine.get(t.text)), None)
            or _context(text, q, floor)
            or "amount"
        )
        values = [track[v].text if v in track else None for v in range(len(thread.cells))]
        stated = {track[v].key for v in track}
        out.append(QuantityTrack(context=context, values=values, changed=len(stated) > 1))
    out.sort(key=lambda t: not t.changed)  # stable: the changed ones first, in reading order
    return out[:MAX_TRACKS]


# ---------------------------------------------------------------------------------------------
# Standalone HTML (the CLI's --format html)

_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)


def _css() -> Markup:
    """The timeline's stylesheet, inlined: the service's own file, never user text."""
    return Markup((Path(STATIC) / "series.css").read_text(encoding="utf-8"))


def series_html(s: Series) -> str:
    """One self-contained HTML page of the timeline: stylesheet inline, no script, no link
    out of the page."""
    page = build_timeline(s)
    return _ENV.get_template("series_standalone.html").render(
        page=page, css=_css(), version=s.version
    )


def progress_page(
    *, sid: str, state: str, done: int, total: int, status_url: str, page_url: str
) -> SeriesProgressPage:
    """The page a series shows while it is computed."""
    if state == "queued":
        words = "Waiting for a worker to start comparing the versions."
    else:
        words = f"Compared {done} of {total} pairs of consecutive versions."
    return SeriesProgressPage(
        title="Comparing the versions…",
        id=sid,
        state=state,
        done=done,
        total=max(total, 1),
        words=words,
        status_url=status_url,
        page_url=page_url,
    )
