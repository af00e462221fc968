"""The PDF redline: a comparison laid out on the server, for people who attach it to a brief or
hand it on printed.

It reads only the Comparison, like every other face of diffsvc, and shows what the web page's
views show: only the changes, every clause as an inline redline, or the two versions side by
side. A cover page says what was compared (labels, titles, files, languages, clause counts) and
what changed, in plain words and counts; every page carries the comparison's id, its date and
"Page N of M", so a sheet that comes loose can be put back and traced to its source. A moved
clause leaves a marker where it stood, and the two ends link to each other with PDF links.

WeasyPrint lays the pages out from a Jinja template with every piece of user text autoescaped,
and fetches nothing: the stylesheet is inline and no URL is ever resolved, so a document cannot
make the server read a file or call a host. Fonts come from the system (Noto CJK), subset into
the PDF so that Chinese renders on a machine without them.

Why the markup is so plain: WeasyPrint's time grows with the boxes it lays out, and a
1,000-clause comparison must export in seconds. So an entry is one paragraph where it can be,
a clause that reads the same is printed after its number without a heading, side by side prints
it once across both columns, and the changes view lists clauses only renumbered by their
numbers. Those choices also keep the paper short: the browser's print of "changes only" ran
to 41 pages for one report.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from diffsvc.models import FORMAT_WORDS, LANGUAGE_NAMES, Comparison, Document, Entry, Op
from diffsvc.version import __version__
from diffsvc.views.comparison import (
    LANGUAGE_TITLES,
    NOTE_BADGES,
    Positions,
    ghost_after,
    repair_words,
    settings_words,
    side_label,
    tracked_words,
)
from diffsvc.views.contexts import Fragment, Mark
from diffsvc.views.export import TEMPLATE_ENV, entry_heading, reads_unchanged, shown_fragments
from diffsvc.views.fragments import cut_by_clause, side_pieces

PdfView = Literal["changes", "inline", "side"]
VIEW_WORDS: dict[PdfView, str] = {
    "changes": "Changes only",
    "inline": "Inline redline",
    "side": "Side by side",
}
# The cover's counts: what happened to clauses, then the flags that can come on top (a moved
# clause may also be modified), then how many changed in substance.
COVER_COUNTS = (
    "modified",
    "added",
    "removed",
    "moved",
    "split",
    "merged",
    "renumbered",
    "editorial",
    "substantive",
)
REWRITTEN_NOTE = (
    "rewritten: paired by the role it plays (topic, opening sentence, place), not by its wording"
)
TITLE_CHARS = 160  # a title clause can be a whole paragraph; the cover shows its start


@dataclass(frozen=True)
class CountItem:
    """One number on the cover."""

    label: str
    value: int


@dataclass(frozen=True)
class SourceItem:
    """What diffsvc read on one side, as the cover lists it."""

    role: str  # "Earlier version" or "Later version"
    label: str
    title: str | None
    source: str  # the file name and its format, or "pasted text"
    languages: str
    clauses: int
    details: list[str]  # a Word file's tracked changes and the repairs made, in words


@dataclass(frozen=True)
class NoteItem:
    """A plain-words note on an entry's change."""

    kind: str
    text: str
    badge: str  # a marker for notes about a bilingual document's two languages, else ''


@dataclass(frozen=True)
class ClauseItem:
    """One clause of one side, cut into marked runs (side by side)."""

    label: str | None
    fragments: list[Fragment]


@dataclass(frozen=True)
class Block:
    """An entry as the PDF shows it; the place a moved clause left (``op`` "ghost"); or, in
    the changes view, a run of clauses only renumbered (``op`` "renumbered")."""

    anchor: str
    op: str
    heading: str = ""  # what happened and the clause numbers; '' for a clause that reads the same
    prefix: str = ""  # the number printed before a clause that reads the same
    same: bool = False  # reads the same: set in a quieter ink
    fragments: list[Fragment] = field(default_factory=list)  # one column
    left: list[ClauseItem] = field(default_factory=list)  # side by side, when the texts differ
    right: list[ClauseItem] = field(default_factory=list)
    notes: list[NoteItem] = field(default_factory=list)
    link: str | None = None  # anchor of the other end of a move
    link_text: str = ""
    skipped: int = 0  # changes view: unchanged clauses left out just before this block
    renumbered: list[str] = field(default_factory=list)  # a run only renumbered: "3.→4.", ...


