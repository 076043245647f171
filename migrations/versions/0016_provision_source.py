"""Provisions cite their sources

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03

A provision the secretariat writes (an article, its kind and subject) is a fact read in the
treaty's text: like every fact, it cites where it was read (``provision_source``, the same
shape as the other citation tables).

House rules: one concern per revision; reversible; no ORM imports.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "provision_source",
        sa.Column("provision_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["provision_id"],
            ["provision.id"],
            name=op.f("fk_provision_source_provision_id_provision"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["source.id"],
            name=op.f("fk_provision_source_source_id_source"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("provision_id", "source_id", name=op.f("pk_provision_source")),
    )
    op.create_index(op.f("ix_provision_source_source_id"), "provision_source", ["source_id"])


def downgrade() -> None:
    op.drop_table("provision_source")
