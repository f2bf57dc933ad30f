"""A questionnaire as an Excel workbook, laid out as ``questionnaires.xlsx_layout`` says.

The workbook is for people: a header row in bold that stays in view, filters,
wrapped texts, and every text cell formatted as Text so that Excel keeps
``8.10`` or ``21(2)(c)`` as typed instead of turning it into a number or a
date. Text is always stored as text, never as a formula, even when it starts
with ``=``. On the questions sheet each row is one level of a question; the
ids are on every row (so filters and sorting keep rows recognisable), the
question's other fields on its first row only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import BaseModel

from questionnaires.models import Questionnaire
from questionnaires.xlsx_layout import (
    AUDIENCE_COLUMNS,
    AUDIENCES_SHEET,
    CAPABILITIES_SHEET,
    CAPABILITY_COLUMNS,
    CAPABILITY_LINK,
    COMPARISON_COLUMNS,
    COMPARISON_MAPPINGS,
    COMPARISONS_SHEET,
    FIELD_HEADER,
    HEADER_FIELDS,
    HEADER_SHEET,
    LEVEL_COLUMNS,
    LIST_SEPARATOR,
    PILLAR_COLUMNS,
    PILLAR_LINK,
    PILLARS_SHEET,
    QUESTION_COLUMNS,
    QUESTIONS_SHEET,
    SCALE_COLUMNS,
    SCALE_SHEET,
    VALUE_HEADER,
    Column,
    Shape,
    header,
)

Head = tuple[Column, str | None]
TEXT_FORMAT = "@"
_WRAPPED = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")


def questionnaire_xlsx(questionnaire: Questionnaire) -> bytes:
    """The workbook as bytes; ``xlsx_data`` reads it back into an equal questionnaire."""
    workbook = Workbook()
    _header_sheet(workbook.active, questionnaire)
    languages = questionnaire.languages
    scale = workbook.create_sheet(SCALE_SHEET)
    heads = _heads(SCALE_COLUMNS, questionnaire.scale, languages)
    _table(scale, heads, [_cells(heads, level) for level in questionnaire.scale])

    if questionnaire.audiences:  # a questionnaire without audiences keeps the workbook it always had
        audiences = workbook.create_sheet(AUDIENCES_SHEET)
        heads = _heads(AUDIENCE_COLUMNS, questionnaire.audiences, languages)
        _table(audiences, heads, [_cells(heads, audience) for audience in questionnaire.audiences])

    pillars = workbook.create_sheet(PILLARS_SHEET)
    heads = _heads(PILLAR_COLUMNS, questionnaire.pillars, languages)
    _table(pillars, heads, [_cells(heads, pillar) for pillar in questionnaire.pillars])

    capabilities = [(pillar, capability) for pillar in questionnaire.pillars for capability in pillar.capabilities]
    sheet = workbook.create_sheet(CAPABILITIES_SHEET)
    heads = [(PILLAR_LINK, None), *_heads(CAPABILITY_COLUMNS, [c for _, c in capabilities], languages)]
    rows = [{(PILLAR_LINK, None): pillar.id, **_cells(heads, capability)} for pillar, capability in capabilities]
    _table(sheet, heads, rows, frozen="C2")

    _questions_sheet(workbook.create_sheet(QUESTIONS_SHEET), questionnaire)
    _comparisons_sheet(workbook.create_sheet(COMPARISONS_SHEET), questionnaire)
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def _heads(columns: Sequence[Column], models: Iterable[BaseModel], languages: Sequence[str]) -> list[Head]:
    """One header per cell: per language for texts, per key in use for keyed fields (in order of first use)."""
    models = list(models)
    heads: list[Head] = []
    for column in columns:
        if column.shape is Shape.LOCALIZED:
            heads += [(column, language) for language in languages]
        elif column.keyed:
            keys = dict.fromkeys(key for model in models for key in getattr(model, column.name))
            heads += [(column, key) for key in keys]
        else:
            heads.append((column, None))
    return heads


def _cells(heads: Sequence[Head], model: BaseModel) -> dict[Head, Any]:
    """The values of ``model`` for the heads that are its fields (others are skipped)."""
    fields = type(model).model_fields
    cells: dict[Head, Any] = {}
    for column, key in heads:
        if column.name in fields:
            cells[(column, key)] = _value(column, key, getattr(model, column.name))
    return cells


def _value(column: Column, key: str | None, value: Any) -> Any:
    if key is not None:
        value = value.get(key)
    if column.shape in {Shape.LIST, Shape.KEYED_LISTS}:
        return LIST_SEPARATOR.join(value or ()) or None
    return value


def _questions_sheet(sheet: Worksheet, questionnaire: Questionnaire) -> None:
    index = questionnaire.question_index().values()
    questions = [question for _, _, question in index]
    levels = [level for question in questions for level in question.levels]
    links: list[Head] = [(PILLAR_LINK, None), (CAPABILITY_LINK, None)]
    question_heads = _heads(QUESTION_COLUMNS, questions, questionnaire.languages)
    if not questionnaire.audiences:
        question_heads = [head for head in question_heads if head[0].name != "audiences"]
    level_heads = _heads(LEVEL_COLUMNS, levels, questionnaire.languages)
    id_head = question_heads[0]
    rows = []
    for pillar, capability, question in index:
        for number, level in enumerate(question.levels):
            row = {(PILLAR_LINK, None): pillar.id, (CAPABILITY_LINK, None): capability.id}
            row.update(_cells(question_heads, question) if number == 0 else {id_head: question.id})
            row.update(_cells(level_heads, level))
            rows.append(row)
    _table(sheet, [*links, *question_heads, *level_heads], rows, frozen="D2")


def _comparisons_sheet(sheet: Worksheet, questionnaire: Questionnaire) -> None:
    version, field, this, earlier = ((column, None) for column in COMPARISON_COLUMNS)
    rows: list[dict[Head, Any]] = []
    for comparison in questionnaire.comparable_with:
        mapped = [
            {version: comparison.version, field: name, this: key, earlier: value}
            for name in COMPARISON_MAPPINGS
            for key, value in getattr(comparison, name).items()
        ]
        rows += mapped or [{version: comparison.version}]
    _table(sheet, [version, field, this, earlier], rows)


def _header_sheet(sheet: Worksheet, questionnaire: Questionnaire) -> None:
    """Rows ``field | value``: one row per cell the header's fields need."""
    sheet.title = HEADER_SHEET
    heads = _heads(HEADER_FIELDS, [questionnaire], questionnaire.languages)
    _write_row(sheet, 1, [FIELD_HEADER, VALUE_HEADER], bold=True)
    for row, (head, value) in enumerate(_cells(heads, questionnaire).items(), start=2):
        column, key = head
        sheet.cell(row, 1, header(column, key))
        _write(sheet.cell(row, 2), value, column)
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 90
    sheet.freeze_panes = "A2"


