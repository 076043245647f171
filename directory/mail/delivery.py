"""Delivering the outbox: claim due messages, send them outside any transaction, record.

    1. claim   one short write transaction: the due PENDING rows (oldest first, at most
               ``batch``) get ``next_attempt_at`` moved past the lease and one more attempt,
               so another worker (or process) does not take them meanwhile; PostgreSQL
               skips rows another worker has locked (``SKIP LOCKED``)
    2. send    each message rendered in its recipient's language and sent over SMTP, with no
               transaction open: a slow mail server never holds a database lock
    3. record  one short transaction per message: SENT, or PENDING again after a backoff
               (1, 2, 4 … minutes, at most an hour), or FAILED after ``MAX_ATTEMPTS`` or a
               permanent (5xx) refusal

A message is sent at least once: if the process dies between 2 and 3, the lease expires and
it is sent again. The renderer (``kind, language, params -> subject, body``) is the surface's.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

import aiosmtplib
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker

from directory.db import WRITES, SerialSession, utcnow
from directory.mail.models import MailKind, MailStatus, OutboxMail
from directory.mail.smtp import TEMPORARY, SmtpSettings, send
from directory.mail.stale import queue_stale_reminders

__all__ = ["MAX_ATTEMPTS", "Delivered", "Renderer", "deliver_due", "run_worker"]

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8  # 1+2+4+…+60 minutes: about four hours of retries
LEASE = dt.timedelta(minutes=5)
BACKOFF_MAX = dt.timedelta(hours=1)
Renderer = Callable[[MailKind, str, dict[str, Any]], tuple[str, str]]


@dataclass(frozen=True)
class Delivered:
    sent: int = 0
    retried: int = 0
    failed: int = 0


@dataclass(frozen=True)
class _Claimed:
    id: int
    kind: MailKind
    recipient: str
    language: str
    params: dict[str, Any]
    attempts: int


def backoff(attempts: int) -> dt.timedelta:
    return min(dt.timedelta(minutes=2 ** max(0, attempts - 1)), BACKOFF_MAX)


async def _claim(
    sessions: async_sessionmaker[SerialSession], now: dt.datetime, batch: int
) -> list[_Claimed]:
    async with sessions(execution_options={WRITES: True}) as session, session.begin():
        statement = (
            select(OutboxMail)
            .where(OutboxMail.status == MailStatus.PENDING, OutboxMail.next_attempt_at <= now)
            .order_by(OutboxMail.next_attempt_at, OutboxMail.id)
            .limit(batch)
            .with_for_update(skip_locked=True)
        )
        rows = list(await session.scalars(statement))
        for row in rows:
            row.attempts += 1
            row.next_attempt_at = now + LEASE
        return [
            _Claimed(r.id, r.kind, r.recipient, r.language, dict(r.params), r.attempts)
            for r in rows
        ]


async def _record(
    sessions: async_sessionmaker[SerialSession],
    claimed: _Claimed,
    error: str | None,
    permanent: bool,
    now: dt.datetime,
) -> str:
    async with sessions(execution_options={WRITES: True}) as session, session.begin():
        row = await session.get(OutboxMail, claimed.id)
        if row is None:
            return "gone"
        if error is None:
            row.status = MailStatus.SENT
            row.sent_at = now
            row.last_error = None
            return "sent"
        row.last_error = error[:500]
        if permanent or claimed.attempts >= MAX_ATTEMPTS:
            row.status = MailStatus.FAILED
            return "failed"
        row.next_attempt_at = now + backoff(claimed.attempts)
        return "retried"


async def deliver_due(
    sessions: async_sessionmaker[SerialSession],
    smtp: SmtpSettings,
    render: Renderer,
    *,
    batch: int = 50,
    now: Callable[[], dt.datetime] = utcnow,
) -> Delivered:
    """Send every message due now (up to ``batch``); returns how each one went."""
    counts = {"sent": 0, "retried": 0, "failed": 0, "gone": 0}
    for claimed in await _claim(sessions, now(), batch):
        error, permanent = None, False
        try:
            subject, body = render(claimed.kind, claimed.language, claimed.params)
            message = EmailMessage()
            message["To"] = claimed.recipient
            message["Subject"] = subject
            message["Content-Language"] = claimed.language
            message.set_content(body)
            await send(smtp, message)
        except aiosmtplib.SMTPResponseException as exc:
            error = f"SMTP {exc.code}: {exc.message}"
            permanent = exc.code not in TEMPORARY
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
            error = f"{type(exc).__name__}: {exc}"
        outcome = await _record(sessions, claimed, error, permanent, now())
        counts[outcome] += 1
        if error:
            log.warning("mail %s: %s (%s)", claimed.id, outcome, error)
    return Delivered(counts["sent"], counts["retried"], counts["failed"])


async def run_worker(
    sessions: async_sessionmaker[SerialSession],
    smtp: SmtpSettings,
    render: Renderer,
    *,
    interval: float,
    stale_after_days: int,
) -> None:
    """Deliver forever, every ``interval`` seconds (the in-process task of ``serve``), and
    queue the stale reminders once a day. A failure of a round (the database away) is
    logged and the next round tries again."""
    reminded_on: dt.date | None = None
    while True:
        try:
            today = utcnow().date()
            if reminded_on != today:
                async with sessions(execution_options={WRITES: True}) as session:
                    await queue_stale_reminders(session, today, stale_after_days)
                    await session.commit()
                reminded_on = today
            await deliver_due(sessions, smtp, render)
        except Exception as exc:  # the worker must outlive any one round
            log.warning("mail delivery round failed (%s): retrying", type(exc).__name__)
        await asyncio.sleep(interval)
