"""The questionnaires that ship with the project: every ``*.yaml`` in this folder."""

from __future__ import annotations

from pathlib import Path

from questionnaires.loader import load_questionnaire
from questionnaires.models import Questionnaire

INSTALLED_DIR = Path(__file__).parent
DEFAULT_QUESTIONNAIRE = INSTALLED_DIR / "digital-resilience.yaml"


def installed_questionnaires(folder: Path = INSTALLED_DIR) -> dict[tuple[str, int], Questionnaire]:
    """Every valid questionnaire in ``folder`` by (id, version).

    A broken file raises: installed questionnaires are part of the release and
    a test validates them, so a broken one is a bug to see, not to hide.
    """
    found: dict[tuple[str, int], Questionnaire] = {}
    for path in sorted(folder.glob("*.yaml")):
        questionnaire = load_questionnaire(path)
        found[(questionnaire.id, questionnaire.version)] = questionnaire
    return found


def comparable_predecessor(questionnaire: Questionnaire) -> Questionnaire | None:
    """The newest installed earlier version that ``questionnaire`` declares comparable, if any.

    Demo data answers its first assessments with it, so the demo shows a trend across versions.
    """
    installed = installed_questionnaires()
    versions = sorted((c.version for c in questionnaire.comparable_with), reverse=True)
    return next((installed[(questionnaire.id, v)] for v in versions if (questionnaire.id, v) in installed), None)
