"""Settings as users meet them: defaults, then DIFFSVC_* variables, then the app's overrides.

Each test sets environment variables and starts the app (or reads gunicorn.conf.py) the way a
deployment does, then checks what the service does with them.
"""

from __future__ import annotations

import os
import runpy
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from web_support import LEFT, RIGHT, csrf_token

from diffsvc.app import create_app
from diffsvc.app.settings import load_settings, worker_count

ROOT = Path(__file__).resolve().parent.parent
BODY = {"left": {"text": LEFT}, "right": {"text": RIGHT}}  # 3 and 4 clauses
NUMBERS = ("MAX_REQUEST_BYTES", "MAX_CLAUSES", "TIME_BUDGET_SECONDS", "RATE_LIMIT_PER_MINUTE")
NUMBERS += ("WORKERS", "THREADS", "WORKER_TIMEOUT")
SetEnv = Callable[..., None]


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> SetEnv:
    """A clean environment (no DIFFSVC_* nor DATABASE_URL) in ``tmp_path``; returns a setter."""
    for name in list(os.environ):
        if name.startswith("DIFFSVC_") or name == "DATABASE_URL":
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)

    def setenv(**variables: str) -> None:
        for name, value in variables.items():
            monkeypatch.setenv(name, value)

    return setenv


@pytest.fixture
def started() -> Iterator[Callable[..., Flask]]:
    """``create_app`` that closes the apps' stores after the test."""
    apps: list[Flask] = []

    def start(overrides: dict[str, Any] | None = None) -> Flask:
        apps.append(create_app({"TESTING": True, **(overrides or {})}))
        return apps[-1]

    yield start
    for app in apps:
        app.extensions["diffsvc"].store.close()


def test_defaults_serve_from_var_in_the_working_directory(
    env: SetEnv, started: Callable[..., Flask], tmp_path: Path
) -> None:
    app = started()
    settings = app.extensions["diffsvc"].settings
    assert settings.model_dump(exclude={"secret_key"}) == {
        "database_url": "sqlite:///var/diffsvc.sqlite3",
        "var_dir": "var",
        "max_request_bytes": 5_000_000,
        "max_clauses": 20_000,
        "time_budget_seconds": 10.0,
        "max_pdf_entries": 2_000,
        "max_word_entries": 10_000,
        "series_background_chars": 100_000,
        "series_time_budget_seconds": 300.0,
        "max_series_clauses": 100_000,
        "queue_url": "",
        "rate_limit_per_minute": 600,
        "redis_url": "",
        "public_url": "",
        "trusted_proxies": 0,
        "secure_cookies": False,
        "hsts_seconds": 0,
        "log_level": "INFO",
        "bind": "127.0.0.1:8000",
        "workers": 0,
        "threads": 1,
        "worker_timeout": 30,
    }
    assert {"diffsvc.sqlite3", "secret_key"} <= {p.name for p in (tmp_path / "var").iterdir()}
    assert "Up to 5.0 MB per request." in app.test_client().get("/").text


@pytest.mark.parametrize(
    ("environ", "overrides", "expected", "status"),
    [
        ({}, {}, 20_000, 200),
        ({"DIFFSVC_MAX_CLAUSES": "2"}, {}, 2, 422),
        ({"DIFFSVC_MAX_CLAUSES": "1_000"}, {}, 1000, 200),
        ({"DIFFSVC_MAX_CLAUSES": "2"}, {"MAX_CLAUSES": 7}, 7, 200),
        ({"DIFFSVC_MAX_CLAUSES": ""}, {}, 20_000, 200),  # an empty variable counts as unset
    ],
)
def test_env_beats_defaults_and_overrides_beat_env(
    env: SetEnv,
    started: Callable[..., Flask],
    environ: dict[str, str],
    overrides: dict[str, Any],
    expected: int,
    status: int,
) -> None:
    env(**environ)
    app = started(overrides)
    assert app.extensions["diffsvc"].settings.max_clauses == expected
    response = app.test_client().post("/api/v1/compare?save=false", json=BODY)
    assert response.status_code == status


@pytest.mark.parametrize(
    ("variable", "value", "status", "code"),
    [
        ("DIFFSVC_MAX_CLAUSES", "3", 422, "too-many-clauses"),
        ("DIFFSVC_TIME_BUDGET_SECONDS", "0", 422, "time-budget-exceeded"),
        ("DIFFSVC_MAX_REQUEST_BYTES", "200", 413, "too-large"),
    ],
)
def test_limits_from_the_environment_are_applied(
    env: SetEnv, started: Callable[..., Flask], variable: str, value: str, status: int, code: str
) -> None:
    env(**{variable: value})
    response = started().test_client().post("/api/v1/compare?save=false", json=BODY)
    assert (response.status_code, response.get_json()["code"]) == (status, code)


@pytest.mark.parametrize(("value", "statuses"), [("2", [200, 200, 429]), ("0", [200] * 3)])
def test_rate_limit_from_the_environment(
    env: SetEnv, started: Callable[..., Flask], value: str, statuses: list[int]
) -> None:
    env(DIFFSVC_RATE_LIMIT_PER_MINUTE=value)
    client = started().test_client()
    assert [client.get("/api/v1/openapi.json").status_code for _ in statuses] == statuses


@pytest.mark.parametrize(
    ("environ", "used"),
    [
        ({"DATABASE_URL": "sqlite:///plain.db"}, "plain.db"),
        ({"DATABASE_URL": "sqlite:///plain.db", "DIFFSVC_DATABASE_URL": ""}, "plain.db"),
        ({"DATABASE_URL": "sqlite:///plain.db", "DIFFSVC_DATABASE_URL": "sqlite:///x.db"}, "x.db"),
    ],
)
def test_plain_database_url_is_read_and_the_prefixed_one_wins(
    env: SetEnv, started: Callable[..., Flask], tmp_path: Path, environ: dict[str, str], used: str
) -> None:
    env(**environ)
    started()
    assert sorted(p.name for p in tmp_path.glob("*.db")) == [used]


