"""Sign-in with the store's password check; consultant pages need it."""

from __future__ import annotations

from tests.app.conftest import PASSWORD, World, app


def _sign_in(email: str, password: str):
    at = app(lang="en")
    at.run()
    at.text_input(key="sign_in_email").input(email)
    at.text_input(key="sign_in_password").input(password)
    at.button[0].click().run()
    return at


def test_without_sign_in_only_the_sign_in_page_is_shown(world: World) -> None:
    at = app(lang="en")
    at.run()
    assert [s.value for s in at.subheader] == ["Consultant sign-in"]
    assert "user_id" not in at.session_state


def test_a_wrong_password_is_refused(world: World) -> None:
    at = _sign_in("consultant@example.org", "wrong password!")
    assert [e.value for e in at.error] == ["E-mail address or password is not correct."]
    assert "user_id" not in at.session_state


def test_the_right_password_signs_in_and_sign_out_signs_out(world: World) -> None:
    at = _sign_in("Consultant@Example.org ", PASSWORD)
    assert at.session_state["user_id"] == world.user_id
    assert at.title[0].value == "Organisations"
    assert at.sidebar.selectbox(key="organisation_id").value == world.organisation_id
    at.sidebar.button(key="sign_out").click().run()
    assert "user_id" not in at.session_state
    assert [s.value for s in at.subheader] == ["Consultant sign-in"]


def test_the_sign_in_page_is_dutch_by_default(world: World) -> None:
    at = app()
    at.run()
    assert [s.value for s in at.subheader] == ["Inloggen voor consultants"]


def test_with_an_auth_section_in_the_secrets_the_identity_provider_signs_in(world: World) -> None:
    at = app(lang="en")
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "not-a-real-secret",
        "client_id": "veerkracht",
        "client_secret": "not-a-real-secret",
        "server_metadata_url": "https://login.example.org/.well-known/openid-configuration",
    }
    at.secrets["veerkracht"] = {"allowed_emails": ["Consultant@example.org"]}
    at.run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Sign in with your organisation account"]
    assert len(at.text_input) == 0  # no password form
    assert "user_id" not in at.session_state


def test_the_allow_list_is_normalised_and_nothing_is_allowed_without_one() -> None:
    from app_pages.auth import allowed_emails

    secrets = {"veerkracht": {"allowed_emails": [" Consultant@Example.org", "b@example.org"]}}
    assert allowed_emails(secrets) == {"consultant@example.org", "b@example.org"}
    assert allowed_emails({"auth": {}}) == set()


def test_every_consultant_address_has_a_sign_in_stand_in() -> None:
    import re
    from pathlib import Path

    from app_pages.common import CONSULTANT_PATHS

    source = (Path(__file__).resolve().parents[2] / "app.py").read_text(encoding="utf-8")
    assert set(re.findall(r'url_path="([a-z-]+)"', source)) == set(CONSULTANT_PATHS)
