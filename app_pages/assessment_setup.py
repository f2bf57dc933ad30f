"""An assessment's set-up: questionnaire, targets per pillar, status, respondents and their links.

A respondent's link holds a token the store keeps only as a hash, so it is
shown once, right after creating the respondent or issuing a new link; the
page says so and keeps it on screen until dismissed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import streamlit as st

from app_pages import common, respondent_panel
from questionnaires import localized
from scoring.assessment import Targets
from scoring.results import ASSESSMENT_STATUSES
from store import assessments, invitations, privacy, respondents
from store.errors import StoreError

if TYPE_CHECKING:
    from i18n.format import Formatter
    from store.records import AssessmentInfo, RespondentInfo

#: The targets a consultant chooses from: half levels 0–5.
TARGET_CHOICES = tuple(level / 2 for level in range(11))


def _message(kind: str, text: str) -> None:
    common.flash(kind, text)


def _create_assessment(organisation_id: int) -> None:
    state = st.session_state
    fmt = common.formatter()
    choices = common.available_questionnaires()
    key = state.get("setup_new_questionnaire")
    if key not in choices:
        _message("error", fmt.text("setup.choose_questionnaire"))
        return
    try:
        created = assessments.create_assessment(
            common.engine(),
            common.require_user(),
            organisation_id,
            choices[key],
            title=state.get("setup_new_title") or None,
            date=state.get("setup_new_date") or dt.date.today(),
            status="open",
        )
    except StoreError as error:
        _message("error", common.store_problem(error, "setup.invalid"))
        return
    state[common.ASSESSMENT_KEY] = created.id
    state.pop(common.NEW_LINKS_KEY, None)
    _message("success", fmt.text("setup.created"))


def _save_targets(assessment_id: int, pillar_ids: list[str]) -> None:
    fmt = common.formatter()
    targets = Targets(pillars={pid: float(st.session_state[f"setup_target_{pid}"]) for pid in pillar_ids})
    try:
        assessments.set_targets(common.engine(), common.require_user(), assessment_id, targets)
    except StoreError as error:
        _message("error", common.store_problem(error, "setup.invalid"))
        return
    _message("success", fmt.text("setup.targets_saved"))


def _save_status(assessment_id: int) -> None:
    fmt = common.formatter()
    status = st.session_state.get("setup_status")
    if status is None:  # a click on the chosen status un-chooses it: keep the stored one
        st.session_state["setup_status"] = assessments.get_assessment(
            common.engine(), common.require_user(), assessment_id
        ).status
        return
    if respondent_panel.ask_before_closing(assessment_id, status):  # someone has not finished: ask first
        st.session_state["setup_status"] = assessments.get_assessment(
            common.engine(), common.require_user(), assessment_id
        ).status
        return
    try:
        assessments.update_assessment(common.engine(), common.require_user(), assessment_id, status=status)
    except StoreError as error:
        _message("error", common.store_problem(error, "setup.invalid"))
        return
    _message("success", fmt.text("setup.status_saved", status=fmt.text(f"status.{status}")))


def _add_respondent(assessment_id: int) -> None:
    state = st.session_state
    try:
        email = invitations.clean_email(state.get("setup_respondent_email"))  # refused before anyone is added
        new = respondents.add_respondent(
            common.engine(),
            common.require_user(),
            assessment_id,
            state.get("setup_respondent_role", ""),
            state.get("setup_respondent_name") or None,
            audiences=tuple(state.get("setup_respondent_audiences") or ()),
        )
        if email:
            invitations.set_email(common.engine(), common.require_user(), new.respondent.id, email)
    except StoreError as error:
        _message("error", common.store_problem(error, "setup.respondent_invalid"))
        return
    state.setdefault(common.NEW_LINKS_KEY, {})[new.respondent.id] = new.token
    state["setup_respondent_role"] = ""
    state["setup_respondent_name"] = ""
    state["setup_respondent_email"] = ""
    state["setup_respondent_audiences"] = []


def _revoke(respondent_id: int) -> None:
    try:
        respondents.revoke_link(common.engine(), common.require_user(), respondent_id)
    except StoreError as error:
        _message("error", common.store_problem(error, "setup.invalid"))
        return
    st.session_state.get(common.NEW_LINKS_KEY, {}).pop(respondent_id, None)
    _message("success", common.formatter().text("setup.revoked"))


def _reissue(respondent_id: int) -> None:
    try:
        new = respondents.reissue_link(common.engine(), common.require_user(), respondent_id)
    except StoreError as error:
        _message("error", common.store_problem(error, "setup.invalid"))
        return
    st.session_state.setdefault(common.NEW_LINKS_KEY, {})[respondent_id] = new.token


def _dismiss_links() -> None:
    st.session_state.pop(common.NEW_LINKS_KEY, None)


def _save_respondent(respondent_id: int) -> None:
    state = st.session_state
    fmt = common.formatter()
    try:
        respondents.update_respondent(
            common.engine(), common.require_user(), respondent_id,
            role=state.get("setup_manage_role", ""), name=state.get("setup_manage_name", ""),
        )
        invitations.set_email(common.engine(), common.require_user(), respondent_id,
                              state.get("setup_manage_email", ""))
    except StoreError as error:
        _message("error", common.store_problem(error, "setup.respondent_invalid"))
        return
    state.pop(common.SETUP_MANAGE_FOR_KEY, None)  # refill the fields from the stored record
    _message("success", fmt.text("privacy.respondent_saved"))


def _ask_erase(kind: str, record_id: int) -> None:
    st.session_state[common.CONFIRM_ERASE_KEY] = (kind, record_id)


def _cancel_erase() -> None:
    st.session_state.pop(common.CONFIRM_ERASE_KEY, None)


def _erase_respondent(respondent_id: int) -> None:
    fmt = common.formatter()
    try:
        privacy.erase_respondent(common.engine(), common.require_user(), respondent_id)
    except StoreError as error:
        _message("error", common.store_problem(error, "setup.invalid"))
        return
    st.session_state.pop(common.CONFIRM_ERASE_KEY, None)
    st.session_state.get(common.NEW_LINKS_KEY, {}).pop(respondent_id, None)
    st.session_state.pop("setup_manage_respondent", None)
    _message("success", fmt.text("privacy.respondent_erased"))


def _save_assessment(assessment_id: int) -> None:
    state = st.session_state
    fmt = common.formatter()
    try:
        assessments.update_assessment(
            common.engine(), common.require_user(), assessment_id,
            title=state.get("setup_edit_title", ""), date=state.get("setup_edit_date") or None,
        )
    except StoreError as error:
        _message("error", common.store_problem(error, "setup.invalid"))
        return
    state.pop(common.SETUP_EDIT_FOR_KEY, None)
    _message("success", fmt.text("privacy.assessment_saved"))


def _erase_assessment(assessment_id: int) -> None:
    fmt = common.formatter()
    try:
        privacy.erase_assessment(common.engine(), common.require_user(), assessment_id)
    except StoreError as error:
        _message("error", common.store_problem(error, "setup.invalid"))
        return
    for key in (common.CONFIRM_ERASE_KEY, common.ASSESSMENT_KEY, common.NEW_LINKS_KEY):
        st.session_state.pop(key, None)
    _message("success", fmt.text("privacy.assessment_erased"))


def _confirm(kind: str, record_id: int, question: str, on_yes: Callable[[int], None], fmt: Formatter) -> bool:
    """The confirmation box for an erasure that was asked for; ``True`` when it is shown."""
    if st.session_state.get(common.CONFIRM_ERASE_KEY) != (kind, record_id):
        return False
    st.warning(question, icon=":material/warning:")
    yes, no = st.columns(2)
    yes.button(fmt.text("privacy.erase_confirm"), key=f"setup_erase_{kind}_yes", on_click=on_yes, args=(record_id,),
               type="primary", icon=":material/delete_forever:")
    no.button(fmt.text("common.cancel"), key=f"setup_erase_{kind}_no", on_click=_cancel_erase)
    return True


def _manage_respondent(people: list[RespondentInfo], fmt: Formatter) -> None:
    """Correct, export or erase one respondent: what a data subject's request needs."""
    if not people:
        return
    owned = {person.id: person for person in people}
    with st.expander(fmt.text("privacy.manage_respondent"), icon=":material/manage_accounts:"):
        st.caption(fmt.text("privacy.manage_respondent_help"))
        if st.session_state.get("setup_manage_respondent") not in owned:
            st.session_state["setup_manage_respondent"] = next(iter(owned))
        chosen = st.selectbox(
            fmt.text("privacy.respondent"), list(owned), key="setup_manage_respondent",
            format_func=lambda rid: owned[rid].role + (f" — {owned[rid].name}" if owned[rid].name else ""),
        )
        person = owned[chosen]
        common.fill_form(common.SETUP_MANAGE_FOR_KEY, person.id,
                         {"setup_manage_role": person.role, "setup_manage_name": person.name or "",
                          "setup_manage_email": person.email or ""})
        st.text_input(fmt.text("setup.role"), key="setup_manage_role", max_chars=200)
        st.text_input(fmt.text("setup.name_optional"), key="setup_manage_name", max_chars=200)
        st.text_input(fmt.text("setup.email_optional"), key="setup_manage_email", max_chars=254)
        save, download, erase = st.columns(3)
        save.button(fmt.text("privacy.save"), key="setup_manage_save", on_click=_save_respondent, args=(person.id,))
        download.download_button(
            fmt.text("privacy.export_respondent"),
            data=privacy.export_respondent(common.engine(), common.require_user(), person.id),
            file_name=f"respondent-{person.id}.json", mime="application/json", key="setup_manage_export",
            icon=":material/download:", on_click="ignore",
        )
        erase.button(fmt.text("privacy.erase_respondent"), key="setup_manage_erase", on_click=_ask_erase,
                     args=("respondent", person.id), icon=":material/delete:")
        _confirm("respondent", person.id, fmt.text("privacy.confirm_respondent", answers=person.answered),
                 _erase_respondent, fmt)


