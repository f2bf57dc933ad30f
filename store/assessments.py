"""Assessments: one questionnaire, pinned, answered by an organisation's respondents.

An assessment stores the questionnaire's full canonical JSON and content hash,
so it keeps rendering and scoring exactly as answered after the YAML file
changes. ``assessment_document`` turns the rows into the assessment file model
(``scoring.assessment.Assessment``) that scoring, reports, the app and export
all use.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from pydantic import ValidationError
from sqlalchemy import Connection, Engine, Row, bindparam, delete, insert, select, text, update

from questionnaires.models import Questionnaire
from scoring import assessment as model
from store._util import as_utc, utcnow
from store.engine import reading, writing
from store.errors import InvalidInput, NotFound, problem
from store.organisations import clean_text, owned_organisation
from store.records import AssessmentInfo
from store.schema import (
    STATUSES,
    answers,
    assessments,
    organisations,
    questionnaire_texts,
    respondents,
    roadmap_edits,
)


def canonical_json(questionnaire: Questionnaire) -> str:
    """The text stored with an assessment; ``Questionnaire.content_hash`` hashes exactly this."""
    return questionnaire.canonical_json()


@lru_cache(maxsize=64)
def questionnaire_from_json(text: str) -> Questionnaire:
    """Parse a pinned questionnaire; cached because it is immutable and parsed on every page."""
    return Questionnaire.model_validate_json(text)


#: Content hash → question ids. Derived from immutable data, so sharing it
#: between threads and users is safe; bounded (cleared when it grows past 256).
_cached_ids: dict[str, frozenset[str]] = {}


#: Content hash → parsed questionnaire: the hash names exactly one canonical text, in any
#: database, so a page reads a questionnaire's text once per process (bounded like ``_cached_ids``).
_by_hash: dict[str, Questionnaire] = {}


def questionnaire_text_id(connection: Connection, questionnaire: Questionnaire) -> int:
    """The ``questionnaire_texts`` row of ``questionnaire``, stored now if this text is new (once per text)."""
    key = (questionnaire.id, questionnaire.version, questionnaire.content_hash())
    condition = (
        (questionnaire_texts.c.questionnaire_id == key[0])
        & (questionnaire_texts.c.questionnaire_version == key[1])
        & (questionnaire_texts.c.questionnaire_hash == key[2])
    )
    found = connection.execute(select(questionnaire_texts.c.id).where(condition)).scalar()
    if found is None:
        # Two writers storing the same new text at once: one inserts, the other finds it (both databases).
        connection.execute(
            _INSERT_TEXT,
            {
                "questionnaire_id": key[0],
                "questionnaire_version": key[1],
                "questionnaire_hash": key[2],
                "questionnaire_json": canonical_json(questionnaire),
                "created_at": utcnow(),
            },
        )
        found = connection.execute(select(questionnaire_texts.c.id).where(condition)).scalar_one()
    return found


_INSERT_TEXT = text(
    "INSERT INTO questionnaire_texts"
    " (questionnaire_id, questionnaire_version, questionnaire_hash, questionnaire_json, created_at)"
    " VALUES (:questionnaire_id, :questionnaire_version, :questionnaire_hash, :questionnaire_json, :created_at)"
    " ON CONFLICT (questionnaire_id, questionnaire_version, questionnaire_hash) DO NOTHING"
).bindparams(bindparam("created_at", type_=questionnaire_texts.c.created_at.type))


def questionnaire_of(connection: Connection, questionnaire_hash: str, text_id: int) -> Questionnaire:
    """The questionnaire an assessment pins (its hash and ``questionnaire_text_id``), parsed once per process."""
    found = _by_hash.get(questionnaire_hash)
    if found is None:
        stored = connection.execute(
            select(questionnaire_texts.c.questionnaire_json).where(questionnaire_texts.c.id == text_id)
        ).scalar_one()
        found = questionnaire_from_json(stored)
        if len(_by_hash) > 256:
            _by_hash.clear()
        _by_hash[questionnaire_hash] = found
    return found


def pinned_question_ids(connection: Connection, assessment_id: int, questionnaire_hash: str) -> frozenset[str]:
    """The question ids of an assessment's pinned questionnaire; its text is read once per process.

    Autosave checks every question id against this set, so it must not parse
    the questionnaire on every save.
    """
    ids = _cached_ids.get(questionnaire_hash)
    if ids is None:
        text_id = connection.execute(
            select(assessments.c.questionnaire_text_id).where(assessments.c.id == assessment_id)
        ).scalar_one()
        pinned = questionnaire_of(connection, questionnaire_hash, text_id)
        ids = frozenset(question.id for question in pinned.questions())
        if len(_cached_ids) > 256:
            _cached_ids.clear()
        _cached_ids[questionnaire_hash] = ids
    return ids


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


def _legacy(text: str | None) -> str | None:
    """Stored text without C0 control characters.

    The text rule refuses them on the way in; rows written before it existed
    may hold them, and they must not make the assessment unreadable.
    """
    return model.CONTROL_CHARACTERS.sub("", text) if text else text


def stored_answer_model(row: Row) -> model.Answer:
    """An answers row as the file model's ``Answer``."""
    value: int | str = int(row.value) if row.value.isdigit() else row.value
    try:
        return model.Answer.model_validate(
            {"value": value, "reason": _legacy(row.reason), "comment": _legacy(row.comment), "evidence": row.evidence}
        )
    except ValidationError as error:  # only if someone wrote the table by hand
        raise InvalidInput(problem("store.stored_answer_invalid", id=row.id, problem=str(error))) from None


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
        select(answers)
        .join(respondents, respondents.c.id == answers.c.respondent_id)
        .where(respondents.c.assessment_id.in_(assessment_ids))
        .order_by(answers.c.respondent_id, answers.c.question_id)
    ).all()
    for answer_row in answer_rows:
        given[answer_row.respondent_id][answer_row.question_id] = stored_answer_model(answer_row)
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


def assessment_document(engine: Engine, user_id: int, assessment_id: int) -> tuple[model.Assessment, Questionnaire]:
    """The assessment as the file model, with its pinned questionnaire embedded and returned.

    Respondent ids in the document are the database ids as text. This is what
    scoring, the report, the app and export read; one consistent snapshot.
    """
    with reading(engine) as connection:
        owned_assessment(connection, user_id, assessment_id)
        return document_from_connection(connection, assessment_id)
