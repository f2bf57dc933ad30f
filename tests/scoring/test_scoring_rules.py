"""One test per scoring rule of docs/scoring.md, with literal expected values."""

from __future__ import annotations

import pytest

from scoring import score_assessment
from scoring.lenses import lenses
from scoring.roadmap import priority, step_levels

CREW = "people.roles.crisis-team"
TABLE = "process.exercises.tabletop"
BACKUP = "technology.backup.offline"

LEAD = "people.roles.crisis-lead"
DEPUTIES = "people.roles.deputies"
PLAN = "process.plans.continuity-plan"
TABLETOP = "process.exercises.tabletop"
OFFLINE = "technology.backup.offline"
RESTORE = "technology.backup.restore-test"


# Question score -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        ([3], 3.0),
        ([1, 4], 2.5),
        ([0, 5, 2], 2.0),
        ([1, 2, 4, 5], 3.0),
        ([1, 1, 2, 5], 1.5),
        ([5, 0, 0, 4, 4], 4.0),
    ],
)
def test_question_score_is_the_median(small, make, levels, expected) -> None:
    answers = {f"r{i}": {CREW: level} for i, level in enumerate(levels)}
    assert score_assessment(make(small, answers), small).questions[CREW].score == expected


def test_na_and_dont_know_are_left_out_of_the_median(small, make) -> None:
    answers = {"a": {CREW: 1}, "b": {CREW: "na"}, "c": {CREW: "dont_know"}, "d": {CREW: 4}}
    question = score_assessment(make(small, answers), small).questions[CREW]
    assert (question.score, question.levels, question.na, question.dont_know) == (2.5, 2, 1, 1)


def test_a_question_everyone_marked_na_leaves_every_mean(worked, make) -> None:
    answers = {
        "a": {LEAD: 4, DEPUTIES: "na", PLAN: 1, TABLETOP: "na"},
        "b": {LEAD: 4, DEPUTIES: "na", PLAN: 1, TABLETOP: "na"},
    }
    result = score_assessment(make(worked, answers), worked)
    assert result.questions[DEPUTIES].score is None
    assert result.capabilities["people.roles"].score == 4.0
    assert result.pillars["people"].score == 4.0
    assert result.capabilities["process.exercises"].score is None
    assert result.capabilities["process.exercises"].level is None
    assert result.pillars["process"].score == 1.0
    assert result.pillars["technology"].score is None
    assert result.overall == 2.5
    assert result.balance == 3.0


def test_balance_needs_two_scored_pillars(worked, make) -> None:
    # Only people is answered: one pillar has no spread, so no balance (not a perfect 0).
    result = score_assessment(make(worked, {"a": {LEAD: 4, DEPUTIES: 2}}), worked)
    assert result.pillars["people"].score is not None
    assert result.overall is not None
    assert result.balance is None


# Capability, pillar, overall, balance -------------------------------------------


def test_weighted_mean_per_capability_and_pillar(worked, make) -> None:
    # crisis-lead weight 2 at 5, deputies weight 1 at 2: (10 + 2) / 3 = 4.
    # offline weight 2 at 1, restore-test weight 1 at 4: (2 + 4) / 3 = 2.
    answers = {"a": {LEAD: 5, DEPUTIES: 2, PLAN: 3, TABLETOP: 0, OFFLINE: 1, RESTORE: 4}}
    result = score_assessment(make(worked, answers), worked)
    assert result.capabilities["people.roles"].score == 4.0
    assert result.pillars["people"].score == 4.0
    assert result.pillars["process"].score == 1.5
    assert result.pillars["technology"].score == 2.0
    assert result.overall == 2.5
    assert result.balance == 2.5


def test_overall_is_the_mean_of_pillars_not_of_questions(worked, make) -> None:
    # Five questions at 4 in people and technology, one question at 0 in process.
    answers = {"a": {LEAD: 4, DEPUTIES: 4, PLAN: 0, TABLETOP: "na", OFFLINE: 4, RESTORE: 4}}
    result = score_assessment(make(worked, answers), worked)
    assert result.overall == pytest.approx(8 / 3)
    assert result.balance == 4.0


