"""The tables of a questionnaire workbook as the plain data a YAML file would give, with the cell of every value.

The result goes through the same validation as YAML
(``questionnaires.loader.validate_questionnaire``); this module only decides
what belongs where: which row is which question, which capability a question
sits under, which column is which field. What only a workbook can get wrong
(an unknown column, a question row naming a capability that is not on the
Capabilities sheet, a question field that differs between the rows of one
question) is reported here, each at its cell.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from questionnaires.problems import Message, Problem, QuestionnaireError, message
from questionnaires.xlsx_cells import Cell, Located, cell_problem, problem_order
from questionnaires.xlsx_layout import (
    AUDIENCE_COLUMNS,
    AUDIENCES_SHEET,
    CAPABILITIES_SHEET,
    CAPABILITY_COLUMNS,
    CAPABILITY_LINK,
    COMPARISON_COLUMNS,
    COMPARISON_EARLIER_ID,
    COMPARISON_FIELD,
    COMPARISON_ID,
    COMPARISON_MAPPINGS,
    COMPARISON_VERSION,
    COMPARISONS_SHEET,
    FIELD_HEADER,
    HEADER_FIELDS,
    HEADER_SHEET,
    LEVEL_COLUMNS,
    PILLAR_COLUMNS,
    PILLAR_LINK,
    PILLARS_SHEET,
    QUESTION_COLUMNS,
    QUESTIONS_SHEET,
    REQUIRED_COLUMNS,
    SCALE_COLUMNS,
    SCALE_SHEET,
    SHEETS,
    VALUE_HEADER,
    Column,
    Shape,
    resolve_header,
    split_list,
)
from questionnaires.xlsx_reader import Table

Columns = dict[int, tuple[Column, str | None]]
#: Sheets a workbook may leave out: a questionnaire without earlier versions has nothing to compare,
#: one without audiences asks everyone everything.
OPTIONAL_SHEETS = frozenset({COMPARISONS_SHEET, AUDIENCES_SHEET})


class _Reading:
    """The problems found so far, for one workbook."""

    def __init__(self, name: str, problems: list[Problem]) -> None:
        self.name = name
        self.problems = problems

    def report(self, cell: Cell, found: Message) -> None:
        self.problems.append(cell_problem(self.name, cell, found))

    def text_id(self, table: Table, row: int, column: int | None, values: dict[int, Any]) -> str | None:
        """The id in a cell that places a row (its own id, or its pillar's or capability's), or None after a problem."""
        cell = table.cell(row, column) if column else Cell(table.sheet, row, 1, "")
        value = values.get(column) if column else None
        if value is None:
            self.report(cell, message("missing"))
            return None
        if not isinstance(value, str):
            self.report(cell, message("xlsx_text_expected", value=shown(value)))
            return None
        return value


def workbook_data(tables: dict[str, Table], name: str, problems: list[Problem]) -> Located:
    """Plain questionnaire data with its cells; ``problems`` receives what only a workbook can get wrong.

    Raises ``QuestionnaireError`` when a sheet or a column that places rows is
    missing: then nothing below it can be read with any meaning.
    """
    reading = _Reading(name, problems)
    for sheet in SHEETS:
        table = tables.get(sheet)
        if table is None:
            if sheet not in OPTIONAL_SHEETS:
                reading.report(Cell(sheet, 1, 1, ""), message("xlsx_sheet_missing", sheets=", ".join(SHEETS)))
            continue
        for required in REQUIRED_COLUMNS.get(sheet, ()):
            if required not in table.headers.values():
                reading.report(Cell(sheet, 1, 1, ""), message("xlsx_column_missing", column=required))
    if any(p.message.code in {"xlsx_sheet_missing", "xlsx_column_missing"} for p in problems):
        raise QuestionnaireError(sorted(problems, key=problem_order))

    root = _header(tables[HEADER_SHEET], reading)
    root.data.update(scale=[], pillars=[])
    root.at(("scale",), Cell(SCALE_SHEET, 1, 1, "scale"))
    scale = tables[SCALE_SHEET]
    columns = _columns(scale, SCALE_COLUMNS, reading)
    for number, values in scale.rows:
        level = _fields(_entries(scale, columns, number, values))
        level.at((), _row_cell(scale, number, values, "level"))
        root.attach("scale", level)
    if AUDIENCES_SHEET in tables:
        audiences = tables[AUDIENCES_SHEET]
        columns = _columns(audiences, AUDIENCE_COLUMNS, reading)
        if audiences.rows:
            root.data["audiences"] = []
            root.at(("audiences",), Cell(AUDIENCES_SHEET, 1, 1, "audiences"))
        for number, values in audiences.rows:
            audience = _fields(_entries(audiences, columns, number, values))
            audience.at((), _row_cell(audiences, number, values, "id"))
            root.attach("audiences", audience)
    _pillars(tables, root, reading)
    if COMPARISONS_SHEET in tables:
        _comparisons(tables[COMPARISONS_SHEET], root, reading)
    return root


def _header(table: Table, reading: _Reading) -> Located:
    """The header sheet: one row ``field | value`` per cell of the questionnaire's own fields."""
    by_name = {text: column for column, text in table.headers.items()}
    field_column, value_column = by_name[FIELD_HEADER], by_name[VALUE_HEADER]
    for column, text in table.headers.items():
        if text not in {FIELD_HEADER, VALUE_HEADER}:
            reading.report(table.cell(1, column), message("unknown_key"))
    seen: dict[str, Cell] = {}
    entries = []
    for number, values in table.rows:
        name = reading.text_id(table, number, field_column, values)
        if name is None:
            continue
        name = name.lower()
        resolved = resolve_header(name, HEADER_FIELDS)
        field_cell = table.cell(number, field_column)
        if resolved is None:
            reading.report(field_cell, message("unknown_key"))
        elif name in seen:
            reading.report(field_cell, message("xlsx_duplicate", key=name, cell=seen[name].coordinate))
        else:
            seen[name] = field_cell
            entries.append((*resolved, values.get(value_column), Cell(HEADER_SHEET, number, value_column, name)))
    root = _fields(entries)
    root.at((), Cell(HEADER_SHEET, 1, 1, ""))
    return root


