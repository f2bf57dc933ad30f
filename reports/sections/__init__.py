"""The report's sections, one small pure module each: scored inputs in, a frozen model with its figures out.

``summary``, ``pillar``, ``benchmark``, ``roadmap``, ``lens``, ``appendix`` and
``method`` each have a ``build(inputs, fmt)`` taking the scored
``reports.build.ReportInputs`` and a ``i18n.format.Formatter``, and return
their own frozen model: already localised and formatted text, small rows and
the plotly figures of that section (``figures``, by name). The report context
(``reports.context``) is these sections in order; the PDF template, the app's
pages and (later) the slide deck read the same models, so they say the same.

Nothing here reads files, the database or the clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import plotly.graph_objects as go

Figures = Mapping[str, go.Figure]


@dataclass(frozen=True)
class Item:
    """A line in a list: a title, a value and an explanation."""

    title: str
    value: str = ""
    detail: str = ""
    note: str = ""
