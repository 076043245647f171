"""Signing in as a person: one refusal for every wrong credential, codes used once, sessions
listed and ended by their owner, tokens owned by the person, revisions naming them."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.accounts.errors import SignInRefused
from directory.accounts.permissions import Role
from directory.accounts.sessions import (
    account_principal,
    check_sign_in,
    end_session,
    list_sessions,
    open_session,
    session_principal,
)
from directory.accounts.tokens import authenticate, create_own_token, own_tokens, revoke_own_token
from directory.audit.models import Revision
from directory.editing.freshness import confirm_entries
from directory.errors import NotFound, Unauthenticated
from tests.accounts.people import person
from tests.editing.factories import World

NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


async def test_a_focal_point_signs_in_and_its_session_names_it(
    session: AsyncSession, world: World
) -> None:
    focal = await person(session, "focal@fra.example", now=NOW)
    account = await check_sign_in(session, "FOCAL@fra.example ", focal.password, None, NOW)
    opened = await open_session(session, account, user_agent="Firefox\x00", now=NOW)
    principal, row = await session_principal(session, opened.key, NOW)
    assert principal.role is Role.STATE_EDITOR and principal.jurisdiction_code == "FRA"
    assert principal.account_id == account.id and row.user_agent == "Firefox"
    assert principal.actor == f"state_editor:Focal (account {account.id})"
    assert opened.key not in row.key_hash


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("nobody@fra.example", "correct horse battery"),
        ("focal@fra.example", "wrong horse battery"),
        ("focal@fra.example", ""),
        ("", ""),
        ("x" * 1000, "y" * 1000),
    ],
)
async def test_every_wrong_credential_gets_the_same_refusal(
    session: AsyncSession, world: World, email: str, password: str
) -> None:
    await person(session, "focal@fra.example", now=NOW)
    with pytest.raises(SignInRefused) as refused:
        await check_sign_in(session, email, password, None, NOW)
    assert refused.value.code == "credentials"
    assert str(refused.value) == "wrong e-mail address, password or code"


async def test_a_second_factor_code_is_needed_and_used_once(
    session: AsyncSession, world: World
) -> None:
    staff = await person(session, "staff@unodc.example", Role.SECRETARIAT, None, now=NOW)
    with pytest.raises(SignInRefused):
        await check_sign_in(session, "staff@unodc.example", staff.password, None, NOW)
    with pytest.raises(SignInRefused):
        await check_sign_in(session, "staff@unodc.example", staff.password, "12345x", NOW)
    code = staff.code(NOW)
    await check_sign_in(session, "staff@unodc.example", staff.password, code, NOW)
    with pytest.raises(SignInRefused):  # the same code again: a replay
        await check_sign_in(session, "staff@unodc.example", staff.password, code, NOW)


async def test_sessions_are_listed_and_ended_by_their_owner_only(
    session: AsyncSession, world: World
) -> None:
    focal = await person(session, "focal@fra.example", now=NOW)
    other = await person(session, "other@fra.example", now=NOW)
    mine = await open_session(session, focal.account, now=NOW)
    theirs = await open_session(session, other.account, now=NOW)
    me = await account_principal(session, focal.account)
    assert [s.id for s in await list_sessions(session, me, NOW)] == [mine.row.id]
    with pytest.raises(NotFound):
        await end_session(session, me, theirs.row.id, NOW)
    await end_session(session, me, mine.row.id, NOW)
    with pytest.raises(Unauthenticated):
        await session_principal(session, mine.key, NOW)
    await session_principal(session, theirs.key, NOW)  # untouched
    with pytest.raises(Unauthenticated):  # over after its eight hours
        await session_principal(session, theirs.key, NOW + dt.timedelta(hours=8))


async def test_a_token_created_by_a_person_names_them_in_revisions(
    session: AsyncSession, world: World
) -> None:
    # given a focal point who creates a token for a script
    focal = await person(session, "focal@fra.example", now=NOW)
    me = await account_principal(session, focal.account)
    issued = await create_own_token(session, me, name="nightly check", now=NOW)
    assert issued.token.role is Role.STATE_EDITOR and issued.token.account_id == focal.account.id
    assert [t.id for t in await own_tokens(session, me)] == [issued.token.id]
    # when the script confirms the State's entries with it
    principal = await authenticate(session, issued.raw, NOW)
    await confirm_entries(session, principal, "FRA", now=NOW)
    # then the revision names the person, not only the token
    revision = await session.scalar(select(Revision).order_by(Revision.id.desc()).limit(1))
    assert revision is not None
    assert revision.account_id == focal.account.id and revision.token_id == issued.token.id
    assert revision.actor == f"state_editor:Focal (account {focal.account.id})"
    # and only its owner revokes it
    other = await account_principal(session, (await person(session, "o@fra.example")).account)
    with pytest.raises(NotFound):
        await revoke_own_token(session, other, issued.token.id)
    await revoke_own_token(session, me, issued.token.id)
    with pytest.raises(Unauthenticated):
        await authenticate(session, issued.raw, NOW)


async def test_a_disabled_account_ends_its_sessions_and_tokens(
    session: AsyncSession, world: World
) -> None:
    focal = await person(session, "focal@fra.example", now=NOW)
    opened = await open_session(session, focal.account, now=NOW)
    me = await account_principal(session, focal.account)
    issued = await create_own_token(session, me, name="script", now=NOW)
    focal.account.disabled_at = NOW
    await session.flush()
    with pytest.raises(Unauthenticated):
        await session_principal(session, opened.key, NOW)
    with pytest.raises(Unauthenticated):
        await authenticate(session, issued.raw, NOW)
    with pytest.raises(SignInRefused):
        await check_sign_in(session, "focal@fra.example", focal.password, None, NOW)