def _pillars(tables: dict[str, Table], root: Located, reading: _Reading) -> None:
    """Pillars, their capabilities (Capabilities sheet) and questions (Questions sheet), in row order."""
    root.at(("pillars",), Cell(PILLARS_SHEET, 1, 1, "pillars"))
    sheet = tables[PILLARS_SHEET]
    columns = _columns(sheet, PILLAR_COLUMNS, reading)
    pillars: list[Located] = []
    pillar_ids: dict[str, Located] = {}
    for number, values in sheet.rows:
        pillar = _fields(_entries(sheet, columns, number, values), "capabilities")
        pillar.at((), _row_cell(sheet, number, values, "id"))
        pillars.append(pillar)
        if isinstance(pillar.data.get("id"), str):
            pillar_ids.setdefault(pillar.data["id"], pillar)

    sheet = tables[CAPABILITIES_SHEET]
    columns = _columns(sheet, (PILLAR_LINK, *CAPABILITY_COLUMNS), reading)
    link = _column_of(sheet, PILLAR_LINK.name)
    capabilities: list[tuple[Located, Located]] = []
    capability_ids: dict[str, tuple[Located, str | None]] = {}
    for number, values in sheet.rows:
        capability = _fields(_entries(sheet, columns, number, values, skip={link}), "questions")
        capability.at((), _row_cell(sheet, number, values, "id"))
        pillar_id = reading.text_id(sheet, number, link, values)
        if isinstance(capability.data.get("id"), str):  # known even when its pillar is not, so its questions are
            known = pillar_id if pillar_id in pillar_ids else None
            capability_ids.setdefault(capability.data["id"], (capability, known))
        if pillar_id is None:
            continue
        if pillar_id not in pillar_ids:
            reading.report(sheet.cell(number, link), message("xlsx_unknown_pillar", id=pillar_id))
            continue
        capabilities.append((pillar_ids[pillar_id], capability))

    _questions(tables[QUESTIONS_SHEET], capability_ids, reading)
    for pillar, capability in capabilities:
        pillar.attach("capabilities", capability)
    for pillar in pillars:
        root.attach("pillars", pillar)


