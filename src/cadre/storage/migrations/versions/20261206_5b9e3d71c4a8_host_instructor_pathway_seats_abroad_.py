"""host instructor pathway, seats abroad, xAPI outbox

Revision ID: 5b9e3d71c4a8
Revises: e7c2b9d4a1f6
Create Date: 2026-12-06 19:52:59.817202
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5b9e3d71c4a8"
down_revision: str | None = "e7c2b9d4a1f6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "training_abroad_seats",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("course", sa.String(length=64), nullable=False),
        sa.Column("nation", sa.String(length=64), nullable=False),
        sa.Column("school", sa.String(length=200), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("seats", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("travel_days", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["missions.id"],
            name=op.f("fk_training_abroad_seats_mission_id_missions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_abroad_seats")),
        sa.UniqueConstraint("mission_id", "code", name="uq_training_abroad_seats"),
    )
    with op.batch_alter_table("training_abroad_seats", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_abroad_seats_mission_id"), ["mission_id"], unique=False
        )

    op.create_table(
        "training_run_ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("run", sa.String(length=64), nullable=False),
        sa.Column("trainer", sa.String(length=64), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("supervisor", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["missions.id"],
            name=op.f("fk_training_run_ratings_mission_id_missions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_run_ratings")),
        sa.UniqueConstraint("mission_id", "run", "trainer", name="uq_training_ratings"),
    )
    with op.batch_alter_table("training_run_ratings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_run_ratings_mission_id"), ["mission_id"], unique=False
        )

    op.create_table(
        "training_runs_led",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("run", sa.String(length=64), nullable=False),
        sa.Column("site", sa.String(length=64), nullable=False),
        sa.Column("discipline", sa.String(length=64), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("lead", sa.String(length=64), nullable=False),
        sa.Column("lead_nation", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["missions.id"],
            name=op.f("fk_training_runs_led_mission_id_missions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_runs_led")),
        sa.UniqueConstraint("mission_id", "run", name="uq_training_runs_led"),
    )
    with op.batch_alter_table("training_runs_led", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_runs_led_mission_id"), ["mission_id"], unique=False
        )

    op.create_table(
        "training_xapi_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("statement_id", sa.String(length=36), nullable=False),
        sa.Column("verb", sa.String(length=16), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("queued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["missions.id"],
            name=op.f("fk_training_xapi_outbox_mission_id_missions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_xapi_outbox")),
        sa.UniqueConstraint("statement_id", name="uq_training_xapi_outbox"),
    )
    with op.batch_alter_table("training_xapi_outbox", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_xapi_outbox_mission_id"), ["mission_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_xapi_outbox_sent_at"), ["sent_at"], unique=False
        )

    op.create_table(
        "training_abroad_nominations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seat_id", sa.Integer(), nullable=False),
        sa.Column("trainee_id", sa.Integer(), nullable=False),
        sa.Column("standing", sa.String(length=12), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("assessed_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["seat_id"],
            ["training_abroad_seats.id"],
            name=op.f("fk_training_abroad_nominations_seat_id_training_abroad_seats"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["trainee_id"],
            ["training_trainees.id"],
            name=op.f("fk_training_abroad_nominations_trainee_id_training_trainees"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_abroad_nominations")),
        sa.UniqueConstraint("seat_id", "trainee_id", name="uq_training_nominations"),
    )
    with op.batch_alter_table("training_abroad_nominations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_abroad_nominations_seat_id"), ["seat_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_abroad_nominations_trainee_id"), ["trainee_id"], unique=False
        )

    op.create_table(
        "training_pathway_people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("trainee_id", sa.Integer(), nullable=False),
        sa.Column("trainer", sa.String(length=64), nullable=False),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["missions.id"],
            name=op.f("fk_training_pathway_people_mission_id_missions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["trainee_id"],
            ["training_trainees.id"],
            name=op.f("fk_training_pathway_people_trainee_id_training_trainees"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_pathway_people")),
        sa.UniqueConstraint("mission_id", "trainer", name="uq_training_pathway_people"),
    )
    with op.batch_alter_table("training_pathway_people", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_pathway_people_mission_id"), ["mission_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_pathway_people_trainee_id"), ["trainee_id"], unique=False
        )

    op.create_table(
        "training_rung_assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("trainee_id", sa.Integer(), nullable=False),
        sa.Column("discipline", sa.String(length=64), nullable=False),
        sa.Column("level", sa.String(length=24), nullable=False),
        sa.Column("passed", sa.Boolean(), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("assessor", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["missions.id"],
            name=op.f("fk_training_rung_assessments_mission_id_missions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["trainee_id"],
            ["training_trainees.id"],
            name=op.f("fk_training_rung_assessments_trainee_id_training_trainees"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_rung_assessments")),
    )
    with op.batch_alter_table("training_rung_assessments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_rung_assessments_mission_id"), ["mission_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_rung_assessments_trainee_id"), ["trainee_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("training_rung_assessments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_rung_assessments_trainee_id"))
        batch_op.drop_index(batch_op.f("ix_training_rung_assessments_mission_id"))

    op.drop_table("training_rung_assessments")
    with op.batch_alter_table("training_pathway_people", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_pathway_people_trainee_id"))
        batch_op.drop_index(batch_op.f("ix_training_pathway_people_mission_id"))

    op.drop_table("training_pathway_people")
    with op.batch_alter_table("training_abroad_nominations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_abroad_nominations_trainee_id"))
        batch_op.drop_index(batch_op.f("ix_training_abroad_nominations_seat_id"))

    op.drop_table("training_abroad_nominations")
    with op.batch_alter_table("training_xapi_outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_xapi_outbox_sent_at"))
        batch_op.drop_index(batch_op.f("ix_training_xapi_outbox_mission_id"))

    op.drop_table("training_xapi_outbox")
    with op.batch_alter_table("training_runs_led", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_runs_led_mission_id"))

    op.drop_table("training_runs_led")
    with op.batch_alter_table("training_run_ratings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_run_ratings_mission_id"))

    op.drop_table("training_run_ratings")
    with op.batch_alter_table("training_abroad_seats", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_abroad_seats_mission_id"))

    op.drop_table("training_abroad_seats")
