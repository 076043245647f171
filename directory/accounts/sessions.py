"""Signing in as a person, and the sessions that follow.

    check_sign_in(email, password, code)  the account, or SignInRefused("credentials")
    open_session(account)                 a server-side row and the key for the cookie
    session_principal(key)                who a cookie's key belongs to, if still valid
    list_sessions / end_session           the owner's own sessions, listed and ended
    account_principal(account)            the Principal of an account (pages, tokens)

Throttling and lock-out are the surface's (``directory.ratelimits``): they count the
failures this module reports, per address and per e-mail address, so a guesser is slowed
before any hash is computed. Every failed check costs one argon2 verification, whether the
address exists or not.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.accounts.credentials import (
    PASSWORD_MAX,
    hash_password,
    needs_rehash,
    totp_step,
    verify_password,
)
from directory.accounts.errors import SignInRefused
from directory.accounts.models import EMAIL_MAX, Account, AccountSession
from directory.accounts.permissions import Principal, Role
from directory.db import utcnow
from directory.errors import NotFound, Unauthenticated
from directory.treaties.models import Jurisdiction

__all__ = [
    "SESSION_HOURS",
    "OpenedSession",
    "account_principal",
    "check_sign_in",
    "end_session",
    "end_session_by_key",
    "list_sessions",
    "open_session",
    "session_principal",
]

SESSION_HOURS = 8  # a working day
USER_AGENT_MAX = 200
_REFUSED = "wrong e-mail address, password or code"


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _aware(value: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes even for timezone=True columns; they were stored UTC.
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


async def check_sign_in(
    session: AsyncSession,
    email: str,
    password: str,
    code: str | None,
    now: dt.datetime | None = None,
) -> Account:
    """The account whose credentials these are. One refusal for every failure (unknown
    address, wrong password, missing or wrong or reused code, disabled account, a
    secretariat account without a second factor), so the answer names nothing. A code
    accepted is used up; an outdated hash is upgraded. Flushes."""
    now = now or utcnow()
    address = email.strip().lower()
    account = None
    if 0 < len(address) <= EMAIL_MAX:
        account = await session.scalar(
            select(Account).where(Account.email == address).with_for_update()
        )
    stored = account.password_hash if account is not None else None
    if not verify_password(stored, password[: PASSWORD_MAX + 1]) or account is None:
        raise SignInRefused("credentials", _REFUSED)
    if account.disabled_at is not None:
        raise SignInRefused("credentials", _REFUSED)
    if account.totp_secret:
        step = totp_step(account.totp_secret, code or "", now, account.totp_last_step)
        if step is None:
            raise SignInRefused("credentials", _REFUSED)
        account.totp_last_step = step
    elif account.role is Role.SECRETARIAT:
        raise SignInRefused("credentials", _REFUSED)
    if stored is not None and needs_rehash(stored):
        account.password_hash = hash_password(password)
    await session.flush()
    return account


@dataclass(frozen=True)
class OpenedSession:
    """The row, and the key for the cookie (its hash only is stored)."""

    row: AccountSession
    key: str


async def open_session(
    session: AsyncSession,
    account: Account,
    *,
    user_agent: str | None = None,
    now: dt.datetime | None = None,
) -> OpenedSession:
    now = now or utcnow()
    key = secrets.token_urlsafe(32)
    agent = "".join(ch for ch in (user_agent or "") if ch.isprintable())[:USER_AGENT_MAX]
    row = AccountSession(
        account_id=account.id,
        key_hash=_hash(key),
        created_at=now,
        expires_at=now + dt.timedelta(hours=SESSION_HOURS),
        user_agent=agent or None,
    )
    session.add(row)
    await session.flush()
    return OpenedSession(row, key)


async def account_principal(session: AsyncSession, account: Account) -> Principal:
    code = None
    scope: frozenset[int] = frozenset()
    if account.jurisdiction_id is not None:
        code = await session.scalar(
            select(Jurisdiction.code).where(Jurisdiction.id == account.jurisdiction_id)
        )
        territories = await session.scalars(
            select(Jurisdiction.id).where(Jurisdiction.parent_id == account.jurisdiction_id)
        )
        scope = frozenset({account.jurisdiction_id, *territories})
    return Principal(
        role=account.role,
        name=account.name,
        account_id=account.id,
        jurisdiction_code=code,
        scope=scope,
    )


async def session_principal(
    session: AsyncSession, key: str, now: dt.datetime
) -> tuple[Principal, AccountSession]:
    """The principal of a cookie's session key; Unauthenticated when the session is
    unknown, ended, expired, or its account disabled. Only reads."""
    row = await session.scalar(select(AccountSession).where(AccountSession.key_hash == _hash(key)))
    if row is None or row.revoked_at is not None or _aware(row.expires_at) <= now:
        raise Unauthenticated("the session has ended: sign in again")
    account = await session.get(Account, row.account_id)
    if account is None or account.disabled_at is not None:
        raise Unauthenticated("the account is disabled")
    return await account_principal(session, account), row


async def list_sessions(
    session: AsyncSession, principal: Principal, now: dt.datetime | None = None
) -> Sequence[AccountSession]:
    """The principal's own sessions still open, newest first."""
    if principal.account_id is None:
        raise Unauthenticated("only a person signed in with an account has sessions")
    now = now or utcnow()
    statement = (
        select(AccountSession)
        .where(
            AccountSession.account_id == principal.account_id,
            AccountSession.revoked_at.is_(None),
            AccountSession.expires_at > now,
        )
        .order_by(AccountSession.id.desc())
    )
    return (await session.scalars(statement)).all()


async def end_session(
    session: AsyncSession, principal: Principal, session_id: int, now: dt.datetime | None = None
) -> AccountSession:
    """End one of the principal's own sessions (another's is NotFound, never ended)."""
    row = await session.get(AccountSession, session_id)
    if row is None or principal.account_id is None or row.account_id != principal.account_id:
        raise NotFound("session", session_id)
    if row.revoked_at is None:
        row.revoked_at = now or utcnow()
        await session.flush()
    return row


async def end_session_by_key(session: AsyncSession, key: str, now: dt.datetime) -> None:
    """End the session whose cookie carries ``key`` (sign-out); unknown keys change nothing."""
    row = await session.scalar(select(AccountSession).where(AccountSession.key_hash == _hash(key)))
    if row is not None and row.revoked_at is None:
        row.revoked_at = now
        await session.flush()
