"""The store on SQLite and on a real PostgreSQL server: what permalinks and the cache rely on."""

from __future__ import annotations

import json
import runpy
import shutil
import sqlite3
import string
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

import diffsvc
from diffsvc import __version__
from diffsvc.errors import Forbidden, NotFound
from diffsvc.models import (
    Clause,
    ClauseKind,
    CompareOptions,
    Comparison,
    Document,
    Entry,
    Op,
    Summary,
    Version,
)
from diffsvc.storage.store import Store, document_id
from diffsvc.storage.tables import metadata
from diffsvc.version import engine_fingerprint


def make_document(text: str) -> Document:
    return Document(
        clauses=[
            Clause(
                index=0,
                kind=ClauseKind.paragraph,
                language="en",
                text=text,
                normalized=text.lower(),
                start=0,
                end=len(text),
            )
        ]
    )


def make_comparison(left: str, right: str) -> Comparison:
    op = Op.unchanged if left == right else Op.modified
    return Comparison(
        version=Version(engine="test"),
        left=make_document(left),
        right=make_document(right),
        alignment=[Entry(op=op, left=[0], right=[0], language="en", similarity=0.5)],
        summary=Summary(unchanged=int(left == right), modified=int(left != right)),
    )


@pytest.fixture
def url(database_url: str) -> str:
    return database_url


@pytest.fixture
def store(url: str) -> Iterator[Store]:
    with Store(url) as opened:
        opened.migrate()
        yield opened


def save_pair(store: Store, left: str, right: str, options: CompareOptions | None = None) -> str:
    left_id = store.put_document(left, make_document(left))
    right_id = store.put_document(right, make_document(right))
    return store.put_comparison(left_id, right_id, options, make_comparison(left, right))


def test_document_is_stored_once_under_its_content_hash(store: Store) -> None:
    first = store.put_document("Article 1.", make_document("Article 1."))
    again = store.put_document("Article 1.", make_document("Article 1."))
    other_options = store.put_document("Article 1.", make_document("x"), options={"pinyin": 0})
    assert first == again == document_id("Article 1.")
    assert other_options == document_id("Article 1.", {"pinyin": 0}) != first
    assert store.get_document(first).document == make_document("Article 1.")
    assert store.get_document(other_options).document == make_document("x")


def test_a_document_read_again_replaces_an_older_reading_of_its_text(store: Store) -> None:
    # After an upgrade the same upload reads to other clauses; a background series or a step of
    # a stored series reads the document from the store, and must get this engine's clauses.
    older = store.put_document("Article 1.", make_document("Article 1 as read before"))
    first = store.get_document(older)
    again = store.put_document("Article 1.", make_document("Article 1."))
    stored = store.get_document(again)
    assert again == older
    assert stored.document == make_document("Article 1.")
    assert (stored.text, stored.created) == (first.text, first.created)


def test_document_round_trips_text_clauses_and_time(store: Store) -> None:
    text = "雙方同意,加強執法合作。\nBoth sides agreed."
    stored = store.get_document(store.put_document(text, make_document(text)))
    assert (stored.id, stored.text, stored.document) == (
        document_id(text),
        text,
        make_document(text),
    )
    assert stored.created.utcoffset() is not None


def test_repeat_comparison_is_served_from_the_store(store: Store) -> None:
    left_id = store.put_document("a", make_document("a"))
    right_id = store.put_document("b", make_document("b"))
    assert store.find_comparison(left_id, right_id, CompareOptions()) is None
    first = store.put_comparison(left_id, right_id, CompareOptions(), make_comparison("a", "b"))
    assert store.find_comparison(left_id, right_id, None) == first
    again = store.put_comparison(left_id, right_id, None, make_comparison("a", "changed"))
    assert again == first
    assert store.get_comparison(first).comparison == make_comparison("a", "b")


