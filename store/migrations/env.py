"""Alembic environment: runs migrations on the connection ``store.migrate`` hands over.

Batch mode is on for SQLite (it cannot ``ALTER`` most things, so Alembic
rebuilds the table). On PostgreSQL a transaction-level advisory lock makes
several app instances starting at once apply each migration exactly once; on
SQLite ``BEGIN IMMEDIATE`` does the same.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from store.engine import make_engine
from store.schema import metadata

#: Any constant: the key of the advisory lock that serialises migrations.
MIGRATION_LOCK_KEY = 746_515_093


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:  # the plain ``alembic`` command line, for writing new migrations
    engine = make_engine()
    with engine.connect() as fresh:
        _run(fresh)
    engine.dispose()
