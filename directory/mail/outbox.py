"""Writing to the outbox, inside the caller's transaction (the services flush, never commit).

A message is queued with the event that causes it, so both are committed or neither is:
no invitation without its e-mail, no e-mail for a change that was rolled back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.accounts.models import Account
from directory.accounts.permissions import Role
from directory.db import utcnow
from directory.mail.models import MailKind, OutboxMail

__all__ = ["Recipient", "enqueue", "focal_points", "secretariat"]

Recipient = tuple[str, str]  # (e-mail address, language)


def enqueue(
    session: AsyncSession,
    kind: MailKind,
    recipients: Sequence[Recipient],
    params: dict[str, Any],
    *,
    dedup_key: str | None = None,
    now: dt.datetime | None = None,
) -> list[OutboxMail]:
    """One outbox row per recipient, due at once. ``dedup_key`` (with the recipient's
    address appended) keeps a message from being queued twice."""
    now = now or utcnow()
    rows = [
        OutboxMail(
            kind=kind,
            recipient=address,
            language=language,
            params=params,
            dedup_key=f"{dedup_key}:{address}"[:200] if dedup_key else None,
            next_attempt_at=now,
            created_at=now,
        )
        for address, language in recipients
    ]
    session.add_all(rows)
    return rows


async def secretariat(session: AsyncSession) -> list[Recipient]:
    """Every active secretariat account, as recipients."""
    return await _recipients(session, Account.role == Role.SECRETARIAT)


async def focal_points(session: AsyncSession, jurisdiction_id: int) -> list[Recipient]:
    """Every active State editor account of ``jurisdiction_id``, as recipients."""
    return await _recipients(
        session,
        Account.role == Role.STATE_EDITOR,
        Account.jurisdiction_id == jurisdiction_id,
    )


async def _recipients(session: AsyncSession, *where: Any) -> list[Recipient]:
    statement = (
        select(Account.email, Account.language)
        .where(Account.disabled_at.is_(None), Account.password_hash.is_not(None), *where)
        .order_by(Account.id)
    )
    return [(row.email, row.language) for row in await session.execute(statement)]
