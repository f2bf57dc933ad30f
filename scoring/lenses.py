"""Regulatory lenses: question scores regrouped by framework reference.

A board asks "where do we stand on DORA article 11?" rather than "on the
process pillar". Each question cites references per framework
(``Question.references``); a reference's score is the plain (unweighted) mean
of the scored questions citing it, ``None`` when none of them is scored.
Frameworks keep questionnaire order of first citation; references within a
framework are in natural order (``Art. 5`` before ``Art. 11``, ``GV.RR-02``
before ``GV.RR-10``), the order a reader looks them up in.
"""

from __future__ import annotations

import re
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
        framework: {
            ref: (sum(references[ref]) / len(references[ref]) if references[ref] else None)
            for ref in sorted(references, key=natural_key)
        }
        for framework, references in cited.items()
    }


def natural_key(reference: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that compares digit runs as numbers: ``21(2)(b)`` < ``21(2)(j)``, ``8.4`` < ``8.10``."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", reference) if part)
