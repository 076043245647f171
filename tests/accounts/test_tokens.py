"""API tokens: shown once, stored as a hash, refused when bad, expired or revoked."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from directory.accounts import cli
from directory.accounts.models import ApiToken
from directory.accounts.permissions import Role
from directory.accounts.tokens import (
    MAX_EXPIRES_IN_DAYS,
    authenticate,
    create_token,
    last_use_due,
    list_tokens,
    record_use,
    revoke_token,
    valid_token,
)
from directory.errors import InvalidInput, NotFound, PermissionDenied, Unauthenticated
from tests.editing.factories import World

NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


async def test_a_token_is_shown_once_and_stored_only_as_its_hash(
    session: AsyncSession, world: World
) -> None:
    issued = await create_token(
        session,
        world.secretariat,
        name="FRA focal point",
        role=Role.STATE_EDITOR,
        jurisdiction="fra",
    )
    assert issued.raw.startswith("dcna_") and len(issued.raw) >= 5 + 43  # 256 bits
    row = await session.scalar(select(ApiToken).where(ApiToken.id == issued.token.id))
    assert row.token_hash == hashlib.sha256(issued.raw.encode()).hexdigest()
    assert issued.raw not in {row.prefix, row.name, row.token_hash}
    assert issued.raw.startswith(row.prefix)


async def test_an_editor_token_authenticates_to_its_state_and_territories(
    session: AsyncSession, world: World
) -> None:
    issued = await create_token(
        session, world.secretariat, name="CHN", role=Role.STATE_EDITOR, jurisdiction="CHN"
    )
    principal = await authenticate(session, issued.raw, NOW)
    assert principal.role is Role.STATE_EDITOR
    assert principal.jurisdiction_code == "CHN"
    assert {world.chn.id, world.hkg.id} <= principal.scope
    assert world.fra.id not in principal.scope
    assert principal.token_id == issued.token.id


async def _last_used(session: AsyncSession, token_id: int) -> dt.datetime | None:
    return await session.scalar(
        select(ApiToken.last_used_at)
        .where(ApiToken.id == token_id)
        .execution_options(populate_existing=True)
    )


async def test_authentication_only_reads_and_the_last_use_is_recorded_apart(
    session: AsyncSession, world: World
) -> None:
    issued = await create_token(session, world.secretariat, name="p", role=Role.PRACTITIONER)
    token_id = issued.token.id
    await authenticate(session, issued.raw, NOW)
    assert await _last_used(session, token_id) is None  # authenticating wrote nothing
    token = await valid_token(session, issued.raw, NOW)
    assert last_use_due(token, NOW)

    await record_use(session, token_id, NOW)
    assert await _last_used(session, token_id) == NOW
    token = await valid_token(session, issued.raw, NOW + dt.timedelta(seconds=30))
    assert not last_use_due(token, NOW + dt.timedelta(seconds=30))
    # a write within the precision is skipped (a concurrent request already wrote it)
    await record_use(session, token_id, NOW + dt.timedelta(seconds=30))
    assert await _last_used(session, token_id) == NOW
    later = NOW + dt.timedelta(hours=2)
    await record_use(session, token_id, later)
    assert await _last_used(session, token_id) == later


@pytest.mark.parametrize("raw", ["", "Bearer x", "dcna_not-a-real-token", "ghp_abcdef"])
async def test_an_unknown_token_is_unauthenticated(
    session: AsyncSession, world: World, raw: str
) -> None:
    with pytest.raises(Unauthenticated):
        await authenticate(session, raw, NOW)


async def test_an_expired_token_is_unauthenticated(session: AsyncSession, world: World) -> None:
    issued = await create_token(
        session, world.secretariat, name="p", role=Role.PRACTITIONER, expires_in_days=30, now=NOW
    )
    await authenticate(session, issued.raw, NOW + dt.timedelta(days=29))
    with pytest.raises(Unauthenticated, match="expired"):
        await authenticate(session, issued.raw, NOW + dt.timedelta(days=30))


async def test_a_revoked_token_is_unauthenticated(session: AsyncSession, world: World) -> None:
    issued = await create_token(session, world.secretariat, name="p", role=Role.SECRETARIAT)
    await revoke_token(session, world.secretariat, issued.token.id)
    with pytest.raises(Unauthenticated, match="revoked"):
        await authenticate(session, issued.raw, NOW)


async def test_only_the_secretariat_manages_tokens(session: AsyncSession, world: World) -> None:
    for principal in (world.public, world.practitioner, world.editor_fra):
        # the public has no credentials at all: Unauthenticated, the others PermissionDenied
        refused = Unauthenticated if principal is world.public else PermissionDenied
        with pytest.raises(refused, match="directory:token:manage"):
            await create_token(session, principal, name="x", role=Role.PRACTITIONER)
        with pytest.raises(refused):
            await list_tokens(session, principal)
        with pytest.raises(refused):
            await revoke_token(session, principal, 1)


@pytest.mark.parametrize(
    ("role", "jurisdiction", "field"),
    [
        (Role.STATE_EDITOR, None, "jurisdiction"),
        (Role.PRACTITIONER, "FRA", "jurisdiction"),
        (Role.PUBLIC, None, "role"),
    ],
)
async def test_token_arguments_are_checked(
    session: AsyncSession, world: World, role: Role, jurisdiction: str | None, field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        await create_token(
            session, world.secretariat, name="x", role=role, jurisdiction=jurisdiction
        )
    assert caught.value.field == [field]


async def test_an_unknown_jurisdiction_or_token_id_is_not_found(
    session: AsyncSession, world: World
) -> None:
    with pytest.raises(NotFound):
        await create_token(
            session, world.secretariat, name="x", role=Role.STATE_EDITOR, jurisdiction="QQQ"
        )
    with pytest.raises(NotFound):
        await revoke_token(session, world.secretariat, 10**9)


async def test_the_cli_creates_lists_and_revokes(
    sessionmaker: async_sessionmaker[AsyncSession], session: AsyncSession, world: World
) -> None:
    parser = argparse.ArgumentParser()
    cli.add_token_commands(parser.add_subparsers(dest="command"))
    out = io.StringIO()
    args = parser.parse_args(
        ["token", "create", "--role", "STATE_EDITOR", "--jurisdiction", "FRA", "--name", "focal"]
    )
    assert await args.handler(args, sessionmaker, out) == 0
    raw = out.getvalue().strip()
    assert raw.startswith("dcna_")
    principal = await authenticate(session, raw, NOW)
    assert principal.jurisdiction_code == "FRA"

    out = io.StringIO()
    args = parser.parse_args(["token", "list"])
    assert await args.handler(args, sessionmaker, out) == 0
    assert raw not in out.getvalue()
    assert "\tSTATE_EDITOR\tFRA\tfocal\t" in out.getvalue()  # the State by its code

    args = parser.parse_args(["token", "revoke", str(principal.token_id)])
    assert await args.handler(args, sessionmaker, io.StringIO()) == 0
    with pytest.raises(Unauthenticated):
        await authenticate(session, raw, NOW)


@pytest.mark.parametrize(
    ("option", "value", "field", "says"),
    [
        ("--name", "x" * 201, "name", "201 characters: shorten it to 200"),
        ("--expires-in-days", str(10**9), "expires_in_days", "1 to 3650"),
        ("--expires-in-days", str(MAX_EXPIRES_IN_DAYS + 1), "expires_in_days", "1 to 3650"),
        ("--expires-in-days", "0", "expires_in_days", "1 to 3650"),
    ],
)
async def test_the_cli_refuses_a_name_or_a_lifetime_out_of_bounds(
    sessionmaker: async_sessionmaker[AsyncSession],
    session: AsyncSession,
    world: World,
    option: str,
    value: str,
    field: str,
    says: str,
) -> None:
    # Both engines give the same answer: before, PostgreSQL refused a long name with a
    # database error and a huge lifetime overflowed the date arithmetic.
    parser = argparse.ArgumentParser()
    cli.add_token_commands(parser.add_subparsers(dest="command"))
    argv = ["token", "create", "--role", "PRACTITIONER", "--name", "tool", option, value]
    args = parser.parse_args(argv)
    before = await session.scalar(select(func.count()).select_from(ApiToken))
    with pytest.raises(InvalidInput) as caught:
        await args.handler(args, sessionmaker, io.StringIO())
    assert caught.value.field == [field]
    assert says in caught.value.message and str(len(value) if field == "name" else value) in (
        caught.value.message
    )
    assert await session.scalar(select(func.count()).select_from(ApiToken)) == before


async def test_the_longest_name_and_lifetime_are_accepted(
    session: AsyncSession, world: World
) -> None:
    issued = await create_token(
        session,
        world.secretariat,
        name="n" * 200,
        role=Role.PRACTITIONER,
        expires_in_days=MAX_EXPIRES_IN_DAYS,
        now=NOW,
    )
    assert issued.token.expires_at == NOW + dt.timedelta(days=MAX_EXPIRES_IN_DAYS)
