"""Factories of people: an account invited and signed up through the services, with its
password and, when asked, its TOTP seed (tests compute codes from it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pyotp
from sqlalchemy.ext.asyncio import AsyncSession

from directory.accounts.models import Account
from directory.accounts.people import accept_invitation, create_account, invite
from directory.accounts.permissions import Principal, Role

PASSWORD = "correct horse battery"
SECRETARIAT = Principal(role=Role.SECRETARIAT, name="unodc")
SEED = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@dataclass(frozen=True)
class Person:
    account: Account
    password: str
    totp: pyotp.TOTP | None

    def code(self, at: dt.datetime) -> str:
        assert self.totp is not None
        return self.totp.at(at)


async def person(
    session: AsyncSession,
    email: str,
    role: Role = Role.STATE_EDITOR,
    jurisdiction: str | None = "FRA",
    *,
    totp: bool | None = None,
    language: str = "en",
    now: dt.datetime | None = None,
) -> Person:
    """An account that has accepted its invitation (TOTP by default for the secretariat)."""
    now = now or dt.datetime.now(dt.UTC)
    account = await create_account(
        session,
        SECRETARIAT,
        name=email.split("@")[0].title(),
        email=email,
        role=role,
        jurisdiction=jurisdiction if role is Role.STATE_EDITOR else None,
        language=language,
    )
    issued = await invite(session, SECRETARIAT, account.id, link_base="http://directory.test")
    with_totp = role is Role.SECRETARIAT if totp is None else totp
    # the code of the step before now: a sign-in at ``now`` can still use the current one
    earlier = now - dt.timedelta(seconds=30)
    await accept_invitation(
        session,
        issued.raw,
        password=PASSWORD,
        repeat=PASSWORD,
        totp_secret=SEED if with_totp else None,
        totp_code=pyotp.TOTP(SEED).at(earlier) if with_totp else None,
        now=now,
    )
    return Person(account, PASSWORD, pyotp.TOTP(SEED) if with_totp else None)
