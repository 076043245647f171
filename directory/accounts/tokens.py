"""API tokens: created once and shown once, stored only as a SHA-256 hash.

A token is ``dcna_`` followed by 32 bytes from ``secrets`` (256 bits) in URL-safe base64.
The prefix lets secret scanners and people recognise a leaked token; the first characters
are kept in clear (``prefix``) so ``token list`` can tell tokens apart.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from directory.accounts.models import Account, ApiToken
from directory.accounts.permissions import Permission, Principal, Role
from directory.db import utcnow
from directory.errors import InvalidInput, NotFound, Unauthenticated
from directory.hygiene import rule_of
from directory.treaties.models import Jurisdiction

TOKEN_PREFIX = "dcna_"
_SHOWN = len(TOKEN_PREFIX) + 6
# Recording every use would turn each read into a write; a minute is precise enough to
# tell a live token from a forgotten one.
LAST_USED_PRECISION = dt.timedelta(minutes=1)
# The longest life a token may be given: ten years is already longer than any mandate.
MAX_EXPIRES_IN_DAYS = 3650
NAME_MAX = rule_of(ApiToken.__table__.c.name).limit  # 200, read from the String(n) column


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    """The only moment the raw token exists: print it, then forget it."""

    token: ApiToken
    raw: str


async def _jurisdiction(session: AsyncSession, code: str) -> Jurisdiction:
    found = await session.scalar(select(Jurisdiction).where(Jurisdiction.code == code.upper()))
    if found is None:
        raise NotFound("jurisdiction", code)
    return found


async def create_token(
    session: AsyncSession,
    principal: Principal,
    *,
    name: str,
    role: Role,
    jurisdiction: str | None = None,
    expires_in_days: int | None = None,
    now: dt.datetime | None = None,
) -> IssuedToken:
    principal.require(Permission.TOKEN_MANAGE)
    now = now or utcnow()
    role = Role(role)
    if role is Role.PUBLIC:
        raise InvalidInput(
            "role PUBLIC needs no token: choose PRACTITIONER, STATE_EDITOR or SECRETARIAT",
            field=["role"],
            value=role,
        )
    if not name.strip():
        raise InvalidInput("token name is empty: name the person or tool", field=["name"])
    if len(name.strip()) > NAME_MAX:
        raise InvalidInput(
            f"token name has {len(name.strip())} characters: shorten it to {NAME_MAX}",
            field=["name"],
            value=name,
        )
    if (role is Role.STATE_EDITOR) != (jurisdiction is not None):
        raise InvalidInput(
            "a STATE_EDITOR token needs --jurisdiction (alpha-3) and other roles take none",
            field=["jurisdiction"],
            value=jurisdiction,
        )
    if expires_in_days is not None and not 1 <= expires_in_days <= MAX_EXPIRES_IN_DAYS:
        raise InvalidInput(
            f"expires in {expires_in_days} days: give 1 to {MAX_EXPIRES_IN_DAYS}, "
            "or omit it for no expiry",
            field=["expires_in_days"],
            value=expires_in_days,
        )
    jurisdiction_id = (await _jurisdiction(session, jurisdiction)).id if jurisdiction else None
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        name=name.strip(),
        role=role,
        jurisdiction_id=jurisdiction_id,
        prefix=raw[:_SHOWN],
        token_hash=hash_token(raw),
        created_at=now,
        expires_at=now + dt.timedelta(days=expires_in_days) if expires_in_days else None,
    )
    session.add(token)
    await session.flush()
    return IssuedToken(token=token, raw=raw)


async def create_own_token(
    session: AsyncSession,
    principal: Principal,
    *,
    name: str,
    expires_in_days: int | None = None,
    now: dt.datetime | None = None,
) -> IssuedToken:
    """A token for the signed-in person, with their role and jurisdiction, owned by their
    account: what it writes names them, and it ends when their account is disabled."""
    if principal.account_id is None:
        raise Unauthenticated("only a person signed in with an account creates tokens here")
    account = await session.get(Account, principal.account_id)
    if account is None:
        raise NotFound("account", principal.account_id)
    code = principal.jurisdiction_code
    issuer = Principal(role=Role.SECRETARIAT, name="console")  # the rules, not the power
    issued = await create_token(
        session,
        issuer,
        name=name,
        role=account.role,
        jurisdiction=code if account.role is Role.STATE_EDITOR else None,
        expires_in_days=expires_in_days,
        now=now,
    )
    issued.token.account_id = account.id
    await session.flush()
    return issued


async def own_tokens(session: AsyncSession, principal: Principal) -> Sequence[ApiToken]:
    """The signed-in person's tokens that are not revoked, newest first."""
    if principal.account_id is None:
        return []
    statement = (
        select(ApiToken)
        .where(ApiToken.account_id == principal.account_id, ApiToken.revoked_at.is_(None))
        .order_by(ApiToken.id.desc())
    )
    return (await session.scalars(statement)).all()


async def revoke_own_token(
    session: AsyncSession, principal: Principal, token_id: int, now: dt.datetime | None = None
) -> ApiToken:
    """Revoke one of the person's own tokens (another's is NotFound, never revoked)."""
    token = await session.get(ApiToken, token_id)
    if token is None or principal.account_id is None or token.account_id != principal.account_id:
        raise NotFound("token", token_id)
    if token.revoked_at is None:
        token.revoked_at = now or utcnow()
        await session.flush()
    return token


