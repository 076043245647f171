"""The outbox, delivered: written with its event, sent afterwards over real SMTP in the
recipient's language, retried when the server says "later", given up when it says "never"."""

from __future__ import annotations

import contextlib
import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from directory.accounts.permissions import Role
from directory.accounts.sessions import account_principal
from directory.config import Settings
from directory.db import SerialSession
from directory.editing import inputs as i
from directory.editing.review import approve, reject
from directory.editing.services import submit
from directory.mail.delivery import MAX_ATTEMPTS, deliver_due
from directory.mail.models import MailKind, MailStatus, OutboxMail
from directory.mail.smtp import SmtpSettings
from directory.mail.stale import queue_stale_reminders
from directory.web.mails import render
from tests.accounts.people import SECRETARIAT, person
from tests.editing.factories import World
from tests.mail.smtpd import Inbox


def soon() -> dt.datetime:
    """A clock for the worker a minute after the messages were queued (at the real time)."""
    return dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)


def smtp(port: int) -> SmtpSettings:
    return SmtpSettings(host="127.0.0.1", port=port, sender="directory@unodc.example", timeout=5)


async def _outbox(session: AsyncSession) -> list[OutboxMail]:
    return list(await session.scalars(select(OutboxMail).order_by(OutboxMail.id)))


async def test_an_invitation_arrives_in_the_recipients_language(
    session: AsyncSession,
    sessionmaker: async_sessionmaker[SerialSession],
    world: World,
    smtpd: tuple[Inbox, int],
) -> None:
    # given an invitation queued for a focal point who reads French
    inbox, port = smtpd
    await person(session, "focal@fra.example", language="fr")
    await session.commit()
    # when the outbox is delivered
    done = await deliver_due(sessionmaker, smtp(port), render)
    # then the message arrived, in French, with its link, and the row says SENT
    assert done.sent == 1 and len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message["To"] == "focal@fra.example"
    assert message["From"] == "directory@unodc.example"
    assert message["Subject"] == "Votre compte dans l’annuaire"
    body = message.get_content()
    assert "http://directory.test/fr/invitation/" in body
    [row] = await _outbox(session)
    await session.refresh(row)
    assert row.status is MailStatus.SENT and row.attempts == 1
    # and nothing is sent twice
    assert (await deliver_due(sessionmaker, smtp(port), render)).sent == 0


async def test_a_temporary_refusal_is_retried_later_and_a_final_one_given_up(
    session: AsyncSession,
    sessionmaker: async_sessionmaker[SerialSession],
    world: World,
    smtpd: tuple[Inbox, int],
) -> None:
    inbox, port = smtpd
    await person(session, "a@fra.example")
    await person(session, "b@fra.example")
    await session.commit()
    inbox.refuse = [451, 550]
    now = soon()
    first = await deliver_due(sessionmaker, smtp(port), render, now=lambda: now)
    assert (first.sent, first.retried, first.failed) == (0, 1, 1)
    rows = await _outbox(session)
    for row in rows:
        await session.refresh(row)
    retried = next(r for r in rows if r.status is MailStatus.PENDING)
    assert retried.last_error.startswith("SMTP 451") and retried.next_attempt_at > now
    assert next(r for r in rows if r.status is MailStatus.FAILED).last_error.startswith("SMTP 550")
    # not due yet: nothing sent; after the backoff it goes
    assert (await deliver_due(sessionmaker, smtp(port), render, now=lambda: now)).sent == 0
    later = now + dt.timedelta(minutes=2)
    assert (await deliver_due(sessionmaker, smtp(port), render, now=lambda: later)).sent == 1
    assert len(inbox.messages) == 1


async def test_an_unreachable_server_is_retried_until_the_attempts_run_out(
    session: AsyncSession, sessionmaker: async_sessionmaker[SerialSession], world: World
) -> None:
    await person(session, "a@fra.example")
    await session.commit()
    closed = SmtpSettings(host="127.0.0.1", port=1, timeout=2)
    when = soon()
    for _ in range(MAX_ATTEMPTS):
        await deliver_due(sessionmaker, closed, render, now=lambda at=when: at)
        when += dt.timedelta(hours=2)
    [row] = await _outbox(session)
    await session.refresh(row)
    assert row.status is MailStatus.FAILED and row.attempts == MAX_ATTEMPTS


