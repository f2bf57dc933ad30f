"""A question as a ladder, so guidance that does not lead from one descriptor to the next shows at a glance.

Each step of a question's ladder reads: what the organisation looks like one
level down (descriptor L−1), what to do (guidance L), and what it looks like
after (descriptor L). An author reading the three lines together sees at once
when the guidance skips a step, repeats the descriptor, or leads somewhere
else. Pure text formatting; the command line prints it
(``veerkracht questionnaire ladder FILE``).
"""

from __future__ import annotations

from collections.abc import Iterator

from i18n import t
from questionnaires.models import Question, Questionnaire, localized

INDENT = "  "


def ladder_text(questionnaire: Questionnaire, language: str) -> str:
    """Every question's ladder, one block per question, blocks separated by a blank line."""
    return "\n\n".join("\n".join(question_ladder(question, language)) for question in questionnaire.questions()) + "\n"


def question_ladder(question: Question, language: str) -> Iterator[str]:
    """``id: text``, then per level L ≥ 1 the lines ``L1 from:``, ``do:`` and ``to:`` with their texts aligned."""
    labels = [t(f"ladder.{step}", language) for step in ("from", "do", "to")]
    yield f"{question.id}: {_one_line(localized(question.text, language))}"
    label_width = max(len(label) for label in labels)
    for below, level in zip(question.levels, question.levels[1:], strict=False):
        step = f"L{level.level} "
        texts = (below.descriptor, level.guidance, level.descriptor)
        for number, (label, text) in enumerate(zip(labels, texts, strict=True)):
            lead = (step if number == 0 else " " * len(step)) + label.rjust(label_width)
            yield f"{INDENT}{lead}: {_indented(localized(text, language), len(INDENT) + len(lead) + 2)}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _indented(text: str, column: int) -> str:
    """A text of several lines continues under its first line rather than at the left margin."""
    return ("\n" + " " * column).join(text.splitlines()) or "—"
