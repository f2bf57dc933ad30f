"""The engine's connection set-up, write locking and migrations, on both backends."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, func, insert, select

from store.engine import DEFAULT_DATABASE, database_url, make_engine, reading, writing
from store.migrate import current_revision, head_revision, upgrade
from store.schema import metadata, users


def test_sqlite_connections_get_every_pragma(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'sub' / 'x.db'}")
    with engine.connect() as connection:
        pragma = {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "foreign_keys", "synchronous", "secure_delete", "busy_timeout")
        }
    engine.dispose()
    # synchronous 1 = NORMAL
    assert pragma == {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "synchronous": 1,
        "secure_delete": 1,
        "busy_timeout": 30000,
    }
    assert (tmp_path / "sub").is_dir()


def test_default_url_is_the_file_under_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VEERKRACHT_DATABASE_URL", raising=False)
    assert database_url() == f"sqlite:///{DEFAULT_DATABASE}"
    assert DEFAULT_DATABASE.parent.name == "data"
    monkeypatch.setenv("VEERKRACHT_DATABASE_URL", "postgresql://u@h/db")
    engine = make_engine()
    assert engine.url.drivername == "postgresql+psycopg"
    engine.dispose()


def test_migrations_are_idempotent_and_match_the_tables(engine: Engine) -> None:
    upgrade(engine)
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []


def test_migrating_sqlite_keeps_foreign_keys_on_in_the_pool(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}", pool_size=1, max_overflow=0)
    upgrade(engine)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_read_then_write_transactions_queue_instead_of_failing(engine: Engine) -> None:
    """The pattern that fails with "database is locked" under deferred BEGIN."""
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def work(number: int) -> None:
        try:
            barrier.wait()
            for round_ in range(10):
                with writing(engine) as connection:
                    connection.execute(select(func.count()).select_from(users)).scalar_one()
                    connection.execute(
                        insert(users).values(
                            email=f"u{number}-{round_}@example.org",
                            password_hash="x",
                            demo=False,
                            created_at=func.now(),
                        )
                    )
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with reading(engine) as connection:
        assert connection.execute(select(func.count()).select_from(users)).scalar_one() == 80


def test_instances_starting_together_migrate_once(empty_database_url: str) -> None:
    """Five app instances (processes) start at once on an empty database: none fails.

    On SQLite this once failed about one start in 150 ("table … already exists") while Alembic
    committed after each migration; the upgrade is one transaction now (store/migrations/env.py)."""
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "VEERKRACHT_DATABASE_URL": empty_database_url, "PYTHONPATH": str(root)}
    starts = [
        subprocess.Popen(
            [sys.executable, "-c", "from cli import main; raise SystemExit(main(['db', 'upgrade']))"],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(5)
    ]
    outcomes = [(process.wait(timeout=120), process.communicate()) for process in starts]
    assert [(code, err) for code, (_, err) in outcomes] == [(0, "")] * 5
    engine = make_engine(empty_database_url)
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), metadata) == []
    engine.dispose()


def test_an_upgrade_refused_at_once_as_locked_is_tried_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite can refuse a connection "locked" without its busy wait while another process opens or
    closes the file; start-up tries such a prompt refusal again, but not a lock held for long."""
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from store import migrate

    engine = make_engine(f"sqlite:///{tmp_path / 'retry.db'}")
    real, calls = migrate._upgrade_once, []

    def flaky(engine: Engine, revision: str) -> None:
        calls.append(revision)
        if len(calls) < 3:
            raise OperationalError("PRAGMA journal_mode = WAL", {}, sqlite3.OperationalError("database is locked"))
        real(engine, revision)

    monkeypatch.setattr(migrate, "_upgrade_once", flaky)
    upgrade(engine)
    assert len(calls) == 3 and current_revision(engine) == head_revision()

    # A refusal after the busy timeout ran out is not hidden: it fails the first time.
    clock = iter(range(0, 1000, 60))
    monkeypatch.setattr(migrate.time, "monotonic", lambda: next(clock))
    calls.clear()

    def held(engine: Engine, revision: str) -> None:
        calls.append(revision)
        raise OperationalError("BEGIN IMMEDIATE", {}, sqlite3.OperationalError("database is locked"))

    monkeypatch.setattr(migrate, "_upgrade_once", held)
    with pytest.raises(OperationalError):
        upgrade(engine)
    assert len(calls) == 1
    engine.dispose()


def test_reads_are_one_snapshot_and_read_only(engine: Engine) -> None:
    with reading(engine) as connection:
        first = connection.execute(select(func.count()).select_from(users)).scalar_one()
        with writing(engine) as other:  # another connection commits meanwhile
            other.execute(
                insert(users).values(email="x@example.org", password_hash="x", demo=False, created_at=func.now())
            )
        assert connection.execute(select(func.count()).select_from(users)).scalar_one() == first
    with reading(engine) as connection:
        assert connection.execute(select(func.count()).select_from(users)).scalar_one() == first + 1
    if engine.dialect.name == "postgresql":
        from sqlalchemy.exc import InternalError

        with pytest.raises(InternalError, match="read-only transaction"), reading(engine) as connection:
            connection.execute(
                insert(users).values(email="y@example.org", password_hash="x", demo=False, created_at=func.now())
            )
