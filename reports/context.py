"""The report context: everything the report shows, computed by pure code.

``build_context`` turns a scoring ``Result`` with its assessment,
questionnaire, branding, benchmark and history into plain data: localised
strings, formatted numbers, small tables and the plotly figures. Templates
only lay this out; they compute nothing and never see a model, so what the
PDF says can be tested without rendering it, and the app can show the same
figures (``context.figures``).

User-typed text (organisation, roles, comments, evidence) is kept as plain
``str`` here; escaping is the template's job (autoescape), and nothing here
ever marks text as safe.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import unquote

import pandas as pd
import plotly.graph_objects as go
from babel.dates import format_date

from i18n import catalogue, t
from questionnaires.models import Questionnaire, localized
from reports import charts
from scoring.assessment import Answer, Assessment
from scoring.benchmark import DEFAULT_K, Benchmark, BenchmarkFigure
from scoring.results import CapabilityResult, Result, RoadmapStep
from scoring.trend import trend

#: Default accent colour when a consultant has none (and for invalid ones).
DEFAULT_COLOUR = "#1d6f8a"
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
#: A logo is only ever an inline image: never a path or a URL the renderer would fetch.
#: PNG and JPEG only, like the store: an SVG logo is a document that can link to other resources.
_LOGO = re.compile(r"^data:image/(png|jpeg);base64,[A-Za-z0-9+/]+=*$")
LOGO_TYPES = {"image/png", "image/jpeg"}
#: How many strengths, gaps and actions the executive summary lists.
SUMMARY_ITEMS = 3
SUMMARY_ACTIONS = 5
#: Characters of the organisation name in the running header.
HEADER_CHARS = 50
#: Steps drawn on the roadmap timeline (the table lists all of them).
TIMELINE_STEPS = 18


# -- inputs -------------------------------------------------------------------


@dataclass(frozen=True)
class Branding:
    """A consultant's branding, checked: colour is a hex colour, logo a ``data:`` URL."""

    consultant: str | None = None
    colour: str = DEFAULT_COLOUR
    logo: str | None = None
    confidentiality: str | None = None

    def __post_init__(self) -> None:
        # Colour goes into CSS, which autoescape does not protect: only #rrggbb passes.
        if not _COLOUR.match(self.colour or ""):
            object.__setattr__(self, "colour", DEFAULT_COLOUR)
        if self.logo is not None and not _LOGO.match(self.logo):
            object.__setattr__(self, "logo", None)

    @classmethod
    def from_image(
        cls,
        *,
        logo: bytes | None = None,
        logo_mime: str | None = None,
        colour: str | None = None,
        consultant: str | None = None,
        confidentiality: str | None = None,
    ) -> Branding:
        """From stored parts (``store`` keeps the logo as bytes and a MIME type)."""
        import base64

        data_url = None
        if logo and logo_mime in LOGO_TYPES:
            data_url = f"data:{logo_mime};base64,{base64.b64encode(logo).decode('ascii')}"
        return cls(
            consultant=consultant or None,
            colour=colour or DEFAULT_COLOUR,
            logo=data_url,
            confidentiality=confidentiality or None,
        )


# -- output -------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """A line in a list: a title, a value and an explanation."""

    title: str
    value: str = ""
    detail: str = ""
    note: str = ""


@dataclass(frozen=True)
class PillarRow:
    id: str
    name: str
    score: str
    level: str
    target: str
    gap: str
    change: str
    peer_median: str
    confidence: str


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


@dataclass(frozen=True)
class StepRow:
    number: int
    action: str
    question: str
    pillar: str
    level: str
    horizon: str
    horizon_short: str
    owner: str
    due: str
    status: str
    priority: str


@dataclass(frozen=True)
class BenchmarkTableRow:
    name: str
    score: str
    q1: str
    median: str
    q3: str
    percentile: str
    is_pillar: bool


@dataclass(frozen=True)
class BenchmarkSection:
    shown: bool
    text: str
    rule: str
    rows: tuple[BenchmarkTableRow, ...] = ()


@dataclass(frozen=True)
class LensRow:
    reference: str
    score: str
    level: str
    questions: str


@dataclass(frozen=True)
class Lens:
    name: str
    rows: tuple[LensRow, ...]


