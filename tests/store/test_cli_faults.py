"""Faults of the machine on the command line: one plain line on stderr, exit status 1, nothing written
(issue 12, item 7). And the write queue and the busy timeout share one deadline.

Each fault is made for real: a port nobody listens on, a SQLite file another
connection holds locked, a file-size limit the kernel enforces (the disk is
"full" for the process), a missing folder, a directory named as a file, a
version of 10^30.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cli import main
from store import organisations
from store.engine import make_engine, reading, writing
from store.errors import Busy
from store.migrate import upgrade
from store.schema import assessments
from store.users import add_user

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def small_assessment(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An assessment file with its questionnaire embedded (two respondents of the default questionnaire)."""
    from assessments.file import assessment_to_json
    from questionnaires import load_questionnaire
    from questionnaires.registry import DEFAULT_QUESTIONNAIRE
    from reports.sample import demo_assessment

    questionnaire = load_questionnaire(DEFAULT_QUESTIONNAIRE)
    path = tmp_path_factory.mktemp("file") / "small.json"
    path.write_text(assessment_to_json(demo_assessment(questionnaire, respondents=2), questionnaire))
    return path


def _one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def _nothing_beside(path: Path) -> None:
    assert not path.exists()
    assert not [p for p in path.parent.iterdir() if p.name.startswith(f".{path.name}")], "a partial file was left"


@pytest.fixture
def sqlite_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    engine = make_engine(url)
    upgrade(engine)
    add_user(engine, "a@example.org", "a long enough secret")
    engine.dispose()
    monkeypatch.setenv("VEERKRACHT_DATABASE_URL", url)
    monkeypatch.setenv("VEERKRACHT_USER", "a@example.org")
    return url


def _assessment_count(url: str) -> int:
    engine = make_engine(url)
    with reading(engine) as connection:
        count = connection.execute(select(func.count()).select_from(assessments)).scalar_one()
    engine.dispose()
    return count


