"""the monthly recognition's candidates and confirmations; the pejabat penilai's nudges (issue 10)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _ts(name: str, *, nullable: bool = False) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "recognitions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("head_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("subject_name", sa.String(length=200), nullable=False),
        sa.Column("period_name", sa.String(length=80), nullable=True),
        sa.Column("ikm_before", sa.Numeric(6, 2), nullable=True),
        sa.Column("ikm_after", sa.Numeric(6, 2), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        _ts("proposed_at"),
        _ts("confirmed_at", nullable=True),
        sa.Column("confirmed_by", sa.String(length=18), nullable=True),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["head_id"], ["employees.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("month", "kind", "subject_id"),
    )
    for column in ("month", "unit_id", "head_id", "confirmed_at"):
        op.create_index(f"ix_recognitions_{column}", "recognitions", [column])
    op.create_table(
        "nudges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("supervisor_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        _ts("sent_at"),
        sa.ForeignKeyConstraint(["supervisor_id"], ["employees.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("supervisor_id", "day"),
    )
    op.create_index("ix_nudges_supervisor_id", "nudges", ["supervisor_id"])


def downgrade() -> None:
    op.drop_table("nudges")
    op.drop_table("recognitions")
