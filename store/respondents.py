"""Respondents and their personal links.

A link token is 256 bits from ``secrets.token_urlsafe(32)``. Only its SHA-256
is stored: a copy of the database opens no respondent's answers. The token is
shown once, when it is made; a consultant who lost it issues a new one
(``reissue_link``), which makes the old link stop working. Lookup compares the
hashes with ``hmac.compare_digest``; a revoked link reaches nothing, and
no link reaches anything ``link_days_after_close()`` days after its assessment
closed (``VEERKRACHT_LINK_DAYS_AFTER_CLOSE``, default 30): a link in an old
e-mail should not open someone's answers for ever.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import secrets

from sqlalchemy import Connection, Engine, Row, delete, func, insert, select, update

from scoring.assessment import MAX_RESPONDENTS
from store._util import as_utc, utcnow
from store.assessment_documents import answers_with_question_ids, stored_answer_model
from store.assessments import owned_assessment
from store.engine import reading, writing
from store.errors import AccessDenied, InvalidInput, NotFound, problem
from store.organisations import clean_text
from store.pinned_questionnaires import questionnaire_of
from store.records import NewRespondent, RespondentAccess, RespondentInfo, StoredAnswer
from store.schema import answers, assessments, organisations, question_keys, respondents

#: Longer input is not a token we made; refused before hashing.
MAX_TOKEN_LENGTH = 128
LINK_DAYS_SETTING = "VEERKRACHT_LINK_DAYS_AFTER_CLOSE"
DEFAULT_LINK_DAYS = 30


def link_days_after_close() -> int:
    """Days a respondent's link keeps working after its assessment closed (0: stops at closing)."""
    value = os.environ.get(LINK_DAYS_SETTING, "").strip()
    if not value:
        return DEFAULT_LINK_DAYS
    if not value.isdigit():
        raise ValueError(f"{LINK_DAYS_SETTING} must be a whole number of days, not {value!r}")
    return int(value)


def link_expired(closed_at: dt.datetime | None, now: dt.datetime | None = None) -> bool:
    """Whether links of an assessment closed at ``closed_at`` have stopped working."""
    if closed_at is None:
        return False
    return (now or utcnow()) >= as_utc(closed_at) + dt.timedelta(days=link_days_after_close())


def new_token() -> tuple[str, str]:
    """A fresh link token and the hash stored for it."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


#: When the respondent last saved an answer.
_LAST_ACTIVITY = func.max(answers.c.updated_at).label("last_activity")


def _info(connection: Connection, respondent_id: int) -> RespondentInfo:
    row = connection.execute(
        select(respondents, func.count(answers.c.question_key_id).label("answered"), _LAST_ACTIVITY)
        .outerjoin(answers, answers.c.respondent_id == respondents.c.id)
        .where(respondents.c.id == respondent_id)
        .group_by(respondents.c.id)
    ).one()
    return _record(row)


def _record(row: Row) -> RespondentInfo:
    return RespondentInfo(
        id=row.id,
        assessment_id=row.assessment_id,
        name=row.name,
        role=row.role,
        revoked=row.revoked,
        created_at=as_utc(row.created_at),
        finished_at=as_utc(row.finished_at),
        answered=row.answered,
        audiences=audiences_of(row.audiences_json),
        email=row.email,
        last_activity=as_utc(row.last_activity),
    )


def audiences_of(text: str | None) -> tuple[str, ...]:
    """The stored audiences of a respondent (NULL: none, every question)."""
    return tuple(json.loads(text)) if text else ()


def audiences_json(
    connection: Connection, assessment_id: int, audiences: tuple[str, ...] | list[str] | None
) -> str | None:
    """Audiences as stored, after checking them against the assessment's questionnaire."""
    if not audiences:
        return None
    pinned = connection.execute(
        select(assessments.c.questionnaire_hash, assessments.c.questionnaire_text_id).where(
            assessments.c.id == assessment_id
        )
    ).one()
    declared = [audience.id for audience in questionnaire_of(connection, *pinned).audiences]
    unknown = [audience for audience in audiences if audience not in declared]
    if unknown:
        raise InvalidInput(problem("store.unknown_audience", audience=", ".join(unknown)))
    return json.dumps([audience for audience in declared if audience in audiences])


