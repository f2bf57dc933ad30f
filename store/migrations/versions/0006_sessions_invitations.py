"""consultant sessions, deadlines, respondents' e-mail addresses and sent invitations

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-09 12:00:00

* ``consultant_sessions``: a refresh keeps the consultant signed in (the SHA-256
  of a random key the browser keeps in a cookie), on the organisation and
  assessment in use;
* ``assessments.deadline``: the date respondents are asked to finish by;
* ``respondents.email``: where invitations and reminders go (optional);
* ``invitations``: what was sent to whom and when (never the link).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.add_column(sa.Column("deadline", sa.Date(), nullable=True))
    with op.batch_alter_table("respondents") as batch:
        batch.add_column(sa.Column("email", sa.String(length=254), nullable=True))
    op.create_table(
        "invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("respondent_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("recipient", sa.String(length=254), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('invitation', 'reminder')", name=op.f("ck_invitations_kind")),
        sa.ForeignKeyConstraint(
            ["respondent_id"], ["respondents.id"],
            name=op.f("fk_invitations_respondent_id_respondents"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitations")),
    )
    op.create_index(op.f("ix_invitations_respondent_id"), "invitations", ["respondent_id"], unique=False)
    op.create_table(
        "consultant_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("assessment_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_consultant_sessions_user_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisations.id"],
            name=op.f("fk_consultant_sessions_organisation_id_organisations"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessments.id"],
            name=op.f("fk_consultant_sessions_assessment_id_assessments"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultant_sessions")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_consultant_sessions_key_hash")),
    )
    op.create_index(op.f("ix_consultant_sessions_user_id"), "consultant_sessions", ["user_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_consultant_sessions_user_id"), table_name="consultant_sessions")
    op.drop_table("consultant_sessions")
    op.drop_index(op.f("ix_invitations_respondent_id"), table_name="invitations")
    op.drop_table("invitations")
    with op.batch_alter_table("respondents") as batch:
        batch.drop_column("email")
    with op.batch_alter_table("assessments") as batch:
        batch.drop_column("deadline")
