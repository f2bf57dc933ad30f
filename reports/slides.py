"""The slide deck: seven slides for the consultant to present to a board (``--format pptx``).

Made from the same section models as the PDF (``reports.sections``), so the
slides say what the report says, honestly in the same way: a pillar without
a score shows "not yet answered" with its share answered and never a verdict,
the spread is not shown, and a deck of an assessment that is not closed
carries the draft mark with the share answered on the first slide and in the
footer of every slide. The charts are the PDF's figures, exported as PNG by
the same warm kaleido browser (``reports.svg``), each with the alternative
text that states its numbers (``reports.charts.alt_text``).

Slides: 1 summary (the plain sentence, score, target, peers, change),
2 pillars against target and peers (the radar and each pillar's status in
words and colour), 3 top gaps (capabilities and questions furthest below
target, with the next step), 4 roadmap in three columns now / next / later,
5 benchmark (the quartile bands, or why peers are not shown), 6 trend (or
that this is the first assessment), 7 about the assessment. 16:9, the
consultant's colour and logo (``reports.branding``), Dutch or English.

python-pptx writes the XML itself, escaping user text; nothing in a deck is
fetched or executed. How things are put on a slide (furniture, text boxes,
pictures) is ``reports.slide_deck``; this module is what each slide says.
"""

from __future__ import annotations

from collections.abc import Sequence

from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches

from i18n.format import Formatter
from reports import theme
from reports.build import ReportInputs
from reports.context import cover
from reports.sections import benchmark, pillar, roadmap, summary
from reports.slide_deck import DRAFT, HEIGHT, MARGIN, WIDTH, Deck, Picture, chart_pictures, rgb

#: Steps listed per horizon on the roadmap slide.
STEPS_PER_HORIZON = 4
#: Questions listed on the top gaps slide.
GAP_FINDINGS = 4
HORIZONS = ("now", "next", "later")
#: The status colours of a pillar, with the words beside them (readable in greyscale).
STATE_COLOURS = {"met": "#3f8f4f", "below": "#d9822b", "unscored": "#9aa5b1"}


# -- the slides ------------------------------------------------------------------


