"""pledges of any specialty: a pledge names a qualification or a specialty (HQ, FP, ...)

Revision ID: e8c2f4a6b1d3
Revises: d5a1c0e7b3f9
Create Date: 2026-12-06 05:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e8c2f4a6b1d3"
down_revision: str | None = "d5a1c0e7b3f9"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("pledges", schema=None) as batch_op:
        batch_op.add_column(sa.Column("specialty", sa.String(length=64), nullable=True))
        batch_op.alter_column("qualification_id", existing_type=sa.Integer(), nullable=True)
        batch_op.create_check_constraint(
            op.f("ck_pledges_qualification_or_specialty"),
            "(qualification_id IS NULL) <> (specialty IS NULL)",
        )


def downgrade() -> None:
    # A pledge of a specialty has no qualification to fall back on: it cannot be kept.
    op.execute("DELETE FROM pledges WHERE specialty IS NOT NULL")
    with op.batch_alter_table("pledges", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_pledges_qualification_or_specialty"), type_="check")
        batch_op.alter_column("qualification_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column("specialty")
