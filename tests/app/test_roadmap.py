"""Roadmap page: the computed steps in an editable table, stored edits, the timeline."""

from __future__ import annotations

import datetime as dt

import pytest

from app_pages import analysis
from scoring.assessment import RoadmapEdit
from store import roadmap
from tests.app.conftest import World, signed_in


def test_roadmap_lists_the_steps_and_stores_an_edit(answered: World) -> None:
    at = signed_in(answered, "roadmap.py")
    assert not at.exception
    frame = at.dataframe(key="roadmap_editor_0").value
    assert at.caption[0].value.startswith(f"{len(frame)} steps, each taking one question one level up.")
    assert set(frame["status"]) == {"open"} and set(frame["horizon"]) <= {"now", "next", "later"}
    assert frame["action"].iloc[0] != ""
    assert [chart.key for chart in at.get("plotly_chart")] == ["roadmap_timeline"]


def test_roadmap_table_changes_become_store_edits(answered: World) -> None:
    data = analysis.load(answered.user_id, answered.assessment_id)
    steps = [{"key": s.key, "owner": "", "horizon": s.horizon, "due": None, "status": s.status}
             for s in data.result.roadmap]
    edits = analysis.roadmap_edits(steps, {0: {"owner": " Anna ", "due": "2027-03-01", "status": "in_progress"}})
    assert edits == {
        steps[0]["key"]: RoadmapEdit(owner="Anna", horizon=steps[0]["horizon"], due=dt.date(2027, 3, 1),
                                     status="in_progress")
    }
    with pytest.raises(ValueError):
        analysis.roadmap_edits(steps, {1: {"status": "finished"}})
    roadmap.set_roadmap_edit(answered.engine, answered.user_id, answered.assessment_id, steps[0]["key"],
                             edits[steps[0]["key"]])
    at = signed_in(answered, "roadmap.py")
    shown = at.dataframe(key="roadmap_editor_0").value
    assert (shown["owner"].iloc[0], shown["status"].iloc[0]) == ("Anna", "in_progress")
    again = analysis.load(answered.user_id, answered.assessment_id).result.roadmap[0]
    assert (again.owner, again.status, again.due) == ("Anna", "in_progress", dt.date(2027, 3, 1))


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "No steps yet: no question has been answered with a level."),
        ("nl", "Nog geen stappen: nog geen enkele vraag is met een niveau beantwoord."),
    ],
)
def test_an_empty_roadmap_says_nothing_is_answered_yet(world: World, lang: str, said: str) -> None:
    at = signed_in(world, "roadmap.py", lang=lang)
    assert not at.exception
    assert [info.value for info in at.info] == [said]
