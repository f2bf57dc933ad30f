"""The appendix: the respondents' roles, the questionnaire's identity and every answer of every respondent.

User-typed text (roles, comments, evidence, reasons) stays plain ``str``;
escaping is the template's job and nothing here marks text as safe.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote

from i18n.format import Formatter
from questionnaires.models import Questionnaire, localized
from reports.build import ReportInputs
from reports.labels import labels
from reports.sections import Item
from scoring.assessment import Answer


@dataclass(frozen=True)
class AnswerRow:
    role: str
    answer: str
    comment: str
    #: The evidence link as readable text (percent-escapes decoded); never fetched.
    evidence: str
    #: The link itself for the PDF's clickable annotation: http(s) only, else empty.
    evidence_url: str
    reason: str


@dataclass(frozen=True)
class QuestionAnswers:
    id: str
    number: int
    text: str
    score: str
    rows: tuple[AnswerRow, ...]


@dataclass(frozen=True)
class Appendix:
    roles: tuple[Item, ...]
    #: "Title — id …, version …, published by … (licence); content fingerprint …".
    questionnaire_line: str
    answers: tuple[QuestionAnswers, ...]


def _answer_label(answer: Answer | None, scale: dict[int, str], fmt: Formatter) -> str:
    if answer is None:
        return fmt.text("report.answer.none")
    if not isinstance(answer.value, int):
        return fmt.text(f"report.answer.{answer.value}")
    return f"{answer.value} · {scale.get(answer.value, '')}".strip(" ·")


def _web_link(url: object) -> str:
    text = str(url) if url else ""
    return text if text.startswith(("https://", "http://")) else ""


def _row(role: str, answer: Answer | None, scale: dict[int, str], fmt: Formatter) -> AnswerRow:
    return AnswerRow(
        role=role,
        answer=_answer_label(answer, scale, fmt),
        comment=(answer.comment or "") if answer else "",
        evidence=unquote(str(answer.evidence)) if answer and answer.evidence else "",
        evidence_url=_web_link(answer.evidence if answer else None),
        reason=(answer.reason or "") if answer else "",
    )


def questionnaire_line(questionnaire: Questionnaire, fmt: Formatter) -> str:
    return fmt.text(
        "report.appendix.questionnaire_line",
        title=localized(questionnaire.title, fmt.lang),
        id=questionnaire.id,
        version=questionnaire.version,
        provider=questionnaire.provider,
        licence=questionnaire.licence,
        hash=questionnaire.content_hash()[:16],
    )


def build(inputs: ReportInputs, fmt: Formatter) -> Appendix:
    assessment, questionnaire = inputs.assessment, inputs.questionnaire
    names = labels(questionnaire, fmt.lang)
    scale = {level.level: localized(level.name, fmt.lang) for level in questionnaire.scale}
    total = questionnaire.question_count
    roles = tuple(
        Item(title=r.role, value=fmt.text("report.appendix.answered", answered=len(r.answers), count=total))
        for r in assessment.respondents
    )
    answers = tuple(
        QuestionAnswers(
            id=question.id,
            number=names.numbers[question.id],
            text=names[question.id],
            score=fmt.number(inputs.result.questions[question.id].score),
            rows=tuple(_row(r.role, r.answers.get(question.id), scale, fmt) for r in assessment.respondents),
        )
        for question in questionnaire.questions()
    )
    return Appendix(roles=roles, questionnaire_line=questionnaire_line(questionnaire, fmt), answers=answers)