def owned_respondent(connection: Connection, user_id: int, respondent_id: int) -> Row:
    """The respondent row if ``user_id`` owns its organisation; ``NotFound`` otherwise."""
    row = connection.execute(
        select(respondents)
        .join(assessments, assessments.c.id == respondents.c.assessment_id)
        .join(organisations, organisations.c.id == assessments.c.organisation_id)
        .where(respondents.c.id == respondent_id, organisations.c.owner_id == user_id)
    ).first()
    if row is None:
        raise NotFound(problem("store.no_respondent", id=respondent_id))
    return row


def insert_respondent(
    connection: Connection, assessment_id: int, role: str, name: str | None, audiences: tuple[str, ...] = ()
) -> tuple[int, str]:
    """Insert without an ownership check (callers checked it); returns the id and the token."""
    token, token_hash = new_token()
    stored_audiences = audiences_json(connection, assessment_id, audiences)
    new_id = connection.execute(
        insert(respondents)
        .values(
            assessment_id=assessment_id,
            name=(clean_text(name, "name", required=False) or None) if name is not None else None,
            role=clean_text(role, "role"),
            audiences_json=stored_audiences,
            token_hash=token_hash,
            revoked=False,
            created_at=utcnow(),
        )
        .returning(respondents.c.id)
    ).scalar_one()
    return new_id, token


def add_respondent(
    engine: Engine,
    user_id: int,
    assessment_id: int,
    role: str,
    name: str | None = None,
    audiences: tuple[str, ...] = (),
) -> NewRespondent:
    """A new respondent with a personal link token, returned this once.

    An assessment holds at most ``MAX_RESPONDENTS`` (the limit the file import
    applies too), so the largest one still scores and renders in time.
    """
    with writing(engine) as connection:
        owned_assessment(connection, user_id, assessment_id)
        present = connection.execute(
            select(func.count()).select_from(respondents).where(respondents.c.assessment_id == assessment_id)
        ).scalar_one()
        if present >= MAX_RESPONDENTS:
            raise InvalidInput(problem("store.too_many_respondents", limit=MAX_RESPONDENTS))
        new_id, token = insert_respondent(connection, assessment_id, role, name, tuple(audiences))
        return NewRespondent(respondent=_info(connection, new_id), token=token)


def list_respondents(engine: Engine, user_id: int, assessment_id: int) -> list[RespondentInfo]:
    with reading(engine) as connection:
        owned_assessment(connection, user_id, assessment_id)
        rows = connection.execute(
            select(respondents, func.count(answers.c.question_key_id).label("answered"), _LAST_ACTIVITY)
            .outerjoin(answers, answers.c.respondent_id == respondents.c.id)
            .where(respondents.c.assessment_id == assessment_id)
            .group_by(respondents.c.id)
            .order_by(respondents.c.id)
        ).all()
    return [_record(row) for row in rows]


def update_respondent(
    engine: Engine,
    user_id: int,
    respondent_id: int,
    *,
    role: str | None = None,
    name: str | None = None,
    audiences: tuple[str, ...] | None = None,
) -> RespondentInfo:
    """Correct role or name, or give other audiences (an empty tuple: every question)."""
    values: dict[str, object] = {}
    if role is not None:
        values["role"] = clean_text(role, "role")
    if name is not None:
        values["name"] = clean_text(name, "name", required=False) or None
    with writing(engine) as connection:
        row = owned_respondent(connection, user_id, respondent_id)
        if audiences is not None:
            values["audiences_json"] = audiences_json(connection, row.assessment_id, tuple(audiences))
        if values:
            connection.execute(update(respondents).where(respondents.c.id == respondent_id).values(**values))
        return _info(connection, respondent_id)


