"""Real published statements (../shared/corpora) read and compared end to end."""

from __future__ import annotations

from pathlib import Path

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
    # Checked by hand: the 2023 statement rewrote its opening; the paragraphs on advanced
    # capabilities and on the partners' record carry over, reworded.
    assert [(e.op.value, e.left, e.right) for e in result.alignment] == [
        ("removed", [0], []),
        ("removed", [1], []),
        ("removed", [2], []),
        ("added", [], [0]),
        ("added", [], [1]),
        ("modified", [3], [2]),
        ("added", [], [3]),
        ("modified", [4], [4]),
    ]
