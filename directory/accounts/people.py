"""People: accounts created by the secretariat, invited to set a password and a second factor.

    create_account(...)      SECRETARIAT: name, e-mail, role, jurisdiction, language
    invite(account_id)       SECRETARIAT: a new single-use link (earlier ones stop working),
                             its e-mail queued in the same transaction
    invitation_account(raw)  whom a link invites (the form says it), or SignInRefused
    accept_invitation(...)   the person sets a password and, for the secretariat always,
                             for everyone else if they wish, a TOTP second factor
    list_accounts            SECRETARIAT

Services flush and never commit: the caller owns the transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from directory.accounts.credentials import check_password, hash_password, totp_step
from directory.accounts.errors import AccountInputError, SignInRefused
from directory.accounts.models import EMAIL_MAX, Account, Invitation
from directory.accounts.permissions import Permission, Principal, Role
from directory.db import utcnow
from directory.mail.models import MailKind
from directory.mail.outbox import enqueue
from directory.treaties.models import Jurisdiction

__all__ = [
    "INVITATION_DAYS",
    "LANGUAGES",
    "IssuedInvitation",
    "accept_invitation",
    "create_account",
    "invitation_account",
    "invite",
    "list_accounts",
    "normalise_email",
]

INVITATION_DAYS = 7
LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")  # the six UN languages, as the pages
NAME_MAX = 200


@dataclass(frozen=True)
class IssuedInvitation:
    """The only moment the link's secret exists: send it, then forget it."""

    invitation: Invitation
    raw: str


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def normalise_email(raw: str, field: str = "email") -> str:
    """The address as stored: checked by email-validator (syntax only, no DNS lookup: the
    secretariat may enter an address of a network it cannot reach), then lower-cased."""
    raw = raw.strip()
    if not raw:
        raise AccountInputError(field, "missing", "the e-mail address is empty")
    if len(raw) > EMAIL_MAX:
        raise AccountInputError(
            field, "too_long", f"the e-mail address has {len(raw)} characters: at most 254"
        )
    try:
        found = validate_email(raw, check_deliverability=False)
    except EmailNotValidError as exc:
        raise AccountInputError(
            field, "bad_email", f"{raw[:60]!r} is not an e-mail address: {exc}", value=raw
        ) from None
    return found.normalized.lower()


def _name(raw: str) -> str:
    name = raw.strip()
    if not name:
        raise AccountInputError("name", "missing", "the name is empty: give the person's name")
    if len(name) > NAME_MAX:
        raise AccountInputError(
            "name", "too_long", f"the name has {len(name)} characters: shorten it to {NAME_MAX}"
        )
    if any(unicodedata.category(ch) in ("Cc", "Cs", "Co") for ch in name):
        raise AccountInputError("name", "control", "the name holds control characters")
    return name


async def create_account(
    session: AsyncSession,
    principal: Principal,
    *,
    name: str,
    email: str,
    role: Role | str,
    jurisdiction: str | None = None,
    language: str = "en",
    now: dt.datetime | None = None,
) -> Account:
    principal.require(Permission.ACCOUNT_MANAGE)
    clean_name = _name(name)
    address = normalise_email(email)
    try:
        role = Role(role)
    except ValueError:
        raise AccountInputError(
            "role",
            "bad_role",
            f"role {str(role)[:40]!r} is not known: PRACTITIONER, STATE_EDITOR or SECRETARIAT",
        ) from None
    if role is Role.PUBLIC:
        raise AccountInputError(
            "role", "bad_role", "PUBLIC needs no account: PRACTITIONER, STATE_EDITOR or SECRETARIAT"
        )
    if language not in LANGUAGES:
        raise AccountInputError(
            "language",
            "bad_language",
            f"language {language[:20]!r} is not one of {', '.join(LANGUAGES)}",
        )
    jurisdiction_id = None
    if role is Role.STATE_EDITOR:
        if not jurisdiction:
            raise AccountInputError(
                "jurisdiction",
                "needs_jurisdiction",
                "a STATE_EDITOR account needs its jurisdiction (alpha-3 code)",
            )
        found = await session.scalar(
            select(Jurisdiction.id).where(Jurisdiction.code == jurisdiction.upper())
        )
        if found is None:
            raise AccountInputError(
                "jurisdiction",
                "bad_code",
                f"jurisdiction {jurisdiction[:40]!r} is not in the directory: give its alpha-3",
                value=jurisdiction,
            )
        jurisdiction_id = found
    elif jurisdiction:
        raise AccountInputError(
            "jurisdiction",
            "no_jurisdiction",
            f"a {role.value} account has no jurisdiction: leave it empty",
        )
    taken = await session.scalar(select(func.count()).where(Account.email == address))
    if taken:
        raise AccountInputError(
            "email", "email_taken", f"an account with {address} exists already: invite it again"
        )
    account = Account(
        name=clean_name,
        email=address,
        role=role,
        jurisdiction_id=jurisdiction_id,
        language=language,
        created_at=now or utcnow(),
    )
    session.add(account)
    await session.flush()
    return account


