"""Who the consultant is: the store's password check, or Streamlit's OIDC sign-in.

The embedded default asks for e-mail and password and checks them with the
store (argon2 hashes). When ``.streamlit/secrets.toml`` has an ``[auth]``
section the identity provider signs people in instead (``st.login``); the
e-mail it vouches for must be on ``[veerkracht] allowed_emails`` and belong to
a consultant in the store.

A refresh keeps the consultant signed in, on the organisation and assessment in
use (``store.sessions``): at sign-in the store makes a random key, a small
fixed script puts it in a ``SameSite=Strict`` cookie (``Secure`` over HTTPS),
and a new browser session finds it in ``st.context.cookies``. The key is never
in an address or a log; it ends at sign-out or after the idle time
(docs/deployment.md, "Consultant sessions"). With OIDC the identity comes
from ``st.user`` as before and the cookie only brings back the place.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping

import streamlit as st

from app_pages import common
from store import sessions, signin, users

#: Set to 1 when a reverse proxy on this machine sets ``X-Real-IP`` (docs/deployment.md):
#: the throttle then counts the client's address instead of the proxy's.
TRUSTED_PROXY_SETTING = "VEERKRACHT_TRUSTED_PROXY"
#: The cookie that holds the session key (``store.sessions``).
SESSION_COOKIE = "veerkracht_session"
# Session-state keys of the consultant session (named here, used only in this module).
SESSION_KEY = "consultant_session"
#: The cookie change the next run writes: the new key, or "" to clear it.
COOKIE_PENDING_KEY = "consultant_session_cookie"
#: The cookie value this browser session should hold (the key, or "" once cleared), written until it does.
COOKIE_WANTED_KEY = "consultant_session_cookie_wanted"
#: When this browser session was last active, and which place was last remembered.
ACTIVE_AT_KEY = "consultant_active_at"
PLACE_KEY = "consultant_place"
#: The ended key whose cookie this browser session has already cleared.
CLEARED_KEY = "consultant_cookie_cleared"


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


def session_cookie() -> str | None:
    """The session key the browser sent with this session's connection, if any."""
    try:
        value = st.context.cookies.get(SESSION_COOKIE)
    except Exception:  # AppTest and older Streamlit: no cookies
        return None
    return value if isinstance(value, str) and value else None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _begin(user_id: int, email: str) -> None:
    """Signed in now: state for this browser session, and a new store session whose key the cookie keeps."""
    state = st.session_state
    state[common.USER_KEY] = user_id
    state[common.USER_EMAIL_KEY] = email
    state[ACTIVE_AT_KEY] = _now()
    old = state.get(SESSION_KEY) or session_cookie()
    if old:  # a new key at every sign-in: a key planted before it opens nothing
        sessions.end_session(common.engine(), old)
    state[SESSION_KEY] = sessions.start_session(common.engine(), user_id)
    state[COOKIE_PENDING_KEY] = state[SESSION_KEY]


def _resume() -> bool:
    """A refresh: the cookie's session, if alive (and, with OIDC, the same consultant the provider vouches for)."""
    key = session_cookie()
    if key is None:
        return False
    found = sessions.resume_session(common.engine(), key)
    if found is None or (uses_oidc() and oidc_user_id() != found.user_id):
        if st.session_state.get(CLEARED_KEY) != key:  # an ended session's cookie is cleared, once
            st.session_state[CLEARED_KEY] = key
            st.session_state[COOKIE_PENDING_KEY] = ""
        return False
    state = st.session_state
    state[common.USER_KEY] = found.user_id
    state[common.USER_EMAIL_KEY] = found.email
    state[SESSION_KEY] = key
    state[ACTIVE_AT_KEY] = _now()
    # The context picker checks that both are still this consultant's before using them.
    if found.organisation_id is not None:
        state[common.ORGANISATION_KEY] = found.organisation_id
        if found.assessment_id is not None:
            state[common.ASSESSMENT_KEY] = found.assessment_id
    state[PLACE_KEY] = (found.organisation_id, found.assessment_id)
    return True


def _still_active() -> bool:
    """Signed in within this browser session: ends after the idle time, or when signed out in another tab."""
    state = st.session_state
    now = _now()
    last = state.get(ACTIVE_AT_KEY, now)
    if now - last > sessions.idle_limit():
        sign_out()
        return False
    key = state.get(SESSION_KEY)
    if key and now - last > sessions.TOUCH_EVERY and sessions.resume_session(common.engine(), key) is None:
        sign_out()
        return False
    state[ACTIVE_AT_KEY] = now
    return True


def signed_in() -> bool:
    if common.USER_KEY in st.session_state:
        return _still_active()
    if _resume():
        return True
    if uses_oidc():
        user_id = oidc_user_id()
        if user_id is not None:
            _begin(user_id, str(st.user.get("email")))
            return True
    return False


def remember_place() -> None:
    """Keep the organisation and assessment in use with the session, so a refresh comes back to them."""
    state = st.session_state
    key = state.get(SESSION_KEY)
    place = (state.get(common.ORGANISATION_KEY), state.get(common.ASSESSMENT_KEY))
    if key and state.get(PLACE_KEY) != place:
        sessions.remember_place(common.engine(), key, *place)
        state[PLACE_KEY] = place


def cookie_script() -> None:
    """Write the session cookie this run asked for, with a small fixed script (nothing typed by anyone in it).

    Streamlit cannot set a response header from a page, so the cookie is set by the browser:
    ``SameSite=Strict`` (never sent from another site), ``Secure`` over HTTPS, path ``/``.
    """
    state = st.session_state
    pending = state.pop(COOKIE_PENDING_KEY, None)
    if pending is not None:
        state[COOKIE_WANTED_KEY] = pending
    value = state.get(COOKIE_WANTED_KEY)
    # Written in every run until the browser is known to hold it, not once: a run that a rerun replaces
    # (sign-in, a sidebar pick) may never reach the browser, and Chromium then kept no cookie (seen in the
    # end-to-end test). The script is the same each time, so writing it again changes nothing.
    if value is None or (value and session_cookie() == value):
        return
    age = int(sessions.MAX_AGE.total_seconds()) if value else 0
    # The key is URL-safe base64 (json.dumps quotes it); "" clears the cookie.
    st.html(
        "<script>(function(){var s=location.protocol==='https:'?'; Secure':'';"
        f"document.cookie='{SESSION_COOKIE}='+{json.dumps(value)}+'; Path=/; Max-Age={age}; SameSite=Strict'+s;"
        "})();</script>",
        unsafe_allow_javascript=True,
    )


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
        _begin(result.user.id, result.user.email)
    return result


def sign_out() -> None:
    key = st.session_state.get(SESSION_KEY) or session_cookie()
    if key:
        sessions.end_session(common.engine(), key)
        st.session_state[COOKIE_PENDING_KEY] = ""
    for name in (common.USER_KEY, common.USER_EMAIL_KEY, common.ORGANISATION_KEY, common.ASSESSMENT_KEY,
                 common.NEW_LINKS_KEY, SESSION_KEY, ACTIVE_AT_KEY, PLACE_KEY):
        st.session_state.pop(name, None)
    if uses_oidc() and getattr(st.user, "is_logged_in", False):
        st.logout()


def account_box() -> None:
    """The signed-in address and a sign-out button, in the sidebar."""
    fmt = common.formatter()
    st.sidebar.text(fmt.text("auth.signed_in_as", email=st.session_state.get(common.USER_EMAIL_KEY, "")))
    st.sidebar.button(fmt.text("auth.sign_out"), key="sign_out", on_click=sign_out, icon=":material/logout:")
