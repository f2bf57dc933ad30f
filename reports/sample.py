"""A deterministic demo assessment: for the report preview, the benchmark and tests.

It is marked ``demo`` so every page of its report says so. Answers are drawn
from a seeded generator around a per-question "true" level, with respondents
disagreeing now and then, some comments, evidence links, a few "don't know"
and "not applicable" answers, and owners on the first roadmap steps: enough
to fill every part of the report the way a real assessment would.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from questionnaires.models import Questionnaire
from scoring.assessment import Answer, Assessment, Organisation, QuestionnaireRef, Respondent

if TYPE_CHECKING:
    from reports.build import ReportInputs

ROLES = ("CISO", "IT-manager", "Business-continuity manager", "HR-adviseur", "Operations lead")
COMMENTS = (
    "Vastgelegd in het beleid, maar nog niet geoefend.",
    "Alleen voor de kritieke systemen.",
    "Done by the service desk; no written procedure yet.",
    "Checked during the last audit.",
)


def demo_assessment(
    questionnaire: Questionnaire,
    *,
    respondents: int = 3,
    seed: int = 7,
    date: dt.date = dt.date(2026, 3, 2),
    shift: float = 0.0,
    organisation: str = "Demo Zorggroep Noord",
    embed: bool = True,
) -> Assessment:
    """A closed demo assessment with every question answered by every respondent.

    ``shift`` moves every "true" level (an earlier assessment of the same
    organisation: ``shift=-0.8`` and an earlier ``date``).
    """
    rng = random.Random(seed)
    truth = {
        q.id: min(5.0, max(0.0, rng.uniform(0.8, 4.2) + shift)) for q in questionnaire.questions()
    }
    people = []
    for number in range(respondents):
        answers: dict[str, Answer] = {}
        for question in questionnaire.questions():
            draw = rng.random()
            if draw < 0.03:
                answers[question.id] = Answer(value="dont_know")
            elif draw < 0.05:
                answers[question.id] = Answer(value="na", reason="Uitbesteed aan de leverancier.")
            else:
                level = round(
                    truth[question.id] + rng.choice((-1, 0, 0, 0, 0, 1)) + rng.uniform(-0.4, 0.4)
                )
                level = min(5, max(0, level))
                comment = rng.choice(COMMENTS) if rng.random() < 0.12 else None
                evidence = (
                    f"https://intranet.example.org/docs/{question.id.replace('.', '/')}"
                    if rng.random() < 0.08
                    else None
                )
                answers[question.id] = Answer(value=level, comment=comment, evidence=evidence)
        people.append(
            Respondent(id=f"r{number + 1}", role=ROLES[number % len(ROLES)], answers=answers)
        )
    return Assessment(
        organisation=Organisation(name=organisation, sector="Q", size_class="250-999"),
        title=None,
        date=date,
        status="closed",
        demo=True,
        questionnaire=QuestionnaireRef(
            id=questionnaire.id,
            version=questionnaire.version,
            embedded=questionnaire if embed else None,
        ),
        respondents=tuple(people),
    )


def sample_inputs(questionnaire: Questionnaire, baseline: Questionnaire | None = None) -> ReportInputs:
    """A complete sample report's inputs: the demo assessment, an earlier one, six peers, branding.

    Used for the README's sample report (``docs/images``) and for looking at
    every part of the report at once. ``baseline``, an earlier version of the
    questionnaire, answers the earlier assessment, so the trend is across versions.
    """
    from reports.build import ReportInputs
    from reports.context import Branding
    from scoring import score_assessment
    from scoring.benchmark import benchmark, peer_table
    from scoring.trend import comparable_history

    current = demo_assessment(questionnaire)
    earlier_questionnaire = baseline or questionnaire
    earlier = demo_assessment(earlier_questionnaire, seed=3, shift=-0.7, date=dt.date(2025, 3, 3))
    peers = [
        score_assessment(
            demo_assessment(questionnaire, seed=100 + i, organisation=f"Demo peer {i}", shift=(i - 3) * 0.3),
            questionnaire,
        )
        for i in range(6)
    ]
    # A consultant has started on the roadmap: owners and a status on the first steps.
    from scoring.assessment import RoadmapEdit

    first = score_assessment(current, questionnaire).roadmap[:4]
    owners = ("Directeur bedrijfsvoering", "CISO", "ICT-manager", "CISO")
    statuses = ("in_progress", "open", "done", "open")
    current = current.model_copy(
        update={
            "roadmap": {
                step.key: RoadmapEdit(owner=owner, status=status, due=dt.date(2026, 6, 30))
                for step, owner, status in zip(first, owners, statuses, strict=False)
            }
        }
    )
    result = score_assessment(current, questionnaire)
    return ReportInputs(
        assessment=current,
        questionnaire=questionnaire,
        branding=Branding(consultant="Adviesbureau Veerkracht (demo)", colour="#1d6f8a"),
        benchmark=benchmark(result, peer_table(peers)),
        peer_group="Q",
        history=comparable_history((current, questionnaire), [(earlier, earlier_questionnaire)]),
    )
