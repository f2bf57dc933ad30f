"""Downloads of the chosen assessment: the PDF report, the Excel workbook and the JSON file.

Each file is built only when its button is pressed (a callable ``data`` with
``on_click="ignore"``), so visiting the page costs nothing; the PDF takes a
few seconds and shows a spinner while it is made.
"""

from __future__ import annotations

import streamlit as st

from app_pages import analysis, common
from i18n import t


def _file_name(data: analysis.Analysis, extension: str) -> str:
    safe = "".join(c if c.isalnum() else "-" for c in data.document.organisation.name).strip("-").lower()
    return f"veerkracht-{safe or 'assessment'}-{data.document.date.isoformat()}.{extension}"


def pdf_bytes(user_id: int, assessment_id: int, lang: str) -> bytes:
    from reports.pdf import render_pdf

    data = analysis.load(user_id, assessment_id)
    with st.spinner(t("reports.building", lang)):
        return render_pdf(analysis.report_context(user_id, data, lang))


def json_bytes(user_id: int, assessment_id: int) -> bytes:
    from assessments.file import assessment_to_json

    data = analysis.load(user_id, assessment_id)
    return assessment_to_json(data.document, data.questionnaire).encode("utf-8")


def xlsx_bytes(user_id: int, assessment_id: int, lang: str) -> bytes:
    from reports.excel import workbook_bytes

    data = analysis.load(user_id, assessment_id)
    return workbook_bytes(analysis.report_context(user_id, data, lang))


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
            data=lambda: pdf_bytes(user, assessment_id, report_lang),
            file_name=_file_name(data, "pdf"),
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
            data=lambda: xlsx_bytes(user, assessment_id, report_lang),
            file_name=_file_name(data, "xlsx"),
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            on_click="ignore",
            key="reports_xlsx",
            icon=":material/table:",
        )
    with st.container(border=True):
        st.markdown(f"**{t('reports.json', lang)}**")
        st.caption(t("reports.json_help", lang))
        st.download_button(
            t("reports.download_json", lang),
            data=lambda: json_bytes(user, assessment_id),
            file_name=_file_name(data, "json"),
            mime="application/json",
            on_click="ignore",
            key="reports_json",
            icon=":material/data_object:",
        )


render()
