"""sign-in attempts: throttling and the sign-in log

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 10:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sign_in_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("account_key", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.String(length=10), nullable=False),
        sa.CheckConstraint(
            "outcome IN ('success', 'failure', 'throttled')", name=op.f("ck_sign_in_attempts_outcome")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_sign_in_attempts_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_attempts")),
    )
    with op.batch_alter_table("sign_in_attempts") as batch:
        batch.create_index(batch.f("ix_sign_in_attempts_at"), ["at"], unique=False)
        batch.create_index(batch.f("ix_sign_in_attempts_user_id"), ["user_id"], unique=False)
        batch.create_index("ix_sign_in_attempts_account_key_at", ["account_key", "at"], unique=False)
        batch.create_index("ix_sign_in_attempts_address_at", ["address", "at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sign_in_attempts") as batch:
        batch.drop_index("ix_sign_in_attempts_address_at")
        batch.drop_index("ix_sign_in_attempts_account_key_at")
        batch.drop_index(batch.f("ix_sign_in_attempts_user_id"))
        batch.drop_index(batch.f("ix_sign_in_attempts_at"))
    op.drop_table("sign_in_attempts")
