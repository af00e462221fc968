"""Quantities as statements write them, in English and Chinese, and the references that merely
contain digits.

An analyst's first question of a new year's text is which numbers changed, so a number is read
whole, as a reader reads it: "US$1.5 billion", "1/4 to 1/2 percent", "3-1/2 percent", "April
25-28, 2023", "1.3万亿斤以上", "百分之五", "第十一次", "Eleventh" — with its sign, decimal point,
fraction slash and range dash, its unit, scale and qualifier (以上, 左右, "at least", "up to").
Names and references that contain digits (COVID-19, G20, Article 5.2, Resolution 2231) are
found too and kept apart: they are not amounts.

Matching runs on a copy of the text whose full-width forms and dashes are folded one character
for one, so every quantity keeps its exact place in the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from diffsvc.text.numerals import (
    CARDINAL_WORDS,
    CHINESE_NUMERAL,
    FOOTNOTE_MARK,
    ORDINAL_WORDS,
    cardinal_value,
    chinese_value,
)

Kind = Literal["number", "percent", "points", "money", "date", "year", "ordinal", "reference"]

# One character for one: full-width ASCII, the ideographic space, dashes, the minus sign, and
# the full-width forms NFKC would fold.
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_FOLD |= {ord(c): ord("-") for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\uff5e~"}
# And the Traditional forms of the characters a Chinese quantity is written with, so that a
# Hong Kong or Taiwan text's "6600萬人以上" and "2.18萬億元" have their scale and unit as the
# Simplified ones do (the quantity's text stays as written).
_FOLD |= str.maketrans(
    "萬億兩個點歐幣時噸畝頃戶輛臺歲項餘攝內將約過於屆會輪務黨動資產階條節編號歷數",
    "万亿两个点欧币时吨亩顷户辆台岁项余摄内将约过于届会轮务党动资产阶条节编号历数",
)

_MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH = "|".join(_MONTH_NAMES) + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\."
_ORDINAL_WORD = "|".join(ORDINAL_WORDS) + "|" + "|".join(w.capitalize() for w in ORDINAL_WORDS)
_CN = CHINESE_NUMERAL
_CN_DIGITS = "[〇零一二三四五六七八九]"

# An amount: a mixed fraction (FOMC's 3-1/2, and 1994's "3 1/2"), a fraction, a number with
# thousands separators and decimals, a vulgar fraction.
_VULGAR = "[¼½¾⅓⅔⅛⅜⅝⅞]"
_AMOUNT = (
    rf"(?:\d+-\d+/\d+|\d+ [1357]/[248]\b|\d+/\d+|\d+{_VULGAR}|{_VULGAR}"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
)
_SIGNED = rf"(?:(?<![\w.-])-)?{_AMOUNT}"
# Chinese numerals count as an amount only where a scale or unit follows: 五千亿, 三个百分点, 一年.
# A lone 百, 千 or 万 before 年 is a set phrase, not a span of years: 第一个百年奋斗目标 (the
# centenary goal), 百年未有之大变局, 千年大计; so are the "两个一百年" goals.
_CN_AMOUNT = rf"(?<!两个)(?![百千万]年){_CN}(?=万亿|亿|万|个多?百分点|%|倍|年|个多?月|天)"

# "USD $ 5.2 billion", "US$ 3 billion": the sign may stand apart from its number.
_CURRENCY_BEFORE = r"(?:(?:USD ?)?(?:US|A|C|HK|NZ)?\$ ?|€|£|¥|RMB ?|USD ?|EUR ?)"
_SCALE_EN = r"(?:thousand|million|billion|trillion)"
_CURRENCY_AFTER = r"(?:U\.S\. dollars|US dollars|dollars|euros|yuan|renminbi|yen|pounds|USD|EUR)"
_CN_SCALE = "(?:万亿|亿|万|千)"
_CN_UNIT = (
    "(?:美元|欧元|日元|元|人民币|万千瓦|千瓦时|千瓦|平方公里|平方米|立方米|公里|千米|公斤|千克|"
    "吨|斤|亩|公顷|人次|人|户|家|所|辆|套|座|台|架|艘|名|倍|岁|年|天|个多月|个月|个|项|件|次)"
)
# A span of time counts in its unit: "over 15 years" is fifteen years, not the number 15.
# An agreement's periods count their kind of day: "30 business days" is no "30 days".
DAY_KINDS = ("business", "calendar", "working")
"""The kinds of day a period counts in, before "days" in its unit."""
_DURATION = rf"(?:(?:{'|'.join(DAY_KINDS)}) )?(?:years?|months?|weeks?|days?|hours?)"
_UNIT = (
    rf"(?:\s?(?:%|percent\b|per cent\b)"
    # A copy that joins a line broken at the hyphen writes "25basis-point", "a 40year race".
    rf"|[\s-]?(?:percentage points?|basis points?|basis-points?)\b"
    rf"|\s{_SCALE_EN}\b(?:\s{_CURRENCY_AFTER}\b)?"
    # "$5bn", "€2tn": the scale as the press abbreviates it.
    r"|(?:bn|tn)\b"
    rf"|\s{_CURRENCY_AFTER}\b"
    rf"|[\s-]?{_DURATION}\b"
    # A temperature is no share: "the 1.5°C threshold" is not "43 per cent" of emissions.
    r"|\s?°C|\s?℃|\s(?:degrees? Celsius|degrees?)\b|摄氏度"
    # "4万多亿元" is over 4万亿元: the 多 of "more than" can stand inside a two-part scale.
    rf"|个百分点|个多百分点|[万千][多余]亿{_CN_UNIT}?|{_CN_SCALE}[多余]{_CN_UNIT}"
    rf"|{_CN_SCALE}?{_CN_UNIT}|{_CN_SCALE})"
)
_QUALIFIER_BEFORE = (
    r"(?:about|around|approximately|roughly|nearly|almost|over|more than|less than|fewer than|"
    r"at least|at most|up to|no more than|no less than|not less than|not more than|above|"
    r"below|under|close to|in excess of|some|"
    r"About|Around|Approximately|Nearly|Almost|Over|More than|Less than|At least|Up to|Some)\s+"
    r"|接近|将近|大约|至少|不到|约|近|超过|不低于|不高于|不少于|不超过|高于|低于|逾"
)
_QUALIFIER_AFTER = (
    r"\s(?:or more|or less|or above|or below|and above|and below|plus)\b"
    r"|以上|左右|以内|以下|上下|之内|多|余"
)
_RANGE = r"\s?-\s?|\s(?:to|through)\s|至|到"

_REFERENCE_WORDS = (
    r"Articles?|Sections?|Chapters?|Annex(?:es)?|Appendix|Paragraphs?|paragraphs?|Resolutions?|"
    r"Rules?|Parts?|Titles?|Schedules?|Items?|Phases?|Decisions?|Protocols?|Clauses?|"
    r"Regulations?|Executive Orders?|No\.|Nos\.|Number|Special|Pillars?|Targets?|Goals?"
)

# A plural reference word names a list: "Articles 2 and 5 and Annex 3", "Sections 232 and 301".
_REFERENCE_LIST = (
    r"Articles|Sections|Chapters|Annexes|Paragraphs|paragraphs|Resolutions|Rules|Parts|Titles"
    r"|Schedules|Items|Clauses|Regulations|Executive Orders"
)
_REFERENCE_NUMBER = r"\d+[A-Za-z]?(?:[.\-]\d+[A-Za-z]?)*(?:\([a-z0-9]{1,4}\))*"

_REFERENCE = "|".join(
    [
        rf"(?:{_REFERENCE_LIST}) {_REFERENCE_NUMBER}(?:(?:,? and |, | or ){_REFERENCE_NUMBER})+"
        r"(?![\w%]| percent| per cent)",
        rf"(?:{_REFERENCE_WORDS}) {_REFERENCE_NUMBER}",
        # A U.S. Code or Federal Regulations citation is one name: "19 U.S.C. 1862" is no 19
        # and 1862 added.
        r"\d+ (?:U\.S\.C\.|C\.F\.R\.)(?: (?:§+|Part|Sec\.))? ?\d+[a-z]?(?:\.\d+)*"
        r"(?:\([a-z0-9]{1,4}\))*",
        # A law named with its year: the year is the name's ("the Trade Expansion Act of 1962").
        r"(?<![\w'-])(?!The )[A-Z][\w'-]*(?: (?:(?:and|of|the|for|on) )*[A-Z][\w'-]*){0,6}"
        r" Act of (?:19|20)\d{2}\b",
        rf"第(?:\d+|{_CN})(?:条|章|款|节|编|部分|项)",
        # G20, PM2.5; not "mid-2015", the part of a year FOMC's guidance runs through.
        r"(?<![A-Za-z0-9_.])(?!(?:[Mm]id|[Ee]arly|[Ll]ate)-(?:19|20)\d{2}\b)"
        r"[A-Za-z]+-?\d+(?:\.\d+)?[A-Za-z]*(?![A-Za-z0-9_])",
        # A plan named for its target year: 中国制造2025, 健康中国2030; quoted, the whole
        # name (《中国制造2025》), so a note says the plan, not a year after its first words.
        r"(?<=[《“「])[\u4e00-\u9fff]{1,16}(?:19|20)\d{2}(?:-[\u4e00-\u9fff]{1,12})?(?=[》”」])",
        rf"(?<=[\u4e00-\u9fff])(?:19|20)\d{{2}}(?![\d.,%多余至到-]|{_CN_SCALE}|{_CN_UNIT}|[月日])",
        # 5G, 3D, also right after Chinese ("加大5G网络建设"), where \b and \w see letters.
        r"(?<![A-Za-z0-9_.])\d+[A-Za-z]{1,2}(?![A-Za-z0-9_])(?<!\d(?:st|nd|rd|th))",
    ]
)
_DATE = "|".join(
    [
        rf"(?:{_MONTH}) \d{{1,2}}(?: ?(?:-|to|and) ?\d{{1,2}})?(?:,? \d{{4}})?\b",
        rf"\d{{1,2}}(?: ?(?:-|to) ?\d{{1,2}})? (?:{_MONTH})(?: \d{{4}})?\b",
        rf"(?:{_MONTH}) \d{{4}}\b",
        rf"(?:(?:\d{{4}}|{_CN_DIGITS}{{4}})年)?(?:\d{{1,2}}|{_CN})月(?:(?:\d{{1,2}}|{_CN})日)?"
        rf"(?:(?:至|到|-)(?:(?:\d{{1,2}}|{_CN})月)?(?:\d{{1,2}}|{_CN})日)?",
        r"(?<![\d:])\d{1,2}:\d{2}(?![\d:])",  # a time of day: 20:30
        # "at least through mid-2015", "through late 2014": a part of a year.
        r"\b(?:[Mm]id|[Ee]arly|[Ll]ate)[- ](?:19|20)\d{2}\b",
        # A part of a year is a date, not an ordinal and a year: "the third quarter of 2023".
        r"\b(?:[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|[Ll]ast|1st|2nd|3rd|4th) (?:quarter|half)"
        r"(?: of (?:the )?(?:19|20)\d{2}s?)?\b",
    ]
)
_YEAR = "|".join(
    [
        rf"(?:\d{{4}}|{_CN_DIGITS}{{4}})年(?:(?:至|到|-)(?:\d{{4}}|{_CN_DIGITS}{{4}})年)?",
        rf"(?<![\w.,/-])(?:19|20)\d{{2}}(?: ?- ?(?:19|20)?\d{{2}})?"
        rf"(?![\w%]| ?(?:percent|per cent|{_SCALE_EN})\b|[.,/]\d)",
    ]
)
_NOT_A_CENTURY = r"(?![\s-]+centur)"
# Nor do set phrases that rank nothing: "first-hand", "first and foremost", "first of all", "at
# first" (Quad 2024's "first-hand knowledge" is no first added); nor "first" before a verb,
# which says when, not which ("since we first announced AUKUS").
_NOT_A_RANK = (
    r"(?<![Aa]t [Ff]irst)(?![\s-]*hand\b|\s+and\s+foremost\b|\s+of\s+all\b"
    r"|(?<=[Ff]irst)\s+[a-z]+ed\b)"
)
_CENTURY = re.compile(r"(?<![\w.])\d+(?:st|nd|rd|th)(?=[\s-]+[Cc]entur)")
_ORDINAL = "|".join(
    [
        # Nor does a century name a count: "the challenges of the twenty-first century".
        rf"\b(?:{_ORDINAL_WORD})\b(?<!\b[Tt]hird){_NOT_A_CENTURY}{_NOT_A_RANK}",
        # "third countries", "a third party", "third-country measures" rank nothing.
        r"\b[Tt]hird\b(?![\s-]+(?:countr|part(?:y|ies)\b|persons?\b|centur))",
        r"(?<![\w.])\d+(?:st|nd|rd|th)\b",  # "21st century" is blanked out before
        # Not the set phrases that rank nothing: 第三方 (a third party), 第一要务 (the first
        # task, of development), 第一动力, 第一资源, 第一生产力.
        rf"第(?:\d+|{_CN})(?!方|要务|动力|资源|生产力)(?:次|届|轮|期|批|个|位|季度|阶段)?",
        # The Party's congresses and plenary sessions: 党的二十大, 二十届, 二中全会.
        rf"(?<=党的){_CN}大|{_CN}届(?={_CN}中|历次|中央)|{_CN}中全会|{_CN}中(?=[、，,])",
    ]
)
# English words count as an amount where a unit follows ("nineteen percent", "thirty days",
# "five billion"), or the figure itself, as an agreement writes a period: "ninety (90) days".
# "one of the", "two countries" count nothing.
_EN_UNIT_AHEAD = (
    rf"\s?(?:%|percent\b|per cent\b)|[\s-](?:percentage points?|basis points?)\b"
    # Not a year in words: "two thousand twenty-five" is no two thousand.
    rf"|\s{_SCALE_EN}\b(?! (?:and )?{CARDINAL_WORDS})|[\s-]{_DURATION}\b"
)
_EN_AMOUNT = rf"{CARDINAL_WORDS}(?: \(\d[\d,]*(?:\.\d+)?\)|(?={_EN_UNIT_AHEAD}))"
_AMOUNT_WRITTEN = (
    rf"(?P<before>{_QUALIFIER_BEFORE})?(?P<currency>{_CURRENCY_BEFORE})?"
    rf"(?P<first>{_SIGNED}|{_CN_AMOUNT}|{_EN_AMOUNT})(?:(?P<odd>多|余)(?={_CN_SCALE}|{_CN_UNIT}))?"
    rf"(?P<unit1>{_UNIT})?"
    rf"(?:(?P<range>{_RANGE})(?:{_CURRENCY_BEFORE})?(?P<second>{_SIGNED}|{_CN_AMOUNT}|{_EN_AMOUNT})"
    rf"(?P<unit2>{_UNIT})?)?(?P<after>{_QUALIFIER_AFTER})?"
)
_PATTERN = re.compile(
    f"(?P<reference>{_REFERENCE})|(?P<date>{_DATE})|(?P<year>{_YEAR})|(?P<ordinal>{_ORDINAL})"
    f"|(?P<percent_cn>百分之{_CN}(?:点{_CN})?)|(?P<amount>{_AMOUNT_WRITTEN})"
)


# What every quantity holds: a digit, an ordinal word, or Chinese numerals that count something
# (before 万, 年, 月, 次, 届, 大… or after 第, 百分之, 党的) — not the 一 of 统一 or 一带一路.
# The hyphen of a name or a unit between its letters and its number ("COVID-19", "G-7",
# "40-year"): no minus sign and no range dash, and a copy that drops it where a line broke
# ("COVID19", as pdftotext joins the line) names the same thing and the same figure.
NAME_HYPHEN = re.compile(r"(?<=[^\W\d_])[-\u2010\u2011](?=\d)|(?<=\d)[-\u2010\u2011](?=[^\W\d_])")
QUANTITY_CORE = re.compile(
    rf"[\d¼½¾⅓⅔⅛⅜⅝⅞]|\b(?:{_ORDINAL_WORD})\b|{CARDINAL_WORDS}"
    rf"|{_CN}(?=[万亿千个年月日天%倍次届号点大中轮期批位季阶条章款节编部项])|(?<=[第之的]){_CN}"
)
_INLINE_ITEM = re.compile(r"(?<![\w)])\(\d{1,2}\)(?=\s)")
_LINK = re.compile(r"(?:https?://|//|www\.)[^\s<>\"'）)\]]+")
_LEAD = 40  # "no more than US$" before "1.5", "Executive Orders " before "14257"
_REACH = 80  # "to 28, 2023" after "April 25", "亿至6000亿元以上" after "5000"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A quantity (or a reference) as written in a text."""

    kind: Kind
    text: str  # as written, qualifier included: "1.3万亿斤以上", "about US$1.5 billion"
    start: int  # where it stands in the text
    end: int
    value: str  # the number(s), canonical: separators dropped, Chinese numerals as digits
    unit: str  # canonical unit: "percent", "percentage points", "billion US$", "万亿斤", ""
    qualifier: str  # "以上", "左右", "about", "up to", "" — as written

    @property
    def key(self) -> tuple[str, str, str, str]:
        """What makes two quantities the same amount: kind, value, unit and qualifier."""
        return (self.kind, self.value, self.unit, self.qualifier.lower())


