"""Storage: SQLAlchemy 2 tables, sessions and Alembic migrations, on SQLite or PostgreSQL."""
