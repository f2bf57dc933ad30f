"""What the store functions return: plain frozen records, never live database rows.

Pages and the command line get values they can keep, cache and compare,
with no session attached that could lazily load someone else's data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from questionnaires.models import Questionnaire
from scoring.assessment import Answer, Targets


@dataclass(frozen=True)
class User:
    id: int
    email: str
    demo: bool
    created_at: dt.datetime


@dataclass(frozen=True)
class Organisation:
    id: int
    owner_id: int
    name: str
    sector: str
    size_class: str
    demo: bool
    created_at: dt.datetime


@dataclass(frozen=True)
class AssessmentInfo:
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


@dataclass(frozen=True)
class RespondentInfo:
    id: int
    assessment_id: int
    name: str | None
    role: str
    revoked: bool
    created_at: dt.datetime
    finished_at: dt.datetime | None
    #: Questions with a stored answer.
    answered: int


@dataclass(frozen=True)
class NewRespondent:
    """A respondent just created or given a new link: the only time the token is visible."""

    respondent: RespondentInfo
    token: str


@dataclass(frozen=True)
class StoredAnswer:
    """One stored answer with the version an autosave must name to overwrite it."""

    question_id: str
    answer: Answer
    version: int
    updated_at: dt.datetime


@dataclass(frozen=True)
class RespondentAccess:
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


@dataclass(frozen=True)
class Branding:
    user_id: int
    logo: bytes | None
    logo_mime: str | None
    colour: str | None
    consultant_name: str | None
    confidentiality_label: str | None
