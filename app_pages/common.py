"""What every page shares: the language choice and the cached questionnaires.

Session-state keys are named here and nowhere else, so a reader finds every
piece of per-user state in one place.
"""

from __future__ import annotations

import streamlit as st

from i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from questionnaires import Questionnaire, installed_questionnaires

LANGUAGE_KEY = "language"


def current_language() -> str:
    """The chosen language: session state, else the ``lang`` query parameter, else Dutch."""
    if LANGUAGE_KEY not in st.session_state:
        requested = st.query_params.get("lang", DEFAULT_LANGUAGE)
        st.session_state[LANGUAGE_KEY] = requested if requested in LANGUAGES else DEFAULT_LANGUAGE
    return st.session_state[LANGUAGE_KEY]


def language_switch() -> None:
    """A language selector in the sidebar; the choice is kept in the URL so a refresh keeps it."""
    lang = current_language()
    choice = st.sidebar.segmented_control(
        t("language.label", lang),
        LANGUAGES,
        default=lang,
        format_func=lambda code: code.upper(),
        key="language_choice",
    )
    if choice and choice != lang:
        st.session_state[LANGUAGE_KEY] = choice
        st.query_params["lang"] = choice
        st.rerun()


@st.cache_resource(max_entries=1)
def installed() -> dict[tuple[str, int], Questionnaire]:
    """The installed questionnaires, loaded once per process and shared (they are immutable)."""
    return installed_questionnaires()
