"""Audiences and the workshop: perception gaps, questions asked of nobody, and what the workshop settled.

One section model for the PDF (both editions), the results page and the
Excel workbook, so all three say the same (issue 13, docs/scoring.md rules
13-16):

- **Settled in the workshop**: each question whose answer the team agreed on,
  with the agreed level (or N/A with its reason), the rationale, who recorded
  it and when, and the answers *before the workshop*: their median, their
  spread and each role's level (roles, never names).
- **Not covered**: questions asked of nobody (no respondent's audiences include
  them); they have no score, and the section says so.
- **Perception gap**: per pillar and capability the score of each audience;
  two audiences ``PERCEPTION_GAP`` levels or more apart are a finding,
  "Management 3.5, ICT 1.5".

Honest with partial data: the audience parts exist only when the
questionnaire declares audiences and at least one respondent has some (without
them every respondent was asked everything, so nothing is "not covered" and
there are no audiences to compare); with fewer than two audiences that have a
score the section says a comparison needs two. The section is not shown at
all (``shown``) when there are neither audiences nor settled questions.

User-typed text (roles, rationale, reasons) stays plain ``str``; escaping is
the template's job. Nothing here reads files, the database or the clock.
"""

from __future__ import annotations

from dataclasses import dataclass

from i18n.format import Formatter
from questionnaires.models import localized
from reports.build import ReportInputs
from reports.labels import labels
from scoring.audiences import PERCEPTION_GAP

#: Settled questions and perception-gap findings the board edition lists (the full edition lists all).
BOARD_ROWS = 10
#: What a perception gap is about, by ``PerceptionGap.kind``.
KINDS = {"pillar": "report.col.pillar", "capability": "report.col.capability"}


@dataclass(frozen=True)
class Settled:
    """A question whose answer the workshop agreed on."""

    id: str
    number: int
    #: The question's text.
    question: str
    pillar: str
    #: The agreed level ("2") or "N/A".
    agreed: str
    #: The reason of an agreed N/A, else "".
    reason: str
    rationale: str
    #: "consultant@example.org · 9 Mar 2026, 14:00:00 UTC": who recorded it and when.
    recorded: str
    #: "Median 3.0, spread 2": the answers before the workshop.
    before: str
    #: Each role's answer before the workshop, "CISO: 3; IT manager: 1".
    answers: str


@dataclass(frozen=True)
class NotCovered:
    """A question asked of nobody."""

    id: str
    number: int
    question: str
    pillar: str


@dataclass(frozen=True)
class Gap:
    """A perception-gap finding: two audiences that score a pillar or capability far apart."""

    #: "Pillar" / "Capability", in the report's language.
    kind: str
    name: str
    #: "Management 3.5, ICT 1.5".
    finding: str
    #: The difference, "2.0".
    difference: str


@dataclass(frozen=True)
class AudienceRow:
    """One pillar or capability with each audience's score (in the order of ``AudiencesSection.audiences``)."""

    id: str
    name: str
    is_pillar: bool
    #: Each audience's score, a dash where that audience has none.
    scores: tuple[str, ...]
    #: The pillar or capability is a perception-gap finding.
    finding: bool


@dataclass(frozen=True)
class AudiencesSection:
    #: The questionnaire declares audiences and at least one respondent has some.
    has_audiences: bool
    settled: tuple[Settled, ...]
    not_covered: tuple[NotCovered, ...]
    gaps: tuple[Gap, ...]
    #: Names of the audiences with respondents, the columns of ``rows``.
    audiences: tuple[str, ...] = ()
    #: Pillars (each followed by its capabilities) with each audience's score.
    rows: tuple[AudienceRow, ...] = ()
    #: "Board: 1 respondent · ICT: 2 respondents".
    respondents: str = ""
    #: The rule of the finding, or why there is no comparison (fewer than two audiences with a score).
    gaps_note: str = ""
    #: What not covered means, with the count; "" when every question was asked of someone.
    not_covered_note: str = ""
    #: The rule of the workshop: the agreed answer takes the place of the median.
    settled_note: str = ""
    #: The board edition's lists are cut at ``BOARD_ROWS``: "… and 3 more in the full report", else "".
    settled_more: str = ""
    gaps_more: str = ""
    not_covered_more: str = ""

    @property
    def shown(self) -> bool:
        """Anything to show: audiences or at least one settled question."""
        return self.has_audiences or bool(self.settled)

    def brief(self, fmt: Formatter, count: int = BOARD_ROWS) -> AudiencesSection:
        """The board edition's version: the first ``count`` settled questions, gaps and not-covered questions
        (each cut list says how many more the full report has), and the pillars' scores per audience."""

        def more(rows: tuple[object, ...]) -> str:
            return fmt.text("report.audiences.more", count=len(rows) - count) if len(rows) > count else ""

        return AudiencesSection(
            has_audiences=self.has_audiences,
            settled=self.settled[:count],
            not_covered=self.not_covered[:count],
            gaps=self.gaps[:count],
            audiences=self.audiences,
            rows=tuple(row for row in self.rows if row.is_pillar),
            respondents=self.respondents,
            gaps_note=self.gaps_note,
            not_covered_note=self.not_covered_note,
            settled_note=self.settled_note,
            settled_more=more(self.settled),
            gaps_more=more(self.gaps),
            not_covered_more=more(self.not_covered),
        )


