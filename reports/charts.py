"""One function per chart, each returning a plotly figure from plain data.

The app draws these figures on screen (``st.plotly_chart(fig, theme=None)``)
and the PDF embeds the very same figures as SVG, so what a consultant sees is
what the board reads. Inputs are pandas frames with the columns named in each
docstring; labels are already localised text, legend texts come from the
report catalogue through the formatter ``fmt`` (numbers too, so a chart
writes "2,3" where the table beside it does). The frames come from
``reports.chart_data``, built once for screen and PDF. Nothing here reads files, the database or the
scoring models, so a chart can be tested with a three-row frame.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from i18n.format import Formatter
from reports import theme
from reports.chart_basics import any_present, blank_figure, cut, escaped, is_missing, shortened, step_ranges, wrapped

#: Months each roadmap horizon spans: now 0–3, next 3–12, later 12–24.
HORIZON_MONTHS = {"now": (0, 3), "next": (3, 12), "later": (12, 24)}


def _describe(figure: go.Figure, text: str) -> go.Figure:
    """Keep the chart's alternative text with the figure (``layout.meta``), written from the same frame."""
    figure.update_layout(meta={"alt": text})
    return figure


def alt_text(figure: go.Figure) -> str:
    """A chart's alternative text, stating the numbers it draws: the tagged PDF's /Alt, the slide's description."""
    meta = figure.layout.meta
    return str(meta.get("alt", "")) if isinstance(meta, dict) else ""


def pillar_radar(pillars: pd.DataFrame, fmt: Formatter) -> go.Figure:
    """Radar of the pillars: current score against target and (when shown) peer median.

    Columns: ``name`` (str), ``score`` (float), ``target`` (float),
    ``peer_median`` (float or NaN when the benchmark is withheld).
    """
    figure = blank_figure(height=340)
    names = [wrapped(name, 18) for name in pillars["name"]]
    closed = names + names[:1]

    def trace(column: str, label: str, colour: str, dash: str, fill: str | None) -> None:
        values = list(pillars[column]) + list(pillars[column])[:1]
        figure.add_trace(
            go.Scatterpolar(
                r=values,
                theta=closed,
                name=label,
                mode="lines+markers",
                line={"color": colour, "dash": dash, "width": 2.5},
                marker={"size": 6},
                fill=fill,
                fillcolor="rgba(29,111,138,0.18)" if fill else None,
            )
        )

    trace("target", fmt.text("report.chart.target"), theme.TARGET, "dash", None)
    if "peer_median" in pillars and any_present(pillars["peer_median"]):
        trace("peer_median", fmt.text("report.chart.peer_median"), theme.PEER, "dot", None)
    trace("score", fmt.text("report.chart.current"), theme.CURRENT, "solid", "toself")
    figure.update_layout(
        polar={"radialaxis": {"range": [0, 5], "dtick": 1, "angle": 90, "tickfont": {"size": 9}}},
        margin={"l": 50, "r": 50, "t": 25, "b": 10},
        legend={"y": -0.06, "yanchor": "top", "x": 0.5, "xanchor": "center"},
    )
    peers = "peer_median" in pillars and any_present(pillars["peer_median"])
    items = [
        fmt.text(
            "report.alt.pillar_peers" if peers and not is_missing(row.peer_median) else "report.alt.pillar",
            name=row.name,
            score=fmt.text("report.alt.not_scored") if is_missing(row.score) else fmt.number(row.score),
            target=fmt.number(row.target),
            median=fmt.number(row.peer_median) if peers else "",
        )
        for row in pillars.itertuples()
    ]
    return _describe(figure, fmt.text("report.alt.radar", items="; ".join(items)))


