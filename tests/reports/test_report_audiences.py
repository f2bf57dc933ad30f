"""The audiences and workshop section (reports.sections.audiences): settled questions with the answers before the
workshop, perception gaps, questions asked of nobody, in the PDF's HTML (both editions), the workbook and honest
for partial data: nothing without audiences or a settled question."""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from pathlib import Path

import pytest
from openpyxl import load_workbook

from assessments import load_assessment_file
from i18n.format import formatter
from questionnaires import load_questionnaire
from reports.build import ReportInputs
from reports.context import build_context
from reports.excel import workbook_bytes
from reports.pdf import render_html
from reports.sections import audiences
from scoring.assessment import AgreedAnswer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PLAN = "process.plans.continuity-plan"


@pytest.fixture(scope="module")
def worked() -> ReportInputs:
    questionnaire = load_questionnaire(FIXTURES / "worked-example.yaml")
    assessment, resolved = load_assessment_file(
        FIXTURES / "worked-example.json", {(questionnaire.id, questionnaire.version): questionnaire}
    )
    return ReportInputs(assessment, resolved)


def _html(inputs: ReportInputs, edition: str) -> str:
    """The report's HTML without drawing its charts (every chart an empty image)."""
    return render_html(build_context(inputs, "en", edition), charts=defaultdict(str))


def _changed(inputs: ReportInputs, **changes: object) -> ReportInputs:
    return ReportInputs(inputs.assessment.model_copy(update=changes), inputs.questionnaire)


def test_the_worked_example_states_the_settled_question_the_gap_and_full_coverage(worked: ReportInputs) -> None:
    section = audiences.build(worked, formatter("en"))
    assert section.shown and section.has_audiences
    [settled] = section.settled
    assert (settled.id, settled.number, settled.agreed) == (PLAN, 3, "2")
    assert settled.rationale.startswith("The plan is approved")
    assert settled.before == "Before the workshop: median 3.0, spread 2"
    # Roles and their levels before the workshop, never names.
    assert settled.answers == "CISO: 3; IT manager: 1; Managing director: 3"
    assert settled.recorded == "consultant@example.org · Mar 9, 2026, 2:00:00\u202fPM UTC"
    assert [(g.kind, g.name, g.finding, g.difference) for g in section.gaps] == [
        ("Pillar", "Process", "Management 3.0, ICT 1.0", "2.0"),
        ("Capability", "Plans", "Management 3.0, ICT 1.0", "2.0"),
    ]
    assert section.audiences == ("Management", "ICT")
    assert [(row.name, row.scores, row.finding) for row in section.rows if row.is_pillar] == [
        ("People", ("2.0", "3.0"), False), ("Process", ("3.0", "1.0"), True), ("Technology", ("–", "2.0"), False),
    ]
    assert section.not_covered == () and section.not_covered_note == ""
    assert section.respondents == "Management: 1 respondent · ICT: 1 respondent"

    dutch = audiences.build(worked, formatter("nl"))
    assert dutch.settled[0].before == "Voor de workshop: mediaan 3,0, spreiding 2"
    assert dutch.gaps[0].finding == "Management 3,0, ICT 1,0"


def test_questions_asked_of_nobody_are_said_so_and_one_audience_is_no_comparison(worked: ReportInputs) -> None:
    # Only the managing director (management) keeps audiences; the CISO and IT manager leave:
    # the two ICT-only backup questions were asked of nobody.
    only_management = _changed(worked, respondents=(worked.assessment.respondents[2],), agreed={})
    section = audiences.build(only_management, formatter("en"))
    assert section.has_audiences and section.settled == ()
    assert [q.id for q in section.not_covered] == ["technology.backup.offline", "technology.backup.restore-test"]
    assert section.not_covered_note.startswith("2 questions were asked of nobody")
    assert section.gaps == ()
    assert section.gaps_note.startswith("Only 1 audience has a score: there is nothing to compare yet.")
    assert only_management.result.questions["technology.backup.offline"].score is None


