"""Sectors from the fixed SBI / NACE list (migration 0007, issue 11 item 5).

Runs on SQLite and PostgreSQL (the store fixtures).
"""

from __future__ import annotations

from sqlalchemy import Engine, select, update

from questionnaires import load_questionnaire
from questionnaires.registry import DEFAULT_QUESTIONNAIRE
from store import organisations, transfer
from store.demo import create_demo
from store.migrate import current_revision, head_revision, upgrade
from store.schema import organisations as organisations_table
from store.users import find_user
from tests.store.test_questionnaire_texts import _downgrade


def _sectors(engine: Engine) -> dict[str, str]:
    with engine.connect() as connection:
        rows = connection.execute(select(organisations_table.c.name, organisations_table.c.sector)).all()
    return {name.removeprefix("Demo — "): sector for name, sector in rows}


def test_the_migration_maps_free_texts_to_sections_and_keeps_the_others(engine: Engine) -> None:
    demo = create_demo(engine, 6, load_questionnaire(DEFAULT_QUESTIONNAIRE), seed=3)
    user = find_user(engine, demo.email).id
    _downgrade(engine, "0006")
    assert current_revision(engine) == "0006"
    # The texts as the free-text field held them: the demo's own, other spellings, English, unknown ones.
    typed = {
        "Zorggroep Noord": "Zorg",
        "Gemeente Waterland": "Overheid",
        "Logistiek Centrum Oost": "logistiek",
        "Hogeschool De Delta": "ONDERWIJS",
        "Thuiszorg Het Anker": "Human health and social work activities",
        "Gemeente Heuvelrug": " government ",
    }
    with engine.begin() as connection:
        for name, sector in typed.items():
            connection.execute(
                update(organisations_table)
                .where(organisations_table.c.name == f"Demo — {name}")
                .values(sector=sector)
            )
    organisations.create_organisation(engine, user, "Bakkerij Brood", "Bakkerij", "1-49")  # no section
    with engine.begin() as connection:
        # Written before 0007 by the old free-text form: the store now maps these on the way in.
        connection.execute(
            update(organisations_table).where(organisations_table.c.name == "Bakkerij Brood").values(sector="Bakkerij")
        )

    upgrade(engine)
    assert current_revision(engine) == head_revision()
    assert _sectors(engine) == {
        "Zorggroep Noord": "Q",
        "Gemeente Waterland": "O",
        "Logistiek Centrum Oost": "H",
        "Hogeschool De Delta": "P",
        "Thuiszorg Het Anker": "Q",
        "Gemeente Heuvelrug": "O",
        "Bakkerij Brood": "Bakkerij",  # an other sector, kept with its text
    }
    # The export carries the letter; the other sector's text as typed.
    bakery = next(o for o in organisations.list_organisations(engine, user) if o.name == "Bakkerij Brood")
    assert organisations.get_organisation(engine, user, bakery.id).sector == "Bakkerij"
    exported = transfer.export_assessment(engine, user, demo.assessment_ids[0])
    assert '"sector": "Q"' in exported


def test_the_store_reads_typed_sectors_as_sections(engine: Engine, alice) -> None:
    made = organisations.create_organisation(engine, alice.user_id, "Zorg BV", " gezondheidszorg ", "1-49")
    assert made.sector == "Q"
    assert organisations.update_organisation(engine, alice.user_id, made.id, sector="Overheid").sector == "O"
    assert organisations.update_organisation(engine, alice.user_id, made.id, sector="Kapsalon").sector == "Kapsalon"
    # A search by a section's name finds the organisations stored under its letter.
    organisations.update_organisation(engine, alice.user_id, made.id, sector="o")
    assert [o.name for o in organisations.list_organisations(engine, alice.user_id, search="openbaar bestuur")] == [
        "Zorg BV"
    ]


def test_import_reads_a_letter_or_a_known_name_and_keeps_other_text(engine: Engine, alice, bob) -> None:
    import json

    exported = json.loads(transfer.export_assessment(engine, alice.user_id, alice.assessment_id))
    assert exported["organisation"]["sector"] == "Q"  # stored from "care"
    found = {}
    for typed in ("q", "Gezondheids- en welzijnszorg", "ZORG", "Bakkerij"):
        exported["organisation"]["name"] = f"Imported {typed}"
        exported["organisation"]["sector"] = typed
        info = transfer.import_assessment(engine, bob.user_id, json.dumps(exported).encode())
        found[typed] = organisations.get_organisation(engine, bob.user_id, info.organisation_id).sector
    assert found == {"q": "Q", "Gezondheids- en welzijnszorg": "Q", "ZORG": "Q", "Bakkerij": "Bakkerij"}
    # Importing the same file again finds the organisation stored under the letter (no duplicate).
    exported["organisation"].update(name="Imported ZORG", sector="zorg")
    again = transfer.import_assessment(engine, bob.user_id, json.dumps(exported).encode())
    assert organisations.get_organisation(engine, bob.user_id, again.organisation_id).name == "Imported ZORG"
    assert sum(o.name == "Imported ZORG" for o in organisations.list_organisations(engine, bob.user_id)) == 1