def capability_bars(capabilities: pd.DataFrame, fmt: Formatter) -> go.Figure:
    """Horizontal bars of capability scores with a mark at each target.

    Columns: ``name`` (str), ``score`` (float or NaN when nothing was
    answered), ``target`` (float), ``level`` (int gated level or NaN).
    """
    rows = len(capabilities)
    figure = blank_figure(height=90 + 34 * rows)
    names = [wrapped(name, 30) for name in capabilities["name"]]
    scores = capabilities["score"].fillna(0)
    labels = [
        "–"
        if math.isnan(score)
        else fmt.text("report.chart.score_level", score=fmt.number(score), level=fmt.level(level))
        for score, level in zip(capabilities["score"], capabilities["level"], strict=True)
    ]
    figure.add_trace(
        go.Bar(
            x=scores,
            y=names,
            orientation="h",
            name=fmt.text("report.chart.current"),
            marker={"color": theme.CURRENT},
        )
    )
    # Score and level in a column right of the axis, clear of bars and target marks.
    figure.add_trace(
        go.Scatter(
            x=[5.15] * rows,
            y=names,
            mode="text",
            text=labels,
            textposition="middle right",
            showlegend=False,
            hoverinfo="skip",
            cliponaxis=False,
        )
    )
    figure.add_trace(
        go.Scatter(
            x=capabilities["target"],
            y=names,
            mode="markers",
            name=fmt.text("report.chart.target"),
            marker={"symbol": "line-ns", "size": 22, "line": {"width": 3, "color": theme.TARGET}},
        )
    )
    figure.update_layout(
        xaxis={"range": [0, 6.4], "tickvals": [0, 1, 2, 3, 4, 5], "title": None},
        # A fixed left margin (names are wrapped at 30 characters) so the charts of
        # different pillars put their bars at the same place, one under the other.
        yaxis={"autorange": "reversed", "automargin": False, "ticksuffix": "  "},
        bargap=0.35,
        margin={"l": 200, "r": 10, "t": 40, "b": 30},
    )
    items = [
        fmt.text("report.alt.capability_none", name=row.name, target=fmt.number(row.target))
        if is_missing(row.score)
        else fmt.text(
            "report.alt.capability", name=row.name, score=fmt.number(row.score), level=fmt.level(row.level),
            target=fmt.number(row.target),
        )
        for row in capabilities.itertuples()
    ]
    return _describe(figure, fmt.text("report.alt.capabilities", items="; ".join(items)))


def benchmark_bands(rows: pd.DataFrame, fmt: Formatter) -> go.Figure:
    """Peer quartile bands per pillar (or capability) with our own score on them.

    Columns: ``name`` (str), ``q1``, ``median``, ``q3`` (float, peers),
    ``score`` (float, ours). Only groups large enough to show reach here; the
    k-anonymity decision is made before, in scoring.
    """
    figure = blank_figure(height=100 + 42 * len(rows))
    names = [wrapped(name, 30) for name in rows["name"]]
    figure.add_trace(
        go.Bar(
            x=rows["q3"] - rows["q1"],
            base=rows["q1"],
            y=names,
            orientation="h",
            name=fmt.text("report.chart.peer_band"),
            marker={"color": "rgba(122,134,154,0.35)", "line": {"width": 0}},
            width=0.5,
        )
    )
    figure.add_trace(
        go.Scatter(
            x=rows["median"],
            y=names,
            mode="markers",
            name=fmt.text("report.chart.peer_median"),
            marker={"symbol": "line-ns", "size": 20, "line": {"width": 3, "color": theme.PEER}},
        )
    )
    figure.add_trace(
        go.Scatter(
            x=rows["score"],
            y=names,
            mode="markers",
            name=fmt.text("report.chart.current"),
            marker={"symbol": "diamond", "size": 12, "color": theme.CURRENT},
        )
    )
    figure.update_layout(
        xaxis={"range": [0, 5], "dtick": 1},
        yaxis={"autorange": "reversed"},
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
    )
    items = [
        fmt.text(
            "report.alt.benchmark_item", name=row.name, score=fmt.number(row.score), q1=fmt.number(row.q1),
            median=fmt.number(row.median), q3=fmt.number(row.q3),
        )
        for row in rows.itertuples()
    ]
    return _describe(figure, fmt.text("report.alt.benchmark", items="; ".join(items)))


