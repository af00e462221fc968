"""Which quantities an entry's change touched, paired old → new, with what they count.

The inline diff says where the two texts differ; a quantity (``diffsvc.text.quantities``) is
changed when a difference falls inside it. Quantities touched by one stretch of change are
paired in reading order, kind with kind (a percentage with a percentage, a date with a date);
what has no partner was dropped or added. Each becomes one ``number`` change (or ``reference``,
for names and references holding digits) with the words before it that say what it counts, so
a note reads "居民消费价格涨幅 3% → 2%" or "target range for the federal funds rate 1/4 to 1/2
→ 1/2 to 3/4 percent" rather than a bag of digits.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Sequence
from functools import cached_property, lru_cache
from typing import Any, TypeVar, cast

from diffsvc.models import Change, Span
from diffsvc.text.keys import EitherScript, match_key, to_simplified
from diffsvc.text.numerals import CHINESE_NUMERAL, plain_words
from diffsvc.text.quantities import (
    DAY_KINDS,
    NAME_HYPHEN,
    QUANTITY_CORE,
    Quantity,
    quantities,
)
from diffsvc.text.scripts import HAN_RUN, has_han

_T = TypeVar("_T")


# A pattern of Chinese words that reads Traditional text as it reads Simplified: a Hong Kong or
# Taiwan report's 增長, 從 and 累計 are 增长, 从 and 累计.
_either = EitherScript


_BREAK_MARKS = r"[,，;；:：。!?！？、()（）\n]"
# Where a clause ends: a break mark, a full stop that ends a sentence (not the dot of 2.5), or a
# dash between English words ("progress--both realized and expected--toward its objectives").
CLAUSE_BREAK = re.compile(rf"{_BREAK_MARKS}|\.(?=\s|$)|--|(?<=[A-Za-z])—(?=[A-Za-z ])")
_LETTER = re.compile(r"[^\W\d_]")  # a letter of any script: what a context needs
_LOOSE_END = re.compile(r"[’‘'”“\"()\[\]]+(?:s\b)?")  # a mark, or a cut-off possessive
_WORDS = 7  # words of English context, at most
_NEAR = 24  # characters either side of a change where a quantity it belongs to can stand
_CHARS = 12  # characters of Chinese context, at most
CONTEXT_LOOK = 400  # characters read back from a quantity for its context
_AFTER_CHARS = 20  # characters read after a quantity for the noun it counts
# A clause break, but not a full stop: "80 U.S. aircraft" goes on past "U.S.".
_AFTER_BREAK = re.compile(_BREAK_MARKS)
SAME_TIME = 2  # words a year or date said again in the other version counts for
PAIR_SCAN = 64  # free quantities of the later text tried as each earlier one's partner
# Words that link a quantity to what it counts, left out of the context at its ends.
_LINKING = (
    "a an the to at by of in on for from with and or is was are were be been has have had will "
    "its their this that than as into "
    # "keep its target for the federal funds rate unchanged at 1-3/4 percent": in a note of the
    # rate changed, "unchanged" would say the opposite of the note.
    "unchanged"
)
_LINKING_WORDS = frozenset(_LINKING.split())
# Words that say nothing of what a number counts: two figures after "while" are not one, nor
# FOMC's "as long as the unemployment rate remains above 6-1/2 percent" and "how long to
# maintain the current 0 to 1/4 percent target range".
_LOOSE = (
    "while when whereas after before since but also then about around over under nearly "
    "almost some each per which who all any both long current"
)
_FUNCTION_WORDS = _LINKING_WORDS | frozenset(_LOOSE.split())
# 由 and 从: "补助标准由35元…" is the 补助标准. In either script.
_CN_LINKING = "在为為爲到至按于於达達是由从從"
_OPENING_MARKS = "《“「『（(〈"
_CN_LONE_LINKS = frozenset(
    {"和", "与", "與", "及", "以及", "或", "将", "將", "把", "以", "由", "从", "從", "对", "對"}
)
# What a report says of any figure, whatever it counts: 总量突破90万亿元 (output) and 全国财政收入
# 突破20万亿元 (revenue) share 突破, 今年大规模扩招 and 今年高校毕业生 share 今年.
_CN_SAID_OF_ANY = (
    "增长 下降 提高 降低 增加 减少 突破 超过 达到 实现 完成 安排 保持 控制 上升 扩大 今年 去年 "
    "全年 年均 上年 累计 新增"
)
_CN_LOOSE = frozenset(_CN_SAID_OF_ANY.split())
_MEETING = _either("会议|会晤|大会|峰会|对话|论坛|会谈|会")
# The number (or range) a quantity starts with, digits or Chinese numerals: what is left is
# its unit.
_NUMERAL = r"(?:\d+(?:[.,/-]\d+)*|[零〇一二三四五六七八九十百千两]+)"
_NUMBER_HEAD = re.compile(rf"^[-−]?{_NUMERAL}(?:(?: ?- ?| to | through |至|到)[-−]?{_NUMERAL})?")


def quantity_changes(
    left: str, right: str, spans: Sequence[Span], *, years: tuple[bool, bool] = (False, False)
) -> list[Change]:
    """The number and reference changes between ``left`` and ``right``, whose inline diff is
    ``spans``, in reading order of the later text; ``years`` says whether each text reviews
    five years, where what was done is five years' doing (``_over_years``).

    >>> from diffsvc.engine.inline import diff_spans
    >>> a, b = "居民消费价格涨幅3%左右。", "居民消费价格涨幅2%左右。"
    >>> [c.note for c in quantity_changes(a, b, diff_spans(a, b))]
    ['居民消费价格涨幅 3% → 2%']
    """
    regions = _regions(spans)
    # A change of how a figure is written ("$" → "USD ") needs no note.
    wording = _regions(spans, editorial=False)
    if not any(_near_a_number(left, right, r) for r in wording):
        return []  # most reworded clauses: no number near what changed
    # Figures are read in a paragraph's first FIGURES_READ characters: a real one holds a few
    # thousand, and a pasted megabyte of figures (a table as one line) is read no further.
    left_all, right_all = quantities(left[:FIGURES_READ]), quantities(right[:FIGURES_READ])
    to_right, to_left = _equal_positions(spans)
    # A paragraph's first MAX_FIGURES changed figures a side are noted: a real one holds tens,
    # and a pasted megabyte of figures costs no more than that.
    # A figure after "rather than" restates what another is set against: it takes no part, and
    # keeps no figure of the other version standing ("$40 billion" → "$35 billion … rather than
    # $40 billion" is the pace changed).
    said_anew = (
        [q for q in left_all if not _restated(left, q) and not _the_year_spoken_of(left, q)],
        [q for q in right_all if not _restated(right, q) and not _the_year_spoken_of(right, q)],
    )
    starts = _by_start(said_anew[0]), _by_start(said_anew[1])
    left_q = [q for q in said_anew[0] if not _kept(q, to_right, starts[1])][:MAX_FIGURES]
    right_q = [q for q in said_anew[1] if not _kept(q, to_left, starts[0])][:MAX_FIGURES]
    changes = []
    figures = _Figures(left, left_all, years=years[0]), _Figures(right, right_all, years=years[1])
    left_q, right_q = _said_again(left_q, right_q, figures)
    english = not has_han(left) and not has_han(right)

    def alike(old: Quantity, new: Quantity) -> bool:
        return _alike(old, new, *figures)

    def same_thing(old: Quantity, new: Quantity) -> bool:
        # Only when a time is read: an amount's unit and words already say what it counts,
        # while a year or a date has nothing else to tell one from another.
        if not {old.kind, new.kind} <= _TIMES:
            return True
        before = figures[0].before(old), figures[1].before(new)
        return all(before) and _share_words(*before)

    def loose(old: Quantity, new: Quantity) -> bool:
        # One kind, and said alike: a year's growth is still no average over five years, nor
        # a part of a sum ("of which over 2 billion USD") a sum.
        return (
            old.kind == new.kind
            and _said_alike(figures[0].said(old), figures[1].said(new))
            and _a_part(left, old) == _a_part(right, new)
        )

    def affinity(old: Quantity, new: Quantity) -> tuple[int, int]:
        # The words before and after both figures, and in English, at equal counts, those
        # before: what is done with a figure tells it apart better than the noun after it.
        # Quad 2021's "pledged to donate more than 1.2 billion doses" and "delivered nearly 79
        # million … doses" share one word each with 2022's "delivered over 670 million doses",
        # and the doses delivered are the ones delivered. (A Chinese count's noun follows it
        # and says what is counted: "惠及3600多万农村学生" is "3700多万学生受益", not the
        # "惠及500多万在校生" of student loans.)
        before = figures[0].gist(old), figures[1].gist(new)
        after = figures[0].next_words(old), figures[1].next_words(new)
        said_before = _affinity(*before)
        shared = said_before + _affinity(*after)
        if english and _rate_unit(old) == _rate_unit(new) != "":
            # What an English rate is of may follow it in one version and precede it in the
            # other: FOMC October 2015's "the current 0 to 1/4 percent target range for the
            # federal funds rate" is December's "raise the target range for the federal funds
            # rate to 1/4 to 1/2 percent", not the "2 percent objective" said before it.
            shared += _affinity(after[0], before[1]) + _affinity(before[0], after[1])
        if old.kind in _TIMES and new.kind in _TIMES and old.value == new.value:
            # A year said again is as good as a phrase said again: G7 2023's "peak global GHG
            # emissions immediately and by no later than 2025" is 2024's "peak global GHG by
            # 2025 at the latest", not the "43 percent by 2030" whose words lie nearer.
            shared += SAME_TIME
        return shared, said_before if english else 0

    def deadline(old: Quantity, new: Quantity) -> bool:
        # One deadline, said of the same thing: FOMC's "…the federal funds rate at least
        # through mid-2013" → "…at least through late 2014", the sentence rewritten around it.
        return (
            _time_role(left, old) == _time_role(right, new) == "deadline"
            and same_thing(old, new)
            and alike(old, new)
        )

    pairs = _across(
        _pairs(left_q, right_q, regions, alike, same_thing, affinity),
        alike,
        left_all,
        right_all,
        loose=loose if english else None,
    )
    pairs = _deadlines_across(pairs, deadline)
    moved = _moved(pairs) | _one_name(pairs)
    spelled = _Spelled(left, right)
    # The names each version's paragraph gives: one named in both was not added or dropped,
    # however often each names it ("…under Section 232" added where last year's paragraph
    # already applied Section 232 is only another mention).
    names = tuple(
        {q.text for q in found if q.kind == "reference"} for found in (left_all, right_all)
    )
    # A name dropped or added is said once, however often the paragraph gave it: the EU
    # framework names Section 232 six times, and Indonesia's paragraph none.
    noted: set[tuple[str, bool]] = set()
    said: set[str] = set()
    for old, new in pairs:
        if (old if new is None else new) in moved:
            continue
        if old is None and new is not None and figures[1].name_of(new) is not None:
            continue  # a name's year ("Resolution 2593 (2021)") is the name's, noted with it
        if new is None and old is not None and figures[0].name_of(old) is not None:
            continue
        if new is None and old is not None and old.kind == "reference" and old.text in names[1]:
            continue
        if old is None and new is not None and new.kind == "reference" and new.text in names[0]:
            continue
        alone = old if new is None else new if old is None else None
        if alone is not None and alone.kind == "reference":
            if (alone.text, new is None) in noted:
                continue
            noted.add((alone.text, new is None))
        if old is not None and new is not None and old.key == new.key and old.kind != "reference":
            continue  # rewritten, same amount: "1,000" → "1000" shows in the spans only
        if old is not None and new is not None and _same_name(old, new):
            continue
        if (
            old is not None
            and new is not None
            and (old.kind, old.value, old.unit) == (new.kind, new.value, new.unit)
            and _compared_alike(old, left, new, right)
        ):
            continue  # "below its 2 percent objective" → "below 2 percent": one figure
        if old is not None and new is not None and _unit_said_once(old, new):
            continue
        if (old is None or new is None) and spelled.tries < SPELLED_TRIES:
            spelled.tries += 1
            if old is None and new is not None and _spelled_out(new, right, spelled.left):
                continue  # "one hundred Quad Fellows" → "100 Quad Fellows": still a hundred
            if new is None and old is not None and _spelled_out(old, left, spelled.right):
                continue
        change = _change(old, new, figures)
        # The same note twice says nothing more: 2013's "五年累计…，五年累计…，五年转移…" is
        # "五年 added" once, "十九大 → 二十大" said in two sentences one change.
        if change.note not in said:
            said.add(change.note)
            changes.append(change)
    return changes


def _unit_said_once(old: Quantity, new: Quantity) -> bool:
    """Whether two counts are one count, its unit said in one version only: GWR 2016's
    "制定修订行政法规8部" (部 is no unit read) is 2017's "8件", not "8 → 8件"."""
    unit = old.unit or new.unit
    return (
        old.kind == new.kind == "number"
        and old.value == new.value
        and old.qualifier == new.qualifier
        and not (old.unit and new.unit)
        and not _SCALE.match(unit)  # "2800多" → "2800多万" is no count restated
    )


