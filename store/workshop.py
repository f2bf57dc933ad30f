"""The workshop: answers a team agreed on, recorded by the consultant.

An agreed answer takes the place of the median of one question
(``scoring.audiences`` and docs/scoring.md, rule 16); the respondents' own
answers are never changed. Who recorded it and when is stored with it.
"""

from __future__ import annotations

from pydantic import ValidationError
from sqlalchemy import Connection, Engine, Row, delete, insert, select, update

from scoring.assessment import AgreedAnswer
from store._util import as_utc, utcnow
from store.assessments import owned_assessment
from store.engine import reading, writing
from store.errors import InvalidInput, problem
from store.pinned_questionnaires import questionnaire_from_json
from store.schema import agreed_answers


def agreed_model(row: Row) -> AgreedAnswer:
    """An agreed_answers row as the file model's ``AgreedAnswer``."""
    value: int | str = int(row.value) if row.value.isdigit() else row.value
    return AgreedAnswer.model_validate(
        {
            "value": value,
            "reason": row.reason,
            "rationale": row.rationale,
            "by": row.agreed_by,
            "at": as_utc(row.agreed_at),
        }
    )


def agreed_for(connection: Connection, assessment_ids: list[int]) -> dict[int, dict[str, AgreedAnswer]]:
    """Assessment id → question id → agreed answer; the caller has checked ownership."""
    found: dict[int, dict[str, AgreedAnswer]] = {assessment_id: {} for assessment_id in assessment_ids}
    rows = connection.execute(
        select(agreed_answers)
        .where(agreed_answers.c.assessment_id.in_(assessment_ids))
        .order_by(agreed_answers.c.question_id)
    ).all()
    for row in rows:
        found[row.assessment_id][row.question_id] = agreed_model(row)
    return found


def insert_agreed(connection: Connection, assessment_id: int, question_id: str, agreed: AgreedAnswer) -> None:
    """Insert or replace without an ownership check (callers checked it; import)."""
    values = {
        "value": str(agreed.value),
        "reason": agreed.reason,
        "rationale": agreed.rationale,
        "agreed_by": agreed.by,
        "agreed_at": agreed.at or utcnow(),
    }
    done = connection.execute(
        update(agreed_answers)
        .where(agreed_answers.c.assessment_id == assessment_id, agreed_answers.c.question_id == question_id)
        .values(**values)
    ).rowcount
    if not done:
        connection.execute(
            insert(agreed_answers).values(assessment_id=assessment_id, question_id=question_id, **values)
        )


def set_agreed_answer(
    engine: Engine,
    user_id: int,
    assessment_id: int,
    question_id: str,
    value: int | str,
    rationale: str,
    *,
    reason: str | None = None,
    by: str | None = None,
) -> AgreedAnswer:
    """Record the answer the workshop agreed on for one question (replacing an earlier one)."""
    try:
        agreed = AgreedAnswer(value=value, reason=reason or None, rationale=rationale, by=by, at=utcnow())
    except ValidationError as error:
        fields = sorted({str(d["loc"][0]) for d in error.errors(include_url=False) if d["loc"]})
        raise InvalidInput(problem("store.agreed_invalid", fields=", ".join(fields) or "value")) from None
    with writing(engine) as connection:
        row = owned_assessment(connection, user_id, assessment_id, full=True)
        questionnaire = questionnaire_from_json(row.questionnaire_json)
        if question_id not in questionnaire.question_index():
            raise InvalidInput(problem("store.agreed_unknown_question", question=question_id))
        insert_agreed(connection, assessment_id, question_id, agreed)
    return agreed


def delete_agreed_answer(engine: Engine, user_id: int, assessment_id: int, question_id: str) -> None:
    """Undo a workshop decision: the question is scored by the median again."""
    with writing(engine) as connection:
        owned_assessment(connection, user_id, assessment_id)
        connection.execute(
            delete(agreed_answers).where(
                agreed_answers.c.assessment_id == assessment_id, agreed_answers.c.question_id == question_id
            )
        )


def get_agreed_answers(engine: Engine, user_id: int, assessment_id: int) -> dict[str, AgreedAnswer]:
    with reading(engine) as connection:
        owned_assessment(connection, user_id, assessment_id)
        return agreed_for(connection, [assessment_id])[assessment_id]
