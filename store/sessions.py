"""Consultant sessions that survive a browser refresh (``consultant_sessions``).

The browser keeps a random key (256 bits) in a cookie; the store keeps only its
SHA-256, the consultant, the organisation and assessment in use, and when the
session was last seen. A key unused for longer than the idle time
(``VEERKRACHT_SESSION_IDLE_HOURS``, default 8 hours) or older than
``MAX_AGE`` is refused and its row deleted; signing out deletes it at once.
Whoever holds the key is the consultant, so it never goes into an address, a
log or an error message (docs/deployment.md, "Consultant sessions").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
from dataclasses import dataclass

from sqlalchemy import Engine, delete, insert, select, update

from store._util import as_utc, utcnow
from store.engine import reading, writing
from store.schema import consultant_sessions, users

IDLE_SETTING = "VEERKRACHT_SESSION_IDLE_HOURS"
DEFAULT_IDLE_HOURS = 8.0
#: However active, a session ends this long after sign-in.
MAX_AGE = dt.timedelta(days=7)
#: ``last_seen_at`` is written at most this often (not on every rerun).
TOUCH_EVERY = dt.timedelta(seconds=60)
#: A key is 43 URL-safe characters; anything else is not looked up.
_KEY_LENGTH = 43


@dataclass(frozen=True)
class ConsultantSession:
    user_id: int
    email: str
    organisation_id: int | None
    assessment_id: int | None


def idle_limit() -> dt.timedelta:
    """The idle time after which a session ends: the setting in hours, else 8 hours."""
    try:
        hours = float(os.environ.get(IDLE_SETTING, DEFAULT_IDLE_HOURS))
    except ValueError:
        hours = DEFAULT_IDLE_HOURS
    return dt.timedelta(hours=hours if hours > 0 else DEFAULT_IDLE_HOURS)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _plausible(key: object) -> bool:
    return isinstance(key, str) and len(key) == _KEY_LENGTH and key.isascii()


def start_session(engine: Engine, user_id: int) -> str:
    """A new session for the consultant; returns the key for the browser's cookie (shown nowhere else)."""
    key = secrets.token_urlsafe(32)
    now = utcnow()
    with writing(engine) as connection:
        connection.execute(
            insert(consultant_sessions).values(
                key_hash=_hash(key), user_id=user_id, created_at=now, last_seen_at=now
            )
        )
        # Old sessions of anyone are cleared on the way, so the table holds live sessions only.
        connection.execute(delete(consultant_sessions).where(consultant_sessions.c.created_at < now - MAX_AGE))
    return key


def resume_session(engine: Engine, key: object, now: dt.datetime | None = None) -> ConsultantSession | None:
    """The session this key belongs to, if it is still alive; an expired one is deleted."""
    if not _plausible(key):
        return None
    now = now or utcnow()
    digest = _hash(str(key))
    with reading(engine) as connection:
        row = connection.execute(
            select(consultant_sessions, users.c.email)
            .join(users, users.c.id == consultant_sessions.c.user_id)
            .where(consultant_sessions.c.key_hash == digest)
        ).first()
    if row is None:
        return None
    last_seen, created = as_utc(row.last_seen_at), as_utc(row.created_at)
    if now - last_seen > idle_limit() or now - created > MAX_AGE:
        end_session(engine, key)
        return None
    if now - last_seen > TOUCH_EVERY:
        with writing(engine) as connection:
            connection.execute(
                update(consultant_sessions).where(consultant_sessions.c.key_hash == digest).values(last_seen_at=now)
            )
    return ConsultantSession(row.user_id, row.email, row.organisation_id, row.assessment_id)


def remember_place(engine: Engine, key: object, organisation_id: int | None, assessment_id: int | None) -> None:
    """Keep the organisation and assessment in use with the session (the pages check ownership on the way back)."""
    if not _plausible(key):
        return
    with writing(engine) as connection:
        connection.execute(
            update(consultant_sessions)
            .where(consultant_sessions.c.key_hash == _hash(str(key)))
            .values(organisation_id=organisation_id, assessment_id=assessment_id)
        )


def end_session(engine: Engine, key: object) -> None:
    """Sign-out: the key no longer opens anything."""
    if not _plausible(key):
        return
    with writing(engine) as connection:
        connection.execute(delete(consultant_sessions).where(consultant_sessions.c.key_hash == _hash(str(key))))


def starting_organisation(engine: Engine, user_id: int) -> int | None:
    """Where a session without a remembered place starts: the consultant's organisation with the latest roadmap
    edit (the one being worked on), or ``None``."""
    from store.schema import assessments, organisations, roadmap_edits

    with reading(engine) as connection:
        return connection.execute(
            select(organisations.c.id)
            .join(assessments, assessments.c.organisation_id == organisations.c.id)
            .join(roadmap_edits, roadmap_edits.c.assessment_id == assessments.c.id)
            .where(organisations.c.owner_id == user_id)
            .order_by(roadmap_edits.c.updated_at.desc(), roadmap_edits.c.id.desc())
            .limit(1)
        ).scalar_one_or_none()