def _summary_slide(deck: Deck, model: summary.Summary) -> None:
    fmt, front = deck.fmt, deck.front
    slide = deck.presentation.slides.add_slide(deck.layout)
    band = deck.box(slide, 0, 0, WIDTH, 2.55, deck.accent)
    tree = slide.shapes._spTree
    tree.remove(band._element)
    tree.insert(2, band._element)  # behind the title: the first two children are the group's own properties
    heading = slide.shapes.title
    heading.left, heading.top, heading.width, heading.height = (
        Inches(MARGIN), Inches(0.75), Inches(WIDTH - 2 * MARGIN - 2.4), Inches(1.0),
    )
    heading.text_frame.word_wrap = True
    heading.text_frame.margin_left = Inches(0.05)
    heading.text_frame.text = front.organisation
    heading.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
    deck.style(heading.text_frame.paragraphs[0].runs[0].font, 34, "#ffffff", True)
    deck.text(slide, MARGIN, 0.35, 9.5, 0.45, [front.title.upper()], size=13, colour="#ffffff", bold=True)
    sub = f"{front.date} · {front.questionnaire} · {fmt.text('report.cover.version')} {front.questionnaire_version}"
    deck.text(slide, MARGIN, 1.8, 10.0, 0.45, [sub], size=14, colour="#ffffff")
    if deck.logo is not None:
        deck.box(slide, WIDTH - MARGIN - 2.1, 0.45, 2.1, 1.1, "#ffffff", shape=MSO_SHAPE.ROUNDED_RECTANGLE)
        deck.picture(slide, deck.logo, WIDTH - MARGIN - 2.0, 0.55, 1.9, 0.9)
    top = 2.85
    state = model.status
    warnings = []
    if state is not None and state.draft:
        warnings.append([(state.mark.upper(), {"bold": True, "colour": DRAFT, "size": 16}),
                         ("   " + state.note, {"size": 12})])
    if front.demo:
        warnings.append([(fmt.text("report.demo"), {"bold": True, "colour": DRAFT, "size": 14})])
    if warnings:
        height = 0.2 + 0.5 * len(warnings)
        deck.box(slide, MARGIN, top, WIDTH - 2 * MARGIN, height, "#fdecea", line=DRAFT)
        deck.text(slide, MARGIN + 0.15, top + 0.05, WIDTH - 2 * MARGIN - 0.3, height - 0.1, warnings,
                  anchor=MSO_ANCHOR.MIDDLE)
        top += height + 0.2
    deck.text(slide, MARGIN, top, WIDTH - 2 * MARGIN, 1.4, [model.headline], size=24, bold=True)
    tiles = [(model.overall, f"{fmt.text('report.summary.overall')} (0–5)")]
    if model.target and model.overall != fmt.number(None):
        tiles.append((model.target, fmt.text("report.col.target")))
    if model.peer_median:
        tiles.append((model.peer_median, fmt.text("report.col.peers")))
    if model.overall_change:
        tiles.append((model.overall_change, fmt.text("report.col.change")))
    tiles.append((model.confidence, fmt.text("report.summary.confidence")))
    # Below the sentence, above the footer's mark line, however many warnings came first.
    tile_height, gap = 1.5 if not warnings else 1.3, 0.25
    tile_top = min(max(top + 1.35, 4.6), HEIGHT - 0.9 - tile_height)
    width = (WIDTH - 2 * MARGIN - gap * (len(tiles) - 1)) / len(tiles)
    for number, (value, label) in enumerate(tiles):
        left = MARGIN + number * (width + gap)
        deck.box(slide, left, tile_top, width, tile_height, "#f2f5f7")
        deck.text(slide, left + 0.15, tile_top + 0.1, width - 0.3, 0.8, [value], size=32, bold=True,
                  colour=deck.accent)
        deck.text(slide, left + 0.15, tile_top + tile_height - 0.55, width - 0.3, 0.45, [label], size=13,
                  colour=theme.MUTED)
    deck.footer(slide, 1)


def _pillars_slide(deck: Deck, model: summary.Summary, pictures: dict[str, Picture]) -> None:
    fmt = deck.fmt
    slide = deck.slide(fmt.text("slides.pillars"), 2)
    if "radar" in pictures:
        deck.picture(slide, pictures["radar"], MARGIN, 1.45, 5.6, 5.1)
    left, top = 6.6, 1.6
    row_height = min(1.3, 5.2 / max(len(model.pillars), 1))
    for row in model.pillars:
        deck.box(slide, left, top + 0.08, 0.32, 0.32, STATE_COLOURS.get(row.state, STATE_COLOURS["unscored"]))
        score = row.score if row.scored else fmt.number(None)
        deck.text(
            slide, left + 0.5, top, WIDTH - MARGIN - left - 0.5, row_height,
            [
                [(row.name, {"bold": True, "size": 18}), (f"   {score}", {"bold": True, "size": 18,
                                                                           "colour": deck.accent}),
                 (f"  ({fmt.text('report.col.target').lower()} {row.target})", {"size": 13, "colour": theme.MUTED})],
                [(row.status, {"size": 14})],
            ],
        )
        top += row_height


