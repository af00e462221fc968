"""The store: documents and comparisons kept by id; the one place that touches disk or a database.

Why it looks like this:

- **Content addressing, keyed.** A document's id is derived from its normalisation options and
  text (``document_id``), so the same upload is stored once and its id is known before anything
  is stored; the service keys it with its secret (HMAC-SHA256 of the plain sha256), so nobody
  who guesses a text can compute the id and confirm the text is stored. Migration 0002 re-keyed
  the documents stored before; comparison permalinks never depended on document ids. A
  comparison is looked up by (left id, right id, compare options, engine version): a
  repeat is served from the store, and a new engine version recomputes instead of serving stale
  results.
- **Unguessable permalinks.** A comparison's public id is ``secrets.token_urlsafe(12)`` (96
  random bits), never a row number, so one user cannot walk through other users' comparisons.
- **Results as JSON.** Rows hold ``model_dump_json()`` and are read back with
  ``model_validate_json``: the stored form is the published JSON contract, nothing else to migrate.
- **SQLite by default, PostgreSQL when asked**, configured in ``diffsvc.storage.tables`` (the tables
  and engines; this module holds the API). Writes take the lock up front, so concurrent gunicorn
  workers queue instead of failing.
- **Schema by Alembic, applied on start.** ``Store.migrate()`` runs ``upgrade head`` with the
  migrations shipped in this package, under a lock (a file lock next to a SQLite database, a
  transaction-scoped advisory lock on PostgreSQL), so every worker may call it at once.
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import logging
import secrets
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from diffsvc.errors import Forbidden, NotFound
from diffsvc.models import CompareOptions, Comparison, Document
from diffsvc.storage.tables import (
    comparisons,
    create_engine,
    database_url,
    documents,
    is_memory,
    writer,
)
from diffsvc.version import __version__

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
# Any fixed 64-bit number works; this one spells "diffsvc" in ASCII.
_ADVISORY_LOCK_KEY = 0x64696666737663
_ID_MAX = 64


@dataclass(frozen=True)
class StoredDocument:
    """A document as stored: its id, the text it was made from, and its clauses."""

    id: str
    text: str
    document: Document
    created: datetime


@dataclass(frozen=True)
class StoredComparison:
    """A comparison as stored, with the ids of the two documents it compares."""

    id: str
    comparison: Comparison
    left_id: str
    right_id: str
    created: datetime


def _canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def document_id(
    text: str, options: Mapping[str, object] | None = None, key: bytes | None = None
) -> str:
    """The id a document gets: sha256 of its normalisation options and its text, keyed with
    ``key`` (``keyed_id``) when the store has one.

    >>> document_id("abc") == document_id("abc", {})
    True
    >>> document_id("abc") == document_id("abc", {"keep_pinyin": True})
    False
    >>> document_id("abc", key=b"k") == keyed_id(b"k", document_id("abc"))
    True
    """
    digest = hashlib.sha256(_canonical(dict(options or {})).encode())
    digest.update(b"\0")
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest() if key is None else keyed_id(key, digest.hexdigest())


def keyed_id(key: bytes, plain: str) -> str:
    """A plain content id keyed with the service's secret: what Migration 0002 computes from a
    stored id alone, and ``document_id`` from a text."""
    return hmac.new(key, plain.encode("ascii"), hashlib.sha256).hexdigest()


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _options_json(options: CompareOptions | None) -> str:
    return _canonical((options or CompareOptions()).model_dump(mode="json"))


def _utc(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything stored is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class Store:
    """Documents and comparisons in one SQL database (see the module docstring for why).

    >>> with Store("sqlite://") as store:
    ...     store.migrate()
    ...     store.ping()
    True
    """

    def __init__(
        self, url: str, *, engine_version: str = __version__, id_key: bytes | None = None
    ) -> None:
        self.url = database_url(url)
        self.engine_version = engine_version
        # Keys document ids (``document_id``); None keeps them plain (the library's own use).
        self.id_key = id_key
        self._engine = create_engine(url)
        self._writer = writer(self._engine)

    def __repr__(self) -> str:
        return f"Store({self.url.render_as_string(hide_password=True)!r})"

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close every pooled connection; the store can still be used and will reconnect."""
        self._engine.dispose()

    def migrate(self) -> None:
        """Bring the schema to the newest revision; cheap when it already is, safe to race."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
        config.set_main_option("path_separator", "os")
        with self._migration_lock(), self._writer.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(sa.select(sa.func.pg_advisory_xact_lock(_ADVISORY_LOCK_KEY)))
            config.attributes["connection"] = connection
            config.attributes["id_key"] = self.id_key
            command.upgrade(config, "head")

    @contextmanager
    def _migration_lock(self) -> Iterator[None]:
        if self.url.get_backend_name() != "sqlite" or is_memory(self.url):
            yield
            return
        # A separate file: SQLite's own POSIX locks on the database file would be dropped if
        # this process opened and closed another descriptor on it.
        lock_path = Path(f"{self.url.database}.migrate-lock")
        with lock_path.open("a") as lock_file:
            fcntl.flock(lock_file, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock_file, fcntl.LOCK_UN)

    def _insert(self, table: sa.Table) -> sqlite.Insert | postgresql.Insert:
        if self._engine.dialect.name == "postgresql":
            return postgresql.insert(table)
        return sqlite.insert(table)

    def put_document(
        self, text: str, document: Document, *, options: Mapping[str, object] | None = None
    ) -> str:
        """Store ``document`` (normalised from ``text`` with ``options``) once; return its id."""
        doc_id = document_id(text, options, self.id_key)
        row = {
            "id": doc_id,
            "text": text,
            "document": document.model_dump_json(),
            "created": datetime.now(UTC),
        }
        with self._writer.begin() as connection:
            connection.execute(self._insert(documents).values(row).on_conflict_do_nothing())
        return doc_id

    def _one(self, query: sa.Select[Any], key: str, noun: str) -> sa.Row[Any]:
        """The row ``query`` finds for id ``key``, or ``NotFound``. An id longer than any this
        store issues cannot match, so it is refused without a round trip to the database."""
        row = None
        if len(key) <= _ID_MAX:
            with self._engine.connect() as connection:
                row = connection.execute(query).first()
        if row is None:
            raise NotFound(f"No {noun} with id {key[:_ID_MAX]!r}.")
        return row

    def get_document(self, doc_id: str) -> StoredDocument:
        """The stored document ``doc_id``; ``NotFound`` if there is none."""
        row = self._one(sa.select(documents).where(documents.c.id == doc_id), doc_id, "document")
        return StoredDocument(
            id=row.id,
            text=row.text,
            document=Document.model_validate_json(row.document),
            created=_utc(row.created),
        )

    def _lookup(self, left_id: str, right_id: str, options: CompareOptions | None) -> str:
        key = [left_id, right_id, _options_json(options), self.engine_version]
        return hashlib.sha256(_canonical(key).encode()).hexdigest()

    def put_comparison(
        self,
        left_id: str,
        right_id: str,
        options: CompareOptions | None,
        comparison: Comparison,
        delete_token: str | None = None,
    ) -> str:
        """Store ``comparison`` of two stored documents; return its public id.

        When the same documents were compared with the same options by the same engine version
        before, nothing is written and the earlier id is returned. ``NotFound`` if either
        document is not stored. ``delete_token`` (kept as its hash) lets whoever holds it delete
        the comparison, if this call is the one that stores it (``may_delete`` tells).
        """
        lookup = self._lookup(left_id, right_id, options)
        row = {
            "id": secrets.token_urlsafe(12),
            "lookup": lookup,
            "left_id": left_id,
            "right_id": right_id,
            "options": _options_json(options),
            "engine": self.engine_version,
            "comparison": comparison.model_dump_json(),
            "created": datetime.now(UTC),
            "delete_hash": _token_hash(delete_token) if delete_token else None,
        }
        wanted = {left_id, right_id}
        with self._writer.begin() as connection:
            found = connection.scalars(sa.select(documents.c.id).where(documents.c.id.in_(wanted)))
            missing = wanted - set(found)
            if missing:
                raise NotFound(f"No document with id {min(missing)[:_ID_MAX]!r}.")
            insert = self._insert(comparisons).values(row)
            connection.execute(insert.on_conflict_do_nothing(index_elements=["lookup"]))
            stored = connection.scalar(
                sa.select(comparisons.c.id).where(comparisons.c.lookup == lookup)
            )
        return str(stored)

    def may_delete(self, cid: str, token: str) -> bool:
        """Whether ``token`` is the delete token comparison ``cid`` was stored with."""
        query = sa.select(comparisons.c.delete_hash).where(comparisons.c.id == cid)
        with self._engine.connect() as connection:
            stored = connection.scalar(query) if len(cid) <= _ID_MAX else None
        return stored is not None and hmac.compare_digest(stored, _token_hash(token))

    def delete_comparison(self, cid: str, token: str) -> None:
        """Delete comparison ``cid`` for the holder of its delete token, and the documents no
        other comparison uses. ``NotFound`` if there is none; ``Forbidden`` for a wrong token."""
        self._one(sa.select(comparisons.c.id).where(comparisons.c.id == cid), cid, "comparison")
        if not token or not self.may_delete(cid, token):
            raise Forbidden(
                "Only whoever saved this comparison can delete it: send the delete token its "
                "saving request was given, as Authorization: Bearer <token>."
            )
        with self._writer.begin() as connection:
            row = connection.execute(
                sa.select(comparisons.c.left_id, comparisons.c.right_id).where(
                    comparisons.c.id == cid
                )
            ).first()
            if row is None:  # deleted meanwhile
                return
            connection.execute(comparisons.delete().where(comparisons.c.id == cid))
            used = sa.select(comparisons.c.id).where(
                sa.or_(
                    comparisons.c.left_id == documents.c.id,
                    comparisons.c.right_id == documents.c.id,
                )
            )
            connection.execute(
                documents.delete().where(
                    documents.c.id.in_({row.left_id, row.right_id}), ~sa.exists(used)
                )
            )

    def find_comparison(
        self, left_id: str, right_id: str, options: CompareOptions | None
    ) -> str | None:
        """The id of a stored comparison of these documents and options, by this engine."""
        query = sa.select(comparisons.c.id).where(
            comparisons.c.lookup == self._lookup(left_id, right_id, options)
        )
        with self._engine.connect() as connection:
            return connection.scalar(query)

    def get_comparison(self, cid: str) -> StoredComparison:
        """The stored comparison ``cid``; ``NotFound`` if there is none."""
        query = sa.select(
            comparisons.c.id,
            comparisons.c.comparison,
            comparisons.c.left_id,
            comparisons.c.right_id,
            comparisons.c.created,
        ).where(comparisons.c.id == cid)
        row = self._one(query, cid, "comparison")
        return StoredComparison(
            id=row.id,
            comparison=Comparison.model_validate_json(row.comparison),
            left_id=row.left_id,
            right_id=row.right_id,
            created=_utc(row.created),
        )

    def ping(self) -> bool:
        """True when the database answers and holds the schema (what ``/readyz`` reports)."""
        query = sa.select(comparisons.c.id).limit(0)
        try:
            with self._engine.connect() as connection:
                connection.execute(query)
        except sa.exc.SQLAlchemyError as error:
            # One line, no traceback: probes call this every few seconds while the DB is down.
            log.warning("store not ready: %s", str(error).splitlines()[0])
            return False
        return True