@dataclass(frozen=True)
class SectionItem:
    """The blocks of one language: a bilingual comparison has a Chinese and an English one."""

    language: str
    title: str
    blocks: list[Block]
    skipped_after: int = 0  # changes view: unchanged clauses left out at the section's end


@dataclass(frozen=True)
class PdfPage:
    """Everything the template reads."""

    title: str
    left_label: str
    right_label: str
    view: PdfView
    view_words: str
    hide_editorial: bool
    summary: str
    counts: list[CountItem]
    sources: list[SourceItem]
    settings: list[str]
    stamp: str  # the footer's words: the comparison's id and date
    created: str  # ISO 8601, for the PDF's metadata
    engine: str
    sections: list[SectionItem]
    changed: int  # entries changed in any way, editorial ones included
    shown: int  # blocks the view prints: none in the changes view of two equal documents


def _utc(when: datetime.datetime | None) -> datetime.datetime:
    """The comparison's date in UTC; a naive time is taken to be UTC already."""
    if when is None:
        return datetime.datetime.now(datetime.UTC)
    if when.tzinfo is None:
        return when.replace(tzinfo=datetime.UTC)
    return when.astimezone(datetime.UTC)


def _title(doc: Document) -> str | None:
    clause = next((c for c in doc.clauses if c.kind == "title"), None)
    if clause is None:
        return None
    text = " ".join(clause.text.split())
    return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1] + "…"


def _languages(doc: Document) -> str:
    """The languages of a document in reading order, in words.

    >>> from diffsvc import normalize
    >>> _languages(normalize("一、加强合作。\\n二、深化交流。\\n1. Cooperate more.\\n2. Meet."))
    'Chinese and English'
    """
    seen = [s.language for s in doc.sections] or [c.language for c in doc.clauses]
    names = list(dict.fromkeys(LANGUAGE_NAMES[lang] for lang in seen if lang != "und"))
    if not names:
        return "other" if seen else "none (empty)"
    return " and ".join(names)


def _source(doc: Document, role: str, label: str) -> SourceItem:
    src = doc.source
    if src.filename is None and src.encoding is None and src.format == "text":
        read = "pasted text"
    else:
        read = FORMAT_WORDS.get(src.format, src.format)
        if src.encoding:
            read += f", encoding {src.encoding}"
        if src.filename:
            read = f"{src.filename} ({read})"
    tracked = tracked_words(src.tracked_changes)
    return SourceItem(
        role=role,
        label=label,
        title=_title(doc),
        source=read,
        languages=_languages(doc),
        clauses=len(doc.clauses),
        details=([tracked] if tracked else []) + repair_words(src.repairs),
    )


def _notes(entry: Entry, hide_editorial: bool) -> list[NoteItem]:
    """The entry's changes in plain words. Renumbering is left to the heading, which already
    reads "3.→4. renumbered": a line saying it again under each of the hundreds of clauses an
    early insertion renumbers would lengthen the document for nothing."""
    notes = [
        NoteItem(kind=c.kind, text=c.note, badge=NOTE_BADGES.get(c.kind, ""))
        for c in entry.changes
        if c.kind != "renumbered" and not (hide_editorial and c.kind == "editorial")
    ]
    if entry.rewritten:
        notes.append(NoteItem(kind="rewritten", text=REWRITTEN_NOTE, badge=""))
    return notes


def _plain(fragments: Sequence[Fragment]) -> list[Fragment]:
    """Hidden editorial changes read as each side's own text, unmarked, as on the web page."""
    return [
        Fragment(text=f.text, mark="same", editorial=False) if f.editorial else f for f in fragments
    ]


def _side(
    result: Comparison, entry: Entry, side: Literal["left", "right"], hide_editorial: bool
) -> list[ClauseItem]:
    doc, indices = (result.left, entry.left) if side == "left" else (result.right, entry.right)
    texts = [doc.clauses[i].text for i in indices]
    cut = cut_by_clause(side_pieces(entry.spans, side), texts) if entry.spans else None
    whole: Mark = "same"
    if entry.op in (Op.added, Op.removed):
        whole = "del" if side == "left" else "ins"
    items = []
    for k, i in enumerate(indices):
        frags = (
            cut[k] if cut is not None else [Fragment(text=texts[k], mark=whole, editorial=False)]
        )
        items.append(
            ClauseItem(
                label=doc.clauses[i].label, fragments=_plain(frags) if hide_editorial else frags
            )
        )
    return items