def _table(sheet: Worksheet, heads: Sequence[Head], rows: Sequence[dict[Head, Any]], frozen: str = "B2") -> None:
    _write_row(sheet, 1, [header(column, key) for column, key in heads], bold=True)
    for number, row in enumerate(rows, start=2):
        for position, head in enumerate(heads, start=1):
            _write(sheet.cell(number, position), row.get(head), head[0])
    for position, (column, _) in enumerate(heads, start=1):
        dimension = sheet.column_dimensions[get_column_letter(position)]
        dimension.width = 48 if column.shape is Shape.LOCALIZED else 10 if not column.text else 26
        if column.text:
            dimension.number_format = TEXT_FORMAT
    sheet.freeze_panes = frozen
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(heads), 1))}{max(len(rows) + 1, 2)}"


def _write_row(sheet: Worksheet, number: int, values: Sequence[str], bold: bool = False) -> None:
    for position, value in enumerate(values, start=1):
        cell = sheet.cell(number, position, value)
        cell.font = Font(bold=bold)


def _write(cell: Any, value: Any, column: Column) -> None:
    if column.text:
        cell.number_format = TEXT_FORMAT
    cell.alignment = _WRAPPED if column.shape is Shape.LOCALIZED else _TOP
    if value is None:
        return
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # text that starts with "=" stays text, never a formula
