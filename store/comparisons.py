"""The assessments a result is compared with: the organisation's earlier ones and its peers.

Peers are drawn from the consultant's own client organisations only: a
consultant never sees, even aggregated, what another consultant's clients
answered. Which of them form the peer group (sector, size class, k) is
decided by ``scoring.benchmark.select_peers``; this module only reads.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import Engine, Row, String, cast, func, literal_column, select
from sqlalchemy.dialects.postgresql import aggregate_order_by

from questionnaires.models import Questionnaire
from scoring import assessment as model
from store.assessment_documents import _legacy, documents_from_connection
from store.assessments import owned_assessment
from store.engine import reading
from store.pinned_questionnaires import questionnaire_of
from store.schema import (
    agreed_answers,
    answers,
    assessments,
    branding,
    organisations,
    question_keys,
    questionnaire_texts,
    respondents,
    roadmap_edits,
)

Document = tuple[model.Assessment, Questionnaire]


def _history_and_latest(closed: Sequence[Row], own: Row) -> tuple[list[int], dict[int, Row]]:
    """From the consultant's other closed assessments, ordered by date: the same organisation's earlier
    ones (ids, oldest first), and every other organisation's latest one on the same questionnaire version."""
    history = [
        row.id
        for row in closed
        if row.organisation_id == own.organisation_id and row.assessment_date < own.assessment_date
    ]
    latest: dict[int, Row] = {}
    for row in closed:  # ordered by date: the last one seen per organisation is its latest
        if row.organisation_id != own.organisation_id and row.questionnaire_version == own.questionnaire_version:
            latest[row.organisation_id] = row
    return history, latest


def comparison_documents(engine: Engine, user_id: int, assessment_id: int) -> tuple[list[Document], list[Document]]:
    """``(history, peer candidates)`` for one assessment, in one consistent snapshot.

    History: the same organisation's closed assessments on the same
    questionnaire id dated before this one, oldest first. Peer candidates: for
    every other organisation of the consultant, its latest closed assessment on
    the same questionnaire id and version.
    """
    with reading(engine) as connection:
        own = owned_assessment(connection, user_id, assessment_id)
        closed = connection.execute(
            select(
                assessments.c.id,
                assessments.c.organisation_id,
                assessments.c.assessment_date,
                assessments.c.questionnaire_version,
            )
            .join(organisations, organisations.c.id == assessments.c.organisation_id)
            .where(
                organisations.c.owner_id == user_id,
                assessments.c.status == "closed",
                assessments.c.id != assessment_id,
                assessments.c.questionnaire_id == own.questionnaire_id,
            )
            .order_by(assessments.c.assessment_date, assessments.c.id)
        ).all()
        history, latest = _history_and_latest(closed, own)
        # One read of every table for all of them, however many peers there are.
        documents = documents_from_connection(connection, [*history, *(row.id for row in latest.values())])
        return documents[: len(history)], documents[len(history) :]


@dataclass(frozen=True)
class Candidate:
    """A peer candidate without its answers: who it is, and the stamp its scores are kept under."""

    assessment_id: int
    organisation: str
    sector: str
    size_class: str
    date: dt.date
    questionnaire_id: str
    questionnaire_hash: str
    #: Changes whenever the scores of this assessment can have changed: its pinned
    #: questionnaire, its closing (reopening to change an answer and closing again
    #: stamps a new ``closed_at``; answers of a closed assessment cannot be saved),
    #: its respondents (erased, added, their audiences changed) and its agreed answers.
    stamp: tuple


def _organisation(name: str, sector: str, size_class: str) -> model.Organisation:
    """The organisation as a document gives it (``documents_from_connection``): the same model, so the
    same cleaning and normalising of sector and size class, and so the same peer group."""
    return model.Organisation(name=_legacy(name), sector=_legacy(sector), size_class=_legacy(size_class))


