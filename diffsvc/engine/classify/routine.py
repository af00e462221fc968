"""Routine changes: what changes every year by its nature.

An annual meeting's statement changes its ordinal (Tenth → Eleventh, 第十次 → 第十一次), its
dates and year, its host city or venue, and which side visited whom, every year. Those changes
are real — they stay substantive and the editorial toggle never hides them — but an analyst
wants to set them aside to see what else changed. A change is routine when it is one of these
in a clause about the meeting itself (a meeting, visit, session or dialogue is named in it):
a date, year or ordinal that changed, or a place or party name replaced by another.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

import regex

from diffsvc.models import Change, Span
from diffsvc.text.keys import match_key
from diffsvc.text.numerals import ORDINAL_WORDS
from diffsvc.text.scripts import HAN

_MEETING_EN = re.compile(
    r"\b(?:meetings?|sessions?|rounds?|dialogues?|summits?|visit(?:ed|s|ing)?|held|hosted|"
    r"convened|talks|consultations?|conference)\b",
    re.IGNORECASE,
)
# A clause saying when and where the meeting was held or the visit made.
_HELD = re.compile(
    r"\b(?:held|hosted|visited|took place|convened|met)\b|举行|访问|召开|举办|会晤",
    re.IGNORECASE,
)
# A dateline: the line under a report's title saying when and at which session it was
# delivered or adopted (——2023年3月5日在第十四届全国人民代表大会第一次会议上; "Delivered at the
# First Session of the 14th National People's Congress … on March 5, 2023"). Its date moves
# with the session every year, and a target year never stands alone on such a line.
_DATELINE = (
    re.compile(
        r"^[—–\-\s（(]*\d{4}年\d{1,2}月\d{1,2}日在?[^。；，]{2,40}?(?:会议|大会|峰会|论坛|会晤)"
        r"(?:上|通过)?[）)。]?$"
    ),
    re.compile(
        r"^[—–\-\s]*(?:Delivered|Adopted|Presented) at the [^.;]{3,160}?"
        r"\b(?:Session|Meeting|Summit|Conference)\b[^;]{0,160}$",
        re.IGNORECASE,
    ),
)
_MEETING_ZH = re.compile(
    "会晤|会议|会谈|对话|峰会|访问|举行|举办|召开|期间|年度|磋商|论坛|大会|届|次"
)
# A name as English writes it: capitalised words, "of" and "the" between them.
_NAME_EN = re.compile(r"^(?:[A-Z][\w'’.-]*)(?:\s+(?:of|the|and|[A-Z][\w'’.-]*))*$")
# A person's name with a middle initial: FOMC's voters ("Charles L. Evans" → "James Bullard")
# rotate, and a voter is no venue.
_PERSON = re.compile(r"^[A-Z][a-z]+ [A-Z]\. [A-Z][a-z]+$")
# A Chinese place name: two to six characters (悉尼, 新南威尔士); one is a word such as 作.
_HAN_ONLY = regex.compile(f"^[{HAN}]{{2,6}}$")
# What follows a Chinese place name in such a clause: 新南威尔士州, 新南威尔士州警方.
_PLACE_AFTER = (*"州省市岛区县", "警方", "政府", "警察")
_MONTHS = "january february march april may june july august september october november december"
_NOT_NAMES = frozenset(ORDINAL_WORDS) | frozenset(_MONTHS.split())
ROUTINE_KINDS = {
    "ordinal": "meeting number",
    "date": "dates",
    "year": "dates",
    "place": "venue",
    "vote": "voters",
}


def about_a_meeting(text: str) -> bool:
    """Whether a clause is about the meeting itself: it names a meeting, visit or session.

    >>> about_a_meeting("The Eleventh Annual Meeting was held in Canberra.")
    True
    >>> about_a_meeting("同澳联邦警察举行第十一次中澳执法合作工作组年度会晤")
    True
    >>> about_a_meeting("Inflation rose.")
    False
    """
    return _MEETING_EN.search(text) is not None or _MEETING_ZH.search(text) is not None


def place_changes(spans: Sequence[Span], new_text: str, numbers: Sequence[Change]) -> list[Change]:
    """Place and party names replaced by others in a clause about the meeting: "New South
    Wales → Victoria", 新南威尔士 → 维多利亚, "China visited Australia" → "Australia visited
    China". The quantities the change also holds (``numbers``) are set aside first."""
    if not about_a_meeting(new_text):
        return []
    changes = []
    before = ""
    rpos = 0
    for k, span in enumerate(spans):
        after = spans[k + 1].right if k + 1 < len(spans) else ""
        if span.op == "replace" and not span.editorial:
            swap = _name_swap(*_remainders(span, rpos, numbers), before, after)
            if swap is not None:
                note = f"place changed: {swap[0]} → {swap[1]}"
                changes.append(
                    Change(kind="place", left=swap[0], right=swap[1], note=note, routine=True)
                )
        before = span.right
        rpos += len(span.right)
    return changes


