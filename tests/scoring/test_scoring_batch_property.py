"""One implementation for one and for ten thousand: batch scores equal single scores.

Random assessments (N/A, don't know and unanswered included) are scored
together by ``score_batch`` and one by one by ``score_assessment``; every
figure must be identical. Both are also checked against a plain-Python
reading of the rules in docs/scoring.md, written independently here.
"""

from __future__ import annotations

import math
import statistics

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring import answers_table, respondent_counts, score_assessment, score_batch

ANSWER = st.one_of(st.none(), st.integers(0, 5), st.sampled_from(["na", "dont_know"]))


def same(batch_value: float, single_value: float | None) -> bool:
    if single_value is None:
        return math.isnan(batch_value)
    return batch_value == single_value


def close(value: float | None, expected: float | None) -> bool:
    if expected is None:
        return value is None
    return value is not None and math.isclose(value, expected, rel_tol=1e-12, abs_tol=1e-12)


def reference(questionnaire, answers):
    """The rules of docs/scoring.md, written out the slow, obvious way."""
    respondents = len(answers)
    scores, counts = {}, {}
    for question in questionnaire.questions():
        given_answers = [given.get(question.id) for given in answers.values()]
        levels = [a for a in given_answers if isinstance(a, int)]
        scores[question.id] = statistics.median(levels) if levels else None
        counts[question.id] = (len(levels), given_answers.count("na"))

    def block(questions):
        scored = [q for q in questions if scores[q.id] is not None]
        mean = (
            sum(q.weight * scores[q.id] for q in scored) / sum(q.weight for q in scored)
            if scored
            else None
        )
        level = math.floor(min(scores[q.id] for q in scored)) if scored else None
        denominator = respondents * len(questions) - sum(counts[q.id][1] for q in questions)
        confidence = sum(counts[q.id][0] for q in questions) / denominator if denominator else None
        return mean, level, confidence

    pillars = {
        p.id: block([q for c in p.capabilities for q in c.questions]) for p in questionnaire.pillars
    }
    capabilities = {c.id: block(c.questions) for p in questionnaire.pillars for c in p.capabilities}
    pillar_scores = [v[0] for v in pillars.values() if v[0] is not None]
    overall = sum(pillar_scores) / len(pillar_scores) if pillar_scores else None
    balance = max(pillar_scores) - min(pillar_scores) if len(pillar_scores) >= 2 else None
    confidence = block(list(questionnaire.questions()))[2]
    return scores, capabilities, pillars, overall, balance, confidence


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_batch_equals_single_equals_rules(worked, make, data) -> None:
    question_ids = [q.id for q in worked.questions()]
    sets = data.draw(
        st.lists(
            st.lists(st.lists(ANSWER, min_size=6, max_size=6), min_size=0, max_size=4),
            min_size=1,
            max_size=5,
        )
    )
    raw = {}
    assessments = {}
    for n, respondents in enumerate(sets):
        answers = {
            f"r{i}": {q: v for q, v in zip(question_ids, row, strict=True) if v is not None}
            for i, row in enumerate(respondents)
        }
        raw[f"a{n}"] = answers
        assessments[f"a{n}"] = make(worked, answers, organisation=f"org {n}")
    batch = score_batch(answers_table(assessments), worked, respondent_counts(assessments))
    assert list(batch.assessments) == list(assessments)
    for row, (key, assessment) in enumerate(assessments.items()):
        single = score_assessment(assessment, worked)
        for i, qid in enumerate(batch.layout.question_ids):
            question = single.questions[qid]
            assert same(batch.question_score[row, i], question.score)
            assert same(batch.question_disagreement[row, i], question.disagreement)
            assert batch.question_levels[row, i] == question.levels
            assert batch.question_na[row, i] == question.na
            assert batch.question_dont_know[row, i] == question.dont_know
            assert batch.question_unanswered[row, i] == question.unanswered
        for j, cid in enumerate(batch.layout.capability_ids):
            capability = single.capabilities[cid]
            assert same(batch.capability_score[row, j], capability.score)
            assert same(batch.capability_level[row, j], capability.level)
            assert same(batch.capability_confidence[row, j], capability.confidence)
        for j, pid in enumerate(batch.layout.pillar_ids):
            pillar = single.pillars[pid]
            assert same(batch.pillar_score[row, j], pillar.score)
            assert same(batch.pillar_level[row, j], pillar.level)
            assert same(batch.pillar_confidence[row, j], pillar.confidence)
        assert same(batch.overall[row], single.overall)
        assert same(batch.balance[row], single.balance)
        assert same(batch.confidence[row], single.confidence)

        scores, capabilities, pillars, overall, balance, confidence = reference(worked, raw[key])
        for qid, score in scores.items():
            assert close(single.questions[qid].score, score)
        for cid, (mean, level, conf) in capabilities.items():
            assert close(single.capabilities[cid].score, mean)
            assert single.capabilities[cid].level == level
            assert close(single.capabilities[cid].confidence, conf)
        for pid, (mean, level, conf) in pillars.items():
            assert close(single.pillars[pid].score, mean)
            assert single.pillars[pid].level == level
            assert close(single.pillars[pid].confidence, conf)
        assert close(single.overall, overall)
        assert close(single.balance, balance)
        assert close(single.confidence, confidence)


def test_batch_tables(worked, make) -> None:
    assessments = {
        "x": make(
            worked, {"a": {"people.roles.crisis-lead": 2}, "b": {"people.roles.crisis-lead": 4}}
        ),
        "y": make(worked, {"a": {"technology.backup.offline": "na"}}),
    }
    batch = score_batch(answers_table(assessments), worked, respondent_counts(assessments))
    assert batch.questions.loc[("x", "people.roles.crisis-lead"), "score"] == 3.0
    assert bool(batch.questions.loc[("x", "people.roles.crisis-lead"), "flagged"]) is True
    assert batch.questions.loc[("y", "technology.backup.offline"), "na"] == 1
    assert batch.pillars.loc[("x", "people"), "score"] == 3.0
    assert batch.capabilities.loc[("x", "people.roles"), "pillar"] == "people"
    assert batch.overview.loc["x", "overall"] == 3.0
    assert math.isnan(batch.overview.loc["y", "overall"])
    assert list(batch.wide().columns) == [
        "people",
        "process",
        "technology",
        "people.roles",
        "process.plans",
        "process.exercises",
        "technology.backup",
    ]


def test_batch_refuses_unknown_questions_and_bad_levels(worked) -> None:
    import pandas as pd
    import pytest

    table = pd.DataFrame(
        {
            "assessment": [1],
            "respondent": ["r"],
            "question": ["no.such.question"],
            "status": ["level"],
            "value": [2.0],
        }
    )
    with pytest.raises(ValueError, match="unknown question ids: no.such.question"):
        score_batch(table, worked)
    table = table.assign(question="people.roles.deputies", value=2.5)
    with pytest.raises(ValueError, match="whole number 0-5"):
        score_batch(table, worked)
    table = table.assign(value=2.0, status="maybe")
    with pytest.raises(ValueError, match="unknown answer statuses: maybe"):
        score_batch(table, worked)
