"""Trend across questionnaire versions: only what the newer version declares comparable is compared."""

from __future__ import annotations

import pytest

from questionnaires.models import Comparison, Questionnaire
from scoring import score_assessment
from scoring.trend import comparable_history

CREW = "people.roles.crisis-team"
TABLE = "process.exercises.tabletop"
BACKUP = "technology.backup.offline"
RENAMED = "technology.backup.offline-immutable"


def version_two(small: Questionnaire) -> Questionnaire:
    """The small questionnaire as a version 2: the back-up question renamed, the tabletop rewritten."""
    technology = small.pillars[2]
    capability = technology.capabilities[0]
    question = capability.questions[0].model_copy(update={"id": RENAMED})
    technology = technology.model_copy(
        update={"capabilities": (capability.model_copy(update={"questions": (question,)}),)}
    )
    comparison = Comparison(
        version=1,
        questions={CREW: CREW, RENAMED: BACKUP},  # the tabletop question changed meaning: not listed
        capabilities={"people.roles": "people.roles", "technology.backup": "technology.backup"},
    )
    return small.model_copy(
        update={"version": 2, "pillars": (*small.pillars[:2], technology), "comparable_with": (comparison,)}
    )


def test_same_version_scores_the_whole_questionnaire(small, make) -> None:
    before = make(small, {"a": {CREW: 1, TABLE: 1, BACKUP: 1}}, date="2025-01-10")
    now = make(small, {"a": {CREW: 2, TABLE: 4, BACKUP: 3}}, date="2026-01-10")
    history = comparable_history((now, small), [(before, small)])
    assert history.shared_questions is None
    assert history.versions == (1, 1)
    assert history.current == score_assessment(now, small)
    assert history.change().overall == pytest.approx(score_assessment(now, small).overall - 1.0)


def test_across_versions_only_shared_questions_count(small, make) -> None:
    newer = version_two(small)
    before = make(small, {"a": {CREW: 1, TABLE: 0, BACKUP: 1}}, date="2025-01-10")
    now = make(newer, {"a": {CREW: 3, TABLE: 5, RENAMED: 4}}, date="2026-01-10")
    history = comparable_history((now, newer), [(before, small)])
    assert history.versions == (1, 2)
    assert (history.shared_questions, history.total_questions) == (2, 3)
    change = history.change()
    # The rewritten tabletop question (0 → 5) is not a change of the organisation.
    assert change.pillars == {"people": 2.0, "technology": 3.0}
    assert change.overall == pytest.approx(2.5)
    assert set(history.previous.questions) == {CREW, RENAMED}


def test_a_version_not_declared_comparable_is_left_out(small, make) -> None:
    newer = version_two(small).model_copy(update={"comparable_with": ()})
    before = make(small, {"a": {CREW: 1}}, date="2025-01-10")
    now = make(newer, {"a": {CREW: 3}}, date="2026-01-10")
    history = comparable_history((now, newer), [(before, small)])
    assert history.left_out == 1
    assert history.previous is None and history.change() is None
    assert history.shared_questions is None


def test_a_capability_that_changed_meaning_is_not_compared(small, make) -> None:
    newer = version_two(small)
    comparison = newer.comparable_with[0].model_copy(update={"capabilities": {"people.roles": "people.roles"}})
    newer = newer.model_copy(update={"comparable_with": (comparison,)})
    before = make(small, {"a": {CREW: 1, BACKUP: 1}}, date="2025-01-10")
    now = make(newer, {"a": {CREW: 2, RENAMED: 5}}, date="2026-01-10")
    history = comparable_history((now, newer), [(before, small)])
    assert history.shared_questions == 1
    assert history.change().capabilities == {"people.roles": 1.0}
