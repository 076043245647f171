"""``directory token create | list | revoke`` and ``directory account create | invite | list``:
managing API tokens and people's accounts from the server's shell (the first secretariat
account is created here; later ones from the console too).

Whoever runs the CLI on the server already holds the database, so the commands act as the
secretariat (named ``cli`` in the audit trail). Each handler takes the parsed arguments and
a session factory, runs in one transaction, and returns the exit code.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from directory.accounts.models import Account
from directory.accounts.people import (
    LANGUAGES,
    create_account,
    invite,
    list_accounts,
    normalise_email,
)
from directory.accounts.permissions import Principal, Role
from directory.accounts.tokens import create_token, list_tokens, revoke_token
from directory.config import DEFAULT_PUBLIC_URL
from directory.errors import NotFound
from directory.treaties.models import Jurisdiction

CLI_PRINCIPAL = Principal(role=Role.SECRETARIAT, name="cli")


def add_token_commands(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    token = subparsers.add_parser("token", help="create, list or revoke API tokens")
    sub = token.add_subparsers(dest="token_command", required=True, metavar="ACTION")

    create = sub.add_parser("create", help="create a token and print it (shown once)")
    create.add_argument(
        "--role", required=True, choices=[r.value for r in Role if r is not Role.PUBLIC]
    )
    create.add_argument("--jurisdiction", help="alpha-3 code; required for STATE_EDITOR")
    create.add_argument("--name", required=True, help="who or what uses it")
    create.add_argument("--expires-in-days", type=int, default=None)
    create.set_defaults(handler=run_create)

    sub.add_parser("list", help="list tokens (never their secret)").set_defaults(handler=run_list)

    revoke = sub.add_parser("revoke", help="revoke a token by its id")
    revoke.add_argument("id", type=int)
    revoke.set_defaults(handler=run_revoke)


async def run_create(
    args: argparse.Namespace,
    sessions: async_sessionmaker[AsyncSession],
    out: TextIO = sys.stdout,
) -> int:
    async with sessions() as session, session.begin():
        issued = await create_token(
            session,
            CLI_PRINCIPAL,
            name=args.name,
            role=Role(args.role),
            jurisdiction=args.jurisdiction,
            expires_in_days=args.expires_in_days,
        )
    print(issued.raw, file=out)
    print(
        f"token {issued.token.id} ({issued.token.role.value}"
        f"{' for ' + args.jurisdiction.upper() if args.jurisdiction else ''}) created: "
        "copy it now, it is not stored and cannot be shown again",
        file=sys.stderr,
    )
    return 0


async def run_list(
    args: argparse.Namespace,
    sessions: async_sessionmaker[AsyncSession],
    out: TextIO = sys.stdout,
) -> int:
    async with sessions() as session:
        tokens = await list_tokens(session, CLI_PRINCIPAL)
        ids = {t.jurisdiction_id for t in tokens if t.jurisdiction_id is not None}
        statement = select(Jurisdiction.id, Jurisdiction.code).where(Jurisdiction.id.in_(ids))
        codes = {row.id: row.code for row in await session.execute(statement)}
    print("id\tprefix\trole\tjurisdiction\tname\texpires\trevoked\tlast_used", file=out)
    for t in tokens:
        where = codes.get(t.jurisdiction_id, "-") if t.jurisdiction_id else "-"
        cells = [t.id, t.prefix + "…", t.role.value, where, t.name]
        cells += [_when(t.expires_at), _when(t.revoked_at), _when(t.last_used_at)]
        print("\t".join(str(c) for c in cells), file=out)
    return 0


async def run_revoke(
    args: argparse.Namespace,
    sessions: async_sessionmaker[AsyncSession],
    out: TextIO = sys.stdout,
) -> int:
    async with sessions() as session, session.begin():
        token = await revoke_token(session, CLI_PRINCIPAL, args.id)
    print(f"token {token.id} ({token.prefix}…) revoked", file=out)
    return 0


def _when(value: object) -> str:
    return "-" if value is None else f"{value:%Y-%m-%d %H:%M}"


def add_account_commands(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    account = subparsers.add_parser("account", help="create, invite or list people's accounts")
    sub = account.add_subparsers(dest="account_command", required=True, metavar="ACTION")

    create = sub.add_parser(
        "create", help="create an account and print its invitation link (e-mailed too)"
    )
    create.add_argument("--name", required=True, help="the person's name")
    create.add_argument("--email", required=True)
    create.add_argument(
        "--role", required=True, choices=[r.value for r in Role if r is not Role.PUBLIC]
    )
    create.add_argument("--jurisdiction", help="alpha-3 code; required for STATE_EDITOR")
    create.add_argument("--language", default="en", choices=list(LANGUAGES))
    create.set_defaults(handler=run_account_create)

    invite_cmd = sub.add_parser("invite", help="a new invitation link for an account (by e-mail)")
    invite_cmd.add_argument("email")
    invite_cmd.set_defaults(handler=run_account_invite)

    sub.add_parser("list", help="list accounts").set_defaults(handler=run_account_list)


def _link(args: argparse.Namespace, account: Account, raw: str) -> str:
    base = getattr(args, "public_url", None) or DEFAULT_PUBLIC_URL
    return f"{base}/{account.language}/invitation/{raw}"


async def run_account_create(
    args: argparse.Namespace,
    sessions: async_sessionmaker[AsyncSession],
    out: TextIO = sys.stdout,
) -> int:
    base = getattr(args, "public_url", None) or DEFAULT_PUBLIC_URL
    async with sessions() as session, session.begin():
        account = await create_account(
            session,
            CLI_PRINCIPAL,
            name=args.name,
            email=args.email,
            role=Role(args.role),
            jurisdiction=args.jurisdiction,
            language=args.language,
        )
        issued = await invite(session, CLI_PRINCIPAL, account.id, link_base=base)
    print(_link(args, account, issued.raw), file=out)
    print(
        f"account {account.id} ({account.role.value}, {account.email}) created; the link "
        f"above sets its password, once, until {issued.invitation.expires_at:%Y-%m-%d}, and "
        "was queued for e-mail (`directory mail deliver`)",
        file=sys.stderr,
    )
    return 0


async def run_account_invite(
    args: argparse.Namespace,
    sessions: async_sessionmaker[AsyncSession],
    out: TextIO = sys.stdout,
) -> int:
    base = getattr(args, "public_url", None) or DEFAULT_PUBLIC_URL
    address = normalise_email(args.email)
    async with sessions() as session, session.begin():
        account = await session.scalar(select(Account).where(Account.email == address))
        if account is None:
            raise NotFound("account", address)
        issued = await invite(session, CLI_PRINCIPAL, account.id, link_base=base)
    print(_link(args, account, issued.raw), file=out)
    return 0


async def run_account_list(
    args: argparse.Namespace,
    sessions: async_sessionmaker[AsyncSession],
    out: TextIO = sys.stdout,
) -> int:
    async with sessions() as session:
        accounts = await list_accounts(session, CLI_PRINCIPAL)
        ids = {a.jurisdiction_id for a in accounts if a.jurisdiction_id is not None}
        statement = select(Jurisdiction.id, Jurisdiction.code).where(Jurisdiction.id.in_(ids))
        codes = {row.id: row.code for row in await session.execute(statement)}
    print("id\trole\tjurisdiction\temail\tname\tstatus\tsecond_factor", file=out)
    for a in accounts:
        status = "disabled" if a.disabled_at else "active" if a.password_hash else "invited"
        cells = [a.id, a.role.value, codes.get(a.jurisdiction_id or 0, "-"), a.email, a.name]
        cells += [status, "yes" if a.totp_secret else "no"]
        print("\t".join(str(c) for c in cells), file=out)
    return 0
