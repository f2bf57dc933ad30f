"""Backups while writes go on, demo data, and the store's command-line commands."""

from __future__ import annotations

import io
import json
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, insert, select

from store import assessments, organisations
from store._util import utcnow
from store.backup import backup_sqlite, postgres_backup_command
from store.demo import create_demo
from store.engine import make_engine, reading, writing
from store.errors import InvalidInput
from store.migrate import upgrade
from store.pinned_questionnaires import question_keys_of
from store.schema import answers
from store.schema import respondents as respondents_table
from store.users import authenticate

QUESTIONS = ("people.roles.crisis-team", "process.exercises.tabletop", "technology.backup.offline")


DEMO_SEED_7_COUNTS = (138, 2, 3, 3)


def _answer_count(engine: Engine) -> int:
    with reading(engine) as connection:
        return connection.execute(select(func.count()).select_from(answers)).scalar_one()


def test_sqlite_backup_is_consistent_while_a_writer_keeps_writing(tmp_path: Path, questionnaire) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'live.db'}")
    upgrade(engine)
    from tests.store.conftest import make_consultant

    alice = make_consultant(engine, questionnaire, "alice@example.org")
    stop = threading.Event()
    written = [0]

    def writer() -> None:
        # Each transaction adds one respondent with exactly three answers: a
        # consistent copy never has a respondent with fewer.
        while not stop.is_set():
            with writing(engine) as connection:
                keys = question_keys_of(connection, questionnaire)
                respondent_id = connection.execute(
                    insert(respondents_table)
                    .values(
                        assessment_id=alice.assessment_id,
                        role="Writer",
                        token_hash=f"{written[0]:064d}",
                        revoked=False,
                        created_at=utcnow(),
                    )
                    .returning(respondents_table.c.id)
                ).scalar_one()
                connection.execute(
                    insert(answers),
                    [
                        {
                            "respondent_id": respondent_id,
                            "question_key_id": keys[q],
                            "value": "3",
                            "updated_at": utcnow(),
                            "version": 1,
                        }
                        for q in QUESTIONS
                    ],
                )
            written[0] += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        copies = []
        for number in range(3):
            while written[0] < (number + 1) * 50:
                stop.wait(0.01)
            copies.append(backup_sqlite(engine, tmp_path / f"copy-{number}.db"))
    finally:
        stop.set()
        thread.join()
    sizes = []
    for copy in copies:
        with sqlite3.connect(copy) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
            per_respondent = connection.execute(
                "SELECT r.id, count(a.question_key_id) FROM respondents r"
                " LEFT JOIN answers a ON a.respondent_id = r.id WHERE r.role = 'Writer' GROUP BY r.id"
            ).fetchall()
        assert per_respondent and {count for _, count in per_respondent} == {3}
        sizes.append(len(per_respondent))
    assert sizes == sorted(sizes) and sizes[0] >= 50
    assert not (tmp_path / "copy-0.db-wal").exists()
    with pytest.raises(InvalidInput, match="exists"):
        backup_sqlite(engine, copies[0])
    engine.dispose()


def test_postgres_backup_is_a_pg_dump_command() -> None:
    engine = make_engine("postgresql+psycopg://vk:secret@db.internal:5432/veerkracht?options=-csearch_path%3Dvk")
    assert postgres_backup_command(engine, "/backups/vk 1.dump") == (
        "pg_dump --format=custom --schema=vk --file='/backups/vk 1.dump' postgresql://vk@db.internal:5432/veerkracht"
    )
    engine.dispose()


def test_demo_data_is_labelled_and_plausible(engine: Engine, questionnaire) -> None:
    result = create_demo(engine, 8, questionnaire, seed=7)
    assert result.email == "demo@veerkracht.example"
    user = authenticate(engine, result.email, result.password)
    assert user is not None and user.demo is True
    found = organisations.list_organisations(engine, user.id)
    assert len(found) == 8
    assert all(o.name.startswith("Demo — ") and o.demo for o in found)
    assert len({o.sector for o in found}) >= 4
    assert len({o.size_class for o in found}) >= 3
    values: list = []
    evidence: list[str] = []
    for organisation in found:
        history = assessments.list_assessments(engine, user.id, organisation.id)
        assert [a.status for a in history] == ["closed", "closed"]
        assert (history[1].date - history[0].date).days == 365
        for info in history:
            document, _ = assessments.assessment_document(engine, user.id, info.id)
            assert document.demo is True
            assert 2 <= len(document.respondents) <= 4
            for respondent in document.respondents:
                assert set(respondent.answers) == set(QUESTIONS)
                values += [answer.value for answer in respondent.answers.values()]
                evidence += [str(a.evidence) for a in respondent.answers.values() if a.evidence is not None]
    levels = [v for v in values if isinstance(v, int)]
    assert len(set(levels)) >= 4  # a spread of levels, not one constant
    # Seeded: the same draw every run. About 2% N/A (with a reason) and 4% don't-know.
    assert (len(values), values.count("na"), values.count("dont_know"), len(evidence)) == DEMO_SEED_7_COUNTS
    assert all(link.startswith("https://intranet.example/documenten/") for link in evidence)
    # A second demo gets a new consultant.
    assert create_demo(engine, 1, questionnaire, seed=1).email == "demo-2@veerkracht.example"


