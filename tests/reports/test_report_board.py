"""The board edition and honest drafts (issue 10).

Page one of the board edition, read back: the plain sentence with score,
target and peer median, every pillar's status in words and the five actions.
An open assessment 12% answered, and one with a single answered pillar: the
draft mark and the share on page one and on every page, no verdict for a
pillar without a score, no spread from one pillar, in both languages.
"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from report_helpers import squeeze

from i18n import t
from i18n.format import formatter
from questionnaires import load_questionnaire
from questionnaires.models import Questionnaire
from questionnaires.registry import DEFAULT_QUESTIONNAIRE
from reports.build import ReportInputs, report_bytes
from reports.context import build_context
from reports.sample import sample_inputs
from scoring.progress import progress

LANGUAGES = ("nl", "en")


@pytest.fixture(scope="module")
def default() -> Questionnaire:
    return load_questionnaire(DEFAULT_QUESTIONNAIRE)


@pytest.fixture(scope="module")
def sample(default: Questionnaire) -> ReportInputs:
    return sample_inputs(default)


@pytest.fixture(scope="module")
def board(sample: ReportInputs) -> dict[str, list[str]]:
    """The board edition of the sample in both languages, as the text of each page."""
    return {
        lang: [page.extract_text() for page in PdfReader(io.BytesIO(report_bytes(sample, "pdf", lang))).pages]
        for lang in LANGUAGES
    }


def _unfinished(inputs: ReportInputs, questionnaire: Questionnaire, kind: str) -> ReportInputs:
    """``12pct``: one respondent answered 8 people questions of 66 (process and technology nothing);
    ``one_pillar``: every respondent answered the people pillar only. Both still open."""
    people = [q.id for c in questionnaire.pillars[0].capabilities for q in c.questions]
    first, *others = inputs.assessment.respondents
    if kind == "12pct":
        keep = set(people[:8])
        respondents = (first.model_copy(update={"answers": {k: v for k, v in first.answers.items() if k in keep}}),)
    else:
        respondents = tuple(
            r.model_copy(update={"answers": {k: v for k, v in r.answers.items() if k in people}})
            for r in inputs.assessment.respondents
        )
    assessment = inputs.assessment.model_copy(update={"status": "open", "respondents": respondents})
    return ReportInputs(assessment, questionnaire, branding=inputs.branding, benchmark=None)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_one_of_the_board_edition_answers_how_resilient(board, sample: ReportInputs, lang: str) -> None:
    pages = board[lang]
    assert len(pages) <= 8
    one = squeeze(pages[0])
    summary = build_context(sample, lang, "board").summary
    fmt = formatter(lang)
    # The plain sentence: score, target and peer median with the number of peers.
    overall = sample.benchmark.overall
    assert overall is not None and overall.withheld is None
    sentence = (
        f"2,3 van 5: onder het doel van 3,0 en onder de mediaan ({fmt.number(overall.median)}) van {overall.peers} "
        "vergelijkbare organisaties"
        if lang == "nl"
        else f"2.3 out of 5: below the target of 3.0 and below the median ({fmt.number(overall.median)}) "
        f"of {overall.peers} comparable organisations"
    )
    assert summary.headline.startswith(sentence)
    assert squeeze(sentence) in one
    # Every pillar's status in words, and the five actions with owner, horizon and effort.
    for row in summary.pillars:
        assert squeeze(row.name) in one and squeeze(row.status) in one
    assert len(summary.actions) == 5
    for action in summary.actions:
        assert squeeze(action.title) in one and squeeze(action.short) in one and squeeze(action.effort) in one
        if action.note:
            assert squeeze(action.note) in one
    assert squeeze(summary.change) in one and squeeze(summary.level_note) in one
    # The band names organisation, date and questionnaire; no cover page before it.
    assert squeeze(sample.assessment.organisation.name) in one
    assert squeeze(fmt.date(sample.assessment.date)) in one
    assert squeeze(t("report.edition.board", lang)).upper() in one  # the band's kicker is in capitals
    # The board edition has no pillar chapters or appendix, but the roadmap's first ten and the lens in brief.
    everything = squeeze("".join(pages))
    assert squeeze(t("report.appendix.title", lang)) not in everything
    assert squeeze(t("report.roadmap.board_note", lang, shown=10, total=len(sample.result.roadmap))) in everything
    assert squeeze(t("report.lens.brief_intro", lang)) in everything


@pytest.mark.parametrize("kind", ["12pct", "one_pillar"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_unfinished_assessment_is_a_draft_without_false_verdicts(
    sample: ReportInputs, default: Questionnaire, kind: str, lang: str
) -> None:
    inputs = _unfinished(sample, default, kind)
    share = progress(inputs.assessment, default).share
    if kind == "12pct":
        assert formatter(lang).percent(share) == "12%"
    mark = t("report.draft.mark", lang, share=formatter(lang).percent(share))
    full = build_context(inputs, lang, "full")
    # The model: a draft, no spread from one pillar, no strengths below target, no verdict for the unscored.
    assert full.status.draft and full.status.mark == mark
    assert full.summary.balance == "–"
    assert [p.state for p in full.summary.pillars][1:] == ["unscored", "unscored"]
    verdicts = (t("report.pillar.no_findings", lang), t("report.state.met", lang))
    for section in full.pillars[1:]:
        assert section.no_findings == t("report.unscored.none", lang, share="0%")
        assert section.no_findings not in verdicts and not section.has_chart and not section.has_heatmap
    for row in full.summary.pillars[1:]:
        assert row.status == t("report.unscored.none", lang, share="0%")
    # The PDF: the mark on page one and in every page's margin; no "meets its target" anywhere.
    pdf = report_bytes(inputs, "pdf", lang, edition="full")
    pages = [squeeze(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]
    assert squeeze(mark) in pages[0] and squeeze(t("report.draft.note", lang)) in pages[0]
    assert all(squeeze(mark) in page for page in pages)
    assert squeeze(t("report.pillar.no_findings", lang)) not in "".join(pages)
    assert squeeze(t("report.roadmap.empty", lang)) not in "".join(pages)  # "every question meets its target"
    assert squeeze(t("report.unscored.none", lang, share="0%")) in "".join(pages)


def test_strengths_are_only_at_or_above_target(sample: ReportInputs) -> None:
    summary = build_context(sample, "en", "board").summary
    by_name = {c.id: c for c in sample.result.capabilities.values()}
    from reports.labels import labels

    names = labels(sample.questionnaire, "en")
    for strength in summary.strengths:
        capability = next(c for cid, c in by_name.items() if names[cid] == strength.title)
        assert capability.score >= capability.target


def test_a_comment_of_4000_characters_is_cut_in_the_pdf_and_whole_in_excel(sample: ReportInputs) -> None:
    from openpyxl import load_workbook

    from reports.sections.appendix import TEXT_CHARS

    first = sample.assessment.respondents[0]
    question = next(iter(first.answers))
    long = "x" * 4000
    answers = {**first.answers, question: first.answers[question].model_copy(update={"comment": long})}
    assessment = sample.assessment.model_copy(
        update={"respondents": (first.model_copy(update={"answers": answers}), *sample.assessment.respondents[1:])}
    )
    inputs = ReportInputs(assessment, sample.questionnaire)
    row = next(q for q in build_context(inputs, "en").appendix.answers if q.id == question).rows[0]
    assert len(row.comment.replace("\u200b", "")) == TEXT_CHARS and row.comment.endswith("…")
    assert row.cut_note == t("report.appendix.cut", "en")
    book = load_workbook(io.BytesIO(report_bytes(inputs, "xlsx", "en")), read_only=True)
    assert long in [cell for row in book["Answers"].iter_rows(values_only=True) for cell in row]
