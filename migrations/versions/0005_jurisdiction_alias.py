"""Jurisdiction aliases: other names and codes, folded once for search

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

Names now come from the UN (M49) for Member States; CLDR's and ISO's names, endonyms,
alpha-2 and IOC codes stay findable as aliases. Each alias is stored with its folded form
(``directory.search.folding.fold``) under an index, so search looks names up instead of
folding every stored name on each request.

House rules: one concern per revision; reversible; no ORM imports.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = ("CLDR_NAME", "ISO_NAME", "ENDONYM", "ALPHA2", "OTHER_CODE")


def upgrade() -> None:
    op.create_table(
        "jurisdiction_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("jurisdiction_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(*KINDS, name="alias_kind", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("language", sa.String(length=12), nullable=False),
        sa.Column("alias", sa.String(length=200), nullable=False),
        sa.Column("folded", sa.String(length=200), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["jurisdiction_id"],
            ["jurisdiction.id"],
            name=op.f("fk_jurisdiction_alias_jurisdiction_id_jurisdiction"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["source.id"],
            name=op.f("fk_jurisdiction_alias_source_id_source"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jurisdiction_alias")),
        sa.UniqueConstraint(
            "jurisdiction_id",
            "kind",
            "language",
            "alias",
            name=op.f("uq_jurisdiction_alias_jurisdiction_id_kind_language_alias"),
        ),
    )
    with op.batch_alter_table("jurisdiction_alias") as batch:
        batch.create_index(batch.f("ix_jurisdiction_alias_folded"), ["folded"])
        batch.create_index(batch.f("ix_jurisdiction_alias_jurisdiction_id"), ["jurisdiction_id"])
        batch.create_index(batch.f("ix_jurisdiction_alias_source_id"), ["source_id"])


def downgrade() -> None:
    op.drop_table("jurisdiction_alias")
