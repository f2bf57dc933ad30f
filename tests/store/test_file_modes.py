"""The database, its backups and exports are 0600 in a 0700 folder, whatever the umask."""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli import main
from store.backup import backup_sqlite
from store.engine import make_engine
from store.files import private_directory, write_private_file
from store.migrate import upgrade
from tests.store.conftest import make_consultant


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The usual umask 022, under which plain ``open()`` makes world-readable files."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_a_new_database_is_0600_in_a_0700_folder_with_its_wal(tmp_path: Path, open_umask: None, questionnaire) -> None:
    path = tmp_path / "data" / "nested" / "veerkracht.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    make_consultant(engine, questionnaire, "alice@example.org")
    assert _mode(path.parent) == 0o700 and _mode(path.parent.parent) == 0o700
    assert _mode(path) == 0o600
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        assert side.exists() and _mode(side) == 0o600, suffix
    engine.dispose()


def test_an_existing_readable_database_is_tightened(tmp_path: Path, open_umask: None) -> None:
    path = tmp_path / "old.db"
    path.write_bytes(b"")
    path.chmod(0o644)
    make_engine(f"sqlite:///{path}").dispose()
    assert _mode(path) == 0o600
    # A folder the database merely sits in is not Veerkracht's to change; only its own data/ is.
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    make_engine(f"sqlite:///{shared / 'x.db'}").dispose()
    assert _mode(shared) == 0o755
    private_directory(shared, tighten=True)
    assert _mode(shared) == 0o700


def test_backups_and_command_line_exports_are_0600(
    tmp_path: Path, open_umask: None, questionnaire, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    url = f"sqlite:///{tmp_path / 'live.db'}"
    engine = make_engine(url)
    upgrade(engine)
    alice = make_consultant(engine, questionnaire, "alice@example.org")
    copy = backup_sqlite(engine, tmp_path / "copy.db")
    assert _mode(copy) == 0o600
    engine.dispose()
    monkeypatch.setenv("VEERKRACHT_DATABASE_URL", url)
    monkeypatch.setenv("VEERKRACHT_USER", "alice@example.org")
    assert main(["backup", str(tmp_path / "second.db")]) == 0
    assert main(["export", str(alice.assessment_id), "-o", str(tmp_path / "export.json")]) == 0
    assert main(["report", str(alice.assessment_id), "--format", "json", "-o", str(tmp_path / "report.json")]) == 0
    for name in ("second.db", "export.json", "report.json"):
        assert _mode(tmp_path / name) == 0o600, name
    # An existing world-readable file is replaced by a private one.
    stale = tmp_path / "stale.json"
    stale.write_text("old")
    stale.chmod(0o644)
    write_private_file(stale, "new")
    assert (stale.read_text(), _mode(stale)) == ("new", 0o600)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


def test_writing_into_a_pipe_keeps_the_pipe(tmp_path: Path) -> None:
    """``-o /dev/stdout`` or a named pipe is written into, never replaced by a file (root could replace a device)."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    write_private_file(pipe, b"report")
    reader.join(timeout=10)
    assert received == [b"report"]
    assert stat.S_ISFIFO(pipe.stat().st_mode)
