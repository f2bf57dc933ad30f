"""One entry point for the downloads, and the one list of report formats.

The app's reports page and ``veerkracht report`` both call
:func:`report_bytes`. :class:`ReportInputs` carries the scored ``Result``
with the assessment, so a download scores once (where the inputs were made)
and the files agree with each other and with the screen.

``RENDERERS`` maps each format to its renderer, MIME type and icon; the
command line's ``--format`` choices, the reports page's download boxes and
``MIME_TYPES`` are all read from it, so a new format is added here alone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from i18n.format import Formatter, formatter

#: The PDF's editions: ``board`` (at most 8 pages, the default download) and ``full`` (everything).
EDITIONS: tuple[str, ...] = ("board", "full")
DEFAULT_EDITION = "board"
#: The stages a PDF goes through, in order, for a progress display (``report_bytes(progress=…)``).
STAGES: tuple[str, ...] = ("data", "charts", "layout", "done")

if TYPE_CHECKING:  # for type hints only: the command line reads FORMATS without loading scoring (pandas)
    from questionnaires.models import Questionnaire
    from reports.branding import Branding
    from reports.worker import PdfWorker
    from scoring.assessment import Assessment
    from scoring.benchmark import Benchmark
    from scoring.results import Result
    from scoring.trend import ComparableHistory


@dataclass(frozen=True)
class ReportInputs:
    """Everything a report is made from besides the language and the format, scored.

    ``result`` is scored from the assessment when not given; whoever already
    scored it (``reports.sources`` scores it to choose the peers) passes it on.
    """

    assessment: Assessment
    questionnaire: Questionnaire
    branding: Branding | None = None
    benchmark: Benchmark | None = None
    #: The peer group in words for the text: the sector, or "sector, size class" when narrowed to it.
    peer_group: str | None = None
    #: The organisation's assessments scored on one basis for the trend (``scoring.trend.comparable_history``).
    history: ComparableHistory | None = None
    result: Result = None  # type: ignore[assignment]  # filled in __post_init__

    def __post_init__(self) -> None:
        if self.result is None:
            from scoring.scores import score_assessment

            object.__setattr__(self, "result", score_assessment(self.assessment, self.questionnaire))

    @property
    def previous(self) -> Result | None:
        """The previous assessment's result on the trend's basis, the one changes are measured against."""
        return self.history.previous if self.history else None

    @property
    def compared(self) -> Result:
        """This assessment's result on the trend's basis: the whole result unless versions differ."""
        return self.history.current if self.history else self.result


#: Called with each stage of ``STAGES`` as a PDF reaches it.
Progress = Callable[[str], None]


def warm_up(worker: PdfWorker | None = None) -> None:
    """Start Chromium (charts) and the PDF worker in the background, so the next PDF starts warm.

    Returns at once; the reports page calls it when it opens.
    """
    from reports.svg import start_browser
    from reports.worker import default_worker

    start_browser()
    (worker or default_worker()).launch()


def _pdf(
    inputs: ReportInputs,
    fmt: Formatter,
    worker: PdfWorker | None,
    edition: str = DEFAULT_EDITION,
    progress: Progress | None = None,
) -> bytes:
    # Chromium (charts) and the PDF worker start in the background while the context is built.
    from reports.context import build_context
    from reports.pdf import render_pdf

    warm_up(worker)
    step = progress or (lambda stage: None)
    step("data")
    pdf = render_pdf(build_context(inputs, fmt, edition), worker, progress=step)
    step("done")
    return pdf


def _xlsx(inputs: ReportInputs, fmt: Formatter, worker: PdfWorker | None) -> bytes:
    from reports.excel import workbook_bytes

    return workbook_bytes(inputs, fmt)


def _pptx(inputs: ReportInputs, fmt: Formatter, worker: PdfWorker | None) -> bytes:
    from reports.slides import slides_bytes

    return slides_bytes(inputs, fmt)


def _json(inputs: ReportInputs, fmt: Formatter, worker: PdfWorker | None) -> bytes:
    from reports.json_export import assessment_json_bytes

    return assessment_json_bytes(inputs.assessment, inputs.questionnaire)


@dataclass(frozen=True)
class Renderer:
    """How one format is made and offered: the function, its MIME type, the icon of its download box."""

    render: Callable[..., bytes]
    mime: str
    icon: str
    #: The renderer takes ``edition`` and ``progress`` keywords (the PDF).
    editions: bool = False
    #: Draws charts with this process's warm browser (``reports.svg``), so it is built here; the others
    #: are plain Python, built in a bounded child (``reports.bounded``), where Chromium cannot start.
    charts: bool = False


RENDERERS: Mapping[str, Renderer] = MappingProxyType(
    {
        "pdf": Renderer(_pdf, "application/pdf", ":material/picture_as_pdf:", editions=True, charts=True),
        "xlsx": Renderer(
            _xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ":material/table:"
        ),
        "pptx": Renderer(
            _pptx,
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            ":material/slideshow:",
            charts=True,
        ),
        "json": Renderer(_json, "application/json", ":material/data_object:"),
    }
)
FORMATS: tuple[str, ...] = tuple(RENDERERS)
MIME_TYPES: Mapping[str, str] = MappingProxyType({fmt: renderer.mime for fmt, renderer in RENDERERS.items()})


def file_name(inputs: ReportInputs, fmt: str) -> str:
    """A download name: organisation and date, only safe characters."""
    return download_name(inputs.assessment.organisation.name, inputs.assessment.date, fmt)


def download_name(organisation: str, date: dt.date, fmt: str) -> str:
    """``file_name`` from the organisation's name and the assessment's date alone (no inputs built)."""
    base = re.sub(r"[^A-Za-z0-9]+", "-", organisation).strip("-")[:60] or "assessment"
    return f"veerkracht-{base}-{date.isoformat()}.{fmt}"


def report_bytes(
    inputs: ReportInputs,
    fmt: str,
    lang: str | Formatter,
    *,
    worker: PdfWorker | None = None,
    edition: str = DEFAULT_EDITION,
    progress: Progress | None = None,
) -> bytes:
    """The report file in ``fmt`` (one of ``FORMATS``) and a language of ``i18n.LANGUAGES``.

    The PDF comes in an ``edition`` of ``EDITIONS`` (the board edition unless
    asked) and reports each of ``STAGES`` to ``progress`` as it reaches it.
    A PDF failure raises ``reports.worker.ReportError`` with a plain message.
    """
    renderer = RENDERERS.get(fmt)
    if renderer is None:
        raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if edition not in EDITIONS:
        raise ValueError(f"unknown edition {edition!r}; choose one of {', '.join(EDITIONS)}")
    language = lang if isinstance(lang, Formatter) else formatter(lang)
    if renderer.editions:
        return renderer.render(inputs, language, worker, edition=edition, progress=progress)
    return renderer.render(inputs, language, worker)
