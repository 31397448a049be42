"""reminders: the ledger of reminders planned, /pengingat settings, holiday changes

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03

``reminder_marks`` remembers every reminder the plan job queued, by the outbox dedupe key, for as
long as its period (the outbox forgets sent rows after 30 days); ``stream`` is the key's prefix
of one purpose, period and recipient. ``reminder_settings`` holds each person's /pengingat
choice; ``holiday_changes`` the days an admin added to the national holidays or removed;
``reminder_periods`` the days before a deadline a period's reminders come.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reminder_marks",
        sa.Column("dedupe_key", sa.String(length=160), nullable=False),
        sa.Column("stream", sa.String(length=120), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("planned_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["employee_id"], ["employees.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("dedupe_key"),
    )
    op.create_index("ix_reminder_marks_stream", "reminder_marks", ["stream"])
    op.create_index("ix_reminder_marks_employee_id", "reminder_marks", ["employee_id"])
    op.create_index("ix_reminder_marks_period_id", "reminder_marks", ["period_id"])
    op.create_table(
        "reminder_settings",
        sa.Column("employee_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("mute", sa.String(length=12), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["employee_id"], ["employees.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("employee_id"),
    )
    op.create_table(
        "holiday_changes",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("action", sa.String(length=8), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("day"),
    )
    op.create_table(
        "reminder_periods",
        sa.Column("period_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("before_days", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(["period_id"], ["periods.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("period_id"),
    )


def downgrade() -> None:
    op.drop_table("reminder_periods")
    op.drop_table("holiday_changes")
    op.drop_table("reminder_settings")
    op.drop_index("ix_reminder_marks_period_id", table_name="reminder_marks")
    op.drop_index("ix_reminder_marks_employee_id", table_name="reminder_marks")
    op.drop_index("ix_reminder_marks_stream", table_name="reminder_marks")
    op.drop_table("reminder_marks")
