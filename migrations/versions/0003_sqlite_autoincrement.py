"""SQLite: never reuse the id of a deleted designation, rule or contact (AUTOINCREMENT)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

Without AUTOINCREMENT, SQLite hands a new row the highest id + 1, so the id of a deleted
row comes back: a revision (``entity_id``) or a Relay global ID that named the removed
designation would then name another one. PostgreSQL sequences never go back: nothing to do
there.

SQLite cannot add AUTOINCREMENT in place, so each table is rebuilt (Alembic batch mode).
The rebuild drops the old table, and with foreign keys on (they cannot be switched off inside
the migration's transaction) that DROP deletes, through ON DELETE CASCADE, the rows that hang
off it (a designation's rules and citations). Every affected table is therefore copied to a
temporary table first and restored afterwards, ids unchanged.

House rules: one concern per revision; reversible; no ORM imports.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# the tables whose rows can be deleted and are named by revisions or global ids
REBUILT = ("authority_contact", "designation", "channel_rule", "language_rule")
# every table a DROP of those empties through ON DELETE CASCADE, parents first
SAVED = (
    "authority_contact",
    "designation",
    "designation_source",
    "channel_rule",
    "channel_rule_source",
    "language_rule",
    "language_rule_source",
)


def _rebuild(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in SAVED:
        op.execute(f"CREATE TEMP TABLE keep_{table} AS SELECT * FROM {table}")
    for table in REBUILT:
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
        ):
            pass
    for table in reversed(SAVED):  # children first, so no cascade is left to run
        op.execute(f"DELETE FROM {table}")
    for table in SAVED:
        op.execute(f"INSERT INTO {table} SELECT * FROM keep_{table}")
        op.execute(f"DROP TABLE keep_{table}")


def upgrade() -> None:
    _rebuild(autoincrement=True)


def downgrade() -> None:
    _rebuild(autoincrement=False)
