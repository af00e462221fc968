"""Typed template contexts: every page template receives exactly one of these as ``page``.

Why a module of its own: the template context is a contract (STYLE.md rule 4). Templates read
only these fields, ``render.py`` fills them from a ``Comparison`` and
``tests/test_template_context.py`` checks that every page passes one, with every field
described. Nothing here knows about Flask; links arrive as plain strings.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Mark = Literal["same", "del", "ins"]
ViewName = Literal["side", "inline", "changes"]
VIEW_NAMES: tuple[ViewName, ...] = ("side", "inline", "changes")


class _View(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Fragment(_View):
    """A run of clause text with one change mark; templates escape ``text`` like all user text."""

    text: str = Field(description="The characters, exactly as the user's document has them.")
    mark: Mark = Field(description="same (unchanged), del (only on the left), ins (only right).")
    editorial: bool = Field(description="Only punctuation, width, case, spacing or script differ.")


class ClauseView(_View):
    """One clause in a side-by-side cell."""

    index: int = Field(description="The clause's index in its document.")
    anchor: str = Field(description="HTML id of the clause: 'l<index>' or 'r<index>'.")
    label: str | None = Field(description="The numbering as written, e.g. '一、' or '(a)'.")
    fragments: list[Fragment] = Field(description="The clause text cut into marked runs.")
    translation: str | None = Field(
        description="Text of the same clause in the document's other language, if known."
    )


class NoteView(_View):
    """One plain-words note on a row's change; its kind picks the marker the page shows."""

    kind: str = Field(
        description="What the note is about: number, modality, renumbered, asymmetric or "
        "translation."
    )
    text: str = Field(description="The note in plain words, e.g. 'numbers changed: 3 → 1'.")
    badge: str = Field(
        description="Marker word shown before the note ('one language', 'translation') for "
        "notes about a bilingual document's two languages; '' for the others."
    )


class RowView(_View):
    """One alignment entry (or the empty place a moved clause left), as every view shows it."""

    anchor: str = Field(description="HTML id of the row: 'e<entry>' or 'g<entry>' for a ghost.")
    op: str = Field(description="unchanged, modified, added, removed, split, merged or ghost.")
    is_change: bool = Field(description="True when next/previous change navigation stops here.")
    moved: bool = Field(description="The clause changed position.")
    editorial: bool = Field(description="The entry's change is only editorial.")
    renumbered: bool = Field(description="The clause's numbering changed.")
    rewritten: bool = Field(
        default=False,
        description="Paired by role, not wording: the paragraph was rewritten in its place.",
    )
    routine: bool = Field(
        description="Every substantive change in the row is routine (meeting number, dates, venue)."
    )
    left: list[ClauseView] = Field(description="Left clauses of the entry, in order.")
    right: list[ClauseView] = Field(description="Right clauses of the entry, in order.")
    inline: list[Fragment] = Field(description="One-column redline of the whole entry.")
    label: str | None = Field(description="Label shown in the gutter of one-column views.")
    badge: str = Field(description="Short word for the row's change, '' for unchanged rows.")
    link: str | None = Field(description="Anchor of the other position of a moved clause.")
    link_text: str = Field(description="Words for that link, '' when there is none.")
    notes: list[NoteView] = Field(
        description="Notes on the change: numbers, modality, renumbering, and changes that one "
        "language of a bilingual document has and the other lacks."
    )


class RowGroup(_View):
    """A change, or a run of unchanged rows folded into 'N unchanged clauses' (changes view)."""

    collapsed: bool = Field(description="True for a run of unchanged rows shown folded.")
    rows: list[RowView] = Field(description="The rows of the group.")


class SectionView(_View):
    """The rows of one language: a bilingual comparison shows a Chinese and an English section."""

    language: str = Field(description="Language code: zh, en or und.")
    title: str = Field(description="Heading of the section, e.g. '中文 · Chinese'.")
    anchor: str = Field(description="HTML id of the section.")
    rows: list[RowView] = Field(description="Rows in display order, ghosts included.")
    groups: list[RowGroup] = Field(description="The same rows grouped for the changes view.")


class Count(_View):
    """One number in the summary bar."""

    op: str = Field(description="What is counted: unchanged, modified, added, ...")
    label: str = Field(description="Word shown next to the number.")
    value: int = Field(description="The count.")


class SourceView(_View):
    """What diffsvc read on one side: a compact line under the summary bar (issue #4)."""

    side: Literal["left", "right"] = Field(description="Which side of the comparison.")
    name: str = Field(description="The side's name as the page shows it, e.g. '2023'.")
    filename: str | None = Field(
        description="Uploaded file name; None for pasted text or when it is already the name."
    )
    pasted: bool = Field(description="The text was pasted (or sent as JSON), not uploaded.")
    format: str = Field(description="Detected format: text, html, markdown, pdf or docx.")
    format_name: str = Field(description="The format in words: 'plain text', 'HTML', 'PDF'.")
    encoding: str | None = Field(
        description="Text encoding ingest detected (e.g. 'gb18030', 'utf-8'); None for pasted "
        "text and for PDF and Word files, which carry their own."
    )
    tracked: str | None = Field(
        description="A Word file's tracked changes and which text was compared, in words: "
        "'12 tracked changes, compared with all changes accepted'; None when it has none.",
    )
    repairs: list[str] = Field(
        description="Repairs normalisation made, in words: '166 pinyin annotations removed'."
    )


