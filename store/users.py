"""Consultants: accounts with argon2id password hashes.

Only the hash is stored (argon2-cffi's encoded form carries its own salt and
parameters, so raising the cost later rehashes on the next sign-in).

Each argon2 check takes 64 MiB for its duration. Unbounded, 16 simultaneous
sign-ins took the app from 196 MB to 1158 MB, so at most
``MAX_CONCURRENT_CHECKS`` run at once per process; the others wait their turn
(at most ``CHECK_WAIT_S``, then ``PasswordChecksBusy``). Throttling of repeated
attempts is in ``store.signin``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, Row, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from store._util import as_utc, utcnow
from store.engine import reading, writing
from store.errors import InvalidInput, NotFound, StoreError, problem
from store.records import User
from store.schema import users

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024
_hasher = PasswordHasher()
#: argon2 hashes or checks running at once in this process (each holds 64 MiB).
MAX_CONCURRENT_CHECKS = 2
#: Seconds a sign-in waits for a free check before it is told to try again.
CHECK_WAIT_S = 20
_checks = threading.BoundedSemaphore(MAX_CONCURRENT_CHECKS)


class PasswordChecksBusy(StoreError):
    """Every password check slot stayed busy for ``CHECK_WAIT_S``; nothing was checked."""


@contextmanager
def _argon2_slot() -> Iterator[None]:
    """One of the ``MAX_CONCURRENT_CHECKS`` slots for an argon2 hash or check; not re-entrant."""
    if not _checks.acquire(timeout=CHECK_WAIT_S):
        raise PasswordChecksBusy(problem("store.password_checks_busy"))
    try:
        yield
    finally:
        _checks.release()


@cache
def _dummy_hash(hasher: PasswordHasher) -> str:
    """Verified against when the e-mail is unknown, so a wrong address costs as long as a
    wrong password and sign-in timing does not reveal who has an account."""
    return hasher.hash("not a real password, only spends time")


def normalise_email(email: str) -> str:
    """Trimmed and lower-cased; refuses what is clearly not an address."""
    cleaned = email.strip().lower()
    local, at, domain = cleaned.partition("@")
    if not at or not local or "." not in domain or len(cleaned) > 254 or any(c.isspace() for c in cleaned):
        raise InvalidInput(problem("store.email_invalid", email=email))
    return cleaned


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(problem("store.password_too_short", minimum=MIN_PASSWORD_LENGTH))
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InvalidInput(problem("store.password_too_long", maximum=MAX_PASSWORD_LENGTH))


def _user(row: Row) -> User:
    return User(id=row.id, email=row.email, demo=row.demo, created_at=as_utc(row.created_at))


def add_user(engine: Engine, email: str, password: str, *, demo: bool = False) -> User:
    """Create a consultant; ``InvalidInput`` if the address is taken or the password too short."""
    address = normalise_email(email)
    _check_password(password)
    with _argon2_slot():
        hashed = _hasher.hash(password)
    try:
        with writing(engine) as connection:
            new_id = connection.execute(
                insert(users)
                .values(email=address, password_hash=hashed, demo=demo, created_at=utcnow())
                .returning(users.c.id)
            ).scalar_one()
    except IntegrityError:
        raise InvalidInput(problem("store.email_taken", email=address)) from None
    return get_user(engine, new_id)


def get_user(engine: Engine, user_id: int) -> User:
    with reading(engine) as connection:
        row = connection.execute(select(users).where(users.c.id == user_id)).first()
    if row is None:
        raise NotFound(problem("store.no_consultant", id=user_id))
    return _user(row)


def find_user(engine: Engine, email: str) -> User | None:
    """The consultant with this e-mail address, if any (for the command line's ``--user``)."""
    try:
        address = normalise_email(email)
    except InvalidInput:
        return None
    with reading(engine) as connection:
        row = connection.execute(select(users).where(users.c.email == address)).first()
    return _user(row) if row else None


def authenticate(engine: Engine, email: str, password: str) -> User | None:
    """The consultant if the password matches, else ``None`` (same answer for an unknown address).

    Raises ``PasswordChecksBusy`` when no check slot frees up in time. Use
    ``store.signin.sign_in`` for sign-ins: it throttles and logs.
    """
    try:
        address = normalise_email(email)
    except InvalidInput:
        address = None
    row = None
    if address is not None:
        with reading(engine) as connection:
            row = connection.execute(select(users).where(users.c.email == address)).first()
    with _argon2_slot():
        if row is None or len(password) > MAX_PASSWORD_LENGTH:
            try:
                _hasher.verify(_dummy_hash(_hasher), password[:MAX_PASSWORD_LENGTH] + "x")
            except VerificationError:
                pass
            return None
        try:
            _hasher.verify(row.password_hash, password)
        except (VerificationError, InvalidHashError):
            return None
        rehashed = _hasher.hash(password) if _hasher.check_needs_rehash(row.password_hash) else None
    if rehashed is not None:
        with writing(engine) as connection:
            connection.execute(update(users).where(users.c.id == row.id).values(password_hash=rehashed))
    return _user(row)


def set_password(engine: Engine, user_id: int, password: str) -> None:
    _check_password(password)
    with _argon2_slot():
        hashed = _hasher.hash(password)
    with writing(engine) as connection:
        done = connection.execute(update(users).where(users.c.id == user_id).values(password_hash=hashed))
    if done.rowcount != 1:
        raise NotFound(problem("store.no_consultant", id=user_id))


def count_users(engine: Engine) -> int:
    with reading(engine) as connection:
        return connection.execute(select(func.count()).select_from(users)).scalar_one()
