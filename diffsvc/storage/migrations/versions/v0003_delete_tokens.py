"""Comparisons their creator can delete: the hash of the token the creator was given.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

Comparisons saved before have no token: nobody can delete them through the service.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "comparisons",
        sa.Column(
            "delete_hash",
            sa.String(64),
            nullable=True,
            comment="sha256 of the delete token its creator was given",
        ),
    )


def downgrade() -> None:
    with op.batch_alter_table("comparisons") as batch:
        batch.drop_column("delete_hash")
