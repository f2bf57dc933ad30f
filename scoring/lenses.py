"""Regulatory lenses: question scores regrouped by framework reference.

A board asks "where do we stand on DORA article 11?" rather than "on the
process pillar". Each question cites references per framework
(``Question.references``); a reference's score is the plain (unweighted) mean
of the scored questions citing it, ``None`` when none of them is scored.
Frameworks and references keep questionnaire order of first citation.
"""

from __future__ import annotations

from collections.abc import Mapping

from questionnaires.models import Questionnaire
from scoring.results import QuestionResult


def lenses(
    questions: Mapping[str, QuestionResult], questionnaire: Questionnaire
) -> dict[str, dict[str, float | None]]:
    """Framework → reference → mean score of the scored questions that cite it."""
    cited: dict[str, dict[str, list[float]]] = {}
    for question in questionnaire.questions():
        result = questions.get(question.id)
        for framework, references in question.references.items():
            for reference in references:
                scores = cited.setdefault(framework, {}).setdefault(reference, [])
                if result is not None and result.score is not None:
                    scores.append(result.score)
    return {
        framework: {ref: (sum(s) / len(s) if s else None) for ref, s in references.items()}
        for framework, references in cited.items()
    }
