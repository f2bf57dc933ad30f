"""Downloads of the chosen assessment: the PDF in two editions, then one box per other format of ``RENDERERS``.

The PDF comes first, board edition before the full one. Opening the page
starts the renderer (Chromium for the charts, the PDF worker) in the
background (``reports.build.warm_up``), so the first build is warm. A PDF is
built when its "Build" button is pressed, showing its real stages (data,
charts, layout, done) in a status box with a progress bar; the finished file
is kept for this session and offered for download. The other files are built
only when their download button is pressed (a callable ``data`` with
``on_click="ignore"``). Nor are the report inputs read or scored before a
button is pressed (``analysis.Analysis.inputs`` is built on first use); an
assessment that is not closed is read once to warn, with its share answered,
that its report will be a draft.
"""

from __future__ import annotations

import streamlit as st

from app_pages import analysis, common
from i18n import LANGUAGES
from reports.bounded import bounded_report_bytes
from reports.build import EDITIONS, RENDERERS, STAGES, ReportInputs, report_bytes, warm_up
from reports.worker import ReportError


def _build(inputs: ReportInputs, fmt: str, lang: str) -> bytes:
    """Build one file when its button is pressed; the PDF takes seconds, so it shows a spinner."""
    if not RENDERERS[fmt].charts:  # a child with a time limit: a big workbook never holds up other users
        return bounded_report_bytes(inputs, fmt, lang)
    with st.spinner(common.formatter().text("reports.building")):
        return report_bytes(inputs, fmt, lang)


#: Where the progress bar stands when a stage begins.
STAGE_SHARE = dict(zip(STAGES, (0.05, 0.3, 0.55, 1.0), strict=True))


def _draft_share(data: analysis.Analysis) -> float | None:
    """The share answered of an assessment that is not closed (its report is a draft), else ``None``."""
    from scoring.progress import FINAL_STATUS, progress
    from store.assessments import assessment_document, get_assessment

    if get_assessment(data.engine, data.user_id, data.assessment_id).status == FINAL_STATUS:
        return None
    return progress(*assessment_document(data.engine, data.user_id, data.assessment_id)).share


def _pdf_box(data: analysis.Analysis, edition: str, lang: str, fmt: common.Formatter) -> None:
    """One edition of the PDF: a build button with real progress, then the download of what was built."""
    key = f"reports_pdf_{edition}"
    with st.container(border=True):
        st.markdown(f"**{fmt.text(f'reports.{edition}')}**")
        st.caption(fmt.text(f"reports.{edition}_help"))
        if st.button(fmt.text("reports.build_pdf"), key=f"{key}_build", icon=":material/picture_as_pdf:",
                     type="primary" if edition == EDITIONS[0] else "secondary"):
            with st.status(fmt.text("reports.building"), expanded=True) as box:
                bar = st.progress(0.0)

                def stage(name: str) -> None:
                    bar.progress(STAGE_SHARE[name], text=fmt.text(f"reports.stage.{name}"))

                try:
                    pdf = report_bytes(data.inputs, "pdf", lang, edition=edition, progress=stage)
                except ReportError as error:
                    box.update(label=fmt.text("reports.failed"), state="error")
                    st.error(str(error))
                else:
                    st.session_state[key] = (data.assessment_id, lang, pdf)
                    box.update(label=fmt.text("reports.ready"), state="complete", expanded=False)
        built = st.session_state.get(key)
        if built and built[:2] == (data.assessment_id, lang):
            st.download_button(
                fmt.text("reports.download_pdf"), data=built[2], file_name=data.file_name("pdf").replace(
                    ".pdf", f"-{edition}.pdf"), mime=RENDERERS["pdf"].mime, on_click="ignore",
                key=f"{key}_download", icon=":material/download:",
            )


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
    warm_up()  # Chromium and the PDF worker start now, in the background: the first build is warm
    share = _draft_share(data)
    if share is not None:
        st.warning(fmt.text("reports.draft_warning", share=fmt.percent(share)), icon=":material/edit_note:")
    for edition in EDITIONS:  # board first: the default
        _pdf_box(data, edition, report_lang, fmt)
    for kind, renderer in RENDERERS.items():
        if renderer.editions:  # the PDF, above
            continue
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
                type="secondary",
            )


render()
