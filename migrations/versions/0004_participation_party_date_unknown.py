"""Participation: a party whose consent date is unknown, and the status date of its sources

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

Status tables name some States as parties without a deposit date (Bhutan, Fiji): until now
such a row could only say "signed" or nothing, and routing then answered "no treaty in
force". ``party_date_unknown`` says "party, date unknown" (never together with a
``consent_on``). ``status_as_of`` is the newest status date among the row's sources, so that
a 2014 status table is never read as today's (routing warns PARTICIPATION_AS_OF).

House rules: one concern per revision; reversible; no ORM imports.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("participation") as batch:
        batch.add_column(
            sa.Column(
                "party_date_unknown", sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )
        batch.add_column(sa.Column("status_as_of", sa.Date(), nullable=True))
        batch.create_check_constraint(
            "party_date_unknown_undated", "NOT party_date_unknown OR consent_on IS NULL"
        )


def downgrade() -> None:
    with op.batch_alter_table("participation") as batch:
        batch.drop_constraint("party_date_unknown_undated", type_="check")
        batch.drop_column("status_as_of")
        batch.drop_column("party_date_unknown")
