"""record names by language: sites, courses and trainers carry their name in other languages

Revision ID: c9e1a3f5b7d2
Revises: e2a4c6b8d0f1
Create Date: 2026-12-06 23:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c9e1a3f5b7d2"
down_revision: str | None = "e2a4c6b8d0f1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("sites", "courses", "trainers")


def upgrade() -> None:
    # Every record stored before keeps its English name only: an empty mapping.
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("names", sa.JSON(), server_default="{}", nullable=False))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("names")
