"""Streamlit entry point: page config, language, navigation; each page in ``app_pages/``."""

from __future__ import annotations

import streamlit as st

from app_pages.common import current_language, language_switch
from i18n import t

st.set_page_config(page_title="Veerkracht", layout="wide")
lang = current_language()
language_switch()
page = st.navigation(
    [st.Page("app_pages/questionnaire_browser.py", title=t("browser.title", lang), url_path="questionnaires")]
)
page.run()
