"""The sign-in page slows repeated guesses with the same words for every address; the settings page shows the log."""

from __future__ import annotations

import pytest

from store import signin
from tests.app.conftest import PASSWORD, World, app, signed_in


def _attempt(email: str, password: str):
    at = app(lang="en")
    at.run()
    at.text_input(key="sign_in_email").input(email)
    at.text_input(key="sign_in_password").input(password)
    at.button[0].click().run()
    return at


@pytest.mark.parametrize("email", ["consultant@example.org", "nobody@example.org"])
def test_repeated_failures_are_slowed_with_the_same_words_whether_or_not_the_account_exists(
    world: World, email: str
) -> None:
    free = signin.ACCOUNT_FREE_FAILURES
    messages = [[e.value for e in _attempt(email, "wrong password!").error] for _ in range(free)]
    assert messages == [["E-mail address or password is not correct."]] * free
    at = _attempt(email, PASSWORD)  # even the right password waits its turn
    assert [e.value for e in at.error] == ["Too many attempts. Wait 1 seconds and try again."]
    assert "user_id" not in at.session_state


def test_the_settings_page_shows_the_accounts_sign_ins(world: World) -> None:
    _attempt("consultant@example.org", "wrong password!")
    signed = _attempt("consultant@example.org", PASSWORD)
    assert signed.session_state["user_id"] == world.user_id
    at = signed_in(world, "settings.py")
    assert not at.exception
    log = at.dataframe[-1].value
    assert list(log.columns) == ["Time", "Address", "Result"]
    assert list(log["Result"]) == ["Signed in", "Failed"]
    assert list(log["Address"]) == ["unknown", "unknown"]  # AppTest has no client address
    dutch = signed_in(world, "settings.py", lang="nl")
    assert list(dutch.dataframe[-1].value["Resultaat"]) == ["Gelukt", "Mislukt"]
