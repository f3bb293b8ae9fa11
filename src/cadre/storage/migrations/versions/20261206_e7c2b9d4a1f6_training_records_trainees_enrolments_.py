"""training records: trainees, likely duplicates, course rules, enrolments, attendance,
certificates and the accounts that teach as trainers

Revision ID: e7c2b9d4a1f6
Revises: e8b2f4a6c1d3
Create Date: 2026-12-06 05:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e7c2b9d4a1f6"
down_revision: str | None = "e8b2f4a6c1d3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "training_course_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("course", sa.String(length=64), nullable=False),
        sa.Column("pass_mark", sa.Float(), nullable=False),
        sa.Column("attendance", sa.Float(), nullable=False),
        sa.Column("language_level", sa.Integer(), nullable=False),
        sa.Column("validity_months", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["missions.id"],
            name=op.f("fk_training_course_rules_mission_id_missions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_course_rules")),
        sa.UniqueConstraint("mission_id", "course", name="uq_training_course_rules"),
    )
    op.create_table(
        "training_teachers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("trainer", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["missions.id"],
            name=op.f("fk_training_teachers_mission_id_missions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_teachers")),
        sa.UniqueConstraint("mission_id", "username", name="uq_training_teachers"),
    )
    op.create_table(
        "training_trainees",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("service", sa.String(length=16), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("arabic", sa.String(length=200), nullable=False),
        sa.Column("latin", sa.String(length=200), nullable=False),
        sa.Column("search_key", sa.Text(), nullable=False),
        sa.Column("sound", sa.String(length=200), nullable=False),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("rank", sa.String(length=8), nullable=False),
        sa.Column("unit", sa.String(length=200), nullable=False),
        sa.Column("governorate", sa.String(length=8), nullable=False),
        sa.Column("vetting_status", sa.String(length=12), nullable=False),
        sa.Column("vetting_decided", sa.Date(), nullable=True),
        sa.Column("vetting_authority", sa.String(length=200), nullable=False),
        sa.Column("vetting_until", sa.Date(), nullable=True),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["missions.id"],
            name=op.f("fk_training_trainees_mission_id_missions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_trainees")),
        sa.UniqueConstraint("mission_id", "service", "number", name="uq_training_trainees_number"),
    )
    with op.batch_alter_table("training_trainees", schema=None) as batch_op:
        batch_op.create_index("ix_training_trainees_sound", ["mission_id", "sound"], unique=False)

    op.create_table(
        "training_certificates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("trainee_id", sa.Integer(), nullable=False),
        sa.Column("course", sa.String(length=64), nullable=False),
        sa.Column("run", sa.String(length=64), nullable=False),
        sa.Column("site", sa.String(length=64), nullable=False),
        sa.Column("discipline", sa.String(length=64), nullable=False),
        sa.Column("issued", sa.Date(), nullable=False),
        sa.Column("expires", sa.Date(), nullable=True),
        sa.Column("revoked_on", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["missions.id"],
            name=op.f("fk_training_certificates_mission_id_missions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["trainee_id"],
            ["training_trainees.id"],
            name=op.f("fk_training_certificates_trainee_id_training_trainees"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_certificates")),
        sa.UniqueConstraint("mission_id", "number", name="uq_training_certificates_number"),
    )
    with op.batch_alter_table("training_certificates", schema=None) as batch_op:
        batch_op.create_index(
            "ix_training_certificates_expiry", ["mission_id", "expires"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_certificates_trainee_id"), ["trainee_id"], unique=False
        )

    op.create_table(
        "training_duplicates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("first_id", sa.Integer(), nullable=False),
        sa.Column("second_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("dismissed", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["first_id"],
            ["training_trainees.id"],
            name=op.f("fk_training_duplicates_first_id_training_trainees"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["missions.id"],
            name=op.f("fk_training_duplicates_mission_id_missions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["second_id"],
            ["training_trainees.id"],
            name=op.f("fk_training_duplicates_second_id_training_trainees"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_duplicates")),
        sa.UniqueConstraint("first_id", "second_id", name="uq_training_duplicates"),
    )
    with op.batch_alter_table("training_duplicates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_duplicates_first_id"), ["first_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_duplicates_mission_id"), ["mission_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_training_duplicates_second_id"), ["second_id"], unique=False
        )

    op.create_table(
        "training_enrolments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_id", sa.Integer(), nullable=False),
        sa.Column("trainee_id", sa.Integer(), nullable=False),
        sa.Column("run", sa.String(length=64), nullable=False),
        sa.Column("course", sa.String(length=64), nullable=False),
        sa.Column("site", sa.String(length=64), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("standing", sa.String(length=12), nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("assessed_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["missions.id"],
            name=op.f("fk_training_enrolments_mission_id_missions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["trainee_id"],
            ["training_trainees.id"],
            name=op.f("fk_training_enrolments_trainee_id_training_trainees"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_enrolments")),
        sa.UniqueConstraint("trainee_id", "run", name="uq_training_enrolments_seat"),
    )
    with op.batch_alter_table("training_enrolments", schema=None) as batch_op:
        batch_op.create_index("ix_training_enrolments_run", ["mission_id", "run"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_training_enrolments_trainee_id"), ["trainee_id"], unique=False
        )

    op.create_table(
        "training_attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("enrolment_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("mark", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(
            ["enrolment_id"],
            ["training_enrolments.id"],
            name=op.f("fk_training_attendance_enrolment_id_training_enrolments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_attendance")),
        sa.UniqueConstraint("enrolment_id", "day", name="uq_training_attendance_day"),
    )
    with op.batch_alter_table("training_attendance", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_attendance_enrolment_id"), ["enrolment_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("training_attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_attendance_enrolment_id"))

    op.drop_table("training_attendance")
    with op.batch_alter_table("training_enrolments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_enrolments_trainee_id"))
        batch_op.drop_index("ix_training_enrolments_run")

    op.drop_table("training_enrolments")
    with op.batch_alter_table("training_duplicates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_duplicates_second_id"))
        batch_op.drop_index(batch_op.f("ix_training_duplicates_mission_id"))
        batch_op.drop_index(batch_op.f("ix_training_duplicates_first_id"))

    op.drop_table("training_duplicates")
    with op.batch_alter_table("training_certificates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_certificates_trainee_id"))
        batch_op.drop_index("ix_training_certificates_expiry")

    op.drop_table("training_certificates")
    with op.batch_alter_table("training_trainees", schema=None) as batch_op:
        batch_op.drop_index("ix_training_trainees_sound")

    op.drop_table("training_trainees")
    op.drop_table("training_teachers")
    op.drop_table("training_course_rules")
