"""Questionnaires in Excel workbooks: consultants write and review them in a spreadsheet.

``questionnaire_xlsx`` writes a questionnaire as a workbook;
``parse_xlsx_questionnaire`` reads one back through the same validation as a
YAML file (the models and ``questionnaires.validation``), reporting every
problem of the workbook at once as ``FILE:SHEET!CELL: COLUMN: MESSAGE`` with
the messages of the YAML loader. ``questionnaires.yaml_writer`` is the way
back to the file format the project keeps. Layout:
docs/questionnaire-format.md ("Writing a questionnaire in a spreadsheet").
"""

from __future__ import annotations

from pathlib import Path as FilePath

from questionnaires.loader import MAX_FILE_BYTES, validate_questionnaire
from questionnaires.models import Questionnaire
from questionnaires.problems import Problem, QuestionnaireError, message
from questionnaires.xlsx_cells import CellProblem, Located, cell_problem, problem_order
from questionnaires.xlsx_data import shown, workbook_data
from questionnaires.xlsx_reader import read_tables
from questionnaires.xlsx_writer import questionnaire_xlsx

__all__ = ["load_xlsx_questionnaire", "parse_xlsx_questionnaire", "questionnaire_xlsx"]


def load_xlsx_questionnaire(path: str | FilePath) -> Questionnaire:
    """Load and validate one workbook file, or raise ``QuestionnaireError``."""
    file_path = FilePath(path)
    try:
        size = file_path.stat().st_size
        if size > MAX_FILE_BYTES:
            size_text, limit = f"{size:,}", f"{MAX_FILE_BYTES:,}"
            raise QuestionnaireError([Problem(str(path), 0, (), message("too_big", size=size_text, limit=limit))])
        content = file_path.read_bytes()
    except OSError as error:
        raise QuestionnaireError([Problem(str(path), 0, (), message("cannot_read", reason=error.strerror))]) from None
    return parse_xlsx_questionnaire(content, str(path))


def parse_xlsx_questionnaire(content: bytes, name: str) -> Questionnaire:
    """A questionnaire from workbook bytes (an upload, or a file's content), or ``QuestionnaireError``."""
    tables, problems = read_tables(content, name)
    located = workbook_data(tables, name, problems)
    questionnaire = None
    try:
        questionnaire = validate_questionnaire(located.data, name)
    except QuestionnaireError as error:
        marked = {(p.sheet, p.cell) for p in problems if isinstance(p, CellProblem)}
        for problem in error.problems:
            placed = _at_cell(problem, located, name)
            # A cell already reported while reading (a formula, say) needs no second, derived problem.
            if not (isinstance(placed, CellProblem) and (placed.sheet, placed.cell) in marked):
                problems.append(placed)
    if problems or questionnaire is None:
        raise QuestionnaireError(sorted(problems, key=problem_order))
    return questionnaire


def _at_cell(problem: Problem, located: Located, name: str) -> Problem:
    """The validator's problem at the cell its value came from; "expected text" said in spreadsheet terms."""
    found = problem.message
    if problem.path in located.non_text:
        found = message("xlsx_text_expected", value=shown(located.non_text[problem.path]))
    place = located.cell_of(problem.path, found)
    if place is None:
        return Problem(name, problem.line, problem.path, found)
    cell, label = place
    return cell_problem(name, cell, found, problem.path, label)
