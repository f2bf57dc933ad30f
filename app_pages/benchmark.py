"""Benchmark: the assessment against the consultant's other clients in the same sector
(their latest closed assessment with the same questionnaire, chosen by ``reports.sources``).

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


def _rank(percentile: float | None) -> str:
    """A percentile rank as a whole number: "67", not "66.7" (six peers make sixths, not decimals)."""
    return "–" if percentile is None else f"{percentile:.0f}"


def render() -> None:
    lang = common.current_language()
    user = common.require_user()
    assessment_id = common.require_assessment()
    data = analysis.load(user, assessment_id)
    label = analysis.names(data.questionnaire, lang)
    st.title(t("benchmark.page", lang))
    st.caption(t("benchmark.group", lang, sector=common.plain(data.document.organisation.sector), peers=data.peers))
    if data.result.overall is None or data.benchmark is None:
        st.info(t("results.no_answers", lang))
        st.stop()
    k = data.benchmark.k
    figures = data.benchmark.figures
    shown = [f for f in figures.values() if f.withheld is None and f.median is not None]
    if not shown:
        st.info(t("benchmark.withheld", lang, k=k, peers=data.peers), icon=":material/lock:")
        st.caption(t("benchmark.rule", lang, k=k))
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
    # Each pillar followed by its capabilities ("People · Governance"), as the results page groups them.
    order: list[tuple[str, str]] = []
    for pillar in data.questionnaire.pillars:
        order.append((pillar.id, label[pillar.id]))
        order.extend((c.id, f"{label[pillar.id]} · {label[c.id]}") for c in pillar.capabilities)
    rows = [(name, figures[measure]) for measure, name in order if measure in figures]
    table = pd.DataFrame(
        {
            t("benchmark.measure", lang): [name for name, _ in rows],
            t("benchmark.own", lang): [num(f.own, lang) for _, f in rows],
            "P25": [num(f.p25, lang) for _, f in rows],
            t("benchmark.median", lang): [num(f.median, lang) for _, f in rows],
            "P75": [num(f.p75, lang) for _, f in rows],
            t("benchmark.percentile", lang): [_rank(f.percentile) for _, f in rows],
            t("benchmark.note", lang): [t("benchmark.too_few", lang) if f.withheld else "" for _, f in rows],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
    st.caption(t("benchmark.rule", lang, k=k))


render()
