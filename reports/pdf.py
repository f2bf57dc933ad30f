"""The PDF report: context → HTML (Jinja2) → PDF (WeasyPrint in a worker process).

The HTML is made here, in the calling process, where the warm browser
exports the charts to SVG; only the finished HTML crosses to the worker that
runs WeasyPrint with the safe fetcher and the limits (``reports.worker``).

Jinja2 runs with ``autoescape=True`` (``select_autoescape`` would leave
``.html.j2`` templates unescaped) and ``StrictUndefined`` (a misspelt field
fails the render instead of printing nothing). User text enters only as
values, never as template source, so ``{{ 7*7 }}`` typed by a user stays text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from i18n import t
from reports.charts import alt_text
from reports.context import ReportContext
from reports.svg import PAGE_WIDTH_PX, figures_svg, stop_browser, svg_data_url
from reports.worker import Limits, PdfWorker, RenderedPdf, ReportError, default_worker
from scoring.assessment import without_bidi_controls

TEMPLATES_DIR = Path(__file__).parent / "templates"
LOGGER = logging.getLogger(__name__)

__all__ = [
    "ReportError",
    "Limits",
    "RenderedPdf",
    "render_html",
    "render_pdf",
    "render_pdf_checked",
]


@cache
def environment() -> Environment:
    """The template environment (shared; Jinja2 environments are thread-safe once built)."""
    return Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )


#: Export width in CSS pixels of figures that print narrower than the text block,
#: so their lettering prints at the same size as that of full-width charts.
NARROW = {"radar": 300}


def chart_urls(context: ReportContext) -> dict[str, str]:
    """Every figure of the context as an SVG ``data:`` URL, exported by the warm browser.

    A browser that is missing, crashed or hung fails the report with a
    ``ReportError``, like a failed render: the caller handles one error type.
    A failed batch is tried once more in a fresh browser: on a loaded machine
    kaleido's page can take a figure before its script has loaded
    ("kaleido_scopes is not defined"), which a new page does not repeat.
    """
    names = list(context.figures)
    figures = [context.figures[name] for name in names]
    widths = [NARROW.get(name, PAGE_WIDTH_PX) for name in names]
    for attempt in (1, 2):
        try:
            svgs = figures_svg(figures, widths)
            break
        except Exception as error:
            stop_browser()  # the next attempt, or the next report, starts a fresh browser
            if attempt == 2:
                raise ReportError(f"the charts could not be drawn: {type(error).__name__}: {error}"[:500]) from error
            LOGGER.warning("chart export failed (%s); trying once more in a fresh browser", type(error).__name__)
    return {name: svg_data_url(svg) for name, svg in zip(names, svgs, strict=True)}


def chart_alts(context: ReportContext) -> dict[str, str]:
    """Every figure's alternative text by name, stating the numbers it draws (the PDF's /Alt of each chart)."""
    return {name: alt_text(figure) for name, figure in context.figures.items()}


def logo_alt(context: ReportContext) -> str:
    consultant = context.cover.branding.consultant
    if consultant:
        return t("report.alt.logo", context.lang, consultant=consultant)
    return t("report.alt.logo_plain", context.lang)


def render_html(context: ReportContext, charts: dict[str, str] | None = None) -> str:
    """The report as one HTML document with its charts embedded (no external resources)."""
    if charts is None:
        charts = chart_urls(context)
    template = environment().get_template("report.html.j2")
    html = template.render(
        r=context,
        charts=charts,
        alts=chart_alts(context),
        logo_alt=logo_alt(context),
        t=lambda key, **values: t(key, context.lang, **values),
    )
    # Bidirectional overrides and isolates come only from user text (our templates
    # have none): removed from the whole document, its title included, so
    # "Org\u202eevil" cannot print as "Orglive" anywhere in the PDF.
    return without_bidi_controls(html)


def render_pdf_checked(
    context: ReportContext, worker: PdfWorker | None = None, progress: Callable[[str], None] | None = None
) -> RenderedPdf:
    """The PDF with what the renderer refused and warned about; raises ReportError on failure.

    ``progress`` hears ``"charts"`` before the charts are exported and ``"layout"`` before WeasyPrint lays out.
    """
    step = progress or (lambda stage: None)
    step("charts")
    charts = chart_urls(context)
    step("layout")
    html = render_html(context, charts)
    rendered = (worker or default_worker()).render(html)
    for url in rendered.refused:
        LOGGER.warning("report renderer refused %s", url[:200])
    return rendered


def render_pdf(
    context: ReportContext, worker: PdfWorker | None = None, progress: Callable[[str], None] | None = None
) -> bytes:
    """The PDF report as bytes (``application/pdf``); raises ReportError on failure."""
    return render_pdf_checked(context, worker, progress).pdf
