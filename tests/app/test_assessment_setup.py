"""Assessment set-up: questionnaire, targets, status, respondents with links shown once, revoke."""

from __future__ import annotations

from store import assessments, respondents
from store.uploads import save_uploaded_questionnaire
from tests.app.conftest import World, signed_in


def test_create_an_assessment_from_an_uploaded_questionnaire(world: World) -> None:
    save_uploaded_questionnaire(world.engine, world.user_id, world.questionnaire, "small.yaml")
    at = signed_in(world, "assessment_setup.py")
    at.run()
    at.selectbox(key="setup_new_questionnaire").set_value(("small-example", 1))
    at.text_input(key="setup_new_title").input("Herhaalmeting")
    at.button(key="setup_create").click().run()
    assert not at.exception
    found = assessments.list_assessments(world.engine, world.user_id, world.organisation_id)
    assert [(a.title, a.status, a.questionnaire_id) for a in found] == [
        ("Nulmeting", "open", "small-example"),
        ("Herhaalmeting", "open", "small-example"),
    ]
    assert at.session_state["assessment_id"] == found[1].id
    assert at.success[0].value.startswith("The assessment was created")


def test_targets_per_pillar_are_stored(world: World) -> None:
    at = signed_in(world, "assessment_setup.py")
    assert at.select_slider(key="setup_target_technology").value == 4.0  # the questionnaire's default
    at.select_slider(key="setup_target_people").set_value(3.5)
    at.button(key="setup_save_targets").click().run()
    stored = assessments.get_assessment(world.engine, world.user_id, world.assessment_id).targets.pillars
    assert stored == {"people": 3.5, "process": 3.0, "technology": 4.0}


def test_targets_are_written_by_the_formatter(world: World) -> None:
    at = signed_in(world, "assessment_setup.py", lang="nl")
    slider = at.select_slider(key="setup_target_people")
    assert slider.format_func(3.0) == "3,0"


def test_a_new_respondent_link_is_shown_once_and_works(world: World) -> None:
    at = signed_in(world, "assessment_setup.py")
    at.text_input(key="setup_respondent_role").input("CISO")
    at.text_input(key="setup_respondent_name").input("Bram")
    next(button for button in at.button if button.label == "Add respondent").click().run()
    links = [code.value for code in at.code]
    assert len(links) == 1 and links[0].startswith("?token=")
    token = links[0].removeprefix("?token=")
    access = respondents.respondent_for_token(world.engine, token)
    assert (access.role, access.name) == ("CISO", "Bram")
    at.button(key="setup_links_copied").click().run()
    assert len(at.code) == 0


def test_revoke_stops_the_link_and_a_new_link_works(world: World) -> None:
    at = signed_in(world, "assessment_setup.py")
    first = world.respondent_ids[0]
    # What each button does to the old link is said before it is pressed.
    assert at.button(key=f"setup_reissue_{first}").help == (
        "Makes a new personal link; the old one stops working. The answers are kept."
    )
    at.button(key=f"setup_revoke_{first}").click().run()
    assert respondents.respondent_for_token(world.engine, world.tokens[0]) is None
    assert at.success[0].value == "The link was revoked; the answers are kept."
    at.button(key=f"setup_reissue_{first}").click().run()
    token = at.code[0].value.removeprefix("?token=")
    assert respondents.respondent_for_token(world.engine, token).respondent_id == first
    assert respondents.respondent_for_token(world.engine, world.tokens[0]) is None


def test_closing_the_assessment_is_stored(world: World) -> None:
    at = signed_in(world, "assessment_setup.py")
    at.button_group(key="setup_status").set_value("closed").run()
    # Two respondents have not finished: closing asks first, naming them, and nothing changes yet.
    assert assessments.get_assessment(world.engine, world.user_id, world.assessment_id).status == "open"
    assert "2 respondents have not finished" in at.warning[0].value
    assert at.button_group(key="setup_status").value == "open"
    at.button(key="setup_close_yes").click().run()
    assert assessments.get_assessment(world.engine, world.user_id, world.assessment_id).status == "closed"
    assert at.success[0].value == "Status saved: closed."
    # Clicking the chosen status again un-chooses it in the widget: the stored status stays and shows.
    at.button_group(key="setup_status").set_value(None).run()
    assert assessments.get_assessment(world.engine, world.user_id, world.assessment_id).status == "closed"
    assert at.button_group(key="setup_status").value == "closed"


def test_a_new_assessment_starts_on_the_newest_version(world: World) -> None:
    """Version 1 of the default questionnaire stays installed for old assessments; new ones start on version 2."""
    at = signed_in(world, "assessment_setup.py")
    box = at.selectbox(key="setup_new_questionnaire")
    labels = [option for option in box.options if "(v" in option]
    assert labels[:2] == [box.format_func(("digital-resilience", 2)), box.format_func(("digital-resilience", 1))]
    assert at.selectbox(key="setup_new_questionnaire").value == ("digital-resilience", 2)
