"""Results page: scores with gated levels against targets, disagreement, don't-know, change."""

from __future__ import annotations

import datetime as dt
import json

from store import answers, assessments, respondents
from tests.app.conftest import BACKUP, EXERCISES, ROLES, World, signed_in, table_rows


def test_results_show_scores_with_gated_levels_against_targets_and_disagreement(answered: World) -> None:
    at = signed_in(answered, "results.py")
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Overall": "2.0", "Respondents": "2", "Balance": "1.5", "Confidence": "83%"}
    assert table_rows(at) == [
        ["People", "1.0 average, level 1 achieved", "3.0", "2.0", "50%", "–"],
        ["Process", "2.5 average, level 2 achieved", "3.0", "0.5", "100%", "–"],
        ["Technology", "2.5 average, level 2 achieved", "4.0", "1.5", "100%", "–"],
    ]
    # The assessment is open: the page marks its numbers as a draft first, as the PDF does.
    assert at.warning[0].value.startswith("**Draft — 100% answered** · This assessment is not closed yet")
    assert at.warning[1].value == (
        "2 questions with disagreement (respondents 2 or more levels apart)"
    )
    flagged = at.dataframe[0].value
    assert list(flagged["#"]) == [2, 3] and list(flagged["Range (levels)"]) == [3, 3]
    dont_know = at.dataframe[1].value
    assert list(dont_know["#"]) == [1] and list(dont_know["Number of 'don't know'"]) == [1]
    assert [chart.key for chart in at.get("plotly_chart")] == [
        "results_radar", "results_bars_people", "results_bars_process", "results_bars_technology",
        "results_heatmap_process", "results_heatmap_technology",
    ]  # a heatmap per pillar two respondents answered with a level, as in the PDF (people: one did, the
    # other does not know); no trend: there is no earlier assessment
    assert any(caption.value.startswith("Each row is a respondent") for caption in at.caption)
    # "2.5 average, level 2 achieved" is explained where it is read.
    assert any(caption.value.startswith("The level achieved is the level every scored question reaches")
               for caption in at.caption)


def test_results_in_dutch_write_a_decimal_comma_as_the_report_does(answered: World) -> None:
    at = signed_in(answered, "results.py", lang="nl")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Totaal": "2,0", "Respondenten": "2", "Balans": "1,5", "Zekerheid": "83%"}
    assert table_rows(at)[0] == ["Mens", "1,0 gemiddeld, niveau 1 behaald", "3,0", "2,0", "50%", "–"]


def test_results_say_when_the_overall_covers_only_some_pillars(world: World) -> None:
    answers.save_answer(world.engine, world.respondent_ids[0], ROLES, {"value": 4}, 0)
    at = signed_in(world, "results.py")
    assert {m.label: m.value for m in at.metric}["Overall"] == "4.0"
    assert at.warning[1].value == (
        "Not scored yet: Process, Technology. The overall score and the balance cover only the pillars with answers."
    )


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
    # The house style: a change that rounds to nothing is "±0", as in the PDF.
    assert [row[-1] for row in table_rows(at)] == ["±0", "+1.5", "+1.5"]
    assert at.metric[0].delta == "+1.0"
    assert any(subheader.value == "Change over time" for subheader in at.subheader)


def test_typed_text_in_charts_is_not_markup(answered: World) -> None:
    respondents.update_respondent(
        answered.engine, answered.user_id, answered.respondent_ids[0], role="<a href='https://evil.example'>IT</a>"
    )
    at = signed_in(answered, "results.py")
    heatmap = next(chart for chart in at.get("plotly_chart") if chart.key == "results_heatmap_process")
    figure = json.loads(heatmap.proto.spec)
    # reports.charts escapes labels (plotly reads <a href> and <b> as markup): the role shows literally.
    label = figure["data"][0]["y"][0]
    assert label.startswith("1. &lt;a") and "<a" not in label
