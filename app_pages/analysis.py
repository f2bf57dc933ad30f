"""Loading an assessment's scores for the result pages: store → scoring, nothing computed here.

The result pages (results, roadmap, benchmark, reports) all need the same
thing: the assessment as the file model, its pinned questionnaire, the scored
``Result``, and the organisation's earlier results for the trend. This module
fetches them through the store and scores them with ``scoring``; it adds no
arithmetic of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from app_pages import common
from questionnaires import Questionnaire, localized
from scoring.assessment import Assessment
from scoring.results import Result
from scoring.scores import score_assessment
from store import assessments


@dataclass(frozen=True)
class Analysis:
    assessment_id: int
    document: Assessment
    questionnaire: Questionnaire
    result: Result
    #: Earlier assessments of the same organisation with the same questionnaire, oldest first.
    history: tuple[Result, ...]

    @property
    def previous(self) -> Result | None:
        return self.history[-1] if self.history else None


def load(user_id: int, assessment_id: int) -> Analysis:
    engine = common.engine()
    document, questionnaire = assessments.assessment_document(engine, user_id, assessment_id)
    result = score_assessment(document, questionnaire)
    info = assessments.get_assessment(engine, user_id, assessment_id)
    history: list[Result] = []
    for other in assessments.list_assessments(engine, user_id, info.organisation_id):
        if other.id == assessment_id or other.questionnaire_id != info.questionnaire_id:
            continue
        if (other.date, other.id) >= (info.date, info.id):
            continue
        earlier, earlier_questionnaire = assessments.assessment_document(engine, user_id, other.id)
        history.append(score_assessment(earlier, earlier_questionnaire))
    return Analysis(assessment_id, document, questionnaire, result, tuple(history))


def question_numbers(questionnaire: Questionnaire) -> dict[str, int]:
    """Question id → its number in the questionnaire (1-based), the short label charts use."""
    return {question.id: n for n, question in enumerate(questionnaire.questions(), start=1)}


def respondent_levels(analysis: Analysis, lang: str) -> pd.DataFrame:
    """Respondents × questions with each given level (NaN for N/A, don't know, unanswered).

    Rows are respondents (labelled by role, numbered when roles repeat),
    columns the question numbers of the questions anyone answered.
    """
    numbers = question_numbers(analysis.questionnaire)
    labels: list[str] = []
    rows: list[dict[str, float]] = []
    for n, respondent in enumerate(analysis.document.respondents, start=1):
        labels.append(f"{n}. {respondent.role}")
        rows.append(
            {
                str(numbers[qid]): float(answer.value) if isinstance(answer.value, int) else float("nan")
                for qid, answer in respondent.answers.items()
                if qid in numbers
            }
        )
    frame = pd.DataFrame(rows, index=labels)
    ordered = [str(n) for n in sorted(numbers.values()) if str(n) in frame.columns]
    return frame.reindex(columns=ordered).astype(float)


def names(questionnaire: Questionnaire, lang: str) -> dict[str, str]:
    """Localised names of pillars, capabilities and question texts by id."""
    found: dict[str, str] = {}
    for pillar in questionnaire.pillars:
        found[pillar.id] = localized(pillar.name, lang)
        for capability in pillar.capabilities:
            found[capability.id] = localized(capability.name, lang)
            for question in capability.questions:
                found[question.id] = localized(question.text, lang)
    return found


@dataclass(frozen=True)
class PeerGroup:
    """The peers chosen for a benchmark: which group, and their results."""

    sector: str
    size_class: str | None
    results: tuple[Result, ...]


def peer_group(user_id: int, data: Analysis) -> PeerGroup:
    """The consultant's other clients in the same sector with the same questionnaire: their latest closed assessment.

    When enough of them share the size class too, only those. The k-anonymity
    rule itself is applied by ``scoring.benchmark``.
    """
    from scoring.benchmark import DEFAULT_K
    from store import organisations

    engine = common.engine()
    own = assessments.get_assessment(engine, user_id, data.assessment_id)
    sector = data.document.organisation.sector
    size = data.document.organisation.size_class
    found: list[tuple[str, Result]] = []
    for organisation in organisations.list_organisations(engine, user_id):
        if organisation.id == own.organisation_id or organisation.sector != sector:
            continue
        closed = [
            a for a in assessments.list_assessments(engine, user_id, organisation.id)
            if a.status == "closed" and a.questionnaire_id == own.questionnaire_id
        ]
        if not closed:
            continue
        document, questionnaire = assessments.assessment_document(engine, user_id, closed[-1].id)
        found.append((organisation.size_class, score_assessment(document, questionnaire)))
    same_size = tuple(result for size_class, result in found if size_class == size)
    if len(same_size) >= DEFAULT_K:
        return PeerGroup(sector, size, same_size)
    return PeerGroup(sector, None, tuple(result for _, result in found))


def peer_figures(user_id: int, data: Analysis):  # noqa: ANN201 - scoring.benchmark.Benchmark
    """The benchmark of this assessment against its peer group (figures of small groups withheld)."""
    from scoring.benchmark import DEFAULT_K, benchmark, peer_table

    group = peer_group(user_id, data)
    return group, benchmark(data.result, peer_table(group.results), DEFAULT_K)


def report_benchmark(user_id: int, data: Analysis):  # noqa: ANN201 - reports.context.BenchmarkInput
    """The benchmark as the report wants it: shown rows, or the reason it is withheld."""
    from reports.context import BenchmarkInput, BenchmarkRow

    group, result = peer_figures(user_id, data)
    shown = [f for f in result.figures.values() if f.withheld is None and f.median is not None]

    def rows(kind: str) -> tuple[BenchmarkRow, ...]:
        return tuple(
            BenchmarkRow(id=f.measure, q1=f.p25, median=f.median, q3=f.p75, percentile=f.percentile)
            for f in shown
            if f.kind == kind
        )

    return BenchmarkInput(
        peers=len(group.results),
        k=result.k,
        shown=bool(shown),
        reason=None if shown else "report.benchmark.reason.too_few",
        group=group.sector,
        pillars=rows("pillar"),
        capabilities=rows("capability"),
    )


def report_context(user_id: int, data: Analysis, lang: str):  # noqa: ANN201 - reports.context.ReportContext
    """Everything the PDF shows, built by ``reports.context`` from the stored assessment."""
    from reports.context import Branding, build_context
    from store import branding

    stored = branding.get_branding(common.engine(), user_id)
    return build_context(
        data.result,
        data.document,
        data.questionnaire,
        lang,
        branding=Branding.from_image(
            logo=stored.logo,
            logo_mime=stored.logo_mime,
            colour=stored.colour,
            consultant=stored.consultant_name,
            confidentiality=stored.confidentiality_label,
        ),
        benchmark=report_benchmark(user_id, data),
        history=data.history,
    )