async def invite(
    session: AsyncSession,
    principal: Principal,
    account_id: int,
    *,
    link_base: str,
    now: dt.datetime | None = None,
) -> IssuedInvitation:
    """A fresh invitation for ``account_id``; earlier unused ones stop working. Its e-mail
    (with ``link_base`` + ``/{lang}/invitation/{secret}``) is queued in this transaction."""
    principal.require(Permission.ACCOUNT_MANAGE)
    now = now or utcnow()
    account = await session.get(Account, account_id)
    if account is None or account.disabled_at is not None:
        raise AccountInputError("account", "missing", f"account {account_id} does not exist")
    await session.execute(
        update(Invitation)
        .where(Invitation.account_id == account.id, Invitation.used_at.is_(None))
        .values(expires_at=now)
    )
    raw = secrets.token_urlsafe(32)
    invitation = Invitation(
        account_id=account.id,
        token_hash=_hash(raw),
        created_at=now,
        expires_at=now + dt.timedelta(days=INVITATION_DAYS),
    )
    session.add(invitation)
    link = f"{link_base.rstrip('/')}/{account.language}/invitation/{raw}"
    enqueue(
        session,
        MailKind.INVITATION,
        [(account.email, account.language)],
        {
            "name": account.name,
            "link": link,
            "role": account.role.value,
            "expires_on": invitation.expires_at.date().isoformat(),
        },
        now=now,
    )
    await session.flush()
    return IssuedInvitation(invitation, raw)


async def _open_invitation(
    session: AsyncSession, raw: str, now: dt.datetime, *, lock: bool = False
) -> tuple[Invitation, Account]:
    if not raw or len(raw) > 100:
        raise SignInRefused("invitation_unknown", "this invitation link is not known")
    statement = select(Invitation).where(Invitation.token_hash == _hash(raw))
    invitation = await session.scalar(statement.with_for_update() if lock else statement)
    if invitation is None:
        raise SignInRefused("invitation_unknown", "this invitation link is not known")
    if invitation.used_at is not None:
        raise SignInRefused("invitation_used", "this invitation link was used already")
    expires = invitation.expires_at
    if (expires if expires.tzinfo else expires.replace(tzinfo=dt.UTC)) <= now:
        raise SignInRefused("invitation_expired", "this invitation link has expired")
    account = await session.get(Account, invitation.account_id)
    if account is None or account.disabled_at is not None:
        raise SignInRefused("invitation_unknown", "this invitation link is not known")
    return invitation, account


async def invitation_account(session: AsyncSession, raw: str, now: dt.datetime) -> Account:
    """The account ``raw`` invites, if the link may still be used (only reads)."""
    return (await _open_invitation(session, raw, now))[1]


async def accept_invitation(
    session: AsyncSession,
    raw: str,
    *,
    password: str,
    repeat: str,
    totp_secret: str | None,
    totp_code: str | None,
    now: dt.datetime | None = None,
) -> Account:
    """Set the invited account's password (and its second factor), and use the link up.
    ``totp_secret`` is the one the form showed; with ``totp_code`` it is kept, without a
    code the second factor is skipped, which the secretariat may not do."""
    now = now or utcnow()
    invitation, account = await _open_invitation(session, raw, now, lock=True)
    check_password(password, email=account.email)
    if password != repeat:
        raise AccountInputError("repeat", "password_mismatch", "the two passwords differ")
    code = (totp_code or "").strip()
    if code and totp_secret:
        step = totp_step(totp_secret, code, now, None)
        if step is None:
            raise AccountInputError(
                "code", "totp_wrong", "the code does not match: check the app's clock and retry"
            )
        account.totp_secret = totp_secret
        account.totp_last_step = step
    elif account.role is Role.SECRETARIAT:
        raise AccountInputError(
            "code",
            "totp_required",
            "the secretariat signs in with a second factor: enter the app's 6-digit code",
        )
    account.password_hash = hash_password(password)
    invitation.used_at = now
    await session.flush()
    return account


async def list_accounts(session: AsyncSession, principal: Principal) -> Sequence[Account]:
    principal.require(Permission.ACCOUNT_MANAGE)
    return (await session.scalars(select(Account).order_by(Account.id))).all()
