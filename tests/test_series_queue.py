"""Background series on a real queue: gunicorn with QUEUE_URL hands a large series to RQ on a
real redis-server, and an ``rq worker`` started as the README says computes it.

Why real processes: what this guards (the web workers leave the work to the queue; a separate
worker process with the same settings finds the versions in the store and fills the series in)
exists only between processes."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Any

from servers import ROOT, free_port, gunicorn_host, redis_server

FOMC = ROOT / "fixtures" / "series-truth" / "docs" / "fomc"


def _multipart(files: list[Path]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for path in files:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="versions"; '
            f'filename="{path.name}"\r\nContent-Type: text/plain\r\n\r\n'.encode()
            + path.read_bytes()
            + b"\r\n"
        )
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), boundary


def _call(url: str, body: bytes | None = None, boundary: str = "") -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(url, data=body)
    if boundary:
        request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, json.loads(response.read())


def test_rq_workers_compute_what_the_web_workers_queue(tmp_path: Path) -> None:
    files = sorted(FOMC.glob("2008*.txt"))
    with redis_server(tmp_path / "redis", free_port()) as redis_url:
        queue_url = redis_url.rsplit("/", 1)[0] + "/1"
        settings = {
            "QUEUE_URL": queue_url,
            "SERIES_BACKGROUND_CHARS": "0",
            "SECRET_KEY": "shared by the service and its workers",
        }
        with gunicorn_host(tmp_path / "web", free_port(), **settings) as host:
            base = f"http://127.0.0.1:{host.port}"
            status, queued = _call(f"{base}/api/v1/series", *_multipart(files))
            assert status == 202 and queued["status"] == "queued"
            time.sleep(1.0)
            # Nothing in the web workers computes it: it waits for a queue worker.
            status, waiting = _call(queued["status_url"])
            assert status == 202 and (waiting["status"], waiting["done"]) == ("queued", 0)
            worker = subprocess.run(
                [
                    str(Path(sys.executable).with_name("rq")),
                    "worker",
                    "--burst",
                    "--url",
                    queue_url,
                    "diffsvc",
                ],
                cwd=ROOT,
                env=host.environ,
                capture_output=True,
                timeout=300,
            )
            assert worker.returncode == 0, worker.stderr.decode()[-2000:]
            status, series = _call(queued["status_url"])
    assert status == 200
    assert [v["source"]["filename"] for v in series["versions"]] == [f.name for f in files]
    assert len(series["steps"]) == len(files) - 1 and series["threads"]
