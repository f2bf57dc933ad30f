"""Organisations: the consultant's clients — create, edit, delete (with confirmation)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import common
from i18n.format import Formatter
from questionnaires.sectors import OTHER, sections
from reports.sector_names import sector_label
from scoring.sectors import is_section
from store import organisations, privacy
from store.errors import StoreError

#: Size classes by number of staff, as the demo data and imported assessment files write them; the
#: benchmark compares organisations of the same class, so one spelling matters.
SIZE_CLASSES = ("1-49", "50-249", "250-999", "1000+")
SIZE_LABEL_KEYS = {
    "1-49": "size.1_49", "50-249": "size.50_249", "250-999": "size.250_999", "1000+": "size.1000_plus",
}


#: Organisations per page of the list.
PAGE_SIZE = 50


def size_label(size_class: str, fmt: Formatter) -> str:
    """A size class as the consultant reads it; a class from elsewhere (an imported file) as it is."""
    key = SIZE_LABEL_KEYS.get(size_class)
    return fmt.text(key) if key else size_class


def size_choices(current: str | None = None) -> list[str]:
    """The size classes to choose from, with a stored class from elsewhere kept as a choice.

    Editing the name of an imported organisation must not quietly change its size class.
    """
    return [*SIZE_CLASSES, current] if current and current not in SIZE_CLASSES else list(SIZE_CLASSES)


def sector_choices() -> list[str]:
    """The sections A–U of SBI / NACE, then "other" (typed in a text field below the list)."""
    return [*sections(), OTHER]


def sector_option(choice: str, fmt: Formatter) -> str:
    if choice == OTHER:
        return fmt.text("sectors.other")
    return fmt.text("sectors.option", code=choice, name=sections()[choice].name(fmt.lang))


def chosen_sector(prefix: str) -> str:
    """The sector the form holds: a section letter, or the typed text of an other sector."""
    state = st.session_state
    choice = state.get(f"{prefix}_sector") or ""
    return state.get(f"{prefix}_sector_other", "") if choice == OTHER else choice


def sector_fields(prefix: str, fmt: Formatter) -> None:
    """The sector list and, for "other", the text field with a note that it is left out of peer groups."""
    st.selectbox(fmt.text("organisations.sector"), sector_choices(), key=f"{prefix}_sector", index=None,
                 format_func=lambda choice: sector_option(choice, fmt), help=fmt.text("sectors.pick_help"),
                 placeholder=fmt.text("sectors.placeholder"))
    if st.session_state.get(f"{prefix}_sector") == OTHER:
        st.text_input(fmt.text("sectors.other_text"), key=f"{prefix}_sector_other", max_chars=200)
        st.caption(fmt.text("sectors.other_help"))


def _create() -> None:
    state = st.session_state
    fmt = common.formatter()
    try:
        created = organisations.create_organisation(
            common.engine(),
            common.require_user(),
            state.get("org_new_name", ""),
            chosen_sector("org_new"),
            state.get("org_new_size") or SIZE_CLASSES[0],
        )
    except StoreError as error:
        common.flash("error", common.store_problem(error, "organisations.invalid"))
        return
    state[common.ORGANISATION_KEY] = created.id
    state.pop(common.ASSESSMENT_KEY, None)
    common.flash("success", fmt.text("organisations.created", name=common.plain(created.name)))
    state["org_new_name"] = state["org_new_sector_other"] = ""
    state["org_new_sector"] = None


def _update(organisation_id: int) -> None:
    state = st.session_state
    fmt = common.formatter()
    try:
        organisations.update_organisation(
            common.engine(),
            common.require_user(),
            organisation_id,
            name=state.get("org_edit_name", ""),
            sector=chosen_sector("org_edit"),
            size_class=state.get("org_edit_size") or None,
        )
    except StoreError as error:
        common.flash("error", common.store_problem(error, "organisations.invalid"))
        return
    common.flash("success", fmt.text("organisations.saved"))


def _ask_delete(organisation_id: int) -> None:
    st.session_state[common.CONFIRM_DELETE_KEY] = organisation_id


def _cancel_delete() -> None:
    st.session_state.pop(common.CONFIRM_DELETE_KEY, None)


def _delete(organisation_id: int) -> None:
    state = st.session_state
    fmt = common.formatter()
    try:
        privacy.erase_organisation(common.engine(), common.require_user(), organisation_id)
    except StoreError as error:
        common.flash("error", common.store_problem(error, "organisations.delete_failed"))
        return
    state.pop(common.CONFIRM_DELETE_KEY, None)
    state.pop(common.ORGANISATION_KEY, None)
    state.pop(common.ASSESSMENT_KEY, None)
    common.flash("success", fmt.text("organisations.deleted"))


def render() -> None:
    fmt = common.formatter()
    user = common.require_user()
    st.title(fmt.text("organisations.page"))
    common.show_flash()

    # One page of PAGE_SIZE rows at a time: a sector body's thousands of members are paged and searched.
    total = organisations.count_organisations(common.engine(), user)
    search = ""
    if total > PAGE_SIZE:
        left, right = st.columns([3, 1])
        search = left.text_input(fmt.text("organisations.search"), key="org_search", max_chars=200,
                                 placeholder=fmt.text("context.search"))
    found = organisations.count_organisations(common.engine(), user, search=search) if search else total
    pages = max(1, -(-found // PAGE_SIZE))
    page = 1
    if pages > 1:
        page = int(right.number_input(fmt.text("organisations.page_number"), min_value=1, max_value=pages,
                                      value=min(st.session_state.get("org_page", 1), pages), key="org_page"))
    owned = organisations.list_organisations(
        common.engine(), user, search=search, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    if owned:
        if pages > 1:
            st.caption(fmt.text("organisations.page_of", page=page, pages=pages, total=fmt.whole(found)))
        table = pd.DataFrame(
            {
                fmt.text("organisations.name"): [o.name for o in owned],
                fmt.text("organisations.sector"): [sector_label(o.sector, fmt) for o in owned],
                fmt.text("organisations.size"): [size_label(o.size_class, fmt) for o in owned],
                fmt.text("organisations.demo"): [o.demo for o in owned],
            }
        )
        st.dataframe(table, hide_index=True, width="stretch")
    elif not total:
        st.info(fmt.text("organisations.none"))

    with st.expander(fmt.text("organisations.new"), expanded=not total, icon=":material/add:"):
        st.text_input(fmt.text("organisations.name"), key="org_new_name", max_chars=200)
        sector_fields("org_new", fmt)
        st.selectbox(fmt.text("organisations.size"), SIZE_CLASSES, key="org_new_size",
                     format_func=lambda size: size_label(size, fmt))
        st.button(fmt.text("organisations.create"), key="org_create", on_click=_create, type="primary")

    chosen = st.session_state.get(common.ORGANISATION_KEY)
    current = next((o for o in owned if o.id == chosen), None) or common.owned_organisation(user, chosen)
    if current is None:
        return
    st.subheader(fmt.text("organisations.edit", name=common.plain(current.name)))
    state = st.session_state
    # The other sector's text field is drawn only for "other", so it is filled apart from the form's fields.
    if state.get(common.ORGANISATION_FORM_FOR_KEY) != current.id or "org_edit_sector" not in state:
        state["org_edit_sector_other"] = "" if is_section(current.sector) else current.sector
    common.fill_form(
        common.ORGANISATION_FORM_FOR_KEY,
        current.id,
        {
            "org_edit_name": current.name,
            "org_edit_sector": current.sector if is_section(current.sector) else OTHER,
            "org_edit_size": current.size_class,
        },
    )
    st.text_input(fmt.text("organisations.name"), key="org_edit_name", max_chars=200)
    sector_fields("org_edit", fmt)
    st.selectbox(fmt.text("organisations.size"), size_choices(current.size_class), key="org_edit_size",
                 format_func=lambda size: size_label(size, fmt))
    save, remove = st.columns(2)
    save.button(fmt.text("organisations.save"), key="org_save", on_click=_update, args=(current.id,))
    remove.button(fmt.text("organisations.delete"), key="org_delete", on_click=_ask_delete, args=(current.id,),
                  icon=":material/delete:")
    if st.session_state.get(common.CONFIRM_DELETE_KEY) == current.id:
        st.warning(fmt.text("organisations.confirm_delete", name=common.plain(current.name)))
        yes, no = st.columns(2)
        yes.button(fmt.text("organisations.delete_yes"), key="org_delete_yes", on_click=_delete,
                   args=(current.id,), type="primary")
        no.button(fmt.text("common.cancel"), key="org_delete_no", on_click=_cancel_delete)


render()
