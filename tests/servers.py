"""Real servers for the tests that need them: gunicorn hosts of the service, nginx in front.

Why real ones: what these tests guard (slow clients held by the proxy, errors written by gunicorn
itself, limits seen through a proxy) exists only between real processes on real sockets. nginx
comes from Debian (``make sysdeps``); without it the tests fail rather than skip, so a green run
has exercised the front the README documents.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX_CONF = ROOT / "deploy" / "nginx.conf"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args!r} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {seconds:g} s")


class GunicornHost:
    """The service under gunicorn with its real config on ``port``, which a test may kill (the
    master and its workers at once, as a host going down) and start again."""

    def __init__(self, folder: Path, port: int, **settings: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder, self.port = folder, port
        self.environ = os.environ | {
            "DIFFSVC_BIND": f"127.0.0.1:{port}",
            "DIFFSVC_DATABASE_URL": f"sqlite:///{folder}/diffsvc.sqlite3",
            "DIFFSVC_VAR_DIR": str(folder / "var"),
            "DIFFSVC_LOG_LEVEL": "WARNING",
            **{f"DIFFSVC_{name}": value for name, value in settings.items()},
        }
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "app:app"]
        with (self.folder / "gunicorn.log").open("ab") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=self.environ, stdout=log, stderr=log, start_new_session=True
            )
        wait_until_up(f"http://127.0.0.1:{self.port}/healthz", self.process)

    def kill(self) -> None:
        """SIGKILL the whole host: no graceful shutdown, requests in flight are cut."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.kill()


@contextmanager
def gunicorn_host(folder: Path, port: int, **settings: str) -> Iterator[GunicornHost]:
    """A running ``GunicornHost``; ``settings`` are DIFFSVC_* variables without the prefix
    (DATABASE_URL defaults to SQLite in ``folder``)."""
    host = GunicornHost(folder, port, **settings)
    try:
        host.start()
        yield host
    finally:
        host.stop()


def nginx_binary() -> str:
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None
    )
    if found is None:
        raise RuntimeError("nginx is not installed: run `make sysdeps` (Debian's nginx-light)")
    return found


@contextmanager
def nginx_front(folder: Path, port: int, upstreams: list[int]) -> Iterator[subprocess.Popen[bytes]]:
    """deploy/nginx.conf, listening on ``port``, in front of gunicorn hosts on ``upstreams``."""
    conf = NGINX_CONF.read_text(encoding="utf-8")
    servers = "\n        ".join(
        f"server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;" for p in upstreams
    )
    conf = conf.replace("server 127.0.0.1:8000 max_fails=1 fail_timeout=5s;", servers)
    conf = conf.replace("listen 127.0.0.1:8080;", f"listen 127.0.0.1:{port};")
    conf = conf.replace("worker_processes auto;", "worker_processes 1;")
    for sub in ("logs", "temp"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    path = folder / "nginx.conf"
    path.write_text(conf, encoding="utf-8")
    # Started as root (CI), nginx's workers would run as nobody, who cannot enter pytest's
    # private temporary folders; a deployment gives them a folder of their own instead.
    directives = "daemon off;" + (" user root;" if os.geteuid() == 0 else "")
    command = [nginx_binary(), "-p", str(folder), "-c", str(path), "-g", directives]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT) as process:
        try:
            wait_until_up(f"http://127.0.0.1:{port}/healthz", process)
            yield process
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()


@contextmanager
def redis_server(folder: Path, port: int) -> Iterator[str]:
    """Debian's redis-server on ``port``, keeping nothing on disk: its URL."""
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not Path(binary).exists():
        raise RuntimeError("redis-server is not installed: run `make sysdeps` (Debian's redis)")
    folder.mkdir(parents=True, exist_ok=True)
    command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    command += ["--appendonly", "no", "--dir", str(folder)]
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT) as process:
        try:
            deadline = time.monotonic() + 10
            while True:
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                        sock.sendall(b"PING\r\n")
                        if sock.recv(16).startswith(b"+PONG"):
                            break
                except OSError:
                    if time.monotonic() > deadline or process.poll() is not None:
                        raise
                    time.sleep(0.05)
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            process.terminate()
            process.wait(10)