def test_unreachable_postgresql_is_one_line(
    small_assessment: Path, monkeypatch: pytest.MonkeyPatch, capsys, tmp_path: Path
) -> None:
    monkeypatch.setenv("VEERKRACHT_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    out = tmp_path / "a.json"
    assert main(["export", "1", "-o", str(out), "--user", "a@example.org"]) == 1
    line = _one_line(capsys)
    assert line.startswith("veerkracht: the database cannot be used:") and "127.0.0.1" in line
    _nothing_beside(out)
    assert main(["import", str(small_assessment), "--user", "a@example.org"]) == 1
    assert _one_line(capsys).startswith("veerkracht: the database cannot be used:")


def test_a_locked_database_is_one_line_and_nothing_is_imported(small_assessment: Path, 
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setattr("store.engine.BUSY_TIMEOUT_MS", 500)
    holder = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        start = time.monotonic()
        assert main(["import", str(small_assessment)]) == 1
        assert time.monotonic() - start < 10
        assert "locked" in _one_line(capsys)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert _assessment_count(sqlite_url) == 0


def test_waiting_writers_share_one_deadline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Four writers queued behind a lock another process holds all give up at the deadline, not at n × it."""
    monkeypatch.setattr("store.engine.BUSY_TIMEOUT_MS", 1000)
    url = f"sqlite:///{tmp_path / 'queue.db'}"
    engine = make_engine(url)
    upgrade(engine)
    user = add_user(engine, "q@example.org", "a long enough secret")
    holder = sqlite3.connect(tmp_path / "queue.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    waited: list[tuple[float, BaseException | None]] = []

    def writer() -> None:
        start = time.monotonic()
        try:
            organisations.create_organisation(engine, user.id, "Acme", "care", "1-9")
            waited.append((time.monotonic() - start, None))
        except Busy as error:
            waited.append((time.monotonic() - start, error))

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    holder.execute("ROLLBACK")
    holder.close()
    assert len(waited) == 4
    assert all(isinstance(error, Busy) for _, error in waited)
    assert max(seconds for seconds, _ in waited) < 2.5, waited  # separately they would end at 1, 2, 3, 4 s
    with writing(engine):  # the lock is free again and the queue is empty
        pass
    assert organisations.list_organisations(engine, user.id) == []
    engine.dispose()


def _limited_file_size(limit: int):  # noqa: ANN202 - a preexec_fn
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def _cli(args: list[str], env: dict[str, str], limit: int | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "import sys, cli; sys.exit(cli.main())", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limited_file_size(limit) if limit else None,  # noqa: PLW1509 - no threads in this child yet
    )


def test_a_full_disk_is_one_line_and_leaves_no_file(small_assessment: Path, tmp_path: Path) -> None:
    """The kernel refuses to let the files grow: a report output, then the database itself."""
    out = tmp_path / "report.json"
    done = _cli(["report", "--from-json", str(small_assessment), "--format", "json", "-o", str(out)], {}, 2000)
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("veerkracht: ") and "too large" in done.stderr.lower()
    _nothing_beside(out)

    url = f"sqlite:///{tmp_path / 'full.db'}"
    engine = make_engine(url)
    upgrade(engine)
    add_user(engine, "a@example.org", "a long enough secret")
    engine.dispose()
    size = (tmp_path / "full.db").stat().st_size
    done = _cli(
        ["import", str(small_assessment), "--user", "a@example.org"], {"VEERKRACHT_DATABASE_URL": url}, size + 4096
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.startswith("veerkracht: ")
    assert _assessment_count(url) == 0


def test_an_unwritable_output_path_is_one_line(small_assessment: Path, capsys, tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "folder" / "r.json"
    assert main(["report", "--from-json", str(small_assessment), "--format", "json", "-o", str(missing)]) == 1
    assert "No such file or directory" in _one_line(capsys)
    under_a_file = tmp_path / "plain.txt"
    under_a_file.write_text("x")
    command = ["report", "--from-json", str(small_assessment), "--format", "json", "-o", f"{under_a_file}/r.json"]
    assert main(command) == 1
    assert "Not a directory" in _one_line(capsys)


def test_a_directory_given_as_a_file_is_one_line(
    small_assessment: Path, sqlite_url: str, capsys, tmp_path: Path
) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    assert main(["report", "--from-json", str(small_assessment), "--format", "json", "-o", str(folder)]) == 1
    assert "Is a directory" in _one_line(capsys)
    assert list(folder.iterdir()) == [] and not [p for p in tmp_path.iterdir() if p.name.startswith(".folder")]
    for command in (["score", str(folder)], ["import", str(folder)], ["validate", str(folder)],
                    ["report", "--from-json", str(folder), "-o", str(tmp_path / "x.pdf")]):
        assert main(command) == 1, command
        assert "Is a directory" in _one_line(capsys), command
    assert _assessment_count(sqlite_url) == 0


def test_a_questionnaire_version_of_10_to_the_30_is_one_line(
    small_assessment: Path, sqlite_url: str, capsys, tmp_path: Path
) -> None:
    data = json.loads(small_assessment.read_text())
    data["questionnaire"]["version"] = 10**30
    huge = tmp_path / "huge.json"
    huge.write_text(json.dumps(data))
    assert main(["score", str(huge)]) == 1
    assert "questionnaire.version" in _one_line(capsys)
    assert main(["report", "--from-json", str(huge), "--format", "json", "-o", str(tmp_path / "r.json")]) == 1
    assert "questionnaire.version" in _one_line(capsys)
    _nothing_beside(tmp_path / "r.json")
    assert main(["import", str(huge)]) == 1
    err = capsys.readouterr().err
    assert "questionnaire.version" in err and "Traceback" not in err
    assert _assessment_count(sqlite_url) == 0
    questionnaire = tmp_path / "q.yaml"
    source = (ROOT / "tests" / "fixtures" / "small-questionnaire.yaml").read_text()
    questionnaire.write_text(source.replace("version: 1", "version: 1000000000000000000000000000000", 1))
    assert main(["validate", str(questionnaire)]) == 1
    assert "version" in _one_line(capsys)
