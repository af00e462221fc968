"""The series API: several versions in, a series out, at once when small and in the background
(202, then a status URL to poll) when large; bad input refused with the comparisons' errors,
naming the version."""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient
from web_support import make_app
from werkzeug.test import TestResponse

from diffsvc.models import MAX_VERSIONS, Series
from diffsvc.models.api import SeriesOut, SeriesStatus

FOMC = Path(__file__).parents[1] / "fixtures" / "series-truth" / "docs" / "fomc"
STATEMENTS = [
    "1. We will meet each year.\n2. We will share data.\n3. We will fight crime.",
    "1. We will meet each year.\n3. We will fight crime together.",
    "1. We will meet twice a year.\n2. We will share data.\n3. We will fight crime together.",
]


def versions(*labels: str) -> dict[str, Any]:
    return {
        "versions": [{"text": t, "label": lab} for t, lab in zip(STATEMENTS, labels, strict=False)]
    }


def wait_done(client: FlaskClient, status_url: str) -> TestResponse:
    """Poll a series' status URL, as a client told 202 does, until it is not 202 any more."""
    path = status_url.split("://", 1)[1].split("/", 1)[1]
    for _ in range(600):
        response = client.get("/" + path)
        if response.status_code != 202:
            return response
        SeriesStatus.model_validate_json(response.get_data())
        time.sleep(0.05)
    raise AssertionError("the series was never done")


def test_a_small_series_is_computed_at_once_in_date_order(client: FlaskClient) -> None:
    response = client.post("/api/v1/series", json=versions("2023", "2021", "2022"))
    assert response.status_code == 201
    out = SeriesOut.model_validate_json(response.get_data())
    assert [v.source.label for v in out.versions] == ["2021", "2022", "2023"]
    assert out.id and out.delete_token and out.url and out.url.endswith(f"/s/{out.id}")
    # Every clause of every version in exactly one thread.
    for k, version in enumerate(out.versions):
        held = sorted(c for t in out.threads for c in t.cells[k].clauses)
        assert held == list(range(len(version.clauses)))
    again = client.get(f"/api/v1/series/{out.id}")
    assert again.status_code == 200
    stored = SeriesOut.model_validate_json(again.get_data())
    assert stored.delete_token is None
    assert Series.model_validate(stored.model_dump(exclude={"id", "url", "delete_token"})) == (
        Series.model_validate(out.model_dump(exclude={"id", "url", "delete_token"}))
    )
    # Asked for again: the same series, and no second token to delete it.
    repeat = client.post("/api/v1/series", json=versions("2023", "2021", "2022"))
    assert repeat.status_code == 200 and repeat.json is not None
    assert repeat.json["id"] == out.id and repeat.json["delete_token"] is None


def test_labels_that_are_not_dates_keep_the_order_sent(client: FlaskClient) -> None:
    response = client.post("/api/v1/series?save=false", json=versions("draft", "final", "2022"))
    assert response.status_code == 200 and response.json is not None
    assert [v["source"]["label"] for v in response.json["versions"]] == ["draft", "final", "2022"]
    assert response.json["id"] is None


def test_a_large_series_runs_in_the_background_with_progress(tmp_path: Path) -> None:
    app = make_app(tmp_path, SERIES_BACKGROUND_CHARS=0)
    client = app.test_client()
    files = sorted(FOMC.glob("2008*.txt"))
    form = {"versions": [(io.BytesIO(f.read_bytes()), f.name) for f in files]}
    response = client.post("/api/v1/series", data=form, content_type="multipart/form-data")
    assert response.status_code == 202
    status = SeriesStatus.model_validate_json(response.get_data())
    assert status.total == len(files) - 1 and status.delete_token
    assert response.headers["Location"] == status.status_url
    done = wait_done(client, status.status_url)
    assert done.status_code == 200
    out = SeriesOut.model_validate_json(done.get_data())
    assert [v.source.filename for v in out.versions] == [f.name for f in files]
    assert len(out.steps) == len(files) - 1
    app.extensions["diffsvc"].store.close()