@pytest.mark.parametrize(
    ("variable", "raw"),
    [
        ("DIFFSVC_MAX_CLAUSES", "lots"),
        ("DIFFSVC_MAX_CLAUSES", "-5"),
        ("DIFFSVC_MAX_CLAUSES", "1.5"),
        ("DIFFSVC_TIME_BUDGET_SECONDS", "soon"),
        ("DIFFSVC_WORKERS", "two"),
        *((f"DIFFSVC_{name}", "-1") for name in NUMBERS),
    ],
)
def test_a_malformed_value_fails_at_start_naming_the_variable(
    env: SetEnv, variable: str, raw: str
) -> None:
    env(**{variable: raw})
    with pytest.raises(ValueError, match=f"^{variable}='{raw}': "):
        create_app({"TESTING": True})
    with pytest.raises(ValueError, match=f"^{variable}='{raw}': "):
        runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_flask_options_in_the_overrides_reach_flask(
    env: SetEnv, started: Callable[..., Flask]
) -> None:
    client = started({"WTF_CSRF_ENABLED": False}).test_client()
    response = client.post("/", data={"left_text": LEFT, "right_text": RIGHT})
    assert response.status_code == 303  # no CSRF token needed


def post_form_elsewhere(source: FlaskClient, target: FlaskClient) -> int:
    """Post a form rendered by ``source`` (its token and session cookie) to ``target``."""
    token = csrf_token(source)
    cookie = source.get_cookie("session")
    assert cookie is not None
    target.set_cookie("session", cookie.value)
    form = {"csrf_token": token, "left_text": LEFT, "right_text": RIGHT}
    return target.post("/", data=form).status_code


def test_generated_secret_key_is_kept_and_shared_by_every_worker(
    env: SetEnv, started: Callable[..., Flask], tmp_path: Path
) -> None:
    env(DIFFSVC_VAR_DIR=str(tmp_path / "keys"))
    with ThreadPoolExecutor(4) as pool:  # workers starting at once race to create the key
        keys = set(pool.map(lambda _: load_settings().secret_key, range(8)))
    first = started({"DATABASE_URL": "sqlite:///first.db"}).test_client()
    restarted = started({"DATABASE_URL": "sqlite:///second.db"}).test_client()
    assert post_form_elsewhere(first, restarted) == 303
    assert len(keys) == 1 and len(keys.pop()) >= 32
    assert os.stat(tmp_path / "keys" / "secret_key").st_mode & 0o777 == 0o600
    assert sorted(p.name for p in (tmp_path / "keys").iterdir()) == ["secret_key"]


def test_explicit_secret_key_writes_nothing_and_signs_forms(
    env: SetEnv, started: Callable[..., Flask], tmp_path: Path
) -> None:
    env(DIFFSVC_SECRET_KEY="from-env", DIFFSVC_DATABASE_URL="sqlite:///x.db")
    one, two = started().test_client(), started().test_client()
    other = started({"SECRET_KEY": "another"}).test_client()
    assert (post_form_elsewhere(one, two), post_form_elsewhere(one, other)) == (303, 400)
    assert not (tmp_path / "var").exists()


@pytest.mark.parametrize(
    ("configured", "cpus", "expected"), [(0, 2, 2), (0, None, 2), (0, 4, 4), (0, 64, 8), (3, 64, 3)]
)
def test_worker_count_follows_cores_with_a_cap(
    configured: int, cpus: int | None, expected: int
) -> None:
    assert worker_count(configured, cpus) == expected


def test_gunicorn_reads_its_settings_from_the_environment(env: SetEnv) -> None:
    env(DIFFSVC_SECRET_KEY="k")
    default = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert (default["bind"], default["threads"], default["worker_class"]) == (
        "127.0.0.1:8000",
        1,
        "sync",
    )
    assert (default["timeout"], default["loglevel"]) == (30, "info")
    env(
        DIFFSVC_BIND="0.0.0.0:8000",
        DIFFSVC_WORKERS="3",
        DIFFSVC_THREADS="4",
        DIFFSVC_WORKER_TIMEOUT="60",
        DIFFSVC_LOG_LEVEL="WARNING",
    )
    container = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert (container["bind"], container["workers"], container["threads"]) == (
        "0.0.0.0:8000",
        3,
        4,
    )
    assert (container["worker_class"], container["timeout"], container["loglevel"]) == (
        "gthread",
        60,
        "warning",
    )
    assert (container["accesslog"], container["control_socket_disable"]) == ("-", True)


def test_gunicorn_serves_the_app_on_a_fresh_database(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environ = os.environ | {
        "DIFFSVC_BIND": f"127.0.0.1:{port}",
        "DIFFSVC_DATABASE_URL": f"sqlite:///{tmp_path}/var/diffsvc.sqlite3",
        "DIFFSVC_VAR_DIR": str(tmp_path / "var"),
        "DIFFSVC_WORKERS": "2",
    }
    command = [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "app:app"]
    with subprocess.Popen(
        command, cwd=ROOT, env=environ, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    ) as server:
        try:
            status = None
            for _ in range(150):
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz") as response:
                        status = response.status
                        break
                except OSError:
                    time.sleep(0.1)
        finally:
            server.terminate()
            log = server.communicate(timeout=30)[0].decode()
    assert status == 200, log
    assert "Running upgrade  -> 0001" in log
    assert {"diffsvc.sqlite3", "secret_key"} <= {p.name for p in (tmp_path / "var").iterdir()}
