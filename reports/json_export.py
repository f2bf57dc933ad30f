"""The JSON export: the assessment file format, re-importable.

It is exactly what ``veerkracht export`` writes and ``veerkracht import`` and
``veerkracht report --from-json`` read (``assessments.file``), with the
questionnaire embedded so the file scores and renders anywhere.
"""

from __future__ import annotations

from assessments.file import assessment_to_json
from questionnaires.models import Questionnaire
from scoring.assessment import Assessment


def assessment_json_bytes(assessment: Assessment, questionnaire: Questionnaire) -> bytes:
    """The assessment file as UTF-8 bytes, questionnaire embedded, stable key order."""
    return assessment_to_json(assessment, questionnaire).encode("utf-8")
