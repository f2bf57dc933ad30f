"""The Excel form of a questionnaire: a lossless round trip, every model field carried, problems at their cells."""

from __future__ import annotations

import io
import types
import typing
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pydantic import BaseModel

from questionnaires import Questionnaire, QuestionnaireError, load_questionnaire, parse_questionnaire
from questionnaires.loader import MAX_FILE_BYTES
from questionnaires.registry import installed_questionnaires
from questionnaires.schema import MODELINE
from questionnaires.spreadsheet import parse_xlsx_questionnaire, questionnaire_xlsx
from questionnaires.xlsx_layout import CARRIED_FIELDS
from questionnaires.xlsx_reader import MAX_COLUMNS, MAX_ROWS, MAX_UNPACKED_BYTES
from questionnaires.yaml_writer import checked_questionnaire_yaml

SMALL = Path(__file__).parents[1] / "fixtures" / "small-questionnaire.yaml"


def small() -> Questionnaire:
    return load_questionnaire(SMALL)


def richest() -> Questionnaire:
    """The small questionnaire with the optional fields it leaves empty filled: comparisons, guidance at level 0."""
    data = small().model_dump(mode="json")
    data["version"] = 2
    data["comparable_with"] = [
        {
            "version": 1,
            "questions": {"people.roles.crisis-team": "people.roles.crisis-team"},
            "capabilities": {"process.exercises": "process.tabletop"},
        }
    ]
    level0 = data["pillars"][2]["capabilities"][0]["questions"][0]["levels"][0]
    level0["guidance"] = {"en": "Nothing to do yet.", "nl": "Nog niets te doen."}
    data["pillars"][0]["capabilities"][0]["questions"][0]["help"]["en"] = "Two lines:\nthe second one."
    return Questionnaire.model_validate(data)


def problems_of(content: bytes, name: str = "q.xlsx") -> list[str]:
    with pytest.raises(QuestionnaireError) as caught:
        parse_xlsx_questionnaire(content, name)
    return [str(problem) for problem in caught.value.problems]


def edited(questionnaire: Questionnaire, edit: Any) -> bytes:
    """The workbook of ``questionnaire`` after ``edit(workbook)``, as Excel would save it."""
    workbook = openpyxl.load_workbook(io.BytesIO(questionnaire_xlsx(questionnaire)))
    edit(workbook)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def column(sheet: Any, header: str) -> str:
    return next(cell.column_letter for cell in sheet[1] if cell.value == header)


# The round trip


def test_small_questionnaire_survives_the_round_trip() -> None:
    assert parse_xlsx_questionnaire(questionnaire_xlsx(small()), "small.xlsx") == small()


def test_every_optional_field_survives_the_round_trip() -> None:
    questionnaire = richest()
    assert questionnaire.comparable_with and questionnaire.pillars[2].capabilities[0].questions[0].levels[0].guidance
    assert parse_xlsx_questionnaire(questionnaire_xlsx(questionnaire), "rich.xlsx") == questionnaire


@pytest.mark.parametrize("key", sorted(installed_questionnaires()), ids=lambda key: f"{key[0]}-v{key[1]}")
def test_every_installed_questionnaire_survives_the_round_trip(key: tuple[str, int]) -> None:
    questionnaire = installed_questionnaires()[key]
    content = questionnaire_xlsx(questionnaire)
    assert len(content) < MAX_FILE_BYTES / 4  # room to grow below the upload limit
    assert parse_xlsx_questionnaire(content, "installed.xlsx") == questionnaire


def test_yaml_written_from_a_workbook_starts_with_the_modeline_and_loads_equal() -> None:
    questionnaire = richest()
    text = checked_questionnaire_yaml(parse_xlsx_questionnaire(questionnaire_xlsx(questionnaire), "q.xlsx"), "q.yaml")
    assert text.splitlines()[0] == MODELINE
    assert parse_questionnaire(text.encode("utf-8"), "q.yaml") == questionnaire
    assert 'text: {nl: "Hoe zijn de rollen bij een grote verstoring belegd?"' in text  # texts quoted, on one line


def test_text_that_looks_like_a_formula_or_a_number_stays_text() -> None:
    data = small().model_dump(mode="json")
    data["provider"] = "=HYPERLINK(\"http://example.org\")"
    data["pillars"][0]["capabilities"][0]["questions"][0]["references"]["internal-policy"] = ["5.10", "2024-01-02"]
    questionnaire = Questionnaire.model_validate(data)
    assert parse_xlsx_questionnaire(questionnaire_xlsx(questionnaire), "q.xlsx") == questionnaire


