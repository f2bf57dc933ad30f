"""sectors from the fixed list: free texts become SBI / NACE section letters

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-09 13:00:00

``organisations.sector`` was free text, so peer groups depended on spelling
("Zorg", "zorg", "care"). It now holds the letter of one of the 21 SBI 2008 /
NACE sections (``questionnaires.sectors``). Each stored text that names a section —
its letter, Dutch or English name or an everyday name such as "Zorg",
"Overheid", "Logistiek", "Onderwijs", "care", compared case-insensitively — is
replaced by the letter. Any other text stays as it is: an *other* sector,
shown as "Other: TEXT" and left out of peer groups.

No column changes. The downgrade leaves the letters: they are valid free texts
for the earlier revisions, and the original spelling of a mapped sector is not
kept (it carried no information beyond the section).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from questionnaires.sectors import section_code

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    organisations = sa.table("organisations", sa.column("sector", sa.String(200)))
    stored = connection.execute(sa.select(organisations.c.sector).distinct()).scalars().all()
    for text in stored:
        code = section_code(text)
        if code is not None and code != text:
            connection.execute(
                sa.update(organisations).where(organisations.c.sector == text).values(sector=code)
            )


def downgrade() -> None:
    pass
