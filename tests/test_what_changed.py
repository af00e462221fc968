"""What changed, as an analyst reads it: which quantities moved from what to what, and that a
changed number is never filed as editorial.

Each case is one clause in two versions, most of them real sentences from the corpora in
../shared/corpora (FOMC statements, Government Work Reports and NPC resolutions, the White House
reciprocal-trade frameworks) and the seed statement, the rest the mistakes issue #17 reports.
The notes expected were written from reading the two sentences, before running diffsvc on
them. Notes name what the quantity counts (the words before it, or after an ordinal), then old
→ new, a shared unit written once ("1.3 → 1.4万亿斤") but a percent sign on both sides
("3% → 2%"), and a changed qualifier in parentheses ("(以上 → 左右)").
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diffsvc import compare
from diffsvc.models import Op

FOMC_RATE = "The Federal Open Market Committee decided today to lower its target for the federal funds rate {} basis points to {} percent."  # noqa: E501
FOMC_DISCOUNT = "In a related action, the Board of Governors unanimously approved a {}-basis-point decrease in the discount rate to {} percent."  # noqa: E501
FOMC_RANGE = "Given the economic outlook, and recognizing the time it takes for policy actions to affect future economic outcomes, the Committee decided to raise the target range for the federal funds rate to {} percent."  # noqa: E501
GWR_2022 = "今年发展主要预期目标是：国内生产总值增长5.5%左右；城镇新增就业1100万人以上，城镇调查失业率全年控制在5.5%以内；居民消费价格涨幅3%左右；居民收入增长与经济增长基本同步；进出口保稳提质，国际收支基本平衡；粮食产量保持在1.3万亿斤以上。"  # noqa: E501
GWR_2023 = "今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人左右，城镇调查失业率5.5%左右；居民消费价格涨幅3%左右；居民收入增长与经济增长基本同步；进出口促稳提质，国际收支基本平衡；粮食产量保持在1.3万亿斤以上。"  # noqa: E501
TARIFF = "The United States will maintain at {} percent the reciprocal tariffs, as set forth in Executive Order 14257 of April 2, {}, as amended, on originating goods of {}."  # noqa: E501
SEED_ZH = "应澳大利亚联邦警察邀请，{}，中华人民共和国公安部派团访问澳大利亚，同澳联邦警察举行{}中澳执法合作工作组年度会晤。"  # noqa: E501
SEED_EN = "A delegation of the Ministry of Public Security of the People's Republic of China visited Australia from {} for the {} Annual Meeting of China-Australia Working Group on Law Enforcement Cooperation."  # noqa: E501
NPC = "{}全国人民代表大会{}会议听取和审议了国务院总理{}所作的政府工作报告。"
FOMC_QE = "In addition, the Committee intends to purchase a further {} of longer-term Treasury securities by the end of the second quarter of 2011, a pace of about {} per month."  # noqa: E501
G7_GHG = "We will make a substantial contribution to efforts to reduce global GHG emissions by around {} in this critical decade and by {} by 2035, relative to the 2019 level."  # noqa: E501
GOALS_EN = "The Government set a target of {} for the unemployment rate this year."

# (id, earlier clause, later clause, notes on quantities and references, editorial only)
CASES: list[tuple[str, str, str, list[str], bool]] = [
    # --- issue #17: a changed number is never editorial ---
    (
        "decimal-point-dropped",
        "The Committee decided to lower the rate to 1.5 percent.",
        "The Committee decided to lower the rate to 15 percent.",
        ["Committee decided to lower the rate 1.5 → 15 percent"],
        False,
    ),
    (
        "billions",
        "The Fund will provide $1.5 billion in new financing.",
        "The Fund will provide $15 billion in new financing.",
        ["Fund will provide $1.5 billion → $15 billion"],
        False,
    ),
    (
        "minus-sign",
        "Real output grew by −0.5 percent last quarter.",
        "Real output grew by 0.5 percent last quarter.",
        ["Real output grew −0.5 → 0.5 percent"],
        False,
    ),
    (
        "percent-zh",
        "国内生产总值增长5.5%。",
        "国内生产总值增长55%。",
        ["国内生产总值增长 5.5% → 55%"],
        False,
    ),
    (
        "thousands-separator",
        "The parties deployed 1,000 officers to the region.",
        "The parties deployed 1.000 officers to the region.",
        ["parties deployed 1,000 → 1.000 officers"],
        False,
    ),
    (
        "date-range-dash",
        "The Committee will meet on March 15-16 in Washington.",
        "The Committee will meet on March 1516 in Washington.",
        ["Committee will meet on March 15-16 → March 1516"],
        False,
    ),
    (
        "year-to-time",
        "The parties will review the targets in 2030 at the summit.",
        "The parties will review the targets in 20:30 at the summit.",
        ["parties will review the targets in 2030 → 20:30"],
        False,
    ),
    (
        "phase-range",
        "Phase 1-3 of the project will be completed next year.",
        "Phase 13 of the project will be completed next year.",
        ["reference changed: Phase 1-3 → Phase 13"],
        False,
    ),
    (
        "percent-sign-dropped",
        "Imports rose by 5% in the first half.",
        "Imports rose by 5 in the first half.",
        ["Imports rose 5% → 5"],
        False,
    ),
    # --- GWR 2022 → 2023, 2016 → 2018: a growth, the level a change starts from and the level
    # it reaches are different figures, however alike the words before them ---
    (
        "growth-is-no-starting-level",
        "科技力量加快壮大。企业研发经费增长15.5%。数字技术与实体经济加速融合。",
        "全社会研发经费投入强度从2.1%提高到2.5%以上，科技进步贡献率提高到60%以上。",
        [
            "全社会研发经费投入强度 2.1% added",
            "全社会研发经费投入强度提高到 2.5%以上 added",
            "科技进步贡献率提高到 60%以上 added",
            "企业研发经费增长 15.5% dropped",
        ],
        False,
    ),
    (
        "level-reached-pairs-with-level-reached",
        "服务业在国内生产总值中的比重上升到50.5%，首次占据“半壁江山”。",
        "消费贡献率由54.9%提高到58.8%，服务业比重从45.3%上升到51.6%，成为经济增长主动力。",
        [
            "消费贡献率 54.9% added",
            "消费贡献率提高到 58.8% added",
            "服务业比重 45.3% added",
            "服务业比重上升到 50.5% → 51.6%",
        ],
        False,
    ),
    # --- Cambodia → Jordan agreements, the frameworks: "third countries" ranks nothing, like
    # 第三方; its words changing is a wording change, not a number dropped ---
    (
        "third-country-is-no-rank",
        "Each Party shall address the non-market policies and practices of third countries.",
        "Each Party shall address non-market policies and practices.",
        [],
        False,
    ),
    # --- GWR 2022 → 2023, 2016 → 2018: a year's growth is no five-year average of it, and no
    # share a figure stands at ---
    (
        "average-is-no-years-growth",
        "货物进出口总额增长21.4%。",
        "货物进出口总额年均增长8.6%。",
        ["货物进出口总额年均增长 8.6% added", "货物进出口总额增长 21.4% dropped"],
        False,
    ),
    (
        "level-is-no-growth",
        "国内生产总值达到67.7万亿元，增长6.9%。",
        "对世界经济增长贡献率超过30%。",
        [
            "对世界经济增长贡献率 超过30% added",
            "国内生产总值 67.7万亿元 dropped",
            "增长 6.9% dropped",
        ],
        False,
    ),
    # --- GWR 2014 → 2017: a change by a share of itself is no change in points of a share ---
    (
        "relative-change-is-no-change-in-points",
        "能源消耗强度下降3.7%。",
        "清洁能源消费比重提高1.7个百分点。",
        ["清洁能源消费比重提高 1.7个百分点 added", "能源消耗强度下降 3.7% dropped"],
        False,
    ),
    # --- GWR 2018 → 2019: services' share of output is not their share of growth, and
    # consumption's share of growth is not services' ---
    (
        "two-measures-of-one-thing-are-two-figures",
        "五年来，经济结构出现重大变革。消费贡献率由54.9%提高到58.8%，服务业比重从45.3%上升到51.6%，成为经济增长主动力。",
        "——经济结构不断优化。消费拉动经济增长作用进一步增强。服务业对经济增长贡献率接近60%，高技术产业、装备制造业增速明显快于一般工业。",
        [
            "服务业对经济增长贡献率 接近60% added",
            "五年 dropped",
            "消费贡献率 54.9% dropped",
            "消费贡献率提高到 58.8% dropped",
            "服务业比重 45.3% dropped",
            "服务业比重上升到 51.6% dropped",
        ],
        False,
    ),
    # --- GWR 2019 → 2023: high-speed rail built in a year is not the cities' rail transit ---
    (
        "one-measure-of-two-things-is-two-figures",
        "新增高速铁路运营里程4100公里，新建改建高速公路6000多公里、农村公路30多万公里。",
        "加强城市基础设施建设，轨道交通运营里程从4500多公里增加到近1万公里，排水管道从63万公里增加到89万公里。",
        [
            "轨道交通运营里程 4500多公里 added",
            "轨道交通运营里程增加到 近1万公里 added",
            "排水管道 63万公里 added",
            "排水管道增加到 89万公里 added",
            "新增高速铁路运营里程 4100公里 dropped",
            "新建改建高速公路 6000多公里 dropped",
            "农村公路 30多万公里 dropped",
        ],
        False,
    ),
    # --- a year's word is its role: "by 2030" a deadline, "compared to 2010" a base; a note
    # keeps it where both versions say it, and says neither where they differ ---
    (
        "a-year-keeps-its-word",
        "We commit to cut our collective emissions by around half compared to 2010 and to reach "
        "net zero no later than 2050.",
        "We commit to cut our collective emissions by around 60 percent compared to 2019 and to "
        "reach net zero no later than 2045, and to protect 30 percent of coastal and marine areas "
        "by 2030.",
        [
            "We commit to cut our collective emissions around 60 percent added",
            "compared to 2010 → 2019",
            "reach net zero no later than 2050 → 2045",
            "protect 30 percent added",
            "coastal and marine areas by 2030 added",
        ],
        False,
    ),
    (
        "a-year-said-two-ways-keeps-neither-word",
        "The Agreement builds on the Bilateral Investment Treaty signed on July 16, 1996.",
        "The Agreement builds on the Bilateral Investment Treaty signed in 2013.",
        ["builds on the Bilateral Investment Treaty signed July 16, 1996 → 2013"],
        False,
    ),
    # --- a level reached keeps its 到, to, than: "上升 56.2%" would be a rise by 56.2% ---
    (
        "level-reached-keeps-its-to-zh",
        "国内有效发明专利拥有量突破100万件。科技进步贡献率上升到56.2%，创新对发展的支撑作用明显增强。",
        "技术合同成交额增长30%以上。科技进步贡献率提高到58.5%。",
        [
            "技术合同成交额增长 30%以上 added",
            "科技进步贡献率提高到 56.2% → 58.5%",
            "有效发明专利拥有量突破 100万件 dropped",
        ],
        False,
    ),
    (
        "level-reached-keeps-its-to-en",
        "The United States will reduce to 20 percent the reciprocal tariffs on originating goods.",
        "The United States will reduce to 19 percent the reciprocal tariffs on originating goods.",
        ["United States will reduce to 20 → 19 percent"],
        False,
    ),
    (
        "a-ceiling-keeps-its-than",
        "The United States will eliminate tariffs on covered goods with an MFN rate lower than 15 "
        "percent.",
        "The United States will eliminate tariffs on covered goods with an MFN rate lower than 10 "
        "percent.",
        ["covered goods with an MFN rate lower than 15 → 10 percent"],
        False,
    ),
    # --- FOMC September 2015 → September 2016: English says it with a verb, "by" the change
    # and "to" the level reached ---
    (
        "change-is-no-level-reached-en",
        # The FOMC's 2015 and 2016 dissents, said as the Committee's own decision: in the vote
        # record itself the figures are the dissenters' (tests/test_votes.py).
        "The Committee decided to raise the target range for the federal funds rate by 25 basis "
        "points at this meeting.",
        "The Committee decided at this meeting to raise the target range for the federal funds "
        "rate to 1/2 to 3/4 percent.",
        [
            "target range for the federal funds rate 1/2 to 3/4 percent added",
            "target range for the federal funds rate 25 basis points dropped",
        ],
        False,
    ),
    # --- G7 2021 → 2024: a temperature is no share of emissions, however both read "1.5" ---
    (
        "temperature-is-no-share",
        "We commit to accelerating efforts to cut greenhouse gas emissions and keep the 1.5°C "
        "global warming threshold within reach.",
        "We commit to efforts to reduce global GHG emissions by around 43 per cent in this "
        "critical decade.",
        [
            "efforts to reduce global GHG emissions around 43 per cent added",
            "cut greenhouse gas emissions and keep 1.5°C dropped",
        ],
        False,
    ),
    (
        "temperature-written-out",
        "We will keep the 1.5°C global warming threshold within reach.",
        "We will keep the 1.5 degrees Celsius global warming threshold within reach.",
        [],
        True,
    ),
    # --- how a figure is written is not what it says (FOMC November 2010, G7 2024, GWR) ---
    (
        "currency-code-for-sign",
        FOMC_QE.format("$600 billion", "$75 billion"),
        FOMC_QE.format("USD 600 billion", "US$75 billion"),
        [],
        True,
    ),
    (
        "per-cent-as-sign",
        G7_GHG.format("43 per cent", "60 per cent"),
        G7_GHG.format("43%", "60 percent"),
        [],
        True,
    ),
    (
        "percent-in-words-zh",
        "今年发展主要预期目标是：国内生产总值增长5%左右。",
        "今年发展主要预期目标是：国内生产总值增长百分之五左右。",
        [],
        True,
    ),
    (
        "currency-dropped",
        FOMC_QE.format("$600 billion", "$75 billion"),
        FOMC_QE.format("600 billion", "$75 billion"),
        ["Committee intends to purchase a further $600 billion → 600 billion"],
        False,
    ),
    (
        "currency-changed",
        FOMC_QE.format("$600 billion", "$75 billion"),
        FOMC_QE.format("€600 billion", "$75 billion"),
        ["Committee intends to purchase a further $600 billion → €600 billion"],
        False,
    ),
    (
        "qualifier-dropped-with-notation",
        G7_GHG.format("43 per cent", "60 per cent"),
        G7_GHG.format("43%", "60%").replace("by around", "by"),
        ["efforts to reduce global GHG emissions 43 per cent → 43% (around → —)"],
        False,
    ),
    # --- a rewritten sentence: figures pair only when they count the same thing ---
    (
        "rewritten-figures-unrelated-zh",
        "1. 过去一年，国内生产总值增长6.9%，城镇新增就业1351万人。",
        "1. 过去一年，居民消费价格上涨2.1%，日均新设企业1.8万户。",
        [
            "居民消费价格上涨 2.1% added",
            "日均新设企业 1.8万户 added",
            "国内生产总值增长 6.9% dropped",
            "城镇新增就业 1351万人 dropped",
        ],
        False,
    ),
    (
        "rewritten-figures-one-kept-en",
        "1. The deficit ratio is set at 3%, and the economy grew 6.9% while 13 million urban "
        "jobs were added.",
        "1. The deficit ratio is set at 4%, and consumer prices rose 2.1% while 18,000 "
        "businesses opened each day.",
        [
            "deficit ratio is set 3% → 4%",
            "consumer prices rose 2.1% added",
            "while 18,000 businesses added",
            "economy grew 6.9% dropped",
            "while 13 million urban jobs dropped",
        ],
        False,
    ),
    (
        "rewritten-count-of-one-noun",
        "1. Procurement of 80 U.S. aircraft.",
        "1. Vietnam Airlines has agreed to purchase 50 aircraft from Boeing.",
        ["Vietnam Airlines has agreed to purchase 80 → 50 aircraft"],
        False,
    ),
    (
        "ordinals-of-different-bodies",
        "1. 过去一年，第十二届全国人大第一次会议以来，改革发展成绩显著。",
        "1. 过去一年，党的十九大以来，改革发展成绩显著。",
        ["十九大 added", "第十二届 dropped 全国人大", "第一次 dropped 会议"],
        False,
    ),
    # --- editorial stays editorial, never inside a number ---
    ("full-width-digits", "双方同意于２０２３年举行会晤。", "双方同意于2023年举行会晤。", [], True),
    (
        "chinese-commas",
        "双方认为，过去一年，合作稳步推进。",
        "双方认为, 过去一年, 合作稳步推进。",
        [],
        True,
    ),
    (
        "traditional-script",
        "雙方同意在2024年加強執法合作。",
        "双方同意在2024年加强执法合作。",
        [],
        True,
    ),
    (
        "en-dash-range",
        "The Committee will meet on March 15–16 in Washington.",
        "The Committee will meet on March 15-16 in Washington.",
        [],
        True,
    ),
    (
        "curly-quotes",
        "The parties reaffirmed the “One China” policy in 2023.",
        'The parties reaffirmed the "One China" policy in 2023.',
        [],
        True,
    ),
    # A copy out of a PDF (pdftotext) joins a line broken at a hyphen without it: G7 2021's
    # "COVID-" / "19", "40-" / "year", FOMC 2005's "25-" / "basis-point". A name's or a unit's
    # hyphen is no minus sign and no range dash; the figures are the same figures.
    (
        "name-hyphen-dropped",
        "Financing for Development in the Era of COVID-19 and Beyond Initiative.",
        "Financing for Development in the Era of COVID19 and Beyond Initiative.",
        [],
        True,
    ),
    (
        "duration-hyphen-dropped",
        "This is a fairer tax system, reversing a 40-year race to the bottom.",
        "This is a fairer tax system, reversing a 40year race to the bottom.",
        [],
        True,
    ),
    (
        "basis-point-hyphen-dropped",
        FOMC_DISCOUNT.format(25, 3),
        FOMC_DISCOUNT.format(25, 3).replace("25-basis", "25basis"),
        [],
        True,
    ),
    (
        "name-number-changed",
        "The G-7 leaders met in Cornwall.",
        "The G-8 leaders met in Cornwall.",
        ["reference changed: G-8 added", "reference changed: G-7 dropped"],
        False,
    ),
    (
        "sentence-period-after-year",
        "The parties agreed to meet again in 2024.",
        "The parties agreed to meet again in 2024",
        [],
        True,
    ),
    (
        # The sentence is rewritten around the rate, which lands in another stretch of change;
        # it is the only rate on either side, so the two are one rate changed.
        "framework-tariff-rate-across-a-rewrite",
        "The United States will maintain at 20 percent the reciprocal tariffs, as set forth in Executive Order 14257 of April 2, 2025, as amended, on originating goods of Viet Nam.",  # noqa: E501
        "The United States will reduce the reciprocal tariff rate, as initially set forth in Executive Order 14257 of April 2, 2025, to 19 percent on originating goods of Bangladesh.",  # noqa: E501
        ["United States will maintain 20 → 19 percent"],
        False,
    ),
    (
        # GWR 2019 → 2022: output and revenue both "突破" a total; the word says nothing of
        # what either counts.
        "gwr-two-totals-that-share-only-a-verb",
        "国内生产总值增长6.6%，总量突破90万亿元。",
        "国内生产总值达到114万亿元，增长8.1%。全国财政收入突破20万亿元。",
        [
            "国内生产总值 114万亿元 added",
            "增长 6.6% → 8.1%",
            "全国财政收入突破 20万亿元 added",
            "总量突破 90万亿元 dropped",
        ],
        False,
    ),
    (
        # US–Thailand → US–Indonesia frameworks: a sum written "$…" and one written "… USD" are
        # one currency, so the purchase's value changed.
        "one-currency-written-two-ways",
        "Purchases of agriculture products with an estimated value of $2.6 billion per year.",
        "Purchase of agriculture products with an estimated total value of 4.5 billion USD.",
        ["agriculture products with an estimated total value $2.6 billion → 4.5 billion USD"],
        False,
    ),
    (
        # …and a count of aircraft is no sum of money, whatever words stand before both.
        "a-count-is-no-sum",
        "Procurement of 80 U.S. aircraft, totaling $18.8 billion.",
        "Procurement of aircraft currently valued at 3.2 billion USD.",
        [
            "Procurement of aircraft currently valued 3.2 billion USD added",
            "Procurement 80 U.S. aircraft dropped",
            "totaling $18.8 billion dropped",
        ],
        False,
    ),
    (
        "duration-with-its-unit",
        "Purchases of energy products, with an estimated value of $15 billion over 15 years.",
        "Purchases of energy products, with an estimated value of $15 billion over 10 years.",
        ["estimated value 15 → 10 years"],
        False,
    ),
    # --- FOMC statements ---
    (
        "fomc-2007-10-to-12",
        FOMC_RATE.format(25, "4-1/2"),
        FOMC_RATE.format(25, "4-1/4"),
        ["target for the federal funds rate 4-1/2 → 4-1/4 percent"],
        False,
    ),
    (
        "fomc-2008-01-22-to-30",
        FOMC_RATE.format(75, "3-1/2"),
        FOMC_RATE.format(50, "3"),
        [
            "target for the federal funds rate 75 → 50 basis points",
            "target for the federal funds rate 3-1/2 → 3 percent",
        ],
        False,
    ),
    (
        # December 2007 → 2008: the cut's size is gone and the rate became a range; the rate
        # is the rate, not the 25-point cut.
        "fomc-2007-12-to-2008-12",
        FOMC_RATE.format(25, "4-1/4"),
        "The Federal Open Market Committee decided today to establish a target range for the federal funds rate of 0 to 1/4 percent.",  # noqa: E501
        [
            "target range for the federal funds rate 4-1/4 → 0 to 1/4 percent",
            "target for the federal funds rate 25 basis points dropped",
        ],
        False,
    ),
    (
        "fomc-discount-2008-01",
        FOMC_DISCOUNT.format(75, "4"),
        FOMC_DISCOUNT.format(50, "3-1/2"),
        [
            "Board of Governors unanimously approved 75 → 50-basis-point",
            "decrease in the discount rate 4 → 3-1/2 percent",
        ],
        False,
    ),
    (
        "fomc-discount-2008-10",
        FOMC_DISCOUNT.format(50, "1-3/4"),
        FOMC_DISCOUNT.format(50, "1-1/4"),
        ["decrease in the discount rate 1-3/4 → 1-1/4 percent"],
        False,
    ),
    (
        "fomc-target-range-2016",
        FOMC_RANGE.format("1/4 to 1/2"),
        FOMC_RANGE.format("1/2 to 3/4"),
        ["target range for the federal funds rate 1/4 to 1/2 → 1/2 to 3/4 percent"],
        False,
    ),
    (
        "fomc-maintain-not-raise",
        "Against this backdrop, the Committee decided to raise the target range for the federal funds rate to 1/4 to 1/2 percent.",  # noqa: E501
        "Against this backdrop, the Committee decided to maintain the target range for the federal funds rate at 1/4 to 1/2 percent.",  # noqa: E501
        [],
        False,
    ),
    (
        "fomc-zero-lower-bound",
        "The Committee decided today to establish a target range for the federal funds rate of 0 to 1/4 percent.",  # noqa: E501
        "The Committee decided today to keep the target range for the federal funds rate at 0 to 1/4 percent.",  # noqa: E501
        [],
        False,
    ),
    (
        "fomc-inflation-objective",
        "Inflation has continued to run below the Committee's 2 percent longer-run objective.",
        "Inflation has continued to run below the Committee's 2.5 percent longer-run objective.",
        ["continued to run below the Committee's 2 → 2.5 percent"],
        False,
    ),
    # --- Government Work Reports: the year's targets ---
    (
        "gwr-targets-2022-to-2023",
        GWR_2022,
        GWR_2023,
        [
            "国内生产总值增长 5.5% → 5%",
            "城镇新增就业 1100 → 1200万人 (以上 → 左右)",
            "城镇调查失业率 5.5% (以内 → 左右)",
        ],
        False,
    ),
    (
        "gwr-cpi-target",
        "居民消费价格涨幅3%左右。",
        "居民消费价格涨幅2%左右。",
        ["居民消费价格涨幅 3% → 2%"],
        False,
    ),
    (
        "gwr-grain-output",
        "粮食产量保持在1.3万亿斤以上。",
        "粮食产量保持在1.4万亿斤左右。",
        ["粮食产量保持 1.3 → 1.4万亿斤 (以上 → 左右)"],
        False,
    ),
    (
        "gwr-energy-intensity",
        "单位国内生产总值能耗降低2.5%左右。",
        "单位国内生产总值能耗降低3%左右。",
        ["单位国内生产总值能耗降低 2.5% → 3%"],
        False,
    ),
    (
        "gwr-three-targets",
        "居民消费价格涨幅3%左右；粮食产量1.3万亿斤以上；单位国内生产总值能耗降低2.5%左右。",
        "居民消费价格涨幅2%左右；粮食产量1.4万亿斤左右；单位国内生产总值能耗降低3%左右。",
        [
            "居民消费价格涨幅 3% → 2%",
            "粮食产量 1.3 → 1.4万亿斤 (以上 → 左右)",
            "单位国内生产总值能耗降低 2.5% → 3%",
        ],
        False,
    ),
    (
        "gwr-growth-qualifier",
        "国内生产总值增长6%以上。",
        "国内生产总值增长5.5%左右。",
        ["国内生产总值增长 6% → 5.5% (以上 → 左右)"],
        False,
    ),
    ("gwr-deficit-ratio", "赤字率拟按3%安排。", "赤字率拟按4%安排。", ["赤字率拟 3% → 4%"], False),
    (
        # GWR 2016 → 2019: 第三方 (a third party) and 第一要务 (the first task) rank nothing.
        "gwr-set-phrases-are-no-ordinals",
        "认真开展督查，引入第三方评估。发展是第一要务。",
        "认真开展督查。创新是第一动力。",
        [],
        False,
    ),
    (
        # GWR 2016 → 2019: "接近" (close to) qualifies the figure whole; it is no part of what
        # the figure measures.
        "gwr-close-to",
        "服务业对经济增长贡献率达到66.4%。",
        "服务业对经济增长贡献率接近60%。",
        ["服务业对经济增长贡献率 66.4% → 60% (— → 接近)"],
        False,
    ),
    (
        "gwr-special-bonds",
        "拟安排地方政府专项债券3.65万亿元。",
        "拟安排地方政府专项债券3.8万亿元。",
        ["拟安排地方政府专项债券 3.65 → 3.8万亿元"],
        False,
    ),
    (
        "gwr-review-achievements",
        "国内生产总值达到114万亿元，增长8.1%。",
        "国内生产总值达到121万亿元，增长3%。",
        ["国内生产总值 114 → 121万亿元", "增长 8.1% → 3%"],
        False,
    ),
    (
        # A count keeps its measure word: laws and regulations by the piece (件), measures by
        # the item (项), cuts by the time (次).
        "gwr-counted-items",
        "提请全国人大常委会审议法律议案11件，制定修订行政法规8件。",
        "提请全国人大常委会审议法律议案18件，制定修订行政法规37件。",
        ["审议法律议案 11 → 18件", "制定修订行政法规 8 → 37件"],
        False,
    ),
    (
        # GWR 2013 → 2016: a plan named for its target year is a name, not a figure that took
        # the place of last year's growth rate.
        "gwr-plan-named-for-a-year",
        "高技术制造业增加值增长13.4%。",
        "启动实施《中国制造2025》，高技术制造业加快发展。",
        [
            "reference changed: 启动实施 中国制造2025 added",
            "高技术制造业增加值增长 13.4% dropped",
        ],
        False,
    ),
    (
        # A figure after "和" in a list counts what the list's first figure counts.
        "gwr-second-figure-of-a-list-dropped",
        "城镇居民人均可支配收入和农村居民人均纯收入实际增长8.4%和11.4%。",
        "城镇居民人均可支配收入实际增长8.4%。",
        ["人均纯收入实际增长 11.4% dropped"],
        False,
    ),
    (
        # "将" (taking 3岁以下… as its object) says nothing of what the figure counts.
        "gwr-disposal-marker-is-no-context",
        "将3岁以下婴幼儿照护费用纳入个人所得税专项附加扣除。",
        "继续实施个人所得税专项附加扣除。",
        ["3岁以下 dropped"],
        False,
    ),
    (
        "gwr-jobs-added",
        "城镇新增就业1269万人。",
        "城镇新增就业1206万人。",
        ["城镇新增就业 1269 → 1206万人"],
        False,
    ),
    (
        "gwr-percentage-points",
        "单位国内生产总值能耗下降2.7个百分点。",
        "单位国内生产总值能耗下降0.1个百分点。",
        ["单位国内生产总值能耗下降 2.7 → 0.1个百分点"],
        False,
    ),
    (
        "gwr-years-in-words",
        "过去3年，我们稳步推进改革。",
        "过去一年，我们稳步推进改革。",
        ["过去 3 → 一年"],
        False,
    ),
    (
        "gwr-percent-in-words",
        "增长百分之五。",
        "增长百分之六。",
        ["增长 百分之五 → 百分之六"],
        False,
    ),
    (
        "gwr-range-of-amounts",
        "减税降费5000亿至6000亿元。",
        "减税降费6000亿至7000亿元。",
        ["减税降费 5000亿至6000亿元 → 6000亿至7000亿元"],
        False,
    ),
    (
        "gwr-target-dropped",
        "国内生产总值增长6%以上，城镇新增就业1100万人以上。",
        "城镇新增就业1100万人以上。",
        ["国内生产总值增长 6%以上 dropped"],
        False,
    ),
    (
        "gwr-target-added",
        "城镇新增就业1100万人以上。",
        "城镇新增就业1100万人以上，城镇调查失业率5.5%左右。",
        ["城镇调查失业率 5.5%左右 added"],
        False,
    ),
    # --- NPC resolutions: session ordinals and dates ---
    (
        "npc-session",
        NPC.format("第十三届", "第五次", "李克强"),
        NPC.format("第十四届", "第一次", "李强"),
        ["第十三届 → 第十四届 全国人民代表大会", "第五次 → 第一次 会议"],
        False,
    ),
    (
        "npc-date-in-chinese-numerals",
        "二〇二三年三月十三日第十四届全国人民代表大会第一次会议通过。",
        "二〇二四年三月十一日第十四届全国人民代表大会第二次会议通过。",
        ["二〇二三年三月十三日 → 二〇二四年三月十一日", "第一次 → 第二次 会议"],
        False,
    ),
    (
        "npc-year-only",
        "二〇二三年政府工作报告。",
        "二〇二四年政府工作报告。",
        ["二〇二三年 → 二〇二四年"],
        False,
    ),
    # --- the seed statement and its next year ---
    (
        "seed-zh-dates-and-meeting",
        SEED_ZH.format("2023年4月25日至28日", "第十次"),
        SEED_ZH.format("2024年5月13日至16日", "第十一次"),
        [
            "2023年4月25日至28日 → 2024年5月13日至16日",
            "第十次 → 第十一次 中澳执法合作工作组年度会晤",
        ],
        False,
    ),
    (
        "seed-en-dates-and-meeting",
        SEED_EN.format("April 25 to 28, 2023", "Tenth"),
        SEED_EN.format("May 13 to 16, 2024", "Eleventh"),
        [
            "People's Republic of China visited Australia from April 25 to 28, 2023 → May 13 to 16, 2024",  # noqa: E501
            "Tenth → Eleventh Annual Meeting",
        ],
        False,
    ),
    (
        "seed-zh-past-years",
        "双方认为，过去3年，中澳两国警方稳步推进执法合作。",
        "双方认为，过去一年，中澳两国警方稳步推进执法合作。",
        ["过去 3 → 一年"],
        False,
    ),
    (
        "seed-en-dates-day-month",
        "The meeting was held from 25 to 28 April 2023 in Canberra.",
        "The meeting was held from 13 to 16 May 2024 in Canberra.",
        ["meeting was held from 25 to 28 April 2023 → 13 to 16 May 2024"],
        False,
    ),
    # --- reciprocal-trade frameworks: one partner's text against another's ---
    (
        "tariff-thailand-vietnam",
        TARIFF.format(19, 2025, "Thailand"),
        TARIFF.format(20, 2025, "Viet Nam"),
        ["United States will maintain 19 → 20 percent"],
        False,
    ),
    (
        "tariff-executive-order-date-typo",
        TARIFF.format(15, 2025, "North Macedonia"),
        TARIFF.format(15, 2005, "North Macedonia"),
        ["Executive Order 14257 of April 2, 2025 → April 2, 2005"],
        False,
    ),
    (
        "tariff-executive-order-number",
        "as set forth in Executive Order 14257 of April 2, 2025.",
        "as set forth in Executive Order 14346 of April 2, 2025.",
        ["reference changed: set forth Executive Order 14257 → Executive Order 14346"],
        False,
    ),
    (
        "tariff-combined-rate",
        "a combined rate of 15 percent, comprised of the MFN tariff and a reciprocal tariff.",
        "a combined rate of 10 percent, comprised of the MFN tariff and a reciprocal tariff.",
        ["combined rate 15 → 10 percent"],
        False,
    ),
    (
        "tariff-eliminate-approximately",
        "Indonesia will eliminate approximately 99 percent of tariff barriers.",
        "Indonesia will eliminate approximately 90 percent of tariff barriers.",
        ["Indonesia will eliminate 99 → 90 percent"],
        False,
    ),
    (
        "tariff-qualifier-only",
        "Indonesia will eliminate approximately 99 percent of tariff barriers.",
        "Indonesia will eliminate at least 99 percent of tariff barriers.",
        ["Indonesia will eliminate 99 percent (approximately → at least)"],
        False,
    ),
    (
        "tariff-not-exceed",
        "tariffs on pharmaceuticals, semiconductors, and lumber do not exceed 15 percent.",
        "tariffs on pharmaceuticals, semiconductors, and lumber do not exceed 25 percent.",
        ["lumber do not exceed 15 → 25 percent"],
        False,
    ),
    (
        "article-number",
        "The Parties shall apply Article 5.2 to originating goods.",
        "The Parties shall apply Article 5.3 to originating goods.",
        ["reference changed: Parties shall apply Article 5.2 → Article 5.3"],
        False,
    ),
    (
        "resolution-number",
        "consistent with Resolution 2231 of the Security Council.",
        "consistent with Resolution 2397 of the Security Council.",
        ["reference changed: consistent Resolution 2231 → Resolution 2397"],
        False,
    ),
    # --- names and references are not amounts ---
    (
        "covid-dropped",
        "The parties discussed the response to COVID-19 and other challenges.",
        "The parties discussed the response to other challenges.",
        ["reference changed: parties discussed the response COVID-19 dropped"],
        False,
    ),
    (
        "g20-to-g7",
        "Leaders welcomed the G20 agenda on debt.",
        "Leaders welcomed the G7 agenda on debt.",
        ["reference changed: Leaders welcomed G20 → G7"],
        False,
    ),
    (
        # Two names met in a rewritten sentence are two references, not one renamed: the
        # pandemic is not the G7.
        "two-names-in-a-rewrite",
        "We reaffirm our commitment to end the COVID-19 pandemic and to strengthen global health.",
        "We reaffirm our commitment, as the G7, to strengthen global health architecture.",
        [
            "reference changed: G7 added",
            "reference changed: We reaffirm our commitment to end COVID-19 dropped",
        ],
        False,
    ),
    (
        "quad-year",
        "The Quad Leaders' Summit will be held in India in 2024.",
        "The Quad Leaders' Summit will be held in India in 2025.",
        ["Leaders' Summit will be held in India in 2024 → 2025"],
        False,
    ),
    (
        "aukus-anniversary",
        "We mark the second anniversary of AUKUS.",
        "We mark the third anniversary of AUKUS.",
        ["second → third anniversary"],
        False,
    ),
    (
        "ordinal-with-digits",
        "The 10th meeting of the Working Group will be held in Beijing.",
        "The 11th meeting of the Working Group will be held in Beijing.",
        ["10th → 11th meeting"],
        False,
    ),
    # --- words changed, numbers did not ---
    (
        "same-numbers-reworded",
        "The parties will hold 3 workshops in 2024.",
        "The parties will organise 3 workshops in 2024.",
        [],
        False,
    ),
    (
        "number-moved-in-sentence",
        "In 2024 the parties will hold a workshop.",
        "The parties will hold a workshop in 2024.",
        [],
        False,
    ),
    (
        "money-currency-word",
        "The program received 500 million dollars of funding.",
        "The program received 700 million dollars of funding.",
        ["program received 500 → 700 million dollars"],
        False,
    ),
    (
        "unemployment-about",
        GOALS_EN.format("about 5.5 percent"),
        GOALS_EN.format("about 5 percent"),
        ["Government set a target 5.5 → 5 percent"],
        False,
    ),
    # --- Quad 2022 → 2023: an English context is words, whatever its apostrophes ---
    (
        "ordinal-before-curly-apostrophe",
        "Today, we convene in Tokyo for the Quad Leaders’ Summit.",
        "Today, we met for the third in-person Quad Leaders’ Summit.",
        ["third added in-person Quad Leaders’"],
        False,
    ),
    (
        "context-after-possessive",
        "The initiative was announced during the Quad Foreign Ministers’ Meeting in 2021.",
        "The initiative was announced during the Quad Foreign Ministers’ Meeting in March 2023.",
        ["announced during the Quad Foreign Ministers’ Meeting in 2021 → March 2023"],
        False,
    ),
    # A part of a year is one date; the time the fellows begin is that date changed, not the
    # year of the Summit named first.
    (
        "quarter-of-a-year",
        "The Quad Fellowship will bring 100 students to the United States. The first class of "
        "Quad Fellows will begin their studies in the third quarter of 2023.",
        "At the 2021 Quad Leaders’ Summit, we launched the Quad Fellowship. This year, the first "
        "Quad Fellows will begin their studies in the United States in August 2023. Our one "
        "hundred Quad Fellows represent the best of our next generation.",
        [
            "2021 added Quad Leaders’ Summit",
            "begin their studies in the United States third quarter of 2023 → August 2023",
        ],
        False,
    ),
    # The host's spelling is no change (Quad 2022 Tokyo → 2023 Hiroshima), but "four" is not
    # a British "for".
    (
        "british-spelling-only",
        "We recognise the labour rights of workers’ organisations, and the centre’s programme.",
        "We recognize the labor rights of workers’ organizations, and the center’s program.",
        [],
        True,
    ),
    (
        "four-is-not-for",
        "The Parties will meet four times a year.",
        "The Parties will meet for a year.",
        [],
        False,
    ),
    # FOMC 2012 → 2013: a link's digits are no figure; 2010 → 2011: a quarter without its year
    # is a date too.
    (
        "digits-of-a-link",
        "Additional information is available at http://www.newyorkfed.org/markets/opolicy/"
        "operating_policy_121212.html.",
        "Additional information is available at http://www.newyorkfed.org/markets/opolicy/"
        "operating_policy_131218.html.",
        [],
        False,
    ),
    (
        "quarter-without-its-year",
        "The transactions will be executed by the end of the first quarter.",
        "The transactions will be executed by the end of the second quarter of 2011.",
        ["transactions will be executed by the end of the first quarter → second quarter of 2011"],
        False,
    ),
    # Cambodia → Jordan: a list's own numbers inside a paragraph count nothing.
    (
        "numbers-of-an-inline-list",
        "SOEs, when engaging in commercial activities, shall: (1) act in accordance with "
        "commercial considerations; and (2) refrain from discriminating against goods.",
        "SOEs, when engaging in commercial activities, shall: (a) act in accordance with "
        "commercial considerations; and (b) refrain from discriminating against U.S. goods.",
        [],
        False,
    ),
    # GWR 2021 → 2022: 5G right after Chinese is a name, and a plan's name runs to its
    # closing quote.
    (
        "5g-after-chinese",
        "加大5G网络和千兆光网建设力度，深入谋划推进“科技创新2030—重大项目”。",
        "加大千兆光网建设力度。",
        [
            "reference changed: 加大 5G dropped",
            "reference changed: 深入谋划推进 科技创新2030—重大项目 dropped",
        ],
        False,
    ),
    # GWR 2014 → 2015: 1000个 counties are not 100个 cities; 个 says nothing of what it counts,
    # the noun after it does, and the note quotes it.
    (
        "a-count-of-ge-is-said-with-its-noun",
        "县级公立医院综合改革试点扩大到1000个县。",
        "全面推开县级公立医院综合改革，在100个地级以上城市进行公立医院改革试点。",
        ["100个地级以上城市 added", "公立医院综合改革试点扩大到 1000个县 dropped"],
        False,
    ),
    (
        "more-than-points",
        "服务业比重提高2个多百分点。",
        "服务业比重提高3个多百分点。",
        ["服务业比重提高 2 → 3个多百分点"],
        False,
    ),
    # G7 2021 → 2023: a name written with a hyphen stays one name in its note.
    (
        "a-hyphenated-name",
        "We call on all Parties to commit at UNFCCC-COP26 to ambitious targets.",
        "We call on all Parties to commit at UNFCCC-COP28 to ambitious targets.",
        ["reference changed: all Parties to commit at UNFCCC-COP26 → COP28"],
        False,
    ),
    # Argentina → Switzerland frameworks: a name both paragraphs give was not added, however
    # often the later one gives it.
    (
        "a-name-given-again",
        "The United States will take into account the Agreement when taking action under "
        "Section 232.",
        "The tariff shall include any tariff imposed pursuant to Section 232, including when "
        "taking action under Section 232 on semiconductors.",
        [],
        False,
    ),
    # FOMC 2012 → 2013: "rather than" restates the last pace, which the pace itself notes.
    (
        "rather-than-restates",
        "The Committee will continue purchasing additional agency mortgage-backed securities at "
        "a pace of $40 billion per month.",
        "The Committee will add to its holdings of agency mortgage-backed securities at a pace "
        "of $35 billion per month rather than $40 billion per month.",
        ["agency mortgage-backed securities at a pace $40 billion → $35 billion"],
        False,
    ),
    # FOMC 2015 → 2016: what a rate is of follows it one year and precedes it the next.
    (
        "a-rate-named-after-then-before",
        "To support continued progress toward maximum employment and price stability, the "
        "Committee today reaffirmed its view that the current 0 to 1/4 percent target range for "
        "the federal funds rate remains appropriate. In determining how long to maintain this "
        "target range, the Committee will assess progress toward its objectives of maximum "
        "employment and 2 percent inflation.",
        "Given the economic outlook, the Committee decided to maintain the target range for the "
        "federal funds rate at 1/4 to 1/2 percent. The stance of monetary policy remains "
        "accommodative, thereby supporting further improvement in labor market conditions and a "
        "return to 2 percent inflation.",
        ["target range for the federal funds rate 0 to 1/4 → 1/4 to 1/2 percent"],
        False,
    ),
    (
        "a-rate-named-after-then-before-with-an-apostrophe",
        "To support continued progress toward maximum employment and price stability, the "
        "Committee today reaffirmed its view that the current 0 to 1/4 percent target range for "
        "the federal funds rate remains appropriate. In determining how long to maintain this "
        "target range, the Committee will assess progress toward its objectives of maximum "
        "employment and 2 percent inflation.",
        "Given the economic outlook, the Committee decided to maintain the Committee’s target "
        "range at 1/4 to 1/2 percent. The stance of monetary policy remains accommodative, "
        "thereby supporting further improvement in labor market conditions and a return to 2 "
        "percent inflation.",
        ["decided to maintain the Committee’s target range 0 to 1/4 → 1/4 to 1/2 percent"],
        False,
    ),
    # Thailand → Viet Nam frameworks: one deal written anew around its sum.
    (
        "one-sum-in-a-rewritten-sentence",
        "Procurement of 80 U.S. aircraft, totaling $18.8 billion.",
        "Vietnam Airlines has agreed to purchase 50 aircraft from Boeing which is worth over $8 "
        "billion.",
        [
            "Vietnam Airlines has agreed to purchase 80 → 50 aircraft",
            # Said in other words on each side, each sum is quoted with its own.
            "totaling $18.8 billion → aircraft from Boeing which is worth over $8 billion",
        ],
        False,
    ),
    # GWR 2018 → 2019: the level a change reaches belongs to the subject before 由 or 从, and
    # 2018's health-insurance subsidy is not 2019's minimum basic pension.
    (
        "a-level-belongs-to-its-subject",
        "居民基本医保人均财政补助标准由240元提高到450元，大病保险制度基本建立。",
        "提高退休人员基本养老金，城乡居民基础养老金最低标准从每月70元提高到88元。",
        [
            "基础养老金最低标准 70元 added",
            "基础养老金最低标准提高到 88元 added",
            "基本医保人均财政补助标准 240元 dropped",
            "基本医保人均财政补助标准提高到 450元 dropped",
        ],
        False,
    ),
    # FOMC 2013 → 2014: "as long as" and "how long" say nothing of what a rate counts.
    (
        "as-long-as-is-no-context",
        "The Committee will keep the rate low at least as long as the unemployment rate remains "
        "above 6-1/2 percent.",
        "In determining how long to maintain the current 0 to 1/4 percent target range, the "
        "Committee will assess progress.",
        [
            "determining how long to maintain the current 0 to 1/4 percent added",
            "long as the unemployment rate remains above 6-1/2 percent dropped",
        ],
        False,
    ),
    (
        "spelled-small-number-same-noun",
        "The mission sent 2 officers to the region.",
        "The mission sent two officers to the region and 3 analysts.",
        ["mission sent two officers to the region 3 analysts added"],
        False,
    ),
    (
        "spelled-small-number-other-noun",
        "The mission sent 2 officers to the region.",
        "The mission sent officers to the region for two weeks.",
        ["mission sent 2 officers dropped", "mission sent officers to the region two weeks added"],
        False,
    ),
    # An agreement writes a period in words and figures: "ninety (90) days" is 90 days, and a
    # period changed so is a figure changed, however it is written.
    ("period-in-words-and-figures", "within 90 days", "within ninety (90) days", [], True),
    (
        "period-changed-in-words-and-figures",
        "Each Party shall respond within ninety (90) days of the request.",
        "Each Party shall respond within sixty (60) days of the request.",
        ["Each Party shall respond within ninety (90) days → sixty (60) days"],
        False,
    ),
    (
        "period-changed-in-words",
        "The Parties shall consult within thirty days of the request.",
        "The Parties shall consult within sixty days of the request.",
        ["Parties shall consult within thirty days → sixty days"],
        False,
    ),
    (
        "period-figure-to-words",
        "within 90 days of entry into force",
        "within sixty (60) days of entry into force",
        ["within 90 days → sixty (60) days"],
        False,
    ),
    (
        "percent-in-words",
        "Tariffs of 19 percent apply.",
        "Tariffs of nineteen percent apply.",
        [],
        True,
    ),
    (
        "percent-changed-in-words",
        "Tariffs of nineteen percent apply.",
        "Tariffs of twenty percent apply.",
        ["Tariffs nineteen percent → twenty percent"],
        False,
    ),
    # Business days are not days: a deadline counted in them is longer, one period changed.
    (
        "business-days-are-not-days",
        "Each Party shall reply within 30 days.",
        "Each Party shall reply within 30 business days.",
        ["Each Party shall reply within 30 days → 30 business days"],
        False,
    ),
    (
        "calendar-days-in-words",
        "within thirty (30) calendar days",
        "within 30 calendar days",
        [],
        True,
    ),
    # The press abbreviates a scale: "$5bn" is five billion dollars.
    ("abbreviated-scale", "Invest US$5 billion.", "Invest $5bn.", [], True),
    (
        "abbreviated-scale-changed",
        "Invest US$5 billion.",
        "Invest $6bn.",
        ["Invest US$5 billion → $6bn"],
        False,
    ),
    # A year in words is no thousand: the date an agreement was signed, not an amount.
    (
        "year-in-words-is-no-thousand",
        "Done at Kuala Lumpur, this twenty-sixth day of October, two thousand twenty-five.",
        "Done at Kuala Lumpur, this twenty-sixth day of October, two thousand twenty-five, in "
        "duplicate.",
        [],
        False,
    ),
]


def _entry(left: str, right: str):  # type: ignore[no-untyped-def]
    result = compare(left, right)
    assert len(result.alignment) == 1, [(e.op, e.left, e.right) for e in result.alignment]
    return result.alignment[0]


def _figure_notes(left: str, right: str) -> list[str]:
    """The number notes of a one-entry comparison, in order."""
    return [c.note for c in _entry(left, right).changes if c.kind == "number"]


@pytest.mark.parametrize(
    ("left", "right", "notes", "editorial"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_what_changed(left: str, right: str, notes: list[str], editorial: bool) -> None:
    entry = _entry(left, right)
    found = [c.note for c in entry.changes if c.kind in ("number", "reference")]
    assert found == notes
    assert entry.editorial is editorial
    assert entry.op in ((Op.unchanged, Op.modified) if editorial else (Op.modified,))


@pytest.mark.parametrize(
    ("left", "right", "ends"),
    [
        # GWR 2012 → 2013: "年均分别增长8.8%、9.9%" gives two five-year averages; the second,
        # said as the first of its list, is no year's growth either.
        (
            "农村居民人均纯收入实际增长9.3%。",
            "城镇居民人均可支配收入和农村居民人均纯收入年均分别增长8.8%、9.9%。",
            ["added", "added", "dropped"],
        ),
        (
            "The economy grew 6.9 percent last year.",
            "The economy grew at an average annual rate of 7.1 percent over five years.",
            ["added", "added", "dropped"],  # the five years are a span added
        ),
    ],
    ids=["listed-zh", "average-en"],
)
def test_an_average_over_years_is_no_years_change(left: str, right: str, ends: list[str]) -> None:
    notes = [c.note for c in _entry(left, right).changes if c.kind == "number"]
    assert not any("→" in note for note in notes), notes
    assert [note.rsplit(" ", 1)[1] for note in notes] == ends, notes


def test_there_are_sixty_cases() -> None:
    assert len(CASES) >= 60
    assert len({c[0] for c in CASES}) == len(CASES)


def test_a_number_change_carries_its_parts_in_the_json() -> None:
    entry = _entry("居民消费价格涨幅3%左右。", "居民消费价格涨幅2%左右。")
    change = entry.changes[0]
    assert (change.kind, change.quantity, change.left, change.right) == (
        "number",
        "percent",
        "3%左右",
        "2%左右",
    )
    assert (change.context, change.position) == ("居民消费价格涨幅", 8)


CLAUSE = "The parties will provide {} in support over {} years, starting on {}."


@settings(max_examples=300, deadline=None)
@given(
    st.from_regex(r"-?[0-9]{1,4}(\.[0-9]{1,2})?", fullmatch=True),
    st.integers(1, 30),
    st.from_regex(r"(March|May) [0-9]{1,2}-[0-9]{1,2}", fullmatch=True),
    st.data(),
)
def test_editing_a_digit_sign_or_point_is_never_editorial(
    amount: str, years: int, dates: str, data: st.DataObject
) -> None:
    text = CLAUSE.format(f"${amount} million", years, dates)
    # A digit; a decimal point between digits; a sign or range dash before a digit.
    numeric = [
        k
        for k, c in enumerate(text)
        if c.isdigit()
        or (c == "." and text[k - 1].isdigit() and text[k + 1 : k + 2].isdigit())
        or (c == "-" and text[k + 1 : k + 2].isdigit())
    ]
    at = data.draw(st.sampled_from(numeric))
    edit = data.draw(st.sampled_from(["delete", "digit", "sign", "point"]))
    replacement = {"delete": "", "digit": "7", "sign": "-", "point": "."}[edit]
    if text[at] == replacement:
        replacement = "" if replacement else "9"
    changed = text[:at] + replacement + text[at + 1 :]
    result = compare(text, changed)
    assert all(not e.editorial for e in result.alignment)
    assert all(not s.editorial for e in result.alignment for s in e.spans if s.op != "equal")


def test_a_rewritten_paragraph_reports_only_commitments_on_a_task_both_name() -> None:
    """A paragraph written anew drops and adds commitment words (推动, 鼓励, 继续, 坚决) with
    the rest of its text; only a word said of the same task in both is a commitment changed."""
    result = compare(
        "1. 各位代表。\n2. 加快建设创新型国家。推动集成电路产业发展，鼓励企业加大研发投入，"
        "确保基础研究经费增长。\n3. 谢谢大家。",
        "1. 各位代表。\n2. 提升科技创新能力。继续实施重大科技项目，坚决打好关键核心技术攻坚战，"
        "力争基础研究经费增长。\n3. 谢谢大家。",
    )
    [entry] = [e for e in result.alignment if e.op == "modified"]
    assert entry.rewritten
    assert [c.note for c in entry.changes if c.kind == "modality"] == [
        "commitment weakened: 确保 → 力争"
    ]


def test_a_reports_dated_subtitle_reads_as_one_date_changed() -> None:
    # Every Government Work Report opens with "——2021年3月5日在…会议上": the dashes are no
    # minus sign and say nothing of what the date counts.
    left = "政府工作报告\n\n——2021年3月5日在第十三届全国人民代表大会第四次会议上\n"
    right = "政府工作报告\n\n——2022年3月5日在第十三届全国人民代表大会第五次会议上\n"
    entry = next(e for e in compare(left, right).alignment if e.op == Op.modified)
    assert [c.note for c in entry.changes if c.kind == "number"] == [
        "2021年3月5日 → 2022年3月5日",
        "第四次 → 第五次 会议",
    ]


def test_a_reworded_sentence_before_government_is_no_change_of_place() -> None:
    # GWR 2014 → 2015: "向大会作政府工作报告" → "向大会报告政府工作" stands in a clause about the
    # session and before 政府, as a venue's name does (新南威尔士州政府), but 作 is no place.
    left = "现在，我代表国务院，向大会作政府工作报告，请予审议。\n"
    right = "现在，我代表国务院，向大会报告政府工作，请予审议。\n"
    entry = compare(left, right).alignment[0]
    assert entry.op == Op.modified
    assert not [c for c in entry.changes if c.kind == "place"]
    venue = compare("第十次会晤在新南威尔士州举行。\n", "第十一次会晤在维多利亚州举行。\n")
    assert "place changed: 新南威尔士 → 维多利亚" in [c.note for c in venue.alignment[0].changes]


def test_more_than_written_before_the_unit_keeps_the_unit() -> None:
    # Chinese writes "more than" between the number and its unit: 380多万户, 5700多亿元. Read
    # as 380 with no unit, the figure paired with any other and the note lost what it counts.
    left = "去年完成农村危房改造300万户，减税2000亿元。\n"
    right = "去年完成农村危房改造380多万户，减税5700多亿元。\n"
    notes = [c.note for e in compare(left, right).alignment for c in e.changes]
    assert notes == [
        "去年完成农村危房改造 300万户 → 380多万户 (— → 多)",
        "减税 2000亿元 → 5700多亿元 (— → 多)",
    ]
    # GWR 2018: "减轻市场主体负担3万多亿元" is over 3万亿元 (trillion), not 3万 (thirty thousand).
    burden = _entry("共减轻市场主体负担2万亿元。\n", "共减轻市场主体负担3万多亿元。\n")
    assert [c.note for c in burden.changes] == ["共减轻市场主体负担 2万亿元 → 3万多亿元 (— → 多)"]
    # GWR 2018 → 2019: "13亿多人" is over 1.3 billion people, not "13亿多" with its people lost,
    # which could pair with no "近14亿人".
    people = _entry("保障好13亿多人的粮食安全。\n", "保障好近14亿人的粮食安全。\n")
    assert [c.note for c in people.changes] == ["保障好 13亿多人 → 14亿人 (多 → 近)"]


def test_a_bullet_written_with_another_glyph_is_not_renumbered() -> None:
    # Bangladesh's framework lists its terms with "-", North Macedonia's with "•": the same
    # items, numbered by nothing, are not "renumbered - → •".
    left = "Key terms will include:\n\n- The parties will meet every year.\n"
    right = "Key terms will include:\n\n• The parties will meet every year.\n"
    result = compare(left, right)
    assert [e.op for e in result.alignment] == [Op.unchanged, Op.unchanged]
    assert not [e for e in result.alignment if e.renumbered]
    numbered = compare("1. The parties will meet.\n", "2. The parties will meet.\n")
    assert numbered.alignment[0].renumbered
    # Nor does an item that gains a number where it had a bullet: Thailand's framework lists
    # "- Purchases of …", Bangladesh's "4. Purchases of …".
    gained = compare(
        "Key terms will include:\n\n- The parties will meet every year.\n",
        "Key terms will include:\n\n4. The parties will meet every year.\n",
    )
    assert [e.op for e in gained.alignment] == [Op.unchanged, Op.unchanged]
    assert not [e for e in gained.alignment if e.renumbered or e.changes]


def test_a_bare_count_never_reads_as_a_sum_of_another_scale() -> None:
    # G7 2023 → 2024: the "30 by 30" of protected areas is no "USD 30 billion" of finance,
    # though the figure is the same; "$600 billion" → "600 billion" is one figure.
    entry = _entry(
        "We commit to conserving at least 30 percent of marine and coastal areas by 2030 "
        "(30 by 30), nationally and globally.",
        "We commit to mobilizing USD 20 billion per year by 2025 and USD 30 billion per year "
        "by 2030, nationally and globally.",
    )
    notes = [c.note for c in entry.changes if c.kind == "number"]
    assert not any("→ USD 30 billion" in note or "30 billion →" in note for note in notes)
    assert "USD 30 billion added" in " ".join(notes)
    # GWR 2021 → 2023: the 1.5万亿元 the banks gave up is no 1.5-point fall in a rate, and
    # 2019's 3万亿美元 of reserves is no 3万元 tax threshold: the same digits, other scales.
    rate = _entry(
        "加大宏观政策实施力度，金融系统向实体经济让利1.5万亿元。",
        "加大宏观政策实施力度，普惠小微贷款利率比上年下降1.5个百分点。",
    )
    assert sorted(c.note for c in rate.changes) == [
        "贷款利率比上年下降 1.5个百分点 added",
        "金融系统向实体经济让利 1.5万亿元 dropped",
    ]
    reserves = _entry(
        "进一步减税降费，外汇储备保持3万亿美元以上。",
        "进一步减税降费，增值税起征点从月销售额3万元提高到10万元。",
    )
    assert not [c for c in reserves.changes if "→" in c.note]


def test_a_target_set_before_an_unchanged_one_is_what_was_added() -> None:
    # GWR 2017 → 2018: 2018 sets the surveyed unemployment rate before the registered one,
    # which is unchanged. Not "城镇调查失业率 4.5% → 5.5%" and the registered rate "added".
    entry = _entry(
        "城镇新增就业1100万人以上，城镇登记失业率4.5%以内；进出口回稳向好，国际收支基本平衡。",
        "城镇新增就业1100万人以上，城镇调查失业率5.5%以内，城镇登记失业率4.5%以内；"
        "居民收入增长和经济增长基本同步。",
    )
    assert [c.note for c in entry.changes if c.kind == "number"] == [
        "城镇调查失业率 5.5%以内 added"
    ]


def test_a_level_reached_is_a_level_of_what_rose() -> None:
    # GWR 2015's "消费对经济增长的贡献率上升3个百分点，达到51.2%": the 51.2% names nothing itself,
    # and is no rewriting of 2014's registered unemployment rate.
    entry = _entry(
        "城镇登记失业率4.1%。城镇新增就业1310万人。",
        "城镇新增就业1322万人。消费对经济增长的贡献率上升3个百分点，达到51.2%。",
    )
    notes = [c.note for c in entry.changes if c.kind == "number"]
    assert "对经济增长的贡献率 51.2% added" in notes
    assert "城镇登记失业率 4.1% dropped" in notes
    assert not any("4.1% →" in note for note in notes)


def test_a_modal_glued_to_the_party_name_is_still_read() -> None:
    # Cambodia's agreement as published glues "shall" to the name ("Cambodiashall adopt…"):
    # Jordan's "Jordan shall adopt…" commits no more, and Cambodia's second "shall", absent
    # from Jordan's, is the commitment dropped.
    same = _entry(
        "Cambodiashall apply a rate of customs duty on originating goods of the United States.",
        "Jordan shall apply a rate of customs duty on an originating good of the United States.",
    )
    assert not [c for c in same.changes if c.kind == "modality"]
    dropped = _entry(
        "Cambodiashall adopt and effectively enforce measures to combat practices that evade "
        "duties applied by the United States. Cambodia shall also enter into a duty evasion "
        "cooperation agreement with the United States.",
        "Jordan shall adopt and effectively enforce provisions to combat transshipment and other "
        "practices to evade duties applied by the United States.",
    )
    assert [c.note for c in dropped.changes if c.kind == "modality"] == [
        "commitment dropped: shall also enter into a duty evasion cooperation agreement …"
    ]
    # "Marshall" is a name, not "Mar" and "shall".
    marshall = _entry(
        "The Parties welcome the Marshall Islands to the dialogue.",
        "The Parties welcome Palau to the dialogue.",
    )
    assert not [c for c in marshall.changes if c.kind == "modality"]


def test_a_dropped_verb_names_what_it_committed_to_after_its_comma() -> None:
    # Cambodia → Jordan: Cambodia "shall ratify or accede to, and shall fully implement, the
    # international intellectual property treaties"; Jordan's article has no such sentence.
    # That commitment is dropped, not "implement" weakened.
    entry = _entry(
        "Cambodia shall provide a robust standard of protection for intellectual property. "
        "Cambodia shall ratify or accede to, and shall fully implement, the international "
        "intellectual property treaties in Article 1.11 of Annex III.",
        "Jordan shall provide a robust standard of protection for intellectual property.",
    )
    notes = [c.note for c in entry.changes if c.kind == "modality"]
    assert notes == [
        "commitment dropped: implement the international intellectual property treaties in "
        "Article 1.11 …"
    ]


def test_a_modal_read_past_its_aside() -> None:
    # Cambodia "shall, consistent with Cambodia's sovereign interests, adopt similar measures"
    # and "The Parties shall discuss…"; Jordan "shall adopt similar measures" only. The shall
    # dropped is the discussion's, not the adoption's behind its aside.
    entry = _entry(
        "Cambodia shall, consistent with Cambodia’s sovereign interests, adopt similar measures "
        "as those adopted by the United States with respect to shipping and shipbuilding. The "
        "Parties shall discuss the structure and effect of such measures.",
        "Jordan shall adopt similar measures, of equivalent restrictive effect, to those of the "
        "United States to encourage shipbuilding and shipping by market economy countries.",
    )
    assert [c.note for c in entry.changes if c.kind == "modality"] == [
        "commitment dropped: shall discuss the structure and effect of such measures"
    ]


def test_a_law_and_its_code_citation_are_references_not_figures() -> None:
    # Argentina's framework adds "Section 232 of the Trade Expansion Act of 1962, as amended
    # (19 U.S.C. 1862)": a law and its citation, not the figures 1962, 19 and 1862.
    entry = _entry(
        "The countries intend to consider measures to address national security.",
        "The countries intend to consider measures to address national security, including "
        "trade action under Section 232 of the Trade Expansion Act of 1962, as amended "
        "(19 U.S.C. 1862).",
    )
    assert not [c for c in entry.changes if c.kind == "number"]
    notes = " | ".join(c.note for c in entry.changes if c.kind == "reference")
    assert "Trade Expansion Act of 1962 added" in notes
    assert "19 U.S.C. 1862 added" in notes


def test_five_years_of_jobs_are_no_years_jobs() -> None:
    # GWR 2018 → 2019: the five-year review's "城镇新增就业6600万人以上" read as 2019's year of
    # "城镇新增就业1361万人" cut by 80%. A total over five years and a year's count are two
    # measures; the level output reached is one measure whatever the period.
    assert _figure_notes(
        "五年来，经济实力跃上新台阶。国内生产总值增加到82.7万亿元。城镇新增就业6600万人以上。",
        "经济运行保持在合理区间。国内生产总值增加到90万亿元。城镇新增就业1361万人。",
    ) == [
        "五年 dropped",
        "国内生产总值增加到 82.7 → 90万亿元",
        "城镇新增就业 1361万人 added",
        "城镇新增就业 6600万人以上 dropped",
    ]
    # 累计 says the same inside a paragraph: 2013's five-year total of foreign investment is no
    # 2015 year's.
    assert _figure_notes("累计实际利用外资5528亿美元。", "实际使用外商直接投资1196亿美元。") == [
        "实际使用外商直接投资 1196亿美元 added",
        "累计实际利用外资 5528亿美元 dropped",
    ]


def test_a_chinese_count_says_what_it_counts() -> None:
    # GWR: "新设6个国家自主创新示范区", "设立13个跨境电商综合试验区". "新设 6 → 14个" leaves a
    # reader asking fourteen of what; the noun after the counter says it.
    entry = _entry(
        "新设6个国家自主创新示范区。28个省份开展大病医疗保险试点。",
        "新设14个国家自主创新示范区。设立13个跨境电商综合试验区，清理规范192项审批中介服务事项。",
    )
    assert [c.note for c in entry.changes if c.kind == "number"] == [
        "新设 6 → 14个国家自主创新示范区",
        "设立 13个跨境电商综合试验区 added",
        "清理规范 192项审批中介服务事项 added",
        "28个省份 dropped",
    ]
    # 要 and 等 end a noun as words of their own, not inside 重要 or 高等.
    words = _entry("建设学校。", "建设100所高等学校，13个重要领域取得突破。")
    assert [c.note for c in words.changes if c.kind == "number"] == [
        "建设 100所高等学校 added",
        "13个重要领域 added",
    ]


def test_an_english_count_says_what_it_counts() -> None:
    # Quad 2022 → 2024: "Quad Fellowship will bring 100 dropped" left a reader asking a hundred
    # of what. The noun after the count says it, to a plural or a preposition.
    notes = _figure_notes
    assert notes(
        "The Fellowship will bring 100 students from our countries to the United States.",
        "The Fellowship will bring students from our countries to the United States.",
    ) == ["Fellowship will bring 100 students dropped"]
    assert notes(
        "Vietnam Airlines has agreed to purchase 80 aircraft from Boeing.",
        "Vietnam Airlines has agreed to purchase 50 aircraft from Boeing.",
    ) == ["Vietnam Airlines has agreed to purchase 80 → 50 aircraft"]
    # Words that go on past the count's first words are no noun of it: "100 Low and Middle
    # Income countries" is not a hundred Lows, and "safe," begins a list of adjectives.
    assert notes(
        "We will support at least 100 Low and Middle Income countries.", "We will support them."
    ) == ["We will support at least 100 dropped"]
    assert notes("We delivered 400 million safe, effective doses.", "We delivered doses.") == [
        "We delivered 400 million dropped"
    ]


def test_a_sum_written_with_a_spaced_dollar_sign_is_money() -> None:
    # Quad 2022's "pledged approximately USD $ 5.2 billion to the COVAX AMC" is a sum; read as a
    # bare 5.2 billion it was 2021's "more than 1.2 billion doses" changed.
    assert [
        c.note
        for c in _entry(
            "Partners have pledged to donate more than 1.2 billion doses of vaccines.",
            "Partners have pledged approximately USD $ 5.2 billion to the COVAX AMC.",
        ).changes
    ] == [
        "Partners have pledged approximately USD $ 5.2 billion added",
        "Partners have pledged to donate more than 1.2 billion doses dropped",
    ]
    assert [
        c.note
        for c in _entry(
            "We have provided 2 billion USD in 115 countries.",
            "We have provided US$ 3 billion in 120 countries.",
        ).changes
    ] == ["We have provided 2 billion USD → US$ 3 billion", "We have provided 115 → 120 countries"]
    # A currency written after the number in two words stays money.
    [change] = _entry(
        "The partners will invest 10 billion US dollars in the region.",
        "The partners will invest 12 billion US dollars in the region.",
    ).changes
    assert (change.note, change.quantity) == (
        "partners will invest 10 → 12 billion US dollars",
        "money",
    )


def test_doses_delivered_pair_with_doses_delivered_not_doses_pledged() -> None:
    # Quad 2021 → 2022: each of 2021's figures shares one word with 2022's "delivered over 670
    # million doses", the pledge its noun and the deliveries their verb. What was done with the
    # doses says which figure it is.
    entry = _entry(
        "The partners have pledged to donate more than 1.2 billion doses globally of safe "
        "vaccines. And to date, we have delivered nearly 79 million safe, effective vaccine doses "
        "to countries in the region.",
        "To date, the partners have pledged USD $ 5.2 billion to the AMC. We are proud to have "
        "delivered over 670 million doses.",
    )
    assert [c.note for c in entry.changes] == [
        "partners have pledged USD $ 5.2 billion added",
        "We are proud to have delivered 79 → 670 million doses (nearly → over)",
        "partners have pledged to donate more than 1.2 billion doses dropped",
    ]


def test_two_conventions_conferences_are_two_names() -> None:
    # G7 2021 → 2023: the biodiversity convention's "CBD COP15" read as the climate
    # convention's "UNFCCC-COP30", and 2021's own climate COP26 as dropped. The acronym before
    # each name says whose conference it is.
    entry = _entry(
        "We look forward to a successful Conference of the Parties of the Convention on "
        "Biological Diversity (CBD COP15). We will submit our Long Term Strategies (LTSs) by "
        "COP26.",
        "We call on all Parties to submit their next round of NDCs and LTSs well ahead of "
        "UNFCCC-COP30.",
    )
    assert [c.note for c in entry.changes] == [
        "reference changed: NDCs and LTSs well ahead of UNFCCC-COP26 → COP30",
        "reference changed: CBD COP15 dropped",
    ]


def test_a_names_year_goes_with_the_name() -> None:
    # Quad 2022 → 2023 dropped "UNSC Resolution 2593 (2021)": the resolution is dropped, and
    # "2021 dropped", said alone after it, named no year of anything.
    entry = _entry(
        "We condemn terrorism in all its forms. We also reaffirm UNSC Resolution 2593 (2021), "
        "which demands that Afghan territory must never again be used to threaten any country.",
        "We condemn terrorism in all its forms. We will strengthen our cooperation through the "
        "new Working Group on Counterterrorism.",
    )
    assert [c.note for c in entry.changes] == [
        "reference changed: We also reaffirm UNSC Resolution 2593 dropped"
    ]


def test_the_special_301_report_is_a_name_not_a_figure() -> None:
    # Ecuador's and Argentina's frameworks cite USTR's "Special 301 Report": a report's name.
    entry = _entry(
        "Ecuador will address concerns on intellectual property.",
        "Ecuador will address concerns on intellectual property raised in the Office of the "
        "United States Trade Representative’s Special 301 Report.",
    )
    assert not [c for c in entry.changes if c.kind == "number"]
    assert [c.right for c in entry.changes if c.kind == "reference"] == ["Special 301"]


def test_ordinals_of_different_things_do_not_pair() -> None:
    # G7 2021 → 2023: "the 15th Conference of the Parties" is no earlier "Sixth Assessment
    # Report"; AUKUS's "twenty-first century" is no first anniversary. The 12th and 13th WTO
    # Ministerial Conference are one count.
    entry = _entry(
        "Ahead of the 15th Conference of the Parties of the Convention on Biological Diversity, "
        "we commit to act.",
        "Recalling the Sixth Assessment Report of the IPCC, we commit to act.",
    )
    notes = [c.note for c in entry.changes if c.kind == "number"]
    assert not any("→" in note for note in notes), notes
    census = _entry(
        "开展第三次国务院大督查。",
        "开展第七次全国人口普查。",
    )
    assert not any("→" in c.note for c in census.changes if c.kind == "number")
    same = _entry(
        "We look forward to a successful 12th WTO Ministerial Conference.",
        "We look forward to a successful 13th WTO Ministerial Conference.",
    )
    assert [c.note for c in same.changes if c.kind == "number"] == [
        "12th → 13th WTO Ministerial Conference"
    ]


def test_a_date_written_the_other_way_round_is_the_same_date() -> None:
    # G7 2023 → 2024: the South China Sea award "of July 12, 2016" is "of 12 July 2016".
    entry = _entry(
        "We reiterate that the award rendered by the Arbitral Tribunal on July 12, 2016, is a "
        "significant milestone.",
        "We reiterate that the award rendered by the Arbitral Tribunal on 12 July 2016 is a "
        "significant milestone and legally binding.",
    )
    assert not [c for c in entry.changes if c.kind == "number"]


def test_a_name_with_digits_right_after_chinese_is_a_name() -> None:
    # GWR: "广义货币M2增长13.6%", "增加细颗粒物PM2.5等监测指标", "国产C919大型客机": M2, PM2.5 and
    # C919 are names, not the figures 2, 2.5 and 919 after "广义货币M".
    entry = _entry(
        "广义货币M2增长13.6%。国产C919大型客机首飞成功。",
        "广义货币M2增长12%。增加细颗粒物PM2.5等监测指标。",
    )
    assert [c.note for c in entry.changes if c.kind == "number"] == ["广义货币M2增长 13.6% → 12%"]
    names = {c.left or c.right for c in entry.changes if c.kind == "reference"}
    assert names == {"C919", "PM2.5"}


def test_a_level_reached_pairs_with_the_level_reached_not_the_one_it_started_from() -> None:
    # GWR 2013 → 2017: R&D spending "从2008年的1.4%提高到2012年的1.97%", then "达到2.08%". The
    # share went 1.97% → 2.08%; 1.4% is where 2013's five years started. GWR 2022 → 2023:
    # renewable capacity "突破10亿千瓦", then "由6.5亿千瓦增至12亿千瓦以上".
    rd = _entry(
        "研发支出占国内生产总值的比重从2008年的1.4%提高到2012年的1.97%。",
        "研发支出与国内生产总值之比达到2.08%。",
    )
    notes = [c.note for c in rd.changes if c.kind == "number"]
    assert "支出与国内生产总值之比 1.97% → 2.08%" in notes
    assert "支出占国内生产总值的比重 1.4% dropped" in notes
    power = _entry(
        "可再生能源发电装机规模突破10亿千瓦。",
        "可再生能源装机规模由6.5亿千瓦增至12亿千瓦以上。",
    )
    assert [c.note for c in power.changes if c.kind == "number"] == [
        "可再生能源装机规模 6.5亿千瓦 added",
        "可再生能源装机规模增至 10 → 12亿千瓦 (— → 以上)",
    ]


def test_a_rate_kept_unchanged_last_time_is_not_said_unchanged_when_it_changed() -> None:
    # FOMC January 2002 → January 2003: "keep its target … unchanged at 1-3/4 percent" → "…
    # unchanged at 1-1/4 percent", the rate cut in between. The note must not read "rate
    # unchanged 1-3/4 → 1-1/4 percent".
    entry = _entry(
        "The Federal Open Market Committee decided today to keep its target for the federal "
        "funds rate unchanged at 1-3/4 percent.",
        "The Federal Open Market Committee decided today to keep its target for the federal "
        "funds rate unchanged at 1-1/4 percent.",
    )
    assert [c.note for c in entry.changes if c.kind == "number"] == [
        "target for the federal funds rate 1-3/4 → 1-1/4 percent"
    ]


def test_a_commitment_said_with_the_ing_form_is_the_same_commitment() -> None:
    # Ecuador "are committed to strengthening economic and national security cooperation", El
    # Salvador "have committed to strengthen" it: not a commitment strengthened. Thailand
    # "commits to … accepting and fully implementing the WTO Agreement on Fisheries Subsidies",
    # which Bangladesh's framework leaves out: that commitment is dropped.
    same = _entry(
        "The United States and Ecuador are committed to strengthening economic and national "
        "security cooperation and enhancing supply chain resilience.",
        "The United States and El Salvador have committed to strengthen economic and national "
        "security cooperation to enhance supply chain resilience.",
    )
    assert not [c for c in same.changes if c.kind == "modality"]
    dropped = _entry(
        "Thailand commits to adopt and maintain high levels of environmental protection, "
        "including by: accepting and fully implementing the World Trade Organization (WTO) "
        "Agreement on Fisheries Subsidies; and combating illegal fishing.",
        "Bangladesh commits to adopt and maintain high levels of environmental protection; and "
        "improve customs and trade facilitation.",
    )
    assert [c.note for c in dropped.changes if c.kind == "modality"] == [
        "commitment dropped: implementing the World Trade Organization"
    ]


def test_a_part_of_a_sum_is_no_sum() -> None:
    # Quad 2021 → 2022: "…over 670 million doses, including at least 265 million doses to
    # Indo-Pacific" read as 2021's pledge of 1.2 billion doses cut to 265 million, and "last
    # mile support of which over 2 billion USD" as Japan's $3.3 billion loan. A part of the
    # figure before it pairs only with a part.
    entry = _entry(
        "Partners have pledged to donate more than 1.2 billion doses globally. To date, we have "
        "delivered nearly 79 million safe, effective vaccine doses to countries in the region. "
        "Japan will help partners purchase vaccines through $3.3 billion of loans.",
        "We are proud to have delivered over 670 million doses, including at least 265 million "
        "doses to Indo-Pacific. We accelerate last mile support of which over 2 billion USD has "
        "been provided.",
    )
    assert [c.note for c in entry.changes] == [
        "We are proud to have delivered 79 → 670 million doses (nearly → over)",
        "including at least 265 million doses added",
        "We accelerate last mile support of which over 2 billion USD added",
        "Partners have pledged to donate more than 1.2 billion doses dropped",
        "Japan will help partners purchase vaccines through $3.3 billion dropped",
    ]


def test_first_before_a_verb_ranks_nothing() -> None:
    # AUKUS 2023 → 2024: "When AUKUS was first announced" read as an ordinal, "first added
    # announced", and hid that 2023's "first demonstration" was dropped.
    assert _figure_notes(
        "Under Pillar II we are advancing capability programs, including holding the first "
        "demonstration of AUKUS artificial intelligence.",
        "When AUKUS was first announced, we pledged to pursue capability programs and technology "
        "sharing.",
    ) == ["first dropped demonstration"]


def test_a_step_is_no_total() -> None:
    # FOMC March → April 2009: March's "an additional $750 billion" of mortgage-backed
    # securities read as April's "total of up to $1.25 trillion" of them, and March's own
    # $1.25 trillion total as dropped. The step is what went; the total stands.
    assert _figure_notes(
        "The Committee decided today to increase the size of the balance sheet further by "
        "purchasing up to an additional $750 billion of agency mortgage-backed securities, "
        "bringing its total purchases of these securities to up to $1.25 trillion this year.",
        "The Federal Reserve will purchase a total of up to $1.25 trillion of agency "
        "mortgage-backed securities by the end of the year.",
    ) == ["further by purchasing up to an additional $750 billion dropped"]


def test_a_figure_listed_after_a_total_is_a_total() -> None:
    # FOMC March → April 2009: March raised agency debt purchases "by up to $100 billion to a
    # total of up to $200 billion"; April buys "a total of up to $1.25 trillion of … securities
    # and up to $200 billion of agency debt". The $200 billion is April's total too, listed
    # after the first: the $100 billion step went, the total stands.
    assert _figure_notes(
        "The Committee decided to bring its total purchases of these securities to up to $1.25 "
        "trillion this year, and to increase its purchases of agency debt this year by up to "
        "$100 billion to a total of up to $200 billion.",
        "The Federal Reserve will purchase a total of up to $1.25 trillion of agency "
        "mortgage-backed securities and up to $200 billion of agency debt by the end of the "
        "year.",
    ) == ["purchases of agency debt this year up to $100 billion dropped"]


def test_a_quarter_point_is_twenty_five_basis_points() -> None:
    # FOMC September → November 1998: "fall 1/4 percentage point" and "reduce … 25 basis
    # points" are cuts of one size, written two ways; the rate they reach is what changed.
    assert _figure_notes(
        "The federal funds rate is expected to fall 1/4 percentage point to around 5-1/4 percent.",
        "The federal funds rate is expected to fall 25 basis points to around 4-3/4 percent.",
    ) == ["federal funds rate is expected to fall 5-1/4 → 4-3/4 percent"]
    # The cut alone written the other way is how a figure is written: editorial.
    assert _entry(
        "The rate is expected to fall 1/4 percentage point.",
        "The rate is expected to fall 25 basis points.",
    ).editorial


def test_a_list_of_articles_is_one_name() -> None:
    # The Switzerland framework's "within the meaning of Articles 2 and 5 and Annex 3" was
    # noted "Articles 2 added" and a number "Articles 2 5 added"; G7 2021's "Resolutions 2570
    # 2571 dropped" the same. A plural reference word names a list.
    entry = _entry(
        "The Participants intend to use international standards.",
        "The Participants intend to use international standards within the meaning of Articles "
        "2 and 5 and Annex 3 of the WTO Agreement.",
    )
    notes = [c.note for c in entry.changes if c.kind in ("number", "reference")]
    assert [n for n in notes if n.endswith("Articles 2 and 5 added")]
    assert not [c for c in entry.changes if c.kind == "number"]


def test_two_figures_in_rewritten_sentences_are_not_one_changed() -> None:
    # FOMC March → April 2009: the inline diff kept "up to $" and "billion" of two different
    # purchases equal, and showed "$[-100-]{+300+} billion" in the middle of two rewritten
    # sentences, as if the $100 billion of agency debt had become $300 billion. Each sentence
    # is struck or written whole; the notes say the same, and two paragraphs that keep a
    # figure's words in place still show the number changed.
    entry = _entry(
        "In these circumstances, the Federal Reserve will employ all available tools to promote"
        " economic recovery and to preserve price stability. The Committee will maintain the "
        "target range for the federal funds rate at 0 to 1/4 percent and anticipates that "
        "economic conditions are likely to warrant exceptionally low levels of the federal "
        "funds rate for an extended period. To provide greater support to mortgage lending and "
        "housing markets, the Committee decided today to increase the size of the Federal "
        "Reserve’s balance sheet further by purchasing up to an additional $750 billion of "
        "agency mortgage-backed securities, bringing its total purchases of these securities to"
        " up to $1.25 trillion this year, and to increase its purchases of agency debt this "
        "year by up to $100 billion to a total of up to $200 billion. Moreover, to help improve"
        " conditions in private credit markets, the Committee decided to purchase up to $300 "
        "billion of longer-term Treasury securities over the next six months. The Federal "
        "Reserve has launched the Term Asset-Backed Securities Loan Facility to facilitate the "
        "extension of credit to households and small businesses and anticipates that the range "
        "of eligible collateral for this facility is likely to be expanded to include other "
        "financial assets. The Committee will continue to carefully monitor the size and "
        "composition of the Federal Reserve's balance sheet in light of evolving financial and "
        "economic developments.",
        "In these circumstances, the Federal Reserve will employ all available tools to promote"
        " economic recovery and to preserve price stability. The Committee will maintain the "
        "target range for the federal funds rate at 0 to 1/4 percent and anticipates that "
        "economic conditions are likely to warrant exceptionally low levels of the federal "
        "funds rate for an extended period. As previously announced, to provide support to "
        "mortgage lending and housing markets and to improve overall conditions in private "
        "credit markets, the Federal Reserve will purchase a total of up to $1.25 trillion of "
        "agency mortgage-backed securities and up to $200 billion of agency debt by the end of "
        "the year. In addition, the Federal Reserve will buy up to $300 billion of Treasury "
        "securities by autumn. The Committee will continue to evaluate the timing and overall "
        "amounts of its purchases of securities in light of the evolving economic outlook and "
        "conditions in financial markets. The Federal Reserve is facilitating the extension of "
        "credit to households and businesses and supporting the functioning of financial "
        "markets through a range of liquidity programs. The Committee will continue to "
        "carefully monitor the size and composition of the Federal Reserve's balance sheet in "
        "light of financial and economic developments.",
    )
    assert not [s for s in entry.spans if s.left == "100" and s.right == "300"]
    kept = _entry(
        "The Committee decided to purchase up to $100 billion of agency debt.",
        "The Committee decided to purchase up to $300 billion of agency debt.",
    )
    assert [(s.left, s.right) for s in kept.spans if s.op != "equal"] == [("100", "300")]


def test_a_level_a_change_starts_from_is_no_yearly_increase() -> None:
    # GWR 2012 → 2013: 2012's pension increase "全年人均增加1680元" read as the 2004 level
    # 2013 says its pensions rose from, "从2004年人均每月700元提高到…1721元": "人均每月 1680 →
    # 700元". The year and "人均每月" stand between 从 and the level it starts from.
    notes = _figure_notes(
        "连续第7年提高企业退休人员基本养老金，全年人均增加1680元，5700多万人受益。",
        "企业退休人员基本养老金从2004年人均每月700元提高到现在的1721元，5700多万人受益。",
    )
    assert not [n for n in notes if "1680 → 700" in n]
    assert [n for n in notes if n.endswith("1680元 dropped")]


def test_a_share_opening_its_part_is_of_the_part_before() -> None:
    # GWR 2012 → 2013: "首届免费师范生全部到中小学任教，90％以上在中西部" (a share of graduate
    # teachers) was read as "高等教育毛入学率提高到30%"; GWR 2014 → 2018 the same for 2014's
    # "71%的煤电机组实现超低排放" and air quality days. Nothing before either share names it;
    # its own words after it ("以上在中西部") share nothing with the enrolment rate's.
    notes = _figure_notes(
        "我们大力发展教育事业，提高中小学教师队伍整体素质，加强农村教师队伍建设。"
        "首届免费师范生全部到中小学任教，90％以上在中西部。",
        "我们大力发展教育事业，提高中小学教师队伍整体素质，加强农村教师队伍建设。"
        "全面提高教育质量和水平，高等教育毛入学率提高到30%。",
    )
    assert not [n for n in notes if "→" in n]
    # Where the part before names the measure, the shares stay one figure: 2018's "6.5%左右的
    # 增速" is the growth target 2021 sets "经济增速是综合性指标，今年预期目标设定为6%以上".
    assert _figure_notes(
        "今年经济社会发展的主要预期目标符合实际。"
        "从经济基本面和就业吸纳能力看，6.5%左右的增速可以实现比较充分的就业。",
        "今年经济社会发展的主要预期目标符合实际。"
        "经济增速是综合性指标，今年预期目标设定为6%以上，有利于推进改革创新。",
    ) == ["今年预期目标设定 6.5% → 6% (左右 → 以上)"]


def test_one_thing_measured_two_ways_is_two_figures() -> None:
    # GWR 2021 → 2022: the burden 2020's measures took off firms, "全年为市场主体减负超过2.6万亿
    # 元", read as the taxes new firms paid in 2021, "涉税市场主体去年纳税达到4.76万亿元": the
    # two share 市场主体, and measure it two ways (减负, 纳税).
    notes = _figure_notes(
        "实施阶段性大规模减税降费，全年为市场主体减负超过2.6万亿元，涵养税源。",
        "实施阶段性大规模减税降费，新增的涉税市场主体去年纳税达到4.76万亿元，涵养税源。",
    )
    assert not [n for n in notes if "→" in n]
    # One measure said with other words about it stays one figure: "调查失业率稳定在5%左右" is
    # the "城镇调查失业率平均5.1%" of a later year.
    assert _figure_notes(
        "就业形势总体稳定，城镇调查失业率稳定在5%左右，居民收入继续增加。",
        "就业形势总体稳定，城镇调查失业率平均为5.1%，居民收入继续增加。",
    ) == ["城镇调查失业率平均 5% → 5.1% (左右 → —)"]


def test_a_comparison_a_word_before_its_figure_is_no_qualifier_added() -> None:
    # FOMC September 2013 → 2014: "inflation persistently below its 2 percent objective" and
    # "inflation running persistently below 2 percent" both say below; the note "2 percent (— →
    # below)" said a qualifier was added, because "its" stood between "below" and the figure.
    stem = (
        "Consistent with its statutory mandate, the Committee seeks to foster maximum employment "
        "and price stability. The Committee sees the risks to the outlook as nearly balanced. "
    )
    entry = _entry(
        stem + "The Committee recognizes that inflation persistently below its 2 percent "
        "objective could pose risks to economic performance.",
        stem + "The Committee judges that the likelihood of inflation running persistently below "
        "2 percent has diminished somewhat since early this year.",
    )
    assert not [c.note for c in entry.changes if c.kind == "number"]


def test_a_change_of_an_average_level_is_a_change() -> None:
    # GWR 2018 → 2019: "网络流量平均资费再降低20%以上" lowers an average tariff, as 2018's
    # "网络流量资费年内至少降低30%" lowered the tariff; read as a yearly average (平均…降低, as
    # 年均增长 is), it paired with nothing and the cut target's change went unnoted.
    stem = "加快发展新兴产业，推进宽带网络提速降费，"
    assert _figure_notes(
        stem + "网络流量资费年内至少降低30%，在全国实行“漫游”费取消。",
        stem + "中小企业宽带平均资费再降低15%，移动网络流量平均资费再降低20%以上。",
    ) == ["宽带平均资费再降低 15% added", "网络流量平均资费再降低 30% → 20% (— → 以上)"]


def test_two_rates_named_apart_are_two_figures() -> None:
    # FOMC February → July 1995: the discount rate "from 4 3/4 percent to 5 1/4 percent" read as
    # the federal funds rate "from about 6 percent to about 5-3/4 percent". The contexts share
    # only "rate", and what stands before it names two rates.
    notes = _figure_notes(
        "The Federal Reserve Board today approved an increase in the discount rate from 4 3/4 "
        "percent to 5 1/4 percent, effective immediately.",
        "Today's action will be reflected in a 25 basis point decline in the federal funds rate "
        "from about 6 percent to about 5-3/4 percent.",
    )
    assert "approved an increase in the discount rate 4 3/4 percent dropped" in notes
    assert "decline in the federal funds rate about 6 percent added" in notes
    assert not [n for n in notes if "→" in n]
    # G7 2021 → 2024: coal support ending "by the end of 2021" is no power sector decarbonized
    # "by 2035": two deadlines of two commitments that share the word "power".
    assert _figure_notes(
        "We commit now to an end to new direct government support for unabated international "
        "thermal coal power generation by the end of 2021.",
        "We reaffirm our commitment to achieve a fully or predominantly decarbonized power "
        "sector by 2035.",
    ) == [
        "fully or predominantly decarbonized power sector by 2035 added",
        "thermal coal power generation by the end of 2021 dropped",
    ]


def test_a_year_a_sentence_is_about_is_no_events_date() -> None:
    # G7 2023 → 2024: "the Transforming Education Summit (TES) in September 2022" read as moved
    # to "2024 is the African Union's Year of Education". The year that sentence is about
    # dates nothing in it.
    assert _figure_notes(
        "We welcome the UNSG’s Transforming Education Summit (TES) in September 2022, and call "
        "for continued support to education.",
        "Noting that 2024 is the African Union’s Year of Education, we will enhance our "
        "partnership to support education.",
    ) == ["Noting that 2024 added", "September 2022 dropped"]


def test_a_deadline_kept_pairs_with_itself_not_a_nearer_worded_one() -> None:
    # G7 2023 → 2024: both call for global GHG to peak by 2025. 2023's "43 percent by 2030"
    # shares more words with 2024's sentence, and the note read "peak global GHG by 2030 →
    # 2025", a deadline moved that did not move.
    entry = _entry(
        "We highlight the urgency to reduce global GHG emissions by around 43 percent by 2030. "
        "Furthermore, we call on all Parties to peak global GHG emissions immediately and by no "
        "later than 2025.",
        "Our goal is to reduce global GHG emissions by around 43 per cent in this critical "
        "decade. Further actions are required in order to peak global GHG by 2025 at the latest.",
    )
    assert [c.note for c in entry.changes] == [
        "urgency to reduce global GHG emissions 2030 dropped"
    ]


def test_a_base_year_is_not_a_deadline_moved() -> None:
    # G7 2021 → 2023: "cut our collective emissions by around half compared to 2010" and "by
    # 2035" are a baseline and a deadline; "by 2030" → "by 2035" is one deadline moved.
    apart = _entry(
        "We will cut our collective emissions by around half compared to 2010.",
        "We will cut our collective emissions by around 60 percent by 2035.",
    )
    notes = [c.note for c in apart.changes if c.kind == "number"]
    assert not any("2010 →" in note for note in notes), notes
    moved = _entry(
        "We will cut our collective emissions by around half by 2030.",
        "We will cut our collective emissions by around half by 2035.",
    )
    assert [c.note for c in moved.changes if c.kind == "number"] == [
        "cut our collective emissions by around half by 2030 → 2035"
    ]


def test_what_a_review_says_was_strengthened_is_no_commitment() -> None:
    # GWR 2017 → 2018, diplomacy: "同主要大国协调合作得到加强" says what was done; the five-year
    # review that replaces it commits to nothing less.
    entry = _entry(
        "过去一年，中国特色大国外交卓有成效。同主要大国协调合作得到加强，同周边国家全面合作持续推进。",
        "过去五年，中国特色大国外交全面推进。全方位外交布局深入展开。",
    )
    assert not [c for c in entry.changes if c.kind == "modality"]


def test_a_reports_review_section_commits_to_nothing() -> None:
    # GWR 2020 → 2021: the review of 2020 added "统筹推进疫情防控和经济社会发展", what the
    # government did that year, and diffsvc said "commitment added". Under a heading of a review
    # (工作回顾) the verbs report; the same words in the year's tasks do commit.
    left = (
        "一、2020年工作回顾\n过去一年，我们加强宏观调控，经济稳定恢复。\n"
        "二、2021年重点工作\n加强宏观调控，保持经济运行在合理区间。\n"
    )
    right = (
        "一、2021年工作回顾\n过去一年，我们统筹推进疫情防控和经济社会发展，加强宏观调控，经济稳定恢复。\n"
        "二、2022年重点工作\n统筹推进疫情防控和经济社会发展，加强宏观调控，保持经济运行在合理区间。\n"
    )
    notes = {
        tuple(e.right): [c.note for c in e.changes if c.kind == "modality"]
        for e in compare(left, right).alignment
    }
    assert notes[(1,)] == []
    assert notes[(3,)] == ["commitment added: 推进疫情防控和经济社会发展"]


def test_a_voter_replaced_is_no_change_of_place() -> None:
    # FOMC September 2015 → September 2016: the voters rotate ("Charles L. Evans" → "James
    # Bullard"); that is not a venue changed, nor routine to set aside as one.
    entry = _entry(
        "Voting for the FOMC monetary policy action were: Janet L. Yellen, Chair; Lael Brainard; "
        "Charles L. Evans; Stanley Fischer. Voting against the action was Jeffrey M. Lacker, who "
        "preferred to raise the target range at this meeting.",
        "Voting for the FOMC monetary policy action were: Janet L. Yellen, Chair; Lael Brainard; "
        "James Bullard; Stanley Fischer. Voting against the action was Esther L. George, who "
        "preferred at this meeting to raise the target range.",
    )
    assert not [c for c in entry.changes if c.kind == "place"]


def test_a_dash_ends_the_words_a_figure_is_said_with() -> None:
    # FOMC September 2013 → September 2014: "assess progress--both realized and
    # expected--toward its objectives of maximum employment and 2 percent inflation".
    entry = _entry(
        "The Committee will assess progress toward its goals.",
        "The Committee will assess progress--both realized and expected--toward its objectives "
        "of maximum employment and 2 percent inflation.",
    )
    assert [c.note for c in entry.changes if c.kind == "number"] == [
        "toward its objectives of maximum employment 2 percent added"
    ]


def test_a_century_is_no_count_and_a_target_is_a_name() -> None:
    # AUKUS 2021's "challenges of the twenty-first century" and G7's "21st century" name an era;
    # G7 2024's "Target 19" of the biodiversity framework is no rewriting of 2023's "target 30".
    era = _entry(
        "As leaders we resolve to deepen cooperation to meet the challenges of the twenty-first "
        "century and of the 21st century.",
        "As leaders we resolve to deepen cooperation and mark the second anniversary of AUKUS.",
    )
    assert [c.note for c in era.changes if c.kind == "number"] == ["second added anniversary"]
    named = _entry(
        "We will help achieve the GBF target 30 by 2030.",
        "We note that Target 19 aims at mobilizing at least USD 200 billion per year by 2030.",
    )
    notes = [c.note for c in named.changes if c.kind == "number"]
    assert not any("30 → 19" in note for note in notes), notes
    assert [c.right for c in named.changes if c.kind == "reference"] == ["Target 19"]


def test_a_task_does_not_stand_by_the_other_party_alone() -> None:
    # Cambodia → Jordan, termination: Cambodia adds "When practicable, a Party shall provide
    # the other Party an opportunity to consult before providing such notice"; Jordan does not.
    # "the other Party" in Jordan's notice does not make that task stand.
    entry = _entry(
        "Either Party may terminate this Agreement by providing written notice of termination to "
        "the other Party. Termination shall take effect six months after the date of such "
        "notification. When practicable, a Party shall provide the other Party an opportunity to "
        "consult before providing such notice.",
        "Either Party may terminate this Agreement by providing written notice of termination to "
        "the other Party. Termination shall take effect six months after the date of such "
        "notification.",
    )
    assert [c.note for c in entry.changes if c.kind == "modality"] == [
        "commitment dropped: shall provide the other Party an opportunity to consult …"
    ]


def test_amounts_a_thousandfold_apart_are_two_figures() -> None:
    # GWR 2016 → 2019: a national fund of 160亿元 is no per-person grant of 30元, though both
    # contexts say 补助; 2017's "每天新增4.5万户" is no total of "超过1亿户"; the Quad's "115"
    # countries are no "800 million" vaccines.
    cases = [
        (
            "提高城乡居民医保和大病保险保障水平。中央财政安排城乡医疗救助补助资金160亿元，增长9.6%。",
            "提高城乡居民医保和大病保险保障水平。居民医保人均财政补助标准增加30元，一半用于大病保险。",
            ["医保人均财政补助标准增加 30元 added", "安排城乡医疗救助补助资金 160亿元 dropped"],
        ),
        (
            "今年要淘汰黄标车，各类市场主体每天新增4.5万户。",
            "今年要淘汰黄标车，市场主体总量超过1亿户。",
            ["市场主体总量 超过1亿户 added", "各类市场主体每天新增 4.5万户 dropped"],
        ),
        (
            "GDP grew 6.7% in more than 115 countries.",
            "GDP grew 6.7% in almost 800 million homes.",
            ["GDP grew almost 800 million homes added", "GDP grew more than 115 countries dropped"],
        ),
    ]
    for left, right, expected in cases:
        notes = [c.note for c in _entry(left, right).changes if c.kind == "number"]
        assert notes[: len(expected)] == expected, notes


def test_a_figure_pairs_with_the_one_said_most_alike() -> None:
    # GWR 2015 → 2016: the central budget's investment went 4776 → 5000亿元; the railway's
    # 8000亿元 is said again, and the roads' 1.65万亿元 is new. Read in order alone, 4776 became
    # the railway's 8000 and 8000 the roads' 1.65万亿元.
    budget = _entry(
        "今年中央预算内投资增加到4776亿元，但政府不唱“独角戏”。铁路投资要保持在8000亿元以上，"
        "新投产里程8000公里以上。",
        "完成铁路投资8000亿元以上、公路投资1.65万亿元，再开工20项重大水利工程。"
        "中央预算内投资安排5000亿元。",
    )
    notes = [c.note for c in budget.changes if c.kind == "number"]
    assert "中央预算内投资安排 4776 → 5000亿元" in notes, notes
    assert "公路投资 1.65万亿元 added" in notes, notes
    assert not any("8000亿元 →" in note or "→ 8000亿元" in note for note in notes), notes
    # GWR 2017 → 2018: the two energy shares, said in the other order.
    energy = _entry(
        "优化能源结构，清洁能源消费比重提高1.7个百分点，煤炭消费比重下降2个百分点。",
        "优化能源结构，煤炭消费比重下降8.1个百分点，清洁能源消费比重提高6.3个百分点。",
    )
    assert [c.note for c in energy.changes if c.kind == "number"] == [
        "煤炭消费比重下降 2 → 8.1个百分点",
        "清洁能源消费比重提高 1.7 → 6.3个百分点",
    ]


def test_the_day_an_agreement_was_signed_is_no_deadline_moved() -> None:
    # Indonesia framework → Switzerland framework: the day the 1996 agreement was signed is
    # not the deadline the new Agreement is to be concluded by.
    entry = _entry(
        "Today, the United States of America (the United States) and the Republic of Indonesia "
        "(Indonesia) agreed to a Framework for negotiating an Agreement on Reciprocal Trade to "
        "strengthen our bilateral economic relationship. The Agreement on Reciprocal Trade will "
        "build upon our longstanding economic relationship, including the U.S.-Indonesia Trade "
        "and Investment Framework Agreement, signed on July 16, 1996.",
        "Today, the United States of America (United States) and the Swiss Confederation "
        "(Switzerland) express through this Framework their intention to negotiate an Agreement "
        "on Fair, Balanced, and Reciprocal Trade (Agreement). The Participants intend to "
        "immediately begin negotiations of the Agreement with the aim to make significant "
        "progress, and if possible conclude the Agreement, by the first quarter of 2026, "
        "subject to their respective domestic processes.",
    )
    assert [c.note for c in entry.changes if c.kind == "number"] == [
        "first quarter of 2026 added",
        "U.S.-Indonesia Trade and Investment Framework Agreement, signed on July 16, 1996 dropped",
    ]


def test_what_the_economy_will_continue_to_do_is_no_commitment() -> None:
    # FOMC January 2015 → January 2016: "labor market indicators will continue to strengthen"
    # says what the economy will do; Leaders who "will continue to strengthen" commit.
    forecast = _entry(
        "The Committee expects that, with appropriate policy accommodation, economic activity "
        "will expand at a moderate pace, with labor market indicators continuing to move toward "
        "levels the Committee judges consistent with its dual mandate.",
        "The Committee currently expects that, with gradual adjustments in the stance of "
        "monetary policy, economic activity will expand at a moderate pace and labor market "
        "indicators will continue to strengthen.",
    )
    assert [c.note for c in forecast.changes if c.kind == "modality"] == []
    leaders = _entry(
        "Leaders will continue to promote trade in critical minerals.",
        "Leaders will continue to strengthen and promote trade in critical minerals.",
    )
    assert [c.note for c in leaders.changes if c.kind == "modality"] == [
        "commitment strengthened: “strengthen” added"
    ]


def test_they_commit_only_as_those_who_do() -> None:
    # FOMC December 2009 → January 2010: the businesses that "continue to make progress in
    # bringing inventory stocks into better alignment" committed to nothing; G7 Leaders who
    # "continue to support" Ukraine do.
    firms = _entry(
        "Businesses are still cutting back on fixed investment, though at a slower pace, and "
        "remain reluctant to add to payrolls; they continue to make progress in bringing "
        "inventory stocks into better alignment with sales.",
        "Business spending on equipment and software appears to be picking up, and employers "
        "remain reluctant to add to payrolls. Firms have brought inventory stocks into better "
        "alignment with sales.",
    )
    assert [c.note for c in firms.changes if c.kind == "modality"] == []
    leaders = _entry(
        "G7 Leaders met in Apulia. They support Ukraine's recovery.",
        "G7 Leaders met in Apulia. They continue to support Ukraine's recovery.",
    )
    assert [c.note for c in leaders.changes if c.kind == "modality"] == [
        "commitment strengthened: “continue” added"
    ]


def test_what_the_committee_expects_or_judges_appropriate_is_no_commitment() -> None:
    # FOMC October → December 2012: thresholds replace the date in the forward guidance. That
    # inflation expectations "continue to be well anchored" is a condition the Committee
    # anticipates, and what "will be appropriate" a judgement: neither commits it.
    guidance = _entry(
        "In particular, the Committee also decided today to keep the target range for the "
        "federal funds rate at 0 to 1/4 percent and currently anticipates that exceptionally low "
        "levels for the federal funds rate are likely to be warranted at least through mid-2015.",
        "In particular, the Committee decided to keep the target range for the federal funds "
        "rate at 0 to 1/4 percent and currently anticipates that this exceptionally low range "
        "for the federal funds rate will be appropriate at least as long as the unemployment "
        "rate remains above 6-1/2 percent and longer-term inflation expectations continue to be "
        "well anchored.",
    )
    assert [c.note for c in guidance.changes if c.kind == "modality"] == []
    # January → March 2015: "patient" gives way to when a rise will be appropriate.
    liftoff = _entry(
        "Based on its current assessment, the Committee judges that it can be patient in "
        "beginning to normalize the stance of monetary policy.",
        "Based on its current assessment, the Committee anticipates that it will be appropriate "
        "to raise the target range when it has seen further improvement in the labor market.",
    )
    assert [c.note for c in liftoff.changes if c.kind == "modality"] == []
    # What the Committee decided, all of it, still commits it.
    decided = _entry(
        "The Committee decided to keep the target range at 0 to 1/4 percent.",
        "The Committee decided to keep the target range at 0 to 1/4 percent and implement its "
        "balance sheet plans.",
    )
    assert [c.note for c in decided.changes if c.kind == "modality"] == [
        "commitment added: implement its balance sheet plans"
    ]


def test_a_chinese_figure_that_opens_its_clause_counts_what_follows_it() -> None:
    # GWR 2012 → 2013: "，1334万人参保" counts people insured, no graduates placed in work;
    # 2014 → 2017: 348 fees waived are no "220项职业资格许可认定事项".
    pensions = _entry(
        "加强就业工作。2147个县（市、区）实施城镇居民社会养老保险试点，1334万人参保，"
        "641万人领取养老金。",
        "加强就业工作。实现高校毕业生就业2800万人，城镇就业困难人员就业830万人。",
    )
    assert [c.note for c in pensions.changes if c.kind == "number"] == [
        "实现高校毕业生就业 2800万人 added",
        "城镇就业困难人员就业 830万人 added",
        "2147个县 dropped",
        "1334万人 dropped",
        "641万人 dropped",
    ]
    fees = _entry(
        "深化行政审批制度改革，取消和免征行政事业性收费348项，减轻企业负担。",
        "深化行政审批制度改革，清理规范192项审批中介服务事项、220项职业资格许可认定事项。",
    )
    notes = [c.note for c in fees.changes if c.kind == "number"]
    assert "220项职业资格许可认定事项 added" in notes, notes
    assert "取消和免征行政事业性收费 348项 dropped" in notes, notes


def test_a_name_dropped_is_said_once_however_often_it_was_given() -> None:
    # EU framework → Indonesia framework: the EU's tariff paragraph names Section 232 again
    # and again; Indonesia's names it nowhere. One note says so.
    entry = _entry(
        "The United States commits to apply the higher of the MFN tariff or 15 percent to goods "
        "of the European Union subject to Section 232 tariffs on autos, to parts subject to "
        "Section 232 tariffs, and to no other Section 232 measures.",
        "The United States commits to apply the higher of the MFN tariff or 15 percent to "
        "originating goods of Indonesia.",
    )
    assert [c.note for c in entry.changes if c.kind == "reference"] == [
        "reference changed: goods of the European Union subject Section 232 dropped"
    ]


def test_the_date_forward_guidance_runs_through_is_one_date_moved() -> None:
    # FOMC December 2011 → January 2012: the Committee's date-based guidance moved from
    # "at least through mid-2013" to "at least through late 2014", the paragraph rewritten
    # around it. "mid-2013" is a part of a year, not a name like G20.
    entry = _entry(
        "The Committee also decided to keep the target range for the federal funds rate at 0 to "
        "1/4 percent and currently anticipates that economic conditions--including low rates of "
        "resource utilization and a subdued outlook for inflation over the medium run--are "
        "likely to warrant exceptionally low levels for the federal funds rate at least through "
        "mid-2013.",
        "To support a stronger economic recovery and to help ensure that inflation, over time, "
        "is at levels consistent with the dual mandate, the Committee expects to maintain a "
        "highly accommodative stance for monetary policy. In particular, the Committee decided "
        "today to keep the target range for the federal funds rate at 0 to 1/4 percent and "
        "currently anticipates that economic conditions--including low rates of resource "
        "utilization and a subdued outlook for inflation over the medium run--are likely to "
        "warrant exceptionally low levels for the federal funds rate at least through late 2014.",
    )
    assert [c.note for c in entry.changes if c.kind in ("number", "reference")] == [
        "federal funds rate at least through mid-2013 → late 2014"
    ]


def test_an_intent_to_continue_is_weaker_than_a_commitment() -> None:
    # Indonesia framework → Switzerland framework: "Indonesia commits to adopt and maintain
    # high levels of environmental protection" becomes "…intend to continue to adopt and
    # implement" them. The "continue" an intent frames commits no more than the intent.
    entry = _entry(
        "Indonesia commits to adopt and maintain high levels of environmental protection and to "
        "effectively enforce its environmental laws, including by taking measures to improve "
        "forest sector governance; encourage a more resource efficient economy; and accept and "
        "fully implement the WTO Agreement on Fisheries Subsidies.",
        "Switzerland and Liechtenstein intend to continue to adopt and implement high levels of "
        "environmental protections, effectively enforce their respective environmental laws, "
        "and work together with the United States on trade-related environmental measures.",
    )
    assert [c.note for c in entry.changes if c.kind == "modality"] == [
        "commitment weakened: commits → intend"
    ]


def test_the_year_a_report_speaks_of_is_no_count_of_years() -> None:
    # GWR: "新的一年", "极不平凡的五年", "开创新局的一年" name the year or the term the report
    # speaks of. Dropped with their sentence, they are no figure: the reader had "新的 一年
    # dropped" beside the growth target. A three-year plan is still three years.
    entry = _entry(
        "新的一年，我们要坚持稳中求进，经济增长7.5%左右。",
        "我们要坚持稳中求进，经济增长7%左右。",
    )
    assert [c.note for c in entry.changes] == ["经济增长 7.5% → 7%"]
    term = _entry(
        "过去五年是我国发展进程中极不平凡的五年，推动中美关系发展。",
        "推动中美关系发展，启动新的三年行动计划。",
    )
    notes = [c.note for c in term.changes]
    assert "启动新的 三年 added" in notes
    assert not [n for n in notes if "不平凡的" in n]


def test_a_rate_moved_from_one_level_to_another_is_two_levels() -> None:
    # FOMC May → August 1994: "an increase in the discount rate from 3 percent to 3-1/2 percent"
    # → "from 3 1/2 percent to 4 percent". Each end moved; no range of 3 to 3-1/2 percent, and
    # "3 1/2" is 3-1/2, not a 3 and a half standing apart.
    entry = _entry(
        "The Board approved an increase in the discount rate from 3 percent to 3-1/2 percent, "
        "effective immediately.",
        "The Board of Governors approved an increase in the discount rate from 3 1/2 percent to "
        "4 percent, effective immediately.",
    )
    assert [c.note for c in entry.changes if c.kind == "number"] == [
        "approved an increase in the discount rate 3 percent → 3 1/2 percent",
        "approved an increase in the discount rate 3-1/2 → 4 percent",
    ]
    # May 2002 writes March's "1-3/4 percent" as "1 3/4 percent": how a figure is written.
    held = _entry(
        "The Committee decided today to keep its target for the federal funds rate unchanged at "
        "1-3/4 percent.",
        "The Committee decided today to keep its target for the federal funds rate unchanged at "
        "1 3/4 percent.",
    )
    assert held.editorial
    # A range stays one range: "to 1/4 to 1/2 percent" and "from 0 to 1/4 percent".
    target = _entry(
        "The Committee decided to raise the target range to 1/4 to 1/2 percent.",
        "The Committee decided to raise the target range to 1/2 to 3/4 percent.",
    )
    assert [c.note for c in target.changes if c.kind == "number"] == [
        "Committee decided to raise the target range 1/4 to 1/2 → 1/2 to 3/4 percent"
    ]


def test_one_measure_of_two_things_is_two_figures() -> None:
    # GWR 2015 → 2016: 2015's 8,000亿元 is the investment in water projects under way, 2016's
    # 1.65万亿元 the investment in roads. The two share only 投资, and what comes before it
    # names two things; the railway's 8,000亿元 stands in both and is no change.
    entry = _entry(
        "铁路投资要保持在8000亿元以上。在建重大水利工程投资规模超过8000亿元。"
        "今年中央预算内投资增加到4776亿元。",
        "完成铁路投资8000亿元以上、公路投资1.65万亿元。中央预算内投资安排5000亿元。",
    )
    assert [c.note for c in entry.changes if c.kind == "number"] == [
        "公路投资 1.65万亿元 added",
        "在建重大水利工程投资规模 超过8000亿元 dropped",
        "中央预算内投资安排 4776 → 5000亿元",
    ]
    # One thing named in other words is still one figure: the bonds the centre issues for
    # local governments (GWR 2013 → 2014), and a year's growth target.
    bonds = _entry("代发地方债2500亿元。", "由中央代地方发债4000亿元。")
    assert [c.note for c in bonds.changes] == ["代发地方债 2500亿元 → 由中央代地方发债 4000亿元"]
    target = _entry("把增长预期目标定在7.5%左右。", "经济增长预期7%左右。")
    assert [c.note for c in target.changes] == ["经济增长预期 7.5% → 7%"]
    # GWR 2015 → 2016 (and 2017's 公路水运投资): one character in common among many names no
    # one thing. Pensions (企业退休人员基本养老金) share 人 with the minimum-living allowance
    # (城乡低保人均补助), and water projects share 资 with roads and waterways.
    assert (
        _figure_notes(
            "企业退休人员基本养老金标准提高10%。", "城乡低保人均补助标准分别提高5%和8%。"
        )[-1]
        == "人员基本养老金标准提高 10% dropped"
    )
    assert _figure_notes("在建重大水利工程投资规模超过8000亿元。", "公路水运投资1.8万亿元。") == [
        "公路水运投资 1.8万亿元 added",
        "在建重大水利工程投资规模 超过8000亿元 dropped",
    ]


def test_a_centenary_named_in_a_set_phrase_is_no_span_of_years() -> None:
    # GWR 2019 and after: "第一个百年奋斗目标" (the first centenary goal) and "百年未有之大变局"
    # (changes unseen in a century) had been noted as "实现 百年 added", "当今世界面临 百年
    # added". The goal's ordinal is quoted with the goal; the century is no figure.
    entry = _entry(
        "我们要实现全面建成小康社会目标，经济增长6.5%。",
        "我们要实现第一个百年奋斗目标，当今世界面临百年未有之大变局，经济增长6%。",
    )
    assert [c.note for c in entry.changes if c.kind == "number"] == [
        "第一个 added 百年奋斗目标",
        "经济增长 6.5% → 6%",
    ]
    goals = _entry("为实现“两个一百年”奋斗目标，经济增长6.5%。", "经济增长6%。")
    assert [c.note for c in goals.changes if c.kind == "number"] == ["经济增长 6.5% → 6%"]


def test_a_set_phrase_with_first_in_it_ranks_nothing() -> None:
    # Quad 2024: "to gain first-hand knowledge" had been noted as "first added -hand". An
    # ordinal that ranks something is still noted with what it ranks.
    entry = _entry(
        "Quad partners will host officials to share knowledge of maritime domain awareness.",
        "Quad partners will host officials to gain first-hand knowledge of maritime domain "
        "awareness, first and foremost at the first Quad Working Group.",
    )
    assert [c.note for c in entry.changes if c.kind == "number"] == [
        "first added Quad Working Group"
    ]


def test_a_year_in_a_name_is_quoted_with_the_name() -> None:
    # G7 2024 adds "as restated at the 2023 SDG Summit": the note had read "restated at the 2023
    # added", which says neither what was held in 2023 nor that the year is part of a name.
    # Where the name is a figure of its own (USTR's "2025 Special 301 Report"), the words
    # before the year say whose it is.
    entry = _entry(
        "We reaffirm our commitment to the 2030 Agenda for Sustainable Development.",
        "We reaffirm our commitment to the 2030 Agenda for Sustainable Development, as restated "
        "at the 2023 SDG Summit, and the Office of the United States Trade Representative’s "
        "2025 Special 301 Report.",
    )
    assert [c.note for c in entry.changes if c.kind == "number"] == [
        "2023 added SDG Summit",
        "Office of the United States Trade Representative’s 2025 added",
    ]


def test_the_same_note_is_said_once_a_paragraph() -> None:
    # GWR 2013's five-year review says "五年累计" before each of its totals: the reader had
    # "五年 added" once per total, beside the totals themselves.
    entry = _entry(
        "扎实推进节能减排和生态环境保护。",
        "扎实推进节能减排和生态环境保护。五年累计，共淘汰落后炼铁产能1.1亿吨，"
        "五年累计完成造林2953万公顷。",
    )
    assert [c.note for c in entry.changes] == [
        "五年 added",
        "共淘汰落后炼铁产能 1.1亿吨 added",
        "累计完成造林 2953万公顷 added",
    ]


def test_a_count_whose_unit_one_version_leaves_unread_is_the_same_count() -> None:
    # GWR 2016 → 2017: "制定修订行政法规8部" → "8件". 部 is read as no unit, and the note said
    # "8 → 8件", a change of nothing. A count that gains a scale is still a change.
    same = _entry("制定修订行政法规8部。", "制定修订行政法规8件。")
    assert [c.note for c in same.changes if c.kind == "number"] == []
    scaled = _entry("新增就业2800。", "新增就业2800万。")
    assert [c.note for c in scaled.changes if c.kind == "number"] == ["新增就业 2800 → 2800万"]


def test_an_anniversary_pairs_only_with_one_of_the_same_event() -> None:
    # GWR 2017 → 2018: 2017 celebrates Inner Mongolia's 70th, 2018 Ningxia's 60th; 2019 → 2021:
    # the Republic's 70th, then the Party's centenary. Neither is one anniversary changed. One
    # event's anniversaries still pair.
    regions = _entry(
        "加强民族团结。组织好内蒙古自治区成立70周年庆祝活动。",
        "加强民族团结。组织好广西壮族自治区、宁夏回族自治区成立60周年庆祝活动。",
    )
    assert [c.note for c in regions.changes if c.kind == "number"] == [
        "宁夏回族自治区成立 60 added",
        "组织好内蒙古自治区成立 70 dropped",
    ]
    march = _entry("隆重纪念红军长征胜利80周年。", "隆重纪念红军长征胜利85周年。")
    assert [c.note for c in march.changes if c.kind == "number"] == ["隆重纪念红军长征胜利 80 → 85"]


def test_the_liftoff_is_the_target_range_raised() -> None:
    # FOMC October → December 2015: "the current 0 to 1/4 percent target range for the federal
    # funds rate remains appropriate" → "decided to raise the target range for the federal
    # funds rate to 1/4 to 1/2 percent". The note had been "the current 0 to 1/4 → 2 percent",
    # the 2 percent inflation objective said earlier in December's paragraph, and the new
    # range "added": what the range is of follows it in October and precedes it in December.
    # December's paragraph is read with the one after it, as the comparison splits October's.
    entry = _entry(
        "To support continued progress toward maximum employment and price stability, the "
        "Committee today reaffirmed its view that the current 0 to 1/4 percent target range for "
        "the federal funds rate remains appropriate. In determining whether it will be "
        "appropriate to raise the target range at its next meeting, the Committee will assess "
        "progress--both realized and expected--toward its objectives of maximum employment and "
        "2 percent inflation. This assessment will take into account a wide range of information, "
        "including measures of labor market conditions, indicators of inflation pressures and "
        "inflation expectations, and readings on financial and international developments. The "
        "Committee anticipates that it will be appropriate to raise the target range for the "
        "federal funds rate when it has seen some further improvement in the labor market and is "
        "reasonably confident that inflation will move back to its 2 percent objective over the "
        "medium term.",
        "The Committee judges that there has been considerable improvement in labor market "
        "conditions this year, and it is reasonably confident that inflation will rise, over the "
        "medium term, to its 2 percent objective. Given the economic outlook, and recognizing the "
        "time it takes for policy actions to affect future economic outcomes, the Committee "
        "decided to raise the target range for the federal funds rate to 1/4 to 1/2 percent. The "
        "stance of monetary policy remains accommodative after this increase, thereby supporting "
        "further improvement in labor market conditions and a return to 2 percent inflation."
        "\n\nIn determining the timing and size of future adjustments to the target range for "
        "the federal funds rate, the Committee will assess realized and expected economic "
        "conditions relative to its objectives of maximum employment and 2 percent inflation. "
        "This assessment will take into account a wide range of information, including measures "
        "of labor market conditions, indicators of inflation pressures and inflation "
        "expectations, and readings on financial and international developments.",
    )
    notes = [c.note for c in entry.changes if c.kind == "number"]
    assert "target range for the federal funds rate 0 to 1/4 → 1/4 to 1/2 percent" in notes
    assert not [n for n in notes if "0 to 1/4 → 2 percent" in n]


@pytest.mark.parametrize(
    ("left", "right", "notes"),
    [
        # GWR 2014 → 2017: sulphur dioxide fell 3.5% then 5.6%; the chemical oxygen demand's
        # 2.9% is no fall of nitrogen oxides, though both end on "排放量".
        (
            "二氧化硫、化学需氧量排放量分别下降3.5%、2.9%。",
            "二氧化硫、氮氧化物排放量分别下降5.6%和4%。",
            [
                "二氧化硫…下降 3.5% → 5.6%",
                "氮氧化物排放量下降 4% added",
                "化学需氧量排放量下降 2.9% dropped",
            ],
        ),
        # GWR 2018 → 2022: the 40 yuan was the medical insurance's, as the 30 yuan is.
        (
            "居民基本医保人均财政补助标准再增加40元，一半用于大病保险。",
            "居民医保和基本公共卫生服务经费人均财政补助标准分别再提高30元和5元，推动基本医保省级统筹。",
            ["居民医保…再提高 40 → 30元", "服务经费人均财政补助标准再提高 5元 added"],
        ),
        (
            "水土流失、荒漠化、沙化土地面积分别净减少10万、3万、3万平方公里。",
            "水土流失、荒漠化、沙化土地面积分别净减少10.6万、3.8万、3.3万平方公里。",
            [
                "水土流失…净减少 10 → 10.6万",
                "荒漠化…净减少 3 → 3.8万",
                "沙化土地面积净减少 3 → 3.3万平方公里",
            ],
        ),
    ],
    ids=["pollutants", "subsidies", "land"],
)
def test_each_figure_of_a_respectively_list_is_its_own_things(
    left: str, right: str, notes: list[str]
) -> None:
    assert _figure_notes(left, right) == notes


def test_the_second_figure_of_a_list_pairs_with_the_second() -> None:
    # Urban and rural minimum-income standards, GWR 2012 → 2013's wording with other figures.
    notes = _figure_notes(
        "城乡低保标准分别提高13.1%和17.7%。", "城乡低保标准分别提高9.97%和14.1%。"
    )
    assert notes == ["城乡低保标准分别提高 13.1% → 9.97%", "城乡低保标准分别提高 17.7% → 14.1%"]


def test_a_step_listed_after_another_is_no_level_reached() -> None:
    # GWR 2016 → 2021: the public-health grant was raised to 45 yuan a head; five years on it
    # rises by another 5 yuan. "45 → 5元" would read as a cut.
    notes = _figure_notes(
        "基本公共卫生服务经费财政补助从人均40元提高到45元，促进医疗资源向基层和农村流动。",
        "居民医保和基本公共卫生服务经费人均财政补助标准分别再增加30元和5元，推动基本医保省级统筹。",
    )
    assert not any("→" in note for note in notes), notes
    assert "服务经费人均财政补助标准再增加 5元 added" in notes


def test_a_count_in_ten_thousands_says_whom_it_counts() -> None:
    # GWR 2021 → 2022: "1000多万 dropped" left a reader asking ten million of what. A bare 万
    # or 亿 counts what follows it, in a report most often people: quoted up to the word for
    # them, not the rest of the sentence ("…在城镇落户").
    notes = _figure_notes(
        "广泛开展线上教学，秋季学期实现全面复学，1000多万高中毕业生顺利完成高考。",
        "广泛开展线上教学，秋季学期实现全面复学，近1400万农业转移人口在城镇落户。",
    )
    assert notes == ["近1400万农业转移人口 added", "1000多万高中毕业生 dropped"]
    # A scale that counts no people keeps to its figure: 30万 is the troops cut, no "任务".
    notes = _figure_notes(
        "配合基本完成裁减军队员额30万任务。", "配合基本完成裁减军队员额20万任务。"
    )
    assert notes == ["配合基本完成裁减军队员额 30 → 20万"]


def test_a_chinese_task_is_quoted_past_the_things_it_lists() -> None:
    # GWR 2013 → 2014: the new commitment is to balance growth, jobs, prices and the balance of
    # payments, not "加强对增长", where the quote stopped at the first 、.
    entry = _entry(
        "今年经济社会发展的主要预期目标是：国内生产总值增长7.5%左右。这里，着重对两个指标作些说明。",
        "今年经济社会发展的主要预期目标是：国内生产总值增长7.5%左右。"
        "加强对增长、就业、物价、国际收支等主要目标的统筹平衡。这里，着重对两个目标加以说明。",
    )
    notes = [c.note for c in entry.changes if c.kind == "modality"]
    assert notes == ["commitment added: 加强对增长、就业、物价、国际收支等…"]


def test_a_context_cut_to_its_last_words_does_not_open_on_a_particle() -> None:
    # GWR 2017: "我们面对的是世界经济和贸易增速7年来最低" quoted its last words as
    # "的是世界经济和贸易增速"; a cut context starts at a word that names something.
    notes = _figure_notes(
        "我们面对的是世界经济和贸易增速6年来最低、国际金融市场波动加剧的外部环境。",
        "我们面对的是世界经济和贸易增速7年来最低、国际金融市场波动加剧的外部环境。",
    )
    assert notes == ["世界经济和贸易增速 6 → 7年"]


def test_a_figure_paired_across_other_words_is_quoted_with_each_sides_words() -> None:
    # GWR 2016 → 2022: a rewritten budget paragraph pairs the central deficit (中央财政赤字
    # 1.4万亿元) with the transfers to local governments (中央对地方转移支付增加约1.5万亿元).
    # Quoted with the later words only, the note said the transfers went 1.4 → 1.5万亿元; with
    # each side's own, a reader sees what was set against what.
    notes = _figure_notes(
        "今年拟安排财政赤字2.18万亿元，其中，中央财政赤字1.4万亿元。",
        "今年拟安排财政赤字2.18万亿元，中央对地方转移支付增加约1.5万亿元。",
    )
    assert "中央财政赤字 1.4万亿元 → 中央对地方转移支付增加 约1.5万亿元" in notes
    # The same words on both sides keep the one quote: "国内生产总值增长 6.9% → 6.7%".
    assert _figure_notes("国内生产总值增长6.9%。", "国内生产总值增长6.7%。") == [
        "国内生产总值增长 6.9% → 6.7%"
    ]


def test_a_traditional_chinese_figure_keeps_its_scale_and_unit() -> None:
    # A Hong Kong or Taiwan text writes 萬, 億 and 個: "2.18萬億元" is 2.18 trillion yuan,
    # not the number 2.18 with "萬億元" left as words, and a five-year review ("五年來") keeps
    # its total apart from a year's count, as in Simplified text.
    assert _figure_notes("財政赤字2.18萬億元。", "財政赤字2.38萬億元。") == [
        "財政赤字 2.18 → 2.38萬億元"
    ]
    assert _figure_notes("五年來，城鎮新增就業6600萬人以上。", "城鎮新增就業1361萬人。")[1:] == [
        "城鎮新增就業 1361萬人 added",
        "城鎮新增就業 6600萬人以上 dropped",
    ]
    points = _figure_notes("赤字率下降0.2個百分點。", "赤字率下降0.5個百分點。")
    assert points == ["赤字率下降 0.2 → 0.5個百分點"]
