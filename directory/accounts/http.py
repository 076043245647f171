"""From an HTTP ``Authorization`` header to a ``Principal`` (used by the API's context).

Authentication only reads. Recording the token's last use is a write, done apart (see
``record_last_use``) so that an authenticated read never waits for, nor fails on, the
database's write lock.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from directory.accounts.permissions import ANONYMOUS, Principal
from directory.accounts.tokens import last_use_due, principal_of, record_use, valid_token
from directory.db import WRITES, SerialSession
from directory.errors import ServiceUnavailable, Unauthenticated

log = logging.getLogger(__name__)

# How long the last-used write may wait for a PostgreSQL row lock on the token before it
# gives up (SQLite waits its busy_timeout): the request is served either way.
LAST_USE_LOCK_TIMEOUT_MS = 1000


@dataclass(frozen=True)
class Authentication:
    """Who calls, and whether their token's last-used time should be written now."""

    principal: Principal
    last_use_due: bool = False


async def authenticate_header(
    session: AsyncSession, authorization: str | None, now: dt.datetime
) -> Authentication:
    """ANONYMOUS without a header; the token's principal with ``Bearer <token>``;
    Unauthenticated for any other header or a bad, expired or revoked token. Only reads."""
    if not authorization:
        return Authentication(ANONYMOUS)
    scheme, _, raw = authorization.partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        raise Unauthenticated(
            "the Authorization header is not 'Bearer <token>': send "
            "'Authorization: Bearer dcna_…' or no header at all for public data"
        )
    token = await valid_token(session, raw.strip(), now)
    return Authentication(await principal_of(session, token), last_use_due(token, now))


async def principal_from_header(
    session: AsyncSession, authorization: str | None, now: dt.datetime
) -> Principal:
    """``authenticate_header`` without the last-use flag."""
    return (await authenticate_header(session, authorization, now)).principal


async def record_last_use(
    sessionmaker: async_sessionmaker[SerialSession], principal: Principal, now: dt.datetime
) -> bool:
    """Write the token's last-used time in a short transaction of its own; True if it was
    written. A failure (the write lock or the row is held by a long writer) is logged and
    swallowed: the last-used time is bookkeeping, and the request must be served anyway."""
    if principal.token_id is None:
        return False
    try:
        async with sessionmaker(execution_options={WRITES: True}) as session:
            if session.get_bind().dialect.name == "postgresql":
                await session.execute(
                    text(f"SET LOCAL lock_timeout = {int(LAST_USE_LOCK_TIMEOUT_MS)}")
                )
            await record_use(session, principal.token_id, now)
            await session.commit()
    except (SQLAlchemyError, ServiceUnavailable, OSError) as exc:
        # the type only: a driver's message may quote the statement's values
        log.warning(
            "could not record the last use of token %s (%s): serving the request anyway",
            principal.token_id,
            type(getattr(exc, "orig", None) or exc).__name__,
        )
        return False
    return True
