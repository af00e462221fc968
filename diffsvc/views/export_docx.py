"""The Word redline: a comparison as a .docx with native tracked changes, for lawyers to hand on.

The document is the later version's text, one paragraph per clause with its label written out
(``1. ``, ``一、``), and every change a Word revision by the author "diffsvc" dated with the
comparison: deleted and inserted words (``w:del``, ``w:ins``), clauses added or removed whole
with their paragraph marks, splits and merges as inserted and deleted paragraph marks, clauses
that changed order as Word moves (``w:moveFrom`` at the old place, ``w:moveTo`` at the new, with
their named ranges). So a reader who accepts every change reads the later version's clauses,
and one who rejects every change the earlier version's, in the earlier order; this is checked
in LibreOffice by the tests. Renumbering and the notes on numbers, commitments, references and
places are Word comments on the clause.

Moves: LibreOffice 7.4 reads ``w:moveFrom``/``w:moveTo`` (runs and paragraph marks) as plain
deletions and insertions, which accept and reject correctly (and it colours them as moved when
the two texts match), while Word shows them as moves; so the move markup is used as Word writes
it. A clause that moved and changed carries its changes at the new place: moved words as
``w:moveTo``, added words as ``w:ins``, the words it lost only at the old place (``w:del``
inside the moved-away text), so each word is in exactly the state that accepting or rejecting
must leave. Two habits of LibreOffice's import shape the file, each explained where it is
handled: a moved paragraph mark takes the kind of the text just before it
(``_mark_revision``), and insertions that touch across a paragraph mark become one, mark and
all (``_keep_marks_apart``).

A short block heads the document, in paragraph styles of its own (``COVER_STYLES``), so that
it is never mistaken for a clause: the title "Comparison of <earlier> and <later>", the plain
words summary and how to read the redline. With ``editorial="silent"``, changes of
punctuation, width, script and spacing are written as the later text without a revision, so
rejecting every change then gives the earlier wording in the later form of those characters.

Every text goes through lxml, which escapes it; characters XML 1.0 cannot hold become U+FFFD.
"""

from __future__ import annotations

import bisect
import datetime
import io
import itertools
import re
from dataclasses import dataclass, field
from typing import Any, Literal

import docx
import regex
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from diffsvc.models import Clause, ClauseKind, Comparison, Entry
from diffsvc.text.keys import match_key
from diffsvc.text.scripts import UNSPACED, is_unspaced
from diffsvc.version import __version__
from diffsvc.views.comparison import side_label
from diffsvc.views.export import export_moment, stable_zip, tracked_lines

AUTHOR = "diffsvc"
EAST_ASIAN_FONT = "Noto Serif CJK SC"
TITLE_STYLE = "Comparison Title"
NOTE_STYLE = "Comparison Note"
#: The styles of the block that heads the redline: every other paragraph is a clause.
COVER_STYLES = frozenset({TITLE_STYLE, NOTE_STYLE})

Editorial = Literal["revisions", "silent"]
# A revision as Word stores it: "" for plain text, else the element that wraps it.
Rev = Literal["", "ins", "del", "moveFrom", "moveTo"]
Mark = Literal["same", "del", "ins"]
# Where an entry is written: once (unchanged, modified, added, removed, split, merged in
# place), or twice for a move, at its old place ("from") and its new one ("to").
Place = Literal["both", "from", "to"]