def _prefix(result: Comparison, entry: Entry) -> str:
    """A clause's number as printed before it: '4.', or '3.→4.' when renumbered."""
    left = "+".join(result.left.clauses[i].label or "" for i in entry.left)
    right = "+".join(result.right.clauses[i].label or "" for i in entry.right)
    return f"{left}→{right}" if entry.renumbered else right or left


def _block(result: Comparison, n: int, entry: Entry, view: PdfView, hide_editorial: bool) -> Block:
    same = reads_unchanged(entry, hide_editorial=hide_editorial)
    # A clause that reads the same and stayed in place is printed as the document has it,
    # after its number; only changes get a heading.
    quiet = same and not entry.moved
    # Side by side, a clause whose text is the same on both sides (moved or not) is printed
    # once across both columns, as the web page does at phone width: the same words twice
    # tell the reader nothing. Any difference, even a hidden editorial one, keeps both
    # columns, each with its own words.
    columns = view == "side" and not reads_unchanged(entry)
    return Block(
        anchor=f"e{n}",
        op=entry.op.value,
        heading="" if quiet else entry_heading(result, entry, hide_editorial=hide_editorial),
        prefix=_prefix(result, entry) if quiet else "",
        same=same,
        fragments=[] if columns else shown_fragments(result, entry, hide_editorial=hide_editorial),
        left=_side(result, entry, "left", hide_editorial) if columns else [],
        right=_side(result, entry, "right", hide_editorial) if columns else [],
        notes=_notes(entry, hide_editorial),
    )


def _shown(entry: Entry, hide_editorial: bool) -> bool:
    """In the changes view: whatever changed, order and numbering included; with editorial
    changes hidden, an entry changed only editorially drops out unless it also moved or was
    renumbered."""
    return (
        entry.moved or entry.renumbered or not reads_unchanged(entry, hide_editorial=hide_editorial)
    )


def _renumbered_only(entry: Entry, hide_editorial: bool) -> bool:
    """Changed only in its numbering: it reads the same, stayed in place, and there is
    nothing else to say about it."""
    return (
        entry.renumbered
        and not entry.moved
        and reads_unchanged(entry, hide_editorial=hide_editorial)
        and not _notes(entry, hide_editorial)
    )


def _ghost(result: Comparison, n: int, side: str, labels: tuple[str, str]) -> Block:
    entry = result.alignment[n]
    doc, indices, other_doc, other = (
        (result.left, entry.left, result.right, entry.right)
        if side == "left"
        else (result.right, entry.right, result.left, entry.left)
    )
    here = doc.clauses[indices[0]].label or "This clause"
    there = other_doc.clauses[other[0]].label or "elsewhere"
    if side == "left":
        text = f"{here} stood here in {labels[0]}; in {labels[1]} it is {there}"
    else:
        text = f"{here} stands here in {labels[1]}; in {labels[0]} it was {there}"
    return Block(anchor=f"g{n}", op="ghost", link=f"e{n}", link_text=text)


