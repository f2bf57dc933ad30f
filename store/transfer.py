"""Export and import of one assessment in the assessment file format (docs/assessment-format.md).

Export is ``assessment_document`` written with the questionnaire embedded, so
the file scores and renders on an installation that never had that
questionnaire. Import is all or nothing: the file is checked completely
before anything is written, and everything is written in one transaction.
Refused: files over 10 MB (before parsing), files that do not match the
format, answers or targets naming questions the questionnaire lacks, and an
embedded questionnaire that differs from the installed one with the same id
and version (two different texts under one version would score differently
while claiming to be the same questionnaire).
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Connection, Engine, insert, select

from assessments.file import MAX_FILE_BYTES, AssessmentFileError, assessment_to_json, parse_assessment
from questionnaires.models import Questionnaire
from questionnaires.sectors import canonical
from scoring.assessment import Assessment
from store._util import utcnow
from store.assessments import assessment_document, info_from_row, insert_assessment, owned_assessment
from store.engine import writing
from store.errors import ImportRefused, problem
from store.organisations import owned_organisation
from store.pinned_questionnaires import question_keys_of
from store.records import AssessmentInfo
from store.respondents import insert_respondent
from store.schema import answers, organisations, roadmap_edits
from store.workshop import insert_agreed


def export_assessment(engine: Engine, user_id: int, assessment_id: int) -> str:
    """The assessment file (JSON text) of one of the consultant's assessments."""
    document, questionnaire = assessment_document(engine, user_id, assessment_id)
    return assessment_to_json(document, questionnaire)


def check_import(
    data: bytes, name: str, installed: Mapping[tuple[str, int], Questionnaire] | None = None
) -> tuple[Assessment, Questionnaire]:
    """Parse and check an import file completely; ``ImportRefused`` with every reason otherwise."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportRefused(problem("store.import_too_big", name=name, size=len(data), limit=MAX_FILE_BYTES))
    if installed is None:
        from questionnaires.registry import installed_questionnaires

        installed = installed_questionnaires()
    try:
        document, questionnaire = parse_assessment(data, name, installed)
    except AssessmentFileError as error:
        raise ImportRefused(problem("store.import_refused", problems="\n".join(error.problems))) from None
    same = installed.get((questionnaire.id, questionnaire.version))
    if same is not None and same.content_hash() != questionnaire.content_hash():
        raise ImportRefused(
            problem("store.import_questionnaire_differs", name=name, id=questionnaire.id, version=questionnaire.version)
        )
    return document, questionnaire


def _organisation_for(connection: Connection, user_id: int, document: Assessment) -> int:
    """The consultant's organisation with the file's name, sector, size class and demo flag, or a new one."""
    # The file's sector as a section letter when it names one ("Zorg", "care" -> "Q"); other text stays.
    wanted = document.organisation.model_copy(update={"sector": canonical(document.organisation.sector)})
    found = connection.execute(
        select(organisations.c.id)
        .where(
            organisations.c.owner_id == user_id,
            organisations.c.name == wanted.name,
            organisations.c.sector == wanted.sector,
            organisations.c.size_class == wanted.size_class,
            organisations.c.demo == document.demo,
        )
        .order_by(organisations.c.id)
    ).first()
    if found is not None:
        return found.id
    return connection.execute(
        insert(organisations)
        .values(
            owner_id=user_id,
            name=wanted.name,
            sector=wanted.sector,
            size_class=wanted.size_class,
            demo=document.demo,
            created_at=utcnow(),
        )
        .returning(organisations.c.id)
    ).scalar_one()


def import_assessment(
    engine: Engine,
    user_id: int,
    data: bytes,
    name: str = "import.json",
    *,
    organisation_id: int | None = None,
    installed: Mapping[tuple[str, int], Questionnaire] | None = None,
) -> AssessmentInfo:
    """Import one assessment file for consultant ``user_id``; returns the new assessment.

    It goes into ``organisation_id`` (which the consultant must own) or else
    into the consultant's organisation with the file's name, sector and size
    class, created if there is none. Respondents get new link tokens (links
    are never exported); issue them with ``reissue_link``.
    """
    document, questionnaire = check_import(data, name, installed)
    now = utcnow()
    with writing(engine) as connection:
        if organisation_id is not None:
            owned_organisation(connection, user_id, organisation_id)
        else:
            organisation_id = _organisation_for(connection, user_id, document)
        assessment_id = insert_assessment(
            connection,
            organisation_id,
            questionnaire,
            title=document.title,
            date=document.date,
            status=document.status,
            targets=document.targets,
        )
        rows = []
        keys = question_keys_of(connection, questionnaire)
        for respondent in document.respondents:
            respondent_id, _token = insert_respondent(
                connection, assessment_id, respondent.role, respondent.name, respondent.audiences
            )
            rows += [
                {
                    "respondent_id": respondent_id,
                    "question_key_id": keys[question_id],
                    "value": str(answer.value),
                    "reason": answer.reason,
                    "comment": answer.comment,
                    "evidence": str(answer.evidence) if answer.evidence is not None else None,
                    "updated_at": now,
                    "version": 1,
                }
                for question_id, answer in respondent.answers.items()
            ]
        if rows:
            connection.execute(insert(answers), rows)
        edits = [
            {
                "assessment_id": assessment_id,
                "step_key": key,
                "owner": edit.owner,
                "horizon": edit.horizon,
                "due": edit.due,
                "status": edit.status,
                "updated_at": now,
            }
            for key, edit in document.roadmap.items()
        ]
        if edits:
            connection.execute(insert(roadmap_edits), edits)
        for question_id, agreed in document.agreed.items():
            insert_agreed(connection, assessment_id, question_id, agreed)
        return info_from_row(owned_assessment(connection, user_id, assessment_id))
