"""Numbering markers at the start of a paragraph: which scheme, which number, where the text begins.

Statements number their clauses in many schemes (``1.`` ``(a)`` ``iv.`` ``一、`` ``（一）``
``第一条`` ``Article 3`` ``First,`` …). A marker is recognised only at the start of a paragraph and
only when followed by text, so "2023." or "1.5 percent" are not markers. The scheme name lets the
segmenter nest ``(a)`` under ``2.``; the ordinal lets renumbering be told apart from rewording.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
}
CN_NUM = "[零〇一二三四五六七八九十百千万两]+"

# Order matters: the first pattern that matches wins. Each group name is the scheme.
_PATTERNS: list[tuple[str, str]] = [
    ("cn_article", rf"第(?:{CN_NUM}|\d+)条[、.．:：\s]*"),
    ("cn_chapter", rf"第(?:{CN_NUM}|\d+)[章节部分编]+[、.．:：\s]+"),
    ("article", r"(?:Article|ARTICLE|Section|SECTION|Art\.)\s+(?:\d+|[IVXLC]+)\b[.:]?\s*"),
    ("cn_dun", rf"{CN_NUM}、\s*"),
    ("cn_paren", rf"[（(]{CN_NUM}[）)]\s*"),
    ("cn_ordinal", rf"第{CN_NUM}[，,、]\s*"),
    ("digit_dun", r"\d+、\s*"),
    ("circled", r"[\u2460-\u2473\u3251-\u325f]\s*"),
    ("decimal_multi", r"\d+(?:[.．]\d+)+(?:[.．]\s*|\s+(?=[A-Z\u4e00-\u9fff]))"),
    ("paren_num", r"[（(]\d+[）)]\s*"),
    ("num_dot", r"\d{1,5}[.．](?:\s+|(?=[\u4e00-\u9fff]))"),
    ("num_paren", r"\d+[)）]\s*"),
    ("paren_roman", r"\((?:[ivxlc]+|[IVXLC]+)\)\s+"),
    ("paren_alpha", r"\([a-zA-Z]\)\s+"),
    ("alpha_paren", r"[a-zA-Z]\)\s+"),
    ("roman_dot", r"(?:[ivxlc]+|[IVXLC]+)\.\s+"),
    ("alpha_dot", r"[a-zA-Z]\.\s+(?=[A-Z\u4e00-\u9fff])"),
    (
        "ordinal_word",
        r"(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|"
        r"Eleventh|Twelfth)(?:ly)?,\s+",
    ),
    ("bullet", r"[-•·●▪◦*–]\s+"),
]
# What surrounds the number in a label: "Article ", "(", "）", "第…条", "、".
_CORE = re.compile(
    r"^(?:Article|ARTICLE|Section|SECTION|Art\.)\s+|^[(（第]+|[)）.．、,，:：第条章节部分编\s]+$"
)
_HEADINGS = ("article", "cn_article", "cn_chapter")
_MARKER_RE = re.compile("|".join(f"(?P<{name}>{pat})" for name, pat in _PATTERNS))


class Marker(NamedTuple):
    """A recognised numbering marker (a tuple: one is made for nearly every line of a list)."""

    scheme: str
    label: str
    ordinal: int | None
    length: int  # characters of the paragraph taken by the marker and the space after it


@lru_cache(maxsize=65536)  # a list's numerals recur in every version of it
def cn_number(text: str) -> int | None:
    """Value of a Chinese numeral up to the thousands.

    >>> [cn_number(s) for s in ("一", "十", "十二", "二十", "一百零五", "一万", "一万零三")]
    [1, 10, 12, 20, 105, 10000, 10003]
    """
    if "万" in text:
        high, _, low = text.partition("万")
        upper = cn_number(high) if high else 1
        lower = cn_number(low) if low else 0
        return None if upper is None or lower is None else upper * 10000 + lower
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[ch]
            current = 0
        else:
            return None
    return total + current


def roman_number(text: str) -> int | None:
    """Value of a Roman numeral, or None if it is not one.

    >>> roman_number("xiv"), roman_number("IX"), roman_number("q")
    (14, 9, None)
    """
    values = [_ROMAN.get(ch) for ch in text.lower()]
    if not values or None in values:
        return None
    nums = [v for v in values if v is not None]
    total = 0
    for i, v in enumerate(nums):
        total += -v if i + 1 < len(nums) and nums[i + 1] > v else v
    return total


def _ordinal(scheme: str, label: str) -> int | None:
    if scheme == "num_dot" or scheme == "cn_dun":  # "12." "十二、": the commonest, one mark after
        core = label[:-1]
        return int(core) if core.isdigit() else cn_number(core)
    if scheme == "cn_article":  # "第十二条", "第12条、"
        core = label[1 : label.index("条")]
        return int(core) if core.isdigit() else cn_number(core)
    core = _CORE.sub("", label)
    if scheme == "circled":
        ch = label.strip()[0]
        return ord(ch) - 0x245F if ch <= "\u2473" else ord(ch) - 0x3250 + 20
    if scheme == "ordinal_word":
        word = core.lower().removesuffix("ly")
        return _ORDINAL_WORDS.get(word) or _ORDINAL_WORDS.get(word + "ly")
    if scheme == "bullet":
        return None
    if scheme == "decimal_multi":
        return int(re.split(r"[.．]", core)[-1])
    if core.isdigit():
        return int(core)
    if scheme in ("paren_roman", "roman_dot") or (scheme == "article" and core.isalpha()):
        return roman_number(core)
    if scheme in ("paren_alpha", "alpha_paren", "alpha_dot"):
        return ord(core.lower()) - ord("a") + 1
    return cn_number(core)


Heads = dict[str, tuple[str, str] | None]
_UNSEEN = ("", "")  # a paragraph not in ``heads`` yet
_marker = tuple.__new__


def parse_marker(
    paragraph: str,
    previous: dict[str, int] | None = None,
    *,
    with_ordinal: bool = True,
    heads: Heads | None = None,
    markers: dict[tuple[str, str], Marker] | None = None,
) -> Marker | None:
    """Recognise the numbering marker that opens ``paragraph``, if any.

    ``previous`` maps scheme → last ordinal seen, which settles whether ``(i)`` after ``(h)`` is a
    letter or a Roman numeral. ``with_ordinal=False`` leaves the ordinal out (None), for callers
    that only ask whether and how a line is numbered. ``heads`` remembers, by text, which pattern
    opens a paragraph: that does not depend on the list around it, and normalisation asks it of
    nearly every line twice (to join lines, then to label clauses). ``markers`` remembers the
    marker each pattern's text makes (but for Roman numerals that could be letters): a list's
    numbers recur in every version of it, renumbered clauses and all. Whether a long number
    ("1000.") follows the list is asked again each time.

    >>> parse_marker("（一）加强合作")
    Marker(scheme='cn_paren', label='（一）', ordinal=1, length=3)
    >>> parse_marker("1.5 percent") is None
    True
    """
    if heads is None:
        head = _head(paragraph)
    else:
        head = heads.get(paragraph, _UNSEEN)
        if head is _UNSEEN:
            head = heads[paragraph] = _head(paragraph)
    if head is None:
        return None
    scheme, raw = head
    # A marker with nothing after it is the start of a heading on its own line ("Article 3")
    # only for article-like schemes; elsewhere "2023." alone is just text.
    if scheme not in _HEADINGS and (
        len(raw) >= len(paragraph)  # paragraphs come stripped: rstrip() only if they are not
        or (paragraph[-1].isspace() and len(raw) >= len(paragraph.rstrip()))
    ):
        return None
    known = markers.get(head) if markers is not None and with_ordinal else None
    label = known[1] if known is not None else raw.strip()
    if scheme == "num_dot" and len(label) > 4:
        # "2023. A year" is a year; "1000." is an item only as the next number of a list.
        last = (previous or {}).get("num_dot")
        if last is None or not 0 < int(label[:-1]) - last <= 5:
            return None
    if known is not None:
        return known
    free = True  # of the list around it
    if scheme in ("paren_roman", "roman_dot"):
        free = False
        letter = label.strip("().")
        alpha_scheme = "paren_alpha" if scheme == "paren_roman" else "alpha_dot"
        last = (previous or {}).get(alpha_scheme)
        single = len(letter) == 1
        follows = single and last is not None and ord(letter.lower()) - ord("a") == last
        if single and (follows or letter.lower() in "lc"):
            scheme = alpha_scheme
    if scheme == "bullet":
        label = label[0]
    if not with_ordinal:
        return _marker(Marker, (scheme, label, None, len(raw)))
    if scheme == "num_dot":  # "12. ": most lines of an English list, digits and a dot
        ordinal: int | None = int(label[:-1])
    else:
        ordinal = _ordinal(scheme, label)
    # Built as the tuple it is: the named constructor's own Python frame cost as much again.
    marker = _marker(Marker, (scheme, label, ordinal, len(raw)))
    if markers is not None and free:
        markers[head] = marker
    return marker


# "12. " opens most lines of an English list. No scheme before num_dot in _PATTERNS can match
# where it does (the one character after the digits tells them apart), so trying it first
# finds the same head without trying the nine alternatives before it.
_NUM_DOT_RE = re.compile(dict(_PATTERNS)["num_dot"])


def _head(paragraph: str) -> tuple[str, str] | None:
    m = _NUM_DOT_RE.match(paragraph)
    if m is not None:
        return "num_dot", m.group()
    m = _MARKER_RE.match(paragraph)
    if m is None or m.lastgroup is None:
        return None
    return m.lastgroup, m.group()
