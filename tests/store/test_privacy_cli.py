"""The command line's personal-data commands: respondent list|edit|delete|export, assessment edit|delete, purge."""

from __future__ import annotations

import datetime as dt
import json
import stat
from pathlib import Path

import pytest
from sqlalchemy import Engine, update

from cli import main
from store import assessments, respondents
from store.engine import writing
from store.errors import NotFound
from store.schema import assessments as assessments_table
from tests.store.conftest import Consultant


@pytest.fixture(autouse=True)
def configured(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VEERKRACHT_DATABASE_URL", database_url)
    monkeypatch.setenv("VEERKRACHT_USER", "alice@example.org")
    monkeypatch.delenv("VEERKRACHT_RETENTION_DAYS", raising=False)


def test_list_edit_export_and_delete_a_respondent(
    engine: Engine, alice: Consultant, bob: Consultant, tmp_path: Path, capsys
) -> None:
    assert main(["respondent", "list", str(alice.assessment_id)]) == 0
    assert capsys.readouterr().out == f"{alice.respondent_id}\tIT manager — Ann\t0 answers\tanswering\n"
    assert main(["respondent", "edit", str(alice.respondent_id), "--role", "CISO", "--name", ""]) == 0
    person = respondents.list_respondents(engine, alice.user_id, alice.assessment_id)[0]
    assert (person.role, person.name) == ("CISO", None)
    target = tmp_path / "ann.json"
    assert main(["respondent", "export", str(alice.respondent_id), "-o", str(target)]) == 0
    assert json.loads(target.read_text())["respondent"]["role"] == "CISO"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert main(["respondent", "delete", str(alice.respondent_id)]) == 0
    assert respondents.list_respondents(engine, alice.user_id, alice.assessment_id) == []
    capsys.readouterr()
    # Someone else's respondent: one line, exit 1, nothing changed.
    assert main(["respondent", "delete", str(bob.respondent_id)]) == 1
    assert capsys.readouterr().err.strip().endswith(f"no respondent {bob.respondent_id}")
    assert len(respondents.list_respondents(engine, bob.user_id, bob.assessment_id)) == 1


def test_edit_and_delete_an_assessment(engine: Engine, alice: Consultant, capsys) -> None:
    assert main(["assessment", "edit", str(alice.assessment_id), "--title", "Nulmeting 2025", "--date", "2025-02-03",
                 "--status", "closed"]) == 0
    info = assessments.get_assessment(engine, alice.user_id, alice.assessment_id)
    assert (info.title, info.date, info.status) == ("Nulmeting 2025", dt.date(2025, 2, 3), "closed")
    with pytest.raises(SystemExit) as refused:
        main(["assessment", "edit", str(alice.assessment_id), "--date", "3 Feb"])
    assert refused.value.code == 2
    assert main(["assessment", "delete", str(alice.assessment_id)]) == 0
    with pytest.raises(NotFound):
        assessments.get_assessment(engine, alice.user_id, alice.assessment_id)


def _closed_on(engine: Engine, assessment_id: int, when: dt.datetime) -> None:
    with writing(engine) as connection:
        connection.execute(update(assessments_table).where(assessments_table.c.id == assessment_id)
                           .values(status="closed", closed_at=when))


def test_purge_by_date_or_by_the_retention_setting(
    engine: Engine, alice: Consultant, bob: Consultant, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    _closed_on(engine, alice.assessment_id, dt.datetime(2024, 3, 1, tzinfo=dt.UTC))
    _closed_on(engine, bob.assessment_id, dt.datetime.now(dt.UTC) - dt.timedelta(days=10))
    assert main(["purge"]) == 1
    assert "VEERKRACHT_RETENTION_DAYS" in capsys.readouterr().err
    assert main(["purge", "--closed-before", "2025-01-01", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert f"would delete assessment {alice.assessment_id}: Client of alice@example.org · Baseline" in out
    assert "assessments closed before 2025-01-01: 1 would be deleted (dry run)" in out
    assert assessments.get_assessment(engine, alice.user_id, alice.assessment_id).status == "closed"
    monkeypatch.setenv("VEERKRACHT_RETENTION_DAYS", "30")
    assert main(["purge"]) == 0
    assert f"deleted assessment {alice.assessment_id}" in capsys.readouterr().out
    with pytest.raises(NotFound):
        assessments.get_assessment(engine, alice.user_id, alice.assessment_id)
    assert assessments.get_assessment(engine, bob.user_id, bob.assessment_id).status == "closed"  # 10 days < 30
    assert main(["purge", "--closed-before", "2999-01-01", "--user", "alice@example.org"]) == 0
    assert assessments.get_assessment(engine, bob.user_id, bob.assessment_id).status == "closed"  # not alice's