def _value(value: int | str, fmt: Formatter) -> str:
    """An answer's value in words: the level, "N/A" or "Don't know"."""
    return str(value) if isinstance(value, int) else fmt.text(f"report.answer.{value}")


def build(inputs: ReportInputs, fmt: Formatter) -> AudiencesSection:
    result, assessment, questionnaire = inputs.result, inputs.assessment, inputs.questionnaire
    names = labels(questionnaire, fmt.lang)
    index = questionnaire.question_index()
    audience_names = {audience.id: localized(audience.name, fmt.lang) for audience in questionnaire.audiences}
    has_audiences = bool(audience_names) and any(r.audiences for r in assessment.respondents)

    settled = []
    for qid in result.settled_questions():
        item, agreed = result.questions[qid], result.questions[qid].agreed
        assert agreed is not None
        answers = "; ".join(
            f"{r.role}: {_value(r.answers[qid].value, fmt)}"
            for r in assessment.respondents
            if qid in r.answers and index[qid][2].asked_of(r.audiences)
        )
        settled.append(
            Settled(
                id=qid,
                number=names.numbers[qid],
                question=names[qid],
                pillar=names[item.pillar],
                agreed=str(agreed.value) if isinstance(agreed.value, int) else fmt.text("workshop.na"),
                reason=agreed.reason or "",
                rationale=agreed.rationale,
                recorded=" · ".join(part for part in (agreed.by or "", fmt.moment(agreed.at) if agreed.at else "")
                                    if part),
                before=fmt.text("report.audiences.before", median=fmt.number(item.median),
                                spread=fmt.level(item.disagreement)),
                answers=answers or fmt.text("report.audiences.no_answers"),
            )
        )
    settled_note = fmt.text("report.audiences.settled_note") if settled else ""

    if not has_audiences:
        return AudiencesSection(has_audiences=False, settled=tuple(settled), not_covered=(), gaps=(),
                                settled_note=settled_note)

    not_covered = tuple(
        NotCovered(id=qid, number=names.numbers[qid], question=names[qid], pillar=names[result.questions[qid].pillar])
        for qid in result.not_covered_questions()
    )
    counts = {
        audience: sum(1 for r in assessment.respondents if audience in r.audiences) for audience in audience_names
    }
    present = [audience for audience, count in counts.items() if count]
    respondents = " · ".join(
        f"{audience_names[a]}: {fmt.text('report.audiences.respondents', count=counts[a])}" for a in present
    )
    found = {(g.kind, g.id) for g in result.perception_gaps}
    scored = [a for a in present if any(a in by for by in result.pillar_audiences.values())]
    columns = present
    rows = []
    for pillar in questionnaire.pillars:
        for kind, item_id, table in (
            ("pillar", pillar.id, result.pillar_audiences),
            *(("capability", c.id, result.capability_audiences) for c in pillar.capabilities),
        ):
            by = table.get(item_id, {})
            rows.append(
                AudienceRow(
                    id=item_id,
                    name=names[item_id],
                    is_pillar=kind == "pillar",
                    scores=tuple(fmt.number(by.get(a)) for a in columns),
                    finding=(kind, item_id) in found,
                )
            )
    gaps = tuple(
        Gap(
            kind=fmt.text(KINDS[g.kind]),
            name=names[g.id],
            finding=fmt.text(
                "report.audiences.finding",
                high=audience_names.get(g.high_audience, g.high_audience), high_score=fmt.number(g.high_score),
                low=audience_names.get(g.low_audience, g.low_audience), low_score=fmt.number(g.low_score),
            ),
            difference=fmt.number(g.difference),
        )
        for g in result.perception_gaps
    )
    gap_rule = fmt.text("report.audiences.gap_rule", gap=fmt.number(PERCEPTION_GAP))
    if len(scored) < 2:
        gaps_note = fmt.text("report.audiences.one_audience", count=len(scored)) + " " + gap_rule
    elif not gaps:
        gaps_note = fmt.text("report.audiences.no_gaps", gap=fmt.number(PERCEPTION_GAP))
    else:
        gaps_note = gap_rule
    return AudiencesSection(
        has_audiences=True,
        settled=tuple(settled),
        not_covered=not_covered,
        gaps=gaps,
        audiences=tuple(audience_names[a] for a in columns),
        rows=tuple(rows),
        respondents=respondents,
        gaps_note=gaps_note,
        not_covered_note=fmt.text("report.audiences.not_covered_note", count=len(not_covered)) if not_covered else "",
        settled_note=settled_note,
    )


