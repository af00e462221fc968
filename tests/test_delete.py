"""Whoever saved a comparison can delete it; nobody else can (#12)."""

from __future__ import annotations

import re
from pathlib import Path

from web_support import make_app, save_comparison

BODY = {"left": {"text": "1. The parties will meet."}, "right": {"text": "1. They will meet."}}
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def test_the_api_client_that_saved_a_comparison_deletes_it_with_its_token(tmp_path: Path) -> None:
    client = make_app(tmp_path).test_client()
    saved = client.post("/api/v1/compare", json=BODY).get_json()
    cid, token = saved["id"], saved["delete_token"]
    assert token and len(token) >= 24
    # The same pair again is the stored comparison, and gives no power over it.
    assert client.post("/api/v1/compare", json=BODY).get_json()["delete_token"] is None
    assert client.post("/api/v1/compare?save=false", json=BODY).get_json()["delete_token"] is None
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {token}"}):
        refused = client.delete(f"/api/v1/comparisons/{cid}", headers=headers)
        assert (refused.status_code, refused.get_json()["code"]) == (403, "forbidden")
    assert client.get(f"/api/v1/comparisons/{cid}").status_code == 200
    done = client.delete(f"/api/v1/comparisons/{cid}", headers={"Authorization": f"Bearer {token}"})
    assert (done.status_code, done.data) == (204, b"")
    assert client.get(f"/api/v1/comparisons/{cid}").status_code == 404
    assert client.get(f"/c/{cid}").status_code == 404


def test_the_browser_that_saved_a_comparison_deletes_it_and_no_other(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    mine, other = app.test_client(), app.test_client()
    cid = save_comparison(mine)
    assert f'href="/c/{cid}/delete"' in mine.get(f"/c/{cid}").get_data(as_text=True)
    # Another browser is told who may delete it, and cannot.
    page = other.get(f"/c/{cid}/delete").get_data(as_text=True)
    assert "Only whoever saved a comparison can delete it" in page and "<form" not in page
    other_token = TOKEN.search(other.get("/").get_data(as_text=True))
    assert other_token is not None
    refused = other.post(f"/c/{cid}/delete", data={"csrf_token": other_token.group(1)})
    assert refused.status_code == 403
    # The browser that saved it confirms, and the comparison is gone.
    confirm = mine.get(f"/c/{cid}/delete").get_data(as_text=True)
    token = TOKEN.search(confirm)
    assert token is not None and "This cannot be undone." in confirm
    done = mine.post(f"/c/{cid}/delete", data={"csrf_token": token.group(1)})
    assert done.status_code == 303 and done.headers["Location"].endswith("/?deleted=1")
    assert "The comparison was deleted." in mine.get("/?deleted=1").get_data(as_text=True)
    assert mine.get(f"/c/{cid}").status_code == 404
