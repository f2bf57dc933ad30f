"""Browser of the questionnaires: the installed ones and the ones the consultant uploaded.

Consultants preview what respondents will be asked (pillars, capabilities,
questions and their level descriptors, in Dutch or English) and upload their
own questionnaire as YAML or as an Excel workbook (at most 1 MB). An upload is
checked by the one loader; every problem is listed with its line or cell. A
valid upload can be chosen for a new assessment, which pins its full text in
the database.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import common
from app_pages.common import formatter, plain
from i18n.format import Formatter
from questionnaires import MAX_FILE_BYTES, Question, Questionnaire, QuestionnaireError, localized
from questionnaires.files import FILE_TYPES, parse_questionnaire_file


def _question(question: Question, number: int, questionnaire: Questionnaire, fmt: Formatter) -> None:
    # Numbered as on the respond page and in results ("#16"), so a number can be looked up here.
    with st.expander(f"{number}. {plain(localized(question.text, fmt.lang))}"):
        st.caption(
            fmt.text(
                "browser.meta",
                weight=fmt.decimal(question.weight),
                effort=fmt.text(f"estimate.{question.effort}"),
                impact=fmt.text(f"estimate.{question.impact}"),
            )
        )
        st.markdown(f"**{fmt.text('browser.help')}**")
        st.text(localized(question.help, fmt.lang))
        scale = {level.level: localized(level.name, fmt.lang) for level in questionnaire.scale}
        table = pd.DataFrame(
            {
                fmt.text("browser.level"): [f"{level.level} · {scale[level.level]}" for level in question.levels],
                fmt.text("browser.descriptor"): [localized(level.descriptor, fmt.lang) for level in question.levels],
                fmt.text("browser.guidance"): [localized(level.guidance, fmt.lang) for level in question.levels],
            }
        )
        st.dataframe(table, hide_index=True, width="stretch")
        if question.prerequisites:
            st.caption(fmt.text("browser.prerequisites", ids=", ".join(question.prerequisites)))
        if question.references:
            st.caption(
                fmt.text("browser.references")
                + ": "
                + "; ".join(
                    f"{plain(framework)} {', '.join(plain(ref) for ref in refs)}"
                    for framework, refs in question.references.items()
                )
            )
        st.caption(question.id)


def _upload() -> None:
    """Check an uploaded file; store it for the consultant when valid, else list its problems."""
    from store.errors import InvalidInput
    from store.uploads import save_uploaded_questionnaire

    state = st.session_state
    upload = state.get("browser_upload")
    state.pop(common.UPLOAD_PROBLEMS_KEY, None)
    state.pop(common.UPLOADED_NAME_KEY, None)
    if upload is None:
        return
    content = upload.getvalue()
    name = upload.name
    try:
        questionnaire = parse_questionnaire_file(content, name)
    except QuestionnaireError as error:
        state[common.UPLOAD_PROBLEMS_KEY] = (name, [problem.text(formatter().lang) for problem in error.problems])
        return
    key = (questionnaire.id, questionnaire.version)
    installed = common.installed().get(key)
    if installed is not None and installed.content_hash() != questionnaire.content_hash():
        message = formatter().text("browser.upload_installed", id=questionnaire.id, version=questionnaire.version)
        state[common.UPLOAD_PROBLEMS_KEY] = (name, [f"{name}: {message}"])
        return
    try:
        save_uploaded_questionnaire(common.engine(), common.require_user(), questionnaire, name)
    except InvalidInput:
        message = formatter().text("browser.upload_changed", id=questionnaire.id, version=questionnaire.version)
        state[common.UPLOAD_PROBLEMS_KEY] = (name, [f"{name}: {message}"])
        return
    state["browser_questionnaire"] = key
    state[common.UPLOADED_NAME_KEY] = name


def _upload_section(fmt: Formatter) -> None:
    with st.expander(fmt.text("browser.upload"), icon=":material/upload_file:"):
        st.caption(fmt.text("browser.upload_help", mb=MAX_FILE_BYTES // (1024 * 1024)))
        st.file_uploader(
            fmt.text("browser.upload_label"), type=list(FILE_TYPES), key="browser_upload", on_change=_upload,
            max_upload_size=max(1, MAX_FILE_BYTES // (1024 * 1024)),
        )
        name, problems = st.session_state.get(common.UPLOAD_PROBLEMS_KEY, ("", []))
        if problems:
            st.error(fmt.text("browser.upload_problems", name=plain(name), count=len(problems)))
            st.code("\n".join(problems), language=None, wrap_lines=True)
        elif st.session_state.get(common.UPLOADED_NAME_KEY):
            st.success(fmt.text("browser.upload_ok", name=plain(st.session_state[common.UPLOADED_NAME_KEY])))


def render() -> None:
    fmt = formatter()
    st.title(fmt.text("browser.title"))
    _upload_section(fmt)
    questionnaires = common.available_questionnaires()
    uploaded = common.uploaded_questionnaires()
    keys = list(questionnaires)
    if not keys:
        st.info(fmt.text("browser.none"))
        st.stop()
    key = st.selectbox(
        fmt.text("browser.choose"),
        keys,
        format_func=lambda k: f"{localized(questionnaires[k].title, fmt.lang)} (v{k[1]})"
        + (f" · {fmt.text('browser.uploaded')}" if k in uploaded else ""),
        key="browser_questionnaire",
    )
    questionnaire = questionnaires[key]
    capabilities = sum(len(p.capabilities) for p in questionnaire.pillars)
    st.caption(
        fmt.text(
            "browser.summary",
            version=questionnaire.version,
            questions=questionnaire.question_count,
            pillars=len(questionnaire.pillars),
            capabilities=capabilities,
            # An upload's own free text: shown literally, never as markdown (links, images, emphasis).
            provider=plain(questionnaire.provider),
            licence=plain(questionnaire.licence),
        )
    )
    st.text(localized(questionnaire.description, fmt.lang))
    with st.expander(fmt.text("browser.scale")):
        for level in questionnaire.scale:
            st.markdown(f"**{level.level} · {plain(localized(level.name, fmt.lang))}**")
            st.text(localized(level.description, fmt.lang))
    numbers = {question.id: n for n, question in enumerate(questionnaire.questions(), start=1)}
    tabs = st.tabs([plain(localized(pillar.name, fmt.lang)) for pillar in questionnaire.pillars])
    for tab, pillar in zip(tabs, questionnaire.pillars, strict=True):
        with tab:
            st.text(localized(pillar.description, fmt.lang))
            for capability in pillar.capabilities:
                st.subheader(plain(localized(capability.name, fmt.lang)))
                st.text(localized(capability.description, fmt.lang))
                for question in capability.questions:
                    _question(question, numbers[question.id], questionnaire, fmt)


render()