def _sections(
    result: Comparison, view: PdfView, hide_editorial: bool, labels: tuple[str, str]
) -> list[SectionItem]:
    alignment = result.alignment
    # A moved clause shows at one end and leaves a marker at the other, placed as the web page
    # places it, so that either version's order can be followed on paper.
    positions = Positions(alignment)
    ghosts: dict[int, list[int]] = {}
    ghost_side: dict[int, str] = {}
    for n, entry in enumerate(alignment):
        if entry.moved and entry.left and entry.right:
            after, side = ghost_after(alignment, n, positions)
            ghosts.setdefault(after, []).append(n)
            ghost_side[n] = side
    order = [(g, True) for g in ghosts.get(-1, [])]
    for n in range(len(alignment)):
        order.append((n, False))
        order.extend((g, True) for g in ghosts.get(n, []))

    languages: list[str] = []
    blocks: dict[str, list[Block]] = {}
    skipped: dict[str, int] = {}
    for n, ghost in order:
        entry = alignment[n]
        lang = entry.language
        if lang not in blocks:
            languages.append(lang)
            blocks[lang], skipped[lang] = [], 0
        shown = blocks[lang]
        if ghost:
            block = _ghost(result, n, ghost_side[n], labels)
        elif view == "changes" and not _shown(entry, hide_editorial):
            skipped[lang] += 1
            continue
        elif view == "changes" and _renumbered_only(entry, hide_editorial):
            # One clause inserted early renumbers every clause after it: the changes view
            # lists those by their numbers, not as hundreds of clauses read in full.
            if shown and shown[-1].op == "renumbered" and not skipped[lang]:
                shown[-1].renumbered.append(_prefix(result, entry))
                continue
            block = Block(
                anchor=f"e{n}", op="renumbered", same=True, renumbered=[_prefix(result, entry)]
            )
        else:
            block = _block(result, n, entry, view, hide_editorial)
            if n in ghost_side:
                old = ghost_side[n] == "left"
                text = (
                    f"Moved from where it stood in {labels[0]}"
                    if old
                    else f"Moved to where it stands in {labels[1]}"
                )
                block = replace(block, link=f"g{n}", link_text=text)
        shown.append(replace(block, skipped=skipped[lang]) if skipped[lang] else block)
        skipped[lang] = 0
    return [
        SectionItem(
            language=lang,
            title=LANGUAGE_TITLES.get(lang, lang),
            blocks=blocks[lang],
            skipped_after=skipped[lang],
        )
        for lang in languages
    ]


def _page(
    result: Comparison,
    view: PdfView,
    hide_editorial: bool,
    cid: str | None,
    when: datetime.datetime | None,
) -> PdfPage:
    # "Earlier" and "Later", not the web form's "Left" and "Right": whoever reads the PDF
    # never saw the form.
    labels = (side_label(result.left, "Earlier"), side_label(result.right, "Later"))
    made = _utc(when)
    summary = result.summary
    date = made.strftime("%Y-%m-%d %H:%M UTC")
    sections = _sections(result, view, hide_editorial, labels)
    return PdfPage(
        title=f"{labels[0]} → {labels[1]}",
        left_label=labels[0],
        right_label=labels[1],
        view=view,
        view_words=VIEW_WORDS[view],
        hide_editorial=hide_editorial,
        summary=summary.text,
        counts=[CountItem(label=name, value=getattr(summary, name)) for name in COVER_COUNTS],
        sources=[
            _source(result.left, "Earlier version", labels[0]),
            _source(result.right, "Later version", labels[1]),
        ],
        settings=settings_words(result.options),
        stamp=f"Comparison {cid} · {date}" if cid else f"Compared {date}",
        created=made.isoformat(timespec="seconds"),
        engine=result.version.engine,
        sections=sections,
        changed=summary.changed,
        shown=sum(len(s.blocks) for s in sections),
    )


def redline_html(
    result: Comparison,
    *,
    view: PdfView = "changes",
    hide_editorial: bool = False,
    cid: str | None = None,
    when: datetime.datetime | None = None,
) -> str:
    """The HTML page :func:`redline_pdf` lays out (print media, no script, nothing to fetch)."""
    page = _page(result, view, hide_editorial, cid, when)
    return TEMPLATE_ENV.get_template("export_pdf.html").render(page=page, version=__version__)


def redline_pdf(
    result: Comparison,
    *,
    view: PdfView = "changes",
    hide_editorial: bool = False,
    cid: str | None = None,
    when: datetime.datetime | None = None,
) -> bytes:
    """The comparison as an A4 PDF redline: a cover with the summary, the counts and both
    versions' sources, then the chosen view, ``changes`` (only what changed), ``inline``
    (every clause) or ``side`` (earlier | later), with notes and moves linked both ways; on
    every page the comparison's id (``cid``), its date (``when``, now if not given; shown in
    UTC) and "Page N of M".

    With ``hide_editorial``, editorial changes (punctuation, width, script, spacing) are not
    marked, and an entry changed only editorially is left out of the changes view.
    """
    # Imported here: loading Pango takes half a second that the command line, the pages and
    # every other export would otherwise pay at start-up.
    import weasyprint

    html = redline_html(result, view=view, hide_editorial=hide_editorial, cid=cid, when=when)
    # An empty list of allowed protocols: the page names no resource, and if a change to the
    # template ever made user text a URL, nothing would be fetched.
    fetcher = weasyprint.urls.URLFetcher(allowed_protocols=[])
    pdf: bytes = weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf()
    return pdf