#: A sheet of the workbook: its title, its column headers and its rows.
Sheet = tuple[str, tuple[str, ...], list[list[object]]]


def sheets(inputs: ReportInputs, fmt: Formatter) -> list[Sheet]:
    """The workbook's sheets of this section, numbers as numbers: the workshop (when a question was
    settled), then the scores per audience and the questions asked of nobody (when respondents have
    audiences). None for an assessment without either, as the PDF shows no section."""
    result, assessment, questionnaire = inputs.result, inputs.assessment, inputs.questionnaire
    section = build(inputs, fmt)
    found: list[Sheet] = []
    if section.settled:
        found.append((
            fmt.text("report.xlsx.workshop"),
            ("id", "#", fmt.text("report.col.question"), fmt.text("report.col.pillar"), fmt.text("report.col.agreed"),
             fmt.text("report.col.reason"), fmt.text("report.col.rationale"), fmt.text("report.xlsx.recorded_by"),
             fmt.text("report.xlsx.recorded_at"), fmt.text("report.xlsx.median_before"),
             fmt.text("report.xlsx.spread_before"), fmt.text("report.col.answers")),
            [
                [s.id, s.number, s.question, s.pillar,
                 agreed.value if isinstance(agreed.value, int) else s.agreed, s.reason or None, s.rationale,
                 agreed.by, fmt.moment(agreed.at) if agreed.at else None,
                 None if item.median is None else round(item.median, 2), item.disagreement, s.answers]
                for s in section.settled
                for item in [result.questions[s.id]]
                for agreed in [item.agreed]
                if agreed is not None
            ],
        ))
    if not section.has_audiences:
        return found
    names = {audience.id: localized(audience.name, fmt.lang) for audience in questionnaire.audiences}
    present = [a for a in names if any(a in r.audiences for r in assessment.respondents)]
    gaps = {(g.kind, g.id): g for g in result.perception_gaps}
    label = labels(questionnaire, fmt.lang)
    rows: list[list[object]] = []
    for pillar in questionnaire.pillars:
        for kind, item_id, table in (
            ("pillar", pillar.id, result.pillar_audiences),
            *(("capability", c.id, result.capability_audiences) for c in pillar.capabilities),
        ):
            by = table.get(item_id, {})
            scores = [None if by.get(a) is None else round(by[a], 2) for a in present]
            given = [score for score in scores if score is not None]
            gap = gaps.get((kind, item_id))
            rows.append([
                fmt.text(KINDS[kind]), item_id, label[item_id], *scores,
                round(max(given) - min(given), 2) if len(given) > 1 else None,
                None if gap is None else fmt.text(
                    "report.audiences.finding",
                    high=names.get(gap.high_audience, gap.high_audience), high_score=fmt.number(gap.high_score),
                    low=names.get(gap.low_audience, gap.low_audience), low_score=fmt.number(gap.low_score),
                ),
            ])
    found.append((
        fmt.text("report.xlsx.audiences"),
        (fmt.text("report.xlsx.kind"), "id", fmt.text("report.xlsx.name"), *(names[a] for a in present),
         fmt.text("report.col.difference"), fmt.text("report.col.finding")),
        rows,
    ))
    found.append((
        fmt.text("report.xlsx.not_covered"),
        ("id", "#", fmt.text("report.col.question"), fmt.text("report.col.pillar")),
        [[q.id, q.number, q.question, q.pillar] for q in section.not_covered]
        or [[None, None, fmt.text("report.audiences.all_covered"), None]],
    ))
    return found