def model_classes(model: type[BaseModel]) -> set[type[BaseModel]]:
    """``model`` and every model its fields hold, however deeply nested in tuples and dicts."""
    found = {model}

    def walk(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation not in found:
                found.update(model_classes(annotation))
        for argument in typing.get_args(annotation):
            walk(argument)
        if isinstance(annotation, types.UnionType):
            for argument in annotation.__args__:
                walk(argument)

    for info in model.model_fields.values():
        walk(info.annotation)
    return found


def test_the_workbook_carries_every_field_of_every_model() -> None:
    # A field added to questionnaires/models.py fails here until questionnaires/xlsx_layout.py gives it a place.
    models = model_classes(Questionnaire)
    assert set(CARRIED_FIELDS) == models
    assert {model.__name__: set(model.model_fields) for model in models} == {
        model.__name__: set(CARRIED_FIELDS[model]) for model in models
    }


# Problems, each at its sheet and cell


def test_an_effort_of_huge_is_reported_at_its_cell() -> None:
    def edit(workbook: Any) -> None:
        sheet = workbook["Questions"]
        sheet[f"{column(sheet, 'effort')}2"] = "huge"

    assert problems_of(edited(small(), edit)) == [
        "q.xlsx:Questions!I2: effort: must be one of: 'low', 'medium' or 'high'"
    ]


def test_a_missing_dutch_text_is_reported_at_its_cell() -> None:
    def edit(workbook: Any) -> None:
        sheet = workbook["Questions"]
        sheet[f"{column(sheet, 'text.nl')}8"] = None  # the second question's first row
        workbook["Scale"]["B3"] = "   "

    assert problems_of(edited(small(), edit)) == [
        "q.xlsx:Scale!B3: name.nl: missing text in nl",
        "q.xlsx:Questions!D8: text.nl: missing text in nl",
    ]


def test_a_level_out_of_range_is_reported_at_its_cell() -> None:
    def edit(workbook: Any) -> None:
        sheet = workbook["Questions"]
        sheet[f"{column(sheet, 'level')}14"] = 7

    assert problems_of(edited(small(), edit)) == ["q.xlsx:Questions!P14: level: must be at most 5"]


def test_all_problems_of_a_workbook_are_reported_at_once_in_sheet_order() -> None:
    def edit(workbook: Any) -> None:
        questions = workbook["Questions"]
        questions[f"{column(questions, 'weight')}2"] = "=1+1"
        questions[f"{column(questions, 'references.iso-22301')}2"] = 5.3
        questions[f"{column(questions, 'capability')}9"] = "people.roles"
        questions[f"{column(questions, 'effort')}8"] = "huge"
        questions["Z30"] = "a note without a header"
        workbook["Pillars"]["E1"] = "colour"
        workbook["Questionnaire"]["A20"] = "titel.nl"

    assert problems_of(edited(small(), edit)) == [
        "q.xlsx:Questionnaire!A20: field: unknown key (check the spelling against docs/questionnaire-format.md)",
        "q.xlsx:Pillars!E1: colour: unknown key (check the spelling against docs/questionnaire-format.md)",
        "q.xlsx:Questions!H2: weight: formulas are not read; type the value itself",
        "q.xlsx:Questions!M2: references.iso-22301: expected text, but the cell holds 5.3; "
        "format the cell as Text and type the value again",
        "q.xlsx:Questions!I8: effort: must be one of: 'low', 'medium' or 'high'",
        "q.xlsx:Questions!B9: capability: differs from row 8, this question's first row, "
        "where the question's fields are read",
        "q.xlsx:Questions!Z30: this column has no header in row 1, so its values are not read",
    ]


def test_rows_that_do_not_fit_together_are_reported() -> None:
    def edit(workbook: Any) -> None:
        workbook["Capabilities"]["A3"] = "proces"  # no such pillar
        questions = workbook["Questions"]
        for row in range(2, 8):  # every row of the first question
            questions[f"{column(questions, 'pillar')}{row}"] = "process"
        for row in range(14, 20):  # every row of the third
            questions[f"{column(questions, 'capability')}{row}"] = "technology.backups"
        workbook["Comparisons"].append([1, "questions", "people.roles.crisis-team", "people.roles.crisis-team"])
        workbook["Comparisons"].append([1, "questions", "people.roles.crisis-team", "people.roles.other"])

    assert problems_of(edited(small(), edit)) == [
        "q.xlsx:Pillars!A3: capabilities: needs at least 1 item(s)",
        "q.xlsx:Capabilities!A3: pillar: the Pillars sheet has no pillar with the id 'proces'",
        "q.xlsx:Capabilities!B4: questions: needs at least 1 item(s)",
        "q.xlsx:Questions!A2: pillar: capability 'people.roles' belongs to pillar 'people' on the Capabilities sheet",
        "q.xlsx:Questions!B14: capability: the Capabilities sheet has no capability with the id 'technology.backups'",
        "q.xlsx:Comparisons!C3: id: 'people.roles.crisis-team' is already there, in cell C2",
    ]


def test_whole_file_checks_run_as_for_yaml() -> None:
    def edit(workbook: Any) -> None:
        header = workbook["Questionnaire"]
        header.append(["targets.money", 3])
        questions = workbook["Questions"]
        questions[f"{column(questions, 'prerequisites')}2"] = "nope.x; technology.backup.offline"
        workbook["Comparisons"].append([1, "capabilities", "people.nope", "people.roles"])

    assert problems_of(edited(small(), edit)) == [
        "q.xlsx:Questionnaire!B14: targets.money: no pillar has the id 'money'",
        "q.xlsx:Questions!K2: prerequisites: unknown question id 'nope.x'",
        "q.xlsx:Comparisons!A2: version: version 1 is not older than this version, 1",
        "q.xlsx:Comparisons!C2: id: this version has no capability with the id 'people.nope'",
    ]


def test_problems_are_shown_in_dutch_on_the_upload_page() -> None:
    def edit(workbook: Any) -> None:
        sheet = workbook["Questions"]
        sheet[f"{column(sheet, 'effort')}2"] = "huge"

    with pytest.raises(QuestionnaireError) as caught:
        parse_xlsx_questionnaire(edited(small(), edit), "q.xlsx")
    assert [problem.text("nl") for problem in caught.value.problems] == [
        "q.xlsx:Questions!I2: effort: moet een van deze waarden zijn: 'low', 'medium' or 'high'"
    ]


def test_a_missing_sheet_or_placing_column_stops_the_reading() -> None:
    def edit(workbook: Any) -> None:
        del workbook["Scale"]
        workbook["Questions"]["C1"] = "question"

    assert problems_of(edited(small(), edit)) == [
        "q.xlsx:Scale!A1: this sheet is missing; a questionnaire workbook has the sheets "
        "Questionnaire, Scale, Audiences, Pillars, Capabilities, Questions, Comparisons",
        "q.xlsx:Questions!A1: the column 'id' is missing from row 1",
    ]


def test_the_comparisons_sheet_may_be_left_out() -> None:
    content = edited(small(), lambda workbook: workbook.remove(workbook["Comparisons"]))
    assert parse_xlsx_questionnaire(content, "q.xlsx") == small()


# Files that are not (safe) workbooks


@pytest.mark.parametrize(
    "content",
    [b"id: small-example\n", b"PK\x03\x04 broken zip", b"", None],
    ids=["yaml", "broken zip", "empty", "zip without a workbook"],
)
def test_a_file_that_is_not_a_workbook_is_refused_plainly(content: bytes | None) -> None:
    if content is None:
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w") as writer:
            writer.writestr("notes.txt", "hello")
        content = archive.getvalue()
    assert problems_of(content) == [
        "q.xlsx:0: (document): this is not an Excel workbook (.xlsx); save the file as .xlsx from Excel or LibreOffice"
    ]


def test_a_file_over_the_size_limit_is_refused_before_reading() -> None:
    assert problems_of(b"PK" + b"\0" * MAX_FILE_BYTES) == [
        f"q.xlsx:0: (document): file is {MAX_FILE_BYTES + 2:,} bytes; the limit is 1,048,576 (1 MB)"
    ]


def test_a_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as writer:
        writer.writestr("xl/worksheets/sheet1.xml", b"\0" * (MAX_UNPACKED_BYTES + 1))
    assert len(archive.getvalue()) < MAX_FILE_BYTES
    assert problems_of(archive.getvalue()) == [
        f"q.xlsx:0: (document): the workbook unpacks to {MAX_UNPACKED_BYTES + 1:,} bytes; "
        f"the limit is {MAX_UNPACKED_BYTES:,}"
    ]


@pytest.mark.parametrize("where", ["column", "row"])
def test_a_cell_far_out_stops_the_reading_of_its_sheet(where: str) -> None:
    def edit(workbook: Any) -> None:
        sheet = workbook["Pillars"]
        if where == "column":
            sheet.cell(2, MAX_COLUMNS + 1, "far")
        else:
            sheet.cell(MAX_ROWS + 1, 1, "far")

    assert problems_of(edited(small(), edit)) == [
        f"q.xlsx:Pillars!A1: the sheet uses more than {MAX_ROWS:,} rows or {MAX_COLUMNS} columns"
    ]