# What each piece of an entry becomes at each place; None: not written there at all.
_TEXT_REV: dict[Place, dict[Mark, Rev | None]] = {
    "both": {"same": "", "del": "del", "ins": "ins"},
    "from": {"same": "moveFrom", "del": "del", "ins": None},
    "to": {"same": "moveTo", "del": None, "ins": "ins"},
}
# The paragraph mark between two clauses of an entry: a break on one side only (a split or a
# merge) is an inserted or deleted mark; at a move's old or new place every mark moves.
_BREAK_REV: dict[Place, dict[Mark, Rev | None]] = {
    "both": {"same": "", "del": "del", "ins": "ins"},
    "from": {"same": "moveFrom", "del": "moveFrom", "ins": None},
    "to": {"same": "moveTo", "del": None, "ins": "moveTo"},
}
# Revisions that stay once every change is accepted, and once every change is rejected.
_ACCEPTED: frozenset[Rev] = frozenset({"", "ins", "moveTo"})
_REJECTED: frozenset[Rev] = frozenset({"", "del", "moveFrom"})

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_EAST_ASIAN = regex.compile(f"[{UNSPACED}]")
_SPECIAL = re.compile(r"(\t|\r\n|\r|\n)")
_HEADING_END = tuple(".。;；:：,，!！?？")
_HEADING_MAX = 120  # characters: a clause longer than this is prose, whatever it holds


