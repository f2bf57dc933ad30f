"""Personal data: one respondent's export, erasure and purge that leave no trace in the file, links that expire."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, update

from scoring.assessment import Answer
from store import answers, assessments, privacy, respondents
from store.engine import make_engine, writing
from store.errors import InvalidInput
from store.migrate import upgrade
from store.schema import assessments as assessments_table
from tests.store.conftest import Consultant, make_consultant

ROLES, EXERCISES = "people.roles.crisis-team", "process.exercises.tabletop"
MARKERS = ("Zoe Markerpersoon", "Markerrol-CFO", "secret-comment-7q3x", "reason-marker-9k2w", "evidence-marker-4j8v")


def _personal(engine: Engine, consultant: Consultant, assessment_id: int | None = None) -> int:
    """A respondent whose every field carries a marker string; returns the respondent's id."""
    new = respondents.add_respondent(
        engine, consultant.user_id, assessment_id or consultant.assessment_id, MARKERS[1], MARKERS[0]
    )
    rid = new.respondent.id
    answers.save_answer(engine, rid, ROLES, Answer(value=2, comment=MARKERS[2],
                                                  evidence=f"https://example.org/{MARKERS[4]}"), 0)
    answers.save_answer(engine, rid, EXERCISES, Answer(value="na", reason=MARKERS[3]), 0)
    return rid


def _file_bytes(path: Path) -> bytes:
    """The database file and its -wal and -shm companions, as they are on disk."""
    return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists())


def _traces(path: Path) -> list[str]:
    data = _file_bytes(path)
    return [marker for marker in MARKERS if marker.encode() in data]


@pytest.fixture
def sqlite_file(tmp_path: Path, questionnaire) -> tuple[Engine, Path, Consultant]:
    path = tmp_path / "privacy.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    yield engine, path, make_consultant(engine, questionnaire, "alice@example.org")
    engine.dispose()


def test_one_respondents_data_exports_as_json(engine: Engine, alice: Consultant) -> None:
    rid = _personal(engine, alice)
    exported = json.loads(privacy.export_respondent(engine, alice.user_id, rid))
    assert exported["format"] == "veerkracht-respondent"
    assert exported["respondent"]["name"] == MARKERS[0] and exported["respondent"]["role"] == MARKERS[1]
    assert exported["organisation"] == "Client of alice@example.org"
    assert exported["assessment"]["title"] == "Baseline"
    by_question = {a["question_id"]: a for a in exported["answers"]}
    assert by_question[ROLES]["value"] == 2 and by_question[ROLES]["comment"] == MARKERS[2]
    assert by_question[ROLES]["question"]["en"] == "How are roles in a major disruption assigned?"
    assert by_question[EXERCISES] | {"saved_at": None, "question": None} == {
        "question_id": EXERCISES, "question": None, "value": "na", "reason": MARKERS[3], "saved_at": None,
    }
    assert "token" not in json.dumps(exported)
    # The other respondent of the same assessment is not in it.
    assert "Ann" not in json.dumps(exported)


def test_erasing_a_respondent_leaves_no_trace_in_the_database_file(sqlite_file, questionnaire) -> None:
    engine, path, alice = sqlite_file
    rid = _personal(engine, alice)
    assert privacy.scrub(engine)
    assert _traces(path) == list(MARKERS)  # the check can see them when they are there
    assert privacy.erase_respondent(engine, alice.user_id, rid) is True
    assert _traces(path) == []
    assert Path(f"{path}-wal").stat().st_size == 0
    assert [r.role for r in respondents.list_respondents(engine, alice.user_id, alice.assessment_id)] == ["IT manager"]


def test_erasing_an_assessment_leaves_no_trace(sqlite_file) -> None:
    engine, path, alice = sqlite_file
    _personal(engine, alice)
    assert privacy.erase_assessment(engine, alice.user_id, alice.assessment_id) is True
    assert _traces(path) == []


def test_erasing_an_organisation_leaves_no_trace(sqlite_file) -> None:
    engine, path, alice = sqlite_file
    _personal(engine, alice)
    assert privacy.erase_organisation(engine, alice.user_id, alice.organisation_id) is True
    assert _traces(path) == []