def quantities(text: str) -> list[Quantity]:
    """The quantities and references in ``text``, in reading order.

    >>> [(q.kind, q.text, q.value, q.unit, q.qualifier) for q in quantities(
    ...     "lower the target range to 1/4 to 1/2 percent, up to US$1.5 billion")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('percent', '1/4 to 1/2 percent', '1/4-1/2', 'percent', ''),
     ('money', 'up to US$1.5 billion', '1.5', 'billion US$', 'up to')]
    >>> [(q.kind, q.text) for q in quantities("粮食产量保持在1.3万亿斤以上，赤字率拟按3%安排")]
    [('number', '1.3万亿斤以上'), ('percent', '3%')]
    >>> [(q.kind, q.text) for q in quantities("COVID-19, G20 and Article 5.2 in 2023")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('reference', 'COVID-19'), ('reference', 'G20'), ('reference', 'Article 5.2'),
     ('year', '2023')]
    """
    # A footnote marker ("agreement[8]") is neither a quantity nor a reference: blanked, at the
    # same length so positions stay those of the text.
    folded = _blank(FOOTNOTE_MARK, text.translate(_FOLD))
    if "(" in folded:
        # A list's own numbers inside a paragraph ("to: (1) act …; and (2) refrain …") count
        # nothing; "Article 5(2)" keeps its paragraph, and "thirty (30) days" its figure.
        folded = _INLINE_ITEM.sub(_list_number, folded)
    if "entur" in folded:
        # Nor is a century ("the 21st century", "21st-century challenges"): an era, no count.
        folded = _blank(_CENTURY, folded)
    if "//" in folded or "www." in folded:
        # Nor are the digits of a link ("…/operating_policy_131218.html"): the link is text.
        folded = _blank(_LINK, folded)
    found = []
    pos = 0
    # Every quantity holds a digit, a Chinese numeral or an ordinal word, and starts at most a
    # qualifier and a currency before it: the long pattern is tried only around those, which
    # keeps a clause with no number from paying for every alternative at every character.
    for core in QUANTITY_CORE.finditer(folded):
        if core.start() < pos:
            continue
        near = _PATTERN.search(folded, max(pos, core.start() - _LEAD), core.end() + _REACH)
        if near is None:
            continue
        m = _PATTERN.match(folded, near.start())  # whole, past the window's end
        assert m is not None  # it matched there within the window
        kind = m.lastgroup
        start, end = m.span()
        if kind == "amount" and m.group("range") and _two_amounts(m, folded):
            # "75 basis points to 3-1/2 percent", "from 3 percent to 3-1/2 percent": two
            # amounts, not a range; read the first alone.
            end = m.end("unit1")
            m = _PATTERN.match(folded, start, end)
            assert m is not None  # the shorter text still holds the first amount
        pos = end
        written = text[start:end]
        if kind == "amount":
            found.append(_amount(m, written, start, end))
        elif kind == "percent_cn":
            value = _value(m.group()[3:].replace("点", "."))
            found.append(Quantity("percent", written, start, end, value, "percent", ""))
        elif kind == "ordinal":
            value = _ordinal_value(m.group())  # of the folded text: 十九屆 is 十九届
            found.append(Quantity("ordinal", written, start, end, value, "", ""))
        elif kind == "date":
            found.append(Quantity("date", written, start, end, _date_value(m.group()), "", ""))
        elif kind in ("reference", "year"):
            found.append(Quantity(kind, written, start, end, m.group(), "", ""))  # type: ignore[arg-type]
    return found


