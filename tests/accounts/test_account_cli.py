"""``directory account create | invite | list``: the first secretariat account, from the shell."""

from __future__ import annotations

import argparse
import io

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from directory.accounts import cli
from directory.accounts.errors import AccountInputError
from directory.accounts.people import invitation_account
from directory.db import utcnow
from directory.mail.models import MailKind, OutboxMail
from tests.editing.factories import World


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser()
    cli.add_account_commands(parser.add_subparsers(dest="command"))
    return parser


async def test_the_first_secretariat_account_is_created_and_invited(
    sessionmaker: async_sessionmaker[AsyncSession], session: AsyncSession, world: World
) -> None:
    argv = ["account", "create", "--name", "Head of Unit", "--email", "Head@UNODC.example"]
    args = _parser().parse_args([*argv, "--role", "SECRETARIAT", "--language", "ru"])
    args.public_url = "https://directory.example.org"
    out = io.StringIO()
    assert await args.handler(args, sessionmaker, out) == 0
    link = out.getvalue().strip()
    assert link.startswith("https://directory.example.org/ru/invitation/")
    account = await invitation_account(session, link.rsplit("/", 1)[1], utcnow())
    assert account.email == "head@unodc.example"
    mail = await session.scalar(select(OutboxMail).where(OutboxMail.kind == MailKind.INVITATION))
    assert mail is not None and mail.params["link"] == link and mail.language == "ru"

    again = _parser().parse_args(["account", "invite", "HEAD@unodc.example"])
    out = io.StringIO()
    assert await again.handler(again, sessionmaker, out) == 0
    assert out.getvalue().strip() != link

    listing = _parser().parse_args(["account", "list"])
    out = io.StringIO()
    assert await listing.handler(listing, sessionmaker, out) == 0
    assert "\tSECRETARIAT\t-\thead@unodc.example\tHead of Unit\tinvited\tno" in out.getvalue()


async def test_a_bad_address_is_refused_with_its_reason(
    sessionmaker: async_sessionmaker[AsyncSession], world: World
) -> None:
    args = _parser().parse_args(
        ["account", "create", "--name", "X", "--email", "not-mail", "--role", "PRACTITIONER"]
    )
    with pytest.raises(AccountInputError) as refused:
        await args.handler(args, sessionmaker, io.StringIO())
    assert refused.value.code == "bad_email" and "not-mail" in refused.value.message
