"""Designations and rules: scope by measure and requesting side, conditions on the basis

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02

- ``designation`` and ``channel_rule`` gain ``measure_code``, ``requesting_id`` (one State)
  and ``requesting_group_code`` (a group), never both requesting scopes at once;
- ``designation``, ``channel_rule`` and ``language_rule`` gain ``basis_condition``
  (WHEN_IN_FORCE / UNLESS_IN_FORCE an instrument, or NO_TREATY); designations also gain the
  ``instrument_id`` it names (the rules had one already). A rule with an instrument and no
  condition keeps its old meaning, WHEN_IN_FORCE, so no row is rewritten.

SQLite adds a foreign key only by rebuilding the table, and the DROP of the old table
deletes, through ON DELETE CASCADE, the rows hanging off it (a designation's rules and
citations), as migration 0003 explains. The affected tables are copied to temporary tables
first and restored afterwards, ids unchanged.

House rules: one concern per revision; reversible; no ORM imports.
"""

from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SAVED = (
    "designation",
    "designation_source",
    "channel_rule",
    "channel_rule_source",
    "language_rule",
    "language_rule_source",
)
BASIS = ("WHEN_IN_FORCE", "UNLESS_IN_FORCE", "NO_TREATY")
BASIS_CHECK = "basis_condition IS NULL OR (basis_condition = 'NO_TREATY') = (instrument_id IS NULL)"


def _names(schema: str, table: str) -> list[str]:
    rows = op.get_bind().exec_driver_sql(f"PRAGMA {schema}.table_info({table})").fetchall()
    return [row[1] for row in rows]


def _alter(changes: Sequence[tuple[str, Callable[[Any], None]]]) -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        for table in SAVED:
            op.execute(f"CREATE TEMP TABLE keep_{table} AS SELECT * FROM {table}")
    for table, change in changes:
        with op.batch_alter_table(table, table_kwargs={"sqlite_autoincrement": True}) as batch:
            change(batch)
    if sqlite:
        for table in reversed(SAVED):  # children first, so no cascade is left to run
            op.execute(f"DELETE FROM {table}")
        for table in SAVED:
            kept = set(_names("temp", f"keep_{table}"))
            columns = ", ".join(c for c in _names("main", table) if c in kept)
            op.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM keep_{table}")
            op.execute(f"DROP TABLE keep_{table}")


def _basis(batch: Any, table: str) -> None:
    batch.add_column(sa.Column("basis_condition", sa.String(length=15), nullable=True))
    batch.create_check_constraint(
        op.f(f"ck_{table}_basis_condition"),
        f"basis_condition IN ({', '.join(repr(b) for b in BASIS)})",
    )
    batch.create_check_constraint(op.f(f"ck_{table}_basis_names_instrument"), BASIS_CHECK)


def _scope(batch: Any, table: str) -> None:
    batch.add_column(sa.Column("measure_code", sa.String(length=40), nullable=True))
    batch.add_column(sa.Column("requesting_id", sa.Integer(), nullable=True))
    batch.add_column(sa.Column("requesting_group_code", sa.String(length=40), nullable=True))
    for column in ("measure_code", "requesting_id", "requesting_group_code"):
        batch.create_index(op.f(f"ix_{table}_{column}"), [column], unique=False)
    batch.create_foreign_key(
        op.f(f"fk_{table}_measure_code_measure"),
        "measure",
        ["measure_code"],
        ["code"],
        ondelete="RESTRICT",
    )
    batch.create_foreign_key(
        op.f(f"fk_{table}_requesting_id_jurisdiction"),
        "jurisdiction",
        ["requesting_id"],
        ["id"],
        ondelete="RESTRICT",
    )
    batch.create_foreign_key(
        op.f(f"fk_{table}_requesting_group_code_jurisdiction_group"),
        "jurisdiction_group",
        ["requesting_group_code"],
        ["code"],
        ondelete="RESTRICT",
    )
    batch.create_check_constraint(
        op.f(f"ck_{table}_one_requesting_scope"),
        "requesting_id IS NULL OR requesting_group_code IS NULL",
    )


def _designation_up(batch: Any) -> None:
    batch.add_column(sa.Column("instrument_id", sa.Integer(), nullable=True))
    batch.create_index(op.f("ix_designation_instrument_id"), ["instrument_id"], unique=False)
    batch.create_foreign_key(
        op.f("fk_designation_instrument_id_instrument"),
        "instrument",
        ["instrument_id"],
        ["id"],
        ondelete="RESTRICT",
    )
    _scope(batch, "designation")
    _basis(batch, "designation")


def _channel_up(batch: Any) -> None:
    _scope(batch, "channel_rule")
    _basis(batch, "channel_rule")


def _language_up(batch: Any) -> None:
    _basis(batch, "language_rule")


def upgrade() -> None:
    _alter(
        [
            ("designation", _designation_up),
            ("channel_rule", _channel_up),
            ("language_rule", _language_up),
        ]
    )


def _drop(batch: Any, table: str, columns: Sequence[str], checks: Sequence[str]) -> None:
    for check in checks:
        batch.drop_constraint(op.f(f"ck_{table}_{check}"), type_="check")
    for column in columns:
        if column != "basis_condition":
            batch.drop_constraint(
                op.f(
                    f"fk_{table}_{column}_"
                    + {
                        "instrument_id": "instrument",
                        "measure_code": "measure",
                        "requesting_id": "jurisdiction",
                        "requesting_group_code": "jurisdiction_group",
                    }[column]
                ),
                type_="foreignkey",
            )
            batch.drop_index(op.f(f"ix_{table}_{column}"))
    for column in columns:
        batch.drop_column(column)


SCOPE = ("measure_code", "requesting_id", "requesting_group_code")
CHECKS = ("basis_condition", "basis_names_instrument")


def downgrade() -> None:
    _alter(
        [
            (
                "language_rule",
                lambda b: _drop(b, "language_rule", ["basis_condition"], CHECKS),
            ),
            (
                "channel_rule",
                lambda b: _drop(
                    b,
                    "channel_rule",
                    [*SCOPE, "basis_condition"],
                    [*CHECKS, "one_requesting_scope"],
                ),
            ),
            (
                "designation",
                lambda b: _drop(
                    b,
                    "designation",
                    ["instrument_id", *SCOPE, "basis_condition"],
                    [*CHECKS, "one_requesting_scope"],
                ),
            ),
        ]
    )
