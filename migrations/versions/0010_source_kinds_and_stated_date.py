"""Sources: the kinds DEPOSITARY and PRESS, and the date a source states

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02

- ``source.kind`` takes OFFICIAL, DEPOSITARY, SECONDARY or PRESS (was OFFICIAL or SECONDARY;
  every stored value stays valid, so no row is rewritten);
- ``source.stated_on``: the date the source itself states (its "status as at" line, its date
  of issue), empty when it states none.

SQLite changes a CHECK constraint only by rebuilding the table, and the DROP of the old
``source`` would be refused by every citation that points at it (ON DELETE RESTRICT). The
rows pointing at ``source`` are copied to temporary tables and deleted first, and restored
afterwards, ids unchanged (the way 0008 keeps the rows of the tables it rebuilds).

House rules: one concern per revision; reversible; no ORM imports.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEW = ("OFFICIAL", "DEPOSITARY", "SECONDARY", "PRESS")
OLD = ("OFFICIAL", "SECONDARY")


def _citing_tables() -> list[str]:
    """The tables with a foreign key to ``source`` (SQLite only)."""
    bind = op.get_bind()
    tables = [
        row[0]
        for row in bind.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return [
        t
        for t in tables
        if any(
            fk[2] == "source" for fk in bind.exec_driver_sql(f"PRAGMA foreign_key_list({t})")
        )
    ]


def _kinds(values: Sequence[str], *, stated_on: bool) -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    saved = _citing_tables() if sqlite else []
    for table in saved:
        op.execute(f"CREATE TEMP TABLE keep_{table} AS SELECT * FROM {table}")
        op.execute(f"DELETE FROM {table}")
    with op.batch_alter_table("source") as batch:
        batch.drop_constraint(op.f("ck_source_source_kind"), type_="check")
        batch.alter_column(
            "kind",
            existing_type=sa.String(length=9 if stated_on else 10),
            type_=sa.String(length=max(len(v) for v in values)),
            existing_nullable=False,
        )
        batch.create_check_constraint(
            op.f("ck_source_source_kind"), f"kind IN ({', '.join(repr(v) for v in values)})"
        )
        if stated_on:
            batch.add_column(sa.Column("stated_on", sa.Date(), nullable=True))
        else:
            batch.drop_column("stated_on")
    for table in saved:
        op.execute(f"INSERT INTO {table} SELECT * FROM keep_{table}")
        op.execute(f"DROP TABLE keep_{table}")


def upgrade() -> None:
    _kinds(NEW, stated_on=True)


def downgrade() -> None:
    # a DEPOSITARY source was an OFFICIAL one before, a PRESS report a SECONDARY one
    op.execute("UPDATE source SET kind = 'OFFICIAL' WHERE kind = 'DEPOSITARY'")
    op.execute("UPDATE source SET kind = 'SECONDARY' WHERE kind = 'PRESS'")
    _kinds(OLD, stated_on=False)
