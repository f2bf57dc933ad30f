"""Sign-in for consultants: e-mail and password, or the identity provider when configured."""

from __future__ import annotations

import streamlit as st

from app_pages import auth, common
from i18n import t


def render() -> None:
    # A sign-in form as wide as the wide layout looks like a data-entry screen; keep it a column.
    with st.container(width=560):
        _body()


def _body() -> None:
    lang = common.current_language()
    st.title(t("app.name", lang))
    st.caption(t("app.tagline", lang))
    if auth.uses_oidc():
        if getattr(st.user, "is_logged_in", False):
            # Signed in at the provider, but not allowed here.
            st.error(t("auth.not_allowed", lang))
            st.button(t("auth.sign_out", lang), key="oidc_sign_out", on_click=st.logout)
        else:
            st.button(t("auth.oidc", lang), key="oidc_sign_in", on_click=st.login, type="primary")
        return
    with st.form("sign_in_form"):
        st.subheader(t("auth.title", lang))
        email = st.text_input(t("auth.email", lang), key="sign_in_email", autocomplete="username")
        password = st.text_input(
            t("auth.password", lang), key="sign_in_password", type="password", autocomplete="current-password"
        )
        submitted = st.form_submit_button(t("auth.submit", lang), type="primary")
    if submitted:
        result = auth.password_sign_in(email, password)
        if result.user is not None:
            st.rerun()
        elif result.wait_seconds:
            # The same words for every typed address: they must not tell whether an account exists.
            st.error(t("auth.throttled", lang, seconds=result.wait_seconds))
        else:
            st.error(t("auth.failed", lang))
    st.caption(t("auth.respondent_hint", lang))


render()
