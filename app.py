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

st.set_page_config(page_title="Veerkracht", page_icon=":material/shield:", layout="wide")
fmt = common.formatter()

if common.TOKEN_PARAM in st.query_params:
    page = st.navigation(
        [st.Page("app_pages/respond.py", title=fmt.text("respond.page"), icon=":material/edit_note:", default=True)],
        position="hidden",
    )
elif not auth.signed_in():
    common.language_switch()
    auth.cookie_script()  # clears the cookie of a session that ended
    # Every consultant address shows the sign-in form, so a refresh on /results signs in and stays there.
    page = st.navigation(
        [st.Page("app_pages/sign_in.py", title=fmt.text("auth.page"), icon=":material/login:", default=True)]
        + [
            st.Page("app_pages/sign_in.py", title=fmt.text("auth.page"), url_path=path)
            for path in common.CONSULTANT_PATHS
        ],
        position="hidden",
    )
else:
    common.language_switch()
    auth.account_box()
    auth.cookie_script()
    common.context_picker()
    auth.remember_place()  # a refresh comes back to this organisation and assessment
    page = st.navigation(
        {
            fmt.text("nav.clients"): [
                st.Page(
                    "app_pages/organisations.py",
                    title=fmt.text("organisations.page"),
                    icon=":material/domain:",
                    url_path="organisations",
                    default=True,
                ),
                st.Page(
                    "app_pages/assessment_setup.py",
                    title=fmt.text("setup.page"),
                    icon=":material/group_add:",
                    url_path="setup",
                ),
            ],
            fmt.text("nav.results"): [
                st.Page("app_pages/results.py", title=fmt.text("results.page"), icon=":material/insights:",
                        url_path="results"),
                st.Page("app_pages/roadmap.py", title=fmt.text("roadmap.page"), icon=":material/route:",
                        url_path="roadmap"),
                st.Page("app_pages/workshop.py", title=fmt.text("workshop.page"), icon=":material/forum:",
                        url_path="workshop"),
                st.Page("app_pages/benchmark.py", title=fmt.text("benchmark.page"), icon=":material/leaderboard:",
                        url_path="benchmark"),
                st.Page("app_pages/reports.py", title=fmt.text("reports.page"), icon=":material/download:",
                        url_path="reports"),
            ],
            fmt.text("nav.setup"): [
                st.Page("app_pages/questionnaire_browser.py", title=fmt.text("browser.title"),
                        icon=":material/quiz:", url_path="questionnaires"),
                st.Page("app_pages/settings.py", title=fmt.text("settings.page"), icon=":material/palette:",
                        url_path="settings"),
            ],
        }
    )
page.run()
