"""The PDF is accessible (EN 301 549, PDF/UA-1): its structure read back from the file.

A structure tree in reading order, the document language, a title shown as
the window title, every chart a /Figure with alternative text that states its
numbers, tables with header cells. Read with pypdf (the objects) and
poppler's ``pdfinfo -struct-text`` (the tree with its text, in order).
"""

from __future__ import annotations

import base64
import io
import math
import re
import subprocess
from html import unescape
from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject
from report_helpers import squeeze

from i18n import t
from i18n.format import formatter
from reports import charts
from reports.build import EDITIONS, ReportInputs
from reports.context import Branding, build_context
from reports.pdf import chart_alts, render_html, render_pdf_checked
from scoring.trend import ComparableHistory


def _png() -> str:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "#aa3355").save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


EDITIONS_LANGUAGES = [(edition, lang) for edition in EDITIONS for lang in ("nl", "en")]


@pytest.fixture(scope="module")
def tagged(small_result, previous_result, small_assessment, small_questionnaire, tmp_path_factory) -> dict:
    """Both editions in both languages, with a logo, a trend and heatmaps, written to files for poppler."""
    folder = tmp_path_factory.mktemp("accessible")
    inputs = ReportInputs(
        small_assessment, small_questionnaire,
        branding=Branding(consultant="Adviesbureau Kompas", logo=_png()),
        history=ComparableHistory.of([previous_result], small_result, small_questionnaire.question_count),
        result=small_result,
    )
    out = {}
    for edition, lang in EDITIONS_LANGUAGES:
        context = build_context(inputs, lang, edition)
        path = folder / f"report-{edition}-{lang}.pdf"
        path.write_bytes(render_pdf_checked(context).pdf)
        out[edition, lang] = (context, path)
    return out


def _elements(node: object, found: list[DictionaryObject]) -> list[DictionaryObject]:
    """Every structure element under ``node``, depth first (reading order)."""
    node = node.get_object()  # type: ignore[attr-defined]
    if not isinstance(node, DictionaryObject):
        return found
    if "/S" in node:
        found.append(node)
    kids = node.get("/K")
    for kid in kids if isinstance(kids, ArrayObject) else [kids] if kids is not None else []:
        if hasattr(kid, "get_object"):
            _elements(kid, found)
    return found