@pytest.mark.parametrize(
    ("options", "engine_version"),
    [(CompareOptions(match_threshold=0.9), None), (None, "9.9.9")],
)
def test_other_options_or_engine_version_are_a_new_comparison(
    url: str, options: CompareOptions | None, engine_version: str | None
) -> None:
    with Store(url) as store:
        store.migrate()
        first = save_pair(store, "a", "b")
    with Store(url, engine_version=engine_version or store.engine_version) as store:
        left_id, right_id = document_id("a"), document_id("b")
        assert store.find_comparison(left_id, right_id, options) is None
        assert save_pair(store, "a", "b", options) != first


def test_a_service_upgraded_in_place_compares_a_saved_pair_again(tmp_path: Path) -> None:
    # The cache key of saved results reads the engine's code, not only its release number: a
    # pair compared before an upgrade that changed what a note says is compared anew after it,
    # while a change to how results are shown keeps what was saved.
    package = tmp_path / "diffsvc"
    shutil.copytree(Path(diffsvc.__file__).parent, package)

    def fingerprint() -> str:
        return str(runpy.run_path(str(package / "version.py"))["engine_fingerprint"]())

    before = fingerprint()
    assert before.startswith(f"{__version__}+")
    views = package / "views" / "comparison.py"
    views.write_text(views.read_text() + "\n# a change to a page only\n")
    assert fingerprint() == before
    notes = package / "engine" / "classify" / "changes.py"
    notes.write_text(notes.read_text() + "\n# a change to what notes say\n")
    assert fingerprint() != before
    with Store("sqlite://") as store:
        assert store.engine_version == engine_fingerprint()


def test_permalink_survives_a_new_store_on_the_same_database(url: str) -> None:
    with Store(url) as store:
        store.migrate()
        cid = save_pair(store, "2023 text", "2024 text")
    with Store(url) as reopened:
        reopened.migrate()
        stored = reopened.get_comparison(cid)
    assert stored.comparison == make_comparison("2023 text", "2024 text")
    assert (stored.left_id, stored.right_id) == (document_id("2023 text"), document_id("2024 text"))
    assert stored.created.utcoffset() is not None


def test_comparison_ids_are_random_and_url_safe(store: Store) -> None:
    ids = [save_pair(store, "base", f"variant {n}") for n in range(20)]
    alphabet = set(string.ascii_letters + string.digits + "-_")
    assert len(set(ids)) == len(ids)
    assert all(len(cid) >= 16 and set(cid) <= alphabet for cid in ids)
    assert not any(cid.isdigit() for cid in ids)
    assert ids != sorted(ids)  # 20 sorted random ids: a 1 in 20! chance


@pytest.mark.parametrize(
    "lookup",
    [
        lambda store: store.get_document("0" * 64),
        lambda store: store.get_document("x" * 10_000),
        lambda store: store.get_comparison("AAAAAAAAAAAAAAAA"),
        lambda store: store.get_comparison(""),
        lambda store: store.put_comparison("nope", "nope", None, make_comparison("a", "b")),
    ],
    ids=["document", "huge-document-id", "comparison", "empty-id", "compare-unknown-documents"],
)
def test_missing_ids_raise_not_found(store: Store, lookup: object) -> None:
    with pytest.raises(NotFound):
        lookup(store)  # type: ignore[operator]


def test_migrations_are_idempotent_and_ping_reports_readiness(url: str) -> None:
    with Store(url) as store:
        assert store.ping() is False
        store.migrate()
        cid = save_pair(store, "a", "b")
        store.migrate()
        assert store.ping() is True
        assert store.get_comparison(cid).id == cid


def test_workers_may_migrate_and_save_the_same_comparison_at_once(url: str) -> None:
    stores = [Store(url) for _ in range(4)]
    try:
        with ThreadPoolExecutor(len(stores)) as pool:
            list(pool.map(Store.migrate, stores))
            ids = set(pool.map(lambda s: save_pair(s, "same left", "same right"), stores))
    finally:
        for store in stores:
            store.close()
    assert len(ids) == 1


def test_ping_is_false_when_the_database_is_unreachable() -> None:
    with Store("postgresql://nobody@127.0.0.1:1/none") as store:
        assert store.ping() is False


