"""Synthetic statement pairs with a known clause alignment, for the engine benchmark (issue #2 §7).

A real pair of annual statements has no answer key, so the benchmark builds its own: a seeded
generator writes a "last year" statement of numbered clauses, then derives "this year" from it by
the edits analysts look for -- rewordings, deletions, insertions, moves, one split and one merge --
and records what it did as a list of :class:`Truth` entries in clause-index space.

Layout rules that keep indices honest: a document is one clause per line, every line a numbered
item, no title and no preamble, so paragraph ``i`` is clause ``i`` for diffsvc and for the line-,
word- and character-based peers alike. Numbers are rewritten after editing, so every insertion or
deletion renumbers the clauses after it, as in real statements.

>>> pair = generate_pair("en", 10, seed=1)
>>> len(pair.left_clauses)
10
>>> sorted({t.op for t in pair.truth}) == sorted(
...     {"unchanged", "modified", "added", "removed", "split", "merged"})
True
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz, process

Lang = Literal["en", "zh"]
TruthOp = Literal["unchanged", "modified", "added", "removed", "split", "merged"]

# Edit rates from issue #2 §7; each kind happens at least once, even in a 10-clause pair.
REWORD_RATE = 0.10
DELETE_RATE = 0.03
INSERT_RATE = 0.03
MOVE_RATE = 0.02
# An inserted clause stays below this similarity (rapidfuzz ``fuzz.ratio``) to every deleted one,
# so that "removed + added" is the only right reading of the pair.
NEW_CLAUSE_MAX_SIMILARITY = 0.7
# A move must jump over at least this many clauses that stay in order, so the moved clause is the
# unique smallest set of clauses that changed position (moving a clause past one neighbour is
# indistinguishable from moving the neighbour instead).
MIN_MOVE_DISTANCE = 3


@dataclass(frozen=True)
class Truth:
    """One ground-truth alignment entry: what happened to ``left`` clauses, and where they went."""

    op: TruthOp
    left: tuple[int, ...]
    right: tuple[int, ...]
    moved: bool = False


@dataclass
class Pair:
    """A generated statement pair: both texts, their clause lists, and the answer key."""

    lang: Lang
    size: int
    seed: int
    left_clauses: list[str]
    right_clauses: list[str]
    truth: list[Truth]
    left_text: str = field(init=False)
    right_text: str = field(init=False)

    def __post_init__(self) -> None:
        self.left_text = "\n".join(self.left_clauses) + "\n"
        self.right_text = "\n".join(self.right_clauses) + "\n"


# --- vocabulary ---------------------------------------------------------------------------------
# Phrases in the register of joint statements and cooperation memoranda. Clauses are built as
# "<Heading>. The parties will <verb> <object> <manner>." so every clause has two sentences (and can
# be split) while the slot combinations keep 10,000 clauses free of exact repeats.

EN_HEAD_VERBS = [
    "Strengthening",
    "Deepening",
    "Expanding",
    "Maintaining",
    "Promoting",
    "Enhancing",
    "Consolidating",
    "Advancing",
    "Upgrading",
    "Broadening",
    "Supporting",
    "Facilitating",
]
EN_AREAS = [
    "law enforcement cooperation against economic crimes",
    "cooperation on cracking down on telecom and cyber frauds",
    "the network security law enforcement cooperation",
    "the cooperation against drug-related crimes",
    "communications and exchanges at the senior and working levels",
    "cooperation on fugitive repatriation and asset recovery",
    "joint efforts against transnational organised crime",
    "cooperation on counter-terrorism and violent extremism",
    "exchanges on police training and capacity building",
    "cooperation on immigration and border management",
    "dialogue on maritime security and search and rescue",
    "cooperation on combating human trafficking",
    "information sharing on wildlife and environmental crimes",
    "cooperation on the protection of overseas nationals",
    "trade and investment facilitation",
    "cooperation in science, technology and innovation",
    "people-to-people and cultural exchanges",
    "cooperation in education and vocational training",
    "dialogue on climate change and clean energy",
    "cooperation on public health and pandemic preparedness",
    "agricultural cooperation and food security",
    "cooperation in civil aviation and transport connectivity",
    "tourism promotion and visa facilitation",
    "cooperation on customs and quarantine procedures",
    "financial regulatory cooperation",
    "cooperation on the digital economy and e-commerce",
    "exchanges between think tanks and the media",
    "sub-national and sister-city cooperation",
    "cooperation in disaster prevention and relief",
    "judicial assistance in criminal matters",
    "cooperation on anti-corruption and integrity",
    "exchanges on forensic science and evidence handling",
    "cooperation on the safety of major events",
    "dialogue on regional and international affairs",
    "cooperation within multilateral frameworks",
    "youth and sports exchanges",
    "cooperation on water resources management",
    "exchanges on urban planning and smart cities",
    "cooperation on critical minerals and supply chains",
    "cooperation on intellectual property protection",
]
EN_VERBS = [
    "make full use of",
    "establish",
    "explore",
    "jointly implement",
    "continue to support",
    "review the progress of",
    "regularly convene",
    "work together to improve",
    "actively advance",
    "set up",
    "further develop",
    "consider",
    "strengthen the coordination of",
    "promptly share",
    "launch",
    "expand the scope of",
    "encourage",
    "facilitate",
    "study the feasibility of",
    "co-host",
]
EN_OBJECTS = [
    "a rapid response mechanism for fund check and control",
    "the existing liaison officer network",
    "joint investigations of key individual cases",
    "the annual ministerial dialogue",
    "a working group of experts",
    "the exchange of intelligence and clues",
    "a memorandum of understanding on data protection",
    "training programmes for front-line officers",
    "pilot projects in border provinces",
    "the early warning and information disclosure mechanism",
    "technical assistance for capacity building",
    "a hotline between the two ministries",
    "joint operations against criminal networks",
    "scholarships for postgraduate students",
    "a framework for mutual recognition of standards",
    "the bilateral investment promotion programme",
    "exchange visits of delegations at all levels",
    "a joint research centre",
    "best-practice workshops for regulators",
    "the annual consultation on consular matters",
    "a roadmap for the next five years",
    "cooperation agreements between provincial authorities",
    "an online platform for case referrals",
    "seminars on emerging security threats",
    "the joint monitoring committee",
    "a programme of staff secondments",
    "emergency response drills",
    "regular expert consultations",
    "the sharing of forensic laboratory resources",
    "student and teacher exchange schemes",
]
EN_MANNERS = [
    "in line with their respective laws and regulations",
    "on the basis of equality and mutual benefit",
    "in a timely and effective manner",
    "as appropriate and subject to available resources",
    "before the next annual meeting",
    "within the framework of existing agreements",
    "with the participation of relevant agencies",
    "in accordance with international law",
    "at the working level",
    "through diplomatic channels",
    "in the course of the coming year",
    "with a view to concrete outcomes",
    "under the guidance of the two governments",
    "while respecting each other's sovereignty",
    "to safeguard the security of the two peoples",
    "on a reciprocal basis",
    "in both capitals in alternate years",
    "by the end of 2025",
    "in close consultation with each other",
    "to the mutual benefit of both sides",
]
# Words a drafter swaps when rewording a clause: modality, scope, intensity.
EN_SWAPS = [
    "further",
    "jointly",
    "actively",
    "bilateral",
    "regional",
    "practical",
    "timely",
    "annual",
    "enhanced",
    "comprehensive",
    "specific",
    "relevant",
    "explore",
    "consider",
    "shall",
    "may",
    "continue",
    "gradually",
    "joint",
    "new",
]

ZH_HEAD_VERBS = ["加强", "深化", "拓展", "保持", "推进", "提升", "巩固", "扩大", "完善", "促进"]
ZH_AREAS = [
    "打击经济犯罪执法合作",
    "打击电信网络诈骗合作",
    "网络安全执法合作",
    "打击毒品犯罪合作",
    "高层及工作层沟通交流",
    "追逃追赃合作",
    "打击跨国有组织犯罪合作",
    "反恐和打击暴力极端主义合作",
    "警务培训和能力建设交流",
    "出入境和边境管理合作",
    "海上安全与搜救对话",
    "打击拐卖人口犯罪合作",
    "打击野生动植物和环境犯罪信息交流",
    "海外公民安全保护合作",
    "贸易投资便利化合作",
    "科技创新合作",
    "人文交流",
    "教育和职业培训合作",
    "气候变化和清洁能源对话",
    "公共卫生和疫情防控合作",
    "农业和粮食安全合作",
    "民航和交通互联互通合作",
    "旅游和签证便利化合作",
    "海关检验检疫合作",
    "金融监管合作",
    "数字经济和电子商务合作",
    "智库和媒体交流",
    "地方和友好城市合作",
    "防灾减灾合作",
    "刑事司法协助",
    "反腐败合作",
    "刑事技术和证据交流",
    "大型活动安保合作",
    "地区和国际事务对话",
    "多边框架内合作",
    "青年和体育交流",
    "水资源管理合作",
    "城市规划和智慧城市交流",
    "关键矿产和供应链合作",
    "知识产权保护合作",
]
ZH_VERBS = [
    "用好",
    "建立",
    "探索建立",
    "共同实施",
    "继续支持",
    "定期评估",
    "定期举行",
    "共同完善",
    "积极推进",
    "设立",
    "进一步发展",
    "研究",
    "协调开展",
    "及时交流",
    "启动",
    "扩大",
    "鼓励",
    "便利",
    "研究可行性并推动",
    "共同主办",
]
ZH_OBJECTS = [
    "资金查控快速反应机制",
    "现有联络官网络",
    "重点个案联合调查",
    "年度部长级对话",
    "专家工作组",
    "情报线索交流共享",
    "数据保护谅解备忘录",
    "一线执法人员培训项目",
    "边境省份试点项目",
    "信息通报预警机制",
    "能力建设技术援助",
    "两部之间的热线",
    "打击犯罪网络联合行动",
    "研究生奖学金项目",
    "标准互认框架",
    "双边投资促进计划",
    "各层级代表团互访",
    "联合研究中心",
    "监管机构最佳实践研讨会",
    "领事磋商年度会议",
    "未来五年合作路线图",
    "省级主管部门合作协议",
    "案件移交网上平台",
    "新兴安全威胁研讨会",
    "联合监督委员会",
    "人员交流借调计划",
    "应急处置演练",
    "定期专家磋商",
    "刑事技术实验室资源共享",
    "师生交流计划",
]
ZH_MANNERS = [
    "在各自法律框架下",
    "本着平等互利原则",
    "及时有效地",
    "视情并在资源允许的情况下",
    "在下次年度会晤前",
    "在现有协议框架内",
    "在相关部门参与下",
    "根据国际法",
    "在工作层面",
    "通过外交渠道",
    "在未来一年内",
    "以取得务实成果为目标",
    "在两国政府指导下",
    "在相互尊重主权的基础上",
    "为维护两国人民安全",
    "在对等基础上",
    "在两国首都轮流",
    "在2025年底前",
    "在密切协商的基础上",
    "为实现互利共赢",
]
ZH_TAILS = [
    "共同应对跨国犯罪挑战",
    "不断增进战略互信",
    "有效维护两国人民和机构安全",
    "推动合作关系不断向前发展",
    "为双边关系注入新动力",
    "提升合作的质量和水平",
    "形成更多可复制的经验",
    "推动务实合作取得新进展",
]
# Two-character words a drafter swaps when rewording a Chinese clause.
ZH_SWAPS = [
    "进一步",
    "积极",
    "务实",
    "联合",
    "双边",
    "区域",
    "定期",
    "及时",
    "全面",
    "具体",
    "相关",
    "探索",
    "研究",
    "逐步",
    "新的",
    "深入",
    "稳步",
    "有效",
    "持续",
    "重点",
]

_ZH_DIGITS = "零一二三四五六七八九"
_ZH_UNITS = ["", "十", "百", "千"]


def zh_numeral(n: int) -> str:
    """Write ``1 <= n <= 99999`` as a Chinese numeral, the way article numbers are printed.

    >>> [zh_numeral(n) for n in (1, 10, 12, 20, 101, 110, 1005, 10000, 10203)]
    ['一', '十', '十二', '二十', '一百零一', '一百一十', '一千零五', '一万', '一万零二百零三']
    """
    if not 1 <= n <= 99999:
        raise ValueError(f"zh_numeral supports 1..99999, not {n}")
    if n >= 10000:
        high, low = divmod(n, 10000)
        rest = "" if low == 0 else ("零" if low < 1000 else "") + _zh_below_10000(low, False)
        return _ZH_DIGITS[high] + "万" + rest
    return _zh_below_10000(n, True)


def _zh_below_10000(n: int, leading: bool) -> str:
    digits = [int(d) for d in f"{n:04d}"]
    out: list[str] = []
    pending_zero = False
    started = False
    for pos, d in enumerate(digits):
        unit = _ZH_UNITS[3 - pos]
        if d == 0:
            pending_zero = started
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        # 十二, not 一十二, at the head of a number; 一百一十 keeps its 一 before 十.
        if not (leading and not started and d == 1 and unit == "十"):
            out.append(_ZH_DIGITS[d])
        out.append(unit)
        started = True
    return "".join(out)


def label(lang: Lang, number: int, total: int) -> str:
    """The numbering before a clause: ``1.`` in English; ``一、`` or ``第一百条　`` in Chinese.

    Short Chinese statements number items ``一、二、``; long ones are articles (``第十二条``).

    >>> label("en", 3, 10), label("zh", 3, 10), label("zh", 120, 1000)
    ('3. ', '三、', '第一百二十条\\u3000')
    """
    if lang == "en":
        return f"{number}. "
    if total <= 99:
        return zh_numeral(number) + "、"
    return "第" + zh_numeral(number) + "条\u3000"


def _en_body(rng: random.Random) -> str:
    head = f"{rng.choice(EN_HEAD_VERBS)} {rng.choice(EN_AREAS)}"
    verb, obj, manner = rng.choice(EN_VERBS), rng.choice(EN_OBJECTS), rng.choice(EN_MANNERS)
    second = f"The parties will {verb} {obj} {manner}"
    if rng.random() < 0.4:
        second += f", and {rng.choice(EN_VERBS)} {rng.choice(EN_OBJECTS)}"
    return f"{head}. {second}."


def _zh_body(rng: random.Random) -> str:
    while True:
        head = rng.choice(ZH_HEAD_VERBS) + rng.choice(ZH_AREAS)
        second = f"双方将{rng.choice(ZH_MANNERS)}{rng.choice(ZH_VERBS)}{rng.choice(ZH_OBJECTS)}"
        if rng.random() < 0.6:
            second += f"，{rng.choice(ZH_TAILS)}"
        body = f"{head}。{second}。"
        if 30 <= len(body) <= 120:
            return body


def _body(lang: Lang, rng: random.Random) -> str:
    return _en_body(rng) if lang == "en" else _zh_body(rng)


def reword(lang: Lang, body: str, rng: random.Random) -> str:
    """Change a few words (English) or characters (Chinese) of ``body``, as a redraft does."""
    if lang == "en":
        words = body.split(" ")
        # Keep the first word of each sentence so the clause still reads as the same item.
        candidates = [i for i, w in enumerate(words) if i > 0 and w.isalpha() and len(w) >= 4]
        for i in rng.sample(candidates, k=min(len(candidates), rng.randint(1, 3))):
            words[i] = rng.choice([s for s in EN_SWAPS if s != words[i]])
        out = " ".join(words)
    else:
        chars = list(body)
        for _ in range(rng.randint(1, 2)):
            hanzi = [
                i
                for i in range(2, len(chars) - 2)
                if _is_hanzi(chars[i]) and _is_hanzi(chars[i + 1])
            ]
            i = rng.choice(hanzi)
            chars[i : i + 2] = list(rng.choice(ZH_SWAPS))
        out = "".join(chars)
    return out if out != body else reword(lang, body, rng)


def _is_hanzi(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def split_body(lang: Lang, body: str) -> tuple[str, str]:
    """Cut a two-sentence clause at its first sentence end: the heading becomes its own item."""
    stop = ". " if lang == "en" else "。"
    cut = body.index(stop) + len(stop)
    return body[:cut].rstrip(), body[cut:]


def merge_bodies(lang: Lang, first: str, second: str) -> str:
    """Join two clauses into one, as when a drafter folds an item into the one before it."""
    return f"{first} {second}" if lang == "en" else first + second


@dataclass
class _Item:
    """A clause group on the right side, before numbering: its bodies and where they came from."""

    bodies: list[str]
    op: TruthOp
    left: tuple[int, ...]
    moved: bool = False


def generate_pair(lang: Lang, size: int, *, seed: int = 0) -> Pair:
    """Build a ``size``-clause statement in ``lang`` and an edited next-year version of it.

    The edits follow the rates at the top of this module (each at least once); the returned
    ``truth`` lists one entry per ground-truth alignment group, covering every clause of both sides
    exactly once. Same arguments, same pair.
    """
    if size < 10:
        raise ValueError("a pair needs at least 10 clauses to hold every kind of edit")
    rng = random.Random(f"{lang}:{size}:{seed}")
    seen: set[str] = set()

    def fresh(unlike: Sequence[str] = ()) -> str:
        while True:
            body = _body(lang, rng)
            if body in seen:
                continue
            # Phrases repeat across thousands of clauses; a "new" clause that differs from a
            # deleted one by two phrases is a rewording by any reading, so it is drawn again.
            if unlike and process.extractOne(
                body, unlike, scorer=fuzz.ratio, score_cutoff=NEW_CLAUSE_MAX_SIMILARITY * 100
            ):
                continue
            seen.add(body)
            return body

    left = [fresh() for _ in range(size)]

    # Fates of left clauses. The merge takes two neighbours, the split one clause; deletions and
    # rewordings come from what is left; moves from the untouched and reworded clauses.
    free = list(range(size))
    merge_at = rng.choice(free[:-1])
    free = [i for i in free if i not in (merge_at, merge_at + 1)]
    split_at = rng.choice(free)
    free.remove(split_at)
    deleted = set(rng.sample(free, max(1, round(size * DELETE_RATE))))
    free = [i for i in free if i not in deleted]
    reworded = set(rng.sample(free, max(1, round(size * REWORD_RATE))))

    items: list[_Item] = []
    for i, body in enumerate(left):
        if i in deleted or i == merge_at + 1:
            continue
        if i == merge_at:
            items.append(_Item([merge_bodies(lang, body, left[i + 1])], "merged", (i, i + 1)))
        elif i == split_at:
            items.append(_Item(list(split_body(lang, body)), "split", (i,)))
        elif i in reworded:
            items.append(_Item([reword(lang, body, rng)], "modified", (i,)))
        else:
            items.append(_Item([body], "unchanged", (i,)))

    gone = [left[i] for i in sorted(deleted)]
    for _ in range(max(1, round(size * INSERT_RATE))):
        items.insert(rng.randint(0, len(items)), _Item([fresh(gone)], "added", ()))

    _move(items, max(1, round(size * MOVE_RATE)), rng)

    right_count = sum(len(it.bodies) for it in items)
    left_clauses = [label(lang, i + 1, size) + body for i, body in enumerate(left)]
    right_clauses: list[str] = []
    truth: list[Truth] = [Truth("removed", (i,), ()) for i in sorted(deleted)]
    for it in items:
        first = len(right_clauses)
        for body in it.bodies:
            right_clauses.append(label(lang, len(right_clauses) + 1, right_count) + body)
        truth.append(Truth(it.op, it.left, tuple(range(first, len(right_clauses))), it.moved))
    return Pair(lang, size, seed, left_clauses, right_clauses, truth)


def _move(items: list[_Item], count: int, rng: random.Random) -> None:
    """Move ``count`` single clauses far from where they were, each past clauses that stay put.

    Only unchanged or reworded clauses move, never next to another moved clause, so the moved
    clauses are exactly the smallest set whose removal leaves the rest in order.
    """
    for _ in range(count):
        for _attempt in range(1000):
            src = rng.randrange(len(items))
            it = items[src]
            near = items[max(0, src - 1) : src + 2]
            if it.op not in ("unchanged", "modified") or any(n.moved for n in near):
                continue
            rest = items[:src] + items[src + 1 :]
            dst = rng.randint(0, len(rest))
            lo, hi = sorted((src, dst))
            crossed = [x for x in rest[lo:hi] if x.left and not x.moved]
            neighbours = rest[max(0, dst - 1) : dst + 1]
            if len(crossed) < MIN_MOVE_DISTANCE or any(n.moved for n in neighbours):
                continue
            it.moved = True
            items[:] = [*rest[:dst], it, *rest[dst:]]
            break
        else:  # pragma: no cover - only for absurdly small inputs
            raise RuntimeError("could not place a move")
