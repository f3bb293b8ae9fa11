"""job message codes: a job's progress message and error as a code and its values too

Revision ID: a3b5c7d9e1f2
Revises: c3d5e7f9a1b2
Create Date: 2026-12-07 02:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a3b5c7d9e1f2"
down_revision: str | None = "c3d5e7f9a1b2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable: the jobs kept so far have only their English sentences, shown as they are.
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("message_code", sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column("message_params", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("error_code", sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column("error_params", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_column("error_params")
        batch_op.drop_column("error_code")
        batch_op.drop_column("message_params")
        batch_op.drop_column("message_code")
