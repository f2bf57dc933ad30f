"""Downloads of the chosen assessment: one box per format of ``reports.build.RENDERERS``.

Each file is built only when its button is pressed (a callable ``data`` with
``on_click="ignore"``), so visiting the page costs nothing; the PDF takes a
few seconds and shows a spinner while it is made. Nor are the report inputs
read or scored before a button is pressed (``analysis.Analysis.inputs`` is
built on first use): a rerun of this page reads only the file names.
"""

from __future__ import annotations

import streamlit as st

from app_pages import analysis, common
from i18n import LANGUAGES
from reports.bounded import bounded_report_bytes
from reports.build import RENDERERS, ReportInputs, report_bytes


def _build(inputs: ReportInputs, fmt: str, lang: str) -> bytes:
    """Build one file when its button is pressed; the PDF takes seconds, so it shows a spinner."""
    if not RENDERERS[fmt].charts:  # a child with a time limit: a big workbook never holds up other users
        return bounded_report_bytes(inputs, fmt, lang)
    with st.spinner(common.formatter().text("reports.building")):
        return report_bytes(inputs, fmt, lang)


def render() -> None:
    fmt = common.formatter()
    user = common.require_user()
    data = analysis.load(user, common.require_assessment())
    st.title(fmt.text("reports.page"))
    st.caption(fmt.text("reports.intro"))
    report_lang = st.segmented_control(
        fmt.text("reports.language"), LANGUAGES, default=fmt.lang, key="reports_language",
        format_func=lambda code: fmt.text(f"language.{code}"),
    ) or fmt.lang
    for kind, renderer in RENDERERS.items():
        with st.container(border=True):
            st.markdown(f"**{fmt.text(f'reports.{kind}')}**")
            st.caption(fmt.text(f"reports.{kind}_help"))
            st.download_button(
                fmt.text(f"reports.download_{kind}"),
                data=lambda kind=kind: _build(data.inputs, kind, report_lang),
                file_name=data.file_name(kind),
                mime=renderer.mime,
                on_click="ignore",
                key=f"reports_{kind}",
                icon=renderer.icon,
                type="primary" if kind == "pdf" else "secondary",
            )


render()
