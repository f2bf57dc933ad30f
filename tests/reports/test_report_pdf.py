"""The PDF read back: what a board needs is in it, in Dutch and in English."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from report_helpers import pdf_text, squeeze

from i18n import t
from reports.build import ReportInputs
from reports.context import Branding, build_context
from reports.pdf import environment, render_html, render_pdf_checked
from scoring.trend import ComparableHistory


@pytest.fixture(scope="module")
def rendered(small_result, previous_result, small_assessment, small_questionnaire) -> dict:
    out = {}
    for lang in ("nl", "en"):
        inputs = ReportInputs(
            small_assessment, small_questionnaire,
            branding=Branding(consultant="Adviesbureau Kompas", confidentiality="Vertrouwelijk – alleen bestuur"),
            history=ComparableHistory.of([previous_result], small_result, small_questionnaire.question_count),
            result=small_result,
        )
        context = build_context(inputs, lang)
        out[lang] = render_pdf_checked(context)
    return out


EXPECTED = {
    "nl": {
        "pillars": ["Mens", "Proces", "Technologie"],
        "scores": ["2,0", "1,0", "3,0"],
        "actions": [
            "Leg de rollen vast en laat het management ze vaststellen.",
            "Herhaal de tabletop met een nieuw scenario.",
            "Test elk kwartaal een herstel.",
            "Zet een jaarlijkse tabletop in de agenda van het management.",
        ],
    },
    "en": {
        "pillars": ["People", "Process", "Technology"],
        "scores": ["2.0", "1.0", "3.0"],
        "actions": [
            "Write the roles down and have management sign them off.",
            "Repeat the tabletop with a new scenario.",
            "Test a restore every quarter.",
            "Put a yearly tabletop on management's calendar.",
        ],
    },
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_pdf_says_what_the_board_needs(rendered, lang: str) -> None:
    result = rendered[lang]
    pages, text = pdf_text(result.pdf)
    assert pages == 12
    assert result.pages == 12
    assert result.refused == ()
    expected = EXPECTED[lang]
    assert "WaterschapVoorbeeld" in text
    assert "AdviesbureauKompas" in text
    assert squeeze(t("report.summary.title", lang)) in text
    for pillar, score in zip(expected["pillars"], expected["scores"], strict=True):
        assert squeeze(f"{pillar}{score}") in text  # the summary table row: pillar, then its score
    for action in expected["actions"]:
        assert squeeze(action) in text
    for paragraph in ("report.method.scale", "report.method.level"):
        assert squeeze(t(paragraph, lang)) in text
    assert squeeze(t("report.benchmark.reason.not_requested", lang)) in text
    assert squeeze(t("report.benchmark.rule", lang, k=5)) in text
    assert "small-example" in text
    assert "Crisisleiderisbekend." in text
    assert "https://intranet.example.org/backup" in text
    assert "Belegdbijdeveiligheidsregio." in text


def test_demo_reports_say_so_on_every_page(small_result, small_assessment, small_questionnaire) -> None:
    demo = small_assessment.model_copy(update={"demo": True})
    context = build_context(ReportInputs(demo, small_questionnaire), "en")
    reader = PdfReader(io.BytesIO(render_pdf_checked(context).pdf))
    for page in reader.pages:
        assert "DEMO" in page.extract_text()


def test_not_a_demo_report_has_no_demo_mark(rendered) -> None:
    assert "DEMO" not in pdf_text(rendered["en"].pdf)[1]


def test_templates_escape_everything_and_fail_on_unknown_fields() -> None:
    env = environment()
    assert env.autoescape is True
    template = env.from_string("{{ x }}")
    assert template.render(x="<b>{{ 7*7 }}</b>") == "&lt;b&gt;{{ 7*7 }}&lt;/b&gt;"
    with pytest.raises(Exception, match="undefined"):
        env.from_string("{{ missing.field }}").render()


def test_the_html_has_no_url_outside_the_report(small_result, small_assessment, small_questionnaire) -> None:
    context = build_context(ReportInputs(small_assessment, small_questionnaire, result=small_result), "en")
    html = render_html(context, charts={name: "data:image/svg+xml;base64,PHN2Zy8+" for name in context.figures})
    assert 'href="report.css"' in html
    assert "http://" not in html
    # The only https link is the evidence link, as a clickable annotation, never fetched.
    assert html.count("https://") == 2


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_full_edition_opens_with_the_board_summary_then_contents(lang: str) -> None:
    """The full edition keeps every chapter, with the board summary first (no cover page)."""
    from questionnaires import load_questionnaire
    from questionnaires.registry import DEFAULT_QUESTIONNAIRE
    from reports.build import report_bytes
    from reports.sample import sample_inputs

    inputs = sample_inputs(load_questionnaire(DEFAULT_QUESTIONNAIRE))
    pdf = report_bytes(inputs, "pdf", lang, edition="full")
    pages = [squeeze(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]
    assert squeeze(t("report.summary.actions", lang)) in pages[0]
    assert squeeze(t("report.toc", lang)) in pages[1]
    first_pillar = squeeze(f"{t('report.col.pillar', lang)}: {'Mens' if lang == 'nl' else 'People'}")
    assert any(first_pillar in page for page in pages[3:])
    assert squeeze(t("report.appendix.title", lang)) in pages[-1]  # the appendix, every answer, last