"""Answers stored by question key (migration 0008), with nothing lost on the way (issue 14).

Runs on SQLite and PostgreSQL (the store fixtures).
"""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, func, inspect, select, text

from questionnaires import load_questionnaire
from questionnaires.registry import DEFAULT_QUESTIONNAIRE
from scoring.assessment import Answer
from store import answers, assessments, respondents, workshop
from store.engine import reading
from store.errors import InvalidInput
from store.migrate import current_revision, head_revision, upgrade
from store.schema import answers as answers_table
from store.schema import question_keys
from tests.store.test_questionnaire_texts import _downgrade, _exports, demo_on_both_versions


def test_answers_move_to_question_keys_with_every_export_unchanged(engine: Engine, questionnaire) -> None:
    current, baseline, demo, user = demo_on_both_versions(engine, 3, 11)
    own = demo.assessment_ids[1]
    workshop.set_agreed_answer(engine, user, own, next(iter(current.question_index())), 3, "Agreed")
    small = assessments.create_assessment(
        engine, user, assessments.get_assessment(engine, user, own).organisation_id, questionnaire, status="open"
    )
    person = respondents.add_respondent(engine, user, small.id, "CISO").respondent
    first, second = [q.id for q in questionnaire.questions()][:2]
    answers.save_answer(engine, person.id, first, Answer(value="na", reason="Geen ICT"), 0)
    answers.save_answer(engine, person.id, second, Answer(value=2, comment="Zie \u201cplan\u201d"), 0)
    answers.save_answer(engine, person.id, second, Answer(value=3, comment="Bijgewerkt"), 1)
    ids = [*demo.assessment_ids, small.id]
    before = _exports(engine, user, ids)
    with reading(engine) as connection:
        count = connection.execute(select(func.count()).select_from(answers_table)).scalar_one()

    # The previous schema (0007): each answer with its question id as text and a row id.
    _downgrade(engine, "0007")
    assert current_revision(engine) == "0007"
    with engine.connect() as connection:
        assert "question_keys" not in inspect(connection).get_table_names()
        columns = {column["name"] for column in inspect(connection).get_columns("answers")}
        assert {"id", "question_id"} <= columns
        assert connection.execute(text("SELECT count(*) FROM answers")).scalar_one() == count

    upgrade(engine)
    assert current_revision(engine) == head_revision()
    assert _exports(engine, user, ids) == before
    with reading(engine) as connection:
        columns = {column["name"] for column in inspect(connection).get_columns("answers")}
        assert "question_id" not in columns and "id" not in columns
        assert connection.execute(select(func.count()).select_from(answers_table)).scalar_one() == count
        keys = connection.execute(select(func.count()).select_from(question_keys)).scalar_one()
    # Every question of the three texts (version 1, version 2, the small one) numbered once.
    assert keys == sum(len(list(q.questions())) for q in (baseline, current, questionnaire))
    # Autosave goes on where it was: the stored version is kept.
    assert answers.save_answer(engine, person.id, second, Answer(value=4), 2) == 3


def test_an_answer_to_a_question_of_another_questionnaire_is_refused(engine: Engine, alice, questionnaire) -> None:
    current = load_questionnaire(DEFAULT_QUESTIONNAIRE)
    # The default questionnaire's keys exist in this database too, but not for alice's assessment.
    other = assessments.create_assessment(engine, alice.user_id, alice.organisation_id, current)
    assert other.id != alice.assessment_id
    foreign = next(iter(current.question_index()))
    with pytest.raises(InvalidInput, match=foreign):
        answers.save_answer(engine, alice.respondent_id, foreign, Answer(value=2), 0)
    with reading(engine) as connection:
        assert connection.execute(select(func.count()).select_from(answers_table)).scalar_one() == 0
