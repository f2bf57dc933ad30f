"""The board summary: the plain answer to "how resilient are we?", pillar statuses, five actions, change.

Page one of both editions of the PDF, and the top of the results page. The
headline sentence states the score, the target and (when peers are shown)
the peer median; each pillar's status is said in words as well as in colour
(``state``: ``met``, ``below`` or ``unscored``), so it reads in greyscale. A
pillar without a score gets no verdict, only "not yet answered" with its
share answered (``reports.sections.status``); strengths are only capabilities
at or above their target; the spread needs two scored pillars.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from i18n.format import Formatter
from reports import chart_data, charts
from reports.build import ReportInputs
from reports.labels import Labels, labels
from reports.sections import Figures, Item, roadmap, status
from reports.sector_names import peer_group_label, sector_label
from scoring.benchmark import BenchmarkFigure
from scoring.results import CapabilityResult, Result
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
    #: ``met`` (at or above target), ``below`` or ``unscored``: the colour of the status.
    state: str = "unscored"
    #: The status in words: "0.7 below target · above peer median (2.6)", or "Not yet answered (0% answered)".
    status: str = ""
    #: Share of this pillar's questions answered, "40%".
    answered: str = ""


@dataclass(frozen=True)
class Action(Item):
    """A next action: ``title`` the step, ``value`` the horizon, ``detail`` the question, ``note`` the owner."""

    pillar: str = ""
    #: The horizon in one word, "Now" / "Nu" (``value`` has its months).
    short: str = ""
    #: The effort under the column "Effort": "low" / "klein".
    effort: str = ""


@dataclass(frozen=True)
class Summary:
    #: The plain answer: "2.3 out of 5: below the target of 3.0 and below the median (2.6) of 7 …".
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
    #: The overall target (mean of the scored pillars' targets), "3.0", or a dash.
    target: str = ""
    #: The peers' overall median when shown, else "".
    peer_median: str = ""
    #: "Level achieved: …" in one line, wherever the level is shown.
    level_note: str = ""
    #: Draft mark, share answered and the unscored measures' texts.
    status: status.Status | None = None
    #: What an empty list of strengths or gaps says: "None." or, with nothing scored, "None yet: …".
    none: str = ""
    #: Why there are no actions, when there are none ("No steps yet: …", "Every step … is done.").
    no_actions: str = ""
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


def _compare(score: float, other: float) -> str:
    """``above``, ``at`` or ``below``, as the one-decimal figures beside it read."""
    difference = round(score, 1) - round(other, 1)
    return "at" if abs(difference) < 0.05 else ("above" if difference > 0 else "below")


def _shown(figure: BenchmarkFigure | None) -> BenchmarkFigure | None:
    return figure if figure is not None and figure.withheld is None and figure.median is not None else None


def _pillar_status(state: str, gap: float | None, median: float | None, score: float | None, fmt: Formatter) -> str:
    words = [fmt.text("report.state.met") if state == "met" else fmt.text("report.state.below", gap=fmt.number(gap))]
    if median is not None and score is not None:
        words.append(fmt.text(f"report.state.peers.{_compare(score, median)}", median=fmt.number(median)))
    return " · ".join(words)


def _headline(inputs: ReportInputs, fmt: Formatter, names: Labels) -> tuple[str, float | None]:
    """The plain sentence and the overall target it names."""
    result = inputs.result
    scored = [p for p in result.pillars.values() if p.score is not None]
    if result.overall is None or not scored:
        return fmt.text("report.summary.headline_none"), None
    target = sum(p.target for p in scored) / len(scored)
    peers = ""
    overall = _shown(inputs.benchmark.overall if inputs.benchmark else None)
    if overall is not None:
        peers = fmt.text(
            f"report.summary.vs_peers.{_compare(result.overall, overall.median)}",
            median=fmt.number(overall.median),
            peers=overall.peers,
            group=peer_group_label(inputs.peer_group, result.sector, result.size_class, fmt)
            or sector_label(result.sector, fmt),
        )
    sentence = fmt.text(
        "report.summary.sentence",
        score=fmt.number(result.overall),
        target=fmt.text(f"report.summary.vs_target.{_compare(result.overall, target)}", target=fmt.number(target)),
        peers=peers,
    )
    unscored = [p for p in result.pillars.values() if p.score is None]
    if unscored:
        sentence += " " + fmt.text(
            "report.summary.unscored_sentence",
            pillars=", ".join(names[p.id] for p in unscored),
            scored=", ".join(names[p.id] for p in scored),
        )
    return sentence, target


def build(inputs: ReportInputs, fmt: Formatter) -> Summary:
    result, questionnaire = inputs.result, inputs.questionnaire
    names = labels(questionnaire, fmt.lang)
    previous, compared = inputs.previous, inputs.compared
    change = trend(previous, compared) if previous is not None else None
    medians = chart_data.peer_medians(inputs.benchmark)
    progress = status.build(inputs, fmt)

    def row(pid: str) -> PillarRow:
        p = result.pillars[pid]
        state = "unscored" if p.score is None else ("below" if p.gap else "met")
        words = (
            progress.unscored[pid]
            if p.score is None
            else _pillar_status(state, p.gap, medians.get(pid), p.score, fmt)
        )
        return PillarRow(
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
            state=state,
            status=words,
            answered=progress.shares[pid],
        )

    pillars = tuple(row(pid) for pid in result.pillars)
    levels = [p.level for p in result.pillars.values() if p.level is not None]
    overall_level = min(levels) if levels else None
    scored = [c for c in result.capabilities.values() if c.score is not None]
    # A strength is at or above its target: "top strengths" below target would praise a gap.
    at_target = [c for c in scored if not c.gap]
    strengths = sorted(at_target, key=lambda c: (-(c.score - c.target), -c.score))[:SUMMARY_ITEMS]
    gaps = sorted((c for c in scored if c.gap), key=lambda c: -(c.gap or 0))[:SUMMARY_ITEMS]
    open_steps = [s for s in result.roadmap if s.status != "done"][:SUMMARY_ACTIONS]
    actions = tuple(
        Action(
            title=s.guidance(questionnaire, fmt.lang),
            value=fmt.text(f"report.horizon.{s.horizon}"),
            detail=names[s.question],
            note=s.owner or "",
            pillar=names[s.pillar],
            short=fmt.text(f"report.horizon_short.{s.horizon}"),
            effort=fmt.text(f"report.effort.{s.effort}"),
        )
        for s in open_steps
    )
    headline, target = _headline(inputs, fmt, names)
    overall_peers = _shown(inputs.benchmark.overall if inputs.benchmark else None)
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
        target=fmt.number(target),
        peer_median=fmt.number(overall_peers.median) if overall_peers else "",
        level_note=fmt.text("report.summary.level_note"),
        status=progress,
        none=fmt.text("report.summary.none" if scored else "report.summary.none_scored"),
        no_actions=_no_actions(result, fmt) if not actions else "",
        figures=figures,
    )


def _no_actions(result: Result, fmt: Formatter) -> str:
    """Why the board gets no actions: an empty roadmap (for its own reason), or every step done."""
    return roadmap.empty_text(result, fmt) if not result.roadmap else fmt.text("report.summary.all_done")