_MONTH_NUMBER = {name[:3].lower(): n for n, name in enumerate(_MONTH_NAMES, 1)}
_DATE_PART = re.compile(
    rf"(?P<month>{'|'.join(_MONTH_NAMES)}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
    r"|(?P<year>\d{4})|(?P<day>\d{1,2}(?: ?(?:-|to|and) ?\d{1,2})?)"
)


def _date_value(date: str) -> str:
    """An English date as year-month-day, however it is written: "July 12, 2016" and "12 July
    2016" are one date. Any other date (a Chinese one, a quarter, a time of day) as written.

    >>> _date_value("July 12, 2016") == _date_value("12 July 2016") == "2016-07-12"
    True
    >>> _date_value("11-13 June 2021")
    '2021-06-11-13'
    """
    if not date.isascii():
        return date
    month = year = day = ""
    for m in _DATE_PART.finditer(date):
        if m.group("month"):
            month = f"{_MONTH_NUMBER[m.group('month')[:3].lower()]:02d}"
        elif m.group("year"):
            year = m.group("year")
        else:
            day = re.sub(r" ?(?:-|to|and) ?", "-", m.group("day"))
    return f"{year}-{month}-{day}" if month else date


_SPELLED_BEFORE = re.compile(rf"{CARDINAL_WORDS} $")
_FIGURE_IN_WORDS = re.compile(r"\((\d[\d.]*)\)")  # the figure of "ninety (90)"


