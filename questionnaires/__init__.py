"""Questionnaires: typed models, the one YAML loader, validation and the installed files."""

from questionnaires.loader import MAX_FILE_BYTES, load_questionnaire, parse_questionnaire, validate_questionnaire
from questionnaires.models import (
    Capability,
    Pillar,
    Question,
    QuestionLevel,
    Questionnaire,
    ScaleLevel,
    localized,
)
from questionnaires.problems import Problem, QuestionnaireError
from questionnaires.registry import INSTALLED_DIR, installed_questionnaires

__all__ = [
    "INSTALLED_DIR",
    "MAX_FILE_BYTES",
    "Capability",
    "Pillar",
    "Problem",
    "Question",
    "QuestionLevel",
    "Questionnaire",
    "QuestionnaireError",
    "ScaleLevel",
    "installed_questionnaires",
    "load_questionnaire",
    "localized",
    "parse_questionnaire",
    "validate_questionnaire",
]
