"""The assessments a result is compared with: the organisation's earlier ones and its peers.

Peers are drawn from the consultant's own client organisations only: a
consultant never sees, even aggregated, what another consultant's clients
answered. Which of them form the peer group (sector, size class, k) is
decided by ``scoring.benchmark.select_peers``; this module only reads.
"""

from __future__ import annotations

from sqlalchemy import Engine, select

from questionnaires.models import Questionnaire
from scoring import assessment as model
from store.assessments import documents_from_connection, owned_assessment
from store.engine import reading
from store.schema import assessments, organisations

Document = tuple[model.Assessment, Questionnaire]


def comparison_documents(engine: Engine, user_id: int, assessment_id: int) -> tuple[list[Document], list[Document]]:
    """``(history, peer candidates)`` for one assessment, in one consistent snapshot.

    History: the same organisation's closed assessments on the same
    questionnaire id dated before this one, oldest first. Peer candidates: for
    every other organisation of the consultant, its latest closed assessment on
    the same questionnaire id and version.
    """
    with reading(engine) as connection:
        own = owned_assessment(connection, user_id, assessment_id)
        closed = connection.execute(
            select(
                assessments.c.id,
                assessments.c.organisation_id,
                assessments.c.assessment_date,
                assessments.c.questionnaire_version,
            )
            .join(organisations, organisations.c.id == assessments.c.organisation_id)
            .where(
                organisations.c.owner_id == user_id,
                assessments.c.status == "closed",
                assessments.c.id != assessment_id,
                assessments.c.questionnaire_id == own.questionnaire_id,
            )
            .order_by(assessments.c.assessment_date, assessments.c.id)
        ).all()
        history = [
            row.id
            for row in closed
            if row.organisation_id == own.organisation_id and row.assessment_date < own.assessment_date
        ]
        latest: dict[int, int] = {}
        for row in closed:  # ordered by date: the last one seen per organisation is its latest
            if row.organisation_id != own.organisation_id and row.questionnaire_version == own.questionnaire_version:
                latest[row.organisation_id] = row.id
        # One read of every table for all of them, however many peers there are.
        documents = documents_from_connection(connection, [*history, *latest.values()])
        return documents[: len(history)], documents[len(history) :]
