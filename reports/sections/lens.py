"""The regulatory lens: per framework and reference, the mean score of the questions citing it.

Each reference is shown with its official title where the framework
catalogue (``questionnaires.references``) knows it; an unknown one shows its
id alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from i18n import catalogue
from i18n.format import Formatter
from questionnaires.references import reference_title
from reports.build import ReportInputs


@dataclass(frozen=True)
class LensRow:
    reference: str
    #: The reference's official title, or "" when the catalogue does not know it.
    title: str
    score: str
    level: str
    questions: str


@dataclass(frozen=True)
class Lens:
    framework: str
    name: str
    rows: tuple[LensRow, ...]
    #: In brief (board edition): the mean score of the scored references, a dash without one …
    mean: str = ""
    #: … and the weakest scored references, "PR.IR-01 1.0, DE.CM-01 1.5".
    weakest: str = ""


#: References named as the weakest of a framework in the board edition.
WEAKEST = 3


@dataclass(frozen=True)
class LensSection:
    lenses: tuple[Lens, ...]


def framework_name(framework: str, fmt: Formatter) -> str:
    """The report's name of a framework ("NIS2 article 21"); an unknown one by its key."""
    key = f"report.framework.{framework}"
    return fmt.text(key) if key in catalogue() else framework


def build(inputs: ReportInputs, fmt: Formatter) -> LensSection:
    citing: dict[tuple[str, str], int] = {}
    for question in inputs.questionnaire.questions():
        for framework, references in question.references.items():
            for reference in references:
                citing[(framework, reference)] = citing.get((framework, reference), 0) + 1
    def brief(references: dict[str, float | None]) -> tuple[str, str]:
        scored = sorted(((score, ref) for ref, score in references.items() if score is not None))
        mean = sum(score for score, _ in scored) / len(scored) if scored else None
        weakest = ", ".join(f"{ref} {fmt.number(score)}" for score, ref in scored[:WEAKEST])
        return fmt.number(mean), weakest

    lenses = tuple(
        Lens(
            framework=framework,
            name=framework_name(framework, fmt),
            mean=brief(references)[0],
            weakest=brief(references)[1],
            rows=tuple(
                LensRow(
                    reference=reference,
                    title=reference_title(framework, reference, fmt.lang) or "",
                    score=fmt.number(score),
                    level=fmt.level(None if score is None else math.floor(score)),
                    questions=str(citing.get((framework, reference), 0)),
                )
                for reference, score in references.items()
            ),
        )
        for framework, references in inputs.result.lenses.items()
    )
    return LensSection(lenses=lenses)
