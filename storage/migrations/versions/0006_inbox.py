"""inbox and skm_pending: nothing lost at any instant (issue 8)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03

Durable receipt (issue 8): an update is written here before Telegram is told it arrived (the next
getUpdates offset, the webhook's 200) and deleted when its handling is over, so a crash at any
instant leaves it handled or still here, to be handled after the restart. ``applied`` marks an
update whose effect committed (never applied twice); ``holder`` and ``held_until`` say which
process handles it and until when its lease runs; ``owner_id`` orders one person's updates across
processes.

``skm_pending``: submitting a survey takes the daily-limit mark, deletes the session and writes
the response here in one transaction; a second transaction moves it to ``skm_responses`` (so the
response and the mark are never written by the same transaction). A crash in between leaves the
row here, and start-up stores it: the response is never lost with the citizen locked out.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "inbox",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("owner_id", sa.BigInteger(), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("applied", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("holder", sa.String(length=120), nullable=False),
        sa.Column("held_until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("update_id"),
    )
    with op.batch_alter_table("inbox", schema=None) as batch_op:
        batch_op.create_index("ix_inbox_owner", ["owner_id", "update_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_inbox_held_until"), ["held_until"], unique=False)
    op.create_table(
        "skm_pending",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response", sa.JSON(), nullable=False),
        sa.Column("forward_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("skm_pending")
    with op.batch_alter_table("inbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inbox_held_until"))
        batch_op.drop_index("ix_inbox_owner")
    op.drop_table("inbox")
