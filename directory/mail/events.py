"""Messages caused by change requests, queued in the flush that writes them.

A listener on every ORM session's ``after_flush`` sees each change request inserted
(PENDING: the secretariat is told) and each one whose status moved to APPLIED or REJECTED
(the State's focal points are told, with the reviewer's reason), or CONFLICT. Listening to the flush
rather than calling a function from the editing services means every surface that submits
or reviews (the API, the console, the command line) queues the same messages, in the same
transaction, and the editing room knows nothing of e-mail.

The outbox rows are written with Core statements on the flush's own connection (one
``SELECT`` of the recipients, one ``INSERT`` of their rows), without adding ORM objects to
a flush that is under way.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Table, and_, event, insert, inspect, select
from sqlalchemy.orm import Session, UOWTransaction

from directory.accounts.models import Account
from directory.accounts.permissions import Role
from directory.db import utcnow
from directory.editing.models import ChangeRequest, ChangeStatus
from directory.mail.models import MailKind, MailStatus, OutboxMail
from directory.treaties.models import Jurisdiction

__all__ = ["install"]

_REVIEWED = {
    ChangeStatus.APPLIED: MailKind.CHANGE_APPLIED,
    ChangeStatus.REJECTED: MailKind.CHANGE_REJECTED,
    ChangeStatus.CONFLICT: MailKind.CHANGE_CONFLICT,
}


def _queue(session: Session, kind: MailKind, request: ChangeRequest, *where: Any) -> None:
    code = session.execute(
        select(Jurisdiction.code).where(Jurisdiction.id == request.jurisdiction_id)
    ).scalar_one()
    params = {
        "request": request.id,
        "jurisdiction": code,
        "kind": request.kind,
        "submitted_by": request.submitted_by,
        "reason": request.review_reason or "",
        "note": request.note or "",
    }
    now = utcnow()
    statement = select(Account.email, Account.language).where(
        Account.disabled_at.is_(None), Account.password_hash.is_not(None), *where
    )
    rows = [
        {
            "kind": kind,
            "recipient": row.email,
            "language": row.language,
            "params": params,
            "status": MailStatus.PENDING,
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": now,
        }
        for row in session.execute(statement.order_by(Account.id))
    ]
    if rows:
        # Core, not the ORM's bulk insert: the session is in the middle of its flush
        table = cast(Table, OutboxMail.__table__)
        session.connection().execute(insert(table), rows)


def _after_flush(session: Session, _flush: UOWTransaction) -> None:
    for obj in session.new:
        if isinstance(obj, ChangeRequest) and obj.status is ChangeStatus.PENDING:
            _queue(session, MailKind.CHANGE_SUBMITTED, obj, Account.role == Role.SECRETARIAT)
    for obj in session.dirty:
        if not isinstance(obj, ChangeRequest):
            continue
        history = inspect(obj).attrs.status.history
        if not history.added or obj.status not in _REVIEWED:
            continue
        _queue(
            session,
            _REVIEWED[obj.status],
            obj,
            and_(
                Account.role == Role.STATE_EDITOR,
                Account.jurisdiction_id == obj.jurisdiction_id,
            ),
        )


def install() -> None:
    """Listen on every session (idempotent)."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
