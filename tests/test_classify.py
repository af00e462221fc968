"""Commitment strength, both ways, English and Chinese: which changed words made a commitment
weaker or stronger, and which changes are only editorial.

Cases are clauses of the seed statement, the NPC resolutions and the FOMC statements, or
the mistakes issue #17 reports; the expected note was written before running them.
"""

from __future__ import annotations

import pytest

from diffsvc import compare


def _notes(old: str, new: str) -> list[str]:
    result = compare(old, new)
    return [c.note for e in result.alignment for c in e.changes if c.kind != "number"]


CASES = [
    # (id, earlier, later, commitment notes)
    (
        "establish-to-explore",
        "1. We will establish a mechanism.",
        "1. We will explore a mechanism.",
        ["commitment weakened: establish → explore"],
    ),
    (
        "will-to-may",
        "1. The parties will meet annually.",
        "1. The parties may meet annually.",
        ["commitment weakened: will → may"],
    ),
    (
        "may-to-shall",
        "1. The Parties may consult on these measures.",
        "1. The Parties shall consult on these measures.",
        ["commitment strengthened: may → shall"],
    ),
    (
        "should-to-must",
        "2. Each Party should notify the other Party of any change.",
        "2. Each Party must notify the other Party of any change.",
        ["commitment strengthened: should → must"],
    ),
    (
        "hedge-added-zh",
        "一、组织专家交流。",
        "一、视情组织专家交流。",
        ["commitment weakened: “视情” added"],
    ),
    (
        "explore-dropped-zh-seed",
        "四、加强打击电信网络诈骗合作。探索建立资金查控快速反应机制，推动重点个案侦办和情报线索交流共享。",
        "四、加强打击电信网络诈骗合作。建立资金查控快速反应机制，推动重点个案侦办和情报线索交流共享。",
        ["commitment strengthened: “探索” dropped"],
    ),
    (
        "ensure-to-strive-zh",
        "确保粮食产量稳定在1.3万亿斤以上。",
        "力争粮食产量稳定在1.3万亿斤以上。",
        ["commitment weakened: 确保 → 力争"],
    ),
    (
        "promote-to-explore-zh",
        "推动建立区域合作机制。",
        "探索建立区域合作机制。",
        ["commitment weakened: 推动 → 探索"],
    ),
    (
        "study-to-establish",
        "The parties will study a joint task force.",
        "The parties will establish a joint task force.",
        ["commitment strengthened: study → establish"],
    ),
    (
        "hedge-dropped-en",
        "The parties will explore ways to share data on money laundering.",
        "The parties will share data on money laundering.",
        ["commitment strengthened: “explore” dropped"],
    ),
    (
        "binding-word-dropped",
        "The Parties shall ensure that customs procedures are transparent.",
        "The Parties shall seek that customs procedures are transparent.",
        ["commitment weakened: ensure → seek"],
    ),
    (
        "same-strength-synonym",
        "1. The parties will strengthen cooperation.",
        "1. The parties will continue cooperation.",
        [],
    ),
    (
        "word-on-both-sides-is-no-change",
        "双方将探索推动执法合作。",
        "双方将推动执法合作。",
        ["commitment strengthened: “探索” dropped"],
    ),
    (
        "about-to-is-no-will",
        "现在，我代表国务院，向大会报告政府工作。",
        "本届政府任期即将结束。现在，我代表国务院，向大会报告工作。",
        [],
    ),
    (
        "will-beside-about-to-still-counts",
        "任期即将结束。我们推进改革。",
        "任期即将结束。我们将推进改革。",
        ["commitment strengthened: “将” added"],
    ),
    (
        # GWR 2016 → 2017: the closing paragraph foresees that the bonds of Chinese abroad
        # "必将不断增强"; a forecast commits the government to nothing.
        "a-forecast-is-no-will",
        "我们要认真落实侨务政策，依法维护海外侨胞和归侨侨眷的合法权益，充分发挥他们的独特优势和重要"
        "作用，不断增强海内外中华儿女的向心力。",
        "我们要认真落实侨务政策，保障海外侨胞和归侨侨眷合法权益，充分发挥他们的独特优势和重要作用，"
        "海内外中华儿女的凝聚力和向心力必将不断增强。",
        [],
    ),
    (
        "research-is-no-hedge",
        "政府重点支持前沿技术，鼓励原始创新。",
        "政府重点支持基础研究、前沿技术，鼓励原始创新。",
        [],
    ),
    (
        "study-is-a-hedge",
        "抓紧研究调整中央与地方事权。",
        "加快推进调整中央与地方事权。",
        ["commitment strengthened: 研究 → 推进"],
    ),
    (
        "fomc-firming-may-be-needed",
        "The Committee judges that some further policy firming may be needed to keep the risks "
        "to growth and price stability roughly in balance.",
        "The Committee judges that some inflation risks remain. The extent and timing of any "
        "additional firming that may be needed to address these risks will depend on the "
        "evolution of the outlook.",
        [],
    ),
    (
        "two-tasks-are-no-replacement",
        "我们要坚持对台工作大政方针，坚持一个中国原则和“九二共识”，坚决反对“台独”分裂行径，"
        "坚决反对外部势力干涉。两岸同胞要和衷共济，共创民族复兴的光荣伟业。",
        "我们要坚持对台工作大政方针，坚持一个中国原则和“九二共识”，推动两岸关系和平发展，"
        "促进两岸经济文化交流合作。两岸同胞要和衷共济，共创民族复兴的光荣伟业。",
        [],
    ),
    (
        "one-task-with-a-word-inserted",
        "1. The parties will identify priority sectors for cooperation.",
        "1. The parties may also identify priority sectors for cooperation.",
        ["commitment weakened: will → may"],
    ),
    (
        "a-new-task-is-no-firmer-commitment",
        "加强互联网内容建设和管理，繁荣发展文艺创作。",
        "加强互联网内容建设和管理，推进全民阅读，繁荣发展文艺创作。",
        ["commitment added: 推进全民阅读"],
    ),
    (
        "a-hedge-added-to-a-task-that-stays",
        "加强互联网内容建设和管理，繁荣发展文艺创作。",
        "加强互联网内容建设和管理，鼓励繁荣发展文艺创作。",
        ["commitment weakened: “鼓励” added"],
    ),
    (
        "fomc-spending-continues-is-no-commitment",
        "Household spending and business investment continue to expand.",
        "Household spending and business investment expanded.",
        [],
    ),
    (
        "others-encouraged-to-strengthen-is-no-commitment",
        "We encourage businesses to strengthen their action on climate.",
        "We encourage businesses to act on climate.",
        [],
    ),
    (
        "a-verb-in-a-list-under-will-commits",
        "1. Indonesia will, among other commitments, adopt a prohibition on such imports.",
        "1. Indonesia will, among other commitments, adopt and implement a prohibition on such "
        "imports.",
        ["commitment strengthened: “implement” added"],
    ),
    (
        "forecast-not-commitment",
        "Inflation should moderate in coming quarters.",
        "Inflation may moderate in coming quarters.",
        [],
    ),
    (
        "fomc-growth-will",
        "The Committee expects that economic growth will pick up.",
        "The Committee expects that economic growth should pick up.",
        [],
    ),
    (
        "fomc-committee-will",
        "The Committee will act as needed to promote sustainable growth.",
        "The Committee may act as needed to promote sustainable growth.",
        ["commitment weakened: will → may"],
    ),
    (
        "month-of-may-date",
        "1. The delegation visited from April 25 to 28, 2023.",
        "1. The delegation visited from May 13 to 16, 2024.",
        [],
    ),
    ("month-of-may-day-first", "1. They met on 25 April 2023.", "1. They met on 13 May 2024.", []),
    (
        "month-of-may-in",
        "1. The delegation visited in April, before the summit.",
        "1. The delegation visited in May, before the summit.",
        [],
    ),
    (
        "traditional-script-terms",
        "雙方將確保執法合作。",
        "雙方將力爭執法合作。",
        ["commitment weakened: 确保 → 力争"],
    ),
    # Australia → Japan critical-minerals frameworks: a memorandum's intent is looser than "will".
    (
        "will-to-intend",
        "Investment: The Participants will mobilize government and private sector support.",
        "Investment: The Participants intend to mobilize government and private sector support.",
        ["commitment weakened: will → intend"],
    ),
    (
        "intent-added-to-a-task-taken-in-hand",
        "Financing: the Participants are taking measures to provide at least $1 billion.",
        "Financing: the Participants intend to take measures to provide financial support.",
        ["commitment weakened: “intend” added"],
    ),
    # An English word added or dropped with a task the other version does not name is said
    # with that task, as a Chinese one is.
    (
        "a-dropped-english-task",
        "1. The Parties will promote trade. The Parties will also engage to address intellectual "
        "property, labor and environment.",
        "1. The Parties will promote trade. The Parties welcome progress.",
        ["commitment dropped: will also engage to address intellectual property"],
    ),
    # FOMC 2012 → 2013: "it likely will be appropriate" expects; it commits to nothing.
    (
        "a-hedged-will-expects",
        "The Committee will take a balanced approach.",
        "The Committee will take a balanced approach. It likely will be appropriate to "
        "maintain the current target range.",
        [],
    ),
    # GWR 2021 → 2022: of 2022's two 坚决, the one 2021 had ("坚决遏制“台独”…") is "坚决反对
    # “台独”…"; the one added is against outside interference.
    (
        "the-occurrence-added-is-the-one-unmatched",
        "推进两岸关系和平发展和祖国统一。高度警惕和坚决遏制“台独”分裂活动。",
        "推进两岸关系和平发展和祖国统一。坚决反对“台独”分裂行径，坚决反对外部势力干涉。",
        ["commitment added: 坚决反对外部势力干涉"],
    ),
    (
        "punctuation-only",
        "1. We will meet, and talk.",
        "1. We will meet and talk.",
        [
            "editorial only: punctuation, width, case, whitespace, script, spelling or how a "
            "figure is written"
        ],
    ),
]


@pytest.mark.parametrize(("old", "new", "notes"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_commitment_notes(old: str, new: str, notes: list[str]) -> None:
    assert _notes(old, new) == notes


def test_the_summary_counts_weaker_and_stronger_commitments() -> None:
    old = "1. The parties will meet annually.\n2. The Parties may consult on these measures."
    new = "1. The parties may meet annually.\n2. The Parties shall consult on these measures."
    summary = compare(old, new).summary.text
    assert summary.startswith(
        "2 substantive changes (1 with weaker commitments, 1 with stronger commitments)."
    )
