"""Set-up page: correct, export and erase a respondent; edit and erase the assessment (with confirmation)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from store import assessments, respondents
from store.errors import NotFound
from tests.app.conftest import World, signed_in


def test_correct_a_respondent(world: World) -> None:
    at = signed_in(world, "assessment_setup.py")
    first, second = world.respondent_ids
    assert at.selectbox(key="setup_manage_respondent").value == first
    assert at.text_input(key="setup_manage_name").value == "Anna"
    at.selectbox(key="setup_manage_respondent").set_value(second).run()
    assert at.text_input(key="setup_manage_role").value == "Director"
    at.text_input(key="setup_manage_name").input("Dirk")
    at.button(key="setup_manage_save").click().run()
    assert not at.exception
    assert at.success[0].value == "The respondent was saved."
    people = respondents.list_respondents(world.engine, world.user_id, world.assessment_id)
    assert [(p.role, p.name) for p in people] == [("IT manager", "Anna"), ("Director", "Dirk")]


def test_export_a_respondents_data(world: World) -> None:
    at = signed_in(world, "assessment_setup.py")
    assert at.get("download_button")  # one download button: the chosen respondent's data
    button = at.get("download_button")[0]
    assert button.proto.label == "Download their data (JSON)"
    from store.privacy import export_respondent

    exported = json.loads(export_respondent(world.engine, world.user_id, world.respondent_ids[0]))
    assert exported["respondent"]["name"] == "Anna"


def test_erasing_a_respondent_asks_first(world: World) -> None:
    at = signed_in(world, "assessment_setup.py")
    at.button(key="setup_manage_erase").click().run()
    assert at.warning[-1].value == "Erase this respondent and the 0 answers given for good? This cannot be undone."
    at.button(key="setup_erase_respondent_no").click().run()
    assert len(respondents.list_respondents(world.engine, world.user_id, world.assessment_id)) == 2
    at.button(key="setup_manage_erase").click().run()
    at.button(key="setup_erase_respondent_yes").click().run()
    assert not at.exception
    assert at.success[0].value == "The respondent and their answers were erased."
    assert [p.id for p in respondents.list_respondents(world.engine, world.user_id, world.assessment_id)] == [
        world.respondent_ids[1]
    ]
    assert respondents.respondent_for_token(world.engine, world.tokens[0]) is None
    assert at.selectbox(key="setup_manage_respondent").value == world.respondent_ids[1]


def test_edit_and_erase_the_assessment(world: World) -> None:
    at = signed_in(world, "assessment_setup.py", lang="nl")
    assert at.text_input(key="setup_edit_title").value == "Nulmeting"
    at.text_input(key="setup_edit_title").input("Nulmeting 2025")
    at.date_input(key="setup_edit_date").set_value(dt.date(2025, 3, 1))
    at.button(key="setup_edit_save").click().run()
    assert at.success[0].value == "Het assessment is opgeslagen."
    info = assessments.get_assessment(world.engine, world.user_id, world.assessment_id)
    assert (info.title, info.date) == ("Nulmeting 2025", dt.date(2025, 3, 1))
    at.button(key="setup_edit_erase").click().run()
    assert "2 respondenten" in at.warning[-1].value
    at.button(key="setup_erase_assessment_yes").click().run()
    assert not at.exception
    assert at.success[0].value == "Het assessment is verwijderd."
    assert "assessment_id" not in at.session_state or at.session_state["assessment_id"] != world.assessment_id
    with pytest.raises(NotFound):
        assessments.get_assessment(world.engine, world.user_id, world.assessment_id)
