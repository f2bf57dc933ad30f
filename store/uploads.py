"""Questionnaires a consultant uploaded: kept per consultant so they survive refresh and restart.

An upload is validated by the one questionnaire loader before it gets here.
Id and version name one text for good: uploading a different text under an
id and version already stored is refused (raise the version instead), the
same rule that keeps old assessments rendering as they were answered.
"""

from __future__ import annotations

from sqlalchemy import Engine, delete, insert, select

from questionnaires.models import Questionnaire
from store._util import utcnow
from store.engine import reading, writing
from store.errors import InvalidInput, NotFound, problem
from store.organisations import clean_text
from store.pinned_questionnaires import canonical_json, questionnaire_from_json
from store.schema import uploaded_questionnaires as table


def save_uploaded_questionnaire(engine: Engine, user_id: int, questionnaire: Questionnaire, file_name: str) -> bool:
    """Keep a validated upload for the consultant; ``False`` when that exact text is already kept."""
    name = clean_text(file_name, "file_name", limit=255)
    text = canonical_json(questionnaire)
    digest = questionnaire.content_hash()
    with writing(engine) as connection:
        stored = connection.execute(
            select(table.c.questionnaire_hash).where(
                table.c.owner_id == user_id,
                table.c.questionnaire_id == questionnaire.id,
                table.c.questionnaire_version == questionnaire.version,
            )
        ).scalar_one_or_none()
        if stored == digest:
            return False
        if stored is not None:
            taken = problem("store.upload_version_taken", id=questionnaire.id, version=questionnaire.version)
            raise InvalidInput(taken)
        connection.execute(
            insert(table).values(
                owner_id=user_id,
                questionnaire_id=questionnaire.id,
                questionnaire_version=questionnaire.version,
                questionnaire_hash=digest,
                questionnaire_json=text,
                file_name=name,
                uploaded_at=utcnow(),
            )
        )
    return True


def list_uploaded_questionnaires(engine: Engine, user_id: int) -> dict[tuple[str, int], Questionnaire]:
    """The consultant's uploads by (id, version), oldest first."""
    with reading(engine) as connection:
        rows = connection.execute(
            select(table.c.questionnaire_json).where(table.c.owner_id == user_id).order_by(table.c.id)
        ).all()
    found = [questionnaire_from_json(row.questionnaire_json) for row in rows]
    return {(questionnaire.id, questionnaire.version): questionnaire for questionnaire in found}


def delete_uploaded_questionnaire(engine: Engine, user_id: int, questionnaire_id: str, version: int) -> None:
    """Forget an upload; assessments made from it keep their own pinned copy."""
    with writing(engine) as connection:
        deleted = connection.execute(
            delete(table).where(
                table.c.owner_id == user_id,
                table.c.questionnaire_id == questionnaire_id,
                table.c.questionnaire_version == version,
            )
        ).rowcount
    if not deleted:
        raise NotFound(problem("store.no_upload", id=questionnaire_id, version=version))
