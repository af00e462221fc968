"""What ``compare`` makes of two Documents: the JSON contract described in PRODUCT.md.

``Comparison.model_dump_json()`` is the contract; its shape is versioned by ``SCHEMA_VERSION`` and
only grows (new optional fields) within a major version.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import ConfigDict, Field

from diffsvc.models.base import Model
from diffsvc.models.document import Document, Language

SCHEMA_VERSION = "1.0"


class Op(StrEnum):
    """How a group of clauses changed between the two sides."""

    unchanged = "unchanged"
    modified = "modified"
    added = "added"
    removed = "removed"
    split = "split"  # type: ignore[assignment]  # shadows str.split, by design
    merged = "merged"


SpanOp = Literal["equal", "delete", "insert", "replace"]


class Span(Model):
    """A piece of an inline diff. Joining ``left`` (resp. ``right``) of all spans rebuilds the side.

    For entries with several clauses on one side, that side's texts are joined with a newline.
    """

    op: SpanOp
    left: str = ""
    right: str = ""
    editorial: bool = Field(
        default=False,
        description="True when left and right differ only in punctuation, width, case, "
        "whitespace, script, British or American spelling, or how a figure is written "
        "(5 percent, 5%).",
    )


ChangeKind = Literal[
    "number",
    "reference",
    "place",
    "modality",
    "editorial",
    "renumbered",
    "asymmetric",
    "translation",
    "vote",
]


class Change(Model):
    """A classified fact about an entry, for summaries and filters."""

    kind: ChangeKind = Field(
        description="number: a quantity, date, year or ordinal changed, was dropped or added; "
        "reference: a name or reference holding digits changed (G20, Article 5.2); place: a "
        "place or party name replaced in a clause about the meeting; modality: "
        "commitment strength changed, or a task committed to was added or dropped; editorial: "
        "format only; renumbered: the label changed; "
        "asymmetric: one language of a bilingual statement changed and the other did not; "
        "translation: numbers disagree with the clause's translation in the same document; "
        "vote: in a committee's vote record, a dissent added, dropped or given another reason, "
        "the count for and against, or (routine) the voters who joined and left."
    )
    left: str | None = Field(default=None, description="The earlier form, as written, if any.")
    right: str | None = Field(default=None, description="The later form, as written, if any.")
    note: str = Field(description="Plain-words description of the change.")
    quantity: str | None = Field(
        default=None,
        description="For number changes, what the quantity is: number, percent, points (percentage "
        "or basis points), money, date, year or ordinal.",
    )
    context: str | None = Field(
        default=None,
        description="For number and reference changes, the words that say what the quantity "
        "counts, taken from the clause ('居民消费价格涨幅', 'target range for the federal funds "
        "rate').",
    )
    position: int | None = Field(
        default=None,
        description="For number and reference changes, where the quantity starts in the later "
        "text of the entry (its clauses joined by line feeds), or in the earlier text when it "
        "was dropped.",
    )
    said_in: int | None = Field(
        default=None,
        description="For a figure dropped from (or added to) a paired clause: the index of the "
        "clause of the later (or earlier) version that still says it, with the same words "
        "before it. The figure moved within the document; it did not go (or come). For words "
        "moved unchanged across a paragraph break (an editorial change whose `left` or `right` "
        "holds them): the clause of the other version that says them next door.",
    )
    routine: bool = Field(
        default=False,
        description="What changes every year by its nature: the meeting's number, dates, year "
        "or venue, or which side visited whom. Still substantive.",
    )


class Entry(Model):
    """One alignment entry: a group of left clauses and the right clauses they became."""

    op: Op
    left: list[int] = Field(description="Indices of the left clauses in this entry.")
    right: list[int] = Field(description="Indices of the right clauses in this entry.")
    language: Language
    moved: bool = Field(default=False, description="Among the fewest clauses that changed order.")
    renumbered: bool = Field(
        default=False, description="The clause's label changed (3. → 4.), whatever else did."
    )
    editorial: bool = Field(
        default=False,
        description="Texts differ, but only in punctuation, width, case, whitespace, script "
        "or how a figure is written (5 percent, 5%); for a split or merge, also in where one "
        "paragraph ends and the next begins: the same words, paragraphed differently.",
    )
    rewritten: bool = Field(
        default=False,
        description="Paired by the role the two clauses play (the same topic, opening sentence "
        "or place between paired neighbours) rather than by their wording: a rewritten "
        "paragraph, or a split or merge of rewritten paragraphs, its similarity low.",
    )
    routine: bool = Field(
        default=False,
        description="Every substantive change in it is routine (meeting number, dates, venue): "
        "still substantive, never hidden as editorial, but a reader may set it aside.",
    )
    similarity: float = Field(description="0..1 similarity of the match keys.")
    spans: list[Span] = Field(default_factory=list)
    changes: list[Change] = Field(default_factory=list)

    @property
    def substantive(self) -> bool:
        """Whether the wording changed in substance: added, removed, or modified, split or merged
        beyond editorial."""
        if self.op in (Op.modified, Op.split, Op.merged):
            return not self.editorial
        return self.op == Op.added or self.op == Op.removed

    @property
    def changed(self) -> bool:
        """Whether anything changed: wording (editorial included), order or numbering. These
        are the changes a reader steps through; ``Summary.changed`` counts them."""
        return self.op != Op.unchanged or self.moved or self.renumbered or self.editorial


class Summary(Model):
    """The comparison's counts, all from one place: the page's counts, its change navigation and
    the plain-words digest read these."""

    unchanged: int = Field(default=0, description="Entries of each op; together, every entry.")
    modified: int = 0
    added: int = 0
    removed: int = 0
    split: int = 0
    merged: int = 0
    moved: int = Field(default=0, description="Entries among the fewest that changed order.")
    renumbered: int = Field(default=0, description="Entries whose clause label changed.")
    editorial: int = Field(
        default=0, description="Modified or unchanged entries that are editorial."
    )
    asymmetric: int = Field(
        default=0, description="Entries changed in one language but not in the other."
    )
    substantive: int = Field(
        default=0,
        description="Entries whose wording changed in substance: added, removed, split, merged, "
        "or modified beyond editorial.",
    )
    routine: int = Field(
        default=0, description="Substantive entries whose every change is routine."
    )
    changed: int = Field(
        default=0,
        description="Entries that changed in any way, wording, order or numbering: the changes "
        "a reader steps through. Substantive ones, plus those only moved, renumbered or "
        "editorial.",
    )
    renumbering: list[str] = Field(
        default_factory=list,
        description="Runs of clauses renumbered together, in words: 'items 3–4 renumbered 4–5 "
        "after the new item 3'.",
    )
    section_moves: list[str] = Field(
        default_factory=list,
        description="Headings that moved with the clauses under them, one phrase each: "
        "'三、 moved to 一、 with the 2 clauses under it'.",
    )
    text: str = Field(default="", description="A plain-words summary of the comparison.")


class Version(Model):
    schema_version: str = Field(
        default=SCHEMA_VERSION, alias="schema", serialization_alias="schema"
    )
    engine: str

    model_config = ConfigDict(extra="forbid", populate_by_name=True, serialize_by_alias=True)


class CompareOptions(Model):
    """Tuning knobs for compare; every one has a sane default."""

    match_threshold: float = Field(
        default=0.6, ge=0.0, le=1.0, description="Similarity above which two clauses pair anywhere."
    )
    move_threshold: float = Field(
        default=0.8,
        ge=0.0,
        le=1.0,
        description="Similarity a reworded clause needs to pair with one far from its place "
        "(a move): further away needs more evidence.",
    )
    gap_threshold: float = Field(
        default=0.5,
        ge=0.0,
        le=1.0,
        description="Lower similarity that pairs clauses standing at the same place between "
        "unchanged neighbours, if they also share a word rare in the documents.",
    )
    split_threshold: float = Field(
        default=0.75, ge=0.0, le=1.0, description="Similarity a split or merge must reach."
    )
    zh_granularity: Literal["char", "word"] = Field(
        default="char", description="Inline diff unit for Chinese: single characters or words."
    )


class Comparison(Model):
    """The result of comparing two documents: the JSON contract of diffsvc."""

    version: Version
    left: Document
    right: Document
    alignment: list[Entry]
    summary: Summary
    options: CompareOptions = Field(default_factory=CompareOptions)
