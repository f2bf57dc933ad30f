"""The small pieces every chart in ``reports.charts`` is built from: a themed empty figure, label text, gaps.

Labels need care because plotly reads ``<b>``, ``<a href>`` and ``<br>`` in them as markup and does
not wrap; missing values arrive as ``None`` or NaN. Split from ``reports.charts`` so that module
holds only the charts themselves, one function each.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from reports import theme


def blank_figure(height: int, width: int | None = None) -> go.Figure:
    figure = go.Figure()
    figure.update_layout(template=theme.TEMPLATE, height=height, width=width)
    return figure


def escaped(text: str) -> str:
    """Text for a plotly label: plotly reads ``<b>``, ``<a href>`` and ``<br>`` in labels as markup,
    and labels here include user text (respondent roles), so ``&``, ``<`` and ``>`` are escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def wrapped(text: str, width: int = 28) -> str:
    """Break a long label onto lines of about ``width`` characters (plotly does not wrap)."""
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return "<br>".join(escaped(line) for line in lines)


def cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def shortened(text: str, width: int) -> str:
    """One line of at most ``width`` characters, with an ellipsis when cut."""
    return escaped(cut(text, width))


def any_present(values: pd.Series) -> bool:
    return bool(values.notna().any())


def step_ranges(numbers: list[int]) -> str:
    """``[1, 2, 3, 5]`` → ``"1–3, 5"``: step numbers as a reader says them."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs)


def is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))