@dataclass(frozen=True)
class Comparisons:
    #: The organisation's earlier closed assessments on the same questionnaire id, oldest first (a few).
    history_ids: list[int]
    #: The rows of the peer candidates as read: the stamp of every peer (``peers_stamp``), and
    #: ``candidates`` are made from them only when needed.
    rows: tuple[tuple[Row, tuple | None, tuple | None], ...]
    #: Changes whenever anything a report of this assessment shows can have changed, apart from the
    #: peers (``peers_stamp``): this assessment and its history (rows, respondents, answers, agreed
    #: answers, roadmap edits), the organisation and the consultant's branding.
    stamp: tuple
    questionnaire_id: str

    @property
    def peers_stamp(self) -> tuple:
        """Changes whenever a peer candidate comes, goes, is renamed or regrouped, or its scores can change."""
        return self.rows

    @cached_property
    def candidates(self) -> list[Candidate]:
        """Every other organisation's latest closed assessment on the same questionnaire id and version."""
        named = [_organisation(row.name, row.sector, row.size_class) for row, _, _ in self.rows]
        return [
            Candidate(
                assessment_id=row.id,
                organisation=organisation.name,
                sector=organisation.sector,
                size_class=organisation.size_class,
                date=row.assessment_date,
                questionnaire_id=self.questionnaire_id,
                questionnaire_hash=row.questionnaire_hash,
                stamp=(row.questionnaire_hash, str(row.closed_at), people, agreed),
            )
            for (row, people, agreed), organisation in zip(self.rows, named, strict=True)
        ]

    def history(self, engine: Engine) -> list[Document]:
        """The history's documents (read now; a few per organisation)."""
        with reading(engine) as connection:
            return documents_from_connection(connection, self.history_ids)


def _stamp(connection, user_id: int, own: Row, ids: list[int]) -> tuple:
    """What ``Comparisons.stamp`` says, read in a few small queries (one organisation's assessments)."""

    def rows(query) -> tuple:
        return tuple(tuple(row) for row in connection.execute(query).all())

    answered = (
        select(respondents.c.assessment_id, func.count(), func.max(answers.c.updated_at), func.sum(answers.c.version))
        .join(respondents, respondents.c.id == answers.c.respondent_id)
        .where(respondents.c.assessment_id.in_(ids))
        .group_by(respondents.c.assessment_id)
        .order_by(respondents.c.assessment_id)
    )
    return (
        tuple(own),
        rows(select(organisations).where(organisations.c.id == own.organisation_id)),
        rows(select(assessments).where(assessments.c.id.in_(ids)).order_by(assessments.c.id)),
        rows(select(respondents).where(respondents.c.assessment_id.in_(ids)).order_by(respondents.c.id)),
        rows(answered),
        rows(select(agreed_answers).where(agreed_answers.c.assessment_id.in_(ids)).order_by(agreed_answers.c.id)),
        rows(select(roadmap_edits).where(roadmap_edits.c.assessment_id.in_(ids)).order_by(roadmap_edits.c.id)),
        rows(select(branding.c.updated_at).where(branding.c.user_id == user_id)),
    )


def comparisons(engine: Engine, user_id: int, assessment_id: int) -> Comparisons:
    """History and peer candidates of one assessment, with their stamps, in one consistent snapshot.

    The same selection as ``comparison_documents``, but the peers come as
    ``Candidate`` rows only: their scores are computed in one batch from
    ``answer_rows`` (``reports.peers``), never from a document per peer.
    """
    with reading(engine) as connection:
        own = owned_assessment(connection, user_id, assessment_id)
        mine = (
            organisations.c.owner_id == user_id,
            assessments.c.status == "closed",
            assessments.c.questionnaire_id == own.questionnaire_id,
        )
        # Respondents (who, when added, for which audiences) and agreed answers change the scores
        # of closed assessments too: their stamp parts are aggregated in the database (no list of
        # thousands of ids is sent back and forth).
        audience = func.coalesce(respondents.c.audiences_json, "-") + ":" + cast(respondents.c.id, String)
        if connection.dialect.name == "postgresql":
            # In respondent order: a parallel plan would otherwise join them in any order, and every
            # rerun would find the stamps changed.
            audiences = func.string_agg(audience, aggregate_order_by(literal_column("','"), respondents.c.id))
        else:  # SQLite runs one plan in one thread: the order of its rows is the index order every time
            audiences = func.group_concat(audience, ",")
        people = (
            select(
                respondents.c.assessment_id,
                func.count(),
                func.sum(respondents.c.id),
                func.max(respondents.c.created_at),
                audiences,
            )
            .join(assessments, assessments.c.id == respondents.c.assessment_id)
            .join(organisations, organisations.c.id == assessments.c.organisation_id)
            .where(*mine)
            .group_by(respondents.c.assessment_id)
        )
        agreed = (
            select(agreed_answers.c.assessment_id, func.count(), func.max(agreed_answers.c.agreed_at))
            .join(assessments, assessments.c.id == agreed_answers.c.assessment_id)
            .join(organisations, organisations.c.id == assessments.c.organisation_id)
            .where(*mine)
            .group_by(agreed_answers.c.assessment_id)
        )
        # Three plain queries rather than one with joined aggregates: PostgreSQL planned that one
        # as a loop over the aggregates (seconds with thousands of peers).
        people_of = {row[0]: tuple(row[1:]) for row in connection.execute(people)}
        agreed_of = {row[0]: tuple(row[1:]) for row in connection.execute(agreed)}
        closed = connection.execute(
            select(
                assessments.c.id,
                assessments.c.organisation_id,
                assessments.c.assessment_date,
                assessments.c.questionnaire_version,
                assessments.c.questionnaire_hash,
                assessments.c.closed_at,
                organisations.c.name,
                organisations.c.sector,
                organisations.c.size_class,
            )
            .join(organisations, organisations.c.id == assessments.c.organisation_id)
            .where(*mine, assessments.c.id != assessment_id)
            .order_by(assessments.c.assessment_date, assessments.c.id)
        ).all()
        history, latest = _history_and_latest(closed, own)
        stamp = _stamp(connection, user_id, own, [assessment_id, *history])
        rows = tuple((row, people_of.get(row.id), agreed_of.get(row.id)) for row in latest.values())
        return Comparisons(history, rows, stamp, own.questionnaire_id)


