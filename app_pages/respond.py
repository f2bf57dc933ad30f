"""The respondent's page, reached through a personal link (``?token=...``), no sign-in.

The database is the truth: every answer is saved the moment it is given, and
the widgets are seeded from the stored answers whenever they are (re)drawn, so
a refresh, another device or a dropped connection loses nothing. Only the
current capability's questions are drawn, which keeps a rerun fast with 70
questions; the sidebar moves between capabilities and shows answered counts.
One question is drawn by ``respond_question`` and saved by ``respond_saving``;
this script lays out the page around them (sections, progress, finishing).
"""

from __future__ import annotations

import math

import streamlit as st

from app_pages import common
from app_pages.common import plain
from app_pages.respond_question import draw_question
from i18n.format import Formatter
from questionnaires import Capability, Question, Questionnaire, localized
from questionnaires.estimate import estimated_minutes
from store import respondents as respondent_store
from store.errors import AccessDenied, NotFound, StoreError


def _capability_counts(
    questionnaire: Questionnaire, answered: set[str], asked: set[str] | None = None
) -> dict[str, tuple[int, int]]:
    """Answered and asked questions per capability; capabilities with nothing asked of this respondent are left out."""
    counts = {}
    for pillar in questionnaire.pillars:
        for capability in pillar.capabilities:
            mine = [q for q in capability.questions if asked is None or q.id in asked]
            if mine:
                counts[capability.id] = (sum(q.id in answered for q in mine), len(mine))
    return counts


def _start_position(questionnaire: Questionnaire, counts: dict[str, tuple[int, int]]) -> str:
    """Where the respondent left off: the place in the URL, else the first capability not complete."""
    requested = st.query_params.get(common.POSITION_PARAM)
    if requested in counts:
        return requested
    for capability_id, (done, total) in counts.items():
        if done < total:
            return capability_id
    return next(iter(counts))


def _moved() -> None:
    """A move to another section: the next run opens it at its top."""
    st.session_state[common.RESPOND_MOVES_KEY] = st.session_state.get(common.RESPOND_MOVES_KEY, 0) + 1
    st.session_state[common.RESPOND_CONFIRM_FINISH_KEY] = False


def _go(capability_id: str) -> None:
    st.session_state[common.RESPOND_CAPABILITY_KEY] = capability_id
    _moved()


#: Opens a section at its top, and on a phone closes the sidebar panel after a pick. Streamlit keeps the
#: scroll position across reruns and has no call to scroll or to close the sidebar, so this fixed script
#: does it; it holds no user data (only the move count, which makes each move's script new so it runs once).
_TO_TOP = """<script>
(() => {{
  // move {moves}
  const top = () => {{
    const main = document.querySelector('[data-testid="stMain"]');
    if (main) main.scrollTop = 0;
    window.scrollTo(0, 0);
  }};
  top(); requestAnimationFrame(top); setTimeout(top, 100); setTimeout(top, 300);
  if (window.matchMedia('(max-width: 768px)').matches) {{
    const sidebar = document.querySelector('[data-testid="stSidebar"]');
    if (sidebar && sidebar.getAttribute('data-collapsed') === 'false') {{
      const close = sidebar.querySelector('[data-testid="stSidebarCollapseButton"] button');
      if (close) close.click();
    }}
  }}
}})();
</script>"""

#: On a phone a question is made to fit about one screen: each level's description shows its first two
#: lines (the chosen level's in full), and "Read the levels in full" below opens them all. A fixed style,
#: no user data; on a wide screen every description shows in full and the extra expander is hidden.
_PHONE_STYLE = """<style>
@media (max-width: 640px) {
  [data-testid="stRadioOption"]:not(:has(input:checked)) + [data-testid="stRadioCaption"] p {
    display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden;
  }
  h1 { font-size: 1.75rem !important; }
  h2 { font-size: 1.35rem !important; }
}
@media (min-width: 641px) {
  [class*="st-key-ladder_"] { display: none; }
}
</style>"""


def _open_questions(questionnaire: Questionnaire, questions: dict[str, Question], answered: set[str],
                    numbers: dict[str, int], fmt: Formatter) -> list[str]:
    """The questions not answered yet, as "12. text (pillar · capability)", in questionnaire order."""
    lines = []
    for pillar in questionnaire.pillars:
        for capability in pillar.capabilities:
            for question in capability.questions:
                if question.id in questions and question.id not in answered:
                    place = f"{localized(pillar.name, fmt.lang)} · {localized(capability.name, fmt.lang)}"
                    lines.append(f"{numbers[question.id]}\\. {plain(localized(question.text, fmt.lang))} "
                                 f"({plain(place)})")
    return lines


