"""Numbering markers at the start of a paragraph: which scheme, which number, where the text begins.

Statements number their clauses in many schemes (``1.`` ``(a)`` ``iv.`` ``一、`` ``（一）``
``第一条`` ``Article 3`` ``First,`` …). A marker is recognised only at the start of a paragraph and
only when followed by text, so "2023." or "1.5 percent" are not markers. The scheme name lets the
segmenter nest ``(a)`` under ``2.``; the ordinal lets renumbering be told apart from rewording.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import regex

from diffsvc.text.numerals import CHINESE_NUMERAL as CN_NUM
from diffsvc.text.numerals import FOOTNOTE_MARK, ORDINAL_WORDS, chinese_value, roman_value

# A heading's number: 3, 1.1, 2.3.4 or a Roman numeral; an annex may be lettered (Annex A).
_HEADING_NUMBER = r"(?:\d+(?:[.．]\d+)*|[IVXLC]+)\b"
_ANNEX_NUMBER = r"(?:\d+|[IVXLC]+|[A-Z])\b"
# What follows it: punctuation, the heading's title (a capital, a quote, a bracket) or nothing.
# "Article 5 of the Treaty provides…" is running text that names an article, not a heading.
_HEADING_END = r"(?:[.:：．]\s*|\s+(?=[A-Z(\"“\[])|\s*$)"
# Order matters: the first pattern that matches wins. Each group name is the scheme.
_PATTERNS: list[tuple[str, str]] = [
    ("cn_article", rf"第(?:{CN_NUM}|\d+)条[、.．:：\s]*"),
    ("cn_chapter", rf"第(?:{CN_NUM}|\d+)[章节部分编]+[、.．:：\s]+"),
    # Agreements: Part or Chapter > Section > Article > paragraph 1. > (a) > (i), numbered
    # 1, 1.1, 2.3.4 or I, II; annexes and schedules stand apart. The document's own order
    # decides which encloses which (a constitution's Article holds Sections).
    ("part", rf"(?:Part|PART|Chapter|CHAPTER)\s+{_HEADING_NUMBER}{_HEADING_END}"),
    ("section", rf"(?:Section|SECTION|Sec\.)\s+{_HEADING_NUMBER}{_HEADING_END}"),
    ("article", rf"(?:Article|ARTICLE|Art\.)\s+{_HEADING_NUMBER}{_HEADING_END}"),
    (
        "annex",
        rf"(?:Annex|ANNEX|Schedule|SCHEDULE|Appendix|APPENDIX)\s+{_ANNEX_NUMBER}{_HEADING_END}",
    ),
    ("cn_dun", rf"{CN_NUM}、\s*"),
    ("cn_paren", rf"[（(]{CN_NUM}[）)]\s*"),
    ("cn_ordinal", rf"第{CN_NUM}[，,、]\s*"),
    ("digit_dun", r"\d+、\s*"),
    ("circled", r"[\u2460-\u2473\u3251-\u325f]\s*"),
    ("decimal_multi", r"\d+(?:[.．]\d+)+(?:[.．]\s*|\s+(?=[A-Z\p{Han}]))"),
    ("paren_num", r"[（(]\d+[）)]\s*"),
    ("footnote", rf"{FOOTNOTE_MARK.pattern}:?\s*"),  # a note's body: "[1] For greater certainty, …"
    # "24.We welcome" and "11, We are" (a published communiqué's typos) only continue a list.
    ("num_dot", r"\d{1,5}(?:[.．](?:\s+|(?=\p{Han})|(?=[A-Z][a-z]))|,\s+(?=[A-Z][a-z]))"),
    ("num_paren", r"\d+[)）]\s*"),
    ("paren_roman", r"\((?:[ivxlc]+|[IVXLC]+)\)\s+"),
    ("paren_alpha", r"\([a-zA-Z]\)\s+"),
    ("alpha_paren", r"[a-zA-Z]\)\s+"),
    ("roman_dot", r"(?:[ivxlc]+|[IVXLC]+)\.\s+"),
    ("alpha_dot", r"[a-zA-Z]\.\s+(?=[A-Z\p{Han}])"),
    (
        "ordinal_word",
        r"(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|"
        r"Eleventh|Twelfth)(?:ly)?,\s+",
    ),
    ("bullet", r"[-•·●▪◦*–]\s+"),
]
# What surrounds the number in a label: "Article ", "(", "）", "第…条", "、".
_CORE = re.compile(
    r"^(?:Part|PART|Chapter|CHAPTER|Section|SECTION|Sec\.|Article|ARTICLE|Art\.|Annex|ANNEX"
    r"|Schedule|SCHEDULE|Appendix|APPENDIX)\s+|^[(（第[^]+|[)）.．、,，:：第条章节部分编\s\]]+$"
)
_WORD_HEADINGS = ("part", "section", "article", "annex")
HEADINGS = (*_WORD_HEADINGS, "cn_article", "cn_chapter")
"""Schemes of a document's structure ("Section 2", "Article 1.1:", "Annex I", "第三章")."""
_HAN_NEXT = regex.compile(r"\p{Han}")
_MARKER_RE = regex.compile("|".join(f"(?P<{name}>{pat})" for name, pat in _PATTERNS))


