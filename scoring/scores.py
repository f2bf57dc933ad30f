"""Scoring one assessment: the batch core on a one-assessment table, plus targets.

``score_assessment`` is what the app, the reports and ``veerkracht score``
call. It builds the long answers table of ``scoring.batch`` for this one
assessment, so its numbers are by construction the numbers the batch path
gives, then adds what belongs to one assessment: targets and gaps, the
roadmap and the regulatory lenses.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping

import numpy as np
import pandas as pd

from questionnaires.models import Questionnaire
from scoring.assessment import Assessment
from scoring.audiences import asked_counts, audience_scores, only_asked, perception_findings
from scoring.batch import Layout, score_batch
from scoring.lenses import lenses
from scoring.results import Agreed, CapabilityResult, PerceptionGap, PillarResult, QuestionResult, Result
from scoring.roadmap import build_roadmap

#: Target of a pillar that neither the assessment nor the questionnaire names.
DEFAULT_TARGET = 3.0


def answers_table(
    assessments: Mapping[Hashable, Assessment] | Iterable[tuple[Hashable, Assessment]],
) -> pd.DataFrame:
    """The long answers table (``scoring.batch``) of the given assessments."""
    items = assessments.items() if isinstance(assessments, Mapping) else assessments
    rows: dict[str, list[object]] = {
        k: [] for k in ("assessment", "respondent", "question", "status", "value")
    }
    for key, assessment in items:
        for respondent in assessment.respondents:
            for question, answer in respondent.answers.items():
                rows["assessment"].append(key)
                rows["respondent"].append(respondent.id)
                rows["question"].append(question)
                if isinstance(answer.value, int):
                    rows["status"].append("level")
                    rows["value"].append(float(answer.value))
                else:
                    rows["status"].append(answer.value)
                    rows["value"].append(np.nan)
    frame = pd.DataFrame(rows)
    frame["value"] = frame["value"].astype(float)
    return frame


def respondent_counts(
    assessments: Mapping[Hashable, Assessment] | Iterable[tuple[Hashable, Assessment]],
) -> pd.Series:
    """Respondents per assessment, including those who answered nothing yet."""
    items = assessments.items() if isinstance(assessments, Mapping) else assessments
    counts = {key: len(assessment.respondents) for key, assessment in items}
    return pd.Series(counts, dtype="int64")


def pillar_targets(assessment: Assessment, questionnaire: Questionnaire) -> dict[str, float]:
    """Target per pillar: the assessment's, else the questionnaire's default, else 3."""
    return {
        pillar.id: float(
            assessment.targets.pillars.get(
                pillar.id, questionnaire.targets.get(pillar.id, DEFAULT_TARGET)
            )
        )
        for pillar in questionnaire.pillars
    }


def _num(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def _int(value: float) -> int | None:
    return None if math.isnan(value) else int(value)


def _gap(target: float, score: float | None) -> float | None:
    return None if score is None else max(target - score, 0.0)


def score_assessment(assessment: Assessment, questionnaire: Questionnaire) -> Result:
    """Score one assessment against the questionnaire it pins.

    The caller resolves the questionnaire (``assessments.file`` does for
    files); answers to question ids the questionnaire lacks raise
    ``ValueError``.
    """
    layout = Layout.of(questionnaire)
    assessment = only_asked(assessment, questionnaire)
    agreed = pd.DataFrame(
        {
            "assessment": [0] * len(assessment.agreed),
            "question": list(assessment.agreed),
            "value": [float(a.value) if isinstance(a.value, int) else np.nan for a in assessment.agreed.values()],
        }
    )
    batch = score_batch(
        answers_table({0: assessment}),
        layout,
        respondent_counts({0: assessment}),
        asked=asked_counts([assessment], questionnaire),
        agreed=agreed,
    )
    index = questionnaire.question_index()
    p_targets = pillar_targets(assessment, questionnaire)

    questions: dict[str, QuestionResult] = {}
    for i, qid in enumerate(layout.question_ids):
        pillar, capability, question = index[qid]
        score = _num(batch.question_score[0, i])
        target = float(assessment.targets.questions.get(qid, p_targets[pillar.id]))
        disagreement = _int(batch.question_disagreement[0, i])
        agreed_answer = assessment.agreed.get(qid)
        questions[qid] = QuestionResult(
            id=qid,
            capability=capability.id,
            pillar=pillar.id,
            weight=float(question.weight),
            score=score,
            levels=int(batch.question_levels[0, i]),
            na=int(batch.question_na[0, i]),
            dont_know=int(batch.question_dont_know[0, i]),
            unanswered=int(batch.question_unanswered[0, i]),
            disagreement=disagreement,
            flagged=disagreement is not None and disagreement >= 2 and agreed_answer is None,
            target=target,
            gap=_gap(target, score),
            asked=int(batch.question_asked[0, i]),
            median=_num(batch.question_median[0, i]),
            agreed=None if agreed_answer is None else Agreed.model_validate(agreed_answer.model_dump()),
        )

    capabilities: dict[str, CapabilityResult] = {}
    for j, cid in enumerate(layout.capability_ids):
        members = [q for q in questions.values() if q.capability == cid]
        target = sum(q.weight * q.target for q in members) / sum(q.weight for q in members)
        score = _num(batch.capability_score[0, j])
        capabilities[cid] = CapabilityResult(
            id=cid,
            pillar=layout.capability_pillar[j],
            score=score,
            level=_int(batch.capability_level[0, j]),
            target=target,
            gap=_gap(target, score),
            confidence=_num(batch.capability_confidence[0, j]),
        )

    pillars: dict[str, PillarResult] = {}
    for j, pid in enumerate(layout.pillar_ids):
        score = _num(batch.pillar_score[0, j])
        pillars[pid] = PillarResult(
            id=pid,
            score=score,
            level=_int(batch.pillar_level[0, j]),
            target=p_targets[pid],
            gap=_gap(p_targets[pid], score),
            confidence=_num(batch.pillar_confidence[0, j]),
        )

    by_audience = audience_scores(assessment, questionnaire)
    gaps = tuple(
        PerceptionGap(kind=kind, id=item, high_audience=high, high_score=hs, low_audience=low, low_score=ls)
        for kind, item, high, hs, low, ls in perception_findings(by_audience)
    )
    return Result(
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        organisation=assessment.organisation.name,
        sector=assessment.organisation.sector,
        size_class=assessment.organisation.size_class,
        date=assessment.date,
        demo=assessment.demo,
        respondents=len(assessment.respondents),
        overall=_num(batch.overall[0]),
        balance=_num(batch.balance[0]),
        confidence=_num(batch.confidence[0]),
        pillars=pillars,
        capabilities=capabilities,
        questions=questions,
        roadmap=build_roadmap(questions, questionnaire, assessment.roadmap),
        lenses=lenses(questions, questionnaire),
        pillar_audiences=by_audience.pillars,
        capability_audiences=by_audience.capabilities,
        perception_gaps=gaps,
    )
