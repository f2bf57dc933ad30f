"""Downloads of the chosen assessment: the PDF report, the Excel workbook and the JSON file.

Each file is built only when its button is pressed (a callable ``data`` with
``on_click="ignore"``), so visiting the page costs nothing; the PDF takes a
few seconds and shows a spinner while it is made.
"""

from __future__ import annotations

import streamlit as st

from app_pages import analysis, common
from i18n import t
from reports.build import MIME_TYPES, file_name


def _pdf(user_id: int, assessment_id: int, lang: str) -> bytes:
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
    with st.container(border=True):
        st.markdown(f"**{t('reports.pdf', lang)}**")
        st.caption(t("reports.pdf_help", lang))
        st.download_button(
            t("reports.download_pdf", lang),
            data=lambda: _pdf(user, assessment_id, report_lang),
            file_name=file_name(data.inputs, "pdf"),
            mime="application/pdf",
            on_click="ignore",
            key="reports_pdf",
            icon=":material/picture_as_pdf:",
            type="primary",
        )
    with st.container(border=True):
        st.markdown(f"**{t('reports.xlsx', lang)}**")
        st.caption(t("reports.xlsx_help", lang))
        st.download_button(
            t("reports.download_xlsx", lang),
            data=lambda: analysis.export(user, assessment_id, "xlsx", report_lang),
            file_name=file_name(data.inputs, "xlsx"),
            mime=MIME_TYPES["xlsx"],
            on_click="ignore",
            key="reports_xlsx",
            icon=":material/table:",
        )
    with st.container(border=True):
        st.markdown(f"**{t('reports.json', lang)}**")
        st.caption(t("reports.json_help", lang))
        st.download_button(
            t("reports.download_json", lang),
            data=lambda: analysis.export(user, assessment_id, "json", report_lang),
            file_name=file_name(data.inputs, "json"),
            mime=MIME_TYPES["json"],
            on_click="ignore",
            key="reports_json",
            icon=":material/data_object:",
        )


render()
