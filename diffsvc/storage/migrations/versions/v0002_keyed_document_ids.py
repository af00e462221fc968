"""Document ids keyed with the service's secret, so a guessed text does not reveal its id.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02

Until now a document's id was the plain sha256 of its options and text: anyone holding a
candidate text could compute the id and fetch ``/api/v1/documents/<id>`` to confirm it was
stored. Each stored document moves to ``HMAC-SHA256(secret key, old id)`` (``keyed_id`` in the
store, which computes the same for new uploads from their text), the comparisons follow it, and
their lookup keys (which name the document ids) are recomputed, so a repeat comparison is still
served from the store. Comparison permalinks are random and unchanged; a document URL handed out
before no longer answers, which is the point.

Run without a key (the library's own stores) it changes nothing but the column comment.
"""

from __future__ import annotations

import hashlib
import hmac
import json

import sqlalchemy as sa
from alembic import context, op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

BEFORE = "sha256 of options and text"
AFTER = "HMAC-SHA256 under the secret key of the sha256 of options and text"


def _lookup(left_id: str, right_id: str, options: str, engine: str) -> str:
    key = json.dumps(
        [left_id, right_id, options, engine],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(key.encode()).hexdigest()


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "postgresql":
        op.alter_column(
            "documents",
            "id",
            comment=AFTER,
            existing_comment=BEFORE,
            existing_type=sa.String(64),
            existing_nullable=False,
        )
    key = context.config.attributes.get("id_key")
    if not key:
        return
    documents = sa.table(
        "documents",
        sa.column("id"),
        sa.column("text"),
        sa.column("document"),
        sa.column("created"),
    )
    comparisons = sa.table(
        "comparisons",
        sa.column("id"),
        sa.column("lookup"),
        sa.column("left_id"),
        sa.column("right_id"),
        sa.column("options"),
        sa.column("engine"),
    )
    old_ids = list(connection.scalars(sa.select(documents.c.id)))
    new = {old: hmac.new(key, old.encode("ascii"), hashlib.sha256).hexdigest() for old in old_ids}
    # Copy each document under its new id, point the comparisons at the copies, then drop the
    # originals: the foreign keys hold at every step.
    for old, keyed in new.items():
        row = connection.execute(sa.select(documents).where(documents.c.id == old)).one()
        connection.execute(
            documents.insert().values(
                id=keyed, text=row.text, document=row.document, created=row.created
            )
        )
    for row in connection.execute(sa.select(comparisons)).all():
        left, right = new[row.left_id], new[row.right_id]
        connection.execute(
            comparisons.update()
            .where(comparisons.c.id == row.id)
            .values(
                left_id=left,
                right_id=right,
                lookup=_lookup(left, right, row.options, row.engine),
            )
        )
    if old_ids:
        connection.execute(documents.delete().where(documents.c.id.in_(old_ids)))


def downgrade() -> None:
    """Back to schema 0001. The ids stay keyed (no one can turn an HMAC back into the hash it
    keyed): they remain valid keys every comparison points at, and a 0001 service reads them by
    id as before; only a text stored again gets a plain id beside its keyed one."""
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column(
            "documents",
            "id",
            comment=BEFORE,
            existing_comment=AFTER,
            existing_type=sa.String(64),
            existing_nullable=False,
        )
