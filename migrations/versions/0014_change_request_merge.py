"""Change requests: the status CONFLICT, the conflicts found, the objects made

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03

- ``change_request.status`` also takes CONFLICT: approval found that a field the request
  changes moved since it was made, and returned it to the editor;
- ``change_request.conflicts``: those fields, with their base, current and proposed values;
- ``change_request.objects``: what an approved request created or changed (entity type and
  key), the request's links to them.

Every stored value stays valid, so no row is rewritten. SQLite changes a CHECK constraint
only by rebuilding the table; the revisions pointing at ``change_request`` are set aside and
restored, ids unchanged (as 0010 does for ``source``).

House rules: one concern per revision; reversible; no ORM imports.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEW = ("PENDING", "APPLIED", "REJECTED", "CONFLICT")
OLD = ("PENDING", "APPLIED", "REJECTED")


def _citing_tables() -> list[str]:
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
            fk[2] == "change_request"
            for fk in bind.exec_driver_sql(f"PRAGMA foreign_key_list({t})")
        )
    ]


def _statuses(values: Sequence[str], *, columns: bool) -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    saved = _citing_tables() if sqlite else []
    for table in saved:
        op.execute(f"CREATE TEMP TABLE keep_{table} AS SELECT * FROM {table}")
        op.execute(f"DELETE FROM {table}")
    with op.batch_alter_table("change_request") as batch:
        batch.drop_constraint(op.f("ck_change_request_change_status"), type_="check")
        batch.create_check_constraint(
            op.f("ck_change_request_change_status"),
            f"status IN ({', '.join(repr(v) for v in values)})",
        )
        if columns:
            batch.add_column(sa.Column("conflicts", sa.JSON(), nullable=True))
            batch.add_column(sa.Column("objects", sa.JSON(), nullable=True))
        else:
            batch.drop_column("objects")
            batch.drop_column("conflicts")
    for table in saved:
        op.execute(f"INSERT INTO {table} SELECT * FROM keep_{table}")
        op.execute(f"DROP TABLE keep_{table}")


def upgrade() -> None:
    _statuses(NEW, columns=True)


def downgrade() -> None:
    op.execute("UPDATE change_request SET status = 'PENDING' WHERE status = 'CONFLICT'")
    _statuses(OLD, columns=False)