def _list_number(m: re.Match[str]) -> str:
    """A list's own number inside a paragraph, blanked; the figure after a number in words
    ("thirty (30) days") kept."""
    text = m.string
    if _SPELLED_BEFORE.search(text, max(0, m.start() - 40), m.start()):
        return m.group()
    return " " * len(m.group())


def _blank(pattern: re.Pattern[str], text: str) -> str:
    """``text`` with what ``pattern`` finds blanked out at the same length, so every quantity
    keeps its place."""
    return pattern.sub(lambda m: " " * len(m.group()), text)


_FROM = re.compile(r"\bfrom\s+$|[从由]$")


def _two_amounts(m: re.Match[str], text: str) -> bool:
    """Whether a range's ends are two amounts: of different kinds (points against percent), or
    where a rate moves from one to the other, each with its unit ("an increase in the discount
    rate from 3 percent to 3-1/2 percent"), which is no range of 3 to 3-1/2 percent."""
    first, second = m.group("unit1"), m.group("unit2")
    if not first or not second:
        return False
    if _FROM.search(text, max(0, m.start() - 6), m.start()):
        return True
    kinds = ["point" in u or "百分点" in u for u in (first, second)]
    return kinds[0] != kinds[1]


def _amount(m: re.Match[str], written: str, start: int, end: int) -> Quantity:
    unit = _unit(m.group("unit2") or m.group("unit1") or "", m.group("currency") or "")
    value = _value(m.group("first"))
    if m.group("second"):
        value = f"{value}-{_value(m.group('second'))}"
    if "%" in unit or ("percent" in unit and "point" not in unit):
        kind: Kind = "percent"
    elif "point" in unit or "百分点" in unit:
        kind = "points"
    elif m.group("currency") or any(
        c in unit for c in ("$", "元", "€", "£", "yuan", "yen", "pound")
    ):
        kind = "money"
    else:
        kind = "number"
    points = _in_basis_points(value) if unit == "percentage points" else ""
    if points:  # one amount however written: "1/4 percentage point" is "25 basis points"
        value, unit = points, "basis points"
    # "380多万户": the 多 of "more than" stands between the number and its unit in Chinese.
    inner = _INNER_ODD.search(m.group("unit1") or "")
    odd = m.group("odd") or (inner.group(1) if inner else None)
    after = " ".join(q for q in (odd, m.group("after")) if q)
    qualifier = " ".join(q.strip() for q in (m.group("before"), after) if q)
    return Quantity(kind, written, start, end, value, unit, qualifier)


