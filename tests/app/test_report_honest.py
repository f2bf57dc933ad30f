"""An unfinished assessment on the results and reports pages: marked as a draft with its share answered,
no verdict for a pillar without a score, no spread from one pillar (issue 10)."""

from __future__ import annotations

import pytest

from store import answers
from tests.app.conftest import ROLES, World, signed_in, table_rows

TEXTS = {
    "en": {
        "mark": "**Draft — 17% answered** · This assessment is not closed yet",
        "balance": "Balance",
        "unscored": "Not yet answered (0% answered)",
        "verdict": "meets its target",
        "warning": "This assessment is not closed yet (17% answered)",
    },
    "nl": {
        "mark": "**Concept — 17% beantwoord** · Dit assessment is nog niet afgesloten",
        "balance": "Balans",
        "unscored": "Nog niet beantwoord (0% beantwoord)",
        "verdict": "halen hun doel",
        "warning": "Dit assessment is nog niet afgesloten (17% beantwoord)",
    },
}


@pytest.fixture
def one_pillar(world: World) -> World:
    """One answer of six possible (two respondents, three questions): only the people pillar has a score."""
    answers.save_answer(world.engine, world.respondent_ids[0], ROLES, {"value": 4}, 0)
    return world


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_results_page_marks_a_draft_and_gives_no_verdict_without_a_score(one_pillar: World, lang: str) -> None:
    texts = TEXTS[lang]
    at = signed_in(one_pillar, "results.py", lang=lang)
    assert not at.exception
    assert at.warning[0].value.startswith(texts["mark"])
    # One scored pillar has no spread: a dash, never "0.0".
    assert {m.label: m.value for m in at.metric}[texts["balance"]] == "–"
    rows = table_rows(at)
    assert [row[1] for row in rows[1:]] == [texts["unscored"], texts["unscored"]]
    everything = " ".join(str(element.value) for element in (*at.markdown, *at.caption, *at.warning, *at.info))
    assert texts["verdict"] not in everything
    # The unscored pillars draw no empty capability chart.
    assert [chart.key for chart in at.get("plotly_chart")][:2] == ["results_radar", "results_bars_people"]
    assert "results_bars_process" not in [chart.key for chart in at.get("plotly_chart")]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_reports_page_warns_before_a_draft_is_built(one_pillar: World, lang: str) -> None:
    at = signed_in(one_pillar, "reports.py", lang=lang)
    assert not at.exception
    assert at.warning[0].value.startswith(TEXTS[lang]["warning"])


def test_reports_page_offers_the_board_edition_first_and_builds_it_with_its_stages(one_pillar: World) -> None:
    at = signed_in(one_pillar, "reports.py")
    assert [b.proto.label for b in at.button][:2] == ["Build PDF", "Build PDF"]
    boxes = [m.value for m in at.markdown if m.value.startswith("**PDF")]
    assert boxes == ["**PDF — board edition**", "**PDF — full report**"]
    assert at.button[0].proto.type == "primary"
    at.button[0].click().run(timeout=180)
    assert not at.exception
    assert [box.label for box in at.status] == ["The report is ready to download."]
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels[0] == "Download PDF"
    pdf = at.session_state["reports_pdf_board"][2]
    assert pdf[:5] == b"%PDF-"
