"""Alembic environment for diffsvc: run the migrations on the connection the store hands over.

``Store.migrate()`` opens a connection, takes the migration lock and passes the connection in
``config.attributes["connection"]``, so the upgrade runs inside that locked transaction. The
``alembic`` command line (used to write new revisions) passes none; then the database is named
with ``-x url=...`` or the service's ``DIFFSVC_DATABASE_URL`` variable. Offline mode
(``--sql``) prints the SQL for a DBA to review.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy.engine import Connection

from diffsvc.storage.tables import create_engine, database_url, metadata


def _settings_url() -> str:
    """The database of an ``alembic`` command-line run: ``-x url=...``, else the service's
    ``DIFFSVC_DATABASE_URL`` (or ``DATABASE_URL``) variable."""
    url = context.get_x_argument(as_dictionary=True).get("url")
    url = url or os.environ.get("DIFFSVC_DATABASE_URL") or os.environ.get("DATABASE_URL")
    if not url:
        raise SystemExit("Name the database: alembic -x url=sqlite:///var/diffsvc.sqlite3 ...")
    return url


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    if context.is_offline_mode():
        url = database_url(_settings_url())
        context.configure(url=url, target_metadata=metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(_settings_url())
    try:
        with engine.begin() as own_connection:
            _run(own_connection)
    finally:
        engine.dispose()


# Alembic runs this file inside an EnvironmentContext. Imported any other way (pytest's
# --doctest-modules collects every module under diffsvc/) there is no context: do nothing.
if getattr(context, "_proxy", None) is not None:
    main()
