"""The assessment file format: one assessment as plain, typed data.

This is the one format for scoring a file (``veerkracht score``), for
rendering a report from a file (``veerkracht report --from-json``) and for
export and import between installations. It is documented in
``docs/assessment-format.md``; ``scoring/assessment.schema.json`` is generated
from these models.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AnyUrl, BaseModel, ConfigDict, Field, StrictInt, StringConstraints, UrlConstraints, model_validator

from questionnaires.models import Identifier, Questionnaire, Score

FORMAT_NAME = "veerkracht-assessment"
FORMAT_VERSION = 1

ShortText = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, max_length=200)]
LongText = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, max_length=4000)]
#: Evidence is a link a reader may follow; only web links, never ``file:`` or ``javascript:``.
EvidenceLink = Annotated[AnyUrl, UrlConstraints(allowed_schemes=["http", "https"], max_length=2000)]


class Plain(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Answer(Plain):
    """One respondent's answer to one question.

    ``value`` is a level, ``"na"`` (not applicable: needs a ``reason``, leaves
    every score) or ``"dont_know"`` (leaves the score, counts against
    confidence, becomes a finding).
    """

    value: Annotated[StrictInt, Field(ge=0, le=5)] | Literal["na", "dont_know"]
    reason: LongText | None = None
    comment: LongText | None = None
    evidence: EvidenceLink | None = None

    @model_validator(mode="after")
    def _na_needs_reason(self) -> Answer:
        if self.value == "na" and not self.reason:
            raise ValueError("a 'not applicable' answer needs a reason")
        return self


class Respondent(Plain):
    id: Annotated[str, StringConstraints(strict=True, min_length=1, max_length=64)]
    name: ShortText | None = None
    role: ShortText
    answers: dict[Identifier, Answer] = Field(default_factory=dict)


class Organisation(Plain):
    name: Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=200)]
    sector: ShortText
    size_class: ShortText


class QuestionnaireRef(Plain):
    id: Identifier
    version: Annotated[StrictInt, Field(ge=1)]
    #: The questionnaire itself, so the file scores and renders without the
    #: installation that produced it.
    embedded: Questionnaire | None = None


class Targets(Plain):
    pillars: dict[Identifier, Score] = Field(default_factory=dict)
    questions: dict[Identifier, Score] = Field(default_factory=dict)


class RoadmapEdit(Plain):
    """A consultant's changes to one roadmap step (``QUESTION_ID@LEVEL``)."""

    owner: ShortText | None = None
    horizon: Literal["now", "next", "later"] | None = None
    due: dt.date | None = None
    status: Literal["open", "in_progress", "done"] = "open"


class Assessment(Plain):
    format: Literal["veerkracht-assessment"] = FORMAT_NAME
    format_version: Literal[1] = FORMAT_VERSION
    organisation: Organisation
    title: ShortText | None = None
    date: dt.date
    status: Literal["draft", "open", "closed"] = "closed"
    #: Demo data is labelled wherever it appears.
    demo: bool = False
    questionnaire: QuestionnaireRef
    respondents: tuple[Respondent, ...] = ()
    targets: Targets = Targets()
    roadmap: dict[Annotated[str, StringConstraints(pattern=r"^[a-z0-9.\-]+@[0-5]$")], RoadmapEdit] = Field(
        default_factory=dict
    )