def xml_safe(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold replaced by U+FFFD, so the file opens.

    >>> xml_safe("a\\x00b\\tc")
    'a\\ufffdb\\tc'
    """
    return _XML_FORBIDDEN.sub("\ufffd", text)


def _label_parts(clause: Clause | None) -> tuple[str, str]:
    """A clause's label and the space after it: none after a Chinese label (``一、合作``)."""
    if clause is None or not clause.label:
        return "", ""
    label = xml_safe(clause.label)
    spaced = clause.text and not is_unspaced(label[-1])
    return label, " " if spaced else ""


def clause_line(clause: Clause) -> str:
    """A clause's paragraph as the redline writes it: its label, then its text.

    Accepting every change in the redline leaves the later version's clauses in these words,
    rejecting every change the earlier version's.

    >>> from diffsvc import normalize
    >>> [clause_line(c) for c in normalize("1. Alpha.\\n（二）合作。").clauses]
    ['1. Alpha.', '（二）合作。']
    """
    label, space = _label_parts(clause)
    return label + space + xml_safe(clause.text)


@dataclass(frozen=True)
class _Run:
    text: str
    rev: Rev


@dataclass(frozen=True)
class _Marker:
    """A range marker or a comment reference, written among the runs."""

    tag: str  # moveFromRangeStart, ..., commentRangeStart, commentRangeEnd, commentReference
    key: str  # the move's name, or the comment's number
    rev: Rev = ""  # for the comment reference's run: the revision of the clause it notes


@dataclass
class _Paragraph:
    style: str
    chinese: bool
    items: list[_Run | _Marker] = field(default_factory=list)
    mark: Rev = ""


class _Unaligned(Exception):
    """The entry's spans do not cut its clauses apart consistently: write it as old and new."""


@dataclass(frozen=True)
class _Piece:
    mark: Mark
    text: str = ""
    brk: bool = False  # a paragraph mark between two clauses of the entry


def _spans_segments(
    entry: Entry, left: str, right: str, silent: bool
) -> list[tuple[Mark, str, str]]:
    """The entry as (mark, left text, right text) segments; a "same" segment whose two texts
    differ is an editorial change written silently as its later text."""
    if silent and entry.editorial and not entry.substantive and "\n" not in left + right:
        return [("same", left, right)]
    if not entry.spans:
        if left == right:
            return [("same", left, right)]
        return [("del", left, ""), ("ins", "", right)]
    if (
        "".join(s.left for s in entry.spans) != left
        or "".join(s.right for s in entry.spans) != right
    ):
        raise _Unaligned
    out: list[tuple[Mark, str, str]] = []
    for span in entry.spans:
        quiet = silent and span.editorial and "\n" not in span.left + span.right
        if quiet or (span.op == "equal" and span.left == span.right):
            out.append(("same", span.left, span.right))
        else:
            if span.left:
                out.append(("del", span.left, ""))
            if span.right:
                out.append(("ins", "", span.right))
    return out


def _pieces(segments: list[tuple[Mark, str, str]], left: str, right: str) -> list[_Piece]:
    """Segments cut at the line feeds that join the entry's clauses (a split's or a merge's
    paragraph marks); a line feed inside a clause stays text."""
    left_breaks = {m.start() for m in re.finditer("\n", left)}
    right_breaks = {m.start() for m in re.finditer("\n", right)}
    pieces: list[_Piece] = []
    at_left = at_right = 0
    for mark, old, new in segments:
        shown = new if mark != "del" else old
        start = 0
        if old == new or mark != "same":
            for found in re.finditer("\n", shown):
                k = found.start()
                on_left = mark != "ins" and at_left + k in left_breaks
                on_right = mark != "del" and at_right + k in right_breaks
                if mark == "same" and on_left != on_right:
                    raise _Unaligned
                if on_left or on_right:
                    if k > start:
                        pieces.append(_Piece(mark, shown[start:k]))
                    pieces.append(_Piece(mark, brk=True))
                    start = k + 1
        if len(shown) > start:
            pieces.append(_Piece(mark, shown[start:]))
        at_left += len(old)
        at_right += len(new)
    return pieces


def _clause_style(clause: Clause, parents: set[int]) -> str:
    if clause.kind == ClauseKind.title:
        return "Title"
    heading = (
        clause.index in parents
        and len(clause.text) <= _HEADING_MAX
        and not clause.text.rstrip().endswith(_HEADING_END)
    )
    return f"Heading {min(clause.level + 1, 9)}" if heading else "Normal"


@dataclass
class _Builder:
    """Turns entries into paragraphs of runs, each run and paragraph mark with its revision."""

    result: Comparison
    silent: bool
    left_parents: set[int]
    right_parents: set[int]

    def paragraph(self, left: Clause | None, right: Clause | None, place: Place) -> _Paragraph:
        # A paragraph takes the look of the clause a reader of the later version sees there.
        if right is not None and place != "from":
            return _Paragraph(_clause_style(right, self.right_parents), right.language == "zh")
        assert left is not None
        return _Paragraph(_clause_style(left, self.left_parents), left.language == "zh")

    def entry(self, entry: Entry, place: Place) -> list[_Paragraph]:
        lefts = [self.result.left.clauses[i] for i in entry.left]
        rights = [self.result.right.clauses[i] for i in entry.right]
        left = "\n".join(xml_safe(c.text) for c in lefts)
        right = "\n".join(xml_safe(c.text) for c in rights)
        try:
            pieces = _pieces(_spans_segments(entry, left, right, self.silent), left, right)
        except _Unaligned:
            # Spans that do not rebuild the clauses: the old clauses out, the new ones in.
            pieces = _pieces([("del", left, ""), ("ins", "", right)], left, right)
        text_rev, break_rev = _TEXT_REV[place], _BREAK_REV[place]
        li = ri = 0
        first_left = lefts[0] if lefts else None
        first_right = rights[0] if rights else None
        current = self.paragraph(first_left, first_right, place)
        out = [current]
        self._label(current, first_left, first_right, text_rev)
        for piece in pieces:
            if not piece.brk:
                rev = text_rev[piece.mark]
                if rev is not None:
                    current.items.append(_Run(piece.text, rev))
                continue
            li += piece.mark != "ins"
            ri += piece.mark != "del"
            new_left = lefts[li] if piece.mark != "ins" else None
            new_right = rights[ri] if piece.mark != "del" else None
            rev = break_rev[piece.mark]
            if rev is not None:
                current.mark = rev
                current = self.paragraph(new_left, new_right, place)
                out.append(current)
            self._label(current, new_left, new_right, text_rev)
        if place == "both":
            current.mark = "" if lefts and rights else "del" if lefts else "ins"
        else:
            current.mark = "moveFrom" if place == "from" else "moveTo"
        return out

    def _label(
        self,
        paragraph: _Paragraph,
        left: Clause | None,
        right: Clause | None,
        text_rev: dict[Mark, Rev | None],
    ) -> None:
        """The label at the start of a clause's paragraph: a renumbering is the old label deleted
        and the new one inserted; with editorial changes silent, a label written differently
        but the same (``1.`` and ``１．``) is the later one."""
        (old, old_space), (new, new_space) = _label_parts(left), _label_parts(right)
        if self.silent and old and new and match_key(old) == match_key(new):
            old, old_space = new, new_space
        parts: list[tuple[Mark, str]] = []
        for before, after in ((old, new), (old_space, new_space)):
            if before == after and left is not None and right is not None:
                parts.append(("same", before))
            else:
                parts += [("del", before), ("ins", after)]
        for mark, text in parts:
            rev = text_rev[mark]
            if text and rev is not None:
                paragraph.items.append(_Run(text, rev))


def _placements(result: Comparison) -> list[tuple[int, Place]]:
    """Where each entry is written, in document order: entry indices with their place.

    Entries holding both sides and keeping their order are written once, in place; between
    them go the entries of one side only, the earlier version's first (removed clauses, the
    old places of moves), each where its side puts it, then the later version's (added
    clauses, the new places of moves). Rejecting every change then reads the earlier clauses in
    their order, and accepting every change the later ones in theirs.
    """
    anchors: list[int] = []
    last_left = last_right = -1
    olds: list[tuple[int, int]] = []  # (first left clause, entry)
    news: list[tuple[int, int]] = []  # (first right clause, entry)
    in_place = [k for k, e in enumerate(result.alignment) if e.left and e.right and not e.moved]
    for k in sorted(in_place, key=lambda k: min(result.alignment[k].right)):
        e = result.alignment[k]
        if min(e.left) > last_left and min(e.right) > last_right:
            anchors.append(k)
            last_left, last_right = max(e.left), max(e.right)
    kept = set(anchors)
    for k, e in enumerate(result.alignment):
        if k in kept:
            continue
        if e.left:
            olds.append((min(e.left), k))
        if e.right:
            news.append((min(e.right), k))
    lefts = [max(result.alignment[k].left) for k in anchors]
    rights = [max(result.alignment[k].right) for k in anchors]
    slots: list[list[tuple[int, Place]]] = [[] for _ in range(len(anchors) + 1)]
    for first, k in sorted(olds):
        slot = bisect.bisect_left(lefts, first)  # anchors before it on its side
        slots[slot].append((k, "from" if result.alignment[k].right else "both"))
    for first, k in sorted(news):
        slot = bisect.bisect_left(rights, first)
        slots[slot].append((k, "to" if result.alignment[k].left else "both"))
    out: list[tuple[int, Place]] = []
    for slot, placed in enumerate(slots):
        out += placed
        if slot < len(anchors):
            out.append((anchors[slot], "both"))
    return out


def _notes(entry: Entry, silent: bool) -> list[str]:
    """The entry's notes for its comment: renumbering, numbers, commitments, references,
    places, a change in one language only."""
    notes = [c.note for c in entry.changes if not (silent and c.kind == "editorial")]
    return [xml_safe(n[:1].upper() + n[1:]) for n in notes if n]


def _end_cleanly(paragraphs: list[_Paragraph]) -> None:
    """Keep the document's last paragraph mark, which no word processor removes.

    When the last clause exists on one side only (removed, added, or a move's place), its
    mark would stay behind as an empty paragraph; instead, the mark that ends that side's
    last paragraph before it gives way, as Word itself writes such a change.
    """
    last = paragraphs[-1]
    if last.mark == "":
        return
    view = _ACCEPTED if last.mark in _REJECTED else _REJECTED
    k = next((k for k in range(len(paragraphs) - 2, -1, -1) if paragraphs[k].mark in view), None)
    if k is not None:
        if paragraphs[k].mark == "":
            paragraphs[k].mark = "del" if view is _ACCEPTED else "ins"
        else:  # a break of that side only: the two paragraphs become one
            merged = paragraphs[k]
            following = paragraphs.pop(k + 1)
            merged.items += following.items
            merged.mark = following.mark
    paragraphs[-1].mark = ""


_INSERTED: frozenset[Rev] = frozenset({"ins", "moveTo"})
_CHANGED: frozenset[Rev] = frozenset({"ins", "del"})
_LAST_TOKEN = re.compile(r"(?:\w+|\s+|.)\Z", re.S)


def _runs(paragraph: _Paragraph) -> list[_Run]:
    return [item for item in paragraph.items if isinstance(item, _Run) and item.text]


def _changed(item: _Run | _Marker) -> bool:
    return isinstance(item, _Run) and item.rev in _CHANGED


def _keep_marks_apart(paragraphs: list[_Paragraph]) -> None:
    """Never end a paragraph in inserted words when the next one starts with inserted words
    and the mark between them stays.

    LibreOffice 7.4 joins two insertions that touch across a paragraph mark into one, mark
    included, so rejecting every change would join the two paragraphs. Deleted words at the
    end keep the insertions apart: the paragraph's last inserted and deleted words are
    written insertion first, and an insertion at the very end takes the last unchanged word
    with it ("alpha and beta" + ", gamma" is written "alpha and {+beta, gamma+}[-beta-]"),
    which accepts and rejects to the same words.
    """
    for paragraph, following in itertools.pairwise(paragraphs):
        ends, starts = _runs(paragraph), _runs(following)
        touching = starts[0].rev in _INSERTED if starts else following.mark in _INSERTED
        if not ends or ends[-1].rev not in _INSERTED or not touching:
            continue
        if _mark_revision(paragraph) in _INSERTED:
            continue  # an inserted mark goes with the insertions anyway
        items = paragraph.items
        end = len(items)
        while end and isinstance(items[end - 1], _Marker):
            end -= 1
        start = end
        while start and _changed(items[start - 1]):
            start -= 1
        group = [item for item in items[start:end] if isinstance(item, _Run)]
        deleted = [run for run in group if run.rev == "del"]
        inserted = [run for run in group if run.rev != "del"]
        if not deleted:
            before = items[start - 1] if start else None
            if not isinstance(before, _Run) or before.rev or not before.text:
                continue  # nothing unchanged to take along: a rare paragraph inserted whole
            word = _LAST_TOKEN.search(before.text)
            assert word is not None
            start -= 1
            rest = before.text[: word.start()]
            kept = [_Run(rest, "")] if rest else []
            taken = word.group()
            items[start:end] = [*kept, _Run(taken, "ins"), *inserted, _Run(taken, "del")]
        else:
            items[start:end] = [*inserted, *deleted]


def redline_docx(
    result: Comparison,
    *,
    editorial: Editorial = "revisions",
    when: datetime.datetime | None = None,
) -> bytes:
    """The comparison as a Word document with tracked changes, as bytes of a .docx.

    ``editorial="silent"`` writes editorial changes (punctuation, width, script, spacing) as the
    later text without a revision; ``"revisions"`` tracks them like any other change. ``when``
    dates every revision and comment (default: now); a naive datetime is read as UTC.

    >>> from diffsvc import compare
    >>> data = redline_docx(compare("1. We will establish it.", "1. We will explore it."))
    >>> data[:2]
    b'PK'
    """
    if editorial not in ("revisions", "silent"):
        raise ValueError(f"editorial must be 'revisions' or 'silent', not {editorial!r}")
    moment = export_moment(when)
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    silent = editorial == "silent"
    builder = _Builder(
        result,
        silent,
        {c.parent for c in result.left.clauses if c.parent is not None},
        {c.parent for c in result.right.clauses if c.parent is not None},
    )
    paragraphs: list[_Paragraph] = []
    comments: list[list[str]] = []
    for k, place in _placements(result):
        entry = result.alignment[k]
        written = builder.entry(entry, place)
        notes = _notes(entry, silent)
        if notes and place != "from":  # a note is about the clause where it now stands
            key = str(len(comments))
            comments.append(notes)
            written[0].items.insert(0, _Marker("commentRangeStart", key))
            written[-1].items.append(_Marker("commentRangeEnd", key))
            written[-1].items.append(_Marker("commentReference", key, written[-1].mark))
        if place != "both":
            tag = "moveFromRange" if place == "from" else "moveToRange"
            written[0].items.insert(0, _Marker(f"{tag}Start", f"move{k}"))
            written[-1].items.append(_Marker(f"{tag}End", f"move{k}"))
        paragraphs += written
    if paragraphs:
        _end_cleanly(paragraphs)
        _keep_marks_apart(paragraphs)
    return _write(result, paragraphs, comments, silent, moment, stamp)


# Writing the package


def _w(tag: str, **attrs: str) -> Any:
    element = OxmlElement(f"w:{tag}")
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _text_elements(run: Any, text: str, deleted: bool) -> None:
    """Text into a run: tabs and line breaks as Word's own elements."""
    for part in _SPECIAL.split(text):
        if not part:
            continue
        if part == "\t":
            run.append(_w("tab"))
        elif part in ("\r\n", "\r", "\n"):
            run.append(_w("br"))
        else:
            t = _w("delText" if deleted else "t")
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            t.text = part
            run.append(t)


def _run_properties(text: str, chinese: bool) -> Any | None:
    """Chinese set in a CJK font: the run names its East Asian font and language."""
    if not _EAST_ASIAN.search(text):
        return None
    rpr = _w("rPr")
    fonts = _w("rFonts", eastAsia=EAST_ASIAN_FONT)
    if chinese:  # quotes and dashes in a Chinese clause take the Chinese font's forms
        fonts.set(qn("w:hint"), "eastAsia")
    rpr.append(fonts)
    rpr.append(_w("lang", eastAsia="zh-CN"))
    return rpr


def _mark_revision(paragraph: _Paragraph) -> Rev:
    """The revision of a paragraph's mark as written: a moved paragraph's mark moves with it,
    as Word writes it, only when the paragraph ends in moved text. LibreOffice 7.4 reads a
    moved mark as the kind of the text just before it, so after deleted or inserted words it
    would keep the mark in both readings and leave an empty paragraph behind; there the mark
    is plainly deleted or inserted, which both word processors read alike."""
    mark = paragraph.mark
    if mark not in ("moveFrom", "moveTo"):
        return mark
    runs = [item for item in paragraph.items if isinstance(item, _Run) and item.text]
    if runs and runs[-1].rev == mark:
        return mark
    return "del" if mark == "moveFrom" else "ins"


class _Writer:
    """Writes paragraphs into a python-docx body; every revision gets a unique id."""

    def __init__(self, body: Any, first_id: int, stamp: str) -> None:
        self.body = body
        self.anchor = body[-1]  # the section properties stay last
        self.next_id = first_id
        self.stamp = stamp
        self.range_ids: dict[tuple[str, str], int] = {}

    def take_id(self) -> str:
        self.next_id += 1
        return str(self.next_id - 1)

    def revision(self, rev: Rev) -> Any:
        return _w(rev, id=self.take_id(), author=AUTHOR, date=self.stamp)

    def plain(self, style_id: str, text: str) -> None:
        p = _w("p")
        ppr = _w("pPr")
        ppr.append(_w("pStyle", val=style_id))
        p.append(ppr)
        for line in text.split("\n"):
            if len(p) > 1:
                r = _w("r")
                r.append(_w("br"))
                p.append(r)
            self._run(p, _Run(line, ""), chinese=False)
        self.anchor.addprevious(p)

    def paragraph(self, paragraph: _Paragraph, style_id: str) -> None:
        p = _w("p")
        ppr = _w("pPr")
        if style_id != "Normal":
            ppr.append(_w("pStyle", val=style_id))
        if paragraph.mark:
            rpr = _w("rPr")
            rpr.append(self.revision(_mark_revision(paragraph)))
            ppr.append(rpr)
        p.append(ppr)
        wrapper: Any = None
        wrapped: Rev = ""
        for item in paragraph.items:
            if isinstance(item, _Run) and item.rev and item.rev == wrapped:
                self._run(wrapper, item, paragraph.chinese)
                continue
            wrapper, wrapped = None, ""
            if isinstance(item, _Marker):
                self._marker(p, item)
            elif item.rev:
                wrapper, wrapped = self.revision(item.rev), item.rev
                p.append(wrapper)
                self._run(wrapper, item, paragraph.chinese)
            else:
                self._run(p, item, paragraph.chinese)
        self.anchor.addprevious(p)

    def _run(self, parent: Any, item: _Run, chinese: bool) -> None:
        if not item.text:
            return
        r = _w("r")
        rpr = _run_properties(item.text, chinese)
        if rpr is not None:
            r.append(rpr)
        _text_elements(r, item.text, deleted=item.rev == "del")
        parent.append(r)

    def _marker(self, p: Any, marker: _Marker) -> None:
        if marker.tag.startswith("move"):
            kind = marker.tag.removesuffix("Start").removesuffix("End")
            if marker.tag.endswith("Start"):
                key = (kind, marker.key)
                self.range_ids[key] = int(self.take_id())
                p.append(
                    _w(
                        marker.tag,
                        id=str(self.range_ids[key]),
                        name=marker.key,
                        author=AUTHOR,
                        date=self.stamp,
                    )
                )
            else:
                p.append(_w(marker.tag, id=str(self.range_ids[kind, marker.key])))
        elif marker.tag == "commentReference":
            r = _w("r")
            r.append(_w("commentReference", id=marker.key))
            if marker.rev:
                wrapper = self.revision(marker.rev)
                wrapper.append(r)
                p.append(wrapper)
            else:
                p.append(r)
        else:
            p.append(_w(marker.tag, id=marker.key))


def _styles(document: Any) -> dict[str, str]:
    """The styles the redline uses, by name, with their ids; the cover's own styles added and
    the East Asian default font set."""
    styles = document.styles
    title = styles.add_style(TITLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    title.base_style = styles["Normal"]
    title.font.size, title.font.bold = Pt(14), True
    note = styles.add_style(NOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = styles["Normal"]
    note.font.size, note.font.italic = Pt(9), True
    note.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for theme in ("w:eastAsiaTheme",):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    rpr.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")
    names = [TITLE_STYLE, NOTE_STYLE, "Normal", "Title", *(f"Heading {n}" for n in range(1, 10))]
    return {name: styles[name].style_id for name in names}


def _write(
    result: Comparison,
    paragraphs: list[_Paragraph],
    comments: list[list[str]],
    silent: bool,
    moment: datetime.datetime,
    stamp: str,
) -> bytes:
    document = docx.Document()
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    # The template's thumbnail is python-docx's, not a picture of this redline.
    package_rels = document.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rid]
    style_ids = _styles(document)
    earlier = xml_safe(side_label(result.left, "the earlier version"))
    later = xml_safe(side_label(result.right, "the later version"))
    heading = f"Comparison of {earlier} and {later}"
    props = document.core_properties
    props.title, props.author, props.last_modified_by = heading, AUTHOR, AUTHOR
    props.comments = f"diffsvc {__version__}"
    props.created = props.modified = moment.replace(tzinfo=None)
    for notes in comments:
        comment = document.comments.add_comment("\n".join(notes), author=AUTHOR, initials="ds")
        comment._comment_elm.set(qn("w:date"), stamp)
    writer = _Writer(body, len(comments), stamp)
    writer.plain(style_ids[TITLE_STYLE], heading)
    cover = [xml_safe(result.summary.text), *map(xml_safe, tracked_lines(result))]
    cover.append(
        f"Tracked changes by {AUTHOR}: accept all changes to read {later}, reject all "
        f"changes to read {earlier}."
    )
    if silent:
        cover.append(
            "Editorial changes (punctuation, width, script, spacing) are applied without marks."
        )
    for line in cover:
        if line:
            writer.plain(style_ids[NOTE_STYLE], line)
    for paragraph in paragraphs:
        writer.paragraph(paragraph, style_ids[paragraph.style])
    out = io.BytesIO()
    document.save(out)
    return stable_zip(out.getvalue(), moment)
