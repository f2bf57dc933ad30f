"""Benchmark: the assessment against the consultant's other clients in the same sector
(narrowed to the same size class when enough share it; chosen by ``reports.sources``).

The page shows the report's benchmark section (``reports.sections.benchmark``):
peer quartiles and percentile rank per pillar and capability from
``scoring.benchmark``, which withholds every figure of a group smaller than
k (default 5); the page then says why, instead of showing anything.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import analysis, common
from reports.sections import benchmark
from reports.sector_names import peer_group_label, sector_label


def render() -> None:
    fmt = common.formatter()
    user = common.require_user()
    data = analysis.load(user, common.require_assessment())
    section = benchmark.build(data.inputs, fmt)
    st.title(fmt.text("benchmark.page"))
    organisation = data.document.organisation
    group = common.plain(
        peer_group_label(data.inputs.peer_group, organisation.sector, organisation.size_class, fmt)
        or sector_label(organisation.sector, fmt)
    )
    st.caption(fmt.text("benchmark.group", group=group, count=section.peers))
    if data.result.overall is None or data.inputs.benchmark is None:
        st.info(fmt.text("results.no_answers"))
        st.stop()
    k = data.inputs.benchmark.k
    if not section.shown:
        st.info(common.plain(section.text), icon=":material/lock:")  # names the typed sector: shown literally
        st.caption(fmt.text("benchmark.rule", k=k))
        st.stop()
    st.plotly_chart(section.figures["benchmark"], theme=None, key="benchmark_bands", config=common.CHART_CONFIG)
    rows = section.rows
    # Each pillar followed by its capabilities ("People · Governance"), as the results page groups them.
    table = pd.DataFrame(
        {
            fmt.text("benchmark.measure"): [r.name if r.is_pillar else f"{r.pillar} · {r.name}" for r in rows],
            fmt.text("benchmark.own"): [r.score for r in rows],
            "P25": [r.q1 for r in rows],
            fmt.text("benchmark.median"): [r.median for r in rows],
            "P75": [r.q3 for r in rows],
            fmt.text("benchmark.percentile"): [r.percentile for r in rows],
            fmt.text("benchmark.note"): [fmt.text("benchmark.too_few") if r.withheld else "" for r in rows],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
    st.caption(fmt.text("benchmark.rule", k=k))


render()
