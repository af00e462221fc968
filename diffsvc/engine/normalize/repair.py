"""Repair what copying and scraping did to a text, and cut it into paragraphs.

Real inputs carry artifacts that are not part of the statement: a converter's pinyin after each
character (``應(yīng)``), lines hard-wrapped at 72 columns, a BOM, zero-width characters, CRLF, runs
of spaces. Repairs never move offsets: each paragraph keeps the character range it came from in
the input, so a clause can always be traced back to its source.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

import regex

from diffsvc.engine.normalize.markers import parse_marker
from diffsvc.text.numerals import FOOTNOTE_MARK
from diffsvc.text.scripts import HAN, width
from diffsvc.text.wrap import (
    LINE_ENDS,
    ended_with_room,
    han_column,
    hyphens_put_back,
    join_lines,
    page_lines,
    stopped_short,
    wrap_column,
)

# A pinyin syllable with a tone mark (or ü/v) in ASCII or full-width parentheses right after a
# Han character. Requiring the tone mark keeps "(a)" or "(WHO)" after a character untouched.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_PINYIN = regex.compile(
    rf"(?<=[{HAN}])[(（]\s*(?=[a-z{_TONED}]*[{_TONED}])[a-z{_TONED}]{{1,7}}\s*[)）]"
)
# Once a text is known to carry annotations, neutral-tone syllables ("的(de)") go too.
_PINYIN_UNTONED = regex.compile(rf"(?<=[{HAN}])[(（]\s*[a-z{_TONED}]{{1,7}}\s*[)）]")
_INVISIBLE = re.compile("[\ufeff\u200b\u200c\u200d\u2060\u00ad]")
_BREAKS = "\n\r\u2028\u2029\x85\x0b\x0c"
_LINE = re.compile(f"[^{_BREAKS}]+")
# Runs of spaces of any kind (tab, no-break, ideographic, the typographic ones) fold into one.
_SPACE_RUN = re.compile("[ \t\u00a0\u3000\u2000-\u200a\u202f\u205f]+")
_ODD_SPACE = re.compile("[\t\u00a0\u3000\u2000-\u200a\u202f\u205f]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff]")
_CLOSERS = tuple("。，、；：！？）》」』”’")
_SENTENCE_CLOSERS = tuple("）》」』”’)\"'")
_OPENERS = tuple("（《「『“‘")
_WEAK_MARKERS = ("alpha_dot", "roman_dot", "alpha_paren", "num_dot", "num_paren")
_HAN_END = regex.compile(f"[{HAN}，、]$")
_DASH_LABELS = frozenset("-–—")
# A typesetter's space between Chinese and a figure ("增加到 114 万亿元", "2022 年 3 月"): text
# taken out of a PDF has one wherever the font changes. Chinese is not written with them, and
# they would cut a figure from its unit ("114" and "万亿元" read apart).
_FIGURE_SPACE = regex.compile(f"(?<=[{HAN}]) +(?=[0-9])|(?<=[0-9%‰]) +(?=[{HAN}])")
_CN_ENDS = tuple("。！？；：")


@dataclass(slots=True)
class Line:
    """One line of the input, stripped, with where it stands."""

    text: str  # stripped, runs of spaces folded to one
    start: int
    end: int
    blank_before: bool
    width: int  # display columns of the line as written
    # The line before it is only invisible characters: a scraped page's artefact ("人\n\u200b\n
    # 民满意"), a break a reader does not see, so it is no paragraph break by itself. A form
    # feed, a printed page's end, is read the same way.
    after_artefact: bool = False
    after_page: bool = False  # the break before it is a form feed
    indent: int = 0  # display columns of space before it
    breaks: int = 1  # line breaks between it and the line before


@dataclass(slots=True)
class Paragraph:
    """A paragraph after repair, with the range of the input it came from."""

    text: str
    start: int
    end: int


def clean_input(text: str) -> str:
    """Replace characters that cannot be shown or stored, keeping every offset in place.

    >>> clean_input("a\\x00b\\ud800")
    'a b\\ufffd'
    """
    return _CONTROL.sub(lambda m: "\ufffd" if "\ud800" <= m.group() <= "\udfff" else " ", text)


def _lines(text: str) -> list[Line]:
    lines: list[Line] = []
    last_end = 0
    invisible = _INVISIBLE.search(text) is not None  # a few inputs hold any
    odd_spaces = _ODD_SPACE.search(text) is not None
    for m in _LINE.finditer(text):
        raw, start = m.group(), m.start()
        shown = (_INVISIBLE.sub("", raw) if invisible else raw).strip()
        if not shown:
            continue  # a whitespace-only line: its breaks count into the next gap
        gap = text[last_end:start]
        breaks = sum(map(gap.count, _BREAKS)) - gap.count("\r\n")
        lead = len(raw) - len(raw.lstrip())
        end = start + len(raw.rstrip())
        folded = _SPACE_RUN.sub(" ", shown) if odd_spaces or "  " in shown else shown
        # A form feed is a page break (text saved from a PDF by pdftotext, a printer's output),
        # read like a scraped page's invisible line, whatever blank lines the saver put by it.
        page = "\f" in gap
        artefact = page or (invisible and breaks == 2 and _INVISIBLE.search(gap) is not None)
        blank = breaks >= 2 and not page
        indent = width(raw[:lead].replace("\t", "    "))
        lines.append(
            Line(
                folded,
                start + lead,
                end,
                blank,
                width(shown, marks_wide=True),
                artefact,
                page,
                indent,
                breaks,
            )
        )
        last_end = m.end()
    return lines


def _wrap_width(lines: list[Line]) -> int | None:
    """The column a hard-wrapped text was wrapped at, or None if lines are not wrapped.

    Wrapped text has most lines close to one width, and most of those stop mid-sentence; a list
    of one-sentence clauses of similar length is not wrapped.
    """
    ends = sum(1 for line in lines if line.text.endswith(LINE_ENDS))
    if ends > 0.5 * len(lines) or len(lines) < 4:
        return None
    widths = sorted(line.width for line in lines)
    column = wrap_column(widths)
    if column is None:
        return None
    near = sum(1 for w in widths if w >= 0.8 * column)
    return column if near >= 3 and statistics.median(widths) >= 0.5 * column else None


# Words an English sentence does not end on: a line ending on one was cut by a wrap.
_OPEN_WORDS = (
    "a an the of in on at by to for from with and or nor than over under into onto per as "
    "between among about against toward towards via"
)
_OPEN_ENDINGS = frozenset(_OPEN_WORDS.split())
# A line that ends a sentence (after a word, not an abbreviation like "U.S.") and then opens
# the next with one or two words.
_SENTENCE_BEGUN = re.compile(r"(?:[a-z]{2}|\))[.!?][\"”’]?\s+[A-Z][\w’'-]*(?:\s+[\w’'-]+)?$")
# A Latin abbreviation in brackets that glosses the name before it: （RCEP）, (WTO).
_ABBREVIATION = re.compile(r"[（(][A-Z][A-Za-z0-9&.\-]{1,15}[）)]")
# A line that stops inside a clause: on a lower-case letter, a comma or a word's hyphen.
_MID_SENTENCE = re.compile(r"(?:[a-z]|[a-z]-|,)$")
_NUMBER_READS_ON = re.compile(r"[-−]?\d[\d,.]*%?\s+[a-z]")
_DASHES = re.compile("[—―–-]{1,3}")
# A report paragraph's lead: a short first sentence with no pause in it ("深化农村改革。",
# "各位代表！").
_LEAD = re.compile("[^，,、；;：:。！？]{1,20}[。！？]")


def _continues(
    prev: Line,
    nxt: Line,
    wrap: int | None,
    run: int = 1,
    link_open: bool = False,
    then: Line | None = None,
    runs_on: bool = False,
    bare: bool = False,
) -> bool:
    """Whether ``nxt`` continues the paragraph that ``prev`` is part of (the last of ``run``
    lines joined so far; ``link_open`` when those lines leave a link's "[" unclosed; ``then``
    the line after ``nxt``, if any; ``runs_on`` when no blank line sets paragraphs apart,
    ``bare`` when no indent does either)."""
    marker = parse_marker(nxt.text, with_ordinal=False)
    if nxt.after_artefact:
        # An invisible line with no blank line beside it is a scraped page break, which falls
        # where the printed page ended: inside a sentence, between two sentences of one
        # paragraph ("…便利人民群众生活。" / "本着鼓励创新、包容审慎原则，制定…"), or at a
        # paragraph's end, where the next opens with its item or its short lead sentence
        # ("深化农村改革。稳步推进…"). Only Chinese is read across a finished sentence.
        if prev.text.endswith((*LINE_ENDS, *_SENTENCE_CLOSERS)):
            carries = (
                marker is None
                and _HAN_ANY.match(nxt.text) is not None
                and not _LEAD.match(nxt.text)
            )
        else:
            # A numbered paragraph opening a page goes on only a full line cut mid-sentence: a
            # heading at the foot of the page before ("Global Economy, Finance and Sustainable
            # Development" / page / "7. The global economy…") is a clause of its own.
            carries = marker is None or (wrap is not None and prev.width >= 0.8 * wrap)
        # Text wrapped at a column also shows where a paragraph ended on its page: its last
        # line is short ("…不纳入能源消费总量控" / "制。" / page / "经济增速…"; "Article 7.3
        # Enforcement" / page / "If either Party…").
        return carries and not (
            nxt.after_page
            and wrap is not None
            and (_short(prev, wrap, runs_on) or (bare and _room_left(prev, nxt, wrap)))
        )
    if nxt.blank_before:
        # "…purchases of U.S. liquefied natural gas (LNG). North" / blank / "Macedonia will
        # commence…": a converter broke the paragraph after a sentence's first word. Only a
        # sentence begun and left unfinished carries on across a blank line.
        return (
            marker is None
            and nxt.text[:1].isalpha()
            and _SENTENCE_BEGUN.search(prev.text) is not None
        )
    words = prev.text.split()
    if marker is not None:
        # "Donald\nL. Kohn" in a wrapped text: a full line cut mid-sentence is not followed by a
        # new item, whatever the next line's first letters look like; nor is a line that stops
        # on a preposition or an article ("…practices contained in" / "Article 1.14 of Annex
        # III that…"; not "and" or "or", which end an item before the next: "(a) …; and"), nor
        # a full Chinese line cut mid-sentence before a figure ("…装机规模由" / "6.5 亿千瓦…").
        full = wrap is not None and prev.width >= 0.8 * wrap
        if words and words[-1].lower() in _OPEN_ENDINGS - {"and", "or", "nor"}:
            return True
        weak = marker.scheme in _WEAK_MARKERS or _HAN_END.search(prev.text) is not None
        # A dash that opens an aside inside the sentence, wrapped to a line's start: "…budget,
        # and reconstruction needs" / "– within the constraints of our respective legal…";
        # not the next item of a list in lower case ("…into the future; and" / "- deliver",
        # "…long-standing issues; and," / "- support for…").
        aside = (
            marker.label in _DASH_LABELS
            and nxt.text[marker.length :][:1].islower()
            and bool(words)
            and words[-1].lower().rstrip(",;") not in ("and", "or", "nor")
        )
        return full and not prev.text.endswith(LINE_ENDS) and (weak or aside)
    if nxt.text.startswith(_CLOSERS) or prev.text.endswith(_OPENERS):
        return True  # link text broken onto its own line: "所作的\n政府工作报告\n。会议"
    if (
        then is not None
        and not then.blank_before
        and then.text.startswith(_CLOSERS)
        and _HAN_END.search(prev.text)
        and _HAN_ANY.match(nxt.text)
    ):
        # The linked words themselves, between the two pieces of their sentence however short
        # the first: "本作品来自" / "中华人民共和国法律" / "。依据《".
        return True
    if _DASHES.fullmatch(prev.text):
        return True  # a bullet's dash, its linked words on the next line: "——" / "改革开放"
    if (
        link_open
        or prev.text.count("[") > prev.text.count("]")
        or prev.text.count("(") > prev.text.count(")")
    ):
        # A link or an aside left open goes on: "* [European Central" / "Bank](http://…)",
        # "[Bank of Japan (57 KB" / "PDF)](http://…)" in a statement saved as text, and a link
        # cut over three lines ("[Statement Regarding … Agency" / "Mortgage-Backed" /
        # "Securities](http://…)").
        return True
    if (
        run >= 2
        and _HAN_END.search(prev.text)
        and (_HAN_ANY.match(nxt.text) or nxt.text[:1].isdigit())
    ):
        # Links a page set on lines of their own ("党的十八届六中全会" / "正式明确" / "习近平" /
        # "总书记的核心地位，…", "新建改建" / "高速公路" / "6700多公里"): a sentence already
        # broken twice goes on while it is unfinished, however long its next piece; a title is
        # one line.
        return True
    if _HAN_END.search(prev.text) and _ABBREVIATION.match(nxt.text):
        return True  # "区域全面经济伙伴关系协定" / "（RCEP）生效实施": a name, then its initials
    # "…to meet again in\n2025 to review", "rose by\n19 percent over": a line that ends on a word
    # no sentence ends on, or a number that reads on into a lowercase word after a line that
    # stopped mid-sentence, is a wrap however short the line and whatever the next one starts with.
    if words and words[-1].lower() in _OPEN_ENDINGS:
        return True
    if prev.text[-1:].islower() and _NUMBER_READS_ON.match(nxt.text) is not None:
        return True
    if _MID_SENTENCE.search(prev.text) and nxt.text[:1].islower():
        # "…science and tech" / "nology, with a rules-" / "based order.": a line stopped inside
        # a word or a clause, and the next goes on in lower case, as no paragraph or heading of
        # an English document opens. Short, it was broken before a long word or by hand.
        return True
    if wrap is not None:
        if bare and _list_runs_on(prev, nxt, wrap):
            return True
        if bare and _heading_between(prev, nxt, then, wrap):
            return False
        if bare and prev.text.endswith(_ITEM_ENDS) and _RECITAL_OPENS.match(nxt.text):
            # "…for economic growth and development;" / "RECOGNIZING the importance of…": the
            # next recital of a preamble, which a full line may end before.
            return False
        if _short(prev, wrap, runs_on):
            return False
        # A copy that keeps no paragraph break at all (a PDF viewer's, pdftotext without
        # -layout) still shows a heading or a paragraph's end where a line left room.
        return not (bare and _room_left(prev, nxt, wrap))
    if prev.text.endswith(LINE_ENDS):
        return False
    # Not wrapped at a fixed column: join only an obvious mid-sentence break. A Chinese line that
    # stops mid-sentence and is at least as wide as the next one is a wrap; a short title is not.
    if _HAN_END.search(prev.text) and not nxt.text.startswith((*_OPENERS, "(")):
        return prev.width >= nxt.width
    return prev.text.endswith((",", "，", "-", "、")) or nxt.text[:1].islower()


def _indent_opens(
    lines: list[Line], indent: list[int], wrap: int | None, runs_on: bool
) -> list[bool]:
    """Which lines open a paragraph by a first-line indent, in text that sets paragraphs apart
    that way rather than by blank lines (``pdftotext -layout`` of a report typeset so): a line
    set in after one at the margin; where a document does so for two paragraphs or more, also
    the second of two or three lines in a row at one indent, the first a paragraph of one line
    ("一是…区间。", a heading). A longer run is a block set in, parted only after a finished
    sentence or a line that stops short of the column. Lines set in under an item's marker
    ("1. The Parties…" / "   shall…"), or under a paragraph's first line that stopped
    mid-sentence, go on; a line set in after an item's, or left of a block set in, opens a
    paragraph."""
    opens = [False] * len(lines)
    if not runs_on or wrap is None:
        return opens
    # Where each line's run of lines at its indent starts, and how long that run is.
    first = list(range(len(lines)))
    for k in range(1, len(lines)):
        if indent[k] == indent[k - 1]:
            first[k] = first[k - 1]
    size = Counter(first)
    runs = [size[f] for f in first]

    def hangs(k: int) -> bool:
        # The line before its run is an item's first line, further left.
        j = first[k] - 1
        return j >= 0 and indent[j] < indent[k] and parse_marker(lines[j].text) is not None

    set_in = [i >= 2 for i in indent]
    paragraphs = sum(
        1 for k in range(len(lines) - 1) if set_in[k] and not set_in[k + 1] and not hangs(k)
    )
    for k in range(1, len(lines)):
        if not set_in[k] or hangs(k):
            continue
        prev = lines[k - 1]
        ended = prev.text.endswith((*LINE_ENDS, *_SENTENCE_CLOSERS))
        if not set_in[k - 1]:
            # Not a paragraph's lines set in under its first line at the margin, which
            # stopped mid-sentence on a full line.
            opens[k] = runs[k] == 1 or ended or indent[k - 1] + prev.width < 0.8 * wrap
        elif indent[k - 1] != indent[k]:
            # After an item's lines set in under its marker, or to the left of a block set in
            # (not the lines of a centred title, each at its own indent).
            opens[k] = hangs(k - 1) or (indent[k - 1] > indent[k] and runs[k - 1] >= 2)
        elif paragraphs >= 2 and (first[k] == 0 or opens[first[k]]):
            reaches = indent[k - 1] + prev.width
            stops = reaches < (wrap - 4 if _HAN_ANY.search(prev.text) else 0.8 * wrap)
            opens[k] = runs[k] <= 3 or stops or ended
    return opens


def _shortfall_opens(lines: list[Line], wrap: int | None, indented: bool | None) -> list[bool]:
    """Which lines open a paragraph in Chinese copied out of a PDF set with a first-line
    indent, where the copy kept no spaces (a viewer's copy, pdftotext without -layout): a
    paragraph's first line is then the indent short of the column (two characters, give or
    take a line-start rule), where a wrapped line inside a paragraph fills it. So a line that
    short after a finished sentence opens a paragraph, however full the line before.

    Only where the copy shows it (``indented``, ``_indents_short``): after the paragraph ends
    any reader sees (a finished sentence on a short line), most next lines are that short. A
    copy of a PDF set without an indent has its first lines full, and a wrapped line a
    line-start rule left short is no paragraph."""
    opens = [False] * len(lines)
    if indented is not True or wrap is None:
        return opens
    for k in range(1, len(lines)):
        opens[k] = lines[k - 1].text.endswith(_CN_ENDS) and _indent_short(lines[k], wrap)
    return opens


def _indent_short(line: Line, wrap: int) -> bool:
    return _HAN_ANY.match(line.text) is not None and 3 <= wrap - line.width <= 7


def _indents_short(lines: list[Line], wrap: int) -> bool | None:
    """Whether most lines after a paragraph end any reader sees (a finished sentence on a short
    line) are a first-line indent short of the column: Chinese set with an indent, copied with
    no spaces. None when fewer than three such ends tell."""
    after_ends = [
        b
        for a, b in pairwise(lines)
        if a.text.endswith(_CN_ENDS) and _short(a, wrap) and b.width >= 0.5 * wrap
    ]
    if len(after_ends) < 3:
        return None
    shown = sum(1 for line in after_ends if _indent_short(line, wrap))
    return shown >= 0.5 * len(after_ends)


# How full of the column, at most, an English line is with the next line's first word added,
# when it is a paragraph's first line set in by an indent: a line inside a paragraph would have
# taken that word.
_INDENT_ROOM = 0.96
_INDENT_SHOWN = 0.25  # share of the first lines readers see that must show the indent
# How full of the column, at most, the line before a first line is with that line's first word
# added, where the first line has room too: two small rooms that say one paragraph ended and
# the next opened set in, in any copy.
_ENDED_ROOM = 0.95
_SENTENCE_END = (".", "!", "?", ".”", ".’", '."')


def _indent_room_opens(lines: list[Line], wrap: int | None, bare: bool) -> list[bool]:
    """Which lines open a paragraph in English copied with no paragraph break and no space (a
    viewer's copy of a PDF set with a first-line indent): after a finished sentence, a line
    opening in capitals whose room, indent and all, would have held the next line's first
    word. A proportional font makes the room a guess, so only where the copy shows it: of the
    first lines any reader sees (after a finished sentence on a short line), enough have that
    room. A copy of a PDF set without an indent has its first lines full. Anywhere, a line
    opens a paragraph when both it and the finished line before it left some room: the one
    nearly room for its first word, and it room for the next line's at the column."""
    opens = [False] * len(lines)
    if not bare or wrap is None:
        return opens

    def roomy(line: Line, then: Line) -> bool:
        words = then.text.split(maxsplit=1)
        return bool(words) and line.width + 1 + len(words[0]) <= _INDENT_ROOM * wrap

    def opening(k: int) -> bool:
        prev, line, then = lines[k - 1], lines[k], lines[k + 1]
        return (
            prev.text.endswith(_SENTENCE_END)
            and line.text[:1].isupper()
            and then.text[:1].islower()
            and _HAN_ANY.search(line.text) is None
        )

    def both(k: int) -> bool:
        # A little room on each side of the break: the line before could nearly have taken
        # this line's first word, and this one could have taken the next line's at the column.
        prev, line, then = lines[k - 1], lines[k], lines[k + 1]
        first = line.text.split(maxsplit=1)[0]
        words = then.text.split(maxsplit=1)
        return (
            prev.width + 1 + len(first) <= _ENDED_ROOM * wrap
            and bool(words)
            and line.width + 1 + len(words[0]) <= wrap
        )

    seen = [k for k in range(1, len(lines) - 1) if opening(k) and _short(lines[k - 1], wrap, True)]
    shown = sum(1 for k in seen if roomy(lines[k], lines[k + 1]))
    gated = len(seen) >= 8 and shown >= _INDENT_SHOWN * len(seen)
    for k in range(1, len(lines) - 1):
        opens[k] = opening(k) and ((gated and roomy(lines[k], lines[k + 1])) or both(k))
    return opens


_INDENT_COLUMNS = 8  # a first-line indent of two characters, and a line-start rule's two more


def _full_stop_opens(
    lines: list[Line], wrap: int | None, bare: bool, indented: bool | None
) -> list[bool]:
    """Which lines open a paragraph in Chinese copied with no paragraph break and no indent (a
    viewer's copy of a PDF): one after a line that finished its sentence a character or two
    short of the column (``wrap.ended_with_room``), where ``_short`` waits for three characters
    of room, which a line-start rule can leave inside a paragraph. Where the copy sets each
    first line an indent short (``indented``, from ``_indents_short``), a line two characters
    short may be a first line, and only one character of room counts; so too where too few
    paragraph ends show whether it does, unless the line before was full and cut mid-sentence.
    Also one after a title or heading that stopped on a character well short of the column
    (``wrap.stopped_short``: "国务院总理李克强" / "各位代表：")."""
    opens = [False] * len(lines)
    if not bare or wrap is None:
        return opens
    column = han_column(line.text for line in lines)
    if column is None or abs(column - wrap) > 2:
        return opens
    unindented = indented is False
    most = 2 if unindented else 1
    for k in range(1, len(lines)):
        # A line after a full one cut mid-sentence goes on a paragraph: no first line, no indent.
        inside = (
            k >= 2 and lines[k - 2].width >= column - 2 and not lines[k - 2].text.endswith(_CN_ENDS)
        )
        opens[k] = ended_with_room(
            lines[k - 1].text, lines[k].text, column, most=2 if inside else most
        ) or stopped_short(
            lines[k - 1].text,
            lines[k].text,
            column,
            indent=0 if unindented or inside else _INDENT_COLUMNS,
        )
    return opens


# How full of the column, at most, a line with room for the next word must be: a line of a
# proportional font holds more or fewer letters by what they are. Over the English documents
# of the copies benchmark, set three ways, 0.85 keeps fewer paragraphs whole and 0.95 breaks
# some in two.
_ROOM_SHARE = 0.9


def _room_left(prev: Line, nxt: Line, wrap: int) -> bool:
    """Whether an English line left room for the next line's first word, with a margin for a
    proportional font's letters: a wrap moves a word down only when it does not fit, so the
    line ended a heading or a paragraph ("Humanitarian Assistance and Disaster Relief (HADR)" /
    "Twenty years since…")."""
    if not nxt.text[:1].isupper() or _HAN_ANY.search(prev.text) or _HAN_ANY.search(nxt.text):
        return False
    first = nxt.text.split(maxsplit=1)[0]
    return prev.width + 1 + len(first) <= _ROOM_SHARE * wrap


# A recital opens on a participle or an adjective of intent, in capitals or not ("RECOGNIZING
# the importance", "Seeking to strengthen", "Mindful of"), and the one before ends on a
# semicolon.
_RECITAL_OPENS = re.compile(
    r"(?:[A-Z]{4,}|[A-Z][a-z]{3,}ing|Mindful|Determined|Conscious|Convinced|Aware|Desirous)"
    r"(?: [A-Z]{4,})? [a-z]"
)
_ITEM_ENDS = (";", "; and", "; or")


# How full of the column a heading's line is, at most ("Humanitarian Assistance and Disaster
# Relief (HADR)" fills 68% of it); a line as short inside a paragraph opens on a word too long
# for the line before, seldom in capitals.
_HEADING_SHARE = 0.7
# A heading's words: no sentence's end or pause after its last one.
_HEADING_END = re.compile(r"[\w)’”]$")


def _heading_between(prev: Line, nxt: Line, then: Line | None, wrap: int) -> bool:
    """Whether ``nxt`` is a heading on a line of its own between two paragraphs, in English
    copied with no paragraph break (a viewer's copy): a short line that opens in capitals and
    ends on a word, after a finished sentence and before a line opening in capitals ("…and the
    United Arab Emirates." / "Steadfast support to Ukraine" / "We reaffirm…"). A paragraph's
    last line ends its sentence, and a line cut inside one runs on in lower case."""
    return (
        prev.text.endswith(_SENTENCE_END)
        and nxt.text[:1].isupper()
        and nxt.width < _HEADING_SHARE * wrap
        and _HEADING_END.search(nxt.text) is not None
        and (then is None or then.text[:1].isupper() or then.text[:1].isdigit())
        and _HAN_ANY.search(nxt.text) is None
    )


# How much wider than the column a line of English is, at least, when it holds two printed
# lines: a proportional font fits a few letters past the column a copy's widest lines show.
_JOINED_SHARE = 1.15
_JOINED_LINES = 4  # printed lines one line of a copy holds, at most, when hyphens joined them


def _last_printed(text: str, wrap: int) -> int:
    """The width of the last printed line of two that a copy joined into one: pdftotext without
    -layout removes a hyphen at a line's end together with the line break ("…but longer-" /
    "term inflation expectations have remained stable." → "…but longerterm inflation
    expectations have remained stable."), so only where the words pass the column does the
    paragraph's last line show its room. Each printed line but the last is taken as full: cut
    at the last space within the column, the rest is the last line, the joined word with it.
    Longer than a few printed lines, a line is no copy's join but one long line, left whole."""
    if len(text) > _JOINED_LINES * wrap:
        return width(text)
    while width(text) > _JOINED_SHARE * wrap:
        cut = text.rfind(" ", 0, wrap + 1)
        if cut <= 0:
            break
        text = text[cut + 1 :]
    return width(text)


def _list_runs_on(prev: Line, nxt: Line, wrap: int) -> bool:
    """Whether a line that stops on a semicolon is a list of names or items going on (FOMC's
    vote: "…Richard W. Fisher;" / "Narayana Kocherlakota; Sandra Pianalto; …"): the next line
    is more of the same list, with a semicolon inside it, and the line is no short last line."""
    return (
        prev.text.endswith(";")
        and ";" in nxt.text.rstrip(";")
        and prev.width >= 0.6 * wrap
        and _HAN_ANY.search(prev.text) is None
    )


def _cited_marks(lines: list[Line]) -> set[int]:
    """Lines of wrapped text that open on a footnote's mark where a later line opens on the
    same mark: the later one is the note ("[4] For purposes of…" at the end), this one the
    citing sentence wrapped after the mark ("…labor rights." / "[4] This includes…")."""
    last: dict[str, int] = {}
    found: list[tuple[int, str]] = []
    for k, line in enumerate(lines):
        m = FOOTNOTE_MARK.match(line.text)
        if m and line.text[m.end() : m.end() + 1].isspace():
            last[m.group(1)] = k
            found.append((k, m.group(1)))
    return {k for k, number in found if last[number] > k}


def _double_spaced(lines: list[Line]) -> bool:
    """Whether a text is a double-spaced page's lines, a blank line after each (``pdftotext
    -layout`` of an agreement drafted double-spaced): then one blank line parts lines, not
    paragraphs. Something else must part them: a wider gap or a page break. Paragraphs set
    one blank line apart and nothing else, as a document is written out a paragraph a block,
    are paragraphs, however alike their widths."""
    after = [line for line in lines[1:] if not line.after_page]
    single = sum(1 for line in after if line.breaks == 2)
    return (
        len(after) >= 8
        and single >= 0.9 * len(after)
        and any(line.breaks > 2 or line.after_page for line in lines[1:])
        and page_lines(line.text for line in lines)
    )


def _short(line: Line, wrap: int, runs_on: bool = False) -> bool:
    """Whether a line of text wrapped at ``wrap`` columns stops short enough to end a paragraph.

    Chinese fills every wrapped line to the column (give or take the two characters a line-start
    rule moves down), so a finished Chinese sentence on a line short of it ends its paragraph:
    text copied out of a PDF has no blank line between paragraphs to say so. English lines are
    ragged: a line shorter than 60% of the column ends one, and where paragraphs run on with no
    blank line between them (``runs_on``, a PDF viewer's copy), so does a finished sentence
    short of 85% (a sentence ends a wrapped line short of that in one paragraph of ten).
    """
    if line.text.endswith(_CN_ENDS):
        return line.width < wrap - 4
    if runs_on and line.text.endswith(LINE_ENDS):
        return line.width < 0.85 * wrap
    return line.width < 0.6 * wrap


# A scraped page sets a sub- or superscript on a line of its own: "广义货币M" / "2" / "和社会…",
# "细颗粒物(PM" / "2.5" / ")浓度"; a reader sees M2 and PM2.5 inside one sentence.
_SCRIPT_DIGITS = re.compile(r"\d{1,2}(?:\.\d)?")
_HAN_START = regex.compile(f"[{HAN}）)，、。；：]")
_HAN_ANY = regex.compile(f"[{HAN}]")


def _subscript(prev: Line, nxt: Line) -> bool:
    """``nxt`` is the digits of a symbol that a Chinese line ``prev`` stopped on."""
    return (
        not nxt.blank_before
        and prev.text[-1:].isascii()
        and prev.text[-1:].isalpha()
        and _SCRIPT_DIGITS.fullmatch(nxt.text) is not None
        and _HAN_ANY.search(prev.text) is not None
    )


LINK_LINES = 4  # most lines one link's text is cut over


def _link_open(group: list[Line]) -> bool:
    """Whether the last few lines of a paragraph so far leave a link's "[" unclosed: a stray
    bracket far back never joins what follows."""
    recent = group[-LINK_LINES:]
    return sum(line.text.count("[") - line.text.count("]") for line in recent) > 0


def paragraphs(
    text: str, *, join_wraps: bool = True, repair_pinyin: bool = True
) -> tuple[list[Paragraph], Counter[str]]:
    """Cut ``text`` into repaired paragraphs, counting the repairs made.

    >>> [p.text for p in paragraphs("應(yīng)邀\\r\\n\\r\\nThe  parties\\nmet.")[0]]
    ['應邀', 'The parties met.']
    """
    counts: Counter[str] = Counter()
    lines = _lines(text)
    if join_wraps and _double_spaced(lines):
        for line in lines:
            line.blank_before = line.breaks > 2 and not line.after_page
    wrap = _wrap_width(lines) if join_wraps else None
    runs_on = wrap is not None and not any(line.blank_before for line in lines)
    # Columns right of the text's own margin: pdftotext -layout may set every line in.
    margin = min((line.indent for line in lines), default=0)
    indent = [line.indent - margin for line in lines]
    # Nor an indent: a viewer's copy, where only the words tell where a paragraph ends.
    bare = runs_on and sum(1 for i in indent if i >= 2) < 3
    if bare and wrap is not None:
        glued = [
            k
            for k, line in enumerate(lines)
            if line.width > _JOINED_SHARE * wrap and _HAN_ANY.search(line.text) is None
        ]
        for k in glued:
            lines[k].width = _last_printed(lines[k].text, wrap)
        if glued:
            restored = hyphens_put_back([line.text for line in lines], set(glued))
            for k, (text, n) in restored.items():
                lines[k].text = text
                counts["hyphens"] += n
    # Whether the copy sets first lines in, by how short they fall (Chinese): None where it
    # cannot say or the copy shows its paragraphs otherwise.
    indented = _indents_short(lines, wrap) if bare and wrap is not None else None
    opens = [
        any(read)
        for read in zip(
            _indent_opens(lines, indent, wrap, runs_on),
            _shortfall_opens(lines, wrap, indented),
            _full_stop_opens(lines, wrap, bare, indented),
            _indent_room_opens(lines, wrap, bare),
            strict=True,
        )
    ]
    cites = _cited_marks(lines) if wrap is not None else set()
    groups: list[list[Line]] = []
    after_subscript = False
    for at, line in enumerate(lines):
        if groups and join_wraps and _subscript(groups[-1][-1], line):
            # Glued to its symbol (M2, PM2.5), not joined like a wrapped word.
            last = groups[-1][-1]
            groups[-1][-1] = Line(
                last.text + line.text,
                last.start,
                line.end,
                last.blank_before,
                last.width + line.width,
                last.after_artefact,
                last.after_page,
            )
            counts["wraps"] += 1
            after_subscript = True
            continue
        if (
            groups
            and join_wraps
            and not opens[at]
            and (
                at in cites
                or (after_subscript and not line.blank_before and _HAN_START.match(line.text))
                or _continues(
                    groups[-1][-1],
                    line,
                    wrap,
                    len(groups[-1]),
                    _link_open(groups[-1]),
                    lines[at + 1] if at + 1 < len(lines) else None,
                    runs_on,
                    bare,
                )
            )
        ):
            groups[-1].append(line)
            counts["wraps"] += 1
        else:
            groups.append([line])
        after_subscript = False
    result: list[Paragraph] = []
    for group in groups:
        joined = group[0].text if len(group) == 1 else join_lines(line.text for line in group)
        if repair_pinyin and ("(" in joined or "（" in joined):
            joined, n = _PINYIN.subn("", joined)
            counts["pinyin"] += n
        if " " in joined and _HAN_ANY.search(joined):
            joined, n = _FIGURE_SPACE.subn("", joined)
            counts["figure_spaces"] += n
        if joined:
            result.append(Paragraph(joined, group[0].start, group[-1].end))
    if repair_pinyin and counts["pinyin"] >= 3:
        for para in result:
            para.text, n = _PINYIN_UNTONED.subn("", para.text)
            counts["pinyin"] += n
    return result, counts
