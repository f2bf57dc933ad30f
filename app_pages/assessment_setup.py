"""An assessment's set-up: questionnaire, targets per pillar, status, respondents and their links.

A respondent's link holds a token the store keeps only as a hash, so it is
shown once, right after creating the respondent or issuing a new link; the
page says so and keeps it on screen until dismissed.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from app_pages import common
from i18n import t
from questionnaires import localized
from scoring.assessment import Targets
from scoring.results import ASSESSMENT_STATUSES
from store import assessments, respondents
from store.errors import StoreError


def _message(kind: str, text: str) -> None:
    common.flash(kind, text)


def _create_assessment(organisation_id: int) -> None:
    state = st.session_state
    lang = common.current_language()
    choices = common.available_questionnaires()
    key = state.get("setup_new_questionnaire")
    if key not in choices:
        _message("error", t("setup.choose_questionnaire", lang))
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
    except StoreError:
        _message("error", t("setup.invalid", lang))
        return
    state[common.ASSESSMENT_KEY] = created.id
    state.pop(common.NEW_LINKS_KEY, None)
    _message("success", t("setup.created", lang))


def _save_targets(assessment_id: int, pillar_ids: list[str]) -> None:
    lang = common.current_language()
    targets = Targets(pillars={pid: float(st.session_state[f"setup_target_{pid}"]) for pid in pillar_ids})
    try:
        assessments.set_targets(common.engine(), common.require_user(), assessment_id, targets)
    except StoreError:
        _message("error", t("setup.invalid", lang))
        return
    _message("success", t("setup.targets_saved", lang))


def _save_status(assessment_id: int) -> None:
    lang = common.current_language()
    status = st.session_state.get("setup_status")
    if status is None:  # a click on the chosen status un-chooses it: keep the stored one
        st.session_state["setup_status"] = assessments.get_assessment(
            common.engine(), common.require_user(), assessment_id
        ).status
        return
    try:
        assessments.update_assessment(common.engine(), common.require_user(), assessment_id, status=status)
    except StoreError:
        _message("error", t("setup.invalid", lang))
        return
    _message("success", t("setup.status_saved", lang, status=t(f"status.{status}", lang)))


def _add_respondent(assessment_id: int) -> None:
    state = st.session_state
    lang = common.current_language()
    try:
        new = respondents.add_respondent(
            common.engine(),
            common.require_user(),
            assessment_id,
            state.get("setup_respondent_role", ""),
            state.get("setup_respondent_name") or None,
        )
    except StoreError as error:
        _message("error", common.store_problem(error, lang, "setup.respondent_invalid"))
        return
    state.setdefault(common.NEW_LINKS_KEY, {})[new.respondent.id] = new.token
    state["setup_respondent_role"] = ""
    state["setup_respondent_name"] = ""


def _revoke(respondent_id: int) -> None:
    try:
        respondents.revoke_link(common.engine(), common.require_user(), respondent_id)
    except StoreError:
        _message("error", t("setup.invalid", common.current_language()))
        return
    st.session_state.get(common.NEW_LINKS_KEY, {}).pop(respondent_id, None)
    _message("success", t("setup.revoked", common.current_language()))


def _reissue(respondent_id: int) -> None:
    try:
        new = respondents.reissue_link(common.engine(), common.require_user(), respondent_id)
    except StoreError:
        _message("error", t("setup.invalid", common.current_language()))
        return
    st.session_state.setdefault(common.NEW_LINKS_KEY, {})[respondent_id] = new.token


def _dismiss_links() -> None:
    st.session_state.pop(common.NEW_LINKS_KEY, None)


def _new_assessment_form(organisation_id: int, lang: str, expanded: bool) -> None:
    choices = common.available_questionnaires()
    with st.expander(t("setup.new", lang), expanded=expanded, icon=":material/add:"):
        if not choices:
            st.info(t("setup.no_questionnaires", lang))
            return
        st.selectbox(
            t("setup.questionnaire", lang),
            list(choices),
            format_func=lambda key: f"{localized(choices[key].title, lang)} (v{key[1]}, "
            f"{t('setup.questions', lang, count=choices[key].question_count)})",
            key="setup_new_questionnaire",
        )
        st.text_input(t("setup.title", lang), key="setup_new_title", max_chars=200)
        st.date_input(t("setup.date", lang), key="setup_new_date", value=dt.date.today(), format="YYYY-MM-DD")
        st.button(t("setup.create", lang), key="setup_create", on_click=_create_assessment,
                  args=(organisation_id,), type="primary")


def render() -> None:
    lang = common.current_language()
    user = common.require_user()
    st.title(t("setup.page", lang))
    organisation_id = common.require_organisation()
    common.show_flash()
    assessment_id = st.session_state.get(common.ASSESSMENT_KEY)
    _new_assessment_form(organisation_id, lang, expanded=assessment_id is None)
    if assessment_id is None:
        st.stop()

    info = assessments.get_assessment(common.engine(), user, assessment_id)
    questionnaire = assessments.pinned_questionnaire(common.engine(), user, assessment_id)
    st.subheader(common.plain(common.assessment_label(info, lang)))
    st.caption(
        t("setup.pinned", lang, title=common.plain(localized(questionnaire.title, lang)),
          version=questionnaire.version, count=questionnaire.question_count)
    )

    common.fill_form(common.SETUP_STATUS_FOR_KEY, info.id, {"setup_status": info.status})
    st.segmented_control(
        t("setup.status", lang), ASSESSMENT_STATUSES, key="setup_status", format_func=lambda s: t(f"status.{s}", lang),
        on_change=_save_status, args=(info.id,),
    )

    st.markdown(f"#### {t('setup.targets', lang)}")
    pillar_ids = [pillar.id for pillar in questionnaire.pillars]
    columns = st.columns(len(pillar_ids))
    for column, pillar in zip(columns, questionnaire.pillars, strict=True):
        default = info.targets.pillars.get(pillar.id, questionnaire.targets.get(pillar.id, 3.0))
        key = f"setup_target_{pillar.id}"
        if st.session_state.get(common.SETUP_TARGETS_FOR_KEY) != info.id or key not in st.session_state:
            st.session_state[key] = float(default)
        column.number_input(localized(pillar.name, lang), min_value=0.0, max_value=5.0, step=0.5, key=key,
                            format="%.1f")
    st.session_state[common.SETUP_TARGETS_FOR_KEY] = info.id
    st.button(t("setup.save_targets", lang), key="setup_save_targets", on_click=_save_targets,
              args=(info.id, pillar_ids))

    st.markdown(f"#### {t('setup.respondents', lang)}")
    people = respondents.list_respondents(common.engine(), user, assessment_id)
    new_links: dict[int, str] = st.session_state.get(common.NEW_LINKS_KEY, {})
    if new_links:
        st.warning(t("setup.links_once", lang), icon=":material/key:")
        for person in people:
            if person.id in new_links:
                st.text(f"{person.role}" + (f" — {person.name}" if person.name else ""))
                st.code(common.app_link(new_links[person.id]), language=None)
        st.button(t("setup.links_copied", lang), key="setup_links_copied", on_click=_dismiss_links)
    total = questionnaire.question_count
    if people:
        header = st.columns([3, 2, 2, 1.3, 1.3])
        for column, key in zip(header, ("setup.role", "setup.answered", "setup.link"), strict=False):
            column.caption(t(key, lang))
        for person in people:
            role, progress, state, reissue, revoke = st.columns([3, 2, 2, 1.3, 1.3], vertical_alignment="center")
            role.text(person.role + (f" — {person.name}" if person.name else ""))
            done = t("setup.finished", lang) if person.finished_at else ""
            progress.text(f"{person.answered}/{total}" + (f" · {done}" if done else ""))
            state.text(t("setup.revoked_state", lang) if person.revoked else t("setup.active", lang))
            reissue.button(t("setup.reissue", lang), key=f"setup_reissue_{person.id}", on_click=_reissue,
                           args=(person.id,), icon=":material/autorenew:", help=t("setup.reissue_help", lang))
            revoke.button(t("setup.revoke", lang), key=f"setup_revoke_{person.id}", on_click=_revoke,
                          args=(person.id,), disabled=person.revoked, icon=":material/link_off:",
                          help=t("setup.revoke_help", lang))
    else:
        st.info(t("setup.no_respondents", lang))
    with st.form("setup_add_respondent", clear_on_submit=False, border=True):
        st.markdown(f"**{t('setup.add_respondent', lang)}**")
        st.text_input(t("setup.role", lang), key="setup_respondent_role", max_chars=200,
                      placeholder=t("setup.role_hint", lang))
        st.text_input(t("setup.name_optional", lang), key="setup_respondent_name", max_chars=200)
        st.form_submit_button(t("setup.add_respondent", lang), on_click=_add_respondent, args=(assessment_id,),
                              icon=":material/person_add:")


render()
