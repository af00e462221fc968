"""The service as deployed: gunicorn hosts and nginx in front (deploy/nginx.conf) (#12)."""

from __future__ import annotations

import json
import socket
import statistics
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from servers import free_port, gunicorn_host, nginx_front

TRICKLERS = 20


@pytest.fixture
def front(tmp_path: Path) -> Iterator[int]:
    """Two sync gunicorn workers behind nginx: the port nginx listens on."""
    app_port, front_port = free_port(), free_port()
    with (
        gunicorn_host(tmp_path / "host", app_port, WORKERS="2", TRUSTED_PROXIES="1"),
        nginx_front(tmp_path / "nginx", front_port, [app_port]),
    ):
        yield front_port


def _trickle(port: int, stop: threading.Event) -> None:
    """A client that sends a request a byte at a time, a byte every half second."""
    request = (
        b"POST /api/v1/compare HTTP/1.1\r\nHost: diffsvc\r\nContent-Type: application/json\r\n"
        b"Content-Length: 4000\r\n\r\n" + b"{" * 4000
    )
    with socket.create_connection(("127.0.0.1", port)) as sock:
        for byte in request:
            if stop.wait(0.5):
                return
            try:
                sock.sendall(bytes([byte]))
            except OSError:
                return


def _healthz_ms(port: int) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
        assert response.status == 200
    return (time.perf_counter() - started) * 1000


def test_slow_clients_cannot_starve_the_service(front: int) -> None:
    """Twenty sockets trickling bytes, ten times the workers there are: nginx holds them, so
    every worker stays free and /healthz keeps answering at once."""
    stop = threading.Event()
    clients = [
        threading.Thread(target=_trickle, args=(front, stop), daemon=True) for _ in range(TRICKLERS)
    ]
    for client in clients:
        client.start()
    try:
        time.sleep(2)  # every trickler has connected and sent a few bytes
        times = [_healthz_ms(front) for _ in range(20) if not time.sleep(0.2)]
    finally:
        stop.set()
        for client in clients:
            client.join(5)
    assert max(times) < 100, times
    assert statistics.median(times) < 20, times


def _raw(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(request)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


def test_gunicorns_own_error_pages_carry_the_security_headers(tmp_path: Path) -> None:
    port = free_port()
    with gunicorn_host(tmp_path, port, HSTS_SECONDS="600"):
        bad_line = _raw(port, b"GET /\x01 HTTP/1.1\r\nHost: x\r\n\r\n")
        big_header = _raw(port, b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 9000 + b"\r\n\r\n")
    for answer, status in ((bad_line, b"400"), (big_header, b"431")):
        head = answer.split(b"\r\n\r\n", 1)[0].decode("latin1")
        assert head.startswith(f"HTTP/1.1 {status.decode()}")
        assert "Content-Security-Policy: default-src 'none'" in head
        assert "X-Content-Type-Options: nosniff" in head
        assert "Strict-Transport-Security: max-age=600" in head
        assert "Cache-Control: no-store" in head


def test_a_saved_comparison_is_rendered_once_for_every_visitor(front: int) -> None:
    body = json.dumps({"left": {"text": "1. Meet in Canberra."}, "right": {"text": "1. Meet."}})
    request = urllib.request.Request(
        f"http://127.0.0.1:{front}/api/v1/compare",
        data=body.encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        cid = json.load(response)["id"]
    seen = []
    for _ in range(3):
        with urllib.request.urlopen(f"http://127.0.0.1:{front}/c/{cid}", timeout=10) as page:
            seen.append(page.headers["X-Cache"])
            assert page.headers["Cache-Control"] == "private, no-cache"
            assert page.headers.get("Set-Cookie") is None
    assert seen == ["MISS", "HIT", "HIT"]
