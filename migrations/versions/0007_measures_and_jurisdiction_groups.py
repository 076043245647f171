"""Vocabularies that scope designations and rules: measures, jurisdiction groups

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

``measure`` (service of documents, hearing of witnesses, …, in the manner of the EJN's Fiches
Belges) and ``jurisdiction_group`` (EU members, a network) with its members; each cites its
sources. Only new tables: the columns that use them come in 0008.

House rules: one concern per revision; reversible; no ORM imports.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _vocabulary(table: str) -> None:
    op.create_table(
        table,
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.String(length=1000), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint("code = upper(code)", name=op.f(f"ck_{table}_code_upper")),
        sa.PrimaryKeyConstraint("code", name=op.f(f"pk_{table}")),
    )


def _citations(table: str, fact: str, key: str) -> None:
    op.create_table(
        table,
        sa.Column(key, sa.String(length=40), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            [key], [f"{fact}.code"], name=op.f(f"fk_{table}_{key}_{fact}"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["source.id"],
            name=op.f(f"fk_{table}_source_id_source"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint(key, "source_id", name=op.f(f"pk_{table}")),
    )
    op.create_index(op.f(f"ix_{table}_source_id"), table, ["source_id"])


def upgrade() -> None:
    _vocabulary("measure")
    _citations("measure_source", "measure", "measure_code")
    _vocabulary("jurisdiction_group")
    _citations("jurisdiction_group_source", "jurisdiction_group", "group_code")
    op.create_table(
        "jurisdiction_group_member",
        sa.Column("group_code", sa.String(length=40), nullable=False),
        sa.Column("jurisdiction_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_code"],
            ["jurisdiction_group.code"],
            name=op.f("fk_jurisdiction_group_member_group_code_jurisdiction_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["jurisdiction_id"],
            ["jurisdiction.id"],
            name=op.f("fk_jurisdiction_group_member_jurisdiction_id_jurisdiction"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint(
            "group_code", "jurisdiction_id", name=op.f("pk_jurisdiction_group_member")
        ),
    )
    op.create_index(
        op.f("ix_jurisdiction_group_member_jurisdiction_id"),
        "jurisdiction_group_member",
        ["jurisdiction_id"],
    )


def downgrade() -> None:
    op.drop_table("jurisdiction_group_member")
    op.drop_table("jurisdiction_group_source")
    op.drop_table("jurisdiction_group")
    op.drop_table("measure_source")
    op.drop_table("measure")
