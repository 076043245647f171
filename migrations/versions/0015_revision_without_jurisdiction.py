"""A revision may belong to no jurisdiction: instruments and provisions have their history

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03

The secretariat now creates and updates instruments and provisions through the API, and
every write leaves a revision. A treaty is no jurisdiction's, so ``revision.jurisdiction_id``
becomes optional (null for an instrument's or a provision's revision).

Downgrading deletes those revisions: the column cannot be required again while they exist.

House rules: one concern per revision; reversible; no ORM imports.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("revision") as batch_op:
        batch_op.alter_column("jurisdiction_id", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM revision WHERE jurisdiction_id IS NULL")
    with op.batch_alter_table("revision") as batch_op:
        batch_op.alter_column("jurisdiction_id", existing_type=sa.Integer(), nullable=False)
