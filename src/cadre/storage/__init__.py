"""Storage: SQLAlchemy 2 tables, sessions and Alembic migrations, on SQLite or PostgreSQL."""

# The service's tables join Base.metadata with the package, so every comparison of the models
# with the migrated database sees them, whichever module a caller imported first.
from cadre.storage import (
    people,  # noqa: F401  (calendar subscriptions, trainee accounts)
    service_models,  # noqa: F401
    training,  # noqa: F401  (the training records' tables)
    training_pathway,  # noqa: F401  (the pathway, seats abroad, the xAPI outbox)
)