@dataclass
class _Question:
    """The rows of one question: its first row carries the question's fields, every row one level."""

    row: int
    values: dict[int, Any]
    levels: list[Located] = field(default_factory=list)


def _questions(table: Table, capabilities: dict[str, tuple[Located, str | None]], reading: _Reading) -> None:
    question_side = (PILLAR_LINK, CAPABILITY_LINK, *QUESTION_COLUMNS)
    columns = _columns(table, (*question_side, *LEVEL_COLUMNS), reading)
    own = {index for index, (column, _) in columns.items() if column in QUESTION_COLUMNS}
    shared = {index for index, (column, _) in columns.items() if column in question_side}
    level_columns = {index: head for index, head in columns.items() if index not in shared}
    id_column = _column_of(table, "id")
    pillar_column, capability_column = _column_of(table, PILLAR_LINK.name), _column_of(table, CAPABILITY_LINK.name)
    level_column = _column_of(table, "level")
    questions: dict[str, _Question] = {}
    for number, values in table.rows:
        question_id = reading.text_id(table, number, id_column, values)
        if question_id is None:
            continue
        question = questions.get(question_id)
        if question is None:
            question = questions[question_id] = _Question(number, values)
        else:
            for index in sorted(shared - {id_column}):
                if values.get(index) is not None and values[index] != question.values.get(index):
                    reading.report(table.cell(number, index), message("xlsx_differs", row=question.row))
        level = _fields(_entries(table, level_columns, number, values))
        level.at((), table.cell(number, level_column or id_column))
        question.levels.append(level)

    for question in questions.values():
        number, values = question.row, question.values
        located = _fields(_entries(table, {i: columns[i] for i in sorted(own)}, number, values), "levels")
        located.at((), table.cell(number, id_column))
        located.at(("levels",), table.cell(number, level_column or id_column))
        for level in question.levels:
            located.attach("levels", level)
        capability_id = reading.text_id(table, number, capability_column, values)
        if capability_id is None:
            continue
        if capability_id not in capabilities:
            reading.report(table.cell(number, capability_column), message("xlsx_unknown_capability", id=capability_id))
            continue
        capability, pillar_id = capabilities[capability_id]
        named = values.get(pillar_column) if pillar_column else None
        if named is not None and pillar_id is not None and named != pillar_id:
            found = message("xlsx_other_pillar", capability=capability_id, pillar=pillar_id)
            reading.report(table.cell(number, pillar_column), found)
        capability.attach("questions", located)