_FRACTION = re.compile(r"(?:(\d+)-)?(\d+)/(\d+)|(\d+(?:\.\d+)?)")


def _in_basis_points(value: str) -> str:
    """A canonical number of percentage points as basis points ("" if it is no plain number or
    fraction): FOMC's "fall 1/4 percentage point" and "reduce … 25 basis points" are one cut.

    >>> [_in_basis_points(v) for v in ("1/4", "0.25", "1-1/2", "2", "0.125", "三")]
    ['25', '25', '150', '200', '12.5', '']
    """
    m = _FRACTION.fullmatch(value)
    if m is None:
        return ""
    whole, top, bottom, plain = m.groups()
    if plain is not None:
        points = float(plain)
    elif int(bottom) == 0:
        return ""
    else:
        points = int(whole or 0) + int(top) / int(bottom)
    return f"{round(points * 100, 6):g}"


_VULGAR_VALUES = {"¼": "1/4", "½": "1/2", "¾": "3/4", "⅓": "1/3", "⅔": "2/3", "⅛": "1/8"}
_VULGAR_VALUES |= {"⅜": "3/8", "⅝": "5/8", "⅞": "7/8"}


_SPACED_FRACTION = re.compile(r"(?<=\d) (?=\d/)")  # "3 1/2" is 3-1/2


