"""Autosave: every answer is written in its own short transaction the moment it is given.

Conflict detection is optimistic. Each stored answer has a version that grows
by one with every save; a save names the version it was based on (0: "there
was no answer yet"). The write itself is conditional (``INSERT ... ON CONFLICT
DO NOTHING`` for version 0, ``UPDATE ... WHERE version = expected``), so two
browsers racing on one answer cannot both win on either database: the stale
one gets ``Conflict`` with the stored answer to show, never a silent overwrite.
Repeating a save that already went through (the acknowledgement was lost) is
not a conflict: the same answer at a newer version returns that version.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, Engine, bindparam, delete, select, text

from scoring.assessment import Answer, TextRefused
from store._util import as_utc, utcnow
from store.assessment_documents import stored_answer_model
from store.engine import writing
from store.errors import AccessDenied, Conflict, InvalidInput, NotFound, problem
from store.records import StoredAnswer
from store.schema import answers


def _validated(answer: Answer | Mapping[str, Any]) -> Answer:
    if isinstance(answer, Answer):
        return answer
    try:
        return Answer.model_validate(dict(answer))
    except ValidationError as error:
        problems: dict[str, str] = {}
        refused = [
            detail["ctx"]["error"]
            for detail in error.errors(include_url=False)
            if isinstance(detail.get("ctx", {}).get("error"), TextRefused)
        ]
        for detail in error.errors(include_url=False):
            field = str(detail["loc"][0]) if detail["loc"] else "answer"
            message = str(detail["msg"]).removeprefix("Value error, ")
            if field == "value":  # one line for the union's two branches
                message = 'expected a level 0-5, "na" (with a reason) or "dont_know"'
            problems.setdefault(field, message)
        message = "; ".join(f"{field}: {message}" for field, message in problems.items())
        if refused:
            code = f"U+{ord(refused[0].character):04X}"
            raise InvalidInput(problem("store.control_character", character=code)) from None
        raise InvalidInput(problem("store.answer_invalid", problems=message)) from None


# The autosave path runs for every click of every respondent, so its statements are plain SQL
# built once (no per-call statement building or cache keys). The SQL is the same on SQLite
# (>= 3.35) and PostgreSQL. An answer names its question by the pinned text's question key
# (``store.schema.question_keys``), found in the same query that checks the link.
_WRITABLE = text(
    "SELECT r.revoked, a.status, k.id AS question_key"
    " FROM respondents r JOIN assessments a ON a.id = r.assessment_id"
    " LEFT JOIN question_keys k ON k.questionnaire_text_id = a.questionnaire_text_id"
    " AND k.question_id = :question_id"
    " WHERE r.id = :respondent_id"
)
_INSERT = text(
    "INSERT INTO answers"
    " (respondent_id, question_key_id, value, reason, comment, evidence, updated_at, version)"
    " VALUES (:respondent_id, :question_key, :value, :reason, :comment, :evidence, :updated_at, 1)"
    " ON CONFLICT (respondent_id, question_key_id) DO NOTHING"
    " RETURNING version"
).bindparams(bindparam("updated_at", type_=answers.c.updated_at.type))
_UPDATE = text(
    "UPDATE answers SET value = :value, reason = :reason, comment = :comment, evidence = :evidence,"
    " updated_at = :updated_at, version = :next_version"
    " WHERE respondent_id = :respondent_id AND question_key_id = :question_key AND version = :expected"
    " RETURNING version"
).bindparams(bindparam("updated_at", type_=answers.c.updated_at.type))


def _question_key(connection: Connection, respondent_id: int, question_id: str) -> int:
    """The key the answer is stored under, once the link and the assessment allow writing it."""
    row = connection.execute(_WRITABLE, {"respondent_id": respondent_id, "question_id": question_id}).first()
    if row is None:
        raise NotFound(problem("store.no_respondent", id=respondent_id))
    if row.revoked:
        raise AccessDenied(problem("store.link_revoked"))
    if row.status == "closed":
        raise AccessDenied(problem("store.assessment_closed"))
    if row.question_key is None:
        raise InvalidInput(problem("store.no_question", question=question_id))
    return row.question_key


def _stored(connection: Connection, respondent_id: int, question_id: str, key: int) -> StoredAnswer | None:
    row = connection.execute(
        select(answers).where(answers.c.respondent_id == respondent_id, answers.c.question_key_id == key)
    ).first()
    if row is None:
        return None
    return StoredAnswer(
        question_id=question_id,
        answer=stored_answer_model(row, question_id),
        version=row.version,
        updated_at=as_utc(row.updated_at),
    )


def save_answer(
    engine: Engine,
    respondent_id: int,
    question_id: str,
    answer: Answer | Mapping[str, Any],
    expected_version: int,
) -> int:
    """Store one answer if the stored one is still at ``expected_version``; return the new version.

    Raises ``InvalidInput`` (bad answer or question id), ``AccessDenied``
    (revoked link, closed assessment), ``NotFound`` and ``Conflict``.
    """
    checked = _validated(answer)
    values = {
        "value": str(checked.value),
        "reason": checked.reason,
        "comment": checked.comment,
        "evidence": str(checked.evidence) if checked.evidence is not None else None,
        "updated_at": utcnow(),
    }
    with writing(engine) as connection:
        key = _question_key(connection, respondent_id, question_id)
        params = {"respondent_id": respondent_id, "question_key": key, **values}
        if expected_version == 0:
            statement = _INSERT
        else:
            statement = _UPDATE
            params.update(expected=expected_version, next_version=expected_version + 1)
        saved = connection.execute(statement, params).scalar_one_or_none()
        if saved is not None:
            return saved
        stored = _stored(connection, respondent_id, question_id, key)
    if stored is not None and stored.answer == checked and stored.version > expected_version:
        return stored.version
    raise Conflict(stored)


def clear_answer(engine: Engine, respondent_id: int, question_id: str, expected_version: int) -> None:
    """Remove an answer (the respondent un-ticks it), with the same conflict rule as saving."""
    with writing(engine) as connection:
        key = _question_key(connection, respondent_id, question_id)
        done = connection.execute(
            delete(answers).where(
                answers.c.respondent_id == respondent_id,
                answers.c.question_key_id == key,
                answers.c.version == expected_version,
            )
        )
        if done.rowcount == 1:
            return
        stored = _stored(connection, respondent_id, question_id, key)
    if stored is None:
        return
    raise Conflict(stored)
