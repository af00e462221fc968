"""Paragraphs → clauses: language, language sections, labels, nesting and kinds.

A statement reads title, preamble paragraphs, numbered items (possibly nested), closing paragraphs
and a source line; a bilingual one does so once per language. Kinds are decided per language
section, so the Chinese half's source line and the English half's title are both found. A second
language makes a document bilingual only where a substantial run of it stands
(``_fold_stray_language``): a licence line or a name in the other language is not a translation.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from diffsvc.engine.normalize.markers import Marker, parse_marker
from diffsvc.engine.normalize.repair import Paragraph
from diffsvc.models import Clause, ClauseKind, Language, Section
from diffsvc.text.keys import match_keys
from diffsvc.text.numerals import FOOTNOTE_MARK
from diffsvc.text.scripts import detect_language, letters

_SOURCE_RE = re.compile(
    r"^(?:[（(][^()（）]{2,80}[）)]|(?:Source|来源|來源|资料来源)[:：].{0,120})$"
)
_WORDISH = re.compile(r"[^\W_]")
_SENTENCE_END = tuple("。．.!?！？;；")
_MIN_SHARE = 0.2  # of the document's letters, for a second language to be a section of its own
_MIN_MIRRORED = 2  # numbered items repeating the first language's numbers, for the same
# A line that turns to the audience ("各位代表！", "Fellow Deputies,"): it ends a report's last
# task section and opens its closing.
_ORDERED_IN_BULLET = ("alpha_dot", "num_dot", "paren_alpha", "alpha_paren", "roman_dot")
# Plain numbers ("1.", "(1)") say nothing of their level; an article's "2.1" says it itself.
_PLAIN_NUMBERS = ("num_dot", "num_paren")
_ADDRESS = re.compile(r"^.{1,20}[！!：:，,]$")


@dataclass(slots=True)
class _Draft:
    text: str
    start: int
    end: int
    language: Language
    marker: Marker | None = None
    level: int = 0
    parent: int | None = None
    kind: ClauseKind = ClauseKind.paragraph
    section: int = 0


def _with_markers(paras: Sequence[Paragraph]) -> list[_Draft]:
    drafts: list[_Draft] = []
    last: dict[str, int] = {}
    pending: Marker | None = None
    pending_start = 0
    for para in paras:
        marker = parse_marker(para.text, last)
        if marker is not None and marker.scheme == "bullet":
            # "-   a\. **Project selection:**": a converter set a lettered item in a bullet; a
            # reader sees item a., and so does its counterpart's "1. Project selection".
            inner = parse_marker(para.text[marker.length :], last)
            if inner is not None and inner.scheme in _ORDERED_IN_BULLET:
                marker = inner._replace(length=marker.length + inner.length)
        if marker is None and not _WORDISH.search(para.text):
            continue  # a separator ("###", "* * *", "——"): layout, not a clause
        text = para.text
        if marker is not None:
            if marker.ordinal is not None:
                last[marker.scheme] = marker.ordinal
            text = para.text[marker.length :].strip()
            if not text:
                # "Article 3" alone on its line labels the paragraph that follows it; one
                # heading after another ("Annex I", "Annex II") keeps each as its own clause.
                if pending is not None:
                    drafts.append(_Draft("", pending_start, pending_start, "und", pending))
                pending, pending_start = marker, para.start
                continue
        start = para.start
        if pending is not None and marker is None:
            marker, start = pending, pending_start
        elif pending is not None:
            drafts.append(_Draft("", pending_start, pending_start, "und", pending))
        pending = None
        drafts.append(_Draft(text, start, para.end, "und", marker))
    if pending is not None:
        drafts.append(_Draft("", pending_start, pending_start, "und", pending))
    return drafts


def _fold_stray_language(drafts: list[_Draft]) -> None:
    """Fold a second language that is not really there into the document's main language.

    The rule: a document is bilingual when its second language carries at least a fifth of its
    letters (a Chinese character counting as four, ``letters``), or when at least two numbered
    items in that language repeat numbers of the main language's items (1. 2. beside 一、二、).
    Otherwise its paragraphs are stray lines (a licence trailer, a URL, a byline, a name, a
    quotation) and take the main language: the document has one language throughout, so one
    section, no counterparts and one language in the summary. Nothing is dropped: the stray lines
    stay clauses, with their text and match keys, aligned with the rest of their section.

    Why a fifth: a translation says what its original says, so each half of a bilingual
    statement carries about half the letters (the seed statement: 50% Chinese in 2023, 46% in
    its next-year version; a three-line note and its three-line translation, half each too),
    while stray lines are small beside the text they sit in (the Wikisource licence trailer is
    1.3-2.2% of an NPC resolution, 0.05% of a Government Work Report; a Chinese name, title or
    one-line quotation 0.6-2.4% of a six-paragraph FOMC statement). A fifth leaves a wide margin
    on both sides. Why numbering as well: it is the evidence a terse or partial translation keeps
    (an English half translating only a Chinese statement's numbered items can be 5% of the
    letters, but its 1. 2. 3. mirror 一、二、三、), and stray lines are not numbered items.

    Why stray lines take the main language rather than keep their own: alignment pairs clauses of
    one language only and the summary counts clauses per language, so an English licence line
    kept as ``en`` in a Chinese document would be aligned apart from its section and would give
    the summary an "English (2 clauses)" part: the invented language this rule removes.
    """
    if len({d.language for d in drafts}) < 2:
        return  # one language already: no letters to count
    weight: Counter[Language] = Counter()
    numbers: dict[Language, set[int]] = {}
    items: Counter[Language] = Counter()
    for d in drafts:
        weight[d.language] += letters(d.text)
        if d.marker is not None and d.marker.ordinal is not None:
            numbers.setdefault(d.language, set()).add(d.marker.ordinal)
            items[d.language] += 1
    # Ties go to the language of the document's first paragraph.
    main, other = sorted(weight, key=lambda lang: (-weight[lang], lang != drafts[0].language))[:2]
    if weight[other] >= _MIN_SHARE * weight.total():
        return
    if items[other] >= _MIN_MIRRORED and numbers[other] <= numbers.get(main, set()):
        return
    for d in drafts:
        d.language = main


def _assign_languages(drafts: list[_Draft]) -> list[Section]:
    # Undetermined paragraphs (numbers, symbols) take the language around them.
    known: Language = next((d.language for d in drafts if d.language != "und"), "und")
    for d in drafts:
        if d.language == "und":
            d.language = known
        known = d.language
    _fold_stray_language(drafts)
    runs: list[list[int]] = []
    for i, d in enumerate(drafts):
        if runs and drafts[runs[-1][0]].language == d.language:
            runs[-1].append(i)
        else:
            runs.append([i])
    # A lone paragraph in the other language inside a section (a name, a quoted title) does not
    # open a section of its own.
    merged: list[list[int]] = []
    for run in runs:
        lone = len(run) == 1 and merged and run is not runs[-1]
        if lone or (merged and drafts[merged[-1][0]].language == drafts[run[0]].language):
            merged[-1].extend(run)
        else:
            merged.append(list(run))
    sections = []
    for n, run in enumerate(merged):
        for i in run:
            drafts[i].section = n
        sections.append(Section(language=drafts[run[0]].language, first=run[0], last=run[-1]))
    return sections


_HEADING_CHARS = {"zh": 30}  # longest unlabelled heading line, per language (others: 80)
_NOT_HEADING_END = (*_SENTENCE_END, "：", ":", "，", ",", "、", "…")


_INTRO_CHARS = 60  # a line ending in a colon this long introduces what follows, as a sentence
# A piece of a link or a bracket cut off its line ("Bank](http://…)", "PDF)](…"): no heading.
_FRAGMENT = re.compile(r"https?://|\]\(|^[^(（\[]*[)）\]]|[(（\[][^)）\]]*$")


def _heading_lines(drafts: Sequence[_Draft]) -> set[int]:
    """The unlabelled lines that head a section of a statement: "**Climate**", "## Health",
    an HTML page's <h2>. A short line with no sentence in it, not its section's first line
    (a title), followed by a sentence, an item or a long line introducing a list; and a
    pattern of the section, two at least: one short line alone (a byline, "主要是：") heads
    nothing."""
    found: list[int] = []
    for i, d in enumerate(drafts[:-1]):
        nxt = drafts[i + 1]
        intro = nxt.text.endswith(("：", ":")) and len(nxt.text) >= _INTRO_CHARS
        if (
            d.marker is None
            and 0 < len(d.text) <= _HEADING_CHARS.get(d.language, 80)
            and not d.text.endswith(_NOT_HEADING_END)
            and not _FRAGMENT.search(d.text)
            and i > 0
            and drafts[i - 1].section == d.section == nxt.section
            and not _is_note(nxt)  # a signature block over the notes heads nothing
            and (nxt.marker is not None or nxt.text.endswith(_SENTENCE_END) or intro)
        ):
            found.append(i)
    per_section = Counter(drafts[i].section for i in found)
    return {i for i in found if per_section[drafts[i].section] >= 2}


def _nest(drafts: list[_Draft], heads: set[int]) -> None:
    # The open levels: each one's numbering scheme, and the clause that opened it.
    schemes: list[str] = []
    openers: list[int] = []
    section = -1
    for i, d in enumerate(drafts):
        if d.section != section:
            schemes, openers, section = [], [], d.section
        if i in heads:
            # A section heading closes every level open before it and heads what follows.
            d.level, d.parent = 0, None
            schemes, openers = ["heading"], [i]
            continue
        scheme = d.marker.scheme if d.marker is not None else None
        if scheme == "footnote":
            # A note belongs to the clause that refers to it, wherever its body is printed.
            d.parent = _referrer(drafts, i, d.marker.ordinal if d.marker else None)
            d.level = drafts[d.parent].level + 1 if d.parent is not None else 0
            continue
        if scheme == "annex":
            schemes, openers = [], []  # an annex stands beside the articles, not inside one
        if d.marker is None and schemes and schemes[-1] == "bullet" and not d.text[:1].islower():
            # A paragraph after a bulleted list ends the list: it is not the last bullet's.
            del schemes[-1]
            del openers[-1]
        if d.marker is not None and d.marker.scheme in schemes:
            level = _level_continued(drafts, d, i, schemes, openers)
            if level is not None:
                del openers[level:]  # back to that level
                del schemes[level:]
        d.level = len(schemes)
        d.parent = openers[-1] if openers else None
        if d.marker is not None:
            schemes.append(d.marker.scheme)
            openers.append(i)


def _level_continued(
    drafts: Sequence[_Draft], d: _Draft, i: int, schemes: list[str], openers: list[int]
) -> int | None:
    """The open level an item of a scheme already open goes back to, or None when it opens a
    level of its own under the clause before it: "5. Economic Security" followed by "1. The
    Participants intend…" numbers a section's paragraphs afresh, under its heading."""
    assert d.marker is not None
    levels = [k for k, scheme in enumerate(schemes) if scheme == d.marker.scheme]
    prev = drafts[i - 1] if i > 0 else None
    if (
        d.marker.ordinal == 1
        and d.marker.scheme in _PLAIN_NUMBERS
        and prev is not None
        and prev.marker is not None
        and prev.marker.scheme == d.marker.scheme
        and openers[-1] == i - 1
        and len(prev.text) <= 80
        and not prev.text.endswith(_SENTENCE_END)
    ):
        return None  # a heading numbered like its paragraphs: they start again under it
    # The innermost level whose count the item continues, else the innermost of its scheme.
    for k in reversed(levels):
        last = drafts[openers[k]].marker
        if last is not None and last.ordinal is not None and d.marker.ordinal == last.ordinal + 1:
            return k
    return levels[-1]


