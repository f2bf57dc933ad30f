"""The committed JSON Schema, the documented example and the CLI stay true to the code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from cli import main
from questionnaires import parse_questionnaire
from questionnaires.schema import MODELINE, SCHEMA_PATH, schema_text

ROOT = Path(__file__).parents[2]


def test_committed_schema_is_current() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "questionnaires/schema.json is stale: run `.venv/bin/python -m questionnaires.schema`"
    )


def test_installed_files_start_with_the_schema_modeline() -> None:
    for path in sorted((ROOT / "questionnaires").glob("*.yaml")):
        assert path.read_text(encoding="utf-8").splitlines()[0] == MODELINE, path.name


def test_documented_example_is_valid() -> None:
    doc = (ROOT / "docs" / "questionnaire-format.md").read_text(encoding="utf-8")
    (example,) = re.findall(r"```yaml\n(# yaml-language-server.*?)```", doc, flags=re.S)
    questionnaire = parse_questionnaire(example.encode("utf-8"), "docs/questionnaire-format.md")
    assert (questionnaire.id, questionnaire.question_count) == ("small-example", 3)


def test_every_model_field_is_documented() -> None:
    doc = (ROOT / "docs" / "questionnaire-format.md").read_text(encoding="utf-8")
    tree = ast.parse((ROOT / "questionnaires" / "models.py").read_text(encoding="utf-8"))
    fields = {
        node.target.id
        for cls in tree.body
        if isinstance(cls, ast.ClassDef)
        for node in cls.body
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id != "model_config"
    }
    undocumented = sorted(field for field in fields if f"`{field}`" not in doc)
    assert undocumented == []


def test_questionnaire_core_imports_no_framework() -> None:
    forbidden = {"streamlit", "sqlalchemy", "jinja2", "weasyprint", "plotly"}
    for path in (ROOT / "questionnaires").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {
            alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
        } | {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        assert not imported & forbidden, path.name


def test_validate_command_reports_ok(capsys, small_questionnaire_path) -> None:
    assert main(["validate", str(small_questionnaire_path)]) == 0
    assert capsys.readouterr().out == f"{small_questionnaire_path}: ok (small-example v1, 3 questions)\n"


def test_validate_command_reports_problems_and_exits_1(capsys, tmp_path, small_questionnaire_path) -> None:
    broken = tmp_path / "broken.yaml"
    text = small_questionnaire_path.read_text(encoding="utf-8").replace("weight: 2", "weight: -1")
    broken.write_text(text, encoding="utf-8")
    assert main(["validate", str(small_questionnaire_path), str(broken)]) == 1
    captured = capsys.readouterr()
    assert captured.out == f"{small_questionnaire_path}: ok (small-example v1, 3 questions)\n"
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "weight: -1" in row)
    assert captured.err == (
        f"{broken}:{line}: pillars[0].capabilities[0].questions[0].weight: must be greater than 0\n"
    )
