"""The contract: pure data that every face of diffsvc (library, CLI, API, pages) serves.

``document`` holds what normalisation makes of one input, ``comparison`` what ``compare`` makes
of two, ``series`` what ``series`` makes of several versions, ``api`` the HTTP API's requests,
responses and problem body.
"""

from __future__ import annotations

from diffsvc.models.comparison import (
    SCHEMA_VERSION,
    Change,
    CompareOptions,
    Comparison,
    Entry,
    Op,
    Span,
    SpanOp,
    Summary,
    Version,
)
from diffsvc.models.document import (
    FORMAT_WORDS,
    LANGUAGE_NAMES,
    TRACKED_STATES,
    Clause,
    ClauseKind,
    Document,
    Language,
    Section,
    SourceInfo,
    TrackedChanges,
    TrackedState,
)
from diffsvc.models.series import (
    MAX_VERSIONS,
    WORDING_EVENTS,
    Series,
    Step,
    Thread,
    ThreadCell,
    ThreadEvent,
)

__all__ = [
    "FORMAT_WORDS",
    "LANGUAGE_NAMES",
    "MAX_VERSIONS",
    "SCHEMA_VERSION",
    "TRACKED_STATES",
    "WORDING_EVENTS",
    "Change",
    "Clause",
    "ClauseKind",
    "CompareOptions",
    "Comparison",
    "Document",
    "Entry",
    "Language",
    "Op",
    "Section",
    "Series",
    "SourceInfo",
    "Span",
    "SpanOp",
    "Step",
    "Summary",
    "Thread",
    "ThreadCell",
    "ThreadEvent",
    "TrackedChanges",
    "TrackedState",
    "Version",
]
