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

Two more modes test durability rather than speed:

- ``--save``: every request saves a comparison of its own (the seed pair with the client's and
  the request's number written into the first clause); after the run every id a client was
  answered is read back and checked against what that client sent. A save acknowledged but not
  found, or found with another text, is *lost*.
- ``--kill-worker-every S``: every S seconds one gunicorn worker is SIGKILLed mid-flight (the
  master starts another); requests it was serving fail with a cut connection, which is expected
  and counted, and nothing acknowledged may be lost. The throughput budget does not apply.

    .venv/bin/python bench/load.py [--clients 16] [--seconds 20] [--min-rps 100] [--max-p99-ms 150]
    .venv/bin/python bench/load.py --save --kill-worker-every 5 --seconds 60
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
SAVE_PATH = "/api/v1/compare"


def payload(mark: str = "") -> bytes:
    """The seed statement against its next-year statement (fixtures/seed-next-year); with a
    ``mark``, written into the first clause of both, a pair no other request sends."""
    left = (PAIR / "a.txt").read_text(encoding="utf-8")
    right = (PAIR / "b.txt").read_text(encoding="utf-8")
    if mark:
        left, right = f"{mark}\n\n{left}", f"{mark}\n\n{right}"
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
    saved: dict[str, str] = field(default_factory=dict)  # --save: id -> the mark sent
    lock: threading.Lock = field(default_factory=threading.Lock)


def client(
    port: int, body: bytes | None, start: float, stop: float, tally: Tally, number: int = 0
) -> None:
    """Send requests back to back until ``stop``; record the ones that started after ``start``.
    ``body`` None: each request saves a pair of its own (--save)."""
    headers = {"Content-Type": "application/json"}
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies: list[float] = []
    failures: list[str] = []
    saved: dict[str, str] = {}
    answered = 0
    try:
        while (began := time.monotonic()) < stop:
            mark = f"Client {number} request {answered} of this run."
            try:
                if body is None:
                    connection.request("POST", SAVE_PATH, body=payload(mark), headers=headers)
                else:
                    connection.request("POST", PATH, body=body, headers=headers)
                response = connection.getresponse()
                answer = response.read()
                status = response.status
                if body is None and status == 200:
                    saved[json.loads(answer)["id"]] = mark
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
        tally.saved.update(saved)


def killer(pid: int, every: float, stop: float, killed: list[int]) -> None:
    """SIGKILL one gunicorn worker every ``every`` seconds until ``stop``."""
    while time.monotonic() + every < stop:
        time.sleep(every)
        workers = psutil.Process(pid).children()
        if workers:
            victim = workers[len(killed) % len(workers)]
            try:
                victim.send_signal(signal.SIGKILL)
                killed.append(victim.pid)
            except psutil.NoSuchProcess:
                pass


def lost_saves(port: int, saved: dict[str, str]) -> list[str]:
    """The acknowledged saves that do not read back with the text their client sent."""
    lost = []
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        for cid, mark in saved.items():
            connection.request("GET", f"/api/v1/comparisons/{cid}")
            response = connection.getresponse()
            answer = response.read()
            if response.status != 200 or mark not in answer.decode("utf-8"):
                lost.append(cid)
    finally:
        connection.close()
    return lost


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
    parser.add_argument("--save", action="store_true", help="save and verify every comparison")
    parser.add_argument("--kill-worker-every", type=float, default=0.0, metavar="S")
    args = parser.parse_args()

    body = None if args.save else payload()
    killed: list[int] = []
    lost: list[str] = []
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
                threading.Thread(target=client, args=(port, body, start, stop, tally, n))
                for n in range(args.clients)
            ]
            if args.kill_worker_every:
                threads.append(
                    threading.Thread(
                        target=killer, args=(server.pid, args.kill_worker_every, stop, killed)
                    )
                )
            client_cpu, server_cpu = time.process_time(), tree_cpu(server.pid)
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            client_cpu = time.process_time() - client_cpu
            server_cpu = tree_cpu(server.pid) - server_cpu
            if args.save:
                wait_ready(server, port, log)
                lost = lost_saves(port, tally.saved)
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
        f"{args.clients} clients, {args.seconds:g} s, {len(body or payload()) / 1000:.1f} kB "
        "per request: "
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
    if args.save or args.kill_worker_every:
        cut = sum(1 for f in tally.failures if not f.startswith("HTTP"))
        other = [f for f in tally.failures if f.startswith("HTTP")]
        print(
            f"workers killed: {len(killed)}; requests cut with them: {cut}; "
            f"other failures: {len(other)}"
            + (f"; saves acknowledged {len(tally.saved)}, lost {len(lost)}" if args.save else "")
        )
        bad = lost or other or (cut and not args.kill_worker_every)
        print("nothing acknowledged was lost" if not bad else "FAILED: see above")
        return 1 if bad else 0
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
