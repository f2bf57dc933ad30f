"""The assessment file format: one assessment as plain, typed data.

This is the one format for scoring a file (``veerkracht score``), for
rendering a report from a file (``veerkracht report --from-json``) and for
export and import between installations. It is documented in
``docs/assessment-format.md``; ``scoring/assessment.schema.json`` is generated
from these models.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    AnyUrl,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    StringConstraints,
    UrlConstraints,
    model_validator,
)

from questionnaires.models import Identifier, Questionnaire, Score
from scoring.results import AssessmentStatus, Horizon, StepStatus

FORMAT_NAME = "veerkracht-assessment"
FORMAT_VERSION = 1

#: C0 control characters other than tab, newline and carriage return. They have no
#: meaning in typed text, break the Excel export (XML 1.0 cannot hold them) and
#: PostgreSQL refuses a NUL in text, so they are refused where text comes in.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: Bidirectional embeddings, overrides (U+202A-U+202E) and isolates (U+2066-U+2069):
#: "Org\u202eevil" shows as "Orglive". They are removed; the marks U+200E/U+200F
#: stay, because they only set the direction of neighbouring neutral characters and
#: right-to-left text legitimately needs them.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
#: The most respondents one assessment may have: the largest allowed assessment
#: still scores, renders to Excel within 10 s and to PDF within its time limit
#: (measured by bench/report.py; docs/deployment.md).
MAX_RESPONDENTS = 30
#: A roadmap step: reach level 1-5 on a question (level 0 is never a step).
STEP_KEY_PATTERN = r"^[a-z0-9.\-]+@[1-5]$"


class TextRefused(ValueError):
    """Typed text holds a character the text rule refuses; ``character`` is the first one."""

    def __init__(self, character: str) -> None:
        self.character = character
        super().__init__(f"contains the control character U+{ord(character):04X}; remove it")


def without_bidi_controls(text: str) -> str:
    """``text`` with the bidirectional override and isolate characters removed, for display.

    Text stored before the text rule existed may still hold them; every place
    that shows user text (PDF, Excel, app) passes it through here.
    """
    return BIDI_CONTROLS.sub("", text)


def check_text(value: object) -> object:
    """The one text rule at the model boundary (file import, store, app alike).

    C0 control characters other than tab, newline and carriage return are
    refused (``TextRefused``, a ``ValueError``, so pydantic reports it as a
    validation error); bidirectional overrides and isolates are removed.
    Anything that is not text passes unchanged for the type check to refuse.
    """
    if not isinstance(value, str):
        return value
    found = CONTROL_CHARACTERS.search(value)
    if found is not None:
        raise TextRefused(found.group())
    return without_bidi_controls(value)


#: The text rule as a validator: ``Annotated[str, StringConstraints(...), TEXT_RULE]``
#: checks the rule first, then the constraints (pydantic runs "before" validators first).
TEXT_RULE = BeforeValidator(check_text)
#: Text under the text rule, without further constraints.
SafeText = Annotated[str, TEXT_RULE]
ShortText = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, max_length=200), TEXT_RULE]
RequiredText = Annotated[
    str, StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=200), TEXT_RULE
]
LongText = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, max_length=4000), TEXT_RULE]
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
    id: Annotated[str, StringConstraints(strict=True, min_length=1, max_length=64), TEXT_RULE]
    name: ShortText | None = None
    role: RequiredText
    #: Audience ids of the questionnaire this respondent answers for; empty: every question.
    audiences: tuple[Identifier, ...] = ()
    answers: dict[Identifier, Answer] = Field(default_factory=dict)


class AgreedAnswer(Plain):
    """The answer a workshop agreed on for one question; it takes the place of the median.

    ``value`` is a level or ``"na"`` (with a ``reason``); ``rationale`` says why
    the team agreed on it. ``by`` and ``at`` record who recorded it and when.
    """

    value: Annotated[StrictInt, Field(ge=0, le=5)] | Literal["na"]
    reason: LongText | None = None
    rationale: Annotated[
        str, StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=4000), TEXT_RULE
    ]
    by: ShortText | None = None
    at: dt.datetime | None = None

    @model_validator(mode="after")
    def _na_needs_reason(self) -> AgreedAnswer:
        if self.value == "na" and not self.reason:
            raise ValueError("an agreed 'not applicable' needs a reason")
        return self


class Organisation(Plain):
    name: RequiredText
    #: Sector and size class choose benchmark peers; the app refuses them empty, so the file does too.
    #: The sector is an SBI / NACE section letter ("Q"); an import reads a known name as its letter
    #: (``questionnaires.sectors``), any other text is an other sector without peers.
    sector: RequiredText
    size_class: RequiredText


class QuestionnaireRef(Plain):
    id: Identifier
    #: At most 2^31 - 1, what a database integer holds (a version of 10^30 is refused, not a crash).
    version: Annotated[StrictInt, Field(ge=1, le=2**31 - 1)]
    #: The questionnaire itself, so the file scores and renders without the
    #: installation that produced it.
    embedded: Questionnaire | None = None


class Targets(Plain):
    pillars: dict[Identifier, Score] = Field(default_factory=dict)
    questions: dict[Identifier, Score] = Field(default_factory=dict)


class RoadmapEdit(Plain):
    """A consultant's changes to one roadmap step (``QUESTION_ID@LEVEL``)."""

    owner: ShortText | None = None
    horizon: Horizon | None = None
    due: dt.date | None = None
    status: StepStatus = "open"


class Assessment(Plain):
    format: Literal["veerkracht-assessment"] = FORMAT_NAME
    format_version: Literal[1] = FORMAT_VERSION
    organisation: Organisation
    title: ShortText | None = None
    date: dt.date
    status: AssessmentStatus = "closed"
    #: Demo data is labelled wherever it appears.
    demo: bool = False
    questionnaire: QuestionnaireRef
    respondents: Annotated[tuple[Respondent, ...], Field(max_length=MAX_RESPONDENTS)] = ()
    targets: Targets = Targets()
    roadmap: dict[Annotated[str, StringConstraints(pattern=STEP_KEY_PATTERN)], RoadmapEdit] = Field(
        default_factory=dict
    )
    #: Question id → the answer a workshop agreed on (``scoring.workshop``).
    agreed: dict[Identifier, AgreedAnswer] = Field(default_factory=dict)
