"""Numerals as statements write them: Chinese (十二, 二〇二三), Roman, letters, ordinal words; and
the numbers a clause holds.

Chinese numerals are read and written by cn2an, which knows the forms a hand-kept table misses
(两百, 二〇二三 digit by digit, 一万零三); Word's other list formats are written here.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from diffsvc.text.keys import nfkc

CHINESE_NUMERAL = "[零〇一二三四五六七八九十百千万两]+"
"""A run of Chinese numeral characters (a pattern)."""

FOOTNOTE_MARK = re.compile(r"\[\^?(\d{1,3})\]")
"""A footnote's mark, in the text that refers to it or before its body: ``[1]``, ``[^1]``; the
group is its number. A label, not a quantity."""

_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_ROMAN_DIGITS = tuple(
    zip(
        (1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1),
        ["M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"],
        strict=True,
    )
)
_ORDINALS = "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
ORDINAL_WORDS = {word: n for n, word in enumerate(_ORDINALS.split(), start=1)}

_ONES = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen"
)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_BELOW_HUNDRED = (
    rf"(?:(?:{_TENS})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|{_ONES})"
)
CARDINAL_WORDS = (
    rf"(?i:\b{_BELOW_HUNDRED}(?: hundred(?: (?:and )?{_BELOW_HUNDRED})?)?\b|\ba hundred\b)"
)
"""An English cardinal number in words, one to nine hundred and ninety-nine, any case ("Ninety",
"twenty-five", "three hundred and ten"): a pattern. Larger amounts take a scale word after it
("five billion")."""


@lru_cache(maxsize=1)
def _cardinals() -> dict[str, int]:
    from num2words import num2words  # the words of each number, as the language writes them

    table = {plain_words(num2words(n)): n for n in range(1, 1000)}
    table["a hundred"] = 100
    return table


def plain_words(text: str) -> str:
    """English words as compared for a number spelled out: case, hyphens, commas and "and"
    left out ("One Hundred and Fifty", "one hundred fifty").

    >>> plain_words("One Hundred and Fifty-Two")
    'one hundred fifty two'
    """
    words = re.sub(r"[-,]", " ", text.casefold()).split()
    return " ".join(w for w in words if w != "and")


def cardinal_value(words: str) -> int | None:
    """The number English cardinal words say ("Ninety" 90, "three hundred and ten" 310), or
    None for words that are no cardinal number.

    >>> [cardinal_value(w) for w in ("Ninety", "twenty-five", "three hundred and ten", "lots")]
    [90, 25, 310, None]
    """
    return _cardinals().get(plain_words(words))


# A number as written: digits with thousands or decimal separators and a percent sign, not part
# of a name ("COVID-19", "G20"); or Chinese numerals counting something (三次, 二〇二三年).
_NUMBER = re.compile(rf"(?<![A-Za-z\-])\d+(?:[.,]\d+)*%?|{CHINESE_NUMERAL}(?=[次年届个项条%])")


@lru_cache(maxsize=4096)  # a list's numerals recur in every version of it
def chinese_value(numeral: str) -> int | None:
    """The value of a Chinese numeral, or None if it is not one.

    >>> [chinese_value(s) for s in ("十二", "两百", "一百零五", "一万零三", "二〇二三", "百")]
    [12, 200, 105, 10003, 2023, 100]
    >>> chinese_value("十十") is None
    True
    """
    if numeral in _UNITS:  # a unit alone counts one of it: 百 in 百个, 万 in 万项
        return _UNITS[numeral]
    import cn2an  # a fifth of a second to import: only documents with Chinese numerals pay it

    try:
        value = cn2an.cn2an(numeral, "smart")
    except ValueError:
        return None
    return int(value) if value == int(value) else None


def chinese_numeral(value: int) -> str:
    """A number in Chinese counting numerals, as Word numbers a list: 一, 十, 十一, 一百零五.

    >>> [chinese_numeral(n) for n in (1, 10, 11, 21, 105, 110)]
    ['一', '十', '十一', '二十一', '一百零五', '一百一十']
    """
    import cn2an

    return str(cn2an.an2cn(value)) if value > 0 else str(value)


def roman_value(numeral: str) -> int | None:
    """The value of a Roman numeral, or None if it is not one.

    >>> roman_value("xiv"), roman_value("IX"), roman_value("q")
    (14, 9, None)
    """
    values = [_ROMAN_VALUES.get(ch) for ch in numeral.lower()]
    if not values or None in values:
        return None
    nums = [v for v in values if v is not None]
    return sum(-v if k + 1 < len(nums) and nums[k + 1] > v else v for k, v in enumerate(nums))


def roman_numeral(value: int) -> str:
    """A number in upper-case Roman numerals.

    >>> roman_numeral(4), roman_numeral(1994)
    ('IV', 'MCMXCIV')
    """
    out = ""
    for amount, digits in _ROMAN_DIGITS:
        while value >= amount:
            out, value = out + digits, value - amount
    return out


def letter_numeral(value: int) -> str:
    """A number as list letters: a … z, then aa … zz, as Word and HTML count.

    >>> letter_numeral(3), letter_numeral(28)
    ('c', 'bb')
    """
    return chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1) if value > 0 else "0"


def numbers(text: str, *, chinese: bool = True) -> Counter[str]:
    """The numbers a text holds, each as written (separators kept), Chinese numerals by value
    (left out with ``chinese=False``).

    >>> sorted(numbers("过去3年 GDP 1,000.5亿, 增长5%, 第三次会议").elements())
    ['1,000.5', '3', '3', '5%']
    >>> sorted(numbers("第三次会议, 3年", chinese=False))
    ['3']
    """
    found = _NUMBER.findall(nfkc(text))
    return Counter(
        n if n[0].isdigit() or (v := chinese_value(n)) is None else str(v)
        for n in found
        if chinese or n[0].isdigit()
    )
