"""The set-up page's respondents: a table with status and last activity, the deadline, invitations.

Links are kept only as hashes, so every link this panel hands out is a new one
(``respondents.reissue_link``): "copy all links" shows the new links once in an
invitation text; with SMTP set up (``invites.mail``) invitations and reminders
are sent from here, each with a new link in the message only, and the page
lists what was sent to whom and when. Closing an assessment while respondents
have not finished asks first (``close_question``).
"""

from __future__ import annotations

import smtplib
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from app_pages import common
from i18n import LANGUAGES
from i18n.format import formatter as formatter_for
from invites import mail
from store import assessments, branding, invitations, organisations, respondents
from store.errors import StoreError

if TYPE_CHECKING:
    from i18n.format import Formatter
    from questionnaires import Questionnaire
    from store.records import AssessmentInfo, RespondentInfo

#: Session-state keys of this panel.
ALL_LINKS_KEY = "setup_all_links_text"
INVITE_LANGUAGE_KEY = "setup_invite_language"
DEADLINE_KEY = "setup_deadline"
DEADLINE_FOR_KEY = "setup_deadline_for"
CONFIRM_CLOSE_KEY = "setup_confirm_close"


def who(person: RespondentInfo) -> str:
    return person.role + (f" — {person.name}" if person.name else "")


def status_text(person: RespondentInfo, asked: int, fmt: Formatter) -> str:
    """Not started, n of N, or finished."""
    if person.finished_at:
        return fmt.text("setup.finished")
    if person.answered == 0:
        return fmt.text("setup.status_not_started")
    return fmt.text("setup.status_progress", done=person.answered, total=asked)


def not_finished(people: list[RespondentInfo]) -> list[RespondentInfo]:
    return [person for person in people if not person.finished_at]


def _settings() -> mail.SmtpSettings | None:
    from app_pages.auth import _secrets

    return mail.smtp_settings(_secrets())


def _consultant_name(user: int) -> str:
    return branding.get_branding(common.engine(), user).consultant_name or str(
        st.session_state.get(common.USER_EMAIL_KEY, "")
    )


def _invite_formatter() -> Formatter:
    lang = st.session_state.get(INVITE_LANGUAGE_KEY) or common.current_language()
    return formatter_for(lang if lang in LANGUAGES else common.current_language())


def _link(token: str, lang: str) -> str:
    return f"{common.app_link(token)}&lang={lang}"


def _save_deadline(assessment_id: int) -> None:
    fmt = common.formatter()
    try:
        invitations.set_deadline(common.engine(), common.require_user(), assessment_id,
                                 st.session_state.get(DEADLINE_KEY))
    except StoreError as error:
        common.flash("error", common.store_problem(error, "setup.invalid"))
        return
    common.flash("success", fmt.text("setup.deadline_saved"))


def _all_links(info: AssessmentInfo) -> None:
    """New links for everyone who has not finished (and whose link is not revoked), in a text to copy."""
    user = common.require_user()
    engine = common.engine()
    people = [p for p in not_finished(respondents.list_respondents(engine, user, info.id)) if not p.revoked]
    fmt = _invite_formatter()
    if not people:
        common.flash("info", common.formatter().text("setup.nobody_to_invite"))
        st.session_state.pop(ALL_LINKS_KEY, None)
        return
    links = [(who(p), _link(respondents.reissue_link(engine, user, p.id).token, fmt.lang)) for p in people]
    organisation = organisations.get_organisation(engine, user, info.organisation_id).name
    st.session_state[ALL_LINKS_KEY] = mail.all_links_text(
        fmt, organisation=organisation, consultant=_consultant_name(user), deadline=info.deadline, links=links
    )
    st.session_state.pop(common.NEW_LINKS_KEY, None)  # the links shown before no longer work


