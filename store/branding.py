"""Per-consultant report branding: logo, colour, consultant name, confidentiality label.

Logos are PNG or JPEG only, recognised by their first bytes, at most 512 KB.
SVG is refused on purpose: it is a document that can carry scripts and links
to fetch, and it ends up inside the PDF renderer.
"""

from __future__ import annotations

import re

from sqlalchemy import Engine, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from store._util import utcnow
from store.engine import reading, writing
from store.errors import InvalidInput, problem
from store.organisations import clean_text
from store.records import Branding
from store.schema import branding

MAX_LOGO_BYTES = 512 * 1024
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def logo_mime(data: bytes) -> str:
    """The MIME type of a logo, or ``InvalidInput`` when it is too big or not PNG/JPEG."""
    if len(data) > MAX_LOGO_BYTES:
        raise InvalidInput(problem("store.logo_too_big", size=len(data), limit=MAX_LOGO_BYTES))
    for signature, mime in _SIGNATURES.items():
        if data.startswith(signature):
            return mime
    raise InvalidInput(problem("store.logo_not_image"))


def get_branding(engine: Engine, user_id: int) -> Branding:
    """The consultant's branding; all empty when none was set."""
    with reading(engine) as connection:
        row = connection.execute(select(branding).where(branding.c.user_id == user_id)).first()
    if row is None:
        return Branding(user_id, None, None, None, None, None)
    return Branding(
        user_id=user_id,
        logo=row.logo,
        logo_mime=row.logo_mime,
        colour=row.colour,
        consultant_name=row.consultant_name,
        confidentiality_label=row.confidentiality_label,
    )


def _upsert(engine: Engine, user_id: int, values: dict[str, object]) -> None:
    values = {**values, "updated_at": utcnow()}
    with writing(engine) as connection:
        upsert = sqlite_insert if connection.dialect.name == "sqlite" else postgresql_insert
        connection.execute(
            upsert(branding)
            .values(user_id=user_id, **values)
            .on_conflict_do_update(index_elements=["user_id"], set_=values)
        )


def set_branding(
    engine: Engine,
    user_id: int,
    *,
    colour: str | None,
    consultant_name: str | None,
    confidentiality_label: str | None,
) -> Branding:
    """Replace colour, name and label (``None`` or empty clears one); the logo stays."""
    if colour and not COLOUR.match(colour):
        raise InvalidInput(problem("store.colour_invalid", colour=colour))
    _upsert(
        engine,
        user_id,
        {
            "colour": colour.lower() if colour else None,
            "consultant_name": clean_text(consultant_name, "name", required=False) or None
            if consultant_name is not None
            else None,
            "confidentiality_label": clean_text(confidentiality_label, "label", required=False) or None
            if confidentiality_label is not None
            else None,
        },
    )
    return get_branding(engine, user_id)


def set_logo(engine: Engine, user_id: int, data: bytes | None) -> Branding:
    """Replace the logo (``None`` removes it)."""
    mime = logo_mime(data) if data is not None else None
    _upsert(engine, user_id, {"logo": data, "logo_mime": mime})
    return get_branding(engine, user_id)
