"""Loading an assessment's scores for the result pages: store → scoring, nothing computed here.

The result pages (results, roadmap, benchmark, reports) all need the same
thing: the assessment as the file model, its pinned questionnaire, the scored
``Result``, and the organisation's earlier results for the trend. This module
fetches them through the store and scores them with ``scoring``; it adds no
arithmetic of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from app_pages import common
from questionnaires import Questionnaire, localized
from scoring.assessment import Assessment
from scoring.results import Result
from scoring.scores import score_assessment
from store import assessments


@dataclass(frozen=True)
class Analysis:
    assessment_id: int
    document: Assessment
    questionnaire: Questionnaire
    result: Result
    #: Earlier assessments of the same organisation with the same questionnaire, oldest first.
    history: tuple[Result, ...]

    @property
    def previous(self) -> Result | None:
        return self.history[-1] if self.history else None


def load(user_id: int, assessment_id: int) -> Analysis:
    engine = common.engine()
    document, questionnaire = assessments.assessment_document(engine, user_id, assessment_id)
    result = score_assessment(document, questionnaire)
    info = assessments.get_assessment(engine, user_id, assessment_id)
    history: list[Result] = []
    for other in assessments.list_assessments(engine, user_id, info.organisation_id):
        if other.id == assessment_id or other.questionnaire_id != info.questionnaire_id:
            continue
        if (other.date, other.id) >= (info.date, info.id):
            continue
        earlier, earlier_questionnaire = assessments.assessment_document(engine, user_id, other.id)
        history.append(score_assessment(earlier, earlier_questionnaire))
    return Analysis(assessment_id, document, questionnaire, result, tuple(history))


def question_numbers(questionnaire: Questionnaire) -> dict[str, int]:
    """Question id → its number in the questionnaire (1-based), the short label charts use."""
    return {question.id: n for n, question in enumerate(questionnaire.questions(), start=1)}


def respondent_levels(analysis: Analysis, lang: str) -> pd.DataFrame:
    """Respondents × questions with each given level (NaN for N/A, don't know, unanswered).

    Rows are respondents (labelled by role, numbered when roles repeat),
    columns the question numbers of the questions anyone answered.
    """
    numbers = question_numbers(analysis.questionnaire)
    labels: list[str] = []
    rows: list[dict[str, float]] = []
    for n, respondent in enumerate(analysis.document.respondents, start=1):
        labels.append(f"{n}. {respondent.role}")
        rows.append(
            {
                str(numbers[qid]): float(answer.value) if isinstance(answer.value, int) else float("nan")
                for qid, answer in respondent.answers.items()
                if qid in numbers
            }
        )
    frame = pd.DataFrame(rows, index=labels)
    ordered = [str(n) for n in sorted(numbers.values()) if str(n) in frame.columns]
    return frame.reindex(columns=ordered).astype(float)


def names(questionnaire: Questionnaire, lang: str) -> dict[str, str]:
    """Localised names of pillars, capabilities and question texts by id."""
    found: dict[str, str] = {}
    for pillar in questionnaire.pillars:
        found[pillar.id] = localized(pillar.name, lang)
        for capability in pillar.capabilities:
            found[capability.id] = localized(capability.name, lang)
            for question in capability.questions:
                found[question.id] = localized(question.text, lang)
    return found
