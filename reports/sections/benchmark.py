"""The benchmark: peer quartiles per pillar and capability, or why they are withheld, and the k rule."""

from __future__ import annotations

from dataclasses import dataclass, field

from i18n.format import Formatter
from reports import chart_data, charts
from reports.build import ReportInputs
from reports.labels import labels
from reports.sections import Figures
from reports.sector_names import is_other, peer_group_label, sector_label
from scoring.benchmark import DEFAULT_K, BenchmarkFigure


@dataclass(frozen=True)
class BenchmarkRow:
    name: str
    #: The pillar a capability belongs to (its own name for a pillar row).
    pillar: str
    is_pillar: bool
    #: Fewer than k peers have a score here: every peer figure of the row is a dash.
    withheld: bool
    score: str
    q1: str
    median: str
    q3: str
    percentile: str


@dataclass(frozen=True)
class BenchmarkSection:
    shown: bool
    #: Who is compared, or why nothing is shown.
    text: str
    #: "A comparison is shown only when the group has at least k organisations …".
    rule: str
    #: Organisations in the peer group (the most any measure has).
    peers: int = 0
    #: Each pillar followed by its capabilities, withheld ones included (the PDF leaves them out).
    rows: tuple[BenchmarkRow, ...] = ()
    figures: Figures = field(default_factory=dict, compare=False)


def _row(figure: BenchmarkFigure, name: str, pillar: str, fmt: Formatter) -> BenchmarkRow:
    withheld = figure.withheld is not None
    return BenchmarkRow(
        name=name,
        pillar=pillar,
        is_pillar=figure.kind == "pillar",
        withheld=withheld,
        score=fmt.number(figure.own),
        q1=fmt.number(None if withheld else figure.p25),
        median=fmt.number(None if withheld else figure.median),
        q3=fmt.number(None if withheld else figure.p75),
        percentile=fmt.whole(None if withheld else figure.percentile),
    )


def build(inputs: ReportInputs, fmt: Formatter) -> BenchmarkSection:
    benchmark = inputs.benchmark
    k = benchmark.k if benchmark else DEFAULT_K
    rule = fmt.text("report.benchmark.rule", k=k)
    if benchmark is None:
        return BenchmarkSection(shown=False, text=fmt.text("report.benchmark.reason.not_requested"), rule=rule)
    organisation = inputs.assessment.organisation
    if is_other(organisation.sector):  # an other sector: never in a peer group (scoring.sectors)
        return BenchmarkSection(
            shown=False, rule=rule,
            text=fmt.text("report.benchmark.reason.other_sector", sector=sector_label(organisation.sector, fmt)),
        )
    names = labels(inputs.questionnaire, fmt.lang)
    figures = benchmark.figures
    peers = max((f.peers for f in figures.values() if f.kind == "pillar"), default=0)
    rows: list[BenchmarkRow] = []
    for pillar in inputs.questionnaire.pillars:
        for measure in (pillar.id, *(c.id for c in pillar.capabilities)):
            if measure in figures:
                rows.append(_row(figures[measure], names[measure], names[pillar.id], fmt))
    bands = chart_data.benchmark_bands(benchmark, names)
    if bands is None:
        return BenchmarkSection(
            shown=False, text=fmt.text("report.benchmark.reason.too_few", count=peers, k=k), rule=rule,
            peers=peers, rows=tuple(rows),
        )
    shown_peers = max(f.peers for f in figures.values() if f.kind == "pillar" and f.withheld is None)
    group = peer_group_label(inputs.peer_group, organisation.sector, organisation.size_class, fmt)
    text = fmt.text("report.benchmark.peers", count=shown_peers, group=group or fmt.text("report.benchmark.all"))
    withheld = sum(1 for f in figures.values() if f.withheld is not None)
    if withheld:
        text += " " + fmt.text("report.benchmark.some_withheld", count=withheld, k=k)
    return BenchmarkSection(
        shown=True, text=text, rule=rule, peers=peers, rows=tuple(rows),
        figures={"benchmark": charts.benchmark_bands(bands, fmt)},
    )
