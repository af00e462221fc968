"""A Series for people outside the browser: the timeline as text, and one row per thread and
version as CSV (for a spreadsheet)."""

from __future__ import annotations

import csv
import io

from diffsvc.models import Series, Thread

# One character per event, so a thread's life reads as a line: ●==~~-·↻
EVENT_MARKS = {
    "first": "●",
    "added": "+",
    "unchanged": "=",
    "editorial": "e",
    "renumbered": "#",
    "moved": "m",
    "modified": "~",
    "split": "<",
    "merged": ">",
    "removed": "-",
    "returned": "↻",
    "absent": "·",
}
LEGEND = (
    "● in the first version  + added  = unchanged  e editorial  # renumbered  m moved  "
    "~ reworded  < split  > merged  - removed  ↻ back after a gap  · absent"
)
EXCERPT = 70


def labels(s: Series) -> list[str]:
    """Each version's name: its label, else its file name, else its position."""
    return [d.source.label or d.source.filename or f"v{k + 1}" for k, d in enumerate(s.versions)]


def thread_text(s: Series, thread: Thread, version: int | None = None) -> str:
    """The thread's clause text in ``version`` (default: the last version it is in)."""
    v = thread.last if version is None else version
    return "\n".join(s.versions[v].clauses[c].text for c in thread.cells[v].clauses)


def series_text(s: Series) -> str:
    """The timeline: a line per thread, a mark per version, then where its wording dates from
    and the text it has now.

    >>> from diffsvc.engine.series import series
    >>> timeline = series_text(series(["1. Meet.", "1. Meet often."], labels=["2023", "2024"]))
    >>> timeline.splitlines()[-1]
    '   1 ●~  2023 → 2024  Meet often.'
    """
    names = labels(s)
    lines = [f"versions: {', '.join(names)}", LEGEND, ""]
    for thread in s.threads:
        marks = "".join(EVENT_MARKS[c.event] for c in thread.cells)
        since = names[thread.first]
        if thread.changed != thread.first:
            since += f" → {names[thread.changed]}"
        if thread.last != len(names) - 1:
            since += f", last in {names[thread.last]}"
        text = " ".join(thread_text(s, thread).split())
        if len(text) > EXCERPT:
            text = text[: EXCERPT - 1] + "…"
        lines.append(f"{thread.id + 1:4d} {marks}  {since}  {text}")
    return "\n".join(lines) + "\n"


def series_csv(s: Series) -> str:
    """One row per thread and version: what happened to the thread there and its text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["thread", "version", "label", "event", "clauses", "text"])
    names = labels(s)
    for thread in s.threads:
        for v, cell in enumerate(thread.cells):
            writer.writerow(
                [
                    thread.id + 1,
                    v + 1,
                    names[v],
                    cell.event,
                    " ".join(str(c + 1) for c in cell.clauses),
                    thread_text(s, thread, v) if cell.clauses else "",
                ]
            )
    return out.getvalue()
