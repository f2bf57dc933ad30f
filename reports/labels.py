"""Names of a questionnaire's pillars, capabilities and questions in one language, and question numbers.

Pages, report sections and chart data all name things the same way through
:func:`labels`, so "#16" on the results page is question 16 in the PDF.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from questionnaires.models import Questionnaire, localized


@dataclass(frozen=True)
class Labels:
    """Localised names by id (pillars, capabilities, question texts) and each question's number."""

    names: Mapping[str, str]
    #: Question id → its 1-based number in the questionnaire, as the results page and the browser show it.
    numbers: Mapping[str, int]

    def __getitem__(self, identifier: str) -> str:
        return self.names[identifier]

    def get(self, identifier: str, default: str | None = None) -> str | None:
        return self.names.get(identifier, default)

    def numbered(self, question_id: str) -> str:
        """``"16. Is there a crisis team?"``: a question as a row of a table names it."""
        return f"{self.numbers[question_id]}. {self.names[question_id]}"


def labels(questionnaire: Questionnaire, lang: str) -> Labels:
    names: dict[str, str] = {}
    numbers: dict[str, int] = {}
    for pillar in questionnaire.pillars:
        names[pillar.id] = localized(pillar.name, lang)
        for capability in pillar.capabilities:
            names[capability.id] = localized(capability.name, lang)
            for question in capability.questions:
                names[question.id] = localized(question.text, lang)
                numbers[question.id] = len(numbers) + 1
    return Labels(names, numbers)
