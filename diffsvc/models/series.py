"""What ``series`` makes of several versions of one statement: the versions, the comparison of
each version with the next, and every clause's life through them (its *thread*).

Same style as ``Comparison``: pure data, every field described, the JSON is the contract.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from diffsvc.models.base import Model
from diffsvc.models.comparison import CompareOptions, Entry, Summary, Version
from diffsvc.models.document import Document

MAX_VERSIONS = 50

ThreadEvent = Literal[
    "first",
    "added",
    "unchanged",
    "editorial",
    "renumbered",
    "moved",
    "modified",
    "split",
    "merged",
    "removed",
    "returned",
    "absent",
]
# Events after which a clause reads differently from before: the ones blame points at.
WORDING_EVENTS: frozenset[str] = frozenset(
    {"first", "added", "modified", "split", "merged", "returned"}
)


class Step(Model):
    """The comparison of one version with the next (the documents are the series')."""

    left: int = Field(description="Index of the earlier version in ``versions``.")
    right: int = Field(description="Index of the later version: ``left + 1``.")
    alignment: list[Entry] = Field(
        description="The alignment, exactly as ``compare`` gives it for these two versions."
    )
    summary: Summary = Field(description="That comparison's counts.")


class ThreadCell(Model):
    """One thread in one version."""

    clauses: list[int] = Field(
        description="Indices of the thread's clauses in this version's document; two or more "
        "after a split or before a merge, none when the thread is absent."
    )
    event: ThreadEvent = Field(
        description="What happened to the thread on the way into this version: first (present "
        "in the first version), added, unchanged, editorial (punctuation, width, script or "
        "spacing only), renumbered, moved, modified, split, merged, removed (gone in this "
        "version), returned (back after one or more versions without it), absent."
    )
    entry: int | None = Field(
        default=None,
        description="Index of the entry of the step into this version that carries the thread "
        "(its inline changes); None in the first version, where the thread is absent, and where "
        "it returned after a gap.",
    )


class Thread(Model):
    """A clause's life through the versions: one cell per version."""

    id: int = Field(description="The thread's number, in the order the timeline shows them.")
    cells: list[ThreadCell] = Field(description="One per version, in order.")
    first: int = Field(description="Index of the version the thread first appears in.")
    changed: int = Field(
        description="Index of the version whose wording of the clause is the current one: "
        "where it first appeared or was last reworded, split, merged or brought back."
    )
    last: int = Field(description="Index of the last version the thread is present in.")


class Series(Model):
    """Several versions of a statement, their consecutive comparisons and their clauses'
    threads. Every clause of every version belongs to exactly one thread."""

    version: Version
    versions: list[Document] = Field(
        description="The versions in order, oldest first; each document's source carries its label."
    )
    steps: list[Step] = Field(description="Version k compared with version k + 1, for each k.")
    threads: list[Thread] = Field(
        description="Every clause's thread, in the order of the latest version, with threads "
        "that ended where they last stood."
    )
    options: CompareOptions = Field(default_factory=CompareOptions)

    def thread_of(self, version: int, clause: int) -> Thread:
        """The thread that holds clause ``clause`` of version ``version``."""
        for thread in self.threads:
            if clause in thread.cells[version].clauses:
                return thread
        raise KeyError((version, clause))