def _close(engine: Engine, assessment_id: int, when: dt.datetime) -> None:
    with writing(engine) as connection:
        connection.execute(
            update(assessments_table).where(assessments_table.c.id == assessment_id).values(status="closed",
                                                                                            closed_at=when)
        )


def test_purge_deletes_assessments_closed_before_the_date_and_leaves_no_trace(sqlite_file, questionnaire) -> None:
    engine, path, alice = sqlite_file
    _personal(engine, alice)
    _close(engine, alice.assessment_id, dt.datetime(2024, 5, 1, 12, tzinfo=dt.UTC))
    recent = assessments.create_assessment(engine, alice.user_id, alice.organisation_id, questionnaire, title="Recent")
    respondents.add_respondent(engine, alice.user_id, recent.id, "Keeper role", "Kept Person")
    _close(engine, recent.id, dt.datetime(2025, 6, 1, 12, tzinfo=dt.UTC))
    still_open = assessments.create_assessment(engine, alice.user_id, alice.organisation_id, questionnaire)
    would, _ = privacy.purge_closed_before(engine, dt.date(2025, 1, 1), dry_run=True)
    assert [(p.id, p.title, p.respondents) for p in would] == [(alice.assessment_id, "Baseline", 2)]
    assert privacy.scrub(engine) and _traces(path) == list(MARKERS)  # a dry run deletes nothing
    purged, scrubbed = privacy.purge_closed_before(engine, dt.date(2025, 1, 1))
    assert [p.id for p in purged] == [alice.assessment_id] and scrubbed
    assert _traces(path) == []
    assert b"Kept Person" in _file_bytes(path)
    left = assessments.list_assessments(engine, alice.user_id, alice.organisation_id)
    assert [a.id for a in left] == [recent.id, still_open.id]


def test_purge_can_be_limited_to_one_consultant(engine: Engine, alice: Consultant, bob: Consultant) -> None:
    old = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    _close(engine, alice.assessment_id, old)
    _close(engine, bob.assessment_id, old)
    purged, _ = privacy.purge_closed_before(engine, dt.date(2025, 1, 1), owner_id=bob.user_id)
    assert [p.id for p in purged] == [bob.assessment_id]
    assert assessments.get_assessment(engine, alice.user_id, alice.assessment_id).status == "closed"


def test_the_retention_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(privacy.RETENTION_SETTING, raising=False)
    assert privacy.retention_days() is None
    monkeypatch.setenv(privacy.RETENTION_SETTING, "365")
    assert privacy.retention_days() == 365
    for wrong in ("0", "-1", "a year"):
        monkeypatch.setenv(privacy.RETENTION_SETTING, wrong)
        with pytest.raises(InvalidInput, match="VEERKRACHT_RETENTION_DAYS"):
            privacy.retention_days()


def test_links_stop_working_a_set_time_after_closing(
    engine: Engine, alice: Consultant, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(respondents.LINK_DAYS_SETTING, raising=False)
    now = dt.datetime.now(dt.UTC)
    _close(engine, alice.assessment_id, now - dt.timedelta(days=29))
    assert respondents.respondent_for_token(engine, alice.token) is not None  # closed: still readable for 30 days
    _close(engine, alice.assessment_id, now - dt.timedelta(days=31))
    assert respondents.respondent_for_token(engine, alice.token) is None
    monkeypatch.setenv(respondents.LINK_DAYS_SETTING, "60")
    assert respondents.respondent_for_token(engine, alice.token) is not None
    monkeypatch.setenv(respondents.LINK_DAYS_SETTING, "0")
    _close(engine, alice.assessment_id, now - dt.timedelta(seconds=1))
    assert respondents.respondent_for_token(engine, alice.token) is None
    # Reopening clears the closing date, and the link works again.
    assessments.update_assessment(engine, alice.user_id, alice.assessment_id, status="open")
    assert respondents.respondent_for_token(engine, alice.token) is not None