def _referrer(drafts: Sequence[_Draft], at: int, number: int | None) -> int | None:
    """The last clause before ``at`` that carries the reference ``[number]`` (or ``[^number]``)."""
    if number is None:
        return None
    for k in range(at - 1, -1, -1):
        d = drafts[k]
        if not _is_note(d) and any(int(m[1]) == number for m in FOOTNOTE_MARK.finditer(d.text)):
            return k
    return None


def _is_note(d: _Draft) -> bool:
    return d.marker is not None and d.marker.scheme == "footnote"


def _kinds(drafts: list[_Draft], sections: list[Section], heads: set[int]) -> None:
    for sec in sections:
        idx = list(range(sec.first, sec.last + 1))
        items = [i for i in idx if drafts[i].marker is not None and not _is_note(drafts[i])]
        first_item = items[0] if items else None
        last_item = items[-1] if items else None
        body_end = _last_body_end(drafts, items, sec.last)
        # A heading line after the last item opens a section of its own, as the headings
        # before it did: the G7's 2024 communiqué lists steps in bullets under "Economic
        # Resilience", then goes on with "Health", "Gender Equality" … "Conclusions". What
        # those head is body, not the statement's closing.
        if last_item is not None and any(i in heads for i in range(last_item + 1, sec.last + 1)):
            body_end = sec.last
        for i in idx:
            d = drafts[i]
            if _is_note(d):
                d.kind = ClauseKind.footnote
            elif d.marker is not None:
                d.kind = ClauseKind.item
            elif first_item is not None and i < first_item:
                d.kind = ClauseKind.preamble
            elif last_item is not None and i > body_end:
                # After the last item, prose closes the statement rather than continuing it.
                d.kind, d.level, d.parent = ClauseKind.closing, 0, None
            elif d.level > 0:
                d.kind = ClauseKind.paragraph
        head = drafts[sec.first]
        short = len(head.text) <= (60 if head.language == "zh" else 160)
        if head.marker is None and len(idx) > 1 and short and not head.text.endswith(_SENTENCE_END):
            head.kind = ClauseKind.title
        tail = drafts[sec.last]
        if tail.marker is None and len(idx) > 1 and _SOURCE_RE.match(tail.text):
            tail.kind = ClauseKind.source


