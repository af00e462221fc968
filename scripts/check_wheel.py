"""Wheel check: the built wheel, installed alone in a clean venv, serves every page.

Why: the Docker image runs diffsvc from an installed package, not from this checkout. A file left
out of the package data (templates, static files, migrations), a module imported but not declared
as a dependency, or a dependency an older pip fails to install (lxml_html_clean, issue #11)
passes every test run from the source tree and breaks only there. So this script does what the
image does, away from the source tree:

1. copies what the Dockerfile's build stage copies (pyproject.toml, README.md, diffsvc/) to a
   temporary folder and builds the wheel there with ``python -m build --wheel`` (a build inside
   the checkout would pick up whatever a stale ``build/`` folder still holds), then checks that
   every file of ``diffsvc/`` is in it;
2. makes a venv with this interpreter's ``python -m venv`` and the pip it bundles (not upgraded:
   users have that one), installs the wheel with its declared runtime dependencies only, held to
   the versions of requirements.txt, and runs ``pip check``;
3. starts gunicorn from that venv with the image's ``app.py`` and ``gunicorn.conf.py`` in a
   temporary working folder (temporary SQLite database and var folder) and waits for ``/readyz``;
4. gets ``/``, ``/api/docs``, the OpenAPI document and the static files the pages link; compares a
   text, HTML, DOCX, PDF and Markdown file against the text through ``POST /api/v1/compare`` and
   opens each saved page ``/c/<id>``;
5. runs the installed ``diffsvc compare A B --format json`` on the same files.

Prints one line per check and a summary; exits 1 if any check failed. ``--keep`` keeps the
temporary folder (wheel, venv, gunicorn log) to look at.

    .venv/bin/python scripts/check_wheel.py [--keep]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.txt"
FORMATS = ROOT / "fixtures" / "formats"
# Each file is compared against the plain-text version of the same statement.
BASELINE = FORMATS / "statement_en.txt"
SAMPLES = {
    "text": FORMATS / "statement_en.txt",
    "html": FORMATS / "statement_en.html",
    "docx": FORMATS / "statement_en.docx",
    "pdf": FORMATS / "statement_en.pdf",
    "markdown": FORMATS / "statement_en.md",
}
# What the Dockerfile's build stage copies, so a build that needs more fails here too.
BUILD_INPUTS = ("pyproject.toml", "README.md", "diffsvc")
# What the runtime stage copies next to the installed package.
ENTRY_FILES = ("app.py", "gunicorn.conf.py")
BUILD_TIMEOUT = 300
INSTALL_TIMEOUT = 600
READY_TIMEOUT = 60
REQUEST_TIMEOUT = 60
CLI_TIMEOUT = 120


class Stop(Exception):
    """A step failed that the later checks need (the build, the install, the server start)."""


class Report:
    """One line per check; the failures are kept for the summary and the exit status."""

    def __init__(self) -> None:
        self.failures: list[str] = []
        self.passed = 0
        self.server_log: Path | None = None  # shown when something failed

    def check(self, name: str, ok: bool, detail: str = "") -> bool:
        print(f"  {'ok  ' if ok else 'FAIL'} {name}{f': {detail}' if detail else ''}", flush=True)
        if ok:
            self.passed += 1
        else:
            self.failures.append(f"{name}: {detail}" if detail else name)
        return ok


def step(title: str) -> None:
    print(f"* {title}", flush=True)


def run(
    command: Sequence[str | Path],
    *,
    timeout: float,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run a command to completion, output captured; a timeout is a failed run, not a hang."""
    try:
        return subprocess.run(
            [str(part) for part in command],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise Stop(f"{Path(str(command[0])).name} did not finish within {timeout} s") from exc


def must(result: subprocess.CompletedProcess[str], what: str) -> str:
    """The output of a command that has to succeed for the check to go on."""
    if result.returncode != 0:
        tail = (result.stdout + result.stderr).strip()[-3000:]
        last = tail.splitlines()[-1] if tail else "no output"
        raise Stop(f"{what} failed (exit {result.returncode}): {last}\n{tail}")
    return result.stdout


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without anything that would point Python or diffsvc at this checkout."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "DATABASE_URL")
        and not key.startswith("DIFFSVC_")
    }
    return env | {"PYTHONDONTWRITEBYTECODE": "1"} | extra


