"""Real published statements (../shared/corpora) read and compared end to end."""

from __future__ import annotations

import gzip
import itertools
import json
import re
from pathlib import Path

import pytest

from diffsvc import compare
from diffsvc.engine.ingest import load

CORPUS = Path(__file__).parent.parent / "fixtures" / "corpus-md"


def test_white_house_markdown_reads_as_joined_paragraphs_without_front_matter() -> None:
    raw = (CORPUS / "aukus-2023.md").read_bytes()
    doc = load(raw, "aukus-2023.md")
    assert doc.source.format == "markdown"
    texts = [c.text for c in doc.clauses]
    assert not any("published_time" in t or "source_url" in t for t in texts)
    # 72-column hard wraps are joined back: five paragraphs, the closing "###" is layout.
    assert len(texts) == 5
    assert texts[0].startswith("Today, we, the leaders of Australia, the United Kingdom, and the")
    assert all("\n" not in t and t.endswith(".") for t in texts)


def test_consecutive_aukus_statements_compare_paragraph_by_paragraph() -> None:
    left = load((CORPUS / "aukus-2022.md").read_bytes(), "aukus-2022.md")
    right = load((CORPUS / "aukus-2023.md").read_bytes(), "aukus-2023.md")
    result = compare(left, right)
    assert {e.language for e in result.alignment} == {"en"}
    assert result.summary.substantive > 0
    # As a reader pairs them (fixtures/alignment-truth/aukus-2022-2023.json, judged before
    # looking at diffsvc's output): the rewritten opening, the advanced-capabilities paragraph
    # and the closing play the same role in both years; the 2022 submarine and stewardship
    # paragraphs became the 2023 submarine paragraph (diffsvc pairs the stewardship half); the
    # legislatures paragraph is new.
    assert [(e.op.value, e.left, e.right) for e in result.alignment] == [
        ("modified", [0], [0]),
        ("removed", [1], []),
        ("modified", [2], [1]),
        ("modified", [3], [2]),
        ("added", [], [3]),
        ("modified", [4], [4]),
    ]


GWR = Path(__file__).parent.parent / "fixtures" / "corpus-gwr" / "government_work_reports.jsonl.gz"


def _year(record: dict[str, str | None]) -> int:
    """The year of a report, or of the NPC session a resolution comes from (the 11th NPC first
    met in 2008, each NPC sits five years, one session a year)."""
    if record["year"]:
        return int(record["year"])
    found = re.match(r"第十(.)届全国人民代表大会第(.)次会议", record["title"] or "")
    assert found is not None, record["title"]
    npc, session = ("一二三四五".index(n) + 1 for n in found.groups())
    return 2008 + 5 * (npc - 1) + session - 1


def _gwr_pairs() -> list[tuple[str, str, str]]:
    """Consecutive years of the Government Work Reports, and of the NPC resolutions approving
    them: (id, older content, newer content)."""
    with gzip.open(GWR, "rt", encoding="utf-8") as f:
        records = sorted((json.loads(line) for line in f), key=_year)
    pairs = []
    for series, name in (("报告", "report"), ("决议", "resolution")):
        docs = [r for r in records if r["title"].endswith(series)]
        for old, new in itertools.pairwise(docs):
            pairs.append((f"{name}-{_year(old)}-{_year(new)}", old["content"], new["content"]))
    return pairs


GWR_PAIRS = _gwr_pairs()


def test_the_corpus_holds_every_report_and_resolution() -> None:
    assert len(GWR_PAIRS) == (11 - 1) + (15 - 1)


@pytest.mark.parametrize(("old", "new"), [p[1:] for p in GWR_PAIRS], ids=[p[0] for p in GWR_PAIRS])
def test_issue_17_government_work_reports_and_resolutions_are_chinese_only(
    old: str, new: str
) -> None:
    result = compare(old, new)
    for doc, text in ((result.left, old), (result.right, new)):
        assert [s.language for s in doc.sections] == ["zh"]
        assert {c.language for c in doc.clauses} == {"zh"}
        assert all(c.counterpart is None for c in doc.clauses)
        # The Wikisource licence trailer is kept, as clauses of the Chinese section.
        if "Public domain" in text:
            assert doc.clauses[-1].text == "Public domain false false"
    assert "English" not in result.summary.text
    assert result.summary.asymmetric == 0
    notes = {c.kind for e in result.alignment for c in e.changes}
    assert not notes & {"asymmetric", "translation"}
