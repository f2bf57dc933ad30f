"""What the store commands share: the configured engine and the consultant ``--user`` names."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from sqlalchemy import Engine

#: ``--user`` help of the commands that act on one consultant's data.
OWNER_HELP = "the consultant who owns it (default: $VEERKRACHT_USER)"


def store_engine() -> Engine:
    from store.engine import make_engine

    return make_engine()


def consultant_id(engine: Engine, email: str | None) -> int | None:
    """The id of the consultant ``--user`` (or ``VEERKRACHT_USER``) names; prints why not otherwise."""
    import os

    from store.users import find_user

    email = email or os.environ.get("VEERKRACHT_USER")
    if not email:
        print("name the consultant with --user EMAIL (or set VEERKRACHT_USER)", file=sys.stderr)
        return None
    user = find_user(engine, email)
    if user is None:
        print(f"no consultant with e-mail {email}; create one with: veerkracht user add EMAIL", file=sys.stderr)
        return None
    return user.id


T = TypeVar("T")
#: The note when an erasure could not rewrite the -wal file yet.
WAL_NOTE = (
    "note: a reader still used the old pages, so the deleted bytes leave the database's -wal file at "
    "its next checkpoint (at the latest when the app stops)"
)


class NoConsultant(Exception):
    """``--user`` named nobody; the reason is printed already, ``cli.main`` exits with status 1."""


def as_consultant(email: str | None, action: Callable[[Engine, int], T]) -> T:
    """Run ``action(engine, user_id)`` for the consultant ``email`` names, on an engine disposed of afterwards."""
    engine = store_engine()
    try:
        user_id = consultant_id(engine, email)
        if user_id is None:
            raise NoConsultant
        return action(engine, user_id)
    finally:
        engine.dispose()
