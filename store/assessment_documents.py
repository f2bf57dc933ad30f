"""Assessment rows → the assessment file model (``scoring.assessment.Assessment``).

Scoring, reports, the app and export all read an assessment as this one document; building it
from the assessment, respondent, answer, agreed-answer and roadmap rows is split from
``store.assessments`` so that module keeps to creating, reading and changing assessments.
"""

from __future__ import annotations

import re

from pydantic import ValidationError
from sqlalchemy import Connection, Row, Select, select

from questionnaires.models import Questionnaire
from scoring import assessment as model
from store.errors import InvalidInput, problem
from store.pinned_questionnaires import questionnaire_of
from store.schema import answers, assessments, organisations, question_keys, respondents, roadmap_edits


def _legacy(text: str | None) -> str | None:
    """Stored text without C0 control characters.

    The text rule refuses them on the way in; rows written before it existed
    may hold them, and they must not make the assessment unreadable.
    """
    return model.CONTROL_CHARACTERS.sub("", text) if text else text


def stored_answer_model(row: Row, question_id: str) -> model.Answer:
    """An answers row (of ``question_id``) as the file model's ``Answer``."""
    value: int | str = int(row.value) if row.value.isdigit() else row.value
    try:
        return model.Answer.model_validate(
            {"value": value, "reason": _legacy(row.reason), "comment": _legacy(row.comment), "evidence": row.evidence}
        )
    except ValidationError as error:  # only if someone wrote the table by hand
        detail = str(error)
        raise InvalidInput(
            problem("store.stored_answer_invalid", respondent=row.respondent_id, question=question_id, problem=detail)
        ) from None


def answers_with_question_ids() -> Select:
    """Answers with the id of their question (stored as a question key), to filter and join further."""
    return select(answers, question_keys.c.question_id).join(
        question_keys, question_keys.c.id == answers.c.question_key_id
    )


def document_from_connection(connection: Connection, assessment_id: int) -> tuple[model.Assessment, Questionnaire]:
    """Build the file model of one assessment; the caller has checked ownership."""
    return documents_from_connection(connection, [assessment_id])[0]


def documents_from_connection(
    connection: Connection, assessment_ids: list[int]
) -> list[tuple[model.Assessment, Questionnaire]]:
    """The file models of several assessments in four queries, whatever their number, in the order given.

    The benchmark reads every peer's latest assessment: one query per table
    for all of them, not four per peer. The caller has checked ownership.
    """
    if not assessment_ids:
        return []
    rows = {
        row.id: row
        for row in connection.execute(
            select(
                assessments,
                organisations.c.name.label("organisation_name"),
                organisations.c.sector,
                organisations.c.size_class,
                organisations.c.demo,
            )
            .join(organisations, organisations.c.id == assessments.c.organisation_id)
            .where(assessments.c.id.in_(assessment_ids))
        ).all()
    }
    people = connection.execute(
        select(respondents).where(respondents.c.assessment_id.in_(assessment_ids)).order_by(respondents.c.id)
    ).all()
    given: dict[int, dict[str, model.Answer]] = {person.id: {} for person in people}
    answer_rows = connection.execute(
        answers_with_question_ids()
        .join(respondents, respondents.c.id == answers.c.respondent_id)
        .where(respondents.c.assessment_id.in_(assessment_ids))
        .order_by(answers.c.respondent_id, question_keys.c.question_id)
    ).all()
    for answer_row in answer_rows:
        given[answer_row.respondent_id][answer_row.question_id] = stored_answer_model(
            answer_row, answer_row.question_id
        )
    from store.respondents import audiences_of
    from store.workshop import agreed_for

    agreed = agreed_for(connection, assessment_ids)
    edits = connection.execute(
        select(roadmap_edits)
        .where(roadmap_edits.c.assessment_id.in_(assessment_ids))
        .order_by(roadmap_edits.c.step_key)
    ).all()
    documents = []
    for assessment_id in assessment_ids:
        row = rows[assessment_id]
        questionnaire = questionnaire_of(connection, row.questionnaire_hash, row.questionnaire_text_id)
        document = model.Assessment(
            organisation=model.Organisation(
                name=_legacy(row.organisation_name), sector=_legacy(row.sector), size_class=_legacy(row.size_class)
            ),
            title=_legacy(row.title),
            date=row.assessment_date,
            status=row.status,
            demo=row.demo,
            questionnaire=model.QuestionnaireRef(
                id=questionnaire.id, version=questionnaire.version, embedded=questionnaire
            ),
            respondents=tuple(
                model.Respondent(
                    id=str(person.id),
                    name=_legacy(person.name),
                    role=_legacy(person.role),
                    audiences=audiences_of(person.audiences_json),
                    answers=given[person.id],
                )
                for person in people
                if person.assessment_id == assessment_id
            ),
            targets=model.Targets.model_validate_json(row.targets_json),
            roadmap={
                edit.step_key: model.RoadmapEdit(
                    owner=_legacy(edit.owner), horizon=edit.horizon, due=edit.due, status=edit.status
                )
                for edit in edits
                # A step key the rule refuses (level 0, written before the rule) is shown nowhere anyway.
                if edit.assessment_id == assessment_id and re.match(model.STEP_KEY_PATTERN, edit.step_key)
            },
            agreed=agreed[assessment_id],
        )
        documents.append((document, questionnaire))
    return documents