def _last_body_end(drafts: list[_Draft], items: list[int], end: int) -> int:
    """Where the last item's own paragraphs end, and the closing begins.

    After the last item, prose usually closes the statement. But a report's last task section
    (（九）切实保障和改善民生…) has paragraphs under it like the sections before it had: they are
    its body, up to the line that turns to the audience (各位代表！) if one comes within twice
    the longest body before it, else as many as that longest body."""
    if not items:
        return end
    last = drafts[items[-1]]
    # A numbered paragraph of a statement ("19. The United States and…") is followed by the
    # statement's closing; a section heading (六、切实加强政府自身建设), or an item nested in
    # one, by its own paragraphs.
    heading = len(last.text) <= 60 and not last.text.endswith(_SENTENCE_END)
    if last.level == 0 and not heading:
        return items[-1]
    siblings = {k for k in items[:-1] if drafts[k].parent == last.parent}

    def section_of(d: _Draft) -> int | None:
        # The sibling a paragraph stands under, directly or inside one of its sub-items.
        up = d.parent
        if up is not None and up not in siblings:
            up = drafts[up].parent
        return up if up in siblings else None

    bodies: Counter[int | None] = Counter(section_of(d) for d in drafts if d.marker is None)
    bodies.pop(None, None)
    longest = max(bodies.values(), default=0)
    first = items[-1] + 1
    # The body runs up to the address line, if one comes soon enough; else it is as long as the
    # longest body before it.
    turn = next(
        (
            k
            for k in range(first, min(end + 1, first + 2 * longest + 1))
            if _ADDRESS.match(drafts[k].text)
        ),
        None,
    )
    return turn - 1 if turn is not None else min(end, items[-1] + longest)


