"""Accounts: created by the secretariat, invited once, a password and a second factor set."""

from __future__ import annotations

import datetime as dt

import pyotp
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.accounts.errors import AccountInputError, SignInRefused
from directory.accounts.people import accept_invitation, create_account, invite, list_accounts
from directory.accounts.permissions import Principal, Role
from directory.errors import PermissionDenied
from directory.mail.models import MailKind, OutboxMail
from tests.accounts.people import PASSWORD, SECRETARIAT, SEED
from tests.editing.factories import World

NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


async def _invited(session: AsyncSession, role: Role = Role.STATE_EDITOR) -> tuple[int, str]:
    account = await create_account(
        session,
        SECRETARIAT,
        name="Amélie Durand",
        email="Amelie.Durand@Justice.Example",
        role=role,
        jurisdiction="fra" if role is Role.STATE_EDITOR else None,
        language="fr",
    )
    issued = await invite(session, SECRETARIAT, account.id, link_base="https://d.example/", now=NOW)
    return account.id, issued.raw


async def test_an_invitation_is_queued_as_mail_in_the_same_transaction(
    session: AsyncSession, world: World
) -> None:
    # given an account created and invited
    account_id, raw = await _invited(session)
    # then its e-mail is normalised and the message waits in the outbox, in its language
    mail = await session.scalar(select(OutboxMail).where(OutboxMail.kind == MailKind.INVITATION))
    assert mail is not None
    assert mail.recipient == "amelie.durand@justice.example"
    assert mail.language == "fr"
    assert mail.params["link"] == f"https://d.example/fr/invitation/{raw}"
    assert mail.params["expires_on"] == "2026-03-08"
    assert [a.id for a in await list_accounts(session, SECRETARIAT)] == [account_id]


async def test_the_link_sets_a_password_once(session: AsyncSession, world: World) -> None:
    account_id, raw = await _invited(session)
    account = await accept_invitation(
        session, raw, password=PASSWORD, repeat=PASSWORD, totp_secret=None, totp_code=None, now=NOW
    )
    assert account.id == account_id and account.password_hash.startswith("$argon2id$")
    assert PASSWORD not in account.password_hash
    with pytest.raises(SignInRefused) as used:
        await accept_invitation(
            session,
            raw,
            password=PASSWORD,
            repeat=PASSWORD,
            totp_secret=None,
            totp_code=None,
            now=NOW,
        )
    assert used.value.code == "invitation_used"


async def test_a_new_invitation_ends_the_earlier_one_and_links_expire(
    session: AsyncSession, world: World
) -> None:
    account_id, first = await _invited(session)
    second = (await invite(session, SECRETARIAT, account_id, link_base="x", now=NOW)).raw
    for raw, code, when in (
        (first, "invitation_expired", NOW),
        (second, "invitation_expired", NOW + dt.timedelta(days=8)),
        ("forged", "invitation_unknown", NOW),
        ("x" * 5000, "invitation_unknown", NOW),
    ):
        with pytest.raises(SignInRefused) as refused:
            await accept_invitation(
                session,
                raw,
                password=PASSWORD,
                repeat=PASSWORD,
                totp_secret=None,
                totp_code=None,
                now=when,
            )
        assert refused.value.code == code


async def test_the_secretariat_must_set_a_second_factor(
    session: AsyncSession, world: World
) -> None:
    _, raw = await _invited(session, Role.SECRETARIAT)
    with pytest.raises(AccountInputError) as refused:
        await accept_invitation(
            session,
            raw,
            password=PASSWORD,
            repeat=PASSWORD,
            totp_secret=SEED,
            totp_code="",
            now=NOW,
        )
    assert refused.value.code == "totp_required"
    with pytest.raises(AccountInputError) as wrong:
        await accept_invitation(
            session,
            raw,
            password=PASSWORD,
            repeat=PASSWORD,
            totp_secret=SEED,
            totp_code="000000" if pyotp.TOTP(SEED).at(NOW) != "000000" else "111111",
            now=NOW,
        )
    assert wrong.value.code == "totp_wrong"
    account = await accept_invitation(
        session,
        raw,
        password=PASSWORD,
        repeat=PASSWORD,
        totp_secret=SEED,
        totp_code=pyotp.TOTP(SEED).at(NOW),
        now=NOW,
    )
    assert account.totp_secret == SEED and account.totp_last_step is not None


@pytest.mark.parametrize(
    ("password", "repeat", "code"),
    [
        ("short", "short", "password_short"),
        ("x" * 129, "x" * 129, "too_long"),
        ("twelve chars\x00!", "twelve chars\x00!", "control"),
        ("amelie.durand@justice.example", "amelie.durand@justice.example", "password_is_email"),
        (PASSWORD, PASSWORD + "!", "password_mismatch"),
    ],
)
async def test_passwords_that_are_refused(
    session: AsyncSession, world: World, password: str, repeat: str, code: str
) -> None:
    _, raw = await _invited(session)
    with pytest.raises(AccountInputError) as refused:
        await accept_invitation(
            session,
            raw,
            password=password,
            repeat=repeat,
            totp_secret=None,
            totp_code=None,
            now=NOW,
        )
    assert refused.value.code == code


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"name": " "}, "name", "missing"),
        ({"name": "n" * 201}, "name", "too_long"),
        ({"name": "Bad\x1bName"}, "name", "control"),
        ({"email": "not-an-address"}, "email", "bad_email"),
        ({"email": "a@b\x00.example"}, "email", "bad_email"),
        ({"email": "a" * 250 + "@x.example"}, "email", "too_long"),
        ({"role": "ROOT"}, "role", "bad_role"),
        ({"role": "PUBLIC"}, "role", "bad_role"),
        ({"jurisdiction": None}, "jurisdiction", "needs_jurisdiction"),
        ({"jurisdiction": "ZZZ"}, "jurisdiction", "bad_code"),
        ({"role": "PRACTITIONER"}, "jurisdiction", "no_jurisdiction"),
        ({"language": "de"}, "language", "bad_language"),
    ],
)
async def test_account_fields_that_are_refused(
    session: AsyncSession, world: World, fields: dict[str, str | None], field: str, code: str
) -> None:
    base: dict[str, str | None] = {
        "name": "Jo",
        "email": "jo@example.org",
        "role": "STATE_EDITOR",
        "jurisdiction": "FRA",
        "language": "en",
    }
    values = {**base, **fields}
    with pytest.raises(AccountInputError) as refused:
        await create_account(session, SECRETARIAT, **values)  # type: ignore[arg-type]
    assert (refused.value.name, refused.value.code) == (field, code)


async def test_an_address_is_taken_once_whatever_its_case(
    session: AsyncSession, world: World
) -> None:
    await _invited(session)
    with pytest.raises(AccountInputError) as taken:
        await create_account(
            session,
            SECRETARIAT,
            name="Other",
            email="AMELIE.durand@justice.example",
            role=Role.PRACTITIONER,
        )
    assert taken.value.code == "email_taken"


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.STATE_EDITOR])
async def test_only_the_secretariat_manages_accounts(
    session: AsyncSession, world: World, role: Role
) -> None:
    caller = Principal(role=role, name="x", scope=frozenset({world.fra.id}))
    with pytest.raises(PermissionDenied):
        await create_account(
            session, caller, name="Jo", email="jo@example.org", role=Role.PRACTITIONER
        )
