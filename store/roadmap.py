"""A consultant's edits to roadmap steps (owner, horizon, due date, status).

Steps themselves are computed by scoring from the gaps; only the edits are
stored, keyed ``QUESTION_ID@LEVEL``, so a recomputed roadmap keeps them.
"""

from __future__ import annotations

import re

from sqlalchemy import Engine, delete, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from scoring.assessment import STEP_KEY_PATTERN, RoadmapEdit
from store._util import utcnow
from store.assessments import owned_assessment
from store.engine import reading, writing
from store.errors import InvalidInput, problem
from store.pinned_questionnaires import pinned_question_ids
from store.schema import roadmap_edits

#: The same rule as the assessment file's roadmap keys, so import and app agree.
STEP_KEY = re.compile(STEP_KEY_PATTERN)


def get_roadmap_edits(engine: Engine, user_id: int, assessment_id: int) -> dict[str, RoadmapEdit]:
    with reading(engine) as connection:
        owned_assessment(connection, user_id, assessment_id)
        rows = connection.execute(
            select(roadmap_edits)
            .where(roadmap_edits.c.assessment_id == assessment_id)
            .order_by(roadmap_edits.c.step_key)
        ).all()
    return {
        row.step_key: RoadmapEdit(owner=row.owner, horizon=row.horizon, due=row.due, status=row.status) for row in rows
    }


def set_roadmap_edit(engine: Engine, user_id: int, assessment_id: int, step_key: str, edit: RoadmapEdit) -> None:
    """Store the edit of one step (replacing an earlier one); the step must be of this questionnaire."""
    if not isinstance(step_key, str) or STEP_KEY.match(step_key) is None:
        raise InvalidInput(problem("store.not_a_step", step=step_key))
    question = step_key.rpartition("@")[0]
    with writing(engine) as connection:
        row = owned_assessment(connection, user_id, assessment_id)
        if question not in pinned_question_ids(connection, assessment_id, row.questionnaire_hash):
            raise InvalidInput(problem("store.no_question", question=question))
        values = {
            "owner": edit.owner,
            "horizon": edit.horizon,
            "due": edit.due,
            "status": edit.status,
            "updated_at": utcnow(),
        }
        upsert = sqlite_insert if connection.dialect.name == "sqlite" else postgresql_insert
        connection.execute(
            upsert(roadmap_edits)
            .values(assessment_id=assessment_id, step_key=step_key, **values)
            .on_conflict_do_update(index_elements=["assessment_id", "step_key"], set_=values)
        )


def delete_roadmap_edit(engine: Engine, user_id: int, assessment_id: int, step_key: str) -> None:
    """Forget the edit: the step goes back to what scoring computes."""
    with writing(engine) as connection:
        owned_assessment(connection, user_id, assessment_id)
        connection.execute(
            delete(roadmap_edits).where(
                roadmap_edits.c.assessment_id == assessment_id, roadmap_edits.c.step_key == step_key
            )
        )
