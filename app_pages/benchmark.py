"""Benchmark: the assessment against the consultant's other clients in the same sector.

Peer quartiles and percentile rank per pillar and capability come from
``scoring.benchmark``, which withholds every figure of a group smaller than
k (default 5); the page then says why, instead of showing anything.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import analysis, common
from app_pages.common import num
from i18n import t
from reports import charts
from scoring.benchmark import DEFAULT_K, benchmark, peer_table


def render() -> None:
    lang = common.current_language()
    user = common.require_user()
    assessment_id = common.require_assessment()
    data = analysis.load(user, assessment_id)
    label = analysis.names(data.questionnaire, lang)
    st.title(t("benchmark.page", lang))
    group = analysis.peer_group(user, data)
    size = t(f"size.{group.size_class}", lang) if group.size_class in ("small", "medium", "large") else group.size_class
    st.caption(
        t("benchmark.group", lang, sector=common.plain(group.sector), peers=len(group.results))
        + (f" · {common.plain(size)}" if group.size_class else "")
    )
    if data.result.overall is None:
        st.info(t("results.no_answers", lang))
        st.stop()
    figures = benchmark(data.result, peer_table(group.results), DEFAULT_K).figures
    shown = [f for f in figures.values() if f.withheld is None and f.median is not None]
    if not shown:
        st.info(t("benchmark.withheld", lang, k=DEFAULT_K, peers=len(group.results)), icon=":material/lock:")
        st.caption(t("benchmark.rule", lang, k=DEFAULT_K))
        st.stop()
    pillars = [f for f in shown if f.kind == "pillar"]
    frame = pd.DataFrame(
        {
            "name": [label[f.measure] for f in pillars],
            "q1": [f.p25 for f in pillars],
            "median": [f.median for f in pillars],
            "q3": [f.p75 for f in pillars],
            "score": [f.own for f in pillars],
        }
    )
    st.plotly_chart(charts.benchmark_bands(frame, lang), theme=None, key="benchmark_bands")
    table = pd.DataFrame(
        {
            t("benchmark.measure", lang): [label[f.measure] for f in figures.values()],
            t("benchmark.own", lang): [num(f.own) for f in figures.values()],
            "P25": [num(f.p25) for f in figures.values()],
            t("benchmark.median", lang): [num(f.median) for f in figures.values()],
            "P75": [num(f.p75) for f in figures.values()],
            t("benchmark.percentile", lang): [num(f.percentile) for f in figures.values()],
            t("benchmark.note", lang): [t("benchmark.too_few", lang) if f.withheld else "" for f in figures.values()],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
    st.caption(t("benchmark.rule", lang, k=DEFAULT_K))


render()