def _gaps_slide(deck: Deck, model: summary.Summary, findings: Sequence[pillar.Finding]) -> None:
    fmt = deck.fmt
    slide = deck.slide(fmt.text("slides.gaps"), 3)
    deck.text(slide, MARGIN, 1.45, 4.2, 0.4, [fmt.text("slides.gap_capabilities")], size=14, bold=True,
              colour=theme.MUTED)
    gaps = [
        [[(item.title, {"bold": True, "size": 16})], [(f"{item.value} · {item.detail}", {"size": 13})]]
        for item in model.gaps
    ]
    paragraphs = [line for gap in gaps for line in gap] or [model.none]
    deck.text(slide, MARGIN, 1.9, 4.2, 4.5, paragraphs, size=14)
    left = MARGIN + 4.6
    deck.text(slide, left, 1.45, WIDTH - MARGIN - left, 0.4, [fmt.text("slides.gap_findings")], size=14,
              bold=True, colour=theme.MUTED)
    if not findings:
        deck.text(slide, left, 1.9, WIDTH - MARGIN - left, 0.5, [fmt.text("report.findings.none")], size=14)
        return
    shown = list(findings[:GAP_FINDINGS])
    rows = slide.shapes.add_table(
        len(shown) + 1, 4, Inches(left), Inches(1.9), Inches(WIDTH - MARGIN - left), Inches(0.4 + 0.9 * len(shown))
    ).table
    widths = (3.3, 0.8, 0.8, WIDTH - MARGIN - left - 4.9)
    for column, width in enumerate(widths):
        rows.columns[column].width = Inches(width)
    header = [fmt.text(key) for key in ("report.col.question", "report.col.score", "report.col.target",
                                        "report.col.next_step")]
    for number, line in enumerate([header, *([f.question, f.score, f.target, f.next_step] for f in shown)]):
        for column, value in enumerate(line):
            cell = rows.cell(number, column)
            cell.text = _cut(value, 120)
            cell.margin_top = cell.margin_bottom = Inches(0.04)
            cell.fill.solid()
            cell.fill.fore_color.rgb = deck.accent if number == 0 else rgb("#ffffff" if number % 2 else "#f2f5f7")
            for paragraph in cell.text_frame.paragraphs:
                if column in (1, 2):
                    paragraph.alignment = PP_ALIGN.RIGHT
                for run in paragraph.runs:
                    deck.style(run.font, 12 if number == 0 else 10.5, "#ffffff" if number == 0 else theme.INK,
                                number == 0 or column == 1)


def _roadmap_slide(deck: Deck, model: roadmap.RoadmapSection) -> None:
    fmt = deck.fmt
    slide = deck.slide(fmt.text("slides.roadmap"), 4)
    done = fmt.text("report.status.done")
    steps = [s for s in model.steps if s.status != done]
    width = (WIDTH - 2 * MARGIN - 0.5) / 3
    for number, horizon in enumerate(HORIZONS):
        left = MARGIN + number * (width + 0.25)
        chosen = [s for s in steps if s.horizon_short == fmt.text(f"report.horizon_short.{horizon}")]
        band = deck.box(slide, left, 1.45, width, 0.5, deck.accent)
        band.text_frame.text = fmt.text(f"report.horizon.{horizon}")
        deck.style(band.text_frame.paragraphs[0].runs[0].font, 15, "#ffffff", True)
        lines: list[object] = []
        for step in chosen[:STEPS_PER_HORIZON]:
            lines.append([(f"{step.number}. {_cut(step.action, 110)}", {"bold": True, "size": 13})])
            details = " · ".join(part for part in (step.owner if step.owner != fmt.number(None) else "",
                                                   step.effort, step.status) if part)
            lines.append([(details, {"size": 11, "colour": theme.MUTED, "after": 10})])
        if len(chosen) > STEPS_PER_HORIZON:
            lines.append([(fmt.text("slides.more_steps", count=len(chosen) - STEPS_PER_HORIZON),
                           {"size": 11, "colour": theme.MUTED})])
        deck.text(slide, left, 2.05, width, 4.5, lines or [fmt.text("slides.no_steps")], size=13)


