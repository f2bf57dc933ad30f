"""Pinned questionnaire texts: stored once per text, parsed once per process.

An assessment pins the questionnaire it was answered with; its canonical JSON is stored in
``questionnaire_texts`` (one row per distinct text) and named by its content hash. Split from
``store.assessments`` because reading and caching these texts is its own job, used by answers,
respondents, uploads and the workshop as well as by assessments.
"""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import Connection, bindparam, select, text

from questionnaires.models import Questionnaire
from store._util import utcnow
from store.schema import assessments, question_keys, questionnaire_texts


def canonical_json(questionnaire: Questionnaire) -> str:
    """The text stored with an assessment; ``Questionnaire.content_hash`` hashes exactly this."""
    return questionnaire.canonical_json()


@lru_cache(maxsize=64)
def questionnaire_from_json(text: str) -> Questionnaire:
    """Parse a pinned questionnaire; cached because it is immutable and parsed on every page."""
    return Questionnaire.model_validate_json(text)


#: Content hash → question ids. Derived from immutable data, so sharing it
#: between threads and users is safe; bounded (cleared when it grows past 256).
_cached_ids: dict[str, frozenset[str]] = {}


#: Content hash → parsed questionnaire: the hash names exactly one canonical text, in any
#: database, so a page reads a questionnaire's text once per process (bounded like ``_cached_ids``).
_by_hash: dict[str, Questionnaire] = {}


def questionnaire_text_id(connection: Connection, questionnaire: Questionnaire) -> int:
    """The ``questionnaire_texts`` row of ``questionnaire``, stored now if this text is new (once per text)."""
    key = (questionnaire.id, questionnaire.version, questionnaire.content_hash())
    condition = (
        (questionnaire_texts.c.questionnaire_id == key[0])
        & (questionnaire_texts.c.questionnaire_version == key[1])
        & (questionnaire_texts.c.questionnaire_hash == key[2])
    )
    found = connection.execute(select(questionnaire_texts.c.id).where(condition)).scalar()
    if found is None:
        # Two writers storing the same new text at once: one inserts, the other finds it (both databases).
        connection.execute(
            _INSERT_TEXT,
            {
                "questionnaire_id": key[0],
                "questionnaire_version": key[1],
                "questionnaire_hash": key[2],
                "questionnaire_json": canonical_json(questionnaire),
                "created_at": utcnow(),
            },
        )
        found = connection.execute(select(questionnaire_texts.c.id).where(condition)).scalar_one()
        connection.execute(
            _INSERT_KEY, [{"text_id": found, "question_id": question.id} for question in questionnaire.questions()]
        )
    return found


def question_keys_of(connection: Connection, questionnaire: Questionnaire) -> dict[str, int]:
    """Question id → the number its answers are stored under (``question_keys``), for bulk inserts.

    Read from the database each time: the numbers belong to one database, so a
    process that talks to several must not carry them from one to the other.
    """
    text_id = questionnaire_text_id(connection, questionnaire)
    rows = connection.execute(
        select(question_keys.c.question_id, question_keys.c.id).where(question_keys.c.questionnaire_text_id == text_id)
    )
    return {row.question_id: row.id for row in rows}


_INSERT_TEXT = text(
    "INSERT INTO questionnaire_texts"
    " (questionnaire_id, questionnaire_version, questionnaire_hash, questionnaire_json, created_at)"
    " VALUES (:questionnaire_id, :questionnaire_version, :questionnaire_hash, :questionnaire_json, :created_at)"
    " ON CONFLICT (questionnaire_id, questionnaire_version, questionnaire_hash) DO NOTHING"
).bindparams(bindparam("created_at", type_=questionnaire_texts.c.created_at.type))
#: The writer that stored the text numbers its questions; one that lost the race finds them there.
_INSERT_KEY = text(
    "INSERT INTO question_keys (questionnaire_text_id, question_id) VALUES (:text_id, :question_id)"
    " ON CONFLICT (questionnaire_text_id, question_id) DO NOTHING"
)


def questionnaire_of(connection: Connection, questionnaire_hash: str, text_id: int) -> Questionnaire:
    """The questionnaire an assessment pins (its hash and ``questionnaire_text_id``), parsed once per process."""
    found = _by_hash.get(questionnaire_hash)
    if found is None:
        stored = connection.execute(
            select(questionnaire_texts.c.questionnaire_json).where(questionnaire_texts.c.id == text_id)
        ).scalar_one()
        found = questionnaire_from_json(stored)
        if len(_by_hash) > 256:
            _by_hash.clear()
        _by_hash[questionnaire_hash] = found
    return found


def pinned_question_ids(connection: Connection, assessment_id: int, questionnaire_hash: str) -> frozenset[str]:
    """The question ids of an assessment's pinned questionnaire; its text is read once per process.

    Autosave checks every question id against this set, so it must not parse
    the questionnaire on every save.
    """
    ids = _cached_ids.get(questionnaire_hash)
    if ids is None:
        text_id = connection.execute(
            select(assessments.c.questionnaire_text_id).where(assessments.c.id == assessment_id)
        ).scalar_one()
        pinned = questionnaire_of(connection, questionnaire_hash, text_id)
        ids = frozenset(question.id for question in pinned.questions())
        if len(_cached_ids) > 256:
            _cached_ids.clear()
        _cached_ids[questionnaire_hash] = ids
    return ids
