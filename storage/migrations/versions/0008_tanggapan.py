"""appraisals: the pejabat penilai's tanggapan on an objection (issue 12)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03

PP 30/2019 Pasal 59: the atasan examining an objection asks both the pejabat penilai and the PNS
for an explanation. An objection now records when the pejabat penilai's tanggapan is due; the
tanggapan (who, when, the explanation, an optional evidence file) is kept on the appraisal, and a
decision taken before it came or was due keeps the atasan's stated reason.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    ("objection_response_due", sa.DateTime(timezone=True)),
    ("tanggapan_by", sa.String(length=18)),
    ("tanggapan_at", sa.DateTime(timezone=True)),
    ("tanggapan_text", sa.Text()),
    ("tanggapan_evidence", sa.Text()),
    ("decision_without_tanggapan", sa.Text()),
)


def upgrade() -> None:
    with op.batch_alter_table("appraisals") as table:
        for name, kind in COLUMNS:
            table.add_column(sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("appraisals") as table:
        for name, _ in reversed(COLUMNS):
            table.drop_column(name)
