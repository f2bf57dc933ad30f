"""The committed JSON Schema of the assessment format is generated from the models."""

from __future__ import annotations

import json

from assessments.schema import SCHEMA_PATH, schema_text


def test_schema_is_up_to_date() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "scoring/assessment.schema.json is stale: run .venv/bin/python -m assessments.schema"
    )


def test_schema_names_the_format_fields() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["title"] == "Assessment"
    assert set(schema["required"]) == {"organisation", "date", "questionnaire"}
    assert set(schema["$defs"]["Answer"]["properties"]) == {
        "value",
        "reason",
        "comment",
        "evidence",
    }
