"""demand calendar: a demand may be for a quarter or a month, and an intake of entrants

Revision ID: c3d5e7f9a1b2
Revises: d5a7c9e1f3b5
Create Date: 2026-12-07 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c3d5e7f9a1b2"
down_revision: str | None = "d5a7c9e1f3b5"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("demands", schema=None) as batch_op:
        batch_op.add_column(sa.Column("quarter", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("month", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("intake", sa.Integer(), server_default="0", nullable=False))
        batch_op.drop_constraint(op.f("ck_demands_positive"), type_="check")
        batch_op.create_check_constraint(
            op.f("ck_demands_positive"),
            "trained >= 0 AND intake >= 0 AND (trained > 0) <> (intake > 0)",
        )
        batch_op.create_check_constraint(
            op.f("ck_demands_one_period"),
            "(quarter IS NULL OR month IS NULL)"
            " AND (quarter IS NULL OR quarter BETWEEN 1 AND 4)"
            " AND (month IS NULL OR month BETWEEN 1 AND 12)",
        )


def downgrade() -> None:
    # An intake, or a demand for part of a year, has no yearly graduates to fall back on.
    op.execute("DELETE FROM demands WHERE intake > 0 OR quarter IS NOT NULL OR month IS NOT NULL")
    with op.batch_alter_table("demands", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_demands_one_period"), type_="check")
        batch_op.drop_constraint(op.f("ck_demands_positive"), type_="check")
        batch_op.create_check_constraint(op.f("ck_demands_positive"), "trained > 0")
        batch_op.drop_column("intake")
        batch_op.drop_column("month")
        batch_op.drop_column("quarter")
