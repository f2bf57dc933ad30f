"""One section per pillar: capability chart and table, findings, disagreement with its heatmap, don't know."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from i18n.format import Formatter
from questionnaires.models import Pillar, localized
from reports import chart_data, charts
from reports.build import ReportInputs
from reports.labels import labels
from reports.sections import Figures, Item


@dataclass(frozen=True)
class CapabilityRow:
    name: str
    score: str
    level: str
    target: str
    gap: str
    confidence: str


@dataclass(frozen=True)
class Finding:
    question: str
    score: str
    target: str
    observed: str
    next_step: str


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
    #: ``pillar:ID`` (capability bars) and, with two respondents or more, ``heatmap:ID``.
    figures: Figures = field(default_factory=dict, compare=False)


def build(inputs: ReportInputs, fmt: Formatter) -> tuple[PillarSection, ...]:
    """Every pillar's section, in questionnaire order."""
    return tuple(pillar_section(inputs, pillar, fmt) for pillar in inputs.questionnaire.pillars)


def pillar_section(inputs: ReportInputs, pillar: Pillar, fmt: Formatter) -> PillarSection:
    result, assessment, lang = inputs.result, inputs.assessment, fmt.lang
    names = labels(inputs.questionnaire, lang)
    pr = result.pillars[pillar.id]
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
    figures = {
        f"pillar:{pillar.id}": charts.capability_bars(
            chart_data.capability_bars(result, inputs.questionnaire, pillar.id, names), fmt
        )
    }
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
        )
        for c in pillar.capabilities
        for r in [result.capabilities[c.id]]
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
        figures=figures,
    )
