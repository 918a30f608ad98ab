"""Practice drafts: practice sessions in progress, kept so they survive a restart of the web server.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "practice_drafts",
        sa.Column("run_id", sa.String(length=32), nullable=False),
        sa.Column("persona_id", sa.String(length=60), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("run_id", name=op.f("pk_practice_drafts")),
    )
    op.create_index(op.f("ix_practice_drafts_last_used_at"), "practice_drafts", ["last_used_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_practice_drafts_last_used_at"), table_name="practice_drafts")
    op.drop_table("practice_drafts")
