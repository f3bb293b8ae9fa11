"""calendar feeds and trainee accounts: private calendar subscriptions (token digests) and
which account is which trainee

Revision ID: 8d758639012e
Revises: b4d6f8a0c2e4
Create Date: 2026-12-06 23:04:08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "8d758639012e"
down_revision: str | None = "b4d6f8a0c2e4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "calendar_feeds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["missions.id"],
            name=op.f("fk_calendar_feeds_mission_id_missions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_feeds")),
        sa.UniqueConstraint("digest", name=op.f("uq_calendar_feeds_digest")),
    )
    with op.batch_alter_table("calendar_feeds", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_calendar_feeds_mission_id"), ["mission_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_calendar_feeds_username"), ["username"], unique=False)

    op.create_table(
        "trainee_accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("trainee_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["missions.id"],
            name=op.f("fk_trainee_accounts_mission_id_missions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["trainee_id"],
            ["training_trainees.id"],
            name=op.f("fk_trainee_accounts_trainee_id_training_trainees"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trainee_accounts")),
        sa.UniqueConstraint("mission_id", "username", name="uq_trainee_accounts"),
    )
    with op.batch_alter_table("trainee_accounts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_trainee_accounts_trainee_id"), ["trainee_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("trainee_accounts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_trainee_accounts_trainee_id"))

    op.drop_table("trainee_accounts")
    with op.batch_alter_table("calendar_feeds", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calendar_feeds_username"))
        batch_op.drop_index(batch_op.f("ix_calendar_feeds_mission_id"))

    op.drop_table("calendar_feeds")