def _edit_assessment(info: AssessmentInfo, people: int, fmt: Formatter) -> None:
    """Title and date, and erasing the whole assessment."""
    with st.expander(fmt.text("privacy.edit_assessment"), icon=":material/edit:"):
        common.fill_form(common.SETUP_EDIT_FOR_KEY, info.id,
                         {"setup_edit_title": info.title or "", "setup_edit_date": info.date})
        st.text_input(fmt.text("setup.title"), key="setup_edit_title", max_chars=200)
        st.date_input(fmt.text("setup.date"), key="setup_edit_date", format="YYYY-MM-DD")
        save, erase = st.columns(2)
        save.button(fmt.text("privacy.save"), key="setup_edit_save", on_click=_save_assessment, args=(info.id,))
        erase.button(fmt.text("privacy.erase_assessment"), key="setup_edit_erase", on_click=_ask_erase,
                     args=("assessment", info.id), icon=":material/delete:")
        _confirm("assessment", info.id, fmt.text("privacy.confirm_assessment", respondents=people),
                 _erase_assessment, fmt)


def _new_assessment_form(organisation_id: int, fmt: Formatter, expanded: bool) -> None:
    choices = common.available_questionnaires()
    with st.expander(fmt.text("setup.new"), expanded=expanded, icon=":material/add:"):
        if not choices:
            st.info(fmt.text("setup.no_questionnaires"))
            return
        ids = list(dict.fromkeys(key[0] for key in choices))
        st.selectbox(
            fmt.text("setup.questionnaire"),
            # Each questionnaire's newest version first, so a new assessment starts on it by default.
            sorted(choices, key=lambda key: (ids.index(key[0]), -key[1])),
            format_func=lambda key: f"{localized(choices[key].title, fmt.lang)} (v{key[1]}, "
            f"{fmt.text('setup.questions', count=choices[key].question_count)})",
            key="setup_new_questionnaire",
        )
        st.text_input(fmt.text("setup.title"), key="setup_new_title", max_chars=200)
        st.date_input(fmt.text("setup.date"), key="setup_new_date", value=dt.date.today(), format="YYYY-MM-DD")
        st.button(fmt.text("setup.create"), key="setup_create", on_click=_create_assessment,
                  args=(organisation_id,), type="primary")


