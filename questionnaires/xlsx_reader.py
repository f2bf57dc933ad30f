"""The sheets of an uploaded workbook as tables of plain cell values, read as hostile input.

A workbook is a zip of XML files, so a small upload can unpack to a great
deal: the reader refuses a file over the YAML size limit, refuses an archive
whose contents would unpack beyond ``MAX_UNPACKED_BYTES`` before openpyxl
opens it, streams each sheet (openpyxl's read-only mode) and stops at a cell
beyond ``MAX_ROWS`` × ``MAX_COLUMNS`` (present cells, even empty ones, count:
that keeps the time spent on a crafted sheet small). Formulas are never evaluated and their
cached results never trusted: a formula cell is reported, so what the file
says is what was typed. Anything openpyxl cannot read is "not a workbook".
"""

from __future__ import annotations

import warnings
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from openpyxl import load_workbook
from openpyxl.cell.read_only import EMPTY_CELL

from questionnaires.loader import MAX_FILE_BYTES
from questionnaires.problems import Problem, QuestionnaireError, message
from questionnaires.xlsx_cells import Cell, cell_problem
from questionnaires.xlsx_layout import SHEETS

#: What the archive may unpack to: many times a real questionnaire, far below what would strain memory.
MAX_UNPACKED_BYTES = 10 * 1024 * 1024
#: A questionnaire of 54 questions and 6 levels fills 325 rows of the questions sheet.
MAX_ROWS = 10_000
MAX_COLUMNS = 200


@dataclass
class Table:
    """One sheet: the headers of row 1 (lower case) and the non-empty cells of the rows below, by column."""

    sheet: str
    headers: dict[int, str] = field(default_factory=dict)
    rows: list[tuple[int, dict[int, Any]]] = field(default_factory=list)

    def cell(self, row: int, column: int) -> Cell:
        return Cell(self.sheet, row, column, self.headers.get(column, ""))


def read_tables(content: bytes, name: str) -> tuple[dict[str, Table], list[Problem]]:
    """Every sheet of ``SHEETS`` that exists, and the problems met while reading cells.

    Raises ``QuestionnaireError`` when the file is no readable workbook at all.
    """
    _check_archive(content, name)
    problems: list[Problem] = []
    tables: dict[str, Table] = {}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about Excel features it drops; none carry content
            workbook = load_workbook(BytesIO(content), read_only=True, data_only=False, keep_links=False)
            try:
                for sheet in SHEETS:
                    if sheet in workbook.sheetnames:
                        tables[sheet] = _read_sheet(workbook[sheet], sheet, name, problems)
            finally:
                workbook.close()
    except QuestionnaireError:
        raise
    except Exception:  # any failure of the parser on hostile input means the same to the consultant
        raise QuestionnaireError([Problem(name, 0, (), message("xlsx_not_workbook"))]) from None
    return tables, problems


def _check_archive(content: bytes, name: str) -> None:
    if len(content) > MAX_FILE_BYTES:
        size, limit = f"{len(content):,}", f"{MAX_FILE_BYTES:,}"
        raise QuestionnaireError([Problem(name, 0, (), message("too_big", size=size, limit=limit))])
    try:
        with zipfile.ZipFile(BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise QuestionnaireError([Problem(name, 0, (), message("xlsx_not_workbook"))]) from None
    if unpacked > MAX_UNPACKED_BYTES:
        size, limit = f"{unpacked:,}", f"{MAX_UNPACKED_BYTES:,}"
        raise QuestionnaireError([Problem(name, 0, (), message("xlsx_unpacked_too_big", size=size, limit=limit))])


def _read_sheet(worksheet: Any, sheet: str, name: str, problems: list[Problem]) -> Table:
    table = Table(sheet)
    worksheet.reset_dimensions()  # the stored size may lie; read what is there
    unlabelled: set[int] = set()
    for number, row in enumerate(worksheet.iter_rows(), start=1):
        if len(row) > MAX_COLUMNS or (number > MAX_ROWS and any(cell is not EMPTY_CELL for cell in row)):
            limits = {"rows": f"{MAX_ROWS:,}", "columns": MAX_COLUMNS}
            found = message("xlsx_sheet_too_large", **limits)
            raise QuestionnaireError([*problems, cell_problem(name, Cell(sheet, 1, 1, ""), found)])
        values: dict[int, Any] = {}
        for column, cell in enumerate(row, start=1):
            if cell.data_type == "f":
                problems.append(cell_problem(name, table.cell(number, column), message("xlsx_formula")))
                continue
            value = cell.value.strip() if isinstance(cell.value, str) else cell.value
            if value is None or value == "":
                continue
            if number == 1:
                table.headers[column] = str(value).lower()
            elif column not in table.headers:
                if column not in unlabelled:
                    unlabelled.add(column)
                    problems.append(cell_problem(name, table.cell(number, column), message("xlsx_no_header")))
            else:
                values[column] = value
        if number > 1 and values:
            table.rows.append((number, values))
    return table
