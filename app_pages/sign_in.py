"""Sign-in for consultants: e-mail and password, or the identity provider when configured."""

from __future__ import annotations

import streamlit as st

from app_pages import auth, common


def render() -> None:
    # A sign-in form as wide as the wide layout looks like a data-entry screen; keep it a column.
    with st.container(width=560):
        _body()


def _body() -> None:
    fmt = common.formatter()
    st.title(fmt.text("app.name"))
    st.caption(fmt.text("app.tagline"))
    if auth.uses_oidc():
        if getattr(st.user, "is_logged_in", False):
            # Signed in at the provider, but not allowed here.
            st.error(fmt.text("auth.not_allowed"))
            st.button(fmt.text("auth.sign_out"), key="oidc_sign_out", on_click=st.logout)
        else:
            st.button(fmt.text("auth.oidc"), key="oidc_sign_in", on_click=st.login, type="primary")
        return
    with st.form("sign_in_form"):
        st.subheader(fmt.text("auth.title"))
        email = st.text_input(fmt.text("auth.email"), key="sign_in_email", autocomplete="username")
        password = st.text_input(
            fmt.text("auth.password"), key="sign_in_password", type="password", autocomplete="current-password"
        )
        submitted = st.form_submit_button(fmt.text("auth.submit"), type="primary")
    if submitted:
        result = auth.password_sign_in(email, password)
        if result.user is not None:
            st.rerun()
        elif result.wait_seconds:
            # The same words for every typed address: they must not tell whether an account exists.
            st.error(fmt.text("auth.throttled", seconds=result.wait_seconds))
        else:
            st.error(fmt.text("auth.failed"))
    st.caption(fmt.text("auth.respondent_hint"))


render()
