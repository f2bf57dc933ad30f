"""What the store commands share: the configured engine and the consultant ``--user`` names."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

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
