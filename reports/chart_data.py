"""The data of every chart, built once: the pages and the report sections both call these.

Each function turns scored inputs into the small frame one chart function of
``reports.charts`` draws. The results page and the PDF used to build these
frames each in their own way (an unscored pillar was NaN on screen and 0 in
the PDF); now there is one way, and ``tests/app/test_screen_equals_pdf.py``
checks that screen and PDF draw equal data.

Conventions: a value that does not exist (an unscored pillar, a withheld peer
median, a question nobody answered with a level) is NaN, never 0, so a chart
leaves it out instead of drawing a false "level 0".
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from questionnaires.models import Questionnaire
from reports.labels import Labels
from scoring.assessment import Assessment
from scoring.benchmark import Benchmark
from scoring.results import Result

#: Steps drawn on the roadmap timeline (the tables list all of them).
TIMELINE_STEPS = 18
#: A heatmap needs at least this many respondents who gave a level: one row shows no disagreement.
HEATMAP_RESPONDENTS = 2


def _value(value: float | None) -> float:
    return math.nan if value is None else float(value)


def peer_medians(benchmark: Benchmark | None) -> dict[str, float]:
    """Pillar id → peer median, for the pillars whose figures are shown (not withheld)."""
    if benchmark is None:
        return {}
    return {
        measure: figure.median
        for measure, figure in benchmark.figures.items()
        if figure.kind == "pillar" and figure.withheld is None and figure.median is not None
    }


def radar(result: Result, benchmark: Benchmark | None, labels: Labels) -> pd.DataFrame:
    """``charts.pillar_radar``: per pillar its score, target and (when shown) peer median."""
    medians = peer_medians(benchmark)
    pillars = list(result.pillars.values())
    return pd.DataFrame(
        {
            "name": [labels[p.id] for p in pillars],
            "score": [_value(p.score) for p in pillars],
            "target": [float(p.target) for p in pillars],
            "peer_median": [medians.get(p.id, math.nan) for p in pillars],
        }
    )


def capability_bars(result: Result, questionnaire: Questionnaire, pillar_id: str, labels: Labels) -> pd.DataFrame:
    """``charts.capability_bars``: the capabilities of one pillar with score, target and gated level."""
    pillar = next(p for p in questionnaire.pillars if p.id == pillar_id)
    rows = [result.capabilities[c.id] for c in pillar.capabilities]
    return pd.DataFrame(
        {
            "name": [labels[r.id] for r in rows],
            "score": [_value(r.score) for r in rows],
            "target": [float(r.target) for r in rows],
            "level": [_value(r.level) for r in rows],
        }
    )


def respondent_labels(assessment: Assessment) -> list[str]:
    """``"1. CISO"``: numbered, so two respondents with the same role stay two rows."""
    return [f"{n}. {respondent.role}" for n, respondent in enumerate(assessment.respondents, start=1)]


def heatmap(
    assessment: Assessment, questionnaire: Questionnaire, pillar_id: str, labels: Labels
) -> pd.DataFrame | None:
    """``charts.disagreement_heatmap`` for one pillar: respondents × question numbers, NaN where no level.

    Only respondents who gave a level in this pillar are rows; ``None`` when
    fewer than two did (one row cannot show disagreement, and a pillar nobody
    answered would draw an empty grid).
    """
    pillar = next(p for p in questionnaire.pillars if p.id == pillar_id)
    questions = [q.id for c in pillar.capabilities for q in c.questions]
    named = zip(respondent_labels(assessment), assessment.respondents, strict=True)
    rows = [
        (label, respondent)
        for label, respondent in named
        if any(q in respondent.answers and isinstance(respondent.answers[q].value, int) for q in questions)
    ]
    if len(rows) < HEATMAP_RESPONDENTS:
        return None
    return pd.DataFrame(
        [
            [
                float(respondent.answers[q].value)
                if q in respondent.answers and isinstance(respondent.answers[q].value, int)
                else math.nan
                for q in questions
            ]
            for _, respondent in rows
        ],
        index=[label for label, _ in rows],
        columns=[str(labels.numbers[q]) for q in questions],
    )


def benchmark_bands(benchmark: Benchmark | None, labels: Labels) -> pd.DataFrame | None:
    """``charts.benchmark_bands``: the pillars whose peer figures are shown; ``None`` when none is."""
    if benchmark is None:
        return None
    shown = [
        f for f in benchmark.figures.values() if f.kind == "pillar" and f.withheld is None and f.median is not None
    ]
    if not shown:
        return None
    return pd.DataFrame(
        {
            "name": [labels.get(f.measure, f.measure) for f in shown],
            "q1": [f.p25 for f in shown],
            "median": [f.median for f in shown],
            "q3": [f.p75 for f in shown],
            "score": [_value(f.own) for f in shown],
        }
    )


def roadmap_timeline(
    result: Result, questionnaire: Questionnaire, lang: str, steps: int = TIMELINE_STEPS
) -> pd.DataFrame | None:
    """``charts.roadmap_timeline``: the first ``steps`` steps, numbered as in the tables."""
    if not result.roadmap:
        return None
    shown = list(result.roadmap[:steps])
    return pd.DataFrame(
        {
            "label": [f"{n}. {step.guidance(questionnaire, lang)}" for n, step in enumerate(shown, start=1)],
            "horizon": [step.horizon for step in shown],
            "status": [step.status for step in shown],
        }
    )


def trend(history: Sequence[Result], result: Result, labels: Labels, overall: str) -> pd.DataFrame | None:
    """``charts.trend_chart``: every scored pillar and the overall score per assessment, oldest first.

    ``None`` without earlier results. ``overall`` names the overall line.
    """
    if not history:
        return None
    rows: list[dict[str, object]] = []
    for earlier in [*history, result]:
        for pid, pillar in earlier.pillars.items():
            if pillar.score is not None and pid in labels.names:
                rows.append({"date": earlier.date, "series": labels[pid], "score": pillar.score, "overall": False})
        if earlier.overall is not None:
            rows.append({"date": earlier.date, "series": overall, "score": earlier.overall, "overall": True})
    return pd.DataFrame(rows, columns=["date", "series", "score", "overall"])