@dataclass(frozen=True)
class AnswerRow:
    role: str
    answer: str
    comment: str
    #: The evidence link as readable text (percent-escapes decoded); never fetched.
    evidence: str
    #: The link itself for the PDF's clickable annotation: http(s) only, else empty.
    evidence_url: str
    reason: str


@dataclass(frozen=True)
class QuestionAnswers:
    id: str
    text: str
    score: str
    rows: tuple[AnswerRow, ...]


@dataclass(frozen=True)
class ReportContext:
    """Everything a report template needs, as plain, already localised data."""

    lang: str
    demo: bool
    organisation: str
    #: For the running header: one line at most.
    organisation_short: str
    sector: str
    size_class: str
    title: str
    date: str
    questionnaire: str
    questionnaire_id: str
    questionnaire_version: int
    questionnaire_provider: str
    questionnaire_licence: str
    questionnaire_hash: str
    branding: Branding
    confidentiality: str
    overall: str
    overall_level: str
    balance: str
    confidence: str
    respondents: int
    headline: str
    change: str
    pillars: tuple[PillarRow, ...]
    strengths: tuple[Item, ...]
    gaps: tuple[Item, ...]
    actions: tuple[Item, ...]
    sections: tuple[PillarSection, ...]
    benchmark: BenchmarkSection
    steps: tuple[StepRow, ...]
    timeline_note: str
    lenses: tuple[Lens, ...]
    method: tuple[str, ...]
    roles: tuple[Item, ...]
    answers: tuple[QuestionAnswers, ...]
    has_trend: bool
    #: Plotly figures by name (``radar``, ``pillar:ID``, ``heatmap:ID``,
    #: ``benchmark``, ``roadmap``, ``trend``): the app draws them, the PDF embeds them.
    figures: dict[str, go.Figure] = field(default_factory=dict, compare=False)


# -- formatting -----------------------------------------------------------------


