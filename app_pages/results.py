"""Results of the chosen assessment: scores with gated levels against targets, charts,
disagreement, confidence, the don't-know list, the regulatory lens and the change since the previous assessment.

The page shows the report's own section models (``reports.sections``): the
same numbers, formatted by the same formatter, and the same figures the PDF
embeds, drawn with ``theme=None`` so screen and print match.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import analysis, audience_results, common, evidence
from reports import chart_data
from reports.labels import labels
from reports.sections import audiences, lens, pillar, status, summary

#: Rows tall enough for a question text to wrap over two lines instead of being cut.
QUESTION_ROW_HEIGHT = 56


def _question_columns(question: str) -> dict:
    """The question text gets the room; number and counts stay narrow."""
    return {
        "#": st.column_config.NumberColumn("#", width=50),
        question: st.column_config.TextColumn(question, width="large"),
    }


def _chart(figure: object, key: str) -> None:
    st.plotly_chart(figure, theme=None, key=key, config=common.CHART_CONFIG)


def render() -> None:
    fmt = common.formatter()
    user = common.require_user()
    data = analysis.load(user, common.require_assessment())
    inputs, result, document = data.inputs, data.result, data.document
    names = labels(data.questionnaire, fmt.lang)

    st.title(fmt.text("results.page"))
    st.caption(
        fmt.text("results.caption", organisation=common.plain(document.organisation.name),
                 date=fmt.date(document.date), count=result.respondents)
    )
    if document.demo:
        st.caption(fmt.text("app.demo_label"))
    progress = status.build(inputs, fmt)
    if progress.draft:
        # The mark the PDF carries on every page: an assessment that is not closed has provisional numbers.
        st.warning(f"**{progress.mark}** · {progress.note}", icon=":material/edit_note:")
    if result.overall is None:
        st.info(fmt.text("results.no_answers"))
        st.stop()

    overview = summary.build(inputs, fmt)
    if overview.unscored:
        # An overall of 3.9 from one pillar out of three reads as a verdict it is not.
        st.warning(fmt.text("results.partial", pillars=", ".join(common.plain(name) for name in overview.unscored)),
                   icon=":material/hourglass_top:")
    st.markdown(f"**{common.plain(overview.headline)}**")  # the board summary's plain answer
    a, b, c, d = st.columns(4)
    a.metric(fmt.text("results.overall"), overview.overall, **common.metric_delta(overview.overall_change),
             help=fmt.text("results.overall_help"))
    b.metric(fmt.text("results.respondents"), str(result.respondents))
    c.metric(fmt.text("results.balance"), overview.balance, help=fmt.text("results.balance_help"))
    d.metric(fmt.text("results.confidence"), overview.confidence, help=fmt.text("results.confidence_help"))

    rows = overview.pillars
    pillar_rows = pd.DataFrame(
        {
            fmt.text("results.pillar"): [row.name for row in rows],
            fmt.text("results.headline"): [
                fmt.text("results.score_level", score=row.score, level=row.level)
                if row.scored else row.status  # "Not yet answered (0% answered)", as in the PDF
                for row in rows
            ],
            fmt.text("results.target"): [row.target for row in rows],
            fmt.text("results.gap"): [row.gap for row in rows],
            fmt.text("results.confidence"): [row.confidence for row in rows],
            fmt.text("results.change"): [row.change for row in rows],
        }
    )
    left, right = st.columns([3, 2])
    with left:
        st.subheader(fmt.text("results.pillars"))
        st.table(pillar_rows.set_index(fmt.text("results.pillar")))
        st.caption(fmt.text("results.level_help"))
        if data.previous is None:
            st.caption(fmt.text("results.no_previous"))
        else:
            st.caption(fmt.text("results.previous", date=fmt.date(data.previous.date)))
    with right:
        _chart(overview.figures["radar"], "results_radar")
        if not chart_data.peer_medians(inputs.benchmark):
            st.caption(fmt.text("results.radar_peers"))

    sections = pillar.build(inputs, fmt)
    st.subheader(fmt.text("results.capabilities"))
    for section in sections:
        st.markdown(f"**{common.plain(section.name)}**")
        if section.has_chart:
            _chart(section.figures[f"pillar:{section.id}"], f"results_bars_{section.id}")
        else:  # no capability has a score: no empty chart, the share answered instead
            st.caption(common.plain(section.headline))  # names an uploaded questionnaire's pillar

    question = fmt.text("results.question")
    st.subheader(fmt.text("results.disagreement"))
    flagged = result.flagged_questions()
    if flagged:
        st.warning(fmt.text("results.flagged", count=len(flagged)), icon=":material/flag:")
        st.dataframe(
            pd.DataFrame(
                {
                    "#": [names.numbers[q] for q in flagged],
                    question: [names[q] for q in flagged],
                    fmt.text("results.range"): [result.questions[q].disagreement for q in flagged],
                    fmt.text("results.score"): [fmt.number(result.questions[q].score) for q in flagged],
                }
            ),
            hide_index=True,
            width="stretch",
            column_config=_question_columns(question),
            row_height=QUESTION_ROW_HEIGHT,
        )
    else:
        st.success(fmt.text("results.no_flags"))
    heatmaps = [section for section in sections if section.has_heatmap]
    for section in heatmaps:
        st.markdown(f"**{common.plain(section.name)}**")
        _chart(section.figures[f"heatmap:{section.id}"], f"results_heatmap_{section.id}")
    if heatmaps:
        st.caption(fmt.text("results.heatmap_help"))

    st.subheader(fmt.text("results.dont_know"))
    unknown = result.dont_know_questions()
    if unknown:
        st.dataframe(
            pd.DataFrame(
                {
                    "#": [names.numbers[q] for q in unknown],
                    question: [names[q] for q in unknown],
                    fmt.text("results.dont_know_count"): [result.questions[q].dont_know for q in unknown],
                }
            ),
            hide_index=True,
            width="stretch",
            column_config=_question_columns(question),
            row_height=QUESTION_ROW_HEIGHT,
        )
    else:
        st.caption(fmt.text("results.no_dont_know"))

    # Settled in the workshop, perception gaps, asked of nobody: the PDF's section (nothing without any).
    audience_results.show(audiences.build(inputs, fmt), fmt)

    evidence.drilldown(document, data.questionnaire, names, fmt)  # every respondent's answer per question

    _lens(lens.build(inputs, fmt), fmt)

    if overview.has_trend:
        st.subheader(fmt.text("results.trend"))
        _chart(overview.figures["trend"], "results_trend")
        st.caption(overview.basis)


def _lens(section: lens.LensSection, fmt: common.Formatter) -> None:
    """The regulatory lens as in the PDF: per framework, each reference with its title and mean score."""
    if not section.lenses:
        return
    st.subheader(fmt.text("report.lens.title"))
    st.caption(fmt.text("report.lens.intro"))
    for framework in section.lenses:
        with st.expander(framework.name):
            st.dataframe(
                pd.DataFrame(
                    {
                        fmt.text("report.col.reference"): [row.reference for row in framework.rows],
                        fmt.text("results.lens_title"): [row.title for row in framework.rows],
                        fmt.text("report.col.score"): [row.score for row in framework.rows],
                        fmt.text("report.col.level"): [row.level for row in framework.rows],
                        fmt.text("report.col.questions"): [row.questions for row in framework.rows],
                    }
                ),
                hide_index=True,
                width="stretch",
            )


render()
