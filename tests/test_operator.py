"""What an operator sets for a deployment: public URL, trusted proxies, cookies, HSTS, caching."""

from __future__ import annotations

from pathlib import Path

from servers import free_port, redis_server
from web_support import make_app, save_comparison

BODY = {"left": {"text": "1. The parties will meet."}, "right": {"text": "1. They will meet."}}


def test_links_are_built_on_the_public_url_not_on_the_host_header(tmp_path: Path) -> None:
    public = make_app(tmp_path / "a", PUBLIC_URL="https://diffsvc.example.org").test_client()
    answer = public.post("/api/v1/compare", json=BODY, headers={"Host": "evil.example"})
    assert answer.get_json()["url"].startswith("https://diffsvc.example.org/c/")
    # Without the setting a link follows the request, which is why deployments set it.
    plain = make_app(tmp_path / "b").test_client()
    answer = plain.post("/api/v1/compare", json=BODY, headers={"Host": "evil.example"})
    assert answer.get_json()["url"].startswith("http://evil.example/c/")


def test_behind_a_trusted_proxy_each_client_has_its_own_rate_limit(tmp_path: Path) -> None:
    def statuses(**settings: object) -> list[int]:
        client = make_app(tmp_path / str(len(settings)), RATE_LIMIT_PER_MINUTE=1, **settings)
        test = client.test_client()
        return [
            test.post(
                "/api/v1/compare?save=false", json=BODY, headers={"X-Forwarded-For": ip}
            ).status_code
            for ip in ("203.0.113.1", "203.0.113.2", "203.0.113.1")
        ]

    assert statuses(TRUSTED_PROXIES=1) == [200, 200, 429]
    # Not trusting the proxy (the default), every client behind it shares its address: a
    # forged X-Forwarded-For buys nothing.
    assert statuses() == [200, 429, 429]


def test_over_https_cookies_are_secure_and_hsts_is_sent(tmp_path: Path) -> None:
    client = make_app(tmp_path, SECURE_COOKIES=True, HSTS_SECONDS=31536000).test_client()
    page = client.get("/")
    assert "Secure" in page.headers["Set-Cookie"]
    assert page.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert client.get("/c/nope").headers["Strict-Transport-Security"] == "max-age=31536000"
    plain = make_app(tmp_path / "plain").test_client().get("/")
    assert "Secure" not in plain.headers["Set-Cookie"]
    assert "Strict-Transport-Security" not in plain.headers


def test_a_saved_comparison_is_revalidated_not_rendered_again(tmp_path: Path) -> None:
    client = make_app(tmp_path).test_client()
    assert client.get("/").headers["Cache-Control"] == "no-store"
    cid = save_comparison(client)
    for url in (f"/c/{cid}", f"/c/{cid}/inline", f"/c/{cid}.json", f"/api/v1/comparisons/{cid}"):
        first = client.get(url)
        assert first.status_code == 200
        assert first.headers["Cache-Control"] == "private, no-cache"
        etag = first.headers["ETag"]
        again = client.get(url, headers={"If-None-Match": etag})
        assert (again.status_code, again.data) == (304, b"")
        assert again.headers["ETag"] == etag
    # Each view is its own response, with its own validator.
    assert client.get(f"/c/{cid}").headers["ETag"] != client.get(f"/c/{cid}/inline").headers["ETag"]
    assert client.get("/c/nope").headers["Cache-Control"] == "no-store"
    with client.get("/static/app.css") as static:
        assert static.status_code == 200 and static.headers.get("Cache-Control") != "no-store"


def test_the_rate_limit_counts_what_a_request_costs_and_covers_saved_pages(tmp_path: Path) -> None:
    client = make_app(tmp_path, RATE_LIMIT_PER_MINUTE=10).test_client()
    cid = save_comparison(client)  # a small pair: one unit
    assert [client.get(f"/c/{cid}").status_code for _ in range(3)] == [200, 200, 200]
    # Two 60,000-character texts cost 13 units: answered (the limit is tested at one unit
    # before a request runs), then charged, so what follows waits.
    big = {
        "left": {"text": "1. The parties meet. " * 3_000},
        "right": {"text": "1. Meet. " * 6_700},
    }
    assert client.post("/api/v1/compare", json=big).status_code == 200
    waiting = client.get(f"/c/{cid}")
    assert waiting.status_code == 429 and 0 < int(waiting.headers["Retry-After"]) <= 60
    assert client.get("/").status_code == 200  # the form itself is never counted


def test_with_redis_every_host_counts_against_one_limit(tmp_path: Path) -> None:
    with redis_server(tmp_path / "redis", free_port()) as url:
        shared = {"REDIS_URL": url, "RATE_LIMIT_PER_MINUTE": 3}
        hosts = [make_app(tmp_path / name, **shared).test_client() for name in ("a", "b")]
        statuses = [
            host.post("/api/v1/compare?save=false", json=BODY).status_code
            for host in (*hosts, *hosts)
        ]
    assert statuses == [200, 200, 200, 429]
    # Each host counting alone, the same four requests all pass.
    alone = [make_app(tmp_path / f"{n}2", RATE_LIMIT_PER_MINUTE=3).test_client() for n in "ab"]
    statuses = [
        host.post("/api/v1/compare?save=false", json=BODY).status_code for host in (*alone, *alone)
    ]
    assert statuses == [200, 200, 200, 200]


def test_an_unreachable_redis_does_not_take_the_service_down(tmp_path: Path) -> None:
    down = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    client = make_app(tmp_path, REDIS_URL=down, RATE_LIMIT_PER_MINUTE=1).test_client()
    statuses = [client.post("/api/v1/compare?save=false", json=BODY).status_code for _ in "ab"]
    assert statuses == [200, 200]