def test_nothing_scored_gives_none_everywhere(small, make) -> None:
    result = score_assessment(make(small, {"a": {CREW: "dont_know"}}), small)
    assert (result.overall, result.balance, result.confidence) == (None, None, 0.0)
    assert result.pillars["people"].score is None
    assert result.pillars["people"].gap is None
    assert result.roadmap == ()


# Gated level --------------------------------------------------------------------


def test_gated_level_is_the_floor_of_the_lowest_question(worked, make) -> None:
    answers = {"a": {LEAD: 5, DEPUTIES: 2, PLAN: 4}, "b": {LEAD: 5, DEPUTIES: 3, PLAN: 4}}
    result = score_assessment(make(worked, answers), worked)
    # deputies 2.5 is the weakest link: level 2, while the average is 4.17.
    assert result.capabilities["people.roles"].score == pytest.approx(12.5 / 3)
    assert result.capabilities["people.roles"].level == 2
    assert result.pillars["people"].level == 2
    assert result.pillars["process"].level == 4
    assert result.pillars["technology"].level is None


# Disagreement -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("levels", "disagreement", "flagged"),
    [([3], 0, False), ([2, 3], 1, False), ([1, 3], 2, True), ([0, 2, 5, "na"], 5, True)],
)
def test_disagreement_is_the_range_flagged_from_two(
    small, make, levels, disagreement, flagged
) -> None:
    answers = {f"r{i}": {CREW: level} for i, level in enumerate(levels)}
    question = score_assessment(make(small, answers), small).questions[CREW]
    assert (question.disagreement, question.flagged) == (disagreement, flagged)


def test_no_levels_no_disagreement(small, make) -> None:
    question = score_assessment(make(small, {"a": {CREW: "na"}}), small).questions[CREW]
    assert (question.disagreement, question.flagged) == (None, False)


# Confidence ---------------------------------------------------------------------


def test_confidence_counts_dont_know_and_unanswered_against_it(small, make) -> None:
    answers = {
        "a": {CREW: 3, TABLE: "dont_know", BACKUP: 2},
        "b": {CREW: "na", TABLE: 2},  # BACKUP unanswered
        "c": {},  # answered nothing yet: three unanswered
    }
    result = score_assessment(make(small, answers), small)
    # levels: 3; answers not N/A: 3 respondents x 3 questions - 1 N/A = 8.
    assert result.confidence == 3 / 8
    assert result.pillars["people"].confidence == 1 / 2
    assert result.pillars["process"].confidence == 1 / 3
    assert result.pillars["technology"].confidence == 1 / 3
    assert result.questions[BACKUP].unanswered == 2
    assert result.respondents == 3


def test_confidence_is_none_when_everything_is_na(small, make) -> None:
    result = score_assessment(make(small, {"a": {CREW: "na", TABLE: 1}}), small)
    assert result.pillars["people"].confidence is None
    assert result.pillars["process"].confidence == 1.0


# Targets and gaps ---------------------------------------------------------------


def test_targets_default_questionnaire_assessment_and_question(worked, make) -> None:
    answers = {"a": {LEAD: 1, DEPUTIES: 4, PLAN: 2, OFFLINE: 3, RESTORE: 3}}
    plain = score_assessment(make(worked, answers), worked)
    # people and process: 3 by default; technology: 3.5 from the questionnaire.
    assert [p.target for p in plain.pillars.values()] == [3.0, 3.0, 3.5]
    targets = {"pillars": {"people": 4.0}, "questions": {PLAN: 2.5, RESTORE: 5.0}}
    result = score_assessment(make(worked, answers, targets=targets), worked)
    assert [p.target for p in result.pillars.values()] == [4.0, 3.0, 3.5]
    assert result.questions[LEAD].target == 4.0
    assert result.questions[PLAN].target == 2.5
    assert result.questions[TABLETOP].target == 3.0
    assert result.questions[RESTORE].target == 5.0
    # capability target: weighted mean of its questions' targets (2 x 3.5 + 1 x 5) / 3.
    assert result.capabilities["technology.backup"].target == 4.0
    assert result.capabilities["process.plans"].target == 2.5


