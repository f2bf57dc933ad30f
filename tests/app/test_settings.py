"""Branding settings: name, label and colour stored for the reports."""

from __future__ import annotations

from store import branding
from tests.app.conftest import World, signed_in


def test_branding_is_stored(world: World) -> None:
    at = signed_in(world, "settings.py")
    at.text_input(key="settings_name").input("Weerbaar Advies")
    at.text_input(key="settings_label").input("Vertrouwelijk")
    at.color_picker(key="settings_colour").pick("#8a4f9e")
    at.button(key="settings_save").click().run()
    assert at.success[0].value == "Branding saved."
    stored = branding.get_branding(world.engine, world.user_id)
    assert (stored.consultant_name, stored.confidentiality_label, stored.colour) == (
        "Weerbaar Advies", "Vertrouwelijk", "#8a4f9e"
    )
    assert at.caption[-1].value == "No logo yet."


def test_the_stored_branding_shows_again_after_visiting_another_page(world: World) -> None:
    branding.set_branding(world.engine, world.user_id, colour="#8a4f9e", consultant_name="Weerbaar Advies",
                          confidentiality_label="Vertrouwelijk")
    at = signed_in(world, "settings.py")
    at.switch_page("app_pages/organisations.py").run()
    at.switch_page("app_pages/settings.py").run()
    assert at.text_input(key="settings_name").value == "Weerbaar Advies"
    assert at.text_input(key="settings_label").value == "Vertrouwelijk"
    assert at.color_picker(key="settings_colour").value == "#8a4f9e"
