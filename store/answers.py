"""Autosave: every answer is written in its own short transaction the moment it is given.

Conflict detection is optimistic. Each stored answer has a version that grows
by one with every save; a save names the version it was based on (0: "there
was no answer yet"). The write itself is conditional (``INSERT ... ON CONFLICT
DO NOTHING`` for version 0, ``UPDATE ... WHERE version = expected``), so two
browsers racing on one answer cannot both win on either database: the stale
one gets ``Conflict`` with the stored answer to show, never a silent overwrite.
Repeating a save that already went through (the acknowledgement was lost) is
not a conflict: the same answer at a newer version returns that version.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, Engine, delete, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from scoring.assessment import Answer
from store._util import as_utc, utcnow
from store.assessments import pinned_question_ids, stored_answer_model
from store.engine import writing
from store.errors import AccessDenied, Conflict, InvalidInput, NotFound
from store.records import StoredAnswer
from store.schema import answers, assessments, respondents


def _validated(answer: Answer | Mapping[str, Any]) -> Answer:
    if isinstance(answer, Answer):
        return answer
    try:
        return Answer.model_validate(dict(answer))
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'answer'}: {e['msg']}" for e in error.errors())
        raise InvalidInput(problems) from None


def _check_writable(connection: Connection, respondent_id: int, question_id: str) -> None:
    row = connection.execute(
        select(
            respondents.c.revoked,
            respondents.c.assessment_id,
            assessments.c.status,
            assessments.c.questionnaire_hash,
        )
        .join(assessments, assessments.c.id == respondents.c.assessment_id)
        .where(respondents.c.id == respondent_id)
    ).first()
    if row is None:
        raise NotFound(f"no respondent {respondent_id}")
    if row.revoked:
        raise AccessDenied("this link has been revoked")
    if row.status == "closed":
        raise AccessDenied("this assessment is closed")
    if question_id not in pinned_question_ids(connection, row.assessment_id, row.questionnaire_hash):
        raise InvalidInput(f"the questionnaire has no question {question_id!r}")


def _stored(connection: Connection, respondent_id: int, question_id: str) -> StoredAnswer | None:
    row = connection.execute(
        select(answers).where(answers.c.respondent_id == respondent_id, answers.c.question_id == question_id)
    ).first()
    if row is None:
        return None
    return StoredAnswer(
        question_id=question_id,
        answer=stored_answer_model(row),
        version=row.version,
        updated_at=as_utc(row.updated_at),
    )


def save_answer(
    engine: Engine,
    respondent_id: int,
    question_id: str,
    answer: Answer | Mapping[str, Any],
    expected_version: int,
) -> int:
    """Store one answer if the stored one is still at ``expected_version``; return the new version.

    Raises ``InvalidInput`` (bad answer or question id), ``AccessDenied``
    (revoked link, closed assessment), ``NotFound`` and ``Conflict``.
    """
    checked = _validated(answer)
    values = {
        "value": str(checked.value),
        "reason": checked.reason,
        "comment": checked.comment,
        "evidence": str(checked.evidence) if checked.evidence is not None else None,
        "updated_at": utcnow(),
    }
    with writing(engine) as connection:
        _check_writable(connection, respondent_id, question_id)
        if expected_version == 0:
            upsert = sqlite_insert if connection.dialect.name == "sqlite" else postgresql_insert
            statement = (
                upsert(answers)
                .values(respondent_id=respondent_id, question_id=question_id, version=1, **values)
                .on_conflict_do_nothing(index_elements=["respondent_id", "question_id"])
                .returning(answers.c.version)
            )
        else:
            statement = (
                update(answers)
                .where(
                    answers.c.respondent_id == respondent_id,
                    answers.c.question_id == question_id,
                    answers.c.version == expected_version,
                )
                .values(version=expected_version + 1, **values)
                .returning(answers.c.version)
            )
        saved = connection.execute(statement).scalar_one_or_none()
        if saved is not None:
            return saved
        stored = _stored(connection, respondent_id, question_id)
    if stored is not None and stored.answer == checked and stored.version > expected_version:
        return stored.version
    raise Conflict(stored)


def clear_answer(engine: Engine, respondent_id: int, question_id: str, expected_version: int) -> None:
    """Remove an answer (the respondent un-ticks it), with the same conflict rule as saving."""
    with writing(engine) as connection:
        _check_writable(connection, respondent_id, question_id)
        done = connection.execute(
            delete(answers).where(
                answers.c.respondent_id == respondent_id,
                answers.c.question_id == question_id,
                answers.c.version == expected_version,
            )
        )
        if done.rowcount == 1:
            return
        stored = _stored(connection, respondent_id, question_id)
    if stored is None:
        return
    raise Conflict(stored)
