"""The results page's part on audiences and the workshop: the PDF's section model, drawn with Streamlit.

``show`` lays out ``reports.sections.audiences.AudiencesSection`` as the PDF
does: what the workshop settled (agreed level or N/A with its reason, the
rationale, who and when, the answers before the workshop), the perception
gaps between audiences with each audience's score, and the questions asked of
nobody. Nothing is drawn when the section has nothing to show (no audiences
and no settled question). Every text is escaped (``common.plain``): roles and
rationales are typed by people.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import common
from i18n.format import Formatter
from reports.sections.audiences import AudiencesSection


def show(section: AudiencesSection, fmt: Formatter) -> None:
    if not section.shown:
        return
    plain = common.plain
    st.subheader(fmt.text("report.audiences.title"))
    st.caption(fmt.text("report.audiences.intro"))
    if section.respondents:
        st.caption(plain(section.respondents))
    if section.settled:
        st.markdown(f"**{fmt.text('report.audiences.settled_title')}**")
        st.caption(fmt.text("report.audiences.settled_note"))
        for item in section.settled:
            with st.container(border=True, key=f"settled_{item.number}"):
                st.markdown(f"**{item.number}. {plain(item.question)}** · {plain(item.pillar)}")
                st.markdown(f"{fmt.text('report.col.agreed')}: **{plain(item.agreed)}**"
                            + (f" · {fmt.text('report.col.reason')}: {plain(item.reason)}" if item.reason else ""))
                st.markdown(f"{fmt.text('report.col.rationale')}: {plain(item.rationale)}")
                st.markdown(f"{plain(item.before)} · {plain(item.answers)}")
                st.caption(plain(item.recorded))
    if not section.has_audiences:
        return
    st.markdown(f"**{fmt.text('report.audiences.gaps_title')}**")
    st.caption(plain(section.gaps_note))
    if section.gaps:
        st.warning("\n".join(f"- {plain(gap.kind)} **{plain(gap.name)}**: {plain(gap.finding)}"
                             for gap in section.gaps), icon=":material/groups:")
    if section.audiences and section.rows:
        name = f"{fmt.text('report.col.pillar')} / {fmt.text('report.col.capability')}"
        table = pd.DataFrame(
            [[("" if row.is_pillar else "· ") + row.name, *row.scores] for row in section.rows],
            columns=[name, *section.audiences],
        )
        st.dataframe(table, hide_index=True, width="stretch")
    st.markdown(f"**{fmt.text('report.audiences.not_covered_title')}**")
    if section.not_covered:
        st.warning(plain(section.not_covered_note), icon=":material/help:")
        st.markdown("\n".join(f"- {q.number}. {plain(q.question)} · {plain(q.pillar)}" for q in section.not_covered))
    else:
        st.caption(fmt.text("report.audiences.all_covered"))
