"""Markdown as people have it: real agreements converted by pandoc, uploaded or pasted.

The fixtures under fixtures/markdown-real/ are White House publications as stored in
../shared/corpora (see fixtures/PROVENANCE.md): two whole agreements (Jordan, Cambodia) and
excerpts of the other leftovers the corpus holds. Every face is held to one reading: the library
(``diffsvc.read``, ``load``, ``compare``), the JSON API and the web form (uploaded and pasted)
and the command line give the same clauses, and no markup is left in them.
"""

from __future__ import annotations

import gzip
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from web_support import post_form

import diffsvc
from diffsvc import errors
from diffsvc.cli import run
from diffsvc.models import Document

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
REAL = FIXTURES / "markdown-real"
JORDAN = (REAL / "jordan.md").read_bytes()
CAMBODIA = (REAL / "cambodia.md").read_bytes()
# The whole corpus the fixtures were taken from: the 16 agreements and 12 White House statements
# of ../shared/corpora, byte for byte, one JSON record a file.
with gzip.open(REAL / "corpus.jsonl.gz", "rt", encoding="utf-8") as corpus:
    CORPUS_FILES = [json.loads(line) for line in corpus]

# What must never reach a clause: emphasis, tags, escapes, link syntax.
MARKUP = re.compile(r"\*\*|<|>|\\\(|\\\[|\]\(")
ONE_PARAGRAPH_A_LINE = (
    "Preamble\n\nThe **Parties** agree to the following:\n1. To meet every year.\n"
    "(a) The first meeting is in May.\n(b) The second meeting is in June.\n"
)

Clauses = list[tuple[str | None, str, str]]


def clauses(document: Document | dict[str, Any]) -> Clauses:
    if isinstance(document, dict):
        document = Document.model_validate(document)
    return [(c.label, c.text, c.kind.value) for c in document.clauses]


def markup_in(document: Document) -> list[str]:
    return [
        f"{c.label or ''} {c.text}"
        for c in document.clauses
        if MARKUP.search(c.text) or MARKUP.search(c.label or "")
    ]


def labelled(document: Document) -> list[str]:
    """Each clause as read, label and text: "(a) Jordan shall accord …"."""
    return [f"{c.label} {c.text}" if c.label else c.text for c in document.clauses]


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def has_clause(document: Document, written: str) -> bool:
    """A clause reads ``written`` (label and text, whatever punctuation the label keeps:
    "Section 1. Tariffs and Quotas" is the label "Section 1." or "Section 1" and its text)."""
    return words(written) in [words(text) for text in labelled(document)]


# The library


@pytest.mark.parametrize("name", ["jordan.md", "cambodia.md", "excerpts.md"])
@pytest.mark.parametrize("upload_name", ["file name as is", "as .txt", "no name", "pasted"])
def test_real_markdown_reads_as_markdown_with_no_markup_left(name: str, upload_name: str) -> None:
    data = (REAL / name).read_bytes()
    if upload_name == "pasted":
        document = diffsvc.load(data.decode("utf-8"))
    else:
        filename = {"file name as is": name, "as .txt": "agreement.txt"}.get(upload_name)
        document = diffsvc.load(data, filename)
    assert document.source.format == "markdown"
    assert len(document.clauses) > 20
    assert markup_in(document) == []


def test_the_whole_corpus_reads_with_no_markup_left() -> None:
    """All 16 agreements and 12 White House statements the fixtures were taken from."""
    left_over = {}
    for record in CORPUS_FILES:
        name = Path(record["name"]).name
        document = diffsvc.load(record["text"].encode("utf-8"), name)
        assert document.source.format == "markdown", name
        assert document.clauses, name
        if found := markup_in(document):
            left_over[name] = found
    assert len(CORPUS_FILES) == 28
    assert left_over == {}


