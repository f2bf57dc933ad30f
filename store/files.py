"""Files only their owner can read: the database, its backups and every export.

The database holds respondents' names and answers; a copy or an export holds
the same. Created with the process's umask (usually 022) they would be
readable by every account on the machine, so Veerkracht creates them 0600
itself, whatever the umask, and keeps its own ``data/`` folder 0700. See
docs/deployment.md ("Files and permissions").
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIRECTORY = 0o700


def private_directory(path: str | os.PathLike[str], *, tighten: bool = False) -> Path:
    """Create ``path`` (and missing parents) 0700; with ``tighten``, also make an existing one 0700.

    Only folders Veerkracht owns may be tightened (its own ``data/``): a
    database named in ``VEERKRACHT_DATABASE_URL`` may live in a shared folder
    whose mode is not ours to change.
    """
    folder = Path(path)
    missing = []
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            break
        missing.append(candidate)
    for candidate in reversed(missing):
        with contextlib.suppress(FileExistsError):
            candidate.mkdir(mode=PRIVATE_DIRECTORY)
        os.chmod(candidate, PRIVATE_DIRECTORY)  # mkdir's mode is reduced by the umask
    if tighten and stat.S_IMODE(folder.stat().st_mode) != PRIVATE_DIRECTORY:
        with contextlib.suppress(PermissionError):
            os.chmod(folder, PRIVATE_DIRECTORY)
    return folder


def private_file(path: str | os.PathLike[str]) -> Path:
    """Make sure ``path`` exists and is 0600: created empty if missing, tightened if it is ours.

    SQLite gives its ``-wal``, ``-shm`` and journal files the mode of the
    database file, so a 0600 database keeps those private too.
    """
    target = Path(path)
    try:
        descriptor = os.open(target, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
    except PermissionError:  # someone else's read-only database: SQLite opens it read-only
        return target
    try:
        if stat.S_IMODE(os.fstat(descriptor).st_mode) != PRIVATE_FILE:
            with contextlib.suppress(PermissionError):
                os.fchmod(descriptor, PRIVATE_FILE)
    finally:
        os.close(descriptor)
    return target


def write_private_file(path: str | os.PathLike[str], data: bytes | str) -> Path:
    """Write ``data`` to ``path`` as a 0600 file, all or nothing.

    The bytes go to a 0600 temporary file beside the target, which is renamed
    over it only when complete: a failure (a full disk) leaves no half file and
    an existing file as it was.
    """
    target = Path(path)
    content = data.encode("utf-8") if isinstance(data, str) else data
    if target.exists() and not target.is_file():
        # A device or a pipe (``-o /dev/stdout``): write into it; renaming over it would replace the device.
        with open(target, "wb") as handle:
            handle.write(content)
        return target
    descriptor, partial = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent or ".")
    try:
        with os.fdopen(descriptor, "wb") as handle:  # mkstemp creates 0600
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(partial)
        raise
    return target
