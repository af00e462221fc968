"""Each page's template context is one typed, fully described model; render.py shapes it right."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, template_rendered
from flask.testing import FlaskClient
from pydantic import BaseModel
from web_support import LEFT, RIGHT, csrf_token, save_comparison

from diffsvc import compare, load
from diffsvc.views.comparison import build_compare_page
from diffsvc.views.contexts import (
    CompareLinks,
    ComparePage,
    DocsPage,
    ErrorPage,
    Fragment,
    IndexPage,
    PageState,
    ProblemsPage,
)
from diffsvc.views.fragments import cut_by_clause

FLASK_GLOBALS = {
    "g",
    "request",
    "session",
    "config",
    "csrf_token",
    "url_for",
    "get_flashed_messages",
    "csrf_meta_tag",  # flask-wtf
}
FORMATS = Path(__file__).resolve().parent.parent / "fixtures" / "formats"
LINKS = CompareLinks(
    page="/c/x",
    permalink="http://h/c/x",
    json_url="/c/x.json",
    download="/d",
    swap="/s",
    home="/",
    delete="/c/x/delete",
)


@contextmanager
def captured(app: Flask) -> Iterator[list[tuple[str, dict[str, Any]]]]:
    seen: list[tuple[str, dict[str, Any]]] = []

    def record(sender: Flask, template: Any, context: dict[str, Any], **extra: Any) -> None:
        seen.append((template.name, context))

    template_rendered.connect(record, app)
    try:
        yield seen
    finally:
        template_rendered.disconnect(record, app)


def described(model: type[BaseModel]) -> list[str]:
    """Fields without a description, recursively through nested view models."""
    missing = []
    for name, field in model.model_fields.items():
        if not field.description:
            missing.append(f"{model.__name__}.{name}")
        for arg in (*getattr(field.annotation, "__args__", ()), field.annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                missing += described(arg)
    return missing


def test_every_page_passes_exactly_one_typed_page(app: Flask, client: FlaskClient) -> None:
    cid = save_comparison(client)
    expected = {
        "/": ("index.html", IndexPage),
        f"/c/{cid}": ("compare.html", ComparePage),
        f"/c/{cid}/inline": ("compare.html", ComparePage),
        "/c/nope": ("error.html", ErrorPage),
        "/api/docs": ("api_docs.html", DocsPage),
        "/problems": ("problems.html", ProblemsPage),
    }
    for path, (template, model) in expected.items():
        with captured(app) as seen:
            client.get(path)
        assert [name for name, _ in seen] == [template], path
        context = seen[0][1]
        assert set(context) - FLASK_GLOBALS == {"page"}, path
        assert type(context["page"]) is model
    # A compare form that fails comes back as the form, with the same one typed context.
    form = {"csrf_token": csrf_token(client), "left_text": " ", "right_text": RIGHT}
    with captured(app) as seen:
        client.post("/", data=form, content_type="multipart/form-data")
    assert [(name, type(context["page"])) for name, context in seen] == [("index.html", IndexPage)]
    assert seen[0][1]["page"].error.side == "left"


@pytest.mark.parametrize("model", [IndexPage, ComparePage, ErrorPage, DocsPage, ProblemsPage])
def test_every_context_field_is_described(model: type[BaseModel]) -> None:
    assert described(model) == []


def test_comparison_context_structure(app: Flask, client: FlaskClient) -> None:
    cid = save_comparison(client, left_label="2022", right_label="2023")
    with captured(app) as seen:
        client.get(f"/c/{cid}?view=changes&editorial=hide")
    page: ComparePage = seen[0][1]["page"]
    assert (page.left_label, page.right_label, page.view, page.hide_editorial) == (
        "2022",
        "2023",
        "changes",
        True,
    )
    # Ops add up to the entries; moved and renumbered are flags counted apart.
    assert [(c.op, c.value) for c in page.counts] == [
        ("unchanged", 2),
        ("modified", 1),
        ("added", 1),
        ("removed", 0),
        ("split", 0),
        ("merged", 0),
    ]
    assert [(c.op, c.value) for c in page.flags] == [
        ("moved", 1),
        ("renumbered", 3),
        ("editorial", 0),
    ]
    assert [v.current for v in page.views] == [False, False, True]
    assert [
        (s.side, s.name, s.pasted, s.format, s.encoding, s.tracked, s.repairs) for s in page.sources
    ] == [
        ("left", "2022", True, "text", None, None, []),
        ("right", "2023", True, "text", None, None, []),
    ]
    assert page.editorial_toggle.href == f"/c/{cid}/changes"
    rows = page.sections[0].rows
    assert [r.op for r in rows] == ["unchanged", "modified", "unchanged", "ghost", "added"]
    assert (rows[0].link, rows[3].link) == ("g0", "e0")  # the ghost is where it stood before
    # Every entry changed: one moved, one reworded, one renumbered, one added.
    assert page.change_count == 4 and page.stop_count == 4
    assert [c.anchor for c in page.changes] == ["e0", "e1", "e2", "e3"]
    assert [r.is_change for r in rows] == [True, True, True, False, True]
    assert [g.collapsed for g in page.sections[0].groups] == [False] * 5


def test_sources_say_which_text_of_a_word_file_with_tracked_changes_was_compared() -> None:
    tracked = (FORMATS / "tracked_changes.docx").read_bytes()
    comparison = compare(load(tracked, "a.docx", tracked="original"), load(tracked, "b.docx"))
    page = build_compare_page(comparison, cid="x", state=PageState(), links=LINKS)
    assert [s.tracked for s in page.sources] == [
        "14 tracked changes, compared with all changes rejected",
        "14 tracked changes, compared with all changes accepted",
    ]


def test_fragments_rebuild_each_clause() -> None:
    comparison = compare(LEFT, RIGHT)
    page = build_compare_page(comparison, cid="x", state=PageState(), links=LINKS)
    for row in page.sections[0].rows:
        for side, doc in ((row.left, comparison.left), (row.right, comparison.right)):
            for clause in side:
                assert "".join(f.text for f in clause.fragments) == doc.clauses[clause.index].text
    modified = next(r for r in page.sections[0].rows if r.op == "modified")
    assert [(f.mark, f.text) for f in modified.inline if f.mark != "same"] == [
        ("del", "drugs"),
        ("ins", "narcotics"),
    ]


def marked(clauses: list[Any]) -> list[tuple[str | None, list[tuple[str, str]]]]:
    """Each clause of a row side as (label, [(mark, text), ...])."""
    return [(c.label, [(f.mark, f.text) for f in c.fragments]) for c in clauses]


def test_split_rows_span_their_parts() -> None:
    left = "1. We will share data and we will train officers together every year.\n"
    right = "1. We will share data.\n2. We will train officers together every year.\n"
    comparison = compare(left, right)
    page = build_compare_page(comparison, cid="x", state=PageState(), links=LINKS)
    assert [r.op for r in page.sections[0].rows] == ["split"]
    row = page.sections[0].rows[0]
    assert (row.badge, row.label, row.is_change) == ("split", "1.–2.", True)
    assert marked(row.left) == [
        (
            "1.",
            [
                ("same", "We will share data"),
                ("del", " and we"),
                ("same", " will train officers together every year."),
            ],
        )
    ]
    assert marked(row.right) == [
        ("1.", [("same", "We will share data"), ("ins", ".")]),
        ("2.", [("ins", "We"), ("same", " will train officers together every year.")]),
    ]


@pytest.mark.parametrize(
    ("pieces", "texts", "expected"),
    [
        (["ab\nc"], ["ab", "c"], [["ab"], ["c"]]),
        (["a", "b\nc", "d"], ["ab", "cd"], [["a", "b"], ["c", "d"]]),
        (["ab", "\n", "cd"], ["ab", "cd"], [["ab"], ["cd"]]),
        (["x"], ["ab"], None),
    ],
)
def test_cut_by_clause(
    pieces: list[str], texts: list[str], expected: list[list[str]] | None
) -> None:
    frags = [Fragment(text=p, mark="same", editorial=False) for p in pieces]
    cut = cut_by_clause(frags, texts)
    assert (None if cut is None else [[f.text for f in c] for c in cut]) == expected
