"""Settings: one typed class, read from ``DIFFSVC_*`` environment variables at start-up.

Why a pydantic-settings class: each setting is a typed field with its default and its help text
in one place, so the app and ``gunicorn.conf.py`` read ``settings.max_clauses`` as an ``int``
with no casts, and the README's settings table is generated from the same descriptions
(``settings_table``; a test holds the README to it). A setting's public name is its field name
upper-cased (``max_clauses`` -> ``MAX_CLAUSES``, variable ``DIFFSVC_MAX_CLAUSES``).

Precedence is code defaults, then the environment, then the caller's overrides (the test
mapping given to ``create_app``), as in Flask's ``from_prefixed_env`` and datasette's
``SETTINGS``. An empty variable counts as unset, as ``VAR=`` lines in compose files mean. A value
that does not convert, or a negative number, raises ``ValueError`` naming the variable, so a typo
fails at start, not later.

``SECRET_KEY`` decision: when unset it is generated once and kept in ``<VAR_DIR>/secret_key``
(``diffsvc.app.secret``). A key random per process would give every gunicorn worker a different
key, so a form rendered by one worker would fail CSRF on another, and every restart would
invalidate open forms. Deployments on several hosts must set ``DIFFSVC_SECRET_KEY`` explicitly.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import AliasChoices, Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from diffsvc.app.secret import persistent_secret

PREFIX = "DIFFSVC_"


class Settings(BaseSettings):
    """The service's settings; each field is the variable ``DIFFSVC_<FIELD NAME UPPER-CASED>``."""

    model_config = SettingsConfigDict(
        env_prefix=PREFIX,
        env_ignore_empty=True,
        extra="forbid",
        frozen=True,
        validate_by_name=True,
    )

    database_url: str = Field(
        default="sqlite:///var/diffsvc.sqlite3",
        # Platforms (Heroku, Render, ...) set the plain name; the first variable found wins.
        validation_alias=AliasChoices(PREFIX + "DATABASE_URL", "DATABASE_URL"),
        description="SQLAlchemy URL of the store. SQLite by default (a relative path is relative "
        "to the working directory; its folder is created on first start). A PostgreSQL URL "
        "(postgresql://, postgres:// or postgresql+psycopg://) uses psycopg 3. The plain "
        "DATABASE_URL variable is read too; DIFFSVC_DATABASE_URL wins over it.",
    )
    secret_key: str = Field(
        default="",
        description="Key signing sessions and CSRF tokens, and keying stored documents' ids "
        "(so a guessed text does not give its id; a new key stores texts again under new ids). "
        "Empty: generated once and kept in <VAR_DIR>/secret_key, so restarts and all workers "
        "share it. Set it explicitly when running on more than one host.",
    )
    var_dir: str = Field(
        default="var",
        description="Folder for files the service writes itself (the generated secret key).",
    )
    max_request_bytes: int = Field(
        default=5_000_000,
        ge=0,
        description="Largest request body (and uploaded file) accepted, in bytes; larger gets 413.",
    )
    max_clauses: int = Field(
        default=20_000,
        ge=0,
        description="Most clauses one side of a comparison may have; more gets a "
        "too-many-clauses error.",
    )
    time_budget_seconds: float = Field(
        default=10.0,
        ge=0,
        description="Longest a single comparison may compute before it is abandoned with an error.",
    )
    max_pdf_entries: int = Field(
        default=2_000,
        ge=0,
        description="Most entries a PDF redline lays out (its view's: only the changes, or "
        "every clause); more gets an export-too-large error. A PDF takes about 2-5 s per "
        "1,000 entries, so this keeps an export inside the worker's timeout.",
    )
    max_word_entries: int = Field(
        default=10_000,
        ge=0,
        description="Most entries a Word redline holds (about 1 s per 1,000); more gets an "
        "export-too-large error.",
    )
    series_background_chars: int = Field(
        default=100_000,
        ge=0,
        description="A series whose versions hold more characters than this in all is computed "
        "in the background: the request answers at once (202 from the API, a progress page in "
        "the browser) and the series fills in when done. 0 sends every series to the background.",
    )
    series_time_budget_seconds: float = Field(
        default=300.0,
        ge=0,
        description="Longest a series computed in the background may take before it is "
        "abandoned and reported as failed (a series computed within the request has "
        "TIME_BUDGET_SECONDS).",
    )
    max_series_clauses: int = Field(
        default=100_000,
        ge=0,
        description="Most clauses all the versions of one series may hold together; more gets "
        "a too-many-clauses error. Bounds a series' memory as MAX_CLAUSES bounds a comparison's.",
    )
    queue_url: str = Field(
        default="",
        description="Redis for the background work queue (redis://host:6379/1), served by "
        "`rq worker --url <QUEUE_URL> diffsvc` processes with the same settings. Empty: each "
        "service worker computes background series itself, one at a time, in a thread.",
    )
    rate_limit_per_minute: int = Field(
        default=600,
        ge=0,
        description="Units one client address may spend per minute on comparisons, saved "
        "comparison pages and the API: a request costs one unit per 10,000 characters of the "
        "documents it compares or shows (at least one). 0 turns the limit off.",
    )
    redis_url: str = Field(
        default="",
        description="Redis that keeps the rate limit's counts (redis://host:6379/0), one count "
        "for every worker and host. Empty: each worker counts on its own, so the real limit is "
        "the setting times the workers.",
    )
    public_url: str = Field(
        default="",
        pattern=r"^(https?://[^/?#\s]+(/[^?#\s]*)?)?$",
        description="The service's public address (https://diffsvc.example.org): the base of "
        "every link it hands out (permalinks, the API's url fields). Empty: the address each "
        "request came to, which a client's Host header decides.",
    )
    trusted_proxies: int = Field(
        default=0,
        ge=0,
        le=5,
        description="How many reverse proxies in front of the service set X-Forwarded-For, "
        "-Proto and -Host: rate limits then count the client's address, not the proxy's. 0 "
        "believes no forwarded header (a client could forge them).",
    )
    secure_cookies: bool = Field(
        default=False,
        description="Mark the session cookie Secure, so browsers send it over HTTPS only. Turn "
        "it on whenever the service is reached over HTTPS.",
    )
    hsts_seconds: int = Field(
        default=0,
        ge=0,
        description="Strict-Transport-Security max-age sent with every response (31536000 is "
        "a year); 0 sends none. Only for a service reached over HTTPS alone.",
    )
    log_level: str = Field(
        default="INFO",
        description="Logging level of the service and of gunicorn's error log (DEBUG, INFO, "
        "WARNING, ERROR).",
    )
    bind: str = Field(
        default="127.0.0.1:8000",
        description="Address gunicorn listens on (host:port). The Docker image sets 0.0.0.0:8000.",
    )
    workers: int = Field(
        default=0,
        ge=0,
        description="gunicorn worker processes; 0 means one per CPU core (at least 2, at most 8).",
    )
    threads: int = Field(
        default=1,
        ge=0,
        description="Threads per gunicorn worker. Comparisons are CPU-bound, so more processes "
        "beat more threads; raise it only if requests wait on I/O.",
    )
    worker_timeout: int = Field(
        default=30,
        ge=0,
        description="Seconds a gunicorn worker may stay silent before it is killed and "
        "replaced; keep it above TIME_BUDGET_SECONDS.",
    )


