"""Reports: the charts, the PDF, the Excel workbook and the JSON export of an assessment.

Public names, by job (imported lazily: the PDF worker process imports this
package and must not pay for plotly and pandas):

- ``report_bytes(inputs, fmt, lang) -> bytes`` with ``ReportInputs`` (scored
  once), ``RENDERERS``, ``FORMATS``, ``MIME_TYPES``, ``file_name``: the downloads (``build``).
- ``inputs_from_store(engine, user_id, assessment_id) -> ReportInputs`` (``sources``),
  kept between reruns; ``peer_candidates`` (``peers``): the peers' scores from one batch.
- ``build_context(inputs, lang) -> ReportContext`` (``context``): the cover and the
  sections of ``reports.sections``, whose chart data comes from ``chart_data``;
  ``Branding`` (``branding``).
- ``render_pdf(context) -> bytes``, ``render_pdf_checked``, ``render_html``,
  ``ReportError`` (``pdf``, ``worker``).
- ``workbook_bytes`` (``excel``), ``assessment_json_bytes`` (``json_export``).
- Charts, one per function, each returning a ``plotly.graph_objects.Figure``
  with the explicit template ``theme.TEMPLATE``: ``pillar_radar``,
  ``capability_bars``, ``benchmark_bands``, ``roadmap_timeline``,
  ``trend_chart``, ``disagreement_heatmap`` (``charts``), each taking a frame
  and an ``i18n.format.Formatter``.
- ``SafeFetcher`` (``fetcher``), ``PdfWorker`` and ``Limits`` (``worker``),
  ``demo_assessment`` (``sample``).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_WHERE = {
    "report_bytes": "build",
    "ReportInputs": "build",
    "FORMATS": "build",
    "RENDERERS": "build",
    "MIME_TYPES": "build",
    "file_name": "build",
    "inputs_from_store": "sources",
    "peer_candidates": "peers",
    "build_context": "context",
    "Branding": "branding",
    "ReportContext": "context",
    "render_pdf": "pdf",
    "render_pdf_checked": "pdf",
    "render_html": "pdf",
    "ReportError": "worker",
    "PdfWorker": "worker",
    "Limits": "worker",
    "workbook_bytes": "excel",
    "assessment_json_bytes": "json_export",
    "pillar_radar": "charts",
    "capability_bars": "charts",
    "benchmark_bands": "charts",
    "roadmap_timeline": "charts",
    "trend_chart": "charts",
    "disagreement_heatmap": "charts",
    "SafeFetcher": "fetcher",
    "demo_assessment": "sample",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(f"reports.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'reports' has no attribute {name!r}")
