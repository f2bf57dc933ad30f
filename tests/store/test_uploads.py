"""Uploaded questionnaires are kept per consultant, survive a new engine, and never change under an id."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from questionnaires import Questionnaire
from store.errors import InvalidInput, NotFound
from store.uploads import delete_uploaded_questionnaire, list_uploaded_questionnaires, save_uploaded_questionnaire
from tests.store.conftest import Consultant


def test_an_upload_is_kept_for_its_consultant_only(
    engine: Engine, alice: Consultant, bob: Consultant, questionnaire: Questionnaire
) -> None:
    assert save_uploaded_questionnaire(engine, alice.user_id, questionnaire, "  mine.yaml ") is True
    assert save_uploaded_questionnaire(engine, alice.user_id, questionnaire, "again.yaml") is False
    assert list_uploaded_questionnaires(engine, alice.user_id) == {("small-example", 1): questionnaire}
    assert list_uploaded_questionnaires(engine, bob.user_id) == {}


def test_other_content_under_a_stored_id_and_version_is_refused(
    engine: Engine, alice: Consultant, questionnaire: Questionnaire
) -> None:
    save_uploaded_questionnaire(engine, alice.user_id, questionnaire, "q.yaml")
    changed = questionnaire.model_copy(update={"provider": "Someone else"})
    with pytest.raises(InvalidInput) as refused:
        save_uploaded_questionnaire(engine, alice.user_id, changed, "q.yaml")
    assert str(refused.value) == (
        "'small-example' version 1 is already stored with other content; raise the version number"
    )
    newer = questionnaire.model_copy(update={"provider": "Someone else", "version": 2})
    assert save_uploaded_questionnaire(engine, alice.user_id, newer, "q2.yaml") is True
    assert sorted(list_uploaded_questionnaires(engine, alice.user_id)) == [("small-example", 1), ("small-example", 2)]


def test_delete_forgets_only_ones_own_upload(
    engine: Engine, alice: Consultant, bob: Consultant, questionnaire: Questionnaire
) -> None:
    save_uploaded_questionnaire(engine, bob.user_id, questionnaire, "q.yaml")
    with pytest.raises(NotFound):
        delete_uploaded_questionnaire(engine, alice.user_id, "small-example", 1)
    assert list(list_uploaded_questionnaires(engine, bob.user_id)) == [("small-example", 1)]
    delete_uploaded_questionnaire(engine, bob.user_id, "small-example", 1)
    assert list_uploaded_questionnaires(engine, bob.user_id) == {}
