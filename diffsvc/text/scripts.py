"""Which characters are Chinese, which are written without spaces, how wide they show, and which
language a paragraph is in: one definition of each, used by every stage.

Ranges come from Unicode's own properties (the ``regex`` package's ``\\p{Han}`` script class and
East Asian Width property) rather than hand-kept code-point ranges, so 〇, 々 and the
supplementary ideographs count as Han wherever Han is asked about.
"""

from __future__ import annotations

import re

import regex

from diffsvc.models import Language

HAN = r"\p{Han}"
"""Chinese characters (a pattern class body, for the ``regex`` package)."""

CJK = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}"
"""Letters of the East Asian scripts: each character is one diff token, and they tell a Chinese
paragraph from an English one (a pattern class body)."""

UNSPACED = (
    r"\p{Han}\p{Hiragana}\p{Katakana}\p{Bopomofo}\u30fb\u30fc"
    r"\u3000-\u303f\u3200-\u33ff\ufe30-\ufe4f\uff00-\uffef"
)
"""Characters written without spaces around them: Chinese and Japanese letters, CJK
punctuation, enclosed and squared CJK forms (㈠, ㎡) and full-width forms (a pattern class
body). A line break next to one of them joins without a space."""

_HAN = regex.compile(f"[{HAN}]")
HAN_RUN = regex.compile(f"[{HAN}]+")
"""A run of Chinese characters."""
_CJK_RUN = regex.compile(f"[{CJK}]+")
_UNSPACED = regex.compile(f"[{UNSPACED}]")
_WIDE_RUN = regex.compile(r"[\p{East_Asian_Width=Wide}\p{East_Asian_Width=Fullwidth}]+")
_CJK_SET_WIDE = regex.compile("[“”‘’—…·]+")
# Latin letters need no Unicode tables: the standard library's engine reads them twice as fast.
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_LATIN_RUN = re.compile(f"{_LATIN.pattern}+")
_SAMPLE = 120  # characters enough to tell a language, bounded for a megabyte-long paragraph
_WIDTH_SAMPLE = 400  # columns past this never change a decision about line wrapping


def has_han(text: str) -> bool:
    """Whether ``text`` holds a Chinese character.

    >>> has_han("2023年"), has_han("二〇二三"), has_han("2023")
    (True, True, False)
    """
    return _HAN.search(text) is not None


def is_unspaced(char: str) -> bool:
    """Whether ``char`` is written without spaces around it (see ``UNSPACED``).

    >>> is_unspaced("中"), is_unspaced("，"), is_unspaced("a"), is_unspaced("")
    (True, True, False, False)
    """
    return _UNSPACED.match(char) is not None


def width(text: str, *, marks_wide: bool = False) -> int:
    """Display width in columns: wide and full-width characters take two (counted up to 400).
    With ``marks_wide``, so do the quotation marks, dashes and ellipsis of a Chinese line, as
    a CJK font sets them: in text copied out of a Chinese PDF, “十四五” fills a line as 十四五
    and its marks do, and a line is measured against the column it was wrapped at.

    >>> width("abc"), width("合作，"), width("ｱ")
    (3, 6, 1)
    >>> width("“十四五”"), width("“十四五”", marks_wide=True), width('"G7"', marks_wide=True)
    (8, 10, 4)
    """
    head = text[:_WIDTH_SAMPLE]
    if head.isascii():  # an English line: nothing wide to look for
        return len(head)
    wide = sum(map(len, _WIDE_RUN.findall(head)))
    if marks_wide and wide and _HAN.search(head):
        wide += sum(map(len, _CJK_SET_WIDE.findall(head)))
    return len(head) + wide


LETTERS_PER_HAN = 4
"""What one East Asian letter weighs against Latin letters when amounts of text in the two
languages are compared: the seed statement's Chinese half has 761 Chinese characters, its English
translation 3,568 letters (4.7 to a character), so a Chinese text and its English translation
weigh about the same."""


def letters(text: str) -> int:
    """How much text ``text`` holds, in Latin letters, each East Asian letter counted as four.

    >>> letters("The parties"), letters("双方同意"), letters("2023年"), letters("2023")
    (10, 16, 4, 0)
    """
    latin = sum(map(len, _LATIN_RUN.findall(text)))  # runs: a list of words, not of letters
    if text.isascii():
        return latin
    return latin + LETTERS_PER_HAN * sum(map(len, _CJK_RUN.findall(text)))


def detect_language(text: str) -> Language:
    """``zh`` or ``en`` by the share of East Asian letters to Latin ones; ``und`` if neither.

    One Han character carries about as much as a short English word, so a third of the Latin
    letters' count in Han characters makes a paragraph Chinese.

    >>> detect_language("雙方同意"), detect_language("The parties agreed"), detect_language("2023")
    ('zh', 'en', 'und')
    """
    sample = text[:_SAMPLE]
    han = 0 if sample.isascii() else sum(map(len, _CJK_RUN.findall(sample)))
    if han == 0:
        return "en" if _LATIN.search(sample) else "und"
    latin = len(_LATIN.findall(sample))
    return "zh" if han * 3 >= latin else "en"
