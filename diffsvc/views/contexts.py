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
        description="What the note is about: number, reference, place, modality, renumbered, "
        "asymmetric, translation or vote."
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
    is_change: bool = Field(description="The entry changed in any way (the summary counts it).")
    stop: bool = Field(
        default=False,
        description="Next and previous stop here: a change that the hidden kinds (editorial, "
        "routine), the kind filters and the search leave in view.",
    )
    kinds: list[str] = Field(
        default_factory=list,
        description="Filter names the change answers to: added, removed, reworded, moved, "
        "renumbered, numbers, commitments, votes, one-language, editorial.",
    )
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
    rows: list[RowView] = Field(
        description="The rows of the group; empty for a long folded run, which links instead."
    )
    count: int = Field(default=0, description="How many rows the group stands for.")
    href: str | None = Field(
        default=None,
        description="For a long unchanged run: where side by side shows it, since the changes "
        "view does not carry its text.",
    )


class SectionView(_View):
    """The rows of one language: a bilingual comparison shows a Chinese and an English section."""

    language: str = Field(description="Language code: zh, en or und.")
    title: str = Field(description="Heading of the section, e.g. '中文 · Chinese'.")
    anchor: str = Field(description="HTML id of the section.")
    continued: bool = Field(
        default=False, description="The section began on an earlier page of the comparison."
    )
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


class PageState(_View):
    """What the reader chose, all of it in the page's URL: reloading, the permalink and Swap
    bring back the same view, filters and place."""

    view: ViewName = Field(default="side", description="The view shown.")
    hide_editorial: bool = Field(
        default=False, description="Editorial-only changes are not highlighted or stepped to."
    )
    hide_routine: bool = Field(
        default=False,
        description="Routine changes (meeting number, dates, venue) are set aside in the "
        "changes view and not stepped to.",
    )
    translations: bool = Field(
        default=False,
        description="Each clause of a bilingual document shows its translation under it.",
    )
    kinds: tuple[str, ...] = Field(
        default=(), description="Kinds of change to show; empty shows every kind."
    )
    query: str = Field(default="", description="Words a change must contain, '' for any.")
    at: str | None = Field(
        default=None, description="Anchor of the change the reader is at, e.g. 'e12'."
    )
    page: int | None = Field(
        default=None, description="Page of a long comparison asked for (1-based)."
    )


class ChangeItem(_View):
    """One line of the change list: a change to jump to."""

    anchor: str = Field(description="Row anchor of the change, e.g. 'e12'.")
    href: str = Field(description="Where the row is shown in the current view.")
    label: str = Field(description="The clause's numbering, or its position when it has none.")
    badge: str = Field(description="Short word for the change: added, removed, moved, ...")
    kinds: list[str] = Field(description="Filter names the change answers to.")
    excerpt: str = Field(description="The first changed words, cut short.")
    language: str = Field(description="Language code of the clause: zh, en or und.")
    stop: bool = Field(description="The change matches the filters and search.")


class FilterOption(_View):
    """One kind of change the reader can filter on."""

    name: str = Field(description="Filter name as the URL carries it, e.g. 'numbers'.")
    label: str = Field(description="What the checkbox says.")
    count: int = Field(description="Changes of this kind in the whole comparison.")
    checked: bool = Field(description="The filter is on.")


class OverviewCell(_View):
    """One slice of the overview bar: where in the document the changes are."""

    kind: str = Field(
        description="What dominates the slice: removed, added, reworded, moved, editorial, or "
        "'' when nothing changed there."
    )
    href: str | None = Field(description="First change in the slice, None when it has none.")
    title: str = Field(description="The slice in words: 'Clauses 101–200: 3 changes'.")
    here: bool = Field(description="The slice is on the page shown.")


class PagerView(_View):
    """Pages of a long comparison: each renders a bounded number of rows."""

    current: int = Field(description="The page shown (1-based).")
    pages: list[Link] = Field(description="Every page, with the rows it holds in its text.")
    prev: str | None = Field(description="The page before, None on the first.")
    next: str | None = Field(description="The page after, None on the last.")


