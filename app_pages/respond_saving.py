"""Saving the respondent's answers: from the question widgets to the store, one question at a time.

Split from the respond page so the page script only lays out the page. The widgets' state keys, how a
stored answer is put back into them, how they are read into an ``Answer`` and saved with the version the
page last saw (a conflict with another device is kept for the page to show) all live here, together,
because they share those keys and the session-state bookkeeping.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st
from pydantic import ValidationError

from app_pages import common
from scoring.assessment import Answer, TextRefused
from store import answers as answer_store
from store.errors import AccessDenied, Conflict, InvalidInput, NotFound


def value_key(question_id: str) -> str:
    return f"answer_{question_id}"


def reason_key(question_id: str) -> str:
    return f"reason_{question_id}"


def comment_key(question_id: str) -> str:
    return f"comment_{question_id}"


def evidence_key(question_id: str) -> str:
    return f"evidence_{question_id}"


def seed(question_id: str, answer: Answer | None) -> None:
    """Put a stored answer into the widgets of one question (only where the widget has no state yet)."""
    state = st.session_state
    state.setdefault(value_key(question_id), answer.value if answer else None)
    state.setdefault(reason_key(question_id), (answer.reason or "") if answer else "")
    state.setdefault(comment_key(question_id), (answer.comment or "") if answer else "")
    state.setdefault(evidence_key(question_id), str(answer.evidence) if answer and answer.evidence else "")


def _overwrite(question_id: str, answer: Answer | None) -> None:
    for key in (value_key, reason_key, comment_key, evidence_key):
        st.session_state.pop(key(question_id), None)
    seed(question_id, answer)


def _answer_from_widgets(question_id: str, stored: Answer | None) -> tuple[Answer | None, str | None]:
    """The answer the widgets show, or why it cannot be saved yet (an i18n key)."""
    state = st.session_state
    value = state.get(value_key(question_id))
    if value is None:
        return None, "respond.choose_first"
    def typed(key: str, kept: str | None) -> str | None:
        # A field not drawn in the last run (its expander folded) keeps what is stored.
        return ((state.get(key) or "").strip() or None) if key in state else kept

    reason = typed(reason_key(question_id), stored.reason if stored else None)
    if value == "na" and not reason:
        return None, "respond.reason_pending"
    comment = typed(comment_key(question_id), stored.comment if stored else None)
    evidence = typed(evidence_key(question_id), str(stored.evidence) if stored and stored.evidence else None)
    try:
        return Answer(value=value, reason=reason if value == "na" else None, comment=comment, evidence=evidence), None
    except ValidationError as error:
        if any(isinstance(e.get("ctx", {}).get("error"), TextRefused) for e in error.errors(include_url=False)):
            return None, "respond.control_character"
        if evidence is not None:
            # A bad link is not saved; the rest of the answer is, with the link stored before.
            kept = stored.evidence if stored else None
            answer = Answer(value=value, reason=reason if value == "na" else None, comment=comment, evidence=kept)
            return answer, "respond.evidence_invalid"
        return None, "respond.too_long"


def _clock() -> str:
    """The time now on the respondent's clock (the browser's time zone when known)."""
    now = dt.datetime.now(dt.UTC)
    try:
        now = now.astimezone(ZoneInfo(st.context.timezone or "UTC"))
    except (ZoneInfoNotFoundError, ValueError, AttributeError):
        pass
    return now.strftime("%H:%M:%S")


def save(respondent_id: int, question_id: str, overwrite_version: int | None = None) -> None:
    """Save one question's answer from its widgets; the outcome goes to session state for the page to show."""
    state = st.session_state
    versions: dict[str, int] = state.setdefault(common.RESPOND_VERSIONS_KEY, {})
    status: dict[str, tuple[str, str]] = state.setdefault(common.RESPOND_STATUS_KEY, {})
    conflicts: dict = state.setdefault(common.RESPOND_CONFLICTS_KEY, {})
    stored = state.get(common.RESPOND_STORED_KEY, {}).get(question_id)
    answer, problem = _answer_from_widgets(question_id, stored.answer if stored else None)
    if answer is None:
        status[question_id] = ("pending", problem or "respond.choose_first")
        return
    expected = overwrite_version if overwrite_version is not None else versions.get(question_id, 0)
    try:
        version = answer_store.save_answer(
            common.engine(), respondent_id, question_id, answer, expected_version=expected
        )
    except Conflict as conflict:
        conflicts[question_id] = conflict.stored
        status[question_id] = ("conflict", "respond.conflict")
        return
    except (AccessDenied, NotFound):
        status[question_id] = ("error", "respond.closed")
        return
    except InvalidInput:
        status[question_id] = ("error", "respond.invalid")
        return
    except Exception:
        status[question_id] = ("error", "respond.save_failed")
        return
    versions[question_id] = version
    conflicts.pop(question_id, None)
    # Said under the question itself, never in a toast that would cover the next one.
    status[question_id] = ("warning" if problem else "saved", problem or _clock())


def take_stored(question_id: str) -> None:
    conflicts = st.session_state.get(common.RESPOND_CONFLICTS_KEY, {})
    stored = conflicts.pop(question_id, None)
    versions = st.session_state.setdefault(common.RESPOND_VERSIONS_KEY, {})
    versions[question_id] = stored.version if stored else 0
    _overwrite(question_id, stored.answer if stored else None)
    st.session_state.setdefault(common.RESPOND_STATUS_KEY, {}).pop(question_id, None)
