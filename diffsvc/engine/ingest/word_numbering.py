"""Word's automatic numbering, recomputed: the "1.", "(a)", "一、" a reader sees but the XML lacks.

In a DOCX, a numbered paragraph stores only ``w:numPr`` (a list instance ``numId`` and a level
``ilvl``), directly or through its paragraph style. ``numbering.xml`` maps the instance to an
abstract definition whose levels give the start value, the number format (``decimal``,
``lowerLetter``, ``chineseCounting`` …) and the level text (``%1.``, ``(%2)``, ``%1、``). Word
counts per abstract definition, so two instances of one definition continue each other's
numbering unless an instance overrides its start ("Restart at 1"); a level restarts whenever a
shallower level advances. This module reproduces that and nothing more (no legal-style
``isLgl`` subtleties beyond decimal rendering, no ``lvlRestart`` other than the default).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

from diffsvc.text.numerals import chinese_numeral, letter_numeral, roman_numeral

_PLACEHOLDER = re.compile(r"%([1-9])")
_CN_DIGITS = "〇一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"


@dataclass(frozen=True)
class Level:
    """One level of an abstract numbering definition."""

    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    legal: bool = False


@dataclass
class Numbering:
    """Numbering definitions of one document, and the counters of a front-to-back reading."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)
    instances: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)
    style_numbers: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    def label(self, paragraph_properties: Any) -> str | None:
        """Advance the counters for one paragraph and return its label, if it is numbered."""
        num_id, ilvl = self._num_pr(paragraph_properties)
        if num_id is None or num_id not in self.instances:
            return None
        abstract, overrides = self.instances[num_id]
        levels = self.levels.get(abstract, {})
        counters = self.counters.setdefault(abstract, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for overridden, start in overrides.items():
                counters[overridden] = start - 1
        level = levels.get(ilvl, Level())
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [key for key in counters if key > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet":
            return "-"
        if level.fmt == "none" or not level.text.strip():
            return None

        def number(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            of = levels.get(index, Level())
            value = counters.get(index, of.start)
            return format_number(value, "decimal" if level.legal else of.fmt)

        return _PLACEHOLDER.sub(number, level.text).strip() or None

    def _num_pr(self, ppr: Any) -> tuple[str | None, int]:
        num_id: str | None = None
        ilvl: int | None = None
        if ppr is not None:
            style = ppr.find(qn("w:pStyle"))
            if style is not None:
                num_id, ilvl = self.style_numbers.get(style.get(qn("w:val")), (None, None))
            num_pr = ppr.find(qn("w:numPr"))
            if num_pr is not None:
                num_id = _val(num_pr.find(qn("w:numId"))) or num_id
                own = _val(num_pr.find(qn("w:ilvl")))
                ilvl = int(own) if own is not None and own.isdigit() else ilvl
        return num_id, ilvl or 0


def read_numbering(numbering: Any, styles: Any) -> Numbering:
    """Collect the definitions from ``numbering.xml`` and ``styles.xml`` (lxml roots or None)."""
    result = Numbering()
    links: dict[str, str] = {}
    if numbering is not None:
        for abstract in numbering.iterfind(qn("w:abstractNum")):
            key = abstract.get(qn("w:abstractNumId"))
            result.levels[key] = {
                int(lvl.get(qn("w:ilvl"), "0")): _level(lvl)
                for lvl in abstract.iterfind(qn("w:lvl"))
            }
            link = _val(abstract.find(qn("w:numStyleLink")))
            if link:
                links[key] = link
        for num in numbering.iterfind(qn("w:num")):
            overrides = {}
            for override in num.iterfind(qn("w:lvlOverride")):
                start = _val(override.find(qn("w:startOverride")))
                if start is not None and start.isdigit():
                    overrides[int(override.get(qn("w:ilvl"), "0"))] = int(start)
            abstract_id = _val(num.find(qn("w:abstractNumId"))) or ""
            result.instances[num.get(qn("w:numId"))] = (abstract_id, overrides)
    if styles is not None:
        _read_style_numbers(styles, result)
    # A definition that only links to a numbering style ("List Number") borrows its levels.
    for key, style in links.items():
        num_id = result.style_numbers.get(style, (None, None))[0]
        target = result.instances.get(num_id or "", ("", {}))[0]
        if target and target != key and not result.levels.get(key):
            result.levels[key] = result.levels.get(target, {})
    return result


def _read_style_numbers(styles: Any, result: Numbering) -> None:
    own: dict[str, tuple[str | None, int | None]] = {}
    parents: dict[str, str] = {}
    for style in styles.iterfind(qn("w:style")):
        style_id = style.get(qn("w:styleId"))
        parent = _val(style.find(qn("w:basedOn")))
        if parent:
            parents[style_id] = parent
        num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num_pr is not None:
            ilvl = _val(num_pr.find(qn("w:ilvl")))
            own[style_id] = (
                _val(num_pr.find(qn("w:numId"))),
                int(ilvl) if ilvl is not None and ilvl.isdigit() else None,
            )
    for style_id in set(own) | set(parents):
        seen: set[str] = set()
        current: str | None = style_id
        while current is not None and current not in own and current not in seen:
            seen.add(current)
            current = parents.get(current)
        if current is not None and current in own:
            result.style_numbers[style_id] = own[current]


def _level(lvl: Any) -> Level:
    start = _val(lvl.find(qn("w:start")))
    return Level(
        start=int(start) if start is not None and start.isdigit() else 1,
        fmt=_val(lvl.find(qn("w:numFmt"))) or "decimal",
        text=_val(lvl.find(qn("w:lvlText"))) or "",
        legal=lvl.find(qn("w:isLgl")) is not None,
    )


def _val(element: Any) -> str | None:
    return None if element is None else element.get(qn("w:val"))


def format_number(value: int, fmt: str) -> str:
    """Render ``value`` in a Word number format.

    >>> [format_number(n, f) for n, f in ((3, "lowerLetter"), (4, "upperRoman"),
    ...  (12, "chineseCounting"), (20, "chineseCountingThousand"), (2, "decimalEnclosedCircle"))]
    ['c', 'IV', '十二', '二十', '②']
    """
    if fmt in ("lowerLetter", "upperLetter"):
        letter = letter_numeral(value)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = roman_numeral(value)
        return roman.lower() if fmt == "lowerRoman" else roman
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
        "koreanCounting",
    ):
        return chinese_numeral(value)
    if fmt == "ideographDigital":
        return "".join(_CN_DIGITS[int(d)] for d in str(value))
    if fmt == "ideographTraditional" and 1 <= value <= len(_TIANGAN):
        return _TIANGAN[value - 1]
    if fmt == "decimalEnclosedCircle" and 1 <= value <= len(_CIRCLED):
        return _CIRCLED[value - 1]
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(value))
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)
