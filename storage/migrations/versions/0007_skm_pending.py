"""skm_pending: a submitted SKM response until it is stored

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03

Submitting a survey takes the daily-limit mark, deletes the session and writes the response here
in one transaction; a second transaction moves it to ``skm_responses`` (so the response and the
mark are never written by the same transaction). A crash in between leaves the row here, and
start-up stores it: the response is never lost with the citizen locked out for the day.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "skm_pending",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response", sa.JSON(), nullable=False),
        sa.Column("forward_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("skm_pending")