def _ask_finish(respondent_id: int, missing: int) -> None:
    """Finish at once when every question is answered; with questions open, list them and ask first."""
    if missing:
        st.session_state[common.RESPOND_CONFIRM_FINISH_KEY] = True
    else:
        _finish(respondent_id)


def _keep_answering() -> None:
    st.session_state[common.RESPOND_CONFIRM_FINISH_KEY] = False


def minutes_to_answer(questions: list[Question], lang: str) -> int:
    """Whole minutes, rounded up, a respondent needs for ``questions`` in ``lang`` (``questionnaires.estimate``)."""
    return max(1, math.ceil(estimated_minutes(questions, [lang]))) if questions else 0


def _finish(respondent_id: int) -> None:
    st.session_state[common.RESPOND_CONFIRM_FINISH_KEY] = False
    try:
        respondent_store.set_finished(common.engine(), respondent_id)
    except StoreError:
        st.session_state.setdefault(common.RESPOND_STATUS_KEY, {})["_finish"] = ("error", "respond.finish_failed")
        return
    st.session_state[common.RESPOND_REVIEW_KEY] = False


def _review() -> None:
    st.session_state[common.RESPOND_REVIEW_KEY] = True


def _unknown_link(fmt: Formatter) -> None:
    st.title(fmt.text("respond.unknown_title"))
    st.write(fmt.text("respond.unknown"))
    st.stop()


