"""Trend between two results of one organisation and questionnaire."""

from __future__ import annotations

import pytest

from scoring import score_assessment, trend

LEAD = "people.roles.crisis-lead"
PLAN = "process.plans.continuity-plan"
OFFLINE = "technology.backup.offline"


def test_change_per_pillar_capability_and_overall(worked, make) -> None:
    before = score_assessment(make(worked, {"a": {LEAD: 1, PLAN: 2}}, date="2025-01-10"), worked)
    after = score_assessment(
        make(worked, {"a": {LEAD: 3, PLAN: 2, OFFLINE: 4}}, date="2026-01-10"), worked
    )
    change = trend(before, after)
    assert change.pillars == {"people": 2.0, "process": 0.0, "technology": None}
    assert change.capabilities == {
        "people.roles": 2.0,
        "process.plans": 0.0,
        "process.exercises": None,
        "technology.backup": None,
    }
    assert change.overall == pytest.approx(3.0 - 1.5)
    assert (change.previous_date, change.current_date) == ("2025-01-10", "2026-01-10")


def test_trend_needs_one_organisation_and_questionnaire(worked, small, make) -> None:
    ours = score_assessment(make(worked, {"a": {LEAD: 1}}), worked)
    theirs = score_assessment(make(worked, {"a": {LEAD: 1}}, organisation="Other"), worked)
    with pytest.raises(ValueError, match="one organisation"):
        trend(ours, theirs)
    other_questionnaire = score_assessment(make(small, {"a": {}}), small)
    with pytest.raises(ValueError, match="one questionnaire"):
        trend(ours, other_questionnaire)
