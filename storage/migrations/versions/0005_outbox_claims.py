"""outbox claims: an owner token per claim

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28

``outbox.claim_token`` names the claim that holds a row's lease. Every update after the claim
(sent, retry, failed, blocked) applies only while the token is still the claimer's, so a process
whose lease ran out mid-batch cannot mark or resend a message another process took over.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claim_token", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("claim_token")
