"""Loading an assessment for the result pages: store → scored report inputs, nothing computed here.

The result pages (results, roadmap, benchmark, reports) all need the same
thing: the assessment as the file model, its pinned questionnaire, the scored
``Result``, the organisation's earlier results and the benchmark. That is
``reports.build.ReportInputs`` as ``reports.sources`` reads it (scored once);
the pages then show the report's own section models (``reports.sections``),
so screen and PDF say the same.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app_pages import common
from questionnaires import Questionnaire
from reports.build import ReportInputs
from reports.sources import inputs_from_store
from scoring.assessment import Assessment, RoadmapEdit
from scoring.results import Result


@dataclass(frozen=True)
class Analysis:
    assessment_id: int
    #: What the reports are made from (``reports.sources``): the same inputs on screen and in the PDF.
    inputs: ReportInputs

    @property
    def result(self) -> Result:
        return self.inputs.result

    @property
    def document(self) -> Assessment:
        return self.inputs.assessment

    @property
    def questionnaire(self) -> Questionnaire:
        return self.inputs.questionnaire

    @property
    def previous(self) -> Result | None:
        return self.inputs.previous


def load(user_id: int, assessment_id: int) -> Analysis:
    """The assessment with everything its result pages show, read through the store and scored once."""
    return Analysis(assessment_id, inputs_from_store(common.engine(), user_id, assessment_id))


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
