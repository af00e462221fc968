"""What kind of change an entry is: numbers, commitment strength, renumbering, editorial.

Readers of joint statements look first for three things: did a number or date change, did a
commitment get stronger or weaker ("will establish" → "will explore", 确保 → 力争), and is a
change only editorial. Numbers are read by ``quantities``; commitments by the lexicons below,
which are short on purpose: they name the words that carry commitment in this genre, each with
its strength, and only the changed words are read against them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from rapidfuzz import fuzz

from diffsvc.engine.classify import votes
from diffsvc.engine.classify.quantities import CLAUSE_BREAK, FIVE_YEARS, quantity_changes
from diffsvc.engine.classify.routine import mark_routine, place_changes
from diffsvc.models import Change, Clause, Document, Entry, Op, Span
from diffsvc.text.keys import EitherScript, match_key, to_simplified

# Commitment strength, strongest first: binding (3), firm intent (2), exploratory (1).
_STRENGTH_EN: dict[str, int] = {
    **dict.fromkeys(("shall", "must", "will", "ensure", "commit", "commits", "committed"), 3),
    **dict.fromkeys(("agree", "agrees", "agreed", "establish", "implement", "strengthen"), 3),
    "continue": 3,
    # A statement of intent, a memorandum's "The Participants intend to…", binds no one: it
    # is firmer than a hope and looser than "will" ("will mobilize" → "intend to mobilize").
    **dict.fromkeys(("should", "intend", "intends"), 2),
    **dict.fromkeys(("may", "explore", "consider", "study", "discuss", "seek", "aim"), 1),
    **dict.fromkeys(("endeavour", "endeavor", "encourage", "pilot", "strive"), 1),
}
_STRENGTH_ZH: dict[str, int] = {
    **dict.fromkeys(("必须", "确保", "应当", "坚决"), 3),
    **dict.fromkeys(("将", "建立", "落实", "加强", "推动", "坚持", "继续", "推进"), 2),
    **dict.fromkeys(("探索", "研究", "考虑", "探讨", "视情", "争取", "力争", "鼓励", "适时"), 1),
}
_MODALS = {"shall", "must", "will", "should", "may"}
# The subject of a forecast, not of a commitment: "inflation should moderate", "growth will
# pick up", "today's policy action should help", "financial developments may restrain economic
# activity", "any additional firming that may be needed".
_FORECAST = (
    "inflation growth economy activity unemployment employment prices price rates output "
    "spending investment demand conditions outlook expectations pressures recovery markets "
    "action actions policy firming tightening easing accommodation developments risks"
)
_FORECAST_SUBJECTS = frozenset(_FORECAST.split())
_HEDGES = frozenset({"likely", "probably", "unlikely"})
_JUDGED = re.compile(
    r"\s+(?:(?:also|still|then)\s+)?(?:be|remain)\s+(?:appropriate|warranted|necessary|needed)\b",
    re.I,
)
_INTENT = frozenset({"intend", "intends"})
_LINKS = "with from into onto upon that this these those their them such which where when"
_LINK_WORDS = frozenset(_LINKS.split())
# Stems an agreement says of anything, which name no task: "provide the other Party an
# opportunity to consult" does not stand in "written notice of termination to the other Party".
_GENERIC_STEMS = "other party parti unit stat each such agreement countri"
_GENERIC = frozenset(_GENERIC_STEMS.split())
# Who commits, right before a verb ("We encourage", "the Parties agree"), and the words whose
# "to" makes the next verb a commitment ("agreed to establish").
_SUBJECTS = (
    "we they parties party sides side leaders ministers governments government countries "
    "participants members signatories"
)
_COMMITTING_SUBJECTS = frozenset(_SUBJECTS.split())
_NAMED_SUBJECTS = _COMMITTING_SUBJECTS - {"we", "they"}
_SELF_COMMITTING = frozenset(
    ["commit", "commits", "committed", "agree", "agrees", "agreed", "intend", "intends"]
)
# Commitments that make every verb after them in their sentence one ("has committed to …,
# and adopt and implement"); "continue" and "seek" only frame the verb right after their "to".
_SENTENCE_FRAME_WORDS = (
    "commit commits committed agree agrees agreed decided intend intends intended resolved "
    "pledge pledged undertake undertakes"
)
_SENTENCE_FRAMES = frozenset(_SENTENCE_FRAME_WORDS.split())
_TO_FRAME_WORDS = "decide decides resolve continue continues seek seeks aim aims strive strives "
_TO_FRAME_WORDS += "endeavour endeavor plan plans"
_FRAMES = _SENTENCE_FRAMES | frozenset(_TO_FRAME_WORDS.split())
_EXPECTING_WORDS = "expect expects expected anticipate anticipates anticipated judge judges "
_EXPECTING_WORDS += "believe believes project projects projected foresee foresees"
_EXPECTING = frozenset(_EXPECTING_WORDS.split())
_FULL_STOP = re.compile(r"[.!?。！？](?=\s|$)")  # a sentence's end, not a list's ; or :
# A word, and a modal a source glued to the name before it: Cambodia's agreement as published
# reads "Cambodiashall adopt and implement…" and "Cambodiamay acknowledge…", which say "shall" and
# "may" as plainly as Jordan's "Jordan shall adopt…". The name is capitalised and four letters
# or more, so "Marshall" and "Dismay" stay words; "will" is left out for "Goodwill".
_WORD = re.compile(r"[A-Z][a-z]{3,}?(?=(?:shall|must|should|may)\b)|[A-Za-z]+")
_ZH_TERM = re.compile("|".join(sorted(_STRENGTH_ZH, key=len, reverse=True)))
# Words a commitment word stands in without committing to anything: 将 is "will" in
# 我们将继续…, but "about to" in 即将 (a report's "本届政府任期即将结束"), "nearly" in 将近, "the
# future" in 将来, and a forecast in 必将: "凝聚力和向心力必将不断增强" foresees, as FOMC's
# "inflation will moderate" does. 研究 hedges in "抓紧研究调整…" ("study adjusting"), but is
# research itself where a list or a sentence goes on after it (基础研究、前沿技术,
# 加强罕见病研究和用药保障) or a noun follows (研究院, 研究成果).
_ZH_NOT_COMMITMENT = re.compile(
    "即将|将近|将来|将军|将士|将领|必将"
    "|研究(?=[、，。；：,;.和与及院所生员型]|机构|成果|开发|人员|中心|领域|项目|工作|能力)"
    # What a review says was done: "同主要大国协调合作得到加强", "制度基本建立".
    "|(?<=得到|得以|有所|已经)(?:加强|落实|建立|推进|推动)|(?<=基本|初步)建立"
)
# The month: next to a day or a year ("May 13", "13 May", "May 2024"), or after "in"/"of".
_MONTH_MAY = re.compile(r"\bMay\b(?=,?\s+\d)|(?<=\d\s)May\b|(?<=\b(?:in|of) )May\b")
_SENTENCE_END = re.compile(r"[.;:!?。；：！？]")
# Where an English task ends: a clause's break, but not the point of "U.S." or "WTO.".
_TASK_BREAK = re.compile(r"[,;:!?()，；：。！？]|(?<![A-Z])\.(?=\s|$)")
# An aside between a modal and its verb, in commas: "shall, to the extent possible, exercise".
_ASIDE = re.compile(r"\s*,[^,.;:]{1,80},")
_AROUND = 16  # characters read either side of a changed stretch: a word, a month before a day
_OBJECT_CHARS = 12  # characters after a commitment word read for what it commits to
SAME_TASK = 60  # how alike (0..100) two commitments' objects are when they name one task
MAX_TASKS = 200  # commitment words of a rewritten paragraph read, per side
TASK_CHARS = 6  # characters of a task looked for in the other version
TASK_WORDS = 8  # words of an English task quoted in a note
TASK_CHARS_SHOWN = 16  # characters of a Chinese task quoted in a note
TASK_LOOK = 120  # characters read after an English commitment word for its task
TASK_WINDOW = 6  # first words of an English task looked for, three in a row, in the other
ALONE_TRIES = 3  # words added or dropped alone tried, strongest first
MATCHED_TASKS = 20  # occurrences of one word a side matched to find the one added or dropped
SENTENCE_LOOK = 600  # characters read back for a word's sentence
NEAREST_MODALS = 3  # modals before an English verb read for whether one commits to it
FRAMES_READ = 3  # "continue to seek to …" frames read back for who commits, at most
MAX_TERM_READS = 1000  # commitment words of one text read for a note

DESCRIBED = (Op.modified, Op.split, Op.merged)  # the ops classify() has facts about


def renumbering(left_label: str | None, right_label: str | None) -> list[Change]:
    """The change of a clause whose label changed.

    >>> [c.note for c in renumbering("3.", "4.")]
    ['renumbered 3. → 4.']
    >>> renumbering("3.", "3."), renumbering(None, "1."), renumbering("-", "•")
    ([], [], [])
    >>> renumbering("-", "4.")
    []
    """
    if left_label is None or right_label is None or left_label == right_label:
        return []
    if not any(ch.isalnum() for ch in left_label) or not any(ch.isalnum() for ch in right_label):
        # A bullet numbers nothing: "-" one year and "•" the next, or "-" in one partner's
        # framework and "4." in another's, is a list written otherwise, as an item that gains
        # a number where it had no label is.
        return []
    note = f"renumbered {left_label} → {right_label}"
    return [Change(kind="renumbered", left=left_label, right=right_label, note=note)]


# The heading of a report's review of the year or years past: "一、2021年工作回顾",
# "一、过去一年和五年工作回顾".
_REVIEW_HEADING = EitherScript("回顾")


def in_review(doc: Document) -> list[bool]:
    """For each clause, whether it stands under a heading of a review of the past. A review
    says what was done: its 推进, 坚持 and 加强 report actions taken, and commit the government
    to nothing ("统筹推进疫情防控和经济社会发展" in 2021's review of 2020)."""
    found: list[bool] = []
    for k, clause in enumerate(doc.clauses):
        p = clause.parent
        # A parent stands before its items: one pass, whatever the nesting.
        found.append(
            p is not None
            and 0 <= p < k
            and (found[p] or _REVIEW_HEADING.search(doc.clauses[p].text) is not None)
        )
    return found


# A review of five years ("一、过去五年工作回顾"), or of one year and five ("一、过去一年和五年工作
# 回顾"), whose five-year part opens with a paragraph on them ("过去五年极不寻常、极不平凡").
_FIVE_YEARS_HEADING = re.compile("五年")
_ONE_YEAR_HEADING = re.compile("一年")
# A paragraph of a five-year review that speaks of the last year alone: 2018's "刚刚过去的2017年，
# …国内生产总值增长6.9%".
_ONE_YEAR_OPENING = EitherScript(r"\s*(?:刚刚过去的|过去的)?(?:\d{4}年|过去一年|去年)[，,]")


def over_years(doc: Document) -> list[bool]:
    """For each clause, whether it stands in a review of five years, where what was done is
    five years' doing: 2018's "退出钢铁产能1.7亿吨以上" is no 2017 "退出钢铁产能6500万吨" grown.
    Under a heading of one year and five, the five years start at the paragraph that opens
    on them."""
    found: list[bool] = []
    begun: set[int] = set()  # headings of one year and five whose five years have begun
    for k, clause in enumerate(doc.clauses):
        p = clause.parent
        if p is None or not 0 <= p < k:
            found.append(False)
            continue
        head = doc.clauses[p].text
        if _ONE_YEAR_OPENING.match(clause.text):
            found.append(False)
            continue
        if found[p] or p in begun:
            found.append(True)
            continue
        five = _FIVE_YEARS_HEADING.search(head) and _REVIEW_HEADING.search(head)
        if five and not _ONE_YEAR_HEADING.search(head):
            found.append(True)
        elif five and FIVE_YEARS.match(clause.text):
            begun.add(p)
            found.append(True)
        else:
            found.append(False)
    return found


# The note of an entry whose words are the same, only paragraphed differently: a split or
# merge, or neighbouring entries between which the paragraph breaks moved.
SAME_WORDS_NOTE = "editorial only: the same words, paragraphed differently"


def classify(
    entry: Entry,
    left: Sequence[Clause],
    right: Sequence[Clause],
    following: tuple[str, str] = ("", ""),
    *,
    review: bool = False,
    years: tuple[bool, bool] = (False, False),
) -> list[Change]:
    """Facts about a modified, split or merged entry's change, in a fixed order. ``following``
    is the text of the clause after the entry on each side, where a vote's dissents may be;
    ``review`` says the entry's clauses all stand in reviews of the past (``in_review``), where
    no word commits; ``years`` whether each side's clauses all review five years
    (``over_years``)."""
    if entry.op not in DESCRIBED:
        return []
    if entry.editorial:
        note = (
            SAME_WORDS_NOTE
            if entry.op in (Op.split, Op.merged)
            else "editorial only: punctuation, width, case, whitespace, script, spelling or how "
            "a figure is written"
        )
        return [Change(kind="editorial", note=note)]
    old_text, new_text = "\n".join(c.text for c in left), "\n".join(c.text for c in right)
    changes = quantity_changes(old_text, new_text, entry.spans, years=years)
    old_vote, new_vote = votes.read(old_text, following[0]), votes.read(new_text, following[1])
    if old_vote is not None and new_vote is not None:
        # A vote record says who voted and why they dissented: the figures a dissenter
        # preferred are the dissent's, in its note, and its reasons commit the Committee to
        # nothing.
        changes = [c for c in changes if not votes.within_dissents(c, old_vote, new_vote)]
        old_text = _blank(old_text, old_vote.against)
        new_text = _blank(new_text, new_vote.against)
    changes += place_changes(entry.spans, new_text, [c for c in changes if c.kind == "number"])
    mark_routine(changes, new_text, old_text)
    changes += votes.changes(old_vote, new_vote, new_text)
    if review:
        return changes
    old_ranges, new_ranges = _changed_ranges(entry.spans)
    before, after = _terms(old_text, old_ranges), _terms(new_text, new_ranges)
    if entry.rewritten:
        before, after = _same_tasks(before, after)
    commitment = _commitment(_counted(before), _counted(after))
    if commitment is not None and commitment.left and commitment.right:
        # A word replaced by another is one commitment changed only if both are said of one
        # task: in a reworded paragraph, "坚决反对“台独”分裂行径" dropped and "推动两岸关系和平
        # 发展" added are two different tasks, and "坚决 → 推动" would say the first was softened.
        old_word, new_word = commitment.left, commitment.right
        if not any(
            _same_task(a[1], b[1], within=True)
            for a in before[:MAX_TASKS]
            if a[0] == old_word
            for b in after[:MAX_TASKS]
            if b[0] == new_word
        ):
            before, after = _same_tasks(before, after)
            commitment = _commitment(_counted(before), _counted(after))
    commitment = _task_added_or_dropped(commitment, before, after, old_text, new_text)
    if commitment is not None:
        changes.append(commitment)
    return changes


def _blank(text: str, where: range) -> str:
    """The text with a stretch of it blanked, every other character where it was."""
    return text[: where.start] + " " * len(where) + text[where.stop :]


def _task_added_or_dropped(
    commitment: Change | None,
    before: list[tuple[str, str]],
    after: list[tuple[str, str]],
    old_text: str,
    new_text: str,
) -> Change | None:
    """``commitment``, a word added or dropped alone, said as the task it names when that task
    stands in one version only. "双方将探索推动执法合作" → "双方将推动执法合作" drops a hedge from
    a task that stays: the commitment got firmer. But a paragraph that newly takes on "推进全民
    阅读" commits to one more task, no firmer to any, and one that drops "推动开展线索协查…" no
    longer commits to that task: "commitment added: 推进全民阅读", "commitment dropped: 推动开展
    线索协查". English alike: Viet Nam's "will engage to address intellectual property" is not
    Bangladesh's "will" dropped from a task it keeps but "commitment dropped: will engage to
    address intellectual property". Of the words added or dropped alone, strongest first, the
    first said of a task both versions name is the change; if none is, the strongest is said
    with its task."""
    first = commitment
    if first is None or _alone(first) is None:
        return first
    found: Change | None = first
    kept_before, kept_after = before, after
    # Each version's match key (for a Chinese word) and stems (for an English one), read once
    # whatever the words tried.
    keys: dict[str, str] = {}
    stems: dict[str, str] = {}
    gone = ""  # the first task of the first word tried that the other version does not name
    for _ in range(ALONE_TRIES):
        word = _alone(found) if found is not None else None
        if found is None or word is None:
            break
        mine, theirs, text, other = (
            (kept_before, kept_after, old_text, new_text)
            if found.left
            else (kept_after, kept_before, new_text, old_text)
        )
        # Of the word's occurrences, those left once each of the other version's is matched to
        # the one most alike are the ones added or dropped: Ecuador "has committed to adopt …
        # environmental protection" and "has also committed to take measures", Argentina only
        # to take measures; 2018's "继续推进国防和军队改革" is 2019's "继续深化国防和军队改革",
        # and the 继续 added is that of "要继续以党在新时代的强军目标为引领".
        objects = _unmatched(
            [o for w, o in mine[:MAX_TASKS] if w == word][:MATCHED_TASKS],
            [o for w, o in theirs[:MAX_TASKS] if w == word][:MATCHED_TASKS],
        )[:ALONE_TRIES]
        if word in _STRENGTH_ZH:
            if other not in keys:
                keys[other] = match_key(other)
            missing = [o for o in objects if not _task_stands(o, keys[other])]
        else:
            if other not in stems:
                stems[other] = _stems(other)
            missing = [
                o for o in objects if not _task_stands_en(_task_en(text, word, o)[1], stems[other])
            ]
        if not missing:
            return found
        if found is first:
            gone = missing[0]
        kept_before = [t for t in kept_before if t[0] != word]
        kept_after = [t for t in kept_after if t[0] != word]
        found = _commitment(_counted(kept_before), _counted(kept_after))
    word = _alone(first) or ""
    task = gone
    text = old_text if first.left else new_text
    direction = "dropped" if first.left else "added"
    if word in _STRENGTH_EN:
        written, task = _task_en(text, word, task)
        return first.model_copy(update={"note": f"commitment {direction}: {written} {task}"})
    # Quoted as written: 推動開展線索協查 in a Traditional text, though the lexicon is Simplified,
    # and to the end of a word: "落实习近平同志系列重要讲话精神", not "…讲话精".
    at = text.find(task) if task else -1
    written = text[at - len(word) : at] if at >= len(word) else word
    if to_simplified(written) != word:
        written = word
    if at >= 0:
        task = _task_zh(text, at)
    return first.model_copy(update={"note": f"commitment {direction}: {written}{task}"})


# What ends a Chinese task: a clause's break, but not the 、 of the things it is said of
# ("加强对增长、就业、物价、国际收支等主要目标的统筹平衡").
_TASK_END = re.compile(r"[,，;；:：。!?！？()（）\n]")


def _task_zh(text: str, at: int) -> str:
    """A Chinese task from ``at``, to the clause's next break, at most TASK_CHARS_SHOWN
    characters and cut between words."""
    rest = text[at : at + TASK_CHARS_SHOWN + 1]
    stop = _TASK_END.search(rest)
    if stop is not None:
        return rest[: stop.start()]
    if len(rest) <= TASK_CHARS_SHOWN:
        return rest
    import rjieba  # word boundaries, only for a task too long to show whole

    kept = ""
    for word in rjieba.cut(text[at : at + 2 * TASK_CHARS_SHOWN]):
        if len(kept) + len(word) > TASK_CHARS_SHOWN:
            break
        kept += word
    # An opening quote or a list's 、 at the cut says nothing: "贯彻“一国两制”、“…" is
    # "贯彻“一国两制”…".
    return (kept.rstrip("、“‘「『《〈（(") or rest[:TASK_CHARS_SHOWN]) + "…"


def _unmatched(mine: list[str], theirs: list[str]) -> list[str]:
    """The objects of ``mine`` left once each of ``theirs`` has taken the one most alike."""
    left = [match_key(o) for o in mine]
    free = list(range(len(mine)))
    for key in (match_key(o) for o in theirs):
        if not free:
            break
        free.remove(max(free, key=lambda k: fuzz.ratio(left[k], key)))
    return [mine[k] for k in free]


def _task_en(text: str, word: str, following: str) -> tuple[str, str]:
    """An English commitment word as written and the task it is said of: the words after it
    to the clause's next break, at most TASK_WORDS ("will", "engage to address intellectual
    property"). ``following`` is the object ``_terms`` read, which finds the word again."""
    aside = _ASIDE.pattern if word.lower() in _MODALS else ""
    # As written: the word, or its -ing form that ``_lexicon_word`` read as it.
    forms = "|".join(
        re.escape(f) for f in (word, word.removesuffix("e") + "ing", word + word[-1:] + "ing")
    )
    found = re.search(rf"\b({forms})(?:{aside})?{re.escape(following)}", text, re.IGNORECASE)
    if found is None:
        return word, following.strip()
    rest = text[found.end(1) : found.end(1) + TASK_LOOK]
    aside_found = _ASIDE.match(rest) if aside else None
    if aside_found is not None:
        rest = rest[aside_found.end() :]
    stop = _TASK_BREAK.search(rest)
    if (
        stop is not None
        and stop.group() == ","
        and not rest[: stop.start()].strip()
        and word.lower() not in _MODALS
    ):
        # "shall ratify or accede to, and shall fully implement, the international intellectual
        # property treaties": what a verb commits to follows its comma. After a modal the comma
        # opens an aside ("shall, consistent with Cambodia’s sovereign interests, adopt…").
        rest = rest[stop.end() :]
        stop = _TASK_BREAK.search(rest)
    words = (rest[: stop.start()] if stop else rest).split()
    task = " ".join(words[:TASK_WORDS]) + (" …" if len(words) > TASK_WORDS else "")
    return found.group(1), task


def _task_stands_en(task: str, other_stems: str) -> bool:
    """Whether an English task stands in the other version (``other_stems``, as ``_stems``):
    three words in a row of its first TASK_WINDOW stand there in a row, however inflected
    ("take measures to" in "are taking measures to"; "explore ways to share data" in "will
    share data"). A word with nothing after it is taken at its word."""
    words = _stems(task).split()[:TASK_WINDOW]
    if not words:
        return True
    for k in range(max(1, len(words) - 2)):
        window = words[k : k + 3]
        if not any(len(w) > 3 and w not in _LINK_WORDS and w not in _GENERIC for w in window):
            continue  # "to the", "of their", "the other Party" stand anywhere
        if f" {' '.join(window)} " in other_stems:
            return True
    return False


_SUFFIX = re.compile(r"(?:ing|ed|es|s|e)$")


def _stems(text: str) -> str:
    """English words cut to a rough stem, space-separated with a space at each end: "taking
    measures" and "take measure" are both " tak measur "."""
    words = (_SUFFIX.sub("", w) if len(w) > 4 else w for w in _WORD.findall(text.casefold()))
    return f" {' '.join(words)} "


def _alone(change: Change) -> str | None:
    """The word of a commitment change that added or dropped one word alone."""
    if (change.left is None) == (change.right is None):
        return None
    return change.left or change.right


def _task_stands(task: str, text_key: str) -> bool:
    """Whether the task a commitment word is said of (its first words) is named in the text
    whose match key is ``text_key``; a word with nothing after it says of no task and is taken
    at its word."""
    key = match_key(task).strip()[:TASK_CHARS]
    return len(key) < 2 or key in text_key


def _changed_ranges(spans: Sequence[Span]) -> tuple[list[range], list[range]]:
    """Where each side's wording was changed: the characters of its substantive spans (an
    editorial one, script or punctuation, changes no commitment)."""
    left: list[range] = []
    right: list[range] = []
    lpos = rpos = 0
    for span in spans:
        if span.op != "equal" and not span.editorial:
            left.append(range(lpos, lpos + len(span.left)))
            right.append(range(rpos, rpos + len(span.right)))
        lpos, rpos = lpos + len(span.left), rpos + len(span.right)
    return left, right


def _terms(text: str, changed: Sequence[range]) -> list[tuple[str, str]]:
    """The commitment words that start among a text's changed characters, each with what it
    commits to (the words after it, up to the clause's next break). A modal verb whose subject
    is an economic quantity makes a forecast, not a commitment, and an English verb commits only
    when someone commits to it (``_committed``). Only the changed stretches (with a few words
    around them) are read."""
    found: list[tuple[str, str]] = []
    reads = 0  # commitment words read, the first MAX_TERM_READS: a real paragraph holds tens
    for r in changed:
        if not r:
            continue
        if reads >= MAX_TERM_READS:
            break
        lo, hi = max(0, r.start - _AROUND), min(len(text), r.stop + _AROUND)
        window = text[lo:hi]
        # "May 13 to 16, 2024" is a date, not a hedge; blanked out at the same length.
        readable = _MONTH_MAY.sub(lambda m: " " * len(m.group()), window)
        for m in _WORD.finditer(readable):
            word = _lexicon_word(m.group().lower())
            at = lo + m.start()
            if word not in _STRENGTH_EN or at not in r:
                continue
            reads += 1
            if reads > MAX_TERM_READS:
                break
            if _framed_by_intent(text, at):
                continue  # "intend to continue to adopt": the intent is the commitment
            if not _forecast(text, at, word) and _committed(text, at, word):
                found.append((word, _object(text, lo + m.end(), modal=word in _MODALS)))
        if not window.isascii():
            # In Simplified script, the lexicon's; a conversion that moves characters is not used.
            simple = to_simplified(window)
            read = simple if len(simple) == len(window) else window
            inside = {
                at for m in _ZH_NOT_COMMITMENT.finditer(read) for at in range(m.start(), m.end())
            }
            for m in _ZH_TERM.finditer(read):
                if lo + m.start() in r and m.start() not in inside:
                    reads += 1
                    if reads > MAX_TERM_READS:
                        break
                    found.append((m.group(), _object(text, lo + m.end())))
    return found


_CONTINUING = re.compile(r"\s+to\s+continue(?=\s+to\b)", re.I)
_INTENT_TO = re.compile(
    r"\b(?:intends?|intended|seeks?|aims?|strives?|endeavou?rs?|plans?)\s+to\s+$", re.I
)


def _framed_by_intent(text: str, at: int) -> bool:
    """Whether the word at ``at`` follows an intent and its "to": Switzerland's "intend to
    continue to adopt and implement" commits no more than its "intend", which is read
    itself, so Indonesia's "commits to adopt" → it is a commitment weakened."""
    return _INTENT_TO.search(text, max(0, at - 20), at) is not None


def _lexicon_word(word: str) -> str:
    """A commitment verb's -ing form read as the verb: Ecuador "committed to strengthening"
    cooperation commits to what El Salvador "committed to strengthen"."""
    if word in _STRENGTH_EN or not word.endswith("ing"):
        return word
    stem = word[:-3]
    doubled = stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""  # committing
    for base in (stem, stem + "e", doubled):
        if base in _STRENGTH_EN and base not in _MODALS:
            return base
    return word


def _object(text: str, end: int, *, modal: bool = False) -> str:
    """What a commitment word commits to: the words after it, to the next break; after a
    modal's aside ("shall, consistent with Cambodia’s sovereign interests, adopt…"), the words
    after the aside."""
    if modal:
        aside = _ASIDE.match(text, end)
        if aside is not None:
            end = aside.end()
    # "intend to continue to adopt…" commits to adopting, as "commits to adopt" does.
    continuing = _CONTINUING.match(text, end)
    if continuing is not None:
        end = continuing.end()
    following = text[end : end + _OBJECT_CHARS]
    stop = CLAUSE_BREAK.search(following)
    return following[: stop.start()] if stop else following


def _counted(found: Sequence[tuple[str, str]]) -> Counter[str]:
    return Counter(word for word, _ in found)


def _same_tasks(
    before: list[tuple[str, str]], after: list[tuple[str, str]]
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Of a rewritten paragraph's commitment words, those said of a task the other version
    also names: "确保粮食产量…" against "力争粮食产量…" is a target softened, but a "推动" added
    in a paragraph written anew says nothing of how firm last year's words were."""

    # Each word is read against every word of the other side: the first MAX_TASKS of each
    # bound that, however long a pasted paragraph is.
    before, after = before[:MAX_TASKS], after[:MAX_TASKS]
    kept_before = [b for b in before if any(_same_task(b[1], a[1]) for a in after)]
    kept_after = [a for a in after if any(_same_task(a[1], b[1]) for b in before)]
    return kept_before, kept_after


def _same_task(a: str, b: str, *, within: bool = False) -> bool:
    """Whether two commitment words' objects name one task: alike as a whole, or (``within``)
    one's words standing in the other's ("will identify priorities" and "may also identify
    priorities")."""
    ka, kb = match_key(a), match_key(b)
    return (fuzz.partial_ratio if within else fuzz.ratio)(ka, kb) >= SAME_TASK


def _inside(position: int, ranges: Sequence[range]) -> bool:
    return any(position in r for r in ranges)


def _forecast(text: str, at: int, word: str) -> bool:
    """Whether a modal verb (at ``at``) says what an economic quantity will do."""
    if word not in _MODALS:
        return False
    # A hedged modal expects, it does not commit: FOMC's "it likely will be appropriate to
    # maintain the current target range", "will probably".
    near = _WORD.findall(text[max(0, at - _AROUND) : at + len(word) + _AROUND])
    if any(w.lower() in _HEDGES for w in near):
        return True
    if _JUDGED.match(text, at + len(word)):
        # What will be appropriate is judged, not promised: "this exceptionally low range for
        # the federal funds rate will be appropriate at least as long as …".
        return True
    sentence = _SENTENCE_END.split(_looking_back(text, at))[-1]
    return any(w.lower() in _FORECAST_SUBJECTS for w in _WORD.findall(sentence))


def _looking_back(text: str, at: int) -> str:
    """The text before ``at`` that a word's sentence is read in: at most SENTENCE_LOOK
    characters, so a pasted paragraph with no full stop costs each word the same."""
    return text[max(0, at - SENTENCE_LOOK) : at]


def _committed(text: str, at: int, word: str, *, framed: int = 0) -> bool:
    """Whether an English commitment verb (at ``at``) is said by someone committing: after a
    modal ("will continue", "shall adopt and implement"), after a commitment and its "to"
    ("agreed to establish", "committed to strengthen"), or right after who commits ("We
    encourage", "Leaders continue"). A statement also says what the economy does with the same
    verbs: "the labor market has continued to strengthen", "strains in global financial markets
    continue to pose significant downside risks". Modals and words that commit by themselves
    (agree, commit) count wherever they stand."""
    if word in _MODALS or word in _SELF_COMMITTING:
        return True
    back = _looking_back(text, at)
    before = [w.lower() for w in _WORD.findall(_SENTENCE_END.split(back)[-1])[-2:]]
    if before and before[-1] in _COMMITTING_SUBJECTS:
        # "they" commits only as those who do: G7 leaders ("They continue to support…"), not
        # FOMC's businesses ("Businesses … remain reluctant to add to payrolls; they continue to
        # make progress in bringing inventory stocks into better alignment with sales").
        return before[-1] != "they" or any(
            w.lower() in _NAMED_SUBJECTS for w in _WORD.findall(back)
        )
    if before and before[-1] == "to":
        # An infinitive commits only after a commitment ("agreed to establish"): "to help
        # ensure that inflation…" and "the need to strengthen" say what for, whatever modal
        # the sentence holds elsewhere.
        if len(before) < 2 or before[-2] not in _FRAMES:
            return False
        if before[-2] in _SENTENCE_FRAMES or framed == FRAMES_READ:
            return True
        # After "continue to" or "seek to", only where the continuing commits: "the Parties
        # will continue to strengthen" does, FOMC's "labor market indicators will continue to
        # strengthen" says what the economy will do.
        frame = list(_WORD.finditer(back))[-2]
        start = at - len(back) + frame.start()
        return _committed(text, start, before[-2], framed=framed + 1)
    # A modal (not a forecast's) or a commitment earlier in the sentence, lists and all:
    # "Indonesia will, among other commitments, adopt and implement…", "Guatemala has committed
    # to continue facilitating trade, …, and adopt and implement good regulatory practices".
    sentence = _FULL_STOP.split(back)[-1]
    start = at - len(sentence)
    modals = 0
    for m in reversed(list(_WORD.finditer(sentence))):
        w = m.group().lower()
        if w in _EXPECTING:
            # What is expected is no part of what was decided before it: "the Committee decided
            # to keep the target range … and currently anticipates that … longer-term inflation
            # expectations continue to be well anchored".
            return False
        if w in _SENTENCE_FRAMES:
            return True
        if w in _MODALS:
            if not _forecast(text, start + m.start(), w):
                return True
            modals += 1
            if modals == NEAREST_MODALS:
                break
    return False


def _strength(term: str) -> int:
    return _STRENGTH_EN.get(term) or _STRENGTH_ZH.get(term, 0)


def _strongest(terms: Counter[str]) -> str:
    """The strongest word; of equally strong ones, a verb before a modal ("establish" says
    more than "will"), then the first alphabetically."""
    return max(terms, key=lambda t: (_strength(t), t not in _MODALS, t))


def _commitment(before: Counter[str], after: Counter[str]) -> Change | None:
    """A commitment made stronger or weaker by the changed words: a word replaced by a weaker or
    stronger one ("establish → explore", 确保 → 力争), or one dropped or added alone (a hedge
    dropped strengthens, a binding word dropped weakens). Words on both sides cancel out.

    >>> _commitment(Counter(["确保"]), Counter(["力争"])).note
    'commitment weakened: 确保 → 力争'
    >>> _commitment(Counter(["may"]), Counter(["shall"])).note
    'commitment strengthened: may → shall'
    """
    removed, added = before - after, after - before
    if removed and added:
        old, new = _strongest(removed), _strongest(added)
        if _strength(old) == _strength(new):
            return None
        direction = "weakened" if _strength(new) < _strength(old) else "strengthened"
        note = f"commitment {direction}: {old} → {new}"
        return Change(kind="modality", left=old, right=new, note=note)
    # Alone, an intent hedges the task it is said of: "are taking measures" → "intend to take
    # measures" commits to less, whatever "intend" is worth against "will".
    if removed:
        old = _strongest(removed)
        direction = "strengthened" if _strength(old) == 1 or old in _INTENT else "weakened"
        return Change(kind="modality", left=old, note=f"commitment {direction}: “{old}” dropped")
    if added:
        new = _strongest(added)
        direction = "weakened" if _strength(new) == 1 or new in _INTENT else "strengthened"
        return Change(kind="modality", right=new, note=f"commitment {direction}: “{new}” added")
    return None
