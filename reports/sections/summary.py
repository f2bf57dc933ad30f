"""The executive summary: headline, overall figures, pillar table, strengths, gaps, next actions, trend."""

from __future__ import annotations

from dataclasses import dataclass, field

from i18n.format import Formatter
from reports import chart_data, charts
from reports.build import ReportInputs
from reports.labels import Labels, labels
from reports.sections import Figures, Item
from scoring.results import CapabilityResult
from scoring.trend import trend

#: How many strengths, gaps and actions the executive summary lists.
SUMMARY_ITEMS = 3
SUMMARY_ACTIONS = 5


@dataclass(frozen=True)
class PillarRow:
    id: str
    name: str
    scored: bool
    score: str
    level: str
    target: str
    gap: str
    change: str
    peer_median: str
    confidence: str


@dataclass(frozen=True)
class Summary:
    headline: str
    overall: str
    overall_level: str
    balance: str
    confidence: str
    #: "Previous assessment (date): 2.1; change +0.3." or "This is the first assessment …".
    change: str
    #: The overall change alone ("+0.3"), or "" without a previous assessment.
    overall_change: str
    pillars: tuple[PillarRow, ...]
    #: Names of pillars without a score yet (the overall covers only the others).
    unscored: tuple[str, ...]
    strengths: tuple[Item, ...]
    gaps: tuple[Item, ...]
    actions: tuple[Item, ...]
    has_trend: bool
    #: Which questionnaire version each assessment of the trend used and what the trend compares; "" alone.
    basis: str
    #: ``radar`` and, with earlier assessments, ``trend``.
    figures: Figures = field(default_factory=dict, compare=False)


def _capability_item(c: CapabilityResult, names: Labels, fmt: Formatter) -> Item:
    value = fmt.text("report.summary.score_of_target", score=fmt.number(c.score), target=fmt.number(c.target))
    return Item(title=names[c.id], value=value, detail=names[c.pillar])


def _basis(inputs: ReportInputs, fmt: Formatter) -> str:
    """The versions behind the trend, said whenever there is one, so a reader knows what is compared."""
    history = inputs.history
    if history is None or history.previous is None:
        return ""
    dated = ", ".join(
        fmt.text("report.trend.version_of", date=fmt.date(r.date, "medium"), version=v)
        for r, v in zip(history.results, history.versions, strict=True)
    )
    if history.shared_questions is None:
        text = fmt.text("report.trend.same_version", versions=dated)
    else:
        text = fmt.text(
            "report.trend.shared_questions", versions=dated, count=history.shared_questions,
            total=history.total_questions,
        )
    if history.left_out:
        text += " " + fmt.text("report.trend.left_out", count=history.left_out)
    return text


def build(inputs: ReportInputs, fmt: Formatter) -> Summary:
    result, questionnaire = inputs.result, inputs.questionnaire
    names = labels(questionnaire, fmt.lang)
    previous, compared = inputs.previous, inputs.compared
    change = trend(previous, compared) if previous is not None else None
    medians = chart_data.peer_medians(inputs.benchmark)
    pillars = tuple(
        PillarRow(
            id=pid,
            name=names[pid],
            scored=p.score is not None,
            score=fmt.number(p.score),
            level=fmt.level(p.level),
            target=fmt.number(p.target),
            gap=fmt.number(p.gap),
            change=fmt.signed(change.pillars.get(pid)) if change else fmt.number(None),
            peer_median=fmt.number(medians.get(pid)),
            confidence=fmt.percent(p.confidence),
        )
        for pid, p in result.pillars.items()
    )
    levels = [p.level for p in result.pillars.values() if p.level is not None]
    overall_level = min(levels) if levels else None
    scored = [c for c in result.capabilities.values() if c.score is not None]
    strengths = sorted(scored, key=lambda c: (-(c.score - c.target), -c.score))[:SUMMARY_ITEMS]
    gaps = sorted((c for c in scored if c.gap), key=lambda c: -(c.gap or 0))[:SUMMARY_ITEMS]
    open_steps = [s for s in result.roadmap if s.status != "done"][:SUMMARY_ACTIONS]
    actions = tuple(
        Item(
            title=s.guidance(questionnaire, fmt.lang),
            value=fmt.text(f"report.horizon.{s.horizon}"),
            detail=names[s.question],
            note=s.owner or "",
        )
        for s in open_steps
    )
    if result.overall is None:
        headline = fmt.text("report.summary.headline_none")
    else:
        headline = fmt.text(
            "report.summary.headline",
            overall=fmt.number(result.overall),
            level=fmt.level(overall_level),
            count=sum(1 for p in result.pillars.values() if p.gap),
            pillars=len(result.pillars),
        )
    if change is not None and previous is not None:
        change_text = fmt.text(
            "report.summary.change",
            date=fmt.date(previous.date),
            previous=fmt.number(previous.overall),
            change=fmt.signed(change.overall),
        )
    else:
        change_text = fmt.text("report.summary.no_previous")
    figures = {"radar": charts.pillar_radar(chart_data.radar(result, inputs.benchmark, names), fmt)}
    earlier = inputs.history.results[:-1] if inputs.history else ()
    history = chart_data.trend(earlier, compared, names, fmt.text("report.overall"))
    if history is not None:
        figures["trend"] = charts.trend_chart(history, fmt)
    return Summary(
        headline=headline,
        overall=fmt.number(result.overall),
        overall_level=fmt.level(overall_level),
        balance=fmt.number(result.balance),
        confidence=fmt.percent(result.confidence),
        change=change_text,
        basis=_basis(inputs, fmt),
        overall_change="" if change is None else fmt.signed(change.overall),
        pillars=pillars,
        unscored=tuple(row.name for row in pillars if not row.scored),
        strengths=tuple(_capability_item(c, names, fmt) for c in strengths),
        gaps=tuple(_capability_item(c, names, fmt) for c in gaps),
        actions=actions,
        has_trend="trend" in figures,
        figures=figures,
    )
