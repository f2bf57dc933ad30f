"""Client organisations, each owned by one consultant.

Every function takes the acting consultant's id and checks ownership in the
same query that reads or writes, so a page that forgets a check still cannot
reach another consultant's client. Someone else's organisation is
``NotFound``, exactly like one that does not exist.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, Row, delete, func, insert, or_, select, update

from questionnaires.sectors import canonical, matching_sections
from scoring.assessment import TextRefused, check_text
from store._util import as_utc, utcnow
from store.engine import reading, writing
from store.errors import InvalidInput, NotFound, problem
from store.records import Organisation
from store.schema import organisations

MAX_TEXT = 200


def clean_text(value: str, field: str, *, required: bool = True, limit: int = MAX_TEXT) -> str:
    """Trimmed text within ``limit`` characters, under the text rule; ``InvalidInput`` otherwise.

    The text rule is ``scoring.assessment.check_text``, the one the file
    import and the app's answers go through too. ``field`` names the field in
    the catalogue, ``store.field.FIELD``, so the refusal says which in the user's language.
    """
    name = problem(f"store.field.{field}")
    if not isinstance(value, str):
        raise InvalidInput(problem("store.field_not_text", field=name))
    try:
        value = str(check_text(value))
    except TextRefused as refused:
        code = f"U+{ord(refused.character):04X}"
        raise InvalidInput(problem("store.control_character", character=code)) from None
    cleaned = value.strip()
    if required and not cleaned:
        raise InvalidInput(problem("store.field_empty", field=name))
    if len(cleaned) > limit:
        raise InvalidInput(problem("store.field_too_long", field=name, limit=limit))
    return cleaned


def _organisation(row: Row) -> Organisation:
    return Organisation(
        id=row.id,
        owner_id=row.owner_id,
        name=row.name,
        sector=row.sector,
        size_class=row.size_class,
        demo=row.demo,
        created_at=as_utc(row.created_at),
    )


def owned_organisation(connection: Connection, user_id: int, organisation_id: int) -> Row:
    """The organisation row if ``user_id`` owns it; ``NotFound`` otherwise."""
    row = connection.execute(
        select(organisations).where(organisations.c.id == organisation_id, organisations.c.owner_id == user_id)
    ).first()
    if row is None:
        raise NotFound(problem("store.no_organisation", id=organisation_id))
    return row


def create_organisation(
    engine: Engine, user_id: int, name: str, sector: str, size_class: str, *, demo: bool = False
) -> Organisation:
    values = {
        "name": clean_text(name, "name"),
        "sector": canonical(clean_text(sector, "sector")),
        "size_class": clean_text(size_class, "size_class"),
    }
    with writing(engine) as connection:
        new_id = connection.execute(
            insert(organisations)
            .values(owner_id=user_id, demo=demo, created_at=utcnow(), **values)
            .returning(organisations.c.id)
        ).scalar_one()
        return _organisation(owned_organisation(connection, user_id, new_id))


def _matching(user_id: int, search: str | None) -> list:
    """The conditions for the consultant's organisations whose name or sector contains ``search``."""
    conditions = [organisations.c.owner_id == user_id]
    words = (search or "").strip()
    if words:
        # Case-insensitive on both databases; % and _ typed by the user are taken literally.
        pattern = "%" + words.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conditions.append(
            or_(
                func.lower(organisations.c.name).like(pattern, escape="\\"),
                func.lower(organisations.c.sector).like(pattern, escape="\\"),
                organisations.c.sector.in_(matching_sections(words)),
            )
        )
    return conditions


def list_organisations(
    engine: Engine, user_id: int, *, search: str | None = None, limit: int | None = None, offset: int = 0
) -> list[Organisation]:
    """The consultant's organisations by name; with ``limit``, one page of them from ``offset``.

    ``search`` keeps those whose name or sector contains it (case-insensitive).
    A consultant or sector body with thousands of clients pages through them.
    """
    query = select(organisations).where(*_matching(user_id, search)).order_by(organisations.c.name, organisations.c.id)
    if limit is not None:
        query = query.limit(limit).offset(max(offset, 0))
    with reading(engine) as connection:
        rows = connection.execute(query).all()
    return [_organisation(row) for row in rows]


def count_organisations(engine: Engine, user_id: int, *, search: str | None = None) -> int:
    """How many organisations ``list_organisations`` with the same ``search`` would list."""
    with reading(engine) as connection:
        return connection.execute(
            select(func.count()).select_from(organisations).where(*_matching(user_id, search))
        ).scalar_one()


def get_organisation(engine: Engine, user_id: int, organisation_id: int) -> Organisation:
    with reading(engine) as connection:
        return _organisation(owned_organisation(connection, user_id, organisation_id))


def update_organisation(
    engine: Engine,
    user_id: int,
    organisation_id: int,
    *,
    name: str | None = None,
    sector: str | None = None,
    size_class: str | None = None,
) -> Organisation:
    """Change the fields given; the others stay."""
    values: dict[str, str] = {}
    if name is not None:
        values["name"] = clean_text(name, "name")
    if sector is not None:
        values["sector"] = canonical(clean_text(sector, "sector"))
    if size_class is not None:
        values["size_class"] = clean_text(size_class, "size_class")
    with writing(engine) as connection:
        owned_organisation(connection, user_id, organisation_id)
        if values:
            connection.execute(update(organisations).where(organisations.c.id == organisation_id).values(**values))
        return _organisation(owned_organisation(connection, user_id, organisation_id))


def delete_organisation(engine: Engine, user_id: int, organisation_id: int) -> None:
    """Delete the organisation and, by cascading foreign keys, everything under it."""
    with writing(engine) as connection:
        done = connection.execute(
            delete(organisations).where(organisations.c.id == organisation_id, organisations.c.owner_id == user_id)
        )
        if done.rowcount != 1:
            raise NotFound(problem("store.no_organisation", id=organisation_id))
