"""Reports page: the slide deck is offered and is the assessment's deck, in the report language."""

from __future__ import annotations

import io

from pptx import Presentation

from app_pages import analysis
from reports.build import RENDERERS, report_bytes
from tests.app.conftest import World, signed_in


def test_the_reports_page_offers_the_slide_deck(answered: World) -> None:
    at = signed_in(answered, "reports.py")
    assert not at.exception
    assert "Download slides" in {b.proto.label for b in at.get("download_button")}
    assert RENDERERS["pptx"].charts  # built in the app's process, with its warm browser
    inputs = analysis.load(answered.user_id, answered.assessment_id).inputs
    deck = Presentation(io.BytesIO(report_bytes(inputs, "pptx", "nl")))
    assert deck.slides[0].shapes.title.text == "Gemeente Testdorp"
    assert deck.core_properties.language == "nl-NL"
