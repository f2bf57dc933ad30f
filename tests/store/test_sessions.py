"""Consultant sessions in the store (SQLite and PostgreSQL): only the key's hash is kept; idle and ended
sessions open nothing; the remembered place follows deletions."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, select

from store import organisations, sessions
from store.engine import reading
from store.schema import consultant_sessions
from tests.store.conftest import Consultant


def test_a_session_keeps_the_place_and_only_the_keys_hash(engine: Engine, alice: Consultant) -> None:
    key = sessions.start_session(engine, alice.user_id)
    sessions.remember_place(engine, key, alice.organisation_id, alice.assessment_id)
    found = sessions.resume_session(engine, key)
    assert (found.user_id, found.organisation_id, found.assessment_id) == (
        alice.user_id, alice.organisation_id, alice.assessment_id)
    with reading(engine) as connection:
        stored = connection.execute(select(consultant_sessions)).one()
    assert key not in str(tuple(stored))
    organisations.delete_organisation(engine, alice.user_id, alice.organisation_id)
    found = sessions.resume_session(engine, key)
    assert (found.organisation_id, found.assessment_id) == (None, None)


def test_idle_and_ended_sessions_open_nothing(engine: Engine, alice: Consultant) -> None:
    key = sessions.start_session(engine, alice.user_id)
    now = dt.datetime.now(dt.UTC)
    assert sessions.resume_session(engine, key, now=now + dt.timedelta(hours=7)) is not None
    assert sessions.resume_session(engine, key, now=now + dt.timedelta(hours=7, minutes=1)) is not None  # touched
    assert sessions.resume_session(engine, key, now=now + dt.timedelta(hours=16)) is None
    assert sessions.resume_session(engine, key) is None  # deleted, not only refused
    other = sessions.start_session(engine, alice.user_id)
    sessions.end_session(engine, other)
    assert sessions.resume_session(engine, other) is None
    assert sessions.resume_session(engine, None) is None
