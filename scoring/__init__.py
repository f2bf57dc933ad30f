"""Scoring: pure functions over plain typed data (no Streamlit, no database, no I/O).

Public names, by job:

- ``score_assessment(assessment, questionnaire) -> Result``: one assessment.
- ``score_batch(answers, questionnaire, respondents) -> BatchScores``: many, as
  arrays and tables; ``answers_table`` / ``respondent_counts`` build its input.
- ``benchmark(result, peers, k) -> Benchmark`` and ``benchmark_batch``.
- ``trend(previous, current) -> Trend``; ``lenses``; ``build_roadmap``.

The rules are written down in ``docs/scoring.md``.
"""

from scoring.batch import BatchScores, Layout, score_batch
from scoring.results import (
    HORIZON_MONTHS,
    HORIZONS,
    CapabilityResult,
    PillarResult,
    QuestionResult,
    Result,
    RoadmapStep,
)
from scoring.scores import DEFAULT_TARGET, answers_table, respondent_counts, score_assessment
from scoring.trend import Trend, trend

__all__ = [
    "DEFAULT_TARGET",
    "HORIZONS",
    "HORIZON_MONTHS",
    "BatchScores",
    "CapabilityResult",
    "Layout",
    "PillarResult",
    "QuestionResult",
    "Result",
    "RoadmapStep",
    "Trend",
    "answers_table",
    "respondent_counts",
    "score_assessment",
    "score_batch",
    "trend",
]
