"""Pages are a thin shell: they call store, scoring and reports, and never talk SQL themselves."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py"))]


def _imports(path: Path) -> set[str]:
    """Modules imported at run time (imports under ``if TYPE_CHECKING:`` are only for type hints)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and isinstance(block.test, ast.Name) and block.test.id == "TYPE_CHECKING"
        for inner in block.body
        for node in ast.walk(inner)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_pages_do_not_use_the_database_directly() -> None:
    for path in SOURCES:
        database = {name for name in _imports(path) if name.startswith(("sqlalchemy", "sqlite3", "psycopg"))}
        assert database == set(), path.name
        internals = {name for name in _imports(path) if name in ("store.schema", "store.engine")}
        # Only the shared engine factory in common.py may open the database.
        assert internals <= ({"store.engine"} if path.name == "common.py" else set()), path.name


#: Pages that add a small fixed script with ``st.html`` (no typed text in it): the consultant session's
#: cookie (auth.py, the random key only) and the respond page's scroll-to-top and phone style.
FIXED_SCRIPTS = {"auth.py", "respond.py"}


def test_pages_do_not_render_html() -> None:
    for path in SOURCES:
        assert "unsafe_allow_html" not in path.read_text(encoding="utf-8"), path.name
        if path.name not in FIXED_SCRIPTS:
            assert "st.html(" not in path.read_text(encoding="utf-8"), path.name
