"""One entry point for a questionnaire file of either kind: YAML, or an Excel workbook (``.xlsx``).

The upload page and the command line take both; the file name's suffix says
which reader applies, so a workbook is never fed to the YAML parser or the
other way round.
"""

from __future__ import annotations

from pathlib import Path as FilePath

from questionnaires.loader import load_questionnaire, parse_questionnaire
from questionnaires.models import Questionnaire

WORKBOOK_SUFFIX = ".xlsx"
#: What the upload field accepts.
FILE_TYPES = ("yaml", "yml", "xlsx")


def is_workbook(name: str) -> bool:
    return name.lower().endswith(WORKBOOK_SUFFIX)


def load_questionnaire_file(path: str | FilePath) -> Questionnaire:
    """Load a YAML or workbook file, or raise ``QuestionnaireError``."""
    if is_workbook(str(path)):
        from questionnaires.spreadsheet import load_xlsx_questionnaire

        return load_xlsx_questionnaire(path)
    return load_questionnaire(path)


def parse_questionnaire_file(content: bytes, name: str) -> Questionnaire:
    """Parse an uploaded YAML or workbook file, or raise ``QuestionnaireError``."""
    if is_workbook(name):
        from questionnaires.spreadsheet import parse_xlsx_questionnaire

        return parse_xlsx_questionnaire(content, name)
    return parse_questionnaire(content, name)
