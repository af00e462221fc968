"""The comparison page's state and bounds over HTTP: what the URL asks for is what the page
shows, Next/Previous work as plain links, and a long comparison costs a bounded page."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from web_support import post_form

from diffsvc.views.comparison import FOLD_SHOWN, PAGE_ROWS

LEFT = (
    "1. The parties will establish a task force.\n"
    "2. The parties will share data in 2023.\n"
    "3. The parties will train officers.\n"
    "4. The parties will meet again.\n"
)
RIGHT = (
    "1. The parties will explore a task force.\n"
    "2. The parties will share data in 2024.\n"
    "3. The parties will train officers.\n"
    "4. The parties will meet again.\n"
    "5. The parties will fight cyber crime.\n"
)


def _save(client: FlaskClient, left: str = LEFT, right: str = RIGHT) -> str:
    response = post_form(client, {"left_text": left, "right_text": right})
    assert response.status_code == 303
    return str(response.headers["Location"]).split("/c/")[1].split("?")[0]


def _rows(html: str) -> list[str]:
    return re.findall(r'class="row [^"]*" id="\w+-(e\d+)"', html)


def _listed(html: str, *, shown: bool = True) -> list[str]:
    items = re.findall(r'<li class="change-item( filtered-out)?" data-anchor="(e\d+)"', html)
    return [anchor for hidden, anchor in items if bool(hidden) != shown]


def test_an_unknown_view_or_value_opens_the_default_rather_than_failing(
    client: FlaskClient,
) -> None:
    cid = _save(client)
    for query in ("?view=bogus", "?page=abc", "?at=x1", "?kind=nonsense", "?at=e999999"):
        response = client.get(f"/c/{cid}{query}")
        assert response.status_code == 200, query
        assert 'data-view-panel="side"' in response.text


def test_next_and_previous_are_links_the_server_answers(client: FlaskClient) -> None:
    cid = _save(client)
    first = client.get(f"/c/{cid}/inline?after=")
    assert first.status_code == 303
    assert first.headers["Location"] == f"/c/{cid}/inline?at=e0#inline-e0"
    second = client.get(f"/c/{cid}/inline?after=e0").headers["Location"]
    assert second.endswith("at=e1#inline-e1")
    # Previous from the first change goes round to the last; filters narrow the steps.
    assert client.get(f"/c/{cid}/side?before=e0").headers["Location"].endswith("#side-e4")
    added = client.get(f"/c/{cid}/side?kind=added&after=e0").headers["Location"]
    assert added == f"/c/{cid}/side?kind=added&at=e4#side-e4"
    # The page then links Next and Previous from there, keeping the filter.
    html = client.get(added.split("#")[0]).text
    assert f'href="/c/{cid}/side?kind=added&amp;after=e4" data-nav="next"' in html
    # Nothing left to step to: the page itself, without a place.
    none = client.get(f"/c/{cid}/side?q=nowhere&after=e0").headers["Location"]
    assert none == f"/c/{cid}/side?q=nowhere"


def test_filters_and_search_narrow_the_change_list_and_the_steps(client: FlaskClient) -> None:
    cid = _save(client)
    html = client.get(f"/c/{cid}/changes").text
    assert _listed(html) == ["e0", "e1", "e4"]
    numbers = client.get(f"/c/{cid}/changes?kind=numbers").text
    assert _listed(numbers) == ["e1"] and _listed(numbers, shown=False) == ["e0", "e4"]
    assert 'value="numbers" checked' in numbers
    # Either version's words match, full-width letters as their ASCII twins.
    assert _listed(client.get(f"/c/{cid}/changes?q=ＣＹＢＥＲ").text) == ["e4"]
    assert _listed(client.get(f"/c/{cid}/changes?q=establish").text) == ["e0"]
    # The link to this view and Swap carry the choices.
    page = client.get(f"/c/{cid}/inline?kind=numbers&editorial=hide").text
    assert re.search(
        r'id="permalink"[^>]*value="http://[^"]+/inline\?editorial=hide&amp;kind=numbers"', page
    )
    swap = re.search(r'href="([^"]+)" data-swap', page)
    assert swap
    target = client.get(swap.group(1).replace("&amp;", "&")).headers["Location"]
    assert target.endswith("/inline?editorial=hide&kind=numbers")


def test_a_long_comparison_comes_in_bounded_pages(client: FlaskClient) -> None:
    n = 2 * PAGE_ROWS + 300
    left = [f"{k + 1}. The parties note item {k} of the plan." for k in range(n)]
    right = list(left)
    for k in (5, PAGE_ROWS + 10, 2 * PAGE_ROWS + 100):
        right[k] = right[k].replace("note", "welcome")
    cid = _save(client, "\n".join(left), "\n".join(right))
    first = client.get(f"/c/{cid}/side").text
    assert len(_rows(first)) == PAGE_ROWS
    assert "Page 1 of 3" in first and _listed(first) == ["e5"]
    # The place picks the page: the change at e2100 is on page 3.
    third = client.get(f"/c/{cid}/side?at=e{2 * PAGE_ROWS + 100}").text
    assert "Page 3 of 3" in third and len(_rows(third)) == 300
    assert client.get(f"/c/{cid}/side?page=99").text.count("Page 3 of 3") >= 1
    # The overview bar reaches changes on other pages; at most a hundred cells.
    cells = re.findall(r'class="ov( ov-\w+)?( here)?"', first)
    assert len(cells) == 100 and sum(1 for kind, _ in cells if kind) == 3
    assert f"at=e{PAGE_ROWS + 10}#side-e{PAGE_ROWS + 10}" in first
    # The changes view carries the three changes, and long unchanged runs only as links.
    changes = client.get(f"/c/{cid}/changes").text
    assert 'class="pager"' not in changes  # all three fit one page
    assert len(_rows(changes)) <= 3 + 2 * FOLD_SHOWN
    assert "unchanged clauses: read them side by side" in changes


def test_the_page_says_when_a_comparison_was_not_made_with_the_defaults(
    client: FlaskClient,
) -> None:
    usual = client.get(f"/c/{_save(client)}").text
    assert "source-settings" not in usual
    form = {"left_text": LEFT, "right_text": RIGHT, "move_threshold": "0.7"}
    location = post_form(client, form).headers["Location"]
    assert "Compared with move threshold 0.7 (default 0.8)" in client.get(location).text