#: The settings' public names (``MAX_CLAUSES``), as the overrides mapping and the README use them.
SETTING_NAMES = frozenset(name.upper() for name in Settings.model_fields)


def load_settings(overrides: Mapping[str, object] | None = None) -> Settings:
    """The settings: code defaults, then ``DIFFSVC_*`` variables, then ``overrides``.

    :param overrides: values that win over everything, keyed by setting name (``MAX_CLAUSES``).
    :raises ValueError: a value does not convert or is negative; the message names the variable.

    When ``SECRET_KEY`` ends up empty it is read from, or generated into, ``<VAR_DIR>/secret_key``.

    >>> load_settings({"SECRET_KEY": "k", "MAX_CLAUSES": 500}).max_clauses
    500
    """
    given: dict[str, Any] = {name.lower(): value for name, value in (overrides or {}).items()}
    try:
        settings = Settings(**given)
    except ValidationError as error:
        raise ValueError(_explain(error)) from None
    if settings.secret_key:
        return settings
    return settings.model_copy(update={"secret_key": persistent_secret(settings.var_dir)})


def _explain(error: ValidationError) -> str:
    """One line per bad setting, naming its variable: ``DIFFSVC_MAX_CLAUSES='lots': ...``."""
    lines = []
    for detail in error.errors(include_url=False):
        name = PREFIX + ".".join(map(str, detail["loc"])).upper()
        lines.append(f"{name}={detail['input']!r}: {detail['msg']}")
    return "\n".join(lines)


def settings_table() -> str:
    """The README's settings table, generated from the fields' descriptions.

    Refresh the README with ``python -c 'from diffsvc.app.settings import settings_table;
    print(settings_table())'``.

    >>> settings_table().splitlines()[3].split(" | ")[:2]
    ['| `DIFFSVC_SECRET_KEY`', '`(generated)`']
    """
    rows = ["| variable | default | what it does |", "|---|---|---|"]
    for name, field in Settings.model_fields.items():
        default = str(field.default) if field.default != "" else "(none)"
        if name == "secret_key":
            default = "(generated)"
        rows.append(f"| `{PREFIX}{name.upper()}` | `{default}` | {field.description} |")
    return "\n".join(rows)


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
