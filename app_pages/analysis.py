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
from functools import cached_property
from typing import TYPE_CHECKING

from app_pages import common
from questionnaires import Questionnaire
from reports.build import ReportInputs, download_name
from reports.sources import inputs_from_store
from scoring.assessment import Assessment, RoadmapEdit
from scoring.results import Result

if TYPE_CHECKING:
    from sqlalchemy import Engine


@dataclass(frozen=True)
class Analysis:
    """An assessment's result pages' data; the report inputs are read and scored on first use only.

    The reports page asks for nothing but a file name until a download is
    pressed, so it builds no inputs before a report is asked for.
    """

    assessment_id: int
    user_id: int
    engine: Engine

    @cached_property
    def inputs(self) -> ReportInputs:
        """What the reports are made from (``reports.sources``): the same inputs on screen and in the PDF."""
        return inputs_from_store(self.engine, self.user_id, self.assessment_id)

    @cached_property
    def _named(self) -> tuple[str, dt.date]:
        from store.assessments import get_assessment
        from store.organisations import get_organisation

        info = get_assessment(self.engine, self.user_id, self.assessment_id)
        return get_organisation(self.engine, self.user_id, info.organisation_id).name, info.date

    def file_name(self, kind: str) -> str:
        """The download name of a report, from the assessment's organisation and date (no inputs built)."""
        return download_name(*self._named, kind)

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
    """The assessment with everything its result pages show, read through the store and scored once, when used."""
    return Analysis(assessment_id, user_id, common.engine())


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
