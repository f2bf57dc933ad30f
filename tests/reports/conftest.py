"""Fixtures of the report tests: the small questionnaire answered by three respondents.

The answers are chosen so every score is known by hand (see test_report_context):
people 2.0 (levels 2, 4, 1: flagged), process 1.0 (1, don't know, n/a),
technology 3.0 (3, 2, 3); overall 2.0.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from questionnaires import load_questionnaire
from questionnaires.models import Questionnaire
from scoring import score_assessment
from scoring.assessment import Assessment
from scoring.results import Result

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="session")
def small_questionnaire() -> Questionnaire:
    return load_questionnaire(FIXTURES / "small-questionnaire.yaml")


def make_assessment(questionnaire: Questionnaire, **changes: object) -> Assessment:
    data = {
        "organisation": {"name": "Waterschap Voorbeeld", "sector": "overheid", "size_class": "250-999"},
        "date": "2026-03-02",
        "demo": False,
        "questionnaire": {"id": questionnaire.id, "version": questionnaire.version},
        "respondents": [
            {
                "id": "1",
                "role": "CISO",
                "answers": {
                    "people.roles.crisis-team": {"value": 2, "comment": "Crisisleider is bekend."},
                    "process.exercises.tabletop": {"value": 1},
                    "technology.backup.offline": {"value": 3, "evidence": "https://intranet.example.org/backup"},
                },
            },
            {
                "id": "2",
                "role": "IT manager",
                "answers": {
                    "people.roles.crisis-team": {"value": 4},
                    "process.exercises.tabletop": {"value": "dont_know"},
                    "technology.backup.offline": {"value": 2},
                },
            },
            {
                "id": "3",
                "role": "HR adviseur",
                "answers": {
                    "people.roles.crisis-team": {"value": 1},
                    "process.exercises.tabletop": {"value": "na", "reason": "Belegd bij de veiligheidsregio."},
                    "technology.backup.offline": {"value": 3},
                },
            },
        ],
        "roadmap": {"people.roles.crisis-team@3": {"owner": "Directeur bedrijfsvoering", "status": "in_progress"}},
    }
    data.update(changes)
    return Assessment.model_validate(data)


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


def pdf_text(pdf: bytes) -> tuple[int, str]:
    """Page count and the text of every page, whitespace removed (line breaks fall anywhere)."""
    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), "".join(text.split())


def squeeze(text: str) -> str:
    return "".join(text.split())