def test_gap_is_the_positive_part(worked, make) -> None:
    answers = {"a": {LEAD: 1, DEPUTIES: 4, PLAN: 3, OFFLINE: 3, RESTORE: 3}}
    result = score_assessment(make(worked, answers), worked)
    assert result.questions[LEAD].gap == 2.0
    assert result.questions[DEPUTIES].gap == 0.0
    assert result.questions[PLAN].gap == 0.0
    assert result.questions[OFFLINE].gap == 0.5
    assert result.questions[TABLETOP].gap is None
    assert result.pillars["people"].gap == 1.0  # (2 x 1 + 4) / 3 = 2
    assert result.pillars["process"].gap == 0.0


# Roadmap ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "target", "levels"),
    [
        (2.5, 4, [3, 4]),
        (2.0, 3, [3]),
        (3.0, 3, []),
        (3.5, 3, []),
        (0.0, 2.5, [1, 2, 3]),
        (4.5, 5, [5]),
    ],
)
def test_step_levels(score, target, levels) -> None:
    assert step_levels(score, target) == levels


@pytest.mark.parametrize(
    ("weight", "gap", "impact", "effort", "expected"),
    [(1, 1, "high", "low", 3.0), (2, 0.5, "medium", "high", 2 / 3), (1.5, 2, "low", "medium", 1.5)],
)
def test_priority(weight, gap, impact, effort, expected) -> None:
    assert priority(weight, gap, impact, effort) == pytest.approx(expected)


def test_roadmap_steps_carry_guidance(small, make) -> None:
    result = score_assessment(make(small, {"a": {BACKUP: 1}}), small)
    assert [s.key for s in result.roadmap] == [f"{BACKUP}@2", f"{BACKUP}@3", f"{BACKUP}@4"]
    step = result.roadmap[0]
    assert step.guidance(small, "en") == "Take a copy offline on a fixed day."
    assert step.guidance(small, "nl") == "Haal op een vaste dag een kopie offline."
    # medium effort, not a foundation: next, then later, later.
    assert [s.horizon for s in result.roadmap] == ["next", "later", "later"]
    assert result.roadmap[2].requires == (f"{BACKUP}@3",)
    assert {s.priority for s in result.roadmap} == {1.5 * 3 * 3 / 2}


def test_a_quick_win_starts_now(small, make) -> None:
    result = score_assessment(make(small, {"a": {CREW: 0}}), small)
    assert [(s.key, s.horizon) for s in result.roadmap] == [
        (f"{CREW}@1", "now"),
        (f"{CREW}@2", "next"),
        (f"{CREW}@3", "later"),
    ]


def test_a_step_is_never_earlier_than_what_it_requires(small, make) -> None:
    # tabletop at 0 requires the crisis-team steps at its levels; crisis-team is low effort.
    answers = {"a": {CREW: 0, TABLE: 0}}
    targets = {"questions": {CREW: 2.0, TABLE: 3.0}}
    result = score_assessment(make(small, answers, targets=targets), small)
    steps = {s.key: s for s in result.roadmap}
    assert steps[f"{TABLE}@1"].requires == (f"{CREW}@1",)
    assert steps[f"{TABLE}@2"].requires == (f"{TABLE}@1", f"{CREW}@2")
    assert steps[f"{TABLE}@3"].requires == (f"{TABLE}@2", f"{CREW}@2")
    assert {k: s.horizon for k, s in steps.items()} == {
        f"{CREW}@1": "now",
        f"{CREW}@2": "next",  # quick win, second step; also a foundation
        f"{TABLE}@1": "next",
        f"{TABLE}@2": "later",
        f"{TABLE}@3": "later",
    }
    assert steps[f"{CREW}@2"].foundation and steps[f"{CREW}@1"].foundation
    # prerequisites come first in the list
    keys = [s.key for s in result.roadmap]
    for step in result.roadmap:
        for needed in step.requires:
            assert keys.index(needed) < keys.index(step.key)


