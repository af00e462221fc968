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
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from diffsvc.errors import Forbidden, NotFound
from diffsvc.models import CompareOptions, Comparison, Document, Series
from diffsvc.storage.tables import (
    comparisons,
    create_engine,
    database_url,
    documents,
    is_memory,
    series,
    series_versions,
    writer,
)
from diffsvc.version import engine_fingerprint

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


@dataclass(frozen=True)
class SeriesState:
    """Where a stored series stands: ``queued``, ``running``, ``done`` or ``failed``; how many
    of its comparisons are made; why it failed (an error code and its message)."""

    id: str
    state: str
    done: int
    total: int
    document_ids: list[str]
    options: CompareOptions
    created: datetime
    updated: datetime
    problem: dict[str, str] | None = None


@dataclass(frozen=True)
class StoredSeries:
    """A computed series as stored."""

    state: SeriesState
    series: Series


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
        self,
        url: str,
        *,
        engine_version: str | None = None,
        id_key: bytes | None = None,
    ) -> None:
        self.url = database_url(url)
        # What a saved result is keyed by besides its inputs: the engine's code, not only its
        # release number (``engine_fingerprint``).
        self.engine_version = engine_version or engine_fingerprint()
        # Keys document ids (``document_id``); None keeps them plain (the library's own use).
        self.id_key = id_key
        self._engine = create_engine(url)
        self._writer = writer(self._engine)
        # An in-memory database is one connection for all threads (``create_engine``): a
        # background series and a request must take turns on it. Real databases need no lock.
        self._turns: threading.RLock | None = threading.RLock() if is_memory(self.url) else None

    @contextmanager
    def _reading(self) -> Iterator[sa.Connection]:
        with self._turn(), self._engine.connect() as connection:
            yield connection

    @contextmanager
    def _writing(self) -> Iterator[sa.Connection]:
        with self._turn(), self._writer.begin() as connection:
            yield connection

    @contextmanager
    def _turn(self) -> Iterator[None]:
        if self._turns is None:
            yield
            return
        with self._turns:
            yield

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
        with self._migration_lock(), self._writing() as connection:
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
        """Store ``document`` (normalised from ``text`` with ``options``) under its id; return
        the id.

        The id is the text's, so a document stored before keeps its id and its first ``created``
        time, but its clauses are replaced by ``document``: they are the engine's reading of the
        text, and a series computed in the background, or a step of a stored series, reads them
        from here. Kept as first stored, they would be an older engine's reading served as this
        one's after an upgrade.
        """
        doc_id = document_id(text, options, self.id_key)
        row = {
            "id": doc_id,
            "text": text,
            "document": document.model_dump_json(),
            "created": datetime.now(UTC),
        }
        insert = self._insert(documents).values(row)
        upsert = insert.on_conflict_do_update(
            index_elements=[documents.c.id], set_={"document": insert.excluded.document}
        )
        with self._writing() as connection:
            connection.execute(upsert)
        return doc_id

    def _one(self, query: sa.Select[Any], key: str, noun: str) -> sa.Row[Any]:
        """The row ``query`` finds for id ``key``, or ``NotFound``. An id longer than any this
        store issues cannot match, so it is refused without a round trip to the database."""
        row = None
        if len(key) <= _ID_MAX:
            with self._reading() as connection:
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
        with self._writing() as connection:
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
        with self._reading() as connection:
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
        with self._writing() as connection:
            row = connection.execute(
                sa.select(comparisons.c.left_id, comparisons.c.right_id).where(
                    comparisons.c.id == cid
                )
            ).first()
            if row is None:  # deleted meanwhile
                return
            connection.execute(comparisons.delete().where(comparisons.c.id == cid))
            self._drop_unused(connection, {row.left_id, row.right_id})

    @staticmethod
    def _drop_unused(connection: sa.Connection, doc_ids: set[str]) -> None:
        """Delete those of ``doc_ids`` that no comparison and no series holds any more."""
        compared = sa.select(comparisons.c.id).where(
            sa.or_(
                comparisons.c.left_id == documents.c.id,
                comparisons.c.right_id == documents.c.id,
            )
        )
        in_series = sa.select(series_versions.c.series_id).where(
            series_versions.c.document_id == documents.c.id
        )
        connection.execute(
            documents.delete().where(
                documents.c.id.in_(doc_ids), ~sa.exists(compared), ~sa.exists(in_series)
            )
        )

    def find_comparison(
        self, left_id: str, right_id: str, options: CompareOptions | None
    ) -> str | None:
        """The id of a stored comparison of these documents and options, by this engine."""
        query = sa.select(comparisons.c.id).where(
            comparisons.c.lookup == self._lookup(left_id, right_id, options)
        )
        with self._reading() as connection:
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

    # Series ---------------------------------------------------------------------------------

    def _series_lookup(self, doc_ids: list[str], options: CompareOptions | None) -> str:
        key = ["series", doc_ids, _options_json(options), self.engine_version]
        return hashlib.sha256(_canonical(key).encode()).hexdigest()

    def put_series(
        self,
        doc_ids: list[str],
        options: CompareOptions | None,
        delete_token: str | None = None,
    ) -> tuple[str, bool]:
        """Register the series of these stored documents, in this order, to be computed; return
        its public id and whether this call registered it (False: the same series was asked
        for before, by this engine version, and that one stands, whatever its state — except
        one that failed, which is queued again under the same id).

        ``NotFound`` if a document is not stored.
        """
        lookup = self._series_lookup(doc_ids, options)
        now = datetime.now(UTC)
        row = {
            "id": secrets.token_urlsafe(12),
            "lookup": lookup,
            "options": _options_json(options),
            "engine": self.engine_version,
            "state": "queued",
            "done": 0,
            "total": len(doc_ids) - 1,
            "problem": None,
            "result": None,
            "created": now,
            "updated": now,
            "delete_hash": _token_hash(delete_token) if delete_token else None,
        }
        with self._writing() as connection:
            found = set(
                connection.scalars(sa.select(documents.c.id).where(documents.c.id.in_(doc_ids)))
            )
            missing = set(doc_ids) - found
            if missing:
                raise NotFound(f"No document with id {min(missing)[:_ID_MAX]!r}.")
            existing = connection.execute(
                sa.select(series.c.id, series.c.state).where(series.c.lookup == lookup)
            ).first()
            if existing is not None:
                if existing.state != "failed":
                    return str(existing.id), False
                connection.execute(
                    series.update()
                    .where(series.c.id == existing.id)
                    .values(state="queued", done=0, problem=None, updated=now)
                )
                return str(existing.id), True
            connection.execute(self._insert(series).values(row))
            connection.execute(
                series_versions.insert(),
                [
                    {"series_id": row["id"], "position": k, "document_id": doc_id}
                    for k, doc_id in enumerate(doc_ids)
                ],
            )
        return str(row["id"]), True

    def series_progress(self, sid: str, done: int, total: int) -> None:
        """Record that ``done`` of the series' ``total`` comparisons are made."""
        with self._writing() as connection:
            connection.execute(
                series.update()
                .where(series.c.id == sid, series.c.state.in_(("queued", "running")))
                .values(state="running", done=done, total=total, updated=datetime.now(UTC))
            )

    def finish_series(self, sid: str, result: Series) -> None:
        """Keep the computed series; its versions are the documents it was registered with."""
        body = result.model_dump_json(exclude={"versions"})
        with self._writing() as connection:
            connection.execute(
                series.update()
                .where(series.c.id == sid)
                .values(
                    state="done",
                    done=len(result.steps),
                    total=len(result.steps),
                    result=body,
                    problem=None,
                    updated=datetime.now(UTC),
                )
            )

    def fail_series(self, sid: str, code: str, detail: str) -> None:
        """Record why the series could not be computed (an error code and its message)."""
        problem = _canonical({"code": code, "detail": detail})
        with self._writing() as connection:
            connection.execute(
                series.update()
                .where(series.c.id == sid)
                .values(state="failed", problem=problem, updated=datetime.now(UTC))
            )

    def series_state(self, sid: str) -> SeriesState:
        """Where series ``sid`` stands; ``NotFound`` if there is none."""
        query = sa.select(
            series.c.id,
            series.c.state,
            series.c.done,
            series.c.total,
            series.c.problem,
            series.c.options,
            series.c.created,
            series.c.updated,
        ).where(series.c.id == sid)
        row = self._one(query, sid, "series")
        with self._reading() as connection:
            doc_ids = list(
                connection.scalars(
                    sa.select(series_versions.c.document_id)
                    .where(series_versions.c.series_id == sid)
                    .order_by(series_versions.c.position)
                )
            )
        return SeriesState(
            id=row.id,
            state=row.state,
            done=row.done,
            total=row.total,
            document_ids=doc_ids,
            options=CompareOptions.model_validate_json(row.options),
            created=_utc(row.created),
            updated=_utc(row.updated),
            problem=json.loads(row.problem) if row.problem else None,
        )

    def get_series(self, sid: str) -> StoredSeries | None:
        """Series ``sid`` with its versions, or None while it is not computed; ``NotFound`` if
        there is none."""
        state = self.series_state(sid)
        if state.state != "done":
            return None
        with self._reading() as connection:
            result = connection.scalar(sa.select(series.c.result).where(series.c.id == sid))
            found = connection.execute(
                sa.select(documents.c.id, documents.c.document).where(
                    documents.c.id.in_(state.document_ids)
                )
            )
            rows = {row.id: row.document for row in found}
        if result is None:  # deleted between the two reads
            raise NotFound(f"No series with id {sid[:_ID_MAX]!r}.")
        # The stored JSON lacks only its versions: put the documents' own JSON in front, and
        # validate the whole once.
        versions = ",".join(rows[doc_id] for doc_id in state.document_ids)
        body = '{"versions":[' + versions + "]," + result[1:]
        return StoredSeries(state=state, series=Series.model_validate_json(body))

    def may_delete_series(self, sid: str, token: str) -> bool:
        """Whether ``token`` is the delete token series ``sid`` was stored with."""
        query = sa.select(series.c.delete_hash).where(series.c.id == sid)
        with self._reading() as connection:
            stored = connection.scalar(query) if len(sid) <= _ID_MAX else None
        return stored is not None and hmac.compare_digest(stored, _token_hash(token))

    def delete_series(self, sid: str, token: str) -> None:
        """Delete series ``sid`` for the holder of its delete token, and the documents nothing
        else uses. ``NotFound`` if there is none; ``Forbidden`` for a wrong token."""
        state = self.series_state(sid)
        if not token or not self.may_delete_series(sid, token):
            raise Forbidden(
                "Only whoever saved this series can delete it: send the delete token its "
                "saving request was given, as Authorization: Bearer <token>."
            )
        with self._writing() as connection:
            connection.execute(series_versions.delete().where(series_versions.c.series_id == sid))
            connection.execute(series.delete().where(series.c.id == sid))
            self._drop_unused(connection, set(state.document_ids))

    def ping(self) -> bool:
        """True when the database answers and holds the schema (what ``/readyz`` reports)."""
        query = sa.select(comparisons.c.id).limit(0)
        try:
            with self._reading() as connection:
                connection.execute(query)
        except sa.exc.SQLAlchemyError as error:
            # One line, no traceback: probes call this every few seconds while the DB is down.
            log.warning("store not ready: %s", str(error).splitlines()[0])
            return False
        return True
