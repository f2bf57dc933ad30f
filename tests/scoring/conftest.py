"""Fixtures for scoring tests: the two fixture questionnaires and an assessment factory."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from questionnaires import Questionnaire, load_questionnaire
from scoring.assessment import Assessment

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

Answers = Mapping[str, Mapping[str, Any]]


@pytest.fixture(scope="session")
def worked() -> Questionnaire:
    return load_questionnaire(FIXTURES / "worked-example.yaml")


@pytest.fixture(scope="session")
def small() -> Questionnaire:
    return load_questionnaire(FIXTURES / "small-questionnaire.yaml")


def build_assessment(
    questionnaire: Questionnaire,
    answers: Answers,
    *,
    organisation: str = "Org",
    targets: Mapping[str, Any] | None = None,
    roadmap: Mapping[str, Any] | None = None,
    date: str = "2026-01-15",
) -> Assessment:
    """An assessment from ``{respondent: {question: level | "na" | "dont_know"}}``."""

    def answer(value: Any) -> dict[str, Any]:
        return {"value": value, "reason": "not here"} if value == "na" else {"value": value}

    return Assessment.model_validate(
        {
            "organisation": {"name": organisation, "sector": "care", "size_class": "50-249"},
            "date": date,
            "questionnaire": {"id": questionnaire.id, "version": questionnaire.version},
            "respondents": [
                {"id": rid, "role": "manager", "answers": {q: answer(v) for q, v in given.items()}}
                for rid, given in answers.items()
            ],
            "targets": targets or {},
            "roadmap": roadmap or {},
        }
    )


@pytest.fixture(scope="session")
def make() -> Callable[..., Assessment]:
    return build_assessment
