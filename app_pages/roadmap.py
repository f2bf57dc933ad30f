"""The roadmap: the computed improvement steps as an editable table, stored at once, and a timeline.

The steps, their priority and their computed horizon come from ``scoring``;
the consultant edits owner, horizon, due date and status, and each edited row
is written through the store the moment the table changes.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import analysis, common
from reports.labels import labels
from reports.sections import roadmap as roadmap_section
from scoring.results import HORIZONS, STEP_STATUSES
from store import roadmap
from store.errors import StoreError


def _editor_key() -> str:
    return f"roadmap_editor_{st.session_state.get(common.ROADMAP_EDITOR_VERSION_KEY, 0)}"


def _save(assessment_id: int, steps: list[dict]) -> None:
    """Store every row the consultant changed, then start the editor afresh from the stored roadmap."""
    fmt = common.formatter()
    changes = st.session_state.get(_editor_key(), {}).get("edited_rows", {})
    failed = 0
    try:
        edits = analysis.roadmap_edits(steps, changes)
    except ValueError:
        edits, failed = {}, len(changes)
    for key, edit in edits.items():
        try:
            roadmap.set_roadmap_edit(common.engine(), common.require_user(), assessment_id, key, edit)
        except StoreError:
            failed += 1
    st.session_state[common.ROADMAP_EDITOR_VERSION_KEY] = st.session_state.get(common.ROADMAP_EDITOR_VERSION_KEY, 0) + 1
    st.session_state[common.FLASH_KEY] = (
        ("error", fmt.text("roadmap.save_failed", count=failed)) if failed else ("success", fmt.text("roadmap.saved"))
    )


def render() -> None:
    fmt = common.formatter()
    user = common.require_user()
    assessment_id = common.require_assessment()
    data = analysis.load(user, assessment_id)
    label = labels(data.questionnaire, fmt.lang)
    section = roadmap_section.build(data.inputs, fmt)
    st.title(fmt.text("roadmap.page"))
    kind, text = st.session_state.pop(common.FLASH_KEY, ("", ""))
    if kind == "success":
        st.toast(text, icon=":material/check:")
    elif kind == "error":
        st.error(text)
    steps = data.result.roadmap
    if not steps:
        st.info(section.empty)
        st.stop()
    st.caption(fmt.text("roadmap.intro", count=len(steps)))
    rows = [
        {
            "key": step.key,
            "number": row.number,
            "action": row.action,
            "question": label.numbered(step.question),
            "level": step.level,
            "priority": fmt.number(step.priority),  # written by the formatter: "2,3" in Dutch
            "horizon": step.horizon,
            "owner": step.owner or "",
            "due": step.due,
            "status": step.status,
        }
        for row, step in zip(section.steps, steps, strict=True)
    ]
    frame = pd.DataFrame(rows)
    frame["due"] = pd.to_datetime(frame["due"]).dt.date
    st.data_editor(
        frame,
        key=_editor_key(),
        hide_index=True,
        width="stretch",
        # Up to 15 rows at once (35 px each, plus the header) rather than the default ten.
        height=min(len(rows) + 1, 16) * 35 + 3,
        placeholder="–",
        num_rows="fixed",
        disabled=["key", "number", "action", "question", "level", "priority"],
        column_order=["number", "action", "owner", "horizon", "due", "status", "level", "priority", "question"],
        column_config={
            "number": st.column_config.NumberColumn("#", width=44, pinned=True),
            "action": st.column_config.TextColumn(fmt.text("roadmap.action"), width=320, pinned=True),
            "question": st.column_config.TextColumn(fmt.text("roadmap.question"), width="medium"),
            "level": st.column_config.NumberColumn(fmt.text("roadmap.level"), width="small"),
            "priority": st.column_config.TextColumn(fmt.text("roadmap.priority"), width="small"),
            "horizon": st.column_config.SelectboxColumn(
                fmt.text("roadmap.horizon"), options=list(HORIZONS), required=True, width=130,
                format_func=lambda horizon: fmt.text(f"report.horizon.{horizon}"),
            ),
            "owner": st.column_config.TextColumn(fmt.text("roadmap.owner"), max_chars=200, width=150),
            "due": st.column_config.DateColumn(fmt.text("roadmap.due"), format="YYYY-MM-DD", width=110),
            "status": st.column_config.SelectboxColumn(
                fmt.text("roadmap.status"), options=list(STEP_STATUSES), required=True,
                format_func=lambda status: fmt.text(f"report.status.{status}"),
            ),
        },
        on_change=_save,
        args=(assessment_id, rows),
    )
    # The report's timeline: the first steps, as the PDF draws them; the table above lists every step.
    st.subheader(fmt.text("roadmap.timeline"))
    st.plotly_chart(section.figures["roadmap"], theme=None, key="roadmap_timeline", config=common.CHART_CONFIG)
    if section.timeline_note:
        st.caption(section.timeline_note)


render()