def _value(number: str) -> str:
    """A number's canonical text: thousands separators dropped, vulgar fractions spelt out,
    Chinese numerals as digits."""
    number = _SPACED_FRACTION.sub("-", number.replace(",", "").strip())
    if number[:1].isascii() and number[:1].isalpha():  # in English words
        figure = _FIGURE_IN_WORDS.search(number)
        if figure:  # "ninety (90)": the figure the words say
            return figure.group(1)
        value = cardinal_value(number)
        return str(value) if value is not None else number
    for char, spelt in _VULGAR_VALUES.items():
        if char in number:
            head = number.replace(char, "")
            return f"{head}-{spelt}" if head else spelt
    if number and not number[0].isdigit() and number[0] != "-":
        whole, _, fraction = number.partition(".")
        value = chinese_value(whole)
        if value is not None:
            digits = "".join(str(chinese_value(c) or 0) for c in fraction)
            return f"{value}.{digits}" if fraction else str(value)
    return number


# One currency written several ways: "$18.8 billion" and "3.2 billion USD" are both US dollars,
# as a framework's purchases are. A bare "$" in these documents is the US dollar.
_CURRENCIES = {
    "$": "US$",
    "usd": "US$",
    "us$": "US$",
    "usd $": "US$",  # "USD $ 5.2 billion": one currency named twice
    "dollars": "US$",
    "us dollars": "US$",
    "u.s. dollars": "US$",
    "eur": "€",
    "euros": "€",
    "rmb": "yuan",
    "renminbi": "yuan",
}


