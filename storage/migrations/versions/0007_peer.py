"""peer and upward feedback, coaching, development catalogue and plans (issue 11)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03

Only ``peer_assignments`` names a rater; ``peer_responses.assignment_id`` is the only link from a
response to its rater, kept for the edit-until-deadline rule and set to NULL by ``kinerja peers
seal``. Responses carry no rater, no Telegram id, no timestamp, and a random id. See
``docs/peer.md``.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INDEXED = {
    "peer_assignments": ("period_id", "rater_id", "ratee_id"),
    "peer_responses": ("period_id", "ratee_id"),
    "peer_summaries": ("period_id", "ratee_id"),
    "coaching_records": ("period_id", "employee_id", "coach_id"),
    "development_plans": ("period_id", "employee_id"),
}


def _ts(name: str, *, nullable: bool = False) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _fk(name: str, target: str, *, ondelete: str | None = None) -> list[object]:
    return [
        sa.Column(name, sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint([name], [target], ondelete=ondelete),
    ]


def upgrade() -> None:
    op.create_table(
        "peer_assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        *_fk("period_id", "periods.id"),
        *_fk("rater_id", "employees.id", ondelete="CASCADE"),
        *_fk("ratee_id", "employees.id", ondelete="CASCADE"),
        sa.Column("relation", sa.String(length=8), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("submitted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("period_id", "rater_id", "ratee_id"),
    )
    op.create_table(
        "peer_responses",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=False,
            nullable=False,
        ),
        *_fk("period_id", "periods.id"),
        *_fk("ratee_id", "employees.id", ondelete="CASCADE"),
        sa.Column("relation", sa.String(length=8), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=True),
        sa.Column("scores", sa.JSON(), nullable=False),
        sa.Column("keep_doing", sa.Text(), nullable=True),
        sa.Column("improve", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["assignment_id"], ["peer_assignments.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("assignment_id"),
    )
    op.create_table(
        "peer_summaries",
        sa.Column("id", sa.Integer(), nullable=False),
        *_fk("period_id", "periods.id"),
        *_fk("ratee_id", "employees.id", ondelete="CASCADE"),
        _ts("frozen_at"),
        sa.Column("min_raters", sa.Integer(), nullable=False),
        sa.Column("seed", sa.String(length=80), nullable=False),
        sa.Column("relations", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("period_id", "ratee_id"),
    )
    op.create_table(
        "coaching_records",
        sa.Column("id", sa.Integer(), nullable=False),
        *_fk("period_id", "periods.id"),
        *_fk("employee_id", "employees.id", ondelete="CASCADE"),
        *_fk("coach_id", "employees.id", ondelete="CASCADE"),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column("follow_up", sa.Text(), nullable=False),
        _ts("recorded_at"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "coaching_feedback",
        sa.Column("record_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        _ts("answered_at"),
        sa.ForeignKeyConstraint(["record_id"], ["coaching_records.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("record_id"),
    )
    op.create_table(
        "development_catalogue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("value_code", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("title_id", sa.Text(), nullable=False),
        sa.Column("title_en", sa.Text(), nullable=False),
        _ts("updated_at"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "development_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        *_fk("period_id", "periods.id"),
        *_fk("employee_id", "employees.id", ondelete="CASCADE"),
        sa.Column("value_code", sa.String(length=40), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("agreed_by", sa.String(length=18), nullable=False),
        _ts("agreed_at"),
        sa.Column("kind", sa.String(length=12), nullable=True),
        sa.Column("mentor_nip", sa.String(length=18), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    for table, columns in _INDEXED.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def downgrade() -> None:
    for table in (
        "development_plans",
        "development_catalogue",
        "coaching_feedback",
        "coaching_records",
        "peer_summaries",
        "peer_responses",
        "peer_assignments",
    ):
        op.drop_table(table)
