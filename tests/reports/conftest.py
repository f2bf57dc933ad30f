"""Fixtures of the report tests: the small questionnaire answered by three respondents.

The answers are chosen so every score is known by hand (see test_report_context):
people 2.0 (levels 2, 4, 1: flagged), process 1.0 (1, don't know, n/a),
technology 3.0 (3, 2, 3); overall 2.0.
"""

from __future__ import annotations

import datetime as dt

import pytest
from report_helpers import FIXTURES, make_assessment

from questionnaires import load_questionnaire
from questionnaires.models import Questionnaire
from scoring import score_assessment
from scoring.assessment import Assessment
from scoring.results import Result


@pytest.fixture(scope="session")
def small_questionnaire() -> Questionnaire:
    return load_questionnaire(FIXTURES / "small-questionnaire.yaml")


@pytest.fixture(scope="session")
def small_assessment(small_questionnaire: Questionnaire) -> Assessment:
    return make_assessment(small_questionnaire)


@pytest.fixture(scope="session")
def small_result(small_assessment: Assessment, small_questionnaire: Questionnaire) -> Result:
    return score_assessment(small_assessment, small_questionnaire)


@pytest.fixture(scope="session")
def previous_result(small_questionnaire: Questionnaire) -> Result:
    earlier = make_assessment(small_questionnaire, date=dt.date(2025, 3, 3).isoformat())
    earlier = earlier.model_copy(
        update={
            "respondents": tuple(
                r.model_copy(update={"answers": {k: a.model_copy(update={"value": 1}) if isinstance(a.value, int)
                                                 else a for k, a in r.answers.items()}})
                for r in earlier.respondents
            )
        }
    )
    return score_assessment(earlier, small_questionnaire)
