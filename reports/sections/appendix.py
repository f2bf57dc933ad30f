"""The appendix: the respondents' roles, the questionnaire's identity and every answer of every respondent.

User-typed text (roles, comments, evidence, reasons) stays plain ``str``;
escaping is the template's job and nothing here marks text as safe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from i18n.format import Formatter
from questionnaires.models import Questionnaire, localized
from reports.build import ReportInputs
from reports.labels import labels
from reports.sections import Item
from scoring.assessment import Answer

#: Characters of a comment or reason the PDF prints; the workbook has the whole text.
TEXT_CHARS = 500
#: Characters of an evidence link's text the PDF prints (the link itself stays whole).
LINK_CHARS = 300


@dataclass(frozen=True)
class AnswerRow:
    role: str
    answer: str
    #: The comment, cut at ``TEXT_CHARS`` with an ellipsis, long unbroken runs made ``breakable``.
    comment: str
    #: The evidence link as readable text (percent-escapes decoded, cut at ``LINK_CHARS``); never fetched.
    #: Its column breaks anywhere (``td.evidence``); a link is shorter than a comment.
    evidence: str
    #: The link itself for the PDF's clickable annotation: http(s) only, else empty.
    evidence_url: str
    #: The reason for "not applicable", cut as the comment.
    reason: str
    #: "(shortened; the full text is in the Excel workbook)" when the comment or reason was cut, else "".
    cut_note: str = ""


#: A run of this many characters without a space gets break opportunities …
LONG_RUN = re.compile(r"\S{30,}")
#: … every this many characters: a zero-width space (U+200B), invisible in print.
BREAK_EVERY = 20


def breakable(text: str) -> str:
    """``text`` with a zero-width space every ``BREAK_EVERY`` characters of a long unbroken run.

    The stylesheet lets such a run break anywhere (``overflow-wrap: anywhere``),
    but finding where costs WeasyPrint a layout attempt per character: 54
    comments of 4000 characters without a space passed the worker's time limit.
    With a break opportunity every 20 characters the line breaker never needs that.
    """
    return LONG_RUN.sub(
        lambda run: "\u200b".join(run[0][i : i + BREAK_EVERY] for i in range(0, len(run[0]), BREAK_EVERY)), text
    )


def cut(text: str, limit: int) -> str:
    """``text`` at most ``limit`` characters, ending in an ellipsis when cut (at a space when one is near)."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space > limit * 0.8:
        head = head[:space]
    return head.rstrip() + "…"


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
    comment = (answer.comment or "") if answer else ""
    reason = (answer.reason or "") if answer else ""
    shortened = len(comment) > TEXT_CHARS or len(reason) > TEXT_CHARS
    return AnswerRow(
        role=role,
        answer=_answer_label(answer, scale, fmt),
        comment=breakable(cut(comment, TEXT_CHARS)),
        evidence=cut(unquote(str(answer.evidence)), LINK_CHARS) if answer and answer.evidence else "",
        evidence_url=_web_link(answer.evidence if answer else None),
        reason=breakable(cut(reason, TEXT_CHARS)),
        cut_note=fmt.text("report.appendix.cut") if shortened else "",
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