@dataclass(frozen=True)
class AnswerRows:
    """The answers of several assessments as columns (one entry per answer), without any model per answer."""

    assessment: list[int]
    respondent: list[int]
    question: list[str]
    #: As stored: "0".."5", "na" or "dont_know".
    value: list[str]
    #: Per assessment, its respondents as (respondent id, audiences), those who answered nothing included.
    respondents: dict[int, list[tuple[int, tuple[str, ...]]]]
    #: Agreed answers as (assessment id, question id, "0".."5" or "na").
    agreed: list[tuple[int, str, str]]


def answer_rows(engine: Engine, assessment_ids: list[int]) -> AnswerRows:
    """Every answer of the given assessments in one query; the caller chose them from its own (``comparisons``)."""
    from store.respondents import audiences_of

    with reading(engine) as connection:
        people: dict[int, list[tuple[int, tuple[str, ...]]]] = {i: [] for i in assessment_ids}
        for row in connection.execute(
            select(respondents.c.assessment_id, respondents.c.id, respondents.c.audiences_json)
            .where(respondents.c.assessment_id.in_(assessment_ids))
            .order_by(respondents.c.id)
        ):
            people[row.assessment_id].append((row.id, audiences_of(row.audiences_json)))
        query = (
            select(respondents.c.assessment_id, answers.c.respondent_id, question_keys.c.question_id, answers.c.value)
            .join(respondents, respondents.c.id == answers.c.respondent_id)
            .join(question_keys, question_keys.c.id == answers.c.question_key_id)
            .where(respondents.c.assessment_id.in_([int(i) for i in assessment_ids]))
        )
        # Hundreds of thousands of rows: fetched as plain tuples by the driver, in this transaction
        # (the ids are integers, so writing them into the statement is safe).
        # The cyclic garbage collector is paused meanwhile: hundreds of thousands of new tuples
        # would start it again and again over a large heap (seconds), and tuples of numbers and
        # text make no cycles.
        cursor = connection.connection.driver_connection.cursor()
        collecting = gc.isenabled()
        gc.disable()
        try:
            cursor.execute(str(query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True})))
            rows = cursor.fetchall()
            columns = [list(column) for column in zip(*rows, strict=True)] if rows else [[], [], [], []]
        finally:
            cursor.close()
            if collecting:
                gc.enable()
        agreed = [
            (row.assessment_id, row.question_id, row.value)
            for row in connection.execute(
                select(agreed_answers.c.assessment_id, agreed_answers.c.question_id, agreed_answers.c.value).where(
                    agreed_answers.c.assessment_id.in_(assessment_ids)
                )
            )
        ]
    return AnswerRows(*columns, respondents=people, agreed=agreed)


def questionnaire_for_hash(engine: Engine, questionnaire_hash: str) -> Questionnaire:
    """The pinned questionnaire with this content hash (parsed once per process)."""
    with reading(engine) as connection:
        text_id = connection.execute(
            select(questionnaire_texts.c.id)
            .where(questionnaire_texts.c.questionnaire_hash == questionnaire_hash)
            .limit(1)
        ).scalar_one()
        return questionnaire_of(connection, questionnaire_hash, text_id)
