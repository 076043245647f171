"""From an HTTP ``Authorization`` header to a ``Principal`` (used by the API's context)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from directory.accounts.permissions import ANONYMOUS, Principal
from directory.accounts.tokens import authenticate
from directory.errors import Unauthenticated


async def principal_from_header(
    session: AsyncSession, authorization: str | None, now: dt.datetime
) -> Principal:
    """ANONYMOUS without a header; the token's principal with ``Bearer <token>``;
    Unauthenticated for any other header or a bad, expired or revoked token."""
    if not authorization:
        return ANONYMOUS
    scheme, _, raw = authorization.partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        raise Unauthenticated(
            "the Authorization header is not 'Bearer <token>': send "
            "'Authorization: Bearer dcna_…' or no header at all for public data"
        )
    return await authenticate(session, raw.strip(), now)
