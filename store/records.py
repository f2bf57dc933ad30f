"""What the store functions return: plain frozen records, never live database rows.

Pages and the command line get values they can keep, cache and compare,
with no session attached that could lazily load someone else's data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from questionnaires.models import Questionnaire
from scoring.assessment import Answer, Targets, without_bidi_controls


@dataclass(frozen=True)
class _Record:
    """Text fields come out without bidirectional override characters.

    New text is cleaned on the way in; this covers rows stored before that
    rule, so no page or table can show "Org\u202eevil" as "Orglive".
    """

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            if isinstance(value, str):
                object.__setattr__(self, field.name, without_bidi_controls(value))


@dataclass(frozen=True)
class User(_Record):
    id: int
    email: str
    demo: bool
    created_at: dt.datetime


@dataclass(frozen=True)
class Organisation(_Record):
    id: int
    owner_id: int
    name: str
    sector: str
    size_class: str
    demo: bool
    created_at: dt.datetime


@dataclass(frozen=True)
class AssessmentInfo(_Record):
    """An assessment's header, without the questionnaire text or the answers."""

    id: int
    organisation_id: int
    title: str | None
    date: dt.date
    status: str
    questionnaire_id: str
    questionnaire_version: int
    questionnaire_hash: str
    targets: Targets
    created_at: dt.datetime
    closed_at: dt.datetime | None
    #: The date respondents are asked to finish by; none set: ``None``.
    deadline: dt.date | None = None


@dataclass(frozen=True)
class RespondentInfo(_Record):
    id: int
    assessment_id: int
    name: str | None
    role: str
    revoked: bool
    created_at: dt.datetime
    finished_at: dt.datetime | None
    #: Questions with a stored answer.
    answered: int
    #: Audience ids this respondent answers for; empty: every question.
    audiences: tuple[str, ...] = ()
    #: Where invitations and reminders go (optional).
    email: str | None = None
    #: When an answer was last saved; ``None`` before the first.
    last_activity: dt.datetime | None = None


@dataclass(frozen=True)
class NewRespondent(_Record):
    """A respondent just created or given a new link: the only time the token is visible."""

    respondent: RespondentInfo
    token: str


@dataclass(frozen=True)
class StoredAnswer(_Record):
    """One stored answer with the version an autosave must name to overwrite it."""

    question_id: str
    answer: Answer
    version: int
    updated_at: dt.datetime


@dataclass(frozen=True)
class RespondentAccess(_Record):
    """Everything a respondent's link opens, and nothing more."""

    respondent_id: int
    assessment_id: int
    name: str | None
    role: str
    organisation_name: str
    assessment_title: str | None
    status: str
    demo: bool
    questionnaire: Questionnaire
    answers: dict[str, StoredAnswer]
    finished_at: dt.datetime | None
    #: Audience ids; the respond page shows only their questions (all when empty).
    audiences: tuple[str, ...] = ()

    def questions(self) -> list:
        """The questions this respondent is asked, in questionnaire order."""
        return self.questionnaire.questions_for(self.audiences)


@dataclass(frozen=True)
class Branding(_Record):
    user_id: int
    logo: bytes | None
    logo_mime: str | None
    colour: str | None
    consultant_name: str | None
    confidentiality_label: str | None


@dataclass(frozen=True)
class SentInvitation(_Record):
    """An invitation or reminder sent by e-mail (the link itself is not kept)."""

    respondent_id: int
    kind: str
    recipient: str
    sent_at: dt.datetime
