"""The slide furniture of the board deck: a 16:9 presentation, its title, logo, footer, text and pictures.

``reports.slides`` says what each of the seven slides shows; this module is how anything is put on a
slide (python-pptx, the consultant's colour and logo, the draft mark in every footer, the charts as PNG
with their alternative text), split off so the slides read as content rather than as layout code.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from dataclasses import dataclass

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from i18n.format import Formatter
from reports import charts, theme
from reports.branding import Branding
from reports.context import Cover
from reports.svg import figures_png

#: 16:9 in inches.
WIDTH, HEIGHT = 13.333, 7.5
MARGIN = 0.6
FONT = "Open Sans"
#: Export width in CSS pixels of each chart (the PDF's widths: the radar narrow, the rest the A4 text block).
CHART_WIDTHS = {"radar": 300, "benchmark": 760, "trend": 760}
#: PNG pixels per CSS pixel: sharp on a projector.
SCALE = 3
DRAFT = "#b42318"
LANGUAGE_IDS = {"nl": MSO_LANGUAGE_ID.DUTCH, "en": MSO_LANGUAGE_ID.ENGLISH_UK}


def rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


@dataclass(frozen=True)
class Picture:
    png: bytes
    alt: str
    #: Width ÷ height.
    aspect: float


class Deck:
    """One presentation being built: slide furniture (title, logo, footer) and text helpers."""

    def __init__(self, fmt: Formatter, front: Cover, mark: str, slides: int) -> None:
        self.fmt = fmt
        self.front = front
        self.mark = mark
        self.count = slides
        self.accent = rgb(front.branding.colour)
        self.logo = _logo(front.branding, fmt)
        self.presentation = Presentation()
        self.presentation.slide_width = Inches(WIDTH)
        self.presentation.slide_height = Inches(HEIGHT)
        self.layout = self.presentation.slide_layouts[5]  # "Title Only": every slide has a real title
        properties = self.presentation.core_properties
        properties.title = f"{front.title} – {front.organisation}"
        properties.subject = front.questionnaire
        properties.author = front.branding.consultant or ""
        properties.language = "nl-NL" if fmt.lang == "nl" else "en-GB"
        properties.keywords = mark

    # -- text ---------------------------------------------------------------

    def text(
        self, slide, left: float, top: float, width: float, height: float, paragraphs: Sequence[object],
        size: float = 14, colour: str = theme.INK, bold: bool = False, align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP,
    ):
        """A text box of paragraphs; a paragraph is a str or a list of ``(text, {size, colour, bold})`` runs."""
        box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        frame = box.text_frame
        frame.word_wrap = True
        frame.vertical_anchor = anchor
        frame.margin_left = frame.margin_right = Inches(0.05)
        frame.margin_top = frame.margin_bottom = Inches(0.03)
        for number, paragraph in enumerate(paragraphs):
            line = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
            line.alignment = align
            runs = [(paragraph, {})] if isinstance(paragraph, str) else paragraph
            for content, style in runs:  # type: ignore[union-attr]
                run = line.add_run()
                run.text = content
                self.style(run.font, style.get("size", size), style.get("colour", colour), style.get("bold", bold))
            line.space_after = Pt(runs[-1][1].get("after", 4) if runs else 4)  # type: ignore[index]
        return box

    def style(self, font, size: float, colour: str | RGBColor, bold: bool) -> None:
        font.name = FONT
        font.size = Pt(size)
        font.bold = bold
        font.color.rgb = colour if isinstance(colour, RGBColor) else rgb(colour)
        font.language_id = LANGUAGE_IDS[self.fmt.lang]

    def box(self, slide, left: float, top: float, width: float, height: float, fill: str | RGBColor,
            line: str | None = None, shape=MSO_SHAPE.RECTANGLE):
        """A filled shape (a band, a tile, a status square)."""
        drawn = slide.shapes.add_shape(shape, Inches(left), Inches(top), Inches(width), Inches(height))
        drawn.fill.solid()
        drawn.fill.fore_color.rgb = fill if isinstance(fill, RGBColor) else rgb(fill)
        if line is None:
            drawn.line.fill.background()
        else:
            drawn.line.color.rgb = rgb(line)
            drawn.line.width = Pt(2)
        # No theme style: its effect reference draws a shadow (LibreOffice ignores an empty effect list).
        drawn._element.remove(drawn._element.find(qn("p:style")))
        return drawn

    # -- slides -------------------------------------------------------------

    def slide(self, title: str, number: int):
        """A content slide: its title (the slide's real title placeholder), accent rule, logo and footer."""
        slide = self.presentation.slides.add_slide(self.layout)
        heading = slide.shapes.title
        heading.left, heading.top = Inches(MARGIN), Inches(0.35)
        heading.width, heading.height = Inches(WIDTH - 2 * MARGIN - 2.0), Inches(0.8)
        frame = heading.text_frame
        frame.word_wrap = True
        frame.margin_left = frame.margin_right = Inches(0.05)
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        frame.text = title
        line = frame.paragraphs[0]
        line.alignment = PP_ALIGN.LEFT
        self.style(line.runs[0].font, 28, self.accent, True)
        self.box(slide, MARGIN, 1.18, 1.2, 0.06, self.accent)
        if self.logo is not None:
            self.picture(slide, self.logo, WIDTH - MARGIN - 1.8, 0.35, 1.8, 0.75, align="right")
        self.footer(slide, number)
        return slide

    def footer(self, slide, number: int) -> None:
        fmt, front = self.fmt, self.front
        left = f"{front.organisation_short} · {front.date}"
        self.text(slide, MARGIN, HEIGHT - 0.5, 5.2, 0.3, [left], size=10, colour=theme.MUTED)
        if self.mark:  # a line of its own above the footer: it must never be cut or run into the rest
            self.text(slide, MARGIN, HEIGHT - 0.8, WIDTH - 2 * MARGIN, 0.3, [self.mark], size=11, colour=DRAFT,
                      bold=True, align=PP_ALIGN.CENTER)
        right = f"{front.confidentiality} · {fmt.text('slides.slide_of', number=number, total=self.count)}"
        self.text(slide, WIDTH - MARGIN - 4.6, HEIGHT - 0.5, 4.6, 0.3, [right], size=10, colour=theme.MUTED,
                  align=PP_ALIGN.RIGHT)

    def picture(self, slide, picture: Picture, left: float, top: float, width: float, height: float,
                align: str = "center") -> None:
        """A picture as large as fits the box, keeping its proportions, with its alternative text."""
        if picture.aspect >= width / height:
            shown_w, shown_h = width, width / picture.aspect
        else:
            shown_w, shown_h = height * picture.aspect, height
        x = left + (width - shown_w) / 2 if align == "center" else left + width - shown_w
        shape = slide.shapes.add_picture(
            io.BytesIO(picture.png), Inches(x), Inches(top), Emu(int(Inches(shown_w))), Emu(int(Inches(shown_h)))
        )
        shape._element.nvPicPr.cNvPr.set("descr", picture.alt)  # the alt text PowerPoint and readers show

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.presentation.save(out)
        return out.getvalue()


def _logo(branding: Branding, fmt: Formatter) -> Picture | None:
    if not branding.logo:
        return None
    from PIL import Image

    data = base64.b64decode(branding.logo.split(",", 1)[1])
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
    except Exception:  # a stored logo that is not a readable image: the deck goes without
        return None
    consultant = branding.consultant
    alt = fmt.text("report.alt.logo", consultant=consultant) if consultant else fmt.text("report.alt.logo_plain")
    return Picture(data, alt, width / height if height else 1.0)


def chart_pictures(figures: dict[str, object]) -> dict[str, Picture]:
    """The charts the deck shows, as PNG through the warm browser, with their alternative text."""
    names = [name for name in CHART_WIDTHS if name in figures]
    chosen = [figures[name] for name in names]
    pngs = figures_png(chosen, [CHART_WIDTHS[name] for name in names], SCALE)
    out = {}
    for name, figure, png in zip(names, chosen, pngs, strict=True):
        height = figure.layout.height or 400  # type: ignore[attr-defined]
        out[name] = Picture(png, charts.alt_text(figure), CHART_WIDTHS[name] / height)  # type: ignore[arg-type]
    return out
