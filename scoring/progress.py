"""How far an assessment is: the share of questions answered, and whether it is still a draft.

One pure place for both, read by every output that shows a number (the PDF,
the workbook, the results page, the slide deck through
``reports.sections.status``): a report of an assessment that is not closed is
a draft, and a pillar or capability without a score says how much of it has
been answered instead of a verdict.

An answer is any answer a respondent gave (a level, "not applicable" or
"don't know"); the share is answers given ÷ the questions asked of each
respondent (every question, unless the questionnaire has audiences). An
assessment without respondents has answered nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from questionnaires.models import Questionnaire
from scoring.assessment import Assessment

#: The one status at which an assessment is no longer a draft.
FINAL_STATUS = "closed"


@dataclass(frozen=True)
class Progress:
    """Answers given against answers possible, for the whole assessment and per pillar and capability."""

    draft: bool
    answered: int
    possible: int
    #: Measure id (pillar or capability) → share answered, 0–1.
    shares: Mapping[str, float] = field(default_factory=dict)

    @property
    def share(self) -> float:
        return self.answered / self.possible if self.possible else 0.0

    def share_of(self, measure: str) -> float:
        return self.shares.get(measure, 0.0)


def is_draft(assessment: Assessment) -> bool:
    """An assessment that is not closed may still change: its report is a draft."""
    return assessment.status != FINAL_STATUS


def progress(assessment: Assessment, questionnaire: Questionnaire) -> Progress:
    """The share answered of ``assessment``, overall and per pillar and capability."""
    respondents = assessment.respondents
    given: dict[str, int] = {}
    possible: dict[str, int] = {}
    answered = total = 0
    for pillar in questionnaire.pillars:
        for capability in pillar.capabilities:
            for question in capability.questions:
                # A respondent answers the questions of their audiences (all of them without audiences).
                asked = [r for r in respondents if question.asked_of(getattr(r, "audiences", ()))]
                count = sum(1 for r in asked if question.id in r.answers)
                for measure in (pillar.id, capability.id):
                    given[measure] = given.get(measure, 0) + count
                    possible[measure] = possible.get(measure, 0) + len(asked)
                answered += count
                total += len(asked)
    shares = {measure: (given[measure] / possible[measure] if possible[measure] else 0.0) for measure in possible}
    return Progress(draft=is_draft(assessment), answered=answered, possible=total, shares=shares)