def number(value: float | None, lang: str, decimals: int = 1) -> str:
    """A score as text: one decimal, decimal comma in Dutch, a dash for "not scored"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",") if lang == "nl" else text


def percent(value: float | None, lang: str) -> str:
    if value is None:
        return "–"
    return f"{round(value * 100)} %" if lang == "nl" else f"{round(value * 100)}%"


def signed(value: float | None, lang: str) -> str:
    if value is None:
        return "–"
    text = number(abs(value), lang)
    return f"+{text}" if value > 0.05 else (f"−{text}" if value < -0.05 else "±0")


def level_text(level: int | None) -> str:
    return "–" if level is None else str(level)


def long_date(value: dt.date, lang: str) -> str:
    return format_date(value, format="long", locale=lang)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _has_text(key: str) -> bool:
    return key in catalogue()


# -- the builder ------------------------------------------------------------------


def build_context(
    result: Result,
    assessment: Assessment,
    questionnaire: Questionnaire,
    lang: str,
    *,
    branding: Branding | None = None,
    benchmark: Benchmark | None = None,
    peer_group: str | None = None,
    history: Sequence[Result] = (),
) -> ReportContext:
    """The report for ``result`` in ``lang``.

    ``history`` holds earlier results of the same organisation and
    questionnaire, oldest first; the last one is "the previous assessment".
    ``benchmark`` is ``None`` when no peer comparison was asked for; figures
    it withholds (``withheld``: fewer than ``k`` peers) are never shown, and
    ``peer_group`` names the group in the text (e.g. the sector).
    """
    branding = branding or Branding()
    tr: Callable[..., str] = lambda key, **values: t(key, lang, **values)  # noqa: E731
    index = questionnaire.question_index()
    pillar_names = {p.id: localized(p.name, lang) for p in questionnaire.pillars}
    capability_names = {
        c.id: localized(c.name, lang) for p in questionnaire.pillars for c in p.capabilities
    }
    question_texts = {qid: localized(q.text, lang) for qid, (_, _, q) in index.items()}

    previous = history[-1] if history else None
    change = trend(previous, result) if previous is not None else None
    peer_median = {
        pid: figure.median
        for pid, figure in (benchmark.figures.items() if benchmark else ())
        if figure.kind == "pillar" and figure.withheld is None
    }

    pillars = tuple(
        PillarRow(
            id=pid,
            name=pillar_names[pid],
            score=number(p.score, lang),
            level=level_text(p.level),
            target=number(p.target, lang),
            gap=number(p.gap, lang),
            change=signed(change.pillars.get(pid), lang) if change else "–",
            peer_median=number(peer_median.get(pid), lang),
            confidence=percent(p.confidence, lang),
        )
        for pid, p in result.pillars.items()
    )
    levels = [p.level for p in result.pillars.values() if p.level is not None]
    overall_level = min(levels) if levels else None

    figures: dict[str, go.Figure] = {}
    figures["radar"] = charts.pillar_radar(
        pd.DataFrame(
            {
                "name": [pillar_names[pid] for pid in result.pillars],
                "score": [p.score if p.score is not None else 0.0 for p in result.pillars.values()],
                "target": [p.target for p in result.pillars.values()],
                "peer_median": [peer_median.get(pid, math.nan) for pid in result.pillars],
            }
        ),
        lang,
    )

    scored_caps = [c for c in result.capabilities.values() if c.score is not None]
    strengths_src = sorted(scored_caps, key=lambda c: (-(c.score - c.target), -c.score))[
        :SUMMARY_ITEMS
    ]
    gaps_src = sorted((c for c in scored_caps if c.gap), key=lambda c: -(c.gap or 0))[
        :SUMMARY_ITEMS
    ]

    def capability_item(c: CapabilityResult) -> Item:
        score = number(c.score, lang)
        score_of_target = tr("report.summary.score_of_target", score=score, target=number(c.target, lang))
        return Item(title=capability_names[c.id], value=score_of_target, detail=pillar_names[c.pillar])

    strengths = tuple(capability_item(c) for c in strengths_src)
    gaps = tuple(capability_item(c) for c in gaps_src)
    open_steps = [s for s in result.roadmap if s.status != "done"]
    actions = tuple(
        Item(
            title=s.guidance(questionnaire, lang),
            value=tr(f"report.horizon.{s.horizon}"),
            detail=question_texts[s.question],
            note=s.owner or "",
        )
        for s in open_steps[:SUMMARY_ACTIONS]
    )

    sections = tuple(
        _pillar_section(result, assessment, questionnaire, pillar.id, lang, figures)
        for pillar in questionnaire.pillars
    )
    steps = tuple(
        _step_row(n, s, questionnaire, pillar_names, lang) for n, s in enumerate(result.roadmap, 1)
    )
    if result.roadmap:
        shown = list(result.roadmap[:TIMELINE_STEPS])
        figures["roadmap"] = charts.roadmap_timeline(
            pd.DataFrame(
                {
                    "label": [
                        f"{n}. {s.guidance(questionnaire, lang)}" for n, s in enumerate(shown, 1)
                    ],
                    "horizon": [s.horizon for s in shown],
                    "status": [s.status for s in shown],
                }
            ),
            lang,
        )
    timeline_note = (
        tr("report.roadmap.timeline_first", shown=TIMELINE_STEPS, total=len(result.roadmap))
        if len(result.roadmap) > TIMELINE_STEPS
        else ""
    )

    bench = _benchmark_section(
        result, benchmark, peer_group, pillar_names, capability_names, lang, figures
    )

    if history:
        rows = []
        for earlier in [*history, result]:
            for pid, p in earlier.pillars.items():
                if p.score is not None and pid in pillar_names:
                    rows.append(
                        {
                            "date": earlier.date,
                            "series": pillar_names[pid],
                            "score": p.score,
                            "overall": False,
                        }
                    )
            if earlier.overall is not None:
                rows.append(
                    {
                        "date": earlier.date,
                        "series": tr("report.overall"),
                        "score": earlier.overall,
                        "overall": True,
                    }
                )
        figures["trend"] = charts.trend_chart(pd.DataFrame(rows), lang)

    if change is not None:
        change_text = tr(
            "report.summary.change",
            date=long_date(previous.date, lang),  # type: ignore[union-attr]
            previous=number(previous.overall, lang),  # type: ignore[union-attr]
            change=signed(change.overall, lang),
        )
    else:
        change_text = tr("report.summary.no_previous")

    return ReportContext(
        lang=lang,
        demo=assessment.demo or result.demo,
        organisation=assessment.organisation.name,
        organisation_short=_cut(assessment.organisation.name, HEADER_CHARS),
        sector=assessment.organisation.sector,
        size_class=assessment.organisation.size_class,
        title=assessment.title or tr("report.title"),
        date=long_date(assessment.date, lang),
        questionnaire=localized(questionnaire.title, lang),
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        questionnaire_provider=questionnaire.provider,
        questionnaire_licence=questionnaire.licence,
        questionnaire_hash=questionnaire.content_hash()[:16],
        branding=branding,
        confidentiality=branding.confidentiality or tr("report.confidential"),
        overall=number(result.overall, lang),
        overall_level=level_text(overall_level),
        balance=number(result.balance, lang),
        confidence=percent(result.confidence, lang),
        respondents=result.respondents,
        headline=_headline(result, overall_level, lang),
        change=change_text,
        pillars=pillars,
        strengths=strengths,
        gaps=gaps,
        actions=actions,
        sections=sections,
        benchmark=bench,
        steps=steps,
        timeline_note=timeline_note,
        lenses=_lenses(result, questionnaire, lang),
        method=_method(result, assessment, questionnaire, benchmark, lang),
        roles=_roles(assessment, questionnaire, lang),
        answers=_answers(result, assessment, questionnaire, lang),
        has_trend="trend" in figures,
        figures=figures,
    )


def _headline(result: Result, overall_level: int | None, lang: str) -> str:
    if result.overall is None:
        return t("report.summary.headline_none", lang)
    below = [p for p in result.pillars.values() if p.gap]
    return t(
        "report.summary.headline",
        lang,
        overall=number(result.overall, lang),
        level=level_text(overall_level),
        below=len(below),
        pillars=len(result.pillars),
    )


def _answer_label(answer: Answer | None, questionnaire: Questionnaire, lang: str) -> str:
    if answer is None:
        return t("report.answer.none", lang)
    if answer.value == "na":
        return t("report.answer.na", lang)
    if answer.value == "dont_know":
        return t("report.answer.dont_know", lang)
    names = {level.level: localized(level.name, lang) for level in questionnaire.scale}
    return f"{answer.value} · {names.get(answer.value, '')}".strip(" ·")


def _pillar_section(
    result: Result,
    assessment: Assessment,
    questionnaire: Questionnaire,
    pillar_id: str,
    lang: str,
    figures: dict[str, go.Figure],
) -> PillarSection:
    pillar = next(p for p in questionnaire.pillars if p.id == pillar_id)
    pr = result.pillars[pillar_id]
    caps = [(c, result.capabilities[c.id]) for c in pillar.capabilities]
    figures[f"pillar:{pillar_id}"] = charts.capability_bars(
        pd.DataFrame(
            {
                "name": [localized(c.name, lang) for c, _ in caps],
                "score": [r.score if r.score is not None else math.nan for _, r in caps],
                "target": [r.target for _, r in caps],
                "level": [r.level if r.level is not None else math.nan for _, r in caps],
            }
        ),
        lang,
    )
    questions = [q for c in pillar.capabilities for q in c.questions]
    findings = []
    for q in sorted(
        (q for q in questions if result.questions[q.id].gap),
        key=lambda q: -(result.questions[q.id].gap or 0) * q.weight,
    ):
        qr = result.questions[q.id]
        current = math.floor(qr.score or 0)
        reach = min(current + 1, max(level.level for level in q.levels))
        findings.append(
            Finding(
                question=localized(q.text, lang),
                score=number(qr.score, lang),
                target=number(qr.target, lang),
                observed=localized(q.level(current).descriptor, lang),
                next_step=localized(q.level(reach).guidance, lang),
            )
        )
    disagreements = []
    roles = {r.id: r.role for r in assessment.respondents}
    for q in questions:
        qr = result.questions[q.id]
        if not qr.flagged:
            continue
        given = [
            f"{roles[r.id]}: {r.answers[q.id].value}"
            for r in assessment.respondents
            if q.id in r.answers and isinstance(r.answers[q.id].value, int)
        ]
        disagreements.append(
            Disagreement(
                question=localized(q.text, lang),
                spread=str(qr.disagreement),
                levels="; ".join(given),
            )
        )
    dont_know = []
    for q in questions:
        qr = result.questions[q.id]
        if not qr.dont_know:
            continue
        who = [
            r.role
            for r in assessment.respondents
            if q.id in r.answers and r.answers[q.id].value == "dont_know"
        ]
        dont_know.append(
            Item(title=localized(q.text, lang), value=str(qr.dont_know), detail=", ".join(who))
        )
    with_levels = [
        r
        for r in assessment.respondents
        if any(isinstance(a.value, int) for a in r.answers.values())
    ]
    has_heatmap = len(with_levels) >= 2
    if has_heatmap:
        matrix = pd.DataFrame(
            [
                [
                    float(r.answers[q.id].value)
                    if q.id in r.answers and isinstance(r.answers[q.id].value, int)
                    else math.nan
                    for q in questions
                ]
                for r in with_levels
            ],
            index=_unique([r.role for r in with_levels]),
            columns=_unique([_short_id(q.id) for q in questions]),
        )
        figures[f"heatmap:{pillar_id}"] = charts.disagreement_heatmap(matrix, lang)
    return PillarSection(
        id=pillar_id,
        anchor=f"pillar-{pillar_id}",
        name=localized(pillar.name, lang),
        description=localized(pillar.description, lang),
        score=number(pr.score, lang),
        level=level_text(pr.level),
        target=number(pr.target, lang),
        gap=number(pr.gap, lang),
        confidence=percent(pr.confidence, lang),
        capabilities=tuple(
            CapabilityRow(
                name=localized(c.name, lang),
                score=number(r.score, lang),
                level=level_text(r.level),
                target=number(r.target, lang),
                gap=number(r.gap, lang),
                confidence=percent(r.confidence, lang),
            )
            for c, r in caps
        ),
        findings=tuple(findings),
        disagreements=tuple(disagreements),
        dont_know=tuple(dont_know),
        has_heatmap=has_heatmap,
    )


def _short_id(question_id: str) -> str:
    """The last segment of a question id: short enough for a heatmap column."""
    return question_id.rsplit(".", 1)[-1]


def _unique(labels: list[str]) -> list[str]:
    """Labels made unique by numbering repeats (two respondents may share a role)."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def _step_row(
    number_: int,
    step: RoadmapStep,
    questionnaire: Questionnaire,
    pillar_names: dict[str, str],
    lang: str,
) -> StepRow:
    question = questionnaire.question_index()[step.question][2]
    return StepRow(
        number=number_,
        action=step.guidance(questionnaire, lang),
        question=localized(question.text, lang),
        pillar=pillar_names[step.pillar],
        level=str(step.level),
        horizon=t(f"report.horizon.{step.horizon}", lang),
        horizon_short=t(f"report.horizon_short.{step.horizon}", lang),
        owner=step.owner or "–",
        due=format_date(step.due, format="medium", locale=lang) if step.due else "–",
        status=t(f"report.status.{step.status}", lang),
        priority=number(step.priority, lang),
    )


