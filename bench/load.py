"""Load test: the real service under gunicorn on loopback, driven by concurrent clients.

Why this shape: the budget (>= 100 compares/s, p99 < 150 ms at 16 concurrent clients on a
2-core machine) is about the deployed stack, so the script starts gunicorn with the repository's
``gunicorn.conf.py`` and ``app:app``, exactly as ``make run`` does, on a free port and a
throwaway SQLite database, rather than calling the app in-process. Clients are plain threads with
``http.client`` (no extra tools to install), a fixed number of them, each sending its next
request as soon as the previous answer arrives (a closed loop), for a fixed time.

Every request is ``POST /api/v1/compare?save=false`` with the seed statement against its
next year's version (``fixtures/seed-next-year/{a,b}.txt``). The rate limit is turned off for
the run. Exits 1 when the budget is
missed or any request fails, so ``make load`` can gate on it.

    .venv/bin/python bench/load.py [--clients 16] [--seconds 20] [--min-rps 100] [--max-p99-ms 150]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
PAIR = ROOT / "fixtures" / "seed-next-year"
PATH = "/api/v1/compare?save=false"


def payload() -> bytes:
    """The seed statement against its next-year statement (fixtures/seed-next-year)."""
    left = (PAIR / "a.txt").read_text(encoding="utf-8")
    right = (PAIR / "b.txt").read_text(encoding="utf-8")
    return json.dumps({"left": {"text": left}, "right": {"text": right}}).encode()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_server(port: int, folder: Path, log: Path) -> subprocess.Popen[bytes]:
    env = os.environ | {
        "DIFFSVC_DATABASE_URL": f"sqlite:///{folder}/diffsvc.sqlite3",
        "DIFFSVC_VAR_DIR": str(folder / "var"),
        "DIFFSVC_BIND": f"127.0.0.1:{port}",
        "DIFFSVC_RATE_LIMIT_PER_MINUTE": "0",
    }
    command = [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "app:app"]
    with log.open("wb") as sink:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT)


def wait_ready(server: subprocess.Popen[bytes], port: int, log: Path, limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            connection.request("GET", "/readyz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            connection.close()
        time.sleep(0.2)
    sys.exit(f"gunicorn did not become ready within {limit} s:\n{log.read_text()[-3000:]}")


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    answered: int = 0  # every response, warm-up included (for CPU per request)
    lock: threading.Lock = field(default_factory=threading.Lock)


def client(port: int, body: bytes, start: float, stop: float, tally: Tally) -> None:
    """Send requests back to back until ``stop``; record the ones that started after ``start``."""
    headers = {"Content-Type": "application/json"}
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies: list[float] = []
    failures: list[str] = []
    answered = 0
    try:
        while (began := time.monotonic()) < stop:
            try:
                connection.request("POST", PATH, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                status, detail = 0, repr(error)
            else:
                detail = f"HTTP {status}"
            answered += 1
            if began < start:
                continue  # warm-up: workers importing, caches filling
            if status == 200:
                latencies.append(time.monotonic() - began)
            else:
                failures.append(detail)
    finally:
        connection.close()
    with tally.lock:
        tally.latencies += latencies
        tally.failures += failures
        tally.answered += answered


def tree_cpu(pid: int) -> float:
    """CPU seconds used so far by gunicorn's master and workers."""
    master = psutil.Process(pid)
    total = 0.0
    for process in (master, *master.children(recursive=True)):
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def percentile(ordered: list[float], fraction: float) -> float:
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--min-rps", type=float, default=100.0)
    parser.add_argument("--max-p99-ms", type=float, default=150.0)
    args = parser.parse_args()

    body = payload()
    busy = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="diffsvc-load-") as tmp:
        folder, port = Path(tmp), free_port()
        log = folder / "gunicorn.log"
        server = start_server(port, folder, log)
        try:
            wait_ready(server, port, log)
            tally = Tally()
            start = time.monotonic() + args.warmup
            stop = start + args.seconds
            threads = [
                threading.Thread(target=client, args=(port, body, start, stop, tally))
                for _ in range(args.clients)
            ]
            client_cpu, server_cpu = time.process_time(), tree_cpu(server.pid)
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            client_cpu = time.process_time() - client_cpu
            server_cpu = tree_cpu(server.pid) - server_cpu
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

    ordered = sorted(tally.latencies)
    if not ordered:
        print(f"no successful requests; failures: {tally.failures[:5]}")
        return 1
    rps = len(ordered) / args.seconds
    p50, p90, p99 = (1000 * percentile(ordered, f) for f in (0.50, 0.90, 0.99))
    print(
        f"{os.cpu_count()} CPUs, load average {busy:.1f} before the run"
        + (" (busy machine: figures are pessimistic)" if busy > 1 else "")
    )
    print(
        f"{args.clients} clients, {args.seconds:g} s, {len(body) / 1000:.1f} kB per request: "
        f"{len(ordered)} ok, {len(tally.failures)} failed\n"
        f"{rps:.1f} requests/s  p50 {p50:.1f} ms  p90 {p90:.1f} ms  p99 {p99:.1f} ms  "
        f"max {1000 * ordered[-1]:.1f} ms"
    )
    duration = args.warmup + args.seconds
    print(
        f"CPU: gunicorn {server_cpu / duration:.2f} cores "
        f"({1000 * server_cpu / max(1, tally.answered):.1f} ms per request), "
        f"this load generator {client_cpu / duration:.2f} cores"
    )
    missed = []
    if rps < args.min_rps:
        missed.append(f"throughput {rps:.1f}/s < {args.min_rps:g}/s")
    if p99 > args.max_p99_ms:
        missed.append(f"p99 {p99:.1f} ms > {args.max_p99_ms:g} ms")
    if tally.failures:
        missed.append(f"{len(tally.failures)} failed, e.g. {tally.failures[0]}")
    print("budget met" if not missed else "budget MISSED: " + "; ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
