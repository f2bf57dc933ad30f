"""The JSON Schema of the questionnaire format, generated from the models.

Editors that understand the ``yaml-language-server`` modeline at the top of
each questionnaire file validate against ``schema.json`` while you type. The
file is committed; ``tests/questionnaires/test_schema.py`` fails when it is
stale, and ``python -m questionnaires.schema`` rewrites it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from questionnaires.models import Questionnaire
from questionnaires.references import known_frameworks, known_references

SCHEMA_PATH = Path(__file__).with_name("schema.json")
MODELINE = "# yaml-language-server: $schema=schema.json"


def json_schema_text(
    model: type[BaseModel], schema_id: str, extend: Callable[[dict[str, Any]], None] | None = None
) -> str:
    """A model's JSON Schema as stable text: sorted keys, so a regenerated file only differs by real changes.

    ``extend`` may add what the model cannot say by itself (data read from files).
    """
    schema = model.model_json_schema()
    if extend:
        extend(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = schema_id
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def with_reference_lists(schema: dict[str, Any]) -> None:
    """List the valid ids of each known framework, so an editor refuses a wrong one while it is typed."""
    references = schema["$defs"]["Question"]["properties"]["references"]
    references["description"] = (
        "Framework key to the ids cited. Under "
        + ", ".join(known_frameworks())
        + " only the ids listed in questionnaires/frameworks/<key>.yaml are valid (docs/frameworks.md);"
        " under any other key, ids are not checked."
    )
    references["properties"] = {
        framework: {"items": {"enum": list(known_references(framework))}, "type": "array"}
        for framework in known_frameworks()
    }


def schema_text() -> str:
    return json_schema_text(Questionnaire, "veerkracht-questionnaire.schema.json", with_reference_lists)


if __name__ == "__main__":
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