def build_wheel(work: Path, report: Report) -> Path:
    """Build the wheel from a copy of the build inputs; check it holds every package file."""
    source = work / "src"
    source.mkdir()
    for name in BUILD_INPUTS:
        path = ROOT / name
        if path.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
            shutil.copytree(path, source / name, ignore=ignore)
        else:
            shutil.copy2(path, source / name)
    dist = work / "dist"
    command: list[str | Path] = [sys.executable, "-m", "build", "--wheel", "--outdir", dist, source]
    must(run(command, timeout=BUILD_TIMEOUT, env=clean_env()), "python -m build --wheel")
    wheels = sorted(dist.glob("diffsvc-*.whl"))
    if len(wheels) != 1:
        raise Stop(f"expected one wheel in {dist}, found {[w.name for w in wheels]}")
    wheel = wheels[0]
    with zipfile.ZipFile(wheel) as archive:
        packed = {name for name in archive.namelist() if name.startswith("diffsvc/")}
    wanted = {path.relative_to(source).as_posix() for path in source.glob("diffsvc/**/*")}
    wanted = {name for name in wanted if (source / name).is_file()}
    missing = sorted(wanted - packed)
    shown = ", ".join(missing[:8]) + (f" and {len(missing) - 8} more" if len(missing) > 8 else "")
    size = f"{wheel.name}, {len(packed)} package files, {wheel.stat().st_size // 1024} kB"
    report.check("every file of diffsvc/ is in the wheel", not missing, shown or size)
    return wheel


def install(wheel: Path, venv: Path, report: Report) -> Path:
    """A fresh venv with the interpreter's own pip; the wheel and its runtime dependencies."""
    base = getattr(sys, "_base_executable", sys.executable)
    must(run([base, "-m", "venv", venv], timeout=INSTALL_TIMEOUT), "python -m venv")
    python = venv / "bin" / "python"
    pip_version = must(run([python, "-m", "pip", "--version"], timeout=60), "pip --version")
    print(f"  pip in the new venv: {pip_version.split(' from ')[0]}", flush=True)
    command: list[str | Path] = [python, "-m", "pip", "install", "-q", "-c", LOCK, wheel]
    must(run(command, timeout=INSTALL_TIMEOUT, env=clean_env()), "pip install of the wheel")
    frozen = must(run([python, "-m", "pip", "freeze"], timeout=60), "pip freeze").splitlines()
    lines = LOCK.read_text(encoding="utf-8").splitlines()
    locked = {canonical(line) for line in lines if "==" in line and not line.startswith("#")}
    names = {canonical(line) for line in frozen if "==" in line}
    # Anything installed that the lock does not name was not held to a tested version.
    extra = sorted(names - locked - {"diffsvc"})
    installed = f"{len(names)} packages installed, all pinned in {LOCK.name}"
    report.check(installed, not extra, ", ".join(extra))
    check = run([python, "-m", "pip", "check"], timeout=120)
    report.check("pip check", check.returncode == 0, (check.stdout + check.stderr).strip())
    return python


def canonical(requirement: str) -> str:
    """The normalised project name of a ``name==version`` line (PEP 503)."""
    return re.sub(r"[-_.]+", "-", requirement.split("==")[0].strip()).lower()


class Response:
    """Status, headers and body of one HTTP answer (errors included, not raised)."""

    def __init__(self, status: int, content_type: str, body: bytes) -> None:
        self.status = status
        self.content_type = content_type
        self.body = body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self) -> dict[str, object]:
        value = json.loads(self.body)
        if not isinstance(value, dict):
            raise ValueError("not a JSON object")
        return value

    def brief(self) -> str:
        """Status and size when it worked; status and the start of the body when it did not."""
        if self.status == 200:
            return f"{self.content_type}, {len(self.body):,} bytes"
        return f"HTTP {self.status} {self.text[:500]!r}"


