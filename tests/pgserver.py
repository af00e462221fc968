"""A throwaway PostgreSQL server for the test suite, so the store is tested on the real thing.

Why start our own: the SQL both backends must accept (upserts, advisory locks, transactional DDL)
only proves itself against a real server, and CI has no database service. The server starts once
per session, the first time a test asks for it, on a free loopback port with ``fsync`` off, and is
stopped and deleted at the end. Every test gets a fresh database from ``postgres_url``.

PostgreSQL refuses to run as root, and CI is root: then the cluster belongs to the ``postgres``
user and every server command runs through ``runuser -u postgres --``.

No binaries means failure, never a skip: a green run must have exercised PostgreSQL. Install them
with ``make sysdeps`` (Debian's ``postgresql``) or point ``PG_BIN`` at their folder.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

_SEARCH = "/usr/lib/postgresql/*/bin"


def find_bin() -> Path | None:
    """The folder holding initdb and pg_ctl: $PG_BIN, the newest Debian install, or $PATH."""
    if os.environ.get("PG_BIN"):
        return Path(os.environ["PG_BIN"])
    debian = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if debian:
        return debian[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass(frozen=True)
class PostgresServer:
    """A running server: its folder, port and how to run its commands."""

    root: Path
    port: int
    prefix: tuple[str, ...]  # ("runuser", "-u", "postgres", "--") when we are root

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def connect(self) -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="postgres", autocommit=True
        )


def _run(server_prefix: tuple[str, ...], *command: str, cwd: Path, fail: bool = True) -> bool:
    """Run a server command; on failure, fail the test with its output and the server log."""
    result = subprocess.run(
        [*server_prefix, *command], cwd=cwd, capture_output=True, text=True, check=False
    )
    if result.returncode and fail:
        log = cwd / "server.log"
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        pytest.fail(
            f"{' '.join(command)} failed ({result.returncode}):\n"
            f"{result.stdout}{result.stderr}{tail}",
            pytrace=False,
        )
    return result.returncode == 0


def _prepare_root() -> tuple[Path, tuple[str, ...]]:
    root = Path(tempfile.mkdtemp(prefix="diffsvc-pg-"))
    if os.geteuid() != 0:
        return root, ()
    try:
        owner = pwd.getpwnam("postgres")
    except KeyError:
        shutil.rmtree(root)
        pytest.fail(
            "Running as root, PostgreSQL needs the 'postgres' system user to own its cluster; "
            "`apt-get install postgresql` (make sysdeps) creates it.",
            pytrace=False,
        )
    os.chown(root, owner.pw_uid, owner.pw_gid)
    return root, ("runuser", "-u", "postgres", "--")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """Start a private PostgreSQL cluster for this test session; stop and delete it afterwards."""
    bin_dir = find_bin()
    if bin_dir is None or not (bin_dir / "pg_ctl").exists():
        pytest.fail(
            f"PostgreSQL server binaries not found (looked in $PG_BIN, {_SEARCH}, $PATH). "
            "The store tests need them: run `make sysdeps` (Debian package postgresql) "
            "or set PG_BIN to the folder holding initdb and pg_ctl.",
            pytrace=False,
        )
    root, prefix = _prepare_root()
    data = root / "data"
    pg_ctl = str(bin_dir / "pg_ctl")
    started = False
    try:
        _run(
            prefix,
            str(bin_dir / "initdb"),
            *("-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C"),
            "--no-sync",
            cwd=root,
        )
        log = str(root / "server.log")
        for attempt in range(3):  # another process may take the free port before the server
            port = _free_port()
            options = (
                f"-k {root} -p {port} -c listen_addresses=127.0.0.1 "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            )
            command = (pg_ctl, "-D", str(data), "-l", log, "-o", options, "-w", "start")
            started = _run(prefix, *command, cwd=root, fail=attempt == 2)
            if started:
                break
        yield PostgresServer(root=root, port=port, prefix=prefix)
    finally:
        if started:
            subprocess.run(
                [*prefix, pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"],
                cwd=root,
                capture_output=True,
                check=False,
            )
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A SQLAlchemy URL of a new, empty database on the session's server, dropped afterwards."""
    name = f"test_{uuid.uuid4().hex[:12]}"
    with postgres_server.connect() as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield postgres_server.url(name)
    with postgres_server.connect() as connection:
        connection.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