def _said_again(
    left_q: list[Quantity], right_q: list[Quantity], figures: tuple[_Figures, _Figures]
) -> tuple[list[Quantity], list[Quantity]]:
    """``left_q`` and ``right_q`` without the figures the later text says again in the same
    words, wherever the inline diff set them. 2018 puts "城镇调查失业率5.5%以内" before 2017's
    "城镇登记失业率4.5%以内": the diff reads the new target as the old one rewritten (登记 → 调查,
    4.5 → 5.5) and the old one as added, but the registered rate is unchanged and what is new is
    the surveyed one."""
    again: defaultdict[tuple[str, str], deque[int]] = defaultdict(deque)
    for k, new in enumerate(right_q):
        words = figures[1].whole_before(new)
        if _LETTER.search(words):
            again[(new.text, words)].append(k)
    if not again:
        return left_q, right_q
    taken: set[int] = set()
    kept = []
    for old in left_q:
        words = figures[0].whole_before(old)
        same = again.get((old.text, words)) if _LETTER.search(words) else None
        if same:
            taken.add(same.popleft())
        else:
            kept.append(old)
    return kept, [new for k, new in enumerate(right_q) if k not in taken]


# What a figure is set against is said again, not said anew: FOMC's "at a pace of $35 billion
# per month rather than $40 billion per month" restates last time's pace, which the pace itself
# already notes ("$40 billion → $35 billion").
_RESTATING = re.compile(r"(?:rather than|instead of)\s*$", re.IGNORECASE)


def _restated(text: str, q: Quantity) -> bool:
    """Whether ``q`` stands right after "rather than" or "instead of" in ``text``."""
    return _RESTATING.search(text, max(0, q.start - 20), q.start) is not None


# "极不平凡的一年", "在新的一年里", "这五年", "任期的最后一年": the year (or the term) a report
# speaks of, named as a noun that ends its phrase or opens a sentence; no count of years.
# "今年是关键的一年" dropped is a sentence dropped, not a figure; "启动新的三年行动计划" keeps its
# three years.
_SPOKEN_OF = re.compile(f"{CHINESE_NUMERAL}年")
_SPOKEN_BEFORE = _either("(?:的|这|关键|最后)$")
_SPOKEN_AFTER = re.compile(r"[^\u4e00-\u9fff]|[里中是]|$")


def _the_year_spoken_of(text: str, q: Quantity) -> bool:
    return (
        _SPOKEN_OF.fullmatch(q.text) is not None
        and _SPOKEN_BEFORE.search(text, max(0, q.start - 2), q.start) is not None
        and _SPOKEN_AFTER.match(text, q.end) is not None
    )


_SCALE_WORDS = ("thousand", "million", "billion", "trillion")
_SPELLED_MAX = 10**6  # the numbers a statement spells out in words; larger ones take a scale
SPELLED_TRIES = 20  # figures added or dropped alone, an entry, looked for in words elsewhere
SPELLED_CHARS = 50_000  # the longest paragraph such a figure is looked for in


class _Spelled:
    """Both texts' words as a spelled-out number is looked for in them, each made once, and
    how many figures were looked for."""

    def __init__(self, left: str, right: str) -> None:
        self._texts = left, right
        self.tries = 0

    @cached_property
    def left(self) -> str:
        return _searched_for_words(self._texts[0])

    @cached_property
    def right(self) -> str:
        return _searched_for_words(self._texts[1])


def _searched_for_words(text: str) -> str:
    # A paragraph of a real statement is a few thousand characters; one pasted as a megabyte
    # is not searched for figures in words.
    return plain_words(text) if len(text) <= SPELLED_CHARS else ""


def _spelled_out(q: Quantity, text: str, said: str) -> bool:
    """Whether the other text (``said``, as ``plain_words``) spells out in English words the
    whole number ``q`` writes in digits in ``text``: "100 students" and "one hundred Quad
    Fellows" are both a hundred. A word as common as "two" counts only before the same word
    as the figure: "2 officers", "two officers"."""
    if q.kind != "number" or not q.value.isdigit() or q.qualifier or has_han(q.text):
        return False
    scale = q.unit if q.unit in _SCALE_WORDS else ""
    if q.unit and not scale:
        return False
    number = int(q.value)
    if not 2 <= number < _SPELLED_MAX:
        return False
    from num2words import num2words  # only for a figure gone from a rewritten English clause

    spelled = plain_words(f"{num2words(number)} {scale}")
    ways = [spelled] + ([f"a {spelled[4:]}"] if spelled.startswith("one ") else [])
    if number < 10:  # the word the figure counts must follow the spelled number too
        following = _words_after(text, q.end).split()[:1]
        ways = [f"{way} {following[0].casefold()}" for way in ways if following]
    return any(re.search(rf"\b{re.escape(way)}\b", said) for way in ways)


MAX_FIGURES = 500  # changed figures (and changes read for notation) of one entry, a side
FIGURES_READ = 200_000  # characters of a paragraph read for its figures
_TIMES = frozenset({"date", "year"})


def _same_name(old: Quantity, new: Quantity) -> bool:
    """Whether two quantities are written alike, or are one reference with and without the
    hyphen between its letters and its number."""
    if old.text == new.text:
        return True
    return old.kind == new.kind == "reference" and NAME_HYPHEN.sub("", old.text) == NAME_HYPHEN.sub(
        "", new.text
    )


_AMOUNTS = ("percent", "points", "money", "number")  # kinds whose value and unit are canonical
_LOOK = 100  # characters either side of a change read for the amount it falls in


def notation_spans(left: str, right: str, spans: Sequence[Span]) -> list[Span]:
    """``spans`` with each change inside an amount marked editorial exactly when, made alone,
    it leaves the amount as it was: "5 percent" → "5%", "$600 billion" → "USD 600 billion" and
    "百分之五" → "5%" rewrite how it is written; "$600 billion" → "600 billion" and "€600" →
    "$600" drop or change its currency, which no mark is too small to do. The amount must keep
    its kind, value, canonical unit and qualifier (written inside or beside it): "about 5
    percent" → "5%" drops a word.

    >>> from diffsvc.engine.inline import diff_spans
    >>> a, b = "Growth was 5 percent.", "Growth was 5%."
    >>> [(s.left, s.right, s.editorial) for s in notation_spans(a, b, diff_spans(a, b))]
    [('Growth was 5', 'Growth was 5', False), (' percent', '%', True), ('.', '.', False)]
    >>> a, b = "We give $600 billion.", "We give 600 billion."
    >>> [(s.left, s.right, s.editorial) for s in notation_spans(a, b, diff_spans(a, b))]
    [('We give ', 'We give ', False), ('$', '', False), ('600 billion.', '600 billion.', False)]
    """
    if not any(_near_a_number(left, right, r) for r in _regions(spans)):
        return list(spans)  # most reworded clauses: no number near what changed
    out = list(spans)
    starts = list(itertools.accumulate((len(s.left) for s in spans), initial=0))
    read = 0  # changes read for the amount they fall in: the first MAX_FIGURES
    paired = -1  # the change read together with the one before it
    for k, span in enumerate(spans):
        if span.op == "equal" or read >= MAX_FIGURES or k == paired:
            continue
        read += 1
        same = _same_amount(left, starts[k], starts[k + 1], span.right)
        if same is False and k + 2 < len(spans) and _wrapped(spans, k):
            # Words written around a figure: "90 days" → "ninety (90) days" is two changes,
            # "ninety (" and ")", each of which alone breaks the amount; made together, the
            # amount is the same.
            new = span.right + spans[k + 1].right + spans[k + 2].right
            if _same_amount(left, starts[k], starts[k + 3], new):
                out[k + 2] = spans[k + 2].model_copy(update={"editorial": True})
                same, paired = True, k + 2
        if same is not None and same != out[k].editorial:
            out[k] = out[k].model_copy(update={"editorial": same})
    return out


def _wrapped(spans: Sequence[Span], k: int) -> bool:
    """Whether change ``k`` and the change after a short equal stretch could be the two sides
    of one figure written around: nothing but a figure between them."""
    between, after = spans[k + 1], spans[k + 2]
    return (
        between.op == "equal"
        and after.op != "equal"
        and _FIGURE_BETWEEN.fullmatch(between.left) is not None
    )


_FIGURE_BETWEEN = re.compile(r"\d[\d,.]*")


def _same_amount(text: str, start: int, end: int, new: str) -> bool | None:
    """Whether replacing ``text[start:end]`` with ``new`` leaves the amount it falls in the same
    amount; None where it touches no amount. Read in a window around the change (``_LOOK``):
    a quantity's words stand close to its number, and a long clause is not read whole for each
    of its changes."""
    if end - start > _LOOK or len(new) > _LOOK:
        return None  # a rewritten stretch, not a figure written another way
    at = max(0, start - _LOOK)
    before = text[at : end + _LOOK]
    after = text[at:start] + new + text[end : end + _LOOK]
    a = _trimmed(text[start:end], start - at)
    b = _trimmed(new, start - at)
    old_all = [q for q in quantities(before) if q.kind in _AMOUNTS]
    new_all = [q for q in quantities(after) if q.kind in _AMOUNTS]
    if (
        not text[start:end].strip()
        and not new.strip()
        and [(q.kind, q.value, q.unit) for q in old_all]
        == [(q.kind, q.value, q.unit) for q in new_all]
    ):
        # Only a space or a line break, and every amount reads as before: a copy that ran two
        # paragraphs into one ("…新篇章。" / "五年来…") joined them right against a figure.
        return True
    old, made = _holding(old_all, *a), _holding(new_all, *b)
    if old is None and made is None and not _overlaps(old_all, *a) and not _overlaps(new_all, *b):
        return None
    return (
        old is not None
        and made is not None
        and (old.kind, old.value, old.unit) == (made.kind, made.value, made.unit)
        and _same_qualifier(old, before, made, after)
    )


def _trimmed(text: str, start: int) -> tuple[int, int]:
    """Where a changed stretch starting at ``start`` stands, its edge whitespace left out."""
    body = text.strip()
    if not body:
        return start, start + len(text)
    head = start + len(text) - len(text.lstrip())
    return head, head + len(body)


def _holding(found: Sequence[Quantity], start: int, end: int) -> Quantity | None:
    """The quantity a stretch of text lies inside (an empty stretch: the place between two
    characters, which may be a quantity's edge)."""
    for q in found:
        if q.start <= start and end <= q.end and (start < q.end or start == end):
            return q
    return None


def _overlaps(found: Sequence[Quantity], start: int, end: int) -> bool:
    return any(q.start < end and start < q.end for q in found)


def _same_qualifier(old: Quantity, left: str, new: Quantity, right: str) -> bool:
    """Whether two quantities carry one qualifier: read as part of each ("5%左右"), or one read
    with it and the other standing right against it ("百分之五" before "左右")."""
    a, b = old.qualifier.lower(), new.qualifier.lower()
    if a == b:
        return True
    if a and b:
        return False
    word, q, text = (a, new, right) if a else (b, old, left)
    return text[q.end : q.end + len(word)].lower() == word or (
        text[max(0, q.start - len(word) - 1) : q.start].strip().lower() == word
    )


def _compared_alike(old: Quantity, left: str, new: Quantity, right: str) -> bool:
    """``_same_qualifier``, or, for a note, an English comparison a word or two before the
    figure that lacks it: "inflation persistently below its 2 percent objective" is "running
    persistently below 2 percent" (FOMC September 2013 → 2014), no qualifier added. (Written
    anew, "below 2 percent" → "below its 2 percent" is still a change of words.)"""
    if _same_qualifier(old, left, new, right):
        return True
    a, b = old.qualifier.lower(), new.qualifier.lower()
    if a and b:
        return False
    word, q, text = (a, new, right) if a else (b, old, left)
    if word not in _EN_COMPARING:
        return False
    beside = _EN_BESIDE.search(text, max(0, q.start - _EN_BESIDE_REACH), q.start)
    return beside is not None and beside.group(1).lower() == word


_EN_COMPARING = frozenset({"below", "above", "under", "over"})
# A comparing word, then a determiner or a possessive or two, right before a figure.
_EN_BESIDE = re.compile(
    r"\b(below|above|under|over)\s+(?:(?:its|their|our|the|a|an|[A-Z][\w]*[’']s)\s+){1,2}$",
    re.IGNORECASE,
)
_EN_BESIDE_REACH = 60


_NAME = re.compile(r"[^A-Za-z\u4e00-\u9fff]")  # what is left of a reference is its name
_DURATION = re.compile(r"^(?:years|months|weeks|days|hours|年|个月|天)$")
_PLAIN = re.compile(r"\d+(?:\.\d+)?")  # one number, no range or fraction
_ORDER = 3  # how far apart two figures across a rewritten sentence may be and be one figure


