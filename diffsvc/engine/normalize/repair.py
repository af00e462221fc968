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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from diffsvc.engine.normalize.markers import Heads, parse_marker
from diffsvc.text.keys import HAN

# A pinyin syllable with a tone mark (or ü/v) in ASCII or full-width parentheses right after a
# Han character. Requiring the tone mark keeps "(a)" or "(WHO)" after a character untouched.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_PINYIN = re.compile(
    rf"(?<=[{HAN}])[(（]\s*(?=[a-z{_TONED}]*[{_TONED}])[a-z{_TONED}]{{1,7}}\s*[)）]"
)
# Once a text is known to carry annotations, neutral-tone syllables ("的(de)") go too.
_PINYIN_UNTONED = re.compile(rf"(?<=[{HAN}])[(（]\s*[a-z{_TONED}]{{1,7}}\s*[)）]")
_INVISIBLE_CHARS = "\ufeff\u200b\u200c\u200d\u2060\u00ad"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_OTHER_BREAKS = "\r\u2028\u2029\x85\x0b\x0c"  # line breaks besides the line feed
_LINE = re.compile(f"[^\n{_OTHER_BREAKS}]+")
# Spaces other than " " that fold into one, in a run with any others (tab, no-break, ideographic).
_ODD_SPACES = "\t\u00a0\u3000" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f"
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff]")
_ASCII_CONTROLS = [*map(chr, range(0x09)), *map(chr, range(0x0E, 0x20)), "\x7f"]
_TERMINAL = tuple("。．.!?！？;；:：")
_CLOSERS = tuple("。，、；：！？）》」』”’")
_OPENERS = tuple("（《「『“‘")
_WEAK_MARKERS = ("alpha_dot", "roman_dot", "alpha_paren", "num_dot", "num_paren")
_HAN_END = re.compile(f"[{HAN}，、]$")
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+"
)
_CJK_CHAR = re.compile(f"[{HAN}\u3000-\u303f\uff00-\uffef]")


@dataclass(slots=True)
class Line:
    text: str  # stripped, runs of spaces folded to one
    start: int
    end: int
    blank_before: bool
    shown: str  # stripped, as written: what the display width is measured on
    _columns: int = field(default=-1, repr=False, compare=False)

    @property
    def width(self) -> int:
        """Display columns (see ``_width``), measured when first asked: only texts without
        sentence ends at their line ends ever ask, to find a wrap column."""
        if self._columns < 0:
            self._columns = _width(self.shown)
        return self._columns


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
    # In ASCII text (no surrogates there) a C scan per control character is far quicker than
    # the pattern, which visits every character, and finds none in nearly every input.
    if text.isascii() and not any(map(text.__contains__, _ASCII_CONTROLS)):
        return text
    return _CONTROL.sub(lambda m: "\ufffd" if "\ud800" <= m.group() <= "\udfff" else " ", text)


def _width(text: str) -> int:
    """Display width in columns (a Chinese character takes two), counted up to 400."""
    head = text[:400]
    if head.isascii():
        return len(head)
    # Deleting runs of wide characters counts them without visiting each one in Python.
    return 2 * len(head) - len(_WIDE.sub("", head))


def _runs(text: str) -> Iterator[tuple[str, int]]:
    """The text's non-empty stretches between line breaks, with their offsets."""
    if any(map(text.__contains__, _OTHER_BREAKS)):
        for m in _LINE.finditer(text):
            yield m.group(), m.start()
        return
    # Line feeds only, as in nearly every input: str.split finds them at C speed.
    pos = 0
    for raw in text.split("\n"):
        if raw:
            yield raw, pos
        pos += len(raw) + 1


def _fold_spaces(line: str, odd: Sequence[str]) -> str:
    """Runs of spaces (any of " " and ``odd``, the odd spaces the text holds) as one " ".

    Replacing each odd space, then halving runs of two, is a few C scans of the line; a
    pattern over the space class fails once per character of Chinese text, several times as
    slow, and nearly every line of a statement numbered "第一条　" holds an ideographic space.
    """
    for space in odd:
        if space in line:
            line = line.replace(space, " ")
    while "  " in line:
        line = line.replace("  ", " ")
    return line


def _lines(text: str) -> list[Line]:
    lines: list[Line] = []
    invisible = any(map(text.__contains__, _INVISIBLE_CHARS))
    odd = [c for c in _ODD_SPACES if c in text]
    last_end = 0
    for raw, start in _runs(text):
        stripped = (_INVISIBLE.sub("", raw) if invisible else raw).strip()
        if not stripped:
            continue  # a whitespace-only line: its breaks count into the next gap
        gap = text[last_end:start]
        if len(gap) == 1:  # the usual single line break, whichever character it is
            breaks = 1
        else:
            breaks = gap.count("\n") + gap.count("\r") - gap.count("\r\n")
            breaks += sum(gap.count(c) for c in "\u2028\u2029\x85\x0b\x0c")
        if len(stripped) == len(raw):  # nothing stripped: the line is its run
            lead, end = 0, start + len(raw)
        else:
            lead = len(raw) - len(raw.lstrip())
            end = start + len(raw.rstrip())
        # Runs of spaces fold here rather than in the joined paragraph: lines are stripped, so
        # no run crosses a join, and a one-line paragraph keeps its line's text as is.
        folded = _fold_spaces(stripped, odd) if odd or "  " in stripped else stripped
        lines.append(Line(folded, start + lead, end, breaks >= 2, stripped))
        last_end = start + len(raw)
    return lines