async def test_change_requests_tell_the_secretariat_and_then_the_focal_points(
    session: AsyncSession,
    sessionmaker: async_sessionmaker[SerialSession],
    world: World,
    smtpd: tuple[Inbox, int],
) -> None:
    inbox, port = smtpd
    focal = await person(session, "focal@fra.example", language="es")
    await person(session, "staff@unodc.example", Role.SECRETARIAT, None, language="ar")
    await person(session, "de@deu.example", jurisdiction="DEU")  # another State: not told
    await session.commit()
    await deliver_due(sessionmaker, smtp(port), render)  # the invitations
    inbox.messages.clear()
    editor = await account_principal(session, focal.account)
    # when the focal point submits two changes; one is approved, one rejected
    first = await submit(
        session,
        editor,
        i.UpdateAuthority(authority_id=world.fra_authority.id, expected_version=1, city="Lyon"),
        settings=Settings(),
        reason="moved",
    )
    second = await submit(
        session,
        editor,
        i.UpdateAuthority(authority_id=world.fra_authority.id, expected_version=1, city="Nice"),
        settings=Settings(),
    )
    await approve(session, SECRETARIAT, first.change_request.id)
    await reject(session, SECRETARIAT, second.change_request.id, reason="wrong city")
    await session.commit()
    await deliver_due(sessionmaker, smtp(port), render)
    # then the secretariat heard of both requests, in Arabic; the focal point of the outcome
    got = sorted((m["To"], m["Subject"]) for m in inbox.messages)
    request = first.change_request.id
    assert [to for to, _ in got].count("staff@unodc.example") == 2
    assert ("focal@fra.example", f"La solicitud de cambio {request} fue aprobada") in got
    assert ("focal@fra.example", f"La solicitud de cambio {request + 1} fue rechazada") in got
    assert all(to != "de@deu.example" for to, _ in got)
    rejected = next(m for m in inbox.messages if "rechazada" in m["Subject"])
    assert "wrong city" in rejected.get_content()
    kinds = [r.kind for r in await _outbox(session)]
    assert kinds.count(MailKind.CHANGE_SUBMITTED) == 2


async def test_a_request_returned_for_a_conflict_tells_its_focal_points(
    session: AsyncSession,
    sessionmaker: async_sessionmaker[SerialSession],
    world: World,
    smtpd: tuple[Inbox, int],
) -> None:
    inbox, port = smtpd
    focal = await person(session, "focal@fra.example", language="fr")
    await session.commit()
    await deliver_due(sessionmaker, smtp(port), render)  # the invitation
    inbox.messages.clear()
    editor = await account_principal(session, focal.account)
    # when two requests change the city and both are approved
    made = [
        await submit(
            session,
            editor,
            i.UpdateAuthority(authority_id=world.fra_authority.id, expected_version=1, city=city),
            settings=Settings(),
        )
        for city in ("Lyon", "Nice")
    ]
    for outcome in made:
        await approve(session, SECRETARIAT, outcome.change_request.id)
    await session.commit()
    await deliver_due(sessionmaker, smtp(port), render)
    # then the focal point hears that the first was approved and the second returned, in French
    second = made[1].change_request.id
    subjects = {m["Subject"] for m in inbox.messages if m["To"] == "focal@fra.example"}
    assert f"La demande de modification {second} vous a été renvoyée" in subjects
    returned = next(m for m in inbox.messages if "renvoyée" in m["Subject"])
    assert "valeurs actuelles" in returned.get_content()


async def test_a_rolled_back_change_queues_no_mail(session: AsyncSession, world: World) -> None:
    focal = await person(session, "focal@fra.example")
    await person(session, "staff@unodc.example", Role.SECRETARIAT, None)
    before = len(await _outbox(session))
    savepoint = await session.begin_nested()
    await submit(
        session,
        await account_principal(session, focal.account),
        i.UpdateAuthority(authority_id=world.fra_authority.id, expected_version=1, city="Lyon"),
        settings=Settings(),
    )
    assert len(await _outbox(session)) == before + 1
    await savepoint.rollback()
    assert len(await _outbox(session)) == before


async def test_stale_reminders_are_queued_once_per_state_and_date(
    session: AsyncSession, world: World
) -> None:
    await person(session, "focal@fra.example")
    today = dt.date(2026, 3, 1)
    world.fra_authority.last_confirmed_on = today - dt.timedelta(days=340)  # stale in 26 days
    world.deu_authority.last_confirmed_on = today - dt.timedelta(days=100)  # fine
    await session.flush()
    assert await queue_stale_reminders(session, today, 365) == 1
    assert await queue_stale_reminders(session, today + dt.timedelta(days=1), 365) == 0
    row = (await _outbox(session))[-1]
    assert row.kind is MailKind.ENTRIES_STALE_SOON
    assert row.params == {"jurisdiction": "FRA", "count": 1, "stale_on": "2026-03-27"}
    subject, body = render(row.kind, "ru", row.params)
    assert "FRA" in subject and "2026-03-27" in body


async def test_the_worker_of_serve_delivers_in_the_background(
    session: AsyncSession,
    sessionmaker: async_sessionmaker[SerialSession],
    world: World,
    smtpd: tuple[Inbox, int],
) -> None:
    import asyncio

    from directory.mail.delivery import run_worker

    inbox, port = smtpd
    await person(session, "focal@fra.example", language="zh")
    await session.commit()
    task = asyncio.create_task(
        run_worker(sessionmaker, smtp(port), render, interval=0.05, stale_after_days=365)
    )
    try:
        for _ in range(200):
            if inbox.messages:
                break
            await asyncio.sleep(0.05)
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    assert [m["Subject"] for m in inbox.messages] == ["您在名录中的账户"]
