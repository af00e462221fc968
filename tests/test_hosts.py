"""Two hosts, one service: gunicorn hosts behind nginx, sharing PostgreSQL and Redis (#12).

The deployment the README's "Deploying" section describes, started for real: two gunicorn
hosts on their own ports, deploy/nginx.conf in front of both, one PostgreSQL (tests/pgserver.py)
and one Redis. Sixteen clients save comparisons through nginx for a minute while one host is
killed (SIGKILL, master and workers) and started again; then every save a client was told
succeeded must be there, the rate limit must be one count across the hosts, and the same two
documents must get the same comparison id from either host.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from servers import GunicornHost, free_port, nginx_front, redis_server

pytestmark = pytest.mark.postgres

CLIENTS = 16
LOAD_SECONDS = 60.0
KILL_AT, RESTART_AT = 20.0, 30.0
PACE = 0.2  # seconds between one client's requests: 300 a minute


@dataclass
class Deployment:
    front: int  # the port nginx listens on
    hosts: list[GunicornHost]


@pytest.fixture
def deployment(tmp_path: Path, postgres_url: str) -> Iterator[Deployment]:
    front = free_port()
    with redis_server(tmp_path / "redis", free_port()) as redis_url:
        settings = {
            "DATABASE_URL": postgres_url,
            "REDIS_URL": redis_url,
            "SECRET_KEY": "one key for every host",
            "PUBLIC_URL": f"http://127.0.0.1:{front}",
            # nginx, and in front of it the address each simulated client gives in
            # X-Forwarded-For: two proxies, so the limit counts sixteen clients, not one.
            "TRUSTED_PROXIES": "2",
            "WORKERS": "2",
        }
        hosts = [GunicornHost(tmp_path / name, free_port(), **settings) for name in ("a", "b")]
        try:
            for host in hosts:
                host.start()
            with nginx_front(tmp_path / "nginx", front, [h.port for h in hosts]):
                yield Deployment(front, hosts)
        finally:
            for host in hosts:
                host.stop()


def _post(
    port: int, body: Mapping[str, object], client: str, save: bool = True
) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/compare{'' if save else '?save=false'}",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "X-Forwarded-For": client},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, {}


def _get(port: int, path: str, client: str) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"X-Forwarded-For": client}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, {}


@dataclass
class Client:
    number: int
    saved: dict[str, str] = field(default_factory=dict)  # id -> the words that mark its text
    refused: list[int] = field(default_factory=list)  # statuses other than 200
    cut: int = 0  # connections dropped with no whole answer (a host killed mid-request)
    next_at: float = 0.0  # when this client may send its next request

    def run(self, port: int, until: float) -> None:
        address = f"198.51.100.{self.number}"
        k = 0
        while time.monotonic() < until:
            # Each client keeps under its own limit (600 units a minute) however fast the hosts
            # answer, so a 429 here can only be a limit counted wrong.
            time.sleep(max(0.0, self.next_at - time.monotonic()))
            self.next_at = time.monotonic() + PACE
            k += 1
            mark = f"Client {self.number} request {k}"
            body = {
                "left": {"text": f"1. {mark} opens the talks.\n2. The parties meet in Canberra."},
                "right": {"text": f"1. {mark} opens the talks.\n2. The parties meet in Tokyo."},
            }
            try:
                status, answer = _post(port, body, address)
            except (OSError, http.client.HTTPException):
                # No answer, or one cut short (the host died while nginx relayed its answer):
                # the client was never told the save succeeded.
                self.cut += 1
                continue
            if status == 200:
                self.saved[answer["id"]] = mark
            else:
                self.refused.append(status)


def test_two_hosts_lose_no_save_share_one_limit_and_agree_on_ids(deployment: Deployment) -> None:
    front, (a, b) = deployment.front, deployment.hosts
    started = time.monotonic()
    clients = [Client(n) for n in range(1, CLIENTS + 1)]
    threads = [
        threading.Thread(target=c.run, args=(front, started + LOAD_SECONDS)) for c in clients
    ]
    for thread in threads:
        thread.start()
    time.sleep(max(0.0, started + KILL_AT - time.monotonic()))
    a.kill()
    time.sleep(max(0.0, started + RESTART_AT - time.monotonic()))
    a.start()
    for thread in threads:
        thread.join(LOAD_SECONDS + 60)

    saved = {cid: mark for c in clients for cid, mark in c.saved.items()}
    refused = [status for c in clients for status in c.refused]
    assert len(saved) > 300, (len(saved), refused)
    # While a host was down or dying, a request could fail, but only as a gateway error: never
    # a server error, never a refusal of a request that should have been served.
    assert set(refused) <= {502, 504}, refused
    lost = []
    for k, (cid, mark) in enumerate(saved.items()):
        # Read back as many readers (a few reads each), not one reader over its limit.
        status, stored = _get(front, f"/api/v1/comparisons/{cid}", f"203.0.113.{k % 250}")
        if status != 200 or mark not in stored["left"]["clauses"][0]["text"]:
            lost.append(cid)
    assert lost == []

    # The same two documents, sent to each host directly: one comparison, one id.
    same = {"left": {"text": "1. The parties meet."}, "right": {"text": "1. The parties met."}}
    ids = {_post(host.port, same, "198.51.100.200")[1]["id"] for host in (a, b)}
    assert len(ids) == 1

    # One client alternating between the hosts spends one limit: 600 units a minute, and each
    # of these costs 101 (1,000,000 characters), so the seventh is refused though neither host
    # has seen more than four.
    big = {"left": {"text": "word " * 100_000}, "right": {"text": "word " * 100_000}}
    statuses = [
        _post(host.port, big, "198.51.100.201", save=False)[0] for host in (a, b) * 3 + (a,)
    ]
    assert statuses == [200] * 6 + [429]
