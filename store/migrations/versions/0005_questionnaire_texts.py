"""questionnaire texts stored once, referenced by their assessments

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 12:00:00

Every assessment held its own copy of the questionnaire's canonical JSON
(about 200 KB for the default questionnaire). Each distinct text moves to
``questionnaire_texts`` once, keyed by questionnaire id, version and content
hash, and assessments point at it with ``questionnaire_text_id``. Nothing is
lost: the text of every key is copied as stored, and the upgrade stops if two
assessments hold different texts under one key (which a content hash rules out
unless the table was edited by hand). On SQLite the space the copies took is
returned by ``store.migrate.upgrade`` (a ``VACUUM`` once most of the file is free).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

KEY = "questionnaire_id, questionnaire_version, questionnaire_hash"


def upgrade() -> None:
    op.create_table(
        "questionnaire_texts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("questionnaire_id", sa.String(length=200), nullable=False),
        sa.Column("questionnaire_version", sa.Integer(), nullable=False),
        sa.Column("questionnaire_hash", sa.String(length=64), nullable=False),
        sa.Column("questionnaire_json", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_questionnaire_texts")),
        sa.UniqueConstraint(
            "questionnaire_id", "questionnaire_version", "questionnaire_hash", name="uq_questionnaire_texts_key"
        ),
    )
    bind = op.get_bind()
    differing = bind.execute(
        sa.text(
            f"SELECT {KEY} FROM assessments GROUP BY {KEY} HAVING COUNT(DISTINCT questionnaire_json) > 1"
        )
    ).first()
    if differing is not None:
        raise RuntimeError(
            f"assessments hold different questionnaire texts under one id, version and hash {tuple(differing)};"
            " the database was edited by hand: restore the texts before upgrading"
        )
    # In the database, one statement: 10,000 copies of 200 KB never pass through Python.
    bind.execute(
        sa.text(
            f"INSERT INTO questionnaire_texts ({KEY}, questionnaire_json, created_at)"
            f" SELECT {KEY}, MIN(questionnaire_json), MIN(created_at) FROM assessments GROUP BY {KEY}"
        )
    )
    with op.batch_alter_table("assessments") as batch:
        batch.add_column(sa.Column("questionnaire_text_id", sa.Integer(), nullable=True))
    bind.execute(
        sa.text(
            "UPDATE assessments SET questionnaire_text_id = (SELECT t.id FROM questionnaire_texts t"
            " WHERE t.questionnaire_id = assessments.questionnaire_id"
            " AND t.questionnaire_version = assessments.questionnaire_version"
            " AND t.questionnaire_hash = assessments.questionnaire_hash)"
        )
    )
    with op.batch_alter_table("assessments") as batch:
        batch.alter_column("questionnaire_text_id", existing_type=sa.Integer(), nullable=False)
        batch.create_foreign_key(
            batch.f("fk_assessments_questionnaire_text_id_questionnaire_texts"),
            "questionnaire_texts",
            ["questionnaire_text_id"],
            ["id"],
            ondelete="RESTRICT",
        )
        batch.create_index(batch.f("ix_assessments_questionnaire_text_id"), ["questionnaire_text_id"], unique=False)
        batch.drop_column("questionnaire_json")


def downgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.add_column(sa.Column("questionnaire_json", sa.Text(), nullable=True))
    op.get_bind().execute(
        sa.text(
            "UPDATE assessments SET questionnaire_json = (SELECT t.questionnaire_json FROM questionnaire_texts t"
            " WHERE t.id = assessments.questionnaire_text_id)"
        )
    )
    with op.batch_alter_table("assessments") as batch:
        batch.alter_column("questionnaire_json", existing_type=sa.Text(), nullable=False)
        batch.drop_index(batch.f("ix_assessments_questionnaire_text_id"))
        batch.drop_constraint(batch.f("fk_assessments_questionnaire_text_id_questionnaire_texts"), type_="foreignkey")
        batch.drop_column("questionnaire_text_id")
    op.drop_table("questionnaire_texts")
