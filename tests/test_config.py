"""Settings: defaults, DIFFSVC_* variables and overrides, in that order; a stable secret key."""

from __future__ import annotations

import os
import runpy
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from diffsvc.app.settings import SETTINGS, load_settings, worker_count

KEY = {"SECRET_KEY": "test-key"}
KEY_ENV = {"DIFFSVC_SECRET_KEY": "from-env"}


def test_every_setting_has_a_default_and_help() -> None:
    names = [setting.name for setting in SETTINGS]
    assert len(names) == len(set(names))
    assert all(setting.help.strip() for setting in SETTINGS)
    assert load_settings(KEY, environ={}) == {s.name: s.default for s in SETTINGS} | KEY


def test_contract_defaults() -> None:
    settings = load_settings(KEY, environ={})
    assert {name: settings[name] for name in ("DATABASE_URL", "MAX_REQUEST_BYTES")} == {
        "DATABASE_URL": "sqlite:///var/diffsvc.sqlite3",
        "MAX_REQUEST_BYTES": 5_000_000,
    }
    assert (settings["MAX_CLAUSES"], settings["TIME_BUDGET_SECONDS"]) == (20_000, 10.0)


@pytest.mark.parametrize(
    ("environ", "overrides", "expected"),
    [
        ({}, {}, 20_000),
        ({"DIFFSVC_MAX_CLAUSES": "500"}, {}, 500),
        ({"DIFFSVC_MAX_CLAUSES": "1_000"}, {}, 1000),
        ({"DIFFSVC_MAX_CLAUSES": "500"}, {"MAX_CLAUSES": 7}, 7),
    ],
)
def test_env_beats_defaults_and_overrides_beat_env(
    environ: dict[str, str], overrides: dict[str, object], expected: int
) -> None:
    assert load_settings(overrides | KEY, environ=environ)["MAX_CLAUSES"] == expected


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"DATABASE_URL": "postgresql://db/plain"}, "postgresql://db/plain"),
        (
            {"DATABASE_URL": "postgresql://db/plain", "DIFFSVC_DATABASE_URL": "sqlite:///x.db"},
            "sqlite:///x.db",
        ),
    ],
)
def test_plain_database_url_is_read_and_the_prefixed_one_wins(
    environ: dict[str, str], expected: str
) -> None:
    assert load_settings(KEY, environ=environ)["DATABASE_URL"] == expected


def test_environment_values_take_the_type_of_their_default() -> None:
    environ = {"DIFFSVC_TIME_BUDGET_SECONDS": "2.5", "DIFFSVC_RATE_LIMIT_PER_MINUTE": "0"}
    settings = load_settings(KEY, environ=environ)
    assert (settings["TIME_BUDGET_SECONDS"], settings["RATE_LIMIT_PER_MINUTE"]) == (2.5, 0)


@pytest.mark.parametrize("raw", ["lots", "-5", "1.5"])
def test_a_malformed_number_fails_at_start_naming_the_variable(raw: str) -> None:
    with pytest.raises(ValueError, match=f"DIFFSVC_MAX_CLAUSES='{raw}'"):
        load_settings(KEY, environ={"DIFFSVC_MAX_CLAUSES": raw})


def test_an_empty_variable_counts_as_unset() -> None:
    environ = {"DIFFSVC_MAX_CLAUSES": "", "DATABASE_URL": "", "DIFFSVC_LOG_LEVEL": ""}
    assert load_settings(KEY, environ=environ) == load_settings(KEY, environ={})


def test_unknown_override_keys_ride_along() -> None:
    assert load_settings(KEY | {"TESTING": True}, environ={})["TESTING"] is True


def test_secret_key_is_generated_once_and_kept_across_restarts(tmp_path: Path) -> None:
    var = str(tmp_path / "var")
    with ThreadPoolExecutor(4) as pool:
        started = pool.map(lambda _: load_settings({"VAR_DIR": var}, environ={}), range(8))
        keys = {settings["SECRET_KEY"] for settings in started}
    restarted = load_settings(environ={"DIFFSVC_VAR_DIR": var})["SECRET_KEY"]
    assert keys == {restarted}
    assert len(str(restarted)) >= 32
    assert os.stat(tmp_path / "var" / "secret_key").st_mode & 0o777 == 0o600
    assert sorted(p.name for p in (tmp_path / "var").iterdir()) == ["secret_key"]


def test_explicit_secret_key_writes_nothing(tmp_path: Path) -> None:
    settings = load_settings({"VAR_DIR": str(tmp_path / "var")}, environ=KEY_ENV)
    assert settings["SECRET_KEY"] == "from-env"
    assert not (tmp_path / "var").exists()


@pytest.mark.parametrize(
    ("configured", "cpus", "expected"), [(0, 2, 2), (0, None, 2), (0, 4, 4), (0, 64, 8), (3, 64, 3)]
)
def test_worker_count_follows_cores_with_a_cap(
    configured: int, cpus: int | None, expected: int
) -> None:
    assert worker_count(configured, cpus) == expected


ROOT = Path(__file__).resolve().parent.parent


def gunicorn_config(monkeypatch: pytest.MonkeyPatch, **environ: str) -> dict[str, object]:
    for name, value in (KEY_ENV | environ).items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_gunicorn_binds_to_loopback_unless_diffsvc_bind_says_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("DIFFSVC_BIND", raising=False)
    assert gunicorn_config(monkeypatch)["bind"] == "127.0.0.1:8000"
    container = gunicorn_config(monkeypatch, DIFFSVC_BIND="0.0.0.0:8000", DIFFSVC_WORKERS="3")
    assert (container["bind"], container["workers"]) == ("0.0.0.0:8000", 3)
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
