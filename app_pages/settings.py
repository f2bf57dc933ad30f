"""Settings: the consultant's branding on reports — logo, colour, name, confidentiality label —
and the sign-in log of their account, so they notice attempts that were not theirs."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import common
from i18n.format import Formatter
from store import branding, signin
from store.errors import StoreError

MAX_LOGO_BYTES = branding.MAX_LOGO_BYTES
DEFAULT_COLOUR = "#1d6f8a"
#: Lines of the sign-in log shown.
LOG_LINES = 20


def _save() -> None:
    state = st.session_state
    fmt = common.formatter()
    try:
        branding.set_branding(
            common.engine(),
            common.require_user(),
            colour=state.get("settings_colour") or None,
            consultant_name=state.get("settings_name", ""),
            confidentiality_label=state.get("settings_label", ""),
        )
    except StoreError as error:
        common.flash("error", common.store_problem(error, "settings.invalid"))
        return
    common.flash("success", fmt.text("settings.saved"))


def _save_logo() -> None:
    state = st.session_state
    fmt = common.formatter()
    upload = state.get("settings_logo")
    if upload is None:
        return
    data = upload.getvalue()
    if len(data) > MAX_LOGO_BYTES:
        common.flash("error", fmt.text("settings.logo_too_big", kb=MAX_LOGO_BYTES // 1024))
        return
    try:
        branding.set_logo(common.engine(), common.require_user(), data)
    except StoreError as error:
        common.flash("error", common.store_problem(error, "settings.logo_invalid"))
        return
    common.flash("success", fmt.text("settings.logo_saved"))


def _remove_logo() -> None:
    branding.set_logo(common.engine(), common.require_user(), None)
    common.flash("success", common.formatter().text("settings.logo_removed"))


def render() -> None:
    fmt = common.formatter()
    user = common.require_user()
    st.title(fmt.text("settings.page"))
    st.caption(fmt.text("settings.intro"))
    common.show_flash()
    stored = branding.get_branding(common.engine(), user)
    common.fill_form(
        common.SETTINGS_FORM_FOR_KEY,
        user,
        {
            "settings_name": stored.consultant_name or "",
            "settings_label": stored.confidentiality_label or "",
            "settings_colour": stored.colour or DEFAULT_COLOUR,
        },
    )
    left, right = st.columns(2)
    with left:
        st.text_input(fmt.text("settings.name"), key="settings_name", max_chars=200)
        st.text_input(fmt.text("settings.label"), key="settings_label", max_chars=200,
                      placeholder=fmt.text("settings.label_hint"))
        st.color_picker(fmt.text("settings.colour"), key="settings_colour")
        st.button(fmt.text("settings.save"), key="settings_save", on_click=_save, type="primary")
    with right:
        st.markdown(f"**{fmt.text('settings.logo')}**")
        if stored.logo:
            st.image(stored.logo, width=200)
            st.button(fmt.text("settings.remove_logo"), key="settings_remove_logo", on_click=_remove_logo)
        else:
            st.caption(fmt.text("settings.no_logo"))
        st.file_uploader(
            fmt.text("settings.upload_logo", kb=MAX_LOGO_BYTES // 1024),
            type=["png", "jpg", "jpeg"],
            # The smallest whole-megabyte cap above the logo limit, so the uploader does not promise 2 MB.
            max_upload_size=1,
            key="settings_logo",
            on_change=_save_logo,
        )
    _sign_in_log(user, fmt)


def _sign_in_log(user: int, fmt: Formatter) -> None:
    """The latest password sign-in attempts on this account (time, address, result), newest first."""
    st.subheader(fmt.text("security.sign_ins"))
    st.markdown(fmt.text("security.sign_ins_help", lines=LOG_LINES))
    events = signin.sign_in_log(common.engine(), user, limit=LOG_LINES)
    if not events:
        st.info(fmt.text("security.sign_ins_none"))
        return
    st.dataframe(
        pd.DataFrame(
            {
                fmt.text("security.sign_in_time"): [fmt.moment(event.at) for event in events],
                fmt.text("security.sign_in_address"): [event.address for event in events],
                fmt.text("security.sign_in_result"): [
                    fmt.text(f"security.outcome.{event.outcome}") for event in events
                ],
            }
        ),
        hide_index=True,
    )


render()
