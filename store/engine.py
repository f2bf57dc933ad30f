"""The one place that opens the database.

``VEERKRACHT_DATABASE_URL`` selects the database; without it the embedded
default is one SQLite file, ``data/veerkracht.db`` under the project root.

SQLite needs care to be a safe multi-user store (see docs/deployment.md):

* every connection sets WAL (readers do not block the writer), a busy timeout
  (a writer waits for the lock instead of failing), ``foreign_keys=ON`` (off by
  default in SQLite, and cascading deletes depend on it), ``synchronous=NORMAL``
  (durable against a crashed process in WAL mode, far fewer fsyncs) and
  ``secure_delete=ON`` (deleted answers are overwritten, not left in free pages);
* write transactions start with ``BEGIN IMMEDIATE``. A deferred transaction
  that reads and then writes fails at once with "database is locked" when
  another connection committed in between, and the busy timeout does not help;
  taking the write lock at ``BEGIN`` makes writers queue instead. We take over
  ``BEGIN`` from the sqlite3 driver as SQLAlchemy documents for Python < 3.12
  (``isolation_level = None`` on the driver connection, our own ``BEGIN`` in the
  ``begin`` event). Read-only work uses ``reading()``, a plain deferred ``BEGIN``
  that never waits for writers.
* within one process, SQLite write transactions also queue, first come first
  served, on a lock of the engine. SQLite's busy handler does not queue
  waiters: it lets them sleep and retry (1, 2, 5 … 100 ms), so under many
  concurrent writers an unlucky one waited 14 s while others kept winning
  (bench/autosave.py). The queue hands the database over the moment it is
  free; the busy timeout still covers other processes.
"""

from __future__ import annotations

import os
import threading
import time
import weakref
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from store.errors import Busy, problem
from store.files import private_directory, private_file

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = PROJECT_ROOT / "data" / "veerkracht.db"
URL_VARIABLE = "VEERKRACHT_DATABASE_URL"
#: Milliseconds a SQLite writer waits for the write lock before giving up: the
#: in-process queue and SQLite's busy timeout together (see ``writing``).
BUSY_TIMEOUT_MS = 30_000
_READ_ONLY = "veerkracht_read_only"


def database_url() -> str:
    """The configured database URL: the environment variable, or the SQLite file under ``data/``."""
    return os.environ.get(URL_VARIABLE) or f"sqlite:///{DEFAULT_DATABASE}"


def make_engine(url: str | None = None, **options: Any) -> Engine:
    """An engine for ``url`` (default: ``database_url()``), set up for safe concurrent use.

    ``postgresql://`` URLs are given the psycopg 3 driver. Extra ``options``
    go to ``create_engine``.
    """
    parsed = make_url(url or database_url())
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        options.setdefault("pool_pre_ping", True)
        return create_engine(parsed, **options)
    if parsed.get_backend_name() != "sqlite":
        raise ValueError(f"unsupported database {parsed.drivername!r}: use sqlite or postgresql")
    if parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
        # The database holds personal data: 0600 in a 0700 folder (store/files.py).
        path = Path(parsed.database).absolute()
        private_directory(path.parent, tighten=path == DEFAULT_DATABASE)
        private_file(path)
    connect_args = dict(options.pop("connect_args", {}))
    connect_args.setdefault("check_same_thread", False)
    connect_args.setdefault("timeout", BUSY_TIMEOUT_MS / 1000)
    # SQLite connections are cheap file handles; a writer waits for its turn
    # holding one, so the pool must not be the bottleneck.
    options.setdefault("pool_size", 20)
    options.setdefault("max_overflow", 80)
    options.setdefault("pool_timeout", 60)
    engine = create_engine(parsed, connect_args=connect_args, **options)
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_begin)
    _write_locks[engine] = FairLock()
    return engine


class FairLock:
    """A lock granted in the order it was asked for.

    ``threading.Lock`` lets the thread that just released it take it straight
    back, so with dozens of busy writers some wait very long; here the
    releasing thread hands the lock to the longest waiter.
    """

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._waiters: deque[threading.Lock] = deque()
        self._held = False

    def acquire(self, timeout: float | None = None) -> bool:
        """Wait for the lock in turn; ``False`` when ``timeout`` seconds pass first (then not in the queue)."""
        with self._mutex:
            if not self._held:
                self._held = True
                return True
            turn = threading.Lock()
            turn.acquire()
            self._waiters.append(turn)
        if turn.acquire(timeout=-1 if timeout is None else max(timeout, 0)):
            return True  # released by the holder's release(): the lock is now ours
        with self._mutex:
            if turn in self._waiters:
                self._waiters.remove(turn)
                return False
        return True  # handed over just as the wait ended: ours after all

    def release(self) -> None:
        with self._mutex:
            if self._waiters:
                self._waiters.popleft().release()
            else:
                self._held = False

    def __enter__(self) -> None:
        self.acquire()

    def __exit__(self, *_exc: object) -> None:
        self.release()


#: One lock per SQLite engine, serialising its write transactions in this process.
_write_locks: weakref.WeakKeyDictionary[Engine, FairLock] = weakref.WeakKeyDictionary()


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # The driver must not emit BEGIN itself: _sqlite_begin does.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA secure_delete = ON")
    finally:
        cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    if connection.get_execution_options().get(_READ_ONLY):
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction (``BEGIN IMMEDIATE`` on SQLite), committed on success.

    Keep it short: on SQLite every other writer waits for it.

    On SQLite a writer waits at most ``BUSY_TIMEOUT_MS`` in all: the queue in
    this process and SQLite's busy timeout (other processes) share one
    deadline. With separate waits, the n-th writer queued behind a lock held
    by another process waited n × 30 s; now every one of them gets ``Busy``
    when the deadline passes, and nothing of theirs is written.
    """
    lock = _write_locks.get(engine)
    if lock is None:
        with engine.begin() as connection:
            yield connection
        return
    budget = BUSY_TIMEOUT_MS / 1000
    deadline = time.monotonic() + budget
    if not lock.acquire(timeout=budget):
        raise Busy(problem("store.busy", seconds=budget))
    try:
        with engine.connect() as connection:
            driver = connection.connection.driver_connection
            left_ms = max(1, int((deadline - time.monotonic()) * 1000))
            driver.execute(f"PRAGMA busy_timeout = {left_ms}")  # not through SQLAlchemy: no BEGIN yet
            try:
                with connection.begin():
                    yield connection
            except OperationalError as error:
                if "locked" in str(error.orig) or "busy" in str(error.orig):
                    raise Busy(problem("store.locked", seconds=budget)) from error
                raise
            finally:
                driver.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    finally:
        lock.release()


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """One read-only transaction: a consistent snapshot that never waits for a writer.

    On PostgreSQL that takes ``REPEATABLE READ`` (the default, ``READ
    COMMITTED``, gives every statement its own snapshot, and a document built
    from several queries could mix two states); read-only transactions at that
    level never fail with serialisation errors. SQLite transactions are
    snapshots already.
    """
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        connection.execution_options(**{_READ_ONLY: True})
        with connection.begin():
            yield connection