def test_jordan_sections_and_lettered_paragraphs_are_clauses_with_their_text() -> None:
    document = diffsvc.load(JORDAN, "jordan.md")
    texts = labelled(document)
    assert has_clause(document, "Section 1. Tariffs and Quotas")
    assert has_clause(document, "Section 2. Non-Tariff Barriers and Related Matters")
    # "(a)" stands after a line CommonMark reads as raw HTML (a <span> alone on its line): its
    # text is kept, as a clause of its own, and so is "(b)" after it.
    letters = {c.label: c.text for c in document.clauses if c.label in ("(a)", "(b)")}
    assert letters["(a)"].startswith(
        "Jordan shall accord to the conformity assessment bodies of the United States treatment"
    )
    assert letters["(b)"] == (
        "Jordan shall facilitate the acceptance of U.S. compliance procedures for goods which are"
        " not subject to third-party conformity assessment in the U.S. regulatory framework.[2]"
    )
    # Hard-wrapped paragraphs are joined; front matter is not text; footnotes are kept, as text.
    assert (
        "Jordan shall not impose quotas on imports of originating goods of the United States"
        " except as the Parties otherwise agree."
    ) in texts
    assert not any("source_url" in text or "published_time" in text for text in texts)
    assert any(text.startswith("[1] For greater certainty, “import licensing”") for text in texts)


def test_cambodia_footnote_links_and_emphasised_spaces_are_text() -> None:
    document = diffsvc.load(CAMBODIA, "cambodia.md")
    texts = labelled(document)
    assert any(
        text.startswith("1. Cambodia shall not apply import licensing[1] to U.S. goods")
        for text in texts
    )
    assert any(
        text.startswith("2. The United States shall apply a revised reciprocal tariff rate")
        for text in texts
    )
    assert has_clause(document, "Section 5. Economic and National Security")


def test_pandoc_leftovers_are_rendered_to_text() -> None:
    text = diffsvc.read((REAL / "excerpts.md").read_bytes()).text
    for expected in [
        "- d. Ministerial: The Participants have decided to promote investment",
        "- Labor: Ecuador has committed to protect internationally recognized labor rights",
        "covered by such agreements, including through further implementation",
        "a shared understanding on crisis responses.\n",
        "Our collaboration will create a stronger level playing field",
        "making the region more resilient for the 21st century.",
        "\nFostering partnerships with African countries\n",
        "\nOBJECTIVE\n",
        "- Procurement of aircraft currently valued at 3.2 billion USD.\n",
        "Tariffs and Quotas & Related Matters \u2013 Annex I.",
    ]:
        assert expected in text


def test_deep_indented_paragraphs_and_windows_newlines_read_the_same() -> None:
    """Copied from a browser, the no-break spaces that indent Jordan's paragraphs become spaces:
    12-space indents after a blank line, which CommonMark would make code blocks."""
    expected = clauses(diffsvc.load(JORDAN, "jordan.md"))
    indented = JORDAN.decode("utf-8").replace("\u00a0", " ")
    assert re.search(r"\n\n {12}Jordan shall not impose quotas", indented)
    assert clauses(diffsvc.load(indented)) == expected
    assert clauses(diffsvc.load(JORDAN.replace(b"\n", b"\r\n"), "jordan.md")) == expected


def test_pasted_markdown_compares_as_the_uploaded_file_does() -> None:
    uploaded = diffsvc.load(JORDAN, "jordan.md")
    pasted = JORDAN.decode("utf-8")
    result = diffsvc.compare(uploaded, pasted)
    assert result.right.source.format == "markdown"
    assert (result.summary.substantive, result.summary.changed) == (0, 0)
    assert {entry.op.value for entry in result.alignment} == {"unchanged"}


def test_a_markdown_name_reads_text_as_markdown_but_never_a_pdf() -> None:
    plain = (FIXTURES / "formats" / "statement_en.txt").read_bytes()
    as_text, as_markdown = diffsvc.load(plain, "statement.txt"), diffsvc.load(plain, "a.md")
    assert (as_text.source.format, as_markdown.source.format) == ("text", "markdown")
    assert clauses(as_markdown) == clauses(as_text)
    pdf = (FIXTURES / "formats" / "statement_en.pdf").read_bytes()
    assert diffsvc.read(pdf, "statement.md").format == "pdf"


def test_a_real_html_page_is_still_html() -> None:
    page = (FIXTURES / "formats" / "statement_en.html").read_bytes()
    for read in (diffsvc.read(page, "page.md"), diffsvc.read(page.decode("utf-8"))):
        assert read.format == "html"
        assert "<" not in read.text
    fragment = "<div>\n<p>1. We will meet every year in spring.</p>\n<p>2. We share data.</p>"
    assert diffsvc.read(fragment).format == "html"
    with pytest.raises(errors.NoArticle):
        diffsvc.read((FIXTURES / "formats" / "nav_only.html").read_bytes(), "nav.txt")


