"""What normalisation makes of one input: a Document, an ordered list of clauses."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field

from diffsvc.models.base import Model


class ClauseKind(StrEnum):
    """What part of a statement a clause is."""

    title = "title"  # type: ignore[assignment]  # shadows str.title, by design
    preamble = "preamble"
    item = "item"
    paragraph = "paragraph"
    closing = "closing"
    source = "source"
    footnote = "footnote"  # a note's body; its parent is the clause that refers to it


Language = Literal["zh", "en", "und"]
LANGUAGE_NAMES: dict[Language, str] = {"zh": "Chinese", "en": "English", "und": "Other"}


class Clause(Model):
    """One clause: a numbered item, a paragraph, the title or the source line."""

    index: int = Field(description="Position in the document's clause list, from 0.")
    label: str | None = Field(
        default=None, description="The numbering as written ('一、', '(a)', 'Article 3'), if any."
    )
    ordinal: int | None = Field(
        default=None, description="The number the label stands for (一 → 1, (c) → 3, iv → 4)."
    )
    level: int = Field(default=0, description="Nesting depth: 0 for top-level items and prose.")
    parent: int | None = Field(default=None, description="Index of the enclosing item, if nested.")
    kind: ClauseKind = Field(description="Title, preamble, item, paragraph, closing or source.")
    language: Language = Field(
        description="Detected language of the clause; a stray line in a language the document "
        "holds too little of to be bilingual (a licence trailer, a name) has the document's."
    )
    section: int = Field(default=0, description="Index of the language section it belongs to.")
    text: str = Field(
        description="The clause as shown to users, label excluded, artifacts repaired."
    )
    normalized: str = Field(
        description="Match key: width, quotes, dashes, whitespace and script folded. Never shown."
    )
    start: int = Field(description="Character offset of the clause (label included) in the input.")
    end: int = Field(description="Character offset just past the clause in the input.")
    counterpart: int | None = Field(
        default=None,
        description="Index of the same clause in the document's other language, if bilingual.",
    )


class Section(Model):
    """A run of clauses in one language (a bilingual document has two)."""

    language: Language
    first: int = Field(description="Index of the section's first clause.")
    last: int = Field(description="Index of the section's last clause (inclusive).")


TrackedState = Literal["final", "original"]
#: The states of a Word file with tracked changes that can be compared, the default first.
TRACKED_STATES: tuple[TrackedState, ...] = ("final", "original")


class TrackedChanges(Model):
    """The tracked changes a Word file holds in its body, and which state of it was compared.

    Counts are revision marks as Word stores them: one per stretch of changed text within one
    paragraph, so an edit that spans two paragraphs counts once in each, plus its paragraph mark.
    """

    state: TrackedState = Field(
        description="The text compared: 'final' with every change accepted, 'original' with "
        "every change rejected."
    )
    insertions: int = Field(default=0, description="Inserted text (w:ins).")
    deletions: int = Field(default=0, description="Deleted text (w:del).")
    moves: int = Field(
        default=0, description="Moved text (w:moveFrom and its w:moveTo), counted once per move."
    )
    paragraph_marks: int = Field(
        default=0,
        description="Paragraph marks inserted, deleted or moved: paragraphs split, joined, "
        "added, removed or moved whole.",
    )
    formatting: int = Field(
        default=0,
        description="Formatting changes (w:rPrChange, w:pPrChange and the like). They change "
        "no text, except list numbering, which 'original' reads as it was.",
    )

    @property
    def total(self) -> int:
        """Every revision counted, of all kinds."""
        return (
            self.insertions + self.deletions + self.moves + self.paragraph_marks + self.formatting
        )


#: The formats ingest reports (``SourceInfo.format``), in words for pages and messages.
FORMAT_WORDS = {
    "text": "plain text",
    "html": "HTML",
    "markdown": "Markdown",
    "pdf": "PDF",
    "docx": "Word (.docx)",
}


class SourceInfo(Model):
    """Where a document came from and how it was read."""

    label: str | None = Field(default=None, description="User's name for this side, e.g. '2023'.")
    filename: str | None = Field(default=None, description="Uploaded file name, if any.")
    format: str = Field(
        default="text", description="Detected format: text, html, markdown, pdf, docx."
    )
    encoding: str | None = Field(default=None, description="Detected text encoding, if decoded.")
    repairs: dict[str, int] = Field(
        default_factory=dict,
        description="How many artifacts of each kind normalisation repaired (pinyin, wraps, ...).",
    )
    # Absent, not null, when there is nothing to say: documents without tracked changes keep
    # the JSON they always had.
    tracked_changes: TrackedChanges | None = Field(
        default=None,
        exclude_if=lambda value: value is None,
        description="A Word file's tracked changes and the state compared; absent when the "
        "document has none.",
    )


class Document(Model):
    """An input after normalisation: an ordered list of clauses."""

    clauses: list[Clause]
    sections: list[Section] = Field(default_factory=list)
    source: SourceInfo = Field(default_factory=SourceInfo)