def _benchmark_section(
    result: Result,
    benchmark: Benchmark | None,
    peer_group: str | None,
    pillar_names: dict[str, str],
    capability_names: dict[str, str],
    lang: str,
    figures: dict[str, go.Figure],
) -> BenchmarkSection:
    k = benchmark.k if benchmark else DEFAULT_K
    rule = t("report.benchmark.rule", lang, k=k)
    if benchmark is None:
        return BenchmarkSection(
            shown=False, text=t("report.benchmark.reason.not_requested", lang), rule=rule
        )
    pillars = [f for f in benchmark.figures.values() if f.kind == "pillar"]
    shown = [f for f in benchmark.figures.values() if f.withheld is None and f.median is not None]
    shown_pillars = [f for f in shown if f.kind == "pillar"]
    if not shown_pillars:
        peers = max((f.peers for f in pillars), default=0)
        return BenchmarkSection(
            shown=False,
            text=t("report.benchmark.reason.too_few", lang, peers=peers, k=k),
            rule=rule,
        )
    names = pillar_names | capability_names
    rows = []
    for pillar in shown_pillars:  # each pillar, then its capabilities
        rows.append(_bench_row(names.get(pillar.measure, pillar.measure), pillar, lang))
        rows.extend(
            _bench_row(names.get(f.measure, f.measure), f, lang)
            for f in shown
            if f.kind == "capability" and result.capabilities[f.measure].pillar == pillar.measure
        )
    figures["benchmark"] = charts.benchmark_bands(
        pd.DataFrame(
            {
                "name": [names.get(f.measure, f.measure) for f in shown_pillars],
                "q1": [f.p25 for f in shown_pillars],
                "median": [f.median for f in shown_pillars],
                "q3": [f.p75 for f in shown_pillars],
                "score": [f.own if f.own is not None else math.nan for f in shown_pillars],
            }
        ),
        lang,
    )
    peers = max(f.peers for f in shown_pillars)
    text = t(
        "report.benchmark.peers",
        lang,
        peers=peers,
        group=peer_group or t("report.benchmark.all", lang),
    )
    withheld = sum(1 for f in benchmark.figures.values() if f.withheld is not None)
    if withheld:
        text += " " + t("report.benchmark.some_withheld", lang, count=withheld, k=k)
    return BenchmarkSection(shown=True, text=text, rule=rule, rows=tuple(rows))


