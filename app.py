"""Streamlit entry point: page config, language, sign-in gate, ``st.navigation``, ``page.run()``.

Three ways in:

* ``?token=...`` — a respondent's personal link: the respond page only, no sign-in;
* not signed in — the sign-in page only;
* signed in — the consultant's pages, with the organisation and assessment
  chosen in the sidebar.
"""

from __future__ import annotations

import streamlit as st

from app_pages import auth, common
from i18n import t

st.set_page_config(page_title="Veerkracht", page_icon=":material/shield:", layout="wide")
lang = common.current_language()

if common.TOKEN_PARAM in st.query_params:
    page = st.navigation(
        [st.Page("app_pages/respond.py", title=t("respond.page", lang), icon=":material/edit_note:", default=True)],
        position="hidden",
    )
elif not auth.signed_in():
    common.language_switch()
    # Every consultant address shows the sign-in form, so a refresh on /results signs in and stays there.
    page = st.navigation(
        [st.Page("app_pages/sign_in.py", title=t("auth.page", lang), icon=":material/login:", default=True)]
        + [
            st.Page("app_pages/sign_in.py", title=t("auth.page", lang), url_path=path)
            for path in common.CONSULTANT_PATHS
        ],
        position="hidden",
    )
else:
    common.language_switch()
    auth.account_box()
    common.context_picker()
    page = st.navigation(
        {
            t("nav.clients", lang): [
                st.Page(
                    "app_pages/organisations.py",
                    title=t("organisations.page", lang),
                    icon=":material/domain:",
                    url_path="organisations",
                    default=True,
                ),
                st.Page(
                    "app_pages/assessment_setup.py",
                    title=t("setup.page", lang),
                    icon=":material/group_add:",
                    url_path="setup",
                ),
            ],
            t("nav.results", lang): [
                st.Page("app_pages/results.py", title=t("results.page", lang), icon=":material/insights:",
                        url_path="results"),
                st.Page("app_pages/roadmap.py", title=t("roadmap.page", lang), icon=":material/route:",
                        url_path="roadmap"),
                st.Page("app_pages/benchmark.py", title=t("benchmark.page", lang), icon=":material/leaderboard:",
                        url_path="benchmark"),
                st.Page("app_pages/reports.py", title=t("reports.page", lang), icon=":material/download:",
                        url_path="reports"),
            ],
            t("nav.setup", lang): [
                st.Page("app_pages/questionnaire_browser.py", title=t("browser.title", lang),
                        icon=":material/quiz:", url_path="questionnaires"),
                st.Page("app_pages/settings.py", title=t("settings.page", lang), icon=":material/palette:",
                        url_path="settings"),
            ],
        }
    )
page.run()