_UNIT_NAMES = {
    "bn": "billion",
    "tn": "trillion",
    "%": "percent",
    "per cent": "percent",
    "个百分点": "percentage points",
    "°c": "°C",
    "℃": "°C",
    "degrees celsius": "°C",
    "degree celsius": "°C",
    "摄氏度": "°C",
}


# The 多 or 余 inside a Chinese unit ("个多月", "万多亿元", "亿多人"): the amount's qualifier,
# not its unit.
_INNER_ODD = re.compile(r"(?<=[个万千亿])([多余])(?=[\u4e00-\u9fff])")


# Units written in the singular or the plural, kept in the plural.
_COUNTED = (
    "percentage point",
    "basis point",
    "year",
    "month",
    "week",
    "day",
    "hour",
    *(f"{kind} day" for kind in DAY_KINDS),
)


def _unit(unit: str, currency: str) -> str:
    """A unit's canonical text: 'percent', 'percentage points', 'billion US$', '万亿斤'."""
    unit = _INNER_ODD.sub("", unit)
    unit = " ".join(unit.replace("-", " ").split()).lower()
    unit = _UNIT_NAMES.get(unit, unit)
    if unit.startswith(_COUNTED):
        unit = unit.rstrip("s") + "s"
    scale, _, after = unit.partition(" ")
    if scale in ("thousand", "million", "billion", "trillion") and after:
        unit, currency = scale, after  # "billion usd": the scale, then its currency
    elif unit in _CURRENCIES:
        unit, currency = "", unit
    currency = " ".join(currency.split())
    currency = _CURRENCIES.get(currency.lower(), currency)
    return f"{unit} {currency}".strip() if currency else unit


def _ordinal_value(text: str) -> str:
    """An ordinal's number: Eleventh, 11th and 第十一 are all 11."""
    word = text.lower()
    if word in ORDINAL_WORDS:
        return str(ORDINAL_WORDS[word])
    digits = re.match(r"\d+", text)
    if digits:
        return digits.group()
    core = re.sub(r"^第|(?:次|届|轮|期|批|个|位|季度|阶段|大|中全会|中)$", "", text)
    value = chinese_value(core)
    return str(value) if value is not None else core
