"""Export → import → export round-trips; a bad import file is refused and writes nothing."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from sqlalchemy import Engine, func, select

from scoring.assessment import Answer, RoadmapEdit, Targets
from store import assessments, respondents, roadmap
from store.answers import save_answer
from store.engine import reading
from store.errors import ImportRefused, NotFound
from store.schema import metadata
from store.transfer import export_assessment, import_assessment
from tests.store.conftest import Consultant

QUESTIONS = ("people.roles.crisis-team", "process.exercises.tabletop", "technology.backup.offline")


def _counts(engine: Engine) -> dict[str, int]:
    with reading(engine) as connection:
        return {
            table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in metadata.sorted_tables
        }


@pytest.fixture
def filled(engine: Engine, alice: Consultant) -> Consultant:
    """Alice's assessment with every kind of answer, targets and a roadmap edit."""
    save_answer(engine, alice.respondent_id, QUESTIONS[0], Answer(value=2, comment="Only Ann knows"), 0)
    save_answer(engine, alice.respondent_id, QUESTIONS[1], Answer(value="na", reason="No exercises here"), 0)
    save_answer(
        engine,
        alice.respondent_id,
        QUESTIONS[2],
        Answer(value="dont_know", evidence="https://intranet.example/backup-policy"),
        0,
    )
    second = respondents.add_respondent(engine, alice.user_id, alice.assessment_id, "CFO", None)
    save_answer(engine, second.respondent.id, QUESTIONS[0], Answer(value=4), 0)
    assessments.set_targets(
        engine, alice.user_id, alice.assessment_id, Targets(pillars={"people": 3.5}, questions={QUESTIONS[2]: 4.0})
    )
    roadmap.set_roadmap_edit(
        engine,
        alice.user_id,
        alice.assessment_id,
        f"{QUESTIONS[0]}@3",
        RoadmapEdit(owner="Ann", horizon="now", due=dt.date(2027, 3, 1), status="in_progress"),
    )
    assessments.update_assessment(engine, alice.user_id, alice.assessment_id, date=dt.date(2026, 5, 4))
    return alice


def _without_ids(text: str) -> dict:
    data = json.loads(text)
    for respondent in data["respondents"]:
        respondent.pop("id")
    return data


def test_export_import_export_is_the_same_file_except_ids(engine: Engine, filled: Consultant, bob: Consultant) -> None:
    first = export_assessment(engine, filled.user_id, filled.assessment_id)
    data = json.loads(first)
    # "care" was stored as its SBI / NACE section, and the file carries the letter.
    assert data["organisation"] == {"name": "Client of alice@example.org", "sector": "Q", "size_class": "50-249"}
    assert data["questionnaire"]["embedded"]["id"] == "small-example"
    assert data["date"] == "2026-05-04"
    assert [r["role"] for r in data["respondents"]] == ["IT manager", "CFO"]
    assert data["respondents"][0]["answers"][QUESTIONS[1]] == {"value": "na", "reason": "No exercises here"}
    assert data["roadmap"] == {
        f"{QUESTIONS[0]}@3": {"owner": "Ann", "horizon": "now", "due": "2027-03-01", "status": "in_progress"}
    }
    imported = import_assessment(engine, bob.user_id, first.encode(), "alice.json")
    assert imported.organisation_id != bob.organisation_id  # a new organisation, named as in the file
    second = export_assessment(engine, bob.user_id, imported.id)
    assert _without_ids(second) == _without_ids(first)
    assert second != first  # respondent ids are database ids
    # Importing again goes into the same (matched by name) organisation.
    again = import_assessment(engine, bob.user_id, first.encode(), "alice.json")
    assert again.organisation_id == imported.organisation_id


def test_import_into_a_named_organisation_checks_the_owner(engine: Engine, filled: Consultant, bob: Consultant) -> None:
    text = export_assessment(engine, filled.user_id, filled.assessment_id).encode()
    into = import_assessment(engine, bob.user_id, text, "a.json", organisation_id=bob.organisation_id)
    assert into.organisation_id == bob.organisation_id
    before = _counts(engine)
    with pytest.raises(NotFound):
        import_assessment(engine, bob.user_id, text, "a.json", organisation_id=filled.organisation_id)
    assert _counts(engine) == before


def _edited(text: str, change) -> bytes:
    data = json.loads(text)
    change(data)
    return json.dumps(data).encode()


def _unknown_question(data: dict) -> None:
    data["respondents"][0]["answers"]["people.roles.unknown"] = {"value": 1}


def _bad_level(data: dict) -> None:
    data["respondents"][0]["answers"][QUESTIONS[0]] = {"value": 9}


def _changed_questionnaire(data: dict) -> None:
    data["questionnaire"]["embedded"]["title"]["en"] = "Quietly changed"


def _version_mismatch(data: dict) -> None:
    data["questionnaire"]["version"] = 2


def _unknown_target(data: dict) -> None:
    data["targets"]["pillars"]["finance"] = 2.0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_unknown_question, "question 'people.roles.unknown' is not in questionnaire small-example v1"),
        (_bad_level, "respondents[0].answers.people.roles.crisis-team.value: expected a level 0-5"),
        (_changed_questionnaire, "differs from the installed questionnaire small-example v1"),
        (_version_mismatch, "is small-example v1, but the file pins small-example v2"),
        (_unknown_target, "pillar 'finance' is not in questionnaire"),
    ],
)
def test_a_bad_file_is_refused_and_changes_nothing(
    engine: Engine, filled: Consultant, questionnaire, change, message: str
) -> None:
    text = export_assessment(engine, filled.user_id, filled.assessment_id)
    before = _counts(engine)
    with pytest.raises(ImportRefused) as refused:
        import_assessment(
            engine,
            filled.user_id,
            _edited(text, change),
            "bad.json",
            installed={(questionnaire.id, questionnaire.version): questionnaire},
        )
    assert message in str(refused.value)
    assert _counts(engine) == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"{" * 20, "not valid JSON"),
        (b"\xff\xfe", "invalid UTF-8"),
        (b"[]", "expected a JSON object"),
        (b'{"format": "veerkracht-assessment", "format": "x"}', "duplicate key 'format'"),
        (b" " * (10 * 1024 * 1024 + 1), "the limit is 10,485,760 (10 MB)"),
    ],
)
def test_files_that_are_not_assessments_change_nothing(
    engine: Engine, alice: Consultant, data: bytes, message: str
) -> None:
    before = _counts(engine)
    with pytest.raises(ImportRefused, match=re.escape(message)):
        import_assessment(engine, alice.user_id, data, "bad.json", installed={})
    assert _counts(engine) == before


def test_export_checks_the_owner(engine: Engine, filled: Consultant, bob: Consultant) -> None:
    with pytest.raises(NotFound):
        export_assessment(engine, bob.user_id, filled.assessment_id)