def _remainders(span: Span, rpos: int, numbers: Sequence[Change]) -> tuple[str, str]:
    """A changed stretch's two sides with the given quantities blanked out: what else changed.
    ``rpos`` is where the stretch starts in the later text."""
    left = span.left
    for c in numbers:
        left = left.replace(c.left or "\0", " ", 1)
    extents = [_extent(c.position, c.right) for c in numbers if c.right]
    right = "".join(
        " " if any(a <= k < b for a, b in extents) else ch
        for k, ch in enumerate(span.right, start=rpos)
    )
    return left, right


def _name_swap(old: str, new: str, before: str, after: str) -> tuple[str, str] | None:
    """The one name the two sides differ by, if that is all they differ by."""
    if old.isascii() and new.isascii():
        words_old, words_new = old.split(), new.split()
        matcher = SequenceMatcher(a=words_old, b=words_new, autojunk=False)
        changed = [op for op in matcher.get_opcodes() if op[0] != "equal"]
        if len(changed) != 1 or changed[0][0] != "replace":
            return None
        _, i1, i2, j1, j2 = changed[0]
        name_old = " ".join(words_old[i1:i2]).strip(",.;:")
        name_new = " ".join(words_new[j1:j2]).strip(",.;:")
        # A name stands on its own: the change is not the tail of a longer word.
        whole = (i1 > 0 or not before[-1:].isalpha()) and (
            i2 < len(words_old) or not after[:1].isalpha()
        )
        names = _NAME_EN.match(name_old) is not None and _NAME_EN.match(name_new) is not None
        person = _PERSON.match(name_old) is not None or _PERSON.match(name_new) is not None
        if whole and names and not person and not _quantity_like(f"{name_old} {name_new}"):
            return name_old, name_new
        return None
    old, new = old.strip(), new.strip()
    if _HAN_ONLY.match(old) and _HAN_ONLY.match(new) and after.startswith(_PLACE_AFTER):
        return old, new
    return None


def _quantity_like(text: str) -> bool:
    """Digits, ordinal words or months: a number or a date, not a name ("Tenth → Eleventh",
    "April → May")."""
    words = text.lower().split()
    return any(ch.isdigit() for ch in text) or any(w in _NOT_NAMES for w in words)


def mark_routine(changes: Sequence[Change], new_text: str, old_text: str) -> None:
    """Mark the number changes that are routine: the ordinal of a meeting ("Tenth → Eleventh
    Meeting", 第十次 → 第十一次 …会晤), and dates and years in a clause saying when it was
    held or the visit made (not a target year: "review in 2030 at the summit")."""
    if not any(change.kind == "number" for change in changes):
        return
    held: bool | None = None  # read once, and only for a clause whose dates changed
    dateline = _dateline(new_text) or _dateline(old_text)
    for change in changes:
        if change.kind != "number":
            continue
        if change.quantity == "ordinal":
            # On a dateline every number is the session's or its congress's (14th National
            # People's Congress), and moves on with the term.
            change.routine = about_a_meeting(change.context or "") or dateline
        elif change.quantity in ("date", "year"):
            if held is None:
                held = dateline or any(
                    _HELD.search(text) is not None for text in (new_text, old_text)
                )
            change.routine = held


def _dateline(text: str) -> bool:
    text = text.strip()
    return any(pattern.match(text) is not None for pattern in _DATELINE)


def all_routine(spans: Sequence[Span], changes: Sequence[Change]) -> bool:
    """Whether every substantive stretch of an entry's change is one of its routine changes:
    once its routine quantities are taken out and its routine names swapped, both sides of the
    stretch read alike."""
    routine = [c for c in changes if c.routine]
    if not routine or any(c.kind == "vote" and not c.routine for c in changes):
        return False  # a dissent added or dropped is never routine, wherever it stands
    numbers = [c for c in routine if c.kind == "number"]
    places = [c for c in routine if c.kind == "place"]
    # The voters of a vote record, rotated: a change inside the list of who voted is theirs.
    rosters = [_extent(c.position, c.right) for c in routine if c.kind == "vote"]
    rpos = 0
    for span in spans:
        # Words dropped at the list's end are not in it: "Voting against …" gone is no voter.
        inside = any(
            a <= rpos and (rpos + len(span.right) <= b if span.right else rpos < b)
            for a, b in rosters
        ) or any(_within(span, rpos, c) for c in numbers)
        if span.op != "equal" and not span.editorial and not inside:
            left, right = _remainders(span, rpos, numbers)
            for place in places:
                left = left.replace(place.left or "\0", place.right or "", 1)
            if match_key(left) != match_key(right):
                return False
        rpos += len(span.right)
    return True


def _within(span: Span, rpos: int, number: Change) -> bool:
    """Whether a changed stretch is a piece of one routine number's change: Chinese numerals
    differ by a character (第十三届 → 第十四届 differs in 三 → 四), so the stretch holds less
    than the number on either side."""
    if not number.left or not number.right or span.left not in number.left:
        return False
    a, b = _extent(number.position, number.right)
    return a <= rpos and rpos + len(span.right) <= b


def _extent(position: int | None, text: str | None) -> tuple[int, int]:
    start = position or 0
    return start, start + len(text or "")