def _struct_text(path: Path) -> list[tuple[int, str]]:
    """``pdfinfo -struct-text``: (depth, element type or quoted text) per line."""
    done = subprocess.run(
        ["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True, timeout=60
    )
    return [(len(line) - len(line.lstrip()), line.strip()) for line in done.stdout.splitlines() if line.strip()]


def _headings(lines: list[tuple[int, str]], kind: str) -> list[str]:
    """The text of every ``kind`` element (``H1``), in the order of the structure tree."""
    texts, depth, current = [], None, []
    for indent, line in [*lines, (0, "")]:
        if depth is not None and indent <= depth:
            texts.append("".join(current))
            depth, current = None, []
        if depth is None and line.split(" ")[0] == kind:
            depth = indent
        elif depth is not None and line.startswith('"'):
            current.append(line[1:-1])
    return texts


@pytest.mark.parametrize(("edition", "lang"), EDITIONS_LANGUAGES)
def test_the_pdf_is_tagged_with_language_title_and_figures_described(tagged, edition: str, lang: str) -> None:
    context, path = tagged[edition, lang]
    reader = PdfReader(path)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang
    assert bool(root["/MarkInfo"]["/Marked"])
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == f"{context.cover.title} – {context.cover.organisation}"
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()  # claims PDF/UA-1

    elements = _elements(root["/StructTreeRoot"], [])
    kinds = [str(e["/S"]) for e in elements]
    assert kinds[0] == "/Document"
    figures = [e for e in elements if e["/S"] == "/Figure"]
    # Every chart and the logo, each with alternative text.
    assert len(figures) == len(context.figures) + 1
    alts = [str(figure.get("/Alt", "")) for figure in figures]
    assert all(alts), alts
    assert t("report.alt.logo", lang, consultant="Adviesbureau Kompas") in alts
    assert set(chart_alts(context).values()) <= set(alts)

    # Tables: each has header cells, and the table's data cells point to them.
    tables = [e for e in elements if e["/S"] == "/Table"]
    assert len(tables) >= 4
    for table in tables:
        cells = _elements(table, [])
        assert any(c["/S"] == "/TH" for c in cells)
        assert any("/Headers" in c.get("/A", {}) for c in cells if c["/S"] == "/TD")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_chart_descriptions_state_the_numbers(tagged, lang: str) -> None:
    context, _ = tagged["full", lang]
    alts = chart_alts(context)
    # The small assessment: people 2.0, process 1.0, technology 3.0, targets 3.0, 3.0 and 4.0.
    if lang == "nl":
        assert "Mens 2,0 (doel 3,0); Proces 1,0 (doel 3,0); Technologie 3,0 (doel 4,0)" in alts["radar"]
    else:
        assert "People 2.0 (target 3.0); Process 1.0 (target 3.0); Technology 3.0 (target 4.0)" in alts["radar"]
    assert set(alts) == set(context.figures)
    for name, alt in alts.items():
        assert re.search(r"\d[,.]\d|#\d+: \d", alt) or name == "roadmap", (name, alt)
    assert re.search(r"\d", alts["roadmap"])


@pytest.mark.parametrize(("edition", "lang"), EDITIONS_LANGUAGES)
def test_the_reading_order_is_the_order_shown(tagged, edition: str, lang: str) -> None:
    """The structure tree reads the chapters in the order of the HTML, and that is the order of the pages."""
    context, path = tagged[edition, lang]
    lines = _struct_text(path)
    chapters = [" ".join(c.split()) for c in _headings(lines, "H1")]
    html = render_html(context, charts={name: "data:image/svg+xml;base64,PHN2Zy8+" for name in context.figures})
    shown = [" ".join(unescape(re.sub(r"<[^>]+>", "", h)).split()) for h in re.findall(r"<h1\b.*?</h1>", html, re.S)]
    assert chapters == shown and len(chapters) >= 4
    pages = [squeeze(page.extract_text()) for page in PdfReader(path).pages]
    first_page = [next(n for n, text in enumerate(pages) if squeeze(chapter) in text) for chapter in chapters]
    assert first_page == sorted(first_page)
    # The running header's texts (page word, label) reach the margins only: the first words read are the report's.
    first = next(line.strip('"') for _, line in lines if line.startswith('"') and line != '""')
    assert first not in (t("report.page", lang), context.cover.confidentiality, context.cover.organisation_short)


def test_every_table_header_has_a_scope_and_every_image_an_alt(small_result, small_assessment, small_questionnaire):
    context = build_context(ReportInputs(small_assessment, small_questionnaire, result=small_result), "en")
    html = render_html(context, charts={name: "data:image/svg+xml;base64,PHN2Zy8+" for name in context.figures})
    headers = re.findall(r"<th\b[^>]*>", html)
    assert headers and all(re.search(r'scope="(col|row)"', h) for h in headers)
    images = re.findall(r"<img\b[^>]*>", html)
    assert images and all(re.search(r'alt="[^"]+"', image) for image in images)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_unscored_pillar_is_described_as_not_yet_answered(lang: str) -> None:
    fmt = formatter(lang)
    frame = pd.DataFrame(
        {"name": ["Mens", "Proces"], "score": [2.25, math.nan], "target": [3.0, 3.0], "peer_median": [2.6, math.nan]}
    )
    alt = charts.alt_text(charts.pillar_radar(frame, fmt))
    number = fmt.number
    assert f"Mens {number(2.25)} ({'doel' if lang == 'nl' else 'target'} {number(3.0)}" in alt
    assert f"Proces {t('report.alt.not_scored', lang)}" in alt
    assert number(0.0) not in alt

