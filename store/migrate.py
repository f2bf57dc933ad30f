"""Apply the Alembic migrations to a database: ``veerkracht db upgrade`` and app start-up.

Idempotent: a database at the newest revision is left alone, so every app
instance may call ``upgrade`` when it starts.
"""

from __future__ import annotations

import time
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


#: Tries of an upgrade that SQLite refused at once as "locked" (see ``upgrade``).
UPGRADE_ATTEMPTS = 5
#: A refusal faster than this came without SQLite's busy wait, so it is worth another try.
_PROMPT_REFUSAL_S = 1.0


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to the newest schema (or to ``revision``, for tests of a migration).

    Several instances starting at once on one SQLite file wait for each other
    through the busy timeout, but SQLite answers some lock conflicts of a file
    being opened or closed by another process (its WAL being set up or
    checkpointed) with "database is locked" at once, without waiting. Such a
    prompt refusal is tried again a few times: a migration runs in one
    transaction and an upgrade is idempotent, so a retry finishes the work or
    finds it done. A lock held longer than the busy timeout still fails once.
    """
    for attempt in range(1, UPGRADE_ATTEMPTS + 1):
        started = time.monotonic()
        try:
            _upgrade_once(engine, revision)
            return
        except OperationalError as error:
            prompt = time.monotonic() - started < _PROMPT_REFUSAL_S
            locked = engine.dialect.name == "sqlite" and "locked" in str(error.orig)
            if not (locked and prompt) or attempt == UPGRADE_ATTEMPTS:
                raise
            time.sleep(0.1 * attempt)


def _upgrade_once(engine: Engine, revision: str) -> None:
    """One try of ``upgrade``.

    On SQLite, foreign keys are switched off while migrating: batch mode
    rebuilds a table by copying it and dropping the old one, and with foreign
    keys on, that drop would cascade and delete every child row. Afterwards
    ``PRAGMA foreign_key_check`` must find nothing, or the upgrade fails.
    """
    config = alembic_config()
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        driver = connection.connection.driver_connection
        if sqlite:
            driver.execute("PRAGMA foreign_keys = OFF")  # outside any transaction, or it is ignored
        try:
            config.attributes["connection"] = connection
            before = MigrationContext.configure(connection).get_current_revision()
            connection.rollback()  # no transaction open: Alembic's own commits the migration
            command.upgrade(config, revision)
            if sqlite:
                broken = driver.execute("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration left broken foreign keys: {broken[:5]}")
                moved = before != MigrationContext.configure(connection).get_current_revision()
                connection.rollback()  # end the read above: VACUUM runs outside any transaction
                if moved:
                    _return_free_space(driver)
        finally:
            if sqlite:
                # Never hand a connection with foreign keys off back to the pool:
                # discard it, and the next one is set up by the connect event.
                connection.invalidate()


def _return_free_space(driver: object) -> None:
    """After a migration freed most of a SQLite file (0005 moved every questionnaire copy out),
    give the space back with ``VACUUM``; a file in use elsewhere keeps it until the next upgrade."""
    pages = driver.execute("PRAGMA page_count").fetchone()[0]
    free = driver.execute("PRAGMA freelist_count").fetchone()[0]
    if free > 1000 and free * 2 > pages:
        try:
            driver.execute("VACUUM")
        except Exception:  # noqa: BLE001 - busy: another connection reads; the space stays free, nothing is lost
            pass
