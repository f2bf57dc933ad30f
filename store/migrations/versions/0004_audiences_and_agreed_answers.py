"""audiences of respondents and answers agreed in a workshop

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-09 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("respondents") as batch:
        batch.add_column(sa.Column("audiences_json", sa.Text(), nullable=True))
    op.create_table(
        "agreed_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=200), nullable=False),
        sa.Column("value", sa.String(length=2), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("rationale", sa.Text(), nullable=False),
        sa.Column("agreed_by", sa.String(length=254), nullable=True),
        sa.Column("agreed_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("value IN ('0', '1', '2', '3', '4', '5', 'na')", name=op.f("ck_agreed_answers_value")),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name=op.f("fk_agreed_answers_assessment_id_assessments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreed_answers")),
        sa.UniqueConstraint("assessment_id", "question_id", name="uq_agreed_answers_assessment_question"),
    )


def downgrade() -> None:
    op.drop_table("agreed_answers")
    with op.batch_alter_table("respondents") as batch:
        batch.drop_column("audiences_json")
