"""Loading an assessment's scores for the result pages: store → scoring, nothing computed here.

The result pages (results, roadmap, benchmark, reports) all need the same
thing: the assessment as the file model, its pinned questionnaire, the scored
``Result``, and the organisation's earlier results for the trend. This module
fetches them through the store and scores them with ``scoring``; it adds no
arithmetic of its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from app_pages import common
from questionnaires import Questionnaire, localized
from reports.build import ReportInputs, report_bytes
from reports.sources import inputs_from_store
from scoring.assessment import Assessment, RoadmapEdit
from scoring.benchmark import Benchmark
from scoring.results import Result
from scoring.scores import score_assessment


@dataclass(frozen=True)
class Analysis:
    assessment_id: int
    #: What the reports are made from (``reports.sources``): the same inputs on screen and in the PDF.
    inputs: ReportInputs
    result: Result

    @property
    def document(self) -> Assessment:
        return self.inputs.assessment

    @property
    def questionnaire(self) -> Questionnaire:
        return self.inputs.questionnaire

    @property
    def history(self) -> tuple[Result, ...]:
        """Earlier closed assessments of the organisation with the same questionnaire, oldest first."""
        return tuple(self.inputs.history)

    @property
    def previous(self) -> Result | None:
        return self.history[-1] if self.history else None

    @property
    def benchmark(self) -> Benchmark | None:
        return self.inputs.benchmark

    @property
    def peers(self) -> int:
        """Organisations in the peer group (the most that any measure has)."""
        figures = self.benchmark.figures.values() if self.benchmark else ()
        return max((figure.peers for figure in figures), default=0)


def load(user_id: int, assessment_id: int) -> Analysis:
    """The assessment with everything its result pages show, read through the store and scored."""
    inputs = inputs_from_store(common.engine(), user_id, assessment_id)
    return Analysis(assessment_id, inputs, score_assessment(inputs.assessment, inputs.questionnaire))


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


def roadmap_edits(steps: list[dict], changes: dict) -> dict[str, RoadmapEdit]:
    """The edits a change of the roadmap table asks for, by step key.

    ``steps`` are the table's rows as drawn (each with ``key``, ``owner``,
    ``horizon``, ``due``, ``status``); ``changes`` is ``st.data_editor``'s
    ``edited_rows`` (row position → changed columns, dates as ISO text).
    Raises ``ValueError`` (pydantic's) for a value the file model refuses.
    """
    edits: dict[str, RoadmapEdit] = {}
    for row, edited in changes.items():
        step = {**steps[int(row)], **edited}
        due = step.get("due")
        if isinstance(due, str):
            due = dt.date.fromisoformat(due[:10]) if due else None
        edits[step["key"]] = RoadmapEdit(
            owner=(step.get("owner") or "").strip() or None,
            horizon=step.get("horizon") or None,
            due=due,
            status=step.get("status") or "open",
        )
    return edits


def export(user_id: int, assessment_id: int, fmt: str, lang: str) -> bytes:
    """One download ("pdf", "xlsx" or "json"), made by ``reports`` from the stored assessment."""
    return report_bytes(inputs_from_store(common.engine(), user_id, assessment_id), fmt, lang)
