"""Workshop mode: the consultant runs a session on a projector and records what the team agreed.

One question at a time: the flagged disagreements and the don't-knows, each
respondent's level, comment and evidence side by side (roles, never names),
and the level descriptors. The agreed level (or N/A with a reason) and the
rationale are stored with who and when (``store.workshop``); the agreed answer
takes the place of the median (docs/scoring.md, rule 16), and the answers
before the workshop stay as they were.
"""

from __future__ import annotations

import streamlit as st

from app_pages import analysis, common
from questionnaires.models import localized
from reports.labels import labels
from store import workshop
from store.errors import StoreError

POSITION_KEY = "workshop_position"
#: Respondents side by side in one row; more go to the next row (a projector is read from afar).
PER_ROW = 4


def _record(assessment_id: int, question_id: str) -> None:
    state = st.session_state
    choice = state.get(f"workshop_level_{question_id}")
    try:
        workshop.set_agreed_answer(
            common.engine(), common.require_user(), assessment_id, question_id,
            None if choice is None else "na" if choice == "na" else int(choice),  # type: ignore[arg-type]
            state.get(f"workshop_rationale_{question_id}", ""),
            reason=state.get(f"workshop_reason_{question_id}") or None,
            by=state.get(common.USER_EMAIL_KEY),
        )
    except (StoreError, TypeError, ValueError) as error:
        state["workshop_error"] = common.store_problem(error, "workshop.not_recorded")


def _undo(assessment_id: int, question_id: str) -> None:
    workshop.delete_agreed_answer(common.engine(), common.require_user(), assessment_id, question_id)


def render() -> None:
    fmt = common.formatter()
    user = common.require_user()
    assessment_id = common.require_assessment()
    data = analysis.load(user, assessment_id)
    result, document, questionnaire = data.result, data.document, data.questionnaire
    st.title(fmt.text("workshop.page"))
    st.caption(fmt.text("workshop.caption"))
    # Flagged before the workshop (a settled question stays on the list, to review or undo).
    topics = [
        q.id for q in result.questions.values()
        if (q.disagreement is not None and q.disagreement >= 2) or q.dont_know or q.settled
    ]
    if not topics:
        st.info(fmt.text("workshop.nothing"))
        return
    position = min(st.session_state.get(POSITION_KEY, 0), len(topics) - 1)
    qid = topics[position]
    index = questionnaire.question_index()
    question = index[qid][2]
    item = result.questions[qid]
    st.caption(fmt.text("workshop.question", number=position + 1, total=len(topics)))
    # Large on a projector: the question as a header, each role's level as a metric, the descriptors as headings.
    number = labels(questionnaire, fmt.lang).numbers[qid]  # as the results page and the report number it
    st.header(f"{number}. {common.plain(localized(question.text, fmt.lang))}", anchor=False)
    st.subheader(fmt.text("workshop.before", median=fmt.number(item.median), spread=fmt.level(item.disagreement)),
                 anchor=False)

    st.subheader(fmt.text("workshop.answers"), anchor=False)
    asked = [r for r in document.respondents if question.asked_of(r.audiences)]  # roles, never names
    for start in range(0, len(asked), PER_ROW):
        row = asked[start:start + PER_ROW]
        for column, respondent in zip(st.columns(PER_ROW), row, strict=False):
            answer = respondent.answers.get(qid)
            value = (
                fmt.text("workshop.unanswered") if answer is None
                else str(answer.value) if isinstance(answer.value, int)
                else fmt.text("workshop.na") if answer.value == "na"
                else fmt.text("results.dont_know")
            )
            with column.container(border=True):
                st.metric(common.plain(respondent.role), value)
                note = (answer.comment or answer.reason or "") if answer else ""
                if note:
                    st.markdown(f"💬 {common.plain(note)}")
                if answer is not None and answer.evidence:
                    st.markdown(f"🔗 {common.plain(str(answer.evidence))}")

    st.subheader(fmt.text("workshop.levels"), anchor=False)
    for level in question.levels:
        st.markdown(f"#### {level.level} · {common.plain(localized(level.descriptor, fmt.lang))}", anchors=False)

    if item.agreed is not None:
        agreed = item.agreed
        st.success(fmt.text(
            "workshop.recorded", by=common.plain(agreed.by or ""), at=fmt.moment(agreed.at),
            value=str(agreed.value) if agreed.value != "na" else fmt.text("workshop.na"),
            rationale=common.plain(agreed.rationale),
        ))
        st.button(fmt.text("workshop.undo"), key=f"workshop_undo_{qid}", on_click=_undo, args=(assessment_id, qid))
    with st.form(f"workshop_form_{qid}"):
        st.radio(fmt.text("workshop.agreed_level"), [*(str(level.level) for level in question.levels), "na"],
                 key=f"workshop_level_{qid}", horizontal=True, index=None,
                 format_func=lambda value: fmt.text("workshop.na") if value == "na" else value)
        st.text_input(fmt.text("workshop.reason"), key=f"workshop_reason_{qid}", max_chars=4000)
        st.text_area(fmt.text("workshop.rationale"), key=f"workshop_rationale_{qid}", max_chars=4000)
        st.form_submit_button(fmt.text("workshop.record"), on_click=_record, args=(assessment_id, qid),
                              type="primary")
    error = st.session_state.pop("workshop_error", None)
    if error:
        st.error(error)
    back, forward = st.columns(2)
    if position > 0:
        back.button(fmt.text("workshop.previous"), key="workshop_previous",
                    on_click=lambda: st.session_state.update({POSITION_KEY: position - 1}))
    if position < len(topics) - 1:
        forward.button(fmt.text("workshop.next"), key="workshop_next",
                       on_click=lambda: st.session_state.update({POSITION_KEY: position + 1}))


render()