def _comparisons(table: Table, root: Located, reading: _Reading) -> None:
    """Rows ``version | field | id | earlier_id``; the rows of one version form one comparison."""
    root.at(("comparable_with",), Cell(COMPARISONS_SHEET, 1, 1, "comparable_with"))
    _columns(table, COMPARISON_COLUMNS, reading)  # reports unknown columns; the four known ones are read by name
    version_column, field_column, id_column, earlier_column = (
        _column_of(table, column.name)
        for column in (COMPARISON_VERSION, COMPARISON_FIELD, COMPARISON_ID, COMPARISON_EARLIER_ID)
    )
    comparisons: dict[Any, Located] = {}
    for number, values in table.rows:
        version = values.get(version_column)
        if version is None:
            reading.report(table.cell(number, version_column), message("missing"))
            continue
        comparison = comparisons.get(version)
        if comparison is None:
            comparison = comparisons[version] = Located({"version": version})
            comparison.at((), table.cell(number, version_column))
            comparison.at(("version",), table.cell(number, version_column))
        if all(values.get(column) is None for column in (field_column, id_column, earlier_column)):
            continue  # a version compared on nothing yet
        mapping = values.get(field_column)
        if mapping not in COMPARISON_MAPPINGS:
            expected = ", ".join(f"'{name}'" for name in COMPARISON_MAPPINGS)
            found = message("missing") if mapping is None else message("one_of", expected=expected)
            reading.report(table.cell(number, field_column), found)
            continue
        this = reading.text_id(table, number, id_column, values)
        earlier = reading.text_id(table, number, earlier_column, values)
        if this is None or earlier is None:
            continue
        pairs = comparison.data.setdefault(mapping, {})
        if this in pairs:
            first = comparison.cells[(mapping, this)].coordinate
            reading.report(table.cell(number, id_column), message("xlsx_duplicate", key=this, cell=first))
            continue
        pairs[this] = earlier
        comparison.at((mapping, this), table.cell(number, id_column))
    for comparison in comparisons.values():
        root.attach("comparable_with", comparison)


def _columns(table: Table, columns: tuple[Column, ...], reading: _Reading) -> Columns:
    """The known columns of a sheet by position; unknown and repeated headers are reported and left out."""
    found: Columns = {}
    seen: dict[str, int] = {}
    for index, text in table.headers.items():
        resolved = resolve_header(text, columns)
        if resolved is None:
            reading.report(table.cell(1, index), message("unknown_key"))
        elif text in seen:
            first = table.cell(1, seen[text]).coordinate
            reading.report(table.cell(1, index), message("xlsx_duplicate", key=text, cell=first))
        else:
            seen[text] = index
            found[index] = resolved
    return found


def _column_of(table: Table, header: str) -> int | None:
    return next((index for index, text in table.headers.items() if text == header), None)


def _row_cell(table: Table, number: int, values: dict[int, Any], header: str) -> Cell:
    """The cell that stands for a whole row: its ``header`` cell, or its first filled cell."""
    column = _column_of(table, header) or min(values)
    return table.cell(number, column)


Entry = tuple[Column, str | None, Any, Cell]


def _entries(
    table: Table, columns: Columns, number: int, values: dict[int, Any], skip: Iterable[int | None] = ()
) -> list[Entry]:
    """Every known cell of a row, empty ones too: a problem about a missing value points at its empty cell."""
    skipped = set(skip)
    return [
        (column, key, values.get(index), table.cell(number, index))
        for index, (column, key) in columns.items()
        if index not in skipped
    ]


def _fields(entries: Iterable[Entry], children: str | None = None) -> Located:
    """Plain data for one model from its cells, shaped as the YAML loader would produce it.

    ``children`` names the list that rows of another sheet fill; it starts
    empty, so a pillar without capabilities "needs at least 1 item" as in YAML.
    """
    located = Located({children: []} if children else {})
    for column, key, value, cell in entries:
        path = (column.name,) if key is None else (column.name, key)
        located.at((column.name,), cell)
        located.at(path, cell)
        if column.keyed:
            located.data.setdefault(column.name, {})
        if value is None:
            continue
        if column.shape in {Shape.LIST, Shape.KEYED_LISTS}:
            items = split_list(value) if isinstance(value, str) else [value]
            for position, item in enumerate(items):
                located.at(path + (position,), cell)
                if not isinstance(item, str):
                    located.non_text[path + (position,)] = item
            value = items
        elif column.text and not isinstance(value, str):
            located.non_text[path] = value
        if key is None:
            located.data[column.name] = value
        else:
            located.data[column.name][key] = value
    return located


def shown(value: Any) -> str:
    """A cell value as a spreadsheet shows it, for messages."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
