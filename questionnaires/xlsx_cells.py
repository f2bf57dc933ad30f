"""Problems of a questionnaire workbook, located by sheet and cell: ``FILE:SHEET!CELL: COLUMN: MESSAGE``.

A workbook is validated as the plain data it holds, exactly like a YAML file,
so the validator names a place by its path in that data
(``pillars[0].capabilities[1].questions[2].effort``). ``Located`` keeps, for
each path, the cell its value came from, so every problem can point at the
cell a consultant has to change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from questionnaires.problems import Message, Path, Problem, format_location
from questionnaires.xlsx_layout import SHEETS


@dataclass(frozen=True)
class Cell:
    """Where a value was read: sheet, 1-based row and column, and the column's header (the field it holds)."""

    sheet: str
    row: int
    column: int
    label: str

    @property
    def coordinate(self) -> str:
        return f"{get_column_letter(self.column)}{self.row}"


@dataclass(frozen=True)
class CellProblem(Problem):
    """A problem in a workbook: the sheet and cell replace the line of a YAML problem."""

    sheet: str = ""
    cell: str = ""
    label: str = ""

    def text(self, language: str = "en") -> str:
        label = f" {self.label}:" if self.label else ""
        return f"{self.file}:{self.sheet}!{self.cell}:{label} {self.message.text(language)}"


def cell_problem(name: str, cell: Cell, found: Message, path: Path = (), label: str | None = None) -> CellProblem:
    label = cell.label if label is None else label
    return CellProblem(name, cell.row, path, found, sheet=cell.sheet, cell=cell.coordinate, label=label)


def problem_order(problem: Problem) -> tuple[int, int, int, str]:
    """Problems are listed sheet by sheet in workbook order, then row by row, then by column."""
    if not isinstance(problem, CellProblem):
        return (-1, problem.line, 0, "")
    sheet = SHEETS.index(problem.sheet) if problem.sheet in SHEETS else len(SHEETS)
    column = problem.cell.rstrip("0123456789")
    return (sheet, problem.line, len(column), column)


@dataclass
class Located:
    """Plain data for one model (a questionnaire, a pillar, a question level, …) and the cells it came from.

    Paths in ``cells`` are relative to this model; ``attach`` puts a child
    under a list field and moves its cells under the child's path. ``non_text``
    holds the paths of text fields whose cell held a number, date or truth
    value, so the validator's "expected text" can be said in spreadsheet terms.
    """

    data: dict[str, Any] = field(default_factory=dict)
    cells: dict[Path, Cell] = field(default_factory=dict)
    non_text: dict[Path, Any] = field(default_factory=dict)

    def at(self, path: Path, cell: Cell) -> None:
        """Record ``cell`` for ``path`` unless an earlier cell already stands for it."""
        self.cells.setdefault(path, cell)

    def attach(self, name: str, child: Located) -> None:
        items = self.data.setdefault(name, [])
        prefix: Path = (name, len(items))
        items.append(child.data)
        self.cells.update({prefix + path: cell for path, cell in child.cells.items()})
        self.non_text.update({prefix + path: value for path, value in child.non_text.items()})

    def cell_of(self, path: Path, found: Message) -> tuple[Cell, str] | None:
        """The cell a problem at ``path`` belongs to, and the label to print with it.

        A text missing in a language points at that language's cell; a path
        with no cell of its own (a missing field) at the nearest cell above it,
        labelled with the rest of the path (``effort``).
        """
        if found.code == "missing_text":
            languages = str(dict(found.params).get("languages", "")).split(", ")
            cell = self.cells.get(path + (languages[0],))
            if cell is not None:
                return cell, cell.label
        for end in range(len(path), -1, -1):
            cell = self.cells.get(path[:end])
            if cell is not None:
                return cell, cell.label if end == len(path) else format_location(path[end:])
        return None
