"""Audiences in scoring: who was asked what, and where audiences see the organisation differently.

Pure functions over the assessment file model; ``docs/scoring.md``
("Audiences and the workshop") states the rules:

- A respondent is asked the questions of their audiences (every question when
  they have none, or when the questionnaire declares none). A question not
  asked of a respondent is neither answered nor unanswered: it leaves their
  confidence, and an answer they gave to it anyway (their audiences changed
  afterwards) is left out.
- A question's coverage is how many of the respondents it was asked of gave a
  level; a question asked of nobody is *not covered*.
- **Perception gap**: per capability and pillar, the score of each audience,
  computed by the same rules from the answers of that audience's respondents
  alone (before any workshop). Two audiences whose scores differ by
  ``PERCEPTION_GAP`` levels or more make a finding, stated with the highest
  and the lowest audience ("management 3.5, ICT 1.5").
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from questionnaires.models import Questionnaire
from scoring.assessment import Assessment, Respondent
from scoring.batch import Layout, score_batch

#: A difference between two audiences' scores of at least this many levels is a finding.
PERCEPTION_GAP = 1.5


def asked_questions(respondent: Respondent, questionnaire: Questionnaire) -> list[str]:
    """Ids of the questions ``respondent`` is asked, in questionnaire order."""
    return [question.id for question in questionnaire.questions_for(respondent.audiences)]


def only_asked(assessment: Assessment, questionnaire: Questionnaire) -> Assessment:
    """The assessment with every answer to a question not asked of its respondent left out."""
    if not questionnaire.audiences or not any(r.audiences for r in assessment.respondents):
        return assessment
    respondents = []
    for respondent in assessment.respondents:
        asked = set(asked_questions(respondent, questionnaire))
        kept = {qid: answer for qid, answer in respondent.answers.items() if qid in asked}
        respondents.append(
            respondent if len(kept) == len(respondent.answers) else respondent.model_copy(update={"answers": kept})
        )
    return assessment.model_copy(update={"respondents": tuple(respondents)})


def asked_counts(assessments: list[Assessment], questionnaire: Questionnaire) -> np.ndarray:
    """Respondents each question was asked of: an ``(A, Q)`` array in questionnaire order."""
    questions = list(questionnaire.questions())
    counts = np.zeros((len(assessments), len(questions)), dtype=np.int64)
    for a, assessment in enumerate(assessments):
        for respondent in assessment.respondents:
            counts[a] += np.fromiter(
                (q.asked_of(respondent.audiences) for q in questions), dtype=bool, count=len(questions)
            )
    return counts


class AudienceScores:
    """Scores per audience: ``capabilities[capability_id][audience_id]`` and ``pillars[...]``."""

    def __init__(self, capabilities: dict[str, dict[str, float]], pillars: dict[str, dict[str, float]]) -> None:
        self.capabilities = capabilities
        self.pillars = pillars


def audience_scores(assessment: Assessment, questionnaire: Questionnaire) -> AudienceScores:
    """Per capability and pillar, the score of each audience that has one (respondents' answers only)."""
    from scoring.scores import answers_table  # scores imports this module

    assessment = only_asked(assessment, questionnaire)
    groups = {
        audience.id: assessment.model_copy(
            update={"respondents": tuple(r for r in assessment.respondents if audience.id in r.audiences), "agreed": {}}
        )
        for audience in questionnaire.audiences
    }
    groups = {key: group for key, group in groups.items() if group.respondents}
    if not groups:
        return AudienceScores({}, {})
    layout = Layout.of(questionnaire)
    keys = list(groups)
    counts = asked_counts([groups[key] for key in keys], questionnaire)
    table = answers_table(groups)
    respondents = pd.Series({key: len(groups[key].respondents) for key in keys}, dtype="int64")
    batch = score_batch(table, layout, respondents, asked=counts)

    def per(ids: tuple[str, ...], scores: np.ndarray) -> dict[str, dict[str, float]]:
        return {
            item: {key: float(scores[a, j]) for a, key in enumerate(keys) if not np.isnan(scores[a, j])}
            for j, item in enumerate(ids)
        }

    return AudienceScores(
        per(layout.capability_ids, batch.capability_score), per(layout.pillar_ids, batch.pillar_score)
    )


def perception_findings(
    scores: AudienceScores,
) -> list[tuple[Literal["capability", "pillar"], str, str, float, str, float]]:
    """``(kind, id, high audience, high score, low audience, low score)`` where the gap is ``PERCEPTION_GAP`` or more.

    Pillars first, then capabilities, each in questionnaire order; ties go to the audience declared first.
    """
    found = []
    for kind, table in (("pillar", scores.pillars), ("capability", scores.capabilities)):
        for item, by_audience in table.items():
            if len(by_audience) < 2:
                continue
            high = max(by_audience, key=lambda key: by_audience[key])
            low = min(by_audience, key=lambda key: by_audience[key])
            if by_audience[high] - by_audience[low] >= PERCEPTION_GAP - 1e-9:
                found.append((kind, item, high, by_audience[high], low, by_audience[low]))
    return found
