"""uploaded questionnaires

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 22:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "uploaded_questionnaires",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("questionnaire_id", sa.String(length=200), nullable=False),
        sa.Column("questionnaire_version", sa.Integer(), nullable=False),
        sa.Column("questionnaire_hash", sa.String(length=64), nullable=False),
        sa.Column("questionnaire_json", sa.Text(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_uploaded_questionnaires_owner_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_uploaded_questionnaires")),
        sa.UniqueConstraint(
            "owner_id", "questionnaire_id", "questionnaire_version", name="uq_uploaded_questionnaires_key"
        ),
    )
    with op.batch_alter_table("uploaded_questionnaires") as batch:
        batch.create_index(batch.f("ix_uploaded_questionnaires_owner_id"), ["owner_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("uploaded_questionnaires") as batch:
        batch.drop_index(batch.f("ix_uploaded_questionnaires_owner_id"))
    op.drop_table("uploaded_questionnaires")
