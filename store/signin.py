"""Password sign-in with throttling per account and per client address, and the sign-in log.

Every attempt is a row in ``sign_in_attempts`` (docs/deployment.md, "Sign-in
protection"). The delay is computed from those rows, so it holds across
restarts and is shared by every app instance on one database:

* per typed e-mail address: the first ``ACCOUNT_FREE_FAILURES`` failures since
  the last success cost nothing; after that, each failure makes the next
  attempt wait 1, 2, 4, 8 … seconds, at most ``MAX_DELAY_S``;
* per client address: the same, after ``ADDRESS_FREE_FAILURES`` failures in
  the last hour (more, because many people may share one address behind a
  NAT; a success does not reset it, or an attacker with one account could
  reset it at will).

The account is keyed by the SHA-256 of the typed address, whether or not a
consultant has it, so the delay and the messages are the same for a known and
an unknown address: nothing tells an attacker which addresses have accounts.
An attempt made during its delay is refused without checking the password
(logged as "throttled", which does not lengthen the delay). Each attempt is
first written as a failure and turned into a success afterwards, in separate
short transactions, so concurrent attempts cannot slip past the count.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, delete, func, insert, select, text, update

from store._util import as_utc, utcnow
from store.engine import reading, writing
from store.records import User
from store.schema import sign_in_attempts, users
from store.users import PasswordChecksBusy, authenticate

ACCOUNT_FREE_FAILURES = 3
ADDRESS_FREE_FAILURES = 10
#: The longest wait; the delay doubles up to it.
MAX_DELAY_S = 300
#: Failures older than this no longer count for an account (for an address: ``ADDRESS_WINDOW``).
ACCOUNT_WINDOW = dt.timedelta(hours=24)
ADDRESS_WINDOW = dt.timedelta(hours=1)
#: Seconds a refused attempt is told to wait when the password checks are all busy.
BUSY_WAIT_S = 5
#: Days the sign-in log is kept (docs/privacy.md).
LOG_DAYS = 90
MAX_ADDRESS = 64
#: PostgreSQL advisory lock taken while deciding on an attempt (SQLite's BEGIN IMMEDIATE serialises already).
_ADVISORY_LOCK = 0x5649_4B53  # "VIKS"


@dataclass(frozen=True)
class SignInResult:
    """The consultant when signed in; else how many seconds to wait (0: just a wrong password)."""

    user: User | None
    wait_seconds: int = 0


@dataclass(frozen=True)
class SignInEvent:
    """One line of the sign-in log a consultant reads."""

    at: dt.datetime
    address: str
    outcome: str


def account_key(email: str) -> str:
    """What the throttle keys an account by: the SHA-256 of the trimmed, lower-cased typed address."""
    return hashlib.sha256(email.strip().lower().encode("utf-8")).hexdigest()


def delay_after(failures: int, free: int) -> int:
    """Seconds to wait after ``failures`` consecutive failures: 0 for the free ones, then 1, 2, 4 … up to the cap."""
    if failures < free:
        return 0
    return min(2 ** min(failures - free, 30), MAX_DELAY_S)


def _wait(connection: Connection, key: str, address: str, now: dt.datetime) -> int:
    """Seconds until this account and this address may try again (0: now)."""
    last_success = connection.execute(
        select(func.max(sign_in_attempts.c.at)).where(
            sign_in_attempts.c.account_key == key, sign_in_attempts.c.outcome == "success"
        )
    ).scalar_one()
    since = now - ACCOUNT_WINDOW
    if last_success is not None:
        since = max(since, as_utc(last_success))
    waits = [0]
    for condition, start, free in (
        (sign_in_attempts.c.account_key == key, since, ACCOUNT_FREE_FAILURES),
        (sign_in_attempts.c.address == address, now - ADDRESS_WINDOW, ADDRESS_FREE_FAILURES),
    ):
        count, last = connection.execute(
            select(func.count(), func.max(sign_in_attempts.c.at)).where(
                condition, sign_in_attempts.c.outcome == "failure", sign_in_attempts.c.at > start
            )
        ).one()
        if count:
            ready = as_utc(last) + dt.timedelta(seconds=delay_after(count, free))
            waits.append(int((ready - now).total_seconds() + 0.999))
    return max(waits)


def _record(connection: Connection, key: str, user_id: int | None, address: str, outcome: str,
            now: dt.datetime) -> int:
    return connection.execute(
        insert(sign_in_attempts)
        .values(at=now, account_key=key, user_id=user_id, address=address, outcome=outcome)
        .returning(sign_in_attempts.c.id)
    ).scalar_one()


def sign_in(engine: Engine, email: str, password: str, address: str | None,
            *, now: dt.datetime | None = None) -> SignInResult:
    """Check a password sign-in unless this account or address must wait; every attempt is logged.

    ``address`` is the client's IP address as the app sees it (``None``:
    unknown). ``now`` is for tests that step through the delays.
    """
    moment = now or utcnow()
    key = account_key(email)
    where = (address or "unknown")[:MAX_ADDRESS]
    with writing(engine) as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_LOCK})
        connection.execute(delete(sign_in_attempts).where(sign_in_attempts.c.at < moment - dt.timedelta(days=LOG_DAYS)))
        owner = connection.execute(select(users.c.id).where(users.c.email == email.strip().lower())).scalar()
        wait = _wait(connection, key, where, moment)
        attempt = _record(connection, key, owner, where, "throttled" if wait else "failure", moment)
    if wait:
        return SignInResult(user=None, wait_seconds=wait)
    try:
        user = authenticate(engine, email, password)
    except PasswordChecksBusy:
        with writing(engine) as connection:
            connection.execute(
                update(sign_in_attempts).where(sign_in_attempts.c.id == attempt).values(outcome="throttled")
            )
        return SignInResult(user=None, wait_seconds=BUSY_WAIT_S)
    if user is None:
        return SignInResult(user=None)
    with writing(engine) as connection:
        connection.execute(
            update(sign_in_attempts)
            .where(sign_in_attempts.c.id == attempt)
            .values(outcome="success", user_id=user.id)
        )
    return SignInResult(user=user)


def sign_in_log(engine: Engine, user_id: int, *, limit: int = 50) -> list[SignInEvent]:
    """The latest password sign-in attempts on the consultant's own account, newest first."""
    with reading(engine) as connection:
        rows = connection.execute(
            select(sign_in_attempts.c.at, sign_in_attempts.c.address, sign_in_attempts.c.outcome)
            .where(sign_in_attempts.c.user_id == user_id)
            .order_by(sign_in_attempts.c.at.desc(), sign_in_attempts.c.id.desc())
            .limit(limit)
        ).all()
    return [SignInEvent(at=as_utc(row.at), address=row.address, outcome=row.outcome) for row in rows]
