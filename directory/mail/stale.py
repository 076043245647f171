""" "Entries will become stale in 30 days": one reminder per State and date, to its focal points.

An active authority is stale once its last confirmation is more than ``stale_after_days``
old (``directory.authorities.freshness.is_stale``). ``queue_stale_reminders`` looks for the
authorities that will cross that line within ``NOTICE_DAYS``, groups them by jurisdiction,
and queues one message per focal point, keyed on the State and the first date an entry goes
stale: run it every day (the mail worker does), and each reminder is queued once.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.authorities.models import Authority
from directory.enums import AuthorityStatus
from directory.mail.models import MailKind, OutboxMail
from directory.mail.outbox import enqueue, focal_points
from directory.treaties.models import Jurisdiction

__all__ = ["NOTICE_DAYS", "queue_stale_reminders"]

NOTICE_DAYS = 30


async def queue_stale_reminders(
    session: AsyncSession, today: dt.date, stale_after_days: int
) -> int:
    """Queue the reminders due ``today``; returns how many messages were queued (those
    queued on an earlier day are not queued again). Flushes; the caller commits."""
    # confirmed on or before ``latest`` goes stale within NOTICE_DAYS; before ``earliest``
    # it is stale already (the pages say so; a reminder would come too late)
    latest = today - dt.timedelta(days=stale_after_days - NOTICE_DAYS)
    earliest = today - dt.timedelta(days=stale_after_days)
    statement = (
        select(
            Authority.jurisdiction_id,
            Jurisdiction.code,
            func.count(),
            func.min(Authority.last_confirmed_on),
        )
        .join(Jurisdiction, Jurisdiction.id == Authority.jurisdiction_id)
        .where(
            Authority.status == AuthorityStatus.ACTIVE,
            Authority.last_confirmed_on.is_not(None),
            Authority.last_confirmed_on <= latest,
            Authority.last_confirmed_on >= earliest,
        )
        .group_by(Authority.jurisdiction_id, Jurisdiction.code)
        .order_by(Jurisdiction.code)
    )
    queued = 0
    for jurisdiction_id, code, count, oldest in (await session.execute(statement)).all():
        assert oldest is not None  # the WHERE keeps confirmed entries only
        stale_on: dt.date = oldest + dt.timedelta(days=stale_after_days + 1)
        key = f"stale:{code}:{stale_on.isoformat()}"
        for recipient in await focal_points(session, jurisdiction_id):
            if await session.scalar(
                select(func.count())
                .select_from(OutboxMail)
                .where(OutboxMail.dedup_key == f"{key}:{recipient[0]}"[:200])
            ):
                continue
            params = {"jurisdiction": code, "count": count, "stale_on": stale_on.isoformat()}
            enqueue(session, MailKind.ENTRIES_STALE_SOON, [recipient], params, dedup_key=key)
            queued += 1
    await session.flush()
    return queued
