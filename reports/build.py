"""One entry point for the three downloads: PDF, Excel workbook and JSON file.

The app's reports page and ``veerkracht report`` both call
:func:`report_bytes`; scoring happens here, once, from the assessment, so the
three files always agree with each other and with the screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from questionnaires.models import Questionnaire
from scoring import score_assessment
from scoring.assessment import Assessment
from scoring.benchmark import Benchmark
from scoring.results import Result

if TYPE_CHECKING:  # not imported at run time: reports.context pulls in plotly
    from reports.context import Branding
    from reports.worker import PdfWorker

Format = Literal["pdf", "xlsx", "json"]
FORMATS: tuple[Format, ...] = ("pdf", "xlsx", "json")
MIME_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


@dataclass(frozen=True)
class ReportInputs:
    """Everything a report is made from besides the language and the format."""

    assessment: Assessment
    questionnaire: Questionnaire
    branding: Branding | None = None
    benchmark: Benchmark | None = None
    peer_group: str | None = None
    #: Earlier results of the same organisation and questionnaire, oldest first.
    history: Sequence[Result] = field(default_factory=tuple)


def file_name(inputs: ReportInputs, fmt: str) -> str:
    """A download name: organisation and date, only safe characters."""
    import re

    base = (
        re.sub(r"[^A-Za-z0-9]+", "-", inputs.assessment.organisation.name).strip("-")[:60]
        or "assessment"
    )
    return f"veerkracht-{base}-{inputs.assessment.date.isoformat()}.{fmt}"


def report_bytes(
    inputs: ReportInputs, fmt: str, lang: str, *, worker: PdfWorker | None = None
) -> bytes:
    """The report file in ``fmt`` ("pdf", "xlsx" or "json") and ``lang`` ("nl" or "en").

    A PDF failure raises ``reports.worker.ReportError`` with a plain message.
    """
    if fmt == "pdf":
        # Chromium (charts) and the PDF worker start in the background while we score.
        from reports.svg import start_browser
        from reports.worker import default_worker

        start_browser()
        (worker or default_worker()).launch()
    if fmt == "json":
        from reports.json_export import assessment_json_bytes

        return assessment_json_bytes(inputs.assessment, inputs.questionnaire)
    result = score_assessment(inputs.assessment, inputs.questionnaire)
    if fmt == "xlsx":
        from reports.excel import workbook_bytes

        return workbook_bytes(
            result, inputs.assessment, inputs.questionnaire, lang, benchmark=inputs.benchmark
        )
    if fmt == "pdf":
        from reports.context import build_context
        from reports.pdf import render_pdf

        context = build_context(
            result,
            inputs.assessment,
            inputs.questionnaire,
            lang,
            branding=inputs.branding,
            benchmark=inputs.benchmark,
            peer_group=inputs.peer_group,
            history=inputs.history,
        )
        return render_pdf(context, worker)
    raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
