"""Settings: one table of names, defaults and help, read from ``DIFFSVC_*`` environment variables.

Why a table and not a class: the same list feeds ``load_settings``, the docs test (every setting
documented) and ``gunicorn.conf.py``, so a setting cannot exist in one place and be missing in
another. Precedence is code defaults, then the environment, then the caller's overrides (the test
dict), as in Flask's ``from_prefixed_env`` and datasette's ``SETTINGS``.

Environment values are strings; each is converted to the type of its default, and a value that
does not convert (or a negative number) raises ``ValueError`` naming the variable, so a typo fails
at start, not later. An empty variable counts as unset, as ``VAR=`` lines in compose files mean.

``SECRET_KEY`` decision: when unset it is generated once and kept in ``<VAR_DIR>/secret_key``
(mode 0600). A key random per process would give every gunicorn worker a different key, so a form
rendered by one worker would fail CSRF on another, and every restart would invalidate open forms.
Deployments on several hosts must set ``DIFFSVC_SECRET_KEY`` explicitly.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import NamedTuple

PREFIX = "DIFFSVC_"


class Setting(NamedTuple):
    """One setting: its name (without the ``DIFFSVC_`` prefix), default value and help text."""

    name: str
    default: object
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "DATABASE_URL",
        "sqlite:///var/diffsvc.sqlite3",
        "SQLAlchemy URL of the store. SQLite by default (a relative path is relative to the "
        "working directory; its folder is created on first start). A PostgreSQL URL "
        "(postgresql://, postgres:// or postgresql+psycopg://) uses psycopg 3. The plain "
        "DATABASE_URL variable is read too; DIFFSVC_DATABASE_URL wins over it.",
    ),
    Setting(
        "SECRET_KEY",
        "",
        "Key signing sessions and CSRF tokens. Empty: generated once and kept in "
        "<VAR_DIR>/secret_key, so restarts and all workers share it. Set it explicitly when "
        "running on more than one host.",
    ),
    Setting(
        "VAR_DIR",
        "var",
        "Folder for files the service writes itself (the generated secret key).",
    ),
    Setting(
        "MAX_REQUEST_BYTES",
        5_000_000,
        "Largest request body (and uploaded file) accepted, in bytes; larger gets 413.",
    ),
    Setting(
        "MAX_CLAUSES",
        20_000,
        "Most clauses one side of a comparison may have; more gets a too-many-clauses error.",
    ),
    Setting(
        "TIME_BUDGET_SECONDS",
        10.0,
        "Longest a single comparison may compute before it is abandoned with an error.",
    ),
    Setting(
        "RATE_LIMIT_PER_MINUTE",
        600,
        "Requests one client address may make per minute to the API (0 turns the limit off).",
    ),
    Setting(
        "LOG_LEVEL",
        "INFO",
        "Logging level of the service and of gunicorn's error log (DEBUG, INFO, WARNING, ERROR).",
    ),
    Setting(
        "BIND",
        "127.0.0.1:8000",
        "Address gunicorn listens on (host:port). The Docker image sets 0.0.0.0:8000.",
    ),
    Setting(
        "WORKERS",
        0,
        "gunicorn worker processes; 0 means one per CPU core (at least 2, at most 8).",
    ),
    Setting(
        "THREADS",
        1,
        "Threads per gunicorn worker. Comparisons are CPU-bound, so more processes beat more "
        "threads; raise it only if requests wait on I/O.",
    ),
    Setting(
        "WORKER_TIMEOUT",
        30,
        "Seconds a gunicorn worker may stay silent before it is killed and replaced; keep it "
        "above TIME_BUDGET_SECONDS.",
    ),
)


def _convert(name: str, raw: str, default: object) -> object:
    """Turn an environment string into the type of the setting's default (numbers: >= 0)."""
    if not isinstance(default, int | float):
        return raw
    try:
        value = int(raw.replace("_", "")) if isinstance(default, int) else float(raw)
    except ValueError:
        value = -1
    if value < 0:
        kind = "whole number" if isinstance(default, int) else "number"
        raise ValueError(f"{PREFIX}{name}={raw!r} is not a valid {kind} (0 or more)")
    return value


def load_settings(
    overrides: Mapping[str, object] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
) -> dict[str, object]:
    """Settings as a dict: code defaults, then ``DIFFSVC_*`` variables, then ``overrides``.

    :param overrides: values that win over everything (a test's config dict). Keys that are not
        settings are kept as they are, so Flask options (``TESTING``) can ride along.
    :param environ: the environment to read; ``os.environ`` by default.

    When ``SECRET_KEY`` ends up empty it is read from, or generated into, ``<VAR_DIR>/secret_key``.

    >>> load_settings({"SECRET_KEY": "k"}, environ={"DIFFSVC_MAX_CLAUSES": "500"})["MAX_CLAUSES"]
    500
    """
    env = os.environ if environ is None else environ
    values: dict[str, object] = {s.name: s.default for s in SETTINGS}
    if env.get("DATABASE_URL"):
        values["DATABASE_URL"] = env["DATABASE_URL"]
    for setting in SETTINGS:
        raw = env.get(PREFIX + setting.name)
        if raw:
            values[setting.name] = _convert(setting.name, raw, setting.default)
    values.update(overrides or {})
    if not values["SECRET_KEY"]:
        # Imported here: the store is the one module that touches disk, and config stays cheap.
        from diffsvc.storage.store import persistent_secret

        values["SECRET_KEY"] = persistent_secret(str(values["VAR_DIR"]))
    return values


def worker_count(configured: int, cpus: int | None) -> int:
    """gunicorn workers: ``configured`` if positive, else one per core (at least 2, at most 8).

    Comparisons are CPU-bound: processes beyond the cores only time-slice them and stretch the
    tail. Measured with bench/load.py on 2 cores, 16 clients: 2 workers served 156 compares/s
    at p99 156 ms, 5 workers (gunicorn's 2 x cores + 1) 131/s at p99 194 ms.

    >>> worker_count(0, 2), worker_count(0, 16), worker_count(3, 16), worker_count(0, 1)
    (2, 8, 3, 2)
    """
    if configured > 0:
        return configured
    return min(max(cpus or 1, 2), 8)
