"""certificate tokens (the QR code's 256 random bits), refresher courses and renewals

Revision ID: a93d5e17c402
Revises: 5b9e3d71c4a8
Create Date: 2026-12-06 19:47:50
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a93d5e17c402"
down_revision: str | None = "5b9e3d71c4a8"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _certificate_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["certificate_id"],
        ["training_certificates.id"],
        name=op.f(f"fk_{table}_certificate_id_training_certificates"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "training_refreshers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("course", sa.String(length=64), nullable=False),
        sa.Column("refresher", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["missions.id"],
            name=op.f("fk_training_refreshers_mission_id_missions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_refreshers")),
        sa.UniqueConstraint("mission_id", "course", "refresher", name="uq_training_refreshers"),
    )
    op.create_table(
        "training_certificate_renewals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("certificate_id", sa.Integer(), nullable=False),
        sa.Column("run", sa.String(length=64), nullable=False),
        sa.Column("renewed_on", sa.Date(), nullable=False),
        sa.Column("previous_expiry", sa.Date(), nullable=True),
        sa.Column("expires", sa.Date(), nullable=True),
        _certificate_fk("training_certificate_renewals"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_certificate_renewals")),
        sa.UniqueConstraint("certificate_id", "run", name="uq_training_certificate_renewals"),
    )
    with op.batch_alter_table("training_certificate_renewals", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_certificate_renewals_certificate_id"),
            ["certificate_id"],
            unique=False,
        )
    op.create_table(
        "training_certificate_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("certificate_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _certificate_fk("training_certificate_tokens"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_certificate_tokens")),
        sa.UniqueConstraint(
            "certificate_id", name=op.f("uq_training_certificate_tokens_certificate_id")
        ),
        sa.UniqueConstraint("token", name=op.f("uq_training_certificate_tokens_token")),
    )


def downgrade() -> None:
    op.drop_table("training_certificate_tokens")
    with op.batch_alter_table("training_certificate_renewals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_certificate_renewals_certificate_id"))
    op.drop_table("training_certificate_renewals")
    op.drop_table("training_refreshers")