class Link(_View):
    """A navigation link with its text and whether it is the current one."""

    href: str = Field(description="Where the link goes.")
    text: str = Field(description="What the link says.")
    current: bool = Field(description="True for the page or view being shown.")
    name: str = Field(description="Machine name, e.g. the view name.")


class CompareLinks(_View):
    """URLs a comparison page needs; built by the web layer so render.py stays Flask-free."""

    page: str = Field(description="Path of the comparison page, without query string.")
    permalink: str = Field(description="Absolute URL of the comparison, for copying.")
    json_url: str = Field(description="The JSON twin of the page.")
    download: str = Field(description="The JSON twin served as an attachment.")
    swap: str = Field(description="Compares the same documents with the sides swapped.")
    home: str = Field(description="The compare form.")
    delete: str = Field(description="Page to delete the comparison, for whoever saved it.")


class ComparePage(_View):
    """Context of compare.html: one comparison, all three views."""

    id: str = Field(description="Comparison id (unguessable).")
    title: str = Field(description="Page title: the two labels.")
    left_label: str = Field(description="Name of the left side, e.g. '2022'.")
    right_label: str = Field(description="Name of the right side, e.g. '2023'.")
    view: ViewName = Field(description="The view shown first (the others are a click away).")
    views: list[Link] = Field(description="The three views, each with its own URL.")
    hide_editorial: bool = Field(description="Editorial-only changes are shown as unchanged.")
    editorial_toggle: Link = Field(description="Link that flips hide_editorial.")
    hide_routine: bool = Field(
        description="Routine changes (meeting number, dates, venue) are set aside in the "
        "changes view."
    )
    routine_toggle: Link | None = Field(
        description="Link that flips hide_routine; None when nothing is routine."
    )
    counts: list[Count] = Field(
        description="Entries by op (unchanged, modified, added, removed, split, merged): they add "
        "up to the entries shown."
    )
    flags: list[Count] = Field(
        description="Entries moved, renumbered, editorial (and in one language only), counted "
        "apart from the ops."
    )
    summary: str = Field(description="Plain-words summary of the comparison.")
    sources: list[SourceView] = Field(description="What was read on each side, left then right.")
    change_count: int = Field(
        description="Entries that changed in any way (the summary's count): the rows next and "
        "previous step through."
    )
    first_change: str | None = Field(description="Row anchor of the first change, if any.")
    sections: list[SectionView] = Field(description="Rows per language, in document order.")
    links: CompareLinks = Field(description="URLs of the page's twins and actions.")


class FormSide(_View):
    """One side of the compare form."""

    name: Literal["left", "right"] = Field(description="Form field prefix.")
    title: str = Field(description="Heading of the side.")
    placeholder_label: str = Field(description="Example label shown in the empty label field.")


class IndexPage(_View):
    """Context of index.html: the compare form."""

    title: str = Field(description="Page title.")
    csrf_token: str = Field(description="Token the form posts back (CSRF protection).")
    sides: list[FormSide] = Field(description="The two sides of the form.")
    max_megabytes: float = Field(description="Largest request accepted, in megabytes.")
    granularities: list[Link] = Field(description="Choices for the Chinese inline diff unit.")
    tracked_states: list[Link] = Field(
        description="Choices of the text compared for a Word file with tracked changes: every "
        "change accepted (final, the default) or rejected (original)."
    )
    notice: str | None = Field(default=None, description="What the last action did, if any.")


class DeletePage(_View):
    """Context of delete.html: confirm deleting a comparison, or say who may."""

    title: str = Field(description="Page title.")
    comparison: str = Field(description="Path of the comparison page.")
    action: str = Field(description="Where the confirming form posts.")
    csrf_token: str | None = Field(
        description="Token the form posts back; None when this browser did not save the "
        "comparison and holds no delete token for it."
    )


class ErrorPage(_View):
    """Context of error.html: what went wrong and what to do next."""

    title: str = Field(description="Short title of the problem.")
    status: int = Field(description="HTTP status code.")
    code: str = Field(description="Stable problem code, as in the JSON problem type.")
    detail: str = Field(description="What went wrong, in plain words.")
    advice: str = Field(description="What to do next.")


class DocsPage(_View):
    """Context of api_docs.html: the page that renders the OpenAPI document."""

    title: str = Field(description="Page title.")
    openapi_url: str = Field(description="URL of the OpenAPI JSON the page renders.")
