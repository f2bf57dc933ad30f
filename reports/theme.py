"""The one plotly template every chart uses, on screen and in the PDF.

Figures carry this template explicitly instead of relying on
``plotly.io.templates.default``: importing Streamlit changes that default to a
template whose colours only a browser fills in, which exports grey. The font
is the one the print stylesheet uses (``reports/assets/report.css``), so a
chart reads as part of the page.
"""

from __future__ import annotations

import plotly.graph_objects as go

#: Same stack as ``--font`` in report.css; both fonts are Debian packages
#: (fonts-open-sans, fonts-dejavu-core) the Makefile installs.
FONT_FAMILY = "Open Sans, DejaVu Sans, sans-serif"
INK = "#1f2933"
GRID = "#d9dee3"
MUTED = "#6b7780"

#: Series colours: what we are, where we aim, where peers are.
CURRENT = "#1d6f8a"
TARGET = "#d9822b"
PEER = "#7a869a"
#: One colour per pillar (trend lines), in questionnaire order.
PILLAR_COLOURS = ("#1d6f8a", "#8a4f9e", "#3f8f4f", "#b5523b", "#5a6acf")
#: Roadmap step status.
STATUS_COLOURS = {"open": "#1d6f8a", "in_progress": "#d9822b", "done": "#3f8f4f"}
#: Maturity levels 0..5 from weak (warm) to strong (cool), for the heatmap.
LEVEL_SCALE = (
    (0.0, "#c2410c"),
    (0.2, "#ea8a3c"),
    (0.4, "#f2c14e"),
    (0.6, "#b9d48a"),
    (0.8, "#5fa8a0"),
    (1.0, "#1d6f8a"),
)

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font={"family": FONT_FAMILY, "size": 12, "color": INK},
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=list(PILLAR_COLOURS),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "font": {"size": 11}},
        xaxis={"gridcolor": GRID, "linecolor": GRID, "zerolinecolor": GRID, "automargin": True},
        yaxis={"gridcolor": GRID, "linecolor": GRID, "zerolinecolor": GRID, "automargin": True},
        polar={
            "bgcolor": "white",
            "radialaxis": {"gridcolor": GRID, "linecolor": GRID, "range": [0, 5], "dtick": 1},
            "angularaxis": {"gridcolor": GRID, "linecolor": GRID},
        },
        hoverlabel={"font": {"family": FONT_FAMILY}},
    )
)
