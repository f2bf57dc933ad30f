"""scoring/ is pure: no UI, database, templating, PDF or file I/O modules."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

SCORING = Path(__file__).resolve().parents[2] / "scoring"
FORBIDDEN = {
    "streamlit",
    "sqlalchemy",
    "jinja2",
    "weasyprint",
    "alembic",
    "psycopg",
    "openpyxl",
    "plotly",
    "kaleido",
    "yaml",
    "io",
    "os",
    "shutil",
    "pathlib",
    "tempfile",
    "store",
    "reports",
    "app_pages",
    "i18n",
    "assessments",
}


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_no_forbidden_imports_in_source() -> None:
    files = sorted(SCORING.glob("*.py"))
    assert len(files) >= 9
    for path in files:
        assert not imported_modules(path) & FORBIDDEN, path.name


def test_no_file_access_calls() -> None:
    for path in SCORING.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = {
            node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
        }
        assert not calls & {"open", "read_text", "read_bytes", "write_text", "write_bytes"}, (
            path.name
        )


#: Layers ``import scoring`` must not load, checked in ``sys.modules`` of a fresh interpreter (the
#: standard library's io, os and pathlib are loaded by Python itself, so only the source test covers them).
NOT_LOADED = (FORBIDDEN - {"io", "os", "shutil", "pathlib", "tempfile"}) | {"babel"}


def test_importing_scoring_loads_no_heavy_layers() -> None:
    """What ``import scoring`` really loads: of the project only scoring and the questionnaire models."""
    code = (
        "import sys, json, scoring, scoring.benchmark, scoring.trend, scoring.lenses, scoring.roadmap;"
        "print(json.dumps(sorted(sys.modules)))"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(output.stdout))
    assert sorted(name for name in loaded if name.split(".")[0] in NOT_LOADED or name in NOT_LOADED) == []
    project = {name for name in loaded if name.split(".")[0] in ("questionnaires", "assessments", "i18n")}
    assert project == {"questionnaires", "questionnaires.models"}
