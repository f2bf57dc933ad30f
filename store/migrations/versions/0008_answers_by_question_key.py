"""answers name their question by a small key: question_keys, and answers keyed by respondent and question

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-08 01:00:00

With thousands of assessments the answers were most of the database: each row
carried its question's id as text (about 45 bytes), the unique index on
respondent and question repeated it, and a row id had an index of its own.
Each pinned questionnaire text now numbers its questions once in
``question_keys``; an answer holds that number, and ``(respondent_id,
question_key_id)`` is the primary key (on SQLite a ``WITHOUT ROWID`` table, so
the row is stored once, in its key). Nothing is lost: every answer is copied
with its value, texts, time and version, and the upgrade stops if an answer
names a question that its assessment's questionnaire does not have (which the
store never writes). The downgrade restores the former layout with new row ids.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

VALUES = "value IN ('0', '1', '2', '3', '4', '5', 'na', 'dont_know')"
COLUMNS = "value, reason, comment, evidence, updated_at, version"


def _question_ids(canonical_json: str) -> list[str]:
    """The question ids of a stored canonical text, read as JSON: a migration must not depend on
    the models of a later version of the code."""
    document = json.loads(canonical_json)
    return [
        question["id"]
        for pillar in document["pillars"]
        for capability in pillar["capabilities"]
        for question in capability["questions"]
    ]


def _answer_columns() -> list[sa.Column]:
    return [
        sa.Column("value", sa.String(length=9), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("evidence", sa.String(length=2000), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    bind = op.get_bind()
    op.create_table(
        "question_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("questionnaire_text_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["questionnaire_text_id"],
            ["questionnaire_texts.id"],
            name=op.f("fk_question_keys_questionnaire_text_id_questionnaire_texts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_question_keys")),
        sa.UniqueConstraint("questionnaire_text_id", "question_id", name="uq_question_keys_text_question"),
    )
    keys = sa.table(
        "question_keys", sa.column("questionnaire_text_id", sa.Integer()), sa.column("question_id", sa.String())
    )
    for text_id, canonical in bind.execute(sa.text("SELECT id, questionnaire_json FROM questionnaire_texts")):
        rows = [{"questionnaire_text_id": text_id, "question_id": qid} for qid in _question_ids(canonical)]
        bind.execute(sa.insert(keys), rows)
    stray = bind.execute(
        sa.text(
            "SELECT o.respondent_id, o.question_id FROM answers o"
            " JOIN respondents r ON r.id = o.respondent_id JOIN assessments a ON a.id = r.assessment_id"
            " LEFT JOIN question_keys k ON k.questionnaire_text_id = a.questionnaire_text_id"
            " AND k.question_id = o.question_id WHERE k.id IS NULL"
        )
    ).first()
    if stray is not None:
        raise RuntimeError(
            f"respondent {stray[0]} has an answer to {stray[1]!r}, which its questionnaire does not have;"
            " the database was edited by hand: remove that answer before upgrading"
        )
    # The old rows move aside (a plain copy, no constraints), so the new table takes the old
    # constraint names; the copy happens in the database, never through Python.
    op.execute(f"CREATE TABLE answers_before_0008 AS SELECT respondent_id, question_id, {COLUMNS} FROM answers")
    op.drop_table("answers")
    op.create_table(
        "answers",
        sa.Column("respondent_id", sa.Integer(), nullable=False),
        sa.Column("question_key_id", sa.Integer(), nullable=False),
        *_answer_columns(),
        sa.CheckConstraint(VALUES, name=op.f("ck_answers_value")),
        sa.ForeignKeyConstraint(
            ["respondent_id"], ["respondents.id"], name=op.f("fk_answers_respondent_id_respondents"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["question_key_id"],
            ["question_keys.id"],
            name=op.f("fk_answers_question_key_id_question_keys"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("respondent_id", "question_key_id", name=op.f("pk_answers")),
        sqlite_with_rowid=False,
    )
    op.execute(
        f"INSERT INTO answers (respondent_id, question_key_id, {COLUMNS})"
        f" SELECT o.respondent_id, k.id, o.{COLUMNS.replace(', ', ', o.')} FROM answers_before_0008 o"
        " JOIN respondents r ON r.id = o.respondent_id JOIN assessments a ON a.id = r.assessment_id"
        " JOIN question_keys k ON k.questionnaire_text_id = a.questionnaire_text_id AND k.question_id = o.question_id"
    )
    op.drop_table("answers_before_0008")


def downgrade() -> None:
    op.execute(
        f"CREATE TABLE answers_before_0008 AS SELECT a.respondent_id, k.question_id, a.{COLUMNS.replace(', ', ', a.')}"
        " FROM answers a JOIN question_keys k ON k.id = a.question_key_id"
    )
    op.drop_table("answers")
    op.create_table(
        "answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("respondent_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=200), nullable=False),
        *_answer_columns(),
        sa.CheckConstraint(VALUES, name=op.f("ck_answers_value")),
        sa.ForeignKeyConstraint(
            ["respondent_id"], ["respondents.id"], name=op.f("fk_answers_respondent_id_respondents"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_answers")),
        sa.UniqueConstraint("respondent_id", "question_id", name="uq_answers_respondent_question"),
    )
    op.execute(
        f"INSERT INTO answers (respondent_id, question_id, {COLUMNS})"
        f" SELECT respondent_id, question_id, {COLUMNS} FROM answers_before_0008 ORDER BY respondent_id, question_id"
    )
    op.drop_table("answers_before_0008")
    op.drop_table("question_keys")
