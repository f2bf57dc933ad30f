"""How long a respondent takes to answer questions: the one estimate, defined here once.

A respondent reads each question's text and its level descriptors, picks a
level and moves on; the help text sits behind an expander and is opened when
needed, so it is not counted. The estimate is

    words read ÷ ``WORDS_PER_MINUTE`` + ``SECONDS_PER_QUESTION`` per question

in the slowest of the questionnaire's languages. 200 words a minute is below
the average adult silent-reading rate for non-fiction (about 240 in English,
Brysbaert 2019) because the descriptors are compared, not skimmed; 15 seconds
a question is the choice, the click and an occasional comment.
``docs/questionnaire-format.md`` documents it; the default questionnaire keeps
every audience within ``MAX_MINUTES``.
"""

from __future__ import annotations

from collections.abc import Iterable

from questionnaires.models import Question, Questionnaire

WORDS_PER_MINUTE = 200
SECONDS_PER_QUESTION = 15
#: The longest a typical respondent of the default questionnaire should need.
MAX_MINUTES = 15


def words_read(question: Question, language: str) -> int:
    """Words of the question text and its level descriptors in ``language``."""
    texts = [question.text.get(language, "")] + [level.descriptor.get(language, "") for level in question.levels]
    return sum(len(text.split()) for text in texts)


def estimated_minutes(questions: Iterable[Question], languages: Iterable[str]) -> float:
    """Minutes to answer ``questions``, in the slowest of ``languages``."""
    questions = list(questions)
    per_language = [
        sum(words_read(question, language) for question in questions) / WORDS_PER_MINUTE
        + SECONDS_PER_QUESTION * len(questions) / 60
        for language in languages
    ]
    return max(per_language, default=0.0)


def audience_minutes(questionnaire: Questionnaire) -> dict[str, float]:
    """Estimated minutes per declared audience, for a respondent of that one audience."""
    return {
        audience.id: estimated_minutes(questionnaire.questions_for((audience.id,)), questionnaire.languages)
        for audience in questionnaire.audiences
    }