class ComparePage(_View):
    """Context of compare.html: one comparison, in the view the reader chose."""

    id: str = Field(description="Comparison id (unguessable).")
    title: str = Field(description="Page title: the two labels.")
    left_label: str = Field(description="Name of the left side, e.g. '2022'.")
    right_label: str = Field(description="Name of the right side, e.g. '2023'.")
    view: ViewName = Field(description="The view shown; the others are links to their pages.")
    state: PageState = Field(description="The reader's choices, as the URL carries them.")
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
    translation_toggle: Link | None = Field(
        description="Link that shows or hides each clause's translation; None when the "
        "documents have no translations."
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
    settings: list[str] = Field(
        description="Matching settings that differ from the defaults, in words: 'move "
        "threshold 0.7 (default 0.8)'; empty when the comparison used the defaults."
    )
    sources: list[SourceView] = Field(description="What was read on each side, left then right.")
    change_count: int = Field(description="Entries that changed in any way (the summary's count).")
    stop_count: int = Field(
        description="Changes that next and previous step through, after the hidden kinds, the "
        "filters and the search."
    )
    prev_href: str = Field(description="The change before the one the reader is at.")
    next_href: str = Field(description="The change after the one the reader is at.")
    changes: list[ChangeItem] = Field(description="The change list: the changes on this page.")
    filters: list[FilterOption] = Field(description="Kinds of change to filter on.")
    overview: list[OverviewCell] = Field(description="The overview bar, top to bottom.")
    pager: PagerView | None = Field(description="Pages of a long comparison; None for one page.")
    form_action: str = Field(description="Where the filter form sends its GET.")
    sections: list[SectionView] = Field(description="Rows per language, in document order.")
    links: CompareLinks = Field(description="URLs of the page's twins and actions.")
    permalink: str = Field(description="Absolute URL of this page with the reader's choices.")


class FormSide(_View):
    """One side of the compare form, holding what was sent when the form comes back."""

    name: Literal["left", "right"] = Field(description="Form field prefix.")
    title: str = Field(description="Heading of the side.")
    placeholder_label: str = Field(description="Example label shown in the empty label field.")
    label: str = Field(
        default="", description="The label as typed, kept when the form comes back with an error."
    )
    text: str = Field(
        default="",
        description="The pasted text, kept when the form comes back with an error (escaped like "
        "all user text).",
    )
    tracked_states: list[Link] = Field(
        description="Choices of the text compared for a Word file with tracked changes: every "
        "change accepted (final, the default) or rejected (original); current marks the one "
        "chosen."
    )
    file_name: str | None = Field(
        default=None,
        description="Name of the file chosen for this side when the form comes back with an "
        "error: a browser cannot refill a file field, so the user chooses it again.",
    )
    failed: bool = Field(
        default=False, description="The error the form came back with is about this side."
    )


class FormSetting(_View):
    """A matching setting of the compare form: one threshold of the comparison's options."""

    name: str = Field(description="Form field name, the option's name in the API.")
    label: str = Field(description="The setting in words: 'Move threshold'.")
    hint: str = Field(description="One line saying what the setting does, with its default.")
    value: str = Field(
        description="The value shown: the default, or what was typed when the form comes back."
    )
    default: str = Field(description="The option's default, as the model defines it.")
    low: str = Field(description="Smallest value accepted.")
    high: str = Field(description="Largest value accepted.")
    invalid: bool = Field(
        default=False, description="The error the form came back with is about this setting."
    )


class FormError(_View):
    """The problem a submitted compare form came back with, shown above the form."""

    title: str = Field(description="Short title of the problem.")
    status: int = Field(description="HTTP status code the form came back with.")
    code: str = Field(description="Stable problem code, as in the JSON problem type.")
    detail: str = Field(description="What went wrong, naming the side as the form titles it.")
    advice: str = Field(description="What to do next.")
    side: Literal["left", "right"] | None = Field(
        description="The side the problem is about; None when it is about the whole form."
    )
    settings: list[str] = Field(
        default_factory=list, description="Names of the matching settings the problem is about."
    )
    kept: str = Field(
        description="What the form still holds and what must be given again (chosen files)."
    )
    help_url: str = Field(description="The problem code's entry on the problems page.")


class IndexPage(_View):
    """Context of index.html: the compare form, empty or as sent when it comes back."""

    title: str = Field(description="Page title.")
    csrf_token: str = Field(description="Token the form posts back (CSRF protection).")
    sides: list[FormSide] = Field(description="The two sides of the form.")
    max_megabytes: float = Field(description="Largest request accepted, in megabytes.")
    granularities: list[Link] = Field(
        description="Choices for the Chinese inline diff unit; current marks the one chosen."
    )
    hide_editorial: bool = Field(
        default=False, description="The 'hide editorial changes' box is ticked."
    )
    settings: list[FormSetting] = Field(
        default_factory=list,
        description="The matching settings (thresholds of the comparison's options), in the "
        "model's order.",
    )
    settings_open: bool = Field(
        default=False,
        description="Show the matching settings unfolded: one differs from its default or is "
        "what the error is about.",
    )
    notice: str | None = Field(default=None, description="What the last action did, if any.")
    error: FormError | None = Field(
        default=None, description="Why the form came back instead of a comparison, if it did."
    )


class DeletePage(_View):
    """Context of delete.html: confirm deleting a comparison or a series, or say who may."""

    title: str = Field(description="Page title.")
    noun: Literal["comparison", "series"] = Field(
        default="comparison", description="What is deleted: a comparison or a series."
    )
    comparison: str = Field(description="Path of the page of what is deleted.")
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
    help_url: str | None = Field(
        default=None, description="The problem code's entry on the problems page, if it has one."
    )


class DocsPage(_View):
    """Context of api_docs.html: the page that renders the OpenAPI document."""

    title: str = Field(description="Page title.")
    openapi_url: str = Field(description="URL of the OpenAPI JSON the page renders.")


class ProblemEntry(_View):
    """One kind of problem on the problems page: the target of a problem's ``type`` URL."""

    code: str = Field(description="Stable problem code; also the entry's HTML id.")
    title: str = Field(description="Short title of the problem.")
    status: int = Field(description="HTTP status code it comes with.")
    meaning: str = Field(description="What the problem means.")
    advice: str = Field(description="What to do next.")


class ProblemsPage(_View):
    """Context of problems.html: every problem code the service answers with."""

    title: str = Field(description="Page title.")
    problems: list[ProblemEntry] = Field(description="Every problem, by status then code.")
    api_docs: str = Field(description="URL of the API reference.")
