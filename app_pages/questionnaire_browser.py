"""Read-only browser of the installed questionnaires: pillars, capabilities,
questions and their level descriptors, in Dutch or English.

Consultants use it to preview what respondents will be asked; it only reads
the cached questionnaires and draws them.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.common import current_language, installed
from i18n import t
from questionnaires import Question, Questionnaire, localized


def _question(question: Question, questionnaire: Questionnaire, lang: str) -> None:
    with st.expander(localized(question.text, lang)):
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
                + "; ".join(f"{framework} {', '.join(refs)}" for framework, refs in question.references.items())
            )
        st.caption(question.id)


def render() -> None:
    lang = current_language()
    st.title(t("browser.title", lang))
    questionnaires = installed()
    keys = list(questionnaires)
    key = st.selectbox(
        t("browser.choose", lang),
        keys,
        format_func=lambda k: f"{localized(questionnaires[k].title, lang)} (v{k[1]})",
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
            provider=questionnaire.provider,
            licence=questionnaire.licence,
        )
    )
    st.text(localized(questionnaire.description, lang))
    with st.expander(t("browser.scale", lang)):
        for level in questionnaire.scale:
            st.markdown(f"**{level.level} · {localized(level.name, lang)}**")
            st.text(localized(level.description, lang))
    tabs = st.tabs([localized(pillar.name, lang) for pillar in questionnaire.pillars])
    for tab, pillar in zip(tabs, questionnaire.pillars, strict=True):
        with tab:
            st.text(localized(pillar.description, lang))
            for capability in pillar.capabilities:
                st.subheader(localized(capability.name, lang))
                st.text(localized(capability.description, lang))
                for question in capability.questions:
                    _question(question, questionnaire, lang)


render()