def _across(
    pairs: list[tuple[Quantity | None, Quantity | None]],
    alike: Callable[[Quantity, Quantity], bool],
    left_all: Sequence[Quantity],
    right_all: Sequence[Quantity],
    *,
    loose: Callable[[Quantity, Quantity], bool] | None = None,
) -> list[tuple[Quantity | None, Quantity | None]]:
    """``pairs`` with a dropped and an added quantity paired across two stretches of change
    when each is the only one left that counts what the other counts: "The United States will
    maintain at 20 percent the reciprocal tariffs, as set forth in…" → "…will reduce the
    reciprocal tariff rate, as initially set forth in…, to 19 percent" rewrites the sentence
    around the rate, and the rate is 20 → 19 percent, not 20 percent dropped and 19 added.
    Only an amount with a unit that no other quantity of either text has (a paragraph that
    gives several rates, growth, prices and the deficit, is left to its stretches), not a span
    of time (三年, 百年), and of the same order: 2019's 100万 more places in vocational colleges
    are not 2022's 1000万 graduates. Where ``loose`` (English text) allows, two such figures of
    one kind said alike pair even when the words before them differ: a framework's one deal,
    "Procurement of 80 U.S. aircraft, totaling $18.8 billion" → "…50 aircraft from Boeing which
    is worth over $8 billion", is written anew around its sum. A Chinese report's paragraph
    lists many measures of one unit (经费支出占国内生产总值的4%, 上重点高校人数要再增长10%), so
    there the words must agree."""

    # How many figures of each measure each text gives, counted once: a pasted paragraph of
    # tens of thousands of figures must not count them again for every one left alone.
    counts = tuple(Counter((_measure(o), o.kind) for o in every) for every in (left_all, right_all))

    def alone(q: Quantity, side: int) -> bool:
        return (
            q.kind in _AMOUNTS
            and bool(q.unit)
            and _DURATION.search(q.unit) is None
            and _PLAIN.fullmatch(q.value) is not None
            and counts[side][(_measure(q), q.kind)] == 1
        )

    def near(old: Quantity, new: Quantity) -> bool:
        a, b = float(old.value), float(new.value)
        return old.unit == new.unit and a > 0 and b > 0 and max(a, b) <= _ORDER * min(a, b)

    dropped = [old for old, new in pairs if new is None and old is not None]
    added = [new for old, new in pairs if old is None and new is not None]
    dropped = [q for q in dropped if alone(q, 0)]
    added = [q for q in added if alone(q, 1)]
    if not dropped or not added or len(dropped) * len(added) > PAIR_SCAN * PAIR_SCAN:
        return pairs
    fits = {
        (n, m): (alike(old, new) or (loose is not None and loose(old, new)))
        and near(old, new)
        and old.key != new.key  # ``_moved``
        for n, old in enumerate(dropped)
        for m, new in enumerate(added)
    }
    partner: dict[int, Quantity] = {}  # id of an added quantity -> the one it rewrites
    for n, old in enumerate(dropped):
        mine = [m for m in range(len(added)) if fits[(n, m)]]
        if len(mine) == 1 and sum(fits[(o, mine[0])] for o in range(len(dropped))) == 1:
            partner[id(added[mine[0]])] = old
    return _joined(pairs, partner)


def _deadlines_across(
    pairs: list[tuple[Quantity | None, Quantity | None]],
    deadline: Callable[[Quantity, Quantity], bool],
) -> list[tuple[Quantity | None, Quantity | None]]:
    """``pairs`` with a dropped and an added time paired across two stretches of change when
    each is the other's only ``deadline``: a date by which something is to hold, moved."""
    dropped = [old for old, new in pairs if new is None and old is not None and old.kind in _TIMES]
    added = [new for old, new in pairs if old is None and new is not None and new.kind in _TIMES]
    if not dropped or not added or len(dropped) * len(added) > PAIR_SCAN:
        return pairs
    fits = [(old, new) for old in dropped for new in added if deadline(old, new)]
    partner: dict[int, Quantity] = {}  # id of an added time -> the one it moves
    for old, new in fits:
        if sum(o is old for o, _ in fits) == 1 and sum(n is new for _, n in fits) == 1:
            partner[id(new)] = old
    return _joined(pairs, partner)


def _joined(
    pairs: list[tuple[Quantity | None, Quantity | None]], partner: dict[int, Quantity]
) -> list[tuple[Quantity | None, Quantity | None]]:
    """``pairs`` with each added quantity whose id ``partner`` holds paired with the dropped
    one it names there, which no longer stands alone."""
    if not partner:
        return pairs
    taken = {id(old) for old in partner.values()}
    return [
        (partner.get(id(new)), new) if old is None and new is not None else (old, new)
        for old, new in pairs
        if not (new is None and id(old) in taken)
    ]


def _moved(pairs: Sequence[tuple[Quantity | None, Quantity | None]]) -> set[Quantity]:
    """Quantities dropped in one place and added, the same, in another: the sentence was
    reordered ("In 2024 the parties…" → "…the parties will meet in 2024"), no number changed."""
    added: defaultdict[tuple[str, str, str, str], deque[Quantity]] = defaultdict(deque)
    for old, new in pairs:
        if old is None and new is not None:
            added[new.key].append(new)
    moved: set[Quantity] = set()
    for old, new in pairs:
        if new is None and old is not None and added.get(old.key):
            moved.update((old, added[old.key].popleft()))
    return moved


_NAMED_NUMBER = re.compile(r"(?<![\d.])\d{3,}$")  # the number a reference ends on, if long


def _one_name(pairs: Sequence[tuple[Quantity | None, Quantity | None]]) -> set[Quantity]:
    """The figures dropped and added that are one name, said by its number alone in one
    version and in full in the other: Quad 2021's "in accordance with UNSCR 2593" (UNSCR is
    no reference word, 2593 a number) is 2022's "UNSC Resolution 2593". Only a number of three
    digits or more, with no unit, is read as a name's: a count is no Article 5."""
    # For each side, the names by their number, and the bare numbers that may be one.
    names: tuple[dict[str, list[Quantity]], ...] = (defaultdict(list), defaultdict(list))
    numbers: tuple[dict[str, list[Quantity]], ...] = (defaultdict(list), defaultdict(list))
    for old, new in pairs:
        alone, side = (old, 0) if new is None else (new, 1) if old is None else (None, 0)
        if alone is None:
            continue
        if alone.kind == "reference":
            m = _NAMED_NUMBER.search(alone.value)
            if m:
                names[side][m.group()].append(alone)
        elif alone.kind == "number" and not alone.unit and _NAMED_NUMBER.fullmatch(alone.value):
            numbers[side][alone.value].append(alone)
    found: set[Quantity] = set()
    for side in (0, 1):
        for number, said in names[side].items():
            if number in numbers[1 - side]:
                found.update(said, numbers[1 - side][number])
    return found


def _equal_positions(spans: Sequence[Span]) -> tuple[_Across, _Across]:
    """Where a character of an equal stretch stands on the other side, both ways."""
    left: list[tuple[int, int, int]] = []  # (start here, start there, length) of each equal span
    right: list[tuple[int, int, int]] = []
    lpos = rpos = 0
    for span in spans:
        if span.op == "equal":
            left.append((lpos, rpos, len(span.left)))
            right.append((rpos, lpos, len(span.right)))
        lpos, rpos = lpos + len(span.left), rpos + len(span.right)
    return _Across(left), _Across(right)


class _Across:
    """Positions in one text's equal stretches, mapped to the other text's."""

    def __init__(self, stretches: list[tuple[int, int, int]]) -> None:
        self.stretches = stretches
        self.starts = [start for start, _, _ in stretches]

    def get(self, position: int) -> int | None:
        k = bisect_right(self.starts, position) - 1
        if k < 0:
            return None
        start, there, length = self.stretches[k]
        return there + position - start if position < start + length else None


def _by_start(found: Sequence[Quantity]) -> dict[int, list[Quantity]]:
    """Quantities by where they start: ``_kept`` looks each one's place up in the other text,
    where reading them all for each cost a pasted megabyte of figures seconds (37,500 a side)."""
    starts: dict[int, list[Quantity]] = defaultdict(list)
    for q in found:
        starts[q.start].append(q)
    return starts


def _kept(q: Quantity, there: _Across, others: dict[int, list[Quantity]]) -> bool:
    """Whether a quantity stands, unchanged and whole, in the other text: every character of it
    in an equal stretch, and a quantity of the same extent and wording there (``others``, by
    where they start)."""
    first, last = there.get(q.start), there.get(q.end - 1)
    if first is None or last is None or last - first != q.end - 1 - q.start:
        return False
    return any(o.end == last + 1 and o.text == q.text for o in others.get(first, ()))


def _near_a_number(left: str, right: str, region: tuple[int, int, int, int]) -> bool:
    """Whether a stretch of change, or the words right around it, holds what every quantity
    holds (a digit, a Chinese numeral, an ordinal word): a qualifier changed beside a number
    ("以上" → "左右") changes the quantity too."""
    l0, l1, r0, r1 = region
    around = left[max(0, l0 - _NEAR) : l1 + _NEAR] + "\n" + right[max(0, r0 - _NEAR) : r1 + _NEAR]
    return QUANTITY_CORE.search(around) is not None


def _regions(spans: Sequence[Span], *, editorial: bool = True) -> list[tuple[int, int, int, int]]:
    """Where the texts differ: (left start, left end, right start, right end) per change, the
    editorial ones left out when ``editorial`` is False (where the others stand is the same)."""
    regions = []
    lpos = rpos = 0
    for span in spans:
        lend, rend = lpos + len(span.left), rpos + len(span.right)
        if span.op != "equal" and (editorial or not span.editorial):
            regions.append((lpos, lend, rpos, rend))
        lpos, rpos = lend, rend
    return regions


def _touched(q: Quantity, regions: Sequence[tuple[int, int, int, int]], side: int) -> set[int]:
    """The stretches of change that fall inside or right against a quantity (the nearest one,
    should none: a quantity that changed has one close by)."""
    spans = [(r[2 * side], r[2 * side + 1]) for r in regions]
    near = {k for k, (start, end) in enumerate(spans) if q.start <= end and start <= q.end}
    if near:
        return near
    return {
        min(
            range(len(spans)),
            key=lambda k: min(abs(spans[k][0] - q.end), abs(q.start - spans[k][1])),
        )
    }


