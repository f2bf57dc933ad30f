"""Results, roadmap, benchmark and reports pages read the stored answers through scoring."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from app_pages import analysis
from scoring.assessment import RoadmapEdit
from store import answers, assessments, organisations, respondents, roadmap
from tests.app.conftest import World, signed_in

ROLES, EXERCISES, BACKUP = "people.roles.crisis-team", "process.exercises.tabletop", "technology.backup.offline"


@pytest.fixture
def answered(world: World) -> World:
    """Respondent 1 says 1 everywhere; respondent 2 doesn't know roles and says 4 elsewhere."""
    ids = [q.id for q in world.questionnaire.questions()]
    assert ids == [ROLES, EXERCISES, BACKUP]
    first, second = world.respondent_ids
    for qid in ids:
        answers.save_answer(world.engine, first, qid, {"value": 1}, 0)
    answers.save_answer(world.engine, second, ROLES, {"value": "dont_know"}, 0)
    answers.save_answer(world.engine, second, EXERCISES, {"value": 4}, 0)
    answers.save_answer(world.engine, second, BACKUP, {"value": 4}, 0)
    return world


def _table(at) -> list[list[str]]:  # noqa: ANN001
    frame = at.table[0].value
    return [[index, *map(str, row)] for index, row in zip(frame.index, frame.to_numpy(), strict=True)]


def test_results_show_scores_with_gated_levels_against_targets_and_disagreement(answered: World) -> None:
    at = signed_in(answered, "results.py")
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Overall": "2.0", "Respondents": "2", "Balance": "1.5", "Confidence": "83%"}
    assert _table(at) == [
        ["People", "1.0 average, level 1 achieved", "3.0", "2.0", "50%", "–"],
        ["Process", "2.5 average, level 2 achieved", "3.0", "0.5", "100%", "–"],
        ["Technology", "2.5 average, level 2 achieved", "4.0", "1.5", "100%", "–"],
    ]
    assert at.warning[0].value == (
        "⚑ 2 questions with disagreement (respondents 2 or more levels apart)"
    )
    flagged = at.dataframe[0].value
    assert list(flagged["#"]) == [2, 3] and list(flagged["Range (levels)"]) == [3, 3]
    dont_know = at.dataframe[1].value
    assert list(dont_know["#"]) == [1] and list(dont_know["Number of 'don't know'"]) == [1]
    assert [chart.key for chart in at.get("plotly_chart")] == [
        "results_radar", "results_bars_people", "results_bars_process", "results_bars_technology", "results_heatmap"
    ]  # no trend: there is no earlier assessment
    assert any(caption.value.startswith("Each row is a respondent") for caption in at.caption)


def test_results_without_answers_say_so(world: World) -> None:
    at = signed_in(world, "results.py")
    assert at.info[0].value == "No answers with a level yet; there is nothing to score."


def test_results_show_the_change_since_the_previous_closed_assessment(answered: World) -> None:
    earlier = assessments.create_assessment(
        answered.engine, answered.user_id, answered.organisation_id, answered.questionnaire,
        title="Vorig jaar", date=dt.date.today() - dt.timedelta(days=365), status="open",
    )
    person = respondents.add_respondent(answered.engine, answered.user_id, earlier.id, "IT manager")
    for qid in (ROLES, EXERCISES, BACKUP):
        answers.save_answer(answered.engine, person.respondent.id, qid, {"value": 1}, 0)
    assessments.update_assessment(answered.engine, answered.user_id, earlier.id, status="closed")
    at = signed_in(answered, "results.py")
    assert [row[-1] for row in _table(at)] == ["+0.0", "+1.5", "+1.5"]
    assert at.metric[0].delta == "+1.0"
    assert any(subheader.value == "Change over time" for subheader in at.subheader)


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


def test_benchmark_is_withheld_with_too_few_peers(answered: World) -> None:
    at = signed_in(answered, "benchmark.py")
    assert at.info[0].value == "Withheld: the peer group has 0 organisations, fewer than the required 5."
    assert len(at.get("plotly_chart")) == 0


def test_benchmark_shows_quartiles_with_five_peers(answered: World) -> None:
    for n, level in enumerate((1, 2, 3, 4, 5)):
        organisation = organisations.create_organisation(
            answered.engine, answered.user_id, f"Peer {n}", "government", "medium"
        )
        assessment = assessments.create_assessment(
            answered.engine, answered.user_id, organisation.id, answered.questionnaire, status="open"
        )
        person = respondents.add_respondent(answered.engine, answered.user_id, assessment.id, "IT")
        for qid in (ROLES, EXERCISES, BACKUP):
            answers.save_answer(answered.engine, person.respondent.id, qid, {"value": level}, 0)
        assessments.update_assessment(answered.engine, answered.user_id, assessment.id, status="closed")
    at = signed_in(answered, "benchmark.py")
    assert not at.exception
    table = at.dataframe[0].value
    people = table[table["Pillar or capability"] == "People"].iloc[0]
    assert (people["Own score"], people["P25"], people["Median"], people["P75"]) == ("1.0", "2.0", "3.0", "4.0")
    assert len(at.get("plotly_chart")) == 1


def test_reports_page_offers_three_downloads_and_the_json_is_the_assessment(answered: World) -> None:
    at = signed_in(answered, "reports.py")
    assert not at.exception
    assert [b.proto.label for b in at.get("download_button")] == ["Download PDF", "Download Excel", "Download JSON"]
    document = json.loads(analysis.export(answered.user_id, answered.assessment_id, "json", "en"))
    assert document["organisation"]["name"] == "Gemeente Testdorp"
    assert [r["role"] for r in document["respondents"]] == ["IT manager", "Director"]
    workbook = analysis.export(answered.user_id, answered.assessment_id, "xlsx", "en")
    assert workbook[:2] == b"PK"


def test_typed_text_in_charts_is_not_markup(answered: World) -> None:
    respondents.update_respondent(
        answered.engine, answered.user_id, answered.respondent_ids[0], role="<a href='https://evil.example'>IT</a>"
    )
    at = signed_in(answered, "results.py")
    heatmap = next(chart for chart in at.get("plotly_chart") if chart.key == "results_heatmap")
    figure = json.loads(heatmap.proto.spec)
    # Wrapped by the chart (<br> is the chart's own), the role itself entity-escaped.
    assert figure["data"][0]["y"][0] == "1. &lt;a<br>href='https://evil.example'&gt;IT&lt;/a&gt;"
