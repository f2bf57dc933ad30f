"""The audience and workshop rules of docs/scoring.md (rules 13-16), one test per rule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from questionnaires import load_questionnaire
from questionnaires.models import Questionnaire
from scoring import score_assessment
from scoring.assessment import AgreedAnswer, Answer, Assessment, Organisation, QuestionnaireRef, Respondent
from scoring.audiences import PERCEPTION_GAP

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CRISIS, DEPUTIES, PLAN, TABLETOP, OFFLINE, RESTORE = (
    "people.roles.crisis-lead",
    "people.roles.deputies",
    "process.plans.continuity-plan",
    "process.exercises.tabletop",
    "technology.backup.offline",
    "technology.backup.restore-test",
)


@pytest.fixture(scope="module")
def worked() -> Questionnaire:
    return load_questionnaire(FIXTURES / "worked-example.yaml")


def assessment(*respondents: Respondent, agreed: dict | None = None) -> Assessment:
    return Assessment(
        organisation=Organisation(name="O", sector="s", size_class="1-9"),
        date=dt.date(2026, 1, 1),
        questionnaire=QuestionnaireRef(id="worked-example", version=1),
        respondents=respondents,
        agreed=agreed or {},
    )


def person(rid: str, audiences: tuple[str, ...] = (), **levels: int | str) -> Respondent:
    names = {
        "crisis": CRISIS,
        "deputies": DEPUTIES,
        "plan": PLAN,
        "tabletop": TABLETOP,
        "offline": OFFLINE,
        "restore": RESTORE,
    }
    answers = {
        names[key]: Answer(value=value, reason="n/a here" if value == "na" else None) for key, value in levels.items()
    }
    return Respondent(id=rid, role="role", audiences=audiences, answers=answers)


def test_a_question_not_asked_is_neither_answered_nor_unanswered(worked) -> None:
    # The manager is not asked the technology questions and answers nothing there.
    result = score_assessment(
        assessment(person("it", ("ict",), offline=2, restore=2), person("mgr", ("management",), crisis=3)), worked
    )
    offline = result.questions[OFFLINE]
    assert (offline.asked, offline.levels, offline.unanswered) == (1, 1, 0)
    # Technology confidence: 2 levels of 2 asked answers (the manager's are not counted against it).
    assert result.pillars["technology"].confidence == 1.0
    # The same answers without audiences: the manager is asked (and left unanswered) everything.
    everyone = score_assessment(assessment(person("it", offline=2, restore=2), person("mgr", crisis=3)), worked)
    assert everyone.pillars["technology"].confidence == 0.5
    assert everyone.questions[OFFLINE].unanswered == 1


def test_an_answer_to_a_question_not_asked_is_left_out(worked) -> None:
    result = score_assessment(assessment(person("mgr", ("management",), crisis=3, offline=5)), worked)
    assert result.questions[OFFLINE].score is None
    assert result.questions[OFFLINE].levels == 0


def test_coverage_and_not_covered(worked) -> None:
    # Only management respondents: the two ICT-only questions are asked of nobody.
    result = score_assessment(assessment(person("a", ("management",), crisis=2), person("b", ("management",))), worked)
    assert result.not_covered_questions() == [OFFLINE, RESTORE]
    assert not result.questions[OFFLINE].covered
    assert (result.questions[CRISIS].levels, result.questions[CRISIS].asked) == (1, 2)
    assert result.pillars["technology"].score is None
    assert result.pillars["technology"].confidence is None


def test_without_audiences_everything_is_asked_and_scores_as_before(worked) -> None:
    plain = worked.model_copy(update={"audiences": ()})
    plain = Questionnaire.model_validate(
        {
            **plain.model_dump(),
            "pillars": [
                {
                    **p,
                    "capabilities": [
                        {**c, "questions": [{**q, "audiences": ()} for q in c["questions"]]} for c in p["capabilities"]
                    ],
                }
                for p in plain.model_dump()["pillars"]
            ],
        }
    )
    result = score_assessment(assessment(person("a", crisis=2, offline=4), person("b", crisis=4)), plain)
    assert result.not_covered_questions() == []
    assert all(q.asked == 2 for q in result.questions.values())
    assert result.perception_gaps == ()
    assert "asked" not in result.summary()["questions"][CRISIS]
    assert "perception_gaps" not in result.summary()


@pytest.mark.parametrize(("ict", "finding"), [(1, True), (2, True), (3, False)])
def test_a_perception_gap_of_one_and_a_half_levels_is_a_finding(worked, ict, finding) -> None:
    # People pillar: management 3.5 (crisis 4, deputies 2.5 → (2*4 + 2.5)/3 = 3.5); ICT 1, 2 (exactly 1.5 apart) or 3.
    respondents = (
        person("m1", ("management",), crisis=4, deputies=2),
        person("m2", ("management",), crisis=4, deputies=3),
        person("i1", ("ict",), crisis=ict, deputies=ict),
    )
    result = score_assessment(assessment(*respondents), worked)
    assert result.pillar_audiences["people"] == {"management": 3.5, "ict": float(ict)}
    gaps = [g for g in result.perception_gaps if g.id == "people"]
    assert bool(gaps) == finding
    assert PERCEPTION_GAP == 1.5
    if ict == 1:
        (gap,) = gaps
        assert (gap.high_audience, gap.high_score, gap.low_audience, gap.low_score) == ("management", 3.5, "ict", 1.0)
        assert gap.difference == 2.5


def test_a_respondent_without_audiences_is_in_no_audience(worked) -> None:
    result = score_assessment(assessment(person("all", crisis=1), person("m", ("management",), crisis=5)), worked)
    assert result.pillar_audiences["people"] == {"management": 5.0}
    assert result.perception_gaps == ()


def test_an_agreed_level_takes_the_place_of_the_median(worked) -> None:
    respondents = (person("a", crisis=1, offline=1), person("b", crisis=4, offline=4))
    before = score_assessment(assessment(*respondents), worked)
    agreed = {CRISIS: AgreedAnswer(value=3, rationale="We agreed: the lead is written down.", by="c@example.org")}
    after = score_assessment(assessment(*respondents, agreed=agreed), worked)
    crisis = after.questions[CRISIS]
    assert (before.questions[CRISIS].score, crisis.score, crisis.median) == (2.5, 3.0, 2.5)
    assert (crisis.disagreement, crisis.levels, crisis.flagged, before.questions[CRISIS].flagged) == (3, 2, False, True)
    assert crisis.agreed is not None and crisis.agreed.rationale.startswith("We agreed")
    assert after.settled_questions() == [CRISIS]
    # Everything above the question follows, the roadmap too; confidence does not change.
    assert after.capabilities["people.roles"].score == 3.0
    assert after.confidence == before.confidence
    assert "people.roles.crisis-lead@3" in [s.key for s in before.roadmap]
    assert "people.roles.crisis-lead@3" not in [s.key for s in after.roadmap]


def test_an_agreed_not_applicable_leaves_the_question_unscored(worked) -> None:
    agreed = {OFFLINE: AgreedAnswer(value="na", reason="No on-premises data.", rationale="All in SaaS.")}
    result = score_assessment(assessment(person("a", offline=1, restore=2), agreed=agreed), worked)
    assert result.questions[OFFLINE].score is None
    assert result.questions[OFFLINE].median == 1.0
    assert result.pillars["technology"].score == 2.0
    with pytest.raises(ValueError, match="needs a reason"):
        AgreedAnswer(value="na", rationale="x")
    with pytest.raises(ValueError):
        AgreedAnswer(value=2, rationale="")