def _pairs(
    left_q: list[Quantity],
    right_q: list[Quantity],
    regions: Sequence[tuple[int, int, int, int]],
    alike: Callable[[Quantity, Quantity], bool],
    same_thing: Callable[[Quantity, Quantity], bool],
    affinity: Callable[[Quantity, Quantity], tuple[int, int]],
) -> list[tuple[Quantity | None, Quantity | None]]:
    """Old and new quantities paired where they share a stretch of change and count the same
    thing (``alike``), those said most alike (``affinity``) first; the rest alone. Two rates
    of one unit pair first: "lower its target … 25 basis points to 4-1/4 percent" → "a target
    range … of 0 to 1/4 percent" is the rate 4-1/4 → 0 to 1/4 percent, and the 25-point cut
    dropped, not 25 basis points → 0 to 1/4 percent. Returned in reading order of the later
    text, a dropped quantity after what its stretch of change became."""
    rights = [(q, _touched(q, regions, 1)) for q in right_q]
    free = list(range(len(rights)))  # right indices not yet paired, in order
    paired: dict[int, Quantity] = {}  # right index -> its old quantity
    wheres = [_touched(old, regions, 0) for old in left_q]
    matched: dict[int, int] = {}  # left index -> right index
    # Times said of the same thing pair before times merely alike: "begin their studies in
    # the third quarter of 2023" → "…in August 2023", not → "At the 2021 Summit" before it.
    # (Rates of one unit are never times, so the times' own pass comes after theirs.)
    for same_unit, said in ((True, False), (False, True), (False, False)):
        olds = [
            n
            for n, old in enumerate(left_q)
            if n not in matched and not (said and old.kind not in _TIMES)
        ]
        candidates: list[tuple[tuple[int, int], int, int]] = []
        for rank, n in enumerate(olds):
            old = left_q[n]
            # Only the free quantities near this one's place in reading order: a text of
            # thousands of figures (a table pasted as one clause) must not cost thousands
            # squared, and a figure that far on is no rewriting of this one.
            centre = rank * len(free) // len(olds)
            lo = max(0, min(centre - PAIR_SCAN // 2, len(free) - PAIR_SCAN))
            candidates += [
                (_negated(affinity(old, rights[k][0])), n, k)
                for k in free[lo : lo + PAIR_SCAN]
                if wheres[n] & rights[k][1]
                and (not same_unit or _rate_unit(old) == _rate_unit(rights[k][0]) != "")
                and alike(old, rights[k][0])
                and (not said or same_thing(old, rights[k][0]))
            ]
        # The pairs said most alike first, then in reading order: 2015's "中央预算内投资增加到
        # 4776亿元" is 2016's "中央预算内投资安排5000亿元", not the "公路投资1.65万亿元" said
        # before it, and 2013's "其中高速铁路8951公里" is 2014's "其中高速铁路运营里程达到1.1万
        # 公里" though 新增铁路里程1.97万公里 comes first.
        for _, n, k in sorted(candidates):
            if n not in matched and k not in paired:
                paired[k] = left_q[n]
                matched[n] = k
        free = [k for k in free if k not in paired]
    dropped = [(min(wheres[n]), old) for n, old in enumerate(left_q) if n not in matched]
    out: list[tuple[int, int, Quantity | None, Quantity | None]] = [
        (min(there), k, paired.get(k), new) for k, (new, there) in enumerate(rights)
    ]
    out += [(region, len(rights), old, None) for region, old in dropped]
    out.sort(key=lambda item: (item[0], item[1]))
    return [(old, new) for _, _, old, new in out]


def _negated(scores: tuple[int, int]) -> tuple[int, int]:
    return -scores[0], -scores[1]


# A paragraph that speaks of five years, and the words that make a figure a total over years.
FIVE_YEARS = _either(r"\s*(?:——)?\s*(?:五年来|过去五年|这五年)")
_YEARS_SAID = _either("累计|五年")
_PER_YEAR = _either("(?:年均|平均每年|每年)$")
# What is counted as it is done (jobs added, homes rebuilt, the poor lifted out, capacity
# retired: 退出, 压减, 化解, 淘汰; funds spent: 投入; villagers given water: 解决; zones set up:
# 新设; laws made: 制定, 修订, 审议; costs cut: 降低, 减轻, 减税, 降费), so that a total over five
# years and a year's count are two measures; a level reached (国内生产总值增加到82.7万亿元) or a
# stock (13亿多人) is one whatever the period.
_FLOW = _either(
    "新增|减少|改造|新建|新开工|累计|建成|退出|压减|化解|淘汰|投入|解决|新设|制定|修订|审议"
    "|降低|减轻|减税|降费"
)
# What ends the part of a sentence a figure is done in: not 、, which parts a list whose verb
# its first item carries ("退出钢铁产能1.7亿吨以上、煤炭产能8亿吨").
_DONE_BREAK = re.compile(r"[,，;；:：。!?！？()（）\n]")


def _done(figures: _Figures, q: Quantity) -> bool:
    """Whether a Chinese figure counts what was done (``_FLOW``), read back over its list."""
    if _FLOW.search(figures.whole_before(q)):
        return True
    start = max(0, q.start - CONTEXT_LOOK)
    part = figures.text[start : q.start]
    breaks = list(_DONE_BREAK.finditer(part))
    return _FLOW.search(part[breaks[-1].end() :] if breaks else part) is not None


def _over_years(figures: _Figures, q: Quantity) -> bool:
    """Whether a Chinese figure is a total over several years: its paragraph stands in a
    review of five years or opens with 五年来, or its words say 累计 or 五年; a yearly average
    (年均) never is."""
    if figures.said(q) == "average" or _PER_YEAR.search(figures.whole_before(q)):
        return False  # "城镇新增就业年均1270多万人": a year's, however many years it is of
    if figures.years or FIVE_YEARS.match(figures.text) is not None:
        return True
    return _YEARS_SAID.search(figures.whole_before(q)) is not None


# What makes an amount a part of the one before it: "…, including at least 265 million doses",
# "support of which over 2 billion USD", "其中1.7万亿元".
_PART = re.compile(r"(?:\b(?:including|of which)|其中)\s*$", re.I)
_PART_LOOK = 40  # characters read before an amount for what makes it a part


def _a_part(text: str, q: Quantity) -> bool:
    """Whether an amount is given as a part of the one before it. A bare number is left out:
    "UNSCRs including 2231 and 2216" lists names, no parts of anything."""
    if not q.unit:
        return False
    start = max(0, q.start - _PART_LOOK)
    return _PART.search(text, start, q.start) is not None


def _rate_unit(q: Quantity) -> str:
    """The unit of a rate ("percent", "basis points"), "" for any other quantity."""
    return q.unit if q.kind in ("percent", "points") else ""


def _alike(old: Quantity, new: Quantity, left: _Figures, right: _Figures) -> bool:
    """Whether ``old`` and ``new`` can be one quantity changed: of one kind and one measure, and
    said of the same thing when both say what they count. A rewritten paragraph changes every
    figure it holds; pairing them by order alone would report "城镇新增就业 7.1% → 1361万人" or
    "能耗下降 54.9% → 3.1%" when 54.9% was coal's share of energy use."""
    if not _same_kind(old, new):
        return False
    if (
        old.kind in ("number", "money")
        and new.kind in ("number", "money")
        and left.chinese
        and right.chinese
        and _over_years(left, old) != _over_years(right, new)
        and not (_DURATION.match(old.unit) and _DURATION.match(new.unit))
        and (_done(left, old) or _done(right, new))
    ):
        # What was done over five years is no year's doing: 2018's five-year review
        # "五年来，…城镇新增就业6600万人以上" is no 2019 "城镇新增就业1361万人" changed, nor
        # 2013's "累计实际利用外资5528亿美元" a year's 1196亿美元.
        return False
    if (
        old.kind in ("percent", "points")
        and left.chinese
        and right.chinese
        and "change" in (left.said(old), right.said(new))
        and _over_years(left, old) != _over_years(right, new)
    ):
        # Nor is a fall over five years a year's: 2018's review of five years "煤炭消费比重下降
        # 8.1个百分点" is no 2017 "煤炭消费比重下降2个百分点" grown fourfold.
        return False
    if _a_part(left.text, old) != _a_part(right.text, new):
        # A part of the figure before it is no total: Quad 2022's "delivered over 670 million
        # doses, including at least 265 million doses to Indo-Pacific" does not make 2021's
        # pledge of "more than 1.2 billion doses" 265 million.
        return False
    if {old.kind, new.kind} == {"number", "percent"} and old.value != new.value:
        return False  # "the Equal 30 initiative" is no share; "5%" → "5" drops its sign
    if {old.kind, new.kind} == {"percent", "points"} and old.value != new.value:
        # "强度下降3.7%" is a change by a share of itself, "比重提高1.7个百分点" one in points of
        # a share: two measures, unless one amount is rewritten ("5%" → "5 percentage points").
        return False
    if "money" in (old.kind, new.kind) and old.kind in ("number", "money"):
        # One figure whose currency was dropped or changed ("$600 billion" → "600 billion",
        # "€600 billion") is that figure; a count ("80 U.S. aircraft") is no sum ("3.2 billion
        # USD"), and sums in two currencies are two sums.
        if old.value == new.value and old.unit != new.unit and _scale(old) == _scale(new):
            return True
        if old.kind != new.kind:
            return False
    if old.unit and new.unit and _measure(old) != _measure(new):
        return False  # 万人 and 亿户, 万亿元 and 亿 (people), 年 and 万 count different things
    anniversaries = _anniversary(left, old), _anniversary(right, new)
    if any(anniversaries) and anniversaries[0] != anniversaries[1]:
        # An anniversary is of one event: 2018's "宁夏回族自治区成立60周年" is no 2017
        # "内蒙古自治区成立70周年" ten years younger, nor the Party's centenary the Republic's 70th.
        return False
    if _apart(old, new):
        # One amount of one thing does not move a thousandfold between two versions: a
        # national fund (城乡医疗救助补助资金160亿元) is no per-person grant (人均财政补助标准增加
        # 30元), however many words their contexts share.
        return False
    if old.kind == "ordinal":
        # What it numbers follows it: 第十次 → 第十一次 (会晤) and Tenth → Eleventh are one count;
        # 第十二届 (人大) and 十九大 (the Party congress) name different bodies; so do "the 15th
        # Conference of the Parties" and "the Sixth Assessment Report", where both say what.
        if _ordinal_style(old) != _ordinal_style(new):
            return False
        if not (old.text + new.text).isascii() and not (
            old.text.startswith("第") and new.text.startswith("第")
        ):
            return True  # what follows 十八大 and 十九大 is the sentence, not a name
        named = _context_after(left.text, old.end), _context_after(right.text, new.end)
        return not all(named) or _share_words(*named)
    if old.kind in _TIMES and new.kind in _TIMES:
        roles = _time_role(left.text, old), _time_role(right.text, new)
        if roles[0] != roles[1] and (all(roles) or {"deadline", "baseline", "name"} & set(roles)):
            # G7 2021's "cut our collective emissions by around half compared to 2010" is a
            # base year, 2023's "by 2035" a deadline: not one year moved. Nor is a deadline or
            # a base year any year said otherwise: "2021 should be a turning point" is no
            # "halting and reversing biodiversity loss by 2030", nor "relative to the 2019
            # level".
            return False
    after = _words_after(left.text, old.end), _words_after(right.text, new.end)
    if old.kind == "reference":
        # One name renumbered is the change itself (Article 5.2 → 5.3, COP26 → COP28); two
        # names are one changed only where the words on both sides of them say so ("Leaders
        # welcomed the G20 agenda" → "…the G7 agenda"), not COVID-19 and G7 met in a rewritten
        # paragraph, nor "set forth in Section 1 of…" and "set forth in Executive Order 14257".
        name = _NAME.sub("", old.text).casefold()
        if len(name) >= 2 and name == _NAME.sub("", new.text).casefold():
            # Unless an acronym before each names two bodies: the biodiversity convention's
            # "CBD COP15" is no "UNFCCC-COP28" of the climate convention.
            bodies = _body(left.text, old), _body(right.text, new)
            return not all(bodies) or bodies[0] == bodies[1]
        before = left.before(old), right.before(new)
        return (
            all(before)
            and _share_words(*before)
            and (not any(after) or (all(after) and _share_words(*after)))
        )
    if not _said_alike(left.said(old), right.said(new)):
        # "企业研发经费增长15.5%" is a year's growth, "研发经费投入强度从2.1%提高到2.5%" the level
        # it went from and the level it reached: one measure's words, different figures. So,
        # whatever follows both, "an additional $750 billion of agency mortgage-backed
        # securities" is a step, no "total of up to $1.25 trillion" of them.
        return False
    if all(after) and _share_words(*after):
        return True  # what follows says what both count: "80 U.S. aircraft" → "50 aircraft"
    before = left.before(old), right.before(new)
    if left.starts_change(old) != right.starts_change(new):
        # "比重从2008年的1.4%提高到2012年的1.97%": the level it started from is no level
        # another version reached; the one it reached (1.97%) may be.
        return False
    if left.subject(old) is not None or right.subject(new) is not None:
        # A level's subject is a long name ("居民基本医保人均财政补助标准"): sharing "居民" and
        # "标准" with "城乡居民基础养老金最低标准" does not make it that one, nor does a figure
        # that names nothing ("…，达到51.2%"). Read whole: "服务业在国内生产总值中的比重" cut to
        # its last words would lose the 服务业 of 2018's "服务业比重".
        return all(before) and _share_most(left.whole_before(old), right.whole_before(new))
    listed = left.respective(old), right.respective(new)
    if listed[0] is not None and listed[1] is not None:
        # Two lists said "respectively" pair their figures by the things they name: 2014's
        # "二氧化硫、化学需氧量排放量分别下降3.5%、2.9%" → 2017's "二氧化硫、氮氧化物排放量分别
        # 下降5.6%和4%" is sulphur dioxide's 3.5% → 5.6%, and the chemical oxygen demand no
        # nitrogen oxides, however alike "…排放量" reads.
        things = listed[0][0], listed[1][0]
        end = _common_end(*things)
        if all(thing[: len(thing) - end] for thing in things) and not _share_words(
            things[0][: len(things[0]) - end], things[1][: len(things[1]) - end]
        ):
            return False
    places = left.listed_after(old), right.listed_after(new)
    if places[0][0] and places[0][0] == places[1][0]:
        # The second figure of "城乡低保标准分别提高13.1%和17.7%" is the second of "…分别提高
        # 9.97%和14.1%", where only a 和 stands before each: as alike as the first two are.
        return _alike(places[0][1], places[1][1], left, right)
    if all(before):
        if _share_words(*before):
            if old.kind in _RATES_AND_TIMES and _two_things_named(*before):
                return False
            return not (_two_things_measured(*before) or _two_measures(*before))
        # In English what a rate is of may follow it in one version and precede it in the
        # other (a sum's verbs do not say which sum it is): FOMC's "the current 0 to 1/4
        # percent target range for the federal funds rate" → "the target range for the
        # federal funds rate at 1/4 to 1/2 percent".
        return _rate_unit(old) == _rate_unit(new) != "" and any(
            a and b and not has_han(a + b) and _share_words(a, b)
            for a, b in ((after[0], before[1]), (before[0], after[1]))
        )
    # A bare number ("2800多", "17") has no unit, and 个 counts whatever noun follows it
    # ("1000个县", "100个地级以上城市"): neither says what is counted.
    counted = old.unit not in ("", "个") or old.kind not in ("number", "money")
    if not any(before):
        # Both open their sentence: "Up to 1,000 officers."
        if old.unit == new.unit and old.unit in _BARE_SCALES:
            # "，1000多万高中毕业生顺利完成高考" is no "，近1400万农业转移人口在城镇落户": a bare
            # 万 counts whatever follows it.
            return _share_words(_next_words(left.text, old.end), _next_words(right.text, new.end))
        return old.unit == new.unit and (counted or old.unit == "")
    # Nothing before one of them says what it counts: only the same unit makes them one
    # figure, unless a Chinese figure's own words after it name something the other's words
    # do not ("6600多万农村人口饮水…" is no "减少1240万" of the poor, "220项职业资格许可" no
    # "246项行政审批事项").
    if old.unit != new.unit or not counted:
        return False
    if old.kind not in ("number", "money"):
        # What follows a share ("6.5%左右的增速") may name its measure in other words, unless
        # a Chinese share names its measure in the part of the sentence before it.
        return not _shares_of_two_parts(old, left, new, right)
    named = _next_words(left.text, old.end), _next_words(right.text, new.end)
    if not before[0] and has_han(named[0]) and len(named[0]) >= 2:
        return _share_words(named[0], before[1] + named[1])
    if not before[1] and has_han(named[1]) and len(named[1]) >= 2:
        return _share_words(named[1], before[0] + named[0])
    return True


def _parts_before(text: str, q: Quantity) -> str:
    """The text before ``q`` back over its part of the sentence and the part before that: the
    measure 2021's "经济增速是综合性指标，今年预期目标设定为6%以上" sets a target for."""
    start = max(0, q.start - CONTEXT_LOOK)
    breaks = [m.end() for m in _AFTER_BREAK.finditer(text, start, q.start)]
    return text[breaks[-2] if len(breaks) >= 2 else start : q.start]


_OF_MEASURE = re.compile("的([\u4e00-\u9fff]{2})")  # the measure a share is of, said after it


def _shares_of_two_parts(old: Quantity, left: _Figures, new: Quantity, right: _Figures) -> bool:
    """Whether a Chinese share that opens its part of a sentence (nothing before it says what
    it is of) is, by its own words after it, of something the other share's sentence does not
    name: 2012's "首届免费师范生全部到中小学任教，90％以上在中西部" is no "高等教育毛入学率提高到
    30%"."""
    for side, (figures, q) in enumerate(((left, old), (right, new))):
        if figures.before(q) or not figures.chinese:
            continue
        other_figures, other = (right, new) if side == 0 else (left, old)
        own = _next_words(figures.text, q.end)
        theirs = _parts_before(other_figures.text, other) + _next_words(
            other_figures.text, other.end
        )
        measure = _OF_MEASURE.match(own)
        if measure and set(measure.group(1)) & set(theirs):
            continue  # "6.5%左右的增速" is the 增长 target said as a speed
        if has_han(own) and len(own) >= 4 and not _share_words(own, theirs):
            return True
    return False


_BODY = re.compile(r"\b([A-Z]{2,})[ -]$")  # "CBD " of "CBD COP15", "UNFCCC-" of "UNFCCC-COP28"


def _body(text: str, q: Quantity) -> str:
    """The acronym right before a name, naming whose it is ("CBD" of "CBD COP15"), or ""."""
    found = _BODY.search(text, max(0, q.start - 12), q.start)
    return found.group(1) if found else ""


_DEADLINE = re.compile(
    r"\b(?:by|until|through|before|no later than)(?: the end of)?(?: the)?\s*$", re.I
)
_BASELINE_BEFORE = re.compile(
    r"\b(?:compared (?:to|with)|relative to|from|since|below|above|than|over)(?: the)?\s*$", re.I
)
_BASELINE_AFTER = re.compile(r"\s*(?:levels?|baselines?)\b", re.I)
# The day something was done: the Indonesia framework's "Trade and Investment Framework
# Agreement, signed on July 16, 1996" is no deadline moved to Switzerland's "conclude the
# Agreement, by the first quarter of 2026".
_EVENT = re.compile(
    r"\b(?:signed|entered into force|adopted|concluded|established|launched|held)"
    r"(?: on| in)?(?: the)?\s*$",
    re.I,
)


# A year that names a thing, as part of its name: "the 2030 NDC targets", "the 2023 World Bank
# Group/IMF Annual Meetings", "UNSC Resolution 2593 (2021)". G7 2023's "strengthen the 2030 NDC
# targets" is no "2021 should be a turning point" of 2021 moved on.
_NAMING_AFTER = re.compile(
    r"\s+(?:[A-Z][A-Za-z]+\b|(?:targets?|goals?|agenda|plans?|strategy|pledges?)\b)"
)
# A year a sentence is about, not the time of anything in it: "2024 is the African Union's Year
# of Education", "2025 marks the 80th anniversary".
_SPOKEN_OF_EN = re.compile(r"\s+(?:is|was|will be|marks|marked)\b")
_NAMED_IN = re.compile(r"(?:\d|[A-Z]{2,})\s*\($")


# What a report says before the event it celebrates: "隆重庆祝", "组织好", "以优异成绩迎接".
_CELEBRATING = _either("庆祝|纪念|组织好|迎接|今年是|是|暨|和|、|，")


_ANNIVERSARY = _either("周年|週年")


def _anniversary(figures: _Figures, q: Quantity) -> str:
    """The event a Chinese anniversary ("…成立70周年") is of, "" for any other figure."""
    if _ANNIVERSARY.match(figures.text, q.end) is None:
        return ""
    said = figures.whole_before(q)
    return _CELEBRATING.split(said)[-1] or said


def _names_after(text: str, q: Quantity) -> bool:
    """Whether a year is part of the name after it, which a note quotes as an ordinal's
    ("2023 added Quad Leaders’ Summit", not "…issued by Leaders at the 2023 added"). Not where
    the name is a figure of its own ("USTR's 2025 Special 301 Report")."""
    if q.kind != "year" or not q.text.isascii() or not _NAMING_AFTER.match(text, q.end):
        return False
    name = _context_after(text[q.end : q.end + _NAME_CHARS], 0)
    return bool(name) and not QUANTITY_CORE.search(name)


_NAME_CHARS = 120  # characters after a year read for the name it is part of


def _time_role(text: str, q: Quantity) -> str:
    """What an English year or date is to its sentence: a deadline ("by 2030"), a baseline
    ("compared to 2010", "2019 levels"), the day of an event ("signed on July 16, 1996"), part
    of a name ("the 2030 NDC targets"), or "" when the words around it say none of these."""
    before = text[max(0, q.start - 30) : q.start]
    if has_han(before):
        return ""  # "1.5°C pathway and net zero by 2050" is English all the same
    if _DEADLINE.search(before):  # "no later than 2025" before "than 2010"
        return "deadline"
    if _EVENT.search(before):
        return "event"
    if _BASELINE_AFTER.match(text, q.end) or _BASELINE_BEFORE.search(before):
        return "baseline"
    if q.kind == "year" and (
        _NAMING_AFTER.match(text, q.end)
        or _NAMED_IN.search(before)
        or _SPOKEN_OF_EN.match(text, q.end)
    ):
        return "name"
    return ""


def _scale(q: Quantity) -> str:
    """An amount's scale, its currency left out: "billion" of "billion US$" and of "billion",
    万亿 of 万亿元."""
    scale = _SCALE.match(q.unit)
    if scale is not None and not scale.group().isascii():
        return scale.group().strip()
    return " ".join(
        w for w in q.unit.split() if w in ("thousand", "million", "billion", "trillion")
    )


# "年均增长", "年均分别增长", "平均经济增速": an average of yearly changes. Not "平均浓度下降",
# "平均资费再降低": a change of an average level (PM2.5's, tariffs').
_CN_AVERAGE = _either(
    "(?:年均[^，。；、]{0,3}|平均(?:分别|实际|每年|经济)?)"
    "(?:增长|下降|上涨|上升|增加|减少|提高|降低|增速|涨幅|降幅|增幅)$"
)
_CN_SAID = (
    ("change", _either("(?:增长|下降|上涨|上升|增加|减少|提高|降低|回落|增速|涨幅|降幅|增幅)$")),
    ("from", _either("[从由]$")),
    ("to", _either("[到至]$")),
    ("level", _either("(?:率|比重|比例|占比|之比|份额)(?:平均)?(?:为|是|在)?$")),
)
_LISTED = 6  # figures of a list read back over for how the first is said: more make a table


# English says the same with a verb of change: "raise the target range by 25 basis points" is
# the change, "raise the target range for the federal funds rate to 1/2 to 3/4 percent" the level
# it reaches, "rose from 3 percent" the level it starts from. "Up to 1,000", "close to 2 percent"
# and "equal to" say no change, so "to" and "by" count only after such a verb in one clause.
_EN_CHANGE = (
    r"\b(?:ris(?:e|es|ing)|rose|risen|increas(?:e|es|ed|ing)|rais(?:e|es|ed|ing)|grow(?:s|n|ing)?"
    r"|grew|fall(?:s|en|ing)?|fell|declin(?:e|es|ed|ing)|lower(?:s|ed|ing)?|reduc(?:e|es|ed|ing)"
    r"|cut(?:s|ting)?|decreas(?:e|es|ed|ing)|climb(?:s|ed|ing)?|drop(?:s|ped|ping)?)\b"
)
_EN_SAID = (
    # "averaged 1.9 percent", "average annual growth of 7.1 percent": an average, like 年均.
    ("average", re.compile(r"\baverag(?:e|es|ed|ing)\b[^.;:,]{0,40}$", re.IGNORECASE)),
    ("change", re.compile(rf"{_EN_CHANGE}(?:[^.;:,]*\bby)?\s*$", re.IGNORECASE)),
    # "an additional $750 billion", "a further $600 billion": a step; "a total of up to $1.25
    # trillion": where the steps have brought it (FOMC March → April 2009).
    ("change", re.compile(r"\b(?:additional|further)\s*$", re.IGNORECASE)),
    ("level", re.compile(r"\btotal(?: of)?\s*$", re.IGNORECASE)),
    ("from", re.compile(r"\bfrom\s*$", re.IGNORECASE)),
    ("to", re.compile(rf"{_EN_CHANGE}[^.;:,]*\bto\s*$", re.IGNORECASE)),
)
# Characters before a figure read for its verb: "raise the target range for the federal funds
# rate to" holds 53.
_EN_REACH = 80
# What stands between two figures of one list: "…$1.25 trillion of agency mortgage-backed
# securities and up to $200 billion…", "5 percent, 3 percent and 2 percent".
_EN_LISTED = re.compile(r"(?:\s+(?:of|in|for)(?:\s+[A-Za-z][\w'’-]*){1,6})?,?\s+(?:and|or)\s+|,\s*")


def _said_as(text: str, q: Quantity) -> str:
    """How the text says a figure, from the words right before it: as a change (增长15.5%,
    "rose 5 percent", "by 25 basis points"), a yearly average of changes over several years
    (年均增长7.1%), the level a change starts from (从45.3%, "from 3 percent") or reaches
    (上升到51.6%, "to 1/2 to 3/4 percent"), or a level said as it stands (贡献率超过30%); "" for
    anything else."""
    if text[max(0, q.start - 4) : q.start].rstrip().isascii():
        if q.kind not in ("number", "percent", "points", "money"):
            return ""  # "reduce emissions by 2030" is a deadline, no change of 2030
        before = text[max(0, q.start - _EN_REACH) : q.start]
        return next((name for name, said in _EN_SAID if said.search(before)), "")
    before = text[max(0, q.start - 8) : q.start].rstrip()
    if _CN_AVERAGE.search(before):
        return "average"
    return next((name for name, said in _CN_SAID if said.search(before[-4:])), "")


def _said_alike(old: str, new: str) -> bool:
    """Whether two ways of saying a figure can say one figure: the same way, or one of them not
    known, or two levels (a level as it stands, and one a change starts from or reaches)."""
    return not (old and new) or old == new or {old, new} in ({"level", "from"}, {"level", "to"})


def _ordinal_style(q: Quantity) -> tuple[bool, bool, str]:
    """How an ordinal is written: in English, with 第 before it, and what follows its number
    when that names the body (十九大, 二中全会: 大, 中全会)."""
    text = q.text
    if text.isascii():
        return True, False, ""  # Tenth, 11th: what it numbers is the words after it
    return False, text.startswith("第"), text.lstrip("第0123456789零〇一二三四五六七八九十百千两")


def _same_kind(old: Quantity, new: Quantity) -> bool:
    amounts = {"number", "percent", "points", "money"}
    if old.kind in amounts and new.kind in amounts:
        return True  # "5%" → "5 percentage points" is one amount rewritten; units tell the rest
    return old.kind == new.kind or {old.kind, new.kind} <= {"date", "year"}


_SCALE = re.compile(r"^(?:[十百千万亿]+|(?:hundred|thousand|million|billion|trillion)\b)\s*")
_SCALE_OF = {"十": 10.0, "百": 1e2, "千": 1e3, "万": 1e4, "亿": 1e8, "hundred": 1e2}
_SCALE_OF.update(thousand=1e3, million=1e6, billion=1e9, trillion=1e12)
_LEADING_NUMBER = re.compile(r"\d+(?:\.\d+)?")
APART = 1000.0  # the most one amount of one thing is read to grow or shrink by


def _size(q: Quantity) -> float | None:
    """An amount's size, its scale applied (1.5万亿元 is 1.5e12), None for a share, a rate
    or a figure whose number is not plain."""
    if q.kind not in ("number", "money"):
        return None
    number = _LEADING_NUMBER.match(q.value)
    if number is None:
        return None
    size = float(number.group())
    scale = _SCALE.match(q.unit)
    if scale is not None:
        words = scale.group().strip()
        for step in words.split() if words.isascii() else words:
            size *= _SCALE_OF.get(step, 1.0)
    return size


def _apart(old: Quantity, new: Quantity) -> bool:
    """Whether two amounts lie more than APART times apart."""
    if old.value == new.value and not (_SCALE.match(old.unit) and _SCALE.match(new.unit)):
        return False  # one figure, its scale said or not ("2800多" and "2800多万")
    a, b = _size(old), _size(new)
    if a is None or b is None or min(a, b) <= 0:
        return False
    return max(a, b) > APART * min(a, b)


def _measure(q: Quantity) -> str:
    """What an amount counts in, its scale left out: 元 of 万亿元, US$ of "billion US$"; a
    rate in percent and in points of it is one measure."""
    if q.kind in ("percent", "points"):
        return "percent"
    # Business, calendar and working days are days: "30 days" → "30 business days" is one
    # period changed.
    return _DAY_KIND.sub("", _SCALE.sub("", q.unit)).strip()


_DAY_KIND = re.compile(rf"^(?:{'|'.join(DAY_KINDS)}) (?=days$)")


def _share_words(a: str, b: str) -> bool:
    """Whether two contexts share a word: a Chinese character pair, or an English word other
    than a linking word (its first five letters, so "rate" meets "rates"), whatever the script
    or width each is written in."""
    ta, tb = _context_terms(a), _context_terms(b)
    shared = ta & tb
    if shared - _CN_LOOSE:
        return True
    # Words said of any figure (增长, 今年) tell two figures apart only where both contexts say
    # more: "国内生产总值增长" and "增长" are the growth rate twice; "总量突破" and "全国财政收入
    # 突破" name two different totals.
    return bool(shared) and not (ta - _CN_LOOSE and tb - _CN_LOOSE)


def _two_things_measured(a: str, b: str) -> bool:
    """Whether two Chinese contexts share one word only, the measure, said of two different
    things: "在建重大水利工程投资规模" and "公路投资" share 投资, but water projects are no roads;
    "代发地方债" and "由中央代地方发债" are one bond issue."""
    if not (has_han(a) and has_han(b)):
        return False
    shared = (_context_terms(a) & _context_terms(b)) - _CN_LOOSE
    if len(shared) != 1:
        return False  # two words in common ("增长预期") name one measure of one thing
    (word,) = shared
    heads = []
    for text in (match_key(a).casefold(), match_key(b).casefold()):
        head = _CN_NAMING_NOTHING.sub("", text[: text.find(word)])
        if not _context_terms(head):
            return False  # nothing before the measure says whose it is
        heads.append(set("".join(HAN_RUN.findall(head))))
    # One character in common among many is chance: 企业退休人员基本养老金 and 城乡低保人均补助
    # share 人, and pensions are no minimum-living allowance.
    return len(heads[0] & heads[1]) * 4 <= min(len(heads[0]), len(heads[1]))


# Words said of any figure, and how it is held or counted (稳定, 平均, 每年都 …): no measure.
_SAID_OF_ANY_WORD = re.compile(
    "|".join(
        [*_CN_SAID_OF_ANY.split(), "稳定", "平均", "持续", "每年", "继续", "进一步", "都", "再"]
    )
)


def _two_measures(a: str, b: str) -> bool:
    """Whether two Chinese contexts name one thing, then two different measures of it: 2021's
    "全年为市场主体减负超过2.6万亿元" (taxes cut) is no 2022 "涉税市场主体去年纳税达到4.76万亿元"
    (taxes paid). What each says after the last word they share, words said of any figure (达到,
    超过, 增加 …) and links (为, 到 …) left out, shares no character."""
    if not (has_han(a) and has_han(b)):
        return False
    shared = (_context_terms(a) & _context_terms(b)) - _CN_LOOSE
    if len(shared) < 2:
        return False  # one word in common ("地方") is no name of one thing
    tails = []
    for text in (match_key(a).casefold(), match_key(b).casefold()):
        end = max(text.rfind(word) + len(word) for word in shared)
        tail = _SAID_OF_ANY_WORD.sub("", text[end:])
        tail = "".join(c for c in "".join(HAN_RUN.findall(tail)) if c not in _CN_LINKING)
        if len(tail) < 2:
            return False  # nothing after what both name: one measure of it
        tails.append(set(tail))
    return not tails[0] & tails[1]


_EN_WORD = re.compile(r"[a-z]{3,}")
# The figures an English context names by a word or two ("the discount rate", "by the end of
# 2021"): a sum's or a count's context says what is bought or counted, in other words each time.
_RATES_AND_TIMES = frozenset({"percent", "points", *_TIMES})


def _two_things_named(a: str, b: str) -> bool:
    """Whether two English contexts share one word only, and the word before it in each names
    two things, as ``_two_things_measured`` reads Chinese: "increase in the discount rate" and
    "decline in the federal funds rate" are two rates, "the target for the federal funds rate"
    and "the federal funds rate" one; "thermal
    coal power generation by the end of 2021" is no "decarbonized power sector by 2035"."""
    if has_han(a) or has_han(b):
        return False
    shared = _context_terms(a) & _context_terms(b)
    if len(shared) != 1:
        return False
    (stem,) = shared
    heads: list[str] = []
    for text in (a, b):
        words: list[str] = [
            w for w in _EN_WORD.findall(text.casefold()) if w not in _FUNCTION_WORDS
        ]
        at = next((k for k, w in enumerate(words) if w[:5] == stem), None)
        if at is None or at == 0:
            return False  # nothing before the shared word says whose it is
        heads.append(words[at - 1][:5])
    return heads[0] != heads[1]


# Words before a measure that say nothing of what is measured: 全年, 每年, 其中, 实施.
_CN_NAMING_NOTHING = re.compile(
    "|".join(_CN_SAID_OF_ANY.split()) + "|其中|其他|同时|此外|每年|当年|全国|目前|预计|实施"
)


def _affinity(a: str, b: str) -> int:
    """How many words two contexts share, words said of any figure left out."""
    return len((_context_terms(a) & _context_terms(b)) - _CN_LOOSE)


@lru_cache(maxsize=4096)  # a context is a few words, read again for every figure it meets
def _share_most(a: str, b: str) -> bool:
    """Whether the shorter of two contexts shares at least SHARE_MOST of its words with the
    other (the verb after a subject, "…补助标准提高", and words said of any figure left out)."""
    a, b = _CN_VERB_END.sub("", a), _CN_VERB_END.sub("", b)
    ta, tb = _context_terms(a) - _CN_LOOSE, _context_terms(b) - _CN_LOOSE
    if not (ta and tb) or len(ta & tb) < SHARE_MOST * min(len(ta), len(tb)):
        return False
    # A subject ends with its measure, and what comes before says whose measure it is. Two
    # measures are two figures: services' share of output ("服务业比重") is not their share of
    # growth ("服务业对经济增长贡献率"). One measure of two things is two figures too:
    # "消费贡献率" and "服务业对经济增长贡献率" share only 贡献率, "新增高速铁路运营里程" and
    # "轨道交通运营里程" only 运营里程.
    a, b = _CN_SAID_END.sub("", a), _CN_SAID_END.sub("", b)
    measures = _measure_of(a), _measure_of(b)
    if all(measures) and measures[0] != measures[1]:
        return False
    common = _common_end(a, b)
    heads = _context_terms(a[: len(a) - common]), _context_terms(b[: len(b) - common])
    return common < 2 or not all(heads) or bool(heads[0] & heads[1])


SHARE_MOST = 0.4


# Measures a report names a figure by, each with the words that name it.
_MEASURES = (
    ("share", _either("(?:比重|占比|比例|之比|份额)$")),
    ("contribution", _either("贡献率$")),
    ("coverage", _either("覆盖率$")),
    ("pace", _either("(?:增速|增幅|增长率)$")),
)


def _measure_of(context: str) -> str:
    return next((name for name, words in _MEASURES if words.search(context)), "")


def _common_end(a: str, b: str) -> int:
    """How many characters two texts end alike with."""
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


_CN_SAID_END = _either(f"(?:{'|'.join(sorted(_CN_LOOSE, key=len, reverse=True))})+$")


@lru_cache(maxsize=4096)  # a context is a few words, read again for every figure it meets
def _context_terms(text: str) -> frozenset[str]:
    folded = match_key(text).casefold()  # 過去 meets 过去, Ｒate meets rate
    found = {w[:5] for w in re.findall(r"[a-z]{3,}", folded) if w not in _FUNCTION_WORDS}
    for run in re.findall(r"[\u3400-\u9fff]+", folded):
        found.update(a + b for a, b in itertools.pairwise(run))
    return frozenset(found)


def _change(old: Quantity | None, new: Quantity | None, both: tuple[_Figures, _Figures]) -> Change:
    """The change of ``old`` into ``new`` (either may be missing); ``both`` are the quantities
    of the two texts. The note quotes the later text, unless the quantity was dropped or the
    later text says nothing before it that the earlier one does not ("…, to 19 percent")."""
    shown = new if new is not None else old
    assert shown is not None
    figures = both[1] if new is not None else both[0]
    text = figures.text
    # An ordinal's context follows it ("Tenth → Eleventh Meeting"), as a year's in a name does
    # ("2023 added SDG Summit"); an amount's precedes it.
    after = shown.kind == "ordinal" or _names_after(text, shown)
    if shown.kind == "ordinal" and not shown.text.isascii() and not shown.text.startswith("第"):
        context = ""  # 二十大, 十九届, 二中全会 name what they number themselves
    elif after:
        following = bisect_left(figures.starts, shown.end)
        end = figures.starts[following] if following < len(figures.starts) else len(text)
        context = _context_after(text[:end], shown.end)
    else:
        context = figures.shown_before(shown)
        if not context and old is not None and new is not None and shown.kind != "reference":
            earlier = both[0].shown_before(old)
            context = earlier if len(_LETTER.findall(earlier)) >= 2 else ""  # not a lone 和
    # "设立13个自由贸易试验区": what a Chinese count counts follows it, and "设立 13个 added"
    # leaves a reader asking thirteen of what.
    noun = figures.noun(shown)
    if old is not None and new is not None:
        what = _describe(
            old, new, qualified=not _compared_alike(old, both[0].text, new, both[1].text)
        )
        # The noun goes with the number, before any qualifiers changed: "79 → 670 million
        # doses (nearly → over)".
        figure, paren, qualifiers = what.partition(" (")
        if noun and figure.endswith(_core(shown)):
            what = f"{figure}{noun}{paren}{qualifiers}"
    elif new is not None:
        what = f"{new.text}{noun} added"
    else:
        assert old is not None
        what = f"{old.text}{noun} dropped"
    # A context that ends in a hyphen is the first half of one name: "UNFCCC-COP26", "non-CO2".
    joint = "" if context.endswith(("-", "/")) else " "
    said = context
    if not after:
        word = _level_word(text, shown, context)
        # A year's word is its role: "signed on July 16, 1996" → "signed in 2013" says
        # neither "in" nor "on" of both.
        if (
            word
            and shown.kind in _TIMES
            and old is not None
            and new is not None
            and _linking_before(both[0].text, old)[0].lower() != word.strip().lower()
        ):
            word = ""
        said += word
    note = f"{what} {context}" if after else f"{said}{joint}{what}"
    note = note.strip()
    if old is not None and new is not None and not after and shown.kind != "reference":
        # Two figures paired though their words say different things ("其中高速铁路运营里程
        # 1.1万公里" and "新建高速铁路投产里程超过1900公里"): the note quotes each with its own
        # words, so that a reader sees what was set against what, not the later words alone.
        earlier = both[0].shown_before(old)
        words = both[0].whole_before(old), figures.whole_before(new)
        # What a rate is of may follow it in one version ("the current 0 to 1/4 percent
        # target range for the federal funds rate"): the words after count too.
        around = (
            f"{words[0]} {both[0].next_words(old)}",
            f"{words[1]} {figures.next_words(new)}",
        )
        if earlier != context and _said_apart(*words) and _said_apart(*around):
            earlier += _level_word(both[0].text, old, earlier)
            was = f"{old.text}{both[0].noun(old)}"
            note = f"{earlier} {was} → {said}{joint}{new.text}{noun}"
    if shown.kind == "reference":
        note = f"reference changed: {note}"
    return Change(
        kind="reference" if shown.kind == "reference" else "number",
        left=old.text if old is not None else None,
        right=new.text if new is not None else None,
        note=note,
        quantity=None if shown.kind == "reference" else shown.kind,
        context=context or None,
        position=shown.start,
    )


def _said_apart(a: str, b: str) -> bool:
    """Whether the words around two paired figures share less than a third of what either
    says, words said of any figure left out."""
    terms = _context_terms(a) - _CN_LOOSE, _context_terms(b) - _CN_LOOSE
    return all(terms) and 3 * len(terms[0] & terms[1]) < min(map(len, terms))


# A change said of a level it reaches or stays under: "上升到56.2%", "reduce to 19 percent",
# "lower than 15 percent". The context leaves the linking word out, to match figures by what
# they count; a note without it says the opposite ("上升 56.2%" is a rise by 56.2%).
_EN_CHANGED = re.compile(
    r"\b(?:reduce[sd]?|reducing|raise[sd]?|raising|lower(?:s|ed|ing)?|increase[sd]?|increasing|"
    r"decrease[sd]?|decreasing|cut|cuts|cutting|rise|rises|rose|rising|fall|falls|fell|falling|"
    r"decline[sd]?|declining|grow|grows|grew|growing|drop(?:s|ped|ping)?|bring|brings|brought|"
    r"limit(?:s|ed|ing)?)$",
    re.IGNORECASE,
)
_EN_COMPARED = re.compile(r"\b(?:lower|higher|greater|less|more|fewer)$", re.I)
_LEVEL_BEFORE = re.compile(r"(?:(?<=\s)(to|than)\s+|(到|至)\s*)$")


def _level_word(text: str, q: Quantity, context: str) -> str:
    """The linking word a note keeps between ``context`` and ``q``: "到" after a change verb
    (提高到), "to" after an English one ("will reduce to"), "than" after a comparative ("lower
    than"); "" otherwise."""
    if not context:
        return ""
    if q.kind in _TIMES:
        # In English a year's role is in the word before it: "by 2030" a deadline, "compared to
        # 2010" a base, "in 2013" when; "增加到2012年的772亿美元" is of the level, not the level.
        return "" if has_han(context) else _time_words(text, q, context)
    before = text[max(0, q.start - 24) : q.start]
    found = _LEVEL_BEFORE.search(before)
    if found is None:
        return ""
    # The word the context ends with stands right before the linking word: "由54.9%提高到"
    # is said of 消费贡献率's level; "rate 25 basis points to" says nothing of "rate".
    ahead = before[: found.start()].rstrip()
    verb = (
        _CN_VERB_END.search(context)
        if found.group(2)
        else (_EN_CHANGED if found.group(1) == "to" else _EN_COMPARED).search(context)
    )
    if verb is None or not ahead.endswith(verb.group()):
        return ""
    return found.group(2) or f" {found.group(1)}"


_TIME_GAP = re.compile(
    rf"((?:\s+(?:{'|'.join(sorted(_LINKING_WORDS - {'unchanged'}))})){{1,3}})\s*$", re.I
)


def _linking_before(text: str, q: Quantity) -> tuple[str, int]:
    """The linking words right before a quantity ("by the end of"), and where they start."""
    gap = _TIME_GAP.search(text, max(0, q.start - 40), q.start)
    return (" ".join(gap.group(1).split()), gap.start()) if gap else ("", q.start)


def _time_words(text: str, q: Quantity, context: str) -> str:
    """The linking words between an English context and the year or date after it ("by",
    "compared to", "no later than", "by the end of"), when the context stands right before
    them."""
    words, at = _linking_before(text, q)
    return f" {words}" if words and text.endswith(context.split()[-1], 0, at) else ""


# Chinese counters whose noun follows the figure (13个自由贸易试验区, 18项行政事业性收费), and
# where that noun ends: a verb or a particle after it starts what is said of it.
_COUNTERS = frozenset("个项家所座件架艘辆台套")
# A scale with no noun of its own ("6398万农村人口", "3600多万农村学生"): what it counts follows,
# and in a report that is most often people. The words up to the first word for people are
# quoted; what follows that is the sentence going on ("…农业转移人口在城镇落户").
_BARE_SCALES = frozenset({"万", "亿", "万亿", "千", "百万", "千万"})
_PEOPLE = _either(
    "[\u4e00-\u9fff]{0,8}?(?:人口|人员|人次|在校生|学生|孩子|儿童|老人|家庭|群众|居民|职工"
    "|农民工|农民|毕业生|纳税人|贫困人口|患者|人)"
)
_NOUN_END = _either(
    "的|开展|实施|建设|推进|完成|设立|进行|实现|达到|启动|参加|取得|获得|覆盖|纳入|提高|增加|减少"
    # 要 and 等 alone, not in 重要领域 or 高等学校.
    "|受益|选择|淘汰|共同|(?<![重主需必纲])要|将|已|和|与|及|(?<![高中初平对同])等"
)
NOUN_CHARS = 12  # characters of a counted noun quoted in a note, at most


def _counted_noun(text: str, q: Quantity) -> str:
    """The noun a Chinese count counts, right after it ("自由贸易试验区" of "13个自由贸易试验区"),
    cut between words; "" for any other quantity, or when nothing but a break follows."""
    if q.kind != "number" or not q.unit or to_simplified(q.text[-len(q.unit) :]) != q.unit:
        return ""  # "1000个以上": what follows the qualifier is the sentence, not the noun
    if q.unit in _BARE_SCALES:
        people = _PEOPLE.match(text, q.end, q.end + NOUN_CHARS)
        return people.group() if people is not None else ""
    if q.unit[-1] not in _COUNTERS:
        return ""
    segment = text[q.end : q.end + 2 * NOUN_CHARS]
    stop = _AFTER_BREAK.search(segment)
    segment = segment[: stop.start()] if stop else segment
    end = _NOUN_END.search(segment)
    segment = segment[: end.start()] if end else segment
    if not segment or not all("\u3400" <= c <= "\u9fff" for c in segment):
        return ""
    if len(segment) <= NOUN_CHARS:
        return segment
    import rjieba  # word boundaries, only for a noun too long to quote whole

    kept = ""
    for word in rjieba.cut(segment):
        if len(kept) + len(word) > NOUN_CHARS:
            break
        kept += word
    return f"{kept}…" if kept else ""


_EN_COUNTABLE = frozenset({"", "thousand", "million", "billion", "trillion"})
_EN_NOUN_WORD = re.compile(r"[A-Za-z][A-Za-z.’'-]*")
_EN_NOUN_WORDS = 3  # "capacity building trainings": a counted noun is short
# What may follow a counted noun: a preposition ("50 aircraft from Boeing", "1500 GW of
# storage"). Not "and" or "or": "100 Low and Middle Income countries" goes on past "Low".
_EN_NOUN_ENDS = frozenset(
    {"of", "to", "from", "in", "on", "for", "with", "by", "at", "across", "under"}
)


def _english_noun(text: str, q: Quantity) -> str:
    """What an English count counts, right after it (" aircraft" of "50 aircraft from Boeing",
    " graduate fellowships" of "100 graduate fellowships to…"), with its leading space; "" for
    a sum, a rate or a time, and where the words after it are no noun that ends there."""
    if q.kind != "number" or q.unit not in _EN_COUNTABLE:
        return ""
    segment = text[q.end : q.end + 4 * _AFTER_CHARS]
    if has_han(segment) or not segment.startswith(" "):
        return ""
    stop = _AFTER_BREAK.search(segment)
    body = segment[: stop.start()] if stop else segment
    words: list[str] = []
    ended = stop is not None  # the words run to a clause break, a full stop or a preposition
    for word in body.split():
        if word.endswith(".") and "." not in word[:-1]:
            words.append(word[:-1])  # a full stop, not the dots of "U.S."
            ended = True
            break
        if word.lower() in _EN_NOUN_ENDS:
            ended = True
            break
        if (
            len(words) == _EN_NOUN_WORDS
            or word.lower() in _FUNCTION_WORDS
            or not _EN_NOUN_WORD.fullmatch(word)
        ):
            ended = False
            break
        words.append(word)
        if word.islower() and word.endswith("s") and not word.endswith("ss"):
            return " " + " ".join(words)  # a plural ends the noun: "115 countries globally"
    # One word before a comma is as likely an adjective of a list: "400 million safe,
    # effective … doses".
    listed = (
        stop is not None and stop.group() in ",，" and len(words) == 1 and body.split() == words
    )
    if not words or not ended or listed:
        return ""
    return " " + " ".join(words)


def _describe(old: Quantity, new: Quantity, *, qualified: bool = True) -> str:
    """ "3% → 2%", "1.3 → 1.4万亿斤 (以上 → 左右)", "3-1/2 → 3 percent"; without the qualifiers
    where one stands beside the figure that lacks it (``qualified`` false)."""
    old_core, new_core = _core(old), _core(new)
    qualifiers = ""
    if qualified and old.qualifier.lower() != new.qualifier.lower():
        qualifiers = f" ({old.qualifier or '—'} → {new.qualifier or '—'})"
        if old_core == new_core:  # only the qualifier changed: "5.5% (以内 → 左右)"
            return new_core + qualifiers
    unit = _shared_unit(old_core, new_core, old, new)
    if unit:
        return f"{old_core[: -len(unit)].rstrip()} → {new_core}{qualifiers}"
    return f"{old_core} → {new_core}{qualifiers}"


def _core(q: Quantity) -> str:
    """The quantity as written, without its qualifier."""
    # The qualifier is read in Simplified form (约, 以内): found in the text's Simplified form,
    # cut from the text as written (約, 以內).
    text = q.text
    key = to_simplified(text)
    if len(key) != len(text):
        key = text
    start, end = 0, len(key)
    for part in (*q.qualifier.split(), q.qualifier):
        if part and key.startswith(part, start, end):
            start += len(part)
            while start < end and key[start].isspace():
                start += 1
        if part and key.endswith(part, start, end):
            end -= len(part)
            while end > start and key[end - 1].isspace():
                end -= 1
    return text[start:end]


def _shared_unit(old_core: str, new_core: str, old: Quantity, new: Quantity) -> str:
    """The unit both sides write the same after their numbers, written once after the new value
    ("1.3 → 1.4万亿斤", "3-1/2 → 3 percent"); a percent sign stays on both ("3% → 2%")."""
    if old.kind in ("date", "year", "ordinal", "reference"):
        return ""
    unit = _NUMBER_HEAD.sub("", old_core, count=1)
    if not unit or unit.startswith("%") or unit == old_core or not new_core.endswith(unit):
        return ""
    return unit if _NUMBER_HEAD.sub("", new_core, count=1) == unit else ""


class _Figures:
    """A text's quantities (in reading order) and the words before each that say what it
    counts, read once each: a clause may hold thousands."""

    def __init__(self, text: str, found: Sequence[Quantity], *, years: bool = False) -> None:
        self.text, self.found = text, found
        self.years = years  # the text reviews five years (``_over_years``)
        self.starts = [q.start for q in found]
        self.ends = [q.end for q in found]
        # Each reading of a figure, made once: a figure is tried against many.
        self._read: dict[tuple[str, int], Any] = {}

    @cached_property
    def chinese(self) -> bool:
        """Whether the text holds Chinese, read once: a megabyte clause is asked per pair."""
        return has_han(self.text)

    def _once(self, reading: str, q: Quantity, read: Callable[[], _T]) -> _T:
        key = (reading, q.start)
        if key not in self._read:
            self._read[key] = read()
        return cast("_T", self._read[key])

    def before(self, q: Quantity) -> str:
        return self._once("before", q, lambda: _context_before(self, q))

    def listed_after(self, q: Quantity) -> tuple[int, Quantity]:
        """Where ``q`` stands in a Chinese list of figures ("13.1%和17.7%", "10.6万、3.8万、
        3.3万平方公里"), and the list's first figure: (1, 13.1%) for 17.7%; (0, ``q``) for
        a figure no list holds, or the first of one."""
        return self._once("listed_after", q, lambda: self._listed_after(q))

    def _listed_after(self, q: Quantity) -> tuple[int, Quantity]:
        k = bisect_left(self.starts, q.start)
        if not self.chinese or k == len(self.found) or self.found[k] is not q:
            return 0, q
        head = q
        for place in range(_LISTED + 1):
            if not k or not _CN_FIGURE_LIST.fullmatch(self.text, self.found[k - 1].end, head.start):
                return place, head
            k -= 1
            head = self.found[k]
        return 0, q  # a table, not a list: each figure stands for itself

    def respective(self, q: Quantity) -> tuple[str, str, str] | None:
        """``_respective`` of ``q``."""
        return self._once("respective", q, lambda: _respective(self, q))

    def from_to(self, q: Quantity) -> tuple[str, str] | None:
        """``_from_to_subject`` of ``q``."""
        return self._once("from_to", q, lambda: _from_to_subject(self, q))

    def starts_change(self, q: Quantity) -> bool:
        """Whether ``q`` is the A of "X由A提高到B": the level a change started from."""
        found = self.from_to(q)
        return found is not None and not found[1]

    def subject(self, q: Quantity) -> str | None:
        """X of "X由A提高到B" whole, with the verb for B, if ``q`` is A or B; None otherwise."""
        return self._once("subject", q, lambda: _whole_subject(self.from_to(q)))

    def noun(self, q: Quantity) -> str:
        """What ``q`` counts, said after it: ``_counted_noun`` or ``_english_noun``."""
        return self._once(
            "noun", q, lambda: _counted_noun(self.text, q) or _english_noun(self.text, q)
        )

    def name_of(self, q: Quantity) -> Quantity | None:
        """The name a year belongs to, written right before it in brackets ("Resolution 2593"
        of "Resolution 2593 (2021)"), or None."""
        if q.kind != "year":
            return None
        k = bisect_left(self.starts, q.start)
        if k == 0:
            return None
        name = self.found[k - 1]
        between = self.text[name.end : q.start]
        return name if name.kind == "reference" and between.strip() == "(" else None

    def whole_before(self, q: Quantity) -> str:
        """The words before ``q`` to its clause's break, not cut to a note's length."""
        found = self.subject(q)
        listed = self.respective(q)
        if listed is not None:
            found = _listed_words(listed)
        if found is None:
            k = bisect_right(self.ends, q.start)
            floor = self.ends[k - 1] if k else 0
            found = _words_before(
                self.text[max(floor, q.start - CONTEXT_LOOK) : q.start], whole=True
            )
        return found

    def gist(self, q: Quantity) -> str:
        """``whole_before``, or where that says only what is said of any figure ("增长"), the
        words of the figure before it in its sentence too: "国内生产总值达到74.4万亿元，增长6.7%"
        is the growth of output."""
        return self._once("gist", q, lambda: self._gist(q))

    def next_words(self, q: Quantity) -> str:
        """``_next_words`` of ``q``."""
        return self._once("next", q, lambda: _next_words(self.text, q.end))

    def _gist(self, q: Quantity) -> str:
        words = self.whole_before(q)
        k = bisect_right(self.ends, q.start)
        if _context_terms(words) - _CN_LOOSE or not k:
            return words
        if _SENTENCE_END.search(self.text, self.ends[k - 1], q.start):
            return words
        return self.whole_before(self.found[k - 1]) + words

    def said(self, q: Quantity) -> str:
        """``_said_as`` of ``q``; an English figure listed after another ("a total of up to
        $1.25 trillion of agency mortgage-backed securities and up to $200 billion of agency
        debt") is said as the first of its list is."""
        return self._once("said", q, lambda: self._said(q))

    def _said(self, q: Quantity) -> str:
        if self.chinese:
            # The second figure of "年均分别增长8.8%、9.9%" or "分别再增加30元和5元" is said as
            # the first, whatever unit or 左右 each carries.
            return _said_as(self.text, self.listed_after(q)[1])
        k = bisect_left(self.starts, q.start)
        found = _said_as(self.text, q)
        for _ in range(_LISTED):
            if found or k == 0:
                break
            k -= 1
            if not _EN_LISTED.fullmatch(self.text, self.found[k].end, q.start):
                break
            q = self.found[k]
            found = _said_as(self.text, q)
        return found

    def shown_before(self, q: Quantity) -> str:
        """``before``, as a note quotes it (``_context_before``)."""
        return _context_before(self, q, shown=True)


_SENTENCE_END = re.compile(r"[。；;!?！？\n]|\.(?=\s|$)")


def _whole_subject(found: tuple[str, str] | None) -> str | None:
    return None if found is None else _words_before(found[0], whole=True) + found[1]


def _context_before(figures: _Figures, q: Quantity, *, shown: bool = False) -> str:
    """The words before a quantity that say what it counts, back to the last punctuation or
    the quantity before it. Where only linking words stand between the two ("75 basis points
    to 3-1/2 percent"), the words before that one count for both, or that one itself when it
    is a reference ("Executive Order 14257 of April 2, 2025")."""
    listed = figures.respective(q)
    if listed is not None:
        item, tail, said = listed
        if shown:
            return _last_words(item, _CHARS) + ("…" if tail else "") + said
        return _listed_words(listed)
    subject = figures.from_to(q)
    if subject is not None:
        # Cut to its last words, a subject may open on a link: "城镇居民医保和新农合的补助标准".
        return _words_before(subject[0]).lstrip("和与及") + subject[1]
    text, start = figures.text, q.start
    k = bisect_right(figures.ends, start)  # the quantities that end before it: figures.found[:k]
    while True:
        floor = figures.ends[k - 1] if k else 0
        # The words a context keeps stand at the end of what precedes: a bounded look back
        # finds them, and the last clause break, however long the text before.
        segment = text[max(floor, start - CONTEXT_LOOK) : start]
        context = _words_before(segment)
        if (
            not _LETTER.search(context)
            or context == "的"  # "比重从2009年的2.8%": the year's, and what of it stands before
            or (shown and context in _CN_LONE_LINKS)
        ):
            # A dash or a bracket says nothing ("——2021年3月5日" opens its line); in a note,
            # nor does a lone "和" between two figures (增长8.4%和11.4%: the words before the
            # first say what both count) or "将" before one ("将3岁以下婴幼儿照护费用…"). Which
            # figures pair still reads the "和": two figures of a list are two measures.
            context = ""
        if (
            not context
            and k
            and (
                _CN_REACHED.fullmatch(segment)
                or (_CN_COMMA.fullmatch(segment) and _CN_COMPARED.match(text, q.start))
            )
            and q.kind in _AMOUNTS
            and figures.found[k - 1].kind in _AMOUNTS
        ):
            # "消费对经济增长的贡献率上升3个百分点，达到51.2%": the level reached is a level of
            # what rose, named before the figure it rose by; so is the target a figure is set
            # against ("…增长11.3%，低于13%左右的预期目标").
            carried = _CN_VERB_END.sub("", figures.before(figures.found[k - 1]))
            if _LETTER.search(carried):
                return carried
        if (
            to_simplified(context) in _CN_LOOSE
            and k
            and start == q.start
            and segment.strip() == context
        ):
            previous = figures.found[k - 1]
            if previous.kind == "reference":
                # "广义货币M2增长13.6%": growth of what the name right before it names.
                return f"{figures.before(previous)}{previous.text}{context}"
        if q.kind in _TIMES and start == q.start and _EN_DONE.fullmatch(context):
            # "the U.S.-Thailand Treaty of Amity and Economic Relations, signed in 1966": the
            # year is the treaty's, named before the comma, and no other agreement's signing.
            breaks = list(CLAUSE_BREAK.finditer(segment))
            if breaks and breaks[-1].group() == ",":
                named = _words_before(segment[: breaks[-1].start()])
                if named and not _EN_DONE.fullmatch(named):
                    return f"{named}, {context}"
        if context or not k or CLAUSE_BREAK.search(segment):
            return context
        previous = figures.found[k - 1]
        k -= 1
        if previous.kind == "reference":  # what it names says what follows: "Executive Order 14257"
            return previous.text
        start = previous.start


# What an English year said after a comma may say of the thing named before the comma.
_EN_DONE = re.compile(
    r"(?:signed|adopted|concluded|ratified|launched|established|entered into force)", re.I
)


# What stands between two figures of one Chinese list ("3.5%、2.9%", "67%和92%"), and what
# ends the words said of a list's figures: not 、, which parts the things the list names.
_CN_FIGURE_LIST = _either(r"\s*[、和及与]\s*")
_CN_LIST_BREAK = re.compile(r"[,，;；:：。!?！？()（）\n]")
_RESPECTIVELY = _either("分别")
_CN_ITEM_LINK = _either("[和及与]")


def _respective(figures: _Figures, q: Quantity) -> tuple[str, str, str] | None:
    """For a figure of a Chinese list said "respectively" of as many things, the thing it is
    said of, the last thing of the list where it is not that (its words may end on what all
    of them measure), and what 分别 says of them all: 3.5% of "二氧化硫、化学需氧量排放量分别
    下降3.5%、2.9%" is ("二氧化硫", "化学需氧量排放量", "下降"), the sulphur dioxide's fall,
    not the chemical oxygen demand's the words right before it name. None for any other
    figure; a list whose figures start a change ("分别从50%、75%提高至100%") is read as a
    change is."""
    if not figures.chinese:
        return None
    text, found = figures.text, figures.found
    place, opening = figures.listed_after(q)
    first = bisect_left(figures.starts, opening.start)
    k = last = first + place
    while last + 1 < len(found) and _CN_FIGURE_LIST.fullmatch(
        text, found[last].end, found[last + 1].start
    ):
        last += 1
        if last - first > _LISTED:
            return None  # a table, not a list: read no further, whatever its length
    if first == last:
        return None
    floor = found[first - 1].end if first else 0
    head = text[max(floor, found[first].start - CONTEXT_LOOK) : found[first].start]
    breaks = list(_CN_LIST_BREAK.finditer(head))
    if breaks:
        head = head[breaks[-1].end() :]
    respectively = next(reversed(list(_RESPECTIVELY.finditer(head))), None)  # the last 分别
    if respectively is None or _CN_FROM.search(head):
        return None
    things, said = head[: respectively.start()], head[respectively.end() :].strip()
    items = things.split("、")
    if len(items) == 1:
        items = _CN_ITEM_LINK.split(things)  # "进口和出口", where 、 is not used
    items = [item.strip().lstrip("将將把") for item in items]
    if len(items) != last - first + 1 or not all(items):
        return None  # "城乡低保标准分别提高13.1%和17.7%": the things are not listed apart
    return items[k - first], "" if k == last else items[-1], said


def _listed_words(listed: tuple[str, str, str]) -> str:
    """The words a figure of a "respectively" list is said with, as the text says them: its
    thing, the list's last thing where that is another, and 分别 with what follows it."""
    item, tail, said = listed
    return f"{item}、{tail}分别{said}" if tail else f"{item}分别{said}"


# A clause that only says a figure was reached, right after the figure it grew by.
_CN_REACHED = _either(r"\s*[，,]\s*(?:达到|达|为|至)\s*")
# Or compared with, by its qualifier alone: "广义货币M2增长11.3%，低于13%左右的预期目标".
_CN_COMMA = re.compile(r"\s*，\s*")
_CN_COMPARED = _either("低于|高于|超过|不低于|不高于|不到|接近")
# A Chinese level changed from one figure to another ("补助标准由240元提高到450元"): the second
# figure's own words are only the verb, said of anything; what it is a level of stands before
# 由 or 从.
_CN_CHANGED = "提高|增加|降低|下降|减少|扩大|提升|上调|下调|增长|上升|缩小|降|升|增"
_CN_TO = _either(f"(?:{_CN_CHANGED})(?:到|至)")
_CN_VERB_END = _either(f"(?:{_CN_CHANGED})$")
_CN_FROM = _either("(?:由|从)(?:人均|每人)?(?:每年|每月)?$")
# What stands between a year and the figure of that year: "2008年的1.4%", "2004年人均每月700元".
_OF_YEAR = _either("的|的?(?:人均|每人)(?:每年|每月)?|的?(?:每年|每月)")


def _from_to_subject(figures: _Figures, q: Quantity) -> tuple[str, str] | None:
    """For either figure of "X由A提高到B", the text before 由 or 从 that ends in X, and the verb
    said of B ("提高"; "" for A); None for any other figure."""
    text = figures.text
    # The figures that end before ``q``, and where ``q`` is said from: "从2008年的1.4%" says
    # 1.4% from 从, the year it is of between.
    k, start = _of_year(figures, bisect_right(figures.ends, q.start), q.start)
    floor = figures.ends[k - 1] if k else 0
    head = text[max(floor, start - CONTEXT_LOOK) : start]
    opening = _CN_FROM.search(head)
    said = ""
    if opening is None:  # B: only the verb stands between it and A, which 由 or 从 opens
        if not k:
            return None
        previous = figures.found[k - 1]
        verb = _CN_TO.fullmatch(text, previous.end, start)
        if verb is None:
            return None
        k, start = _of_year(figures, k - 1, previous.start)
        floor = figures.ends[k - 1] if k else 0
        head = text[max(floor, start - CONTEXT_LOOK) : start]
        opening = _CN_FROM.search(head)
        if opening is None:
            return None
        said = verb.group()[:-1]
    return head[: opening.start()], said


def _of_year(figures: _Figures, k: int, start: int) -> tuple[int, int]:
    """``k`` (the figures before ``start``) and ``start`` moved back over a year said of the
    figure at ``start`` ("2008年的" of "2008年的1.4%", "2004年人均每月" of "从2004年人均每月700元
    提高到…")."""
    if (
        k
        and figures.found[k - 1].kind == "year"
        and _OF_YEAR.fullmatch(figures.text, figures.ends[k - 1], start) is not None
    ):
        return k - 1, figures.found[k - 1].start
    return k, start


def _words_after(text: str, end: int) -> str:
    """The first few words after a quantity, up to the clause's next break: the noun an
    English number counts ("80 U.S. aircraft"), where a Chinese one has it in its unit."""
    segment = _next_words(text, end)
    # After a Chinese number stand counters (周年, 个), not what it counts: 改革开放40周年 and
    # 新中国成立70周年 are two anniversaries.
    return "" if has_han(segment) else segment


def _next_words(text: str, end: int) -> str:
    """The words after a quantity up to the clause's next break, in any script: 3600多万农村学生
    and 3700多万学生受益 both count pupils."""
    segment = text[end : end + _AFTER_CHARS]
    stop = _AFTER_BREAK.search(segment)
    return segment[: stop.start()] if stop else segment


def _words_before(segment: str, *, whole: bool = False) -> str:
    """The words of ``segment`` after its last clause break that say what follows them; a
    Chinese run is cut to its last _CHARS characters unless ``whole``. A segment is read as
    Chinese when it holds a Chinese character: English words stay words even beside a curly
    apostrophe or a dash ("Leaders’ Meeting", "in-person")."""
    breaks = list(CLAUSE_BREAK.finditer(segment))
    if breaks:
        segment = segment[breaks[-1].end() :]
    if not has_han(segment):
        words = segment.split()
        while words and words[-1].lower() in _LINKING_WORDS:
            words.pop()
        words = words[-_WORDS:]
        # The context starts after a figure or a closing quote, or ends at an opening one: a
        # possessive "’s" left of "2023’s target" or a lone "“" says nothing.
        while words and (words[0].lower() in _LINKING_WORDS or _LOOSE_END.fullmatch(words[0])):
            words.pop(0)
        while words and _LOOSE_END.fullmatch(words[-1]):
            words.pop()
        return " ".join(words)
    # An opening mark says nothing of what follows it: "启动实施《" is "启动实施".
    run = segment.strip().rstrip(_OPENING_MARKS).rstrip().rstrip(_CN_LINKING)
    return run if whole else _last_words(run, _CHARS)


def _last_words(text: str, limit: int) -> str:
    """The end of a Chinese text, at most ``limit`` characters, cut between words."""
    if len(text) <= limit:
        return text
    import rjieba  # word boundaries for a context too long to show whole

    # Words are found in the Simplified form, which the segmenter's dictionary is written in,
    # and cut from the text as written.
    key = to_simplified(text)
    if len(key) != len(text):
        key = text
    size = 0
    for word in reversed(rjieba.cut(key)):
        if size + len(word) > limit:
            break
        size += len(word)
    kept = text[len(text) - size :] if size else ""
    # A cut that opens on a particle says it was cut: "…面临的是世界经济和贸易增速" is
    # "世界经济和贸易增速", "…的税率降至" "税率降至".
    return kept.lstrip("的是了") or kept or text[-limit:]


def _context_after(text: str, end: int) -> str:
    """The words after an ordinal that say what it numbers: "Meeting", "中澳执法合作工作组会晤"."""
    segment = text[end:]
    first = CLAUSE_BREAK.search(segment)
    if first is not None:
        segment = segment[: first.start()]
    if not has_han(segment):
        words: list[str] = []
        for word in segment.split():
            if word.lower() in _LINKING_WORDS or len(words) == 3:
                break
            words.append(word)
        return " ".join(words)
    segment = segment.strip()[: 2 * _CHARS]
    # What a Chinese ordinal numbers is most often a meeting: up to its name ("…年度会晤").
    meeting = _MEETING.search(segment)
    return segment[: meeting.end()] if meeting is not None else segment[:6]
