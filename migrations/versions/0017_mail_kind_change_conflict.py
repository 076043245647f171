"""Mail: the kind CHANGE_CONFLICT (a change request returned to its editor)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03

``mail_outbox.kind`` also takes CHANGE_CONFLICT: the State's focal points are told when
approval finds that fields a request changes moved since it was made. Every stored value
stays valid; no table points at ``mail_outbox``, so SQLite's rebuild keeps every row.

House rules: one concern per revision; reversible; no ORM imports.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD = (
    "INVITATION",
    "CHANGE_SUBMITTED",
    "CHANGE_APPLIED",
    "CHANGE_REJECTED",
    "ENTRIES_STALE_SOON",
)
NEW = (*OLD, "CHANGE_CONFLICT")


def _kinds(values: Sequence[str]) -> None:
    with op.batch_alter_table("mail_outbox") as batch:
        batch.drop_constraint(op.f("ck_mail_outbox_mail_kind"), type_="check")
        batch.create_check_constraint(
            op.f("ck_mail_outbox_mail_kind"), f"kind IN ({', '.join(repr(v) for v in values)})"
        )


def upgrade() -> None:
    _kinds(NEW)


def downgrade() -> None:
    op.execute("DELETE FROM mail_outbox WHERE kind = 'CHANGE_CONFLICT'")
    _kinds(OLD)
