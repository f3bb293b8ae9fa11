"""offers may be queried: a pending state between offered and decided

Revision ID: d5a7c9e1f3b5
Revises: c9e1a3f5b7d2
Create Date: 2026-12-06 23:10:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "d5a7c9e1f3b5"
down_revision: str | None = "c9e1a3f5b7d2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = "ck_force_offers_known_state"
STATES = ("offered", "queried", "accepted", "declined", "withdrawn")


def _check(states: Sequence[str]) -> str:
    return "state IN (" + ", ".join(f"'{s}'" for s in states) + ")"


def upgrade() -> None:
    with op.batch_alter_table("force_offers") as batch:
        batch.drop_constraint(op.f(NAME), type_="check")
        batch.create_check_constraint(op.f(NAME), _check(STATES))


def downgrade() -> None:
    # A queried offer goes back to offered: the state it is pending in without queries.
    op.execute("UPDATE force_offers SET state = 'offered' WHERE state = 'queried'")
    with op.batch_alter_table("force_offers") as batch:
        batch.drop_constraint(op.f(NAME), type_="check")
        batch.create_check_constraint(op.f(NAME), _check([s for s in STATES if s != "queried"]))
