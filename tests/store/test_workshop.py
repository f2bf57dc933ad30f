"""Audiences of respondents and agreed answers in the store: set, read, export, import (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine

from assessments import assessment_to_json, load_assessment_file
from questionnaires import load_questionnaire
from scoring import score_assessment
from store import respondents, workshop
from store.assessments import assessment_document
from store.errors import InvalidInput
from store.transfer import export_assessment, import_assessment
from tests.store.conftest import Consultant

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PLAN = "process.plans.continuity-plan"


def _worked_file() -> bytes:
    questionnaire = load_questionnaire(FIXTURES / "worked-example.yaml")
    assessment, _ = load_assessment_file(
        FIXTURES / "worked-example.json", {(questionnaire.id, questionnaire.version): questionnaire}
    )
    return assessment_to_json(assessment, questionnaire).encode()


def _without_ids(text: str) -> dict:
    data = json.loads(text)
    for respondent in data["respondents"]:
        respondent.pop("id")
    return data


def test_export_import_export_keeps_audiences_and_agreed_answers(
    engine: Engine, alice: Consultant, bob: Consultant
) -> None:
    imported = import_assessment(engine, alice.user_id, _worked_file(), "worked.json", installed={})
    first = export_assessment(engine, alice.user_id, imported.id)
    data = json.loads(first)
    assert [r.get("audiences") for r in data["respondents"]] == [None, ["ict"], ["management"]]
    assert data["agreed"][PLAN]["value"] == 2
    assert data["agreed"][PLAN]["by"] == "consultant@example.org"
    assert data["agreed"][PLAN]["rationale"].startswith("The plan is approved")
    again = import_assessment(engine, bob.user_id, first.encode(), "alice.json", installed={})
    second = export_assessment(engine, bob.user_id, again.id)
    assert _without_ids(second) == _without_ids(first)
    document, questionnaire = assessment_document(engine, bob.user_id, again.id)
    result = score_assessment(document, questionnaire)
    assert round(result.overall, 2) == 2.17  # the worked example of docs/scoring.md
    assert [g.id for g in result.perception_gaps] == ["process", "process.plans"]


def test_the_consultant_records_and_undoes_an_agreed_answer(engine: Engine, alice: Consultant) -> None:
    imported = import_assessment(engine, alice.user_id, _worked_file(), "worked.json", installed={})
    agreed = workshop.set_agreed_answer(
        engine,
        alice.user_id,
        imported.id,
        "people.roles.deputies",
        2,
        "Deputies exist for two of three roles.",
        by="alice@example.org",
    )
    assert agreed.at is not None and agreed.by == "alice@example.org"
    stored = workshop.get_agreed_answers(engine, alice.user_id, imported.id)
    assert sorted(stored) == ["people.roles.deputies", PLAN]
    workshop.set_agreed_answer(engine, alice.user_id, imported.id, PLAN, "na", "Out of scope.", reason="Parent runs it")
    assert workshop.get_agreed_answers(engine, alice.user_id, imported.id)[PLAN].value == "na"
    workshop.delete_agreed_answer(engine, alice.user_id, imported.id, PLAN)
    assert list(workshop.get_agreed_answers(engine, alice.user_id, imported.id)) == ["people.roles.deputies"]
    with pytest.raises(InvalidInput):
        workshop.set_agreed_answer(engine, alice.user_id, imported.id, "people.roles.ghost", 2, "x")
    with pytest.raises(InvalidInput):
        workshop.set_agreed_answer(engine, alice.user_id, imported.id, PLAN, "na", "no reason given")
    with pytest.raises(InvalidInput):
        workshop.set_agreed_answer(engine, alice.user_id, imported.id, PLAN, 3, "  ")


def test_a_respondent_added_with_audiences_gets_only_their_questions(engine: Engine, alice: Consultant) -> None:
    imported = import_assessment(engine, alice.user_id, _worked_file(), "worked.json", installed={})
    new = respondents.add_respondent(engine, alice.user_id, imported.id, "ICT lead", audiences=("ict",))
    assert new.respondent.audiences == ("ict",)
    access = respondents.respondent_for_token(engine, new.token)
    assert access is not None and access.audiences == ("ict",)
    assert len(access.questions()) == 6
    info = respondents.update_respondent(engine, alice.user_id, new.respondent.id, audiences=("management",))
    assert info.audiences == ("management",)
    access = respondents.respondent_for_token(engine, new.token)
    assert [q.id for q in access.questions()] == [
        "people.roles.crisis-lead",
        "people.roles.deputies",
        PLAN,
        "process.exercises.tabletop",
    ]
    everyone = respondents.update_respondent(engine, alice.user_id, new.respondent.id, audiences=())
    assert everyone.audiences == ()
    with pytest.raises(InvalidInput):
        respondents.add_respondent(engine, alice.user_id, imported.id, "Spy", audiences=("marketing",))