def _pair_counterparts(drafts: list[_Draft], sections: list[Section]) -> dict[int, int]:
    """Pair each clause of a bilingual document with its translation in the other section."""
    zh = next((s for s in sections if s.language == "zh"), None)
    en = next((s for s in sections if s.language == "en"), None)
    if zh is None or en is None:
        return {}
    pairs: dict[int, int] = {}

    def key(i: int) -> tuple[str, int | None, int]:
        d = drafts[i]
        return (d.kind.value, d.marker.ordinal if d.marker else None, d.level)

    left = list(range(zh.first, zh.last + 1))
    right = list(range(en.first, en.last + 1))
    # Numbered items pair by number, everything else by order within its kind.
    by_number = {key(j): j for j in right if key(j)[1] is not None}
    for i in left:
        j = by_number.get(key(i)) if key(i)[1] is not None else None
        if j is not None and j not in pairs.values():
            pairs[i] = j
    for kind in ClauseKind:
        rest_l = [i for i in left if drafts[i].kind == kind and i not in pairs]
        taken = set(pairs.values())
        rest_r = [j for j in right if drafts[j].kind == kind and j not in taken]
        for i, j in zip(rest_l, rest_r, strict=False):
            pairs[i] = j
    return pairs


def build_clauses(paras: Sequence[Paragraph]) -> tuple[list[Clause], list[Section]]:
    """Turn repaired paragraphs into the document's clauses and language sections."""
    drafts = _with_markers(paras)
    for draft in drafts:
        draft.language = detect_language(draft.text)
    sections = _assign_languages(drafts)
    heads = _heading_lines(drafts)
    _nest(drafts, heads)
    _kinds(drafts, sections, heads)
    counterpart = _pair_counterparts(drafts, sections)
    counterpart.update({j: i for i, j in list(counterpart.items())})
    keys = match_keys([d.text for d in drafts])
    clauses = [
        Clause(
            index=i,
            label=d.marker.label if d.marker else None,
            ordinal=d.marker.ordinal if d.marker else None,
            level=d.level,
            parent=d.parent,
            kind=d.kind,
            language=d.language,
            section=d.section,
            text=d.text,
            normalized=keys[i],
            start=d.start,
            end=d.end,
            counterpart=counterpart.get(i),
        )
        for i, d in enumerate(drafts)
    ]
    return clauses, sections