def _send(info: AssessmentInfo, kind: str) -> None:
    """Send invitations (to those never invited) or reminders (to the invited who have not finished)."""
    page_fmt = common.formatter()
    settings = _settings()
    if settings is None:
        common.flash("error", page_fmt.text("setup.smtp_missing"))
        return
    user = common.require_user()
    engine = common.engine()
    invited = {sent.respondent_id for sent in invitations.list_sent(engine, user, info.id)}
    people = [
        p for p in not_finished(respondents.list_respondents(engine, user, info.id))
        if p.email and not p.revoked and ((p.id in invited) == (kind == "reminder"))
    ]
    if not people:
        common.flash("info", page_fmt.text("setup.send_nobody"))
        return
    fmt = _invite_formatter()
    organisation = organisations.get_organisation(engine, user, info.organisation_id).name
    consultant = _consultant_name(user)
    messages = {}
    for person in people:
        token = respondents.reissue_link(engine, user, person.id).token
        subject, body = mail.message_text(
            fmt, kind, organisation=organisation, consultant=consultant, deadline=info.deadline,
            link=_link(token, fmt.lang), name=person.name,
        )
        messages[person.id] = mail.build_message(settings, str(person.email), subject, body, consultant)
    try:
        accepted = set(mail.send(settings, list(messages.values())))
    except (OSError, smtplib.SMTPException):
        common.flash("error", page_fmt.text("setup.send_failed"))
        return
    count = 0
    for person in people:
        if person.email in accepted:
            invitations.record_sent(engine, user, person.id, kind, str(person.email))
            count += 1
    st.session_state.pop(common.NEW_LINKS_KEY, None)
    common.flash("success", page_fmt.text("setup.sent", count=count))


def table(people: list[RespondentInfo], questionnaire: Questionnaire, fmt: Formatter,
          reissue: object, revoke: object) -> None:
    """One row per respondent: who, status (not started, n of N, finished), last activity, link state and actions."""
    widths = [2.6, 1.3, 1.5, 0.9, 1.8, 1.6]  # the action columns wide enough for "Nieuwe link" uncut
    header = st.columns(widths)
    for column, key in zip(header, ("setup.role", "setup.status_col", "setup.last_activity", "setup.link"),
                           strict=False):
        column.caption(fmt.text(key))
    for person in people:
        name, status, active, state, again, stop = st.columns(widths, vertical_alignment="center")
        name.text(who(person) + (f" · {person.email}" if person.email else ""))
        asked = len(questionnaire.questions_for(person.audiences))  # progress counts only their questions
        status.text(status_text(person, asked, fmt))
        active.text(fmt.moment(person.last_activity) if person.last_activity else "—")
        state.text(fmt.text("setup.revoked_state") if person.revoked else fmt.text("setup.active"))
        again.button(fmt.text("setup.reissue"), key=f"setup_reissue_{person.id}", on_click=reissue,
                     args=(person.id,), icon=":material/autorenew:", help=fmt.text("setup.reissue_help"))
        stop.button(fmt.text("setup.revoke"), key=f"setup_revoke_{person.id}", on_click=revoke,
                    args=(person.id,), disabled=person.revoked, icon=":material/link_off:",
                    help=fmt.text("setup.revoke_help"))


