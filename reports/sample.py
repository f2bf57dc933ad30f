"""A deterministic demo assessment: for the report preview, the benchmark and tests.

It is marked ``demo`` so every page of its report says so. Answers are drawn
from a seeded generator around a per-question "true" level, with respondents
disagreeing now and then, some comments, evidence links, a few "don't know"
and "not applicable" answers, and owners on the first roadmap steps: enough
to fill every part of the report the way a real assessment would.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import TYPE_CHECKING

from questionnaires.models import Questionnaire
from scoring.assessment import Answer, Assessment, Organisation, QuestionnaireRef, Respondent

if TYPE_CHECKING:
    from reports.build import ReportInputs

ROLES = ("CISO", "IT-manager", "Business-continuity manager", "HR-adviseur", "Operations lead")
COMMENTS = (
    "Vastgelegd in het beleid, maar nog niet geoefend.",
    "Alleen voor de kritieke systemen.",
    "Done by the service desk; no written procedure yet.",
    "Checked during the last audit.",
)


def demo_assessment(
    questionnaire: Questionnaire,
    *,
    respondents: int = 3,
    seed: int = 7,
    date: dt.date = dt.date(2026, 3, 2),
    shift: float = 0.0,
    organisation: str = "Demo Zorggroep Noord",
    embed: bool = True,
) -> Assessment:
    """A closed demo assessment with every question answered by every respondent.

    ``shift`` moves every "true" level (an earlier assessment of the same
    organisation: ``shift=-0.8`` and an earlier ``date``).
    """
    rng = random.Random(seed)
    truth = {
        q.id: min(5.0, max(0.0, rng.uniform(0.8, 4.2) + shift)) for q in questionnaire.questions()
    }
    people = []
    for number in range(respondents):
        answers: dict[str, Answer] = {}
        for question in questionnaire.questions():
            draw = rng.random()
            if draw < 0.03:
                answers[question.id] = Answer(value="dont_know")
            elif draw < 0.05:
                answers[question.id] = Answer(value="na", reason="Uitbesteed aan de leverancier.")
            else:
                level = round(
                    truth[question.id] + rng.choice((-1, 0, 0, 0, 0, 1)) + rng.uniform(-0.4, 0.4)
                )
                level = min(5, max(0, level))
                comment = rng.choice(COMMENTS) if rng.random() < 0.12 else None
                evidence = (
                    f"https://intranet.example.org/docs/{question.id.replace('.', '/')}"
                    if rng.random() < 0.08
                    else None
                )
                answers[question.id] = Answer(value=level, comment=comment, evidence=evidence)
        people.append(
            Respondent(id=f"r{number + 1}", role=ROLES[number % len(ROLES)], answers=answers)
        )
    return Assessment(
        organisation=Organisation(name=organisation, sector="Q", size_class="250-999"),
        title=None,
        date=date,
        status="closed",
        demo=True,
        questionnaire=QuestionnaireRef(
            id=questionnaire.id,
            version=questionnaire.version,
            embedded=questionnaire if embed else None,
        ),
        respondents=tuple(people),
    )


def sample_inputs(questionnaire: Questionnaire, baseline: Questionnaire | None = None) -> ReportInputs:
    """A complete sample report's inputs: the demo assessment, an earlier one, six peers, branding.

    Used for the README's sample report (``docs/images``) and for looking at
    every part of the report at once. ``baseline``, an earlier version of the
    questionnaire, answers the earlier assessment, so the trend is across versions.
    """
    from reports.build import ReportInputs
    from reports.context import Branding
    from scoring import score_assessment
    from scoring.benchmark import benchmark, peer_table
    from scoring.trend import comparable_history

    current = demo_assessment(questionnaire)
    earlier_questionnaire = baseline or questionnaire
    earlier = demo_assessment(earlier_questionnaire, seed=3, shift=-0.7, date=dt.date(2025, 3, 3))
    peers = [
        score_assessment(
            demo_assessment(questionnaire, seed=100 + i, organisation=f"Demo peer {i}", shift=(i - 3) * 0.3),
            questionnaire,
        )
        for i in range(6)
    ]
    # A consultant has started on the roadmap: owners and a status on the first steps.
    from scoring.assessment import RoadmapEdit

    first = score_assessment(current, questionnaire).roadmap[:4]
    owners = ("Directeur bedrijfsvoering", "CISO", "ICT-manager", "CISO")
    statuses = ("in_progress", "open", "done", "open")
    current = current.model_copy(
        update={
            "roadmap": {
                step.key: RoadmapEdit(owner=owner, status=status, due=dt.date(2026, 6, 30))
                for step, owner, status in zip(first, owners, statuses, strict=False)
            }
        }
    )
    result = score_assessment(current, questionnaire)
    return ReportInputs(
        assessment=current,
        questionnaire=questionnaire,
        branding=Branding(consultant="Adviesbureau Veerkracht (demo)", colour="#1d6f8a"),
        benchmark=benchmark(result, peer_table(peers)),
        peer_group="Q",
        history=comparable_history((current, questionnaire), [(earlier, earlier_questionnaire)]),
    )


def write_sample(folder: Path, lang: str = "en") -> list[Path]:
    """The sample report of docs/images: both editions as PDF, three images of their pages, and
    the Dutch slide deck as one image.

    The default questionnaire's newest version answers the current assessment
    and its predecessor the earlier one, so the sample shows the trend across
    versions as a client who started on version 1 sees it.
    """
    import subprocess
    import tempfile

    from PIL import Image

    from questionnaires import load_questionnaire
    from questionnaires.registry import DEFAULT_QUESTIONNAIRE, comparable_predecessor
    from reports.build import report_bytes

    questionnaire = load_questionnaire(DEFAULT_QUESTIONNAIRE)
    inputs = sample_inputs(questionnaire, comparable_predecessor(questionnaire))
    board, full = folder / "sample-report.pdf", folder / "sample-report-full.pdf"
    board.write_bytes(report_bytes(inputs, "pdf", lang, edition="board"))
    full.write_bytes(report_bytes(inputs, "pdf", lang, edition="full"))

    def strip(pdf: Path, pages: tuple[int, ...], out: Path) -> Path:
        with tempfile.TemporaryDirectory() as scratch:
            images = []
            for page in pages:
                prefix = Path(scratch) / f"p{page}"
                subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", "-f", str(page), "-l", str(page),
                                str(pdf), str(prefix)], check=True)
                images.append(Image.open(f"{prefix}.png").convert("RGB"))
            width = sum(image.width for image in images) + 16 * (len(images) - 1)
            sheet = Image.new("RGB", (width, max(image.height for image in images)), "white")
            x = 0
            for image in images:
                sheet.paste(image, (x, 0))
                x += image.width + 16
            sheet.save(out, optimize=True)
        return out

    return [
        board,
        full,
        slide_sheet(report_bytes(inputs, "pptx", "nl"), folder / "sample-slides.png"),
        strip(board, (1, 2, 3), folder / "sample-report-1.png"),
        strip(board, (4, 5, 6), folder / "sample-report-2.png"),
        strip(
            full, _pages_with(full, ("Pillar: People", "Regulatory lens", "Trend over time")),
            folder / "sample-report-3.png",
        ),
    ]


def slide_sheet(deck: bytes, out: Path, columns: int = 4) -> Path:
    """The slides of a deck side by side in one image, as LibreOffice (headless) draws them."""
    import subprocess
    import tempfile

    from PIL import Image

    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "slides.pptx"
        source.write_bytes(deck)
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", scratch, str(source)],
                       check=True, capture_output=True, timeout=180)
        subprocess.run(["pdftoppm", "-r", "40", "-png", str(source.with_suffix(".pdf")), str(Path(scratch) / "s")],
                       check=True)
        slides = [Image.open(path).convert("RGB") for path in sorted(Path(scratch).glob("s-*.png"))]
        width, height, gap = slides[0].width, slides[0].height, 12
        rows = -(-len(slides) // columns)
        sheet = Image.new("RGB", (columns * (width + gap) + gap, rows * (height + gap) + gap), "#c9ced6")
        for number, slide in enumerate(slides):
            sheet.paste(slide, (gap + (number % columns) * (width + gap), gap + (number // columns) * (height + gap)))
        sheet.save(out, optimize=True)
    return out


def _pages_with(pdf: Path, titles: tuple[str, ...]) -> tuple[int, ...]:
    """The page (1-based) each chapter starts on: its text begins with the chapter's title."""
    from pypdf import PdfReader

    firsts = [((page.extract_text() or "").splitlines() or [""])[0] for page in PdfReader(pdf).pages]
    return tuple(next((n for n, line in enumerate(firsts, start=1) if line == title), len(firsts)) for title in titles)


if __name__ == "__main__":  # python -m reports.sample docs/images
    import sys

    for written in write_sample(Path(sys.argv[1] if len(sys.argv) > 1 else ".")):
        print(written)
