"""Scoring: pure functions over plain typed data (no Streamlit, no database, no I/O).

Public names, by job:

- ``score_assessment(assessment, questionnaire) -> Result``: one assessment.
- ``score_batch(answers, questionnaire, respondents) -> BatchScores``: many, as
  arrays and tables; ``answers_table`` / ``respondent_counts`` build its input.
- ``select_peers`` / ``peer_table`` / ``benchmark(result, peers, k) -> Benchmark``,
  and ``benchmark_batch`` for many.
- ``trend(previous, current) -> Trend``; ``lenses``; ``build_roadmap``.

The rules are written down in ``docs/scoring.md``.
"""

from scoring.batch import BatchScores, Layout, score_batch
from scoring.benchmark import (
    DEFAULT_K,
    Benchmark,
    BenchmarkFigure,
    benchmark,
    benchmark_batch,
    peer_table,
    select_peers,
)
from scoring.lenses import lenses
from scoring.results import (
    HORIZON_MONTHS,
    HORIZONS,
    CapabilityResult,
    PillarResult,
    QuestionResult,
    Result,
    RoadmapStep,
)
from scoring.roadmap import build_roadmap
from scoring.scores import DEFAULT_TARGET, answers_table, respondent_counts, score_assessment
from scoring.trend import Trend, trend

__all__ = [
    "DEFAULT_K",
    "DEFAULT_TARGET",
    "HORIZONS",
    "HORIZON_MONTHS",
    "BatchScores",
    "Benchmark",
    "BenchmarkFigure",
    "CapabilityResult",
    "Layout",
    "PillarResult",
    "QuestionResult",
    "Result",
    "RoadmapStep",
    "Trend",
    "answers_table",
    "benchmark",
    "benchmark_batch",
    "build_roadmap",
    "lenses",
    "peer_table",
    "respondent_counts",
    "score_assessment",
    "score_batch",
    "select_peers",
    "trend",
]