def test_sqlite_database_is_created_on_first_start_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "var" / "diffsvc.sqlite3"
    with Store(f"sqlite:///{path}") as store:
        store.migrate()
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_in_memory_sqlite_is_shared_across_threads() -> None:
    with Store("sqlite://") as store:
        store.migrate()
        with ThreadPoolExecutor(2) as pool:
            cid = pool.submit(save_pair, store, "a", "b").result()
            assert pool.submit(store.get_comparison, cid).result().id == cid


def test_migrations_build_exactly_the_tables_the_store_declares(store: Store) -> None:
    engine = sa.create_engine(store.url)
    try:
        with engine.connect() as connection:
            drift = compare_metadata(MigrationContext.configure(connection), metadata)
    finally:
        engine.dispose()
    assert drift == []


def test_a_services_document_ids_cannot_be_computed_from_the_text(url: str) -> None:
    with Store(url, id_key=b"the service's secret") as keyed:
        keyed.migrate()
        doc_id = keyed.put_document("1. Confidential draft.", make_document("draft"))
        assert doc_id != document_id("1. Confidential draft.")  # what a guesser computes
        with pytest.raises(NotFound):
            keyed.get_document(document_id("1. Confidential draft."))
        assert keyed.get_document(doc_id).text == "1. Confidential draft."
        # Still content-addressed: the same text is stored once.
        assert keyed.put_document("1. Confidential draft.", make_document("draft")) == doc_id


def test_the_migration_rekeys_stored_documents_and_keeps_comparisons_and_repeats(
    url: str,
) -> None:
    from alembic import command
    from alembic.config import Config

    from diffsvc.storage.store import MIGRATIONS
    from diffsvc.storage.tables import create_engine

    engine = create_engine(url)  # the schema as it was: revision 0001, plain content hashes
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    plain = document_id("1. Meet in Canberra.")
    other = document_id("1. Meet in Tokyo.")
    now = datetime.now(UTC)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0001")
            for doc_id, text in ((plain, "1. Meet in Canberra."), (other, "1. Meet in Tokyo.")):
                connection.execute(
                    sa.text("INSERT INTO documents VALUES (:id, :text, :doc, :now)"),
                    {
                        "id": doc_id,
                        "text": text,
                        "doc": make_document(text).model_dump_json(),
                        "now": now,
                    },
                )
            connection.execute(
                sa.text(
                    "INSERT INTO comparisons VALUES "
                    "(:id, 'old lookup', :left, :right, :options, :engine, :comparison, :now)"
                ),
                {
                    "id": "c0mpar1son-of-old",
                    "left": plain,
                    "right": other,
                    "options": json.dumps(
                        CompareOptions().model_dump(mode="json"),
                        sort_keys=True,
                        separators=(",", ":"),
                        ensure_ascii=False,
                    ),
                    "engine": engine_fingerprint(),  # saved by the engine that reads it
                    "comparison": make_comparison("a", "b").model_dump_json(),
                    "now": now,
                },
            )
    finally:
        engine.dispose()
    cid = "c0mpar1son-of-old"
    with Store(url, id_key=b"the service's secret") as after:
        after.migrate()
        with pytest.raises(NotFound):
            after.get_document(plain)  # the guessable id answers no more
        stored = after.get_comparison(cid)  # the permalink still does
        assert after.get_document(stored.left_id).text == "1. Meet in Canberra."
        # The same pair compared again is found under the new ids, not computed twice.
        assert save_pair(after, "1. Meet in Canberra.", "1. Meet in Tokyo.") == cid
        assert not after.may_delete(cid, "")  # saved before tokens: nobody may delete it


