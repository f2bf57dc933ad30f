"""Personal data: export one respondent, erase respondents and assessments so no trace stays, retention.

A consultant is the processor of their clients' respondents' data (names,
roles, answers, comments, evidence links); docs/privacy.md says what is kept
and for how long. The functions here are what a data subject's request or a
retention policy needs:

* ``export_respondent``: everything stored about one respondent, as JSON;
* ``erase_respondent``, ``erase_assessment``, ``erase_organisation``: delete, then make sure the
  bytes are gone from the database file too (``scrub``);
* ``purge_closed_before``: delete every assessment closed before a date
  (``veerkracht purge``; ``VEERKRACHT_RETENTION_DAYS`` gives the date).

Why ``scrub``: SQLite runs with ``secure_delete=ON``, so a deleted row is
overwritten with zeros in its page, but in WAL mode the page versions written
before the delete stay in the ``-wal`` file until a checkpoint copies the
latest ones into the database and the WAL is truncated. On PostgreSQL a
deleted row stays in its table's files until VACUUM reuses the space; see
docs/privacy.md.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass

from sqlalchemy import Engine, and_, delete, func, select

from store import assessments as assessment_store
from store import organisations as organisation_store
from store import respondents as respondent_store
from store._util import as_utc, utcnow
from store.engine import _write_locks, reading, writing
from store.errors import InvalidInput, problem
from store.pinned_questionnaires import questionnaire_of
from store.respondents import owned_respondent, stored_answers
from store.schema import assessments, organisations, respondents

RETENTION_SETTING = "VEERKRACHT_RETENTION_DAYS"
EXPORT_FORMAT = "veerkracht-respondent"


@dataclass(frozen=True)
class PurgedAssessment:
    """An assessment ``purge_closed_before`` deleted (or, in a dry run, would delete)."""

    id: int
    organisation_name: str
    title: str | None
    closed_at: dt.datetime
    respondents: int


def retention_days() -> int | None:
    """Days a closed assessment is kept (``VEERKRACHT_RETENTION_DAYS``); ``None`` when not set: kept until deleted."""
    value = os.environ.get(RETENTION_SETTING, "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise InvalidInput(problem("store.retention_invalid", setting=RETENTION_SETTING, value=value))
    return int(value)


def scrub(engine: Engine) -> bool:
    """Push deleted rows out of every file of the database; ``True`` when nothing of them can remain.

    SQLite: a ``TRUNCATE`` checkpoint writes the zeroed pages into the
    database file and empties the ``-wal`` file. It waits (busy timeout) for
    readers that still use the old pages; ``False`` if one outlasted that, in
    which case the next checkpoint finishes the job. PostgreSQL: nothing to do
    here (see the module docstring); returns ``True``.
    """
    if engine.dialect.name != "sqlite":
        return True
    lock = _write_locks.get(engine)
    raw = engine.raw_connection()
    try:
        if lock is None:
            busy = raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        else:
            with lock:  # no writer of this process adds WAL frames meanwhile
                busy = raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    finally:
        raw.close()
    return busy == 0


def export_respondent(engine: Engine, user_id: int, respondent_id: int) -> str:
    """Everything stored about one respondent, as JSON (a data subject's access request).

    The link token is not included: only its hash is stored, and it opens
    nothing the respondent does not already have.
    """
    with reading(engine) as connection:
        person = owned_respondent(connection, user_id, respondent_id)
        row = connection.execute(
            select(assessments, organisations.c.name.label("organisation_name"))
            .join(organisations, organisations.c.id == assessments.c.organisation_id)
            .where(assessments.c.id == person.assessment_id)
        ).one()
        given = stored_answers(connection, respondent_id)
        questionnaire = questionnaire_of(connection, row.questionnaire_hash, row.questionnaire_text_id)
    texts = {question.id: dict(question.text) for question in questionnaire.questions()}
    document = {
        "format": EXPORT_FORMAT,
        "version": 1,
        "exported_at": utcnow().isoformat(timespec="seconds"),
        "respondent": {
            "id": person.id,
            "name": person.name,
            "role": person.role,
            "added_at": as_utc(person.created_at).isoformat(timespec="seconds"),
            "finished_at": as_utc(person.finished_at).isoformat(timespec="seconds") if person.finished_at else None,
            "link_revoked": person.revoked,
        },
        "organisation": row.organisation_name,
        "assessment": {
            "id": row.id,
            "title": row.title,
            "date": row.assessment_date.isoformat(),
            "status": row.status,
            "closed_at": as_utc(row.closed_at).isoformat(timespec="seconds") if row.closed_at else None,
        },
        "questionnaire": {"id": questionnaire.id, "version": questionnaire.version},
        "answers": [
            {
                "question_id": question_id,
                "question": texts.get(question_id, {}),
                **stored.answer.model_dump(mode="json", exclude_none=True),
                "saved_at": stored.updated_at.isoformat(timespec="seconds"),
            }
            for question_id, stored in given.items()
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def erase_respondent(engine: Engine, user_id: int, respondent_id: int) -> bool:
    """Delete a respondent with their answers and scrub the bytes; ``False`` if a reader delayed the scrub."""
    respondent_store.delete_respondent(engine, user_id, respondent_id)
    return scrub(engine)


def erase_assessment(engine: Engine, user_id: int, assessment_id: int) -> bool:
    """Delete an assessment with its respondents, answers and roadmap, and scrub the bytes."""
    assessment_store.delete_assessment(engine, user_id, assessment_id)
    return scrub(engine)


def erase_organisation(engine: Engine, user_id: int, organisation_id: int) -> bool:
    """Delete a client organisation with everything under it, and scrub the bytes."""
    organisation_store.delete_organisation(engine, user_id, organisation_id)
    return scrub(engine)


def purge_closed_before(
    engine: Engine, before: dt.date, *, owner_id: int | None = None, dry_run: bool = False
) -> tuple[list[PurgedAssessment], bool]:
    """Delete every assessment closed before ``before`` (UTC midnight), of one consultant or of all.

    For the operator's retention job (``veerkracht purge``), so it is not
    limited to one consultant unless ``owner_id`` is given. Returns what was
    (or, with ``dry_run``, would be) deleted and whether the scrub completed.
    """
    cutoff = dt.datetime.combine(before, dt.time(), tzinfo=dt.UTC)
    condition = and_(assessments.c.status == "closed", assessments.c.closed_at < cutoff)
    if owner_id is not None:
        condition = and_(condition, organisations.c.owner_id == owner_id)
    query = (
        select(
            assessments.c.id,
            assessments.c.title,
            assessments.c.closed_at,
            organisations.c.name.label("organisation_name"),
            func.count(respondents.c.id).label("people"),
        )
        .join(organisations, organisations.c.id == assessments.c.organisation_id)
        .outerjoin(respondents, respondents.c.assessment_id == assessments.c.id)
        .where(condition)
        .group_by(assessments.c.id, assessments.c.title, assessments.c.closed_at, organisations.c.name)
        .order_by(assessments.c.closed_at, assessments.c.id)
    )
    with reading(engine) if dry_run else writing(engine) as connection:
        rows = connection.execute(query).all()
        if rows and not dry_run:
            connection.execute(delete(assessments).where(assessments.c.id.in_([row.id for row in rows])))
    found = [
        PurgedAssessment(
            id=row.id,
            organisation_name=row.organisation_name,
            title=row.title,
            closed_at=as_utc(row.closed_at),
            respondents=row.people,
        )
        for row in rows
    ]
    return found, (True if dry_run or not found else scrub(engine))
