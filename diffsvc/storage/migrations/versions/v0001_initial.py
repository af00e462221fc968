"""Documents by content hash and comparisons by random public id.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(64), nullable=False, comment="sha256 of options and text"),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False, comment="Document.model_dump_json()"),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    op.create_table(
        "comparisons",
        sa.Column("id", sa.String(32), nullable=False, comment="public, random"),
        sa.Column("lookup", sa.String(64), nullable=False, comment="sha256 of the key"),
        sa.Column("left_id", sa.String(64), nullable=False),
        sa.Column("right_id", sa.String(64), nullable=False),
        sa.Column("options", sa.Text(), nullable=False, comment="canonical CompareOptions JSON"),
        sa.Column("engine", sa.String(32), nullable=False, comment="diffsvc.__version__"),
        sa.Column("comparison", sa.Text(), nullable=False, comment="Comparison.model_dump_json()"),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["left_id"], ["documents.id"], name=op.f("fk_comparisons_left_id_documents")
        ),
        sa.ForeignKeyConstraint(
            ["right_id"], ["documents.id"], name=op.f("fk_comparisons_right_id_documents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comparisons")),
        sa.UniqueConstraint("lookup", name=op.f("uq_comparisons_lookup")),
    )


def downgrade() -> None:
    op.drop_table("comparisons")
    op.drop_table("documents")
