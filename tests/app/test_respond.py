"""The respond page: reached by link, every answer stored at once, restored on return."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError

from store import answers, respondents
from tests.app.conftest import World, app

ROLES = "people.roles.crisis-team"
EXERCISES = "process.exercises.tabletop"


def _ids(world: World) -> list[str]:
    return [q.id for q in world.questionnaire.questions()]


def _stored(world: World, index: int = 0) -> dict:
    access = respondents.respondent_for_token(world.engine, world.tokens[index])
    return {qid: stored.answer for qid, stored in access.answers.items()}


def _open(world: World, index: int = 0, **extra: str):
    at = app(token=world.tokens[index], lang="en", **extra)
    at.run()
    assert not at.exception
    return at


def test_unknown_and_revoked_links_get_a_plain_message_and_nothing_else(world: World) -> None:
    at = app(token="not-a-real-token", lang="en")
    at.run()
    assert [title.value for title in at.title] == ["This link does not work"]
    assert len(at.radio) == 0 and len(at.button) == 0 and len(at.sidebar) == 0
    respondents.revoke_link(world.engine, world.user_id, world.respondent_ids[0])
    at = _open(world)
    assert [title.value for title in at.title] == ["This link does not work"]
    assert len(at.radio) == 0


def test_a_level_is_saved_at_once_and_shown_as_saved(world: World) -> None:
    at = _open(world)
    assert at.title[0].value == "Gemeente Testdorp — Nulmeting"
    assert "0 of 3 questions answered" in at.get("progress")[0].proto.text
    at.radio(key=f"answer_{ROLES}").set_value(3).run()
    assert _stored(world)[ROLES].value == 3
    assert any(caption.value.startswith("✓ Saved at") for caption in at.caption)
    assert "1 of 3 questions answered" in at.get("progress")[0].proto.text


def test_not_applicable_is_saved_only_with_a_reason(world: World) -> None:
    at = _open(world)
    at.radio(key=f"answer_{ROLES}").set_value("na").run()
    assert ROLES not in _stored(world)
    assert "Not saved yet: give a reason why this does not apply and choose Save the reason." in [
        c.value for c in at.caption
    ]
    # A form without Enter-to-submit (no "Press Enter to apply" of Streamlit's own): saved with its button.
    at.text_input(key=f"reason_{ROLES}").input("We outsource all crisis roles.")
    at.button(key=f"FormSubmitter:reason_form_{ROLES}-Save the reason").click().run()
    stored = _stored(world)[ROLES]
    assert (stored.value, stored.reason) == ("na", "We outsource all crisis roles.")


def test_comment_and_evidence_are_saved_and_a_bad_link_is_refused(world: World) -> None:
    at = _open(world)
    at.radio(key=f"answer_{ROLES}").set_value("dont_know").run()
    assert not at.text_area  # drawn once its expander is opened
    at.session_state[f"comment_open_{ROLES}"] = True  # a click on "Comment and evidence"
    at.run()
    save = f"FormSubmitter:comment_form_{ROLES}-Save comment and link"
    at.text_area(key=f"comment_{ROLES}").input("Ask the facility manager.")
    at.text_input(key=f"evidence_{ROLES}").input("javascript:alert(1)")
    at.button(key=save).click().run()
    stored = _stored(world)[ROLES]
    assert (stored.value, stored.comment, stored.evidence) == ("dont_know", "Ask the facility manager.", None)
    assert "only links starting with http:// or https://" in at.warning[0].value
    at.text_input(key=f"evidence_{ROLES}").input("https://intranet.example.org/plan")
    at.button(key=save).click().run()
    assert str(_stored(world)[ROLES].evidence) == "https://intranet.example.org/plan"


def test_on_return_every_saved_answer_is_shown_and_the_page_opens_where_they_left_off(world: World) -> None:
    ids = _ids(world)
    answers.save_answer(world.engine, world.respondent_ids[0], ids[0], {"value": 4, "comment": "Signed list."}, 0)
    at = _open(world)  # a new session: another device, or a refresh
    # The first capability is complete, so the page opens at the second.
    assert at.radio(key="respond_capability").value == "process.exercises"
    assert at.header[0].value == "Process · Exercises"
    at.radio(key="respond_capability").set_value("people.roles").run()
    assert at.radio(key=f"answer_{ids[0]}").value == 4
    assert at.text_area(key=f"comment_{ids[0]}").value == "Signed list."
    assert "✓ Saved" in [caption.value for caption in at.caption]
    # A refresh keeps the place in the URL.
    assert at.query_params["at"] == "people.roles"
    again = _open(world, at="people.roles")
    assert again.header[0].value == "People · Roles"


def test_a_conflict_shows_the_newer_stored_answer(world: World) -> None:
    at = _open(world)
    # Another device saves first.
    answers.save_answer(world.engine, world.respondent_ids[0], ROLES, {"value": 5}, 0)
    at.radio(key=f"answer_{ROLES}").set_value(1).run()
    assert _stored(world)[ROLES].value == 5
    assert "changed elsewhere" in at.warning[0].value
    assert any("Stored answer: 5 · Roles are revised after every exercise" in text.value for text in at.text)
    at.button(key=f"take_{ROLES}").click().run()
    assert at.radio(key=f"answer_{ROLES}").value == 5
    at.radio(key=f"answer_{ROLES}").set_value(2).run()
    assert _stored(world)[ROLES].value == 2


def test_keep_mine_after_a_conflict_overwrites_the_stored_answer(world: World) -> None:
    at = _open(world)
    answers.save_answer(world.engine, world.respondent_ids[0], ROLES, {"value": 5}, 0)
    at.radio(key=f"answer_{ROLES}").set_value(1).run()
    at.button(key=f"keep_{ROLES}").click().run()
    assert _stored(world)[ROLES].value == 1


def test_a_failed_save_keeps_the_answer_on_screen_and_offers_a_retry(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open(world)

    def broken(*_args: object, **_kwargs: object) -> int:
        raise OperationalError("INSERT", {}, Exception("disk I/O error"))

    with monkeypatch.context() as patch:
        patch.setattr(answers, "save_answer", broken)
        at.radio(key=f"answer_{ROLES}").set_value(2).run()
    assert ROLES not in _stored(world)
    assert at.error[0].value == "Saving failed. Your answer is still on screen; please try again."
    assert at.radio(key=f"answer_{ROLES}").value == 2
    at.button(key=f"retry_{ROLES}").click().run()
    assert _stored(world)[ROLES].value == 2
    assert len(at.error) == 0


def test_moving_between_sections_and_finishing(world: World) -> None:
    at = _open(world)
    assert at.header[0].value == "People · Roles"
    at.button(key="respond_next").click().run()
    assert at.header[0].value == "Process · Exercises"
    at.button(key="respond_previous").click().run()
    assert at.header[0].value == "People · Roles"
    # Finishing with questions open lists them and asks first; nothing is finished yet.
    at.button(key="respond_finish").click().run()
    assert at.warning[0].value == "3 questions are not answered yet. Once you finish, they do not count."
    assert respondents.list_respondents(world.engine, world.user_id, world.assessment_id)[0].finished_at is None
    at.button(key="respond_keep_answering").click().run()
    assert len(at.warning) == 0 and at.button(key="respond_finish")
    at.button(key="respond_finish").click().run()
    at.button(key="respond_finish_anyway").click().run()
    assert at.success[0].value == "Thank you — your answers have been saved."
    # Finished early: the page does not say "you are done".
    assert at.markdown[-1].value == (
        "You finished with 3 questions unanswered; they do not count. "
        "While the assessment is open, you can still answer them with the same link."
    )
    assert respondents.list_respondents(world.engine, world.user_id, world.assessment_id)[0].finished_at is not None
    # Coming back later shows the thank-you, with a way back to the answers.
    again = _open(world)
    assert again.success[0].value == "Thank you — your answers have been saved."
    again.button(key="respond_review_button").click().run()
    assert len(again.radio) == 2


def test_the_page_speaks_dutch_by_default_and_switches_language(world: World) -> None:
    at = app(token=world.tokens[0])
    at.run()
    assert "0 van 3 vragen beantwoord" in at.get("progress")[0].proto.text
    assert "Niet van toepassing" in at.radio(key=f"answer_{ROLES}").options
    at.button_group(key="language_choice").set_value("en").run()
    assert "Not applicable" in at.radio(key=f"answer_{ROLES}").options
    assert at.query_params["lang"] == "en"


def test_typed_text_is_never_markup(world: World) -> None:
    from store import organisations

    organisations.update_organisation(world.engine, world.user_id, world.organisation_id, name="**Evil** [x](http://e)")
    at = _open(world)
    # Escaped for markdown: shown literally, no bold, no link.
    assert at.title[0].value == r"\*\*Evil\*\* \[x\]\(http\://e\) — Nulmeting"


def test_a_closed_assessment_shows_the_answers_but_takes_no_changes(world: World) -> None:
    from store import assessments

    answers.save_answer(world.engine, world.respondent_ids[0], ROLES, {"value": 3}, 0)
    assessments.update_assessment(world.engine, world.user_id, world.assessment_id, status="closed")
    at = _open(world, at="people.roles")
    assert at.info[0].value == "This assessment is closed; answers can no longer be changed."
    assert at.radio(key=f"answer_{ROLES}").value == 3
    assert at.radio(key=f"answer_{ROLES}").disabled
    assert at.button(key="respond_finish").disabled
    assert not any("finish later" in caption.value for caption in at.caption)


def test_finishing_with_every_question_answered_says_done(world: World) -> None:
    for qid in _ids(world):
        answers.save_answer(world.engine, world.respondent_ids[0], qid, {"value": 2}, 0)
    at = _open(world)
    at.button(key="respond_finish").click().run()
    assert at.markdown[-1].value == (
        "You are done. You may close this window. The consultant will discuss the results with your organisation."
    )


def _opened_at_top(at) -> int:
    """How many "open at the top" scripts the last run drew (0 or 1)."""
    return sum("scrollTop = 0" in element.proto.body for element in at.get("html"))


def test_each_move_opens_the_section_at_its_top_and_keeps_it_marked(world: World) -> None:
    at = _open(world)
    assert _opened_at_top(at) == 0  # the first opening is at the top anyway
    assert at.caption[0].value == "Section 1 of 3"
    at.button(key="respond_next").click().run()
    assert _opened_at_top(at) == 1 and at.caption[0].value == "Section 2 of 3"
    at.radio(key=f"answer_{EXERCISES}").set_value(2).run()
    assert _opened_at_top(at) == 0  # answering stays where it is
    at.button(key="respond_previous").click().run()
    assert _opened_at_top(at) == 1
    at.radio(key="respond_capability").set_value("process.exercises").run()  # a pick in the sidebar
    assert _opened_at_top(at) == 1 and at.header[0].value == "Process · Exercises"
    # The script is fixed: no answer, name or token of the respondent in it.
    body = next(element.proto.body for element in at.get("html") if "scrollTop" in element.proto.body)
    assert world.tokens[0] not in body and "Exercises" not in body
    # A language switch and a finished section keep the current section marked.
    at.button_group(key="language_choice").set_value("nl").run()
    assert at.radio(key="respond_capability").value == "process.exercises"
    assert at.header[0].value == "Proces · Oefenen"


def test_the_welcome_says_how_long_answering_takes(world: World) -> None:
    from app_pages.respond import minutes_to_answer
    from questionnaires.estimate import estimated_minutes

    questions = list(world.questionnaire.questions())
    minutes = minutes_to_answer(questions, "en")
    assert minutes >= 1 and minutes - 1 < estimated_minutes(questions, ["en"]) <= minutes
    at = _open(world)
    assert f"Allow about {minutes} min. for 3 questions." in [m.value for m in at.markdown]
    answers.save_answer(world.engine, world.respondent_ids[0], ROLES, {"value": 2}, 0)
    assert not any("Allow about" in m.value for m in _open(world).markdown)  # the welcome is for the start


def test_finish_with_open_questions_lists_them(world: World) -> None:
    answers.save_answer(world.engine, world.respondent_ids[0], ROLES, {"value": 2}, 0)
    at = _open(world)
    at.button(key="respond_finish").click().run()
    listed = at.markdown[-1].value
    assert listed.count("\n- ") == 1 and listed.startswith("- 2\\. ")
    assert "(Process · Exercises)" in listed and "Roles" not in listed


def test_levels_are_named_first_with_their_description_below(world: World) -> None:
    at = _open(world)
    radio = at.radio(key=f"answer_{ROLES}")
    assert all(option.startswith("**") and option.endswith("**") for option in radio.options[:-2])
    assert radio.proto.captions[-2:] == ["", ""] and all(radio.proto.captions[:-2])


def test_a_folded_comment_is_kept_when_the_level_changes(world: World) -> None:
    at = _open(world)
    at.radio(key=f"answer_{ROLES}").set_value(2).run()
    at.session_state[f"comment_open_{ROLES}"] = True
    at.run()
    at.text_area(key=f"comment_{ROLES}").input("Signed by the board.")
    at.button(key=f"FormSubmitter:comment_form_{ROLES}-Save comment and link").click().run()
    at.session_state[f"comment_open_{ROLES}"] = False  # folded again: the fields are not drawn
    at.run()
    at.run()
    at.radio(key=f"answer_{ROLES}").set_value(3).run()
    stored = _stored(world)[ROLES]
    assert (stored.value, stored.comment) == (3, "Signed by the board.")
