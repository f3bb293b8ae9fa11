"""certificates by run: the course director's roster reads a run's certificates

Revision ID: c5e7a9b1d3f6
Revises: 8d758639012e
Create Date: 2026-12-06 23:10:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "c5e7a9b1d3f6"
down_revision: str | None = "8d758639012e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_training_certificates_run", "training_certificates", ["mission_id", "run"])


def downgrade() -> None:
    op.drop_index("ix_training_certificates_run", table_name="training_certificates")