class Marker(NamedTuple):
    """A recognised numbering marker."""

    scheme: str
    label: str
    ordinal: int | None
    length: int  # characters of the paragraph taken by the marker and the space after it


def _ordinal(scheme: str, label: str) -> int | None:
    core = _CORE.sub("", label)
    if scheme == "circled":
        ch = label.strip()[0]
        return ord(ch) - 0x245F if ch <= "\u2473" else ord(ch) - 0x3250 + 20
    if scheme == "ordinal_word":
        word = core.lower().removesuffix("ly")
        return ORDINAL_WORDS.get(word) or ORDINAL_WORDS.get(word + "ly")
    if scheme == "bullet":
        return None
    if scheme == "decimal_multi" or (scheme in _WORD_HEADINGS and "." in core):
        return int(re.split(r"[.．]", core)[-1])  # Article 2.6 is the sixth of Section 2
    if scheme == "annex" and len(core) == 1 and core.isalpha() and core not in "IVX":
        return ord(core) - ord("A") + 1  # Annex A, B, C
    if core.isdigit():
        return int(core)
    if scheme in ("paren_roman", "roman_dot") or (scheme in _WORD_HEADINGS and core.isalpha()):
        return roman_value(core)
    if scheme in ("paren_alpha", "alpha_paren", "alpha_dot"):
        return ord(core.lower()) - ord("a") + 1
    return chinese_value(core)


def parse_marker(
    paragraph: str, previous: dict[str, int] | None = None, *, with_ordinal: bool = True
) -> Marker | None:
    """Recognise the numbering marker that opens ``paragraph``, if any.

    ``previous`` maps scheme → last ordinal seen, which settles whether ``(i)`` after ``(h)`` is a
    letter or a Roman numeral, and whether "1000." continues a list. ``with_ordinal=False``
    leaves the ordinal out (None), for callers that only ask whether and how a line is numbered.

    >>> parse_marker("（一）加强合作")
    Marker(scheme='cn_paren', label='（一）', ordinal=1, length=3)
    >>> parse_marker("1.5 percent") is None
    True
    """
    m = _MARKER_RE.match(paragraph)
    if m is None or m.lastgroup is None:
        return None
    scheme, raw = m.lastgroup, m.group()
    # A marker with nothing after it is the start of a heading on its own line ("Article 3")
    # only for article-like schemes; elsewhere "2023." alone is just text.
    if scheme not in HEADINGS and len(raw) >= len(paragraph.rstrip()):
        return None
    label = raw.strip()
    previous = previous or {}
    if scheme == "num_dot" and len(label) > 4:
        # "2023. A year" is a year; "1000." is an item only as the next number of a list.
        last = previous.get("num_dot")
        if last is None or not 0 < int(label[:-1]) - last <= 5:
            return None
    # Written with a comma, or with no space before the words: only the next number of a list.
    glued = raw == label and raw[-1:] in ".．" and not _HAN_NEXT.match(paragraph, len(raw))
    if scheme == "num_dot" and (label.endswith(",") or glued):
        last = previous.get("num_dot")
        if last is None or int(label[:-1]) != last + 1:
            return None
    if scheme in ("paren_roman", "roman_dot"):
        letter = label.strip("().")
        alpha_scheme = "paren_alpha" if scheme == "paren_roman" else "alpha_dot"
        last = previous.get(alpha_scheme)
        single = len(letter) == 1
        follows = single and last is not None and ord(letter.lower()) - ord("a") == last
        if single and (follows or letter.lower() in "lc"):
            scheme = alpha_scheme
    if scheme == "bullet":
        label = label[0]
    if scheme in _WORD_HEADINGS:
        # "Article 1.1: Tariffs" is Article 1.1, and "Section 2." the same as "Section 2".
        label = label.rstrip(":：.．").rstrip()
    ordinal = _ordinal(scheme, label) if with_ordinal else None
    return Marker(scheme, label, ordinal, len(raw))
