"""AppTest fixtures: a real SQLite database in tmp_path, a consultant, an organisation,
an assessment of the small fixture questionnaire, and respondents with links."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from questionnaires import Questionnaire, load_questionnaire
from store import answers, assessments, organisations, respondents, users
from store.engine import make_engine
from store.migrate import upgrade

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PASSWORD = "correct horse battery"


@dataclass
class World:
    engine: Engine
    user_id: int
    organisation_id: int
    assessment_id: int
    questionnaire: Questionnaire
    tokens: list[str]
    respondent_ids: list[int]


@pytest.fixture
def engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Engine:
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("VEERKRACHT_DATABASE_URL", url)
    engine = make_engine(url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def small() -> Questionnaire:
    return load_questionnaire(ROOT / "tests" / "fixtures" / "small-questionnaire.yaml")


@pytest.fixture
def world(engine: Engine, small: Questionnaire) -> World:
    user = users.add_user(engine, "consultant@example.org", PASSWORD)
    organisation = organisations.create_organisation(engine, user.id, "Gemeente Testdorp", "government", "50-249")
    assessment = assessments.create_assessment(
        engine, user.id, organisation.id, small, title="Nulmeting", status="open"
    )
    first = respondents.add_respondent(engine, user.id, assessment.id, "IT manager", "Anna")
    second = respondents.add_respondent(engine, user.id, assessment.id, "Director")
    return World(
        engine=engine,
        user_id=user.id,
        organisation_id=organisation.id,
        assessment_id=assessment.id,
        questionnaire=small,
        tokens=[first.token, second.token],
        respondent_ids=[first.respondent.id, second.respondent.id],
    )


def app(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in query.items():
        at.query_params[key] = value
    return at


def signed_in(world: World, page: str | None = None, lang: str = "en") -> AppTest:
    """The app with the world's consultant signed in, on ``page`` (a file under app_pages/)."""
    at = app(lang=lang)
    at.session_state["user_id"] = world.user_id
    at.session_state["user_email"] = "consultant@example.org"
    at.session_state["organisation_id"] = world.organisation_id
    at.session_state["assessment_id"] = world.assessment_id
    at.run()
    if page:
        at.switch_page(f"app_pages/{page}")
        at.run()
    return at


ROLES, EXERCISES, BACKUP = "people.roles.crisis-team", "process.exercises.tabletop", "technology.backup.offline"


@pytest.fixture
def answered(world: World) -> World:
    """Respondent 1 says 1 everywhere; respondent 2 doesn't know roles and says 4 elsewhere."""
    ids = [q.id for q in world.questionnaire.questions()]
    assert ids == [ROLES, EXERCISES, BACKUP]
    first, second = world.respondent_ids
    for qid in ids:
        answers.save_answer(world.engine, first, qid, {"value": 1}, 0)
    answers.save_answer(world.engine, second, ROLES, {"value": "dont_know"}, 0)
    answers.save_answer(world.engine, second, EXERCISES, {"value": 4}, 0)
    answers.save_answer(world.engine, second, BACKUP, {"value": 4}, 0)
    return world


def add_peers(world: World, levels: tuple[int, ...] = (1, 2, 3, 4, 5)) -> None:
    """One peer organisation per level (same sector and size), each with a closed assessment answered at that level."""
    for n, level in enumerate(levels):
        organisation = organisations.create_organisation(
            world.engine, world.user_id, f"Peer {n}", "government", "50-249"
        )
        peer = assessments.create_assessment(world.engine, world.user_id, organisation.id, world.questionnaire,
                                             status="open")
        person = respondents.add_respondent(world.engine, world.user_id, peer.id, "IT")
        for qid in (ROLES, EXERCISES, BACKUP):
            answers.save_answer(world.engine, person.respondent.id, qid, {"value": level}, 0)
        assessments.update_assessment(world.engine, world.user_id, peer.id, status="closed")


def table_rows(at) -> list[list[str]]:
    """The first st.table of the page as rows of text, index first."""
    frame = at.table[0].value
    return [[index, *map(str, row)] for index, row in zip(frame.index, frame.to_numpy(), strict=True)]