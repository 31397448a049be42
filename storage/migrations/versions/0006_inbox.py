"""inbox: updates received and not yet done

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03

Durable receipt (issue 8): an update is written here before Telegram is told it arrived (the next
getUpdates offset, the webhook's 200) and deleted when its handling is over, so a crash at any
instant leaves it handled or still here, to be handled after the restart. ``applied`` marks an
update whose effect committed (never applied twice); ``holder`` and ``held_until`` say which
process handles it and until when its lease runs; ``owner_id`` orders one person's updates across
processes.
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


def downgrade() -> None:
    with op.batch_alter_table("inbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inbox_held_until"))
        batch_op.drop_index("ix_inbox_owner")
    op.drop_table("inbox")
