"""skm: citizen survey responses, daily-limit marks, populations and RTL

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27

Generated with Alembic autogenerate from storage/tables/skm.py (SKM tables only).
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
    op.create_table('skm_marks',
    sa.Column('mark', sa.String(length=64), nullable=False),
    sa.Column('local_date', sa.Date(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('mark')
    )
    with op.batch_alter_table('skm_marks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_skm_marks_local_date'), ['local_date'], unique=False)

    op.create_table('skm_populations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scope', sa.String(length=8), nullable=False),
    sa.Column('scope_id', sa.Integer(), nullable=False),
    sa.Column('date_from', sa.Date(), nullable=False),
    sa.Column('date_to', sa.Date(), nullable=False),
    sa.Column('population', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_by', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('scope', 'scope_id', 'date_from', 'date_to')
    )
    op.create_table('skm_rtl',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scope', sa.String(length=8), nullable=False),
    sa.Column('scope_id', sa.Integer(), nullable=False),
    sa.Column('date_from', sa.Date(), nullable=False),
    sa.Column('date_to', sa.Date(), nullable=False),
    sa.Column('unsur', sa.String(length=3), nullable=False),
    sa.Column('nrr', sa.String(length=8), nullable=False),
    sa.Column('plan', sa.Text(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_by', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('scope', 'scope_id', 'date_from', 'date_to', 'unsur')
    )
    with op.batch_alter_table('skm_rtl', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_skm_rtl_date_to'), ['date_to'], unique=False)

    op.create_table('skm_responses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('local_date', sa.Date(), nullable=False),
    sa.Column('channel', sa.String(length=8), nullable=False),
    sa.Column('u1', sa.SmallInteger(), nullable=True),
    sa.Column('u2', sa.SmallInteger(), nullable=True),
    sa.Column('u3', sa.SmallInteger(), nullable=True),
    sa.Column('u4', sa.SmallInteger(), nullable=True),
    sa.Column('u5', sa.SmallInteger(), nullable=True),
    sa.Column('u6', sa.SmallInteger(), nullable=True),
    sa.Column('u7', sa.SmallInteger(), nullable=True),
    sa.Column('u8', sa.SmallInteger(), nullable=True),
    sa.Column('u9', sa.SmallInteger(), nullable=True),
    sa.Column('gender', sa.String(length=1), nullable=True),
    sa.Column('age_band', sa.String(length=8), nullable=True),
    sa.Column('education', sa.String(length=8), nullable=True),
    sa.Column('occupation', sa.String(length=12), nullable=True),
    sa.Column('suggestion', sa.Text(), nullable=True),
    sa.Column('contact', sa.String(length=200), nullable=True),
    sa.CheckConstraint('u1 BETWEEN 1 AND 4', name='ck_skm_responses_u1'),
    sa.CheckConstraint('u2 BETWEEN 1 AND 4', name='ck_skm_responses_u2'),
    sa.CheckConstraint('u3 BETWEEN 1 AND 4', name='ck_skm_responses_u3'),
    sa.CheckConstraint('u4 BETWEEN 1 AND 4', name='ck_skm_responses_u4'),
    sa.CheckConstraint('u5 BETWEEN 1 AND 4', name='ck_skm_responses_u5'),
    sa.CheckConstraint('u6 BETWEEN 1 AND 4', name='ck_skm_responses_u6'),
    sa.CheckConstraint('u7 BETWEEN 1 AND 4', name='ck_skm_responses_u7'),
    sa.CheckConstraint('u8 BETWEEN 1 AND 4', name='ck_skm_responses_u8'),
    sa.CheckConstraint('u9 BETWEEN 1 AND 4', name='ck_skm_responses_u9'),
    sa.ForeignKeyConstraint(['service_id'], ['public_services.id'], ),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('skm_responses', schema=None) as batch_op:
        batch_op.create_index('ix_skm_responses_report', ['service_id', 'local_date', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9'], unique=False)
        batch_op.create_index('ix_skm_responses_unit_date', ['unit_id', 'local_date'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('skm_responses', schema=None) as batch_op:
        batch_op.drop_index('ix_skm_responses_unit_date')
        batch_op.drop_index('ix_skm_responses_report')

    op.drop_table('skm_responses')
    with op.batch_alter_table('skm_rtl', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_skm_rtl_date_to'))

    op.drop_table('skm_rtl')
    op.drop_table('skm_populations')
    with op.batch_alter_table('skm_marks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_skm_marks_local_date'))

    op.drop_table('skm_marks')
