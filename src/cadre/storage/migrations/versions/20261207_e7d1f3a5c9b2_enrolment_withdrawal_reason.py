"""enrolment withdrawal reason: why a trainee left a run, kept on the enrolment itself

Revision ID: e7d1f3a5c9b2
Revises: a3b5c7d9e1f2
Create Date: 2026-12-07 03:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e7d1f3a5c9b2"
down_revision: str | None = "a3b5c7d9e1f2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable: the withdrawals made so far have their reason in the audit trail only.
    with op.batch_alter_table("training_enrolments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("withdrawal_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("training_enrolments", schema=None) as batch_op:
        batch_op.drop_column("withdrawal_reason")
