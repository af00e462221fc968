"""The result contract: every face of diffsvc (library, CLI, API, web pages) serves these models.

``Document`` is what normalisation makes of one input; ``Comparison`` is what ``compare`` makes of
two. ``Comparison.model_dump_json()`` is the JSON contract described in PRODUCT.md; its shape is
versioned by ``SCHEMA_VERSION`` and only grows (new optional fields) within a major version.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Literal, TypeVar

import orjson
from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)

    def model_dump_json(self, **options: Any) -> str:
        """The model as JSON; without options, the same bytes as pydantic's, written by orjson.

        A 10,000-clause comparison is 15-18 MB of JSON, and pydantic took twice as long as
        orjson (with the decoding to str) to write it. orjson writes strings, numbers and enums
        exactly as pydantic does (tests compare the two on every fixture and on arbitrary text);
        the models themselves reach it as their fields (``_fields``). What orjson refuses (a
        lone surrogate, an int beyond 64 bits) falls back to pydantic, as does any call with
        options.
        """
        if not options:
            try:
                return orjson.dumps(self, default=_fields).decode()
            except orjson.JSONEncodeError:
                pass
        return super().model_dump_json(**options)


def _renamed(cls: type[BaseModel]) -> dict[str, str] | None:
    """A model's field → JSON name map when some field is serialised under an alias."""
    by_alias = cls.model_config.get("serialize_by_alias")
    names = {
        name: (info.serialization_alias or info.alias or name) if by_alias else name
        for name, info in cls.model_fields.items()
    }
    return names if any(k != v for k, v in names.items()) else None


_RENAMED: dict[type, dict[str, str] | None] = {}
_UNSEEN: dict[str, str] = {}


def _fields(value: object) -> object:
    """orjson's hook for our models: their fields, in declaration order, under their JSON names.

    A model's ``__dict__`` holds exactly its fields in declaration order: validation and
    ``model_construct`` fill it so, and ``trusted`` rows list the fields in that order.
    """
    names = _RENAMED.get(type(value), _UNSEEN)  # one look-up for each of 62,000 models
    if names is None:
        return value.__dict__
    if names is _UNSEEN:
        if not isinstance(value, _Model):
            raise TypeError(f"{type(value).__name__} is not JSON serialisable")
        names = _RENAMED[type(value)] = _renamed(type(value))
        if names is None:
            return value.__dict__
    return {names[k]: v for k, v in value.__dict__.items()}


M = TypeVar("M", bound=BaseModel)


def trusted(cls: type[M], fields: Mapping[str, object]) -> M:
    """A model built from every one of its fields, as the engine computed them, unvalidated.

    What ``model_construct`` does for complete data (it sets the same four attributes), without
    its per-field defaults and aliases: a comparison of two 10,000-clause documents builds
    62,000 models, and validating what the engine's own typed code produced was an eighth of
    its time. Only for rows the engine's typed code builds, with every field present, in the
    model's declaration order (the JSON writer relies on it); tests hold the results to
    validation (a comparison's JSON validates back to an equal model, with the same bytes).

    Every field is set, so the models of a class share one set of field names as their
    ``model_fields_set``: pydantic only ever adds a field name to it (on assignment), which
    leaves a complete set as it was, and copies it before changing it (``model_copy``).
    """
    obj = _new(cls)
    _set_dict(obj, fields if type(fields) is dict else dict(fields))
    every = _EVERY_FIELD.get(cls)
    if every is None:
        every = _EVERY_FIELD[cls] = set(cls.model_fields)
    _set_fields_set(obj, every)
    _set_extra(obj, None)
    _set_private(obj, None)
    return obj


_EVERY_FIELD: dict[type, set[str]] = {}


# BaseModel's own slot setters, taken once: object.__setattr__ would look each one up by name
# through the class's MRO for every one of those 62,000 models.
_new = object.__new__
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


