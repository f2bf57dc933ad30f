"""Questionnaires page: preview of installed and uploaded questionnaires, the validator's problems."""

from __future__ import annotations

from store.uploads import save_uploaded_questionnaire
from tests.app.conftest import World, signed_in


def test_questionnaires_page_previews_an_uploaded_questionnaire(world: World) -> None:
    # Uploads are stored, not kept in the session: a fresh session (a refresh) still lists it.
    save_uploaded_questionnaire(world.engine, world.user_id, world.questionnaire, "small.yaml")
    at = signed_in(world, "questionnaire_browser.py")
    at.run()
    at.selectbox(key="browser_questionnaire").set_value(("small-example", 1)).run()
    assert not at.exception
    assert at.selectbox(key="browser_questionnaire").format_func(("small-example", 1)) == (
        "Small example questionnaire (v1) · uploaded"
    )
    assert [tab.label for tab in at.tabs] == ["People", "Process", "Technology"]
    assert [s.value for s in at.subheader] == ["Roles", "Exercises", "Back\\-up"]
    # Questions carry the number the results page uses, after the upload section and the scale.
    assert [e.label for e in at.expander[2:]] == [
        "1. How are roles in a major disruption assigned?",
        "2. How often does management take part in a tabletop exercise?",
        "3. Is there an offline or immutable back\\-up?",
    ]


def test_questionnaires_page_lists_the_validators_problems_with_lines(world: World) -> None:
    at = signed_in(world, "questionnaire_browser.py")
    problems = ["broken.yaml:7: pillars[0].capabilities: field required"]
    at.session_state["upload_problems"] = ("broken.yaml", problems)
    at.run()
    assert at.error[0].value == r"broken\.yaml was not loaded. Problems found: 1."  # escaped: a file name is typed text
    assert at.code[0].value == "broken.yaml:7: pillars[0].capabilities: field required"
