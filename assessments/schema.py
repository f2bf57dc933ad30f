"""The JSON Schema of the assessment file format, generated from ``scoring.assessment``.

``scoring/assessment.schema.json`` is committed so other tools (and editors,
through ``"$schema"``) can validate files without Python;
``tests/assessments/test_assessment_schema.py`` fails when it is stale, and
``python -m assessments.schema`` rewrites it.
"""

from __future__ import annotations

from pathlib import Path

from questionnaires.schema import json_schema_text
from scoring.assessment import Assessment

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "scoring" / "assessment.schema.json"


def schema_text() -> str:
    return json_schema_text(Assessment, "veerkracht-assessment.schema.json")


if __name__ == "__main__":
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
