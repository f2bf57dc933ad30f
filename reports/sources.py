"""The inputs of a report from the database: the assessment, branding, history, peers.

A thin shell over ``store``: it reads, the pure core scores. Peers are the
latest closed assessment of each *other* organisation of the same consultant
in the same sector, answered with the same questionnaire; the benchmark
withholds every figure with fewer than ``k`` of them.
"""

from __future__ import annotations

from sqlalchemy import Engine

from reports.build import ReportInputs
from reports.context import Branding
from scoring import score_assessment
from scoring.benchmark import DEFAULT_K, benchmark, peer_table


def inputs_from_store(
    engine: Engine, user_id: int, assessment_id: int, k: int = DEFAULT_K
) -> ReportInputs:
    """Everything the report of one assessment needs; ``store.errors.NotFound`` if not the user's."""
    from store.assessments import assessment_document, get_assessment, list_assessments
    from store.branding import get_branding
    from store.organisations import get_organisation, list_organisations

    assessment, questionnaire = assessment_document(engine, user_id, assessment_id)
    info = get_assessment(engine, user_id, assessment_id)
    organisation = get_organisation(engine, user_id, info.organisation_id)
    stored = get_branding(engine, user_id)
    branding = Branding.from_image(
        logo=stored.logo,
        logo_mime=stored.logo_mime,
        colour=stored.colour,
        consultant=stored.consultant_name,
        confidentiality=stored.confidentiality_label,
    )

    earlier = [
        other
        for other in list_assessments(engine, user_id, organisation.id)
        if other.id != assessment_id
        and other.status == "closed"
        and other.questionnaire_id == info.questionnaire_id
        and other.date < info.date
    ]
    history = []
    for other in sorted(earlier, key=lambda a: (a.date, a.id)):
        document, pinned = assessment_document(engine, user_id, other.id)
        history.append(score_assessment(document, pinned))

    peers = []
    for other_org in list_organisations(engine, user_id):
        if other_org.id == organisation.id or other_org.sector != organisation.sector:
            continue
        closed = [
            a
            for a in list_assessments(engine, user_id, other_org.id)
            if a.status == "closed" and a.questionnaire_id == info.questionnaire_id
        ]
        if closed:
            latest = max(closed, key=lambda a: (a.date, a.id))
            document, pinned = assessment_document(engine, user_id, latest.id)
            peers.append(score_assessment(document, pinned))
    result = score_assessment(assessment, questionnaire)
    return ReportInputs(
        assessment=assessment,
        questionnaire=questionnaire,
        branding=branding,
        benchmark=benchmark(result, peer_table(peers), k),
        peer_group=organisation.sector,
        history=tuple(history),
    )