def revoke_link(engine: Engine, user_id: int, respondent_id: int) -> RespondentInfo:
    """The respondent's link stops working at once; their answers stay."""
    with writing(engine) as connection:
        owned_respondent(connection, user_id, respondent_id)
        connection.execute(update(respondents).where(respondents.c.id == respondent_id).values(revoked=True))
        return _info(connection, respondent_id)


def reissue_link(engine: Engine, user_id: int, respondent_id: int) -> NewRespondent:
    """A new token for the respondent (also un-revokes); the old link stops working."""
    token, token_hash = new_token()
    with writing(engine) as connection:
        owned_respondent(connection, user_id, respondent_id)
        connection.execute(
            update(respondents).where(respondents.c.id == respondent_id).values(token_hash=token_hash, revoked=False)
        )
        return NewRespondent(respondent=_info(connection, respondent_id), token=token)


def delete_respondent(engine: Engine, user_id: int, respondent_id: int) -> None:
    """Remove the respondent and their answers."""
    with writing(engine) as connection:
        owned_respondent(connection, user_id, respondent_id)
        connection.execute(delete(respondents).where(respondents.c.id == respondent_id))


def stored_answers(connection: Connection, respondent_id: int) -> dict[str, StoredAnswer]:
    rows = connection.execute(
        answers_with_question_ids()
        .where(answers.c.respondent_id == respondent_id)
        .order_by(question_keys.c.question_id)
    ).all()
    return {
        row.question_id: StoredAnswer(
            question_id=row.question_id,
            answer=stored_answer_model(row, row.question_id),
            version=row.version,
            updated_at=as_utc(row.updated_at),
        )
        for row in rows
    }


def respondent_for_token(engine: Engine, token: str) -> RespondentAccess | None:
    """What a link opens: one respondent of one assessment, or ``None`` for a wrong, revoked or expired token."""
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    wanted = hash_token(token)
    with reading(engine) as connection:
        row = connection.execute(
            select(
                respondents.c.id,
                respondents.c.assessment_id,
                respondents.c.name,
                respondents.c.role,
                respondents.c.audiences_json,
                respondents.c.token_hash,
                respondents.c.revoked,
                respondents.c.finished_at,
                assessments.c.title,
                assessments.c.status,
                assessments.c.closed_at,
                assessments.c.questionnaire_hash,
                assessments.c.questionnaire_text_id,
                organisations.c.name.label("organisation_name"),
                organisations.c.demo,
            )
            .join(assessments, assessments.c.id == respondents.c.assessment_id)
            .join(organisations, organisations.c.id == assessments.c.organisation_id)
            .where(respondents.c.token_hash == wanted)
        ).first()
        if row is None or not hmac.compare_digest(row.token_hash, wanted) or row.revoked:
            return None
        if row.status == "closed" and link_expired(row.closed_at):
            return None
        given = stored_answers(connection, row.id)
        pinned = questionnaire_of(connection, row.questionnaire_hash, row.questionnaire_text_id)
    return RespondentAccess(
        respondent_id=row.id,
        assessment_id=row.assessment_id,
        name=row.name,
        role=row.role,
        organisation_name=row.organisation_name,
        assessment_title=row.title,
        status=row.status,
        demo=row.demo,
        questionnaire=pinned,
        answers=given,
        finished_at=as_utc(row.finished_at),
        audiences=audiences_of(row.audiences_json),
    )


def set_finished(engine: Engine, respondent_id: int, finished: bool = True) -> None:
    """Mark the respondent done (the "finish" button), or not done again."""
    with writing(engine) as connection:
        row = connection.execute(select(respondents.c.revoked).where(respondents.c.id == respondent_id)).first()
        if row is None:
            raise NotFound(problem("store.no_respondent", id=respondent_id))
        if row.revoked:
            raise AccessDenied(problem("store.link_revoked"))
        connection.execute(
            update(respondents)
            .where(respondents.c.id == respondent_id)
            .values(finished_at=utcnow() if finished else None)
        )