def test_cli_user_add_export_import_and_demo_if_empty(
    database_url: str, engine: Engine, monkeypatch: pytest.MonkeyPatch, capsys, tmp_path: Path, questionnaire
) -> None:
    from cli import main

    monkeypatch.setenv("VEERKRACHT_DATABASE_URL", database_url)
    monkeypatch.delenv("VEERKRACHT_USER", raising=False)
    assert main(["db", "upgrade", "--demo-if-empty", "--organisations", "2"]) == 0
    out = capsys.readouterr().out
    assert "Loaded demo data: 2 demo organisations" in out
    assert "Demo consultant: demo@veerkracht.example" in out
    password = out.split("Password:")[1].split()[0]
    assert authenticate(engine, "demo@veerkracht.example", password) is not None
    assert main(["db", "upgrade", "--demo-if-empty"]) == 0
    assert "demo" not in capsys.readouterr().out.lower()  # not empty any more: nothing loaded

    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough secret\n"))
    assert main(["user", "add", "Carol@Example.org"]) == 0
    assert "consultant carol@example.org created" in capsys.readouterr().out
    assert authenticate(engine, "carol@example.org", "a long enough secret") is not None
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["user", "add", "dave@example.org"]) == 1
    assert "at least 10 characters" in capsys.readouterr().err

    exported = tmp_path / "a.json"
    assert main(["export", "1", "-o", str(exported), "--user", "carol@example.org"]) == 1
    assert "no assessment 1" in capsys.readouterr().err
    assert not exported.exists()
    assert main(["export", "1", "-o", str(exported)]) == 1
    assert "--user EMAIL" in capsys.readouterr().err
    monkeypatch.setenv("VEERKRACHT_USER", "demo@veerkracht.example")
    assert main(["export", "1", "-o", str(exported)]) == 0
    assert json.loads(exported.read_text())["demo"] is True
    assert main(["import", str(exported), "--user", "carol@example.org"]) == 0
    assert "imported as assessment 5 of organisation 3" in capsys.readouterr().out
    bad = tmp_path / "bad.json"
    bad.write_text(exported.read_text().replace('"value": ', '"value": 1, "x": '))
    before = _answer_count(engine)
    assert main(["import", str(bad), "--user", "carol@example.org"]) == 1
    err = capsys.readouterr().err
    assert "Extra inputs are not permitted" in err
    assert "nothing was imported" in err
    assert _answer_count(engine) == before

    target = tmp_path / "backup.db"
    assert main(["backup", str(target)]) == 0
    out = capsys.readouterr().out
    if engine.dialect.name == "sqlite":
        assert out.startswith(f"backup written to {target}")
        assert target.exists()
    else:
        assert "pg_dump --format=custom" in out
        assert not target.exists()


def test_demo_starts_on_the_earlier_version_and_keeps_a_trend(engine: Engine) -> None:
    """The default demo answers its first assessments with version 1, the second with version 2."""
    from questionnaires import load_questionnaire
    from questionnaires.registry import DEFAULT_QUESTIONNAIRE, comparable_predecessor
    from scoring.trend import comparable_history

    current = load_questionnaire(DEFAULT_QUESTIONNAIRE)
    baseline = comparable_predecessor(current)
    assert (baseline.id, baseline.version) == (current.id, current.version - 1)
    result = create_demo(engine, 1, current, seed=3, baseline=baseline)
    user = authenticate(engine, result.email, result.password)
    (organisation,) = organisations.list_organisations(engine, user.id)
    first, second = assessments.list_assessments(engine, user.id, organisation.id)
    earlier = assessments.assessment_document(engine, user.id, first.id)
    now = assessments.assessment_document(engine, user.id, second.id)
    assert (earlier[1].version, now[1].version) == (baseline.version, current.version)
    history = comparable_history(now, [earlier])
    assert history.shared_questions == 50 and history.change() is not None
    assert history.change().overall is not None