def test_text_full_of_tags_is_read_not_refused_for_having_no_article() -> None:
    page = (FIXTURES / "formats" / "nav_only.html").read_text(encoding="utf-8")
    body = page[page.index("<body>") + len("<body>") : page.index("</body>")]
    for name in ("links.txt", "links.md", None):
        result = diffsvc.read(body.encode("utf-8"), name)
        assert result.format == "markdown"
        assert "<" not in result.text
    # Markup past the HTML parser's reach is read too, not refused as a broken file.
    assert diffsvc.read("<br>1. We meet every year.").text == "1. We meet every year.\n"


def test_one_paragraph_a_line_stays_plain_text_whatever_its_signs_or_name() -> None:
    for name in (None, "statement.txt", "statement.md"):
        document = diffsvc.load(ONE_PARAGRAPH_A_LINE.encode(), name)
        assert document.source.format == "text"
        assert [c.label for c in document.clauses if c.label] == ["1.", "(a)", "(b)"]
        assert "The **Parties** agree to the following:" in [c.text for c in document.clauses]
    assert diffsvc.read(ONE_PARAGRAPH_A_LINE).format == "text"


def test_statements_saved_as_text_read_their_links_as_words_uploaded_or_pasted() -> None:
    """FOMC statements saved as text close on a Markdown link whose words the page wrapped
    ("[Implementation Note issued January 27," / "2016](https://…)"): the clause is the link's
    words, uploaded or pasted, and a new statement's link reads as its date changed."""
    statements = sorted(FIXTURES.glob("alignment-truth/docs/fomc-*.txt"))
    linked = [path for path in statements if "](" in path.read_text(encoding="utf-8")]
    assert len(linked) >= 5
    for path in linked:
        uploaded = diffsvc.load(path.read_bytes(), path.name)
        pasted = diffsvc.load(path.read_text(encoding="utf-8"))
        assert markup_in(uploaded) == markup_in(pasted) == [], path.name
        assert [c.text for c in uploaded.clauses] == [c.text for c in pasted.clauses]
    january = diffsvc.load((FIXTURES / "alignment-truth/docs/fomc-20160127.txt").read_bytes())
    assert january.clauses[-1].text == "Implementation Note issued January 27, 2016"


def test_plain_text_compares_exactly_as_before() -> None:
    """Plain text passed as a string is normalised as given: offsets point into it."""
    text = "1. We will meet.\r\n2. We will share data.\r\n"
    assert diffsvc.compare(text, text).left == diffsvc.normalize(text)


# HTTP: the JSON API and the web form


def test_api_compares_uploaded_agreements_with_no_markup_in_clause_text(
    client: FlaskClient,
) -> None:
    form = {
        "left": (io.BytesIO(JORDAN), "jordan.md"),
        "right": (io.BytesIO(CAMBODIA), "cambodia.txt"),
    }
    response = client.post("/api/v1/compare?save=false", data=form)
    assert response.status_code == 200, response.get_json()
    data = response.get_json()
    left, right = Document.model_validate(data["left"]), Document.model_validate(data["right"])
    assert (left.source.format, right.source.format) == ("markdown", "markdown")
    assert markup_in(left) == markup_in(right) == []
    assert has_clause(left, "Section 1. Tariffs and Quotas")
    assert data["summary"]["substantive"] > 0


def test_api_pasted_text_gives_the_clauses_of_the_uploaded_file(client: FlaskClient) -> None:
    uploaded = client.post(
        "/api/v1/normalize", data={"file": (io.BytesIO(JORDAN), "jordan.md")}
    ).get_json()
    as_text_file = client.post(
        "/api/v1/normalize", data={"file": (io.BytesIO(JORDAN), "jordan.txt")}
    ).get_json()
    pasted = client.post("/api/v1/normalize", json={"text": JORDAN.decode("utf-8")}).get_json()
    assert clauses(pasted) == clauses(uploaded) == clauses(as_text_file)
    assert pasted["source"]["format"] == "markdown"
    body = {"left": {"text": JORDAN.decode("utf-8")}, "right": {"text": CAMBODIA.decode("utf-8")}}
    compared = client.post("/api/v1/compare?save=false", json=body).get_json()
    assert clauses(compared["left"]) == clauses(uploaded)