def invite(info: AssessmentInfo, people: list[RespondentInfo], fmt: Formatter) -> None:
    """Deadline, the invitation text with every link to copy, and sending by e-mail when set up."""
    st.markdown(f"#### {fmt.text('setup.invite_title')}")
    common.fill_form(DEADLINE_FOR_KEY, (info.id, info.deadline), {DEADLINE_KEY: info.deadline})
    day, save, language = st.columns([2, 1.2, 2], vertical_alignment="bottom")
    day.date_input(fmt.text("setup.deadline"), key=DEADLINE_KEY, format="YYYY-MM-DD", help=fmt.text(
        "setup.deadline_help"))
    save.button(fmt.text("setup.save_deadline"), key="setup_save_deadline", on_click=_save_deadline,
                args=(info.id,))
    st.session_state.setdefault(INVITE_LANGUAGE_KEY, fmt.lang)
    language.segmented_control(fmt.text("setup.invite_language"), LANGUAGES, key=INVITE_LANGUAGE_KEY,
                               format_func=lambda code: code.upper())
    st.button(fmt.text("setup.copy_all"), key="setup_copy_all", on_click=_all_links, args=(info,),
              icon=":material/content_copy:", help=fmt.text("setup.copy_all_help"), disabled=not people)
    text = st.session_state.get(ALL_LINKS_KEY)
    if text:
        st.info(fmt.text("setup.copy_all_ready"), icon=":material/key:")
        st.code(text, language=None, wrap_lines=True)
    if _settings() is None:
        st.caption(fmt.text("setup.smtp_missing"))
    else:
        send, remind = st.columns(2)
        send.button(fmt.text("setup.send_invitations"), key="setup_send_invitations", on_click=_send,
                    args=(info, "invitation"), icon=":material/send:", help=fmt.text("setup.send_invitations_help"))
        remind.button(fmt.text("setup.send_reminders"), key="setup_send_reminders", on_click=_send,
                      args=(info, "reminder"), icon=":material/notifications:",
                      help=fmt.text("setup.send_reminders_help"))
    sent = invitations.list_sent(common.engine(), common.require_user(), info.id)
    if sent:
        names = {person.id: who(person) for person in people}
        st.markdown(f"**{fmt.text('setup.sent_title')}**")
        st.dataframe(
            pd.DataFrame({
                fmt.text("setup.role"): [names.get(item.respondent_id, "") for item in sent],
                fmt.text("setup.sent_kind"): [fmt.text(f"setup.kind_{item.kind}") for item in sent],
                fmt.text("setup.sent_to"): [item.recipient for item in sent],
                fmt.text("setup.sent_at"): [fmt.moment(item.sent_at) for item in sent],
            }),
            hide_index=True, width="stretch",
        )


def ask_before_closing(assessment_id: int, status: str) -> bool:
    """``True`` when closing must wait for the consultant's answer: someone has not finished."""
    if status != "closed":
        return False
    open_people = not_finished(respondents.list_respondents(common.engine(), common.require_user(), assessment_id))
    if not open_people:
        return False
    st.session_state[CONFIRM_CLOSE_KEY] = assessment_id
    return True


def _close_anyway(assessment_id: int) -> None:
    fmt = common.formatter()
    st.session_state.pop(CONFIRM_CLOSE_KEY, None)
    try:
        assessments.update_assessment(common.engine(), common.require_user(), assessment_id, status="closed")
    except StoreError as error:
        common.flash("error", common.store_problem(error, "setup.invalid"))
        return
    st.session_state["setup_status"] = "closed"
    common.flash("success", fmt.text("setup.status_saved", status=fmt.text("status.closed")))


def _keep_open() -> None:
    st.session_state.pop(CONFIRM_CLOSE_KEY, None)


def close_question(info: AssessmentInfo, people: list[RespondentInfo], questionnaire: Questionnaire,
                   fmt: Formatter) -> None:
    """Who has not finished, and "close anyway?", when closing was asked for."""
    if st.session_state.get(CONFIRM_CLOSE_KEY) != info.id:
        return
    waiting = not_finished(people)
    listed = "; ".join(
        f"{who(p)} ({status_text(p, len(questionnaire.questions_for(p.audiences)), fmt)})" for p in waiting
    )
    st.warning(fmt.text("setup.close_open", count=len(waiting), people=common.plain(listed)),
               icon=":material/warning:")
    yes, no = st.columns(2)
    yes.button(fmt.text("setup.close_anyway"), key="setup_close_yes", on_click=_close_anyway, args=(info.id,),
               type="primary", icon=":material/lock:")
    no.button(fmt.text("common.cancel"), key="setup_close_no", on_click=_keep_open)
