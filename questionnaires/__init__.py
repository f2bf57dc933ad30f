"""Questionnaires: typed models, the one YAML loader, validation and the installed files."""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

#: Where each public name lives. Imported on first use, so ``import scoring`` (which needs only the
#: models) does not load the YAML loader, the catalogue and the installed files with it.
_WHERE = {
    "MAX_FILE_BYTES": "loader",
    "load_questionnaire": "loader",
    "parse_questionnaire": "loader",
    "validate_questionnaire": "loader",
    "Capability": "models",
    "Pillar": "models",
    "Question": "models",
    "QuestionLevel": "models",
    "Questionnaire": "models",
    "ScaleLevel": "models",
    "localized": "models",
    "Problem": "problems",
    "QuestionnaireError": "problems",
    "INSTALLED_DIR": "registry",
    "installed_questionnaires": "registry",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(f"questionnaires.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'questionnaires' has no attribute {name!r}")


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
