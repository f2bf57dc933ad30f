"""One question on the respond page: its text, help, levels as choices, the N/A reason, comment, evidence, status.

Split from the respond page script, which lays out a section of these; every widget here saves through
``respond_saving`` as soon as it changes.
"""

from __future__ import annotations

import streamlit as st

from app_pages import common
from app_pages.common import plain
from app_pages.respond_saving import comment_key, evidence_key, reason_key, save, seed, take_stored, value_key
from i18n.format import Formatter
from questionnaires import Question, localized
from scoring.assessment import Answer
from store.records import StoredAnswer


def _describe(answer: Answer | None, question: Question, fmt: Formatter) -> str:
    if answer is None:
        return fmt.text("respond.no_answer")
    if answer.value == "na":
        return f"{fmt.text('respond.na')} ({answer.reason})"
    if answer.value == "dont_know":
        return fmt.text("respond.dont_know")
    return f"{answer.value} · {localized(question.level(answer.value).descriptor, fmt.lang)}"


def _option_label(scale: dict[int, str], fmt: Formatter):
    """The level first ("**2 · Herhaalbaar**"); its description is the option's caption below it."""

    def label(choice: int | str) -> str:
        if choice == "na":
            return fmt.text("respond.na")
        if choice == "dont_know":
            return fmt.text("respond.dont_know")
        return f"**{choice} · {plain(scale.get(choice, ''))}**"

    return label


def _captions(question: Question, fmt: Formatter) -> list[str]:
    """Each level's description under its name; none under N/A and don't-know."""
    return [plain(localized(level.descriptor, fmt.lang)) for level in question.levels] + ["", ""]


def draw_question(respondent: int, question: Question, number: int, scale: dict[int, str], stored: StoredAnswer | None,
              fmt: Formatter, *, closed: bool = False) -> None:
    """One question: text, help, the level descriptors as choices, N/A reason, comment, evidence, status."""
    qid = question.id
    seed(qid, stored.answer if stored else None)
    st.session_state.setdefault(common.RESPOND_VERSIONS_KEY, {}).setdefault(qid, stored.version if stored else 0)
    with st.container(border=True, key=f"question_{number}"):
        st.markdown(f"**{number}. {plain(localized(question.text, fmt.lang))}**")
        with st.expander(fmt.text("respond.help")):
            st.markdown(plain(localized(question.help, fmt.lang)))
        choices = [level.level for level in question.levels] + ["na", "dont_know"]
        st.radio(
            localized(question.text, fmt.lang),
            choices,
            format_func=_option_label(scale, fmt),
            captions=_captions(question, fmt),
            index=None,
            key=value_key(qid),
            label_visibility="collapsed",
            disabled=closed,
            on_change=save,
            args=(respondent, qid),
        )
        # Typed text is saved with a button in a form without Enter-to-submit: Streamlit then shows no
        # "Press Enter to apply" of its own (English) over the Dutch field.
        # Folded parts are drawn once opened (an expander with a key reruns on a click): a section's
        # first drawing stays light in the browser.
        with st.container(key=f"ladder_{number}"):
            ladder = st.expander(fmt.text("respond.levels_full"), key=f"ladder_open_{qid}", on_change="rerun")
            if ladder.open:
                ladder.markdown("\n\n".join(
                    f"**{level.level} · {plain(scale.get(level.level, ''))}** — "
                    f"{plain(localized(level.descriptor, fmt.lang))}"
                    for level in question.levels
                ))
        if st.session_state.get(value_key(qid)) == "na":
            with st.form(f"reason_form_{qid}", enter_to_submit=False, border=False):
                st.text_input(fmt.text("respond.reason"), key=reason_key(qid), disabled=closed, max_chars=4000)
                st.form_submit_button(
                    fmt.text("respond.save_reason"), disabled=closed, on_click=save, args=(respondent, qid),
                )
        typed = bool(st.session_state.get(comment_key(qid)) or st.session_state.get(evidence_key(qid)))
        remarks = st.expander(fmt.text("respond.comment_evidence"), expanded=typed, key=f"comment_open_{qid}",
                              on_change="rerun")
        if not remarks.open:
            # Not drawn: Streamlit would keep the fields' emptied widget values; saving a level then keeps
            # the stored comment and link instead (``respond_saving._answer_from_widgets``).
            st.session_state.pop(comment_key(qid), None)
            st.session_state.pop(evidence_key(qid), None)
        else:
            with remarks, st.form(f"comment_form_{qid}", enter_to_submit=False, border=False):
                st.text_area(fmt.text("respond.comment"), key=comment_key(qid), disabled=closed, max_chars=4000)
                st.text_input(
                    fmt.text("respond.evidence"), key=evidence_key(qid), disabled=closed,
                    placeholder="https://", max_chars=2000,
                )
                st.form_submit_button(
                    fmt.text("respond.save_comment"), disabled=closed, on_click=save, args=(respondent, qid),
                )
        _status_line(respondent, question, fmt, saved_before=stored is not None)


def _status_line(respondent: int, question: Question, fmt: Formatter, *, saved_before: bool = False) -> None:
    qid = question.id
    kind, detail = st.session_state.get(common.RESPOND_STATUS_KEY, {}).get(qid, ("", ""))
    if not kind and saved_before:
        st.caption(fmt.text("respond.saved_before"))
    elif kind == "saved":
        st.caption(fmt.text("respond.saved_at", time=detail))
    elif kind == "warning":
        st.warning(fmt.text(detail), icon=":material/link_off:")
    elif kind == "pending":
        st.caption(fmt.text(detail))
    elif kind == "error":
        st.error(fmt.text(detail), icon=":material/error:")
        st.button(fmt.text("respond.retry"), key=f"retry_{qid}", on_click=save, args=(respondent, qid))
    elif kind == "conflict":
        stored = st.session_state.get(common.RESPOND_CONFLICTS_KEY, {}).get(qid)
        st.warning(fmt.text("respond.conflict"), icon=":material/sync_problem:")
        st.text(fmt.text("respond.conflict_stored", answer=_describe(stored.answer if stored else None, question, fmt)))
        left, right = st.columns(2)
        left.button(fmt.text("respond.take_stored"), key=f"take_{qid}", on_click=take_stored, args=(qid,))
        right.button(
            fmt.text("respond.keep_mine"),
            key=f"keep_{qid}",
            on_click=save,
            args=(respondent, qid, stored.version if stored else 0),
        )
