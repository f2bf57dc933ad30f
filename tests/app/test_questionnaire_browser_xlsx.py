"""Questionnaires page: an Excel workbook is uploaded like a YAML file, and its problems are listed by cell."""

from __future__ import annotations

import io

import openpyxl

from questionnaires.spreadsheet import questionnaire_xlsx
from store.uploads import list_uploaded_questionnaires
from tests.app.conftest import World, signed_in

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_an_uploaded_workbook_is_checked_and_stored(world: World) -> None:
    at = signed_in(world, "questionnaire_browser.py")
    uploader = at.file_uploader(key="browser_upload")
    assert ".xlsx" in uploader.allowed_type
    uploader.set_value(("small.xlsx", questionnaire_xlsx(world.questionnaire), XLSX)).run()
    assert not at.exception
    assert not at.error
    assert at.success[0].value.startswith(r"small\.xlsx was loaded and stored")
    assert list_uploaded_questionnaires(world.engine, world.user_id) == {("small-example", 1): world.questionnaire}


def test_the_problems_of_a_workbook_are_listed_with_their_cells_in_dutch(world: World) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(questionnaire_xlsx(world.questionnaire)))
    workbook["Questions"]["I2"] = "huge"
    content = io.BytesIO()
    workbook.save(content)
    at = signed_in(world, "questionnaire_browser.py", lang="nl")
    at.file_uploader(key="browser_upload").set_value(("broken.xlsx", content.getvalue(), XLSX)).run()
    assert not at.exception
    assert at.error[0].value == r"broken\.xlsx is niet geladen. Gevonden problemen: 1."
    assert at.code[0].value == (
        "broken.xlsx:Questions!I2: effort: moet een van deze waarden zijn: 'low', 'medium' or 'high'"
    )
    assert list_uploaded_questionnaires(world.engine, world.user_id) == {}