class ClauseKind(StrEnum):
    """What part of a statement a clause is."""

    title = "title"  # type: ignore[assignment]  # shadows str.title, by design
    preamble = "preamble"
    item = "item"
    paragraph = "paragraph"
    closing = "closing"
    source = "source"


class Op(StrEnum):
    """How a group of clauses changed between the two sides."""

    unchanged = "unchanged"
    modified = "modified"
    added = "added"
    removed = "removed"
    split = "split"  # type: ignore[assignment]  # shadows str.split, by design
    merged = "merged"


Language = Literal["zh", "en", "und"]
SpanOp = Literal["equal", "delete", "insert", "replace"]


class Clause(_Model):
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
    language: Language = Field(description="Detected language of the clause.")
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


class Section(_Model):
    """A run of clauses in one language (a bilingual document has two)."""

    language: Language
    first: int = Field(description="Index of the section's first clause.")
    last: int = Field(description="Index of the section's last clause (inclusive).")


class SourceInfo(_Model):
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


class Document(_Model):
    """An input after normalisation: an ordered list of clauses."""

    clauses: list[Clause]
    sections: list[Section] = Field(default_factory=list)
    source: SourceInfo = Field(default_factory=SourceInfo)


class Span(_Model):
    """A piece of an inline diff. Joining ``left`` (resp. ``right``) of all spans rebuilds the side.

    For entries with several clauses on one side, that side's texts are joined with a newline.
    """

    op: SpanOp
    left: str = ""
    right: str = ""
    editorial: bool = Field(
        default=False,
        description="True when left and right differ only in punctuation, width, case, "
        "whitespace or script.",
    )


class Change(_Model):
    """A classified fact about an entry, for summaries and filters."""

    kind: Literal["number", "modality", "editorial", "renumbered", "asymmetric", "translation"] = (
        Field(
            description="number: numbers or dates changed; modality: commitment strength changed; "
            "editorial: format only; renumbered: label only; asymmetric: one language of a "
            "bilingual statement changed and the other did not; translation: numbers disagree "
            "with the clause's translation in the same document."
        )
    )
    left: str | None = None
    right: str | None = None
    note: str = Field(description="Plain-words description of the change.")


class Entry(_Model):
    """One alignment entry: a group of left clauses and the right clauses they became."""

    op: Op
    left: list[int] = Field(description="Indices of the left clauses in this entry.")
    right: list[int] = Field(description="Indices of the right clauses in this entry.")
    language: Language
    moved: bool = Field(default=False, description="Among the fewest clauses that changed order.")
    renumbered: bool = Field(default=False, description="Label changed, text did not.")
    editorial: bool = Field(
        default=False,
        description="Texts differ, but only in punctuation, width, case, whitespace or script.",
    )
    similarity: float = Field(description="0..1 similarity of the match keys.")
    spans: list[Span] = Field(default_factory=list)
    changes: list[Change] = Field(default_factory=list)


class Summary(_Model):
    """Counts by op, plus moves, and a plain-words digest."""

    unchanged: int = 0
    modified: int = 0
    added: int = 0
    removed: int = 0
    split: int = 0
    merged: int = 0
    moved: int = 0
    renumbered: int = 0
    editorial: int = Field(
        default=0, description="Modified or unchanged entries that are editorial."
    )
    asymmetric: int = Field(
        default=0, description="Entries changed in one language but not in the other."
    )
    substantive: int = Field(default=0, description="Entries whose change is substantive.")
    text: str = Field(default="", description="A plain-words summary of the comparison.")


class Version(_Model):
    schema_version: str = Field(
        default=SCHEMA_VERSION, alias="schema", serialization_alias="schema"
    )
    engine: str

    model_config = ConfigDict(extra="forbid", populate_by_name=True, serialize_by_alias=True)


class CompareOptions(_Model):
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


class Comparison(_Model):
    """The result of comparing two documents: the JSON contract of diffsvc."""

    version: Version
    left: Document
    right: Document
    alignment: list[Entry]
    summary: Summary
    options: CompareOptions = Field(default_factory=CompareOptions)
