"""Helpers of the report tests (a module of its own name: ``conftest`` is ambiguous on sys.path)."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from questionnaires.models import Questionnaire
from scoring.assessment import Assessment

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


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


def pdf_text(pdf: bytes) -> tuple[int, str]:
    """Page count and the text of every page, whitespace and zero-width spaces removed (line breaks fall anywhere)."""
    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), squeeze(text)


def squeeze(text: str) -> str:
    """``text`` without whitespace and without the zero-width spaces the appendix puts in long runs."""
    return "".join(text.replace("\u200b", "").split())
