"""A refresh keeps the consultant signed in, on the organisation and assessment in use (issue 11, item 2).

A refresh is a new Streamlit session: a fresh ``AppTest`` whose connection carries the
cookie the first one's script wrote (``auth.session_cookie`` stands in for the browser).
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from scoring.assessment import Targets
from store import assessments, organisations, sessions
from store.engine import reading
from store.schema import consultant_sessions
from tests.app.conftest import World, app

PASSWORD = "correct horse battery"


def _sign_in(world: World) -> tuple[object, str]:
    from store import users

    users.set_password(world.engine, world.user_id, PASSWORD)
    email = users.get_user(world.engine, world.user_id).email
    at = app(lang="en")
    at.run()
    at.text_input(key="sign_in_email").set_value(email)
    at.text_input(key="sign_in_password").set_value(PASSWORD)
    at.button[0].click().run()
    assert at.session_state["user_id"] == world.user_id
    key = at.session_state["consultant_session"]
    # The run after sign-in writes the cookie with the fixed script: the key, SameSite=Strict, no other data.
    scripts = [element.proto.body for element in at.get("html")]
    assert any(key in body and "SameSite=Strict" in body for body in scripts), scripts
    return at, key


def _refresh(monkeypatch: pytest.MonkeyPatch, key: str | None) -> object:
    monkeypatch.setattr("app_pages.auth.session_cookie", lambda: key)
    at = app(lang="en")
    at.run()
    return at


def test_a_refresh_keeps_the_consultant_on_the_organisation_and_assessment(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = organisations.create_organisation(world.engine, world.user_id, "Second client", "Zorg", "50-249")
    second = assessments.create_assessment(world.engine, world.user_id, other.id, world.questionnaire,
                                           title="Second", date=dt.date(2026, 3, 1), targets=Targets())
    at, key = _sign_in(world)
    at.sidebar.selectbox(key="organisation_id").set_value(other.id).run()
    assert at.session_state["assessment_id"] == second.id

    again = _refresh(monkeypatch, key)
    assert not again.exception
    assert again.session_state["user_id"] == world.user_id
    assert again.session_state["organisation_id"] == other.id
    assert again.session_state["assessment_id"] == second.id
    assert "sign_in_email" not in [w.key for w in again.text_input]


def test_sign_out_ends_the_session_and_clears_the_cookie(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    at, key = _sign_in(world)
    at.sidebar.button(key="sign_out").click().run()
    assert "user_id" not in at.session_state
    assert any("Max-Age=0" in element.proto.body for element in at.get("html"))
    with reading(world.engine) as connection:
        assert connection.execute(select(func.count()).select_from(consultant_sessions)).scalar_one() == 0
    again = _refresh(monkeypatch, key)
    assert "user_id" not in again.session_state
    assert again.text_input(key="sign_in_email")


def test_an_idle_session_ends(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(sessions.IDLE_SETTING, "0.5")
    _, key = _sign_in(world)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=31)
    assert sessions.resume_session(world.engine, key, now=later) is None  # and its row is gone
    again = _refresh(monkeypatch, key)
    assert "user_id" not in again.session_state


def test_a_made_up_or_foreign_cookie_opens_nothing(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    for key in ("x" * 43, "not a key", "<script>"):
        assert "user_id" not in _refresh(monkeypatch, key).session_state


def test_a_remembered_place_that_is_no_longer_the_consultants_is_not_used(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from store import users

    stranger = users.add_user(world.engine, "stranger@example.org", "another long password")
    theirs = organisations.create_organisation(world.engine, stranger.id, "Theirs", "Zorg", "50-249")
    _, key = _sign_in(world)
    sessions.remember_place(world.engine, key, theirs.id, None)
    again = _refresh(monkeypatch, key)
    assert again.session_state["user_id"] == world.user_id
    assert again.session_state["organisation_id"] == world.organisation_id


def test_the_idle_time_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(sessions.IDLE_SETTING, raising=False)
    assert sessions.idle_limit() == dt.timedelta(hours=8)
    monkeypatch.setenv(sessions.IDLE_SETTING, "2")
    assert sessions.idle_limit() == dt.timedelta(hours=2)
