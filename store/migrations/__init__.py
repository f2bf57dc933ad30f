"""Alembic migrations of the store (run through ``store.migrate``)."""
