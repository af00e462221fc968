"""Agreements as lawyers bring them: Sections, dotted Articles, paragraphs, items, footnotes and
annexes read with their real labels and parents (issue #16, point 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

import diffsvc
from diffsvc.models import Clause, Document

EXCERPT = Path(__file__).parent.parent / "fixtures" / "agreement-structure" / "cambodia-excerpt.txt"


@pytest.fixture(scope="module")
def doc() -> Document:
    return diffsvc.normalize(EXCERPT.read_text(encoding="utf-8"))


def _labelled(doc: Document, label: str) -> Clause:
    found = [c for c in doc.clauses if c.label == label]
    assert len(found) == 1, f"{label!r}: {[c.label for c in doc.clauses]}"
    return found[0]


def _starting(doc: Document, words: str) -> Clause:
    return next(c for c in doc.clauses if c.text.startswith(words))


def test_dotted_articles_keep_their_whole_label_and_title(doc: Document) -> None:
    article = _labelled(doc, "Article 1.1")
    assert article.text == "Tariffs"
    assert _labelled(doc, "Article 2.1").text == "Import Licensing and Technical Regulations"
    assert _labelled(doc, "Section 1").text == "Tariffs and Quotas"


def test_articles_nest_in_sections_and_paragraphs_in_articles(doc: Document) -> None:
    section_1, section_2 = _labelled(doc, "Section 1"), _labelled(doc, "Section 2")
    article_11, article_12 = _labelled(doc, "Article 1.1"), _labelled(doc, "Article 1.2")
    article_21 = _labelled(doc, "Article 2.1")
    assert (section_1.level, section_1.parent) == (0, None)
    assert (article_11.parent, article_12.parent) == (section_1.index, section_1.index)
    assert article_21.parent == section_2.index
    first = _starting(doc, "Cambodia shall apply a rate")
    assert (first.label, first.parent, first.level) == ("1.", article_11.index, 2)
    quotas = _starting(doc, "Cambodia shall not impose quotas")
    assert (quotas.label, quotas.parent) == (None, article_12.index)
    item_a = _starting(doc, "Cambodia shall accord")
    allow = _starting(doc, "Cambodia shall allow")
    assert (item_a.label, item_a.parent, item_a.level) == ("(a)", allow.index, 3)


def test_ordinals_are_the_article_number_within_its_section(doc: Document) -> None:
    assert [_labelled(doc, f"Article {n}").ordinal for n in ("1.1", "1.2", "2.1", "2.2")] == [
        1,
        2,
        1,
        2,
    ]


def test_running_text_naming_an_article_is_not_a_heading(doc: Document) -> None:
    clause = _starting(doc, "Article 5 of the Agreement on Agriculture")
    assert clause.label is None


def test_footnote_bodies_belong_to_the_clause_that_refers_to_them(doc: Document) -> None:
    note_1, note_2 = _labelled(doc, "[1]"), _labelled(doc, "[2]")
    assert (note_1.kind.value, note_2.kind.value) == ("footnote", "footnote")
    assert doc.clauses[note_1.parent or 0].text.startswith("Cambodia shall not apply import")
    assert doc.clauses[note_2.parent or 0].text.startswith("Cambodia shall facilitate")
    # Footnotes printed after the last article do not turn the articles' text into closing text.
    assert _starting(doc, "Cambodia shall provide non-discriminatory").kind.value != "closing"


def test_annexes_stand_beside_the_articles_each_its_own_clause(doc: Document) -> None:
    annexes = [_labelled(doc, label) for label in ("Annex I", "Annex II", "Schedule 1")]
    assert [(a.level, a.parent, a.ordinal) for a in annexes] == [
        (0, None, 1),
        (0, None, 2),
        (0, None, 1),
    ]


def test_recitals_are_preamble(doc: Document) -> None:
    recital = _starting(doc, "Recognizing the bonds")
    assert recital.kind.value == "preamble"


def test_an_article_renumbered_between_partners_is_reported_by_its_whole_label() -> None:
    left = (
        "Section 2. Barriers\n\nArticle 2.5: Services\n\nCambodia shall refrain from new barriers."
    )
    right = (
        "Section 2. Barriers\n\nArticle 2.7: Services\n\nCambodia shall refrain from new barriers."
    )
    result = diffsvc.compare(left, right)
    notes = [c.note for e in result.alignment for c in e.changes]
    assert "renumbered Article 2.5 → Article 2.7" in notes


def test_paragraphs_numbered_afresh_under_a_numbered_heading_nest_under_it() -> None:
    # The US–Switzerland–Liechtenstein framework numbers its headings 1.–5. and each heading's
    # paragraphs 1., 2., … again: "5. Economic Security" / "1. The Participants intend…".
    text = (
        "1. Tariffs\n\n1. The United States intends to apply the tariff.\n\n"
        "2. The Participants intend to cooperate.\n\n2. Economic Security\n\n"
        "1. The Participants intend to strengthen their cooperation.\n"
    )
    doc = diffsvc.normalize(text)
    assert [(c.label, c.level, c.parent) for c in doc.clauses] == [
        ("1.", 0, None),
        ("1.", 1, 0),
        ("2.", 1, 0),
        ("2.", 0, None),
        ("1.", 1, 3),
    ]


def test_a_lettered_item_a_converter_set_in_a_bullet_keeps_its_letter() -> None:
    # The US–Japan critical-minerals framework as converted to Markdown: "-   a\. **Project
    # selection:** …" under "1. Investment in mining…"; a reader sees item a. of item 1.
    text = (
        "1.  **Investment in mining and processing:** The Participants intend to act.\n\n"
        "    -   a\\. **Project selection:** The Participants intend to identify projects.\n\n"
        "    -   b\\. **Financing:** The Participants intend to provide financing.\n"
    )
    doc = diffsvc.load(text.encode(), "framework.md")
    assert [(c.label, c.parent) for c in doc.clauses] == [("1.", None), ("a.", 0), ("b.", 0)]
    assert doc.clauses[1].text.startswith("Project selection:")
