"""Exports are linear in their size and built off the app's thread with a time limit (issue 12, item 2).

The figure itself comes from ``bench/export.py``; this test holds a generous
bound so a return of the quadratic export (1,000 respondents: > 10 minutes)
fails loudly, and checks that the bounded build stops when its time is up.
"""

from __future__ import annotations

import io
import time

import pytest
from openpyxl import load_workbook

from questionnaires import load_questionnaire
from questionnaires.registry import DEFAULT_QUESTIONNAIRE
from reports.bounded import ExportLimits, bounded_report_bytes
from reports.build import ReportInputs
from reports.sample import demo_assessment
from reports.worker import ReportError

#: Far more than an assessment may have (``scoring.assessment.RESPONDENTS``, bound by the PDF):
#: the size the issue measures the Excel export at.
RESPONDENTS = 1000


@pytest.fixture(scope="module")
def largest() -> ReportInputs:
    """1,000 respondents answering the whole default questionnaire (built with the model's checks skipped)."""
    questionnaire = load_questionnaire(DEFAULT_QUESTIONNAIRE)
    one = demo_assessment(questionnaire, respondents=10)
    people = tuple(
        person.model_copy(update={"id": f"{person.id}-{copy}"})
        for copy in range(RESPONDENTS // 10)
        for person in one.respondents
    )
    return ReportInputs(one.model_copy(update={"respondents": people}), questionnaire)


def test_1000_respondents_export_to_excel_in_a_bounded_child_well_within_the_bound(
    largest: ReportInputs,
) -> None:
    start = time.perf_counter()
    data = bounded_report_bytes(largest, "xlsx", "en")
    took = time.perf_counter() - start
    assert took < 30, f"Excel export of {RESPONDENTS} respondents took {took:.1f} s (target 10 s)"
    sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    rows = sum(1 for _ in sheet.iter_rows(min_row=2, values_only=True))
    assert rows == RESPONDENTS * largest.questionnaire.question_count


def test_a_bounded_export_that_runs_out_of_time_is_stopped_with_a_plain_error(largest: ReportInputs) -> None:
    start = time.perf_counter()
    with pytest.raises(ReportError, match=r"took longer than 0.5 s and was stopped"):
        bounded_report_bytes(largest, "xlsx", "en", ExportLimits(timeout_s=0.5))
    assert time.perf_counter() - start < 5


def test_a_failing_export_is_a_report_error_not_a_traceback(largest: ReportInputs) -> None:
    with pytest.raises(ReportError, match="could not be made"):
        bounded_report_bytes(largest, "nonsense", "en")