def _benchmark_slide(deck: Deck, model: benchmark.BenchmarkSection, pictures: dict[str, Picture]) -> None:
    fmt = deck.fmt
    slide = deck.slide(fmt.text("report.benchmark.title"), 5)
    deck.text(slide, MARGIN, 1.45, WIDTH - 2 * MARGIN, 0.6, [model.text], size=15)
    if model.shown and "benchmark" in pictures:
        deck.picture(slide, pictures["benchmark"], MARGIN, 2.1, WIDTH - 2 * MARGIN, 4.0)
    deck.text(slide, MARGIN, HEIGHT - 1.3, WIDTH - 2 * MARGIN, 0.45, [model.rule], size=11, colour=theme.MUTED)


def _trend_slide(deck: Deck, model: summary.Summary, pictures: dict[str, Picture]) -> None:
    fmt = deck.fmt
    slide = deck.slide(fmt.text("report.trend.title"), 6)
    deck.text(slide, MARGIN, 1.45, WIDTH - 2 * MARGIN, 0.5, [model.change], size=15)
    if model.has_trend and "trend" in pictures:
        deck.picture(slide, pictures["trend"], MARGIN, 2.0, WIDTH - 2 * MARGIN, 4.1)
    if model.basis:
        deck.text(slide, MARGIN, HEIGHT - 1.3, WIDTH - 2 * MARGIN, 0.45, [model.basis], size=10,
                  colour=theme.MUTED)


def _about_slide(deck: Deck, model: summary.Summary) -> None:
    fmt, front = deck.fmt, deck.front
    slide = deck.slide(fmt.text("slides.about"), 7)
    state = model.status
    facts = [
        (fmt.text("report.cover.date"), front.date),
        (fmt.text("slides.respondents"), str(front.respondents)),
        (fmt.text("slides.answered"), state.answered if state else fmt.number(None)),
        (fmt.text("report.summary.confidence"), f"{model.confidence} ({fmt.text('report.summary.confidence_note')})"),
        (fmt.text("slides.questionnaire"),
         f"{front.questionnaire} · {front.questionnaire_id} · {fmt.text('report.cover.version')} "
         f"{front.questionnaire_version}"),
        (fmt.text("report.cover.sector"), f"{front.sector} · {front.size_class}"),
    ]
    if front.branding.consultant:
        facts.append((fmt.text("report.cover.prepared_by"), front.branding.consultant))
    lines = [[(f"{label}: ", {"bold": True}), (value, {})] for label, value in facts]
    deck.text(slide, MARGIN, 1.5, WIDTH - 2 * MARGIN, 3.6, lines, size=16)
    notes = [fmt.text("slides.method")]
    if state is not None and state.draft:
        notes.insert(0, state.note)
    deck.text(slide, MARGIN, 5.0, WIDTH - 2 * MARGIN, 1.4, notes, size=13, colour=theme.MUTED)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


SLIDES = 7


def slides_bytes(inputs: ReportInputs, fmt: Formatter) -> bytes:
    """The deck of ``inputs`` in ``fmt``'s language as ``.pptx`` bytes."""
    from reports.svg import start_browser

    start_browser()  # boots while the sections are built
    overview = summary.build(inputs, fmt)
    pillars = pillar.build(inputs, fmt)
    peers = benchmark.build(inputs, fmt)
    steps = roadmap.build(inputs, fmt)
    pictures = chart_pictures({**overview.figures, **peers.figures})
    state = overview.status
    front = cover(inputs, fmt)
    # Every slide's footer: the draft mark with the share answered, and that a demo is a demo.
    marks = [state.mark if state is not None else "", fmt.text("report.demo") if front.demo else ""]
    deck = Deck(fmt, front, " · ".join(mark for mark in marks if mark), SLIDES)
    _summary_slide(deck, overview)
    _pillars_slide(deck, overview, pictures)
    _gaps_slide(deck, overview, pillar.top_findings(pillars))
    _roadmap_slide(deck, steps)
    _benchmark_slide(deck, peers, pictures)
    _trend_slide(deck, overview, pictures)
    _about_slide(deck, overview)
    return deck.bytes()
