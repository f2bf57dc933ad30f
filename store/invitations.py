"""Inviting respondents: an assessment's deadline, respondents' e-mail addresses, and what was sent when.

Links are kept only as hashes (``store.respondents``), so an invitation or a
reminder carries a new link (``respondents.reissue_link``): the earlier one
stops working, the answers stay. The ``invitations`` table records the kind,
the address and the time of each message sent, never the link. Every function
checks that the consultant owns the assessment or respondent.
"""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import Engine, insert, select, update

from store._util import as_utc, utcnow
from store.assessments import info_from_row, owned_assessment
from store.engine import reading, writing
from store.errors import InvalidInput, problem
from store.records import AssessmentInfo, RespondentInfo, SentInvitation
from store.respondents import _info, owned_respondent
from store.schema import INVITATION_KINDS, assessments, invitations, respondents

#: One address, no display name, no spaces or commas (so it can never name a second recipient).
_ADDRESS = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$"
)


def clean_email(email: str | None) -> str | None:
    """A respondent's address as stored: trimmed, or ``None`` when empty; refused when not one address."""
    value = (email or "").strip()
    if not value:
        return None
    if len(value) > 254 or not _ADDRESS.match(value):
        raise InvalidInput(problem("store.email_invalid", email=value[:254]))
    return value


def set_deadline(engine: Engine, user_id: int, assessment_id: int, deadline: dt.date | None) -> AssessmentInfo:
    """The date respondents are asked to finish by (``None``: no deadline)."""
    with writing(engine) as connection:
        owned_assessment(connection, user_id, assessment_id)
        connection.execute(update(assessments).where(assessments.c.id == assessment_id).values(deadline=deadline))
        return info_from_row(owned_assessment(connection, user_id, assessment_id))


def set_email(engine: Engine, user_id: int, respondent_id: int, email: str | None) -> RespondentInfo:
    """Where the respondent's invitations and reminders go (empty: nowhere)."""
    value = clean_email(email)
    with writing(engine) as connection:
        owned_respondent(connection, user_id, respondent_id)
        connection.execute(update(respondents).where(respondents.c.id == respondent_id).values(email=value))
        return _info(connection, respondent_id)


def record_sent(engine: Engine, user_id: int, respondent_id: int, kind: str, recipient: str) -> SentInvitation:
    """Note that an invitation or reminder went to ``recipient`` just now."""
    if kind not in INVITATION_KINDS:
        raise InvalidInput(problem("store.invitation_kind", kind=kind))
    now = utcnow()
    with writing(engine) as connection:
        owned_respondent(connection, user_id, respondent_id)
        connection.execute(
            insert(invitations).values(respondent_id=respondent_id, kind=kind, recipient=recipient, sent_at=now)
        )
    return SentInvitation(respondent_id, kind, recipient, now)


def list_sent(engine: Engine, user_id: int, assessment_id: int) -> list[SentInvitation]:
    """Every invitation and reminder sent to the assessment's respondents, newest first."""
    with reading(engine) as connection:
        owned_assessment(connection, user_id, assessment_id)
        rows = connection.execute(
            select(invitations)
            .join(respondents, respondents.c.id == invitations.c.respondent_id)
            .where(respondents.c.assessment_id == assessment_id)
            .order_by(invitations.c.sent_at.desc(), invitations.c.id.desc())
        ).all()
    return [SentInvitation(row.respondent_id, row.kind, row.recipient, as_utc(row.sent_at)) for row in rows]
