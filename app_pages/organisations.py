"""Organisations: the consultant's clients — create, edit, delete (with confirmation)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import common
from i18n import t
from store import organisations, privacy
from store.errors import StoreError

#: Size classes by number of staff, as the demo data and imported assessment files write them; the
#: benchmark compares organisations of the same class, so one spelling matters.
SIZE_CLASSES = ("1-49", "50-249", "250-999", "1000+")
SIZE_LABEL_KEYS = {
    "1-49": "size.1_49", "50-249": "size.50_249", "250-999": "size.250_999", "1000+": "size.1000_plus",
}


def size_label(size_class: str, lang: str) -> str:
    """A size class as the consultant reads it; a class from elsewhere (an imported file) as it is."""
    key = SIZE_LABEL_KEYS.get(size_class)
    return t(key, lang) if key else size_class


def size_choices(current: str | None = None) -> list[str]:
    """The size classes to choose from, with a stored class from elsewhere kept as a choice.

    Editing the name of an imported organisation must not quietly change its size class.
    """
    return [*SIZE_CLASSES, current] if current and current not in SIZE_CLASSES else list(SIZE_CLASSES)


def _create() -> None:
    state = st.session_state
    lang = common.current_language()
    try:
        created = organisations.create_organisation(
            common.engine(),
            common.require_user(),
            state.get("org_new_name", ""),
            state.get("org_new_sector", ""),
            state.get("org_new_size") or SIZE_CLASSES[0],
        )
    except StoreError as error:
        common.flash("error", common.store_problem(error, lang, "organisations.invalid"))
        return
    state[common.ORGANISATION_KEY] = created.id
    state.pop(common.ASSESSMENT_KEY, None)
    common.flash("success", t("organisations.created", lang, name=common.plain(created.name)))
    for key in ("org_new_name", "org_new_sector"):
        state[key] = ""


def _update(organisation_id: int) -> None:
    state = st.session_state
    lang = common.current_language()
    try:
        organisations.update_organisation(
            common.engine(),
            common.require_user(),
            organisation_id,
            name=state.get("org_edit_name", ""),
            sector=state.get("org_edit_sector", ""),
            size_class=state.get("org_edit_size") or None,
        )
    except StoreError as error:
        common.flash("error", common.store_problem(error, lang, "organisations.invalid"))
        return
    common.flash("success", t("organisations.saved", lang))


def _ask_delete(organisation_id: int) -> None:
    st.session_state[common.CONFIRM_DELETE_KEY] = organisation_id


def _cancel_delete() -> None:
    st.session_state.pop(common.CONFIRM_DELETE_KEY, None)


def _delete(organisation_id: int) -> None:
    state = st.session_state
    lang = common.current_language()
    try:
        privacy.erase_organisation(common.engine(), common.require_user(), organisation_id)
    except StoreError:
        common.flash("error", t("organisations.delete_failed", lang))
        return
    state.pop(common.CONFIRM_DELETE_KEY, None)
    state.pop(common.ORGANISATION_KEY, None)
    state.pop(common.ASSESSMENT_KEY, None)
    common.flash("success", t("organisations.deleted", lang))


def render() -> None:
    lang = common.current_language()
    user = common.require_user()
    st.title(t("organisations.page", lang))
    common.show_flash()

    owned = organisations.list_organisations(common.engine(), user)
    if owned:
        table = pd.DataFrame(
            {
                t("organisations.name", lang): [o.name for o in owned],
                t("organisations.sector", lang): [o.sector for o in owned],
                t("organisations.size", lang): [size_label(o.size_class, lang) for o in owned],
                t("organisations.demo", lang): [o.demo for o in owned],
            }
        )
        st.dataframe(table, hide_index=True, width="stretch")
    else:
        st.info(t("organisations.none", lang))

    with st.expander(t("organisations.new", lang), expanded=not owned, icon=":material/add:"):
        st.text_input(t("organisations.name", lang), key="org_new_name", max_chars=200)
        st.text_input(t("organisations.sector", lang), key="org_new_sector", max_chars=200,
                      placeholder=t("organisations.sector_hint", lang))
        st.selectbox(t("organisations.size", lang), SIZE_CLASSES, key="org_new_size",
                     format_func=lambda size: size_label(size, lang))
        st.button(t("organisations.create", lang), key="org_create", on_click=_create, type="primary")

    chosen = st.session_state.get(common.ORGANISATION_KEY)
    current = next((o for o in owned if o.id == chosen), None)
    if current is None:
        return
    st.subheader(t("organisations.edit", lang, name=common.plain(current.name)))
    common.fill_form(
        common.ORGANISATION_FORM_FOR_KEY,
        current.id,
        {"org_edit_name": current.name, "org_edit_sector": current.sector, "org_edit_size": current.size_class},
    )
    st.text_input(t("organisations.name", lang), key="org_edit_name", max_chars=200)
    st.text_input(t("organisations.sector", lang), key="org_edit_sector", max_chars=200)
    st.selectbox(t("organisations.size", lang), size_choices(current.size_class), key="org_edit_size",
                 format_func=lambda size: size_label(size, lang))
    save, remove = st.columns(2)
    save.button(t("organisations.save", lang), key="org_save", on_click=_update, args=(current.id,))
    remove.button(t("organisations.delete", lang), key="org_delete", on_click=_ask_delete, args=(current.id,),
                  icon=":material/delete:")
    if st.session_state.get(common.CONFIRM_DELETE_KEY) == current.id:
        st.warning(t("organisations.confirm_delete", lang, name=common.plain(current.name)))
        yes, no = st.columns(2)
        yes.button(t("organisations.delete_yes", lang), key="org_delete_yes", on_click=_delete,
                   args=(current.id,), type="primary")
        no.button(t("common.cancel", lang), key="org_delete_no", on_click=_cancel_delete)


render()
