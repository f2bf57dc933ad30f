"""Downloads of the chosen assessment: the PDF report, the Excel workbook and the JSON file.

Each file is built only when its button is pressed (a callable ``data`` with
``on_click="ignore"``), so visiting the page costs nothing; the PDF takes a
few seconds and shows a spinner while it is made.
"""

from __future__ import annotations

import streamlit as st

from app_pages import analysis, common
from i18n import t
from reports.build import FORMATS, MIME_TYPES, file_name


def _build(user_id: int, assessment_id: int, fmt: str, lang: str) -> bytes:
    """Build one file when its button is pressed; the PDF takes seconds, so it shows a spinner."""
    if fmt != "pdf":
        return analysis.export(user_id, assessment_id, fmt, lang)
    with st.spinner(t("reports.building", lang)):
        return analysis.export(user_id, assessment_id, "pdf", lang)


def render() -> None:
    lang = common.current_language()
    user = common.require_user()
    assessment_id = common.require_assessment()
    data = analysis.load(user, assessment_id)
    st.title(t("reports.page", lang))
    st.caption(t("reports.intro", lang))
    report_lang = st.segmented_control(
        t("reports.language", lang), ("nl", "en"), default=lang, key="reports_language",
        format_func=lambda code: t(f"language.{code}", lang),
    ) or lang
    icons = {"pdf": ":material/picture_as_pdf:", "xlsx": ":material/table:", "json": ":material/data_object:"}
    for fmt in FORMATS:
        with st.container(border=True):
            st.markdown(f"**{t(f'reports.{fmt}', lang)}**")
            st.caption(t(f"reports.{fmt}_help", lang))
            st.download_button(
                t(f"reports.download_{fmt}", lang),
                data=lambda fmt=fmt: _build(user, assessment_id, fmt, report_lang),
                file_name=file_name(data.inputs, fmt),
                mime=MIME_TYPES[fmt],
                on_click="ignore",
                key=f"reports_{fmt}",
                icon=icons[fmt],
                type="primary" if fmt == "pdf" else "secondary",
            )

render()
