"""Alembic environment: runs on the engine Cadre hands over, or on the URL of the settings."""

from __future__ import annotations

from alembic import context

from cadre.storage import (
    coordination,  # noqa: F401  (the coordination register)
    force_models,  # noqa: F401  (its tables join Base.metadata)
    people,  # noqa: F401  (calendar subscriptions, trainee accounts)
    service_models,  # noqa: F401  (users, labels, audit, jobs)
    training,  # noqa: F401  (trainees, enrolments, results, certificates)
    training_certificates,  # noqa: F401  (certificate tokens, refreshers, renewals)
    training_pathway,  # noqa: F401  (the pathway, seats abroad, the xAPI outbox)
)
from cadre.storage.database import make_engine
from cadre.storage.models import Base

config = context.config
engine = config.attributes.get("engine") or make_engine()

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
