"""plan lifecycle: draft, adopted, superseded, failed; one adopted plan per mission and kind

Revision ID: e8b2f4a6c1d3
Revises: f1a3c5e7b9d2
Create Date: 2026-12-06 05:30:00

Existing databases keep working: of each mission's plans of a kind, the newest sound one (a
usable status, nothing broken, something planned; for capacity, a sizing plan first) becomes
adopted, the sound ones before it superseded, the others failed. The rule is written out here,
not imported, so this revision reads the same whatever the code becomes.
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "e8b2f4a6c1d3"
down_revision: str | None = "f1a3c5e7b9d2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ADOPTED_ONLY = "state = 'adopted'"


def _sound(kind: str, status: str, summary: dict[str, Any]) -> bool:
    if status not in ("optimal", "feasible") or summary.get("violations"):
        return False
    if kind == "timetable":
        return int(summary.get("placed") or 0) > 0
    return True


def _states() -> list[tuple[int, str, Any]]:
    plans = sa.table(
        "plan_versions",
        sa.column("id", sa.Integer),
        sa.column("mission_id", sa.Integer),
        sa.column("kind", sa.String),
        sa.column("number", sa.Integer),
        sa.column("status", sa.String),
        sa.column("parameters", sa.JSON),
        sa.column("summary", sa.JSON),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    rows = op.get_bind().execute(
        sa.select(plans).order_by(plans.c.mission_id, plans.c.kind, plans.c.number.desc())
    )
    groups: dict[tuple[int, str], list[Any]] = {}
    for row in rows:
        groups.setdefault((row.mission_id, row.kind), []).append(row)
    states = []
    for (_, kind), newest_first in groups.items():
        sound = [r for r in newest_first if _sound(kind, r.status, r.summary or {})]
        sizing = [r for r in sound if (r.parameters or {}).get("mode", "sizing") == "sizing"]
        chosen = (sizing or sound or [None])[0]
        for r in newest_first:
            if r is chosen:
                states.append((r.id, "adopted", r.created_at))
            elif r in sound:
                states.append((r.id, "superseded", None))
            else:
                states.append((r.id, "failed", None))
    return states


def upgrade() -> None:
    with op.batch_alter_table("plan_versions") as batch:
        batch.add_column(
            sa.Column("state", sa.String(length=12), server_default="draft", nullable=False)
        )
        batch.add_column(sa.Column("adopted_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("adopted_by", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("forced_reason", sa.Text(), nullable=True))
        batch.create_check_constraint(
            "known_state", "state IN ('draft', 'adopted', 'superseded', 'failed')"
        )
    plans = sa.table(
        "plan_versions",
        sa.column("id", sa.Integer),
        sa.column("state", sa.String),
        sa.column("adopted_at", sa.DateTime(timezone=True)),
        sa.column("adopted_by", sa.String),
    )
    for key, state, at in _states():
        values: dict[str, Any] = {"state": state}
        if state == "adopted":
            values |= {"adopted_at": at, "adopted_by": "migration: newest sound plan"}
        op.execute(plans.update().where(plans.c.id == key).values(**values))
    op.create_index(
        "ix_plan_versions_one_adopted",
        "plan_versions",
        ["mission_id", "kind"],
        unique=True,
        sqlite_where=sa.text(ADOPTED_ONLY),
        postgresql_where=sa.text(ADOPTED_ONLY),
    )


def downgrade() -> None:
    op.drop_index("ix_plan_versions_one_adopted", table_name="plan_versions")
    with op.batch_alter_table("plan_versions") as batch:
        batch.drop_constraint("known_state", type_="check")
        batch.drop_column("forced_reason")
        batch.drop_column("adopted_by")
        batch.drop_column("adopted_at")
        batch.drop_column("state")
