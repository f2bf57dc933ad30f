"""The demo opens on its richest organisation: a worked roadmap, a trend, and the picker starts there."""

from __future__ import annotations

from questionnaires import installed_questionnaires
from store import demo, roadmap, users
from tests.app.conftest import app


def test_the_demo_starts_on_the_organisation_with_a_worked_roadmap(engine) -> None:
    installed = installed_questionnaires()
    newest = max(installed.values(), key=lambda q: q.version)
    made = demo.create_demo(engine, 8, newest, seed=3)
    user = users.find_user(engine, made.email)
    edits = roadmap.get_roadmap_edits(engine, user.id, made.assessment_ids[1])
    assert len(edits) == 6 and {edit.status for edit in edits.values()} == {"done", "in_progress", "open"}
    at = app(lang="en")
    at.session_state["user_id"] = user.id
    at.session_state["user_email"] = user.email
    at.run()
    assert not at.exception
    assert at.session_state["organisation_id"] == made.organisation_ids[0]  # not the alphabetically first
    assert at.session_state["assessment_id"] == made.assessment_ids[1]  # its latest, with the roadmap
