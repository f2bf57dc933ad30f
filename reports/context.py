"""The report context: the cover and the report's sections in order, everything the report shows.

Two editions (``reports.build.EDITIONS``): the **board** edition (page one the
board summary, then the pillar overview, the top findings, the benchmark, the
first ten roadmap steps with their timeline and the regulatory lens in brief,
at most 8 pages) and the **full** edition (the same summary first, then
contents, overview, a chapter per pillar, benchmark, the whole roadmap, lens,
trend and the appendix). Both start with the same summary page; there is no
separate cover: the band at the top of page one names organisation, date and
questionnaire.

``build_context`` runs each section of ``reports.sections`` (pure functions
from the scored inputs to frozen models with their figures) and adds what the
cover and running header need. Templates only lay this out; they compute
nothing and never see a scoring model, so what the PDF says can be tested
without rendering it, and the app's pages read the very same section models.

User-typed text (organisation, roles, comments, evidence) is kept as plain
``str``; escaping is the template's job (autoescape), and nothing here ever
marks text as safe.
"""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from i18n.format import Formatter, formatter
from questionnaires.models import localized
from reports.branding import DEFAULT_COLOUR, LOGO_TYPES, Branding
from reports.build import DEFAULT_EDITION, EDITIONS, ReportInputs
from reports.sections import appendix, audiences, benchmark, lens, method, pillar, roadmap, status, summary
from reports.sector_names import sector_label

__all__ = ["DEFAULT_COLOUR", "LOGO_TYPES", "Branding", "Cover", "ReportContext", "build_context"]

#: Characters of the organisation name in the running header.
HEADER_CHARS = 50


@dataclass(frozen=True)
class Cover:
    """The cover page and the running header."""

    demo: bool
    organisation: str
    #: For the running header: one line at most.
    organisation_short: str
    sector: str
    size_class: str
    title: str
    date: str
    respondents: int
    questionnaire: str
    questionnaire_id: str
    questionnaire_version: int
    branding: Branding
    confidentiality: str
    #: "Board edition" / "Full report".
    edition: str = ""


@dataclass(frozen=True)
class ReportContext:
    """Everything a report template needs: the cover, then the sections in reading order."""

    lang: str
    cover: Cover
    #: Draft mark and share answered (``reports.sections.status``), on page one and in every page's margin.
    status: status.Status
    summary: summary.Summary
    pillars: tuple[pillar.PillarSection, ...]
    benchmark: benchmark.BenchmarkSection
    roadmap: roadmap.RoadmapSection
    lens: lens.LensSection
    method: method.Method
    appendix: appendix.Appendix
    #: ``board`` or ``full`` (``reports.build.EDITIONS``).
    edition: str = "full"
    #: The findings with the largest weighted gap across pillars (the board edition's findings page).
    findings: tuple[pillar.Finding, ...] = ()
    #: Settled questions, questions asked of nobody and perception gaps (``audiences.shown``: anything to show).
    audiences: audiences.AudiencesSection | None = None

    @property
    def figures(self) -> dict[str, go.Figure]:
        """The figures this edition shows, by name (``radar``, ``trend``, ``pillar:ID``, ``heatmap:ID``,
        ``benchmark``, ``roadmap``), in reading order: the PDF embeds them, the app draws them.
        The board edition has no pillar chapters, so no capability bars or heatmaps."""
        found: dict[str, go.Figure] = dict(self.summary.figures)
        if self.edition == "full":
            for section in self.pillars:
                found.update(section.figures)
        found.update(self.benchmark.figures)
        found.update(self.roadmap.figures)
        return found


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def cover(inputs: ReportInputs, fmt: Formatter, edition: str = "full") -> Cover:
    assessment, questionnaire = inputs.assessment, inputs.questionnaire
    branding = inputs.branding or Branding()
    return Cover(
        demo=assessment.demo or inputs.result.demo,
        organisation=assessment.organisation.name,
        organisation_short=_cut(assessment.organisation.name, HEADER_CHARS),
        sector=sector_label(assessment.organisation.sector, fmt),
        size_class=assessment.organisation.size_class,
        title=assessment.title or fmt.text("report.title"),
        date=fmt.date(assessment.date),
        respondents=inputs.result.respondents,
        questionnaire=localized(questionnaire.title, fmt.lang),
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        branding=branding,
        confidentiality=branding.confidentiality or fmt.text("report.confidential"),
        edition=fmt.text(f"report.edition.{edition}"),
    )


def build_context(inputs: ReportInputs, lang: str | Formatter, edition: str = "full") -> ReportContext:
    """The report of ``inputs`` in one language and edition: the cover and every section, built once."""
    if edition not in EDITIONS:
        raise ValueError(f"unknown edition {edition!r}; choose one of {', '.join(EDITIONS)}")
    fmt = lang if isinstance(lang, Formatter) else formatter(lang)
    board = edition == "board"
    pillars = pillar.build(inputs, fmt)
    return ReportContext(
        lang=fmt.lang,
        cover=cover(inputs, fmt, edition),
        status=status.build(inputs, fmt),
        summary=summary.build(inputs, fmt),
        pillars=pillars,
        benchmark=benchmark.build(inputs, fmt),
        roadmap=roadmap.build(inputs, fmt, top=roadmap.BOARD_STEPS if board else None),
        lens=lens.build(inputs, fmt),
        method=method.build(inputs, fmt),
        # The board edition has no appendix: its hundreds of answers are not built at all.
        appendix=appendix.Appendix(roles=(), questionnaire_line="", answers=())
        if board
        else appendix.build(inputs, fmt),
        edition=edition,
        findings=pillar.top_findings(pillars),
        audiences=audiences.build(inputs, fmt).brief(fmt) if board else audiences.build(inputs, fmt),
    )


__all__ += ["DEFAULT_EDITION", "EDITIONS"]