async def list_tokens(session: AsyncSession, principal: Principal) -> Sequence[ApiToken]:
    principal.require(Permission.TOKEN_MANAGE)
    return (await session.scalars(select(ApiToken).order_by(ApiToken.id))).all()


async def tokens_by_ids(
    session: AsyncSession, principal: Principal, ids: Sequence[int]
) -> Sequence[ApiToken]:
    """The tokens among ``ids`` that ``principal`` may see, in no order: every one for the
    secretariat (it manages them), only its own for any other holder, none for the public.
    A read gate, not a refusal: what the caller may not see is simply absent."""
    if principal.has(Permission.TOKEN_MANAGE):
        wanted = list(ids)
    else:
        wanted = [i for i in ids if principal.token_id is not None and i == principal.token_id]
    if not wanted:
        return []
    return (await session.scalars(select(ApiToken).where(ApiToken.id.in_(wanted)))).all()


async def revoke_token(
    session: AsyncSession, principal: Principal, token_id: int, now: dt.datetime | None = None
) -> ApiToken:
    principal.require(Permission.TOKEN_MANAGE)
    token = await session.get(ApiToken, token_id)
    if token is None:
        raise NotFound("token", token_id)
    if token.revoked_at is None:
        token.revoked_at = now or utcnow()
        await session.flush()
    return token


async def authenticate(session: AsyncSession, raw_token: str, now: dt.datetime) -> Principal:
    """The principal of a bearer token; Unauthenticated for a bad, expired or revoked one.
    Only reads: recording the use is ``record_use``'s job."""
    return await principal_of(session, await valid_token(session, raw_token, now))


async def valid_token(session: AsyncSession, raw_token: str, now: dt.datetime) -> ApiToken:
    """The token row of ``raw_token`` if it may be used at ``now``; Unauthenticated if not."""
    if not raw_token.startswith(TOKEN_PREFIX):
        raise Unauthenticated(
            f"the bearer token is not a directory token (they start with {TOKEN_PREFIX!r}): "
            "send 'Authorization: Bearer dcna_…' with a token from the secretariat"
        )
    digest = hash_token(raw_token)
    token = await session.scalar(select(ApiToken).where(ApiToken.token_hash == digest))
    # The lookup is by hash, so it reveals nothing about the secret; the comparison is
    # constant-time all the same, so no code path depends on how much of it matched.
    if token is None or not hmac.compare_digest(token.token_hash, digest):
        raise Unauthenticated("unknown token: check it was copied whole, or ask for a new one")
    if token.revoked_at is not None:
        raise Unauthenticated(
            f"token {token.prefix}… was revoked: ask the secretariat for a new one"
        )
    if token.expires_at is not None and _aware(token.expires_at) <= now:
        raise Unauthenticated(
            f"token {token.prefix}… expired on {token.expires_at:%Y-%m-%d}: ask for a new one"
        )
    return token


def last_use_due(token: ApiToken, now: dt.datetime) -> bool:
    """Whether ``record_use`` should write ``now`` (at most once per LAST_USED_PRECISION)."""
    return token.last_used_at is None or now - _aware(token.last_used_at) >= LAST_USED_PRECISION


async def record_use(session: AsyncSession, token_id: int, now: dt.datetime) -> None:
    """Set the token's last-used time to ``now`` unless a later or recent one is stored
    (a concurrent request may have written it). Flushes; the caller commits."""
    await session.execute(
        update(ApiToken)
        .where(
            ApiToken.id == token_id,
            or_(
                ApiToken.last_used_at.is_(None), ApiToken.last_used_at <= now - LAST_USED_PRECISION
            ),
        )
        .values(last_used_at=now)
    )


def _aware(value: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes even for timezone=True columns; they were stored UTC.
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


async def principal_of(session: AsyncSession, token: ApiToken) -> Principal:
    """The token's principal; a token an account owns names that person, and ends
    (Unauthenticated) with the account."""
    name = token.name
    if token.account_id is not None:
        owner = await session.get(Account, token.account_id)
        if owner is None or owner.disabled_at is not None:
            raise Unauthenticated(
                f"token {token.prefix}… belongs to a disabled account: ask for a new one"
            )
        name = owner.name
    code = None
    scope: frozenset[int] = frozenset()
    if token.jurisdiction_id is not None:
        code = await session.scalar(
            select(Jurisdiction.code).where(Jurisdiction.id == token.jurisdiction_id)
        )
        territories = await session.scalars(
            select(Jurisdiction.id).where(Jurisdiction.parent_id == token.jurisdiction_id)
        )
        scope = frozenset({token.jurisdiction_id, *territories})
    return Principal(
        role=token.role,
        name=name,
        token_id=token.id,
        account_id=token.account_id,
        jurisdiction_code=code,
        scope=scope,
    )


async def session_principal(session: AsyncSession, token_id: int, now: dt.datetime) -> Principal:
    """The principal of a browser session opened with token ``token_id``: Unauthenticated
    when the token is gone, revoked or expired since (the session ends with its token)."""
    token = await session.get(ApiToken, token_id)
    if token is None or token.revoked_at is not None:
        raise Unauthenticated("the session's token was revoked: sign in again")
    if token.expires_at is not None and _aware(token.expires_at) <= now:
        raise Unauthenticated("the session's token expired: sign in with a new one")
    return await principal_of(session, token)
