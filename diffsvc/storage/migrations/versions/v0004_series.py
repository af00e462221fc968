"""Series: several versions of a statement, their comparisons and threads, computed in the
background when large.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03

A series row holds its state while it is computed (queued, running, done, failed) and, once
done, the Series JSON without its versions: those are rows of ``documents``, shared with
comparisons and with other series, listed in order by ``series_versions``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "series",
        sa.Column("id", sa.String(32), nullable=False, comment="public, random"),
        sa.Column("lookup", sa.String(64), nullable=False, comment="sha256 of the key"),
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
        sa.Column(
            "delete_hash",
            sa.String(64),
            nullable=True,
            comment="sha256 of the delete token its creator was given",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_series"),
        sa.UniqueConstraint("lookup", name="uq_series_lookup"),
    )
    op.create_table(
        "series_versions",
        sa.Column("series_id", sa.String(32), nullable=False),
        sa.Column("position", sa.Integer, nullable=False, comment="0 for the oldest version"),
        sa.Column("document_id", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(
            ["series_id"],
            ["series.id"],
            name="fk_series_versions_series_id_series",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name="fk_series_versions_document_id_documents"
        ),
        sa.PrimaryKeyConstraint("series_id", "position", name="pk_series_versions"),
    )
    op.create_index(
        "ix_series_versions_document_id", "series_versions", ["document_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_series_versions_document_id", table_name="series_versions")
    op.drop_table("series_versions")
    op.drop_table("series")
