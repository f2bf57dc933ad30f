"""The default questionnaire's roadmap for an organisation at level 1 everywhere starts with the seed's key practices.

An organisation that does everything ad hoc must first hear: name the crisis
roles, keep an offline immutable back-up, test a restore, hold a first
tabletop exercise, switch on multi-factor authentication and arrange a
fallback channel. Weights, impacts, efforts and prerequisites of the
questionnaire decide that; this test keeps them honest.
"""

from __future__ import annotations

from questionnaires import load_questionnaire
from questionnaires.registry import DEFAULT_QUESTIONNAIRE
from scoring import score_assessment

KEY_PRACTICES = {
    "people.governance.crisis-roles": "named crisis roles",
    "technology.recovery.offline-immutable-backup": "an offline immutable back-up",
    "technology.recovery.restore-tests": "a restore test",
    "process.exercises.tabletop-board": "a first tabletop exercise",
    "technology.protection.multi-factor-authentication": "multi-factor authentication",
    "people.communication.fallback-channels": "a fallback communication channel",
}


def test_first_ten_steps_at_level_one_hold_the_key_practices(make) -> None:
    questionnaire = load_questionnaire(DEFAULT_QUESTIONNAIRE)
    everything_at_one = {"r1": {question.id: 1 for question in questionnaire.questions()}}
    result = score_assessment(make(questionnaire, everything_at_one), questionnaire)
    first_ten = result.roadmap[:10]
    assert all(step.horizon == "now" for step in first_ten)
    named = {step.question for step in first_ten}
    missing = [practice for qid, practice in KEY_PRACTICES.items() if qid not in named]
    assert missing == []
    # The first step of each is the climb to level 2, and its guidance is that step's work.
    for step in first_ten:
        assert step.level == 2
        assert step.guidance(questionnaire, "en")
    tabletop = next(step for step in first_ten if step.question == "process.exercises.tabletop-board")
    assert "first" in tabletop.guidance(questionnaire, "en").lower()
