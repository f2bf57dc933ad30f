"""Each questionnaire text stored once (migration 0005), with nothing lost on the way (issue 14).

Runs on SQLite and PostgreSQL (the store fixtures).
"""

from __future__ import annotations

import json

from sqlalchemy import Engine, func, inspect, select, text

from questionnaires import installed_questionnaires, load_questionnaire
from questionnaires.registry import DEFAULT_QUESTIONNAIRE
from scoring.assessment import RoadmapEdit
from store import assessments, organisations, respondents, roadmap, transfer, workshop
from store.demo import create_demo
from store.engine import reading
from store.migrate import current_revision, head_revision, upgrade
from store.schema import assessments as assessments_table
from store.schema import questionnaire_texts
from store.users import find_user


def _downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    from store.migrate import alembic_config

    config = alembic_config()
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            connection.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
        connection.invalidate()


def _exports(engine: Engine, user_id: int, ids: list[int]) -> dict[int, str]:
    return {assessment_id: transfer.export_assessment(engine, user_id, assessment_id) for assessment_id in ids}


def demo_on_both_versions(engine: Engine, organisations: int, seed: int):
    """Demo organisations whose first assessment used version 1 of the default questionnaire and
    whose second used version 2: ``(version 2, version 1, the demo, the demo consultant's id)``."""
    current = load_questionnaire(DEFAULT_QUESTIONNAIRE)
    baseline = installed_questionnaires()[(current.id, current.version - 1)]
    demo = create_demo(engine, organisations, current, seed=seed, baseline=baseline)
    return current, baseline, demo, find_user(engine, demo.email).id


def test_a_database_of_the_previous_schema_migrates_with_every_export_unchanged(engine: Engine, questionnaire) -> None:
    current, baseline, demo, user = demo_on_both_versions(engine, 4, 5)
    # Workshop data, roadmap edits and a third questionnaire, so the export carries everything.
    own = demo.assessment_ids[1]
    workshop.set_agreed_answer(engine, user, own, next(iter(current.question_index())), 4, "Agreed")
    person = respondents.list_respondents(engine, user, own)[0]
    respondents.update_respondent(engine, user, person.id, audiences=("ict",))
    step = next(iter(assessments_steps(engine, user, own)))
    roadmap.set_roadmap_edit(engine, user, own, step, RoadmapEdit(owner="CISO", horizon="now", status="open"))
    org = organisations.create_organisation(engine, user, "Small", "care", "1-49")
    small = assessments.create_assessment(engine, user, org.id, questionnaire, title="Small one", status="open")
    ids = [*demo.assessment_ids, small.id]
    before = _exports(engine, user, ids)

    # The previous schema (0004): every assessment with its own copy of the text.
    _downgrade(engine, "0004")
    assert current_revision(engine) == "0004"
    with engine.connect() as connection:
        assert "questionnaire_texts" not in inspect(connection).get_table_names()
        copies = connection.execute(text("SELECT id, questionnaire_json FROM assessments")).all()
    assert len(copies) == len(ids)
    assert {json.loads(row.questionnaire_json)["version"] for row in copies} == {1, 2}

    upgrade(engine)
    assert current_revision(engine) == head_revision()
    assert _exports(engine, user, ids) == before
    with reading(engine) as connection:
        stored = connection.execute(
            select(questionnaire_texts.c.questionnaire_id, questionnaire_texts.c.questionnaire_version)
        ).all()
        pinned = connection.execute(
            select(func.count(func.distinct(assessments_table.c.questionnaire_text_id)))
        ).scalar_one()
    # Three texts (version 1, version 2, the small questionnaire), each stored once, all referenced.
    assert sorted(stored) == sorted([(current.id, 1), (current.id, 2), (questionnaire.id, questionnaire.version)])
    assert pinned == 3


def assessments_steps(engine: Engine, user: int, assessment_id: int) -> list[str]:
    from scoring import score_assessment

    document, pinned = assessments.assessment_document(engine, user, assessment_id)
    return [step.key for step in score_assessment(document, pinned).roadmap]


def test_new_assessments_share_the_stored_text(engine: Engine, questionnaire) -> None:
    current, baseline, demo, user = demo_on_both_versions(engine, 6, 8)
    with reading(engine) as connection:
        texts = connection.execute(select(func.count()).select_from(questionnaire_texts)).scalar_one()
    assert texts == 2  # 12 assessments on two versions: each version's text once
    assert assessments.pinned_questionnaire(engine, user, demo.assessment_ids[0]) == baseline
    assert assessments.pinned_questionnaire(engine, user, demo.assessment_ids[1]) == current