def roadmap_timeline(steps: pd.DataFrame, fmt: Formatter) -> go.Figure:
    """The roadmap as a timeline: one bar per step across its horizon's months.

    Columns: ``label`` (str), ``horizon`` ("now" | "next" | "later"),
    ``status`` ("open" | "in_progress" | "done"). Rows are drawn in the order
    given (priority order), top to bottom.
    """
    figure = blank_figure(height=110 + 22 * len(steps))
    labels = [shortened(label, 52) for label in steps["label"]]
    for status, colour in theme.STATUS_COLOURS.items():
        chosen = steps["status"] == status
        if not chosen.any():
            continue
        spans = [HORIZON_MONTHS[horizon] for horizon in steps.loc[chosen, "horizon"]]
        figure.add_trace(
            go.Bar(
                x=[end - start for start, end in spans],
                base=[start for start, _ in spans],
                y=[label for label, keep in zip(labels, chosen, strict=True) if keep],
                orientation="h",
                name=fmt.text(f"report.status.{status}"),
                marker={"color": colour},
                width=0.6,
            )
        )
    for horizon, (start, end) in HORIZON_MONTHS.items():
        figure.add_vline(x=start, line={"color": theme.GRID, "width": 1})
        figure.add_annotation(
            x=(start + end) / 2,
            y=1.0,
            yref="paper",
            yanchor="bottom",
            text=f"<b>{fmt.text(f'report.horizon.{horizon}')}</b>",
            showarrow=False,
            font={"size": 11, "color": theme.MUTED},
        )
    figure.update_layout(
        barmode="overlay",
        xaxis={
            "range": [0, 24],
            "tickvals": [0, 3, 6, 12, 18, 24],
            "title": {"text": fmt.text("report.chart.months"), "standoff": 4},
        },
        yaxis={
            "autorange": "reversed",
            "categoryorder": "array",
            "categoryarray": labels,
            "tickfont": {"size": 10},
        },
        legend={"y": -75 / (110 + 22 * len(steps)), "yanchor": "top"},
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
    )
    items = []
    for horizon in HORIZON_MONTHS:
        numbers = [n for n, chosen in enumerate(steps["horizon"] == horizon, start=1) if chosen]
        if numbers:
            items.append(
                fmt.text(
                    "report.alt.roadmap_horizon", horizon=fmt.text(f"report.horizon.{horizon}"),
                    steps=step_ranges(numbers), count=len(numbers),
                )
            )
    return _describe(figure, fmt.text("report.alt.roadmap", items="; ".join(items), count=len(steps)))


def trend_chart(history: pd.DataFrame, fmt: Formatter) -> go.Figure:
    """Scores over time: one line per pillar and a bold one for the overall score.

    Columns: ``date`` (date), ``series`` (str: pillar name or the overall
    label), ``score`` (float), ``overall`` (bool: this row is the overall line).
    """
    figure = blank_figure(height=300)
    colours = iter(theme.PILLAR_COLOURS)
    for (series, overall), rows in history.groupby(["series", "overall"], sort=False):
        rows = rows.sort_values("date")
        figure.add_trace(
            go.Scatter(
                x=rows["date"],
                y=rows["score"],
                name=escaped(str(series)),
                mode="lines+markers",
                line={
                    "width": 4 if overall else 2,
                    "color": theme.INK if overall else next(colours),
                },
            )
        )
    # Ticks only at the assessments, named in the report's language (plotly's date axis speaks English).
    dates = sorted(set(history["date"]))
    figure.update_layout(
        yaxis={"range": [0, 5], "dtick": 1},
        xaxis={
            "type": "date",
            "tickvals": dates,
            "ticktext": [fmt.month(day) for day in dates],
        },
    )
    items = [
        fmt.text(
            "report.alt.trend_item",
            date=fmt.date(day, "medium"),
            scores=", ".join(
                f"{row.series} {fmt.number(row.score)}" for row in history[history["date"] == day].itertuples()
            ),
        )
        for day in dates
    ]
    return _describe(figure, fmt.text("report.alt.trend", items="; ".join(items)))


def disagreement_heatmap(levels: pd.DataFrame, fmt: Formatter) -> go.Figure:
    """Respondents × questions: each respondent's level, so disagreement shows as colour (``fmt``
    writes the alternative text; the cells are levels, the labels given).

    ``levels`` has one row per respondent (index: role label) and one column
    per question (column: short question label); a cell is the level 0–5 or
    NaN for "not applicable" and "don't know" (drawn blank).
    """
    figure = blank_figure(height=120 + 26 * len(levels.index))
    columns = [escaped(str(column)) for column in levels.columns]
    figure.add_trace(
        go.Heatmap(
            z=levels.to_numpy(dtype=float, na_value=math.nan),
            x=columns,
            # Two lines at most: a role may be long, the appendix prints it whole.
            y=[wrapped(cut(str(role), 44), 22) for role in levels.index],
            zmin=0,
            zmax=5,
            colorscale=[list(stop) for stop in theme.LEVEL_SCALE],
            xgap=2,
            ygap=2,
            # The level is printed in each cell: a colour bar's gradient does not survive SVG-in-PDF.
            showscale=False,
            texttemplate="%{z}",
            hoverongaps=False,
        )
    )
    figure.update_layout(
        xaxis={"tickangle": -45, "tickfont": {"size": 9}, "type": "category"},
        yaxis={"autorange": "reversed", "type": "category"},
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
    )
    items = [
        fmt.text(
            "report.alt.heatmap_item",
            respondent=str(role),
            levels=", ".join(f"#{column}: {fmt.level(value)}" for column, value in row.items()),
        )
        for role, row in levels.iterrows()
    ]
    return _describe(figure, fmt.text("report.alt.heatmap", items="; ".join(items)))
