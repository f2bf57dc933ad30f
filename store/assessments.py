"""Assessments: one questionnaire, pinned, answered by an organisation's respondents.

An assessment stores the questionnaire's full canonical JSON and content hash,
so it keeps rendering and scoring exactly as answered after the YAML file
changes (the texts themselves: ``store.pinned_questionnaires``).
``assessment_document`` turns the rows into the assessment file model
(``scoring.assessment.Assessment``) that scoring, reports, the app and export
all use (built in ``store.assessment_documents``).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, Engine, Row, delete, insert, select, update

from questionnaires.models import Questionnaire
from scoring import assessment as model
from store._util import as_utc, utcnow
from store.assessment_documents import document_from_connection
from store.engine import reading, writing
from store.errors import InvalidInput, NotFound, problem
from store.organisations import clean_text, owned_organisation
from store.pinned_questionnaires import questionnaire_of, questionnaire_text_id
from store.records import AssessmentInfo
from store.schema import (
    STATUSES,
    assessments,
    organisations,
    questionnaire_texts,
)


def check_targets(targets: model.Targets, questionnaire: Questionnaire) -> None:
    """``InvalidInput`` when targets name a pillar or question the questionnaire lacks."""
    pillar_ids = {pillar.id for pillar in questionnaire.pillars}
    question_ids = {question.id for question in questionnaire.questions()}
    unknown = sorted(set(targets.pillars) - pillar_ids) + sorted(set(targets.questions) - question_ids)
    if unknown:
        raise InvalidInput(problem("store.targets_unknown", names=", ".join(unknown)))


def _clean_title(title: str | None) -> str | None:
    """A trimmed title, or ``None`` for no title (an empty one included)."""
    return (clean_text(title, "title", required=False) or None) if title is not None else None


def info_from_row(row: Row) -> AssessmentInfo:
    return AssessmentInfo(
        id=row.id,
        organisation_id=row.organisation_id,
        title=row.title,
        date=row.assessment_date,
        status=row.status,
        questionnaire_id=row.questionnaire_id,
        questionnaire_version=row.questionnaire_version,
        questionnaire_hash=row.questionnaire_hash,
        targets=model.Targets.model_validate_json(row.targets_json),
        created_at=as_utc(row.created_at),
        closed_at=as_utc(row.closed_at),
        deadline=row.deadline,
    )


_HEADER = list(assessments.c)


def owned_assessment(connection: Connection, user_id: int, assessment_id: int, *, full: bool = False) -> Row:
    """The assessment row if ``user_id`` owns its organisation; ``NotFound`` otherwise.

    ``full`` adds the pinned questionnaire's text as ``questionnaire_json``
    (``questionnaire_of`` reads it once per process instead).
    """
    query = select(*_HEADER).join(organisations, organisations.c.id == assessments.c.organisation_id)
    if full:
        query = query.add_columns(questionnaire_texts.c.questionnaire_json).join(
            questionnaire_texts, questionnaire_texts.c.id == assessments.c.questionnaire_text_id
        )
    row = connection.execute(
        query.where(assessments.c.id == assessment_id, organisations.c.owner_id == user_id)
    ).first()
    if row is None:
        raise NotFound(problem("store.no_assessment", id=assessment_id))
    return row


def insert_assessment(
    connection: Connection,
    organisation_id: int,
    questionnaire: Questionnaire,
    *,
    title: str | None,
    date: dt.date,
    status: str,
    targets: model.Targets,
) -> int:
    """Insert without an ownership check: for callers that checked it (create, import, demo)."""
    if status not in STATUSES:
        raise InvalidInput(problem("store.status_unknown", status=status))
    check_targets(targets, questionnaire)
    now = utcnow()
    return connection.execute(
        insert(assessments)
        .values(
            organisation_id=organisation_id,
            title=_clean_title(title),
            assessment_date=date,
            status=status,
            questionnaire_id=questionnaire.id,
            questionnaire_version=questionnaire.version,
            questionnaire_hash=questionnaire.content_hash(),
            questionnaire_text_id=questionnaire_text_id(connection, questionnaire),
            targets_json=targets.model_dump_json(),
            created_at=now,
            closed_at=now if status == "closed" else None,
        )
        .returning(assessments.c.id)
    ).scalar_one()


def create_assessment(
    engine: Engine,
    user_id: int,
    organisation_id: int,
    questionnaire: Questionnaire,
    *,
    title: str | None = None,
    date: dt.date | None = None,
    targets: model.Targets | None = None,
    status: str = "draft",
) -> AssessmentInfo:
    """A new assessment pinned to ``questionnaire``.

    Empty ``targets`` mean "the questionnaire's default profile" (scoring fills it in).
    """
    with writing(engine) as connection:
        owned_organisation(connection, user_id, organisation_id)
        new_id = insert_assessment(
            connection,
            organisation_id,
            questionnaire,
            title=title,
            date=date or dt.date.today(),
            status=status,
            targets=targets or model.Targets(),
        )
        return info_from_row(owned_assessment(connection, user_id, new_id))


def list_assessments(engine: Engine, user_id: int, organisation_id: int) -> list[AssessmentInfo]:
    """An organisation's assessments, oldest first (the order a trend reads them)."""
    with reading(engine) as connection:
        owned_organisation(connection, user_id, organisation_id)
        rows = connection.execute(
            select(*_HEADER)
            .where(assessments.c.organisation_id == organisation_id)
            .order_by(assessments.c.assessment_date, assessments.c.id)
        ).all()
    return [info_from_row(row) for row in rows]


