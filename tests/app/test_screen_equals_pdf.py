"""What a consultant sees is what the board reads: the results page and the PDF draw equal chart data.

The page's figures (as Streamlit received them) are compared with the
figures of the report context built from the same stored assessment: every
trace's data, labels and layout. One pillar is left unscored, which used to
be NaN on screen and 0 in the PDF.
"""

from __future__ import annotations

import json

import pytest

from app_pages import analysis
from reports.context import build_context
from store import answers, assessments, respondents
from tests.app.conftest import BACKUP, EXERCISES, ROLES, World, add_peers, signed_in

#: Page chart key → report figure name.
CHARTS = {
    "results_radar": "radar",
    "results_bars_people": "pillar:people",
    "results_bars_process": "pillar:process",
    "results_bars_technology": "pillar:technology",
    "results_heatmap_people": "heatmap:people",
    "results_heatmap_process": "heatmap:process",
    "results_heatmap_technology": "heatmap:technology",
    "results_trend": "trend",
}


def _spec(figure_json: str) -> dict:
    spec = json.loads(figure_json)
    return {"data": spec["data"], "layout": spec["layout"]}


def _with_history_and_peers(world: World) -> None:
    """An earlier closed assessment (trend) and five peers (benchmark) around the world's assessment."""
    earlier = assessments.create_assessment(
        world.engine, world.user_id, world.organisation_id, world.questionnaire, title="Vorig jaar",
        date=assessments.get_assessment(world.engine, world.user_id, world.assessment_id).date.replace(year=2020),
        status="open",
    )
    person = respondents.add_respondent(world.engine, world.user_id, earlier.id, "IT manager")
    for qid in (ROLES, EXERCISES, BACKUP):
        answers.save_answer(world.engine, person.respondent.id, qid, {"value": 1}, 0)
    assessments.update_assessment(world.engine, world.user_id, earlier.id, status="closed")
    add_peers(world)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_screen_and_pdf_draw_equal_chart_data_with_an_unscored_pillar(world: World, lang: str) -> None:
    first, second = world.respondent_ids
    # People and process scored, technology not at all: an unscored pillar.
    answers.save_answer(world.engine, first, ROLES, {"value": 1}, 0)
    answers.save_answer(world.engine, second, ROLES, {"value": 4}, 0)
    answers.save_answer(world.engine, first, EXERCISES, {"value": 2}, 0)
    answers.save_answer(world.engine, second, BACKUP, {"value": "dont_know"}, 0)
    _with_history_and_peers(world)

    at = signed_in(world, "results.py", lang=lang)
    assert not at.exception
    screen = {chart.key: _spec(chart.proto.spec) for chart in at.get("plotly_chart")}
    context = build_context(analysis.load(world.user_id, world.assessment_id).inputs, lang)
    pdf = {name: _spec(figure.to_json()) for name, figure in context.figures.items()}

    shown = {key: name for key, name in CHARTS.items() if key in screen}
    assert set(shown) == set(screen), "every chart on the page is a report figure"
    assert {"results_radar", "results_trend", "results_bars_people", "results_heatmap_people"} <= set(shown)
    # The unscored pillar draws no empty capability chart, on screen or in the PDF.
    assert "results_bars_technology" not in screen and "pillar:technology" not in context.figures
    for key, name in shown.items():
        assert screen[key] == pdf[name], key
    # The unscored pillar is a gap in the radar on both, never a score of 0.
    current = next(trace for trace in screen["results_radar"]["data"] if trace["name"] in ("Current", "Huidig"))
    assert current["r"][2] is None
