"""Organisations page: create, edit, delete with confirmation — stored in the database."""

from __future__ import annotations

from store import organisations
from tests.app.conftest import World, signed_in


def test_create_an_organisation(world: World) -> None:
    at = signed_in(world, "organisations.py")
    at.text_input(key="org_new_name").input("Waterschap Oost")
    at.selectbox(key="org_new_sector").set_value("O")
    assert at.selectbox(key="org_new_size").options == [
        "1–49 staff", "50–249 staff", "250–999 staff", "1,000 staff or more"
    ]
    at.selectbox(key="org_new_size").set_value("1000+")
    at.button(key="org_create").click().run()
    assert not at.exception
    assert at.success[0].value == "Organisation Waterschap Oost was created."
    names = {(o.name, o.sector, o.size_class) for o in organisations.list_organisations(world.engine, world.user_id)}
    assert names == {("Gemeente Testdorp", "O", "50-249"), ("Waterschap Oost", "O", "1000+")}
    # The new organisation becomes the one worked on.
    assert at.sidebar.selectbox(key="organisation_id").format_func(at.session_state["organisation_id"]) == (
        "Waterschap Oost"
    )


def test_an_organisation_without_a_name_is_refused(world: World) -> None:
    at = signed_in(world, "organisations.py")
    at.selectbox(key="org_new_sector").set_value("O")
    at.button(key="org_create").click().run()
    # What did not happen, then the store's reason in the user's language (a store error is a message).
    assert at.error[0].value == "Not saved: fill in name and sector (at most 200 characters). Reason: name is empty."
    assert len(organisations.list_organisations(world.engine, world.user_id)) == 1


def test_edit_an_organisation(world: World) -> None:
    at = signed_in(world, "organisations.py")
    at.text_input(key="org_edit_name").input("Gemeente Testdorp-Noord")
    at.button(key="org_save").click().run()
    assert at.success[0].value == "Changes saved."
    assert organisations.get_organisation(world.engine, world.user_id, world.organisation_id).name == (
        "Gemeente Testdorp-Noord"
    )


def test_editing_keeps_a_size_class_from_elsewhere(world: World) -> None:
    # An imported or older organisation with a size class the page does not offer: saving the name
    # must not quietly change it (it chooses the benchmark's peers).
    organisations.update_organisation(world.engine, world.user_id, world.organisation_id, size_class="medium")
    at = signed_in(world, "organisations.py")
    assert at.selectbox(key="org_edit_size").value == "medium"
    assert at.dataframe[0].value["Size"].tolist() == ["medium"]
    at.text_input(key="org_edit_name").input("Gemeente Testdorp-Zuid")
    at.button(key="org_save").click().run()
    stored = organisations.get_organisation(world.engine, world.user_id, world.organisation_id)
    assert (stored.name, stored.size_class) == ("Gemeente Testdorp-Zuid", "medium")


def test_size_classes_read_as_staff_numbers_in_dutch(world: World) -> None:
    at = signed_in(world, "organisations.py", lang="nl")
    assert at.dataframe[0].value["Omvang"].tolist() == ["50–249 medewerkers"]


def test_the_edit_form_is_filled_again_after_visiting_another_page(world: World) -> None:
    # Streamlit drops the fields' values while another page is shown; back here they must show the
    # stored organisation again, not empty fields and the first size class (which a save would store).
    at = signed_in(world, "organisations.py")
    at.switch_page("app_pages/results.py").run()
    at.switch_page("app_pages/organisations.py").run()
    assert at.text_input(key="org_edit_name").value == "Gemeente Testdorp"
    assert at.selectbox(key="org_edit_sector").value == "O"
    assert at.selectbox(key="org_edit_size").value == "50-249"
    at.button(key="org_save").click().run()
    stored = organisations.get_organisation(world.engine, world.user_id, world.organisation_id)
    assert (stored.name, stored.sector, stored.size_class) == ("Gemeente Testdorp", "O", "50-249")


def test_delete_asks_for_confirmation_first(world: World) -> None:
    at = signed_in(world, "organisations.py")
    at.button(key="org_delete").click().run()
    assert "Are you sure? Gemeente Testdorp will be deleted" in at.warning[0].value
    assert len(organisations.list_organisations(world.engine, world.user_id)) == 1
    at.button(key="org_delete_no").click().run()
    assert len(at.warning) == 0
    at.button(key="org_delete").click().run()
    at.button(key="org_delete_yes").click().run()
    assert at.success[0].value == "The organisation was deleted."
    assert organisations.list_organisations(world.engine, world.user_id) == []
    assert at.info[0].value == "No organisations yet. Create your first client below."


def test_the_sector_is_picked_from_the_sbi_sections_or_typed_as_other(world: World) -> None:
    at = signed_in(world, "organisations.py", lang="nl")
    choices = at.selectbox(key="org_new_sector").options
    assert len(choices) == 22  # the 21 SBI / NACE sections A–U, then "other"
    assert choices[0] == "A · Landbouw, bosbouw en visserij"
    assert choices[16] == "Q · Gezondheids- en welzijnszorg"
    assert choices[-1] == "Anders (zelf omschrijven)"
    # The stored free text "government" was read as section O; the table names it.
    assert at.dataframe[0].value["Sector"].tolist() == [
        "Openbaar bestuur, overheidsdiensten en verplichte sociale verzekeringen"
    ]
    at.text_input(key="org_new_name").input("Bakkerij Brood")
    at.selectbox(key="org_new_sector").set_value("other").run()
    assert any("telt niet mee in vergelijkingsgroepen" in c.value for c in at.caption)
    at.text_input(key="org_new_sector_other").input("Bakkerij")
    at.button(key="org_create").click().run()
    assert not at.exception
    made = next(o for o in organisations.list_organisations(world.engine, world.user_id) if o.name == "Bakkerij Brood")
    assert made.sector == "Bakkerij"
    # Editing it shows "other" with its text; the table says "Anders: Bakkerij".
    assert at.selectbox(key="org_edit_sector").value == "other"
    assert at.text_input(key="org_edit_sector_other").value == "Bakkerij"
    assert "Anders: Bakkerij" in at.dataframe[0].value["Sector"].tolist()
    # Picking a section for it stores the letter.
    at.selectbox(key="org_edit_sector").set_value("G")
    at.button(key="org_save").click().run()
    assert organisations.get_organisation(world.engine, world.user_id, made.id).sector == "G"
