"""One section per pillar: capability chart and table, findings, disagreement with its heatmap, don't know."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from i18n.format import Formatter
from questionnaires.models import Pillar, localized
from reports import chart_data, charts
from reports.build import ReportInputs
from reports.labels import labels
from reports.sections import Figures, Item, status


@dataclass(frozen=True)
class CapabilityRow:
    name: str
    score: str
    level: str
    target: str
    gap: str
    confidence: str
    #: "Not yet answered (0% answered)" for a capability without a score, else "".
    unscored: str = ""


@dataclass(frozen=True)
class Finding:
    question: str
    score: str
    target: str
    observed: str
    next_step: str
    #: The pillar's name, for the board edition's findings across pillars.
    pillar: str = ""
    #: Gap × weight: the order of findings, within a pillar and across pillars.
    weight_gap: float = 0.0


@dataclass(frozen=True)
class Disagreement:
    number: int
    question: str
    spread: str
    levels: str


@dataclass(frozen=True)
class PillarSection:
    id: str
    anchor: str
    name: str
    description: str
    score: str
    level: str
    target: str
    gap: str
    confidence: str
    capabilities: tuple[CapabilityRow, ...]
    findings: tuple[Finding, ...]
    disagreements: tuple[Disagreement, ...]
    dont_know: tuple[Item, ...]
    has_heatmap: bool
    #: One line under the title: score, level, target and confidence, or "Not yet answered (…)".
    headline: str = ""
    #: What the findings table says when it is empty: never "meets its target" for what has no score.
    no_findings: str = ""
    #: The capability bars are drawn: at least one capability has a score (an empty chart is not drawn).
    has_chart: bool = True
    #: ``pillar:ID`` (capability bars) when a capability has a score and, with two respondents
    #: who gave a level in this pillar, ``heatmap:ID``.
    figures: Figures = field(default_factory=dict, compare=False)


#: Findings across pillars on the board edition's findings page.
TOP_FINDINGS = 8


def top_findings(sections: tuple[PillarSection, ...], count: int = TOP_FINDINGS) -> tuple[Finding, ...]:
    """The findings with the largest weighted gap across all pillars, largest first."""
    every = [finding for section in sections for finding in section.findings]
    return tuple(sorted(every, key=lambda f: -f.weight_gap)[:count])


def build(inputs: ReportInputs, fmt: Formatter) -> tuple[PillarSection, ...]:
    """Every pillar's section, in questionnaire order."""
    return tuple(pillar_section(inputs, pillar, fmt) for pillar in inputs.questionnaire.pillars)


def pillar_section(inputs: ReportInputs, pillar: Pillar, fmt: Formatter) -> PillarSection:
    result, assessment, lang = inputs.result, inputs.assessment, fmt.lang
    names = labels(inputs.questionnaire, lang)
    pr = result.pillars[pillar.id]
    progress = status.build(inputs, fmt)
    questions = [q for c in pillar.capabilities for q in c.questions]
    findings = []
    below = (q for q in questions if result.questions[q.id].gap)
    for q in sorted(below, key=lambda q: -(result.questions[q.id].gap or 0) * q.weight):
        qr = result.questions[q.id]
        current = math.floor(qr.score or 0)
        reach = min(current + 1, max(level.level for level in q.levels))
        findings.append(
            Finding(
                question=names[q.id],
                score=fmt.number(qr.score),
                target=fmt.number(qr.target),
                observed=localized(q.level(current).descriptor, lang),
                next_step=localized(q.level(reach).guidance, lang),
                pillar=names[pillar.id],
                weight_gap=(qr.gap or 0) * q.weight,
            )
        )
    disagreements = tuple(
        Disagreement(
            number=names.numbers[q.id],
            question=names[q.id],
            spread=str(result.questions[q.id].disagreement),
            levels="; ".join(
                f"{r.role}: {r.answers[q.id].value}"
                for r in assessment.respondents
                if q.id in r.answers and isinstance(r.answers[q.id].value, int)
            ),
        )
        for q in questions
        if result.questions[q.id].flagged
    )
    dont_know = tuple(
        Item(
            title=names[q.id],
            value=str(result.questions[q.id].dont_know),
            detail=", ".join(
                r.role for r in assessment.respondents if q.id in r.answers and r.answers[q.id].value == "dont_know"
            ),
        )
        for q in questions
        if result.questions[q.id].dont_know
    )
    has_chart = any(result.capabilities[c.id].score is not None for c in pillar.capabilities)
    figures = (
        {
            f"pillar:{pillar.id}": charts.capability_bars(
                chart_data.capability_bars(result, inputs.questionnaire, pillar.id, names), fmt
            )
        }
        if has_chart
        else {}
    )
    levels = chart_data.heatmap(assessment, inputs.questionnaire, pillar.id, names)
    if levels is not None:
        figures[f"heatmap:{pillar.id}"] = charts.disagreement_heatmap(levels, fmt)
    capabilities = tuple(
        CapabilityRow(
            name=names[c.id],
            score=fmt.number(r.score),
            level=fmt.level(r.level),
            target=fmt.number(r.target),
            gap=fmt.number(r.gap),
            confidence=fmt.percent(r.confidence),
            unscored=progress.unscored.get(c.id, ""),
        )
        for c in pillar.capabilities
        for r in [result.capabilities[c.id]]
    )
    unscored_questions = sum(1 for q in questions if result.questions[q.id].score is None)
    if pr.score is None:
        headline = no_findings = progress.unscored[pillar.id]
    else:
        headline = fmt.text(
            "report.pillar.summary", score=fmt.number(pr.score), level=fmt.level(pr.level),
            target=fmt.number(pr.target), confidence=fmt.percent(pr.confidence),
        )
        no_findings = (
            fmt.text("report.pillar.no_findings_partial", count=unscored_questions)
            if unscored_questions
            else fmt.text("report.pillar.no_findings")
        )
    return PillarSection(
        id=pillar.id,
        anchor=f"pillar-{pillar.id}",
        name=names[pillar.id],
        description=localized(pillar.description, lang),
        score=fmt.number(pr.score),
        level=fmt.level(pr.level),
        target=fmt.number(pr.target),
        gap=fmt.number(pr.gap),
        confidence=fmt.percent(pr.confidence),
        capabilities=capabilities,
        findings=tuple(findings),
        disagreements=disagreements,
        dont_know=dont_know,
        has_heatmap=levels is not None,
        headline=headline,
        no_findings=no_findings,
        has_chart=has_chart,
        figures=figures,
    )
