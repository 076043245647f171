"""Procedural stages form a tree: stage_part (TRIAL is part of TRIAL_AND_EXECUTION)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

Routing matched stages as exact strings, so a request for TRIAL never found the authority
designated for TRIAL_AND_EXECUTION. A table of its own rather than a column on
``procedural_stage``: adding a self-referencing foreign key to that table would rebuild it
on SQLite, and a rebuild cannot drop a table that designations reference.

House rules: one concern per revision; reversible; no ORM imports.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "stage_part",
        sa.Column("stage_code", sa.String(length=40), nullable=False),
        sa.Column("within_code", sa.String(length=40), nullable=False),
        sa.CheckConstraint(
            "stage_code <> within_code", name=op.f("ck_stage_part_not_within_itself")
        ),
        sa.ForeignKeyConstraint(
            ["stage_code"],
            ["procedural_stage.code"],
            name=op.f("fk_stage_part_stage_code_procedural_stage"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["within_code"],
            ["procedural_stage.code"],
            name=op.f("fk_stage_part_within_code_procedural_stage"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("stage_code", name=op.f("pk_stage_part")),
    )
    op.create_index(op.f("ix_stage_part_within_code"), "stage_part", ["within_code"])


def downgrade() -> None:
    op.drop_index(op.f("ix_stage_part_within_code"), table_name="stage_part")
    op.drop_table("stage_part")
