"""The SQL plumbing under the store: the tables, and an engine configured for each backend.

Split from ``store.py`` so that the store reads as its API (ids, put/get, migrations) while this
module holds what the Alembic migrations and ``env.py`` share with it: the table definitions
(autogenerate compares them with the migrations; a test keeps the two identical) and
``create_engine``, which sets what each backend needs:

- SQLite: WAL mode (readers never block the writer), foreign keys on, ``synchronous=NORMAL`` (a
  power cut may lose the last commits, never corrupt the file; the store holds recomputable
  results), a 30 s busy timeout, and transactions emitted by us rather than the ``sqlite3``
  module, so writes can ``BEGIN IMMEDIATE`` and DDL runs inside transactions. The parent folder
  of the database file is created on first start. An in-memory database is one connection
  shared by all threads.
- PostgreSQL: psycopg 3 (bare ``postgres://`` and ``postgresql://`` URLs are sent to it),
  pre-ping so a restarted server does not fail the first request, a 5 s connect timeout so
  ``/readyz`` answers promptly when the server is down.

Only the store and the migrations import this module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Engine

metadata = sa.MetaData(
    naming_convention={
        "pk": "pk_%(table_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "ix": "ix_%(table_name)s_%(column_0_name)s",
    }
)

DOCUMENT_ID = "HMAC-SHA256 under the secret key of the sha256 of options and text"

DELETE_HASH = "sha256 of the delete token its creator was given"

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True, comment=DOCUMENT_ID),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("document", sa.Text, nullable=False, comment="Document.model_dump_json()"),
    sa.Column("created", sa.DateTime(timezone=True), nullable=False),
)

comparisons = sa.Table(
    "comparisons",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True, comment="public, random"),
    sa.Column("lookup", sa.String(64), nullable=False, unique=True, comment="sha256 of the key"),
    sa.Column("left_id", sa.String(64), sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("right_id", sa.String(64), sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("options", sa.Text, nullable=False, comment="canonical CompareOptions JSON"),
    sa.Column("engine", sa.String(32), nullable=False, comment="diffsvc.__version__"),
    sa.Column("comparison", sa.Text, nullable=False, comment="Comparison.model_dump_json()"),
    sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    sa.Column("delete_hash", sa.String(64), nullable=True, comment=DELETE_HASH),
)

SERIES_STATES = ("queued", "running", "done", "failed")

series = sa.Table(
    "series",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True, comment="public, random"),
    sa.Column("lookup", sa.String(64), nullable=False, unique=True, comment="sha256 of the key"),
    sa.Column("options", sa.Text, nullable=False, comment="canonical CompareOptions JSON"),
    sa.Column("engine", sa.String(32), nullable=False, comment="diffsvc.__version__"),
    sa.Column("state", sa.String(16), nullable=False, comment="queued, running, done, failed"),
    sa.Column("done", sa.Integer, nullable=False, comment="comparisons made so far"),
    sa.Column("total", sa.Integer, nullable=False, comment="comparisons to make"),
    sa.Column("problem", sa.Text, nullable=True, comment="why it failed: {code, detail} JSON"),
    sa.Column(
        "result",
        sa.Text,
        nullable=True,
        comment="Series.model_dump_json() without its versions, which are the documents",
    ),
    sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
    sa.Column("delete_hash", sa.String(64), nullable=True, comment=DELETE_HASH),
)

series_versions = sa.Table(
    "series_versions",
    metadata,
    sa.Column(
        "series_id",
        sa.String(32),
        sa.ForeignKey("series.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("position", sa.Integer, primary_key=True, comment="0 for the oldest version"),
    sa.Column(
        "document_id", sa.String(64), sa.ForeignKey("documents.id"), nullable=False, index=True
    ),
)


def database_url(url: str) -> URL:
    """Parse ``url``, sending bare ``postgres://`` and ``postgresql://`` to psycopg 3.

    >>> database_url("postgres://u@db/x").drivername
    'postgresql+psycopg'
    """
    parsed = sa.make_url(url)
    if parsed.drivername in ("postgres", "postgresql"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def is_memory(url: URL) -> bool:
    """True for an in-memory SQLite URL (``sqlite://``), which no other process can see."""
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")


def create_engine(url: str) -> Engine:
    """An engine configured for this service (pragmas, pools, timeouts) for ``url``."""
    parsed = database_url(url)
    if parsed.get_backend_name() != "sqlite":
        return sa.create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": 5})
    if is_memory(parsed):
        # One connection shared by all threads, or each thread would see its own empty database.
        engine = sa.create_engine(
            parsed, poolclass=sa.StaticPool, connect_args={"check_same_thread": False}
        )
    else:
        Path(str(parsed.database)).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(parsed, connect_args={"timeout": 30})
    sa.event.listen(engine, "connect", _sqlite_connect)
    sa.event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: object) -> None:
    # Take transactions away from the sqlite3 module (it would BEGIN lazily and never before
    # DDL); _sqlite_begin emits them instead. This is SQLAlchemy's documented pysqlite recipe.
    dbapi_connection.isolation_level = None
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=NORMAL"):
        dbapi_connection.execute(f"PRAGMA {pragma}")


def writer(engine: Engine) -> Engine:
    """``engine``, but its transactions take SQLite's write lock up front (``BEGIN IMMEDIATE``).

    A deferred transaction that reads and then writes fails at once with "database is locked"
    when another worker committed in between; an immediate one waits on the busy timeout.
    """
    return engine.execution_options(diffsvc_write=True)


def _sqlite_begin(connection: Connection) -> None:
    write = connection.get_execution_options().get("diffsvc_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