def get_assessment(engine: Engine, user_id: int, assessment_id: int) -> AssessmentInfo:
    with reading(engine) as connection:
        return info_from_row(owned_assessment(connection, user_id, assessment_id))


def pinned_questionnaire(engine: Engine, user_id: int, assessment_id: int) -> Questionnaire:
    """The questionnaire exactly as this assessment was answered with."""
    with reading(engine) as connection:
        row = owned_assessment(connection, user_id, assessment_id)
        return questionnaire_of(connection, row.questionnaire_hash, row.questionnaire_text_id)


def update_assessment(
    engine: Engine,
    user_id: int,
    assessment_id: int,
    *,
    title: str | None = None,
    date: dt.date | None = None,
    status: str | None = None,
) -> AssessmentInfo:
    """Change title, date or status. Closing stamps ``closed_at``; reopening clears it."""
    values: dict[str, object] = {}
    if title is not None:
        values["title"] = _clean_title(title)
    if date is not None:
        values["assessment_date"] = date
    if status is not None:
        if status not in STATUSES:
            raise InvalidInput(problem("store.status_unknown", status=status))
        values["status"] = status
    with writing(engine) as connection:
        row = owned_assessment(connection, user_id, assessment_id)
        if status is not None and status != row.status:
            values["closed_at"] = utcnow() if status == "closed" else None
        if values:
            connection.execute(update(assessments).where(assessments.c.id == assessment_id).values(**values))
        return info_from_row(owned_assessment(connection, user_id, assessment_id))


def set_targets(engine: Engine, user_id: int, assessment_id: int, targets: model.Targets) -> AssessmentInfo:
    """Replace the targets; pillar and question ids must exist in the pinned questionnaire."""
    with writing(engine) as connection:
        row = owned_assessment(connection, user_id, assessment_id)
        check_targets(targets, questionnaire_of(connection, row.questionnaire_hash, row.questionnaire_text_id))
        connection.execute(
            update(assessments).where(assessments.c.id == assessment_id).values(targets_json=targets.model_dump_json())
        )
        return info_from_row(owned_assessment(connection, user_id, assessment_id))


def delete_assessment(engine: Engine, user_id: int, assessment_id: int) -> None:
    """Delete the assessment with its respondents, answers and roadmap edits."""
    with writing(engine) as connection:
        owned_assessment(connection, user_id, assessment_id)
        connection.execute(delete(assessments).where(assessments.c.id == assessment_id))




def assessment_document(engine: Engine, user_id: int, assessment_id: int) -> tuple[model.Assessment, Questionnaire]:
    """The assessment as the file model, with its pinned questionnaire embedded and returned.

    Respondent ids in the document are the database ids as text. This is what
    scoring, the report, the app and export read; one consistent snapshot.
    """
    with reading(engine) as connection:
        owned_assessment(connection, user_id, assessment_id)
        return document_from_connection(connection, assessment_id)
