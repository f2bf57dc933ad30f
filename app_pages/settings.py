"""Settings: the consultant's branding on reports — logo, colour, name, confidentiality label —
and the sign-in log of their account, so they notice attempts that were not theirs."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import common
from i18n import t
from store import branding, signin
from store.errors import StoreError

MAX_LOGO_BYTES = branding.MAX_LOGO_BYTES
DEFAULT_COLOUR = "#1d6f8a"
#: Lines of the sign-in log shown.
LOG_LINES = 20


def _save() -> None:
    state = st.session_state
    lang = common.current_language()
    try:
        branding.set_branding(
            common.engine(),
            common.require_user(),
            colour=state.get("settings_colour") or None,
            consultant_name=state.get("settings_name", ""),
            confidentiality_label=state.get("settings_label", ""),
        )
    except StoreError:
        common.flash("error", t("settings.invalid", lang))
        return
    common.flash("success", t("settings.saved", lang))


def _save_logo() -> None:
    state = st.session_state
    lang = common.current_language()
    upload = state.get("settings_logo")
    if upload is None:
        return
    data = upload.getvalue()
    if len(data) > MAX_LOGO_BYTES:
        common.flash("error", t("settings.logo_too_big", lang, kb=MAX_LOGO_BYTES // 1024))
        return
    try:
        branding.set_logo(common.engine(), common.require_user(), data)
    except StoreError:
        common.flash("error", t("settings.logo_invalid", lang))
        return
    common.flash("success", t("settings.logo_saved", lang))


def _remove_logo() -> None:
    branding.set_logo(common.engine(), common.require_user(), None)
    common.flash("success", t("settings.logo_removed", common.current_language()))


def render() -> None:
    lang = common.current_language()
    user = common.require_user()
    st.title(t("settings.page", lang))
    st.caption(t("settings.intro", lang))
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
        st.text_input(t("settings.name", lang), key="settings_name", max_chars=200)
        st.text_input(t("settings.label", lang), key="settings_label", max_chars=200,
                      placeholder=t("settings.label_hint", lang))
        st.color_picker(t("settings.colour", lang), key="settings_colour")
        st.button(t("settings.save", lang), key="settings_save", on_click=_save, type="primary")
    with right:
        st.markdown(f"**{t('settings.logo', lang)}**")
        if stored.logo:
            st.image(stored.logo, width=200)
            st.button(t("settings.remove_logo", lang), key="settings_remove_logo", on_click=_remove_logo)
        else:
            st.caption(t("settings.no_logo", lang))
        st.file_uploader(
            t("settings.upload_logo", lang, kb=MAX_LOGO_BYTES // 1024),
            type=["png", "jpg", "jpeg"],
            # The smallest whole-megabyte cap above the logo limit, so the uploader does not promise 2 MB.
            max_upload_size=1,
            key="settings_logo",
            on_change=_save_logo,
        )
    _sign_in_log(user, lang)


def _sign_in_log(user: int, lang: str) -> None:
    """The latest password sign-in attempts on this account (time, address, result), newest first."""
    st.subheader(t("security.sign_ins", lang))
    st.markdown(t("security.sign_ins_help", lang, lines=LOG_LINES))
    events = signin.sign_in_log(common.engine(), user, limit=LOG_LINES)
    if not events:
        st.info(t("security.sign_ins_none", lang))
        return
    st.dataframe(
        pd.DataFrame(
            {
                t("security.sign_in_time", lang): [event.at.strftime("%Y-%m-%d %H:%M:%S UTC") for event in events],
                t("security.sign_in_address", lang): [event.address for event in events],
                t("security.sign_in_result", lang): [t(f"security.outcome.{event.outcome}", lang) for event in events],
            }
        ),
        hide_index=True,
    )


render()
