"""The roadmap: every step as a table row, and the timeline of the first steps."""

from __future__ import annotations

from dataclasses import dataclass, field

from i18n.format import NO_VALUE, Formatter
from reports import chart_data, charts
from reports.build import ReportInputs
from reports.labels import labels
from reports.sections import Figures
from scoring.results import Result


@dataclass(frozen=True)
class StepRow:
    number: int
    key: str
    action: str
    question: str
    pillar: str
    level: str
    horizon: str
    horizon_short: str
    owner: str
    due: str
    status: str
    priority: str
    #: The effort under the column "Effort": "low" / "klein".
    effort: str = ""


@dataclass(frozen=True)
class RoadmapSection:
    steps: tuple[StepRow, ...]
    #: "The timeline shows the first 18 of 40 steps …", or "" when it shows them all.
    timeline_note: str
    #: Steps in the roadmap, also those a shortened section leaves out.
    total: int = 0
    #: What an empty roadmap means ("No steps yet: no question has been answered …"), "" with steps.
    empty: str = ""
    #: ``roadmap`` (the timeline) when there are steps.
    figures: Figures = field(default_factory=dict, compare=False)


#: Steps in the board edition's roadmap: table and timeline.
BOARD_STEPS = 10


def build(inputs: ReportInputs, fmt: Formatter, top: int | None = None) -> RoadmapSection:
    """Every step with the timeline of the first ``TIMELINE_STEPS``; or only the first ``top`` (board edition)."""
    result, questionnaire = inputs.result, inputs.questionnaire
    names = labels(questionnaire, fmt.lang)
    steps = tuple(
        StepRow(
            number=n,
            key=step.key,
            action=step.guidance(questionnaire, fmt.lang),
            question=names[step.question],
            pillar=names[step.pillar],
            level=str(step.level),
            horizon=fmt.text(f"report.horizon.{step.horizon}"),
            horizon_short=fmt.text(f"report.horizon_short.{step.horizon}"),
            owner=step.owner or NO_VALUE,
            due=fmt.date(step.due, "medium"),
            status=fmt.text(f"report.status.{step.status}"),
            priority=fmt.number(step.priority),
            effort=fmt.text(f"report.effort.{step.effort}"),
        )
        for n, step in enumerate(result.roadmap[:top], start=1)
    )
    total = len(result.roadmap)
    drawn = chart_data.TIMELINE_STEPS if top is None else top
    if top is not None and total > top:
        note = fmt.text("report.roadmap.board_note", shown=top, total=total)
    elif total > drawn:
        note = fmt.text("report.roadmap.timeline_first", shown=drawn, count=total)
    else:
        note = ""
    timeline = chart_data.roadmap_timeline(result, questionnaire, fmt.lang, drawn)
    figures = {} if timeline is None else {"roadmap": charts.roadmap_timeline(timeline, fmt)}
    empty = "" if total else empty_text(result, fmt)
    return RoadmapSection(steps=steps, timeline_note=note, total=total, empty=empty, figures=figures)


def empty_text(result: Result, fmt: Formatter) -> str:
    """Why there are no steps. "Every question meets its target" only when every question has a
    score: a draft with questions unanswered (or nothing answered) must not read as a clean bill."""
    unscored = sum(1 for question in result.questions.values() if question.score is None)
    if unscored == len(result.questions):
        return fmt.text("report.roadmap.empty_none")
    if unscored:
        return fmt.text("report.roadmap.empty_partial", count=unscored)
    return fmt.text("report.roadmap.empty")
