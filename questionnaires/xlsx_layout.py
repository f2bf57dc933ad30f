"""Where each field of a questionnaire lives in a spreadsheet: sheets, columns and how a cell holds a value.

Consultants write and review questionnaires in Excel; the workbook carries
exactly what the YAML file carries. The writer (``xlsx_writer``) and the
reader (``xlsx_data``) both work from the tables below rather than from a list
of fields of their own, and ``CARRIED_FIELDS`` is compared with the models by
a test, so a field added to ``questionnaires.models`` fails that test until it
has a place here. The layout is documented in docs/questionnaire-format.md
("Writing a questionnaire in a spreadsheet").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from pydantic import BaseModel

from questionnaires.models import (
    Audience,
    Capability,
    Comparison,
    Pillar,
    Question,
    QuestionLevel,
    Questionnaire,
    ScaleLevel,
)


class Shape(Enum):
    """How a model field is spread over cells."""

    VALUE = "value"  #: one cell, header ``name``
    LIST = "list"  #: one cell, header ``name``; items separated by ``;`` or line breaks
    LOCALIZED = "localized"  #: one cell per language, headers ``name.nl``, ``name.en``
    KEYED_VALUES = "keyed values"  #: one cell per key, headers ``name.KEY``, each a value (targets)
    KEYED_LISTS = "keyed lists"  #: one cell per key, headers ``name.KEY``, each a list (references)


@dataclass(frozen=True)
class Column:
    """One model field as it appears in a sheet; ``text`` is False for numbers."""

    name: str
    shape: Shape = Shape.VALUE
    text: bool = True

    @property
    def keyed(self) -> bool:
        return self.shape in {Shape.LOCALIZED, Shape.KEYED_VALUES, Shape.KEYED_LISTS}


HEADER_SHEET = "Questionnaire"
SCALE_SHEET = "Scale"
PILLARS_SHEET = "Pillars"
CAPABILITIES_SHEET = "Capabilities"
QUESTIONS_SHEET = "Questions"
COMPARISONS_SHEET = "Comparisons"
AUDIENCES_SHEET = "Audiences"
#: In the order the writer creates them and problems are listed.
SHEETS = (
    HEADER_SHEET, SCALE_SHEET, AUDIENCES_SHEET, PILLARS_SHEET, CAPABILITIES_SHEET, QUESTIONS_SHEET, COMPARISONS_SHEET
)

#: The header sheet is a list of rows ``field | value`` rather than a table.
FIELD_HEADER, VALUE_HEADER = "field", "value"
HEADER_FIELDS = (
    Column("id"),
    Column("version", text=False),
    Column("languages", Shape.LIST),
    Column("provider"),
    Column("licence"),
    Column("title", Shape.LOCALIZED),
    Column("description", Shape.LOCALIZED),
    Column("targets", Shape.KEYED_VALUES, text=False),
)
SCALE_COLUMNS = (
    Column("level", text=False),
    Column("name", Shape.LOCALIZED),
    Column("description", Shape.LOCALIZED),
)
AUDIENCE_COLUMNS = (Column("id"), Column("name", Shape.LOCALIZED))
PILLAR_COLUMNS = (Column("id"), Column("name", Shape.LOCALIZED), Column("description", Shape.LOCALIZED))
#: A capability row names its pillar; a question row its pillar and capability.
PILLAR_LINK, CAPABILITY_LINK = Column("pillar"), Column("capability")
CAPABILITY_COLUMNS = PILLAR_COLUMNS
QUESTION_COLUMNS = (
    Column("id"),
    Column("text", Shape.LOCALIZED),
    Column("help", Shape.LOCALIZED),
    Column("weight", text=False),
    Column("effort"),
    Column("impact"),
    Column("prerequisites", Shape.LIST),
    Column("references", Shape.KEYED_LISTS),
    Column("audiences", Shape.LIST),
)
LEVEL_COLUMNS = (
    Column("level", text=False),
    Column("descriptor", Shape.LOCALIZED),
    Column("guidance", Shape.LOCALIZED),
)
#: One row per mapped id: ``version | field | id | earlier_id``; ``field`` names the mapping.
COMPARISON_VERSION = Column("version", text=False)
COMPARISON_FIELD, COMPARISON_ID, COMPARISON_EARLIER_ID = Column("field"), Column("id"), Column("earlier_id")
COMPARISON_COLUMNS = (COMPARISON_VERSION, COMPARISON_FIELD, COMPARISON_ID, COMPARISON_EARLIER_ID)
COMPARISON_MAPPINGS = ("questions", "capabilities")

#: Columns a sheet cannot be read without: they say which row belongs where.
REQUIRED_COLUMNS = {
    HEADER_SHEET: (FIELD_HEADER, VALUE_HEADER),
    AUDIENCES_SHEET: ("id",),
    PILLARS_SHEET: ("id",),
    CAPABILITIES_SHEET: (PILLAR_LINK.name, "id"),
    QUESTIONS_SHEET: ("id", CAPABILITY_LINK.name),
    COMPARISONS_SHEET: tuple(column.name for column in COMPARISON_COLUMNS),
}


def _names(columns: tuple[Column, ...]) -> frozenset[str]:
    return frozenset(column.name for column in columns)


#: Every model field the workbook carries, per model: a sheet's columns, or (lists of models) a sheet of its own.
CARRIED_FIELDS: dict[type[BaseModel], frozenset[str]] = {
    Questionnaire: _names(HEADER_FIELDS) | {"scale", "audiences", "pillars", "comparable_with"},
    Audience: _names(AUDIENCE_COLUMNS),
    ScaleLevel: _names(SCALE_COLUMNS),
    Pillar: _names(PILLAR_COLUMNS) | {"capabilities"},
    Capability: _names(CAPABILITY_COLUMNS) | {"questions"},
    Question: _names(QUESTION_COLUMNS) | {"levels"},
    QuestionLevel: _names(LEVEL_COLUMNS),
    Comparison: frozenset({COMPARISON_VERSION.name, *COMPARISON_MAPPINGS}),
}

LIST_SEPARATOR = "; "
_LIST_SPLIT = re.compile(r"[;\n]")


def header(column: Column, key: str | None = None) -> str:
    """``text`` or ``text.nl``: the column header (or header-sheet field) of one cell of ``column``."""
    return column.name if key is None else f"{column.name}.{key}"


def resolve_header(text: str, columns: tuple[Column, ...]) -> tuple[Column, str | None] | None:
    """The column and key a header names (``references.nist-csf-2.0`` → references, ``nist-csf-2.0``), or None."""
    name, dot, key = text.partition(".")
    for column in columns:
        if column.name == name and bool(dot) == column.keyed and (not dot or key):
            return column, key if dot else None
    return None


def split_list(text: str) -> list[str]:
    """The items of a list cell; empty items (a trailing ``;``) are left out."""
    return [item.strip() for item in _LIST_SPLIT.split(text) if item.strip()]