def _bench_row(name: str, figure: BenchmarkFigure, lang: str) -> BenchmarkTableRow:
    return BenchmarkTableRow(
        name=name,
        score=number(figure.own, lang),
        q1=number(figure.p25, lang),
        median=number(figure.median, lang),
        q3=number(figure.p75, lang),
        percentile="–" if figure.percentile is None else f"{round(figure.percentile)}",
        is_pillar=figure.kind == "pillar",
    )


def _lenses(result: Result, questionnaire: Questionnaire, lang: str) -> tuple[Lens, ...]:
    citing: dict[tuple[str, str], int] = {}
    for question in questionnaire.questions():
        for framework, references in question.references.items():
            for reference in references:
                citing[(framework, reference)] = citing.get((framework, reference), 0) + 1
    lenses = []
    for framework, references in result.lenses.items():
        key = f"report.framework.{framework}"
        name = t(key, lang) if _has_text(key) else framework
        rows = tuple(
            LensRow(
                reference=reference,
                score=number(score, lang),
                level=level_text(None if score is None else math.floor(score)),
                questions=str(citing.get((framework, reference), 0)),
            )
            for reference, score in references.items()
        )
        lenses.append(Lens(name=name, rows=rows))
    return tuple(lenses)


def _method(
    result: Result,
    assessment: Assessment,
    questionnaire: Questionnaire,
    benchmark: Benchmark | None,
    lang: str,
) -> tuple[str, ...]:
    answers = [a for r in assessment.respondents for a in r.answers.values()]
    levels = sum(1 for a in answers if isinstance(a.value, int))
    na = sum(1 for a in answers if a.value == "na")
    dont_know = sum(1 for a in answers if a.value == "dont_know")
    return tuple(
        t(f"report.method.p{n}", lang, **values)
        for n, values in enumerate(
            [
                {
                    "respondents": result.respondents,
                    "questions": questionnaire.question_count,
                    "answers": len(answers),
                    "levels": levels,
                    "na": na,
                    "dont_know": dont_know,
                },
                {},
                {"overall": number(result.overall, lang), "balance": number(result.balance, lang)},
                {},
                {
                    "confidence": percent(result.confidence, lang),
                    "flagged": len(result.flagged_questions()),
                    "dont_know_questions": len(result.dont_know_questions()),
                },
                {"steps": len(result.roadmap)},
                {"k": benchmark.k if benchmark else DEFAULT_K},
            ],
            start=1,
        )
    )


