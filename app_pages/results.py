"""Results of the chosen assessment: scores with gated levels against targets, charts,
disagreement, confidence, the don't-know list and the change since the previous assessment.

Every number comes from ``scoring`` (a ``Result``); every chart from ``reports.charts``,
the same functions the PDF uses, drawn with ``theme=None`` so screen and print match.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from app_pages import analysis, common
from app_pages.common import num, pct, signed
from i18n import t
from reports import charts
from scoring.trend import trend


def _headline(score: float | None, level: int | None, lang: str) -> str:
    if score is None:
        return t("results.not_scored", lang)
    return t("results.score_level", lang, score=num(score, lang), level="–" if level is None else level)


def _peer_median(data: analysis.Analysis, measure: str) -> float:
    figure = data.benchmark.figures.get(measure) if data.benchmark else None
    if figure is None or figure.withheld or figure.median is None:
        return math.nan
    return figure.median


def _question_columns(lang: str) -> dict:
    """The question text gets the room; number and counts stay narrow."""
    return {
        "#": st.column_config.NumberColumn("#", width=50),
        t("results.question", lang): st.column_config.TextColumn(t("results.question", lang), width="large"),
    }


def render() -> None:
    lang = common.current_language()
    user = common.require_user()
    assessment_id = common.require_assessment()
    data = analysis.load(user, assessment_id)
    result, questionnaire, document = data.result, data.questionnaire, data.document
    label = analysis.names(questionnaire, lang)

    st.title(t("results.page", lang))
    st.caption(
        t("results.caption", lang, organisation=common.plain(document.organisation.name),
          date=document.date.isoformat(), respondents=result.respondents)
    )
    if document.demo:
        st.caption(t("app.demo_label", lang))
    if result.overall is None:
        st.info(t("results.no_answers", lang))
        st.stop()

    unscored = [label[p.id] for p in result.pillars.values() if p.score is None]
    if unscored:
        # An overall of 3.9 from one pillar out of three reads as a verdict it is not.
        st.warning(t("results.partial", lang, pillars=", ".join(common.plain(name) for name in unscored)),
                   icon=":material/hourglass_top:")
    previous = data.previous
    change = trend(previous, result) if previous else None
    a, b, c, d = st.columns(4)
    a.metric(t("results.overall", lang), num(result.overall, lang),
             delta=None if change is None or change.overall is None else signed(change.overall, lang),
             help=t("results.overall_help", lang))
    b.metric(t("results.respondents", lang), str(result.respondents))
    c.metric(t("results.balance", lang), num(result.balance, lang), help=t("results.balance_help", lang))
    d.metric(t("results.confidence", lang), pct(result.confidence), help=t("results.confidence_help", lang))

    pillar_rows = pd.DataFrame(
        {
            t("results.pillar", lang): [label[p.id] for p in result.pillars.values()],
            t("results.headline", lang): [_headline(p.score, p.level, lang) for p in result.pillars.values()],
            t("results.target", lang): [num(p.target, lang) for p in result.pillars.values()],
            t("results.gap", lang): [num(p.gap, lang) for p in result.pillars.values()],
            t("results.confidence", lang): [pct(p.confidence) for p in result.pillars.values()],
            t("results.change", lang): [signed(change.pillars.get(p.id), lang) if change else "–"
                                        for p in result.pillars.values()],
        }
    )
    left, right = st.columns([3, 2])
    with left:
        st.subheader(t("results.pillars", lang))
        st.table(pillar_rows.set_index(t("results.pillar", lang)))
        st.caption(t("results.level_help", lang))
        if previous is None:
            st.caption(t("results.no_previous", lang))
        else:
            st.caption(t("results.previous", lang, date=previous.date.isoformat()))
    with right:
        radar = pd.DataFrame(
            {
                "name": [label[p.id] for p in result.pillars.values()],
                "score": [p.score if p.score is not None else math.nan for p in result.pillars.values()],
                "target": [p.target for p in result.pillars.values()],
                "peer_median": [_peer_median(data, p.id) for p in result.pillars.values()],
            }
        )
        st.plotly_chart(charts.pillar_radar(radar, lang), theme=None, key="results_radar")
        if radar["peer_median"].isna().all():
            st.caption(t("results.radar_peers", lang))

    st.subheader(t("results.capabilities", lang))
    for pillar in questionnaire.pillars:
        rows = [result.capabilities[c.id] for c in pillar.capabilities]
        frame = pd.DataFrame(
            {
                "name": [label[r.id] for r in rows],
                "score": [r.score if r.score is not None else math.nan for r in rows],
                "target": [r.target for r in rows],
                "level": [r.level if r.level is not None else math.nan for r in rows],
            }
        )
        st.markdown(f"**{common.plain(label[pillar.id])}**")
        st.plotly_chart(charts.capability_bars(frame, lang), theme=None, key=f"results_bars_{pillar.id}")

    st.subheader(t("results.disagreement", lang))
    numbers = analysis.question_numbers(questionnaire)
    flagged = result.flagged_questions()
    if flagged:
        st.warning(t("results.flagged", lang, count=len(flagged)), icon=":material/flag:")
        st.dataframe(
            pd.DataFrame(
                {
                    "#": [numbers[q] for q in flagged],
                    t("results.question", lang): [label[q] for q in flagged],
                    t("results.range", lang): [result.questions[q].disagreement for q in flagged],
                    t("results.score", lang): [num(result.questions[q].score, lang) for q in flagged],
                }
            ),
            hide_index=True,
            width="stretch",
            column_config=_question_columns(lang),
        )
    else:
        st.success(t("results.no_flags", lang))
    levels = analysis.respondent_levels(data, lang)
    if len(levels.index) and len(levels.columns):
        st.plotly_chart(charts.disagreement_heatmap(levels, lang), theme=None, key="results_heatmap")
        st.caption(t("results.heatmap_help", lang))

    st.subheader(t("results.dont_know", lang))
    unknown = result.dont_know_questions()
    if unknown:
        st.dataframe(
            pd.DataFrame(
                {
                    "#": [numbers[q] for q in unknown],
                    t("results.question", lang): [label[q] for q in unknown],
                    t("results.dont_know_count", lang): [result.questions[q].dont_know for q in unknown],
                }
            ),
            hide_index=True,
            width="stretch",
            column_config=_question_columns(lang),
        )
    else:
        st.caption(t("results.no_dont_know", lang))

    if change is not None:
        st.subheader(t("results.trend", lang))
        history = list(data.history) + [result]
        overall_label = t("results.overall", lang)
        rows = []
        for past in history:
            rows.append({"date": past.date, "series": overall_label, "score": past.overall, "overall": True})
            for pid, p in past.pillars.items():
                rows.append(
                    {"date": past.date, "series": label.get(pid, pid), "score": p.score,
                     "overall": False}
                )
        st.plotly_chart(charts.trend_chart(pd.DataFrame(rows), lang), theme=None, key="results_trend")


render()