def render() -> None:
    fmt = common.formatter()
    user = common.require_user()
    st.title(fmt.text("setup.page"))
    organisation_id = common.require_organisation()
    common.show_flash()
    assessment_id = st.session_state.get(common.ASSESSMENT_KEY)
    _new_assessment_form(organisation_id, fmt, expanded=assessment_id is None)
    if assessment_id is None:
        st.stop()

    info = assessments.get_assessment(common.engine(), user, assessment_id)
    questionnaire = assessments.pinned_questionnaire(common.engine(), user, assessment_id)
    st.subheader(common.plain(common.assessment_label(info, fmt)))
    st.caption(
        fmt.text("setup.pinned", title=common.plain(localized(questionnaire.title, fmt.lang)),
          version=questionnaire.version, count=questionnaire.question_count)
    )

    common.fill_form(common.SETUP_STATUS_FOR_KEY, info.id, {"setup_status": info.status})
    st.segmented_control(
        fmt.text("setup.status"), ASSESSMENT_STATUSES, key="setup_status",
        format_func=lambda status: fmt.text(f"status.{status}"),
        on_change=_save_status, args=(info.id,),
    )
    respondent_panel.close_question(info, respondents.list_respondents(common.engine(), user, assessment_id),
                                    questionnaire, fmt)

    st.markdown(f"#### {fmt.text('setup.targets')}")
    pillar_ids = [pillar.id for pillar in questionnaire.pillars]
    columns = st.columns(len(pillar_ids))
    for column, pillar in zip(columns, questionnaire.pillars, strict=True):
        default = info.targets.pillars.get(pillar.id, questionnaire.targets.get(pillar.id, 3.0))
        key = f"setup_target_{pillar.id}"
        if st.session_state.get(common.SETUP_TARGETS_FOR_KEY) != info.id or key not in st.session_state:
            st.session_state[key] = float(default)
        # A choice of half levels written by the formatter ("3,0" in Dutch); a target from an imported file stays.
        choices = sorted({*TARGET_CHOICES, st.session_state[key]})
        column.select_slider(localized(pillar.name, fmt.lang), options=choices, key=key, format_func=fmt.number)
    st.session_state[common.SETUP_TARGETS_FOR_KEY] = info.id
    st.button(fmt.text("setup.save_targets"), key="setup_save_targets", on_click=_save_targets,
              args=(info.id, pillar_ids))

    st.markdown(f"#### {fmt.text('setup.respondents')}")
    people = respondents.list_respondents(common.engine(), user, assessment_id)
    new_links: dict[int, str] = st.session_state.get(common.NEW_LINKS_KEY, {})
    if new_links:
        st.warning(fmt.text("setup.links_once"), icon=":material/key:")
        for person in people:
            if person.id in new_links:
                st.text(f"{person.role}" + (f" — {person.name}" if person.name else ""))
                st.code(common.app_link(new_links[person.id]), language=None)
        st.button(fmt.text("setup.links_copied"), key="setup_links_copied", on_click=_dismiss_links)
    if people:
        respondent_panel.table(people, questionnaire, fmt, _reissue, _revoke)
    else:
        st.info(fmt.text("setup.no_respondents"))
    with st.form("setup_add_respondent", clear_on_submit=False, border=True):
        st.markdown(f"**{fmt.text('setup.add_respondent')}**")
        st.text_input(fmt.text("setup.role"), key="setup_respondent_role", max_chars=200,
                      placeholder=fmt.text("setup.role_hint"))
        st.text_input(fmt.text("setup.name_optional"), key="setup_respondent_name", max_chars=200)
        st.text_input(fmt.text("setup.email_optional"), key="setup_respondent_email", max_chars=254)
        if questionnaire.audiences:
            names = {audience.id: localized(audience.name, fmt.lang) for audience in questionnaire.audiences}
            st.multiselect(fmt.text("workshop.audiences"), list(names), key="setup_respondent_audiences",
                           format_func=lambda audience_id: names[audience_id],
                           help=fmt.text("workshop.audiences_help"),
                           placeholder=fmt.text("common.choose_options"))  # not Streamlit's "Choose options"
        st.form_submit_button(fmt.text("setup.add_respondent"), on_click=_add_respondent, args=(assessment_id,),
                              icon=":material/person_add:")
    respondent_panel.invite(info, people, fmt)
    _manage_respondent(people, fmt)
    _edit_assessment(info, len(people), fmt)


render()
