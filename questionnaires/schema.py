"""The JSON Schema of the questionnaire format, generated from the models.

Editors that understand the ``yaml-language-server`` modeline at the top of
each questionnaire file validate against ``schema.json`` while you type. The
file is committed; ``tests/questionnaires/test_schema.py`` fails when it is
stale, and ``python -m questionnaires.schema`` rewrites it.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from questionnaires.models import Questionnaire

SCHEMA_PATH = Path(__file__).with_name("schema.json")
MODELINE = "# yaml-language-server: $schema=schema.json"


def json_schema_text(model: type[BaseModel], schema_id: str) -> str:
    """A model's JSON Schema as stable text: sorted keys, so a regenerated file only differs by real changes."""
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = schema_id
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def schema_text() -> str:
    return json_schema_text(Questionnaire, "veerkracht-questionnaire.schema.json")


if __name__ == "__main__":
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
