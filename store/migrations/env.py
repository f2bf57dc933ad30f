"""Alembic environment: runs migrations on the connection ``store.migrate`` hands over.

Batch mode is on for SQLite (it cannot ``ALTER`` most things, so Alembic
rebuilds the table), and the whole upgrade is one transaction on both
databases. On PostgreSQL a transaction-level advisory lock makes several app
instances starting at once apply each migration exactly once; on SQLite
``BEGIN IMMEDIATE`` does the same.
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
        # One transaction for the whole upgrade on SQLite too. Alembic assumes SQLite cannot roll
        # back DDL (true of the driver's own transaction handling, which store.engine switches off
        # for an explicit BEGIN IMMEDIATE) and would commit after every migration: between two
        # commits another instance starting at the same time could take the lock, read a
        # half-migrated version and run a migration twice ("table … already exists").
        transactional_ddl=True,
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
