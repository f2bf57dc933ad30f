"""The method in plain words, with this assessment's own numbers.

Each paragraph is a named catalogue text (``report.method.answers`` …) with
its values, in reading order, so a paragraph can be added, moved or tested by
name rather than by position.
"""

from __future__ import annotations

from dataclasses import dataclass

from i18n.format import Formatter
from reports.build import ReportInputs
from scoring.benchmark import DEFAULT_K

#: The paragraphs in reading order.
PARAGRAPHS = ("answers", "scale", "aggregation", "level", "confidence", "roadmap", "benchmark")


@dataclass(frozen=True)
class Paragraph:
    name: str
    text: str


@dataclass(frozen=True)
class Method:
    paragraphs: tuple[Paragraph, ...]

    def __getitem__(self, name: str) -> str:
        return next(p.text for p in self.paragraphs if p.name == name)


def build(inputs: ReportInputs, fmt: Formatter) -> Method:
    result, assessment = inputs.result, inputs.assessment
    answers = [a for r in assessment.respondents for a in r.answers.values()]
    values: dict[str, dict[str, object]] = {
        "answers": {
            "count": result.respondents,
            "questions": inputs.questionnaire.question_count,
            "answers": len(answers),
            "levels": sum(1 for a in answers if isinstance(a.value, int)),
            "na": sum(1 for a in answers if a.value == "na"),
            "dont_know": sum(1 for a in answers if a.value == "dont_know"),
        },
        "aggregation": {"overall": fmt.number(result.overall), "balance": fmt.number(result.balance)},
        "confidence": {
            "confidence": fmt.percent(result.confidence),
            "count": len(result.flagged_questions()),
        },
        "roadmap": {"count": len(result.roadmap)},
        "benchmark": {"k": inputs.benchmark.k if inputs.benchmark else DEFAULT_K},
    }
    paragraphs = {name: fmt.text(f"report.method.{name}", **values.get(name, {})) for name in PARAGRAPHS}
    # Two counts, two plural choices: the "don't know" sentence is a text of its own.
    paragraphs["confidence"] += " " + fmt.text("report.method.dont_know", count=len(result.dont_know_questions()))
    return Method(paragraphs=tuple(Paragraph(name, text) for name, text in paragraphs.items()))