def test_a_series_whose_worker_went_away_is_reported_and_computed_when_sent_again(
    tmp_path: Path,
) -> None:
    # No runner computes it (a host that died with the series queued): an hour later the
    # series says it was interrupted, and sending the versions again computes it.
    app = make_app(tmp_path, SERIES_BACKGROUND_CHARS=0)
    services = app.extensions["diffsvc"]
    lost: list[str] = []
    original = services.runner.submit
    services.runner.submit = lost.append  # type: ignore[method-assign]
    client = app.test_client()
    status = client.post("/api/v1/series", json=versions("2021", "2022", "2023")).json
    assert status is not None and lost == [status["id"]]
    assert client.get(f"/api/v1/series/{status['id']}").status_code == 202
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'diffsvc.sqlite3'}")
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE series SET updated = '2000-01-01 00:00:00'"))
    engine.dispose()
    gone = client.get(f"/api/v1/series/{status['id']}")
    assert gone.status_code == 503 and gone.json is not None
    assert gone.json["code"] == "interrupted" and "again" in gone.json["detail"]
    services.runner.submit = original  # type: ignore[method-assign]
    resent = client.post("/api/v1/series", json=versions("2021", "2022", "2023"))
    assert resent.status_code == 202 and resent.json is not None
    assert resent.json["id"] == status["id"]
    assert wait_done(client, resent.json["status_url"]).status_code == 200
    services.store.close()


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ({"versions": [{"text": "1. Meet."}]}, "at least two versions; one was sent"),
        ({"versions": []}, "at least two versions; none was sent"),
        (
            {"versions": [{"text": f"1. Meet {k}."} for k in range(MAX_VERSIONS + 1)]},
            f"at most {MAX_VERSIONS} versions; {MAX_VERSIONS + 1} were sent",
        ),
        ({"versions": [{"text": "1. Meet."}, {"text": " \n "}]}, "Version 2 is empty"),
    ],
)
def test_bad_series_are_refused_naming_the_version(
    client: FlaskClient, body: dict[str, Any], said: str
) -> None:
    response = client.post("/api/v1/series", json=body)
    assert response.status_code == 422 and response.json is not None
    assert said in response.json["detail"]


def test_an_unreadable_file_is_named_by_its_version_and_file(client: FlaskClient) -> None:
    form = {
        "versions": [
            (io.BytesIO(b"1. Meet."), "2021.txt"),
            (io.BytesIO(b"\x00\x01\x02\xff" * 100), "2022.bin"),
        ]
    }
    response = client.post("/api/v1/series", data=form, content_type="multipart/form-data")
    assert response.status_code == 415 and response.json is not None
    assert response.json["detail"].startswith("Version 2 (2022.bin) is binary data")


def test_labels_must_match_the_files(client: FlaskClient) -> None:
    form = {
        "versions": [(io.BytesIO(b"1. Meet."), "a.txt"), (io.BytesIO(b"1. Talk."), "b.txt")],
        "labels": ["2021"],
    }
    response = client.post("/api/v1/series", data=form, content_type="multipart/form-data")
    assert response.status_code == 422 and response.json is not None
    assert "1 labels for 2 versions" in response.json["detail"]


def test_a_large_series_is_not_computed_unsaved(tmp_path: Path) -> None:
    app = make_app(tmp_path, SERIES_BACKGROUND_CHARS=10)
    response = app.test_client().post(
        "/api/v1/series?save=false", json=versions("2021", "2022", "2023")
    )
    assert response.status_code == 422 and response.json is not None
    assert "without save=false" in response.json["detail"]
    app.extensions["diffsvc"].store.close()


def test_only_the_creator_deletes_a_series(client: FlaskClient) -> None:
    out = client.post("/api/v1/series", json=versions("2021", "2022", "2023")).json
    assert out is not None
    wrong = client.delete(f"/api/v1/series/{out['id']}", headers={"Authorization": "Bearer x"})
    assert wrong.status_code == 403
    bearer = {"Authorization": f"Bearer {out['delete_token']}"}
    assert client.delete(f"/api/v1/series/{out['id']}", headers=bearer).status_code == 204
    assert client.get(f"/api/v1/series/{out['id']}").status_code == 404