def render() -> None:
    fmt = common.formatter()
    token = st.query_params.get(common.TOKEN_PARAM, "")
    if st.session_state.get(common.RESPOND_TOKEN_KEY) != token:
        # Another link in the same browser session: start from the database, not from old widgets.
        for key in list(st.session_state):
            if str(key).startswith(("answer_", "reason_", "comment_", "evidence_", "respond_")):
                del st.session_state[key]
        st.session_state[common.RESPOND_TOKEN_KEY] = token
    try:
        access = respondent_store.respondent_for_token(common.engine(), token)
    except (NotFound, AccessDenied):
        access = None
    if access is None:
        _unknown_link(fmt)
        return
    common.language_switch()
    questionnaire = access.questionnaire
    stored = access.answers
    st.session_state[common.RESPOND_STORED_KEY] = stored
    # Only the questions of the respondent's audiences (all without audiences): progress and Finish count these.
    questions = {q.id: q for q in access.questions()}
    total = len(questions)
    answered = set(stored) & set(questions)
    counts = _capability_counts(questionnaire, answered, set(questions))

    title = plain(access.organisation_name)
    if access.assessment_title:
        title += " — " + plain(access.assessment_title)
    st.title(title)
    if access.demo:
        st.caption(fmt.text("app.demo_label"))
    progress = fmt.text("respond.progress", done=len(answered), count=total)
    st.progress(len(answered) / total if total else 0.0, text=progress)

    finished = access.finished_at is not None
    if finished and not st.session_state.get(common.RESPOND_REVIEW_KEY, False):
        st.success(fmt.text("respond.thanks_title"), icon=":material/celebration:")
        unanswered = total - len(answered)
        # Finishing early is allowed; "you are done" would then be untrue.
        st.write(fmt.text("respond.thanks_partial", count=unanswered) if unanswered else fmt.text("respond.thanks"))
        if access.status != "closed":
            st.button(fmt.text("respond.review"), key="respond_review_button", on_click=_review)
        return

    if not answered:
        st.markdown(fmt.text("respond.intro", role=plain(access.role or "")))
        st.markdown(fmt.text("respond.estimate", minutes=minutes_to_answer(list(questions.values()), fmt.lang),
                             count=total))
        with st.expander(fmt.text("respond.scale")):
            for level in questionnaire.scale:
                st.markdown(f"**{level.level} · {plain(localized(level.name, fmt.lang))}** — "
                            f"{plain(localized(level.description, fmt.lang))}")
    if access.status == "closed":
        st.info(fmt.text("respond.closed"))

    order = list(counts)
    capabilities: dict[str, tuple[str, Capability]] = {
        capability.id: (localized(pillar.name, fmt.lang), capability)
        for pillar in questionnaire.pillars
        for capability in pillar.capabilities
    }
    if st.session_state.get(common.RESPOND_CAPABILITY_KEY) not in counts:
        st.session_state[common.RESPOND_CAPABILITY_KEY] = _start_position(questionnaire, counts)

    def label(capability_id: str) -> str:
        pillar_name, capability = capabilities[capability_id]
        done, count = counts[capability_id]
        mark = "✓ " if done == count else ""
        return f"{mark}{plain(pillar_name)} · {plain(localized(capability.name, fmt.lang))} ({done}/{count})"

    # Set again before the widget: its labels change with the language and the answered counts, and
    # Streamlit would otherwise draw the changed widget without the current section marked.
    st.session_state[common.RESPOND_CAPABILITY_KEY] = st.session_state[common.RESPOND_CAPABILITY_KEY]
    st.sidebar.radio(
        fmt.text("respond.sections"), order, format_func=label, key=common.RESPOND_CAPABILITY_KEY, on_change=_moved,
    )
    current = st.session_state[common.RESPOND_CAPABILITY_KEY]
    st.query_params[common.POSITION_PARAM] = current

    pillar_name, capability = capabilities[current]
    position = order.index(current)
    st.header(f"{plain(pillar_name)} · {plain(localized(capability.name, fmt.lang))}")
    # On a phone the sidebar is a folded panel: where the respondent is shows here too.
    st.caption(fmt.text("respond.section_of", number=position + 1, total=len(order)))
    st.caption(plain(localized(capability.description, fmt.lang)))
    st.caption(fmt.text("respond.pick_rule"))
    scale = {level.level: localized(level.name, fmt.lang) for level in questionnaire.scale}
    numbers = {qid: n for n, qid in enumerate(questions, start=1)}
    for question in (q for q in capability.questions if q.id in questions):
        draw_question(
            access.respondent_id, question, numbers[question.id], scale, stored.get(question.id), fmt,
            closed=access.status == "closed",
        )

    back, forward = st.columns(2)
    forward = forward.container(horizontal=True, horizontal_alignment="right")
    if position > 0:
        back.button(
            fmt.text("respond.previous"), key="respond_previous", on_click=_go, args=(order[position - 1],),
            icon=":material/arrow_back:",
        )
    if position < len(order) - 1:
        forward.button(
            fmt.text("respond.next"), key="respond_next", on_click=_go, args=(order[position + 1],),
            icon=":material/arrow_forward:", icon_position="right", type="primary",
        )
    st.divider()
    missing = total - len(answered)
    if missing and access.status != "closed":  # "finish later" is no longer true once closed
        st.caption(fmt.text("respond.missing", count=missing))
    kind, detail = st.session_state.get(common.RESPOND_STATUS_KEY, {}).get("_finish", ("", ""))
    if kind == "error":
        st.error(fmt.text(detail))
    if missing and st.session_state.get(common.RESPOND_CONFIRM_FINISH_KEY) and access.status != "closed":
        with st.container(border=True, key="respond_confirm"):
            st.warning(fmt.text("respond.finish_open", count=missing), icon=":material/help:")
            with st.container(height=min(60 + 28 * missing, 320)):
                st.markdown("\n".join(f"- {line}" for line in _open_questions(questionnaire, questions, answered,
                                                                                numbers, fmt)))
            stay, go = st.columns(2)
            stay.button(fmt.text("respond.keep_answering"), key="respond_keep_answering", on_click=_keep_answering,
                        type="primary")
            go.button(fmt.text("respond.finish_anyway"), key="respond_finish_anyway", on_click=_finish,
                      args=(access.respondent_id,))
    else:
        st.button(
            fmt.text("respond.finish"), key="respond_finish", on_click=_ask_finish,
            args=(access.respondent_id, missing),
            type="primary" if not missing else "secondary", disabled=access.status == "closed",
        )
    st.html(_PHONE_STYLE)
    moves = st.session_state.get(common.RESPOND_MOVES_KEY, 0)
    if moves != st.session_state.get(common.RESPOND_SCROLLED_KEY, 0):
        st.session_state[common.RESPOND_SCROLLED_KEY] = moves
        st.html(_TO_TOP.format(moves=int(moves)), unsafe_allow_javascript=True)


render()
