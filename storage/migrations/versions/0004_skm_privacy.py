"""skm privacy and reports: marks WITHOUT ROWID, paper-import hashes, report indexes

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28

* ``skm_marks`` is rebuilt as a ``WITHOUT ROWID`` table on SQLite: rows stored in the order of
  the keyed hash, not in the order they were taken (which matched the responses' order).
* ``skm_paper_imports`` records the SHA-256 of every imported paper CSV, so the same file is not
  imported twice by mistake.
* Reports filter and group by ``service_id`` only; ``ix_skm_responses_unit_date`` served the old
  filter by the unit copied into each response and is dropped. Two indexes serve the detailed
  report: the respondent profile (one GROUP BY from the index alone) and the saran (partial).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _marks_table(name: str, *, rowid: bool) -> None:
    op.create_table(
        name,
        sa.Column("mark", sa.String(length=64), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("mark"),
        sqlite_with_rowid=rowid,
    )


def _rebuild_marks(*, rowid: bool) -> None:
    """SQLite cannot change a table's rowid-ness in place: copy into a new table."""
    _marks_table("skm_marks_new", rowid=rowid)
    op.execute(
        "INSERT INTO skm_marks_new (mark, local_date, count) "
        "SELECT mark, local_date, count FROM skm_marks"
    )
    op.drop_index("ix_skm_marks_local_date", table_name="skm_marks")
    op.drop_table("skm_marks")
    op.rename_table("skm_marks_new", "skm_marks")
    op.create_index("ix_skm_marks_local_date", "skm_marks", ["local_date"], unique=False)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("PRAGMA secure_delete=ON")  # the old table's pages are zeroed when dropped
        _rebuild_marks(rowid=False)
    op.create_table(
        "skm_paper_imports",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sha256"),
    )
    op.drop_index("ix_skm_responses_unit_date", table_name="skm_responses")
    op.create_index(
        "ix_skm_responses_profile",
        "skm_responses",
        ["service_id", "gender", "age_band", "education", "occupation", "local_date"],
        unique=False,
    )
    saran = sa.text("suggestion IS NOT NULL")
    op.create_index(
        "ix_skm_responses_saran",
        "skm_responses",
        ["service_id", "local_date"],
        unique=False,
        sqlite_where=saran,
        postgresql_where=saran,
    )


def downgrade() -> None:
    op.drop_index("ix_skm_responses_saran", table_name="skm_responses")
    op.drop_index("ix_skm_responses_profile", table_name="skm_responses")
    op.create_index(
        "ix_skm_responses_unit_date", "skm_responses", ["unit_id", "local_date"], unique=False
    )
    op.drop_table("skm_paper_imports")
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_marks(rowid=True)
