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