def test_requirements_push_a_quick_win_later(worked, make) -> None:
    # restore-test (low effort: a quick win) needs offline (medium effort) at each level.
    answers = {"a": {OFFLINE: 0, RESTORE: 1}}
    targets = {"questions": {OFFLINE: 3.5, RESTORE: 4.0}}
    result = score_assessment(make(worked, answers, targets=targets), worked)
    steps = {s.key: s for s in result.roadmap}
    assert steps[f"{RESTORE}@2"].requires == (f"{OFFLINE}@2",)
    assert steps[f"{RESTORE}@4"].requires == (f"{RESTORE}@3", f"{OFFLINE}@4")
    assert {k: (s.computed_horizon, s.quick_win, s.foundation) for k, s in steps.items()} == {
        f"{OFFLINE}@1": ("next", False, False),  # restore-test is already at 1
        f"{OFFLINE}@2": ("next", False, True),
        f"{OFFLINE}@3": ("later", False, True),
        f"{OFFLINE}@4": ("later", False, True),
        f"{RESTORE}@2": ("next", True, False),  # base now, pushed by offline@2
        f"{RESTORE}@3": ("later", True, False),  # base next, pushed by offline@3
        f"{RESTORE}@4": ("later", True, False),
    }
    assert [s.key for s in result.roadmap] == [
        f"{OFFLINE}@1",
        f"{OFFLINE}@2",
        f"{RESTORE}@2",
        f"{OFFLINE}@3",
        f"{OFFLINE}@4",
        f"{RESTORE}@3",
        f"{RESTORE}@4",
    ]


def test_consultant_edits_apply_to_a_step(small, make) -> None:
    roadmap = {
        f"{BACKUP}@3": {
            "horizon": "now",
            "owner": "IT",
            "due": "2026-06-30",
            "status": "in_progress",
        }
    }
    result = score_assessment(make(small, {"a": {BACKUP: 2}}, roadmap=roadmap), small)
    (three, four) = result.roadmap
    assert (three.key, three.horizon, three.computed_horizon) == (f"{BACKUP}@3", "now", "next")
    assert (three.owner, three.due.isoformat(), three.status) == ("IT", "2026-06-30", "in_progress")
    assert (four.horizon, four.owner, four.status) == ("later", None, "open")


def test_unscored_questions_yield_no_steps(small, make) -> None:
    result = score_assessment(make(small, {"a": {CREW: "dont_know", TABLE: "na"}}), small)
    assert result.roadmap == ()
    assert result.dont_know_questions() == [CREW]


# Lenses -------------------------------------------------------------------------


def test_lens_is_the_mean_per_reference(worked, make) -> None:
    answers = {"a": {LEAD: 1, PLAN: 4, TABLETOP: 2, OFFLINE: 3, RESTORE: "dont_know"}}
    result = score_assessment(make(worked, answers), worked)
    assert result.lenses == {
        "nis2": {"21(2)(c)": pytest.approx(8 / 3)},
        "dora": {"Art. 11": 3.0, "Art. 12": 3.0},
        "iso-22301": {"8.5": 2.0},
    }
    assert lenses(result.questions, worked) == result.lenses


# Summary (veerkracht score output) -----------------------------------------------


def test_summary_rounds_to_two_decimals(worked, make) -> None:
    answers = {"a": {LEAD: 5, DEPUTIES: 2, OFFLINE: 1, RESTORE: 2}}
    summary = score_assessment(make(worked, answers), worked).summary()
    assert summary["pillars"]["technology"] == {
        "score": 1.33,
        "level": 1,
        "target": 3.5,
        "gap": 2.17,
        "confidence": 1.0,
    }
    assert summary["pillars"]["process"]["score"] is None
    assert summary["overall"] == 2.67
    assert set(summary) >= {
        "overall",
        "balance",
        "confidence",
        "pillars",
        "capabilities",
        "questions",
    }
    assert set(summary["questions"][LEAD]) >= {
        "score",
        "levels",
        "na",
        "dont_know",
        "disagreement",
        "flagged",
        "target",
        "gap",
    }
    assert set(summary["roadmap"][0]) >= {"question", "level", "priority", "horizon", "requires"}


def test_lens_references_are_in_natural_order() -> None:
    from scoring.lenses import natural_key

    references = ["Art. 11", "GV.RR-10", "Art. 5", "GV.RR-02", "21(2)(j)", "21(2)(b)", "8.10", "8.4"]
    assert sorted(references, key=natural_key) == [
        "8.4", "8.10", "21(2)(b)", "21(2)(j)", "Art. 5", "Art. 11", "GV.RR-02", "GV.RR-10"
    ]