def _roles(assessment: Assessment, questionnaire: Questionnaire, lang: str) -> tuple[Item, ...]:
    total = questionnaire.question_count
    return tuple(
        Item(
            title=respondent.role,
            value=t(
                "report.appendix.answered", lang, answered=len(respondent.answers), total=total
            ),
        )
        for respondent in assessment.respondents
    )


def _web_link(url: object) -> str:
    text = str(url) if url else ""
    return text if text.startswith(("https://", "http://")) else ""


def _answers(
    result: Result, assessment: Assessment, questionnaire: Questionnaire, lang: str
) -> tuple[QuestionAnswers, ...]:
    out = []
    for question in questionnaire.questions():
        rows = []
        for respondent in assessment.respondents:
            answer = respondent.answers.get(question.id)
            rows.append(
                AnswerRow(
                    role=respondent.role,
                    answer=_answer_label(answer, questionnaire, lang),
                    comment=(answer.comment or "") if answer else "",
                    evidence=unquote(str(answer.evidence)) if answer and answer.evidence else "",
                    evidence_url=_web_link(answer.evidence if answer else None),
                    reason=(answer.reason or "") if answer else "",
                )
            )
        out.append(
            QuestionAnswers(
                id=question.id,
                text=localized(question.text, lang),
                score=number(result.questions[question.id].score, lang),
                rows=tuple(rows),
            )
        )
    return tuple(out)
