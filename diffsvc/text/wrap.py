"""Joining a paragraph's wrapped lines, and the one-paragraph-a-line layout readers produce.

Chinese and Japanese text is written without spaces, so a line break next to a CJK character
disappears, while one between Latin words becomes a space. A hyphen at a line end stays
("China-" + "Australia"); only a typesetter's hyphen inside a word ("enforce-" + "ment") goes.
Both the file readers (which know where their paragraphs are) and the normaliser (which guesses
wraps in pasted text) join lines with ``join_lines``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

import regex

from diffsvc.text.scripts import HAN, is_unspaced, width

LINE_ENDS = tuple("。．.!?！？;；:：")
"""What a line that ends a sentence or a clause ends with: a wrapped line rarely does."""
_SPACES = re.compile(r"[ \t\u00a0\u2007\u2009\u200a\u200b\u202f]+")


def join_lines(
    lines: Iterable[str],
    *,
    typeset: bool = False,
    compound: Callable[[str, str], bool] | None = None,
) -> str:
    """Join the wrapped lines of one paragraph into a single line.

    ``typeset`` is for lines broken by a typesetter (PDF), not by a person: a Latin word split
    by a hyphen at a line end is rejoined when the next line goes on in lower case (unless
    ``compound`` says the two halves are a hyphenated compound, "in-" + "person"), and in a
    Chinese-like paragraph every break is joined without a space (typesetters break Chinese
    anywhere, even inside a number or a parenthesised aside).

    Each line is looked at once, at its ends, so a paragraph of many thousands of lines joins
    in time proportional to its length.

    >>> join_lines(["Law enforce-", "ment and China-", "Australia ties"], typeset=True)
    'Law enforcement and China-Australia ties'
    >>> join_lines(["2023年4月20", "23日(qǐ", "ng)合作"], typeset=True)
    '2023年4月2023日(qǐng)合作'
    >>> join_lines(["Law enforce-", "ment"])
    'Law enforce-ment'
    """
    cleaned = [_SPACES.sub(" ", raw.replace("\u00ad", "")).strip() for raw in lines]
    cleaned = [line for line in cleaned if line]
    if typeset and _unspaced(cleaned):
        return "".join(cleaned)
    out: list[str] = []
    last = ""  # the line before, as it now ends
    for line in cleaned:
        if not out:
            pass
        elif typeset and _hyphenated(last) and line[0].islower():
            if compound is None or not compound(_LAST_WORD.findall(last)[-1], line):
                out[-1] = last = last[:-1]
        elif (
            _glued(last)
            or is_unspaced(last[-1])
            or is_unspaced(line[0])
            or _LINK_TARGET_OPEN.search(last) is not None
        ):
            pass
        else:
            out.append(" ")
        out.append(line)
        last = line
    return "".join(out)


_LAST_WORD = re.compile(r"[^\W\d_]+(?=-$)")
# A Markdown link's address left open at a line's end: the address goes on with no space
# ("…/press/monetary/20160" / "921a1.htm)"); an address holds none.
_LINK_TARGET_OPEN = re.compile(r"\]\([^)\s]*$")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# Prefixes that keep their hyphen in the statements people compare ("non-tariff",
# "anti-corruption", "co-financing", "counter-terrorism").
_PREFIXES = frozenset(
    ("non", "anti", "co", "counter", "multi", "pre", "post", "self", "cross", "de", "semi")
)


def compounds(lines: list[str]) -> Callable[[str, str], bool]:
    """Tell a hyphenated compound broken over two lines from a word a typesetter hyphenated,
    by the words of the whole document ``lines`` (each a line as laid out).

    The document decides first: "in-person" written whole elsewhere keeps its hyphen, and
    "enforcement" written whole elsewhere loses it. Otherwise a second half that is a word of
    its own elsewhere ("climate-" + "related"), a half of another compound elsewhere ("short-"
    + "term" beside "long-term", "country-" + "specific" beside "country-led") or a first half
    that is a prefix ("non-" + "communicable") makes a compound; what is left ("enforce-" +
    "ment") is one word.

    >>> joined = compounds(["Law enforce-", "ment for climate-", "related risks, risks",
    ...                     "related to law enforcement, and non-", "tariff barriers, short-",
    ...                     "term and long-term."])
    >>> joined("enforce", "ment"), joined("climate", "related"), joined("non", "tariff")
    (False, True, True)
    >>> joined("short", "term")
    True
    """
    whole: set[str] = set()
    for k, line in enumerate(lines):
        words = _WORD.findall(line)
        if line.rstrip().endswith("-"):
            words = words[:-1]  # the first half of a word broken over two lines
        if k and lines[k - 1].rstrip().endswith("-"):
            words = words[1:]  # and its second half
        whole.update(word.lower() for word in words)

    halves = [word.split("-") for word in whole if "-" in word]
    firsts = {parts[0] for parts in halves}
    seconds = {parts[-1] for parts in halves}

    def compound(left: str, right_line: str) -> bool:
        found = _WORD.match(right_line)
        if found is None:
            return False
        first, right = left.lower(), found.group().split("-")[0].lower()
        if f"{first}-{right}" in whole:
            return True
        if first + right in whole:
            return False
        return right in whole or right in seconds or first in firsts or first in _PREFIXES

    return compound


def hyphens_put_back(lines: list[str], joined: set[int]) -> dict[int, tuple[str, int]]:
    """The lines ``joined`` (indices into ``lines``, a document's lines) with the hyphens of
    compounds put back, each with how many: where pdftotext without -layout removed a hyphen
    at a line's end with the break, it made one line of two ("two-" / "State" → "twoState").
    Such a line holds a hyphen's word but not which of its words that is, so only the
    document decides, as it does first in ``compounds``: a word it writes with its hyphen on
    other lines, and never without it there, gets its hyphen back. Only lines that change are
    returned.

    >>> hyphens_put_back(["a two-State solution", "the twoState path"], {1})
    {1: ('the two-State path', 1)}
    """
    hyphened: dict[str, str] = {}
    plain: set[str] = set()
    for k, line in enumerate(lines):
        if k in joined:
            continue
        for word in _WORD.findall(line):
            if "-" in word:
                hyphened.setdefault(word.replace("-", "").casefold(), word)
            else:
                plain.add(word.casefold())
    out: dict[int, tuple[str, int]] = {}
    for k in sorted(joined):
        n = 0

        def back(m: re.Match[str]) -> str:
            nonlocal n
            word, folded = m.group(), m.group().casefold()
            if "-" in word or folded not in hyphened or folded in plain:
                return word
            n += 1
            return _hyphened_as(word, hyphened[folded])

        text = _WORD.sub(back, lines[k])
        if n:
            out[k] = (text, n)
    return out


def _hyphened_as(word: str, compound: str) -> str:
    """``word`` with the hyphens of ``compound`` (the same letters) put back, keeping its case.

    >>> _hyphened_as("TwoState", "two-State")
    'Two-State'
    """
    out, at = [], 0
    for part in compound.split("-"):
        out.append(word[at : at + len(part)])
        at += len(part)
    return "-".join(out)


def _hyphenated(line: str) -> bool:
    """A line ending in a letter and a hyphen: "enforce-"."""
    return len(line) > 1 and line[-1] == "-" and line[-2].isalpha()


def _glued(line: str) -> bool:
    """A line ending in a letter or digit and a hyphen, which the next line continues."""
    return len(line) > 1 and line[-1] == "-" and (line[-2].isalnum() or line[-2] == "_")


def _unspaced(lines: list[str]) -> bool:
    """Chinese-like text: CJK characters and hardly any spaces (pinyin asides included)."""
    text = "".join(lines)
    cjk = sum(map(is_unspaced, text))
    return cjk > 0 and (cjk > 0.5 * len(text) or text.count(" ") < 0.05 * len(text))


def paragraphs(items: Iterable[str], *, lines: bool = False) -> str:
    """Lay out finished paragraphs (each already one line) with a blank line between them, or,
    when they are ``lines`` of a page (``page_lines``), one a line for the normaliser to join.

    This is the shape every file reader hands to the normaliser.

    >>> paragraphs(["Title", "", "1. First."])
    'Title\\n\\n1. First.\\n'
    """
    kept = [item.strip() for item in items if item.strip()]
    return ("\n" if lines else "\n\n").join(kept) + "\n" if kept else ""


def wrap_column(widths: Sequence[int]) -> int | None:
    """The column lines of these display widths (sorted) were wrapped at: the width most lines
    reach (the 90th percentile), if it is a column text is wrapped at and hardly any line runs
    past it; None otherwise.

    >>> wrap_column(sorted([70, 72, 72, 71, 30, 72, 69]))
    72
    >>> wrap_column(sorted([70, 72, 200, 71, 300, 72, 69]))
    """
    column = widths[int(0.9 * (len(widths) - 1))]
    beyond = sum(1 for w in widths if w > 1.15 * column)
    return column if 30 <= column <= 110 and beyond <= 0.05 * len(widths) else None


def page_lines(items: Iterable[str]) -> bool:
    """Whether a file's paragraphs are the lines of a page: a PDF turned into a Word file line
    by line, as converters do. Most are within a few characters of one width, and most of
    those full ones stop mid-sentence, which a writer's paragraphs never do.

    >>> page_lines(["The Parties shall cooperate on the matters set out in this", "Article,"
    ...             " and shall report to the Joint Committee each year on the"] * 5)
    True
    >>> page_lines(["The Parties shall cooperate on the matters set out here."] * 10)
    False
    """
    kept = [item.strip() for item in items if item.strip()]
    if len(kept) < 8:
        return False
    column = wrap_column(sorted(width(item) for item in kept))
    if column is None:
        return False
    full = [item for item in kept if width(item) >= 0.8 * column]
    cut = sum(1 for item in full if not item.endswith(LINE_ENDS))
    return len(full) >= 0.4 * len(kept) and cut >= 0.5 * len(full)


# A line of Chinese and its punctuation alone: no figure or Latin word, whose letters a font
# sets narrower or wider than a count of columns says.
_ALL_HAN = regex.compile(f"[{HAN}，、。；：！？“”‘’《》（）「」『』—…·]+")
_HAN_FIRST = regex.compile(f"[{HAN}]")
_CN_STOPS = tuple("。！？；：")


def han_column(lines: Iterable[str]) -> int | None:
    """The width (display columns, quotation marks set wide as a CJK font sets them) that most
    lines of Chinese alone fill: a typeset page's column, where those lines are most of its
    lines of Chinese alone. None where no width is most of them."""
    widths = Counter(width(line, marks_wide=True) for line in lines if _ALL_HAN.fullmatch(line))
    if not widths:
        return None
    column, count = widths.most_common(1)[0]
    return column if count >= 0.5 * widths.total() else None


def ended_with_room(line: str, nxt: str, column: int, *, most: int = 1) -> bool:
    """Whether a line of Chinese set in ``column`` ended its paragraph by finishing its
    sentence with room left for another character (``most`` characters of room at most count:
    more is a short line any reader sees). Chinese fills a wrapped line character by
    character, so a wrapped line takes the next character if it fits. Only lines of Chinese
    alone are read so, and only before a line opening on a character: a quotation mark or a
    dash opening the next sentence cannot end a line, and moves down with room left.

    >>> ended_with_room("推动高质量发展。", "保持稳定", 18)
    True
    >>> ended_with_room("推动高质量发展。", "“保持稳定”", 18)
    False
    """
    return (
        line.endswith(_CN_STOPS)
        and 2 <= column - width(line, marks_wide=True) <= 2 * most
        and _ALL_HAN.fullmatch(line) is not None
        and _HAN_FIRST.match(nxt) is not None
    )


_HAN_LAST = regex.compile(f"[{HAN}]$")
# Two characters opening a line: no stop or quotation mark after the first, which a line-start
# rule moves down with it ("…三分之一以" / "上。“双随机…" leaves three characters of room).
_HAN_TWO = regex.compile(f"[{HAN}]{{2}}")


def stopped_short(line: str, nxt: str, column: int, *, indent: int = 0) -> bool:
    """Whether a line of Chinese set in ``column`` stopped on a character, not a stop or a
    pause, three characters or more short of the column, before a line opening on two
    characters: a title, a dateline or a heading standing alone ("国务院总理李克强" /
    "各位代表："), as a wrapped line fills its column to the last character. A line holding a
    figure or a Latin word, whose width the font sets, must stop four characters short. Where
    the line may be a paragraph's first line, set in by ``indent`` columns, it must stop that
    much shorter.

    >>> stopped_short("国务院总理李克强", "各位代表：", 36)
    True
    >>> stopped_short("国务院总理李克强", "2023年", 36)
    False
    """
    room = column - width(line, marks_wide=True)
    return (
        _HAN_LAST.search(line) is not None
        and _HAN_TWO.match(nxt) is not None
        and room >= (6 if _ALL_HAN.fullmatch(line) else 8) + indent
    )