def test_nothing_without_audiences_or_a_settled_question(worked: ReportInputs) -> None:
    plain = _changed(
        worked,
        respondents=tuple(r.model_copy(update={"audiences": ()}) for r in worked.assessment.respondents),
        agreed={},
    )
    section = audiences.build(plain, formatter("en"))
    assert not section.shown and section.gaps == () and section.not_covered == ()
    assert audiences.sheets(plain, formatter("en")) == []
    html = _html(plain, "full")
    assert 'id="audiences"' not in html and "Asked of nobody" not in html
    # A workshop without audiences: the settled question alone, no perception gap or coverage claims.
    settled_only = _changed(worked, respondents=plain.assessment.respondents)
    section = audiences.build(settled_only, formatter("en"))
    assert section.shown and not section.has_audiences and len(section.settled) == 1
    html = _html(settled_only, "board")
    assert "Settled in the workshop" in html and "Perception gaps" not in html and "Asked of nobody" not in html


@pytest.mark.parametrize("edition", ["board", "full"])
def test_both_editions_show_the_section_and_escape_typed_text(worked: ReportInputs, edition: str) -> None:
    hostile = AgreedAnswer(value="na", reason="<b>no servers</b>", rationale="<script>alert(1)</script> agreed",
                           by="consultant@example.org", at=dt.datetime(2026, 3, 9, 14, tzinfo=dt.UTC))
    inputs = _changed(worked, agreed={**worked.assessment.agreed, "process.exercises.tabletop": hostile})
    html = _html(inputs, edition)
    assert 'id="audiences"' in html and "Settled in the workshop" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; agreed" in html and "<script>" not in html
    assert "&lt;b&gt;no servers&lt;/b&gt;" in html
    assert "Management 3.0, ICT 1.0" in html and "Before the workshop: median 3.0, spread 2" in html
    assert ('href="#audiences"' in html) == (edition == "full")
    section = build_context(inputs, "en", edition).audiences
    assert [s.agreed for s in section.settled] == ["2", "N/A"]


def test_the_board_edition_cuts_long_lists_and_says_how_many_more(worked: ReportInputs) -> None:
    section = audiences.build(worked, formatter("en"))
    many = audiences.AudiencesSection(
        has_audiences=True, settled=section.settled * 12, not_covered=(), gaps=section.gaps * 6,
        audiences=section.audiences, rows=section.rows,
    )
    brief = many.brief(formatter("en"))
    assert len(brief.settled) == audiences.BOARD_ROWS and brief.settled_more == "… and 2 more in the full report."
    assert len(brief.gaps) == audiences.BOARD_ROWS and brief.gaps_more == "… and 2 more in the full report."
    assert brief.not_covered_more == "" and all(row.is_pillar for row in brief.rows)


def test_the_workbook_has_the_workshop_the_scores_per_audience_and_the_coverage(worked: ReportInputs) -> None:
    book = load_workbook(io.BytesIO(workbook_bytes(worked, formatter("en"))))
    assert book.sheetnames[-3:] == ["Workshop", "Audiences", "Asked of nobody"]
    workshop = list(book["Workshop"].values)
    assert workshop[0][:5] == ("id", "#", "Question", "Pillar", "Agreed")
    row = dict(zip(workshop[0], workshop[1], strict=True))
    assert (row["id"], row["Agreed"], row["Median before the workshop"], row["Spread before the workshop"]) == (
        PLAN, 2, 3, 2)
    assert row["Recorded by"] == "consultant@example.org" and row["Rationale"].startswith("The plan is approved")
    assert row["Answers"] == "CISO: 3; IT manager: 1; Managing director: 3"
    scores = {r[1]: r for r in book["Audiences"].values}
    assert scores["id"][3:] == ("Management", "ICT", "Difference", "Finding")
    assert scores["process"][3:] == (3, 1, 2, "Management 3.0, ICT 1.0")
    assert scores["people"][3:] == (2, 3, 1, None)
    assert list(book["Asked of nobody"].values)[1][2] == "Every question was asked of at least one respondent."
