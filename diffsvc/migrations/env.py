"""Alembic environment for diffsvc: run the migrations on the connection the store hands over.

``Store.migrate()`` opens a connection, takes the migration lock and passes the connection in
``config.attributes["connection"]``, so the upgrade runs inside that locked transaction. The
``alembic`` command line (used to write new revisions) passes none; then the database comes from
the service's settings. Offline mode (``--sql``) prints the SQL for a DBA to review.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from diffsvc.database import create_engine, database_url, metadata


def _settings_url() -> str:
    from diffsvc.config import load_settings

    # A placeholder key keeps load_settings from generating a secret file for a CLI run.
    return str(load_settings({"SECRET_KEY": "unused"})["DATABASE_URL"])


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