def _wrap_width(lines: list[Line]) -> int | None:
    """The column a hard-wrapped text was wrapped at, or None if lines are not wrapped.

    Wrapped text has most lines close to one width, and most of those stop mid-sentence; a list
    of one-sentence clauses of similar length is not wrapped.
    """
    ends = sum(1 for line in lines if line.text.endswith(_TERMINAL))
    if ends > 0.5 * len(lines) or len(lines) < 4:
        return None
    widths = sorted(line.width for line in lines)
    width = widths[int(0.9 * (len(widths) - 1))]
    if width > 110 or width < 30:
        return None
    near = sum(1 for w in widths if w >= 0.8 * width)
    beyond = sum(1 for w in widths if w > 1.15 * width)
    wrapped = near >= 3 and beyond <= 0.05 * len(widths)
    return width if wrapped and statistics.median(widths) >= 0.5 * width else None


def _continues(prev: Line, nxt: Line, wrap: int | None, heads: Heads | None = None) -> bool:
    """Whether ``nxt`` continues the paragraph that ``prev`` is part of."""
    if nxt.blank_before:
        return False
    if wrap is None and prev.text.endswith(_TERMINAL) and not nxt.text.startswith(_CLOSERS):
        # Not wrapped, and the sentence ended: whatever the next line starts with (a marker or
        # not), the checks below all answer no. Most lines of a statement end here.
        return False
    marker = parse_marker(nxt.text, with_ordinal=False, heads=heads)
    if marker is not None:
        # "Donald\nL. Kohn" in a wrapped text: a full line cut mid-sentence is not followed by a
        # new item, whatever the next line's first letters look like.
        full = wrap is not None and prev.width >= 0.8 * wrap
        return full and not prev.text.endswith(_TERMINAL) and marker.scheme in _WEAK_MARKERS
    if nxt.text.startswith(_CLOSERS) or prev.text.endswith(_OPENERS):
        return True  # link text broken onto its own line: "所作的\n政府工作报告\n。会议"
    if wrap is not None:
        return prev.width >= 0.6 * wrap
    if prev.text.endswith(_TERMINAL):
        return False
    # Not wrapped at a fixed column: join only an obvious mid-sentence break. A Chinese line that
    # stops mid-sentence and is at least as wide as the next one is a wrap; a short title is not.
    if _HAN_END.search(prev.text) and not nxt.text.startswith((*_OPENERS, "(")):
        return prev.width >= nxt.width
    return prev.text.endswith((",", "，", "-", "、")) or nxt.text[:1].islower()


def _join(parts: list[str]) -> str:
    out = parts[0]
    for part in parts[1:]:
        if _CJK_CHAR.match(part[:1]) or _CJK_CHAR.match(out[-1:]):
            out += part  # Chinese text wraps with no space between lines
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha() and part[:1].islower():
            out += part  # keep "well-" + "known" as "well-known"
        else:
            out += " " + part
    return out


def paragraphs(
    text: str, *, join_wraps: bool = True, repair_pinyin: bool = True, heads: Heads | None = None
) -> tuple[list[Paragraph], Counter[str]]:
    """Cut ``text`` into repaired paragraphs.

    ``heads`` collects the numbering patterns seen at line starts, for ``build_clauses`` to reuse.

    >>> [p.text for p in paragraphs("應(yīng)邀\\r\\n\\r\\nThe  parties\\nmet.")[0]]
    ['應邀', 'The parties met.']
    """
    counts: Counter[str] = Counter()
    lines = _lines(text)
    wrap = _wrap_width(lines) if join_wraps else None
    groups: list[list[Line]] = []
    for line in lines:
        if groups and join_wraps and _continues(groups[-1][-1], line, wrap, heads):
            groups[-1].append(line)
            counts["wraps"] += 1
        else:
            groups.append([line])
    result: list[Paragraph] = []
    for group in groups:
        joined = group[0].text if len(group) == 1 else _join([line.text for line in group])
        if repair_pinyin and ("(" in joined or "（" in joined):
            joined, n = _PINYIN.subn("", joined)
            counts["pinyin"] += n
        if joined:
            result.append(Paragraph(joined, group[0].start, group[-1].end))
    if repair_pinyin and counts["pinyin"] >= 3:
        for para in result:
            para.text, n = _PINYIN_UNTONED.subn("", para.text)
            counts["pinyin"] += n
    return result, counts
