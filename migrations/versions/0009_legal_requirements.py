"""Legal requirements as structured facts: requirement_kind, requirement, its citations

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02

What a request to a State must satisfy (dual criminality, reciprocity, assurances, form,
translation, links to legislation and guides), each with its sources; the kinds are an open
vocabulary, seeded.

House rules: one concern per revision; reversible; no ORM imports.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True)


def upgrade() -> None:
    op.create_table(
        "requirement_kind",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.String(length=1000), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint("code = upper(code)", name=op.f("ck_requirement_kind_code_upper")),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_requirement_kind")),
    )
    op.create_table(
        "requirement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("jurisdiction_id", sa.Integer(), nullable=False),
        sa.Column("kind_code", sa.String(length=40), nullable=False),
        sa.Column("subject_code", sa.String(length=40), nullable=True),
        sa.Column("measure_code", sa.String(length=40), nullable=True),
        sa.Column("instrument_id", sa.Integer(), nullable=True),
        sa.Column(
            "basis_condition",
            _enum("basis_condition", "WHEN_IN_FORCE", "UNLESS_IN_FORCE", "NO_TREATY"),
            nullable=True,
        ),
        sa.Column(
            "status",
            _enum(
                "requirement_status",
                "REQUIRED",
                "NOT_REQUIRED",
                "CONDITIONAL",
                "ACCEPTED",
                "NOT_ACCEPTED",
                "INFORMATION",
            ),
            nullable=False,
        ),
        sa.Column("text", sa.String(length=2000), nullable=True),
        sa.Column("url", sa.String(length=1000), nullable=True),
        sa.Column(
            "verification",
            _enum("verification", "OFFICIAL", "SECONDARY", "UNKNOWN"),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "basis_condition IS NULL OR (basis_condition = 'NO_TREATY') = (instrument_id IS NULL)",
            name=op.f("ck_requirement_basis_names_instrument"),
        ),
        sa.CheckConstraint(
            "url IS NOT NULL OR status <> 'INFORMATION' OR text IS NOT NULL",
            name=op.f("ck_requirement_information_says_something"),
        ),
        sa.ForeignKeyConstraint(
            ["instrument_id"],
            ["instrument.id"],
            name=op.f("fk_requirement_instrument_id_instrument"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["jurisdiction_id"],
            ["jurisdiction.id"],
            name=op.f("fk_requirement_jurisdiction_id_jurisdiction"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["kind_code"],
            ["requirement_kind.code"],
            name=op.f("fk_requirement_kind_code_requirement_kind"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["measure_code"],
            ["measure.code"],
            name=op.f("fk_requirement_measure_code_measure"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["subject_code"],
            ["subject.code"],
            name=op.f("fk_requirement_subject_code_subject"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_requirement")),
        sqlite_autoincrement=True,
    )
    for column in ("instrument_id", "jurisdiction_id", "kind_code", "measure_code", "subject_code"):
        op.create_index(op.f(f"ix_requirement_{column}"), "requirement", [column])
    op.create_table(
        "requirement_source",
        sa.Column("requirement_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["requirement_id"],
            ["requirement.id"],
            name=op.f("fk_requirement_source_requirement_id_requirement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["source.id"],
            name=op.f("fk_requirement_source_source_id_source"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("requirement_id", "source_id", name=op.f("pk_requirement_source")),
    )
    op.create_index(op.f("ix_requirement_source_source_id"), "requirement_source", ["source_id"])


def downgrade() -> None:
    op.drop_table("requirement_source")
    op.drop_table("requirement")
    op.drop_table("requirement_kind")