def fetch(url: str, body: bytes | None = None, content_type: str = "") -> Response:
    """GET (or POST ``body``); an HTTP error is an answer, no answer at all stops the check."""
    headers = {"Content-Type": content_type} if content_type else {}
    request = urllib.request.Request(url, data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as answer:
            return Response(answer.status, answer.headers.get_content_type(), answer.read())
    except urllib.error.HTTPError as exc:
        return Response(exc.code, exc.headers.get_content_type(), exc.read())
    except OSError as exc:  # refused, reset, timed out
        raise Stop(f"{'POST' if body else 'GET'} {url}: {exc}") from exc


def multipart(files: dict[str, Path]) -> tuple[bytes, str]:
    """A multipart/form-data body with one uploaded file per field."""
    boundary = uuid.uuid4().hex
    parts = []
    for field, path in files.items():
        head = (
            f"--{boundary}\r\nContent-Disposition: form-data; name={json.dumps(field)}; "
            f"filename={json.dumps(path.name)}\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        parts.append(head.encode() + path.read_bytes() + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Server:
    """gunicorn from the clean venv, in its own process group so all of it can be stopped."""

    def __init__(self, venv: Path, work: Path) -> None:
        self.folder = work / "run"
        self.folder.mkdir()
        for name in ENTRY_FILES:
            shutil.copy2(ROOT / name, self.folder / name)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = work / "gunicorn.log"
        env = clean_env(
            DIFFSVC_DATABASE_URL=f"sqlite:///{work / 'db' / 'diffsvc.sqlite3'}",
            DIFFSVC_VAR_DIR=str(work / "var"),
            DIFFSVC_BIND=f"127.0.0.1:{self.port}",
            DIFFSVC_WORKERS="2",
        )
        command = [str(venv / "bin" / "gunicorn"), "--config", "gunicorn.conf.py", "app:app"]
        with self.log.open("wb") as sink:
            self.process = subprocess.Popen(
                command,
                cwd=self.folder,
                env=env,
                stdout=sink,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_ready(self) -> float:
        start = time.monotonic()
        while time.monotonic() - start < READY_TIMEOUT:
            if self.process.poll() is not None:
                raise Stop(f"gunicorn exited with {self.process.returncode} before it was ready")
            try:
                if fetch(self.base + "/readyz").status == 200:
                    return time.monotonic() - start
            except Stop:
                pass  # not listening yet
            time.sleep(0.2)
        raise Stop(f"gunicorn was not ready within {READY_TIMEOUT} s")

    def stop(self) -> int | None:
        """SIGTERM (gunicorn stops its workers, then itself); SIGKILL to the group if it lingers."""
        if self.process.poll() is None:
            self._signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._signal(signal.SIGKILL)
                self.process.wait(timeout=10)
        return self.process.returncode

    def _signal(self, number: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, number)


def check_pages(server: Server, report: Report) -> None:
    """The home page with its form, the API docs, the OpenAPI document and the static files."""
    home = fetch(server.base + "/")
    report.check(
        "GET / has the compare form",
        home.status == 200 and 'class="compare-form"' in home.text,
        home.brief(),
    )
    docs = fetch(server.base + "/api/docs")
    report.check("GET /api/docs", docs.status == 200 and "<html" in docs.text, docs.brief())
    spec = fetch(server.base + "/api/v1/openapi.json")
    report.check(
        "GET /api/v1/openapi.json",
        spec.status == 200 and '"openapi"' in spec.text,
        spec.brief(),
    )
    linked = sorted(set(re.findall(r'(?:href|src)="(/static/[^"?]+)', home.text + docs.text)))
    report.check(
        "the pages link static files", bool(linked), f"{len(linked)}" if linked else "none"
    )
    for path in linked:
        answer = fetch(server.base + path)
        report.check(
            f"GET {path}", answer.status == 200 and len(answer.body) > 0, answer.content_type
        )


def compared(body: bytes, expected: str) -> tuple[bool, str]:
    """Whether ``body`` is a comparison in JSON whose left side was read as ``expected``."""
    try:
        result = json.loads(body)
        found = result["left"]["source"]["format"]
        alignment = result["alignment"]
    except (ValueError, KeyError, TypeError) as exc:
        return False, f"not a comparison ({exc!r}): {body[:300]!r}"
    if not isinstance(alignment, list) or not alignment:
        return False, f"alignment is {alignment!r}"
    return found == expected, f"read as {found}, {len(alignment)} alignment entries"


def check_compare(server: Server, report: Report) -> None:
    """Each format through the HTTP API, then the saved comparison's page."""
    for expected, path in SAMPLES.items():
        body, content_type = multipart({"left": path, "right": BASELINE})
        answer = fetch(server.base + "/api/v1/compare", body, content_type)
        ok, detail = compared(answer.body, expected)
        if answer.status != 200:
            ok, detail = False, answer.brief()
        name = f"POST /api/v1/compare {path.name} vs {BASELINE.name}"
        if not report.check(name, ok, detail):
            continue
        cid = answer.json().get("id")
        page = fetch(f"{server.base}/c/{cid}")
        ok = page.status == 200 and 'id="view-side"' in page.text
        report.check(f"GET /c/{cid}", ok, page.brief())


def check_cli(venv: Path, folder: Path, report: Report) -> None:
    """The installed console script on the same files, from the temporary working folder."""
    for expected, path in SAMPLES.items():
        command: list[str | Path] = [venv / "bin" / "diffsvc", "compare", path, BASELINE]
        command += ["--format", "json"]
        done = run(command, timeout=CLI_TIMEOUT, cwd=folder, env=clean_env())
        ok, detail = compared(done.stdout.encode(), expected)
        if done.returncode != 0:
            ok, detail = False, f"exit {done.returncode}: {done.stderr.strip()[-500:]}"
        report.check(f"diffsvc compare {path.name} {BASELINE.name} --format json", ok, detail)


def timed(title: str, action: Callable[[], T]) -> T:
    step(title)
    start = time.monotonic()
    value = action()
    print(f"  ({time.monotonic() - start:.1f} s)", flush=True)
    return value


def check(work: Path, report: Report) -> None:
    wheel = timed("build the wheel", lambda: build_wheel(work, report))
    venv = work / "venv"
    python = timed("install it in a clean venv", lambda: install(wheel, venv, report))
    server = Server(venv, work)
    report.server_log = server.log
    try:
        step("serve it with gunicorn from the venv, outside the checkout")
        where = run(
            [python, "-c", "import diffsvc; print(diffsvc.__file__)"],
            timeout=60,
            cwd=server.folder,
            env=clean_env(),
        )
        origin = must(where, "import diffsvc").strip()
        report.check(
            "diffsvc is imported from the venv",
            origin.startswith(str(venv)),
            origin,
        )
        ready = server.wait_ready()
        report.check("GET /readyz", True, f"ready after {ready:.1f} s on {server.base}")
        timed("pages", lambda: check_pages(server, report))
        timed("compare through the API", lambda: check_compare(server, report))
    finally:
        status = server.stop()
    report.check("gunicorn stops cleanly", status == 0, f"exit {status}")
    timed("the installed command line", lambda: check_cli(venv, server.folder, report))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="diffsvc-wheel-check-"))
    report = Report()
    start = time.monotonic()
    try:
        try:
            check(work, report)
        except Stop as exc:
            report.failures.append(str(exc))
            print(f"  FAIL {exc}", flush=True)
        if report.failures and report.server_log and report.server_log.exists():
            tail = report.server_log.read_text(encoding="utf-8", errors="replace")[-3000:]
            print(f"gunicorn's log, the end:\n{tail}")
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    took = time.monotonic() - start
    if report.failures:
        print(f"wheel check FAILED in {took:.0f} s, {len(report.failures)} problem(s):")
        for failure in report.failures:
            print(f"  - {failure.splitlines()[0]}")
        return 1
    print(f"wheel check passed in {took:.0f} s: {report.passed} checks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