def test_only_the_creator_deletes_a_comparison_and_shared_documents_stay(store: Store) -> None:
    canberra = store.put_document("Canberra", make_document("Canberra"))
    tokyo = store.put_document("Tokyo", make_document("Tokyo"))
    paris = store.put_document("Paris", make_document("Paris"))
    mine = store.put_comparison(
        canberra, tokyo, None, make_comparison("Canberra", "Tokyo"), delete_token="mine"
    )
    theirs = store.put_comparison(canberra, paris, None, make_comparison("Canberra", "Paris"))
    # The same comparison asked for again is the stored one: its creator's token still rules.
    again = store.put_comparison(
        canberra, tokyo, None, make_comparison("Canberra", "Tokyo"), delete_token="other"
    )
    assert again == mine and store.may_delete(mine, "mine") and not store.may_delete(mine, "other")
    with pytest.raises(Forbidden):
        store.delete_comparison(mine, "other")
    with pytest.raises(Forbidden):
        store.delete_comparison(theirs, "")  # saved without a token: nobody may delete it
    store.delete_comparison(mine, "mine")
    with pytest.raises(NotFound):
        store.get_comparison(mine)
    with pytest.raises(NotFound):
        store.get_document(tokyo)  # no other comparison used it
    assert store.get_document(canberra).text == "Canberra"  # still in "theirs"
    assert store.get_comparison(theirs).id == theirs
    with pytest.raises(NotFound):
        store.delete_comparison(mine, "mine")


def test_going_back_to_schema_0001_keeps_every_comparison_and_its_documents(url: str) -> None:
    from alembic import command
    from alembic.config import Config

    from diffsvc.storage.store import MIGRATIONS
    from diffsvc.storage.tables import create_engine

    with Store(url, id_key=b"the service's secret") as keyed:
        keyed.migrate()
        cid = save_pair(keyed, "1. Meet in Canberra.", "1. Meet in Tokyo.")
        left_id = keyed.get_comparison(cid).left_id
    engine = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0001")
            joined = connection.execute(
                sa.text(
                    "SELECT d.text FROM comparisons c JOIN documents d ON d.id = c.left_id "
                    "WHERE c.id = :cid"
                ),
                {"cid": cid},
            ).scalar_one()
            kept_id = connection.execute(
                sa.text("SELECT left_id FROM comparisons WHERE id = :cid"), {"cid": cid}
            ).scalar_one()
    finally:
        engine.dispose()
    assert (joined, kept_id) == ("1. Meet in Canberra.", left_id)


def test_a_series_is_kept_with_its_documents_shared_and_served_again(store: Store) -> None:
    from diffsvc import series

    texts = ["1. Meet.\n2. Talk.", "1. Meet.", "1. Meet often.\n2. Talk."]
    docs = [series([t, t]).versions[0] for t in texts]
    ids = [store.put_document(t, d) for t, d in zip(texts, docs, strict=True)]
    sid, registered = store.put_series(ids, None, delete_token="mine")
    assert registered and store.get_series(sid) is None  # registered, not computed yet
    assert store.series_state(sid).state == "queued"
    assert store.put_series(ids, None, delete_token="other") == (sid, False)
    assert store.put_series(ids[::-1], None)[0] != sid  # another order is another series
    store.series_progress(sid, 1, 2)
    state = store.series_state(sid)
    assert (state.state, state.done, state.total, state.document_ids) == ("running", 1, 2, ids)
    computed = series(docs)
    store.finish_series(sid, computed)
    stored = store.get_series(sid)
    assert stored is not None and stored.series == computed
    assert stored.state.state == "done"
    # A comparison sharing a document keeps it when the series goes.
    cid = store.put_comparison(ids[0], ids[1], None, make_comparison("a", "b"))
    with pytest.raises(Forbidden):
        store.delete_series(sid, "other")
    store.delete_series(sid, "mine")
    with pytest.raises(NotFound):
        store.series_state(sid)
    assert store.get_document(ids[0]).text == texts[0]
    assert store.get_comparison(cid).left_id == ids[0]


def test_a_failed_series_says_why_and_is_queued_again_when_asked_again(store: Store) -> None:
    ids = [store.put_document(t, make_document(t)) for t in ("Canberra", "Tokyo")]
    sid, _ = store.put_series(ids, None)
    store.fail_series(sid, "time-budget-exceeded", "Too slow.")
    state = store.series_state(sid)
    assert state.state == "failed"
    assert state.problem == {"code": "time-budget-exceeded", "detail": "Too slow."}
    assert store.put_series(ids, None) == (sid, True)
    assert store.series_state(sid).state == "queued"
    with pytest.raises(NotFound):
        store.put_series([ids[0], "0" * 64], None)