def test_form_paste_and_upload_of_the_same_agreement_show_no_change(client: FlaskClient) -> None:
    form = {
        "left_file": (io.BytesIO(JORDAN), "jordan.md"),
        "left_label": "uploaded",
        # A browser sends a textarea's lines with CRLF.
        "right_text": JORDAN.decode("utf-8").replace("\n", "\r\n"),
        "right_label": "pasted",
    }
    location = post_form(client, form).headers["Location"]
    data = client.get(location + ".json").get_json()
    assert clauses(data["left"]) == clauses(data["right"])
    assert (data["summary"]["substantive"], data["summary"]["changed"]) == (0, 0)
    page = client.get(location).get_data(as_text=True)
    assert "Tariffs and Quotas" in page
    assert has_clause(Document.model_validate(data["right"]), "Section 1. Tariffs and Quotas")


# The command line


def test_cli_reads_markdown_and_text_files_as_the_service_does(tmp_path: Path) -> None:
    as_txt = tmp_path / "jordan.txt"
    as_txt.write_bytes(JORDAN)
    expected = clauses(diffsvc.load(JORDAN, "jordan.md"))
    for path in (REAL / "jordan.md", as_txt):
        out = io.StringIO()
        assert run(["normalize", str(path)], out) == 0
        document = json.loads(out.getvalue())
        assert document["source"]["format"] == "markdown"
        assert clauses(document) == expected
    out = io.StringIO()
    assert run(["compare", str(REAL / "jordan.md"), str(as_txt), "--format", "json"], out) == 0
    assert json.loads(out.getvalue())["summary"]["changed"] == 0


def test_a_bold_line_over_a_hard_break_is_a_heading_clause_of_its_own() -> None:
    # The White House statements' section headings: "**Climate**" and two trailing spaces over
    # the section's first paragraph (also "**Space" with no-break spaces before its "**").
    source = (
        "Intro paragraph.\n\n**Climate**  \nRecognizing the urgent need to act.\n\n"
        "**Space\n\u00a0\u00a0\u00a0**  \nSpace-related applications help.\n\n"
        "**Bold** words begin\nthis paragraph.\n"
    )
    texts = [c.text for c in diffsvc.load(source.encode(), "statement.md").clauses]
    assert texts == [
        "Intro paragraph.",
        "Climate",
        "Recognizing the urgent need to act.",
        "Space",
        "Space-related applications help.",
        "Bold words begin this paragraph.",
    ]
    # Pasted, the same text reads the same.
    pasted = diffsvc.compare(diffsvc.load(source.encode(), "statement.md"), source)
    assert [c.text for c in pasted.right.clauses] == texts


def test_a_hard_break_after_a_sentence_ends_the_paragraph_as_br_does_on_the_page() -> None:
    # The G7's 2024 statement sets its paragraphs apart with a hard break after the last
    # sentence, not a blank line; the page it was converted from shows two paragraphs.
    source = (
        "We call on Russia to return all civilians it has deported, starting with\n"
        "children.  \n"
        "We reiterate our support for Ukraine’s agriculture sector, which is\n"
        "critical for global food supply.\n\n"
        "We call for unimpeded deliveries of grain,  \n"
        "including through the Black Sea.\n"
    )
    texts = [c.text for c in diffsvc.load(source.encode(), "statement.md").clauses]
    assert texts == [
        "We call on Russia to return all civilians it has deported, starting with children.",
        "We reiterate our support for Ukraine’s agriculture sector, which is critical for global "
        "food supply.",
        # Inside a sentence the break only wraps it.
        "We call for unimpeded deliveries of grain, including through the Black Sea.",
    ]
    page = (
        f"<html><body><article><p>{texts[0]}<br>{texts[1]}</p><p>{texts[2]}</p></article>"
        "</body></html>"
    )
    assert [c.text for c in diffsvc.load(page.encode(), "statement.html").clauses] == texts
