"""scoring/ is pure: no UI, database, templating, PDF or file I/O modules."""

from __future__ import annotations

import ast
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


def test_importing_scoring_loads_no_heavy_layers() -> None:
    code = (
        "import sys, scoring, scoring.benchmark, scoring.trend, scoring.lenses, scoring.roadmap;"
        "bad = [m for m in ('streamlit', 'sqlalchemy', 'jinja2', 'weasyprint', 'plotly', 'store', 'reports')"
        " if m in sys.modules]; print(bad)"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert output.stdout.strip() == "[]"
