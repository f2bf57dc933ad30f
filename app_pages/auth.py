"""Who the consultant is: the store's password check, or Streamlit's OIDC sign-in.

The embedded default asks for e-mail and password and checks them with the
store (argon2 hashes). When ``.streamlit/secrets.toml`` has an ``[auth]``
section the identity provider signs people in instead (``st.login``); the
e-mail it vouches for must be on ``[veerkracht] allowed_emails`` and belong to
a consultant in the store. The signed-in consultant's id lives in session
state only, so a refresh asks again (a respondent's link needs no sign-in).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

import streamlit as st

from app_pages import common
from store import signin, users

#: Set to 1 when a reverse proxy on this machine sets ``X-Real-IP`` (docs/deployment.md):
#: the throttle then counts the client's address instead of the proxy's.
TRUSTED_PROXY_SETTING = "VEERKRACHT_TRUSTED_PROXY"


def _secrets() -> Mapping:
    """The secrets, or an empty mapping when there is no secrets file."""
    try:
        return st.secrets.to_dict()
    except Exception:
        return {}


def uses_oidc() -> bool:
    return "auth" in _secrets()


def allowed_emails(secrets: Mapping | None = None) -> set[str]:
    """The e-mail addresses the identity provider may sign in (lower-cased); none when not configured."""
    section = (_secrets() if secrets is None else secrets).get("veerkracht", {})
    return {str(address).strip().lower() for address in section.get("allowed_emails", [])}


def oidc_user_id() -> int | None:
    """The consultant the identity provider vouches for, if allowed and known to the store."""
    if not getattr(st.user, "is_logged_in", False):
        return None
    email = str(st.user.get("email") or "").strip().lower()
    if not email or email not in allowed_emails():
        return None
    user = users.find_user(common.engine(), email)
    return user.id if user else None


def signed_in() -> bool:
    if common.USER_KEY in st.session_state:
        return True
    if uses_oidc():
        user_id = oidc_user_id()
        if user_id is not None:
            st.session_state[common.USER_KEY] = user_id
            st.session_state[common.USER_EMAIL_KEY] = str(st.user.get("email"))
            return True
    return False


def client_address() -> str | None:
    """The browser's IP address for throttling and the sign-in log: the proxy's ``X-Real-IP`` when trusted.

    Without a trusted proxy the header is ignored, as anyone can send it.
    """
    if os.environ.get(TRUSTED_PROXY_SETTING) == "1":
        forwarded = st.context.headers.get("X-Real-IP")
        if isinstance(forwarded, str) and forwarded.strip():
            return forwarded.strip()
    address = st.context.ip_address
    return address if isinstance(address, str) and address else None  # None when reached through localhost


def password_sign_in(email: str, password: str) -> signin.SignInResult:
    """Check the password through the store's throttle; on success the consultant is signed in for this session."""
    result = signin.sign_in(common.engine(), email, password, client_address())
    if result.user is not None:
        st.session_state[common.USER_KEY] = result.user.id
        st.session_state[common.USER_EMAIL_KEY] = result.user.email
    return result


def sign_out() -> None:
    for key in (common.USER_KEY, common.USER_EMAIL_KEY, common.ORGANISATION_KEY, common.ASSESSMENT_KEY,
                common.NEW_LINKS_KEY):
        st.session_state.pop(key, None)
    if uses_oidc() and getattr(st.user, "is_logged_in", False):
        st.logout()


def account_box() -> None:
    """The signed-in address and a sign-out button, in the sidebar."""
    fmt = common.formatter()
    st.sidebar.text(fmt.text("auth.signed_in_as", email=st.session_state.get(common.USER_EMAIL_KEY, "")))
    st.sidebar.button(fmt.text("auth.sign_out"), key="sign_out", on_click=sign_out, icon=":material/logout:")
