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
from app_pages.common import current_language, plain
from i18n import t
from questionnaires import MAX_FILE_BYTES, Question, Questionnaire, QuestionnaireError, localized
from questionnaires.files import FILE_TYPES, parse_questionnaire_file


def _question(question: Question, number: int, questionnaire: Questionnaire, lang: str) -> None:
    # Numbered as on the respond page and in results ("#16"), so a number can be looked up here.
    with st.expander(f"{number}. {plain(localized(question.text, lang))}"):
        st.caption(
            t(
                "browser.meta",
                lang,
                weight=f"{question.weight:g}",
                effort=t(f"estimate.{question.effort}", lang),
                impact=t(f"estimate.{question.impact}", lang),
            )
        )
        st.markdown(f"**{t('browser.help', lang)}**")
        st.text(localized(question.help, lang))
        scale = {level.level: localized(level.name, lang) for level in questionnaire.scale}
        table = pd.DataFrame(
            {
                t("browser.level", lang): [f"{level.level} · {scale[level.level]}" for level in question.levels],
                t("browser.descriptor", lang): [localized(level.descriptor, lang) for level in question.levels],
                t("browser.guidance", lang): [localized(level.guidance, lang) for level in question.levels],
            }
        )
        st.dataframe(table, hide_index=True, width="stretch")
        if question.prerequisites:
            st.caption(t("browser.prerequisites", lang, ids=", ".join(question.prerequisites)))
        if question.references:
            st.caption(
                t("browser.references", lang)
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
        state[common.UPLOAD_PROBLEMS_KEY] = (name, [problem.text(current_language()) for problem in error.problems])
        return
    key = (questionnaire.id, questionnaire.version)
    installed = common.installed().get(key)
    if installed is not None and installed.content_hash() != questionnaire.content_hash():
        message = t("browser.upload_installed", current_language(), id=questionnaire.id, version=questionnaire.version)
        state[common.UPLOAD_PROBLEMS_KEY] = (name, [f"{name}: {message}"])
        return
    try:
        save_uploaded_questionnaire(common.engine(), common.require_user(), questionnaire, name)
    except InvalidInput:
        message = t("browser.upload_changed", current_language(), id=questionnaire.id, version=questionnaire.version)
        state[common.UPLOAD_PROBLEMS_KEY] = (name, [f"{name}: {message}"])
        return
    state["browser_questionnaire"] = key
    state[common.UPLOADED_NAME_KEY] = name


def _upload_section(lang: str) -> None:
    with st.expander(t("browser.upload", lang), icon=":material/upload_file:"):
        st.caption(t("browser.upload_help", lang, mb=MAX_FILE_BYTES // (1024 * 1024)))
        st.file_uploader(
            t("browser.upload_label", lang), type=list(FILE_TYPES), key="browser_upload", on_change=_upload,
            max_upload_size=max(1, MAX_FILE_BYTES // (1024 * 1024)),
        )
        name, problems = st.session_state.get(common.UPLOAD_PROBLEMS_KEY, ("", []))
        if problems:
            st.error(t("browser.upload_problems", lang, name=plain(name), count=len(problems)))
            st.code("\n".join(problems), language=None, wrap_lines=True)
        elif st.session_state.get(common.UPLOADED_NAME_KEY):
            st.success(t("browser.upload_ok", lang, name=plain(st.session_state[common.UPLOADED_NAME_KEY])))


def render() -> None:
    lang = current_language()
    st.title(t("browser.title", lang))
    _upload_section(lang)
    questionnaires = common.available_questionnaires()
    uploaded = common.uploaded_questionnaires()
    keys = list(questionnaires)
    if not keys:
        st.info(t("browser.none", lang))
        st.stop()
    key = st.selectbox(
        t("browser.choose", lang),
        keys,
        format_func=lambda k: f"{localized(questionnaires[k].title, lang)} (v{k[1]})"
        + (f" · {t('browser.uploaded', lang)}" if k in uploaded else ""),
        key="browser_questionnaire",
    )
    questionnaire = questionnaires[key]
    capabilities = sum(len(p.capabilities) for p in questionnaire.pillars)
    st.caption(
        t(
            "browser.summary",
            lang,
            version=questionnaire.version,
            questions=questionnaire.question_count,
            pillars=len(questionnaire.pillars),
            capabilities=capabilities,
            # An upload's own free text: shown literally, never as markdown (links, images, emphasis).
            provider=plain(questionnaire.provider),
            licence=plain(questionnaire.licence),
        )
    )
    st.text(localized(questionnaire.description, lang))
    with st.expander(t("browser.scale", lang)):
        for level in questionnaire.scale:
            st.markdown(f"**{level.level} · {plain(localized(level.name, lang))}**")
            st.text(localized(level.description, lang))
    numbers = {question.id: n for n, question in enumerate(questionnaire.questions(), start=1)}
    tabs = st.tabs([plain(localized(pillar.name, lang)) for pillar in questionnaire.pillars])
    for tab, pillar in zip(tabs, questionnaire.pillars, strict=True):
        with tab:
            st.text(localized(pillar.description, lang))
            for capability in pillar.capabilities:
                st.subheader(plain(localized(capability.name, lang)))
                st.text(localized(capability.description, lang))
                for question in capability.questions:
                    _question(question, numbers[question.id], questionnaire, lang)


render()
