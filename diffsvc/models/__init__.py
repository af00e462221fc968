"""The contract: pure data that every face of diffsvc (library, CLI, API, pages) serves."""

from __future__ import annotations

from diffsvc.models.contract import (
    SCHEMA_VERSION,
    Change,
    Clause,
    ClauseKind,
    CompareOptions,
    Comparison,
    Document,
    Entry,
    Language,
    Op,
    Section,
    SourceInfo,
    Span,
    SpanOp,
    Summary,
    Version,
    trusted,
)

__all__ = [
    "SCHEMA_VERSION",
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
    "SourceInfo",
    "Span",
    "SpanOp",
    "Summary",
    "Version",
    "trusted",
]
