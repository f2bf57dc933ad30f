"""The roadmap: the steps that close the gaps, prioritised, ordered and phased.

The rule, exactly (``docs/scoring.md`` says the same in plain words):

1. A scored question with a gap yields one step per level from
   ``floor(score) + 1`` up to ``ceil(target)``; a step names the level it
   reaches and the questionnaire's guidance for reaching it.
2. Priority of every step of a question = weight × gap × impact ÷ effort, with
   low/medium/high = 1/2/3.
3. A step requires the step one level lower of the same question (when that is
   a step too), and, for every prerequisite question that has steps, that
   question's highest step at a level not above this step's level (a
   prerequisite must be at least as mature; if it already is, nothing is
   required from it).
4. Quick win: the question's effort is low. Foundation: a step of another
   question requires it.
5. Base horizon of the k-th step of a question (k = 0 for its lowest level):
   index ``min(k, 2)`` for a quick win or foundation, else ``min(k + 1, 2)``,
   where 0, 1, 2 = now, next, later.
6. A step moves to the latest horizon among the steps it requires, until
   nothing moves (a step is never earlier than a step it depends on).
7. The list is in dependency order: of the steps whose requirements are
   already listed, the next is the one with the earliest horizon, then the
   highest priority, then the earliest question in the questionnaire, then
   the lowest level.

A consultant's edit (``Assessment.roadmap``) may set a step's horizon, owner,
due date and status; ``computed_horizon`` keeps what the rules gave.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping

from questionnaires.models import Questionnaire
from scoring.assessment import RoadmapEdit
from scoring.results import HORIZONS, QuestionResult, RoadmapStep

ESTIMATE = {"low": 1, "medium": 2, "high": 3}


def step_key(question: str, level: int) -> str:
    return f"{question}@{level}"


def step_levels(score: float, target: float, top: int = 5) -> list[int]:
    """Levels a question at ``score`` must climb to reach ``target``."""
    if score >= target:
        return []
    return list(range(math.floor(score) + 1, min(math.ceil(target), top) + 1))


def priority(weight: float, gap: float, impact: str, effort: str) -> float:
    return weight * gap * ESTIMATE[impact] / ESTIMATE[effort]


def build_roadmap(
    questions: Mapping[str, QuestionResult],
    questionnaire: Questionnaire,
    edits: Mapping[str, RoadmapEdit] | None = None,
) -> tuple[RoadmapStep, ...]:
    """The roadmap of one assessment from its question results (rules in the module docstring)."""
    edits = edits or {}
    index = questionnaire.question_index()
    order = {qid: position for position, qid in enumerate(index)}
    top = max(level.level for level in questionnaire.scale)

    levels_of: dict[str, list[int]] = {}
    for qid, result in questions.items():
        if result.score is not None and result.gap:
            levels_of[qid] = step_levels(result.score, result.target, top)
    levels_of = {qid: levels for qid, levels in levels_of.items() if levels}

    requires: dict[str, list[str]] = {}
    for qid, levels in levels_of.items():
        question = index[qid][2]
        for k, level in enumerate(levels):
            needed = [step_key(qid, levels[k - 1])] if k else []
            for prerequisite in question.prerequisites:
                below = [lv for lv in levels_of.get(prerequisite, []) if lv <= level]
                if below:
                    needed.append(step_key(prerequisite, max(below)))
            requires[step_key(qid, level)] = needed

    foundations = {
        needed
        for key, needs in requires.items()
        for needed in needs
        if needed.split("@")[0] != key.split("@")[0]
    }
    horizon: dict[str, int] = {}
    for qid, levels in levels_of.items():
        quick_win = index[qid][2].effort == "low"
        for k, level in enumerate(levels):
            key = step_key(qid, level)
            lift = 0 if quick_win or key in foundations else 1
            horizon[key] = min(k + lift, 2)
    changed = True
    while changed:
        changed = False
        for key, needs in requires.items():
            latest = max((horizon[n] for n in needs), default=0)
            if latest > horizon[key]:
                horizon[key] = latest
                changed = True

    steps: dict[str, RoadmapStep] = {}
    for qid, levels in levels_of.items():
        pillar, capability, question = index[qid]
        result = questions[qid]
        assert result.gap is not None
        for level in levels:
            key = step_key(qid, level)
            edit = edits.get(key)
            computed = HORIZONS[horizon[key]]
            steps[key] = RoadmapStep(
                key=key,
                question=qid,
                capability=capability.id,
                pillar=pillar.id,
                level=level,
                priority=priority(question.weight, result.gap, question.impact, question.effort),
                horizon=edit.horizon if edit and edit.horizon else computed,
                computed_horizon=computed,
                requires=tuple(requires[key]),
                effort=question.effort,
                impact=question.impact,
                weight=float(question.weight),
                gap=result.gap,
                quick_win=question.effort == "low",
                foundation=key in foundations,
                owner=edit.owner if edit else None,
                due=edit.due if edit else None,
                status=edit.status if edit else "open",
            )

    def rank(step: RoadmapStep) -> tuple[int, float, int, int]:
        return (HORIZONS.index(step.horizon), -step.priority, order[step.question], step.level)

    waiting = {key: len(step.requires) for key, step in steps.items()}
    dependants: dict[str, list[str]] = {key: [] for key in steps}
    for key, step in steps.items():
        for needed in step.requires:
            dependants[needed].append(key)
    ready = [(rank(step), key) for key, step in steps.items() if not step.requires]
    heapq.heapify(ready)
    ordered: list[RoadmapStep] = []
    while ready:
        _, key = heapq.heappop(ready)
        ordered.append(steps[key])
        for dependant in dependants[key]:
            waiting[dependant] -= 1
            if waiting[dependant] == 0:
                heapq.heappush(ready, (rank(steps[dependant]), dependant))
    return tuple(ordered)
