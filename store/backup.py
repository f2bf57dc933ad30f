"""A consistent copy of the database while the app keeps writing.

SQLite: the online backup API copies the whole database in one step inside a
read transaction; in WAL mode that snapshot does not block writers, and
writes made during the copy are simply not in it. (Copying in several steps
would restart whenever another connection writes, possibly forever.) The copy
is written beside the target and renamed into place, checked with
``PRAGMA integrity_check``, and switched to a plain rollback journal so it is
one self-contained file, readable by its owner only (0600).

PostgreSQL: use ``pg_dump`` (``postgres_backup_command``); a dump is the
consistent, version-portable copy there.
"""

from __future__ import annotations

import os
import shlex
import sqlite3
from pathlib import Path

from sqlalchemy import Engine

from store.errors import InvalidInput, problem
from store.files import private_file


def backup_sqlite(engine: Engine, target: str | os.PathLike[str]) -> Path:
    """Write a consistent copy of the SQLite database to ``target`` (which must not exist)."""
    if engine.dialect.name != "sqlite":
        raise InvalidInput(problem("store.backup_needs_sqlite"))
    source_path = engine.url.database
    if not source_path or source_path == ":memory:":
        raise InvalidInput(problem("store.backup_not_a_file"))
    destination = Path(target)
    if destination.exists():
        raise InvalidInput(problem("store.backup_exists", path=str(destination)))
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(source_path, timeout=30)
    try:
        private_file(partial)  # 0600 before SQLite writes a byte: a backup holds personal data
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
            result = copy.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            copy.close()
    finally:
        source.close()
    if result != "ok":
        partial.unlink(missing_ok=True)
        raise RuntimeError(f"the backup failed its integrity check: {result}")
    os.replace(partial, destination)
    return destination


def postgres_backup_command(engine: Engine, target: str) -> str:
    """The ``pg_dump`` command line that backs up this PostgreSQL database (password left out)."""
    url = engine.url.set(drivername="postgresql")
    options = url.query.get("options")
    url = url.difference_update_query(["options"])
    schema = ""
    if isinstance(options, str) and options.startswith("-csearch_path="):
        schema = f" --schema={shlex.quote(options.removeprefix('-csearch_path=').split(',')[0])}"
    conninfo = url.render_as_string(hide_password=True).replace(":***@", "@")
    return f"pg_dump --format=custom{schema} --file={shlex.quote(target)} {shlex.quote(conninfo)}"
